"""The review workflow: 草稿 → 待审核 → 已审核, or → 已退回 with a reason, and reopening an approved record.

Every transition works on any set of records at once and is all-or-nothing: if one record may not move, none
moves, and :class:`ReviewRefused` lists each refused record with its reason. Each status change bumps the
record's version and writes a ``status`` entry to the audit trail in the same transaction.

Four eyes: nobody approves a record they created, last changed, submitted, or changed since its last approval
(for a statistics year that includes every figure of the year).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.auth import ADMIN, ENTRY, REVIEWER, require
from jjdesk.services.core.errors import NotFound, PermissionDenied, ServiceError
from jjdesk.services.core.vocab import REVIEW_STATUS, ROLES
from jjdesk.services.review import checks
from jjdesk.services.review.reviewables import ENTITY_LABELS, MODELS, STAT_VALUE, STAT_YEAR, check_entity, record_label
from jjdesk.services.review.rules import ERROR, Ref
from jjdesk.store import review_repo
from jjdesk.store.engine import Database

SUBMIT, WITHDRAW, APPROVE, RETURN, REOPEN = "submit", "withdraw", "approve", "return", "reopen"


@dataclass(frozen=True)
class Transition:
    """One action of the workflow as data: from which states, to which, by which roles, whether a reason is due."""

    action: str
    label: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    needs_reason: bool = False
    checks_rules: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(SUBMIT, "提交审核", ("draft", "returned"), "submitted", (ENTRY, REVIEWER, ADMIN), checks_rules=True),
        Transition(WITHDRAW, "撤回", ("submitted",), "draft", (ENTRY, REVIEWER, ADMIN)),
        Transition(APPROVE, "审核通过", ("submitted",), "approved", (REVIEWER,), checks_rules=True),
        Transition(RETURN, "退回", ("submitted",), "returned", (REVIEWER,), needs_reason=True),
        # A reopened record goes back to its author like a returned one, with the reviewer's reason.
        Transition(REOPEN, "重新打开", ("approved",), "returned", (REVIEWER,), needs_reason=True),
    )
}


@dataclass(frozen=True)
class Refusal:
    """Why one record may not take a transition."""

    entity: str
    id: int
    label: str
    reason: str

    def __str__(self) -> str:
        return f"{ENTITY_LABELS.get(self.entity, self.entity)}“{self.label}”：{self.reason}"


class ReviewRefused(ServiceError):
    """At least one record may not take the transition; nothing was changed. ``refusals`` says why, per record."""

    def __init__(self, action: str, refusals: list[Refusal]) -> None:
        self.action, self.refusals = action, list(refusals)
        label = TRANSITIONS[action].label if action in TRANSITIONS else action
        super().__init__(
            f"有{len(self.refusals)}条记录不能{label}，本次未作任何修改：\n" + "\n".join(str(r) for r in self.refusals)
        )


@dataclass(frozen=True)
class ReviewItem:
    """A record's place in the workflow, as queues, forms and status bars show it."""

    entity: str
    entity_label: str
    id: int
    label: str
    review_status: str
    status_label: str
    version: int
    created_by: str
    updated_by: str
    submitted_by: str | None
    submitted_at: datetime | None
    reviewed_by: str | None
    reviewed_at: datetime | None
    return_reason: str | None


@dataclass(frozen=True)
class AvailableAction:
    """An action a client may offer for a record: ``allowed`` or not, and why not (Chinese, for a tooltip)."""

    action: str
    label: str
    allowed: bool
    reason: str = ""
    needs_reason: bool = False


@dataclass(frozen=True)
class ReviewQueue:
    """What needs the actor: records awaiting their review, and their own records returned or awaiting review."""

    to_review: list[ReviewItem]
    my_returned: list[ReviewItem]
    my_submitted: list[ReviewItem]


def _item(entity: str, rec: Any) -> ReviewItem:
    return ReviewItem(
        entity,
        ENTITY_LABELS[entity],
        rec.id,
        record_label(entity, rec),
        rec.review_status,
        REVIEW_STATUS.get(rec.review_status, rec.review_status),
        rec.version,
        rec.created_by,
        rec.updated_by,
        rec.submitted_by,
        rec.submitted_at,
        rec.reviewed_by,
        rec.reviewed_at,
        rec.return_reason,
    )


def authors(session: Session, entity: str, rec: Any) -> set[str]:
    """Everyone who may not approve ``rec``: its creator, last editor and submitter, and whoever changed it
    (or, for a year, any of its figures) since it was last approved."""
    names = {rec.created_by, rec.updated_by, rec.submitted_by}
    since = review_repo.last_status_entry_id(session, entity, rec.id, "approved")
    names |= review_repo.editors_since(session, entity, [rec.id], since)
    if entity == STAT_YEAR:
        names |= review_repo.editors_since(session, STAT_VALUE, review_repo.stat_value_ids(session, rec.year), since)
    return {n for n in names if n}


