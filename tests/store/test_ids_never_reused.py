"""A deleted record's id never passes to a new record (migration 0006: AUTOINCREMENT), so a new enterprise or
initiative never inherits a deleted one's 修改记录, and an upgraded database starts above every id its audit
trail has seen — also of records deleted before the upgrade."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from jjdesk.services.core import audit
from jjdesk.services.demo.enterprises import iter_demo_enterprises
from jjdesk.services.records import enterprises, initiatives
from jjdesk.store import bulk
from jjdesk.store.migrate import open_database, upgrade

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema"


def _actions(db, entity, record_id):
    return [e.action for e in audit.history(db, entity, record_id)]


def test_a_new_enterprise_never_takes_the_id_or_history_of_a_deleted_one(db, clerk):
    enterprises.create(db, clerk, {"name": "台州甲光电有限公司", "enterprise_type": "生产企业"})
    newest = enterprises.create(db, clerk, {"name": "台州乙光电有限公司", "enterprise_type": "生产企业"})
    enterprises.delete(db, clerk, newest["id"], newest["version"], reason="重复录入")
    again = enterprises.create(db, clerk, {"name": "台州丙光电有限公司", "enterprise_type": "外贸公司"})
    assert again["id"] == newest["id"] + 1
    assert _actions(db, "enterprise", again["id"]) == [audit.CREATE]
    assert _actions(db, "enterprise", newest["id"]) == [audit.CREATE, audit.DELETE]
    assert [e["id"] for e in enterprises.search(db, "丙光电")] == [again["id"]]  # search triggers in place


def test_a_new_initiative_never_takes_the_id_of_a_deleted_one(db, clerk):
    first = initiatives.create(db, clerk, {"name": "未来工厂培育", "category": "未来工厂", "status": "推进中"})
    initiatives.delete(db, clerk, first["id"], first["version"], reason="录错")
    second = initiatives.create(db, clerk, {"name": "外综服平台推广", "category": "数字贸易", "status": "推进中"})
    assert second["id"] == first["id"] + 1
    assert _actions(db, "initiative", second["id"]) == [audit.CREATE]


def test_bulk_loads_start_above_deleted_ids(db, clerk):
    bulk.insert_enterprises(db, iter_demo_enterprises(5, seed=3))
    newest = enterprises.create(db, clerk, {"name": "台州丁电器有限公司", "enterprise_type": "生产企业"})
    enterprises.delete(db, clerk, newest["id"], newest["version"])
    bulk.insert_enterprises(db, iter_demo_enterprises(3, seed=4))
    ids = sorted(e["id"] for e in enterprises.search(db, limit=100))
    assert ids[-3:] == [newest["id"] + 1, newest["id"] + 2, newest["id"] + 3]


def _create_and_delete_on_old_schema(db, actor, name):
    """What the 0005-era app did, written with only that schema's columns (today's model has more): insert,
    delete, and both audit entries through the live audit chain (its table is unchanged since 0003)."""
    from sqlalchemy import text

    with db.session() as s:
        s.execute(
            text(
                "INSERT INTO enterprise (name, enterprise_type, is_listed, notes, is_demo, review_status, version,"
                " created_by, updated_by) VALUES (:n, '外贸公司', 0, '', 0, 'draft', 1, :u, :u)"
            ),
            {"n": name, "u": actor.name},
        )
        new_id = s.execute(text("SELECT max(id) FROM enterprise")).scalar_one()
        s.execute(text("DELETE FROM enterprise WHERE id = :i"), {"i": new_id})
        values = {"name": name, "enterprise_type": "外贸公司"}
        audit.write(
            s,
            actor.name,
            [audit.created("enterprise", new_id, name, values), audit.deleted("enterprise", new_id, name, values)],
        )
        s.commit()
    return {"id": new_id}


def test_upgrading_starts_above_ids_deleted_before_the_upgrade(tmp_path, clerk):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "0005.db", path)
    old = open_database(f"sqlite:///{path}", migrate=False)  # still schema 0005: ids may be reused here
    gone = _create_and_delete_on_old_schema(old, clerk, "台州戊进出口有限公司")
    con = sqlite3.connect(path)
    tags = con.execute("SELECT count(*) FROM enterprise_service").fetchone()[0]
    links = con.execute("SELECT count(*) FROM initiative_enterprise").fetchone()[0]
    con.close()
    upgrade(old)
    fresh = enterprises.create(old, clerk, {"name": "台州己进出口有限公司", "enterprise_type": "外贸公司"})
    assert fresh["id"] == gone["id"] + 1
    assert _actions(old, "enterprise", fresh["id"]) == [audit.CREATE]
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM enterprise_service").fetchone()[0] == tags  # no cascade on rebuild
    assert con.execute("SELECT count(*) FROM initiative_enterprise").fetchone()[0] == links
    assert "AUTOINCREMENT" in con.execute("SELECT sql FROM sqlite_master WHERE name = 'enterprise'").fetchone()[0]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()
    assert audit.verify_chain(old).ok
    old.dispose()
