"""SQL aggregates of the summary views (dashboard, cross-tab, year comparison, bulletin): GROUP BY, never rows.

Every figure here is one aggregate query, shaped to run on an index where the schema has one: counts by type,
cluster, review status and join date walk their own indexes (covering, so no enterprise row is read), the use
of each service walks ``ix_enterprise_service_service``. With 1,000,000 enterprises the whole dashboard is a
few such walks (``benchmarks/bench_dashboard.py``). Statistics and initiatives are small tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any

from sqlalchemy import Column, and_, extract, func, select, union_all
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from jjdesk.store import overdue
from jjdesk.store.tables import ENTERPRISE, EXPLANATION, INITIATIVE, SERVICE
from jjdesk.store.tables import STAT_INDICATOR as INDICATOR
from jjdesk.store.tables import STAT_VALUE as VALUE
from jjdesk.store.tables import STAT_YEAR as YEAR

# ---------------------------------------------------------------- dashboard: enterprises


def enterprise_count(session: Session, joined_from: date | None = None, joined_to: date | None = None) -> int:
    """Enterprises in the ledger, or those whose join date lies in [joined_from, joined_to] (an index range)."""
    stmt = select(func.count()).select_from(ENTERPRISE)
    if joined_from is not None:
        stmt = stmt.where(ENTERPRISE.c.join_date >= joined_from)
    if joined_to is not None:
        stmt = stmt.where(ENTERPRISE.c.join_date <= joined_to)
    return int(session.execute(stmt).scalar_one())


def value_counts(session: Session, column: Column, known: Sequence[str]) -> list[tuple[Any, int]]:
    """(value, rows) for every value of an indexed column, counted range by range on its index.

    Measured at 1,000,000 enterprises (SQLite 3.40): ``GROUP BY cluster`` over its covering index takes
    ~170 ms, one ``count(*) WHERE cluster = ?`` per value ~65 ms in all — the index walk is the same, but a
    counted range skips the grouping's per-row comparison and result row. So the ``known`` values (the
    vocabulary) are counted one range each, in one statement, and NULL likewise; whatever the ledger holds
    beyond them (clusters are an open vocabulary) is grouped over the gaps between the known values only.
    """
    table = column.table
    known = sorted(set(known))
    parts = [select(func.count()).select_from(table).where(column == v).scalar_subquery() for v in known]
    parts.append(select(func.count()).select_from(table).where(column.is_(None)).scalar_subquery())
    parts.append(select(func.count()).select_from(table).scalar_subquery())
    *counts, nulls, total = session.execute(select(*parts)).one()
    out: list[tuple[Any, int]] = [(v, int(n)) for v, n in zip(known, counts, strict=True) if n]
    if nulls:
        out.append((None, int(nulls)))
    if total - sum(counts) - nulls > 0:
        out += _other_values(session, column, known)
    return out


def _other_values(session: Session, column: Column, known: Sequence[str]) -> list[tuple[Any, int]]:
    """(value, rows) of the non-null values not in ``known``.

    On SQLite (binary collation: byte order is code-point order, Python's order) the gaps between the sorted
    known values are range scans, one per gap — an OR of the ranges would make SQLite scan the whole index. A
    server's collation may order text differently, so elsewhere it is a plain NOT IN.
    """
    if not known or session.get_bind().dialect.name != "sqlite":
        stmt = select(column, func.count()).where(column.is_not(None))
        if known:
            stmt = stmt.where(column.not_in(list(known)))
        return [(v, int(n)) for v, n in session.execute(stmt.group_by(column))]
    bounds = [None, *known, None]
    gaps = [
        and_(*([column > lo] if lo is not None else []), *([column < hi] if hi is not None else []))
        for lo, hi in pairwise(bounds)
    ]
    ranges = union_all(*(select(column, func.count()).where(gap).group_by(column) for gap in gaps))
    return [(v, int(n)) for v, n in session.execute(ranges)]


def enterprise_counts_by(session: Session, key: str, known: Sequence[str] = ()) -> list[tuple[Any, int]]:
    """(value, enterprises) of an indexed column (``enterprise_type``, ``cluster``, ``review_status``), in no
    particular order; ``known`` are the values expected (the vocabulary), counted fastest."""
    return value_counts(session, ENTERPRISE.c[key], known)


def service_counts(session: Session, known: Sequence[str] = ()) -> list[tuple[str, int]]:
    """(service, enterprises using it), on the (service, enterprise_id) index; ``known`` as above."""
    return value_counts(session, SERVICE.c.service, known)


def join_date_counts(session: Session) -> list[tuple[date, int]]:
    """(join date, enterprises joined that day) in date order, enterprises without a join date left out.

    Grouped by the date itself rather than by an expression of it, so SQLite reads the join-date index in
    order and groups as it goes (no sort, no row read); the caller folds days into months — a few hundred
    aggregated rows, not enterprises.
    """
    col = ENTERPRISE.c.join_date
    stmt = select(col, func.count()).where(col.is_not(None)).group_by(col).order_by(col)
    return [(d, int(n)) for d, n in session.execute(stmt)]


# ---------------------------------------------------------------- dashboard: initiatives


def initiative_status_counts(session: Session) -> list[tuple[str, str, int]]:
    """(category, status, initiatives) for every combination that occurs."""
    stmt = select(INITIATIVE.c.category, INITIATIVE.c.status, func.count()).group_by(
        INITIATIVE.c.category, INITIATIVE.c.status
    )
    return [(c, s, int(n)) for c, s, n in session.execute(stmt)]


def overdue_milestone_count(session: Session, today: date) -> int:
    """Milestones overdue on ``today`` (``store.overdue``: the meeting pack's and review rule INI-02's test)."""
    stmt = overdue.overdue_milestones(today).add_columns(func.count())
    return int(session.execute(stmt).scalar_one())


def overdue_initiative_count(session: Session, today: date) -> int:
    """Initiatives with at least one overdue milestone: the rows the dashboard's overdue card opens."""
    stmt = select(func.count()).select_from(INITIATIVE).where(overdue.has_overdue_milestone(today))
    return int(session.execute(stmt).scalar_one())


# ---------------------------------------------------------------- statistics


def indicators(session: Session) -> list[dict[str, Any]]:
    """The indicator catalogue as plain rows (id, code, name, unit, parent_id, seq, decimals, sum_group)."""
    stmt = select(
        INDICATOR.c.id,
        INDICATOR.c.code,
        INDICATOR.c.name,
        INDICATOR.c.unit,
        INDICATOR.c.parent_id,
        INDICATOR.c.seq,
        INDICATOR.c.decimals,
        INDICATOR.c.sum_group,
    ).order_by(INDICATOR.c.seq, INDICATOR.c.id)
    return [dict(r) for r in session.execute(stmt).mappings()]


def figures(
    session: Session, indicator_ids: Sequence[int] | None = None, years: Sequence[int] | None = None
) -> list[dict[str, Any]]:
    """Figures (id, indicator_id, year, value, growth, basis) with their year's review status."""
    stmt = (
        select(
            VALUE.c.id,
            VALUE.c.indicator_id,
            VALUE.c.year,
            VALUE.c.value,
            VALUE.c.growth,
            VALUE.c.basis,
            YEAR.c.review_status,
        )
        .join(YEAR, YEAR.c.year == VALUE.c.year)
        .order_by(VALUE.c.year, VALUE.c.indicator_id)
    )
    if indicator_ids is not None:
        stmt = stmt.where(VALUE.c.indicator_id.in_(list(indicator_ids)))
    if years is not None:
        stmt = stmt.where(VALUE.c.year.in_(list(years)))
    return [dict(r) for r in session.execute(stmt).mappings()]


def year_statuses(session: Session, years: Sequence[int]) -> dict[int, str]:
    """The review status of each reporting year that exists."""
    stmt = select(YEAR.c.year, YEAR.c.review_status).where(YEAR.c.year.in_(list(years)))
    return {y: s for y, s in session.execute(stmt)}


def value_explanations(session: Session, value_ids: Sequence[int]) -> dict[int, list[str]]:
    """Written 核实 explanations bound to each figure (by figure id), oldest first."""
    out: dict[int, list[str]] = {}
    if not value_ids:
        return out
    stmt = (
        select(EXPLANATION.c.entity_id, EXPLANATION.c.text)
        .where(EXPLANATION.c.entity == "stat_value", EXPLANATION.c.entity_id.in_(list(value_ids)))
        .order_by(EXPLANATION.c.id)
    )
    for vid, text in session.execute(stmt):
        out.setdefault(vid, []).append(text)
    return out


# ---------------------------------------------------------------- cross-tab


def _enterprise_dimension(key: str) -> ColumnElement:
    if key == "join_year":
        return extract("year", ENTERPRISE.c.join_date)
    if key == "join_month":
        # One integer per month (202006) keeps the expression portable; the service formats it as 2020-06.
        return extract("year", ENTERPRISE.c.join_date) * 100 + extract("month", ENTERPRISE.c.join_date)
    if key == "service":
        return SERVICE.c.service
    return ENTERPRISE.c[key]


ENTERPRISE_DIMENSIONS = ("enterprise_type", "cluster", "service", "join_year", "join_month", "review_status")
INITIATIVE_DIMENSIONS = ("category", "status", "lead_department")


def grouped(session: Session, kind: str, dims: Sequence[str], measure_column: str | None) -> list[tuple[Any, ...]]:
    """One aggregate of the cross-tab: ``(dim values…, records, sum, non-null count)`` grouped by ``dims``.

    ``kind`` is "enterprises" or "initiatives"; ``measure_column`` the money column summed (``export_value``
    or ``funds``; None: count only). The service link table is joined (outer: no service is a group too) only
    when ``service`` is grouped; its key is (enterprise, service), so each group holds an enterprise at most
    once, and totals over all services, grouped without it, count each enterprise once. Sums are the exact
    scaled integers summed in SQL.
    """
    if kind == "enterprises":
        table = ENTERPRISE
        exprs = [_enterprise_dimension(d) for d in dims]
        from_: Any = table
        if "service" in dims:
            from_ = table.outerjoin(SERVICE, SERVICE.c.enterprise_id == table.c.id)
    else:
        table = INITIATIVE
        exprs = [table.c[d] for d in dims]
        from_ = table
    measure = table.c[measure_column] if measure_column else None
    # No DISTINCT needed: (enterprise, service) is the link table's key, so a group that includes the service
    # holds each enterprise once, and without the service the link table is not joined at all.
    cols: list[Any] = [*exprs, func.count()]
    if measure is not None:
        cols += [func.sum(measure), func.count(measure)]
    stmt = select(*cols).select_from(from_)
    if exprs:
        stmt = stmt.group_by(*exprs)
    rows = []
    for row in session.execute(stmt):
        r = tuple(row)
        n = len(exprs)
        records = int(r[n])
        total: Decimal | None = r[n + 1] if measure is not None else None
        valued = int(r[n + 2]) if measure is not None else 0
        rows.append((*r[:n], records, total, valued))
    return rows
