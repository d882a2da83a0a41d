"""What the backup tests share: the live file of a database, every row of a file, and a backup checked the way a
restore would check it (integrity, schema, audit chain; the content hash against the index when it lists it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from jjdesk.config import sqlite_path
from jjdesk.services.backup import index
from jjdesk.services.backup.verify import verify_file

ADMIN_PASSWORD = "Admin-pass-1"


def live(db) -> Path:
    path = sqlite_path(db.url)
    assert path is not None
    return path


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (search index included), in a stable order."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute("select name from sqlite_master where type='table' order by name")]
        return {n: sorted(con.execute(f'select * from "{n}"').fetchall(), key=repr) for n in names}
    finally:
        con.close()


def final_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).iterdir() if index.FINAL_NAME.match(p.name))


def verified(path: Path) -> bool:
    """True when the file passes verification, and its content hash matches the index entry if there is one."""
    if not verify_file(path).ok:
        return False
    entry = index.entry_for(path)
    return entry is None or index.sha256_of(path) == entry.sha256
