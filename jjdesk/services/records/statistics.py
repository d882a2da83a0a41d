"""Yearly statistics: the indicator catalogue, values per year with the growth as reported, and revisions.

Reported growth is entered, never computed: official growth is on a comparable basis and may differ from the
ratio of two published values. The growth implied by last year's value is offered for comparison only.
A figure that is revised (初步核算 → 最终核实, or corrected) keeps its earlier content as a revision.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jjdesk.services.core import audit, records
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import FieldError, NotFound, ValidationFailed
from jjdesk.services.core.fields import validate_values
from jjdesk.services.core.vocab import VALUE_BASIS, code_of
from jjdesk.services.records.validation import STAT_INDICATOR_FIELDS, check_stat_value, check_year
from jjdesk.store import repos
from jjdesk.store.engine import Database
from jjdesk.store.models import StatIndicator, StatRevision, StatValue, StatYear, id_of

VALUE_COLUMNS = ("value", "growth", "basis", "source", "note")


def implied_growth(previous: Decimal | None, current: Decimal | None) -> Decimal | None:
    """Growth (%) implied by two published values, one decimal — for comparison, never stored as reported."""
    if previous is None or current is None or previous == 0:
        return None
    return ((current / previous - 1) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- catalogue


def add_indicator(db: Database, actor: Actor, values: Mapping[str, Any]) -> dict[str, Any]:
    """Add an indicator to the catalogue (parent given by its code)."""
    clean, errors = validate_values(STAT_INDICATOR_FIELDS, values)
    if errors:
        raise ValidationFailed(errors)
    with db.write() as s:
        if repos.indicator_by_code(s, clean["code"]):
            raise ValidationFailed([FieldError("code", "指标代码", f"“{clean['code']}”已存在")])
        parent_id = None
        if clean.get("parent_code"):
            parent = repos.indicator_by_code(s, clean["parent_code"])
            if parent is None:
                raise ValidationFailed([FieldError("parent_code", "上级指标", f"“{clean['parent_code']}”不存在")])
            parent_id = parent.id
        fields = {k: v for k, v in clean.items() if k != "parent_code"}
        ind = StatIndicator(parent_id=parent_id, **fields)
        s.add(ind)
        s.flush()
        audit.write(s, actor.name, [audit.created("stat_indicator", id_of(ind), ind.name, clean)])
        return _indicator_dict(ind, 0)


def _indicator_dict(ind: StatIndicator, depth: int) -> dict[str, Any]:
    d = records.fields_of(ind, ("id", "code", "name", "unit", "parent_id", "seq", "decimals", "sum_group", "note"))
    d["depth"] = depth
    return d


def catalogue(db: Database) -> list[dict[str, Any]]:
    """The indicator tree flattened in display order (parents before children), each with its depth."""
    with db.session() as s:
        items = repos.indicators(s)
    children: dict[int | None, list[StatIndicator]] = {}
    for ind in items:
        children.setdefault(ind.parent_id, []).append(ind)
    out: list[dict[str, Any]] = []

    def walk(parent: int | None, depth: int) -> None:
        for ind in children.get(parent, []):
            out.append(_indicator_dict(ind, depth))
            walk(ind.id, depth + 1)

    walk(None, 0)
    return out


# ---------------------------------------------------------------- values


def _value_label(ind: StatIndicator, year: int) -> str:
    return f"{year}年 {ind.name}"


def set_value(
    db: Database,
    actor: Actor,
    indicator_code: str,
    year: Any,
    values: Mapping[str, Any],
    expected_version: int | None = None,
    reason: str = "",
) -> dict[str, Any]:
    """Enter or revise one indicator's figure for a year. A revised figure keeps its earlier content.

    Overwriting a figure marked 最终核实 needs a reason: a final figure changes only with an explanation.
    """
    y = check_year(year)
    vals = dict(values)
    if "basis" in vals and vals["basis"] not in (None, ""):
        vals["basis"] = code_of(VALUE_BASIS, str(vals["basis"])) or vals["basis"]
    now = audit.utcnow()
    with db.write() as s:
        ind = repos.indicator_by_code(s, indicator_code)
        if ind is None:
            raise NotFound(f"指标“{indicator_code}”不在指标目录中")
        clean = check_stat_value(vals, ind.decimals, ind.unit)
        return _store_value(s, actor, ind, y, clean, expected_version, reason, now)


def _store_value(
    s,
    actor: Actor,
    ind: StatIndicator,
    y: int,
    clean: Mapping[str, Any],
    expected_version: int | None,
    reason: str,
    now,
) -> dict[str, Any]:
    """Enter or revise one checked figure inside the caller's transaction (see :func:`set_value`)."""
    label = _value_label(ind, y)
    year_row = repos.stat_year(s, y)
    if year_row is None:
        year_row = StatYear(year=y)
        records.stamp_new(year_row, actor, now)
        s.add(year_row)
        s.flush()
        audit.write(s, actor.name, [audit.created("stat_year", id_of(year_row), f"{y}年统计", {"year": y})])
    records.ensure_editable(year_row, f"{y}年统计")
    row = repos.stat_value(s, id_of(ind), y)
    if row is None:
        row = StatValue(
            indicator_id=id_of(ind),
            year=y,
            updated_by=actor.name,
            updated_at=now,
            **{k: clean[k] for k in VALUE_COLUMNS if k in clean},
        )
        s.add(row)
        s.flush()
        audit.write(s, actor.name, [audit.created("stat_value", id_of(row), label, clean, reason)])
        return _value_dict(row, ind)
    if expected_version is not None and row.version != expected_version:
        records.check_version(row, expected_version, label)
    old = records.fields_of(row, VALUE_COLUMNS)
    figure_changes = audit.diff(old, {k: v for k, v in clean.items() if k in ("value", "growth", "basis")})
    if figure_changes and row.basis == "final" and not reason.strip():
        raise ValidationFailed([FieldError("reason", "修改原因", f"“{label}”已是最终核实数，修改须填写原因")])
    if figure_changes and (row.value is not None or row.growth is not None):
        s.add(
            StatRevision(
                stat_value_id=id_of(row),
                indicator_id=id_of(ind),
                year=y,
                value=row.value,
                growth=row.growth,
                basis=row.basis,
                source=row.source,
                replaced_at=now,
                replaced_by=actor.name,
                reason=reason,
            )
        )
    changes = records.apply(row, clean, VALUE_COLUMNS)
    if changes:
        row.version += 1
        row.updated_by, row.updated_at = actor.name, now
        audit.write(s, actor.name, audit.updated("stat_value", id_of(row), label, changes, reason))
    return _value_dict(row, ind)


