"""The stored name key: the same on every write path, filled by migration 0005, and what the near-duplicate
rule looks up through its index."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import openpyxl

from jjdesk.services.demo.enterprises import generate_demo_enterprises
from jjdesk.services.imports import enterprises as excel_import
from jjdesk.services.records import enterprises
from jjdesk.services.review import checks
from jjdesk.store import bulk
from jjdesk.store.migrate import open_database
from jjdesk.store.name_key import name_key

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema"


def _stored(db_path) -> list[tuple[str, str | None]]:
    with sqlite3.connect(db_path) as con:
        return con.execute("select name, name_key from enterprise order by id").fetchall()


def _consistent(db_path) -> bool:
    rows = _stored(db_path)
    return bool(rows) and all(key == name_key(name) for name, key in rows)


def test_key_drops_places_forms_and_punctuation():
    assert name_key("台州市 海澄进出口（有限）公司") == name_key("浙江海澄进出口有限公司") == "海澄进出口"
    assert name_key("台州丰信卫浴有限公司白云分公司") == "丰信卫浴有限公司白云"  # a branch is not its parent
    assert name_key("ＡＢＣ贸易有限公司") == "abc贸易"
    assert name_key("有限公司") == "有限" and name_key("") == "" and name_key(None) == ""


def test_every_write_path_stores_the_key(db, db_path, clerk, enterprise_values, tmp_path):
    made = enterprises.create(db, clerk, enterprise_values(name="台州市海澄进出口有限公司"))
    enterprises.update(db, clerk, made["id"], {"name": "浙江海澄国际贸易有限公司"}, made["version"])
    enterprises.create_many(db, clerk, [enterprise_values(name=f"椒江批量{i}有限公司") for i in range(3)])
    bulk.insert_enterprises(db, generate_demo_enterprises(50, seed=7))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["企业名称", "统一社会信用代码", "企业类型", "产业集群", "入驻日期"])
    values = enterprise_values(name="台州导入测试有限公司")
    sheet.append([values["name"], values["credit_code"], "外贸公司", "家电", "2021-03-01"])
    path = tmp_path / "in.xlsx"
    book.save(path)
    result = excel_import.import_enterprises(db, clerk, path)
    assert not result.errors
    assert _consistent(db_path)
    assert ("浙江海澄国际贸易有限公司", "海澄国际贸易") in _stored(db_path)


def test_migration_fills_the_key_of_existing_rows(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "0004.db", path)
    before = sqlite3.connect(path).execute("select count(*) from enterprise").fetchone()[0]
    db = open_database(f"sqlite:///{path}")
    db.dispose()
    assert len(_stored(path)) == before > 0 and _consistent(path)


def test_checking_one_record_finds_its_near_duplicate_through_the_key(db, clerk, enterprise_values, demo_data):
    demo_data(db, generated=20)
    first = enterprises.create(db, clerk, enterprise_values(name="台州市海澄进出口有限公司"))
    second = enterprises.create(db, clerk, enterprise_values(name="浙江海澄进出口（有限）公司"))
    found = checks.check_record(db, "enterprise", second["id"])
    assert [(f.rule, f.id) for f in found if f.rule == "ENT-03"] == [("ENT-03", second["id"])]
    assert not [f for f in checks.check_record(db, "enterprise", first["id"]) if f.rule == "ENT-03"]
    report = checks.run_checks(db)
    assert [(f.rule, f.id) for f in report.findings if f.rule == "ENT-03"] == [("ENT-03", second["id"])]


def test_a_large_import_takes_the_bulk_path_and_stores_the_key(db, db_path, clerk, tmp_path):
    rows = generate_demo_enterprises(excel_import.BULK_ROWS + 5, seed=11)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["企业名称", "统一社会信用代码", "企业类型", "产业集群", "入驻日期"])
    for r in rows:
        sheet.append([r["name"], r["credit_code"], r["enterprise_type"], r.get("cluster"), r.get("join_date")])
    path = tmp_path / "many.xlsx"
    book.save(path)
    result = excel_import.import_enterprises(db, clerk, path)
    assert not result.errors
    assert len(_stored(db_path)) == len(rows) and _consistent(db_path)
