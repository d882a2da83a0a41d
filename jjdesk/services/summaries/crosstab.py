"""Cross-tabs (透视): a row dimension, an optional column dimension and a measure, with honest totals.

Cells, row totals, column totals and the grand total are each one GROUP BY in SQL (``summary_repo.grouped``),
never a sum of rows loaded into Python. Money stays exact: sums are Decimal from the scaled integers SQLite
adds; an average is that exact sum divided by the number of records with a value, rounded to two decimals.

Service is multi-valued (a link table): an enterprise using 通关 and 退税 counts under both. Totals are
therefore computed, not added up: a total *across* services counts each enterprise once (and sums its export
value once), so it can be less than the sum of the service cells. ``CrossTab.additive_rows`` /
``additive_columns`` say whether a total equals the sum of its cells (then the workbook writes a live SUM
formula); the sheet's note says why where it does not. Enterprises with no service form the row "（未使用服务）",
so the grand total is all enterprises.

Click-through: ``cell_filters`` / ``row_filters`` / ``column_filters`` / ``total_filter`` use the keys of
``services.summaries.dashboard`` (the list pages' own filter keys plus "page"); {} where no list filter can express a
group
(no cluster, no service, no join date, no lead department).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from jjdesk.services.core.vocab import (
    CLUSTERS,
    ENTERPRISE_TYPES,
    INITIATIVE_CATEGORIES,
    INITIATIVE_STATUSES,
    REVIEW_STATUS,
    SERVICES,
)
from jjdesk.services.excel.cells import Formula, safe_cell
from jjdesk.services.excel.files import streaming_workbook, write_atomically
from jjdesk.services.excel.style import (
    COUNT,
    FIRST_DATA_ROW,
    TEXT,
    WAN,
    Column,
    SheetMeta,
    StreamSheet,
    Styles,
    style_cell,
)
from jjdesk.services.excel.writer import ExportResult
from jjdesk.services.summaries.dashboard import (
    ENTERPRISES,
    INITIATIVES,
    MISSING,
    enterprise_filter,
    initiative_filter,
    month_end,
    vocab_order,
)
from jjdesk.store import summary_repo
from jjdesk.store.engine import Database

# key -> Chinese label, enterprises' dimensions first (the order the picker shows).
DIMENSIONS: dict[str, str] = {
    "enterprise_type": "企业类型",
    "cluster": "产业集群",
    "service": "平台服务",
    "join_year": "入驻年份",
    "join_month": "入驻月份",
    "review_status": "审核状态",
    "category": "举措类别",
    "status": "推进状态",
    "lead_department": "牵头单位",
}
DIMENSION_KIND: dict[str, str] = {
    **{k: ENTERPRISES for k in summary_repo.ENTERPRISE_DIMENSIONS},
    **{k: INITIATIVES for k in summary_repo.INITIATIVE_DIMENSIONS},
}

# key -> Chinese label; which record kind each applies to, and its money column (None: a count).
MEASURES: dict[str, str] = {
    "count": "数量",
    "export_sum": "年出口额合计",
    "export_avg": "年出口额平均",
    "funds_sum": "资金合计",
    "funds_avg": "资金平均",
}
MEASURE_KINDS: dict[str, tuple[str, ...]] = {
    "count": (ENTERPRISES, INITIATIVES),
    "export_sum": (ENTERPRISES,),
    "export_avg": (ENTERPRISES,),
    "funds_sum": (INITIATIVES,),
    "funds_avg": (INITIATIVES,),
}
_MONEY = {"export_sum": "export_value", "export_avg": "export_value", "funds_sum": "funds", "funds_avg": "funds"}
_COUNT_UNIT = {ENTERPRISES: "家", INITIATIVES: "项"}
_RECORDS = {ENTERPRISES: "企业", INITIATIVES: "举措"}
_VOCAB: dict[str, Sequence[str]] = {
    "enterprise_type": ENTERPRISE_TYPES,
    "cluster": CLUSTERS,
    "service": SERVICES,
    "review_status": tuple(REVIEW_STATUS),
    "category": INITIATIVE_CATEGORIES,
    "status": INITIATIVE_STATUSES,
}
CENT = Decimal("0.01")
MULTI_VALUED = frozenset({"service"})
NO_SERVICE = "（未使用服务）"
TOTAL = "合计"


def measures_for(dimension: str) -> list[str]:
    """The measures valid for a dimension's record kind, in MEASURES order."""
    kind = _kind(dimension)
    return [m for m in MEASURES if kind in MEASURE_KINDS[m]]


