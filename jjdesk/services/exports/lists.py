"""Record exports to .xlsx: enterprises, initiatives (with milestones and indicators), statistics.

Each is written through ``excel_writer.write_list`` (temporary file renamed when complete, progress, cancel).
Columns carry the enterprise form's own labels, so an exported file imports back unchanged (``imports.enterprises``).

Every export takes ``reporting_unit`` (填报单位, the officer's setting; None: ``excel.style``'s default) and states
its 报告期 in row 2. A statistics export of years without any figure is refused (:class:`NothingToExport`) before
a file is made: an empty table headed 报告期：20年 would only mislead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from jjdesk.services.core import fields
from jjdesk.services.core.progress import CancelFn, ProgressFn, Ticker
from jjdesk.services.core.vocab import CHANNELS, REVIEW_STATUS, SERVICES, VALUE_BASIS, label_of
from jjdesk.services.excel.files import streaming_workbook, write_atomically
from jjdesk.services.excel.style import (
    BOOL,
    COUNT,
    DATE,
    MULTI,
    NUMBER,
    RATE,
    TEXT,
    WAN,
    Column,
    SheetMeta,
    StreamSheet,
    Styles,
)
from jjdesk.services.excel.writer import (
    SAMPLE_ROWS,
    SEQ,
    ExportResult,
    NothingToExport,
    fill_rows,
    today_period,
    write_list,
)
from jjdesk.services.families.enterprise import ENTERPRISE_FAMILY
from jjdesk.services.families.field import Field, is_money
from jjdesk.services.families.initiative import INITIATIVE_FAMILY
from jjdesk.services.records import statistics
from jjdesk.store import export_repo
from jjdesk.store.engine import Database

_KIND_OF = {fields.DATE: DATE, fields.MULTI: MULTI, fields.BOOL: BOOL}


def _review_label(code: Any) -> str:
    return label_of(REVIEW_STATUS, code)


def _field_column(f: Field) -> Column:
    """A field's export column: the form's label, formatted by its kind and unit, summed where it says so."""
    kind = WAN if is_money(f) else _KIND_OF.get(f.spec.kind, TEXT)
    return Column(f.name, f.label, kind, unit=f.unit, total=f.total)


def enterprise_column(key: str) -> Column:
    """The export column of an enterprise field, headed with the form's label (so it imports back)."""
    if key == "review_status":
        return Column(key, "审核状态", TEXT, convert=_review_label)
    return _field_column(ENTERPRISE_FAMILY[key])


# Every exported field in declaration order, then its review state.
ENTERPRISE_KEYS = (*(f.name for f in ENTERPRISE_FAMILY.exported()), "review_status")
ENTERPRISE_COLUMNS: tuple[Column, ...] = tuple(enterprise_column(k) for k in ENTERPRISE_KEYS)


def _vocab_sorted(items: list[str], vocab: Sequence[str]) -> list[str]:
    rank = {v: i for i, v in enumerate(vocab)}
    return sorted(items, key=lambda x: (rank.get(x, len(rank)), x))


def enterprise_rows(db: Database, keys: Sequence[str], ids: Sequence[int] | None = None) -> Iterable[tuple]:
    """Enterprise rows as tuples of ``keys`` from a plain cursor (tags in vocabulary order), streaming."""
    sorters = {
        i: SERVICES if k == "services" else CHANNELS for i, k in enumerate(keys) if k in ("services", "channels")
    }
    with db.session() as s:
        for row in export_repo.iter_enterprise_rows(s, keys, ids):
            if sorters:
                row = tuple(_vocab_sorted(v, sorters[i]) if i in sorters else v for i, v in enumerate(row))
            yield row


def export_enterprises(
    db: Database,
    path: Path | str,
    *,
    columns: Sequence[Column] = ENTERPRISE_COLUMNS,
    ids: Sequence[int] | None = None,
    meta: SheetMeta | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    reporting_unit: str | None = None,
) -> ExportResult:
    """Export enterprises (all, or ``ids`` in that order) with the given columns; see :func:`write_list`."""
    with db.session() as s:
        total = export_repo.count_enterprises(s, ids)
    meta = meta or SheetMeta(
        "外综服平台入驻企业名单", period=today_period(), unit="万元" if any(c.kind == WAN for c in columns) else ""
    )
    rows = enterprise_rows(db, [c.key for c in columns], ids)
    return write_list(
        path,
        columns,
        rows,
        meta,
        sheet_name="入驻企业",
        total=total,
        progress=progress,
        should_cancel=should_cancel,
        reporting_unit=reporting_unit,
    )


# ---------------------------------------------------------------- initiatives


