"""``jjdesk init [--demo]``: create or upgrade the database, optionally with the demo data."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("init", help="创建（或升级）数据库；--demo 载入演示数据")
    p.add_argument("--demo", action="store_true", help="载入文章中的演示数据和生成的演示企业")
    p.add_argument("--demo-enterprises", type=int, default=300, metavar="N", help="生成的演示企业数量（默认 300）")
    p.set_defaults(handler=run)


def run(args) -> int:
    from jjdesk.cli import actor_of, open_db
    from jjdesk.config import sqlite_path
    from jjdesk.services.demo import load as demo

    db = open_db(args)
    try:
        print(f"数据库已就绪：{sqlite_path(db.url) or db.url}")
        if args.demo:
            if demo.has_data(db):
                print("数据库中已有数据，未载入演示数据。", file=sys.stderr)
                return 1
            summary = demo.load_demo(db, generated=args.demo_enterprises, actor=actor_of(args, db))
            print(
                f"已载入演示数据：企业 {summary.enterprises} 家，工作举措 {summary.initiatives} 项，"
                f"统计数据 {summary.figures} 条。"
            )
        return 0
    finally:
        db.dispose()
