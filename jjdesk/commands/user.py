"""``jjdesk user add|passwd|list``: manage who may sign in (the first user must be an administrator)."""

from __future__ import annotations

import getpass
import json
import sys


def register(sub) -> None:
    p = sub.add_parser("user", help="用户管理")
    user_sub = p.add_subparsers(dest="user_command", required=True, metavar="操作")
    add = user_sub.add_parser("add", help="添加用户（第一个用户须为管理员）")
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--role",
        required=True,
        choices=("entry", "reviewer", "admin"),
        help="entry 录入员 / reviewer 审核员 / admin 管理员",
    )
    add.add_argument("--display-name", default="", help="显示名（如姓名）")
    add.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（一行），用于脚本")
    add.set_defaults(handler=run_add)
    pw = user_sub.add_parser("passwd", help="设置用户密码（同时解除锁定）")
    pw.add_argument("name", metavar="NAME")
    pw.add_argument("--password-stdin", action="store_true", help="从标准输入读取新密码（一行），用于脚本")
    pw.set_defaults(handler=run_passwd)
    ls = user_sub.add_parser("list", help="列出用户")
    ls.add_argument("--json", action="store_true", help="以 JSON 输出")
    ls.set_defaults(handler=run_list)


def _read_password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码：")
    if getpass.getpass("再次输入密码：") != first:
        raise ValueError("两次输入的密码不一致")
    return first


def run_add(args) -> int:
    from jjdesk.cli import actor_of, open_db
    from jjdesk.services.core import auth

    password = _read_password(args)
    db = open_db(args)
    try:
        info = auth.create_user(db, actor_of(args, db), args.name, args.role, password, args.display_name)
        print(f"已添加用户 {info.name}（{info.role_label}）。")
        return 0
    finally:
        db.dispose()


def run_passwd(args) -> int:
    from jjdesk.cli import open_db, sign_in
    from jjdesk.services.core import auth

    password = _read_password(args)
    db = open_db(args)
    try:
        actor, signed_in_with = sign_in(args, db)  # one's own password: the sign-in proved the old one
        auth.set_password(db, actor, args.name, password, old_password=signed_in_with)
        print(f"已设置用户 {args.name} 的密码。")
        return 0
    finally:
        db.dispose()


def run_list(args) -> int:
    from jjdesk.cli import actor_of, open_db
    from jjdesk.services.core import auth

    db = open_db(args)
    try:
        users = auth.list_users(db, actor_of(args, db))
        if args.json:
            print(
                json.dumps(
                    [
                        {
                            "name": u.name,
                            "display_name": u.display_name,
                            "role": u.role,
                            "active": u.active,
                            "locked_until": u.locked_until,
                        }
                        for u in users
                    ],
                    ensure_ascii=False,
                    indent=2,
                    default=str,
                )
            )
            return 0
        if not users:
            print("尚无用户。请用“jjdesk user add 用户名 --role admin”创建管理员。")
        for u in users:
            state = "停用" if not u.active else ("已锁定" if u.locked_until else "正常")
            print(f"{u.name}\t{u.display_name or '—'}\t{u.role_label}\t{state}")
        return 0
    finally:
        db.dispose()
