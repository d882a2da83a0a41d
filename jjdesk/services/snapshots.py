"""Snapshots of records as canonical text: what a submission (上报) freezes and what a meeting pack remembers.

Each record becomes an :class:`Item` whose fields are the same canonical text the audit trail uses, so two
snapshots taken at different times compare field by field (:func:`differences`) and hash the same way
(:func:`content_hash`) whoever takes them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from jjdesk.services import audit, checks
from jjdesk.services.enterprises import COLUMNS as ENTERPRISE_COLUMNS
from jjdesk.services.initiatives import COLUMNS as INITIATIVE_COLUMNS
from jjdesk.services.reviewables import ENTERPRISE, INITIATIVE, STAT_YEAR, record_label
from jjdesk.services.rules import VERIFY, CheckContext
from jjdesk.services.validation import ENTERPRISE_FIELDS, INITIATIVE_FIELDS
from jjdesk.services.vocab import VALUE_BASIS
from jjdesk.store import repos

_FIELD_LABELS = {
    ENTERPRISE: {**{s.name: s.label for s in ENTERPRISE_FIELDS}},
    INITIATIVE: {**{s.name: s.label for s in INITIATIVE_FIELDS}, "milestones": "里程碑", "indicators": "目标指标",
                 "links": "关联企业"},
    STAT_YEAR: {"year": "年份", "notes": "备注"},
}
_VALUE_PARTS = {"value": "数值", "growth": "增速(%)", "basis": "数据性质", "source": "数据来源"}


@dataclass(frozen=True)
class Item:
    """One record of a snapshot: its fields as canonical text."""

    entity: str
    id: int
    label: str
    content: dict[str, str | None]

@dataclass(frozen=True)
class Difference:
    """One difference between two snapshots (a submission and now, two meeting packs). ``kind`` is 新增, 删除 or
    修改; ``submitted`` is the earlier text, ``now`` the later one."""

    entity: str
    id: int
    label: str
    kind: str
    field: str
    field_label: str
    submitted: str | None
    now: str | None


# ---------------------------------------------------------------- snapshot


def _texts(values: Mapping[str, Any]) -> dict[str, str | None]:
    return {k: audit.as_text(v) for k, v in values.items()}


def _lines(rows: list[str]) -> str:
    return "\n".join(rows)


def snapshot(s: Session, ctx: CheckContext, findings: Sequence[checks.Finding] = (),
             enterprises: Sequence[Any] | None = None) -> list[Item]:
    """The records of ``ctx`` (its statistics years with every figure, enterprises with their tags, initiatives
    with milestones, indicators and links) as canonical text, plus the text of each explained 核实 finding.

    ``enterprises`` replaces ``ctx.enterprises`` with plain rows of the same columns (``export_repo.
    enterprise_rows``) where no rule needs the ORM objects: 100,000 of them load several times faster.
    """
    items: list[Item] = []
    if enterprises is None:
        enterprises = ctx.enterprises
    for y in ctx.stat_years:
        content: dict[str, str | None] = {"year": str(y.year), "notes": y.notes}
        for ind in ctx.catalogue.values():
            v = ctx.stat_values.get((ind.id, y.year))  # type: ignore[arg-type]
            if v is not None:
                content.update({f"{ind.code}·value": audit.as_text(v.value),
                                f"{ind.code}·growth": audit.as_text(v.growth),
                                f"{ind.code}·basis": VALUE_BASIS.get(v.basis, v.basis),
                                f"{ind.code}·source": v.source})
        items.append(Item(STAT_YEAR, y.id, record_label(STAT_YEAR, y), content))  # type: ignore[arg-type]
    ids = [e.id for e in enterprises]
    services, channels = {}, {}
    for i in range(0, len(ids), 500):
        sv, ch = repos.enterprise_tags(s, ids[i:i + 500])  # type: ignore[arg-type]
        services.update(sv)
        channels.update(ch)
    for e in enterprises:
        content = _texts({k: getattr(e, k) for k in ENTERPRISE_COLUMNS})
        content["services"] = audit.as_text(sorted(services.get(e.id, [])))  # type: ignore[arg-type]
        content["channels"] = audit.as_text(sorted(channels.get(e.id, [])))  # type: ignore[arg-type]
        items.append(Item(ENTERPRISE, e.id, e.name, content))  # type: ignore[arg-type]
    for ini in ctx.initiatives:
        milestones, indicators, links = repos.initiative_children(s, ini.id)  # type: ignore[arg-type]
        content = _texts({k: getattr(ini, k) for k in INITIATIVE_COLUMNS})
        content["milestones"] = _lines([f"{audit.as_text(m.due_date) or '—'}｜{m.text}｜"
                                        f"{'已完成' if m.done else '未完成'}" for m in milestones])
        content["indicators"] = _lines([f"{x.name}｜目标 {audit.as_text(x.target) or '—'}{x.unit}｜完成 "
                                        f"{audit.as_text(x.actual) or '—'}{x.unit}" for x in indicators])
        content["links"] = _lines([f"{name}｜{link.role}" for link, name in links])
        items.append(Item(INITIATIVE, ini.id, ini.name, content))  # type: ignore[arg-type]
    by_ref = {(i.entity, i.id): i for i in items}
    for f in findings:
        if f.severity == VERIFY and f.explained and f.owner in by_ref:
            by_ref[f.owner].content[f"说明·{f.rule}·{f.entity}·{f.id}·{f.field}"] = f.explanation
    return items


def content_hash(items: list[Item]) -> str:
    """SHA-256 of the snapshot's canonical JSON (records ordered by entity and id)."""
    payload = [[i.entity, i.id, i.label, i.content] for i in sorted(items, key=lambda i: (i.entity, i.id))]
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _field_label(s_catalogue: dict[str, str], entity: str, key: str) -> str:
    if key.startswith("说明·"):
        _, rule, *_rest = key.split("·")
        return f"核实说明（{rule}）"
    if entity == STAT_YEAR and "·" in key:
        code, part = key.rsplit("·", 1)
        return f"{s_catalogue.get(code, code)}·{_VALUE_PARTS.get(part, part)}"
    return _FIELD_LABELS.get(entity, {}).get(key, key)


