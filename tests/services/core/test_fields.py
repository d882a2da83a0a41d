"""The one parser behind forms, paste, import and CLI."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jjdesk.services.core import fields
from jjdesk.services.core.errors import ValidationFailed
from jjdesk.services.core.fields import (
    BOOL,
    CHOICE,
    CODE,
    DATE,
    DECIMAL,
    MULTI,
    FieldSpec,
    field_hint,
    parse_field,
    validate_values,
)
from jjdesk.services.families.codes import make_credit_code
from jjdesk.services.records.validation import ENTERPRISE_FIELDS, check_enterprise, check_enterprises


@pytest.mark.parametrize(
    "raw",
    ["2021-02-19", "2021/2/19", "2021.2.19", "2021年2月19日", "20210219", "２０２１－０２－１９", date(2021, 2, 19)],
)
def test_dates_in_the_forms_officers_write(raw):
    assert parse_field(FieldSpec("d", "日期", DATE), raw) == date(2021, 2, 19)


def test_date_errors_are_specific():
    spec = FieldSpec("d", "入驻日期", DATE, not_future=True)
    with pytest.raises(ValueError, match="不是存在的日期"):
        parse_field(spec, "2021-02-30")
    with pytest.raises(ValueError, match="不是日期"):
        parse_field(spec, "明年")
    with pytest.raises(ValueError, match="晚于今天"):
        parse_field(spec, "2030-01-01", today=date(2026, 11, 28))


def test_decimal_parsing_is_exact_and_checked():
    spec = FieldSpec("v", "年出口额", DECIMAL, min_value=Decimal(0), decimals=2, unit="万元")
    assert parse_field(spec, "1,234.50") == Decimal("1234.5")
    assert parse_field(spec, 289.84) == Decimal("289.84")
    assert parse_field(spec, "１２３.４") == Decimal("123.4")
    with pytest.raises(ValueError, match="不能为负数"):
        parse_field(spec, "-1")
    with pytest.raises(ValueError, match="最多保留2位小数，实为3位"):
        parse_field(spec, "1.234")
    with pytest.raises(ValueError, match="不是数值"):
        parse_field(spec, "十万")
    with pytest.raises(ValueError, match="有限"):
        parse_field(spec, "NaN")


def test_decimal_places_never_exceed_storage_scale():
    with pytest.raises(ValueError, match="最多保留4位小数"):
        parse_field(FieldSpec("v", "数值", DECIMAL), "0.00001")


def test_multi_select_accepts_lists_and_separated_text_in_canonical_order():
    spec = FieldSpec("s", "使用服务", MULTI, choices=("通关", "收汇", "退税"), empty=[])
    assert parse_field(spec, "退税、通关") == ["通关", "退税"]
    assert parse_field(spec, ["收汇", "通关", "收汇"]) == ["通关", "收汇"]
    assert parse_field(spec, "") == []
    with pytest.raises(ValueError, match="“报关”不是可选项"):
        parse_field(spec, "报关")
    open_spec = FieldSpec("c", "渠道", MULTI, choices=("亚马逊", "eBay"), open_choices=True, max_len=16, empty=[])
    assert parse_field(open_spec, "ebay, Shopee, 亚马逊") == ["亚马逊", "eBay", "Shopee"]


def test_choice_bool_and_required():
    choice = FieldSpec("t", "企业类型", CHOICE, required=True, choices=("外贸公司", "生产企业"))
    with pytest.raises(ValueError, match="不能为空"):
        parse_field(choice, "  ")
    with pytest.raises(ValueError, match="应为：外贸公司、生产企业"):
        parse_field(choice, "个体户")
    flag = FieldSpec("b", "上市企业", BOOL, empty=False)
    assert parse_field(flag, "是") is True and parse_field(flag, "否") is False and parse_field(flag, None) is False
    with pytest.raises(ValueError, match="应为“是”或“否”"):
        parse_field(flag, "也许")


def test_validate_values_names_every_field_and_refuses_unknown_keys():
    specs = (FieldSpec("name", "企业名称", required=True, max_len=5), FieldSpec("d", "入驻日期", DATE))
    clean, errors = validate_values(specs, {"name": "台州市椒江区某某公司", "d": "x", "bogus": 1})
    assert {e.label for e in errors} == {"企业名称", "入驻日期", "bogus"}
    assert any("最多5个字" in e.message for e in errors)
    clean, errors = validate_values(specs, {"d": "2021-01-01"}, partial=True)
    assert errors == [] and clean == {"d": date(2021, 1, 1)}


def test_control_characters_are_refused():
    with pytest.raises(ValueError, match="控制字符"):
        parse_field(FieldSpec("n", "名称"), "abc\x00def")


def test_field_hint_describes_a_valid_code_only():
    specs = {s.name: s for s in ENTERPRISE_FIELDS}
    assert field_hint(specs["credit_code"], make_credit_code("10000001")) == "浙江省台州市椒江区"
    assert field_hint(specs["credit_code"], "91330000753954968d") == "浙江省"
    assert field_hint(specs["credit_code"], "91330000753954968A") == ""  # wrong check character
    assert field_hint(specs["industry_code"], "c3553") == "制造业"
    assert field_hint(specs["landline"], "0576-88888888") == "台州"
    assert field_hint(specs["name"], "杰克") == ""
    assert field_hint(FieldSpec("x", "X", CODE, check=specs["mobile"].check), "  ") == ""


# ---------------------------------------------------------------- column-wise checking (imports)

_CODE = make_credit_code("12345678")
_POOLS = {  # valid and invalid raw values of each kind, repeated across rows so the per-value memo is used
    "name": ["台州甲有限公司", "  乙公司 ", "", None, "x" * 101, "含\x07控制"],
    "credit_code": [_CODE, _CODE.lower(), _CODE[:-1] + "0", "", None, "９１" + _CODE[2:]],
    "enterprise_type": ["生产企业", "外贸公司", "工厂", "", None],
    "cluster": ["家电", "新词", "", None],
    "join_date": [date(2021, 3, 1), "2021/3/1", "2099-01-01", "不是日期", "", None],
    "services": ["通关、退税", "通关,收汇", "飞行", ["通关"], "", None],
    "channels": ["亚马逊", "", None],
    "mobile": ["13857600001", "+8613857600001", "1385760000", Decimal("13857600001"), "", None],
    "landline": ["0576-88888888", "88888888", "", None],
    "export_value": [Decimal("289.84"), Decimal("289.840"), Decimal("-1"), 1.5, -0.0, 0.0, "1,234.5", "abc", None],
    "is_listed": ["是", "否", True, 1, "也许", None],
    "stock_code": ["600000", "", None],
}


@given(
    st.lists(st.fixed_dictionaries({k: st.sampled_from(v) for k, v in _POOLS.items()}), max_size=40),
    st.integers(min_value=1, max_value=8),
)
def test_checking_by_column_matches_checking_each_row(rows, window):
    """check_enterprises over columns gives every row exactly check_enterprise's values or errors, whichever
    way the memo goes (a tiny window makes it give up remembering part-way)."""
    columns = {k: [r[k] for r in rows] for k in _POOLS}
    today = date(2026, 1, 1)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(fields.parse_column, "__defaults__", (None, window))
        checked = check_enterprises(columns, len(rows), today=today)
    for row, (values, errors) in zip(rows, checked, strict=True):
        try:
            expected, expected_errors = check_enterprise(row, today=today), []
        except ValidationFailed as exc:
            expected, expected_errors = None, exc.errors
        assert (values, errors) == (expected, expected_errors)


def test_column_values_are_not_shared_between_rows():
    values, refused = fields.parse_column(ENTERPRISE_FIELDS[7], ["通关", "通关", None, None])
    assert values == [["通关"], ["通关"], [], []] and not refused
    assert len({id(v) for v in values}) == 4  # each row may change its own list
    checked = fields.validate_columns(ENTERPRISE_FIELDS, {"name": ["a", "b"], "enterprise_type": ["生产企业"] * 2}, 2)
    assert [errors for _values, errors in checked] == [[], []]
    assert checked[0][0]["services"] is not checked[1][0]["services"]  # an absent field's [] too


def test_a_column_that_does_not_repeat_stops_remembering():
    values, refused = fields.parse_column(FieldSpec("n", "名称"), [f"公司{i}" for i in range(50)] + ["公司1"], window=8)
    assert values[-1] == "公司1" and not refused


@given(
    st.lists(
        st.sampled_from(
            [
                _CODE,
                _CODE.lower(),
                " " + _CODE,
                _CODE[:-1] + "0",
                "3310960123",
                "331096012a",
                "13857600001",
                "+8613857600001",
                "0576-88888888",
                "057688888888",
                "0576-08888888",
                "",
                "  ",
            ]
        ),
        max_size=30,
    )
)
def test_codes_in_stored_form_parse_as_the_full_check_does(raws):
    """parse_column's stored-form shortcut (codes a jjdesk export writes) gives parse_field's outcome per cell."""
    specs = {s.name: s for s in ENTERPRISE_FIELDS}
    for name in ("credit_code", "customs_code", "mobile", "landline"):
        values, refused = fields.parse_column(specs[name], raws, date(2026, 1, 1))
        for i, raw in enumerate(raws):
            try:
                assert (values[i], i in refused) == (fields.parse_field(specs[name], raw, date(2026, 1, 1)), False)
            except ValueError as exc:
                assert (values[i], refused.get(i)) == (None, str(exc))


@given(
    st.lists(
        st.sampled_from(
            ["台州甲有限公司", "  乙公司 ", "", "   ", "x" * 12, "x" * 13, "含\x07控制", "换\n行", "制\t表"]
        ),
        max_size=30,
    )
)
def test_text_columns_parse_as_each_cell_does(raws):
    """parse_column's all-at-once path for text (and its fallback when any cell is refused) gives parse_field's
    outcome per cell."""
    for spec in (FieldSpec("n", "名称", required=True, max_len=12), FieldSpec("m", "备注", empty="")):
        values, refused = fields.parse_column(spec, raws)
        for i, raw in enumerate(raws):
            try:
                assert (values[i], i in refused) == (fields.parse_field(spec, raw), False)
            except ValueError as exc:
                assert (values[i], refused.get(i)) == (None, str(exc))
