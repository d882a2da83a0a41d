"""``jjdesk export {enterprises|initiatives|statistics|meeting-pack} --out FILE.xlsx [--year Y] [--unit TEXT]``.

``--unit`` is the 填报单位 in row 2 of every sheet (task-force and 外综服平台 staff are not 经科局). A year without
figures is refused by the service (no file, exit 1), so the window says the same.
"""

from __future__ import annotations

import sys

from jjdesk.services.excel.style import DEFAULT_REPORTING_UNIT

KINDS = ("enterprises", "initiatives", "statistics", "meeting-pack")


def register(sub) -> None:
    p = sub.add_parser("export", help="导出为 Excel 工作簿（.xlsx）")
    p.add_argument("kind", choices=KINDS, help="导出内容：企业名单、工作举措、年度统计或会议材料")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="保存到的文件")
    p.add_argument("--year", type=int, metavar="Y", help="年度统计：只导出该年；会议材料：报告年度")
    p.add_argument(
        "--unit",
        default=DEFAULT_REPORTING_UNIT,
        metavar="TEXT",
        help=f"表头第二行的填报单位（默认：{DEFAULT_REPORTING_UNIT}）",
    )
    p.set_defaults(handler=run)


def run(args) -> int:
    from jjdesk.cli import actor_of, open_db
    from jjdesk.services.exports import lists

    unit = args.unit.strip()
    db = open_db(args)
    try:
        if args.kind == "enterprises":
            result = lists.export_enterprises(db, args.out, reporting_unit=unit)
        elif args.kind == "initiatives":
            result = lists.export_initiatives(db, args.out, reporting_unit=unit)
        elif args.kind == "statistics":
            result = lists.export_statistics(
                db, args.out, years=[args.year] if args.year else None, reporting_unit=unit
            )
        else:
            from jjdesk.services.exports import meeting_pack

            result = meeting_pack.export_meeting_pack(
                db, args.out, year=args.year, actor=actor_of(args, db), reporting_unit=unit
            )
        counts = "，".join(f"{name} {n} 行" for name, n in result.rows.items())
        print(f"已导出：{result.path}（{counts}）", file=sys.stdout)
        return 0
    finally:
        db.dispose()
