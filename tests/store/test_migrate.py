"""Migrations: a database made by any earlier schema opens, upgrades, keeps its data, and is backed up first."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from jjdesk.store.engine import Database
from jjdesk.store.migrate import (
    SchemaError,
    alembic_config,
    current_revision,
    head_revision,
    open_database,
    upgrade,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema"


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_new_database_is_created_at_head_without_backup(db_path):
    db = open_database(f"sqlite:///{db_path}")
    assert current_revision(db) == head_revision()
    db.dispose()
    assert list(db_path.parent.glob("*.bak*")) == []


def test_first_revision_filled_then_upgraded_keeps_everything(db_path):
    first = _revisions()[0]
    db = Database(f"sqlite:///{db_path}")
    upgrade(db, revision=first, backup=False)
    con = sqlite3.connect(db_path)
    con.execute(
        "insert into enterprise (id, name, credit_code, enterprise_type, export_value, review_status,"
        " created_by, updated_by, version, is_listed, notes, is_demo)"
        " values (1, '台州海澄进出口有限公司', '91331002123456788L', '外贸公司', 2898400, 'draft',"
        " 'a', 'a', 1, 0, '', 0)"
    )
    con.execute("insert into enterprise_service values (1, '通关')")
    con.commit()
    con.close()
    result = upgrade(db)
    assert result.to_revision == head_revision()
    if result.changed:
        assert result.backup is not None and result.backup.exists()
    con = sqlite3.connect(db_path)
    assert con.execute("select name, export_value from enterprise").fetchall() == [("台州海澄进出口有限公司", 2898400)]
    assert con.execute("select service from enterprise_service").fetchall() == [("通关",)]
    db.dispose()


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.db")), ids=lambda p: p.stem)
def test_committed_database_of_each_schema_version_upgrades(tmp_path, fixture):
    """Each file in tests/fixtures/schema was made by the schema it is named after, with the demo data."""
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    before = sqlite3.connect(path)
    counts = {
        t: before.execute(f"select count(*) from {t}").fetchone()[0]
        for t in (
            "enterprise",
            "enterprise_service",
            "enterprise_channel",
            "initiative",
            "initiative_enterprise",
            "milestone",
            "stat_value",
            "audit_log",
        )
    }
    total = before.execute("select export_value from enterprise where name = '杰克科技股份有限公司'").fetchone()
    before.close()
    db = open_database(f"sqlite:///{path}")
    assert current_revision(db) == head_revision()
    if fixture.stem != head_revision():
        assert len(list(tmp_path.glob("*.bak.db"))) == 1
    with db.session() as s:
        from sqlalchemy import text

        for table, n in counts.items():
            assert s.execute(text(f"select count(*) from {table}")).scalar_one() == n
        from jjdesk.services.records import statistics

        assert str(statistics.get_value(db, "WM", 2020)["value"]) == "289.84"
        assert s.execute(text("select export_value from enterprise where name = '杰克科技股份有限公司'")).one() == total
    from jjdesk.services.core import audit

    assert audit.verify_chain(db).ok
    db.dispose()


def test_upgrade_backs_up_before_changing(tmp_path):
    revisions = _revisions()
    if len(revisions) < 2:
        pytest.skip("only one schema revision so far: nothing to upgrade from")
    path = tmp_path / "old.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db, revision=revisions[-2], backup=False)
    result = upgrade(db)
    assert result.backup is not None and result.backup.exists()
    con = sqlite3.connect(result.backup)
    assert con.execute("select version_num from alembic_version").fetchone()[0] == revisions[-2]
    db.dispose()


def test_foreign_or_newer_database_is_refused_untouched(tmp_path):
    foreign = tmp_path / "other.db"
    con = sqlite3.connect(foreign)
    con.execute("create table customers (id integer)")
    con.commit()
    con.close()
    with pytest.raises(SchemaError, match="不是 jjdesk 数据库"):
        open_database(f"sqlite:///{foreign}")
    newer = tmp_path / "newer.db"
    open_database(f"sqlite:///{newer}").dispose()
    con = sqlite3.connect(newer)
    con.execute("update alembic_version set version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(SchemaError, match="比本程序新"):
        open_database(f"sqlite:///{newer}")
