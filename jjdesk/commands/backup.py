"""``jjdesk backup [--to DIR]``, ``jjdesk backups [--json]``, ``jjdesk restore FILE [--yes]``.

Without ``--to`` a backup goes to ``backups`` beside the database file (the window's default; the window's own
folder setting lives in its settings, which the command line does not read) and that folder is pruned as the
automatic backups are; a folder named with ``--to`` (a USB stick, an archive) is never pruned. Only SQLite
ledgers can be backed up for now: a PostgreSQL URL is refused with the reason.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("backup", help="备份台账（校验后保存为 jjdesk-日期-时间.db）")
    p.add_argument("--to", metavar="DIR", help="备份到该文件夹（默认：数据库旁的 backups 文件夹）")
    p.set_defaults(handler=run_backup)
    ls = sub.add_parser("backups", help="列出备份（时间、大小、记录数、备份人、是否已校验）")
    ls.add_argument("--in", dest="folder", metavar="DIR", help="列出该文件夹中的备份（默认：数据库旁的 backups）")
    ls.add_argument("--json", action="store_true", help="以 JSON 输出")
    ls.set_defaults(handler=run_list)
    rs = sub.add_parser("restore", help="从备份恢复台账（仅管理员；先备份当前台账）")
    rs.add_argument("file", metavar="FILE", help="备份文件（jjdesk-….db）")
    rs.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    rs.add_argument("--reason", default="", help="恢复的原因（写入修改记录）")
    rs.set_defaults(handler=run_restore)


def _open_sqlite(args):
    """The database, refused before opening when it is not an SQLite file (backups need one)."""
    from jjdesk.cli import open_db
    from jjdesk.config import resolve_db_url, sqlite_path
    from jjdesk.services.backup.make import NOT_SQLITE

    if sqlite_path(resolve_db_url(args.db)) is None:
        raise ValueError(NOT_SQLITE)
    return open_db(args)


def _size(n: int) -> str:
    return f"{n / 1_048_576:,.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024):,} KB"


def run_backup(args) -> int:
    from jjdesk.cli import user_name
    from jjdesk.services.backup import make, retention
    from jjdesk.services.core.actor import Actor

    db = _open_sqlite(args)
    try:
        folder = Path(args.to) if args.to else make.default_folder(db)
        entry = make.make_backup(db, folder, Actor(user_name(args)))
        if not args.to:
            retention.prune(folder)
        print(f"已备份并校验：{folder / entry.file}（{entry.counts_text()}，{_size(entry.size)}）")
        print(f"SHA-256：{entry.sha256}")
        return 0
    finally:
        db.dispose()


def run_list(args) -> int:
    from jjdesk.services.backup import index, make

    db = _open_sqlite(args)
    try:
        folder = Path(args.folder) if args.folder else make.default_folder(db)
    finally:
        db.dispose()
    entries = index.list_backups(folder)
    if args.json:
        print(json.dumps([asdict(e) | {"path": str(folder / e.file)} for e in entries], ensure_ascii=False, indent=2))
        return 0
    if not entries:
        print(f"“{folder}”中还没有备份。")
        return 0
    print(f"备份文件夹：{folder}")
    for e in entries:
        state = "已校验" if e.verified else "未校验"
        when = e.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        cells = (e.file, when, _size(e.size), e.counts_text(), e.user or "—", e.reason_label or "—", state)
        print("\t".join(cells))
    return 0


def run_restore(args) -> int:
    from jjdesk.cli import actor_of
    from jjdesk.services.backup import make, restore
    from jjdesk.services.core.auth import ADMIN, require

    db = _open_sqlite(args)
    try:
        actor = actor_of(args, db)
        require(actor, ADMIN)  # before the plan: nobody else learns what a backup holds from here either
        plan = restore.plan_restore(db, Path(args.file))
        print("\n".join(plan.lines()))
        if not args.yes:
            if not sys.stdin.isatty():
                print("未确认：请加 --yes 确认恢复。当前台账未作任何修改。", file=sys.stderr)
                return 1
            if input("确认恢复？输入 yes 继续：").strip().lower() != "yes":
                print("已取消，当前台账未作任何修改。", file=sys.stderr)
                return 1
        result = restore.restore_backup(db, Path(args.file), actor, make.default_folder(db), reason=args.reason)
        counts = "，".join(f"{label} {result.counts[key]:,}" for key, label, _ in restore.KINDS)
        print(f"已从 {plan.backup.name} 恢复（{counts}）。恢复前的台账已备份为 {result.before_restore.file}。")
        return 0
    finally:
        db.dispose()