def _value_dict(row: StatValue, ind: StatIndicator) -> dict[str, Any]:
    d = records.fields_of(row, ("id", "indicator_id", "year", *VALUE_COLUMNS, "version", "updated_by", "updated_at"))
    d.update(code=ind.code, name=ind.name, unit=ind.unit)
    return d


def get_value(db: Database, indicator_code: str, year: int) -> dict[str, Any] | None:
    """One figure, or None when nothing was entered for that indicator and year."""
    with db.session() as s:
        ind = repos.indicator_by_code(s, indicator_code)
        if ind is None:
            raise NotFound(f"指标“{indicator_code}”不在指标目录中")
        row = repos.stat_value(s, id_of(ind), year)
        return None if row is None else _value_dict(row, ind)


def revisions(db: Database, indicator_code: str, year: int) -> list[dict[str, Any]]:
    """Earlier contents of a figure, oldest first."""
    with db.session() as s:
        ind = repos.indicator_by_code(s, indicator_code)
        row = repos.stat_value(s, id_of(ind), year) if ind else None
        if row is None:
            return []
        return [
            records.fields_of(r, ("value", "growth", "basis", "source", "replaced_at", "replaced_by", "reason"))
            for r in repos.stat_revisions(s, id_of(row))
        ]


def year_grid(db: Database, years: Sequence[int] | None = None) -> list[dict[str, Any]]:
    """Indicators down, years across: each catalogue entry with ``values[year]`` and implied growth."""
    rows = catalogue(db)
    with db.session() as s:
        values = repos.stat_values(s, years)
    by_key = {(v.indicator_id, v.year): v for v in values}
    per_indicator: dict[int, list[StatValue]] = {}
    for v in values:
        per_indicator.setdefault(v.indicator_id, []).append(v)
    for r in rows:
        r["values"] = {}
        for v in per_indicator.get(r["id"], []):
            prev = by_key.get((v.indicator_id, v.year - 1))
            r["values"][v.year] = {
                **records.fields_of(v, ("id", *VALUE_COLUMNS, "version")),
                "implied_growth": implied_growth(prev.value if prev else None, v.value),
            }
    return rows


def years(db: Database) -> list[dict[str, Any]]:
    """Reporting years with their review state."""
    with db.session() as s:
        return [records.fields_of(y, ("id", "year", "review_status", "version", "notes")) for y in repos.stat_years(s)]


def set_many(
    db: Database, actor: Actor, entries: Sequence[tuple[str, int, Mapping[str, Any]]], reason: str = ""
) -> dict[str, int]:
    """Enter or revise many figures in one transaction, all or nothing (the statistics import).

    ``entries`` are (indicator code, year, values already checked with ``check_stat_value``). A figure whose
    values equal the stored ones is left alone — so re-importing an exported file changes nothing and is
    accepted even for a submitted year. Every other entry goes exactly the way of :func:`set_value`
    (revision kept, a 最终核实 figure needs ``reason``, a submitted or approved year is refused). Returns the
    counts ``created``, ``updated`` and ``unchanged``.
    """
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    now = audit.utcnow()
    with db.write() as s:
        for code, year, clean in entries:
            ind = repos.indicator_by_code(s, code)
            if ind is None:
                raise NotFound(f"指标“{code}”不在指标目录中")
            row = repos.stat_value(s, id_of(ind), year)
            if row is not None and not audit.diff(records.fields_of(row, VALUE_COLUMNS), dict(clean)):
                counts["unchanged"] += 1
                continue
            _store_value(s, actor, ind, year, clean, None, reason, now)
            counts["created" if row is None else "updated"] += 1
    return counts
