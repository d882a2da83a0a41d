"""Initiatives (工作举措) with their milestones, target indicators and linked enterprises, saved as one unit.

The children are edited together with the initiative and share its version number: an officer's form holds
the whole initiative, so a save replaces the children it shows, and the audit records each sub-table's
before and after as readable lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from jjdesk.services.core import audit, records
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import FieldError, NotFound, ValidationFailed
from jjdesk.services.records.validation import (
    INDICATOR_FIELDS,
    INDICATORS,
    INITIATIVE_FIELDS,
    LINK_FIELDS,
    LINKS,
    MILESTONES,
    check_initiative,
    check_milestones,
    check_rows,
)
from jjdesk.store import repos
from jjdesk.store.engine import Database
from jjdesk.store.models import Initiative, InitiativeEnterprise, InitiativeIndicator, Milestone, id_of

ENTITY = "initiative"
COLUMNS = tuple(s.name for s in INITIATIVE_FIELDS)
CHILDREN = ("milestones", "indicators", "links")
_CHILD_LABELS = {"milestones": MILESTONES, "indicators": INDICATORS, "links": LINKS}


def _row_texts(kind: str, rows: Sequence[Mapping[str, Any]], names: Mapping[int, str]) -> str:
    """A sub-table as one readable line per row, for the audit trail."""
    lines = []
    for r in rows:
        if kind == "milestones":
            done = f"已完成{audit.as_text(r.get('done_date')) or ''}" if r.get("done") else "未完成"
            lines.append(f"{audit.as_text(r.get('due_date')) or '—'}｜{r['text']}｜{done}")
        elif kind == "indicators":
            lines.append(
                f"{r['name']}｜目标 {audit.as_text(r.get('target')) or '—'}{r.get('unit', '')}"
                f"｜完成 {audit.as_text(r.get('actual')) or '—'}{r.get('unit', '')}"
            )
        else:
            note = f"｜{r['note']}" if r.get("note") else ""
            lines.append(f"{names.get(r['enterprise_id'], r['enterprise_id'])}｜{r['role']}{note}")
    return "\n".join(lines)


def _check_children(s, milestones, indicators, links) -> dict[str, list[dict] | None]:
    errors: list[FieldError] = []
    out: dict[str, list[dict] | None] = {"milestones": None, "indicators": None, "links": None}
    if milestones is not None:
        out["milestones"], errs = check_milestones(list(milestones))
        errors += errs
    if indicators is not None:
        out["indicators"], errs = check_rows(INDICATOR_FIELDS, list(indicators), INDICATORS)
        errors += errs
    if links is not None:
        rows, errs = check_rows(LINK_FIELDS, list(links), LINKS)
        out["links"] = rows
        errors += errs
        ids = [r["enterprise_id"] for r in rows if r.get("enterprise_id")]
        known = repos.existing_enterprise_ids(s, ids)
        seen: set[int] = set()
        for i, eid in enumerate(ids, start=1):
            if eid not in known:
                errors.append(FieldError("enterprise_id", "关联企业", f"企业编号 {eid} 不存在", row=i, table=LINKS))
            elif eid in seen:
                errors.append(FieldError("enterprise_id", "关联企业", "同一企业重复关联", row=i, table=LINKS))
            seen.add(eid)
    if errors:
        raise ValidationFailed(errors)
    return out


def _span_errors(fields: Mapping[str, Any], milestones: list[dict] | None) -> list[FieldError]:
    """Milestones dated before the start are plain mistakes; after the due date is a review matter, not here."""
    start = fields.get("start_date")
    if not start or not milestones:
        return []
    return [
        FieldError(
            "due_date",
            "里程碑·节点日期",
            f"{m['due_date'].isoformat()} 早于举措开始日期 {start.isoformat()}",
            row=i,
            table=MILESTONES,
        )
        for i, m in enumerate(milestones, start=1)
        if m.get("due_date") and m["due_date"] < start
    ]


def _children_models(
    initiative_id: int, kids: Mapping[str, list[dict] | None]
) -> tuple[list[Milestone], list[InitiativeIndicator], list[InitiativeEnterprise]]:
    ms = [Milestone(initiative_id=initiative_id, seq=i, **m) for i, m in enumerate(kids["milestones"] or [])]
    inds = [
        InitiativeIndicator(initiative_id=initiative_id, seq=i, **r) for i, r in enumerate(kids["indicators"] or [])
    ]
    links = [InitiativeEnterprise(initiative_id=initiative_id, **r) for r in kids["links"] or []]
    return ms, inds, links


def _as_dict(s, ini: Initiative) -> dict[str, Any]:
    data = records.fields_of(
        ini,
        (
            "id",
            *COLUMNS,
            *records.REVIEW_COLUMNS,
        ),
    )
    milestones, indicators, links = repos.initiative_children(s, id_of(ini))
    data["milestones"] = [records.fields_of(m, ("id", "due_date", "text", "done", "done_date")) for m in milestones]
    data["indicators"] = [records.fields_of(x, ("id", "name", "unit", "target", "actual")) for x in indicators]
    data["links"] = [
        {"enterprise_id": link.enterprise_id, "enterprise_name": name, "role": link.role, "note": link.note}
        for link, name in links
    ]
    return data


def _names(data: Mapping[str, Any]) -> dict[int, str]:
    return {link["enterprise_id"]: link.get("enterprise_name", "") for link in data.get("links", [])}


def create(
    db: Database,
    actor: Actor,
    values: Mapping[str, Any],
    milestones: Sequence[Mapping] = (),
    indicators: Sequence[Mapping] = (),
    links: Sequence[Mapping] = (),
) -> dict[str, Any]:
    """Record a new initiative with its sub-tables as the actor's draft."""
    fields = check_initiative(values)
    now = audit.utcnow()
    with db.write() as s:
        kids = _check_children(s, milestones, indicators, links)
        span = _span_errors(fields, kids["milestones"])
        if span:
            raise ValidationFailed(span)
        ini = Initiative(**fields)
        records.stamp_new(ini, actor, now)
        s.add(ini)
        s.flush()
        s.add_all([m for group in _children_models(id_of(ini), kids) for m in group])
        s.flush()
        data = _as_dict(s, ini)
        snapshot = {**fields, **{k: _row_texts(k, data[k], _names(data)) for k in CHILDREN}}
        audit.write(s, actor.name, [audit.created(ENTITY, id_of(ini), ini.name, snapshot)])
        return data


