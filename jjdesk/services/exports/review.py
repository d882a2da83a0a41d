"""The review's two tables for paper: the 审核报告 (every failed rule with its values and explanation) and a
record's 修改记录 (field by field, old → new), in the same government-table frame as every other export."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from jjdesk.services.core.progress import CancelFn, ProgressFn
from jjdesk.services.excel.style import Column, SheetMeta
from jjdesk.services.excel.writer import ExportResult, write_list
from jjdesk.services.review.checks import CheckReport, Finding
from jjdesk.services.review.history import HistoryRow
from jjdesk.services.review.reviewables import ENTITY_LABELS
from jjdesk.services.review.rules import SCOPES, SEVERITY_NOTES

CHECK_COLUMNS = (
    Column("severity", "级别", width=8),
    Column("rule", "规则编号", width=10),
    Column("title", "规则", width=22),
    Column("entity", "类别", width=10),
    Column("label", "记录", width=28),
    Column("field", "字段", width=14),
    Column("message", "问题及数值", width=60),
    Column("explanation", "核实说明", width=40),
    Column("explained_by", "说明人", width=10),
)

HISTORY_COLUMNS = (
    Column("at", "时间", width=20),
    Column("user", "操作人", width=10),
    Column("action", "操作", width=10),
    Column("record", "记录", width=28),
    Column("field", "字段", width=16),
    Column("old", "原值", width=30),
    Column("new", "新值", width=30),
    Column("reason", "原因", width=30),
)


def _finding_row(f: Finding) -> tuple:
    return (
        f.severity,
        f.rule,
        f.title,
        ENTITY_LABELS.get(f.entity, f.entity),
        f.label,
        f.field_label,
        f.message,
        f.explanation or ("未说明" if f.severity == "核实" else ""),
        f.explained_by or "",
    )


def export_check_report(
    report: CheckReport,
    path: Path | str,
    *,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    reporting_unit: str | None = None,
) -> ExportResult:
    """Write the 审核报告 of ``report``: one row per finding, most severe first, with the counts above it."""
    counts = report.counts
    tally = "　".join(f"{sev}{counts[sev]}条" for sev in SEVERITY_NOTES) + f"（其中核实未说明{counts['未说明']}条）"
    period = f"{report.year}年" if report.year else "全部年度"
    meta = SheetMeta(
        "审核报告",
        period=f"{period}　范围：{SCOPES.get(report.scope, report.scope)}",
        notes=(
            f"检查时间：{report.checked_at.astimezone().strftime('%Y-%m-%d %H:%M')}　{tally}",
            *(f"{sev}：{note}" for sev, note in SEVERITY_NOTES.items()),
        ),
    )
    return write_list(
        path,
        CHECK_COLUMNS,
        (_finding_row(f) for f in report.findings),
        meta,
        sheet_name="审核报告",
        total=len(report.findings),
        progress=progress,
        should_cancel=should_cancel,
        reporting_unit=reporting_unit,
    )


def export_history(
    rows: Sequence[HistoryRow],
    path: Path | str,
    record_label: str,
    today: date | None = None,
    reporting_unit: str | None = None,
) -> ExportResult:
    """Write one record's 修改记录: who changed which field from what to what, when and why."""
    today = today or date.today()
    meta = SheetMeta(f"修改记录：{record_label}", period=f"截至{today:%Y-%m-%d}")
    data = (
        (r.at_text, r.user, r.action_label, r.record, r.field_label, r.old or "", r.new or "", r.reason) for r in rows
    )
    return write_list(
        path, HISTORY_COLUMNS, data, meta, sheet_name="修改记录", total=len(rows), reporting_unit=reporting_unit
    )
