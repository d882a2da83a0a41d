"""What the review rules would find once a statistics import is written — told in the preview, by the file's row.

The rules (``rules_builtin``: STAT-01 分项之和, STAT-02 增速, STAT-03 同比变动, STAT-04 量级) look at stored
figures, so a 万元/亿元 mix-up used to surface only at the next 审核. Here they run on the stored figures overlaid
with the file's — in memory, nothing is written — and every finding the import would *add* (not there before,
or there with other values) becomes a warning on the row that holds the figure.

Warnings do not block the import: the forms save a figure whatever the rules say, and only a submission (上报)
is stopped — by a 强制 finding, or a 核实 one without explanation. An import follows the forms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jjdesk.services.imports.common import RowError
from jjdesk.services.review.reviewables import STAT_YEAR
from jjdesk.services.review.rules import ERROR, CheckContext, Rule, values_key
from jjdesk.services.review.rules_builtin import RULES
from jjdesk.store import repos, review_repo
from jjdesk.store.engine import Database
from jjdesk.store.models import StatValue, id_of

# Where a figure sits in the file: (indicator code, year) → (spreadsheet row, {value|growth|…: (column, header)}).
Places = Mapping[tuple[str, int], tuple[int, Mapping[str, tuple[int, str]]]]
_FIELDS = ("value", "growth", "basis", "source", "note")
_ADVICE = {ERROR: "可以导入，但上报前须修正", "核实": "可以导入，上报前须核实并填写说明"}


@dataclass
class _Figure:
    """A figure as the rules read it (the attributes of ``StatValue`` they use), never added to a session."""

    id: int
    indicator_id: int
    year: int
    value: Decimal | None = None
    growth: Decimal | None = None
    basis: str = ""
    source: str = ""
    note: str = ""


@dataclass
class _Year:
    id: int
    year: int


def _context(s, years: list[Any], catalogue: dict, values: dict) -> CheckContext:
    ctx = CheckContext(s, None, "statistics")
    # Cached properties, set instead of loaded; the figures and years may be stand-ins (_Figure, _Year).
    ctx.stat_years = years
    ctx.catalogue = catalogue
    ctx.stat_values = values
    return ctx


def _found(ctx: CheckContext, figures: Mapping[int, tuple[int, int]]) -> dict[tuple, tuple[Rule, Any]]:
    """(rule, indicator id, year, field, values key) → (rule, hit) of every statistics finding in ``ctx``."""
    out = {}
    for rule in RULES:
        if rule.scope != STAT_YEAR:
            continue
        for hit in rule.check(ctx, rule):
            ind_id, year = figures.get(hit.entity_id, (None, None))
            out[(rule.id, ind_id, year, hit.field, values_key(hit.values))] = (rule, hit)
    return out


def _message(rule: Rule, hit: Any) -> str:
    try:
        text = rule.template.format(**{**hit.context, **hit.values, "field_label": hit.field_label})
    except (KeyError, IndexError, ValueError):
        text = rule.title
    return f"审核提示（{rule.severity}·{rule.id} {rule.title}）：{text}；{_ADVICE.get(rule.severity, '请核实')}"


def import_findings(
    db: Database, entries: Sequence[tuple[str, int, Mapping[str, Any]]], places: Places
) -> list[RowError]:
    """Warnings for the statistics findings that writing ``entries`` (code, year, checked values — what
    ``statistics.set_many`` takes) would add, placed at the file's row and column from ``places``; a finding on
    a figure the file does not hold (next year's growth, a group total) names the figure instead."""
    if not entries:
        return []
    with db.session() as s:
        catalogue = {id_of(i): i for i in repos.indicators(s)}
        by_code = {i.code: i for i in catalogue.values()}
        stored_years = {y.year: y for y in review_repo.stat_years_for_check(s)}
        touched = {year for _c, year, _v in entries}
        # A changed figure also moves the next years' growth and magnitude comparisons.
        years = sorted(touched | {y for y in stored_years if y > min(touched)})
        stored = {(v.indicator_id, v.year): v for v in review_repo.stat_values_up_to(s, max(years))}
        figures = {id_of(v): key for key, v in stored.items()}
        after: dict[tuple[int, int], StatValue | _Figure] = dict(stored)
        for number, (code, year, clean) in enumerate(entries, start=1):
            ind = by_code.get(code)
            if ind is None:
                continue
            ind_id = id_of(ind)
            old = stored.get((ind_id, year))
            fields = {f: getattr(old, f) for f in _FIELDS} if old is not None else {}
            fields.update({f: v for f, v in clean.items() if f in _FIELDS})
            after[(ind_id, year)] = _Figure(-number, ind_id, year, **fields)
            figures[-number] = (ind_id, year)
        year_rows = [stored_years.get(y) or _Year(-y, y) for y in years]
        before = _found(_context(s, [y for y in year_rows if id_of(y) > 0], catalogue, stored), figures)
        now = _found(_context(s, year_rows, catalogue, after), figures)
        codes = {i.id: i.code for i in catalogue.values()}
    out = []
    for key, (rule, hit) in now.items():
        if key in before:
            continue
        _rule, ind_id, year, _field, _values = key
        place = places.get((codes.get(ind_id, ""), year)) if year is not None else None
        if place is not None:
            row, columns = place
            col, header = columns.get(hit.field.split(":")[0]) or columns.get("value") or (None, "")
            out.append(RowError(row, col, header, _message(rule, hit)))
        else:
            out.append(RowError(None, None, hit.label, _message(rule, hit)))
    return sorted(out, key=lambda e: (e.row is None, e.row or 0, e.message))
