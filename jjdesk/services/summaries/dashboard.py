"""The dashboard of the 汇总 page: key figures and chart series, every one an SQL aggregate, each clickable.

:func:`dashboard` returns one frozen :class:`Dashboard`. Nothing here loads records: each figure is a GROUP BY
or COUNT in ``store.summary_repo``, so the page refreshes in well under a second at 1,000,000 enterprises
(``benchmarks/bench_dashboard.py``).

Click-through. Every :class:`Slice` and :class:`Point` (and each card, in ``Dashboard.filters``) carries
``filter``: what a click opens, as ``{"page": ..., **criteria}``. The criteria keys are exactly those the list
pages accept (``services.records.listing`` ENTERPRISE_LISTING / INITIATIVE_LISTING filters, the filter bar's keys), so
the UI passes them on as ``ListQuery(filters=criteria)`` unchanged:

- ``page="enterprises"``: ``enterprise_type`` (str), ``cluster`` (str), ``service`` (str),
  ``join_from`` / ``join_to`` (``datetime.date``, inclusive), ``review_status`` (status code, e.g. "approved");
- ``page="initiatives"``: ``category`` (str), ``status`` (str), ``lead_department`` (str), ``review_status``
  (code), ``overdue_on`` (``datetime.date``: initiatives with a milestone overdue that day, ``store.overdue``);
- ``page="statistics"``: ``code`` (indicator code) and ``year`` (int) — the cell the statistics page selects
  (``StatisticsPage.select_cell(code, year)``).

An **empty dict** means no list filter can express the group (enterprises with no cluster, no service or no
join date): the UI shows it but does not open a list for it. ``overdue_milestones`` counts milestones and opens
the ``overdue_initiatives`` that hold them (``overdue_on=today``).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from jjdesk.services.core.vocab import (
    CLUSTERS,
    ENTERPRISE_TYPES,
    INITIATIVE_CATEGORIES,
    INITIATIVE_STATUSES,
    REVIEW_STATUS,
    SERVICES,
)
from jjdesk.store import summary_repo
from jjdesk.store.engine import Database

ENTERPRISES, INITIATIVES, STATISTICS = "enterprises", "initiatives", "statistics"
MISSING = "（未填）"

# The foreign-trade part of the indicator catalogue (services.demo.load.CATALOGUE; offices keep the same codes).
TRADE_TOTAL = "WM"  # 外贸进出口总额
TRADE_TOTAL_NAME = "外贸进出口总额"
BY_TYPE_GROUP = "按企业类型"  # sum group of 出口 by enterprise type (外贸公司 / 三资企业 / 生产企业)


@dataclass(frozen=True)
class Slice:
    """One bar or pie slice: its label, its value (int count or exact Decimal) and what a click opens."""

    label: str
    value: int | Decimal
    filter: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Point:
    """One point of a series (a month, a year, a category); ``value`` None where no figure exists."""

    label: str
    value: int | Decimal | None
    filter: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Series:
    """A named line or bar set. Series of one chart share their labels, in the same order."""

    name: str
    points: list[Point]


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows, read in one pass.

    Cards: ``enterprises_total``, ``joined_this_year`` (of ``year``), ``service_use``, ``initiatives_by_status``,
    ``overdue_milestones`` (in ``overdue_initiatives`` initiatives), ``trade_*`` (the latest year with a
    foreign-trade total; growth as reported; its year's review status code in ``trade_review_status``).
    Charts: ``members_by_month`` (cumulative platform members at the end of each month, 'YYYY-MM', months
    without joins included), ``by_cluster``, ``by_type``, ``exports_by_type`` (the yearly statistics' 出口 by
    enterprise type, one series per type named by the type, points per year, unit ``exports_unit``),
    ``initiative_status_by_category`` (one series per status, points per category). ``filters`` holds each
    card's click-through by field name.
    """

    year: int
    today: date
    enterprises_total: int
    joined_this_year: int
    service_use: list[Slice]
    initiatives_total: int
    initiatives_by_status: list[Slice]
    overdue_milestones: int
    overdue_initiatives: int
    trade_year: int | None
    trade_total: Decimal | None
    trade_growth: Decimal | None
    trade_unit: str
    trade_review_status: str | None
    members_by_month: list[Point]
    by_cluster: list[Slice]
    by_type: list[Slice]
    by_review_status: list[Slice]
    exports_by_type: list[Series]
    exports_unit: str
    initiative_status_by_category: list[Series]
    filters: dict[str, dict[str, Any]]


