"""``jjdesk gui`` (and ``jjdesk`` with no sub-command): open the window; the officer signs in there."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("gui", help="打开窗口（与不带子命令相同）")
    p.add_argument("--demo-if-empty", action="store_true", help="数据库为空时先载入演示数据")
    p.set_defaults(handler=run)


def run(args) -> int:
    from jjdesk.config import resolve_db_url
    from jjdesk.ui.app import run as run_app

    return run_app(resolve_db_url(args.db), demo_if_empty=args.demo_if_empty)
