"""Snapshots of records as canonical text: what a submission (上报) freezes and what a meeting pack remembers.

Each record becomes an :class:`Item` whose fields are the same canonical text the audit trail uses, so two
snapshots taken at different times compare field by field (:func:`differences`) and hash the same way
(:func:`content_hash`) whoever takes them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, TypeVar

from sqlmodel import Session

from jjdesk.services.core import audit
from jjdesk.services.core.vocab import VALUE_BASIS
from jjdesk.services.families.enterprise import ENTERPRISE_FAMILY
from jjdesk.services.records.enterprises import COLUMNS as ENTERPRISE_COLUMNS
from jjdesk.services.records.initiatives import COLUMNS as INITIATIVE_COLUMNS
from jjdesk.services.review import checks
from jjdesk.services.review.history import FIELD_LABELS
from jjdesk.services.review.reviewables import ENTERPRISE, INITIATIVE, STAT_YEAR, record_label
from jjdesk.services.review.rules import VERIFY, CheckContext
from jjdesk.store import enterprise_tags, repos
from jjdesk.store.models import id_of

_LEFT_OUT_WHEN_BLANK = ENTERPRISE_FAMILY.blank_left_out()
_TAG_CHUNK = 5000  # enterprises whose tags are read in one query
_HASH_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_STORED_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
A = TypeVar("A")
B = TypeVar("B")
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
    # Text and None are their own canonical text (as in audit.snapshot_json): most fields skip the call.
    return {k: v if v is None or v.__class__ is str else audit.as_text(v) for k, v in values.items()}


def _positional_texts(e: Any) -> dict[str, str | None]:
    return {
        k: v if v is None or v.__class__ is str else audit.as_text(v)
        for k, v in zip(ENTERPRISE_COLUMNS, e[1:], strict=True)
    }


def _named_texts(e: Any) -> dict[str, str | None]:
    return _texts({k: getattr(e, k) for k in ENTERPRISE_COLUMNS})


def _lines(rows: list[str]) -> str:
    return "\n".join(rows)


def _stat_year_items(ctx: CheckContext, years: Iterable[Any]) -> Iterator[Item]:
    for y in years:
        content: dict[str, str | None] = {"year": str(y.year), "notes": y.notes}
        for ind in ctx.catalogue.values():
            v = ctx.stat_values.get((id_of(ind), y.year))
            if v is not None:
                content.update(
                    {
                        f"{ind.code}·value": audit.as_text(v.value),
                        f"{ind.code}·growth": audit.as_text(v.growth),
                        f"{ind.code}·basis": VALUE_BASIS.get(v.basis, v.basis),
                        f"{ind.code}·source": v.source,
                    }
                )
        yield Item(STAT_YEAR, y.id, record_label(STAT_YEAR, y), content)


def _enterprise_items(s: Session, enterprises: Iterable[Any]) -> Iterator[Item]:
    """Enterprises in the order given; their tags are read a chunk at a time, so an iterator of 100,000 plain
    rows is never held whole."""
    it = iter(enterprises)
    while chunk := list(islice(it, _TAG_CHUNK)):
        services, channels = enterprise_tags.tags_of(s, [e.id for e in chunk])
        # Plain rows of exactly ``id`` and the columns (``export_repo.iter_enterprise_records``) are read by
        # position, the fastest way; ORM records and other rows by name.
        texts = _positional_texts if getattr(chunk[0], "_fields", None) == ("id", *ENTERPRISE_COLUMNS) else _named_texts
        for e in chunk:
            content = texts(e)
            for name in _LEFT_OUT_WHEN_BLANK:  # fields added later: absent from the record's text until filled
                if content.get(name) is None:
                    del content[name]
            content["services"] = audit.as_text(sorted(services.get(e.id, [])))
            content["channels"] = audit.as_text(sorted(channels.get(e.id, [])))
            yield Item(ENTERPRISE, e.id, e.name, content)


def _initiative_items(s: Session, initiatives: Iterable[Any]) -> Iterator[Item]:
    for ini in initiatives:
        milestones, indicators, links = repos.initiative_children(s, ini.id)
        content = _texts({k: getattr(ini, k) for k in INITIATIVE_COLUMNS})
        content["milestones"] = _lines(
            [f"{audit.as_text(m.due_date) or '—'}｜{m.text}｜{'已完成' if m.done else '未完成'}" for m in milestones]
        )
        content["indicators"] = _lines(
            [
                f"{x.name}｜目标 {audit.as_text(x.target) or '—'}{x.unit}｜完成 "
                f"{audit.as_text(x.actual) or '—'}{x.unit}"
                for x in indicators
            ]
        )
        content["links"] = _lines([f"{name}｜{link.role}" for link, name in links])
        yield Item(INITIATIVE, ini.id, ini.name, content)


def _explained(items: Iterator[Item], findings: Sequence[checks.Finding]) -> Iterator[Item]:
    """Add the text of each explained 核实 finding to the record that owns it."""
    notes: dict[tuple[str, int], list[tuple[str, str | None]]] = {}
    for f in findings:
        if f.severity == VERIFY and f.explained:
            notes.setdefault(f.owner, []).append((f"说明·{f.rule}·{f.entity}·{f.id}·{f.field}", f.explanation))
    for item in items:
        for key, text in notes.get((item.entity, item.id), ()):
            item.content[key] = text
        yield item


def snapshot(
    s: Session, ctx: CheckContext, findings: Sequence[checks.Finding] = (), enterprises: Iterable[Any] | None = None
) -> list[Item]:
    """The records of ``ctx`` (its statistics years with every figure, enterprises with their tags, initiatives
    with milestones, indicators and links) as canonical text, plus the text of each explained 核实 finding —
    statistics years first, then enterprises, then initiatives, each in ``ctx``'s order (the order a submission
    workbook shows them in).

    ``enterprises`` replaces ``ctx.enterprises`` with plain rows of the same columns (``export_repo.
    enterprise_rows``) where no rule needs the ORM objects: 100,000 of them load several times faster.
    """
    if enterprises is None:
        enterprises = ctx.enterprises
    return list(
        _explained(
            chain(
                _stat_year_items(ctx, ctx.stat_years),
                _enterprise_items(s, enterprises),
                _initiative_items(s, ctx.initiatives),
            ),
            findings,
        )
    )


def iter_snapshot(
    s: Session, ctx: CheckContext, enterprises: Iterable[Any], findings: Sequence[checks.Finding] = ()
) -> Iterator[Item]:
    """The same items as :func:`snapshot`, yielded one by one in (entity, id) order — the order
    :class:`ContentHash` and :func:`merge_join` need — so a caller can stream 100,000 enterprises.

    ``enterprises`` must come in id order (``export_repo.iter_enterprise_rows`` reads them so); statistics years
    and initiatives are few and sorted here.
    """
    families = {
        ENTERPRISE: lambda: _enterprise_items(s, enterprises),
        INITIATIVE: lambda: _initiative_items(s, sorted(ctx.initiatives, key=lambda x: x.id)),
        STAT_YEAR: lambda: _stat_year_items(ctx, sorted(ctx.stat_years, key=lambda x: x.id)),
    }
    for entity in sorted(families):
        yield from _explained(families[entity](), findings)


class ContentHash:
    """:func:`content_hash` computed one item at a time: feed items in (entity, id) order with :meth:`add`.

    The digest is that of the same canonical JSON text (a list of ``[entity, id, label, content]``), written
    element by element, so a streamed snapshot and a listed one hash alike.
    """

    def __init__(self) -> None:
        self._sha = hashlib.sha256(b"[")
        self._first = True
        self.count = 0

    def add(self, item: Item, content_text: str | None = None) -> None:
        """Hash the next item; ``content_text`` is its :func:`compact_json` when the caller already has it (the
        element is then assembled around it, byte for byte what encoding the whole element gives)."""
        if content_text is None:
            text = _HASH_JSON.encode([item.entity, item.id, item.label, item.content])
        else:
            text = f"[{_HASH_JSON.encode(item.entity)},{item.id:d},{_HASH_JSON.encode(item.label)},{content_text}]"
        self._sha.update((text if self._first else "," + text).encode("utf-8"))
        self._first = False
        self.count += 1

    def hexdigest(self) -> str:
        done = self._sha.copy()
        done.update(b"]")
        return done.hexdigest()


def content_hash(items: Iterable[Item]) -> str:
    """SHA-256 of the snapshot's canonical JSON (records ordered by entity and id)."""
    digest = ContentHash()
    for item in sorted(items, key=ref):
        digest.add(item)
    return digest.hexdigest()


