"""The look of jjdesk's spreadsheets: the conventions of Chinese government tables, written in streaming mode.

Every list sheet has the same frame: a title row, a line with 填报单位 / 报告期 on the left and 单位 on the right,
one bold header row (frozen, with an autofilter), the data, and a 合计 row of live ``SUBTOTAL(109, …)``
formulas under the columns where a total means something (so the total follows Excel's autofilter: it adds up
the rows left showing). Number formats follow the statistics office: 亿元 ``0.00``, 万元 ``#,##0.00``, rates
``0.0``, counts ``#,##0``; dates are real date cells. It prints on A4 landscape with the title rows repeated on
each page and 第 &P 页 / 共 &N 页 in the footer; one page wide when that stays readable, else across pages with
the key columns repeated (``excel.layout``, which also lays the frame out so that no text is cut).

填报单位 is the officer's own (a setting, ``--unit`` on the command line): a workbook's :class:`Styles` carry it
and every sheet whose :class:`SheetMeta` names none shows it.

Sheets are written with openpyxl's write-only mode and one styled cell per column that is reused for every row
(performance.md: the cheapest way to write styled cells), so memory stays flat whatever the row count.

Safe text: every cell goes through ``excel.cells`` (the workbook's sheets are guarded by
``excel.files.streaming_workbook``): a value a spreadsheet would take for a formula is a quote-prefixed text cell,
and the only formulas are the totals made from :class:`~jjdesk.services.excel.cells.Formula`. The sheet keeps a
quoted variant of each column's reused cell so that such values cost no more than others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from jjdesk.services.excel.cells import Formula, guard_sheet, needs_quote, safe_cell
from jjdesk.services.excel.layout import (
    display_width,
    first_page_columns,
    info_line,
    print_plan,
    title_height,
    wrapped_lines,
)

TEXT, COUNT, WAN, YI, RATE, NUMBER, DATE, DATETIME, BOOL, MULTI = (
    "text",
    "count",
    "wan",
    "yi",
    "rate",
    "number",
    "date",
    "datetime",
    "bool",
    "multi",
)

NUMBER_FORMATS = {
    TEXT: "@",
    COUNT: "#,##0",
    WAN: "#,##0.00",
    YI: "0.00",
    RATE: "0.0",
    NUMBER: "General",
    DATE: "yyyy-mm-dd",
    DATETIME: "yyyy-mm-dd hh:mm",
    BOOL: "General",
    MULTI: "@",
}
NUMERIC_KINDS = frozenset({COUNT, WAN, YI, RATE, NUMBER})
_DIRECT_TYPES = frozenset({str, int, Decimal, float})  # bool is not here: it is shown as 是/否
TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = HEADER_ROW + 1
FONT_NAME = "宋体"
FOOTER = "第 &P 页 / 共 &N 页"
DEFAULT_REPORTING_UNIT = "椒江区经科局"


@dataclass(frozen=True)
class Column:
    """One exported column: the value's key, its Chinese header, its kind (number format) and unit.

    ``total`` puts a SUM under the column in the 合计 row; ``convert`` maps the stored value to what is shown
    (a review-status code to its label); ``wrap`` wraps long text inside the column's width (the row is made
    tall enough), for sentences such as a finding or an explanation.
    """

    key: str
    header: str
    kind: str = TEXT
    unit: str = ""
    total: bool = False
    width: float | None = None
    convert: Callable[[Any], Any] | None = None
    number_format: str | None = None
    wrap: bool = False

    @property
    def heading(self) -> str:
        """The header as printed: the unit in full-width brackets unless the header already names it."""
        if self.unit and self.unit not in self.header:
            return f"{self.header}（{self.unit}）"
        return self.header

    @property
    def fmt(self) -> str:
        """The Excel number format of the column's cells."""
        return self.number_format or NUMBER_FORMATS.get(self.kind, "General")


@dataclass(frozen=True)
class SheetMeta:
    """The two lines above a table: its title, and 填报单位 / 报告期 / 单位.

    ``reporting_unit`` None means the workbook's (:class:`Styles`); "" leaves 填报单位 out. ``notes`` follow
    报告期 on the same line (the active filter of a list, the date a pack was compiled).
    """

    title: str
    reporting_unit: str | None = None
    period: str = ""
    unit: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def info_parts(self, default_unit: str = DEFAULT_REPORTING_UNIT) -> list[str]:
        """The left parts of the second line: 填报单位, 报告期 and the notes."""
        unit = default_unit if self.reporting_unit is None else self.reporting_unit
        parts = [f"填报单位：{unit}"] if unit else []
        if self.period:
            parts.append(f"报告期：{self.period}")
        return parts + [n for n in self.notes if n]

    def info_left(self, default_unit: str = DEFAULT_REPORTING_UNIT) -> str:
        """The left part of the second line on one line."""
        return "　　".join(self.info_parts(default_unit))


