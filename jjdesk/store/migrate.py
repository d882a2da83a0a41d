"""Bring a database to the current schema, copying an SQLite file to a timestamped backup first.

Opening a database always goes through :func:`open_database`, so an officer who installs a new version never
runs on an old schema, and a failed migration never costs them their data: the backup sits next to the file.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from jjdesk.config import sqlite_path
from jjdesk.store.engine import Database
from jjdesk.store.sqlite_file import NotALedger, check_ledger_file


class SchemaError(RuntimeError):
    """The database cannot be used by this version of jjdesk (message in Chinese, for the officer)."""


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def scripts_dir() -> Path:
    """The folder of migration scripts, whether installed (jjdesk.migrations) or run from a checkout (db/)."""
    try:
        path = Path(str(resources.files("jjdesk.migrations")))
        if (path / "env.py").exists():
            return path
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[2] / "db"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(scripts_dir()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    return _head(ScriptDirectory.from_config(alembic_config("sqlite://")))


def _head(script: ScriptDirectory) -> str:
    head = script.get_current_head()
    assert head is not None, "no migration scripts found"
    return head


def is_known_revision(revision: str) -> bool:
    """Whether this version of jjdesk knows schema ``revision`` (a newer program's database cannot be used)."""
    return revision in {
        rev.revision for rev in ScriptDirectory.from_config(alembic_config("sqlite://")).walk_revisions()
    }


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(path: Path, label: str) -> Path:
    """Copy a live SQLite file (WAL included) with SQLite's own backup API, into ``<name>.<time>.<label>.bak``."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{stamp}.{label}.bak{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.{stamp}-{n}.{label}.bak{path.suffix}")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    return target


def upgrade(db: Database, revision: str = "head", backup: bool = True) -> MigrationResult:
    """Migrate ``db`` to ``revision``; back up a non-empty SQLite file first. Raises SchemaError when unusable."""
    script = ScriptDirectory.from_config(alembic_config(db.url))
    before = current_revision(db)
    target = _head(script) if revision == "head" else revision
    known = {rev.revision for rev in script.walk_revisions()}
    if before is not None and before not in known:
        raise SchemaError(f"数据库结构版本 {before} 比本程序新，请升级 jjdesk 后再打开。")
    if before is None and _has_foreign_tables(db):
        raise SchemaError("该文件不是 jjdesk 数据库（含有其他程序的数据表），未作任何修改。")
    if before == target:
        return MigrationResult(before, target, None)

    backup_path = None
    path = sqlite_path(db.url)
    if backup and before is not None and path is not None and path.exists():
        backup_path = backup_sqlite(path, f"before-{target}")
    with db.engine.connect() as conn, _foreign_keys_off(conn), conn.begin():
        cfg = alembic_config(db.url)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        _check_foreign_keys(conn)
    return MigrationResult(before, target, backup_path)


@contextmanager
def _foreign_keys_off(conn) -> Iterator[None]:
    """SQLite: foreign keys off while migrating, as SQLite's own procedure for rebuilding a table asks.

    Rebuilding a parent table (copy, drop, rename) with them on would make the DROP delete its rows first — and
    with them, through ON DELETE CASCADE, every child row. The pragma only takes effect outside a transaction,
    so it is set on the driver's connection before the migration's transaction begins, and set back after.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection.driver_connection
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(conn) -> None:
    """Refuse (roll back) a migration that left a row pointing at nothing (checked while keys were off)."""
    if conn.dialect.name != "sqlite":
        return
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = "、".join(sorted({row[0] for row in broken}))
        raise SchemaError(f"数据库升级后发现{len(broken)}行数据的关联记录缺失（{tables}），已撤销升级，数据未改动。")


def _has_foreign_tables(db: Database) -> bool:
    names = set(inspect(db.engine).get_table_names())
    return bool(names - {"alembic_version"})


def open_database(url: str, migrate: bool = True, *, may_initialise: bool = False) -> Database:
    """Open the database at ``url`` and bring its schema up to date (with a backup when it changes).

    An SQLite file is judged first, read-only (``sqlite_file.check_ledger_file``): an empty, damaged, foreign or
    newer file is refused with :class:`SchemaError` before anything is written to it; an empty file becomes a
    ledger only with ``may_initialise`` (``jjdesk init``)."""
    path = sqlite_path(url)
    if path is not None:
        script = ScriptDirectory.from_config(alembic_config(url))
        try:
            check_ledger_file(path, {rev.revision for rev in script.walk_revisions()}, may_initialise=may_initialise)
        except NotALedger as exc:
            raise SchemaError(str(exc)) from None
    db = Database(url)
    if migrate:
        try:
            upgrade(db)
        except BaseException:
            db.dispose()
            raise
    return db


def _revision_main(argv: list[str]) -> None:
    """Developer entry: autogenerate a new revision against a scratch database at head."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m jjdesk.store.migrate")
    sub = parser.add_subparsers(dest="cmd", required=True)
    rev = sub.add_parser("revision")
    rev.add_argument("-m", "--message", required=True)
    rev.add_argument("--rev-id")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/scratch.db"
        db = Database(url)
        if script_has_revisions():
            upgrade(db, backup=False)
        with db.engine.begin() as conn:
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=args.message, autogenerate=True, rev_id=args.rev_id)
        db.dispose()


def script_has_revisions() -> bool:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head() is not None


if __name__ == "__main__":
    _revision_main(sys.argv[1:])
