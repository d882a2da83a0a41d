"""Written explanations (说明) that let a 核实 finding stand.

An explanation belongs to one rule at one place (record and field) *for the values it explains*: if a value
changes, the old explanation no longer matches and the finding asks for a new one. Explanations are audited
and shown wherever the value is (``for_record``); the 审核报告 and submissions carry them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import FieldError, LockedRecord, NotFound, ValidationFailed
from jjdesk.services.core.vocab import REVIEW_STATUS
from jjdesk.services.review import checks
from jjdesk.services.review.reviewables import MODELS, STAT_VALUE, STAT_YEAR, record_label
from jjdesk.services.review.rules import VERIFY, Ref
from jjdesk.store import review_repo
from jjdesk.store.engine import Database
from jjdesk.store.models import ReviewExplanation, StatValue, id_of

ENTITY = "review_explanation"
MAX_TEXT = 1000


@dataclass(frozen=True)
class Explanation:
    """A stored explanation as forms show it beside the value. ``values`` is the text of what it vouches for."""

    rule: str
    entity: str
    entity_id: int
    field: str
    values: str
    text: str
    by: str
    at: datetime


def _owner(s, entity: str, entity_id: int) -> Ref:
    if entity == STAT_VALUE:
        value = s.get(StatValue, entity_id)
        if value is None:
            raise NotFound(f"统计数据（编号 {entity_id}）不存在")
        year = next(iter(review_repo.stat_years_for_check(s, value.year)), None)
        if year is None:
            raise NotFound(f"{value.year}年统计不存在")
        return (STAT_YEAR, id_of(year))
    return (entity, entity_id)


def explain(
    db: Database, actor: Actor, rule_id: str, entity: str, entity_id: int, field: str, text: str
) -> checks.Finding:
    """Explain the current 核实 finding of ``rule_id`` at (entity, id, field); returns it, now explained.

    Refused when there is no such finding now (it may be gone, or be a 强制 error, which cannot be explained)
    and when a matching explanation exists on a record under review or approved (that needs reopening).
    """
    text = (text or "").strip()
    if not text:
        raise ValidationFailed([FieldError("text", "说明", "不能为空")])
    if len(text) > MAX_TEXT:
        raise ValidationFailed([FieldError("text", "说明", f"最多{MAX_TEXT}个字，实为{len(text)}个字")])
    now = audit.utcnow()
    with db.write() as s:
        owner = _owner(s, entity, entity_id)
        current = [
            f
            for f in checks.findings_in(s, only=[owner])
            if (f.rule, f.entity, f.id, f.field) == (rule_id, entity, entity_id, field)
        ]
        if not current:
            raise NotFound(f"当前没有需要说明的问题（规则 {rule_id}），可能数据已修改或问题已消除。请重新审核。")
        finding = current[0]
        if finding.severity != VERIFY:
            raise ValidationFailed(
                [FieldError("text", "说明", f"{finding.severity}性问题不能用说明放行，必须修改数据")]
            )
        record = s.get(MODELS[owner[0]], owner[1])
        stored = review_repo.explanation(s, rule_id, entity, entity_id, field)
        if finding.explained and record is not None and record.review_status in ("submitted", "approved"):
            state = REVIEW_STATUS[record.review_status]
            raise LockedRecord(
                f"“{record_label(owner[0], record)}”当前为“{state}”，已有的说明不能修改；"
                "如需修改，请审核员退回或重新打开。"
            )
        old = stored.text if stored is not None else None
        if stored is None:
            stored = ReviewExplanation(
                rule_id=rule_id,
                entity=entity,
                entity_id=entity_id,
                field=field,
                values_key=finding.values_key,
                text=text,
                created_by=actor.name,
                created_at=now,
            )
            s.add(stored)
            s.flush()
        else:
            stored.values_key, stored.text, stored.created_by, stored.created_at = (
                finding.values_key,
                text,
                actor.name,
                now,
            )
        label = f"{finding.label}·{finding.field_label or rule_id}"
        audit.write(
            s,
            actor.name,
            [
                audit.Change(
                    audit.UPDATE if old is not None else audit.CREATE,
                    ENTITY,
                    id_of(stored),
                    label,
                    rule_id,
                    old,
                    text,
                    f"说明针对的数值：{finding.values_key}"[:500],
                )
            ],
        )
        return replace(finding, explanation=text, explained_by=actor.name, explained_at=now)


def for_record(db: Database, entity: str, entity_id: int) -> list[Explanation]:
    """Every explanation stored for a record (for a statistics year: for each of its figures), oldest first.

    Whether each still matches its values is for the check to say: a finding shows an explanation only when
    it does.
    """
    with db.session() as s:
        rows = review_repo.explanations(s, entity, [entity_id])
        if entity == STAT_YEAR:
            year = review_repo.stat_year_by_id(s, entity_id)
            if year is not None:
                rows += review_repo.explanations(s, STAT_VALUE, review_repo.stat_value_ids(s, year.year))
    return [
        Explanation(x.rule_id, x.entity, x.entity_id, x.field, x.values_key, x.text, x.created_by, x.created_at)
        for x in rows
    ]