# ---------------------------------------------------------------- helpers shared with cross-tab and bulletin


def vocab_order(values: Sequence[Any], vocab: Sequence[str] = ()) -> list[Any]:
    """Values in the vocabulary's order, others after it sorted, None (not filled in) last."""
    present = set(values)
    known = [v for v in vocab if v in present]
    others = sorted(v for v in present if v is not None and v not in vocab)
    return known + others + ([None] if None in present else [])


def month_end(year: int, month: int) -> date:
    """The last day of a month (the inclusive ``join_to`` of a month)."""
    return date(year, month, calendar.monthrange(year, month)[1])


def enterprise_filter(**criteria: Any) -> dict[str, Any]:
    """A click-through to the enterprise list; {} when a criterion is None (no list filter expresses it)."""
    if any(v is None for v in criteria.values()):
        return {}
    return {"page": ENTERPRISES, **criteria}


def initiative_filter(**criteria: Any) -> dict[str, Any]:
    """A click-through to the initiative list; {} when a criterion is None."""
    if any(v is None for v in criteria.values()):
        return {}
    return {"page": INITIATIVES, **criteria}


def statistics_filter(code: str, year: int) -> dict[str, Any]:
    """A click-through to one figure on the statistics page."""
    return {"page": STATISTICS, "code": code, "year": year}


