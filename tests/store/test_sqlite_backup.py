"""The SQLite mechanics of backups on real files: a consistent copy in one self-contained file, an atomic restore,
the integrity check, and a read-only engine that SQLite itself keeps from writing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from jjdesk.config import sqlite_path
from jjdesk.store import sqlite_backup


def _rows(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute("select name from sqlite_master where type='table' order by name")]
        return {n: sorted(con.execute(f'select * from "{n}"').fetchall(), key=repr) for n in names}
    finally:
        con.close()


def _path(db) -> Path:
    path = sqlite_path(db.url)
    assert path is not None
    return path


def test_a_copy_holds_every_row_in_one_file_with_a_rollback_journal(db, demo_data, tmp_path):
    demo_data(db, generated=50)
    target = tmp_path / "copy.db"
    steps: list[tuple[int, int]] = []
    sqlite_backup.copy_database(_path(db), target, on_step=lambda d, t: steps.append((d, t)), pages_per_step=16)
    assert _rows(target) == _rows(_path(db))
    assert sqlite_backup.journal_mode(target) == "delete"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("copy.db-")]  # no -wal, no -shm
    assert sqlite_backup.integrity_problems(target) == []
    assert len(steps) > 3 and steps[-1][0] == steps[-1][1]  # progress in steps, ending at all pages


def test_a_copy_stopped_by_its_callback_raises_and_the_source_is_untouched(db, demo_data, tmp_path):
    demo_data(db, generated=50)
    before = _rows(_path(db))

    def stop(done: int, _total: int) -> None:
        if done > 32:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sqlite_backup.copy_database(_path(db), tmp_path / "copy.db", on_step=stop, pages_per_step=16)
    assert _rows(_path(db)) == before


def test_a_missing_source_is_not_created(tmp_path):
    with pytest.raises(sqlite3.OperationalError):
        sqlite_backup.copy_database(tmp_path / "nothing.db", tmp_path / "copy.db")
    assert not (tmp_path / "nothing.db").exists()


def test_restore_writes_the_backup_into_the_live_file_and_keeps_it_in_wal(db, demo_data, tmp_path):
    demo_data(db, generated=20)
    copy = tmp_path / "copy.db"
    sqlite_backup.copy_database(_path(db), copy)
    with db.write() as s:
        s.exec(text("delete from enterprise_channel"))  # type: ignore[call-overload]
    db.engine.dispose()
    sqlite_backup.restore_into(_path(db), copy)
    assert _rows(_path(db)) == _rows(copy)
    assert sqlite_backup.journal_mode(_path(db)) == "wal"


def test_an_interrupted_restore_leaves_the_live_file_as_it_was(db, demo_data, tmp_path):
    copy = tmp_path / "copy.db"
    sqlite_backup.copy_database(_path(db), copy)  # the empty ledger
    demo_data(db, generated=50)
    before = _rows(_path(db))

    def stop(done: int, _total: int) -> None:
        if done >= 16:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sqlite_backup.restore_into(_path(db), copy, on_step=stop, pages_per_step=8)
    assert _rows(_path(db)) == before
    assert sqlite_backup.integrity_problems(_path(db)) == []


def test_integrity_problems_names_a_damaged_file_and_a_file_that_is_no_database(db, demo_data, tmp_path):
    demo_data(db, generated=50)
    copy = tmp_path / "copy.db"
    sqlite_backup.copy_database(_path(db), copy)
    data = bytearray(copy.read_bytes())
    page = 4096
    for n in range(1, len(data) // page):  # scribble over the header of every page but the first
        data[n * page : n * page + 12] = b"\xa5" * 12
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(bytes(data))
    assert sqlite_backup.integrity_problems(damaged) != []
    text_file = tmp_path / "notes.db"
    text_file.write_text("这不是数据库", encoding="utf-8")
    assert sqlite_backup.integrity_problems(text_file) == ["file is not a database"]


def test_the_read_only_engine_cannot_write(db, tmp_path):
    copy = tmp_path / "copy.db"
    sqlite_backup.copy_database(_path(db), copy)
    before = copy.read_bytes()
    engine = sqlite_backup.readonly_engine(copy)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("select count(*) from enterprise")).scalar() == 0
            with pytest.raises(OperationalError, match="readonly"):
                conn.execute(text("insert into audit_head (id, last_hash, entries) values (9, '', 0)"))
    finally:
        engine.dispose()
    assert copy.read_bytes() == before
