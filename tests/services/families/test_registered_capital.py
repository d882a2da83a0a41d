"""注册资本 (migration 0007), added through the family declaration alone, end to end: stored exactly, refused
with the field's name, in 修改记录, in the export and back through the import, in the meeting pack's 变动情况 —
and a pack made before it existed still compares unchanged."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import ValidationFailed
from jjdesk.services.exports import lists, meeting_pack
from jjdesk.services.imports import enterprises as enterprise_import
from jjdesk.services.records import enterprises
from jjdesk.services.review import history
from jjdesk.store.migrate import open_database
from tests.services.excel_helpers import write_xlsx

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "schema"


def test_stored_exactly_and_refused_by_name(db, clerk, enterprise_values):
    e = enterprises.create(db, clerk, enterprise_values(registered_capital="1289.84"))
    assert enterprises.get(db, e["id"])["registered_capital"] == Decimal("1289.84")
    assert enterprises.create(db, clerk, enterprise_values())["registered_capital"] is None
    for bad, words in (("-5", "注册资本"), ("12.345", "注册资本"), ("一百万", "注册资本")):
        with pytest.raises(ValidationFailed) as refused:
            enterprises.create(db, clerk, enterprise_values(registered_capital=bad))
        assert [err.field for err in refused.value.errors] == ["registered_capital"]
        assert words in str(refused.value)


def test_a_change_reads_in_the_change_history(db, clerk, enterprise_values):
    e = enterprises.create(db, clerk, enterprise_values(registered_capital="500"))
    enterprises.update(db, clerk, e["id"], {"registered_capital": "800.5"}, expected_version=1, reason="增资")
    rows = history.record_history(db, "enterprise", e["id"])
    assert "注册资本：500" in rows[0].new
    assert [(r.field_label, r.old, r.new, r.reason) for r in rows[1:]] == [("注册资本", "500", "800.5", "增资")]


def test_exported_as_money_and_imported_back(db, clerk, enterprise_values, tmp_path, fresh_db):
    enterprises.create(db, clerk, enterprise_values(name="台州资本测试有限公司", registered_capital="2000.5"))
    out = lists.export_enterprises(db, tmp_path / "e.xlsx").path
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[3]]
    cell = ws.cell(4, header.index("注册资本（万元）") + 1)
    assert cell.value == 2000.5 and cell.number_format == "#,##0.00"
    other = fresh_db(tmp_path / "other.db")
    assert enterprise_import.import_enterprises(other, Actor("wang"), out).created == 1
    assert enterprises.search(other)[0]["registered_capital"] == Decimal("2000.5")


def test_an_officers_own_header_is_recognised_and_a_foreign_unit_refused(db, tmp_path):
    rows = [["企业名称", "企业类型", "注册资金（万元）"], ["台州资金测试有限公司", "外贸公司", "300"]]
    result = enterprise_import.import_enterprises(db, Actor("li"), write_xlsx(tmp_path / "own.xlsx", rows))
    assert result.ok and enterprises.search(db)[0]["registered_capital"] == Decimal("300")
    rows[0][2], rows[1][0] = "注册资本(万美元)", "台州美元测试有限公司"
    refused = enterprise_import.import_enterprises(db, Actor("li"), write_xlsx(tmp_path / "usd.xlsx", rows))
    assert not refused.written and len(enterprises.search(db)) == 1
    assert refused.errors[0].column_letter == "C" and "万美元" in refused.errors[0].message


def _changes(path):
    ws = openpyxl.load_workbook(path)[meeting_pack.CHANGES_SHEET]
    return [r for r in ws.iter_rows(min_row=4, values_only=True) if any(v is not None for v in r)]


def test_the_meeting_pack_shows_it_once_filled_and_nothing_before(db, clerk, enterprise_values, tmp_path, demo_data):
    demo_data(db, generated=0, actor=clerk)
    a = enterprises.create(db, clerk, enterprise_values(name="台州甲资本有限公司"))
    meeting_pack.export_meeting_pack(db, tmp_path / "1.xlsx", year=2021, actor=clerk)
    meeting_pack.export_meeting_pack(db, tmp_path / "2.xlsx", year=2021, actor=clerk)
    assert _changes(tmp_path / "2.xlsx") == [("与上次材料相比没有变动。", None, None, None, None, None)]
    enterprises.update(db, clerk, a["id"], {"registered_capital": "1000"}, expected_version=1)
    meeting_pack.export_meeting_pack(db, tmp_path / "3.xlsx", year=2021, actor=clerk)
    assert _changes(tmp_path / "3.xlsx") == [("新增", "平台企业", "台州甲资本有限公司", "注册资本", None, "1000")]


def test_a_pack_stored_before_the_field_existed_still_compares_unchanged(tmp_path):
    path = tmp_path / "0006.db"
    shutil.copy(FIXTURES / "0006.db", path)
    db = open_database(f"sqlite:///{path}")  # upgraded to 0007: every enterprise's 注册资本 is empty
    try:
        meeting_pack.export_meeting_pack(db, tmp_path / "after.xlsx", year=2021)
        assert _changes(tmp_path / "after.xlsx") == [("与上次材料相比没有变动。", None, None, None, None, None)]
    finally:
        db.dispose()
