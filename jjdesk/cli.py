"""The ``jjdesk`` command: no sub-command opens the window; sub-commands work in the terminal.

The CLI is a second thin client of the services — anything it does, the UI does through the same calls.
Each sub-command lives in its own module under ``jjdesk/commands`` (listed in ``COMMAND_MODULES``) with a
``register(subparsers)`` function that sets ``handler`` on its parser.
Exit codes: 0 success, 1 refused (a message in Chinese says why), 2 usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import importlib
import logging
import os
import sys
import time
from collections.abc import Sequence

from jjdesk import __version__, cli_messages
from jjdesk.config import resolve_db_url

ENV_USER = "JJDESK_USER"
ENV_PASSWORD = "JJDESK_PASSWORD"
COMMAND_MODULES = (
    "init",
    "info",
    "audit",
    "gui",
    "export",
    "import_",
    "user",
    "check",
    "submit",
    "bulletin",
    "backup",
)
log = logging.getLogger("jjdesk.cli")


def build_parser() -> argparse.ArgumentParser:
    cli_messages.install()
    parser = argparse.ArgumentParser(prog="jjdesk", description="椒江数字经济工作台账 — 不带子命令时打开窗口。")
    parser.add_argument("--version", action="version", version=f"jjdesk {__version__}", help="显示版本号并退出")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="数据库文件路径或 SQLAlchemy URL（也可用环境变量 JJDESK_DB；默认在用户数据目录）",
    )
    parser.add_argument(
        "--user",
        help=f"以该用户登录（默认取环境变量 {ENV_USER} 或系统用户名）；修改数据的命令"
        f"需要其密码：在终端输入，或设置环境变量 {ENV_PASSWORD}",
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name in COMMAND_MODULES:
        importlib.import_module(f"jjdesk.commands.{name}").register(sub)
    return parser


def actor_of(args: argparse.Namespace, db=None):
    """Who acts for a command that changes data (see :func:`sign_in`)."""
    return sign_in(args, db)[0]


def sign_in(args: argparse.Namespace, db=None):
    """(Actor, the password used or None) for a command that changes data.

    On a database without users (first set-up) that is the named operating-system user, as administrator, so
    the first administrator can be created. Once users exist, the named user signs in like in the window: the
    password comes from ``JJDESK_PASSWORD`` (scripts) or is asked on the terminal, and the user's own role
    applies — the command line grants nobody more than the window does.
    """
    from jjdesk.services.core import auth
    from jjdesk.services.core.actor import Actor

    name = user_name(args)
    if db is None or auth.needs_setup(db):
        return Actor(name, "admin"), None
    password = os.environ.get(ENV_PASSWORD)
    if password is None:
        if not sys.stdin.isatty():
            raise auth.AuthFailed(
                f"此命令需要登录：用 --user 指明用户（当前为 {name}），并在终端中输入密码，"
                f"或设置环境变量 {ENV_PASSWORD}。"
            )
        password = getpass.getpass(f"用户 {name} 的密码：")
    actor = auth.authenticate(db, name, password)
    setting_own = getattr(args, "user_command", None) == "passwd" and getattr(args, "name", None) == actor.name
    if not setting_own and auth.must_change_password(db, actor.name):
        raise auth.AuthFailed(f"{auth.MUST_CHANGE}（jjdesk --user {actor.name} user passwd {actor.name}）")
    return actor, password


def user_name(args: argparse.Namespace) -> str:
    """The user a command acts as: --user, else JJDESK_USER, else the operating-system account."""
    return args.user or os.environ.get(ENV_USER) or getpass.getuser() or "user"


def open_db(args: argparse.Namespace):
    """Open (and migrate) the database named by --db / JJDESK_DB / the default; a folder that cannot be written
    is refused first, in Chinese (``startup.StartupRefused``)."""
    from jjdesk.startup import open_logged

    return open_logged(resolve_db_url(args.db), may_initialise=args.command == "init")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``jjdesk`` command and of ``python -m jjdesk``.

    Run as a program (``argv`` None: the process's own command line) it writes the rotating log
    (``jjdesk.logs``); a caller that passes ``argv`` (tests, scripts) sets up logging as it likes.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    from jjdesk.services.core.errors import ServiceError
    from jjdesk.store.migrate import SchemaError

    if args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "gui"])
    if argv is None:
        from jjdesk import logs
        from jjdesk.services.core import scratch

        logs.setup("jjdesk" if args.command == "gui" else "jjdesk-cli")
        scratch.claim()  # temporary files in a folder of this process's own, swept when it is gone
    command = " ".join(str(part) for part in (args.command, getattr(args, "kind", None)) if part)
    started = time.perf_counter()
    try:
        code = args.handler(args)
    except (ServiceError, SchemaError, ValueError) as exc:
        # The kind of refusal only: its message may name records.
        log.warning("命令 %s 被拒绝（%s），用时 %.2f 秒", command, type(exc).__name__, time.perf_counter() - started)
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader of our output went away (``jjdesk check | head``): stop quietly, as other tools do, and
        # keep Python from complaining about the unflushed rest when it exits.
        with contextlib.suppress(OSError, ValueError):  # no descriptor behind stdout (embedded use): nothing to do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception:
        log.exception("命令 %s 出现意外错误", command)
        raise
    log.info("命令 %s 结束：退出码 %s，用时 %.2f 秒", command, code, time.perf_counter() - started)
    return code


if __name__ == "__main__":
    sys.exit(main())
