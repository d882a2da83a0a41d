"""The form's bookkeeping without widgets: what is shown, what blocks Save, what an update sends."""

from __future__ import annotations

from decimal import Decimal

from jjdesk.services.core.errors import FieldError
from jjdesk.services.records.validation import ENTERPRISE_FIELDS
from jjdesk.ui.forms.enterprise_form import _cross_check
from jjdesk.ui.forms.form_state import FormState


def fresh(**raws):
    state = FormState(ENTERPRISE_FIELDS, _cross_check)
    state.reset({"services": [], "channels": [], "is_listed": False, "is_demo": False, **raws}, show_all=False)
    return state


def test_a_new_form_shows_only_fields_the_officer_has_been_in():
    state = fresh()
    assert state.fields["name"].error == "不能为空"
    assert state.message("name") is None and not state.has_errors()
    state.update("mobile", "1385760")
    assert state.message("mobile") == "应为11位数字，实为7位" and state.has_errors()
    state.show_all = True
    assert state.message("name") == "不能为空"


def test_only_changed_fields_count_and_values_are_parsed():
    state = fresh(name="杰克", enterprise_type="生产企业", export_value="100")
    state.show_all = True
    assert state.changed() == []
    state.update("export_value", "100.00")  # the same number typed differently is no change
    assert state.changed() == []
    state.update("export_value", "289.840")
    assert state.changed() == ["export_value"]
    assert state.values(state.changed()) == {"export_value": Decimal("289.84")}


def test_a_rule_over_two_fields_and_a_refusal_from_the_service():
    state = fresh(name="杰克", enterprise_type="生产企业")
    state.update("stock_code", "603337")
    assert "未勾选“上市企业”" in state.message("stock_code")
    state.update("is_listed", True)
    assert state.message("stock_code") is None
    rest = state.take_server_errors(
        [
            FieldError("credit_code", "统一社会信用代码", "已登记为“甲”"),
            FieldError("x", "里程碑·节点日期", "早于开始日期", row=1),
        ]
    )
    assert [e.field for e in rest] == ["x"]
    state.show_all = True
    assert state.message("credit_code") == "已登记为“甲”"
    assert not state.has_errors()  # the service decides again on the next save
    state.update("credit_code", "")
    assert state.message("credit_code") is None
