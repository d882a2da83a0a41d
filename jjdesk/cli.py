"""The ``jjdesk`` command: no sub-command opens the window; sub-commands work in the terminal.

The CLI is a second thin client of the services — anything it does, the UI does through the same calls.
Each sub-command lives in its own module under ``jjdesk/commands`` (listed in ``COMMAND_MODULES``) with a
``register(subparsers)`` function that sets ``handler`` on its parser.
Exit codes: 0 success, 1 refused (a message in Chinese says why), 2 usage error.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
import sys
from collections.abc import Sequence

from jjdesk import __version__
from jjdesk.config import resolve_db_url

ENV_USER = "JJDESK_USER"
COMMAND_MODULES = ("init", "info", "audit", "gui", "export", "import_", "user", "check", "submit", "bulletin")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jjdesk", description="椒江数字经济工作台账 — 不带子命令时打开窗口。")
    parser.add_argument("--version", action="version", version=f"jjdesk {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="数据库文件路径或 SQLAlchemy URL（也可用环境变量 JJDESK_DB；默认在用户数据目录）")
    parser.add_argument("--user", help=f"操作人用户名（审计记录用；默认取环境变量 {ENV_USER} 或系统用户名）")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name in COMMAND_MODULES:
        importlib.import_module(f"jjdesk.commands.{name}").register(sub)
    return parser


def actor_of(args: argparse.Namespace):
    """Who acts for this command (sign-in replaces this for the window)."""
    from jjdesk.services.actor import Actor

    name = args.user or os.environ.get(ENV_USER) or getpass.getuser() or "user"
    return Actor(name, "admin")


def open_db(args: argparse.Namespace):
    """Open (and migrate) the database named by --db / JJDESK_DB / the default."""
    from jjdesk.store.migrate import open_database

    return open_database(resolve_db_url(args.db))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``jjdesk`` command and of ``python -m jjdesk``."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from jjdesk.services.errors import ServiceError
    from jjdesk.store.migrate import SchemaError

    if args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "gui"])
    try:
        return args.handler(args)
    except (ServiceError, SchemaError, ValueError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
