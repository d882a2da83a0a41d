"""Enterprise import: round trip, one bad row, duplicates in each mode, CSV encodings, error report, cancel."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.progress import Cancelled
from jjdesk.services.exports import lists
from jjdesk.services.families.codes import make_credit_code
from jjdesk.services.imports import enterprises as excel_import
from jjdesk.services.imports import sheet_cells
from jjdesk.services.imports.report import MESSAGE_HEADER, write_error_report
from jjdesk.services.records import enterprises
from jjdesk.store import repos
from jjdesk.store.models import AuditEntry, Enterprise
from tests.services.excel_helpers import FORMULA_LOOKING, seed_ledger, write_xlsx

COMPARED = (
    "name",
    "credit_code",
    "customs_code",
    "enterprise_type",
    "cluster",
    "industry_code",
    "join_date",
    "services",
    "channels",
    "contact_name",
    "mobile",
    "landline",
    "export_value",
    "is_listed",
    "stock_code",
    "notes",
)


def _records(db):
    return sorted(({k: e[k] for k in COMPARED} for e in enterprises.search(db, limit=10_000)), key=lambda e: e["name"])


def _count(db, model=Enterprise):
    with db.session() as s:
        return repos.count(s, model)


HEADER = ["企业名称", "统一社会信用代码", "企业类型", "产业集群", "入驻日期", "年出口额（万元）", "手机号码", "备注"]


def _row(n, **kw):
    values = {
        "name": f"台州导入测试有限公司{n}",
        "code": make_credit_code(f"{n:08d}"),
        "type": "外贸公司",
        "cluster": "家电",
        "join": "2021-03-01",
        "export": 289.84,
        "mobile": 13857600001,
        "notes": "",
    }
    values.update(kw)
    return [values[k] for k in ("name", "code", "type", "cluster", "join", "export", "mobile", "notes")]


@pytest.fixture
def other_db(tmp_path, fresh_db):
    return fresh_db(tmp_path / "other.db")


def test_export_then_import_gives_identical_records(db, other_db, enterprise_values, tmp_path):
    seed_ledger(db, enterprise_values)
    out = tmp_path / "e.xlsx"
    lists.export_enterprises(db, out)
    result = excel_import.import_enterprises(other_db, Actor("wang"), out)
    assert result.ok and result.written and result.created == 12
    assert _records(other_db) == _records(db)
    formula_notes = {r["notes"] for r in _records(other_db)} & set(FORMULA_LOOKING)
    assert formula_notes == set(FORMULA_LOOKING)
    # One audit entry per created record, and the chain stays intact.
    assert _count(other_db, AuditEntry) == 12 and audit.verify_chain(other_db).ok
    again = excel_import.import_enterprises(other_db, Actor("wang"), out, on_duplicate="update")
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 12)


def test_valid_file_with_float_noise_and_numeric_phone(db, tmp_path):
    path = write_xlsx(tmp_path / "ok.xlsx", [HEADER, _row(1, export=0.1 + 289.74), _row(2, export=1234.5)])
    result = excel_import.import_enterprises(db, Actor("li"), path)
    assert result.ok and result.created == 2
    rows = {e["name"]: e for e in enterprises.search(db)}
    first = rows["台州导入测试有限公司1"]
    assert first["export_value"] == Decimal("289.84") and first["mobile"] == "13857600001"
    assert first["join_date"].isoformat() == "2021-03-01"


def test_one_bad_row_writes_nothing_and_the_report_marks_it(db, tmp_path):
    path = write_xlsx(
        tmp_path / "bad.xlsx", [["企业名单"], HEADER, _row(1), _row(2, code="91330000753954968X"), _row(3)]
    )
    preview = excel_import.preview_enterprises(db, path)
    result = excel_import.commit_enterprises(db, Actor("li"), preview)
    assert not result.written and _count(db) == 0 and _count(db, AuditEntry) == 0
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error.row, error.column_letter, error.header) == (4, "B", "统一社会信用代码")
    assert str(error).startswith("第4行 B列（统一社会信用代码）：")
    report = write_error_report(tmp_path / "report.xlsx", preview.source, preview.header_row, result.errors)
    ws = openpyxl.load_workbook(report).active
    assert ws["B4"].fill.fgColor.rgb.endswith("FFC7CE") and "校验" in ws["B4"].comment.text + str(error)
    assert ws["B3"].comment is None and ws["B5"].fill.fgColor.rgb != ws["B4"].fill.fgColor.rgb
    assert ws.cell(2, len(HEADER) + 1).value == MESSAGE_HEADER
    assert ws.cell(4, len(HEADER) + 1).value == str(error)


def test_duplicates_in_each_mode(db, tmp_path, enterprise_values):
    actor = Actor("li")
    code = make_credit_code("00000007")
    ent = enterprises.create(db, actor, enterprise_values(name="已登记企业", credit_code=code, mobile="13857600009"))
    path = write_xlsx(tmp_path / "dup.xlsx", [HEADER, _row(7, name="已登记企业新名", code=code), _row(8)])
    stop = excel_import.import_enterprises(db, actor, path, on_duplicate="stop")
    assert not stop.written and _count(db) == 1
    assert stop.errors[0].row == 2 and "已登记为“已登记企业”" in stop.errors[0].message
    skip = excel_import.import_enterprises(db, actor, path, on_duplicate="skip")
    assert skip.written and (skip.created, skip.skipped) == (1, 1)
    assert enterprises.get(db, ent["id"])["name"] == "已登记企业"
    update = excel_import.import_enterprises(db, actor, path, on_duplicate="update")
    assert update.written and (update.created, update.updated) == (0, 1) and update.unchanged == 1
    after = enterprises.get(db, ent["id"])
    assert after["name"] == "已登记企业新名" and after["version"] == 2 and after["mobile"] == "13857600001"
    changed = {e.field for e in audit.history(db, "enterprise", ent["id"]) if e.action == "update"}
    assert {"name", "mobile", "join_date"} <= changed and "export_value" not in changed
    assert audit.verify_chain(db).ok


def test_update_refuses_a_submitted_record(db, tmp_path, enterprise_values):
    code = make_credit_code("00000011")
    ent = enterprises.create(db, Actor("li"), enterprise_values(credit_code=code))
    with db.write() as s:
        s.get(Enterprise, ent["id"]).review_status = "submitted"
    path = write_xlsx(tmp_path / "u.xlsx", [HEADER, _row(11, code=code)])
    result = excel_import.import_enterprises(db, Actor("li"), path, on_duplicate="update")
    assert not result.written and "待审核" in result.errors[0].message


def test_duplicate_within_the_file(db, tmp_path):
    code = make_credit_code("00000021")
    path = write_xlsx(tmp_path / "d.xlsx", [HEADER, _row(21, code=code), _row(22, code=code)])
    result = excel_import.import_enterprises(db, Actor("li"), path)
    assert [(e.row, e.message) for e in result.errors] == [(3, f"{code} 与第2行重复")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_and_synonym_headers(db, tmp_path, encoding):
    code = make_credit_code("00000031")
    text = (
        "公司名称,信用代码,企业性质,集群,出口额(万元),说明\n"
        f'台州椒江眼镜有限公司,{code},生产企业,眼镜,"1,234.50",=1+1\n'
    )
    path = tmp_path / "e.csv"
    path.write_bytes(text.encode(encoding))
    result = excel_import.import_enterprises(db, Actor("li"), path)
    assert result.ok, result.errors
    ent = enterprises.search(db)[0]
    assert (ent["name"], ent["credit_code"], ent["cluster"]) == ("台州椒江眼镜有限公司", code, "眼镜")
    assert ent["export_value"] == Decimal("1234.5") and ent["notes"] == "=1+1"


def test_a_column_in_another_unit_is_refused(db, tmp_path):
    rows = [["企业名称", "企业类型", "出口额（万美元）"], ["台州甲公司", "外贸公司", 12]]
    path = write_xlsx(tmp_path / "usd.xlsx", rows)
    result = excel_import.import_enterprises(db, Actor("li"), path)
    assert not result.written and result.errors[0].column_letter == "C" and "万美元" in result.errors[0].message


def test_dry_run_counts_without_writing(db, tmp_path):
    path = write_xlsx(tmp_path / "ok.xlsx", [HEADER, _row(41), _row(42)])
    result = excel_import.import_enterprises(db, Actor("li"), path, dry_run_only=True)
    assert result.ok and result.created == 2 and not result.written and _count(db) == 0


def test_cancel_during_import_writes_nothing(db, tmp_path):
    path = write_xlsx(tmp_path / "ok.xlsx", [HEADER, *(_row(100 + i) for i in range(30))])
    preview = excel_import.preview_enterprises(db, path)
    with pytest.raises(Cancelled):
        excel_import.commit_enterprises(db, Actor("li"), preview, should_cancel=lambda: True)
    assert _count(db) == 0 and _count(db, AuditEntry) == 0


def test_mapping_chosen_by_the_officer(db, tmp_path):
    path = write_xlsx(
        tmp_path / "m.xlsx", [["单位", "代码", "性质"], ["台州丙公司", make_credit_code("00000051"), "三资企业"]]
    )
    with pytest.raises(Exception, match="没有找到"):
        excel_import.preview_enterprises(db, path)
    pinned = excel_import.preview_enterprises(db, path, header_row=1, mapping={0: "name", 2: "enterprise_type"})
    assert pinned.errors() == [] and pinned.rows[0].values["name"] == "台州丙公司"
    tmp = write_xlsx(
        tmp_path / "m2.xlsx",
        [["企业名称", "信用代码", "性质"], ["台州丙公司", make_credit_code("00000051"), "三资企业"]],
    )
    auto = excel_import.preview_enterprises(db, tmp)
    assert auto.column_errors[0].header == "企业类型"  # 性质 alone is not a synonym: the type column is missing
    chosen = excel_import.preview_enterprises(db, tmp, mapping={0: "name", 1: "credit_code", 2: "enterprise_type"})
    assert chosen.errors() == [] and chosen.plan()["created"] == 1


def test_progress_is_reported_for_preview_and_commit(db, tmp_path):
    path = write_xlsx(tmp_path / "ok.xlsx", [HEADER, *(_row(200 + i) for i in range(1200))])
    seen = []
    preview = excel_import.preview_enterprises(db, path, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (1200, 1200)
    seen.clear()
    excel_import.commit_enterprises(db, Actor("li"), preview, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (1200, 1200) and _count(db) == 1200


def test_export_of_given_ids_keeps_their_order(db, enterprise_values, tmp_path):
    ids = seed_ledger(db, enterprise_values, n=5)
    chosen = [ids[3], ids[0], ids[4]]
    out = tmp_path / "ids.xlsx"
    lists.export_enterprises(db, out, ids=chosen)
    names = [r[1] for r in openpyxl.load_workbook(out).active.iter_rows(min_row=4, values_only=True) if r[0] != "合计"]
    assert names == [enterprises.get(db, i)["name"] for i in chosen]


def test_a_registered_credit_code_exception_imports_as_in_the_forms(db, tmp_path):
    from jjdesk.services.records import code_exceptions

    odd = "91330000753954968X"  # fails the check character
    path = write_xlsx(tmp_path / "x.xlsx", [HEADER, _row(61, code=odd)])
    assert not excel_import.import_enterprises(db, Actor("li"), path).written
    code_exceptions.register(db, Actor("admin", "admin"), odd, "早期发放的代码，经核实有效")
    result = excel_import.import_enterprises(db, Actor("li"), path)
    assert result.ok and result.created == 1 and enterprises.search(db)[0]["credit_code"] == odd


def test_column_gathering_gives_each_cell_what_the_field_parser_expects():
    """raw_columns_of's whole-column shortcuts give exactly raw_cell of each cell, for every kind and cell type a
    reader returns (text, floats, ints, bools, dates, datetimes, -0.0)."""
    from datetime import date, datetime

    from jjdesk.services.core.fields import BOOL, DATE, DECIMAL, INT, TEXT

    cells = ["x", 289.84, -0.0, 3, True, date(2021, 2, 19), datetime(2021, 2, 19, 8, 30), 1e16, ""]
    columns = [cells, [c for c in cells if not isinstance(c, float)], ["a", 1.5, 2], ["a", date(2020, 1, 1)]]
    for kind in (TEXT, DATE, DECIMAL, INT, BOOL):
        for column in columns:
            rows = [[v] for v in column]
            got = sheet_cells.raw_columns_of(rows, {0: "f"}, {0: kind})["f"]
            expected = [v if isinstance(v, str) else sheet_cells.raw_cell(kind, v) for v in column]
            assert [(type(v), v) for v in got] == [(type(v), v) for v in expected], (kind, column)


def test_a_hand_made_mapping_is_checked_as_a_whole_before_the_file_is_read(db, tmp_path):
    """A field chosen twice, a field that cannot be imported or 企业名称 without a column: refused with every
    problem named, before reading (the file here does not even exist)."""
    missing = tmp_path / "不存在.xlsx"
    with pytest.raises(excel_import.ImportRefused) as refused:
        excel_import.preview_enterprises(db, missing, mapping={0: "credit_code", 1: "credit_code", 2: "salary"})
    text = str(refused.value)
    assert "B列：“统一社会信用代码”已对应A列" in text
    assert "C列：不能导入的字段“salary”" in text
    assert "还没有对应列的必填项：企业名称" in text


def test_codes_excel_stored_as_numbers_are_explained_not_misreported(db, tmp_path):
    """An 18-digit credit code typed as a number (Excel keeps 15 digits), a code shown in scientific notation
    and saved as text, a stock code that lost its leading zeros: each row says what Excel did and how to fix it,
    and nothing is imported. A customs code that is a number but intact imports."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["企业名称", "企业类型", "统一社会信用代码", "海关编码", "股票代码", "上市企业"])
    ws.append(["台州甲数码有限公司", "生产企业", 913310827155189543, None, None, "否"])
    ws.append(["台州乙电器有限公司", "生产企业", "9.13310E+17", None, None, "否"])
    ws.append(["台州丙股份有限公司", "生产企业", None, None, 2273, "是"])
    ws.append(["台州丁贸易有限公司", "外贸公司", None, 3310960123, "603018", "是"])
    path = tmp_path / "数字代码.xlsx"
    wb.save(path)
    result = excel_import.import_enterprises(db, Actor("wang"), path)
    assert not result.written and enterprises.search(db) == []
    by_row = {e.row: e for e in result.errors}
    assert sorted(by_row) == [2, 3, 4]
    assert "只保留15位有效数字" in by_row[2].message and by_row[2].header == "统一社会信用代码"
    assert "科学计数法" in by_row[3].message and "9.13310E+17" in by_row[3].message
    assert "002273" in by_row[4].message and by_row[4].header == "股票代码"
    assert all("“文本”格式" in e.message for e in result.errors)
