"""Queries of the exports and the meeting pack: plain rows from a cursor, never ORM objects, and aggregates in SQL.

Large exports read enterprises in keyset pages (``id > last``), so memory stays flat and the database is never
asked for a deep OFFSET; the services and channels of a page come in one query per page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import and_, case, extract, func, select
from sqlmodel import Session, col

from jjdesk.store import overdue, tables
from jjdesk.store.engine import insert_sql
from jjdesk.store.enterprise_tags import tags_of
from jjdesk.store.models import (
    MeetingPack,
    StatValue,
)
from jjdesk.store.tables import ENTERPRISE, INITIATIVE, MILESTONE
from jjdesk.store.tables import INITIATIVE_INDICATOR as INDICATOR

TAG_KEYS = ("services", "channels")


def count_enterprises(session: Session, ids: Sequence[int] | None = None) -> int:
    """How many enterprises an export will hold (all, or the given ids)."""
    if ids is not None:
        return len(ids)
    return session.execute(select(func.count()).select_from(ENTERPRISE)).scalar_one()


def iter_enterprise_rows(
    session: Session, keys: Sequence[str], ids: Sequence[int] | None = None, batch: int = 5000
) -> Iterator[tuple[Any, ...]]:
    """Enterprises as tuples of ``keys`` (table columns, plus ``services``/``channels`` as lists).

    Without ``ids`` every enterprise in id order, read in keyset pages; with ``ids`` exactly those, in that
    order (what a filtered, sorted listing shows). Tags come in the database's order; callers sort them.
    """
    cols = [k for k in keys if k not in TAG_KEYS]
    want_services, want_channels = "services" in keys, "channels" in keys
    stmt_cols = [ENTERPRISE.c.id, *(ENTERPRISE.c[k] for k in cols)]
    position = {k: i + 1 for i, k in enumerate(cols)}

    def emit(rows: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        page_ids = [r[0] for r in rows]
        services, channels = tags_of(session, page_ids) if want_services or want_channels else ({}, {})
        for r in rows:
            yield tuple(
                services.get(r[0], [])
                if k == "services"
                else channels.get(r[0], [])
                if k == "channels"
                else r[position[k]]
                for k in keys
            )

    if ids is not None:
        for start in range(0, len(ids), batch):
            part = list(ids[start : start + batch])
            found = {r[0]: r for r in session.execute(select(*stmt_cols).where(ENTERPRISE.c.id.in_(part)))}
            yield from emit([found[i] for i in part if i in found])
        return
    last = 0
    while True:
        rows = session.execute(
            select(*stmt_cols).where(ENTERPRISE.c.id > last).order_by(ENTERPRISE.c.id).limit(batch)
        ).all()
        if not rows:
            return
        yield from emit(rows)
        last = rows[-1][0]


# ---------------------------------------------------------------- initiatives


def initiative_rows(session: Session, today: date) -> list[dict[str, Any]]:
    """Every initiative's own fields with milestone counts: total, done, and overdue (``store.overdue``)."""
    late = (
        overdue.overdue_milestones(today)
        .add_columns(MILESTONE.c.initiative_id, func.count().label("overdue"))
        .group_by(MILESTONE.c.initiative_id)
        .subquery()
    )
    ms = (
        select(
            MILESTONE.c.initiative_id,
            func.count().label("milestones"),
            func.sum(case((MILESTONE.c.done.is_(True), 1), else_=0)).label("done"),
        )
        .group_by(MILESTONE.c.initiative_id)
        .subquery()
    )
    stmt = (
        select(INITIATIVE, ms.c.milestones, ms.c.done, late.c.overdue)
        .outerjoin(ms, ms.c.initiative_id == INITIATIVE.c.id)
        .outerjoin(late, late.c.initiative_id == INITIATIVE.c.id)
        .order_by(INITIATIVE.c.category, INITIATIVE.c.id)
    )
    out = []
    for row in session.execute(stmt).mappings():
        d = dict(row)
        for k in ("milestones", "done", "overdue"):
            d[k] = int(d[k] or 0)
        out.append(d)
    return out


def _of_initiatives(stmt, ids: Sequence[int] | None, batch: int = 900) -> Iterator[Any]:
    """``stmt`` over all initiatives, or over ``ids`` in chunks (SQLite's bound-parameter limit)."""
    if ids is None:
        yield stmt
        return
    for start in range(0, len(ids), batch):
        yield stmt.where(INITIATIVE.c.id.in_(list(ids[start : start + batch])))


