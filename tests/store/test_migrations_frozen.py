"""Migrations are frozen history (issue 15): a script never imports the app, so a later change to jjdesk cannot
change what an old migration does; every revision still builds the schema of its committed fixture; every
downgrade undoes its upgrade; and an upgrade that leaves a row pointing at nothing is refused and rolled back."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from jjdesk.store import migrate
from jjdesk.store.engine import Database
from jjdesk.store.migrate import SchemaError, alembic_config, current_revision, head_revision, open_database, upgrade
from tests.store.test_migrate import FIXTURES, _revisions

SCRIPTS = Path(__file__).resolve().parents[2] / "db"
VERSIONS = sorted((SCRIPTS / "versions").glob("[0-9]*.py"))

# The tables of the first revision: every later downgrade must keep their rows.
FIRST_TABLES = (
    "app_user",
    "audit_log",
    "enterprise",
    "initiative",
    "stat_indicator",
    "stat_year",
    "enterprise_channel",
    "enterprise_service",
    "initiative_enterprise",
    "initiative_indicator",
    "milestone",
    "stat_value",
    "stat_revision",
)


# ---------------------------------------------------------------- no script imports the app


def _app_imports(source: str) -> list[str]:
    """The modules of jjdesk that ``source`` imports, in any form: import, from-import, relative import (inside
    the installed package jjdesk.migrations), ``__import__`` or ``importlib.import_module`` with a literal name."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = ["." * node.level + (node.module or "")]
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            names = [node.args[0].value]
        else:
            continue
        found += [n for n in names if n.startswith(".") or n == "jjdesk" or n.startswith("jjdesk.")]
    return found


@pytest.mark.parametrize(
    "source",
    [
        "import jjdesk.store.types",
        "import sqlalchemy as sa, jjdesk",
        "from jjdesk.store import sqlite_search",
        "from . import helpers",
        "def upgrade():\n    from jjdesk.store.name_key import name_key\n",
        "import importlib\nimportlib.import_module('jjdesk.store.name_key')",
        "__import__('jjdesk.store.types')",
    ],
)
def test_the_import_check_sees_every_form_of_import(source):
    assert _app_imports(source)


def test_the_import_check_ignores_the_app_named_in_words():
    source = '"""Copied from jjdesk.store.name_key."""\nimport sqlalchemy as sa  # jjdesk.store.types\nx = "jjdesk"\n'
    assert _app_imports(source) == []


@pytest.mark.parametrize("script", VERSIONS, ids=lambda p: p.stem)
def test_no_migration_imports_the_app(script):
    assert _app_imports(script.read_text(encoding="utf-8")) == [], (
        f"{script.name} imports the live app: copy what it needs into the script, as it is today"
    )


def test_new_scripts_start_without_the_app():
    template = (SCRIPTS / "script.py.mako").read_text(encoding="utf-8")
    imports = [line for line in template.splitlines() if line.startswith(("import ", "from "))]
    assert imports and not [line for line in imports if "jjdesk" in line]


def _scripts_copy(tmp_path, monkeypatch) -> Path:
    """A copy of db/ that jjdesk.store.migrate runs instead of the real one (for scripts made by a test)."""
    copy = tmp_path / "db"
    shutil.copytree(SCRIPTS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "scripts_dir", lambda: copy)
    return copy


def _autogenerate(db: Database, rev_id: str) -> str:
    with db.engine.begin() as conn:
        cfg = alembic_config(db.url)
        cfg.attributes["connection"] = conn
        script = command.revision(cfg, message="probe", autogenerate=True, rev_id=rev_id)
    path = Path(script.path)
    source = path.read_text(encoding="utf-8")
    path.unlink()  # not a revision to keep: the database stays at head for the next probe
    return source


def _upgrade_body(source: str) -> list[str]:
    upgrade_fn = next(n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == "upgrade")
    return [ast.unparse(statement) for statement in upgrade_fn.body]


def test_autogenerate_writes_plain_types_and_leaves_the_search_index_alone(tmp_path, monkeypatch):
    _scripts_copy(tmp_path, monkeypatch)
    db = Database(f"sqlite:///{tmp_path / 'scratch.db'}")
    upgrade(db, backup=False)
    # At head the models and the migrations agree, and env.py keeps autogenerate off the FTS5 tables.
    assert _upgrade_body(_autogenerate(db, "0901")) == ["pass"]
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE stat_revision DROP COLUMN growth")
    script = _autogenerate(db, "0902")
    db.dispose()
    assert _app_imports(script) == []
    assert (
        "add_column(sa.Column('growth', sa.Numeric(precision=18, scale=4).with_variant(sa.BigInteger(), "
        "'sqlite'), nullable=True))"
    ) in script


