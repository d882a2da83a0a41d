"""Writes of the Excel/CSV import, inside the caller's one transaction, through Core ``executemany``.

``enterprises.create_many`` goes through the ORM: right for a form's few rows, but 100,000 imported rows that
way take minutes (performance.md: SQLModel ``add_all`` is ~15× slower than Core). The import validates every
row with the same checks first, then writes here: enterprises with ``INSERT … RETURNING id`` (ids in input
order), their tags, updates of existing ones, and the audit entries — all in the session's transaction, so a
failure anywhere leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlmodel import Session

from jjdesk.store.engine import driver_cursor
from jjdesk.store.name_key import name_key
from jjdesk.store.tables import AUDIT, CHANNEL, ENTERPRISE, SERVICE

_CHUNK = 500


def enterprises_by_codes(session: Session, codes: Sequence[str], columns: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Registered enterprises among ``codes``: code → {id, review_status, version, *columns}."""
    wanted = ["id", "credit_code", "review_status", "version", *(c for c in columns if c not in ("id",))]
    cols = [ENTERPRISE.c[c] for c in dict.fromkeys(wanted)]
    found: dict[str, dict[str, Any]] = {}
    if len(codes) > _CHUNK and enterprise_count(session) < len(codes):
        # Fewer registered enterprises than codes asked about (a first large import): reading the registered
        # codes from their index and keeping the asked ones costs less than looking each code up.
        registered = set(
            session.execute(select(ENTERPRISE.c.credit_code).where(ENTERPRISE.c.credit_code.is_not(None))).scalars()
        )
        codes = [c for c in codes if c in registered]
    for i in range(0, len(codes), _CHUNK):
        part = list(codes[i : i + _CHUNK])
        for row in session.execute(select(*cols).where(ENTERPRISE.c.credit_code.in_(part))).mappings():
            found[row["credit_code"]] = dict(row)
    return found


def codeless_by_names(session: Session, names: Sequence[str], columns: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Registered enterprises without a credit code among ``names``: name → {id, review_status, version, …}.

    A name held by several such enterprises is left out: it does not say which one is meant.
    """
    wanted = ["id", "name", "review_status", "version", *columns]
    cols = [ENTERPRISE.c[c] for c in dict.fromkeys(wanted)]
    found: dict[str, dict[str, Any]] = {}
    ambiguous: set[str] = set()
    for i in range(0, len(names), _CHUNK):
        part = list(names[i : i + _CHUNK])
        stmt = select(*cols).where(ENTERPRISE.c.name.in_(part), ENTERPRISE.c.credit_code.is_(None))
        for row in session.execute(stmt).mappings():
            if row["name"] in found:
                ambiguous.add(row["name"])
            found[row["name"]] = dict(row)
    return {k: v for k, v in found.items() if k not in ambiguous}


def enterprise_count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(ENTERPRISE)).scalar_one()


def insert_enterprises(session: Session, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert enterprise rows (column → value, stamps included); returns their ids in input order.

    On SQLite the ids are assigned here from the current maximum — the transaction holds the write lock
    (``BEGIN IMMEDIATE``), so no one else can take them — and the rows go in one ``executemany``: SQLAlchemy's
    ``RETURNING`` in input order falls back to one statement per row there. Elsewhere ``INSERT … RETURNING``
    keeps the database's own id sequence.
    """
    if not rows:
        return []
    rows = [{**r, "name_key": name_key(r.get("name"))} for r in rows]  # derived from the name (store/name_key.py)
    if session.get_bind().dialect.name == "sqlite":
        first = (session.execute(select(func.max(ENTERPRISE.c.id))).scalar() or 0) + 1
        ids = list(range(first, first + len(rows)))
        for i in range(0, len(rows), 20_000):
            session.execute(
                insert(ENTERPRISE),
                [{**r, "id": n} for r, n in zip(rows[i : i + 20_000], ids[i : i + 20_000], strict=True)],
            )
        return ids
    stmt = insert(ENTERPRISE).returning(ENTERPRISE.c.id, sort_by_parameter_order=True)
    out: list[int] = []
    for i in range(0, len(rows), 20_000):
        out += list(session.execute(stmt, list(rows[i : i + 20_000])).scalars())
    return out


def insert_tags(session: Session, services: Iterable[tuple[int, str]], channels: Iterable[tuple[int, str]]) -> None:
    """Add (enterprise id, tag) pairs."""
    svc = [{"enterprise_id": e, "service": t} for e, t in services]
    chn = [{"enterprise_id": e, "channel": t} for e, t in channels]
    if svc:
        session.execute(insert(SERVICE), svc)
    if chn:
        session.execute(insert(CHANNEL), chn)


def replace_tags(session: Session, enterprise_id: int, services: Sequence[str], channels: Sequence[str]) -> None:
    """Set an enterprise's services and channels to exactly the given lists."""
    session.execute(delete(SERVICE).where(SERVICE.c.enterprise_id == enterprise_id))
    session.execute(delete(CHANNEL).where(CHANNEL.c.enterprise_id == enterprise_id))
    insert_tags(session, [(enterprise_id, s) for s in services], [(enterprise_id, c) for c in channels])


def update_enterprise(session: Session, enterprise_id: int, expected_version: int, values: Mapping[str, Any]) -> bool:
    """Set columns of one enterprise if it is still at ``expected_version``; False when someone changed it."""
    if "name" in values:
        values = {**values, "name_key": name_key(values["name"])}
    result = session.exec(
        update(ENTERPRISE)
        .where(ENTERPRISE.c.id == enterprise_id, ENTERPRISE.c.version == expected_version)
        .values(**values)
    )
    return result.rowcount == 1


def version_of(session: Session, enterprise_id: int) -> tuple[int, str] | None:
    """(version, review_status) of one enterprise, or None when it was deleted."""
    row = session.execute(
        select(ENTERPRISE.c.version, ENTERPRISE.c.review_status).where(ENTERPRISE.c.id == enterprise_id)
    ).first()
    return None if row is None else (row[0], row[1])


AUDIT_ENTRY_COLUMNS = (
    "action",
    "entity",
    "entity_id",
    "record_label",
    "field",
    "old",
    "new",
    "reason",
    "prev_hash",
    "hash",
)


def insert_audit_entries(
    session: Session, at: datetime, user_name: str, entries: Iterable[Sequence[Any]], batch: int = 20_000
) -> None:
    """Append already-chained audit entries (``services.core.audit.write_many`` computes the hashes), all written
    at ``at`` by ``user_name``; each entry holds the values of :data:`AUDIT_ENTRY_COLUMNS` in that order.

    ``entries`` is consumed in batches, so a generator keeps memory flat. On SQLite the batches go straight to
    the DB-API's ``executemany`` with ``at`` converted once by the column's own bind processor (what Core would
    store); elsewhere through Core.
    """
    names = ("at", "user_name", *AUDIT_ENTRY_COLUMNS)
    conn = session.connection()
    it = iter(entries)
    if conn.dialect.name == "sqlite":
        proc = AUDIT.c.at.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
        head = (proc(at) if proc else at, user_name)
        sql = f"INSERT INTO {AUDIT.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        cursor = driver_cursor(conn)
        try:
            while chunk := [(*head, *e) for e in islice(it, batch)]:
                cursor.executemany(sql, chunk)
        finally:
            cursor.close()
        return
    while params := [dict(zip(names, (at, user_name, *e), strict=True)) for e in islice(it, batch)]:
        session.execute(insert(AUDIT), params)
