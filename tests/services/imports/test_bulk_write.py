"""The large-import path (SQLite bulk load: no search triggers, indexes rebuilt, audit hashed on a second thread)
gives exactly what the small path gives: the same records and tags, the same audit entries and a chain that
verifies, the same search results, and a database whose indexes and triggers are all back in place."""

from __future__ import annotations

import pytest
from sqlmodel import select

from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.demo.enterprises import iter_demo_enterprises
from jjdesk.services.exports import lists as excel_export
from jjdesk.services.imports import enterprises as excel_import
from jjdesk.services.records import enterprises
from jjdesk.services.records.listing import ENTERPRISE_LISTING, ListQuery
from jjdesk.store import bulk, sqlite_search
from jjdesk.store.models import AuditEntry
from tests.services.imports.test_enterprises import COMPARED

_LOAD = bulk.load_enterprises
SEARCHES = ("光电", "科技", "缝制设备", "李", "9133", "ma2", "有限公司", "电有")


@pytest.fixture
def source_file(tmp_path, fresh_db):
    """An exported workbook of 240 generated enterprises (every column, tags, dates, money)."""
    db = fresh_db(tmp_path / "source.db")
    bulk.insert_enterprises(db, iter_demo_enterprises(240, seed=11))
    path = tmp_path / "source.xlsx"
    excel_export.export_enterprises(db, path)
    db.dispose()
    return path


def _open(fresh_db, tmp_path, name):
    return fresh_db(tmp_path / name)


def _records(db):
    rows = enterprises.search(db, limit=10_000)
    return sorted(
        ({k: e[k] for k in ("id", *COMPARED, "review_status", "version", "created_by")} for e in rows),
        key=lambda e: e["id"],
    )


def _audit(db):
    with db.session() as s:
        return [
            (e.action, e.entity, e.entity_id, e.record_label, e.field, e.old, e.new, e.reason)
            for e in s.exec(select(AuditEntry).order_by(AuditEntry.id))
        ]


def _schema(db):
    with db.engine.connect() as conn:
        return sorted(
            conn.exec_driver_sql("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')").all()
        )


def _searches(db):
    return {text: ENTERPRISE_LISTING.ids(db, ListQuery(search=text)) for text in SEARCHES}


def _import(db, path, monkeypatch, bulk_rows, **kw):
    """Import with the bulk path from ``bulk_rows`` new rows on; ``result.loads`` lists the bulk loads' rebuild
    flags (empty when the small path ran)."""
    loads = []

    def spy(*args, **kwargs):
        loads.append(kwargs["rebuild_indexes"])
        return _LOAD(*args, **kwargs)

    monkeypatch.setattr(excel_import, "BULK_ROWS", bulk_rows)
    monkeypatch.setattr(bulk, "load_enterprises", spy)
    result = excel_import.import_enterprises(db, Actor("wang"), path, **kw)
    assert result.ok and result.written, result.errors[:3]
    result.loads = loads
    return result


@pytest.mark.parametrize("prefill", [0, 400], ids=["empty-table-rebuilds-indexes", "filled-table-keeps-indexes"])
def test_bulk_import_gives_the_same_records_audit_and_search(tmp_path, source_file, monkeypatch, prefill, fresh_db):
    small, large = _open(fresh_db, tmp_path, "small.db"), _open(fresh_db, tmp_path, "large.db")
    for db in (small, large):
        if prefill:  # the same earlier records in both, so new ids start at the same place
            bulk.insert_enterprises(db, iter_demo_enterprises(prefill, seed=5))
    a = _import(small, source_file, monkeypatch, bulk_rows=10**9)
    b = _import(large, source_file, monkeypatch, bulk_rows=1)
    assert (a.created, b.created) == (240, 240)
    assert (a.loads, b.loads) == ([], [prefill == 0])  # small path; bulk path, indexes rebuilt into an empty table
    assert _records(large) == _records(small)
    assert _audit(large) == _audit(small) and len(_audit(large)) == 240
    assert audit.verify_chain(large).ok and audit.verify_chain(small).ok
    assert _searches(large) == _searches(small)
    assert any(_searches(large).values())
    assert _schema(large) == _schema(small)  # every index and search trigger is back
    with large.engine.connect() as conn:
        conn.exec_driver_sql(
            f"INSERT INTO {sqlite_search.INDEX}({sqlite_search.INDEX}, rank) VALUES ('integrity-check', 0)"
        )
    # The triggers work again after the load: a record created afterwards is found at once.
    new = enterprises.create(
        large, Actor("li"), {"name": "台州椒江琥珀光谱测试有限公司", "enterprise_type": "生产企业"}
    )
    assert ENTERPRISE_LISTING.ids(large, ListQuery(search="琥珀光谱")) == [new["id"]]
    small.dispose()
    large.dispose()


def test_bulk_import_with_updates_matches_the_small_path(tmp_path, source_file, monkeypatch, fresh_db):
    """Duplicates updated in the same import: field-level entries after the create entries, on both paths."""
    small, large = _open(fresh_db, tmp_path, "small.db"), _open(fresh_db, tmp_path, "large.db")
    for db in (small, large):
        _import(db, source_file, monkeypatch, bulk_rows=10**9)
        first = enterprises.search(db, limit=1)[0]
        enterprises.update(db, Actor("li"), first["id"], {"contact_name": "岳不群"}, expected_version=1)
        enterprises.delete(db, Actor("li"), enterprises.search(db, limit=2)[1]["id"], expected_version=1, reason="测试")
    a = _import(small, source_file, monkeypatch, bulk_rows=10**9, on_duplicate="update")
    b = _import(large, source_file, monkeypatch, bulk_rows=1, on_duplicate="update")
    assert (a.created, a.updated, a.unchanged) == (b.created, b.updated, b.unchanged) == (1, 1, 238)
    assert (a.loads, b.loads) == ([], [False])
    assert _records(large) == _records(small)
    assert _audit(large) == _audit(small)
    assert audit.verify_chain(large).ok
    assert _searches(large) == _searches(small)
    small.dispose()
    large.dispose()


def test_a_failing_bulk_import_leaves_nothing_behind(tmp_path, source_file, monkeypatch, db):
    """A failure after the load (here: while hashing the audit entries) rolls back rows, DDL and triggers."""
    before = _schema(db)
    monkeypatch.setattr(excel_import, "BULK_ROWS", 1)

    def broken(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(audit, "created", broken)
    with pytest.raises(RuntimeError):
        excel_import.import_enterprises(db, Actor("wang"), source_file)
    assert enterprises.search(db) == []
    assert _schema(db) == before
    assert audit.verify_chain(db).ok


def test_garbage_collection_is_paused_only_while_importing():
    import gc

    from jjdesk.services.imports.common import gc_paused

    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # someone else's choice is left alone
    finally:
        gc.enable()