# ---------------------------------------------------------------- what the scripts build


def _schema(path: Path) -> list[tuple]:
    """Every schema object as SQLite stores it (type, name, table, SQL text), in name order: a rebuilt table's
    indexes come back in no fixed order, so the order in sqlite_master is not compared."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(
            con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(),
            key=lambda row: (row[0], row[1]),
        )
    finally:
        con.close()


def _structure(path: Path) -> dict[tuple[str, str], object]:
    """The schema as SQLite uses it: ordinary tables by their columns, keys, indexes and AUTOINCREMENT (a table
    rebuilt by a batch migration is the same table in different CREATE TABLE words), everything else by its SQL.
    sqlite_sequence is left out: SQLite makes it for the first AUTOINCREMENT table and never lets it be dropped."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found: dict[tuple[str, str], object] = {}
        for kind, name, sql in con.execute("SELECT type, name, sql FROM sqlite_master WHERE name != 'sqlite_sequence'"):
            if kind == "table" and sql.startswith("CREATE TABLE"):
                indexes = sorted(
                    (row[1], row[2], row[3], row[4], tuple(con.execute(f"PRAGMA index_xinfo('{row[1]}')").fetchall()))
                    for row in con.execute(f"PRAGMA index_list('{name}')")
                )
                found[kind, name] = (
                    con.execute(f"PRAGMA table_xinfo('{name}')").fetchall(),
                    sorted(row[1:] for row in con.execute(f"PRAGMA foreign_key_list('{name}')")),
                    indexes,
                    "AUTOINCREMENT" in sql.upper(),
                )
            else:
                found[kind, name] = sql
        return found
    finally:
        con.close()


def _migrated(path: Path, revision: str) -> Path:
    db = Database(f"sqlite:///{path}")
    upgrade(db, revision=revision, backup=False)
    db.dispose()
    return path


def _downgrade(db: Database, revision: str) -> None:
    """Downgrade as :func:`jjdesk.store.migrate.upgrade` upgrades: foreign keys off, one transaction, and the
    foreign-key check before it commits."""
    with db.engine.connect() as conn, migrate._foreign_keys_off(conn), conn.begin():
        cfg = alembic_config(db.url)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
        migrate._check_foreign_keys(conn)


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.db")), ids=lambda p: p.stem)
def test_each_revision_still_builds_the_schema_of_its_committed_fixture(tmp_path, fixture):
    """The fixtures were made when their revision was new: a script that builds anything else has changed
    history (the same tables, columns, types, indexes, triggers, in the same words)."""
    assert _schema(_migrated(tmp_path / "fresh.db", fixture.stem)) == _schema(fixture)


def test_every_downgrade_undoes_its_upgrade(tmp_path):
    revisions = _revisions()
    built = {rev: _structure(_migrated(tmp_path / f"{rev}.db", rev)) for rev in revisions}
    path = tmp_path / "roundtrip.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db, backup=False)
    first = _schema(path)
    for below in [*reversed(revisions[:-1]), None]:
        _downgrade(db, below or "base")
        assert current_revision(db) == below
        if below is None:
            assert set(_structure(path)) == {
                ("table", "alembic_version"),
                ("index", "sqlite_autoindex_alembic_version_1"),
            }
        else:
            assert _structure(path) == built[below], f"downgrade to {below} left a different schema"
    upgrade(db, backup=False)
    db.dispose()
    assert _schema(path) == first


def _rows(path: Path, table: str, columns: list[str] | None = None) -> list[tuple]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cols = ", ".join(columns) if columns else "*"
        return con.execute(f"SELECT {cols} FROM {table} ORDER BY rowid").fetchall()
    finally:
        con.close()


def _columns(path: Path, table: str) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[1] for row in con.execute(f"PRAGMA table_info('{table}')")]
    finally:
        con.close()


def test_downgrades_keep_the_rows_of_the_tables_they_keep(tmp_path):
    """The committed database of the newest schema, with the demo data, down to the first revision and back."""
    revisions = _revisions()
    original = FIXTURES / f"{revisions[-1]}.db"
    path = tmp_path / original.name
    shutil.copy(original, path)
    db = Database(f"sqlite:///{path}")
    for below in reversed(revisions[:-1]):
        _downgrade(db, below)  # each step passes the foreign-key check
    assert current_revision(db) == revisions[0]
    assert _rows(path, "enterprise") and _rows(path, "enterprise_service") and _rows(path, "audit_log")
    for table in FIRST_TABLES:
        assert _rows(path, table) == _rows(original, table, _columns(path, table)), table
    upgrade(db, backup=False)
    db.dispose()
    for table in (*FIRST_TABLES, "sqlite_sequence", "enterprise_search_terms"):
        assert _rows(path, table) == _rows(original, table), table  # name keys and search index rebuilt alike