def ref(item: Item) -> tuple[str, int]:
    """An item's place in a snapshot: (entity, id)."""
    return item.entity, item.id


def _field_label(s_catalogue: Mapping[str, str], entity: str, key: str) -> str:
    if key.startswith("说明·"):
        _, rule, *_rest = key.split("·")
        return f"核实说明（{rule}）"
    if entity == STAT_YEAR and "·" in key:
        code, part = key.rsplit("·", 1)
        return f"{s_catalogue.get(code, code)}·{_VALUE_PARTS.get(part, part)}"
    return FIELD_LABELS.get(entity, {}).get(key, key)  # the labels 修改记录 uses


def content_json(item: Item) -> str:
    """How a submission stores an item's fields (key-sorted JSON)."""
    return _STORED_JSON.encode(item.content)


def compact_json(item: Item) -> str:
    """An item's fields as key-sorted JSON without spaces — the text the content hash covers, so a meeting pack
    stores what it hashes and encodes each record once."""
    return _HASH_JSON.encode(item.content)


def merge_join(
    before: Iterable[A], after: Iterable[B], before_key: Callable[[A], Any], after_key: Callable[[B], Any]
) -> Iterator[tuple[A | None, B | None]]:
    """Pair two streams sorted by unique keys: (old, new) where both have the key, (old, None) for a key only
    ``before`` has, (None, new) for one only ``after`` has — in key order, holding one item of each at a time."""
    olds, news = iter(before), iter(after)
    old, new = next(olds, None), next(news, None)
    while old is not None or new is not None:
        if new is None or (old is not None and before_key(old) < after_key(new)):
            yield old, None
            old = next(olds, None)
        elif old is None or after_key(new) < before_key(old):
            yield None, new
            new = next(news, None)
        else:
            yield old, new
            old, new = next(olds, None), next(news, None)


