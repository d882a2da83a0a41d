"""Submission (上报): freeze a year's reviewed data as a snapshot with a content hash, and write its workbook.

A submission is allowed only when every record in scope is approved, no 强制 error remains and every 核实
warning has an explanation. The snapshot (``services.review.snapshots``, shared with the meeting pack) keeps each
record's fields as canonical text (the same text the audit trail uses); its SHA-256 is recorded with who
submitted and when, so "submitted vs now" can show every difference later and a changed snapshot is detectable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.auth import ADMIN, REVIEWER, require
from jjdesk.services.core.errors import NotFound, ServiceError
from jjdesk.services.core.vocab import REVIEW_STATUS
from jjdesk.services.excel.files import ExportFailed, StagedFile, staged_file
from jjdesk.services.records.validation import check_year
from jjdesk.services.review import checks
from jjdesk.services.review.reviewables import ENTERPRISE, ENTITY_LABELS, INITIATIVE, STAT_YEAR, record_label
from jjdesk.services.review.rules import ERROR, SCOPES, CheckContext
from jjdesk.services.review.snapshots import Difference, Item, content_hash, content_json, differences, snapshot
from jjdesk.services.review.submission_info import SubmissionInfo
from jjdesk.services.review.submission_workbook import write_workbook
from jjdesk.store import review_repo
from jjdesk.store.engine import Database
from jjdesk.store.models import StatIndicator, Submission, id_of

ENTITY = "submission"
_SHOWN = 20  # refusal reasons listed in the message; the exception carries them all


class SubmissionRefused(ServiceError):
    """The data may not be submitted yet; ``problems`` lists every reason (Chinese), nothing was written."""

    def __init__(self, year: int, problems: list[str]) -> None:
        self.problems = list(problems)
        more = f"\n……等共{len(problems)}条" if len(problems) > _SHOWN else ""
        super().__init__(f"{year}年数据暂不能上报：\n" + "\n".join(problems[:_SHOWN]) + more)


# ---------------------------------------------------------------- submitting


def _problems(ctx: CheckContext, findings: list[checks.Finding], year: int) -> list[str]:
    problems = []
    if STAT_YEAR in ctx.entities and not ctx.stat_years:
        problems.append(f"{year}年统计尚未录入")
    for entity, rows in ((STAT_YEAR, ctx.stat_years), (ENTERPRISE, ctx.enterprises), (INITIATIVE, ctx.initiatives)):
        for r in rows:
            if r.review_status != "approved":
                problems.append(
                    f"{ENTITY_LABELS[entity]}“{record_label(entity, r)}”尚未审核通过"
                    f"（当前为“{REVIEW_STATUS.get(r.review_status, r.review_status)}”）"
                )
    for f in findings:
        if f.blocking:
            kind = "强制性错误" if f.severity == ERROR else "核实性问题未说明"
            problems.append(f"{kind}（{f.rule}）{f.label}：{f.message}")
    return problems


@dataclass
class _Frozen:
    """What one consistent read of the ledger found: the checks, the snapshot and its hash."""

    findings: list[checks.Finding]
    items: list[Item]
    catalogue: list[StatIndicator]
    digest: str
    anchor: audit.Anchor  # the audit chain as this read saw it: recorded, and printed on the cover


def _freeze(s: Session, year: int, scope: str) -> _Frozen:
    """Check ``year`` in ``scope`` and freeze its snapshot; SubmissionRefused lists every reason it may not go."""
    anchor = audit.chain_head(s)
    ctx = CheckContext(s, year, scope)
    findings = checks.findings_in(s, year, scope)
    problems = _problems(ctx, findings, year)
    if problems:
        raise SubmissionRefused(year, problems)
    items = snapshot(s, ctx, findings)
    if not items:
        raise SubmissionRefused(year, ["范围内没有数据"])
    return _Frozen(findings, items, list(ctx.catalogue.values()), content_hash(items), anchor)


def _record(
    s: Session, actor: Actor, year: int, scope: str, now: datetime, frozen: _Frozen, workbook: str, note: str
) -> SubmissionInfo:
    """Store the submission, its snapshot records and its audit entry (in the caller's write transaction)."""
    sub = Submission(
        year=year,
        scope=scope,
        submitted_by=actor.name,
        submitted_at=now,
        content_hash=frozen.digest,
        record_count=len(frozen.items),
        workbook=workbook,
        note=note.strip()[:500],
        chain_entries=frozen.anchor.entries,
        chain_hash=frozen.anchor.hash,
    )
    s.add(sub)
    s.flush()
    review_repo.add_submission_records(
        s,
        id_of(sub),
        ((i.entity, i.id, i.label[:200], content_json(i)) for i in frozen.items),
    )
    audit.write(
        s,
        actor.name,
        [
            audit.created(
                ENTITY,
                id_of(sub),
                f"{year}年上报（{SCOPES[scope]}）",
                {
                    "year": year,
                    "scope": scope,
                    "content_hash": frozen.digest,
                    "records": len(frozen.items),
                    "workbook": workbook,
                },
                note,
            )
        ],
    )
    return _info(sub)


def _provisional(actor: Actor, year: int, scope: str, now: datetime, frozen: _Frozen, workbook: str) -> SubmissionInfo:
    """The cover of a workbook written before its submission is recorded (the id is not shown on it)."""
    return SubmissionInfo(
        0, year, scope, SCOPES[scope], actor.name, now, frozen.digest, len(frozen.items), workbook, frozen.anchor.text
    )


def _interrupted(s: Session, actor: Actor, year: int, scope: str, workbook: str, digest: str) -> Submission | None:
    """The submission this one repeats after a crash or a failed save: the latest of the year and scope, by the
    same officer, same content and same file name, whose workbook is missing (the caller checked the path)."""
    latest = next((x for x in review_repo.submissions(s, year) if x.scope == scope), None)
    if latest is None:
        return None
    same = (latest.submitted_by, latest.content_hash, latest.workbook) == (actor.name, digest, workbook)
    return latest if same else None


def submit(
    db: Database,
    actor: Actor,
    year: Any,
    out: str | Path,
    scope: str = "all",
    note: str = "",
    reporting_unit: str | None = None,
) -> SubmissionInfo:
    """上报 ``year`` in ``scope`` (reviewers and administrators): check, freeze the snapshot, write the workbook.

    Raises SubmissionRefused listing every unapproved record, 强制 error and unexplained 核实 warning; nothing
    is written then. The ledger is read in one consistent snapshot (``Database.snapshot``: the submission is
    the data as it stood when 上报 began, whatever colleagues save meanwhile — "submitted vs now" shows their
    changes later) and the workbook written under a temporary name, both without the write lock, so colleagues
    keep saving; the submission is then recorded in one short write, and only then is the workbook given its
    name. A file under the final name therefore always has its submission; a retry after a crash between the
    two (same year, scope, content and file name, by the same officer) writes the workbook of the recorded
    submission instead of recording it twice (``workbook_rewritten``).
    """
    require(actor, REVIEWER, ADMIN)
    y = check_year(year)
    if scope not in SCOPES:
        raise ValueError(f"“{scope}”不是可选范围，应为：{'、'.join(SCOPES)}")
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise ValueError("上报文件应为 .xlsx 格式")
    if path.exists():
        raise ValueError(f"文件 {path} 已存在：上报文件不覆盖，请换一个文件名")

    def write(staged: StagedFile, info: SubmissionInfo, frozen: _Frozen) -> None:
        staged.build(
            lambda tmp: write_workbook(tmp, info, frozen.items, frozen.catalogue, frozen.findings, reporting_unit)
        )

    with staged_file(path) as staged:
        with db.snapshot() as s:
            frozen = _freeze(s, y, scope)
            earlier = _interrupted(s, actor, y, scope, path.name, frozen.digest)
        if earlier is not None:
            info = replace(_info(earlier), workbook_rewritten=True)
            write(staged, info, frozen)
            staged.publish()
            return info
        now = audit.utcnow()
        write(staged, _provisional(actor, y, scope, now, frozen, path.name), frozen)
        with db.write() as s:
            info = _record(s, actor, y, scope, now, frozen, path.name, note)
        try:
            staged.publish()
        except ExportFailed as exc:
            raise ExportFailed(
                f"{info.year}年上报已记录（编号 {info.id}），但{exc}请用同一文件名再次上报，"
                "将补写上报表，不会重复记录。"
            ) from None
        return info


def _info(sub: Submission) -> SubmissionInfo:
    anchor = "" if sub.chain_entries is None else audit.Anchor(sub.chain_entries, sub.chain_hash or "").text
    return SubmissionInfo(
        id_of(sub),
        sub.year,
        sub.scope,
        SCOPES.get(sub.scope, sub.scope),
        sub.submitted_by,
        sub.submitted_at,
        sub.content_hash,
        sub.record_count,
        sub.workbook,
        anchor,
    )


def list_submissions(db: Database, year: int | None = None) -> list[SubmissionInfo]:
    """Every submission, newest first: year, scope, who, when, content hash, workbook name."""
    with db.session() as s:
        return [_info(x) for x in review_repo.submissions(s, year)]


def _stored(s: Session, submission_id: int) -> tuple[Submission, list[Item]]:
    sub = s.get(Submission, submission_id)
    if sub is None:
        raise NotFound(f"上报记录（编号 {submission_id}）不存在")
    items = [
        Item(r.entity, r.entity_id, r.label, json.loads(r.content))
        for r in review_repo.submission_records(s, submission_id)
    ]
    return sub, items


def snapshot_intact(db: Database, submission_id: int) -> bool:
    """Whether the stored snapshot still hashes to the recorded content hash."""
    with db.session() as s:
        sub, items = _stored(s, submission_id)
        return content_hash(items) == sub.content_hash


def compare(db: Database, submission_id: int) -> list[Difference]:
    """ "Submitted vs now": every record added or removed since, and every field whose text differs."""
    with db.session() as s:
        sub, then = _stored(s, submission_id)
        ctx = CheckContext(s, sub.year, sub.scope)
        now_items = snapshot(s, ctx, checks.findings_in(s, sub.year, sub.scope))
        names = {i.code: i.name for i in ctx.catalogue.values()}
    return differences(then, now_items, names)
