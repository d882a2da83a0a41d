"""The enterprise form, driven with the keyboard on a real database file: inline validation, save, conflicts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from jjdesk.services.core.actor import Actor
from jjdesk.services.families.codes import make_credit_code
from jjdesk.services.records import enterprises
from jjdesk.ui.dialogs.conflict import ConflictDialog
from jjdesk.ui.forms.enterprise_form import EnterpriseForm
from tests.ui.keys import type_text

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def form(qtbot, db, clerk):
    f = EnterpriseForm(db, clerk)
    qtbot.addWidget(f)
    f.resize(460, 760)
    f.show()
    qtbot.waitExposed(f)
    f.activateWindow()
    qtbot.waitUntil(f.isActiveWindow)
    return f


def focused():
    return QApplication.focusWidget()


def tab(qtbot):
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def type_into(qtbot, form, name, text):
    """Click into a field like an officer would and type."""
    widget = form.editors[name].focus_widget()
    widget.setFocus()
    type_text(qtbot, widget, text)


def choose(form, name, text):
    """Pick a drop-down entry as a click in the list would."""
    combo = form.editors[name].focus_widget()
    combo.setCurrentIndex(combo.findText(text))


def answer_conflict(qtbot, button: str, seen: list):
    """Press ``button`` in the conflict dialog once it is shown (it is modal, so poll for it)."""

    def poll():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            QTimer.singleShot(20, poll)
            return
        table = dialog.table
        seen.append(
            {
                table.item(r, 0).text(): (
                    table.item(r, 1).text(),
                    table.item(r, 2).text(),
                    table.item(r, 0).background().color().name(),
                )
                for r in range(table.rowCount())
            }
        )
        dialog.findChild(QPushButton, button).click()

    QTimer.singleShot(0, poll)


def test_tab_follows_the_form_from_top_to_bottom(qtbot, form):
    form.focus_first()
    qtbot.waitUntil(lambda: focused() is form.editors["name"].focus_widget())
    expected = [w for e in form.editors.values() for w in e.input_widgets()]
    visited = [focused()]
    for _ in expected[1:]:
        tab(qtbot)
        visited.append(focused())
    assert visited == expected


def test_an_enterprise_typed_with_the_keyboard_is_saved_exactly(qtbot, form, db):
    code = make_credit_code("31415926")
    form.focus_first()
    type_text(qtbot, focused(), "台州湾跨境电商有限公司")
    tab(qtbot)
    type_text(qtbot, focused(), code.lower())  # upper-cased as typed
    assert form.editors["credit_code"].value() == code
    qtbot.waitUntil(lambda: form.hint_text("credit_code") == "浙江省台州市椒江区")
    tab(qtbot)  # customs code stays empty
    tab(qtbot)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # 企业类型: first choice
    assert form.editors["enterprise_type"].value() == "外贸公司"
    tab(qtbot)
    type_text(qtbot, focused(), "家电")
    tab(qtbot)
    type_text(qtbot, focused(), "f5179")
    tab(qtbot)
    type_text(qtbot, focused(), "2021年3月5日")
    tab(qtbot)
    for service in ("通关", "收汇", "退税", "融资", "信保", "物流"):
        assert focused().text() == service
        if service in ("通关", "退税"):
            qtbot.keyClick(focused(), Qt.Key.Key_Space)
        tab(qtbot)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # 速卖通
    for _ in range(4):
        tab(qtbot)
    type_text(qtbot, focused(), "Shopee")
    tab(qtbot)
    type_text(qtbot, focused(), "林晓")
    tab(qtbot)
    type_text(qtbot, focused(), "13857600001")
    tab(qtbot)
    type_text(qtbot, focused(), "0576-88123456")
    tab(qtbot)
    type_text(qtbot, focused(), "5000")  # 注册资本
    tab(qtbot)
    type_text(qtbot, focused(), "289.84")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter saves nothing and closes nothing
    assert form.isVisible() and enterprises.search(db, "台州湾跨境") == []

    qtbot.waitUntil(lambda: form.hint_text("landline") == "台州")
    assert form.hint_text("industry_code") == "批发和零售业"
    assert form.save_button.isEnabled()
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    [saved] = enterprises.search(db, "台州湾跨境")
    assert saved["credit_code"] == code
    assert saved["export_value"] == Decimal("289.84") and isinstance(saved["export_value"], Decimal)
    assert saved["registered_capital"] == Decimal("5000")
    assert saved["join_date"] == date(2021, 3, 5)
    assert saved["services"] == ["通关", "退税"]
    assert saved["channels"] == ["速卖通", "Shopee"]
    assert saved["industry_code"] == "F5179"
    assert saved["created_by"] == "lihua"
    assert form.record_id == saved["id"] and not form.is_dirty() and not form.save_button.isEnabled()


def test_an_invalid_credit_code_is_marked_and_nothing_is_saved(qtbot, form, db):
    type_into(qtbot, form, "name", "椒江测试贸易有限公司")
    choose(form, "enterprise_type", "外贸公司")
    type_into(qtbot, form, "credit_code", "91331002MA2AB1234X")
    qtbot.waitUntil(lambda: form.error_text("credit_code") != "")
    assert "校验码错误" in form.error_text("credit_code")
    assert form.editors["credit_code"].error() == form.error_text("credit_code")
    assert form.editors["credit_code"].focus_widget().property("invalid") is True
    assert form.hint_text("credit_code") == ""
    assert not form.save_button.isEnabled()
    assert form.save() is False
    assert enterprises.search(db, "椒江测试") == []

    form.editors["credit_code"].focus_widget().clear()
    type_text(qtbot, form.editors["credit_code"].focus_widget(), make_credit_code("27182818"))
    qtbot.waitUntil(lambda: form.error_text("credit_code") == "")
    assert form.hint_text("credit_code") == "浙江省台州市椒江区"
    assert form.save_button.isEnabled()


def test_untouched_required_fields_are_shown_on_save(qtbot, form, db):
    type_into(qtbot, form, "contact_name", "林晓")
    qtbot.waitUntil(form.save_button.isEnabled)
    assert form.error_text("name") == ""  # not typed in yet: no red before the officer got there
    assert form.save() is False
    assert form.error_text("name") == "不能为空"
    assert form.error_text("enterprise_type") == "不能为空"
    assert not form.save_button.isEnabled()
    assert enterprises.search(db) == []


def test_a_rule_over_two_fields_is_shown_as_you_type(qtbot, form):
    type_into(qtbot, form, "stock_code", "603337")
    qtbot.waitUntil(lambda: form.error_text("stock_code") != "")
    assert "未勾选“上市企业”" in form.error_text("stock_code")
    form.editors["is_listed"].focus_widget().setFocus()
    qtbot.keyClick(form.editors["is_listed"].focus_widget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: form.error_text("stock_code") == "")


def test_a_refusal_from_the_service_lands_on_its_field(qtbot, form, db, clerk, enterprise_values):
    existing = enterprises.create(db, clerk, enterprise_values())
    type_into(qtbot, form, "name", "另一家公司")
    choose(form, "enterprise_type", "生产企业")
    type_into(qtbot, form, "credit_code", existing["credit_code"])
    qtbot.waitUntil(form.save_button.isEnabled)
    assert form.save() is False
    assert "已登记为" in form.error_text("credit_code")
    assert form.message_label.isVisibleTo(form)  # "not saved" (the UI language is not loaded in tests)
    assert len(enterprises.search(db)) == 1


def test_loading_shows_status_and_edits_save_only_changed_fields(qtbot, form, db, clerk, enterprise_values):
    record = enterprises.create(db, clerk, enterprise_values(name="浙江海正测试有限公司"))
    form.open_record(record["id"])
    assert form.title_label.text() == "浙江海正测试有限公司"
    assert "草稿" in form.status_label.text() and "lihua" in form.status_label.text()
    assert not form.is_dirty() and not form.save_button.isEnabled()
    edit = form.editors["export_value"].focus_widget()
    edit.clear()
    type_text(qtbot, edit, "300.10")
    qtbot.waitUntil(form.save_button.isEnabled)
    assert form.values() == {"export_value": Decimal("300.1")}
    assert form.save()
    assert enterprises.get(db, record["id"])["export_value"] == Decimal("300.1")
    assert form.expected_version() == 2

    type_text(qtbot, edit, "5")
    qtbot.waitUntil(form.revert_button.isEnabled)
    qtbot.mouseClick(form.revert_button, Qt.MouseButton.LeftButton)
    assert form.editors["export_value"].value() == "300.1" and not form.is_dirty()


@pytest.fixture
def opened_then_changed(qtbot, form, db, clerk, enterprise_values):
    """A record opened in the form, then changed by someone else; the form changes export value and notes."""
    record = enterprises.create(db, clerk, enterprise_values(export_value="100"))
    form.open_record(record["id"])
    enterprises.update(
        db, Actor("wangjun"), record["id"], {"export_value": "150", "contact_name": "王军"}, expected_version=1
    )
    edit = form.editors["export_value"].focus_widget()
    edit.clear()
    type_text(qtbot, edit, "120")
    type_into(qtbot, form, "notes", "跟踪")
    qtbot.waitUntil(form.save_button.isEnabled)
    return record["id"]


def test_conflict_cancel_keeps_editing_and_overwrites_nothing(qtbot, form, db, opened_then_changed):
    seen: list = []
    answer_conflict(qtbot, "cancel", seen)
    assert form.save() is False
    [rows] = seen
    assert rows["年出口额"][:2] == ("120", "150")
    assert rows["年出口额"][2] != rows["备注"][2]  # changed by both sides: highlighted
    current = enterprises.get(db, opened_then_changed)
    assert current["export_value"] == Decimal("150") and current["notes"] == "" and current["version"] == 2
    assert form.is_dirty() and form.editors["export_value"].value() == "120"


def test_conflict_reload_discards_my_edits(qtbot, form, db, opened_then_changed):
    answer_conflict(qtbot, "reload", [])
    assert form.save() is False
    assert form.editors["export_value"].value() == "150"
    assert form.editors["contact_name"].value() == "王军"
    assert not form.is_dirty() and form.expected_version() == 2
    assert enterprises.get(db, opened_then_changed)["version"] == 2


def test_conflict_overwrite_saves_my_fields_and_keeps_theirs(qtbot, form, db, opened_then_changed):
    answer_conflict(qtbot, "overwrite", [])
    assert form.save() is True
    current = enterprises.get(db, opened_then_changed)
    assert current["export_value"] == Decimal("120") and current["notes"] == "跟踪"
    assert current["contact_name"] == "王军"  # the other officer's field is kept
    assert current["version"] == 3 and current["updated_by"] == "lihua"


def test_a_submitted_record_opens_read_only(qtbot, form, db, clerk, enterprise_values):
    from jjdesk.store.models import Enterprise

    record = enterprises.create(db, clerk, enterprise_values())
    with db.write() as s:  # the review workflow is not built yet: put the record in its state directly
        s.get(Enterprise, record["id"]).review_status = "submitted"
    form.open_record(record["id"])
    assert form.is_read_only() and not form.save_button.isEnabled()
    assert "待审核" in form.header.lock_label.text() and form.header.lock_label.isVisibleTo(form)
    assert form.editors["name"].focus_widget().isReadOnly()
    assert form.save() is False
    form.open_record(None)
    assert not form.is_read_only() and not form.header.lock_label.isVisibleTo(form)


def test_registered_capital_is_typed_in_the_business_group_and_saved_exactly(qtbot, form, db):
    names = list(form.editors)
    assert names.index("registered_capital") == names.index("export_value") - 1  # 经营情况, before 年出口额
    assert form.findChild(QLabel, "label_registered_capital").text().startswith("注册资本")
    type_into(qtbot, form, "name", "台州注册资本测试有限公司")
    choose(form, "enterprise_type", "外贸公司")
    type_into(qtbot, form, "registered_capital", "1289.84")
    form.save()
    saved = enterprises.search(db)[0]
    assert saved["name"] == "台州注册资本测试有限公司" and saved["registered_capital"] == Decimal("1289.84")
