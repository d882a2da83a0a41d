"""Restoring on real files: every table and the chain head come back as backed up, the current ledger is backed up
first, an audit entry names the backup; unverified, altered, foreign and other ledgers' files are refused, later
submissions are listed before anything changes, and an interrupted restore changes nothing."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from jjdesk.services.backup import index, make, restore
from jjdesk.services.backup.verify import READ_ONLY_MESSAGE, open_readonly
from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import PermissionDenied, ServiceError
from jjdesk.services.core.progress import Cancelled
from jjdesk.services.records import enterprises, overview, statistics
from jjdesk.services.review import submission, workflow
from jjdesk.store import repos
from tests.services.backup.helpers import live, table_rows, verified

ADMIN = Actor("admin", "admin")
CHIEF = Actor("zhaomin", "reviewer")


def _head(db) -> tuple[int, str]:
    with db.session() as s:
        head = repos.audit_head(s)
    assert head is not None
    return head.entries, head.last_hash


def test_a_restore_round_trips_every_table_and_the_chain_head(db, demo_data, tmp_path, clerk, enterprise_values):
    demo_data(db, generated=60)
    folder = tmp_path / "backups"
    entry = make.make_backup(db, folder, ADMIN)
    rows_then, head_then = table_rows(live(db)), _head(db)
    made = enterprises.create(db, clerk, enterprise_values())
    gone = enterprises.create(db, clerk, enterprise_values())
    enterprises.delete(db, clerk, gone["id"], None, "测试删除")
    plan = restore.plan_restore(db, folder / entry.file)
    [ents, inits, figures] = plan.kinds
    assert (ents.now, ents.backup) == (len(rows_then["enterprise"]) + 1, len(rows_then["enterprise"]))
    assert ents.text().startswith(f"企业：现在 {ents.now:,}，恢复后 {ents.backup:,}（减少 1）；")
    assert ents.latest_now.endswith(f"lihua 删除“{gone['name']}”")
    assert "lihua" not in ents.latest_backup and inits.now == inits.backup and figures.now == figures.backup
    result = restore.restore_backup(db, folder / entry.file, ADMIN, folder, reason="误删恢复")
    after = table_rows(live(db))
    for table, rows in rows_then.items():
        if table not in ("audit_log", "audit_head"):
            assert after[table] == rows, table
    # The chain is the backup's, then one entry naming the backup, chained on the backup's head.
    [last] = [r for r in after["audit_log"] if r not in rows_then["audit_log"]]
    assert len(after["audit_log"]) == len(rows_then["audit_log"]) + 1
    entries = audit.history(db, restore.LEDGER_ENTITY, 0)
    [restored] = entries
    assert restored.action == audit.RESTORE and restored.user_name == "admin" and restored.reason == "误删恢复"
    assert restored.record_label == entry.file and entry.sha256 in (restored.new or "")
    assert restored.prev_hash == head_then[1] and last[-1] == restored.hash
    assert _head(db) == (head_then[0] + 1, restored.hash)
    assert audit.verify_chain(db).ok
    assert made["id"] not in {r[0] for r in after["enterprise"]}
    # The ledger as it was before the restore is a verified backup holding what the restore removed.
    before = result.before_restore
    assert before.reason == index.BEFORE_RESTORE and verified(folder / before.file)
    assert before.counts["enterprises"] == ents.now and before.chain_entries == head_then[0] + 3
    assert result.counts == overview.record_counts(db)


def test_only_an_administrator_restores(db, tmp_path, clerk):
    entry = make.make_backup(db, tmp_path / "b", ADMIN)
    with pytest.raises(PermissionDenied, match="此操作需要管理员权限，lihua当前是录入员"):
        restore.restore_backup(db, tmp_path / "b" / entry.file, clerk, tmp_path / "b")
    assert [e.file for e in index.list_backups(tmp_path / "b")] == [entry.file]  # not even a pre-restore backup


def test_a_backup_altered_after_it_was_made_is_refused(db, demo_data, tmp_path):
    demo_data(db, generated=10)
    folder = tmp_path / "b"
    entry = make.make_backup(db, folder, ADMIN)
    path = folder / entry.file
    con = sqlite3.connect(path)
    con.execute("update enterprise set name = name || '改' where id = 1")  # a sound file, but not what was backed up
    con.commit()
    con.close()
    before = table_rows(live(db))
    with pytest.raises(ServiceError, match="在备份之后被改动过（内容哈希与备份索引不符）"):
        restore.restore_backup(db, path, ADMIN, folder)
    assert table_rows(live(db)) == before
    assert [e.file for e in index.list_backups(folder)] == [entry.file]


def test_a_damaged_or_foreign_file_is_refused_and_nothing_changes(db, demo_data, tmp_path):
    demo_data(db, generated=10)
    before = table_rows(live(db))
    notes = tmp_path / "jjdesk-20260101-080000.db"
    notes.write_text("不是数据库", encoding="utf-8")
    with pytest.raises(ServiceError, match="不能用于恢复：数据库完整性检查未通过（file is not a database）"):
        restore.plan_restore(db, notes)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("create table notes (x)")
    con.commit()
    con.close()
    with pytest.raises(ServiceError, match="不能用于恢复：该文件不是 jjdesk 台账数据库"):
        restore.restore_backup(db, other, ADMIN, tmp_path / "b")
    with pytest.raises(ServiceError, match="不能用当前数据库文件本身恢复"):
        restore.plan_restore(db, live(db))
    assert table_rows(live(db)) == before and not (tmp_path / "b").exists()


def test_a_backup_of_another_ledger_is_refused(db, demo_data, fresh_db, tmp_path, clerk, enterprise_values):
    enterprises.create(db, clerk, enterprise_values())
    elsewhere = fresh_db(tmp_path / "其他单位" / "jjdesk.db")
    enterprises.create(elsewhere, clerk, enterprise_values())
    entry = make.make_backup(elsewhere, tmp_path / "其他单位" / "backups", ADMIN)
    with pytest.raises(ServiceError, match="是另一个台账的备份（审计记录的起点不同）"):
        restore.plan_restore(db, tmp_path / "其他单位" / "backups" / entry.file)


def test_a_file_without_an_index_entry_is_verified_on_the_spot(db, demo_data, tmp_path):
    demo_data(db, generated=10)
    entry = make.make_backup(db, tmp_path / "b", ADMIN)
    stick = tmp_path / "U盘"
    stick.mkdir()
    shutil.copy(tmp_path / "b" / entry.file, stick / entry.file)  # the file alone, as copied to a USB stick
    plan = restore.plan_restore(db, stick / entry.file)
    assert plan.entry is None and "该文件不在备份索引中，已当场校验通过" in plan.lines()


def test_submissions_made_after_the_backup_are_listed_before_restoring(db, demo_data, tmp_path, clerk, reviewer):
    demo_data(db, generated=0)
    folder = tmp_path / "b"
    entry = make.make_backup(db, folder, ADMIN)
    year = {y["year"]: y["id"] for y in statistics.years(db)}[2020]
    workflow.submit(db, clerk, [("stat_year", year)])
    workflow.approve(db, reviewer, [("stat_year", year)])
    info = submission.submit(db, CHIEF, 2020, tmp_path / "2020年上报.xlsx", scope="statistics")
    plan = restore.plan_restore(db, folder / entry.file)
    [lost] = plan.lost_submissions
    assert (lost.id, lost.year, lost.submitted_by, lost.content_hash) == (info.id, 2020, "zhaomin", info.content_hash)
    lines = plan.lines()
    assert "注意：恢复后将不再有以下 1 次上报的记录（备份之后所作）：" in lines
    assert any(line.startswith(f"  第{info.id}号上报：2020年（statistics），zhaomin 于 ") for line in lines)
    later = make.make_backup(db, folder, ADMIN)
    assert restore.plan_restore(db, folder / later.file).lost_submissions == []


def test_a_cancelled_restore_changes_nothing_but_keeps_the_pre_restore_backup(db, demo_data, tmp_path):
    folder = tmp_path / "b"
    empty = make.make_backup(db, folder, ADMIN)
    demo_data(db, generated=200)
    before = table_rows(live(db))
    state = {"copying": False}

    def progress(done: int, _total: int) -> None:
        state["copying"] = done > 45  # past the pre-restore backup, inside the copy into the live file

    with pytest.raises(Cancelled, match=r"恢复已取消，当前台账未作任何修改（恢复前的备份 .* 已保存）"):
        restore.restore_backup(
            db,
            folder / empty.file,
            ADMIN,
            folder,
            progress=progress,
            should_cancel=lambda: state["copying"],
            pages_per_step=8,
        )
    assert table_rows(live(db)) == before and audit.verify_chain(db).ok
    reasons = sorted(e.reason for e in index.list_backups(folder))
    assert reasons == [index.BEFORE_RESTORE, index.MANUAL]


def test_a_backup_opened_to_look_at_refuses_every_write(db, demo_data, tmp_path, clerk, enterprise_values):
    demo_data(db, generated=10)
    entry = make.make_backup(db, tmp_path / "b", ADMIN)
    path = tmp_path / "b" / entry.file
    before = path.read_bytes()
    view = open_readonly(path)
    try:
        assert overview.record_counts(view) == entry.counts
        with pytest.raises(ServiceError, match=READ_ONLY_MESSAGE):
            enterprises.create(view, clerk, enterprise_values())
    finally:
        view.dispose()
    assert path.read_bytes() == before and verified(path)
