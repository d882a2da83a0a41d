"""The jjdesk command, run as a real process against a real database file."""

import json
import sqlite3
import subprocess
import sys

from jjdesk import __version__


def _run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "jjdesk", *args], capture_output=True, text=True, env=env, timeout=120)


def test_version():
    out = _run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"jjdesk {__version__}"


def test_init_demo_then_info(tmp_path):
    path = tmp_path / "x.db"
    out = _run("--db", str(path), "init", "--demo", "--demo-enterprises", "50")
    assert out.returncode == 0, out.stderr
    assert "企业 55 家" in out.stdout
    con = sqlite3.connect(path)
    assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
    info = json.loads(_run("--db", str(path), "info").stdout)
    assert info["counts"]["enterprises"] == 55 and info["schema_revision"]
    again = _run("--db", str(path), "init", "--demo")
    assert again.returncode == 1 and "已有数据" in again.stderr


def test_db_from_environment_and_audit_verify(tmp_path):
    import os

    path = tmp_path / "env.db"
    env = {**os.environ, "JJDESK_DB": str(path)}
    assert _run("init", "--demo", "--demo-enterprises", "5", env=env).returncode == 0
    assert path.exists()
    ok = _run("audit", "verify", env=env)
    assert ok.returncode == 0 and "审计链完整" in ok.stdout
    con = sqlite3.connect(path)
    con.execute("update audit_log set user_name = 'intruder' where id = 3")
    con.commit()
    bad = _run("audit", "verify", env=env)
    assert bad.returncode == 1 and "第3条" in bad.stderr


def test_refuses_a_foreign_file_with_a_chinese_message(tmp_path):
    path = tmp_path / "foreign.db"
    con = sqlite3.connect(path)
    con.execute("create table t (x)")
    con.commit()
    out = _run("--db", str(path), "info")
    assert out.returncode == 1 and "不是 jjdesk 数据库" in out.stderr and "Traceback" not in out.stderr