_INITIATIVE = {f.name: _field_column(f) for f in INITIATIVE_FAMILY.exported()}
# The initiative's fields, with what the list computes (milestones done, overdue) before its review state; 备注
# last, as the task force's table has it.
INITIATIVE_COLUMNS = (
    *(c for name, c in _INITIATIVE.items() if name != "notes"),
    Column("progress", "里程碑完成"),
    Column("overdue", "逾期节点", COUNT, total=True),
    Column("review_status", "审核状态", convert=_review_label),
    _INITIATIVE["notes"],
)
MILESTONE_COLUMNS = (
    Column("initiative", "举措名称"),
    Column("due_date", "节点日期", DATE),
    Column("text", "节点内容"),
    Column("done", "已完成", BOOL),
    Column("done_date", "完成日期", DATE),
    Column("state", "节点状态"),
)
INDICATOR_COLUMNS = (
    Column("initiative", "举措名称"),
    Column("name", "指标名称"),
    Column("unit", "单位"),
    Column("target", "目标值", NUMBER),
    Column("actual", "完成值", NUMBER),
    Column("rate", "完成率", RATE, unit="%"),
)


def _milestone_state(m: dict[str, Any]) -> str:
    if m["done"]:
        return "已完成"
    if m["overdue"]:  # the store's one definition (a closed initiative's open steps are not chased)
        return "逾期"
    return "未到期"


