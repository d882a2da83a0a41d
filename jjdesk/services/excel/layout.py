"""Laying out a sheet's frame so nothing is cut, and choosing how a list prints on A4 — from column widths alone.

A spreadsheet application never widens a cell for its text: text in a merged range too narrow for it is cut at
the range's edge (QA found "编制日期：2026年11" and "：见各行" on the meeting pack's cover). The second line
(填报单位 / 报告期 / 单位) is therefore placed from the table's own column widths: the left part over as many
columns as it needs, the unit over the rest, right-aligned; when the table is too narrow for both on one line,
the parts go on separate lines of one merged cell whose row is made tall enough.

Printing: fitting 18 columns to one A4 width prints at ~40% (4-pt text) — no office accepts that. A sheet is
fitted to the page width only when that keeps at least :data:`MIN_FIT_SCALE`; a wider one prints at
:data:`WIDE_SCALE` with its columns flowing onto further pages, the key columns (序号 and the name) repeated on
every page, pages numbered across before down so each block of rows is read together.

Widths are in Excel's units (about one Latin digit of the default font, 7 px at 96 dpi).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

MIN_FIT_SCALE = 70  # percent: below this a fitted page is too small to read
WIDE_SCALE = 75  # percent: a sheet too wide to fit prints at this scale across several pages
PAGE_PX = (11.69 - 2 * 0.5) * 96  # A4 landscape with 0.5" side margins, at 96 px per inch
INFO_SEPARATOR = "　　"
LINE_HEIGHT = 14.0  # points per line of 10-pt text
TITLE_LINE_HEIGHT = 24.0  # points per line of the 16-pt title


def display_width(text: str) -> int:
    """Columns a text needs on screen: CJK and full-width characters count 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_need(text: str, size: float = 10.0) -> float:
    """Width units a one-line text of ``size`` points needs (a CJK glyph of 10 pt is about two units)."""
    return display_width(text) * size / 10.0 + 1.0


def column_px(width: float, digit_px: float = 7.0) -> float:
    """A column's width in pixels, as Excel converts its width units (a Calibri digit is 7 px)."""
    return width * digit_px + 5


# Where Calibri is missing, LibreOffice measures width units with a wider substitute (about 10 px a unit,
# measured on DejaVu Sans): the first page's columns are counted with that, so the frame stays on page 1 there too.
WIDE_DIGIT_PX = 10.0


@dataclass(frozen=True)
class InfoLine:
    """Where the second line goes: ``left`` over columns 1..``left_span``; ``unit`` (right-aligned) over
    ``unit_start``..n; or, when ``lines`` > 1, everything in ``left`` (one text per line) over all columns."""

    left: str
    unit: str
    left_span: int
    unit_start: int
    lines: int = 1

    @property
    def height(self) -> float | None:
        """The row height the line needs (None: the default height suffices)."""
        return LINE_HEIGHT * self.lines + 3 if self.lines > 1 else None


def wrapped_lines(text: str, room: float) -> int:
    """Lines a text takes when wrapped in ``room`` width units (each line of it counted on its own)."""
    return sum(max(1, math.ceil(text_need(line) / max(room - 1.0, 1.0))) for line in text.split("\n"))


def info_line(widths: Sequence[float], parts: Sequence[str], unit: str) -> InfoLine:
    """Lay the 填报单位 / 报告期 / 单位 line out over columns of ``widths`` so no text is cut."""
    n = len(widths)
    left = INFO_SEPARATOR.join(p for p in parts if p)
    if not unit:
        return InfoLine(left, "", n, 0, wrapped_lines(left, sum(widths)) if left else 1)
    need_left, need_unit = text_need(left), text_need(unit)
    # The unit over as few columns on the right as hold it (the last one when it fits), the left part over the rest.
    start = next((j for j in range(n - 1, 0, -1) if sum(widths[j:]) >= need_unit), 0)
    if start and sum(widths[:start]) >= need_left:
        return InfoLine(left, unit, start, start + 1)
    # Too narrow for one line: each part on a line of its own (a part longer than the table wraps).
    room = sum(widths)
    lines: list[str] = []
    for part in [*(p for p in parts if p), unit]:
        if lines and text_need(lines[-1] + INFO_SEPARATOR + part) <= room:
            lines[-1] += INFO_SEPARATOR + part
        else:
            lines.append(part)
    count = sum(wrapped_lines(line, room) for line in lines)
    return InfoLine("\n".join(lines), "", n, 0, count)


def title_height(title: str, widths: Sequence[float], base: float = 30.0) -> float:
    """The title row's height: one line of 16-pt text, more when the table is narrower than the title."""
    lines = max(1, math.ceil(text_need(title, 16) * 1.1 / max(sum(widths), 1.0)))
    return base if lines == 1 else TITLE_LINE_HEIGHT * lines + 6


@dataclass(frozen=True)
class PrintPlan:
    """How a sheet prints: fitted to one page wide, or at ``scale`` percent with ``repeat_columns`` key
    columns repeated on every page across."""

    fit_to_width: bool
    scale: int
    repeat_columns: int = 0


def first_page_columns(widths: Sequence[float], plan: PrintPlan) -> int:
    """How many leading columns print on the first page (all of them when the sheet is fitted to the width):
    the title and the second line are centred and laid out over these, so they sit on the first page."""
    if plan.fit_to_width:
        return len(widths)
    room, used = PAGE_PX * 100 / plan.scale, 0.0
    for i, w in enumerate(widths):
        used += column_px(w, WIDE_DIGIT_PX)
        if used > room:
            return max(1, i)
    return len(widths)


def print_plan(widths: Sequence[float], key_columns: int = 0) -> PrintPlan:
    """Fit to the page width when that keeps :data:`MIN_FIT_SCALE`, else :data:`WIDE_SCALE` across pages.

    ``key_columns``: how many leading columns identify a row (序号 and the name); they are repeated on every
    page when the sheet spans several, unless they would take most of a page themselves.
    """
    total = sum(column_px(w) for w in widths)
    fit = math.floor(PAGE_PX / total * 100) if total else 100
    if fit >= MIN_FIT_SCALE:
        return PrintPlan(True, min(fit, 100))
    key_px = sum(column_px(w) for w in widths[:key_columns]) * WIDE_SCALE / 100
    repeat = key_columns if 0 < key_columns < len(widths) and key_px < PAGE_PX * 0.4 else 0
    return PrintPlan(False, WIDE_SCALE, repeat)
