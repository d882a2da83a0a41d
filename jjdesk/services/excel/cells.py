"""The one way a workbook cell is written: text stays text, and formulas exist only where jjdesk puts them.

A spreadsheet takes a text that begins with = + - @ (or a tab or CR, or their full-width forms, which an
Excel or WPS user's input method turns into the ASCII ones when the cell is edited) for a formula, and openpyxl
itself stores any string starting with "=" as one and any of Excel's error codes ("#N/A") as an error. A name
such as ``=HYPERLINK(…)`` or ``=cmd|' /C calc'!A0`` in a file that goes to a meeting or to the level above would
be a link or a command, so every cell of every workbook jjdesk writes is made here:

- text is always a text cell; one that a spreadsheet would read as a formula also gets Excel's quote prefix, so
  it stays text when the officer edits the cell; characters a workbook cannot hold (control characters) are
  dropped rather than failing the export;
- a formula is written only from a :class:`Formula`, which accepts nothing but jjdesk's own totals — ``SUM``
  and ``SUBTOTAL`` of cell ranges — so not even a programming slip can put user text into a formula.

:func:`guard_sheet` installs this on a write-only worksheet: every value and every prepared cell appended to it
passes through :func:`_SafeRows`; ``excel.files.streaming_workbook`` guards every sheet it creates, and a test
(tests/services/excel/test_cells.py) fails when a workbook is made anywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from copy import copy
from dataclasses import dataclass
from typing import Any

# Starts of a text that a spreadsheet program reads as a formula (or an input method turns into one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# Excel's error values: openpyxl stores a text equal to one of them as an error cell.
ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
# Characters an .xlsx cannot hold (openpyxl refuses them): C0 controls except tab, line feed and CR.
MAX_TEXT = 32767  # characters in one cell (Excel's limit; longer text is cut, as Excel itself would)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_REF = r"\$?[A-Z]{1,3}\$?[1-9][0-9]{0,6}"
_RANGE = rf"{_REF}(?::{_REF})?"
# jjdesk's own formulas: totals over cell ranges of the same sheet, nothing that can carry text or a link.
_OWN_FORMULA = re.compile(rf"=(?:SUM\({_RANGE}\)|SUBTOTAL\((?:9|109),{_RANGE}\))")


@dataclass(frozen=True)
class Formula:
    """A formula jjdesk itself writes (a total); anything else is refused, so user text can never be one."""

    text: str

    def __post_init__(self) -> None:
        if not _OWN_FORMULA.fullmatch(self.text):
            raise ValueError(f"not one of jjdesk's own formulas: {self.text!r}")


def needs_quote(value: Any) -> bool:
    """Whether a text would be read as a formula or an error value by a spreadsheet program."""
    return isinstance(value, str) and (value.startswith(FORMULA_STARTS) or value in ERROR_CODES)


def workbook_text(text: str) -> str:
    """``text`` without the control characters a workbook cannot store."""
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


@dataclass
class _SafeRows:
    """Replaces a write-only worksheet's conversion of appended values into cells (``_values_to_row``).

    Plain values become cells here (text safely); prepared cells — styled by the caller — pass when they hold
    no formula, or a :class:`Formula` made into a cell by :meth:`cell`; a prepared cell holding any other
    formula (a text openpyxl took for one, or for an error value) is written as quoted text in the caller's
    style. Prepared cells are placed directly,
    which also spares openpyxl's own try-as-value-first path (a fifth of an export's time).
    """

    ws: Any

    def __post_init__(self) -> None:
        from openpyxl.cell.cell import Cell, WriteOnlyCell

        self._cell_type = Cell
        self._new = WriteOnlyCell
        # Formula cells made by cell() and not yet appended, by id (held, so an id cannot be reused meanwhile).
        self._formulas: dict[int, Any] = {}

    def __call__(self, values: Sequence[Any], row_idx: int) -> Iterator[Any]:
        cell_type = self._cell_type
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, cell_type):
                cell = value
                kind = cell.data_type
                if kind == "f" or kind == "e" or (kind == "s" and needs_quote(cell._value) and not cell.quotePrefix):
                    cell = self._checked(cell)
            else:
                cell = self.cell(value)
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    def cell(self, value: Any) -> Any:
        """A new cell holding ``value`` safely: text as text (quoted where needed), a :class:`Formula` as itself."""
        if isinstance(value, Formula):
            cell = self._new(self.ws, value.text)
            self._formulas[id(cell)] = cell
            return cell
        if isinstance(value, str):
            return self._text(self._new(self.ws), value)
        return self._new(self.ws, value)

    def _checked(self, cell: Any) -> Any:
        value = cell.value
        if cell.data_type == "f" and self._formulas.pop(id(cell), None) is cell:
            return cell
        if not isinstance(value, str):
            return cell
        if getattr(cell, "_frozen_id", None) is not None:
            # A reused cell (excel.style) keeps its style for every row: copy the style onto a fresh cell that
            # can take the quote prefix.
            fresh = self._new(self.ws)
            fresh._style = copy(cell._style)
            cell = fresh
        return self._text(cell, value)

    @staticmethod
    def _text(cell: Any, text: str) -> Any:
        text = workbook_text(text)
        cell._value = text if len(text) <= MAX_TEXT else text[:MAX_TEXT]
        cell.data_type = "s"
        if needs_quote(text):
            cell.quotePrefix = True
        return cell


def guard_sheet(ws: Any) -> Any:
    """Make every cell appended to the write-only sheet ``ws`` go through the safe-text rule; returns ``ws``."""
    if not isinstance(getattr(ws, "_values_to_row", None), _SafeRows):
        ws._values_to_row = _SafeRows(ws)
    return ws


def safe_cell(ws: Any, value: Any) -> Any:
    """A new cell for the guarded sheet ``ws`` holding ``value`` safely (style it, then append it)."""
    return guard_sheet(ws)._values_to_row.cell(value)
