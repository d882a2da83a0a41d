"""SQL for list views: count, page and id queries with search, filters and sorting pushed into the database.

A list of a million enterprises is never loaded into Python. The table model asks for the number of matching
rows and for pages of rows at an offset; everything that narrows or orders the list is a WHERE or ORDER BY here.

Paging is OFFSET/LIMIT on an ordering that always ends in the id, so it is total and stable. Every sortable
column has an index, so an offset is a walk along that index; a page past the middle of the list is read in the
reverse order from the end instead (the last page of 1,000,000 rows costs what the first does). When the page
just before the one requested is known, a keyset condition ``(sort, id) > (last sort, last id)`` replaces the
offset altogether; see :func:`page`.

Search: on SQLite with the trigram index installed, terms go through :mod:`jjdesk.store.sqlite_search` (the one
module that knows FTS5); elsewhere, and for terms the index cannot take, each term is a ``LIKE`` (``ILIKE`` off
SQLite) over the family's search columns. Several terms must all match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    BindParameter,
    Column,
    Select,
    Table,
    and_,
    bindparam,
    func,
    literal,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from jjdesk.store import overdue, sqlite_search, tables

Filter = Callable[[Any], ColumnElement[bool]]


@dataclass(frozen=True)
class TagSource:
    """A one-to-many list of words kept in a link table (an enterprise's services, its channels)."""

    table: Table
    owner: Column
    value: Column


@dataclass(frozen=True)
class Source:
    """What the SQL of one record family's list is made of; the services name columns and filters by key."""

    table: Table
    columns: Mapping[str, Column]
    filters: Mapping[str, Filter]
    search: tuple[Column, ...]
    tags: Mapping[str, TagSource] = field(default_factory=dict)
    fts: bool = False  # an ``sqlite_search`` index covers ``search`` on SQLite

    @property
    def id(self) -> Column:
        return self.table.c.id


# ---------------------------------------------------------------- the families

_E, _ES, _EC, _I = tables.ENTERPRISE, tables.SERVICE, tables.CHANNEL, tables.INITIATIVE


def _one_of(col: Column) -> Filter:
    return lambda values: col.in_(list(values))


def _uses_service(values) -> ColumnElement[bool]:
    # IN over the (service, enterprise_id) index: one index range per service, no row of enterprise read.
    return _E.c.id.in_(select(_ES.c.enterprise_id).where(_ES.c.service.in_(list(values))))


ENTERPRISES = Source(
    table=_E,
    # Every column of the table: a field added to the model is listable without naming it here.
    columns={c.name: c for c in _E.c},
    filters={
        "enterprise_type": _one_of(_E.c.enterprise_type),
        "cluster": _one_of(_E.c.cluster),
        "service": _uses_service,
        "join_from": lambda d: _E.c.join_date >= d,
        "join_to": lambda d: _E.c.join_date <= d,
        "review_status": _one_of(_E.c.review_status),
        "is_demo": lambda flag: _E.c.is_demo == bool(flag),
    },
    search=(_E.c.name, _E.c.credit_code, _E.c.contact_name),
    tags={
        "services": TagSource(_ES, _ES.c.enterprise_id, _ES.c.service),
        "channels": TagSource(_EC, _EC.c.enterprise_id, _EC.c.channel),
    },
    fts=True,
)

INITIATIVES = Source(
    table=_I,
    columns={
        name: _I.c[name]
        for name in (
            "name",
            "category",
            "lead_department",
            "owner",
            "start_date",
            "due_date",
            "status",
            "funds",
            "stage",
            "tier",
            "stage_status",
            "is_demo",
            "review_status",
            "version",
            "updated_by",
            "updated_at",
        )
    },
    filters={
        "category": _one_of(_I.c.category),
        "status": _one_of(_I.c.status),
        "lead_department": _one_of(_I.c.lead_department),
        # Initiatives with a milestone overdue on that day (the dashboard's 逾期节点 card, the "仅看逾期" box).
        "overdue_on": overdue.has_overdue_milestone,
        "review_status": _one_of(_I.c.review_status),
        "is_demo": lambda flag: _I.c.is_demo == bool(flag),
    },
    search=(_I.c.name, _I.c.lead_department, _I.c.owner),
)


# ---------------------------------------------------------------- building the statements


@dataclass(frozen=True)
class Request:
    """A validated list query in plain values (the services check keys and values before it gets here)."""

    terms: tuple[str, ...] = ()
    filters: Mapping[str, Any] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False


@dataclass
class Prepared:
    """The FROM and WHERE of a request, search already routed (FTS or LIKE): reusable within a transaction."""

    from_: Any
    conditions: list[ColumnElement[bool]]
    match: sqlite_search.Match | None = None
    nothing: bool = False


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def prepare(session: Session, source: Source, request: Request) -> Prepared:
    """Route the search and build the conditions once; pass to :func:`count` and :func:`page` of the same
    transaction (the FTS vocabulary look-up of a short term is a query of its own)."""
    conditions = [source.filters[key](value) for key, value in request.filters.items()]
    where = Prepared(source.table, conditions)
    like_terms: Sequence[str] = request.terms
    conn = session.connection()
    if request.terms and source.fts and conn.dialect.name == "sqlite" and sqlite_search.is_installed(conn):
        plan = sqlite_search.plan(conn, list(request.terms))
        if plan.nothing:
            where.nothing = True
            return where
        if plan.expression is not None:
            where.match = sqlite_search.match(plan.expression)
            where.from_ = source.table.join(where.match.index, where.match.rowid == source.id)
            conditions.append(where.match.condition)
        like_terms = plan.like_terms
    sqlite = conn.dialect.name == "sqlite"  # SQLite's LIKE already ignores ASCII case; ILIKE would add lower()
    for term in like_terms:
        pattern = _like_pattern(term)
        conditions.append(
            or_(
                *(
                    (col.like(pattern, escape="\\") if sqlite else col.ilike(pattern, escape="\\"))
                    for col in source.search
                )
            )
        )
    return where


def count(session: Session, source: Source, request: Request, prepared: Prepared | None = None) -> int:
    """How many rows match (search and filters; the sort does not matter)."""
    where = prepared or prepare(session, source, request)
    if where.nothing:
        return 0
    if where.match is not None and len(where.conditions) == 1:
        # Search alone: the index knows how many rows it matches without reading a single enterprise.
        stmt = select(func.count()).select_from(where.match.index).where(where.match.condition)
    else:
        stmt = select(func.count()).select_from(where.from_).where(*where.conditions)
    return int(session.execute(stmt).scalar_one())


def _nulls_sort_low(session: Session) -> bool:
    # SQLite and MySQL put NULL before every value in ascending order, PostgreSQL after; keysets must know.
    return session.connection().dialect.name in ("sqlite", "mysql", "mariadb", "mssql")


DENSE = 0.01  # share of the table from which walking the sort index beats sorting every match
WALK = 50_000  # index entries a filtered walk may read (≈2 µs each) before a set of matching ids is cheaper


def _ordered(
    session: Session,
    source: Source,
    request: Request,
    where: Prepared,
    reverse: bool,
    total: int | None = None,
    skip: int = 0,
) -> tuple[Select, ColumnElement | None, ColumnElement]:
    """The ordered, unpaged statement (no columns yet), and the sort and id columns it orders by.

    A list both narrowed (search or filters) and sorted by a column can be read three ways: (a) find the
    matches and sort them all — cost grows with the matches; (b) walk the sort column's index testing each
    row — cost grows with the rows walked, ``skip``/density; (c) walk the index testing membership in a set of
    the matching ids built once per query — cost grows with the matches, but each step is cheap. SQLite's
    planner knows neither how many rows an FTS match keeps nor how far a page is, and at 1M rows guessed
    wrong both ways (8 s for a middle page). Given the count we choose: (c) for a dense FTS match (testing the
    index row by row costs ~100 µs), (c) for a walk longer than ``WALK``, otherwise the planner's own choice,
    which is (a) or (b). (c) is forced by testing ``id + 0``, so the set cannot drive the loop.
    """
    sort_col = source.columns[request.sort] if request.sort else None
    descending = request.descending != reverse
    if sort_col is not None and where.conditions and total and _use_id_set(session, source, where, total, skip):
        if where.match is not None and len(where.conditions) == 1:
            matches = select(where.match.rowid).select_from(where.match.index).where(where.match.condition)
        else:
            matches = select(source.id).select_from(where.from_).where(*where.conditions)
        base = select().select_from(source.table).where((source.id + 0).in_(matches))
        id_col: ColumnElement = source.id
    else:
        base = select().select_from(where.from_).where(*where.conditions)
        # With the index joined and no other order, let the index hand rows out in rowid order (it stops early).
        id_col = where.match.rowid if where.match is not None and sort_col is None else source.id
    order = [c.desc() if descending else c.asc() for c in (sort_col, id_col) if c is not None]
    return base.order_by(*order), sort_col, id_col


def _use_id_set(session: Session, source: Source, where: Prepared, total: int, skip: int) -> bool:
    size = session.execute(select(func.max(source.id))).scalar() or 0  # an upper bound, instantly
    density = total / size if size else 1.0
    if density < DENSE:
        return False
    return where.match is not None or skip / density > WALK


def _after(sort_col, id_col, anchor: tuple[Any, int], descending: bool, nulls_low: bool) -> ColumnElement[bool]:
    """Rows after ``anchor`` = (sort value, id) in the list's order: the keyset that replaces an offset."""
    value, last_id = anchor
    later = (lambda a, b: a < b) if descending else (lambda a, b: a > b)
    if sort_col is None:
        return later(id_col, last_id)
    nulls_first = nulls_low != descending
    if value is None:
        same = and_(sort_col.is_(None), later(id_col, last_id))
        return or_(same, sort_col.is_not(None)) if nulls_first else same
    after = later(tuple_(sort_col, id_col), tuple_(literal(value, sort_col.type), literal(last_id)))
    return after if nulls_first else or_(after, sort_col.is_(None))


def page(
    session: Session,
    source: Source,
    keys: Sequence[str],
    request: Request,
    offset: int,
    limit: int,
    *,
    total: int | None = None,
    after: tuple[Any, int] | None = None,
    prepared: Prepared | None = None,
) -> list[tuple]:
    """Rows ``offset`` … ``offset+limit-1`` of the list as ``(id, value per key…)``; tag keys give lists.

    ``total`` (the count, when the caller knows it) lets a page in the second half be read backwards from the
    end. ``after`` = (sort value, id) of the row just before ``offset`` turns the offset into a keyset seek.
    ``prepared`` reuses the search plan of a :func:`count` in the same transaction.
    """
    if limit <= 0 or offset < 0:
        return []
    where = prepared or prepare(session, source, request)
    if where.nothing:
        return []
    scalar_keys = [k for k in keys if k not in source.tags]
    reverse = after is None and total is not None and offset > total // 2
    if reverse:
        assert total is not None
        end = min(total, offset + limit)
        offset, limit = total - end, end - offset
        if limit <= 0:
            return []
    if after is not None:
        offset = 0
    stmt, sort_col, id_col = _ordered(session, source, request, where, reverse, total, offset)
    if after is not None:
        stmt = stmt.where(_after(sort_col, id_col, after, request.descending, _nulls_sort_low(session)))
    stmt = stmt.add_columns(source.id, *(source.columns[k] for k in scalar_keys)).limit(limit).offset(offset)
    rows = [tuple(r) for r in session.execute(stmt).all()]
    if reverse:
        rows.reverse()
    tag_keys = [k for k in keys if k in source.tags]
    if not tag_keys or not rows:
        return rows
    tags = _tags(session, source, tag_keys, [r[0] for r in rows])
    # Each output value: a scalar from the row (its position) or the tag list of that key.
    where_from = [(None, 1 + scalar_keys.index(k)) if k not in tags else (tags[k], 0) for k in keys]
    return [(r[0], *(r[pos] if found is None else found.get(r[0], []) for found, pos in where_from)) for r in rows]


def _tags(session: Session, source: Source, keys: Sequence[str], ids: Sequence[int]) -> dict[str, dict[int, list]]:
    """The tag lists of one page's rows: one UNION ALL query over the link tables, whatever the page size."""
    found: dict[str, dict[int, list]] = {k: defaultdict(list) for k in keys}
    for k, owner, value in session.execute(_tags_statement(source, tuple(keys)), {"ids": list(ids)}).all():
        found[k][owner].append(value)
    return found


_TAG_STATEMENTS: dict[tuple[int, tuple[str, ...]], Any] = {}


def _tags_statement(source: Source, keys: tuple[str, ...]):
    # Built once: coercing 256 literal ids into an IN list on every page cost more than the query itself.
    key = (id(source), keys)
    stmt = _TAG_STATEMENTS.get(key)
    if stmt is None:
        ids_param: BindParameter[int] = bindparam("ids", expanding=True)
        parts = [
            select(literal(k).label("k"), t.owner.label("owner"), t.value.label("v")).where(t.owner.in_(ids_param))
            for k in keys
            for t in (source.tags[k],)
        ]
        stmt = _TAG_STATEMENTS[key] = parts[0] if len(parts) == 1 else union_all(*parts)
    return stmt


def ids(session: Session, source: Source, request: Request) -> list[int]:
    """Every matching id in the list's order (bulk actions, export)."""
    where = prepare(session, source, request)
    if where.nothing:
        return []
    stmt, _sort, _id = _ordered(session, source, request, where, reverse=False)
    return list(session.execute(stmt.add_columns(source.id)).scalars().all())


def distinct(session: Session, source: Source, key: str) -> list[Any]:
    """The different non-empty values of one column, sorted (the choices of an open-vocabulary filter)."""
    col = source.columns[key]
    stmt = select(col).where(col.is_not(None), col != "").distinct().order_by(col)
    return list(session.execute(stmt).scalars().all())
