"""``jjdesk info``: where the database is, its schema revision and record counts, as JSON."""

from __future__ import annotations

import json


def register(sub) -> None:
    sub.add_parser("info", help="显示数据库位置、结构版本和记录数").set_defaults(handler=run)


def run(args) -> int:
    from jjdesk.cli import open_db
    from jjdesk.services.records import overview

    db = open_db(args)
    try:
        print(json.dumps(overview.database_info(db), ensure_ascii=False, indent=2, default=str))
        return 0
    finally:
        db.dispose()
