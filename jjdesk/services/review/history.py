"""A record's history (修改记录) as the officers read it: local time, who, what, which field, old → new, why.

The audit trail stores codes and canonical texts; this turns them into Chinese labels from the field specs and
vocabularies, so the history view and the 修改记录 export show the same rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from jjdesk.services.core.audit import ACTION_LABELS
from jjdesk.services.core.vocab import REVIEW_STATUS, ROLES, VALUE_BASIS
from jjdesk.services.records.validation import (
    ENTERPRISE_FIELDS,
    INITIATIVE_FIELDS,
    STAT_INDICATOR_FIELDS,
    STAT_VALUE_FIELDS,
)
from jjdesk.services.review.reviewables import ENTERPRISE, ENTITY_LABELS, INITIATIVE, STAT_VALUE, STAT_YEAR
from jjdesk.store import review_repo
from jjdesk.store.engine import Database
from jjdesk.store.models import AuditEntry, StatYear, id_of

_COMMON = {"review_status": "审核状态", "reason": "原因"}
FIELD_LABELS: dict[str, dict[str, str]] = {
    ENTERPRISE: {s.name: s.label for s in ENTERPRISE_FIELDS},
    INITIATIVE: {
        **{s.name: s.label for s in INITIATIVE_FIELDS},
        "milestones": "里程碑",
        "indicators": "目标指标",
        "links": "关联企业",
    },
    STAT_VALUE: {s.name: s.label for s in STAT_VALUE_FIELDS},
    STAT_YEAR: {"year": "年份", "notes": "备注"},
    "stat_indicator": {s.name: s.label for s in STAT_INDICATOR_FIELDS},
    "app_user": {
        "name": "用户名",
        "display_name": "显示名",
        "role": "角色",
        "active": "启用",
        "password": "密码",
        "locked_until": "锁定至",
    },
    "credit_code_exception": {"code": "统一社会信用代码", "reason": "原因"},
    "submission": {
        "year": "年度",
        "scope": "范围",
        "content_hash": "内容哈希",
        "records": "记录数",
        "workbook": "上报文件",
    },
}
# Fields stored as codes whose labels the officer reads.
_CODED = {"review_status": REVIEW_STATUS, "basis": VALUE_BASIS, "role": ROLES}


@dataclass(frozen=True)
class HistoryRow:
    """One line of a record's 修改记录."""

    at: datetime  # local time
    user: str
    action: str
    action_label: str
    record: str
    field: str
    field_label: str
    old: str | None
    new: str | None
    reason: str

    @property
    def at_text(self) -> str:
        return self.at.strftime("%Y-%m-%d %H:%M:%S")


def field_label(entity: str, field: str) -> str:
    """The Chinese label of a field of ``entity`` as the audit trail names it ("" for whole-record entries)."""
    if not field:
        return ""
    if entity == "review_explanation":
        return f"核实说明（{field}）"
    return FIELD_LABELS.get(entity, {}).get(field) or _COMMON.get(field, field)


def _value(field: str, text: str | None) -> str | None:
    if text is None or field not in _CODED:
        return text
    return _CODED[field].get(text, text)


def _record_text(entity: str, text: str | None) -> str | None:
    """A create/delete entry's JSON snapshot as "label：value；…" in the officer's words."""
    if not text:
        return text
    try:
        data = json.loads(text)
    except ValueError:
        return text
    if not isinstance(data, dict):
        return text
    # The stored JSON is key-sorted; the officer reads the fields in the form's order.
    order = {name: i for i, name in enumerate(FIELD_LABELS.get(entity, {}))}
    keys = sorted(data, key=lambda k: (order.get(k, len(order)), k))
    return "；".join(f"{field_label(entity, k)}：{_value(k, data[k])}" for k in keys if data[k] not in (None, "", "否"))


def _row(e: AuditEntry) -> HistoryRow:
    whole = e.action in ("create", "delete") and not e.field
    old = _record_text(e.entity, e.old) if whole else _value(e.field, e.old)
    new = _record_text(e.entity, e.new) if whole else _value(e.field, e.new)
    return HistoryRow(
        e.at.astimezone(),
        e.user_name,
        e.action,
        ACTION_LABELS.get(e.action, e.action),
        e.record_label,
        e.field,
        field_label(e.entity, e.field),
        old,
        new,
        e.reason,
    )


def record_history(db: Database, entity: str, entity_id: int) -> list[HistoryRow]:
    """The 修改记录 of one record, oldest first: its own entries, its explanations' and — for a statistics year —
    those of each of its figures."""
    if entity not in FIELD_LABELS:
        raise ValueError(f"“{entity}”没有修改记录，应为：{'、'.join(ENTITY_LABELS)}")
    with db.session() as s:
        records: dict[str, list[int]] = {entity: [entity_id]}
        if entity == STAT_YEAR:
            year = s.get(StatYear, entity_id)
            if year is not None:
                records[STAT_VALUE] = review_repo.stat_value_ids(s, year.year)
        explanation_ids: list[int] = []
        for ent, ids in records.items():
            explanation_ids += [id_of(x) for x in review_repo.explanations(s, ent, ids)]
        if explanation_ids:
            records["review_explanation"] = explanation_ids
        return [_row(e) for e in review_repo.audit_entries_of(s, records)]