def dimensions_for(kind: str) -> list[str]:
    """The dimensions of one record kind ("enterprises" or "initiatives"), in DIMENSIONS order."""
    return [d for d in DIMENSIONS if DIMENSION_KIND[d] == kind]


def _kind(dimension: str) -> str:
    try:
        return DIMENSION_KIND[dimension]
    except KeyError:
        raise ValueError(f"“{dimension}”不是可用的分组维度，应为：{'、'.join(DIMENSIONS)}") from None


@dataclass(frozen=True)
class CrossTab:
    """A computed cross-tab. ``cells[i][j]`` is row i, column j: int for counts, exact Decimal for money,
    None where no record has a value. Without a column dimension there is one column, headed by the measure.
    """

    row: str
    column: str | None
    measure: str
    kind: str
    title: str
    unit: str
    row_labels: list[str]
    column_labels: list[str]
    cells: list[list[int | Decimal | None]]
    row_totals: list[int | Decimal | None]
    column_totals: list[int | Decimal | None]
    grand_total: int | Decimal | None
    cell_filters: list[list[dict[str, Any]]]
    row_filters: list[dict[str, Any]]
    column_filters: list[dict[str, Any]]
    total_filter: dict[str, Any]
    additive_rows: bool  # each row's total is the sum of its cells
    additive_columns: bool  # each column's total is the sum of its cells
    notes: list[str] = field(default_factory=list)

    @property
    def is_count(self) -> bool:
        return self.measure == "count"


# ---------------------------------------------------------------- labels and filters of group values


def _label(dimension: str, value: Any) -> str:
    if value is None or value == "":
        return NO_SERVICE if dimension == "service" else MISSING
    if dimension == "join_month":
        return f"{int(value) // 100}-{int(value) % 100:02d}"
    if dimension == "join_year":
        return f"{int(value)}年"
    if dimension == "review_status":
        return REVIEW_STATUS.get(value, value)
    return str(value)


def _criteria(dimension: str, value: Any) -> dict[str, Any] | None:
    """The list filter of one group value; None when no list filter expresses it."""
    if value is None or value == "":
        return None
    if dimension == "join_year":
        y = int(value)
        return {"join_from": date(y, 1, 1), "join_to": date(y, 12, 31)}
    if dimension == "join_month":
        y, m = divmod(int(value), 100)
        return {"join_from": date(y, m, 1), "join_to": month_end(y, m)}
    return {dimension: value}


def _filter(kind: str, *parts: dict[str, Any] | None) -> dict[str, Any]:
    if any(p is None for p in parts):
        return {}
    merged: dict[str, Any] = {}
    for p in parts:
        merged.update(p or {})
    return enterprise_filter(**merged) if kind == ENTERPRISES else initiative_filter(**merged)


def _order(dimension: str, values: Sequence[Any]) -> list[Any]:
    if dimension in ("join_year", "join_month"):
        present = set(values)
        return sorted(v for v in present if v is not None) + ([None] if None in present else [])
    return vocab_order(list(values), _VOCAB.get(dimension, ()))


# ---------------------------------------------------------------- computing


def _value(measure: str, records: int, total: Decimal | None, valued: int) -> int | Decimal | None:
    if measure == "count":
        return records
    if not valued or total is None:
        return None
    if measure.endswith("_avg"):
        return (total / valued).quantize(CENT, rounding=ROUND_HALF_UP)
    return total