def record_differences(old: Item | None, new: Item | None, indicator_names: Mapping[str, str]) -> list[Difference]:
    """How one record differs between two snapshots (``None`` where a snapshot lacks it): added, removed, or
    each field whose text differs — a blank field and an empty one do not differ. A field only one snapshot
    has (a statistics figure entered since, or an explanation written) is 新增 or 删除 rather than 修改."""
    if old is not None and new is not None and _replaced(old, new):
        return [
            Difference(old.entity, old.id, old.label, "删除", "", "", None, None),
            Difference(new.entity, new.id, new.label, "新增", "", "", None, None),
        ]
    if old is None or new is None:
        either = new or old
        assert either is not None, "a record in neither snapshot"
        return [
            Difference(either.entity, either.id, either.label, "新增" if old is None else "删除", "", "", None, None)
        ]
    out = []
    for key in sorted(old.content.keys() | new.content.keys()):
        a, b = old.content.get(key) or None, new.content.get(key) or None  # blank and empty are one to a reader
        if a != b:
            kind = "新增" if key not in old.content else "删除" if key not in new.content else "修改"
            out.append(
                Difference(
                    new.entity, new.id, new.label, kind, key, _field_label(indicator_names, new.entity, key), a, b
                )
            )
    return out


def iter_differences(
    before: Iterable[Item], after: Iterable[Item], indicator_names: Mapping[str, str]
) -> Iterator[Difference]:
    """:func:`differences` of two snapshots already in (entity, id) order, yielded as found."""
    for old, new in merge_join(before, after, ref, ref):
        yield from record_differences(old, new, indicator_names)


def differences(before: Sequence[Item], after: Sequence[Item], indicator_names: Mapping[str, str]) -> list[Difference]:
    """Every record added or removed between two snapshots, and every field whose text differs, by record.

    ``indicator_names`` (indicator code → name) labels the statistics figures.
    """
    return list(iter_differences(sorted(before, key=ref), sorted(after, key=ref), indicator_names))


def _replaced(old: Item, new: Item) -> bool:
    """An enterprise whose name and credit code both differ is another company under a reused id: show the old one
    removed and the new one added. Ids are no longer reused (migration 0006), but snapshots stored before it may
    hold a deleted record's id that a later record took."""
    return (
        old.entity == ENTERPRISE
        and old.label != new.label
        and old.content.get("credit_code") != new.content.get("credit_code")
    )
