"""Writing many new enterprises at once on SQLite: the same rows, tags, search entries and audit entries as the
ordinary path (``store.import_repo`` + ``audit.write_many``), loaded in bulk (``store.bulk``) with the audit
entries hashed on a second thread while SQLite rebuilds the indexes. The enterprise import uses it from
``BULK_ROWS`` new enterprises on; tests/services/imports/test_bulk_write.py proves both paths write the same.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain
from typing import Any

from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.progress import Ticker
from jjdesk.services.records.enterprises import ENTITY
from jjdesk.store import bulk, import_repo


def creates(ids: Sequence[int], new_values: Sequence[Mapping[str, Any]]) -> Iterator[audit.Change]:
    return (audit.created(ENTITY, i, v["name"], v) for i, v in zip(ids, new_values, strict=True))


# From this many new enterprises on, SQLite imports load in bulk (store.bulk): the same rows, tags, search
# index and audit entries, written without the search triggers and, when the table at least doubles, with its
# secondary indexes rebuilt after the load instead of updated row by row.
BULK_ROWS = 2_000


def bulk_insert(
    s,
    actor: Actor,
    new_values: list[dict[str, Any]],
    changes_out: list[audit.Change],
    stamps: Mapping[str, Any],
    ticker: Ticker,
) -> range:
    """Insert the new enterprises, their tags, search entries and audit entries; their ids in input order.

    While SQLite rebuilds the indexes and the search index (C code that releases the GIL), another thread
    hashes the audit entries, so the two overlap on the second core. (Hashing during the row inserts as well
    gains nothing: both are Python and would only take turns with the GIL.)
    """
    done = 0

    def loaded(n: int) -> None:
        nonlocal done
        ticker.step(n - done)
        done = n

    conn = s.connection()
    load = bulk.load_enterprises(
        conn, new_values, stamps, progress=loaded, rebuild_indexes=len(new_values) >= import_repo.enterprise_count(s)
    )
    ticker.check()
    ids = range(load.first_id, load.first_id + load.count)
    pending = audit.PendingEntries(s, actor.name)
    failure: list[BaseException] = []

    def hash_entries() -> None:
        try:
            pending.add(chain(creates(ids, new_values), changes_out))
        except BaseException as exc:  # re-raised on the calling thread, which rolls everything back
            failure.append(exc)

    worker = threading.Thread(target=hash_entries, name="import-audit", daemon=True)
    worker.start()
    try:
        bulk.finish_load(conn, load)
    finally:
        worker.join()
    if failure:
        raise failure[0]
    ticker.check()
    pending.write(s)
    return ids
