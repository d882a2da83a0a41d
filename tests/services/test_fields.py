"""The one parser behind forms, paste, import and CLI."""

from datetime import date
from decimal import Decimal

import pytest

from jjdesk.services.codes import make_credit_code
from jjdesk.services.fields import (
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
from jjdesk.services.validation import ENTERPRISE_FIELDS


@pytest.mark.parametrize("raw", ["2021-02-19", "2021/2/19", "2021.2.19", "2021年2月19日", "20210219",
                                 "２０２１－０２－１９", date(2021, 2, 19)])
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
