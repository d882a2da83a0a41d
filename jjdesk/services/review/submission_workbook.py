"""The submission workbook (上报表): a plain workbook written from the frozen snapshot.

It shows exactly the texts that were hashed, so the file and the recorded hash describe the same data. It is a
streaming workbook like every export (``excel.files``), so every cell goes through the safe-text rule — names,
labels and the 填报单位 given on the command line stay text — and memory stays flat at any record count.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from jjdesk.services.core.audit import ANCHOR_LABEL
from jjdesk.services.excel.files import streaming_workbook
from jjdesk.services.excel.style import DEFAULT_REPORTING_UNIT
from jjdesk.services.records.validation import ENTERPRISE_FIELDS, INITIATIVE_FIELDS
from jjdesk.services.review.reviewables import ENTERPRISE, INITIATIVE, STAT_YEAR
from jjdesk.services.review.rules import VERIFY
from jjdesk.store.models import StatIndicator

if TYPE_CHECKING:
    from jjdesk.services.review.checks import Finding
    from jjdesk.services.review.snapshots import Item
    from jjdesk.services.review.submission_info import SubmissionInfo


def _number(text: str | None) -> Decimal | str | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def _sheet(wb, title: str, header: list[str], rows: Iterable[list]) -> None:
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"  # a write-only sheet takes its properties and widths before the first row
    for i, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(40, 2 * len(name) + 4))
    ws.append(header)
    for row in rows:
        ws.append(row)


def write_workbook(
    path: Path,
    info: SubmissionInfo,
    items: list[Item],
    catalogue: Iterable[StatIndicator],
    findings: list[Finding],
    reporting_unit: str | None = None,
) -> None:
    """Write the submission's workbook to ``path``: a cover sheet with the hash, then one sheet per kind."""
    with streaming_workbook() as wb:
        _write_sheets(wb, info, items, catalogue, findings, reporting_unit)
        wb.save(path)


def _write_sheets(
    wb,
    info: SubmissionInfo,
    items: list[Item],
    catalogue: Iterable[StatIndicator],
    findings: list[Finding],
    reporting_unit: str | None,
) -> None:
    cover = wb.create_sheet("上报说明")
    cover.column_dimensions["A"].width = 20
    cover.column_dimensions["B"].width = 70
    unit = DEFAULT_REPORTING_UNIT if reporting_unit is None else reporting_unit.strip()
    for row in (
        ("填报单位", unit),
        ("年度", info.year),
        ("范围", info.scope_label),
        ("上报人", info.submitted_by),
        ("上报时间", info.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")),
        ("记录数", info.record_count),
        ("内容哈希（SHA-256）", info.content_hash),
        *(((ANCHOR_LABEL, info.anchor),) if info.anchor else ()),
    ):
        cover.append(list(row))

    by_entity: dict[str, list[Item]] = {}
    for item in items:
        by_entity.setdefault(item.entity, []).append(item)
    indicators = list(catalogue)
    for year_item in by_entity.get(STAT_YEAR, []):
        c = year_item.content
        header = ["指标代码", "指标名称", "计量单位", "数值", "增速(%)", "数据性质", "数据来源"]
        _sheet(
            wb,
            f"{c['year']}年统计",
            header,
            (
                [
                    ind.code,
                    ind.name,
                    ind.unit,
                    _number(c[f"{ind.code}·value"]),
                    _number(c[f"{ind.code}·growth"]),
                    c[f"{ind.code}·basis"],
                    c[f"{ind.code}·source"],
                ]
                for ind in indicators
                if f"{ind.code}·value" in c
            ),
        )
    if ENTERPRISE in by_entity:
        specs = [s for s in ENTERPRISE_FIELDS if s.name != "is_demo"]
        _sheet(
            wb,
            "平台企业",
            ["编号", *(s.label for s in specs)],
            (
                [
                    i.id,
                    *(
                        _number(i.content.get(s.name)) if s.name == "export_value" else i.content.get(s.name)
                        for s in specs
                    ),
                ]
                for i in by_entity[ENTERPRISE]
            ),
        )
    if INITIATIVE in by_entity:
        specs = [s for s in INITIATIVE_FIELDS if s.name != "is_demo"]
        _sheet(
            wb,
            "工作举措",
            ["编号", *(s.label for s in specs), "里程碑", "目标指标", "关联企业"],
            (
                [
                    i.id,
                    *(i.content.get(s.name) for s in specs),
                    i.content.get("milestones"),
                    i.content.get("indicators"),
                    i.content.get("links"),
                ]
                for i in by_entity[INITIATIVE]
            ),
        )
    explained = [f for f in findings if f.severity == VERIFY and f.explained]
    if explained:
        _sheet(
            wb,
            "核实说明",
            ["规则", "问题", "记录", "字段", "说明", "说明人"],
            ([f.rule, f.message, f.label, f.field_label, f.explanation, f.explained_by] for f in explained),
        )