def shown_text(col: Column, value: Any) -> str:
    """Roughly how a value is displayed, for fitting column widths."""
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return "2021-02-19 00:00" if col.kind == DATETIME else "2021-02-19"
    if isinstance(value, Decimal | int | float) and col.kind in (WAN, COUNT):
        return f"{value:,.2f}"
    return str(value)


def fit_widths(columns: Sequence[Column], sample: Iterable[Sequence[Any]]) -> list[float]:
    """Column widths from the header and a sample of shown values, clamped to 6–50 characters."""
    widest = [max(display_width(line) for line in c.heading.split("\n")) for c in columns]
    for row in sample:
        for i, (c, v) in enumerate(zip(columns, row, strict=False)):
            widest[i] = max(widest[i], display_width(shown_text(c, v)))
    return [c.width or min(50.0, max(6.0, w + 2.0)) for c, w in zip(columns, widest, strict=True)]


def shown_value(col: Column, value: Any) -> Any:
    """The value as it goes into the cell (lists joined with 、, booleans as 是/否, codes as labels)."""
    if col.convert is not None:
        value = col.convert(value)
    if value is None:
        return None
    if col.kind == MULTI and isinstance(value, (list, tuple)):
        return "、".join(value)
    if col.kind == BOOL or isinstance(value, bool):
        return "是" if value else "否"
    if col.kind == DATE and isinstance(value, datetime):
        return value.date()
    if col.kind == DATETIME and isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone().replace(tzinfo=None)  # Excel has no time zones: show local time
    return value


