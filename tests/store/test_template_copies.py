"""The ``db`` and ``demo_data`` fixtures (tests/conftest.py) hand out copies of template files: each copy must be
what a fresh migration (and a fresh ``load_demo``) gives — same schema, revision, triggers, audit head and rows —
and every test's copy its own file."""

from __future__ import annotations

import re
import sqlite3

from jjdesk.services.core import audit
from jjdesk.services.core.actor import SYSTEM
from jjdesk.services.demo import load
from jjdesk.store.migrate import current_revision, head_revision, open_database

TIMESTAMP = re.compile(r"'\d{4}-\d\d-\d\d[ T][0-9:.+]+'")
HASH = re.compile(r"'[0-9a-f]{64}'")


def _contents(path) -> tuple[dict, list[str]]:
    """File settings, and every statement of a dump with times and the hashes made from them blanked, sorted
    (two fresh migrations create some indexes in a different order)."""
    con = sqlite3.connect(path)
    try:
        settings = {p: con.execute(f"pragma {p}").fetchall() for p in ("journal_mode", "user_version", "page_size")}
        dump = sorted(HASH.sub("'H'", TIMESTAMP.sub("'T'", line)) for line in con.iterdump())
    finally:
        con.close()
    return settings, dump


def _fresh(path, generated=None):
    database = open_database(f"sqlite:///{path}")
    try:
        if generated is not None:
            load.load_demo(database, generated=generated, actor=SYSTEM)
    finally:
        database.engine.dispose()
    return path


def test_the_db_fixture_is_a_fresh_migration(db, db_path, tmp_path):
    assert db.url == f"sqlite:///{db_path}" and current_revision(db) == head_revision()
    assert audit.verify_chain(db).ok
    db.engine.dispose()
    copy = _contents(db_path)
    assert copy == _contents(_fresh(tmp_path / "fresh.db"))
    assert copy[0]["journal_mode"] == [("wal",)]
    assert not any("sqlite_stat" in line for line in copy[1])  # no planner statistics a fresh file lacks


def test_demo_data_is_what_load_demo_gives(db, db_path, tmp_path, demo_data):
    summary = demo_data(db, generated=20, actor=SYSTEM)
    assert summary == load.DemoSummary(25, 9, len(load.FIGURES))
    assert audit.verify_chain(db).ok
    db.engine.dispose()
    assert _contents(db_path) == _contents(_fresh(tmp_path / "fresh.db", generated=20))


def test_every_test_gets_its_own_copy(db, db_path, fresh_db, tmp_path, clerk, enterprise_values):
    from jjdesk.services.records import enterprises

    assert not load.has_data(db)  # though the test before filled its copy with the demo
    other = fresh_db(tmp_path / "other.db")
    enterprises.create(db, clerk, enterprise_values())
    assert len(enterprises.search(db)) == 1 and enterprises.search(other) == []