def content_json(item: Item) -> str:
    """How an item's fields are stored (key-sorted JSON)."""
    return json.dumps(item.content, ensure_ascii=False, sort_keys=True)


def differences(before: Sequence[Item], after: Sequence[Item], indicator_names: Mapping[str, str]) -> list[Difference]:
    """Every record added or removed between two snapshots, and every field whose text differs, by record.

    ``indicator_names`` (indicator code → name) labels the statistics figures.
    """
    old_items = {(i.entity, i.id): i for i in before}
    new_items = {(i.entity, i.id): i for i in after}
    out: list[Difference] = []
    for ref in sorted(old_items.keys() | new_items.keys()):
        old, new = old_items.get(ref), new_items.get(ref)
        if old is not None and new is not None and _replaced(old, new):
            out.append(Difference(ref[0], ref[1], old.label, "删除", "", "", None, None))
            old = None
        if old is None or new is None:
            label = (new or old).label  # type: ignore[union-attr]
            out.append(Difference(ref[0], ref[1], label, "新增" if old is None else "删除", "", "", None, None))
            continue
        for key in sorted(old.content.keys() | new.content.keys()):
            a, b = old.content.get(key), new.content.get(key)
            if a != b:
                out.append(Difference(ref[0], ref[1], new.label, "修改", key,
                                      _field_label(indicator_names, ref[0], key), a, b))
    return out


def _replaced(old: Item, new: Item) -> bool:
    """An enterprise whose name and credit code both differ is another company under a reused id (SQLite gives
    the next new row the id of a deleted last one): show the old one removed and the new one added."""
    return (old.entity == ENTERPRISE and old.label != new.label
            and old.content.get("credit_code") != new.content.get("credit_code"))
