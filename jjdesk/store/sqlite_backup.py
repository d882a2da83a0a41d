"""SQLite's online backup API, its integrity check and read-only engines: the SQLite-only mechanics of backups.

A live ledger is never copied as a file (a copy taken while a page is being written, or without its write-ahead
log, is a damaged database). :func:`copy_database` reads it through SQLite's backup API inside one read
transaction, so the copy is one consistent snapshot even while other processes keep writing, and
:func:`restore_into` writes a backup back into the live file as one write transaction, so a restore that is
interrupted leaves the ledger as it was. The policy (names, verification, index, retention) is in
``services/backup``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import QueuePool

from jjdesk.store.engine import BUSY_TIMEOUT_MS

# About 4 MB a step at SQLite's default 4 KiB page: frequent enough for a progress bar and Cancel, few enough
# that a 100,000-enterprise ledger is copied in a few dozen steps.
PAGES_PER_STEP = 1024

StepFn = Callable[[int, int], None]  # (pages copied, pages in all); may raise to stop the copy


def _uri(path: Path, mode: str) -> str:
    # mode=ro / rw never creates a missing file (a plain connect would leave an empty database behind)
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def connect(path: Path, mode: str = "ro") -> sqlite3.Connection:
    """A plain driver connection to an existing file (``ro`` or ``rw``), in autocommit mode, with a busy timeout."""
    return sqlite3.connect(
        _uri(path, mode), uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )


def copy_database(
    source: Path, target: Path, on_step: StepFn | None = None, pages_per_step: int = PAGES_PER_STEP
) -> None:
    """Copy the live database ``source`` into the new file ``target`` with SQLite's backup API.

    The copy runs inside one read transaction on ``source``: the snapshot stays fixed while other connections
    write (without it SQLite restarts the copy after every foreign write, and a busy ledger would never finish).
    ``target`` is then switched to a rollback journal, so the backup is one self-contained file. An exception
    from ``on_step`` stops the copy; ``target`` is left for the caller to remove.
    """
    src = connect(source, "rw")
    try:
        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read transaction starts here
        dst = sqlite3.connect(target, isolation_level=None)
        try:

            def step(_status: int, remaining: int, total: int) -> None:
                if on_step is not None:
                    on_step(total - remaining, total)

            src.backup(dst, pages=pages_per_step, progress=step)
            dst.execute("PRAGMA journal_mode=DELETE").fetchone()
        finally:
            dst.close()
        src.execute("ROLLBACK")
    finally:
        src.close()


def restore_into(live: Path, backup: Path, on_step: StepFn | None = None, pages_per_step: int = PAGES_PER_STEP) -> None:
    """Write the database ``backup`` into the live file ``live`` through the backup API.

    SQLite holds one write transaction on ``live`` from the first step to the last and commits only when every
    page is copied, so a restore that fails or is killed half-way leaves the live ledger exactly as it was; a
    ledger in WAL mode stays in WAL mode. Other connections to ``live`` should be closed first.
    """
    src = connect(backup, "ro")
    try:
        dst = connect(live, "rw")
        try:

            def step(_status: int, remaining: int, total: int) -> None:
                if on_step is not None:
                    on_step(total - remaining, total)

            src.backup(dst, pages=pages_per_step, progress=step)
        finally:
            dst.close()
    finally:
        src.close()


def integrity_problems(path: Path, limit: int = 20) -> list[str]:
    """What ``PRAGMA integrity_check`` finds wrong with the file (at most ``limit`` lines); empty when it is sound.

    A file that is not an SQLite database at all is one problem, named in SQLite's words.
    """
    try:
        con = connect(path, "ro")
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [r[0] for r in con.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        con.close()
    return [] if rows == ["ok"] else rows


def journal_mode(path: Path) -> str:
    """The journal mode recorded in the file (``delete`` for a backup, ``wal`` for the live ledger)."""
    con = connect(path, "ro")
    try:
        return str(con.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        con.close()


def readonly_engine(path: Path) -> Engine:
    """An engine that opens ``path`` read-only: SQLite itself refuses every write, whatever the caller tries."""
    return create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(_uri(path, "ro"), uri=True, check_same_thread=False),
        poolclass=QueuePool,
    )
