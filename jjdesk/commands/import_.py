"""``jjdesk import {enterprises|statistics} FILE [--dry-run] [--on-duplicate update|skip|stop] [--json]``.

All or nothing: exit 0 when every row was imported (or, with --dry-run, would be), 1 when nothing was written
because of errors (each named by row and column; ``--report`` writes them into a marked-up copy of the sheet).
"""

from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("import", help="从 Excel（.xlsx）或 CSV 文件导入；有任何错误则不导入任何数据")
    p.add_argument("kind", choices=("enterprises", "statistics"), help="导入内容：企业名单或年度统计")
    p.add_argument("file", metavar="FILE", help=".xlsx 或 .csv 文件（UTF-8 或 GB18030 编码）")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    p.add_argument("--on-duplicate", choices=("update", "skip", "stop"), default="stop",
                   help="信用代码已登记时：更新、跳过或停止（默认停止）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出计数和每一处错误（行、列、说明）")
    p.add_argument("--report", metavar="REPORT.xlsx", help="有错误时，把标出错误单元格的错误报告保存到此文件")
    p.add_argument("--reason", default="", help="年度统计：修改最终核实数时的原因")
    p.add_argument("--sheet", help="年度统计：指定工作表名称（默认第一个能识别的工作表）")
    p.set_defaults(handler=run)


def run(args) -> int:
    from jjdesk.cli import actor_of, open_db
    from jjdesk.services import excel_import, stat_import
    from jjdesk.services.errors import ServiceError
    from jjdesk.services.import_report import write_error_report

    db = open_db(args)
    try:
        actor = actor_of(args, db)
        if args.kind == "enterprises":
            preview = excel_import.preview_enterprises(db, args.file)
            if args.dry_run:
                result = excel_import.dry_run(preview, args.on_duplicate)
            else:
                result = excel_import.commit_enterprises(db, actor, preview, args.on_duplicate)
            sheet, header_row = preview.source, preview.header_row
        else:
            result, spv = stat_import.import_statistics(db, actor, args.file, dry_run=args.dry_run,
                                                        reason=args.reason, sheet=args.sheet)
            sheet, header_row = spv.sheet, spv.header_row
        if result.errors and args.report and sheet is not None:
            result.report = str(write_error_report(args.report, sheet, header_row, result.errors))
        _print(result, args.json)
        return 1 if result.errors else 0
    except ServiceError as exc:
        if not args.json:
            raise
        print(json.dumps({"kind": args.kind, "file": args.file, "written": False, "error_count": 1,
                          "errors": [{"row": None, "column": None, "header": "", "message": str(exc)}]},
                         ensure_ascii=False, indent=2))
        return 1
    finally:
        db.dispose()


def _print(result, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    for note in result.notes:
        print(f"说明：{note}")
    for error in result.errors:
        print(str(error), file=sys.stderr)
    print(result.summary(), file=sys.stderr if result.errors else sys.stdout)
    if result.report:
        print(f"错误报告已保存：{result.report}", file=sys.stderr)