def milestone_rows(session: Session, today: date, ids: Sequence[int] | None = None) -> list[dict[str, Any]]:
    """The milestones of all initiatives (or of ``ids``) with their initiative's id and name and whether each is
    overdue on ``today`` (``store.overdue``), in initiative then sequence order."""
    stmt = (
        select(
            MILESTONE.c.initiative_id,
            INITIATIVE.c.name.label("initiative"),
            MILESTONE.c.seq,
            MILESTONE.c.due_date,
            MILESTONE.c.text,
            MILESTONE.c.done,
            MILESTONE.c.done_date,
            overdue.is_overdue(today).label("overdue"),
        )
        .join(INITIATIVE, INITIATIVE.c.id == MILESTONE.c.initiative_id)
        .order_by(INITIATIVE.c.category, INITIATIVE.c.id, MILESTONE.c.seq, MILESTONE.c.id)
    )
    return [dict(r) for part in _of_initiatives(stmt, ids) for r in session.execute(part).mappings()]


def indicator_rows(session: Session, ids: Sequence[int] | None = None) -> list[dict[str, Any]]:
    """The target indicators of all initiatives (or of ``ids``) with the initiative's id and name."""
    stmt = (
        select(
            INDICATOR.c.initiative_id,
            INITIATIVE.c.name.label("initiative"),
            INDICATOR.c.name,
            INDICATOR.c.unit,
            INDICATOR.c.target,
            INDICATOR.c.actual,
        )
        .join(INITIATIVE, INITIATIVE.c.id == INDICATOR.c.initiative_id)
        .order_by(INITIATIVE.c.category, INITIATIVE.c.id, INDICATOR.c.seq, INDICATOR.c.id)
    )
    return [dict(r) for part in _of_initiatives(stmt, ids) for r in session.execute(part).mappings()]


# ---------------------------------------------------------------- meeting-pack aggregates


def status_counts(session: Session) -> dict[str, dict[str, int]]:
    """Records per review status for enterprises, initiatives and statistics years."""
    out: dict[str, dict[str, int]] = {}
    for key, table in (("enterprises", ENTERPRISE), ("initiatives", INITIATIVE), ("stat_years", tables.STAT_YEAR)):
        rows = session.execute(select(table.c.review_status, func.count()).group_by(table.c.review_status))
        out[key] = {status: n for status, n in rows}
    return out


def enterprises_by(session: Session, key: str) -> list[tuple[Any, int, Any]]:
    """(group, enterprises, total export value 万元) grouped by ``cluster`` or ``enterprise_type``."""
    column = ENTERPRISE.c[key]
    stmt = (
        select(column, func.count(), func.sum(ENTERPRISE.c.export_value))
        .group_by(column)
        .order_by(func.count().desc(), column)
    )
    return [tuple(r) for r in session.execute(stmt)]


def enterprises_by_join_month(session: Session) -> list[tuple[int, int, int]]:
    """(year, month, enterprises joined) for enterprises with a join date, in time order."""
    year, month = extract("year", ENTERPRISE.c.join_date), extract("month", ENTERPRISE.c.join_date)
    stmt = (
        select(year, month, func.count())
        .where(ENTERPRISE.c.join_date.is_not(None))
        .group_by(year, month)
        .order_by(year, month)
    )
    return [(int(y), int(m), n) for y, m, n in session.execute(stmt)]


def overdue_milestones(session: Session, today: date) -> list[dict[str, Any]]:
    """Milestones overdue on ``today`` (``store.overdue``), with their initiative's name and owner, oldest first."""
    stmt = (
        overdue.overdue_milestones(today)
        .add_columns(
            INITIATIVE.c.name.label("initiative"),
            INITIATIVE.c.lead_department,
            INITIATIVE.c.owner,
            MILESTONE.c.due_date,
            MILESTONE.c.text,
        )
        .order_by(MILESTONE.c.due_date, INITIATIVE.c.id)
    )
    return [dict(r) for r in session.execute(stmt).mappings()]


def stat_year_list(session: Session) -> list[int]:
    """Years that hold at least one figure, ascending."""
    return [y for (y,) in session.execute(select(col(StatValue.year)).distinct().order_by(col(StatValue.year)))]