def _reason_for(reason: str | Mapping[Ref, str] | None, ref: Ref) -> str:
    if reason is None:
        return ""
    if isinstance(reason, str):
        return reason.strip()
    return (reason.get(ref) or "").strip()


def _problems(session: Session, actor: Actor, t: Transition, entity: str, rec: Any) -> list[str]:
    """What stops ``actor`` from taking transition ``t`` on ``rec`` (role, state, ownership, four eyes)."""
    if actor.role not in t.roles:
        wanted = "或".join(ROLES[r] for r in t.roles)
        return [f"需要{wanted}权限"]
    if rec.review_status not in t.sources:
        state = REVIEW_STATUS.get(rec.review_status, rec.review_status)
        return [f"当前为“{state}”，不能{t.label}"]
    if t.action == WITHDRAW and actor.role != ADMIN and actor.name not in (rec.submitted_by, rec.created_by):
        return ["只能撤回自己提交的记录"]
    if t.action == APPROVE:
        names = authors(session, entity, rec)
        if actor.name in names:
            return ["不能审核自己录入、修改或提交的记录（须由另一位审核员审核）"]
        # An administrator who reset this reviewer's password could sign in as the reviewer: four eyes counts
        # the resetter as the reviewer, so their own records need another reviewer.
        resetter = review_repo.last_password_reset_by_another(session, actor.name)
        if resetter is not None and resetter in names:
            return [f"{resetter}重置过您的密码，不能由您审核{resetter}录入、修改或提交的记录（须由另一位审核员审核）"]
    return []


def _rule_problems(session: Session, refs: list[Ref]) -> dict[Ref, list[str]]:
    out: dict[Ref, list[str]] = {}
    for f in checks.findings_in(session, only=refs):
        if f.blocking:
            kind = "强制性错误" if f.severity == ERROR else "核实性问题未说明"
            out.setdefault(f.owner, []).append(f"{kind}（{f.rule}）{f.message}")
    return out


def transition(
    db: Database,
    actor: Actor,
    action: str,
    refs: Iterable[Ref],
    reason: str | Mapping[Ref, str] | None = None,
    versions: Mapping[Ref, int] | None = None,
) -> list[ReviewItem]:
    """Move every record of ``refs`` (("enterprise", 3), ("stat_year", 1) …) through ``action``, all or none.

    ``reason`` is one text for all or one per record (required to return or reopen). ``versions`` names the
    version each record had when the officer looked at it; a record changed since is refused. Returns the
    records' new states; raises ReviewRefused (nothing written) listing every refused record.
    """
    t = TRANSITIONS.get(action)
    if t is None:
        raise ValueError(f"未知的审核操作：{action}")
    if actor.role not in t.roles:
        require(actor, *t.roles)
    wanted = list(dict.fromkeys((e, int(i)) for e, i in refs))
    now = audit.utcnow()
    with db.write() as s:
        refusals: list[Refusal] = []
        found: dict[Ref, Any] = {}
        for entity, rid in wanted:
            rec = s.get(check_entity(entity), rid, with_for_update=True)
            if rec is None:
                refusals.append(Refusal(entity, rid, f"编号{rid}", "记录不存在或已被删除"))
                continue
            label = record_label(entity, rec)
            problems = _problems(s, actor, t, entity, rec)
            if versions and (entity, rid) in versions and versions[(entity, rid)] != rec.version:
                problems.insert(
                    0,
                    f"记录已被修改（您看到的是第{versions[(entity, rid)]}版，当前是第{rec.version}版），请刷新后再操作",
                )
            if t.needs_reason and not _reason_for(reason, (entity, rid)):
                problems.append(f"{t.label}须填写原因")
            refusals += [Refusal(entity, rid, label, p) for p in problems]
            found[(entity, rid)] = rec
        if t.checks_rules and found:
            for ref, problems in _rule_problems(s, list(found)).items():
                refusals += [Refusal(ref[0], ref[1], record_label(ref[0], found[ref]), p) for p in problems]
        if refusals:
            raise ReviewRefused(action, refusals)
        changes = []
        for (entity, rid), rec in found.items():
            old, why = rec.review_status, _reason_for(reason, (entity, rid))
            rec.review_status = t.target
            if action == SUBMIT:
                rec.submitted_by, rec.submitted_at, rec.return_reason = actor.name, now, None
            elif action == APPROVE:
                rec.reviewed_by, rec.reviewed_at, rec.return_reason = actor.name, now, None
            elif action in (RETURN, REOPEN):
                rec.reviewed_by, rec.reviewed_at, rec.return_reason = actor.name, now, why[:500]
            rec.version += 1
            changes.append(
                audit.Change(audit.STATUS, entity, rid, record_label(entity, rec), "review_status", old, t.target, why)
            )
        audit.write(s, actor.name, changes)
        return [_item(entity, rec) for (entity, _rid), rec in found.items()]