def _script(revision: str):
    """The migration script of ``revision`` as a module, loaded from its file as Alembic loads it."""
    path = next(p for p in VERSIONS if p.name.startswith(f"{revision}_"))
    spec = importlib.util.spec_from_file_location(f"_migration_{revision}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("台州市海澄进出口有限公司", "海澄进出口"),
        ("浙江海澄进出口（有限）公司", "海澄进出口"),
        ("浙江台州【海澄】进出口有限责任公司", "海澄进出口"),
        ("中国浙江省台州市椒江区 水晶·光电 股份有限公司", "水晶光电"),
        ("ＡＢＣ科技集团有限公司", "abc科技"),
        ("Jack Technology Co., Ltd.", "jacktechnologycoltd"),
        ("椒江缝制设备厂", "缝制设备"),
        ("台州集团有限公司分公司", "集团"),
        ("有限公司台州海澄厂", "有限公司台州海澄"),
        ("台州公司", "公司"),
        ("厂", "厂"),
        ("  ", ""),
        (None, ""),
    ],
)
def test_migration_0005_keeps_the_name_key_it_was_written_with(name, key):
    """0005 filled the key of existing rows with the key of its day; its copy must go on giving exactly that,
    whatever the live jjdesk.store.name_key becomes."""
    assert _script("0005").name_key(name) == key


def test_upgrading_the_committed_0004_database_writes_the_keys_of_the_committed_0005_one(tmp_path):
    path = tmp_path / "0004.db"
    shutil.copy(FIXTURES / "0004.db", path)
    _migrated(path, "0005")
    keys = _rows(path, "enterprise", ["id", "name", "name_key"])
    assert keys and keys == _rows(FIXTURES / "0005.db", "enterprise", ["id", "name", "name_key"])


# ---------------------------------------------------------------- the foreign-key check before commit


def _dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_an_upgrade_over_a_dangling_reference_is_refused_and_changes_nothing(tmp_path):
    """A row that points at nothing (written with foreign keys off): the rebuild of enterprise in the last
    revision would carry it over, so the upgrade is rolled back, the file keeps its schema and data, and the
    backup taken before the attempt is there."""
    revisions = _revisions()
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / f"{revisions[-2]}.db", path)
    con = sqlite3.connect(path)
    con.execute("INSERT INTO enterprise_service (enterprise_id, service) VALUES (999999, '通关')")
    con.commit()
    con.close()
    before = _dump(path)
    with pytest.raises(SchemaError, match=r"1行数据的关联记录缺失（enterprise_service），已撤销升级"):
        open_database(f"sqlite:///{path}")
    assert _dump(path) == before
    backups = list(tmp_path.glob(f"old.*.before-{revisions[-1]}.bak.db"))
    assert len(backups) == 1 and _dump(backups[0]) == before


DANGLING = '''"""test: delete an enterprise but not its service tags (foreign keys are off while migrating)"""

from alembic import op
import sqlalchemy as sa

revision = '0999'
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('probe', sa.Column('id', sa.Integer(), primary_key=True))
    op.execute("DELETE FROM enterprise WHERE id = (SELECT min(enterprise_id) FROM enterprise_service WHERE "
               "enterprise_id NOT IN (SELECT enterprise_id FROM enterprise_channel UNION "
               "SELECT enterprise_id FROM initiative_enterprise))")


def downgrade() -> None:
    op.drop_table('probe')
'''


def test_a_migration_that_leaves_a_dangling_reference_is_rolled_back(tmp_path, monkeypatch):
    scripts = _scripts_copy(tmp_path, monkeypatch)
    head = head_revision()
    (scripts / "versions" / "0999_dangling.py").write_text(DANGLING.format(head=head), encoding="utf-8")
    path = tmp_path / "current.db"
    shutil.copy(FIXTURES / f"{head}.db", path)
    before = _dump(path)
    with pytest.raises(SchemaError, match=r"行数据的关联记录缺失（enterprise_service），已撤销升级"):
        open_database(f"sqlite:///{path}")
    after = _dump(path)
    assert after == before  # the new table, the deletion and the version stamp all rolled back
    assert _rows(path, "alembic_version") == [(head,)]
    assert len(list(tmp_path.glob("current.*.before-0999.bak.db"))) == 1
