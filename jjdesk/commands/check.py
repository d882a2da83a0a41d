"""``jjdesk check [--year Y] [--json]``: run the review rules and print the 审核报告; exit 1 on a 强制 error."""

from __future__ import annotations

import json


def register(sub) -> None:
    p = sub.add_parser("check", help="运行审核规则，输出审核报告（有强制性错误时退出码为 1）")
    p.add_argument("--year", type=int, help="只审核该年度（统计数据、年末在平台的企业、当年在推进的举措）")
    p.add_argument(
        "--scope", default="all", choices=("all", "statistics", "enterprises", "initiatives"), help="范围（默认 all）"
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--list-rules", action="store_true", help="列出全部审核规则及其级别")
    p.set_defaults(handler=run)


def run(args) -> int:
    from jjdesk.services.review import checks

    if args.list_rules:
        rules = checks.rule_list()
        if args.json:
            print(json.dumps(rules, ensure_ascii=False, indent=2))
        else:
            for r in rules:
                print(f"{r['id']}\t{r['severity']}\t{r['title']}")
        return 0
    from jjdesk.cli import open_db

    db = open_db(args)
    try:
        report = checks.run_checks(db, args.year, args.scope)
        print(checks.report_json(report) if args.json else checks.format_report(report))
        return 1 if report.has_errors else 0
    finally:
        db.dispose()
