"""Paste from Excel: clipboard text, header matching, the preview's checks, and the all-or-nothing insert."""

import sqlite3
import time
from datetime import date
from decimal import Decimal

import pytest

from jjdesk.services.core.errors import ValidationFailed
from jjdesk.services.families.codes import make_credit_code
from jjdesk.services.imports import headers, paste
from jjdesk.services.records import enterprises

TODAY = date(2024, 6, 1)
TABLE_COLUMNS = ["name", "credit_code", "enterprise_type", "cluster", "join_date", "mobile", "export_value"]
HEADER = "企业名称\t统一社会信用代码\t企业类型\t产业集群\t入驻日期\t手机\t年出口额（万元）"
JIEKE = "91330000753954968D"


def code(n: int) -> str:
    return make_credit_code(f"{n:08d}")


def line(name, credit, kind="生产企业", cluster="家电", joined="2020-06-01", mobile="13857600001", value="12.5"):
    return "\t".join([name, credit, kind, cluster, joined, mobile, value])


def block(*lines: str) -> str:
    """As Excel puts it on the clipboard: CRLF between rows and after the last one."""
    return "".join(f"{x}\r\n" for x in lines)


def count(db_path, table="enterprise"):
    with sqlite3.connect(db_path) as con:
        return con.execute(f"select count(*) from {table}").fetchone()[0]


def preview(db, text, columns=TABLE_COLUMNS):
    return paste.preview_enterprises(db, paste.parse_clipboard(text), columns, today=TODAY)


# ---------------------------------------------------------------- clipboard text


def test_clipboard_tabs_crlf_and_trailing_line():
    assert paste.parse_clipboard("a\tb\r\nc\td\r\n") == [["a", "b"], ["c", "d"]]
    assert paste.parse_clipboard("a\tb\nc\td\n\n") == [["a", "b"], ["c", "d"]]
    assert paste.parse_clipboard("") == []


def test_clipboard_quoted_cells_hold_tabs_newlines_and_doubled_quotes():
    text = 'x\t"第一行\r\n第二行"\t"含\t制表符"\r\n"他说""好"""\t\t末\r\n'
    assert paste.parse_clipboard(text) == [["x", "第一行\r\n第二行", "含\t制表符"], ['他说"好"', "", "末"]]


def test_clipboard_quotes_inside_an_unquoted_cell_are_literal():
    # Excel only quotes cells with a tab, line break or leading quote; 5" stays as typed.
    assert paste.parse_clipboard('5" 屏\t"半个\r\n"x" y\tz') == [['5" 屏', '"半个'], ['"x" y', "z"]]


def test_clipboard_keeps_ragged_rows():
    assert paste.parse_clipboard("a\tb\tc\r\nd\r\n") == [["a", "b", "c"], ["d"]]


# ---------------------------------------------------------------- headers


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("企业名称", "name"),
        ("公司名称", "name"),
        ("单位名称", "name"),
        ("*企业名称", "name"),
        ("统一社会信用代码", "credit_code"),
        ("信用代码", "credit_code"),
        ("ＵＳＣＣ", "credit_code"),
        ("海关注册编码", "customs_code"),
        ("企业性质", "enterprise_type"),
        ("行业集群", "cluster"),
        ("行业代码", "industry_code"),
        ("入驻 时间", "join_date"),
        ("服务项目", "services"),
        ("平台", "channels"),
        ("联系人", "contact_name"),
        ("手机号", "mobile"),
        ("联系电话（手机）", "mobile"),
        ("座机", "landline"),
        ("电话", "landline"),
        ("出口额(万元)", "export_value"),
        ("年出口额（万元）", "export_value"),
        ("是否上市", "is_listed"),
        ("股票代码", "stock_code"),
        ("说明", "notes"),
        ("审核状态", None),
    ],
)
def test_header_synonyms(text, field):
    assert headers.match_header(text)[0] == field


def test_match_headers_reports_unmatched_duplicates_and_units():
    m = headers.match_headers(["名称", "录入人", "电话", "座机", "出口额（万元）", ""])
    assert m.mapping == {0: "name", 2: "landline", 4: "export_value"}
    assert m.unmatched == [1, 5]
    assert m.duplicates == {3: "landline"}
    assert m.units == {4: "万元"} and m.refusals == {}


@pytest.mark.parametrize("text", ["年出口额（万美元）", "出口额(亿元)", "出口额/元", "出口额（单位：美元）"])
def test_export_value_in_another_unit_is_refused_by_the_header(text):
    m = headers.match_headers(["企业名称", text])
    assert m.mapping[1] == "export_value"
    assert "不会自动换算" in m.refusals[1] and "万元" in m.refusals[1]