def get(db: Database, initiative_id: int) -> dict[str, Any]:
    """One initiative with milestones, indicators and linked enterprises (with names)."""
    with db.session() as s:
        ini = s.get(Initiative, initiative_id)
        if ini is None:
            raise NotFound(f"工作举措（编号 {initiative_id}）不存在或已被删除")
        return _as_dict(s, ini)


def update(
    db: Database,
    actor: Actor,
    initiative_id: int,
    values: Mapping[str, Any],
    expected_version: int | None,
    milestones: Sequence[Mapping] | None = None,
    indicators: Sequence[Mapping] | None = None,
    links: Sequence[Mapping] | None = None,
    reason: str = "",
) -> dict[str, Any]:
    """Change fields and/or replace sub-tables (``None`` leaves a sub-table as it is)."""
    now = audit.utcnow()
    with db.write() as s:
        ini = s.get(Initiative, initiative_id, with_for_update=True)
        if ini is None:
            raise NotFound(f"工作举措（编号 {initiative_id}）不存在或已被删除")
        records.check_version(ini, expected_version, ini.name)
        records.ensure_editable(ini, ini.name)
        fields = check_initiative(values, partial=True, current=records.fields_of(ini, COLUMNS))
        kids = _check_children(s, milestones, indicators, links)
        merged = {**records.fields_of(ini, COLUMNS), **fields}
        before = _as_dict(s, ini)
        span = _span_errors(merged, kids["milestones"] if kids["milestones"] is not None else before["milestones"])
        if span:
            raise ValidationFailed(span)
        label = ini.name
        changes = records.apply(ini, fields, COLUMNS)
        if any(kids[k] is not None for k in CHILDREN):
            current = {k: [dict(r) for r in before[k]] for k in CHILDREN}
            replaced = {k: current[k] if (kid := kids[k]) is None else kid for k in CHILDREN}
            for rows in replaced.values():
                for r in rows:
                    r.pop("id", None)
                    r.pop("enterprise_name", None)
            repos.replace_initiative_children(s, id_of(ini), *_children_models(id_of(ini), replaced))
            s.flush()
            after = _as_dict(s, ini)
            old_txt = {k: _row_texts(k, before[k], _names(before)) for k in CHILDREN}
            new_txt = {k: _row_texts(k, after[k], _names(after)) for k in CHILDREN}
            changes += [(k, old_txt[k], new_txt[k]) for k in CHILDREN if old_txt[k] != new_txt[k]]
        if changes:
            records.bump(ini, actor, now)
            audit.write(s, actor.name, audit.updated(ENTITY, id_of(ini), label, changes, reason))
        return _as_dict(s, ini)


def delete(db: Database, actor: Actor, initiative_id: int, expected_version: int | None, reason: str = "") -> None:
    """Delete an initiative and its sub-tables; the audit keeps its last content."""
    with db.write() as s:
        ini = s.get(Initiative, initiative_id, with_for_update=True)
        if ini is None:
            raise NotFound(f"工作举措（编号 {initiative_id}）不存在或已被删除")
        records.check_version(ini, expected_version, ini.name)
        records.ensure_editable(ini, ini.name)
        data = _as_dict(s, ini)
        snapshot = {**records.fields_of(ini, COLUMNS), **{k: _row_texts(k, data[k], _names(data)) for k in CHILDREN}}
        audit.write(s, actor.name, [audit.deleted(ENTITY, id_of(ini), ini.name, snapshot, reason)])
        s.delete(ini)


def list_all(db: Database) -> list[dict[str, Any]]:
    """Every initiative's own fields (no sub-tables), by category."""
    with db.session() as s:
        return [records.fields_of(i, ("id", *COLUMNS, "review_status", "version")) for i in repos.list_initiatives(s)]
