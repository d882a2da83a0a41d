"""The ``jjdesk`` command: no sub-command opens the window; sub-commands work in the terminal.

The CLI is a second thin client of the services — anything it does, the UI does through the same calls.
Exit codes: 0 success, 1 refused (a message in Chinese says why), 2 usage error.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence

from jjdesk import __version__
from jjdesk.config import resolve_db_url, sqlite_path

ENV_USER = "JJDESK_USER"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jjdesk", description="椒江数字经济工作台账 — 不带子命令时打开窗口。",
    )
    parser.add_argument("--version", action="version", version=f"jjdesk {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="数据库文件路径或 SQLAlchemy URL（也可用环境变量 JJDESK_DB；默认在用户数据目录）")
    parser.add_argument("--user", help=f"操作人用户名（审计记录用；默认取环境变量 {ENV_USER} 或系统用户名）")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    init = sub.add_parser("init", help="创建（或升级）数据库；--demo 载入演示数据")
    init.add_argument("--demo", action="store_true", help="载入文章中的演示数据和生成的演示企业")
    init.add_argument("--demo-enterprises", type=int, default=300, metavar="N",
                      help="生成的演示企业数量（默认 300）")

    sub.add_parser("info", help="显示数据库位置、结构版本和记录数")

    audit = sub.add_parser("audit", help="审计记录")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, metavar="操作")
    audit_sub.add_parser("verify", help="校验审计链是否被篡改")

    gui = sub.add_parser("gui", help="打开窗口（与不带子命令相同）")
    gui.add_argument("--demo-if-empty", action="store_true", help="数据库为空时先载入演示数据")
    return parser


def _actor(args: argparse.Namespace):
    from jjdesk.services.actor import Actor

    name = args.user or os.environ.get(ENV_USER) or getpass.getuser() or "user"
    return Actor(name, "admin")


def _open(args: argparse.Namespace):
    from jjdesk.store.migrate import open_database

    return open_database(resolve_db_url(args.db))


def cmd_init(args: argparse.Namespace) -> int:
    from jjdesk.services import demo

    db = _open(args)
    try:
        where = sqlite_path(db.url) or db.url
        print(f"数据库已就绪：{where}")
        if args.demo:
            if demo.has_data(db):
                print("数据库中已有数据，未载入演示数据。", file=sys.stderr)
                return 1
            summary = demo.load_demo(db, generated=args.demo_enterprises, actor=_actor(args))
            print(f"已载入演示数据：企业 {summary.enterprises} 家，工作举措 {summary.initiatives} 项，"
                  f"统计数据 {summary.figures} 条。")
        return 0
    finally:
        db.dispose()


def cmd_info(args: argparse.Namespace) -> int:
    from jjdesk.services import overview

    db = _open(args)
    try:
        info = overview.database_info(db)
        print(json.dumps(info, ensure_ascii=False, indent=2, default=str))
        return 0
    finally:
        db.dispose()


def cmd_audit(args: argparse.Namespace) -> int:
    from jjdesk.services import audit

    db = _open(args)
    try:
        report = audit.verify_chain(db)
        print(report.message, file=sys.stdout if report.ok else sys.stderr)
        return 0 if report.ok else 1
    finally:
        db.dispose()


def cmd_gui(args: argparse.Namespace) -> int:
    from jjdesk.ui.app import run

    return run(resolve_db_url(args.db), _actor(args), demo_if_empty=getattr(args, "demo_if_empty", False))


COMMANDS = {"init": cmd_init, "info": cmd_info, "audit": cmd_audit, "gui": cmd_gui, None: cmd_gui}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``jjdesk`` command and of ``python -m jjdesk``."""
    args = _parser().parse_args(argv)
    from jjdesk.services.errors import ServiceError
    from jjdesk.store.migrate import SchemaError

    try:
        return COMMANDS[args.command](args)
    except (ServiceError, SchemaError, ValueError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