def crosstab(db: Database, row: str, column: str | None, measure: str) -> CrossTab:
    """Aggregate ``measure`` by ``row`` (and ``column``): cells, totals and click-through filters.

    Both dimensions must be of the same record kind and the measure valid for it; ValueError (Chinese) if not.
    """
    kind = _kind(row)
    if column is not None:
        if _kind(column) != kind:
            raise ValueError(f"“{DIMENSIONS[row]}”与“{DIMENSIONS[column]}”不属于同一类记录，不能交叉汇总")
        if column == row:
            raise ValueError("行与列不能是同一个维度")
    if measure not in MEASURES:
        raise ValueError(f"“{measure}”不是可用的汇总指标，应为：{'、'.join(MEASURES)}")
    if kind not in MEASURE_KINDS[measure]:
        raise ValueError(f"“{MEASURES[measure]}”不适用于{_RECORDS[kind]}")
    money = _MONEY.get(measure)
    with db.session() as s:
        dims = [row] if column is None else [row, column]
        cell_rows = summary_repo.grouped(s, kind, dims, money)
        row_rows = summary_repo.grouped(s, kind, [row], money) if column is not None else cell_rows
        col_rows = summary_repo.grouped(s, kind, [column], money) if column is not None else []
        (grand,) = summary_repo.grouped(s, kind, [], money)

    def val(r: Sequence[Any]) -> int | Decimal | None:
        return _value(measure, r[-3], r[-2], r[-1])

    row_values = _order(row, [r[0] for r in row_rows])
    row_total = {r[0]: val(r) for r in row_rows}
    if column is None:
        col_values: list[Any] = [None]
        cells = {(r[0], None): val(r) for r in cell_rows}
        col_total = {None: val(grand)}
        col_labels = [MEASURES[measure]]
    else:
        col_values = _order(column, [r[0] for r in col_rows])
        cells = {(r[0], r[1]): val(r) for r in cell_rows}
        col_total = {r[0]: val(r) for r in col_rows}
        col_labels = [_label(column, v) for v in col_values]
    empty = 0 if measure == "count" else None
    matrix = [[cells.get((rv, cv), empty) for cv in col_values] for rv in row_values]
    row_crit = [_criteria(row, v) for v in row_values]
    col_crit = [_criteria(column, v) if column else {} for v in col_values]
    additive = not measure.endswith("_avg")
    unit = _COUNT_UNIT[kind] if measure == "count" else "万元"
    title = f"{_RECORDS[kind]}{MEASURES[measure]}按{DIMENSIONS[row]}" + (f"和{DIMENSIONS[column]}" if column else "")
    notes = _notes(kind, row, column, measure)
    return CrossTab(
        row=row,
        column=column,
        measure=measure,
        kind=kind,
        title=title + "汇总",
        unit=unit,
        row_labels=[_label(row, v) for v in row_values],
        column_labels=col_labels,
        cells=matrix,
        row_totals=[row_total.get(v, empty) for v in row_values],
        column_totals=[col_total.get(v, empty) for v in col_values],
        grand_total=val(grand),
        cell_filters=[[_filter(kind, rc, cc) for cc in col_crit] for rc in row_crit],
        row_filters=[_filter(kind, rc) for rc in row_crit],
        column_filters=[_filter(kind, cc) for cc in col_crit],
        total_filter=_filter(kind),
        # A row's total adds up its cells when the *column* dimension is single-valued, and vice versa.
        additive_rows=additive and column not in MULTI_VALUED,
        additive_columns=additive and row not in MULTI_VALUED,
        notes=notes,
    )


def _notes(kind: str, row: str, column: str | None, measure: str) -> list[str]:
    notes = []
    if MULTI_VALUED & {row, column}:
        notes.append(
            "说明：一家企业可使用多项平台服务，在其使用的每项服务中各计一次；跨服务的合计按企业去重计算，"
            "因此可能小于各服务之和。未使用任何服务的企业列为“（未使用服务）”。"
        )
    if measure.endswith("_avg"):
        what = "年出口额" if kind == ENTERPRISES else "资金"
        notes.append(
            f"说明：平均值为已填{what}的{_RECORDS[kind]}的算术平均，合计行（列）为全部相应记录的平均，不是各格之和。"
        )
    if measure.startswith("export"):
        notes.append("年出口额为企业填报的最近一个完整年度数，单位万元。")
    return notes


