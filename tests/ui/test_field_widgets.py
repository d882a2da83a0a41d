"""Each editor hands the parser what was typed and shows what a service stored, exactly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

from jjdesk.services.core.fields import parse_field
from jjdesk.services.records.validation import ENTERPRISE_FIELDS, INITIATIVE_FIELDS
from jjdesk.ui.forms.field_widgets import (
    BoolEditor,
    ChoiceEditor,
    CodeEditor,
    DateEditor,
    DecimalEditor,
    MultiEditor,
    TextEditor,
    editor_for,
)
from tests.ui.keys import type_text

SPECS = {s.name: s for s in ENTERPRISE_FIELDS}


def make(qtbot, name, specs=SPECS):
    editor = editor_for(specs[name])
    qtbot.addWidget(editor)
    return editor


def test_one_editor_per_kind(qtbot):
    kinds = {
        name: type(make(qtbot, name))
        for name in ("name", "credit_code", "enterprise_type", "services", "join_date", "export_value", "is_listed")
    }
    assert kinds == {
        "name": TextEditor,
        "credit_code": CodeEditor,
        "enterprise_type": ChoiceEditor,
        "services": MultiEditor,
        "join_date": DateEditor,
        "export_value": DecimalEditor,
        "is_listed": BoolEditor,
    }
    assert isinstance(make(qtbot, "notes").edit, QPlainTextEdit)  # long notes get lines; names do not
    assert isinstance(make(qtbot, "name").edit, QLineEdit)


def test_decimal_round_trips_exactly_with_its_unit(qtbot):
    editor = make(qtbot, "export_value")
    editor.set_value(Decimal("289.84"))
    assert editor.value() == "289.84" and editor.unit_label.text() == "万元"
    assert parse_field(editor.spec, editor.value()) == Decimal("289.84")
    editor.set_value(None)
    assert editor.value() == ""


def test_changed_fires_for_the_officer_not_for_loading(qtbot):
    editor = make(qtbot, "name")
    seen = []
    editor.changed.connect(lambda: seen.append(editor.value()))
    editor.set_value("杰克科技股份有限公司")
    assert seen == [] and editor.edit.cursorPosition() == 0  # a long name shows its beginning
    editor.edit.end(False)
    type_text(qtbot, editor.edit, "X")
    assert seen == ["杰克科技股份有限公司X"]


def test_code_is_upper_cased_as_typed(qtbot):
    editor = make(qtbot, "credit_code")
    type_text(qtbot, editor.edit, "91330000753954968d")
    assert editor.value() == "91330000753954968D"


def test_choice_starts_empty_and_keeps_an_unknown_stored_word_visible(qtbot):
    required, optional = make(qtbot, "enterprise_type"), make(qtbot, "cluster")
    assert required.value() == "" and optional.value() == ""
    assert optional.combo.isEditable() and not required.combo.isEditable()
    assert required.combo.itemText(0) == "外贸公司" and optional.combo.itemText(0) == ""
    required.set_value("个体户")  # no longer in the list: shown, so the parser can point at it
    assert required.value() == "个体户"
    optional.set_value("模具")  # open choice: a local cluster name
    assert optional.value() == "模具"
    tier = editor_for(next(s for s in INITIATIVE_FIELDS if s.name == "tier"))
    qtbot.addWidget(tier)
    assert isinstance(tier.combo, QComboBox) and tier.value() == ""


def test_multi_select_with_other_words(qtbot):
    services, channels = make(qtbot, "services"), make(qtbot, "channels")
    assert channels.other is not None and services.other is None
    services.set_value(["通关", "退税"])
    assert services.value() == ["通关", "退税"]
    channels.set_value(["亚马逊", "Shopee", "Temu"])
    assert channels.boxes["亚马逊"].isChecked() and channels.other.text() == "Shopee、Temu"
    assert parse_field(channels.spec, channels.value()) == ["亚马逊", "Shopee", "Temu"]
    assert all(isinstance(b, QCheckBox) for b in services.input_widgets())


def test_date_accepts_the_parsers_forms_and_the_calendar(qtbot):
    editor = make(qtbot, "join_date")
    editor.set_value(date(2021, 2, 19))
    assert editor.value() == "2021-02-19"
    editor.edit.clear()
    type_text(qtbot, editor.edit, "2021年3月5日")
    assert parse_field(editor.spec, editor.value()) == date(2021, 3, 5)
    editor._sync_calendar()
    assert editor.calendar.selectedDate() == QDate(2021, 3, 5)
    seen = []
    editor.changed.connect(lambda: seen.append(editor.value()))
    editor._picked(QDate(2021, 4, 1))
    assert editor.value() == "2021-04-01" and seen == ["2021-04-01"]


def test_set_error_marks_red_with_the_message_as_tooltip(qtbot):
    editor = make(qtbot, "mobile")
    editor.set_error("应为11位数字，实为7位")
    assert editor.edit.property("invalid") is True and editor.edit.toolTip() == "应为11位数字，实为7位"
    editor.set_error(None)
    assert editor.edit.property("invalid") is False and editor.edit.toolTip() == ""
    flag = make(qtbot, "is_listed")
    flag.set_value(True)
    assert flag.value() is True