def submit(
    db: Database, actor: Actor, refs: Iterable[Ref], versions: Mapping[Ref, int] | None = None
) -> list[ReviewItem]:
    """提交审核: drafts and returned records go to review; refused while a 强制 error or an unexplained 核实
    warning remains on the record."""
    return transition(db, actor, SUBMIT, refs, versions=versions)


def withdraw(db: Database, actor: Actor, refs: Iterable[Ref]) -> list[ReviewItem]:
    """撤回: the submitter takes records back from review into draft."""
    return transition(db, actor, WITHDRAW, refs)


def approve(
    db: Database, actor: Actor, refs: Iterable[Ref], versions: Mapping[Ref, int] | None = None
) -> list[ReviewItem]:
    """审核通过 (reviewers, four eyes): the records become locked until reopened."""
    return transition(db, actor, APPROVE, refs, versions=versions)


def send_back(
    db: Database,
    actor: Actor,
    refs: Iterable[Ref],
    reason: str | Mapping[Ref, str],
    versions: Mapping[Ref, int] | None = None,
) -> list[ReviewItem]:
    """退回 (reviewers): records under review go back to their author with a reason, one for all or per record."""
    return transition(db, actor, RETURN, refs, reason, versions)


def reopen(db: Database, actor: Actor, refs: Iterable[Ref], reason: str | Mapping[Ref, str]) -> list[ReviewItem]:
    """重新打开 (reviewers): approved records become editable again, returned to their author with the reason."""
    return transition(db, actor, REOPEN, refs, reason)


# ---------------------------------------------------------------- for the clients


def status(db: Database, entity: str, record_id: int) -> ReviewItem:
    """One record's review state, with the reason it was returned (shown to its author on the form)."""
    model = check_entity(entity)
    with db.session() as s:
        rec = s.get(model, record_id)
        if rec is None:
            raise NotFound(f"{ENTITY_LABELS[entity]}（编号 {record_id}）不存在或已被删除")
        return _item(entity, rec)


def available_actions(db: Database, actor: Actor, entity: str, record_id: int) -> list[AvailableAction]:
    """Every workflow action for one record with whether ``actor`` may take it now, and why not."""
    model = check_entity(entity)
    out: list[AvailableAction] = []
    with db.session() as s:
        rec = s.get(model, record_id)
        if rec is None:
            raise NotFound(f"{ENTITY_LABELS[entity]}（编号 {record_id}）不存在或已被删除")
        rule_problems: dict[Ref, list[str]] | None = None
        for t in TRANSITIONS.values():
            problems = _problems(s, actor, t, entity, rec)
            if not problems and t.checks_rules:
                if rule_problems is None:
                    rule_problems = _rule_problems(s, [(entity, record_id)])
                problems = rule_problems.get((entity, record_id), [])
            out.append(AvailableAction(t.action, t.label, not problems, "；".join(problems), t.needs_reason))
    return out


def queue(db: Database, actor: Actor, limit: int = 1000) -> ReviewQueue:
    """The actor's work: records awaiting their review (reviewers only; never their own), and their own records
    that were returned (with the reason) or still await review."""
    to_review: list[ReviewItem] = []
    returned: list[ReviewItem] = []
    submitted: list[ReviewItem] = []
    with db.session() as s:
        for entity, model in MODELS.items():
            if actor.role in TRANSITIONS[APPROVE].roles:
                to_review += [
                    _item(entity, r)
                    for r in review_repo.records_in_status(s, model, ["submitted"], limit=limit)
                    if actor.name not in (r.created_by, r.updated_by, r.submitted_by)
                ]
            returned += [
                _item(entity, r) for r in review_repo.records_in_status(s, model, ["returned"], actor.name, limit)
            ]
            submitted += [
                _item(entity, r) for r in review_repo.records_in_status(s, model, ["submitted"], actor.name, limit)
            ]
    return ReviewQueue(to_review, returned, submitted)


def find(
    db: Database, *, entity: str | None = None, statuses: Iterable[str] = (), text: str = "", limit: int = 2000
) -> list[ReviewItem]:
    """Records for bulk review work: of one kind (or all three), in the given states, whose name contains
    ``text``; most recently changed first, at most ``limit`` per kind."""
    kinds = [entity] if entity else list(MODELS)
    wanted = [st for st in statuses if st]
    out: list[ReviewItem] = []
    with db.session() as s:
        for kind in kinds:
            out += [_item(kind, r) for r in review_repo.find_records(s, check_entity(kind), wanted, text, limit)]
    return out


def allowed_actions(actor: Actor) -> list[Transition]:
    """The transitions ``actor``'s role may take at all (which buttons a client shows)."""
    return [t for t in TRANSITIONS.values() if actor.role in t.roles]


def ensure_reviewer(actor: Actor) -> None:
    """PermissionDenied unless ``actor`` may approve (for clients that hide the 审核 page from others)."""
    if actor.role not in TRANSITIONS[APPROVE].roles:
        raise PermissionDenied(f"只有{ROLES[REVIEWER]}可以审核，{actor.name}当前是{actor.role_label}。")
