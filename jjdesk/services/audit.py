"""The audit trail: every change written in the same transaction as the change, chained by SHA-256.

Each entry's hash covers its own content and the previous entry's hash, so editing or deleting a past entry
breaks the chain at that point and :func:`verify_chain` finds it. A create or delete is one entry holding the
whole record as JSON (an import of 100,000 rows must not write 1.4 million audit rows); an update is one entry
per changed field, old → new, which is what the officers read in a record's history.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from jjdesk.store import repos
from jjdesk.store.engine import Database
from jjdesk.store.models import AuditEntry
from jjdesk.store.types import strip_zeros

CREATE, UPDATE, DELETE, STATUS = "create", "update", "delete", "status"
ACTION_LABELS = {CREATE: "新增", UPDATE: "修改", DELETE: "删除", STATUS: "状态变更"}


def utcnow() -> datetime:
    """The one clock of the services: aware UTC, shown in local time by the clients."""
    return datetime.now(UTC)


def as_text(value: Any) -> str | None:
    """The canonical text of a stored value, as the history shows it and the hash covers it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format(strip_zeros(value), "f")
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


def snapshot_json(values: Mapping[str, Any]) -> str:
    """A record as compact, key-sorted JSON of canonical texts (for create and delete entries)."""
    return json.dumps({k: as_text(v) for k, v in values.items()}, ensure_ascii=False, sort_keys=True)


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """The fields of ``new`` whose value differs from ``old``, as (field, old, new)."""
    return [(k, old.get(k), v) for k, v in new.items() if as_text(old.get(k)) != as_text(v)]


@dataclass(frozen=True)
class Change:
    """One line of the audit trail before it is written."""

    action: str
    entity: str
    entity_id: int
    record_label: str
    field: str = ""
    old: str | None = None
    new: str | None = None
    reason: str = ""


def _entry_hash(prev_hash: str, e: AuditEntry) -> str:
    payload = json.dumps(
        [prev_hash, e.at.astimezone(UTC).isoformat(timespec="microseconds"), e.user_name, e.action, e.entity,
         e.entity_id, e.record_label, e.field, e.old, e.new, e.reason],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def write(session: Session, user_name: str, changes: Iterable[Change]) -> int:
    """Append ``changes`` to the chain inside the caller's transaction; returns how many were written."""
    prev = repos.last_audit_hash(session)
    at = utcnow()
    count = 0
    for c in changes:
        entry = AuditEntry(at=at, user_name=user_name, action=c.action, entity=c.entity, entity_id=c.entity_id,
                           record_label=c.record_label[:200], field=c.field, old=c.old, new=c.new,
                           reason=c.reason, prev_hash=prev)
        entry.hash = _entry_hash(prev, entry)
        prev = entry.hash
        session.add(entry)
        count += 1
    return count


def created(entity: str, entity_id: int, label: str, values: Mapping[str, Any], reason: str = "") -> Change:
    return Change(CREATE, entity, entity_id, label, new=snapshot_json(values), reason=reason)


def deleted(entity: str, entity_id: int, label: str, values: Mapping[str, Any], reason: str = "") -> Change:
    return Change(DELETE, entity, entity_id, label, old=snapshot_json(values), reason=reason)


def updated(entity: str, entity_id: int, label: str, changes: list[tuple[str, Any, Any]],
            reason: str = "") -> list[Change]:
    return [Change(UPDATE, entity, entity_id, label, f, as_text(o), as_text(n), reason) for f, o, n in changes]


@dataclass(frozen=True)
class ChainReport:
    """Result of checking the whole chain: ``first_bad_id`` is None when every entry is intact."""

    entries: int
    first_bad_id: int | None
    message: str

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None


def verify_chain(db: Database) -> ChainReport:
    """Recompute every hash in order; report the first entry that was edited, or after which one was removed."""
    prev = ""
    n = 0
    with db.session() as session:
        for entry in repos.iter_audit_entries(session):
            n += 1
            if entry.prev_hash != prev:
                return ChainReport(n, entry.id, f"第{entry.id}条修改记录之前的记录被删除或改动，审计链断开。")
            if _entry_hash(prev, entry) != entry.hash:
                return ChainReport(n, entry.id, f"第{entry.id}条修改记录的内容被改动（哈希不符）。")
            prev = entry.hash
    return ChainReport(n, None, f"审计链完整，共{n}条记录。")


def history(db: Database, entity: str, entity_id: int) -> list[AuditEntry]:
    """A record's changes, oldest first, for its history view and the 修改记录 export."""
    with db.session() as session:
        return repos.audit_entries_for(session, entity, entity_id)