def completion_rate(target: Decimal | None, actual: Decimal | None) -> Decimal | None:
    """Actual as a percentage of target, one decimal (None without both or with a zero target)."""
    if target in (None, 0) or actual is None:
        return None
    return (actual / target * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def initiative_detail_parts(db: Database, today: date, ids: Sequence[int] | None = None) -> list[tuple]:
    """The 里程碑 and 目标指标 sheets' parts (name, title, columns, rows as dicts, unit) of all initiatives or of
    ``ids`` (in that order: a filtered, sorted list's)."""
    with db.session() as s:
        milestones = export_repo.milestone_rows(s, today, ids)
        indicators = export_repo.indicator_rows(s, ids)
    if ids is not None:
        rank = {i: n for n, i in enumerate(ids)}
        milestones.sort(key=lambda m: rank[m["initiative_id"]])  # stable: each initiative's own order stays
        indicators.sort(key=lambda x: rank[x["initiative_id"]])
    for m in milestones:
        m["state"] = _milestone_state(m)
    for x in indicators:
        x["rate"] = completion_rate(x["target"], x["actual"])
    return [
        ("里程碑", "工作举措里程碑节点", MILESTONE_COLUMNS, milestones, ""),
        ("目标指标", "工作举措目标指标完成情况", INDICATOR_COLUMNS, indicators, ""),
    ]


def write_parts(wb, styles: Styles, parts: Sequence[tuple], period: str, ticker: Ticker) -> dict[str, int]:
    """Write numbered list sheets from parts (name, title, columns, rows as dicts, unit); rows per sheet."""
    counts = {}
    for name, title, cols, data, unit in parts:
        rows = [tuple(d[c.key] for c in cols) for d in data]
        sheet = StreamSheet(
            wb,
            styles,
            name,
            [SEQ, *cols],
            SheetMeta(title, period=period, unit=unit),
            [(i, *r) for i, r in enumerate(rows[:SAMPLE_ROWS], start=1)],
        )
        fill_rows(sheet, rows, ticker, True)
        sheet.finish()
        counts[name] = sheet.rows_written
    return counts


def export_initiatives(
    db: Database,
    path: Path | str,
    *,
    today: date | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    reporting_unit: str | None = None,
) -> ExportResult:
    """Initiatives on one sheet, their milestones (with overdue ones marked) and target indicators on two more."""
    today = today or date.today()
    with db.session() as s:
        items = export_repo.initiative_rows(s, today)
    for it in items:
        it["progress"] = f"{it['done']}/{it['milestones']}" if it["milestones"] else ""
    parts = [
        ("工作举措", "数字经济工作举措推进情况", INITIATIVE_COLUMNS, items, "万元"),
        *initiative_detail_parts(db, today),
    ]
    ticker = Ticker(progress, should_cancel, sum(len(p[3]) for p in parts))
    counts: dict[str, int] = {}

    def build(tmp: Path) -> None:
        with streaming_workbook() as wb:
            counts.update(write_parts(wb, Styles(reporting_unit), parts, today_period(today), ticker))
            ticker.report()
            ticker.check()
            wb.save(tmp)

    return ExportResult(write_atomically(path, build), counts)


# ---------------------------------------------------------------- statistics


def value_format(unit: str, decimals: int) -> str:
    """The number format of an indicator's values: 亿元 0.00, 万元 #,##0.00, counts #,##0, % 0.0."""
    if unit == "万元":
        return "#,##0.00"
    if unit in ("家", "个", "台", "人", "项") and decimals == 0:
        return "#,##0"
    if unit == "%":
        return "0.0" if decimals <= 1 else "0." + "0" * decimals
    return "0" if decimals == 0 else "0." + "0" * decimals


def stat_wide_columns(years: Sequence[int]) -> list[Column]:
    """指标代码, 指标名称, 计量单位, then for each year its value and its reported growth."""
    cols = [Column("code", "指标代码"), Column("name", "指标名称", width=36), Column("unit", "计量单位")]
    for y in years:
        cols += [Column(f"v{y}", f"{y}年", NUMBER), Column(f"g{y}", f"{y}年增速(%)", RATE)]
    return cols


STAT_LONG_COLUMNS = (
    Column("year", "年份", NUMBER, number_format="0"),
    Column("code", "指标代码"),
    Column("name", "指标名称"),
    Column("unit", "计量单位"),
    Column("value", "数值", NUMBER),
    Column("growth", "增速(%)", RATE),
    Column("basis", "数据性质", convert=lambda c: label_of(VALUE_BASIS, c)),
    Column("source", "数据来源"),
    Column("note", "备注"),
)


def year_span(years: Sequence[int]) -> str:
    """报告期 of some years: 2021年, 2020—2021年, or 2019、2021年 when they are not consecutive."""
    ys = sorted(set(years))
    if not ys:
        return ""
    if len(ys) == 1:
        return f"{ys[0]}年"
    if ys[-1] - ys[0] == len(ys) - 1:
        return f"{ys[0]}—{ys[-1]}年"
    return "、".join(str(y) for y in ys) + "年"


def years_with_figures(db: Database, years: Sequence[int] | None = None) -> list[int]:
    """The years of ``years`` (all when None) holding at least one figure; NothingToExport when none does."""
    with db.session() as s:
        have = export_repo.stat_year_list(s)
    shown = [y for y in have if years is None or y in set(years)]
    if not shown:
        asked = f"{year_span(years)}没有统计数据" if years else "还没有任何统计数据"
        known = f"已有数据的年份：{year_span(have)}。" if have else ("数据库中还没有任何统计数据。" if years else "")
        raise NothingToExport(f"{asked}，未导出文件。{known}")
    return shown


def export_statistics(
    db: Database,
    path: Path | str,
    *,
    years: Sequence[int] | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    reporting_unit: str | None = None,
) -> ExportResult:
    """Indicators down (indented by tree level) and years across with value and reported growth; a long
    table (年份, 指标, 单位, 数值, 增速) on a second sheet. Both lay-outs import back (``imports.statistics``).

    Only years holding figures are exported (the statistics page may show an empty year it was asked to add);
    none at all is refused with :class:`NothingToExport` and no file is made."""
    shown = years_with_figures(db, years)
    grid = statistics.year_grid(db, shown)
    ticker = Ticker(progress, should_cancel, len(grid) * 2)
    counts: dict[str, int] = {}
    period = year_span(shown)

    def build(tmp: Path) -> None:
        styles = Styles(reporting_unit)
        with streaming_workbook() as wb:
            _statistics_sheets(wb, styles, grid, shown, period, ticker, counts)
            ticker.report()
            ticker.check()
            wb.save(tmp)

    return ExportResult(write_atomically(path, build), counts)


def _statistics_sheets(
    wb,
    styles: Styles,
    grid: list[dict[str, Any]],
    shown: list[int],
    period: str,
    ticker: Ticker,
    counts: dict[str, int],
) -> None:
    cols = stat_wide_columns(shown)
    wide = StreamSheet(
        wb,
        styles,
        "统计数据",
        cols,
        SheetMeta("主要统计指标", period=period, unit="见计量单位"),
        [(r["code"], "　" * r["depth"] + r["name"], r["unit"]) + (None,) * (2 * len(shown)) for r in grid],
    )
    long_rows = []
    for r in grid:
        fmt = value_format(r["unit"], r["decimals"])
        values: list[Any] = [r["code"], r["name"], r["unit"]]
        formats: list[str | None] = [None, None, None]
        for y in shown:
            v = r["values"].get(y)
            values += [v["value"] if v else None, v["growth"] if v else None]
            formats += [fmt, None]
            if v:
                long_rows.append(
                    (
                        (
                            y,
                            r["code"],
                            r["name"],
                            r["unit"],
                            v["value"],
                            v["growth"],
                            v["basis"],
                            v["source"],
                            v["note"],
                        ),
                        fmt,
                    )
                )
        wide.append(values, indent=[0, r["depth"]] + [0] * (len(values) - 2), formats=formats)
        ticker.step()
    wide.finish()
    long = StreamSheet(
        wb,
        styles,
        "明细（长表）",
        STAT_LONG_COLUMNS,
        SheetMeta("主要统计指标明细", period=period, unit="见计量单位"),
        [r for r, _ in long_rows],
    )
    for row, fmt in long_rows:
        long.append(row, formats=[None, None, None, None, fmt, None, None, None, None])
        ticker.step()
    long.finish()
    counts.update({"统计数据": wide.rows_written, "明细（长表）": long.rows_written})
