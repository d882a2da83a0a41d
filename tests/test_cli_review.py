"""The review commands as a shell sees them (in-process, tests/cli_helpers.py): users, check, submit, submissions,
and audit verify truncation."""

import json
import sqlite3

from jjdesk.services.core.actor import Actor
from jjdesk.services.records import statistics
from jjdesk.services.review import workflow as review
from jjdesk.store.migrate import open_database
from tests.cli_helpers import run

PASSWORD = "Taizhou-Bay-2021"


def _run(*args, stdin=None, password=None):
    """The command in-process, signed in with ``password`` through JJDESK_PASSWORD when one is given."""
    return run(*args, stdin=stdin, env=None if password is None else {"JJDESK_PASSWORD": password})


def test_user_add_list_passwd_without_storing_the_password(tmp_path):
    path = tmp_path / "u.db"
    db = ("--db", str(path))
    first = _run(*db, "user", "add", "lihua", "--role", "entry", "--password-stdin", stdin=PASSWORD + "\n")
    assert first.returncode == 1 and "第一个用户必须是管理员" in first.stderr
    admin = _run(*db, "user", "add", "admin", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert admin.returncode == 0
    # Once a user exists, commands that change data sign in: no password, or a wrong one, does nothing.
    anonymous = _run(
        *db, "--user", "admin", "user", "add", "lihua", "--role", "entry", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert anonymous.returncode == 1 and "需要登录" in anonymous.stderr
    wrong = _run(
        *db,
        "--user",
        "admin",
        "user",
        "add",
        "lihua",
        "--role",
        "entry",
        "--password-stdin",
        stdin=PASSWORD + "\n",
        password="not-the-password",
    )
    assert wrong.returncode == 1 and "用户名或密码错误" in wrong.stderr
    out = _run(
        *db,
        "--user",
        "admin",
        "user",
        "add",
        "lihua",
        "--role",
        "entry",
        "--display-name",
        "李华",
        "--password-stdin",
        stdin=PASSWORD + "\n",
        password=PASSWORD,
    )
    assert out.returncode == 0 and "已添加用户 lihua（录入员）" in out.stdout
    # A 录入员 signed in gets a 录入员's rights, not an administrator's.
    clerk = _run(
        *db,
        "--user",
        "lihua",
        "user",
        "add",
        "wangjun",
        "--role",
        "reviewer",
        "--password-stdin",
        stdin=PASSWORD + "\n",
        password=PASSWORD,
    )
    assert clerk.returncode == 1 and "管理员" in clerk.stderr
    short = _run(
        *db, "--user", "admin", "user", "passwd", "lihua", "--password-stdin", stdin="abc\n", password=PASSWORD
    )
    assert short.returncode == 1 and "至少8个字符" in short.stderr
    assert (
        _run(
            *db,
            "--user",
            "admin",
            "user",
            "passwd",
            "lihua",
            "--password-stdin",
            stdin="Jiaojiang-0576\n",
            password=PASSWORD,
        ).returncode
        == 0
    )
    # Her own password: signing in with the old one is the proof the change needs.
    assert (
        _run(
            *db,
            "--user",
            "lihua",
            "user",
            "passwd",
            "lihua",
            "--password-stdin",
            stdin="Jiaojiang-0577\n",
            password="Jiaojiang-0576",
        ).returncode
        == 0
    )
    # Names, roles and lock states are for a signed-in administrator only.
    stranger = _run(*db, "user", "list", "--json")
    assert stranger.returncode == 1 and "需要登录" in stranger.stderr and "lihua" not in stranger.stdout
    clerk_list = _run(*db, "--user", "lihua", "user", "list", password="Jiaojiang-0577")
    assert clerk_list.returncode == 1 and "管理员" in clerk_list.stderr
    listed = json.loads(_run(*db, "--user", "admin", "user", "list", "--json", password=PASSWORD).stdout)
    assert [(u["name"], u["role"]) for u in listed] == [("admin", "admin"), ("lihua", "entry")]
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("u.db*"))
    assert PASSWORD.encode() not in raw and b"Jiaojiang-0576" not in raw and b"Jiaojiang-0577" not in raw


def test_check_json_exit_codes_and_rule_list(tmp_path):
    path = tmp_path / "c.db"
    assert _run("--db", str(path), "init", "--demo", "--demo-enterprises", "20").returncode == 0
    ok = _run("--db", str(path), "check", "--json")
    data = json.loads(ok.stdout)
    assert ok.returncode == 0 and data["counts"]["强制"] == 0
    assert all(
        set(f) >= {"rule", "severity", "entity", "id", "label", "field", "message", "explained"}
        for f in data["findings"]
    )
    con = sqlite3.connect(path)
    con.execute("update enterprise set mobile = '12345' where id = 6")
    con.commit()
    bad = _run("--db", str(path), "check", "--year", "2021", "--json")
    data = json.loads(bad.stdout)
    assert bad.returncode == 1 and data["counts"]["强制"] == 1
    assert [(f["rule"], f["severity"], f["field"]) for f in data["findings"] if f["severity"] == "强制"] == [
        ("ENT-04", "强制", "mobile")
    ]
    text = _run("--db", str(path), "check")
    assert text.returncode == 1 and text.stdout.startswith("审核报告（全部）") and "[强制] ENT-04" in text.stdout
    rules = _run("check", "--list-rules")
    assert rules.returncode == 0 and "STAT-02\t核实\t增速与上年数据推算不符" in rules.stdout


def test_submit_and_submissions(tmp_path):
    path = tmp_path / "s.db"
    out = tmp_path / "2020.xlsx"
    assert _run("--db", str(path), "init", "--demo", "--demo-enterprises", "0").returncode == 0
    refused = _run(
        "--db", str(path), "--user", "zhaomin", "submit", "--year", "2020", "--out", str(out), "--scope", "statistics"
    )
    assert refused.returncode == 1 and "2020年数据暂不能上报" in refused.stderr and "尚未审核通过" in refused.stderr
    assert not out.exists()
    db = open_database(f"sqlite:///{path}")
    year = {y["year"]: y["id"] for y in statistics.years(db)}[2020]
    review.submit(db, Actor("lihua", "entry"), [("stat_year", year)])
    review.approve(db, Actor("wangjun", "reviewer"), [("stat_year", year)])
    db.dispose()
    done = _run(
        "--db", str(path), "--user", "zhaomin", "submit", "--year", "2020", "--out", str(out), "--scope", "statistics"
    )
    assert done.returncode == 0 and out.exists() and "内容哈希：" in done.stdout
    digest = done.stdout.split("内容哈希：")[1].split()[0]
    listed = json.loads(_run("--db", str(path), "submissions", "--json").stdout)
    assert [(s["year"], s["submitted_by"], s["content_hash"]) for s in listed] == [(2020, "zhaomin", digest)]
    same = _run("--db", str(path), "submissions", "--diff", str(listed[0]["id"]))
    assert same.returncode == 0 and "没有差异" in same.stdout


def test_audit_verify_catches_deleted_last_entries(tmp_path):
    path = tmp_path / "a.db"
    assert _run("--db", str(path), "init", "--demo", "--demo-enterprises", "5").returncode == 0
    assert _run("--db", str(path), "audit", "verify").returncode == 0
    con = sqlite3.connect(path)
    con.execute("delete from audit_log where id > (select max(id) - 3 from audit_log)")
    con.commit()
    bad = _run("--db", str(path), "audit", "verify")
    assert bad.returncode == 1 and "末尾的3条修改记录被删除" in bad.stderr


def test_a_dry_run_needs_no_password_but_an_import_does(tmp_path):
    path = tmp_path / "d.db"
    db = ("--db", str(path))
    added = _run(*db, "user", "add", "admin", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert added.returncode == 0
    assert (
        _run(
            *db, "--user", "admin", "export", "enterprises", "--out", str(tmp_path / "e.xlsx"), password=PASSWORD
        ).returncode
        == 0
    )
    dry = _run(*db, "--user", "admin", "import", "enterprises", str(tmp_path / "e.xlsx"), "--dry-run")
    assert "需要登录" not in dry.stderr  # refused only for what the file holds: the header and no rows
    assert dry.returncode == 1 and dry.stderr.endswith("其下没有数据：文件中没有可导入的数据行。\n")
    real = _run(*db, "--user", "admin", "import", "enterprises", str(tmp_path / "e.xlsx"))
    assert real.returncode == 1 and real.stderr.startswith("错误：此命令需要登录：用 --user 指明用户（当前为 admin）")


def test_usage_errors_and_help_are_in_chinese(tmp_path):
    wrong = _run("--db", str(tmp_path / "x.db"), "export", "companies", "--out", "x.xlsx")
    assert wrong.returncode == 2
    assert "错误：参数 kind：不是可选的值：'companies'" in wrong.stderr and "用法：" in wrong.stderr
    missing = _run("import")
    assert "缺少必须给出的参数：kind, FILE" in missing.stderr
    assert "invalid choice" not in wrong.stderr + missing.stderr
    helped = _run("export", "-h")
    assert "用法：" in helped.stdout and "显示本帮助并退出" in helped.stdout and "show this help" not in helped.stdout


def test_output_cut_short_by_a_pipe_ends_quietly(monkeypatch):
    """``jjdesk check | head``: when the reader goes away, the command stops with exit 1 and no traceback, and
    stdout is pointed at the null device so Python's final flush cannot complain either."""
    from jjdesk import cli

    def reader_gone(_args):
        raise BrokenPipeError(32, "Broken pipe")

    class Stdout:
        def fileno(self):
            return 41

    redirected = []
    monkeypatch.setattr(cli.os, "dup2", lambda fd, to: redirected.append(to))
    monkeypatch.setattr(cli.sys, "stdout", Stdout())
    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    commands = next(a for a in parser._actions if a.dest == "command")
    commands.choices["info"].set_defaults(handler=reader_gone)
    assert cli.main(["info"]) == 1
    assert redirected == [41]
