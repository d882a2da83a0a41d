"""Platform enterprises: create, update, delete, read — each one validated and audited in one transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError

from jjdesk.services.core import audit, records
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import FieldError, NotFound, ServiceError, ValidationFailed
from jjdesk.services.core.vocab import CHANNELS, SERVICES
from jjdesk.services.records import code_exceptions
from jjdesk.services.records.validation import ENTERPRISE_FIELDS, check_enterprise
from jjdesk.store import enterprise_tags, repos
from jjdesk.store.engine import Database
from jjdesk.store.models import Enterprise, id_of

ENTITY = "enterprise"
TAG_FIELDS = ("services", "channels")
COLUMNS = tuple(s.name for s in ENTERPRISE_FIELDS if s.name not in TAG_FIELDS)


def _in_vocab_order(items: list[str], vocab: Sequence[str]) -> list[str]:
    """The database returns tags in key order; officers expect the vocabulary's order, then any others."""
    rank = {v: i for i, v in enumerate(vocab)}
    return sorted(items, key=lambda x: (rank.get(x, len(rank)), x))


def _as_dict(ent: Enterprise, services: list[str], channels: list[str]) -> dict[str, Any]:
    data = records.fields_of(ent, ("id", *COLUMNS, *records.REVIEW_COLUMNS))
    data["services"] = _in_vocab_order(services, SERVICES)
    data["channels"] = _in_vocab_order(channels, CHANNELS)
    return data


def _duplicate_code_error(session, code: str | None, own_id: int | None) -> FieldError | None:
    if not code:
        return None
    other = repos.enterprise_by_credit_code(session, code)
    if other is not None and other.id != own_id:
        return FieldError("credit_code", "统一社会信用代码", f"{code} 已登记为“{other.name}”，不能重复录入")
    return None


def _integrity(exc: IntegrityError) -> ValidationFailed:
    # A concurrent insert of the same code slipped past the pre-check: report it the same way.
    if "credit_code" in str(exc.orig):
        return ValidationFailed([FieldError("credit_code", "统一社会信用代码", "该代码已被其他记录使用")])
    raise exc


def create(db: Database, actor: Actor, values: Mapping[str, Any]) -> dict[str, Any]:
    """Register a new enterprise as the actor's draft; returns the saved record."""
    clean = check_enterprise(values, accepted_codes=code_exceptions.accepted_among(db, [values.get("credit_code")]))
    now = audit.utcnow()
    try:
        with db.write() as s:
            dup = _duplicate_code_error(s, clean.get("credit_code"), None)
            if dup:
                raise ValidationFailed([dup])
            ent = Enterprise(**{k: clean[k] for k in COLUMNS})
            records.stamp_new(ent, actor, now)
            s.add(ent)
            s.flush()
            repos.replace_enterprise_tags(s, id_of(ent), clean["services"], clean["channels"])
            audit.write(s, actor.name, [audit.created(ENTITY, id_of(ent), ent.name, clean)])
            return _as_dict(ent, clean["services"], clean["channels"])
    except IntegrityError as exc:
        raise _integrity(exc) from None


