"""From sheet cells to field inputs for the enterprise import: which rows hold an enterprise, each imported
column's cells as the field parsers want them, and what Excel did to code cells it stored as numbers.

Split from ``imports.enterprises`` (which previews and writes) because this is the part that knows spreadsheets: cell
types as a reader returns them, 合计 and blank lines, numbers where codes should be.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

from jjdesk.services.core.errors import FieldError
from jjdesk.services.core.fields import BOOL, DATE, DECIMAL, INT, is_blank
from jjdesk.services.core.progress import Ticker
from jjdesk.services.imports import headers
from jjdesk.services.imports.common import is_blank_row, is_total_row, padded
from jjdesk.services.imports.table_reader import cell_text, cell_value, float_to_decimal


def raw_cell(spec_kind: str, value: Any) -> Any:
    """A cell as the field parser wants it: exact Decimals for numbers, dates as dates, text otherwise."""
    if isinstance(value, str):
        return value
    if spec_kind in (DECIMAL, INT):
        return cell_value(value)
    if spec_kind == DATE and not isinstance(value, float):
        return value
    if spec_kind == BOOL and isinstance(value, bool):
        return value
    return cell_text(value)


def data_rows(
    data: Sequence[list[Any]],
    first_number: int,
    width: int,
    key_cols: Sequence[int],
    mapping: Mapping[int, str],
    kinds: Mapping[int, str],
    ticker: Ticker,
) -> list[tuple[int, list[Any]]]:
    """(spreadsheet row number, cells padded to ``width``) of the rows that hold an enterprise: blank lines, a
    合计 line and rows whose imported columns are all empty left out.

    A row with text in a key column (name, credit code) is none of those, so it is taken at once; only the
    others get the full look.
    """
    kept: list[tuple[int, list[Any]]] = []
    for start in range(0, len(data), 1000):
        chunk = data[start : start + 1000]
        if _all_keyed(chunk, width, key_cols):  # the common case, decided in C: every row names an enterprise
            kept += zip(range(first_number + start, first_number + start + len(chunk)), chunk, strict=True)
            ticker.step(len(chunk))
            continue
        for offset in range(start, min(start + 1000, len(data))):
            cells = data[offset]
            if len(cells) >= width and any(
                (v := cells[c]) is not None and (v.__class__ is not str or v.strip()) for c in key_cols
            ):
                kept.append((first_number + offset, cells))
                continue
            if is_blank_row(cells) or is_total_row(cells, key_cols):
                continue
            if len(cells) < width:
                cells = padded(cells, width)
            if all(is_blank(v if (v := cells[c]).__class__ is str else raw_cell(kinds[c], v)) for c in mapping):
                continue
            kept.append((first_number + offset, cells))
        ticker.step(min(1000, len(data) - start))
    return kept


def _all_keyed(chunk: Sequence[list[Any]], width: int, key_cols: Sequence[int]) -> bool:
    """Whether every row of ``chunk`` has ``width`` cells and text in one same key column — a sufficient
    condition for data_rows' per-row test, checked with C loops (``map``) rather than a Python one per row."""
    if not chunk or min(map(len, chunk)) < width:
        return False
    for c in key_cols:
        try:
            if all(map(str.strip, map(itemgetter(c), chunk))):
                return True
        except TypeError:  # a cell that is not text: leave it to the per-row test
            pass
    return False


def raw_columns_of(
    rows: Sequence[list[Any]], mapping: Mapping[int, str], kinds: Mapping[int, str]
) -> dict[str, Sequence[Any]]:
    """Each imported column's cells as the field parsers want them (:func:`raw_cell`): a column of text alone is
    taken as is, others converted cell by cell where not text."""
    out: dict[str, Sequence[Any]] = {}
    for c, f in mapping.items():
        column = list(map(itemgetter(c), rows))
        types = set(map(type, column))
        if types <= {str}:
            pass
        elif kinds[c] == DATE and float not in types:
            pass  # text, dates and datetimes: what raw_cell gives a date field unchanged
        elif kinds[c] in (DECIMAL, INT) and types <= {str, float, int}:
            column = [float_to_decimal(v) if v.__class__ is float else v for v in column]  # raw_cell, inline
        else:
            kind = kinds[c]
            column = [v if v.__class__ is str else raw_cell(kind, v) for v in column]
        out[f] = column
    return out


# Code columns Excel may have turned into numbers: beyond 15 significant digits it rounds, and it drops leading
# zeros. The field's own message ("校验码错误") would send the officer looking in the wrong place.
_NUMBER_TRAPS = frozenset({"credit_code", "customs_code", "industry_code", "mobile", "landline", "stock_code"})
_AS_TEXT = "请把该列设为“文本”格式、重新输入后再导入"


def explain_numeric_codes(
    kept: Sequence[tuple[int, list[Any]]],
    mapping: Mapping[int, str],
    checked: list[tuple[dict | None, list[FieldError]]],
) -> None:
    """Replace, in ``checked``, the error of a code cell stored as a number by what happened to it; a credit
    code (18 digits, more than Excel keeps) or a short stock code (leading zeros lost) stored as a number is
    refused even where the field check would pass."""
    for c, f in mapping.items():
        if f not in _NUMBER_TRAPS:
            continue
        column = list(map(itemgetter(c), map(itemgetter(1), kept)))
        if not {float, int} & set(map(type, column)):
            continue
        label = headers.SPECS[f].label
        for i, v in enumerate(column):
            if v.__class__ not in (float, int):
                continue
            _values, errors = checked[i]
            text = cell_text(v)
            if f == "credit_code" and len(text.lstrip("-").replace(".", "")) < 15:
                # Too short to be a code Excel rounded: a number typed (or left) in the wrong column.
                message = f"“{text}”是一个数字，不是18位统一社会信用代码，请核对这一格"
            elif f == "credit_code":
                message = f"单元格是数字格式：Excel 只保留15位有效数字，18位代码已变成“{text}”。{_AS_TEXT}"
            elif f == "stock_code" and len(text) < 6:
                message = f"“{text}”是数字格式，开头的0可能已被 Excel 去掉（如 {text.zfill(6)}）。{_AS_TEXT}"
            elif any(e.field == f for e in errors):
                message = f"单元格是数字格式（{text}），开头的0或15位以后的数字可能已被 Excel 改掉。{_AS_TEXT}"
            else:
                continue
            checked[i] = (None, [*(e for e in errors if e.field != f), FieldError(f, label, message)])
