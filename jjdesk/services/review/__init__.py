"""Review and 上报: the review rules and their checks, 核实 explanations, the workflow (submit, approve, return,
reopen), 修改记录, snapshots and submissions with their workbook."""
