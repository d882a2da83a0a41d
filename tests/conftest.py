"""Shared fixtures: a migrated SQLite file per test (a copy of one template), demo data, actors, record factories.

Migrating a new file through every Alembic revision costs a fifth of a second; copying a file already migrated
costs a hundredth. So each run migrates one template (and loads each demo variant once) and every test gets its
own copy of the file, opened through :func:`open_database` like any other. Tests about migrating and backing up
(tests/store/test_migrate.py) migrate their own files from scratch and do not use these fixtures.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from jjdesk.config import sqlite_path
from jjdesk.services.core.actor import SYSTEM, Actor
from jjdesk.services.demo import load
from jjdesk.services.families.codes import make_credit_code
from jjdesk.store.engine import Database
from jjdesk.store.migrate import current_revision, head_revision, open_database

SIDE_FILES = ("-wal", "-shm", "-journal")


def _table_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("select name from sqlite_master where type = 'table' order by name")]
        return {name: con.execute(f'select count(*) from "{name}"').fetchone()[0] for name in names}
    finally:
        con.close()


class Templates:
    """Database files made once per run: the freshly migrated one, and the demo data loaded into it per variant.

    A template is closed with ``engine.dispose()`` only — not ``Database.dispose()``, whose ``PRAGMA optimize``
    would add planner statistics a fresh database does not have — and is copied only once SQLite has
    checkpointed it: no write-ahead log left beside it, so the one file holds everything.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._made: dict[tuple, tuple[Path, load.DemoSummary | None]] = {}
        self._empty_counts: dict[str, int] | None = None

    def _make(self, key: tuple, name: str, fill) -> tuple[Path, load.DemoSummary | None]:
        if key not in self._made:
            path = self.folder / name
            database = open_database(f"sqlite:///{path}")
            try:
                summary = fill(database)
            finally:
                database.engine.dispose()
            leftovers = [s for s in SIDE_FILES if path.with_name(path.name + s).exists()]
            assert not leftovers, f"template {name} not checkpointed: {leftovers}"
            con = sqlite3.connect(path)
            try:
                assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
            finally:
                con.close()
            self._made[key] = (path, summary)
        return self._made[key]

    def empty(self) -> Path:
        return self._make(("empty",), "empty.db", lambda _db: None)[0]

    def empty_counts(self) -> dict[str, int]:
        if self._empty_counts is None:
            self._empty_counts = _table_counts(self.empty())
        return self._empty_counts

    def demo(self, generated: int, actor: Actor) -> tuple[Path, load.DemoSummary]:
        def fill(database):
            return load.load_demo(database, generated=generated, actor=actor)

        path, summary = self._make(("demo", generated, actor), f"demo-{generated}-{actor.name}-{actor.role}.db", fill)
        assert summary is not None
        return path, summary


def copy_database(source: Path, target: Path) -> None:
    """Copy a closed template to ``target`` (which must not be open), leaving no stale log of an older file."""
    for suffix in SIDE_FILES:
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, target)


@pytest.fixture(scope="session")
def db_templates(tmp_path_factory) -> Templates:
    return Templates(tmp_path_factory.mktemp("db-templates"))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "jjdesk.db"


@pytest.fixture
def fresh_db(db_templates):
    """``fresh_db(path)``: a new, migrated database at ``path`` (a copy of the template), closed after the test."""
    opened: list[Database] = []

    def make(path: Path) -> Database:
        path.parent.mkdir(parents=True, exist_ok=True)
        assert not path.exists(), f"{path} exists already"
        copy_database(db_templates.empty(), path)
        database = open_database(f"sqlite:///{path}")
        opened.append(database)
        return database

    yield make
    for database in opened:
        database.dispose()


@pytest.fixture
def db(db_path, fresh_db):
    return fresh_db(db_path)


@pytest.fixture
def demo_data(db_templates):
    """``demo_data(db, generated=…, actor=…)``: what ``load.load_demo`` puts into an empty ``db``, from a template.

    The demo variant is loaded once per run; each call copies it over ``db``'s file, which must still be exactly
    as fresh (every table as in the template: nothing the copy could overwrite), and ``db`` stays the same
    object, so fixtures and widgets holding it see the demo data. Returns the same summary ``load_demo`` does.
    """

    def load_copy(db: Database, generated: int = 300, actor: Actor = SYSTEM) -> load.DemoSummary:
        path = sqlite_path(db.url)
        assert path is not None
        if load.has_data(db):  # as load_demo itself refuses
            raise ValueError("数据库中已有数据，演示数据只能载入空的数据库。")
        template, summary = db_templates.demo(generated, actor)
        db.engine.dispose()  # every connection closed: SQLite checkpoints and removes the log
        assert _table_counts(path) == db_templates.empty_counts(), "demo_data(db) needs an untouched database"
        copy_database(template, path)
        assert current_revision(db) == head_revision()
        return summary

    return load_copy


@pytest.fixture
def clerk():
    return Actor("lihua", "entry")


@pytest.fixture
def reviewer():
    return Actor("wangjun", "reviewer")


@pytest.fixture
def enterprise_values():
    """Valid enterprise input, a fresh credit code per call."""
    counter = iter(range(10_000_000, 99_999_999))

    def make(**overrides):
        values = {
            "name": f"台州测试进出口有限公司{next(counter)}",
            "credit_code": make_credit_code(f"{next(counter):08d}"),
            "enterprise_type": "外贸公司",
            "cluster": "家电",
            "join_date": "2020-06-01",
            "services": ["通关", "退税"],
            "channels": "亚马逊、速卖通",
            "contact_name": "林晓",
            "mobile": "13857600001",
            "export_value": "289.84",
        }
        values.update(overrides)
        return values

    return make
