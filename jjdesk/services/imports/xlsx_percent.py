"""Which cells of an .xlsx hold a number shown as a percentage (number format ``0%``, ``0.0%``, …).

python-calamine reads values without their number formats, so a growth rate typed as 7.1% in Excel or WPS —
stored as 0.071 — would import 100× too small. The statistics import asks for these cells (``table_reader.
read_sheets(percent=True)``): the workbook's styles are read first, and only when they define a percent format
at all are the sheets' cell elements scanned for cells with such a style. Statistics files are small; the
enterprise import never asks, so its 100,000-row reads cost nothing more. The XML goes through defusedxml
(entities refused), after ``imports.safety`` has checked the zip's sizes.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
BUILTIN_PERCENT = frozenset({9, 10})  # 0% and 0.00%: built-in formats that styles.xml does not spell out
_REF = re.compile(r"([A-Z]+)(\d+)")


def is_percent_format(code: str) -> bool:
    """Whether a number format code shows a percentage: a ``%`` outside quotes, brackets and escapes."""
    quoted = bracket = escaped = False
    for ch in code:
        if escaped:
            escaped = False
        elif ch == "\\" and not quoted:
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif ch == "[":
            bracket = True
        elif ch == "]":
            bracket = False
        elif ch == "%" and not bracket:
            return True
    return False


def _parse(z: zipfile.ZipFile, name: str):
    from defusedxml.ElementTree import fromstring

    return fromstring(z.read(name))


def _relationships(z: zipfile.ZipFile, rels: str, base: str) -> dict[str, tuple[str, str]]:
    """rId → (type, member path) of a part's relationships file."""
    if rels not in z.namelist():
        return {}
    out = {}
    for r in _parse(z, rels).iter(f"{_PKG}Relationship"):
        target = r.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out[r.get("Id", "")] = (r.get("Type", ""), path)
    return out


def percent_styles(z: zipfile.ZipFile, styles: str) -> set[int]:
    """Indexes of the cell formats (``cellXfs``, a cell's ``s``) whose number format is a percentage."""
    if styles not in z.namelist():
        return set()
    root = _parse(z, styles)
    percent_ids = set(BUILTIN_PERCENT)
    for fmt in root.iter(f"{_MAIN}numFmt"):
        if is_percent_format(fmt.get("formatCode", "")):
            percent_ids.add(int(fmt.get("numFmtId", "-1")))
    xfs = root.find(f"{_MAIN}cellXfs")
    if xfs is None:
        return set()
    return {i for i, xf in enumerate(xfs.findall(f"{_MAIN}xf")) if int(xf.get("numFmtId", "0")) in percent_ids}


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _sheet_cells(z: zipfile.ZipFile, member: str, styles: set[int]) -> set[tuple[int, int]]:
    """(0-based row, column) of the numeric cells of one sheet whose style is in ``styles``."""
    from defusedxml.ElementTree import iterparse

    found: set[tuple[int, int]] = set()
    row = col = -1
    with z.open(member) as f:
        for event, el in iterparse(f, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == f"{_MAIN}row":
                    row = int(el.get("r", row + 2)) - 1
                    col = -1
                continue
            if tag != f"{_MAIN}c":
                if tag == f"{_MAIN}row":
                    el.clear()
                continue
            ref = el.get("r")
            m = _REF.fullmatch(ref) if ref else None
            if m:
                row, col = int(m[2]) - 1, _column_index(m[1])
            else:
                col += 1
            style = el.get("s")
            if style is not None and el.get("t", "n") == "n" and int(style) in styles:
                found.add((row, col))
    return found


def percent_cells(path: Path | str) -> dict[str, set[tuple[int, int]]]:
    """Sheet name → (0-based row, column) of each number cell shown as a percentage; {} when the workbook
    defines no percent format (then no sheet is parsed)."""
    with zipfile.ZipFile(path) as z:
        rels = _relationships(z, "xl/_rels/workbook.xml.rels", "xl")
        styles_path = next((p for t, p in rels.values() if t.endswith("/styles")), "xl/styles.xml")
        styles = percent_styles(z, styles_path)
        if not styles:
            return {}
        out = {}
        sheets = _parse(z, "xl/workbook.xml").find(f"{_MAIN}sheets")
        for sheet in sheets if sheets is not None else ():
            member = rels.get(sheet.get(f"{_REL}id", ""), ("", ""))[1]
            if member in z.namelist():
                cells = _sheet_cells(z, member, styles)
                if cells:
                    out[sheet.get("name", "")] = cells
        return out
