"""``jjdesk import {enterprises|statistics} FILE [--dry-run] [--on-duplicate update|skip|stop] [--json]``.

All or nothing: exit 0 when every row was imported (or, with --dry-run, would be), 1 when nothing was written
because of errors (each named by row and column; ``--report`` writes them into a marked-up copy of the sheet).
``--map COLUMN=FIELD`` (repeated) does what the window's mapping dialog does for a file whose header is not
recognised: ``--map A=企业名称 --map C=credit_code`` or, for statistics, ``--map A=指标名称 --map C=value:2020``.
"""

from __future__ import annotations

import json
import re
import sys

_IGNORE = ("忽略", "ignore", "-")


def register(sub) -> None:
    p = sub.add_parser("import", help="从 Excel（.xlsx）或 CSV 文件导入；有任何错误则不导入任何数据")
    p.add_argument("kind", choices=("enterprises", "statistics"), help="导入内容：企业名单或年度统计")
    p.add_argument("file", metavar="FILE", help=".xlsx 或 .csv 文件（UTF-8 或 GB18030 编码）")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    p.add_argument(
        "--on-duplicate",
        choices=("update", "skip", "stop"),
        default="stop",
        help="信用代码已登记时：更新、跳过或停止（默认停止）",
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出计数和每一处错误（行、列、说明）")
    p.add_argument("--report", metavar="REPORT.xlsx", help="有错误时，把标出错误单元格的错误报告保存到此文件")
    p.add_argument("--reason", default="", help="年度统计：修改最终核实数时的原因")
    p.add_argument("--sheet", help="年度统计：指定工作表名称（默认第一个能识别的工作表）")
    p.add_argument(
        "--map",
        action="append",
        metavar="列=字段",
        dest="mapping",
        help="表头无法识别时逐列指定内容，可重复：列为字母或从1起的序号，字段为中文名或字段名，"
        "如 A=企业名称、C=credit_code；年度统计宽表用 C=value:2020 / D=growth:2020（某年数值/增速）；"
        "未列出的列不导入",
    )
    p.add_argument(
        "--layout",
        choices=("long", "wide"),
        help="年度统计与 --map 一起用：长表（每行一个数）或宽表（年份横向排列），默认按所选字段判断",
    )
    p.set_defaults(handler=run)


def run(args) -> int:
    from jjdesk.cli import actor_of, open_db, user_name
    from jjdesk.services.core.actor import Actor
    from jjdesk.services.core.errors import ServiceError
    from jjdesk.services.imports import enterprises as excel_import
    from jjdesk.services.imports import statistics as stat_import
    from jjdesk.services.imports.report import write_error_report

    db = open_db(args)
    try:
        # A dry run writes nothing and decides nothing by role, so it needs no password (checking a file before
        # handing it in should not need one); a real import signs in.
        actor = Actor(user_name(args)) if args.dry_run else actor_of(args, db)
        mapping = parse_mapping(args.mapping, args.kind) if args.mapping else None
        if args.kind == "enterprises":
            preview = excel_import.preview_enterprises(db, args.file, mapping=mapping)
            if args.dry_run:
                result = excel_import.dry_run(preview, args.on_duplicate)
            else:
                result = excel_import.commit_enterprises(db, actor, preview, args.on_duplicate)
            sheet, header_row = preview.source, preview.header_row
        else:
            result, spv = stat_import.import_statistics(
                db,
                actor,
                args.file,
                dry_run=args.dry_run,
                reason=args.reason,
                sheet=args.sheet,
                mapping=mapping,
                layout=args.layout,
            )
            sheet, header_row = spv.sheet, spv.header_row
        if result.errors and args.report and sheet is not None:
            result.report = str(write_error_report(args.report, sheet, header_row, result.errors))
        _print(result, args.json)
        return 1 if result.errors else 0
    except ServiceError as exc:
        if not args.json:
            raise
        print(
            json.dumps(
                {
                    "kind": args.kind,
                    "file": args.file,
                    "written": False,
                    "error_count": 1,
                    "errors": [{"row": None, "column": None, "header": "", "message": str(exc)}],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 1
    finally:
        db.dispose()


def _print(result, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    for note in result.notes:
        print(f"说明：{note}")
    for warning in result.warnings:
        print(f"审核提示：{warning}")
    for error in result.errors:
        print(str(error), file=sys.stderr)
    print(result.summary(), file=sys.stderr if result.errors else sys.stdout)
    if result.report:
        print(f"错误报告已保存：{result.report}", file=sys.stderr)


def parse_mapping(items: list[str], kind: str) -> dict[int, str]:
    """``["A=企业名称", "3=credit_code", "D=忽略"]`` → {0: "name", 2: "credit_code"}; a Chinese ``ImportRefused``
    naming every item it cannot read. The services then check the mapping as a whole (a field twice, a required
    one missing), exactly as for the dialog's."""
    from jjdesk.services.imports.common import ImportRefused

    fields = _field_names(kind)
    mapping: dict[int, str] = {}
    problems: list[str] = []
    for item in items:
        column_text, sep, field_text = (part.strip() for part in item.partition("="))
        column = _column(column_text)
        field = fields.get(field_text) or fields.get(field_text.lower()) or _year_field(field_text, kind)
        if not sep or column is None:
            problems.append(f"“{item}”：应写成 列=字段，列为字母（A、B…）或从1起的序号")
        elif field_text in _IGNORE:
            continue
        elif field is None:
            problems.append(f"“{item}”：不认识字段“{field_text}”，可用：{'、'.join(_labels(kind))}")
        elif column in mapping:
            problems.append(f"“{item}”：该列已指定过")
        else:
            mapping[column] = field
    if problems:
        raise ImportRefused("--map 有误，未读取文件：\n" + "\n".join(problems))
    return mapping


def _column(text: str) -> int | None:
    if text.isdigit():
        return int(text) - 1 if int(text) >= 1 else None
    if not re.fullmatch(r"[A-Za-z]{1,3}", text):
        return None
    index = 0
    for ch in text.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


def _field_names(kind: str) -> dict[str, str]:
    """Field name → name and Chinese label → name, for the kind of import."""
    from jjdesk.services.imports import mapping as import_mapping
    from jjdesk.services.imports import statistics_mapping

    pairs = (
        import_mapping.FIELD_CHOICES
        if kind == "enterprises"
        else (*statistics_mapping.LONG_FIELDS, *statistics_mapping.WIDE_FIELDS)
    )
    return {**{name: name for name, _label in pairs}, **{label: name for name, label in pairs}}


def _labels(kind: str) -> list[str]:
    from jjdesk.services.imports import mapping as import_mapping
    from jjdesk.services.imports import statistics_mapping

    if kind == "enterprises":
        return [label for _name, label in import_mapping.FIELD_CHOICES]
    return [*dict(statistics_mapping.LONG_FIELDS).values(), "value:年份", "growth:年份"]


def _year_field(text: str, kind: str) -> str | None:
    """``value:2020`` / ``growth:2020``, also written 2020年数值 / 2020年增速 (statistics, wide layout)."""
    if kind != "statistics":
        return None
    from jjdesk.services.imports import statistics_mapping

    if statistics_mapping.split_year_field(text) is not None:
        return text
    found = re.fullmatch(r"((?:19|20)\d{2})年?(数值|增速)(?:\(%\)|（%）)?", text)
    if found:
        return statistics_mapping.year_field(int(found[1]), "value" if found[2] == "数值" else "growth")
    return None