def trade_indicators(catalogue: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The foreign-trade subtree of the catalogue (the total first, then its descendants depth-first in
    catalogue order), each with ``depth`` below the total; [] when the catalogue has no trade total."""
    root = next((i for i in catalogue if i["code"] == TRADE_TOTAL), None) or next(
        (i for i in catalogue if i["name"] == TRADE_TOTAL_NAME and i["parent_id"] is None), None
    )
    if root is None:
        return []
    children: dict[int, list[Mapping[str, Any]]] = {}
    for ind in catalogue:
        if ind["parent_id"] is not None:
            children.setdefault(ind["parent_id"], []).append(ind)
    out: list[dict[str, Any]] = []

    def walk(ind: Mapping[str, Any], depth: int) -> None:
        out.append({**ind, "depth": depth})
        for child in children.get(ind["id"], []):
            walk(child, depth + 1)

    walk(root, 0)
    return out


# ---------------------------------------------------------------- parts of the dashboard


def _service_use(session) -> list[Slice]:
    counts = dict(summary_repo.service_counts(session, SERVICES))
    return [
        Slice(s, counts.get(s, 0), enterprise_filter(service=s))
        for s in vocab_order(list(counts) + list(SERVICES), SERVICES)
    ]


def _by(session, key: str, vocab: Sequence[str], *, by_count: bool = False) -> list[Slice]:
    counts = dict(summary_repo.enterprise_counts_by(session, key, vocab))
    order = vocab_order(list(counts), vocab)
    if by_count:  # largest first, the missing group last
        order = sorted((v for v in order if v is not None), key=lambda v: -counts[v]) + (
            [None] if None in counts else []
        )
    return [Slice(MISSING if v in (None, "") else v, counts[v], enterprise_filter(**{key: v or None})) for v in order]


def _members_by_month(session) -> list[Point]:
    per_month: dict[tuple[int, int], int] = {}
    for d, n in summary_repo.join_date_counts(session):
        per_month[(d.year, d.month)] = per_month.get((d.year, d.month), 0) + n
    if not per_month:
        return []
    (y, m), last = min(per_month), max(per_month)
    points, running = [], 0
    while (y, m) <= last:
        running += per_month.get((y, m), 0)
        points.append(Point(f"{y}-{m:02d}", running, enterprise_filter(join_to=month_end(y, m))))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return points


def _initiatives(session) -> tuple[int, list[Slice], list[Series]]:
    rows = summary_repo.initiative_status_counts(session)
    by_status: dict[str, int] = {}
    cells: dict[tuple[str, str], int] = {}
    for category, status, n in rows:
        by_status[status] = by_status.get(status, 0) + n
        cells[(category, status)] = n
    statuses = vocab_order(list(by_status) + list(INITIATIVE_STATUSES), INITIATIVE_STATUSES)
    slices = [Slice(s, by_status.get(s, 0), initiative_filter(status=s)) for s in statuses]
    categories = vocab_order([c for c, _s in cells], INITIATIVE_CATEGORIES)
    series = [
        Series(s, [Point(c, cells.get((c, s), 0), initiative_filter(category=c, status=s)) for c in categories])
        for s in statuses
        if by_status.get(s)
    ]
    return sum(by_status.values()), slices, series


def _trade(session) -> tuple[dict[str, Any], list[Series], str, dict[str, Any]]:
    inds = trade_indicators(summary_repo.indicators(session))
    trade: dict[str, Any] = {
        "trade_year": None,
        "trade_total": None,
        "trade_growth": None,
        "trade_unit": "",
        "trade_review_status": None,
    }
    if not inds:
        return trade, [], "", {}
    root = inds[0]
    trade["trade_unit"] = root["unit"]
    by_type = [i for i in inds if i["sum_group"] == BY_TYPE_GROUP]
    values = summary_repo.figures(session, [root["id"], *(i["id"] for i in by_type)])
    totals = [v for v in values if v["indicator_id"] == root["id"] and v["value"] is not None]
    if totals:
        latest = totals[-1]  # figures come in year order
        trade.update(
            trade_year=latest["year"],
            trade_total=latest["value"],
            trade_growth=latest["growth"],
            trade_review_status=latest["review_status"],
        )
    cells = {(v["indicator_id"], v["year"]): v["value"] for v in values if v["indicator_id"] != root["id"]}
    years = sorted({y for (_i, y), v in cells.items() if v is not None})
    # Each series is named by its enterprise type (外贸公司, not 外贸公司出口额): the chart is titled 出口额按企业类型,
    # and the full names were elided in its legend at the minimum window width.
    series = [
        Series(
            i["name"].removesuffix("出口额") or i["name"],
            [Point(str(y), cells.get((i["id"], y)), statistics_filter(i["code"], y)) for y in years],
        )
        for i in by_type
        if any(cells.get((i["id"], y)) is not None for y in years)
    ]
    click = statistics_filter(root["code"], trade["trade_year"]) if trade["trade_year"] else {}
    return trade, series, (by_type[0]["unit"] if by_type else root["unit"]), click


def dashboard(db: Database, *, year: int | None = None, today: date | None = None) -> Dashboard:
    """Every figure and series of the dashboard, as of ``today`` (default: today); ``joined_this_year``
    counts the enterprises that joined in ``year`` (default: today's year)."""
    today = today or date.today()
    year = year or today.year
    first, last = date(year, 1, 1), date(year, 12, 31)
    with db.session() as s:
        total = summary_repo.enterprise_count(s)
        joined = summary_repo.enterprise_count(s, first, last)
        service_use = _service_use(s)
        by_cluster = _by(s, "cluster", CLUSTERS, by_count=True)
        by_type = _by(s, "enterprise_type", ENTERPRISE_TYPES)
        by_review = _by_review(s)
        months = _members_by_month(s)
        initiatives_total, by_status, status_by_category = _initiatives(s)
        overdue = summary_repo.overdue_milestone_count(s, today)
        overdue_initiatives = summary_repo.overdue_initiative_count(s, today)
        trade, exports, exports_unit, trade_click = _trade(s)
    filters = {
        "enterprises_total": enterprise_filter(),
        "joined_this_year": enterprise_filter(join_from=first, join_to=last),
        "initiatives_total": initiative_filter(),
        "overdue_milestones": initiative_filter(overdue_on=today),
        "trade_total": trade_click,
    }
    return Dashboard(
        year=year,
        today=today,
        enterprises_total=total,
        joined_this_year=joined,
        service_use=service_use,
        initiatives_total=initiatives_total,
        initiatives_by_status=by_status,
        overdue_milestones=overdue,
        overdue_initiatives=overdue_initiatives,
        members_by_month=months,
        by_cluster=by_cluster,
        by_type=by_type,
        by_review_status=by_review,
        exports_by_type=exports,
        exports_unit=exports_unit,
        initiative_status_by_category=status_by_category,
        filters=filters,
        **trade,
    )


def _by_review(session) -> list[Slice]:
    counts = dict(summary_repo.enterprise_counts_by(session, "review_status", list(REVIEW_STATUS)))
    return [
        Slice(REVIEW_STATUS.get(code, code), counts[code], enterprise_filter(review_status=code))
        for code in vocab_order(list(counts), list(REVIEW_STATUS))
    ]