# ---------------------------------------------------------------- export


def export_crosstab(tab: CrossTab, path: Path | str, reporting_unit: str | None = None) -> Path:
    """Write the cross-tab as a formatted workbook (government-table frame, A4) and return its path.

    The 合计 column and row hold live ``SUM`` formulas where a total is the sum of its cells; elsewhere
    (averages, totals across the multi-valued service dimension) they hold the computed value, and the note
    under the table says why.
    """
    return _export(tab, path, reporting_unit).path


def _export(tab: CrossTab, path: Path | str, reporting_unit: str | None = None) -> ExportResult:
    from openpyxl.utils import get_column_letter

    kind = COUNT if tab.is_count else WAN
    fmt = "#,##0" if tab.is_count else "#,##0.00"
    head = f"{DIMENSIONS[tab.row]}＼{DIMENSIONS[tab.column]}" if tab.column else DIMENSIONS[tab.row]
    value_cols = [Column(f"c{j}", label, kind, number_format=fmt) for j, label in enumerate(tab.column_labels)]
    with_total_col = tab.column is not None
    cols = [Column("label", head, TEXT), *value_cols]
    if with_total_col:
        cols.append(Column("total", TOTAL, kind, number_format=fmt))
    meta = SheetMeta(tab.title, unit=tab.unit, period=f"截至{date.today():%Y年%m月%d日}")
    n_rows, n_vals = len(tab.row_labels), len(value_cols)
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + n_rows - 1
    counts: dict[str, int] = {}

    def build(tmp: Path) -> None:
        st = Styles(reporting_unit)
        with streaming_workbook() as wb:
            sample = [
                [label, *cells, total]
                for label, cells, total in zip(tab.row_labels, tab.cells, tab.row_totals, strict=True)
            ][:200]
            sheet = StreamSheet(wb, st, "透视表", cols, meta, sample)
            ws = sheet.ws

            def cell(value: Any, col: Column, bold: bool = False):
                c = safe_cell(ws, value)
                style_cell(c, st, col, font=st.total_font if bold else None, fill=st.total_fill if bold else None)
                return c

            for i, (label, cells, total) in enumerate(zip(tab.row_labels, tab.cells, tab.row_totals, strict=True)):
                r = first + i
                out = [cell(label, cols[0]), *(cell(v, c) for v, c in zip(cells, value_cols, strict=True))]
                if with_total_col:
                    formula = Formula(f"=SUM(B{r}:{get_column_letter(1 + n_vals)}{r})")
                    out.append(cell(formula if tab.additive_rows else total, cols[-1], bold=True))
                ws.append(out)
                sheet.rows_written += 1
            totals = [cell(TOTAL, cols[0], bold=True)]
            for j, (value, c) in enumerate(zip(tab.column_totals, value_cols, strict=True)):
                letter = get_column_letter(2 + j)
                totals.append(
                    cell(
                        Formula(f"=SUM({letter}{first}:{letter}{last})") if tab.additive_columns and n_rows else value,
                        c,
                        bold=True,
                    )
                )
            if with_total_col:
                letter = get_column_letter(2 + n_vals)
                grand = (
                    Formula(f"=SUM({letter}{first}:{letter}{last})")
                    if tab.additive_columns and tab.additive_rows and n_rows
                    else tab.grand_total
                )
                totals.append(cell(grand, cols[-1], bold=True))
            totals[0].alignment = st.center
            ws.append(totals)
            sheet.finish(total_label=None)
            if tab.notes:
                ws.append([])
                for note in tab.notes:
                    ws.append([note])
            counts[ws.title] = sheet.rows_written
            wb.save(tmp)

    return ExportResult(write_atomically(path, build), counts)
