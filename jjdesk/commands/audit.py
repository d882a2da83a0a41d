"""``jjdesk audit verify``: recompute the audit trail's hash chain and name the first tampered entry."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("audit", help="审计记录")
    audit_sub = p.add_subparsers(dest="audit_command", required=True, metavar="操作")
    v = audit_sub.add_parser("verify", help="校验审计链是否被篡改")
    v.add_argument(
        "--anchor",
        action="append",
        default=[],
        metavar="FILE.xlsx",
        help="再核对上报表或会议材料封面上的审计链锚点（可多次）：历史即使被改写并重算哈希也能发现",
    )
    v.set_defaults(handler=verify)


def verify(args) -> int:
    from jjdesk.cli import open_db
    from jjdesk.services.core import audit
    from jjdesk.services.imports.anchors import anchors_in_workbook

    anchors = [a for path in args.anchor for a in anchors_in_workbook(path)]
    db = open_db(args)
    try:
        report = audit.verify_chain(db, anchors)
        print(report.message, file=sys.stdout if report.ok else sys.stderr)
        return 0 if report.ok else 1
    finally:
        db.dispose()
