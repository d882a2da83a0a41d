"""Read an import file (.xlsx or .csv) into plain rows of cell values, after the safety checks.

.xlsx is read with python-calamine (Rust): on 100,000 rows it is several times faster than openpyxl's
read-only mode and does not build Python cell objects (benchmarks/bench_excel.py measures both). Cells come
back as str, float, int, bool, date or datetime; an empty cell is "". Formulas give their cached result (a file
saved by Excel or WPS has one; a formula never recalculated gives "").

Numbers are converted here deliberately, never by letting a float leak into a Decimal: Excel keeps at most 15
significant digits of what was typed and shows no more, so a float is read back through its 15-digit text.
That turns the binary noise of a formula result (289.84000000000003) back into what the cell displays
(289.84), while a value typed with more places than a field allows still fails that field's check.

Two things a spreadsheet shows that the values alone do not say are restored here. A merged range (企业类型
merged down C2:C4, a year merged over its 数值 and 增速 columns) reads as its top-left value in every cell, as the
officer sees it — except a one-row banner from column A across three or more columns (a title line), which is
left as it is. With ``percent=True`` (the statistics import) a number shown with a percent format (0.071 shown as
7.1%) comes back as a :class:`PercentCell`, so the importer can take the 7.1 the officer reads.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from jjdesk.services.imports.csv_reader import read_csv
from jjdesk.services.imports.safety import CSV, DEFAULT_LIMITS, Limits, UnsafeFile, check_file
from jjdesk.store.types import strip_zeros


@dataclass
class Sheet:
    """One sheet (or the CSV file): ``rows[i]`` is spreadsheet row ``i + 1``, column ``j`` is letter ``j``."""

    name: str
    rows: list[list[Any]]
    notes: list[str] = field(default_factory=list)
    merged: dict[str, int] = field(default_factory=dict)  # note on a filled merged range → its last row (0-based)


class PercentCell(float):
    """A number cell shown with a percent format: ``float(cell)`` is what is stored (0.071), :meth:`shown` what
    the officer reads (7.1)."""

    __slots__ = ()

    def shown(self) -> Decimal:
        """The number before the % sign, exact: 0.071 → 7.1."""
        return strip_zeros(float_to_decimal(float(self)) * 100)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how the officer finds a column in Excel or WPS."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def float_to_decimal(value: float) -> Decimal:
    """The number a spreadsheet cell shows for ``value`` (15 significant digits), as an exact Decimal."""
    text = repr(value)
    # Up to 15 significant digits the shortest repr is the shown number; only longer ones carry binary noise.
    if len(text) > 16 and sum(ch.isdigit() for ch in text.split("e")[0].lstrip("-0.")) > 15:
        text = format(value, ".15g")
    return strip_zeros(Decimal(text))


def cell_text(value: Any) -> str:
    """A cell as the text the officer sees: 13857600001.0 → "13857600001", dates as 2021-02-19."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if isinstance(value, PercentCell):
            return format(value.shown(), "f") + "%"
        return format(float_to_decimal(value), "f")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def cell_value(value: Any) -> Any:
    """A cell ready for ``fields.parse_field``: floats become exact Decimals, everything else stays as read."""
    if isinstance(value, float):
        return float_to_decimal(value)
    return value


def read_sheets(path: Path | str, limits: Limits = DEFAULT_LIMITS, *, percent: bool = False) -> list[Sheet]:
    """Check the file (:mod:`imports.safety`) and read every sheet; raises ``UnsafeFile`` with a Chinese message.

    Merged ranges are filled (see the module's note); ``percent`` marks .xlsx numbers shown as percentages.
    """
    p = Path(path)
    kind = check_file(p, limits)
    if kind == CSV:
        rows, encoding = read_csv(p)
        _check_size(p, p.stem, len(rows), max((len(r) for r in rows), default=0), limits)
        return [Sheet(p.stem, rows, [f"文件编码：{encoding}"])]
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(p))
        sheets = []
        for index, name in enumerate(book.sheet_names):
            sheet = book.get_sheet_by_index(index)
            end = sheet.end
            if end is not None:
                _check_size(p, name, end[0] + 1, end[1] + 1, limits)
            cells = sheet.to_python(skip_empty_area=False)
            merged = fill_merged(cells, sheet.merged_cell_ranges or ())
            sheets.append(Sheet(name, cells, list(merged), merged))
        book.close()
        if percent:
            _mark_percent(p, sheets)
        return sheets
    except (CalamineError, ValueError, OSError, zipfile.BadZipFile):
        # The reader's own words are English and name its internals; the officer needs what to do.
        raise UnsafeFile(
            f"“{p.name}”无法读取：文件已损坏或不完整（可能下载或复制未完成），或不是 Excel 保存的工作簿。"
            "请重新获取文件，或在 Excel / WPS 中打开后另存为 .xlsx 再导入。"
        ) from None


def fill_merged(rows: list[list[Any]], ranges) -> dict[str, int]:
    """Give every cell of each merged range its top-left value (``ranges``: calamine's ``((r0, c0), (r1, c1))``,
    0-based, inclusive); one-row banners from column A over three or more columns are left alone. Returns a
    note for each filled range of two or more rows, with its last row (an importer drops those of its header)."""
    notes: dict[str, int] = {}
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(rows) or (r0 == r1 and c0 == 0 and c1 >= 2):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        if value == "" or value is None:
            continue
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if row[c] == "" or row[c] is None:
                    row[c] = value
        if r1 > r0:
            where = f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
            notes[f"{where} 是合并单元格，其中各格均按“{cell_text(value)}”读取"] = r1
    return notes


def _mark_percent(p: Path, sheets: list[Sheet]) -> None:
    from jjdesk.services.imports.xlsx_percent import percent_cells

    try:
        cells = percent_cells(p)
    except (KeyError, ValueError, SyntaxError, zipfile.BadZipFile):  # calamine read it; formats are a bonus
        return
    for sheet in sheets:
        rows = sheet.rows
        for r, c in cells.get(sheet.name, ()):
            if r < len(rows) and c < len(rows[r]) and type(v := rows[r][c]) in (float, int):
                rows[r][c] = PercentCell(v)


def _check_size(p: Path, sheet: str, rows: int, columns: int, limits: Limits) -> None:
    if rows > limits.max_rows + 20:  # a title, notes and a header above the data are allowed for
        raise UnsafeFile(f"“{p.name}”的“{sheet}”有{rows}行，超过单次导入上限{limits.max_rows}行。请分成几个文件导入。")
    if columns > limits.max_columns:
        raise UnsafeFile(f"“{p.name}”的“{sheet}”有{columns}列，超过上限{limits.max_columns}列。")
