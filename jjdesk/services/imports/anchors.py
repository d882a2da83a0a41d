"""The audit chain anchor printed on a 上报 workbook or a meeting pack, read back to check the ledger against.

The level above keeps the workbooks it was sent; the anchor on their cover (``审计链锚点  entries:hash``) says
what the chain looked like when each was made. Someone holding the database file can rewrite its history and
recompute every hash, the recorded anchors included — but not the copies handed out: ``jjdesk audit verify
--anchor FILE.xlsx`` checks the chain still passes through them. The file is read like any import (safety
checks first).
"""

from __future__ import annotations

from pathlib import Path

from jjdesk.services.core.audit import ANCHOR_LABEL, Anchor, parse_anchor
from jjdesk.services.core.errors import ServiceError
from jjdesk.services.imports.table_reader import cell_text, read_sheets

_SEARCHED_ROWS = 60  # the cover's lines: the anchor is near the top


def anchors_in_workbook(path: Path | str) -> list[Anchor]:
    """Every anchor on the sheets of ``path``; ServiceError (Chinese) when the file holds none."""
    p = Path(path)
    found = []
    for sheet in read_sheets(p):
        for row in sheet.rows[:_SEARCHED_ROWS]:
            cells = [cell_text(c) for c in row if c not in (None, "")]
            if len(cells) >= 2 and cells[0] == ANCHOR_LABEL:
                anchor = parse_anchor(cells[1], f"“{p.name}”")
                if anchor is None:
                    raise ServiceError(
                        f"“{p.name}”上的{ANCHOR_LABEL}“{cells[1]}”格式不对（应为 条数:哈希），文件可能被改动。"
                    )
                found.append(anchor)
    if not found:
        raise ServiceError(
            f"“{p.name}”上没有{ANCHOR_LABEL}。只有本版本起生成的上报表和会议材料的封面上才有，请选择这样的文件。"
        )
    return found
