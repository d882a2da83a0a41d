"""Files that are not a ledger are refused before anything is written to them: empty, not SQLite, cut short,
another program's database (left in its own journal mode, not switched to WAL), or made by a newer jjdesk."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from jjdesk.store.migrate import SchemaError, open_database
from tests.cli_helpers import run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema"


def _fingerprint(path: Path) -> tuple[str, list[str]]:
    side = sorted(p.name for p in path.parent.glob(path.name + "-*"))
    return hashlib.sha256(path.read_bytes()).hexdigest(), side


def _refused(path: Path, words: str) -> None:
    before = _fingerprint(path)
    with pytest.raises(SchemaError, match=words):
        open_database(f"sqlite:///{path}")
    assert _fingerprint(path) == before  # not a byte written, no -wal or -shm beside it


def test_an_empty_file_is_only_made_a_ledger_by_init(tmp_path):
    path = tmp_path / "空.db"
    path.write_bytes(b"")
    _refused(path, "空文件（0 字节）")
    result = run("--db", str(path), "info")
    assert result.returncode == 1 and "空文件" in result.stderr and "Traceback" not in result.stderr
    assert run("--db", str(path), "init").returncode == 0
    open_database(f"sqlite:///{path}").dispose()  # now a ledger like any other


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "台账.db"
    path.write_bytes(b"PK\x03\x04 this is a zip renamed to .db " * 100)
    _refused(path, "不是数据库文件")


def test_a_ledger_cut_short_is_refused_as_incomplete(tmp_path):
    path = tmp_path / "半个.db"
    data = (FIXTURES / "0008.db").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _refused(path, "文件不完整")


def test_another_programs_database_keeps_its_journal_mode(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("create table customers (id integer)")
    con.commit()
    con.close()
    _refused(path, "不是 jjdesk 数据库")
    with sqlite3.connect(path) as con:
        assert con.execute("pragma journal_mode").fetchone() == ("delete",)


def test_a_ledger_of_a_newer_jjdesk_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.db"
    shutil.copy(FIXTURES / "0008.db", path)
    with sqlite3.connect(path) as con:
        con.execute("update alembic_version set version_num = '9999'")
    _refused(path, "版本 9999 比本程序新")


def test_a_good_ledger_and_a_new_one_open(tmp_path):
    path = tmp_path / "good.db"
    shutil.copy(FIXTURES / "0008.db", path)
    open_database(f"sqlite:///{path}").dispose()
    open_database(f"sqlite:///{tmp_path / 'new.db'}").dispose()
