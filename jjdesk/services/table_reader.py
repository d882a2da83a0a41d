"""Read an import file (.xlsx or .csv) into plain rows of cell values, after the safety checks.

.xlsx is read with python-calamine (Rust): on 100,000 rows it is several times faster than openpyxl's
read-only mode and does not build Python cell objects (benchmarks/bench_excel.py measures both). Cells come
back as str, float, int, bool, date or datetime; an empty cell is "". Formulas give their cached result (a file
saved by Excel or WPS has one; a formula never recalculated gives "").

Numbers are converted here deliberately, never by letting a float leak into a Decimal: Excel keeps at most 15
significant digits of what was typed and shows no more, so a float is read back through its 15-digit text.
That turns the binary noise of a formula result (289.84000000000003) back into what the cell displays
(289.84), while a value typed with more places than a field allows still fails that field's check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from jjdesk.services.csv_reader import read_csv
from jjdesk.services.file_safety import CSV, DEFAULT_LIMITS, Limits, UnsafeFile, check_file
from jjdesk.store.types import strip_zeros


@dataclass
class Sheet:
    """One sheet (or the CSV file): ``rows[i]`` is spreadsheet row ``i + 1``, column ``j`` is letter ``j``."""

    name: str
    rows: list[list[Any]]
    notes: list[str] = field(default_factory=list)


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


def read_sheets(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> list[Sheet]:
    """Check the file (:mod:`file_safety`) and read every sheet; raises ``UnsafeFile`` with a Chinese message."""
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
            sheets.append(Sheet(name, sheet.to_python(skip_empty_area=False)))
        book.close()
        return sheets
    except CalamineError as exc:
        raise UnsafeFile(f"“{p.name}”无法读取，文件可能已损坏：{exc}") from None
    except (ValueError, OSError) as exc:
        raise UnsafeFile(f"“{p.name}”无法读取，文件可能已损坏或不完整：{exc}") from None


def _check_size(p: Path, sheet: str, rows: int, columns: int, limits: Limits) -> None:
    if rows > limits.max_rows + 20:  # a title, notes and a header above the data are allowed for
        raise UnsafeFile(f"“{p.name}”的“{sheet}”有{rows}行，超过单次导入上限{limits.max_rows}行。请分成几个文件导入。")
    if columns > limits.max_columns:
        raise UnsafeFile(f"“{p.name}”的“{sheet}”有{columns}列，超过上限{limits.max_columns}列。")
