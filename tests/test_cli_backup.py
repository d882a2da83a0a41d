"""``jjdesk backup``, ``backups`` and ``restore`` as a shell sees them: output, exit codes, refusals in Chinese."""

from __future__ import annotations

import json
import sqlite3

from tests.cli_helpers import run, run_process

ADMIN_PASSWORD = "Admin-pass-1"


def _ledger(tmp_path, demo: bool = True) -> str:
    db = str(tmp_path / "jjdesk.db")
    args = ["--db", db, "init", *(["--demo", "--demo-enterprises", "20"] if demo else [])]
    assert run(*args).returncode == 0
    return db


def _admin(db: str) -> None:
    r = run("--db", db, "user", "add", "admin", "--role", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    assert r.returncode == 0, r.stderr


def test_backup_prints_the_file_and_its_counts_and_backups_lists_it(tmp_path):
    db = _ledger(tmp_path)
    r = run("--db", db, "--user", "lihua", "backup")
    assert r.returncode == 0, r.stderr
    first, second = r.stdout.splitlines()
    assert first.startswith(f"已备份并校验：{tmp_path / 'backups'}/jjdesk-") and "企业 25 · 举措 9 · 统计数据" in first
    assert second.startswith("SHA-256：") and len(second.split("：")[1]) == 64
    listed = run("--db", db, "backups", "--json")
    [entry] = json.loads(listed.stdout)
    assert entry["verified"] is True and entry["user"] == "lihua" and entry["counts"]["enterprises"] == 25
    assert entry["sha256"] == second.split("：")[1] and entry["path"] in first
    text = run("--db", db, "backups").stdout.splitlines()
    assert text[0] == f"备份文件夹：{tmp_path / 'backups'}" and text[1].endswith("\tlihua\t手动\t已校验")


def test_backup_to_a_chosen_folder(tmp_path):
    db = _ledger(tmp_path)
    r = run("--db", db, "backup", "--to", str(tmp_path / "U盘"))
    assert r.returncode == 0 and str(tmp_path / "U盘") in r.stdout
    assert json.loads(run("--db", db, "backups", "--in", str(tmp_path / "U盘"), "--json").stdout)[0]["verified"]
    assert run("--db", db, "backups").stdout == f"“{tmp_path / 'backups'}”中还没有备份。\n"


def test_backup_failure_is_exit_1_with_the_reason(tmp_path):
    db = _ledger(tmp_path, demo=False)
    (tmp_path / "file").write_text("x")
    r = run("--db", db, "backup", "--to", str(tmp_path / "file" / "sub"))
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr == f"错误：无法创建备份文件夹“{tmp_path / 'file' / 'sub'}”：路径中有一部分不是文件夹。\n"


def test_backup_of_postgresql_is_refused_before_connecting(tmp_path):
    r = run("--db", "postgresql://jjdesk@127.0.0.1:1/jjdesk", "backup")
    assert r.returncode == 1
    assert "备份目前只支持 SQLite 数据库文件" in r.stderr and "PostgreSQL 数据库的备份尚未支持" in r.stderr


def test_restore_asks_for_yes_backs_up_first_and_restores(tmp_path):
    db = _ledger(tmp_path)
    _admin(db)
    env = {"JJDESK_PASSWORD": ADMIN_PASSWORD}
    assert run("--db", db, "backup").returncode == 0
    [made] = json.loads(run("--db", db, "backups", "--json").stdout)
    con = sqlite3.connect(db)
    con.execute("delete from enterprise_channel")  # damage done after the backup (not through jjdesk)
    con.commit()
    con.close()
    unconfirmed = run("--db", db, "--user", "admin", "restore", made["path"], env=env)
    assert unconfirmed.returncode == 1 and "请加 --yes 确认恢复" in unconfirmed.stderr
    assert "企业：现在 25，恢复后 25（不变）" in unconfirmed.stdout
    assert len(json.loads(run("--db", db, "backups", "--json").stdout)) == 1  # nothing done yet
    r = run("--db", db, "--user", "admin", "restore", made["path"], "--yes", "--reason", "误删", env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1].startswith(f"已从 {made['file']} 恢复（企业 25，工作举措 9，统计数据 ")
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from enterprise_channel").fetchone()[0] > 0
    assert con.execute("select user_name, reason from audit_log order by id desc limit 1").fetchone() == (
        "admin",
        "误删",
    )
    con.close()
    reasons = [e["reason"] for e in json.loads(run("--db", db, "backups", "--json").stdout)]
    assert reasons == ["before-restore", "manual"]
    assert run("--db", db, "audit", "verify").returncode == 0


def test_restore_is_for_administrators_and_refuses_foreign_files(tmp_path):
    db = _ledger(tmp_path)
    _admin(db)
    r = run(
        "--db",
        db,
        "user",
        "add",
        "lihua",
        "--role",
        "entry",
        "--password-stdin",
        stdin="Jiaojiang#2021\n",
        env={"JJDESK_PASSWORD": ADMIN_PASSWORD, "JJDESK_USER": "admin"},
    )
    assert r.returncode == 0, r.stderr
    run("--db", db, "backup")
    [entry] = json.loads(run("--db", db, "backups", "--json").stdout)
    clerk = run(
        "--db", db, "--user", "lihua", "restore", entry["path"], "--yes", env={"JJDESK_PASSWORD": "Jiaojiang#2021"}
    )
    assert clerk.returncode == 1 and clerk.stderr == "错误：此操作需要管理员权限，lihua当前是录入员。\n"
    assert clerk.stdout == ""  # not even the plan
    notes = tmp_path / "notes.db"
    notes.write_text("不是数据库", encoding="utf-8")
    r = run("--db", db, "--user", "admin", "restore", str(notes), "--yes", env={"JJDESK_PASSWORD": ADMIN_PASSWORD})
    assert r.returncode == 1 and "“notes.db”不能用于恢复：数据库完整性检查未通过" in r.stderr


def test_the_commands_as_real_processes(tmp_path):
    db = _ledger(tmp_path)
    r = run_process("--db", db, "backup")
    assert r.returncode == 0 and "已备份并校验" in r.stdout
    r = run_process("--db", db, "restore", str(tmp_path / "nothing.db"))
    assert r.returncode == 1 and "找不到文件" in r.stderr