def explanation_rows(session: Session) -> list[dict[str, Any]]:
    """Every 核实 explanation with the record it concerns named: enterprise or initiative name, a figure as
    "2020年 外贸进出口总额", a year as "2020年统计" — oldest first; with its entity, id and (for figures and
    years) the statistics year's id, so the finding it explains can be looked up."""
    from sqlalchemy import String, cast, literal

    ex, sv, si, sy = tables.EXPLANATION, tables.STAT_VALUE, tables.STAT_INDICATOR, tables.STAT_YEAR
    own = sy.alias("own")  # the statistics year a figure's or a year's finding belongs to
    label = case(
        (ex.c.entity == "enterprise", ENTERPRISE.c.name),
        (ex.c.entity == "initiative", INITIATIVE.c.name),
        (ex.c.entity == "stat_value", cast(sv.c.year, String) + literal("年 ") + si.c.name),
        (ex.c.entity == "stat_year", cast(sy.c.year, String) + literal("年统计")),
        else_=ex.c.entity + literal(" #") + cast(ex.c.entity_id, String),
    )
    stmt = (
        select(
            ex.c.rule_id,
            label.label("record"),
            ex.c.field,
            ex.c.text,
            ex.c.created_by,
            ex.c.created_at,
            ex.c.entity,
            ex.c.entity_id,
            own.c.id.label("year_id"),
        )
        .outerjoin(ENTERPRISE, and_(ex.c.entity == "enterprise", ENTERPRISE.c.id == ex.c.entity_id))
        .outerjoin(INITIATIVE, and_(ex.c.entity == "initiative", INITIATIVE.c.id == ex.c.entity_id))
        .outerjoin(sv, and_(ex.c.entity == "stat_value", sv.c.id == ex.c.entity_id))
        .outerjoin(si, si.c.id == sv.c.indicator_id)
        .outerjoin(sy, and_(ex.c.entity == "stat_year", sy.c.id == ex.c.entity_id))
        .outerjoin(own, own.c.year == func.coalesce(sv.c.year, sy.c.year))
        .order_by(ex.c.id)
    )
    return [dict(r) for r in session.execute(stmt).mappings()]


# ---------------------------------------------------------------- meeting pack snapshots


def enterprise_rows(session: Session, columns: Sequence[str]) -> list[Any]:
    """Every enterprise as a plain row with ``id`` and ``columns`` (attribute access like the ORM objects, values
    converted by the same column types), in id order."""
    return list(iter_enterprise_records(session, columns))


def iter_enterprise_records(session: Session, columns: Sequence[str], batch: int = 5000) -> Iterator[Any]:
    """:func:`enterprise_rows` one keyset page (``id > last``) at a time: memory holds a page, and no cursor
    stays open between pages (the caller may write meanwhile)."""
    names = ["id", *(c for c in columns if c != "id")]
    stmt = select(*(ENTERPRISE.c[c] for c in names)).order_by(ENTERPRISE.c.id).limit(batch)
    last = None
    while True:
        rows = session.execute(stmt if last is None else stmt.where(ENTERPRISE.c.id > last)).all()
        yield from rows
        if len(rows) < batch:
            return
        last = rows[-1].id


def latest_meeting_pack(session: Session) -> MeetingPack | None:
    """The most recently exported meeting pack (its snapshot is what the next pack compares with)."""
    stmt = select(MeetingPack).order_by(col(MeetingPack.created_at).desc(), col(MeetingPack.id).desc())
    return session.execute(stmt.limit(1)).scalars().first()


def meeting_pack_records(session: Session, pack_id: int) -> list[tuple[str, int, str, str]]:
    """A pack's stored records as (entity, entity_id, label, content JSON) rows (plain rows: there may be
    100,000 of them)."""
    return list(iter_meeting_pack_records(session, pack_id))


def iter_meeting_pack_records(session: Session, pack_id: int, batch: int = 5000) -> Iterator[tuple[str, int, str, str]]:
    """A pack's stored records in (entity, entity_id) order, read in keyset pages over the unique index on
    (pack_id, entity, entity_id) through the DBAPI cursor (plain text and integers: nothing to convert). Each
    page is fetched whole, so no cursor stays open between pages — the caller may insert into the same table
    meanwhile — and memory holds one page."""
    table = tables.PACK_RECORD.name
    head = f"SELECT entity, entity_id, label, content FROM {table} WHERE pack_id = ?"
    tail = f" ORDER BY entity, entity_id LIMIT {int(batch)}"
    connection = session.connection().connection
    last: tuple[str, int] | None = None
    while True:
        cursor = connection.cursor()
        try:
            if last is None:
                cursor.execute(head + tail, (pack_id,))
            else:
                cursor.execute(head + " AND (entity, entity_id) > (?, ?)" + tail, (pack_id, *last))
            rows = cursor.fetchall()
        finally:
            cursor.close()
        yield from rows
        if len(rows) < batch:
            return
        last = rows[-1][0], rows[-1][1]


def insert_meeting_pack_records(
    session: Session, rows: Iterable[tuple[int, str, int, str, str]], batch: int = 20_000
) -> None:
    """Store a pack's records, tuples of (pack_id, entity, entity_id, label, content), in batches through the
    driver's ``executemany`` (no per-row work in SQLAlchemy: a pack over 100,000 enterprises stores as many)."""
    connection = session.connection()
    sql = insert_sql(connection, tables.PACK_RECORD.name, ("pack_id", "entity", "entity_id", "label", "content"))
    it = iter(rows)
    while chunk := list(islice(it, batch)):
        connection.exec_driver_sql(sql, chunk)
