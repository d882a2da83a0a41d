"""Two years of statistics side by side: values, absolute and relative change, reported growth, review status
and the written explanations behind each number.

The relative change is what the two stored values imply (b / a − 1, one decimal, like
``statistics.implied_growth``); the reported growth of each year stays beside it, because official growth is on
a comparable basis and may differ (domain notes). Review status belongs to a year (the unit that is reviewed),
so every figure of a year shows its year's status; None where the year has no figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jjdesk.services.records.statistics import catalogue, implied_growth
from jjdesk.services.summaries.dashboard import statistics_filter
from jjdesk.store import summary_repo
from jjdesk.store.engine import Database


@dataclass(frozen=True)
class CompareRow:
    """One indicator in the two years. ``status_a``/``status_b`` are review-status codes (labels in
    ``vocab.REVIEW_STATUS``); ``explanations_a``/``_b`` the texts of the 核实 explanations bound to each figure;
    ``filter_a``/``filter_b`` open the figure on the statistics page."""

    code: str
    name: str
    unit: str
    depth: int
    decimals: int
    value_a: Decimal | None
    value_b: Decimal | None
    change: Decimal | None
    change_pct: Decimal | None
    growth_a: Decimal | None
    growth_b: Decimal | None
    status_a: str | None
    status_b: str | None
    explanations_a: list[str] = field(default_factory=list)
    explanations_b: list[str] = field(default_factory=list)
    filter_a: dict[str, Any] = field(default_factory=dict)
    filter_b: dict[str, Any] = field(default_factory=dict)


def relative_change(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    """(b / a − 1) × 100, one decimal; None without both values or when a is zero (the statistics page's
    implied growth, for two years that need not be consecutive)."""
    return implied_growth(a, b)


def compare_years(db: Database, year_a: int, year_b: int, *, only_with_values: bool = False) -> list[CompareRow]:
    """Every catalogue indicator (catalogue order, with its depth) in ``year_a`` and ``year_b``.

    ``only_with_values`` leaves out indicators with a figure in neither year.
    """
    inds = catalogue(db)
    with db.session() as s:
        figs = summary_repo.figures(s, years=[year_a, year_b])
        statuses = summary_repo.year_statuses(s, [year_a, year_b])
        notes = summary_repo.value_explanations(s, [f["id"] for f in figs])
    by_key = {(f["indicator_id"], f["year"]): f for f in figs}
    rows = []
    for ind in inds:
        fa, fb = by_key.get((ind["id"], year_a)), by_key.get((ind["id"], year_b))
        if only_with_values and fa is None and fb is None:
            continue
        va, vb = (fa or {}).get("value"), (fb or {}).get("value")
        rows.append(
            CompareRow(
                code=ind["code"],
                name=ind["name"],
                unit=ind["unit"],
                depth=ind["depth"],
                decimals=ind["decimals"],
                value_a=va,
                value_b=vb,
                change=None if va is None or vb is None else vb - va,
                change_pct=relative_change(va, vb),
                growth_a=(fa or {}).get("growth"),
                growth_b=(fb or {}).get("growth"),
                status_a=statuses.get(year_a),
                status_b=statuses.get(year_b),
                explanations_a=notes.get(fa["id"], []) if fa else [],
                explanations_b=notes.get(fb["id"], []) if fb else [],
                filter_a=statistics_filter(ind["code"], year_a),
                filter_b=statistics_filter(ind["code"], year_b),
            )
        )
    return rows