def create_many(db: Database, actor: Actor, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Register many enterprises at once, all or none: every row is checked before anything is written.

    Errors carry the 1-based row number. Duplicate credit codes within ``rows`` or against the database are
    errors. Returns the new ids in input order.
    """
    cleaned: list[dict[str, Any]] = []
    errors: list[FieldError] = []
    seen: dict[str, int] = {}
    accepted = code_exceptions.accepted_among(db, [row.get("credit_code") for row in rows])
    for i, row in enumerate(rows, start=1):
        try:
            clean = check_enterprise(row, accepted_codes=accepted)
        except ValidationFailed as exc:
            errors += [FieldError(e.field, e.label, e.message, row=i) for e in exc.errors]
            continue
        code = clean.get("credit_code")
        if code and code in seen:
            errors.append(FieldError("credit_code", "统一社会信用代码", f"{code} 与第{seen[code]}行重复", row=i))
        elif code:
            seen[code] = i
        cleaned.append(clean)
    if errors:
        raise ValidationFailed(errors)
    now = audit.utcnow()
    with db.write() as s:
        taken = repos.existing_credit_codes(s, list(seen))
        if taken:
            raise ValidationFailed(
                [
                    FieldError("credit_code", "统一社会信用代码", f"{code} 已登记为“{name}”", row=seen[code])
                    for code, name in sorted(taken.items(), key=lambda kv: seen[kv[0]])
                ]
            )
        ents: list[Enterprise] = []
        for clean in cleaned:
            ent = Enterprise(**{k: clean[k] for k in COLUMNS})
            records.stamp_new(ent, actor, now)
            ents.append(ent)
        s.add_all(ents)
        s.flush()
        for ent, clean in zip(ents, cleaned, strict=True):
            repos.add_enterprise_tags(s, id_of(ent), clean["services"], clean["channels"])
        audit.write(
            s, actor.name, [audit.created(ENTITY, id_of(e), e.name, c) for e, c in zip(ents, cleaned, strict=True)]
        )
        return [id_of(e) for e in ents]


def get(db: Database, enterprise_id: int) -> dict[str, Any]:
    """One enterprise with its services and channels."""
    with db.session() as s:
        ent = s.get(Enterprise, enterprise_id)
        if ent is None:
            raise NotFound(f"企业（编号 {enterprise_id}）不存在或已被删除")
        services, channels = enterprise_tags.tags_of(s, [enterprise_id])
        return _as_dict(ent, services.get(enterprise_id, []), channels.get(enterprise_id, []))


def update(
    db: Database,
    actor: Actor,
    enterprise_id: int,
    values: Mapping[str, Any],
    expected_version: int | None,
    reason: str = "",
) -> dict[str, Any]:
    """Change the given fields. Refuses a stale version (ConflictError) and a submitted/approved record."""
    clean = check_enterprise(
        values, partial=True, accepted_codes=code_exceptions.accepted_among(db, [values.get("credit_code")])
    )
    now = audit.utcnow()
    try:
        with db.write() as s:
            ent = s.get(Enterprise, enterprise_id, with_for_update=True)
            if ent is None:
                raise NotFound(f"企业（编号 {enterprise_id}）不存在或已被删除")
            records.check_version(ent, expected_version, ent.name)
            records.ensure_editable(ent, ent.name)
            eid = id_of(ent)
            dup = _duplicate_code_error(s, clean.get("credit_code"), eid)
            if dup:
                raise ValidationFailed([dup])
            old_services, old_channels = enterprise_tags.tags_of(s, [eid])
            label = ent.name
            changes = records.apply(ent, clean, COLUMNS)
            tags_old = {
                "services": _in_vocab_order(old_services.get(eid, []), SERVICES),
                "channels": _in_vocab_order(old_channels.get(eid, []), CHANNELS),
            }
            tags_new = {**tags_old, **{k: clean[k] for k in TAG_FIELDS if k in clean}}
            tag_changes = audit.diff(tags_old, tags_new)
            if tag_changes:
                repos.replace_enterprise_tags(s, eid, tags_new["services"], tags_new["channels"])
            if changes or tag_changes:
                records.bump(ent, actor, now)
                audit.write(s, actor.name, audit.updated(ENTITY, eid, label, changes + tag_changes, reason))
            return _as_dict(ent, tags_new["services"], tags_new["channels"])
    except IntegrityError as exc:
        raise _integrity(exc) from None


def delete(db: Database, actor: Actor, enterprise_id: int, expected_version: int | None, reason: str = "") -> None:
    """Delete an enterprise that no initiative links to; the audit keeps its last content."""
    with db.write() as s:
        ent = s.get(Enterprise, enterprise_id, with_for_update=True)
        if ent is None:
            raise NotFound(f"企业（编号 {enterprise_id}）不存在或已被删除")
        records.check_version(ent, expected_version, ent.name)
        records.ensure_editable(ent, ent.name)
        eid = id_of(ent)
        linked = repos.initiatives_linking(s, eid)
        if linked:
            raise ServiceError(f"“{ent.name}”关联了工作举措：{'、'.join(linked)}。请先在举措中取消关联再删除。")
        services, channels = enterprise_tags.tags_of(s, [eid])
        snapshot = _as_dict(ent, services.get(eid, []), channels.get(eid, []))
        audit.write(
            s,
            actor.name,
            [audit.deleted(ENTITY, eid, ent.name, {k: snapshot[k] for k in (*COLUMNS, *TAG_FIELDS)}, reason)],
        )
        s.delete(ent)


def search(db: Database, text: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Enterprises whose name, credit code or contact contains ``text`` (for the CLI and pickers)."""
    with db.session() as s:
        found = repos.search_enterprises(s, text, limit, offset)
        ids = [id_of(e) for e in found]
        services, channels = enterprise_tags.tags_of(s, ids)
        return [_as_dict(e, services.get(i, []), channels.get(i, [])) for e, i in zip(found, ids, strict=True)]
