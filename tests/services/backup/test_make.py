"""Making a backup on real files: verified before it gets its final name, listed with its counts, hash, user and
chain head; a failure, a refusal or Cancel leaves no file that looks like a backup, and says why in Chinese."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jjdesk.services.backup import index, make
from jjdesk.services.backup.verify import verify_file
from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import ServiceError
from jjdesk.services.core.progress import Cancelled
from jjdesk.services.records import enterprises, overview
from jjdesk.store import sqlite_backup
from jjdesk.store.engine import Database
from tests.services.backup.helpers import final_files, live, table_rows

ADMIN = Actor("admin", "admin")
NOON = datetime(2026, 3, 2, 12, 0, 0, tzinfo=UTC)


def test_a_backup_is_verified_listed_and_equal_to_the_ledger(db, demo_data, tmp_path, clerk, enterprise_values):
    demo_data(db, generated=40)
    before = overview.record_counts(db)["enterprises"]
    enterprises.create(db, clerk, enterprise_values())
    folder = tmp_path / "备份"
    seen: list[tuple[int, int]] = []
    entry = make.make_backup(db, folder, clerk, now=NOON, progress=lambda d, t: seen.append((d, t)))
    name = NOON.astimezone().strftime("jjdesk-%Y%m%d-%H%M%S.db")
    assert entry.file == name and [p.name for p in final_files(folder)] == [name]
    path = folder / name
    assert table_rows(path) == table_rows(live(db))
    assert entry.counts == overview.record_counts(db) and entry.counts["enterprises"] == before + 1
    assert entry.user == "lihua" and entry.reason == index.MANUAL and entry.source == str(live(db))
    assert entry.size == path.stat().st_size and entry.sha256 == index.sha256_of(path)
    report = audit.verify_chain(db)
    assert report.ok and entry.chain_entries == report.entries
    assert verify_file(path).chain_head == entry.chain_head != ""
    assert index.list_backups(folder) == [entry]  # the index lists it exactly as made
    assert sorted(p.name for p in folder.iterdir()) == sorted([index.INDEX_NAME, name])
    assert seen[0] == (0, 100) and seen[-1] == (100, 100)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_two_backups_in_one_second_get_two_names(db, tmp_path):
    first = make.make_backup(db, tmp_path / "b", ADMIN, now=NOON)
    second = make.make_backup(db, tmp_path / "b", ADMIN, now=NOON)
    assert second.file == first.file.replace(".db", "-2.db")
    assert [e.file for e in index.list_backups(tmp_path / "b")] == [second.file, first.file]


def test_a_ledger_whose_audit_trail_was_altered_is_not_backed_up_as_verified(db, tmp_path, clerk, enterprise_values):
    enterprises.create(db, clerk, enterprise_values())
    con = sqlite3.connect(live(db))
    con.execute("update audit_log set new = replace(new, '台州', '温州')")
    con.commit()
    con.close()
    with pytest.raises(ServiceError, match="备份文件校验未通过，未保存：审计链校验未通过：第1条修改记录的内容被改动"):
        make.make_backup(db, tmp_path / "b", ADMIN)
    assert [p.name for p in (tmp_path / "b").iterdir()] == []


def test_cancel_leaves_no_file(db, demo_data, tmp_path):
    demo_data(db, generated=40)
    calls = [0]

    def cancel_in_the_copy() -> bool:
        calls[0] += 1
        return calls[0] > 3

    with pytest.raises(Cancelled, match="备份已取消"):
        make.make_backup(db, tmp_path / "b", ADMIN, should_cancel=cancel_in_the_copy, pages_per_step=8)
    assert list((tmp_path / "b").iterdir()) == []


def test_a_folder_that_cannot_be_made_is_named(db, tmp_path):
    blocker = tmp_path / "占用"
    blocker.write_text("a file, not a folder")
    with pytest.raises(ServiceError, match=r"无法创建备份文件夹.*占用.*路径中有一部分不是文件夹"):
        make.make_backup(db, blocker / "backups", ADMIN)


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_folder_is_named(db, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ServiceError, match="无法写入备份"):
            make.make_backup(db, folder, ADMIN)
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_a_database_without_a_file_is_refused_with_the_reason(tmp_path):
    # An in-memory database, like a PostgreSQL URL (refused by the command before opening: test_cli_backup), has
    # no file for the backup API to read.
    db = Database("sqlite://")
    try:
        with pytest.raises(ServiceError, match=r"备份目前只支持 SQLite 数据库文件.*PostgreSQL 数据库的备份尚未支持"):
            make.make_backup(db, tmp_path, ADMIN)
    finally:
        db.dispose()
    assert list(tmp_path.iterdir()) == []


def test_what_a_killed_backup_left_is_removed_by_the_next(db, tmp_path):
    tmp_path = tmp_path / "b"
    tmp_path.mkdir()
    gone = tmp_path / "jjdesk-20260101-080000.db.999999999.partial"  # no process has this id
    gone.write_bytes(b"half a copy")
    (tmp_path / (gone.name + "-journal")).write_bytes(b"its journal")
    running = tmp_path / f"jjdesk-20260101-080001.db.{os.getppid()}.partial"  # a running process's: kept
    running.write_bytes(b"being written")
    entry = make.make_backup(db, tmp_path, ADMIN)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([entry.file, index.INDEX_NAME, running.name])


def test_a_damaged_index_loses_no_backup(db, tmp_path):
    tmp_path = tmp_path / "b"
    entry = make.make_backup(db, tmp_path, ADMIN)
    (tmp_path / index.INDEX_NAME).write_text("{not json", encoding="utf-8")
    [listed] = index.list_backups(tmp_path)
    assert listed.file == entry.file and not listed.verified and listed.counts == {}
    again = make.make_backup(db, tmp_path, ADMIN)  # writes a sound index again
    assert [e.verified for e in index.list_backups(tmp_path)] == [True, False]
    assert index.entry_for(tmp_path / again.file) == again


def test_a_file_whose_size_changed_is_listed_as_not_verified(db, tmp_path):
    tmp_path = tmp_path / "b"
    entry = make.make_backup(db, tmp_path, ADMIN)
    with open(tmp_path / entry.file, "ab") as f:
        f.write(b"\0" * 10)
    [listed] = index.list_backups(tmp_path)
    assert not listed.verified and listed.size == entry.size + 10


def test_the_backup_is_a_consistent_snapshot_of_an_open_write(db, tmp_path, clerk, enterprise_values):
    """A write transaction open in another connection during the copy is not in the backup, half or whole."""
    enterprises.create(db, clerk, enterprise_values())
    other = sqlite3.connect(live(db), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("update audit_head set entries = entries + 1000")
    try:
        entry = make.make_backup(db, tmp_path, ADMIN)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert entry.chain_entries == audit.verify_chain(db).entries
    assert sqlite_backup.integrity_problems(tmp_path / entry.file) == []


def test_default_folder_is_beside_the_database(db):
    assert make.default_folder(db) == live(db).parent / "backups"


def test_counts_text_names_the_kinds(db, tmp_path, demo_data):
    demo_data(db, generated=5)
    entry = make.make_backup(db, Path(tmp_path), ADMIN)
    assert entry.counts_text().startswith("企业 ") and " · 举措 " in entry.counts_text()


def test_an_entry_another_process_is_about_to_rename_is_kept(db, tmp_path):
    folder = tmp_path / "b"
    first = make.make_backup(db, folder, ADMIN, now=NOON)
    # Another process has listed its backup and not renamed its partial file yet.
    pending = index.BackupEntry(file="jjdesk-20260302-120500.db", created_at=NOON.isoformat(), size=5)
    index.add(folder, pending)
    (folder / f"{pending.file}.{os.getppid()}{index.PARTIAL_SUFFIX}").write_bytes(b"12345")  # a live writer
    gone = index.BackupEntry(file="jjdesk-20260302-121000.db", created_at=NOON.isoformat(), size=5)
    index.add(folder, gone)  # listed by a process killed before the rename: no file, no partial
    second = make.make_backup(db, folder, ADMIN, now=NOON)
    assert [e.file for e in index.indexed(folder)] == [first.file, pending.file, second.file]
