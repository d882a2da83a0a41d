"""The jjdesk command against a real database file: in-process as a shell sees it (tests/cli_helpers.py), and as
a real process for what only one shows — the installed entry points, JJDESK_DB handed down by the environment, a
password through a real pipe, the exit status a shell gets and Chinese output decoded with the locale's encoding."""

import json
import sqlite3

import pytest

from jjdesk import __version__
from jjdesk.services.core import auth
from jjdesk.store.migrate import open_database
from tests.cli_helpers import entry_point, run, run_process

PASSWORD = "Taizhou-Bay-2021"


def test_version():
    assert entry_point().exists()
    for script in (False, True):  # python -m jjdesk, and the jjdesk script pip installed
        out = run_process("--version", script=script)
        assert (out.returncode, out.stdout, out.stderr) == (0, f"jjdesk {__version__}\n", "")


def test_in_process_runs_see_what_a_real_process_shows(tmp_path):
    """The in-process runner the other CLI tests use gives the same exit code and texts as the real command."""
    foreign = tmp_path / "foreign.db"
    con = sqlite3.connect(foreign)
    con.execute("create table t (x)")
    con.commit()
    con.close()
    for args in (("--version",), ("export", "-h"), ("import",), ("--db", str(foreign), "info")):
        real = run_process(*args)
        assert run(*args) == (real.returncode, real.stdout, real.stderr), args


def test_init_demo_then_info(tmp_path):
    path = tmp_path / "x.db"
    out = run("--db", str(path), "init", "--demo", "--demo-enterprises", "50")
    assert out.returncode == 0, out.stderr
    assert (
        out.stdout == (f"数据库已就绪：{path}\n已载入演示数据：企业 55 家，工作举措 9 项，统计数据 10 条。\n")
        and out.stderr == ""
    )
    con = sqlite3.connect(path)
    assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
    info = json.loads(run("--db", str(path), "info").stdout)
    assert info["counts"]["enterprises"] == 55 and info["schema_revision"]
    again = run("--db", str(path), "init", "--demo")
    assert again.returncode == 1 and again.stderr == "数据库中已有数据，未载入演示数据。\n"


def test_db_from_environment_and_audit_verify(tmp_path):
    path = tmp_path / "env.db"
    env = {"JJDESK_DB": str(path)}
    assert run("init", "--demo", "--demo-enterprises", "5", env=env).returncode == 0
    assert path.exists()
    ok = run("audit", "verify", env=env)
    assert ok.returncode == 0 and "审计链完整" in ok.stdout
    con = sqlite3.connect(path)
    con.execute("update audit_log set user_name = 'intruder' where id = 3")
    con.commit()
    bad = run("audit", "verify", env=env)
    assert bad.returncode == 1 and "第3条" in bad.stderr


def test_refuses_a_foreign_file_with_a_chinese_message(tmp_path):
    path = tmp_path / "foreign.db"
    con = sqlite3.connect(path)
    con.execute("create table t (x)")
    con.commit()
    out = run("--db", str(path), "info")
    assert out.returncode == 1 and "不是 jjdesk 数据库" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.slow
def test_a_real_process_takes_its_database_from_the_environment_and_its_password_from_a_pipe(tmp_path):
    path = tmp_path / "env.db"
    env = {"JJDESK_DB": str(path)}
    init = run_process("init", "--demo", "--demo-enterprises", "5", env=env, script=True)
    assert init.returncode == 0, init.stderr
    assert "已载入演示数据：企业 10 家" in init.stdout and path.exists()
    added = run_process("user", "add", "admin", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n", env=env)
    assert (added.returncode, added.stdout) == (0, "已添加用户 admin（管理员）。\n"), added.stderr
    db = open_database(f"sqlite:///{path}")
    try:
        assert auth.authenticate(db, "admin", PASSWORD).role == "admin"  # the piped line, without its newline
    finally:
        db.dispose()
    con = sqlite3.connect(path)
    con.execute("update audit_log set user_name = 'intruder' where id = 3")
    con.commit()
    con.close()
    bad = run_process("audit", "verify", env=env)
    assert bad.returncode == 1 and "第3条" in bad.stderr and bad.stdout == ""
    usage = run_process("export", "companies", "--out", "x.xlsx", env=env)
    assert usage.returncode == 2 and "错误：参数 kind：不是可选的值：'companies'" in usage.stderr
