"""The error report of a failed import: the officer's own sheet back, every failed cell marked.

Rows keep their spreadsheet row numbers (the lines above the header are copied too), each failed cell gets a
red fill and a comment with the message, a failed column header is marked the same way, and a last column
错误信息 lists the row's messages. The officer fixes the cells in the report and imports it again: the extra
column is not a field, so the import ignores it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jjdesk.services.excel.cells import safe_cell
from jjdesk.services.excel.files import streaming_workbook, write_atomically
from jjdesk.services.imports.common import RowError
from jjdesk.services.imports.table_reader import Sheet

MESSAGE_HEADER = "错误信息"
RED = "FFC7CE"


def write_error_report(path: Path | str, sheet: Sheet, header_row: int, errors: Sequence[RowError]) -> Path:
    """Write the report of ``errors`` found in ``sheet`` (header at spreadsheet row ``header_row``)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    by_cell: dict[tuple[int, int], list[str]] = defaultdict(list)
    by_row: dict[int, list[str]] = defaultdict(list)
    general: list[str] = []
    for e in errors:
        if e.row is not None:
            by_row[e.row].append(str(e))
            if e.column is not None:
                by_cell[(e.row, e.column)].append(e.message)
        elif e.column is not None:
            by_cell[(header_row, e.column)].append(e.message)
            general.append(str(e))
        else:
            general.append(str(e))
    last_row = max([header_row, *by_row]) if by_row else header_row
    last_row = max(last_row, len(sheet.rows))
    width = max((len(r) for r in sheet.rows[:last_row]), default=0)
    fill = PatternFill("solid", fgColor=RED)
    bold = Font(bold=True, color="9C0006")

    def build(tmp: Path) -> None:
        with streaming_workbook() as wb:
            ws = wb.create_sheet("错误报告")
            ws.freeze_panes = f"A{header_row + 1}"
            for number in range(1, last_row + 1):
                cells: list[Any] = list(sheet.rows[number - 1]) if number <= len(sheet.rows) else []
                cells += [""] * (width - len(cells))
                out = []
                for col, value in enumerate(cells):
                    messages = by_cell.get((number, col))
                    cell = safe_cell(ws, value if value != "" else None)
                    if messages:
                        cell.fill = fill
                        cell.comment = Comment("\n".join(messages), "jjdesk")
                    out.append(cell)
                if number == header_row:
                    head = safe_cell(ws, MESSAGE_HEADER)
                    head.font = bold
                    out.append(head)
                elif by_row.get(number):
                    msg = safe_cell(ws, "；".join(by_row[number]))
                    msg.font = bold
                    out.append(msg)
                ws.append(out)
            if general:
                summary = wb.create_sheet("整体问题")
                summary.append(["问题"])
                for text in general:
                    summary.append([text])
            wb.save(tmp)

    return write_atomically(path, build)
