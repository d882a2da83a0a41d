"""Reading an enterprise's tags (使用服务, 跨境渠道: one row per tag in enterprise_service / enterprise_channel).

One loader for every caller — a record's form, a search page, an import's duplicates, a snapshot of 100,000
enterprises — instead of a copy per caller. A dense run of ids (a keyset page) is read as one range over each
primary key; on SQLite straight from the driver, without SQLAlchemy's per-row processing (the tags are plain
text); scattered ids are asked for exactly, in chunks that stay under any backend's parameter limit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Table, select
from sqlmodel import Session

from jjdesk.store.engine import driver_cursor
from jjdesk.store.tables import CHANNEL, SERVICE

Tags = dict[int, list[str]]
_CHUNK = 500
_TABLES = ((SERVICE, "service"), (CHANNEL, "channel"))


def tags_of(session: Session, ids: Sequence[int]) -> tuple[Tags, Tags]:
    """Services and channels of the enterprises ``ids``, keyed by id (an id without tags reads as ``[]``)."""
    services: Tags = defaultdict(list)
    channels: Tags = defaultdict(list)
    if not ids:
        return services, channels
    lo, hi = min(ids), max(ids)
    for (table, column), out in zip(_TABLES, (services, channels), strict=True):
        if hi - lo < 2 * len(ids):
            _read_range(session, table, column, lo, hi, set(ids), out)
        else:
            for i in range(0, len(ids), _CHUNK):
                part = list(ids[i : i + _CHUNK])
                for eid, tag in session.execute(
                    select(table.c.enterprise_id, table.c[column]).where(table.c.enterprise_id.in_(part))
                ):
                    out[eid].append(tag)
    return services, channels


def _read_range(session: Session, table: Table, column: str, lo: int, hi: int, wanted: set[int], out: Tags) -> None:
    """The tags of ids ``lo``…``hi`` that are ``wanted`` (ids in the range but not asked for are dropped)."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":  # the driver's own cursor, inside the session's transaction
        cursor = driver_cursor(conn)
        try:
            cursor.execute(
                f"SELECT enterprise_id, {column} FROM {table.name} WHERE enterprise_id BETWEEN ? AND ?", (lo, hi)
            )
            rows = cursor.fetchall()
        finally:
            cursor.close()
    else:
        rows = session.execute(
            select(table.c.enterprise_id, table.c[column]).where(table.c.enterprise_id.between(lo, hi))
        ).all()
    for eid, tag in rows:
        if eid in wanted:
            out[eid].append(tag)