class Styles:
    """The style objects of one workbook, made once (openpyxl imported only when a file is written)."""

    def __init__(self, reporting_unit: str | None = None) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.reporting_unit = DEFAULT_REPORTING_UNIT if reporting_unit is None else reporting_unit.strip()

        thin = Side(style="thin", color="808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.title_font = Font(name="黑体", size=16, bold=True)
        self.info_font = Font(name=FONT_NAME, size=10)
        self.header_font = Font(name=FONT_NAME, size=11, bold=True)
        self.body_font = Font(name=FONT_NAME, size=10)
        self.total_font = Font(name=FONT_NAME, size=10, bold=True)
        self.header_fill = PatternFill("solid", fgColor="D9E1F2")
        self.total_fill = PatternFill("solid", fgColor="F2F2F2")
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center")
        self.right = Alignment(horizontal="right", vertical="center")
        self.Alignment = Alignment

    def body_alignment(self, col: Column, indent: int = 0):
        """Numbers right, dates and yes/no centred, text left (indented for tree levels)."""
        if indent:
            return self.Alignment(horizontal="left", vertical="center", indent=indent)
        if col.wrap:
            return self.Alignment(horizontal="left", vertical="center", wrap_text=True)
        if col.kind in NUMERIC_KINDS:
            return self.right
        if col.kind in (DATE, DATETIME, BOOL):
            return self.center
        return self.left


def style_cell(cell, styles: Styles, col: Column, *, font=None, fill=None, indent: int = 0, quote: bool = False):
    """Give a cell the body style of ``col`` (number format, font, border, alignment)."""
    cell.font = font or styles.body_font
    cell.border = styles.border
    cell.number_format = col.fmt
    cell.alignment = styles.body_alignment(col, indent)
    if fill is not None:
        cell.fill = fill
    if quote:
        cell.quotePrefix = True
    return cell


@cache
def _reused_cell_type():
    """A cell class whose style id is looked up once: the styled cell reused for every row of a column.

    openpyxl looks a cell's style up in the workbook's style table for every cell it writes (hashing the
    style each time); a reused cell's style never changes after :meth:`freeze`, so that is done once.
    """
    from openpyxl.cell.cell import Cell

    class ReusedCell(Cell):
        """A cell whose style is fixed once :meth:`freeze` has been called."""

        __slots__ = ("_frozen_id",)

        def freeze(self):
            """Look the style up now; later style changes are not seen (so none are made)."""
            self._frozen_id = Cell.style_id.fget(self)
            return self

        @property
        def style_id(self):
            """The style's index in the workbook, looked up by :meth:`freeze`."""
            return self._frozen_id

    return ReusedCell


def reused_cell(
    ws, styles: Styles, col: Column, *, indent: int = 0, quote: bool = False, number_format: str | None = None
):
    """A styled cell for ``col`` to be reused for every row (style fixed from now on)."""
    cell = _reused_cell_type()(ws, row=1, column=1)
    style_cell(cell, styles, col, indent=indent, quote=quote)
    if number_format:
        cell.number_format = number_format
    return cell.freeze()


class StreamSheet:
    """A write-only sheet in the government-table frame; feed it rows with :meth:`append`, then :meth:`finish`.

    Column widths must be known before the first row in write-only mode, so the caller passes a sample of the
    first rows (the exporters peek at up to 500); the print plan (fitted or across pages) follows from them.
    """

    def __init__(
        self,
        workbook,
        styles: Styles,
        name: str,
        columns: Sequence[Column],
        meta: SheetMeta,
        sample: Sequence[Sequence[Any]] = (),
        key_columns: int | None = None,
    ) -> None:
        from openpyxl.utils import get_column_letter

        self.columns = list(columns)
        self.styles = styles
        self.ws = ws = guard_sheet(workbook.create_sheet(title=name[:31]))
        self._letter = get_column_letter
        self._cell = safe_cell
        n = len(self.columns)
        self.last_letter = get_column_letter(n)
        self.widths = fit_widths(
            self.columns, [[shown_value(c, v) for c, v in zip(columns, r, strict=False)] for r in sample]
        )
        for i, width in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = f"A{FIRST_DATA_ROW}"
        # Leading columns repeated on every page when the sheet prints across pages: 序号 and the name.
        self.key_columns = (2 if columns and columns[0].key == "_seq" else 1) if key_columns is None else key_columns
        # The sheet's properties are written before its rows: whether it fits the page is decided now.
        plan = print_plan(self.widths, self.key_columns)
        ws.sheet_properties.pageSetUpPr.fitToPage = plan.fit_to_width
        self.frame_columns = first_page_columns(self.widths, plan)
        self._write_frame(meta)
        self._plain = [reused_cell(ws, styles, c) for c in self.columns]
        self._quoted = [reused_cell(ws, styles, c, quote=True) for c in self.columns]
        self._direct = [c.convert is None and c.kind not in (BOOL, MULTI, DATE, DATETIME) for c in self.columns]
        self._variants: dict[tuple, Any] = {}
        self._wrapped = [i for i, c in enumerate(self.columns) if c.wrap]
        self.rows_written = 0

    def _write_frame(self, meta: SheetMeta) -> None:
        """Title, the 填报单位 / 报告期 / 单位 line laid out so nothing is cut (``excel.layout``), the header.

        Row heights go in before each row is appended: a write-only sheet writes a row when it is appended.
        """
        ws, st, n = self.ws, self.styles, self.frame_columns  # a wide sheet's frame stays on its first page
        title = self._cell(ws, meta.title)
        title.font, title.alignment = st.title_font, st.center
        ws.row_dimensions[TITLE_ROW].height = title_height(meta.title, self.widths[:n])
        ws.append([title])
        line = info_line(self.widths[:n], meta.info_parts(st.reporting_unit), f"单位：{meta.unit}" if meta.unit else "")
        left = self._cell(ws, line.left)
        left.font = st.info_font
        left.alignment = st.Alignment(horizontal="left", vertical="center", wrap_text=line.lines > 1)
        info: list[Any] = [left] + [None] * (len(self.columns) - 1)
        if line.unit:
            unit = self._cell(ws, line.unit)
            unit.font, unit.alignment = st.info_font, st.right
            info[line.unit_start - 1] = unit
        if line.height:
            ws.row_dimensions[INFO_ROW].height = line.height
        ws.append(info)
        ws.row_dimensions[HEADER_ROW].height = 28
        heads = []
        for c in self.columns:
            h = self._cell(ws, c.heading)
            h.font, h.fill, h.alignment, h.border = st.header_font, st.header_fill, st.center, st.border
            heads.append(h)
        ws.append(heads)
        if n > 1:
            ws.merged_cells.add(f"A{TITLE_ROW}:{self._letter(n)}{TITLE_ROW}")
        if line.left_span > 1:
            ws.merged_cells.add(f"A{INFO_ROW}:{self._letter(line.left_span)}{INFO_ROW}")
        if line.unit and line.unit_start < n:
            ws.merged_cells.add(f"{self._letter(line.unit_start)}{INFO_ROW}:{self._letter(n)}{INFO_ROW}")

    def append(
        self, values: Sequence[Any], indent: Sequence[int] | None = None, formats: Sequence[str | None] | None = None
    ) -> None:
        """Write one data row (values in column order).

        ``indent`` gives a per-cell indentation level and ``formats`` a per-cell number format overriding the
        column's (statistics rows differ by unit); cells with either get a cached style of their own.
        """
        if len(values) != len(self.columns):
            raise ValueError(f"row has {len(values)} values for {len(self.columns)} columns")
        if self._wrapped:  # before the row is written: a write-only sheet writes it when it is appended
            lines = max(wrapped_lines(str(values[i] or ""), self.widths[i]) for i in self._wrapped)
            if lines > 1:
                self.ws.row_dimensions[FIRST_DATA_ROW + self.rows_written].height = 13.5 * lines + 2
        cells = []
        plain_cells, quoted_cells, direct = self._plain, self._quoted, self._direct
        for i, raw in enumerate(values):
            # Text, numbers and dates of columns without a conversion go in as they are (the common case).
            value = (
                raw if direct[i] and (raw is None or type(raw) in _DIRECT_TYPES) else shown_value(self.columns[i], raw)
            )
            quote = type(value) is str and needs_quote(value)
            if indent or formats:
                level = indent[i] if indent else 0
                fmt = formats[i] if formats else None
                cell = (
                    self._variant(i, level, fmt, quote)
                    if level or fmt
                    else (quoted_cells[i] if quote else plain_cells[i])
                )
            else:
                cell = quoted_cells[i] if quote else plain_cells[i]
            cell.value = value
            if quote:
                cell.data_type = "s"  # never a formula, whatever openpyxl guessed from a leading "="
            cells.append(cell)
        self.ws.append(cells)
        self.rows_written += 1

    def _variant(self, i: int, level: int, fmt: str | None, quote: bool):
        key = (i, level, fmt, quote)
        cell = self._variants.get(key)
        if cell is None:
            cell = reused_cell(self.ws, self.styles, self.columns[i], indent=level, quote=quote, number_format=fmt)
            self._variants[key] = cell
        return cell

    def finish(self, total_label: str | None = "合计") -> int:
        """Write the 合计 row (when a column asks for a total and there are rows), filter and print setup.

        Returns the spreadsheet row number of the 合计 row, or 0 when there is none.
        """
        ws, st = self.ws, self.styles
        first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + self.rows_written - 1
        total_row = 0
        if total_label and self.rows_written and any(c.total for c in self.columns):
            total_row = last + 1
            cells = []
            for i, c in enumerate(self.columns, start=1):
                letter = self._letter(i)
                value: Any = Formula(f"=SUBTOTAL(109,{letter}{first}:{letter}{last})") if c.total else None
                cell = style_cell(self._cell(ws, value), st, c, font=st.total_font, fill=st.total_fill)
                cells.append(cell)
            cells[0].value = total_label
            cells[0].data_type = "s"
            cells[0].alignment = st.center
            ws.append(cells)
        ws.auto_filter.ref = f"A{HEADER_ROW}:{self.last_letter}{max(last, HEADER_ROW)}"
        print_setup(ws, self.widths, self.key_columns)
        return total_row


def print_setup(ws, widths: Sequence[float] | None = None, key_columns: int = 0) -> None:
    """A4 landscape, title rows on every page, page numbers in the footer; one page wide when that stays
    readable (``excel_layout.print_plan``), else at a readable scale across pages with the key columns repeated.
    Without ``widths``: one page wide."""
    plan = print_plan(widths, key_columns) if widths else None
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    if plan is None or plan.fit_to_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = plan.scale
        ws.page_setup.pageOrder = "overThenDown"  # a block of rows is read across its pages, then the next
        if plan.repeat_columns:
            from openpyxl.utils import get_column_letter

            ws.print_title_cols = f"A:{get_column_letter(plan.repeat_columns)}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
    ws.print_title_rows = f"{TITLE_ROW}:{HEADER_ROW}"
    ws.oddFooter.center.text = FOOTER
    ws.oddFooter.center.size = 9
