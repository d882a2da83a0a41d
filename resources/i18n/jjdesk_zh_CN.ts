<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>built program</source>
        <translation>打包版</translation>
    </message>
    <message>
        <source>from source</source>
        <translation>源代码运行</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>数据库类型</translation>
    </message>
    <message>
        <source>Schema revision</source>
        <translation>结构版本</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>日志文件夹</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>About jjdesk</source>
        <translation>关于 jjdesk</translation>
    </message>
    <message>
        <source>Jiaojiang Digital Economy Ledger</source>
        <translation>椒江数字经济工作台账</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add User</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>AdminActions</name>
    <message>
        <source>&amp;User Management…</source>
        <translation>用户管理(&amp;U)…</translation>
    </message>
    <message>
        <source>Credit Code &amp;Exceptions…</source>
        <translation>信用代码例外(&amp;E)…</translation>
    </message>
    <message>
        <source>Change My &amp;Password…</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
    <message>
        <source>Requires administrator rights</source>
        <translation>需要管理员权限</translation>
    </message>
    <message>
        <source>Only an administrator can do this; you are signed in as %1 (%2).</source>
        <translation>只有管理员可以执行此操作；您当前以 %1（%2）登录。</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>&amp;Backup and Restore…</source>
        <translation>备份与恢复(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Backup Settings…</source>
        <translation>备份设置(&amp;B)…</translation>
    </message>
    <message>
        <source>Backing up %p%</source>
        <translation>正在备份 %p%</translation>
    </message>
    <message>
        <source>No verified backup of this ledger yet.</source>
        <translation>本台账尚无经过校验的备份。</translation>
    </message>
    <message>
        <source>Last good backup: %1 (%2)</source>
        <translation>上次成功备份：%1（%2）</translation>
    </message>
    <message>
        <source>Backed up and verified: %1 (%2)</source>
        <translation>已备份并校验：%1（%2）</translation>
    </message>
    <message>
        <source>Backup failed: %1</source>
        <translation>备份失败：%1</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backing up today's changes before closing…</source>
        <translation>关闭前正在备份今天的修改…</translation>
    </message>
    <message>
        <source>Backup and Restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Open Read-Only</source>
        <translation>打开查看</translation>
    </message>
    <message>
        <source>The ledger was restored; the previous state is kept as a backup.</source>
        <translation>台账已恢复；恢复前的状态已保存为一份备份。</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Backup and Restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Backups in: %1</source>
        <translation>备份文件夹：%1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Not in the index, or changed since: %1</source>
        <translation>不在备份索引中，或备份后被改动过：%1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Enterprises</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Initiatives</source>
        <translation>举措</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>统计数据</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>备份人</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>备份原因</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>Back Up Now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Back Up To…</source>
        <translation>备份到…</translation>
    </message>
    <message>
        <source>Open Read-Only</source>
        <translation>打开查看</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Requires administrator rights</source>
        <translation>需要管理员权限</translation>
    </message>
    <message>
        <source>Back Up To</source>
        <translation>备份到</translation>
    </message>
    <message>
        <source>Backed up and verified: %1 (%2)</source>
        <translation>已备份并校验：%1（%2）</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backing up and verifying the ledger…</source>
        <translation>正在备份并校验台账…</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Verifying the backup…</source>
        <translation>正在校验备份…</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>恢复这份备份？</translation>
    </message>
    <message>
        <source>Restoring replaces the whole ledger with this backup.</source>
        <translation>恢复会用这份备份替换整个台账。</translation>
    </message>
    <message>
        <source>Not restored; nothing was changed.</source>
        <translation>未恢复，未作任何修改。</translation>
    </message>
    <message>
        <source>Restored from %1. The ledger as it was is backed up as %2.</source>
        <translation>已从 %1 恢复。恢复前的台账已备份为 %2。</translation>
    </message>
    <message>
        <source>Backing up the current ledger, then restoring…</source>
        <translation>正在备份当前台账，然后恢复…</translation>
    </message>
</context>
<context>
    <name>BackupSettingsDialog</name>
    <message>
        <source>Backup Settings</source>
        <translation>备份设置</translation>
    </message>
    <message>
        <source>Back up automatically (first start of each day, and on closing after changes)</source>
        <translation>自动备份（每天首次启动时，以及有修改后关闭时）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Leave the folder blank to keep backups beside the database (%1). A network share or a USB drive can be chosen.</source>
        <translation>文件夹留空则备份保存在数据库旁（%1）。也可以选择网络共享文件夹或U盘。</translation>
    </message>
    <message>
        <source>Backup folder:</source>
        <translation>备份文件夹：</translation>
    </message>
    <message>
        <source>Backup Folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>“%1” is a file, not a folder.</source>
        <translation>“%1”是一个文件，不是文件夹。</translation>
    </message>
</context>
<context>
    <name>BackupViewWindow</name>
    <message>
        <source>READ-ONLY backup %1 (%2) — Jiaojiang Digital Economy Ledger</source>
        <translation>【只读】备份 %1（%2）— 椒江数字经济工作台账</translation>
    </message>
    <message>
        <source>Read-only view of the backup %1 made %2 (signed in: %3). Nothing can be saved here.</source>
        <translation>只读查看：备份 %1（%2 备份，备份人：%3）。此窗口中不能保存任何修改。</translation>
    </message>
</context>
<context>
    <name>BulletinView</name>
    <message>
        <source>Allow a draft from unapproved figures</source>
        <translation>允许用未审核数据起草（草稿）</translation>
    </message>
    <message>
        <source>Draft again</source>
        <translation>重新起草</translation>
    </message>
    <message>
        <source>Copy to clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>The drafted paragraph appears here.</source>
        <translation>起草的公报段落显示在这里。</translation>
    </message>
    <message>
        <source>Wording of the statistical bulletin: reported growth as entered, falls written as 下降, units as stored.</source>
        <translation>按统计公报写法：增速采用填报数，减少写作“下降”，单位与录入一致。</translation>
    </message>
    <message>
        <source>No yearly statistics yet: enter the foreign-trade figures on the Yearly statistics page, then draft the paragraph here.</source>
        <translation>暂无年度统计数据：请先在“年度统计”页录入外贸数据，再在此起草公报段落。</translation>
    </message>
    <message>
        <source>Draft: these figures are not approved yet: %1</source>
        <translation>草稿：以下数据尚未审核通过：%1</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Press Enter or double-click to open the matching records</source>
        <translation>按回车键或双击打开对应记录</translation>
    </message>
    <message>
        <source>Open matching records</source>
        <translation>打开对应记录</translation>
    </message>
    <message>
        <source>Show as chart</source>
        <translation>以图表显示</translation>
    </message>
</context>
<context>
    <name>CheckReportView</name>
    <message>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>全部级别</translation>
    </message>
    <message>
        <source>Run checks</source>
        <translation>运行检查</translation>
    </message>
    <message>
        <source>Explain…</source>
        <translation>填写说明…</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出审核报告…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Run the checks to see the review report.</source>
        <translation>运行检查后在此查看审核报告。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>%1 findings: mandatory %2, verify %3 (%4 without explanation), notice %5.</source>
        <translation>共 %1 条问题：强制 %2 条，核实 %3 条（其中 %4 条未说明），提示 %5 条。</translation>
    </message>
    <message>
        <source>Submission is blocked until the mandatory errors are corrected and every verify finding is explained.</source>
        <translation>须改正全部强制性错误并为每条核实问题填写说明后才能上报。</translation>
    </message>
    <message>
        <source>Nothing blocks submission.</source>
        <translation>没有妨碍上报的问题。</translation>
    </message>
    <message>
        <source>all years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>Export review report</source>
        <translation>导出审核报告</translation>
    </message>
</context>
<context>
    <name>ChoiceEditor</name>
    <message>
        <source>Please choose</source>
        <translation>请选择</translation>
    </message>
</context>
<context>
    <name>CodeExceptionsDialog</name>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Registered by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Registered at</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Check result</source>
        <translation>校验结果</translation>
    </message>
    <message>
        <source>Credit Code Exceptions</source>
        <translation>信用代码例外</translation>
    </message>
    <message>
        <source>A few legally issued early credit codes fail their own check character. Register such a code here, exactly as issued and with the reason (for example the document that confirms it): that one code can then be entered and passes rule ENT-01. Nothing else is relaxed; every registration and revocation is audited.</source>
        <translation>少数早期合法发放的统一社会信用代码通不过其自身的校验码。请在此按原样登记这样的代码并写明原因（例如核实的文件）：此后该代码可以录入，并通过规则 ENT-01。其他校验一概不放宽；每次登记和撤销都记入修改记录。</translation>
    </message>
    <message>
        <source>18 characters, exactly as on the licence</source>
        <translation>18位，与营业执照上完全一致</translation>
    </message>
    <message>
        <source>Why this code is legal, and who confirmed it</source>
        <translation>该代码为何合法，由谁核实</translation>
    </message>
    <message>
        <source>Register Exception</source>
        <translation>登记例外</translation>
    </message>
    <message>
        <source>Register a code</source>
        <translation>登记代码</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>撤销…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 registered exceptions</source>
        <translation>已登记 %1 个例外</translation>
    </message>
    <message>
        <source>Type the code to see what its check says.</source>
        <translation>输入代码后显示其校验结果。</translation>
    </message>
    <message>
        <source>The code passes its check; it needs no exception.</source>
        <translation>该代码能通过校验，无须登记为例外。</translation>
    </message>
    <message>
        <source>%1 is registered as an exception.</source>
        <translation>已将 %1 登记为例外。</translation>
    </message>
    <message>
        <source>Revoke Exception</source>
        <translation>撤销例外</translation>
    </message>
    <message>
        <source>Why is %1 no longer accepted? Enterprises holding this code fail the credit-code check again.</source>
        <translation>为何不再接受 %1？撤销后，使用该代码的企业将重新不能通过信用代码校验。</translation>
    </message>
    <message>
        <source>The exception for %1 is revoked.</source>
        <translation>已撤销 %1 的例外。</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <source>Map Columns</source>
        <translation>对应列</translation>
    </message>
    <message>
        <source>Choose the field each column of the file fills. Columns marked in yellow were not recognised from their header; choose “Ignore” for a column that should not be imported.</source>
        <translation>请为文件中的每一列选择对应的字段。黄色标出的列未能按表头识别；不需要导入的列请选择“忽略”。</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>示例数据</translation>
    </message>
    <message>
        <source>Imports as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>(no header)</source>
        <translation>（无表头）</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Check Again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Required field without a column: %1</source>
        <translation>以下必填字段没有对应的列：%1</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Changed by someone else</source>
        <translation>记录已被他人修改</translation>
    </message>
    <message>
        <source>another user</source>
        <translation>其他用户</translation>
    </message>
    <message>
        <source>This record was changed by %1 after you opened it (you opened version %2; the database now holds version %3). Your changes have not been saved.</source>
        <translation>您打开此记录后，%1 修改了它（您打开的是第%2版，数据库中现为第%3版）。您的修改尚未保存。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>您的值</translation>
    </message>
    <message>
        <source>Current value in the database</source>
        <translation>数据库中的当前值</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Both you and the other user changed this field.</source>
        <translation>您和对方都修改了此字段。</translation>
    </message>
    <message>
        <source>Highlighted fields were changed by both of you.</source>
        <translation>标黄的字段双方都修改过。</translation>
    </message>
    <message>
        <source>The other user also changed: %1 (kept either way).</source>
        <translation>对方还修改了：%1（无论如何选择都会保留）。</translation>
    </message>
    <message>
        <source>Reload (discard my changes)</source>
        <translation>重新载入（放弃我的修改）</translation>
    </message>
    <message>
        <source>Keep my changes and overwrite</source>
        <translation>保留我的修改并覆盖</translation>
    </message>
    <message>
        <source>Saves the fields listed above over the current version.</source>
        <translation>将上表所列字段按当前版本重新保存，覆盖对方的值。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>jjdesk ran into an unexpected error and did not finish what it was doing:
%1

The database holds only what was saved before (every save is complete or not written at all). The window stays open and what you typed in the forms is still there: check it and save again.</source>
        <translation>jjdesk 遇到意外错误，刚才的操作没有完成：
%1

数据库中只有此前已保存的内容（每次保存要么完整写入，要么完全不写入）。窗口仍然打开，表单中已填写的内容都还在：请核对后重新保存。</translation>
    </message>
    <message>
        <source>The log file is in %1</source>
        <translation>日志文件在 %1</translation>
    </message>
    <message>
        <source>Copy error details</source>
        <translation>复制错误信息</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CrossTabModel</name>
    <message>
        <source>Double-click to open these records</source>
        <translation>双击打开这些记录</translation>
    </message>
    <message>
        <source>No list filter expresses this group</source>
        <translation>该分组无法用列表筛选条件表示</translation>
    </message>
</context>
<context>
    <name>CrossTabView</name>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>%1 (unit: %2)</source>
        <translation>%1（单位：%2）</translation>
    </message>
    <message>
        <source>Export cross-tab</source>
        <translation>导出透视表</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the workbook…</source>
        <translation>正在写入工作簿…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Platform enterprises</source>
        <translation>平台入驻企业</translation>
    </message>
    <message>
        <source>Joined this year</source>
        <translation>今年新入驻</translation>
    </message>
    <message>
        <source>Initiatives</source>
        <translation>工作举措</translation>
    </message>
    <message>
        <source>Overdue milestones</source>
        <translation>逾期节点</translation>
    </message>
    <message>
        <source>Foreign trade total</source>
        <translation>外贸进出口总额</translation>
    </message>
    <message>
        <source>Growth on last year</source>
        <translation>比上年增长</translation>
    </message>
    <message>
        <source>Services used</source>
        <translation>平台服务使用</translation>
    </message>
    <message>
        <source>Initiatives by progress</source>
        <translation>举措推进状态</translation>
    </message>
    <message>
        <source>Platform members by month (cumulative)</source>
        <translation>平台入驻企业累计（按月）</translation>
    </message>
    <message>
        <source>Members by industry cluster</source>
        <translation>入驻企业按产业集群</translation>
    </message>
    <message>
        <source>Members by enterprise type</source>
        <translation>入驻企业按企业类型</translation>
    </message>
    <message>
        <source>Exports by enterprise type</source>
        <translation>出口额按企业类型</translation>
    </message>
    <message>
        <source>Initiative progress by category</source>
        <translation>举措推进状态按类别</translation>
    </message>
    <message>
        <source>Click a bar, point or slice to open its records; Enter or right-click shows the figures as a table</source>
        <translation>点击柱形、数据点或扇区可打开对应记录；按回车键或右键可用表格查看数据</translation>
    </message>
    <message>
        <source>No platform enterprises yet: add them on the Platform enterprises page or import a spreadsheet</source>
        <translation>暂无平台企业：请在“平台企业”页录入，或导入表格</translation>
    </message>
    <message>
        <source>No platform enterprise has a join date yet</source>
        <translation>暂无填写了入驻日期的平台企业</translation>
    </message>
    <message>
        <source>The yearly statistics hold no exports by enterprise type yet</source>
        <translation>年度统计中暂无按企业类型分列的出口额</translation>
    </message>
    <message>
        <source>No initiatives yet</source>
        <translation>暂无工作举措</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Could not load the summary: %1</source>
        <translation>无法加载汇总：%1</translation>
    </message>
    <message>
        <source>Figures as of %1 · click a figure, bar or slice to open its records</source>
        <translation>数据截至 %1 · 点击数字、柱形或扇区可打开对应记录</translation>
    </message>
    <message>
        <source>enterprises</source>
        <translation>家</translation>
    </message>
    <message>
        <source>joined in %1</source>
        <translation>%1年入驻</translation>
    </message>
    <message>
        <source>initiatives</source>
        <translation>项</translation>
    </message>
    <message>
        <source>in %1 initiatives, past due and not done</source>
        <translation>涉及%1项举措，已过期未完成</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2年 · %3</translation>
    </message>
    <message>
        <source>no figure yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>未填报</translation>
    </message>
    <message>
        <source>increase, as reported</source>
        <translation>增长（填报数）</translation>
    </message>
    <message>
        <source>decrease, as reported</source>
        <translation>下降（填报数）</translation>
    </message>
    <message>
        <source>Exports by enterprise type (%1)</source>
        <translation>出口额按企业类型（%1）</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>e.g. %1</source>
        <translation>如 %1</translation>
    </message>
    <message>
        <source>Pick a date (Alt+Down)</source>
        <translation>选择日期（Alt+↓）</translation>
    </message>
</context>
<context>
    <name>DifferencesDialog</name>
    <message>
        <source>Submission %1 compared with now</source>
        <translation>第 %1 次上报与当前数据比较</translation>
    </message>
    <message>
        <source>Warning: the stored snapshot no longer matches its hash; it was altered after submission.</source>
        <translation>警告：保存的上报快照与其哈希值不符，上报后已被改动。</translation>
    </message>
    <message>
        <source>%1 differences since submission %2 (%3, %4).</source>
        <translation>自第 %2 次上报（%3，%4）以来共有 %1 处变化。</translation>
    </message>
    <message>
        <source>No differences: the data is as submitted in submission %2 (%3, %4).</source>
        <translation>没有变化：数据与第 %2 次上报（%3，%4）时一致。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>EnterpriseForm</name>
    <message>
        <source>New enterprise</source>
        <translation>新增企业</translation>
    </message>
</context>
<context>
    <name>EnterprisePicker</name>
    <message>
        <source>Search enterprise: name, credit code or contact</source>
        <translation>搜索企业：名称、信用代码或联系人</translation>
    </message>
    <message>
        <source>Role of the enterprise in this initiative</source>
        <translation>企业在本举措中的角色</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>关联</translation>
    </message>
</context>
<context>
    <name>EnterprisesPage</name>
    <message>
        <source>Review status</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Search name, credit code or contact</source>
        <translation>搜索企业名称、信用代码或联系人</translation>
    </message>
    <message>
        <source>enterprise types</source>
        <translation>企业类型</translation>
    </message>
    <message>
        <source>industry clusters</source>
        <translation>产业集群</translation>
    </message>
    <message>
        <source>platform services</source>
        <translation>使用服务</translation>
    </message>
    <message>
        <source>review states</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <source>joined from</source>
        <translation>入驻日期起</translation>
    </message>
    <message>
        <source>joined until</source>
        <translation>入驻日期止</translation>
    </message>
    <message>
        <source>Platform enterprises</source>
        <translation>平台入驻企业</translation>
    </message>
</context>
<context>
    <name>ExcelActions</name>
    <message>
        <source>Export to E&amp;xcel…</source>
        <translation>导出到 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Initiatives with Milestones and Indicators…</source>
        <translation>工作举措（含里程碑和目标指标）…</translation>
    </message>
    <message>
        <source>&amp;Meeting Pack…</source>
        <translation>会议材料(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Import from Excel…</source>
        <translation>从 Excel 导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export Settings…</source>
        <translation>导出设置(&amp;E)…</translation>
    </message>
    <message>
        <source>Import / E&amp;xport</source>
        <translation>导入 / 导出(&amp;X)</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Export Initiatives</source>
        <translation>导出工作举措</translation>
    </message>
    <message>
        <source>Initiatives with milestones</source>
        <translation>工作举措及里程碑</translation>
    </message>
    <message>
        <source>Meeting Pack</source>
        <translation>会议材料</translation>
    </message>
    <message>
        <source>Report year:</source>
        <translation>报告年度：</translation>
    </message>
    <message>
        <source>Meeting pack %1</source>
        <translation>会议材料_%1年</translation>
    </message>
</context>
<context>
    <name>ExplanationDialog</name>
    <message>
        <source>Rule %1: %2</source>
        <translation>规则 %1：%2</translation>
    </message>
    <message>
        <source>Explain why this value is right (source, basis, reason for the change). The explanation is kept with exactly these values and shown wherever they are.</source>
        <translation>请说明该数值为何无误（来源、口径、变动原因）。说明与这些数值绑定保存，凡显示这些数值处均显示说明。</translation>
    </message>
    <message>
        <source>Explanation for verification</source>
        <translation>核实说明</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The explanation is empty; nothing was saved.</source>
        <translation>说明为空，未保存任何内容。</translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入“%1”…</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>已保存“%1”。</translation>
    </message>
    <message>
        <source>%1 rows written.</source>
        <translation>共写入 %1 行。</translation>
    </message>
    <message>
        <source>Open File</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>导出已取消，未生成文件。</translation>
    </message>
    <message>
        <source>The file could not be written.</source>
        <translation>文件未能写入。</translation>
    </message>
</context>
<context>
    <name>ExportSettingsDialog</name>
    <message>
        <source>Export Settings</source>
        <translation>导出设置</translation>
    </message>
    <message>
        <source>Printed as 填报单位 in the second line of every exported workbook. Leave it empty for the default (%1).</source>
        <translation>打印在每个导出工作簿第二行的“填报单位”。留空则使用默认值（%1）。</translation>
    </message>
    <message>
        <source>Reporting unit:</source>
        <translation>填报单位：</translation>
    </message>
</context>
<context>
    <name>FigureCard</name>
    <message>
        <source>Click to open the matching records</source>
        <translation>点击打开对应记录</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search name, credit code or contact</source>
        <translation>搜索企业名称、信用代码或联系人</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>All %1</source>
        <translation>全部%1</translation>
    </message>
    <message>
        <source>+%1 more conditions</source>
        <translation>另有 %1 个条件</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation>共 %1 条</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Change history: %1</source>
        <translation>修改记录：%1</translation>
    </message>
    <message>
        <source>%1 changes recorded. Each change was written in the same transaction as the change itself and is protected by the audit chain.</source>
        <translation>共 %1 条修改记录。每条记录与修改本身在同一事务中写入，并受审计链保护。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>Export change history</source>
        <translation>导出修改记录</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Jiaojiang Digital Economy Ledger</source>
        <translation>椒江数字经济工作台账</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation>数据结构版本</translation>
    </message>
    <message>
        <source>Platform enterprises</source>
        <translation>平台入驻企业</translation>
    </message>
    <message>
        <source>Initiatives</source>
        <translation>工作举措</translation>
    </message>
    <message>
        <source>Statistics figures</source>
        <translation>统计数据</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>修改记录条数</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <source>Enterprises</source>
        <translation>企业名单</translation>
    </message>
    <message>
        <source>Yearly statistics</source>
        <translation>年度统计</translation>
    </message>
    <message>
        <source>Choose an .xlsx or .csv file</source>
        <translation>请选择 .xlsx 或 .csv 文件</translation>
    </message>
    <message>
        <source>Choose File…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Credit code already registered:</source>
        <translation>信用代码已登记时：</translation>
    </message>
    <message>
        <source>update the registered enterprise</source>
        <translation>更新已登记的企业</translation>
    </message>
    <message>
        <source>skip the row</source>
        <translation>跳过该行</translation>
    </message>
    <message>
        <source>stop (import nothing)</source>
        <translation>停止（不导入任何数据）</translation>
    </message>
    <message>
        <source>Reason for changing final figures:</source>
        <translation>修改最终核实数的原因：</translation>
    </message>
    <message>
        <source>Only needed when the file changes a final figure</source>
        <translation>仅当文件修改最终核实数时需要填写</translation>
    </message>
    <message>
        <source>Map Columns…</source>
        <translation>对应列…</translation>
    </message>
    <message>
        <source>Save Error Report…</source>
        <translation>保存错误报告…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose File to Import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <source>Excel or CSV (*.xlsx *.csv);;All files (*)</source>
        <translation>Excel 或 CSV 文件 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking “%1”…</source>
        <translation>正在检查“%1”…</translation>
    </message>
    <message>
        <source>Checking was cancelled; choose the file again to check it.</source>
        <translation>检查已取消。如需检查，请重新选择文件。</translation>
    </message>
    <message>
        <source>%1 rows · %2 new · %3 already registered · %4 problems</source>
        <translation>共 %1 行 · 新增 %2 · 已登记 %3 · 问题 %4</translation>
    </message>
    <message>
        <source>%1 rows · %2 figures new or changed · %3 unchanged · %4 problems</source>
        <translation>共 %1 行 · 新增或修改 %2 个数 · 无变化 %3 · 问题 %4</translation>
    </message>
    <message>
        <source>%1 new</source>
        <translation>新增 %1 条</translation>
    </message>
    <message>
        <source>%1 updated</source>
        <translation>更新 %1 条</translation>
    </message>
    <message>
        <source>%1 unchanged</source>
        <translation>无变化 %1 条</translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation>跳过 %1 条</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>%1 figures new or changed</source>
        <translation>新增或修改 %1 个数</translation>
    </message>
    <message>
        <source>Ready to import: %1. Nothing is written until you click Import.</source>
        <translation>可以导入：%1。点击“导入”之前不会写入任何数据。</translation>
    </message>
    <message>
        <source>%1 of them are final figures changed without a reason: write it in the box above.</source>
        <translation>其中%1处是修改最终核实数而未填写原因：请在上方框中填写。</translation>
    </message>
    <message>
        <source>: write it in the box “Reason for changing final figures” above</source>
        <translation>：请在上方“修改最终核实数的原因”框中填写</translation>
    </message>
    <message>
        <source>Click “Map Columns…” to choose what each column of the file holds.</source>
        <translation>可点击“对应列…”，逐列选择文件中每一列的内容。</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>说明：%1</translation>
    </message>
    <message>
        <source>Choose what to import and the file. The file is checked first; nothing is written until you click Import.</source>
        <translation>请选择导入内容和文件。系统先检查文件，点击“导入”之前不会写入任何数据。</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>The file holds no rows to import.</source>
        <translation>文件中没有可导入的数据行。</translation>
    </message>
    <message>
        <source>The review rules would flag %1 figures (listed below as 审核提示). As when saving a form, this does not stop the import; fix or explain them before submitting.</source>
        <translation>审核规则会对%1处数据提出提示（见下表“审核提示”）。与在表单中保存一样，这不影响导入；上报前须修正或说明。</translation>
    </message>
    <message>
        <source>The file changes %1 final figures. Write the reason in the box above (it is kept with each revision); the file itself needs no change.</source>
        <translation>文件会修改%1个最终核实数。请在上方框中填写修改原因（随每条修订保存），文件本身无需改动。</translation>
    </message>
    <message>
        <source>%1 problems found: nothing will be imported. Fix them in the file (the error report marks every cell) and check again.</source>
        <translation>发现 %1 处问题，不会导入任何数据。请在文件中改正（错误报告标出了每个出错的单元格）后重新检查。</translation>
    </message>
    <message>
        <source>Import is possible once the file has no problems.</source>
        <translation>文件没有任何问题时才能导入。</translation>
    </message>
    <message>
        <source>error report</source>
        <translation>错误报告</translation>
    </message>
    <message>
        <source>Save Error Report</source>
        <translation>保存错误报告</translation>
    </message>
    <message>
        <source>Importing “%1”…</source>
        <translation>正在导入“%1”…</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was written.</source>
        <translation>导入已取消，未写入任何数据。</translation>
    </message>
</context>
<context>
    <name>InitiativeForm</name>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Milestones</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <source>Target indicators</source>
        <translation>目标指标</translation>
    </message>
    <message>
        <source>Linked enterprises</source>
        <translation>关联企业</translation>
    </message>
    <message>
        <source>New initiative</source>
        <translation>新增工作举措</translation>
    </message>
</context>
<context>
    <name>InitiativesPage</name>
    <message>
        <source>Review status</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <source>Search name, lead department or owner</source>
        <translation>搜索举措名称、牵头单位或责任人</translation>
    </message>
    <message>
        <source>initiative categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>progress states</source>
        <translation>进展状态</translation>
    </message>
    <message>
        <source>lead departments</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>review states</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <source>Only overdue</source>
        <translation>仅看逾期</translation>
    </message>
    <message>
        <source>Initiatives with a milestone past its date and not done (finished or cancelled initiatives excepted)</source>
        <translation>有里程碑节点已过期且未完成的举措（已完成、已取消的举措除外）</translation>
    </message>
    <message>
        <source>Initiatives</source>
        <translation>工作举措</translation>
    </message>
</context>
<context>
    <name>LazyTableModel</name>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Could not load the list</source>
        <translation>列表加载失败</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Create administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the administrator's account: the administrator adds the other users (data entry, reviewers) afterwards.</source>
        <translation>该数据库还没有用户。请先创建管理员账号，再由管理员添加其他用户（录入员、审核员）。</translation>
    </message>
    <message>
        <source>Sign in to the Jiaojiang Digital Economy Ledger.</source>
        <translation>登录椒江数字经济工作台账。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>At least %1 characters, not the user name.</source>
        <translation>至少 %1 个字符，不能与用户名相同。</translation>
    </message>
    <message>
        <source>Create and sign in</source>
        <translation>创建并登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Please enter the user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Please enter the password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Jiaojiang Digital Economy Ledger</source>
        <translation>椒江数字经济工作台账</translation>
    </message>
    <message>
        <source>&amp;Open Database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Switch &amp;User…</source>
        <translation>切换用户(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;New Record</source>
        <translation>新建记录(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Paste Rows from Excel…</source>
        <translation>从 Excel 粘贴行…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;About jjdesk</source>
        <translation>关于 jjdesk(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language will change the next time jjdesk starts.</source>
        <translation>界面语言将在下次启动 jjdesk 时生效。</translation>
    </message>
    <message>
        <source>Open Database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>jjdesk database (*.db);;All files (*)</source>
        <translation>jjdesk 数据库 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Database already open</source>
        <translation>数据库已打开</translation>
    </message>
    <message>
        <source>This database is already open in another jjdesk window (%1):
%2

Switch to that window.</source>
        <translation>该数据库已在另一个 jjdesk 窗口中打开（%1）：
%2

请切换到那个窗口。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>User: %1 (%2)</source>
        <translation>用户：%1（%2）</translation>
    </message>
    <message>
        <source>Enterprises %1 · Initiatives %2 · Figures %3</source>
        <translation>企业 %1 · 举措 %2 · 统计数据 %3</translation>
    </message>
</context>
<context>
    <name>MultiEditor</name>
    <message>
        <source>Others, separated by 、</source>
        <translation>其他（用顿号“、”分隔）</translation>
    </message>
    <message>
        <source>Other %1</source>
        <translation>其他%1</translation>
    </message>
</context>
<context>
    <name>PageRegistry</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Enterprises</source>
        <translation>平台企业</translation>
    </message>
    <message>
        <source>Initiatives</source>
        <translation>工作举措</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>年度统计</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
</context>
<context>
    <name>PastePreviewDialog</name>
    <message>
        <source>Paste Rows from Excel</source>
        <translation>从 Excel 粘贴行</translation>
    </message>
    <message>
        <source>(do not import)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>The first row was read as column headers; each column's field can be changed in the box under its header.</source>
        <translation>已将第一行识别为表头；可在各列标题下方的下拉框中更改该列对应的字段。</translation>
    </message>
    <message>
        <source>No header row was found: columns are taken in the order of the enterprise table's visible columns. Change a column's field in the box under its header.</source>
        <translation>未识别到表头：各列按企业表当前显示的列顺序对应。可在各列标题下方的下拉框中更改该列对应的字段。</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>插入</translation>
    </message>
    <message>
        <source>Nothing to insert: the pasted text holds no rows.</source>
        <translation>没有可插入的内容：粘贴的文本中没有数据行。</translation>
    </message>
    <message>
        <source>%1 rows, all valid</source>
        <translation>共 %1 行，全部有效</translation>
    </message>
    <message>
        <source>%1 rows, %2 valid, %3 with errors</source>
        <translation>共 %1 行，有效 %2 行，%3 行有错误</translation>
    </message>
    <message>
        <source>; %1 column problems to resolve first</source>
        <translation>；另有 %1 个列问题需先处理</translation>
    </message>
    <message>
        <source>Fix every marked problem first.</source>
        <translation>请先改正所有标出的问题。</translation>
    </message>
    <message>
        <source>Problems (click one to go to the cell)</source>
        <translation>问题（点击可定位到单元格）</translation>
    </message>
    <message>
        <source>… and %1 more (marked in red in the table)</source>
        <translation>……另有 %1 个问题（已在表格中标红）</translation>
    </message>
    <message>
        <source>Inserting %1 rows…</source>
        <translation>正在插入 %1 行…</translation>
    </message>
    <message>
        <source>Nothing was inserted</source>
        <translation>未插入任何数据</translation>
    </message>
    <message>
        <source>Rows inserted</source>
        <translation>已插入</translation>
    </message>
    <message>
        <source>%1 enterprises were added as drafts.</source>
        <translation>已新增 %1 家企业（草稿）。</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Printed %1</source>
        <translation>打印日期：%1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页 / 共 %2 页</translation>
    </message>
    <message>
        <source>Cannot write the file</source>
        <translation>无法写入文件</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>PDF not saved</source>
        <translation>PDF 未保存</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>表头</translation>
    </message>
</context>
<context>
    <name>ProgressJob</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Undo all unsaved changes in this form</source>
        <translation>撤销本表单中所有未保存的修改</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>新记录</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red first.</source>
        <translation>请先改正标红的字段。</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Not saved: please correct the fields marked in red.</source>
        <translation>未保存：请改正标红的字段。</translation>
    </message>
    <message>
        <source>Reloaded the current version; your changes were discarded.</source>
        <translation>已重新载入当前版本，您的修改已放弃。</translation>
    </message>
    <message>
        <source>Not saved: the record was changed by someone else.</source>
        <translation>未保存：该记录已被他人修改。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>This form has unsaved changes. Discard them?</source>
        <translation>表单中有未保存的修改，是否放弃？</translation>
    </message>
    <message>
        <source>Save the changes to this record?</source>
        <translation>保存对此记录的修改吗？</translation>
    </message>
</context>
<context>
    <name>RecordHeader</name>
    <message>
        <source>New record, not saved yet</source>
        <translation>新记录，尚未保存</translation>
    </message>
    <message>
        <source>%1 · version %2 · last changed by %3 at %4</source>
        <translation>%1 · 第%2版 · %3 于 %4 修改</translation>
    </message>
    <message>
        <source>Returned: %1</source>
        <translation>退回原因：%1</translation>
    </message>
    <message>
        <source>This record is “%1” and cannot be changed here; a reviewer can return or reopen it.</source>
        <translation>该记录处于“%1”状态，不能在此修改；如需修改，请审核员退回或重新打开。</translation>
    </message>
</context>
<context>
    <name>RecordReviewBar</name>
    <message>
        <source>(explained: %1)</source>
        <translation>（已说明：%1）</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Explain…</source>
        <translation>填写说明…</translation>
    </message>
    <message>
        <source>Write the explanation a verification (核实) finding needs</source>
        <translation>为核实性问题填写说明</translation>
    </message>
    <message>
        <source>Change history…</source>
        <translation>修改记录…</translation>
    </message>
    <message>
        <source>Review rules: no findings.</source>
        <translation>审核规则：未发现问题。</translation>
    </message>
    <message>
        <source>Not submitted</source>
        <translation>未上报</translation>
    </message>
</context>
<context>
    <name>RecordWorkspace</name>
    <message>
        <source>Delete record</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <source>Delete “%1”? The deletion is kept in the change history.</source>
        <translation>确定删除“%1”吗？删除会记入修改记录。</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>未删除</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>修改“%1”</translation>
    </message>
    <message>
        <source>Cannot undo</source>
        <translation>无法撤销</translation>
    </message>
    <message>
        <source>Paste rows</source>
        <translation>粘贴行</translation>
    </message>
    <message>
        <source>The clipboard is empty. Copy rows in Excel or WPS first.</source>
        <translation>剪贴板为空，请先在 Excel 或 WPS 中复制行。</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Work list</source>
        <translation>待办与批量审核</translation>
    </message>
    <message>
        <source>Review report</source>
        <translation>审核报告</translation>
    </message>
    <message>
        <source>Submission</source>
        <translation>上报</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>Last changed by</source>
        <translation>最后修改人</translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>Submitted at</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Return reason</source>
        <translation>退回原因</translation>
    </message>
    <message>
        <source>not explained</source>
        <translation>未说明</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>核实说明</translation>
    </message>
</context>
<context>
    <name>ReviewQueueView</name>
    <message>
        <source>Waiting for my review</source>
        <translation>待我审核</translation>
    </message>
    <message>
        <source>Returned to me</source>
        <translation>退回给我的</translation>
    </message>
    <message>
        <source>Submitted by me, awaiting review</source>
        <translation>我提交、待审核的</translation>
    </message>
    <message>
        <source>All records (filter)</source>
        <translation>全部记录（可筛选）</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Name contains…</source>
        <translation>名称包含…</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>Explain…</source>
        <translation>填写说明…</translation>
    </message>
    <message>
        <source>Write the explanation a verification (核实) finding needs before submission</source>
        <translation>为核实性问题填写上报前必需的说明</translation>
    </message>
    <message>
        <source>Change history…</source>
        <translation>修改记录…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>%1 records · %2 selected</source>
        <translation>共 %1 条 · 已选 %2 条</translation>
    </message>
    <message>
        <source>Select a record to see its rules and history.</source>
        <translation>选择一条记录，查看其审核问题和修改记录。</translation>
    </message>
    <message>
        <source>%1 “%2” · %3 · version %4 · reviewer %5</source>
        <translation>%1“%2” · %3 · 第 %4 版 · 审核人 %5</translation>
    </message>
    <message>
        <source>Returned by %1: %2</source>
        <translation>%1 退回：%2</translation>
    </message>
    <message>
        <source>Reason (shown to the person who entered the record):</source>
        <translation>原因（将告知录入人）：</translation>
    </message>
    <message>
        <source>A reason is required; nothing was changed.</source>
        <translation>须填写原因，未作任何修改。</translation>
    </message>
    <message>
        <source>%1 the %2 selected records?</source>
        <translation>对所选 %2 条记录执行“%1”？</translation>
    </message>
    <message>
        <source>%1: %2 records done.</source>
        <translation>%1：已完成 %2 条。</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未执行</translation>
    </message>
</context>
<context>
    <name>SetPasswordDialog</name>
    <message>
        <source>Change My Password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Reset Password</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <source>An administrator reset your password. Set one that only you know to continue.</source>
        <translation>管理员重置了您的密码。请设置一个只有您自己知道的新密码后继续。</translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation>当前登录用户：%1。</translation>
    </message>
    <message>
        <source>Set a new password for %1. The user's lock is cleared; tell them the new password in person.</source>
        <translation>为 %1 设置新密码，同时解除该用户的锁定。请当面告知新密码。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>原密码</translation>
    </message>
    <message>
        <source>Change Password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Set Password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>Please enter your current password.</source>
        <translation>请输入原密码。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>StatMappingDialog</name>
    <message>
        <source>Map Statistics Columns</source>
        <translation>统计数据对应列</translation>
    </message>
    <message>
        <source>Choose what each column of the statistics file holds. Columns marked in yellow were not recognised from their header; choose “Ignore” for a column that should not be imported.</source>
        <translation>请为统计数据文件中的每一列选择它的内容。黄色标出的列未能按表头识别；不需要导入的列请选择“忽略”。</translation>
    </message>
    <message>
        <source>&amp;Long table: one figure per row (year, indicator, value…)</source>
        <translation>长表(&amp;L)：每行一个数（年份、指标、数值…）</translation>
    </message>
    <message>
        <source>&amp;Wide table: indicators down, years across</source>
        <translation>宽表(&amp;W)：指标纵向排列，年份横向排列</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>表格布局：</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>示例数据</translation>
    </message>
    <message>
        <source>Imports as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>(no header)</source>
        <translation>（无表头）</translation>
    </message>
    <message>
        <source>Check Again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Value of the year</source>
        <translation>某年数值</translation>
    </message>
    <message>
        <source>Growth of the year (%)</source>
        <translation>某年增速(%)</translation>
    </message>
    <message>
        <source>Column %1: %2</source>
        <translation>%1列：%2</translation>
    </message>
    <message>
        <source>Required without a column: %1</source>
        <translation>以下必填项没有对应的列：%1</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <source>Yearly statistics</source>
        <translation>年度统计</translation>
    </message>
    <message>
        <source>Add year</source>
        <translation>添加年份</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Selected figure</source>
        <translation>所选数据</translation>
    </message>
    <message>
        <source>Required when a final figure changes</source>
        <translation>修改最终核实数时必填</translation>
    </message>
    <message>
        <source>Save figure details</source>
        <translation>保存数据说明</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>数据性质</translation>
    </message>
    <message>
        <source>Reason for change</source>
        <translation>修改原因</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计数据</translation>
    </message>
    <message>
        <source>Statistics %1</source>
        <translation>%1年统计</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1年 %2</translation>
    </message>
    <message>
        <source>Select a value or growth cell to see its details.</source>
        <translation>选中数值或增速单元格以查看详情。</translation>
    </message>
    <message>
        <source>no figures yet</source>
        <translation>尚无数据</translation>
    </message>
    <message>
        <source>Year status: %1</source>
        <translation>年度状态：%1</translation>
    </message>
    <message>
        <source>version %1 · last changed by %2 at %3</source>
        <translation>第%1版 · %2 于 %3 修改</translation>
    </message>
    <message>
        <source>%1 earlier version(s) kept</source>
        <translation>保留了%1个历史版本</translation>
    </message>
    <message>
        <source>Type a value or growth in the grid first.</source>
        <translation>请先在表格中填写数值或增速。</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存：%1。</translation>
    </message>
</context>
<context>
    <name>SubTable</name>
    <message>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>删除行</translation>
    </message>
</context>
<context>
    <name>SubmissionView</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>Submitted at</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Content hash</source>
        <translation>内容哈希</translation>
    </message>
    <message>
        <source>Workbook</source>
        <translation>上报文件</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>增减额</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>As submitted</source>
        <translation>上报时</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Note for the level above (optional)</source>
        <translation>给上级的说明（可选）</translation>
    </message>
    <message>
        <source>Check and submit…</source>
        <translation>检查并上报…</translation>
    </message>
    <message>
        <source>Only reviewers and administrators submit.</source>
        <translation>只有审核员和管理员可以上报。</translation>
    </message>
    <message>
        <source>A submission is refused while a mandatory error remains, a verify finding has no explanation, or a record in scope is not approved.</source>
        <translation>存在强制性错误、核实问题未说明或范围内有未审核通过的记录时，不能上报。</translation>
    </message>
    <message>
        <source>Compare with now…</source>
        <translation>与现在比较…</translation>
    </message>
    <message>
        <source>Submissions</source>
        <translation>上报记录</translation>
    </message>
    <message>
        <source>Submission workbook</source>
        <translation>上报文件</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Checking and submitting…</source>
        <translation>正在检查并上报…</translation>
    </message>
    <message>
        <source>Submission %6 of %2 (%3) was already recorded with the same %1 records: only its workbook was written again, nothing was recorded twice. Content hash %4. Workbook: %5</source>
        <translation>%2 年（%3）的上报已于上次记录（编号 %6，共 %1 条记录），本次只补写了上报文件，未重复记录。内容哈希 %4。上报文件：%5</translation>
    </message>
    <message>
        <source>Submitted %1 records of %2 (%3). Content hash %4. Workbook: %5</source>
        <translation>已上报 %2 年（%3）共 %1 条记录。内容哈希 %4。上报文件：%5</translation>
    </message>
    <message>
        <source>Not submitted</source>
        <translation>未上报</translation>
    </message>
</context>
<context>
    <name>SummaryChart</name>
    <message>
        <source>Show as table</source>
        <translation>以表格显示</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>Cross-tab</source>
        <translation>透视</translation>
    </message>
    <message>
        <source>Year comparison</source>
        <translation>年度对比</translation>
    </message>
    <message>
        <source>Bulletin paragraph</source>
        <translation>公报段落</translation>
    </message>
    <message>
        <source>Summary · %1</source>
        <translation>汇总 · %1</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>Failed attempts</source>
        <translation>连续输错次数</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>At least %1 characters, not the user name.</source>
        <translation>至少 %1 个字符，不能与用户名相同。</translation>
    </message>
    <message>
        <source>Strong enough.</source>
        <translation>密码强度合格。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>User Management</source>
        <translation>用户管理</translation>
    </message>
    <message>
        <source>Data entry clerks enter and submit, reviewers approve, return and reopen, administrators manage users and settings. Passwords are kept only as salted scrypt hashes: nobody can read them, a forgotten one is reset here.</source>
        <translation>录入员录入并提交，审核员审核通过、退回和重新打开，管理员管理用户和设置。密码只以加盐的 scrypt 散列保存，任何人都无法读出；忘记密码时在此重设。</translation>
    </message>
    <message>
        <source>Add User…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <source>Change Role…</source>
        <translation>修改角色…</translation>
    </message>
    <message>
        <source>Change Full Name…</source>
        <translation>修改姓名…</translation>
    </message>
    <message>
        <source>Reset Password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解除锁定</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>User %1 added as %2.</source>
        <translation>已添加用户 %1（%2）。</translation>
    </message>
    <message>
        <source>Change Role</source>
        <translation>修改角色</translation>
    </message>
    <message>
        <source>New role for %1:</source>
        <translation>%1 的新角色：</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 现为%2。</translation>
    </message>
    <message>
        <source>Change Full Name</source>
        <translation>修改姓名</translation>
    </message>
    <message>
        <source>Full name of %1:</source>
        <translation>%1 的姓名：</translation>
    </message>
    <message>
        <source>Full name of %1 changed.</source>
        <translation>已修改 %1 的姓名。</translation>
    </message>
    <message>
        <source>New password set for %1.</source>
        <translation>已为 %1 设置新密码。</translation>
    </message>
    <message>
        <source>%1 is unlocked and may sign in again.</source>
        <translation>已解除 %1 的锁定，可以重新登录。</translation>
    </message>
    <message>
        <source>Disable User</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>Disable %1? They can no longer sign in; their records and history stay.</source>
        <translation>停用 %1？停用后不能再登录，其录入的记录和修改记录保留。</translation>
    </message>
    <message>
        <source>%1 is disabled.</source>
        <translation>已停用 %1。</translation>
    </message>
    <message>
        <source>%1 is enabled.</source>
        <translation>已启用 %1。</translation>
    </message>
</context>
<context>
    <name>YearCompareModel</name>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>%1 value</source>
        <translation>%1年数值</translation>
    </message>
    <message>
        <source>%1 reported growth</source>
        <translation>%1年增速（填报）</translation>
    </message>
    <message>
        <source>%1 review</source>
        <translation>%1年审核状态</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>增减额</translation>
    </message>
    <message>
        <source>Relative change</source>
        <translation>增减幅度</translation>
    </message>
    <message>
        <source>Explanations</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>YearCompareView</name>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>with</source>
        <translation>与</translation>
    </message>
    <message>
        <source>Reported growth is as entered (comparable basis); the relative change is computed from the two values, so the two can differ.</source>
        <translation>填报增速按可比口径录入；增减幅度由两年数值计算，两者可能不同。</translation>
    </message>
    <message>
        <source>The statistics catalogue has no indicators yet: add them on the Yearly statistics page.</source>
        <translation>统计指标目录中还没有指标：请在“年度统计”页添加。</translation>
    </message>
    <message>
        <source>Neither %1 nor %2 has figures yet.</source>
        <translation>%1年和%2年均暂无数据。</translation>
    </message>
</context>
<context>
    <name>YearGridModel</name>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Growth (%)</source>
        <translation>增速(%)</translation>
    </message>
    <message>
        <source>Implied (%)</source>
        <translation>推算(%)</translation>
    </message>
    <message>
        <source>Growth implied by last year's value, for comparison only; the reported growth is what was published.</source>
        <translation>按上年数值推算的增速，仅供对照；公布的增速以填报为准。</translation>
    </message>
    <message>
        <source>Implied by last year's value: %1%</source>
        <translation>按上年数值推算：%1%</translation>
    </message>
    <message>
        <source>Differs from the reported growth by more than 0.1 percentage point.</source>
        <translation>与填报增速相差超过0.1个百分点。</translation>
    </message>
</context>
<context>
    <name>_PreviewModel</name>
    <message>
        <source>This column is not imported.</source>
        <translation>此列不导入。</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>第%1列</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Cannot open database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Database already open</source>
        <translation>数据库已打开</translation>
    </message>
    <message>
        <source>This database is already open in another jjdesk window (%1):
%2

Only one window at a time may work on a database. Opening it read-only beside the other window is not available; this copy will close.</source>
        <translation>该数据库已在另一个 jjdesk 窗口中打开（%1）：
%2

同一个数据库同一时间只能在一个窗口中使用。本程序不提供在另一个窗口旁以只读方式打开；本次启动将关闭。</translation>
    </message>
    <message>
        <source>Show the open window</source>
        <translation>切换到已打开的窗口</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The other window did not answer. Switch to it yourself.</source>
        <translation>另一个窗口没有响应，请手动切换到该窗口。</translation>
    </message>
</context>
</TS>
