"""``jjdesk submit --year Y --out FILE.xlsx`` (上报) and ``jjdesk submissions`` (who submitted what, when)."""

from __future__ import annotations

import json
import sys

_SCOPES = ("all", "statistics", "enterprises", "initiatives")


def register(sub) -> None:
    p = sub.add_parser("submit", help="上报：检查通过后冻结快照并写出上报表")
    p.add_argument("--year", type=int, required=True, help="上报年度")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="上报表文件（不覆盖已有文件）")
    p.add_argument("--scope", default="all", choices=_SCOPES, help="范围（默认 all）")
    p.add_argument("--note", default="", help="备注")
    p.add_argument("--unit", help="上报表封面的填报单位（默认 椒江区经科局）")
    p.set_defaults(handler=run_submit)
    s = sub.add_parser("submissions", help="列出历次上报；--diff ID 显示该次上报与当前数据的差异")
    s.add_argument("--year", type=int, help="只列该年度")
    s.add_argument("--diff", type=int, metavar="ID", help="比较该次上报与当前数据")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(handler=run_list)


def run_submit(args) -> int:
    from jjdesk.cli import actor_of, open_db
    from jjdesk.services.review import submission

    db = open_db(args)
    try:
        info = submission.submit(db, actor_of(args, db), args.year, args.out, args.scope, args.note, args.unit)
        if info.workbook_rewritten:
            print(
                f"{info.year}年（{info.scope_label}）的上报已于上次记录（编号 {info.id}，"
                f"共{info.record_count}条记录），本次只补写了上报表，未重复记录。"
            )
        else:
            print(f"已上报 {info.year}年（{info.scope_label}），共{info.record_count}条记录，编号 {info.id}。")
        print(f"内容哈希：{info.content_hash}")
        print(f"上报表：{args.out}")
        return 0
    finally:
        db.dispose()


def run_list(args) -> int:
    from dataclasses import asdict

    from jjdesk.cli import open_db
    from jjdesk.services.review import submission

    db = open_db(args)
    try:
        if args.diff is not None:
            diffs = submission.compare(db, args.diff)
            intact = submission.snapshot_intact(db, args.diff)
            if args.json:
                print(
                    json.dumps(
                        {"snapshot_intact": intact, "differences": [asdict(d) for d in diffs]},
                        ensure_ascii=False,
                        indent=2,
                    )
                )
            else:
                if not intact:
                    print("警告：该次上报的快照与记录的内容哈希不符（快照可能被改动）。", file=sys.stderr)
                print(f"共{len(diffs)}处差异。" if diffs else "与上报时相比没有差异。")
                for d in diffs:
                    if d.kind == "修改":
                        print(f"[修改] {d.label} · {d.field_label}：{d.submitted or '（空）'} → {d.now or '（空）'}")
                    else:
                        print(f"[{d.kind}] {d.label}")
            return 0
        rows = submission.list_submissions(db, args.year)
        if args.json:
            print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2, default=str))
            return 0
        if not rows:
            print("尚无上报记录。")
        for r in rows:
            when = r.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M")
            print(
                f"{r.id}\t{r.year}年\t{r.scope_label}\t{r.submitted_by}\t{when}\t{r.record_count}条\t"
                f"{r.content_hash}\t{r.workbook}"
            )
        return 0
    finally:
        db.dispose()
