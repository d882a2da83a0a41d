"""What a file must be before jjdesk opens it as an SQLite ledger — judged read-only, before any pragma writes.

Opening a file with the engine switches it to WAL at once (``engine._sqlite_pragmas``): a file that is not a
jjdesk ledger must be refused before that, or "未作任何修改" would not be true. Checked here, cheaply (the header
and the schema table, never a scan of the data): an empty file (only ``init`` makes a ledger of it), a file that
is not SQLite at all, one cut short (its header counts more pages than the file holds) or damaged, another
program's database, and one made by a newer jjdesk.
"""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

HEADER = b"SQLite format 3\x00"


class NotALedger(Exception):
    """The file cannot be opened as a ledger; the message (Chinese) says why and what to do. Nothing was written."""


def check_ledger_file(path: Path, known_revisions: set[str], *, may_initialise: bool = False) -> None:
    """Refuse ``path`` (:class:`NotALedger`) unless it is missing (a new ledger), a jjdesk ledger of a known
    schema revision, an empty SQLite database, or — with ``may_initialise`` (``jjdesk init``) — an empty file."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    except OSError as exc:
        raise NotALedger(f"无法读取数据库文件“{path.name}”：{exc.strerror or '无法访问'}。") from None
    if size == 0:
        if may_initialise:
            return
        raise NotALedger(
            f"“{path.name}”是一个空文件（0 字节），不是台账数据库，未作任何修改。"
            f"如要在这里新建台账，请运行 jjdesk --db “{path}” init。"
        )
    with path.open("rb") as f:
        head = f.read(100)
    if not head.startswith(HEADER):
        raise NotALedger(
            f"“{path.name}”不是数据库文件（可能是别的文件改了名字），未作任何修改。请选择台账数据库（.db）文件。"
        )
    if len(head) == 100:
        page_size = struct.unpack(">H", head[16:18])[0]
        page_size = 65536 if page_size == 1 else page_size
        changes, pages, valid_for = (
            struct.unpack(">I", head[24:28])[0],
            *struct.unpack(">II", head[28:32] + head[92:96]),
        )
        if pages and changes == valid_for and size < pages * page_size:
            raise NotALedger(_damaged(path, "文件不完整（可能复制或下载未完成）"))
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        raise NotALedger(_damaged(path, "无法打开")) from None
    try:
        tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.DatabaseError:
        raise NotALedger(_damaged(path, "文件已损坏")) from None
    finally:
        con.close()
    if revision is None and tables - {"alembic_version"}:
        raise NotALedger(f"“{path.name}”不是 jjdesk 数据库（含有其他程序的数据表），未作任何修改。")
    if revision is not None and revision not in known_revisions:
        raise NotALedger(f"“{path.name}”的数据库结构版本 {revision} 比本程序新，请升级 jjdesk 后再打开，未作任何修改。")


def _damaged(path: Path, what: str) -> str:
    return (
        f"数据库文件“{path.name}”{what}，无法打开，未作任何修改。"
        "请从备份恢复（文件 → 备份与恢复，或 jjdesk restore），或联系管理员。"
    )