def test_header_detection():
    assert headers.looks_like_header(["企业名称", "信用代码", "类型"])
    assert headers.looks_like_header(["企业名称"])
    assert not headers.looks_like_header(["杰克科技股份有限公司", JIEKE, "生产企业"])
    assert not headers.looks_like_header(["名称", "类型", "2021-02-19"])  # a date only occurs in records
    assert not headers.looks_like_header(["名称", "未知列", "12.5"])
    assert not headers.looks_like_header(["", ""])


# ---------------------------------------------------------------- preview


def test_header_row_maps_columns_in_any_order(db):
    text = block("手机\t企业性质\t公司名称\t出口额（万元）\t备注", "13857600001\t外贸公司\t台州甲公司\t1,234.5\t首批")
    p = preview(db, text)
    assert p.has_header and p.mapping == {0: "mobile", 1: "enterprise_type", 2: "name", 3: "export_value", 4: "notes"}
    assert p.can_commit and p.row_count == 1
    assert p.rows[0].values["export_value"] == Decimal("1234.5")


def test_headerless_block_maps_by_the_tables_visible_columns(db):
    p = preview(db, block(line("台州甲公司", code(10000001)), line("台州乙公司", code(10000002))))
    assert not p.has_header and p.row_count == 2 and p.can_commit
    assert p.mapping == dict(enumerate(TABLE_COLUMNS))
    # a visible column that is not an enterprise field (e.g. 审核状态) keeps its position but is not read
    p2 = preview(db, block("台州甲公司\t草稿\t外贸公司"), ["name", "review_status", "enterprise_type"])
    assert p2.mapping == {0: "name", 2: "enterprise_type"} and p2.can_commit


def test_blank_lines_are_skipped_but_row_numbers_follow_the_sheet(db):
    p = preview(db, block(HEADER, line("甲", code(10000001)), "\t\t", line("乙", "123")))
    assert [r.number for r in p.rows] == [1, 3]
    assert [str(e) for e in p.errors] == ["第3行 统一社会信用代码：应为18位，实为3位"]


def test_mixed_block_inserts_nothing_until_fixed(db, db_path, clerk):
    bad = JIEKE[:-1] + "X"
    text = block(
        HEADER,
        line("台州甲公司", code(10000001)),
        line("台州乙公司", bad),
        line("台州丙公司", code(10000003), mobile="1385760000"),
        line("台州丁公司", code(10000004)),
    )
    p = preview(db, text)
    assert (p.row_count, p.valid_count, p.invalid_count, p.can_commit) == (4, 2, 2, False)
    assert [str(e) for e in p.errors] == [
        "第2行 统一社会信用代码：第18位校验码错误：应为 D，实为 X"
        "。若确为主管部门发放的早期代码，可请管理员登记为信用代码例外（设置 → 信用代码例外）",
        "第3行 手机号码：应为11位数字，实为10位",
    ]
    assert [e.column for e in p.cell_errors(1, 1)] == [1] and p.cell_errors(0, 1) == []
    with pytest.raises(ValidationFailed, match="第18位校验码错误"):
        p.commit(db, clerk)
    assert count(db_path) == 0 and count(db_path, "audit_log") == 0

    p = p.with_cell(1, 1, JIEKE.lower())  # typed in lower case: normalised by the same checks
    assert p.invalid_count == 1 and not p.can_commit
    p = p.with_cell(2, 5, "13857600002")
    assert p.can_commit and p.errors == [] and p.rows[1].values["credit_code"] == JIEKE
    ids = p.commit(db, clerk)
    assert len(ids) == 4 and count(db_path) == 4
    assert enterprises.get(db, ids[1])["name"] == "台州乙公司"
    # one transaction: the audit entries were written together, one per record
    assert count(db_path, "audit_log") == 4


def test_duplicate_codes_within_the_block_and_against_the_database(db, clerk, enterprise_values):
    enterprises.create(db, clerk, enterprise_values(name="杰克科技股份有限公司", credit_code=JIEKE))
    text = block(HEADER, line("甲", code(10000001)), line("乙", JIEKE), line("丙", code(10000001)))
    p = preview(db, text)
    assert [str(e) for e in p.errors] == [
        f"第2行 统一社会信用代码：{JIEKE} 已登记为“杰克科技股份有限公司”，不能重复录入",
        f"第3行 统一社会信用代码：{code(10000001)} 与第1行重复",
    ]
    # fixing the first occurrence moves nothing silently: the third row is now the only holder of the code
    p = p.with_cell(0, 1, code(10000005))
    assert [str(e) for e in p.errors] == [
        f"第2行 统一社会信用代码：{JIEKE} 已登记为“杰克科技股份有限公司”，不能重复录入"
    ]
    p = p.with_cell(1, 1, code(10000006))  # a code never seen by this preview is looked up afresh
    assert p.can_commit


