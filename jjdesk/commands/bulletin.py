"""``jjdesk bulletin --year Y [--draft]``: print the drafted foreign-trade paragraph of the statistical bulletin."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("bulletin", help="起草统计公报的外贸段落（数据须已审核；--draft 起草草稿）")
    p.add_argument("--year", type=int, required=True, help="年度")
    p.add_argument("--draft", action="store_true", help="数据未审核时也起草，并标明草稿")
    p.set_defaults(handler=run)


def run(args) -> int:
    from jjdesk.cli import open_db
    from jjdesk.services.summaries import bulletin

    db = open_db(args)
    try:
        print(bulletin.draft(db, args.year, allow_draft=args.draft).text)
        return 0
    finally:
        db.dispose()