def test_a_code_registered_after_the_preview_is_still_refused(db, db_path, clerk, enterprise_values):
    p = preview(db, block(HEADER, line("甲", code(10000001)), line("乙", code(10000002))))
    assert p.can_commit
    enterprises.create(db, clerk, enterprise_values(name="同事录入的", credit_code=code(10000002)))
    with pytest.raises(ValidationFailed) as info:
        p.commit(db, clerk)
    assert [(e.row, e.column) for e in info.value.errors] == [(2, 1)]
    assert count(db_path) == 1


def test_export_value_in_wan_dollars_is_refused_until_the_column_is_dropped(db, db_path, clerk):
    text = block("企业名称\t企业类型\t年出口额（万美元）", "台州甲公司\t外贸公司\t12.5")
    p = preview(db, text)
    assert p.valid_count == 1 and not p.can_commit
    [problem] = p.errors
    assert problem.row is None and problem.column == 2
    assert "单位是万美元" in str(problem) and "换算为万元" in str(problem)
    with pytest.raises(ValidationFailed, match="万美元"):
        p.commit(db, clerk)
    assert count(db_path) == 0
    p = p.with_column(2, None)
    assert p.can_commit
    [eid] = p.commit(db, clerk)
    assert enterprises.get(db, eid)["export_value"] is None


def test_remapping_a_column_revalidates_and_releases_the_other_column(db):
    p = preview(db, block("名称\t电话\t类型", "台州甲公司\t13857600001\t外贸公司"))
    assert [e.label for e in p.errors] == ["固定电话"]  # a mobile number under 电话
    p = p.with_column(1, "mobile")
    assert p.mapping == {0: "name", 1: "mobile", 2: "enterprise_type"} and p.can_commit
    p2 = p.with_column(2, "name")  # name moves to column 2; column 0 is released
    assert p2.mapping == {1: "mobile", 2: "name"}
    assert [str(e) for e in p2.errors] == ["企业类型：没有对应的列：请把一列设为此字段，或在表格中补上这一列后重新粘贴"]


def test_unmatched_and_duplicate_header_columns_are_explained(db):
    p = preview(db, block("企业名称\t录入人\t类型\t企业类型", "台州甲公司\t李华\t外贸公司\t生产企业"))
    assert p.mapping == {0: "name", 2: "enterprise_type"}
    assert p.notes == ("第2列“录入人”没有对应的字段，不导入", "第4列“企业类型”与第3列都对应企业类型，只导入第3列")


def test_five_thousand_rows_preview(db):
    lines = [HEADER] + [line(f"台州测试公司{i}", code(20000000 + i), value=f"{i}.25") for i in range(5000)]
    lines[2500] = line("台州坏公司", "91331002MA2XXXXX")
    text = block(*lines)
    started = time.perf_counter()
    rows = paste.parse_clipboard(text)
    parsed = time.perf_counter()
    p = paste.preview_enterprises(db, rows, TABLE_COLUMNS, today=TODAY)
    done = time.perf_counter()
    edited = p.with_cell(2499, 1, code(30000000))
    print(
        f"\n5,000 rows: parse {1000 * (parsed - started):.0f} ms, preview {1000 * (done - parsed):.0f} ms, "
        f"edit one cell {1000 * (time.perf_counter() - done):.0f} ms"
    )
    assert p.row_count == 5000 and p.invalid_count == 1 and edited.can_commit


def test_a_registered_exception_code_is_accepted_like_in_the_forms(db, clerk):
    from jjdesk.services.core.actor import Actor
    from jjdesk.services.records import code_exceptions

    early = JIEKE[:-1] + "X"  # fails its own check character, as a few legally issued early codes do
    block = f"企业名称\t统一社会信用代码\t企业类型\n早期登记有限公司\t{early}\t生产企业\n"
    before = paste.preview_enterprises(db, paste.parse_clipboard(block), [])
    assert not before.can_commit and "第18位校验码错误" in str(before.errors[0])
    code_exceptions.register(db, Actor("admin", "admin"), early, "早期发放的代码，经核实合法")
    after = paste.preview_enterprises(db, paste.parse_clipboard(block), [])
    assert after.can_commit
    edited = before.with_cell(0, 1, early)  # re-checking one edited cell consults the exceptions too
    assert edited.can_commit
    [new_id] = after.commit(db, clerk)
    assert enterprises.get(db, new_id)["credit_code"] == early
