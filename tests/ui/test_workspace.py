"""The whole window, driven as an officer would: shortcuts, list + form, undo/redo, delete, paste."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox

from jjdesk.services.core.actor import Actor
from jjdesk.services.families.codes import make_credit_code
from jjdesk.services.records import enterprises
from jjdesk.ui.main_window import MainWindow
from tests.ui.keys import type_text


@pytest.fixture
def window(qtbot, db, demo_data):
    demo_data(db, generated=30)
    w = MainWindow(db, Actor("lihua", "entry"), sign_in=lambda _db: Actor("lihua", "entry"))
    qtbot.addWidget(w)
    w.show()
    return w


def _enterprises(qtbot, window):
    space = window.show_page("enterprises")
    qtbot.waitUntil(lambda: space.list.model.rowCount() == 35, timeout=5000)
    return space


def _select_row_of(qtbot, space, name):
    enterprise_id = enterprises.search(space.ctx.db, name, limit=1)[0]["id"]
    qtbot.waitUntil(lambda: space.list.model.row_of(enterprise_id) is not None, timeout=5000)
    space.list.table.selectRow(space.list.model.row_of(enterprise_id))
    qtbot.waitUntil(lambda: (space.form.record() or {}).get("id") == enterprise_id, timeout=5000)
    return enterprise_id


def test_pages_and_status_bar(window):
    keys = [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())]
    assert keys == ["home", "enterprises", "initiatives", "statistics", "review", "summary"]
    assert "35" in window.count_label.text()


def test_new_enterprise_with_shortcuts_appears_in_the_list(qtbot, window, db):
    space = _enterprises(qtbot, window)
    window.actions_by_name["new_record"].trigger()
    form = space.form
    assert form.record() is None
    type_text(qtbot, form.editors["name"].focus_widget(), "台州市椒江区新录入进出口有限公司")
    code = make_credit_code("55667788")
    type_text(qtbot, form.editors["credit_code"].focus_widget(), code)
    qtbot.keyClick(form.editors["enterprise_type"].focus_widget(), Qt.Key.Key_Down)  # first choice: 外贸公司
    type_text(qtbot, form.editors["export_value"].focus_widget(), "289.84")
    qtbot.wait(300)  # inline validation is debounced
    window.actions_by_name["save_current"].trigger()
    saved = enterprises.search(db, "新录入进出口", limit=5)
    assert len(saved) == 1 and saved[0]["credit_code"] == code and saved[0]["export_value"] == Decimal("289.84")
    qtbot.waitUntil(lambda: space.list.model.rowCount() == 36, timeout=5000)


def test_undo_and_redo_of_a_saved_edit_go_through_the_services(qtbot, window, db):
    space = _enterprises(qtbot, window)
    eid = _select_row_of(qtbot, space, "浙江星星冷链集成股份有限公司")
    editor = space.form.editors["contact_name"]
    type_text(qtbot, editor.focus_widget(), "杨经理")
    qtbot.wait(300)
    window.actions_by_name["save_current"].trigger()
    assert enterprises.get(db, eid)["contact_name"] == "杨经理"
    assert window.undo_stack.canUndo()
    window.actions_by_name["undo"].trigger()
    assert enterprises.get(db, eid)["contact_name"] is None
    assert space.form.editors["contact_name"].value() in ("", None)
    window.actions_by_name["redo"].trigger()
    after = enterprises.get(db, eid)
    assert after["contact_name"] == "杨经理" and after["version"] == 4


def test_undo_refuses_to_overwrite_someone_elses_change(qtbot, window, db, monkeypatch):
    space = _enterprises(qtbot, window)
    eid = _select_row_of(qtbot, space, "信质集团股份有限公司")
    type_text(qtbot, space.form.editors["contact_name"].focus_widget(), "陈")
    qtbot.wait(300)
    window.actions_by_name["save_current"].trigger()
    current = enterprises.get(db, eid)
    enterprises.update(db, Actor("wangjun", "reviewer"), eid, {"contact_name": "王"}, current["version"])
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    window.actions_by_name["undo"].trigger()
    assert enterprises.get(db, eid)["contact_name"] == "王"
    assert warnings and "已被他人修改" in warnings[0]


def test_delete_asks_for_confirmation_and_a_reason(qtbot, window, db, monkeypatch):
    space = _enterprises(qtbot, window)
    eid = _select_row_of(qtbot, space, "浙江星星科技股份有限公司")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    window.actions_by_name["delete_selected"].trigger()
    assert enterprises.get(db, eid)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("重复录入", True))
    window.actions_by_name["delete_selected"].trigger()
    assert enterprises.search(db, "浙江星星科技股份有限公司") == []
    qtbot.waitUntil(lambda: space.list.model.rowCount() == 34, timeout=5000)


def test_ctrl_v_on_the_table_opens_the_preview_and_inserts_only_on_confirm(qtbot, window, db, monkeypatch):
    from jjdesk.ui.dialogs.paste_preview import PastePreviewDialog

    monkeypatch.setattr(PastePreviewDialog, "report_inserted", lambda self, count: None)
    space = _enterprises(qtbot, window)
    codes = [make_credit_code(f"{n:08d}") for n in (31415926, 27182818)]
    QApplication.clipboard().setText(
        f"企业名称\t统一社会信用代码\t企业类型\n"
        f"粘贴甲有限公司\t{codes[0]}\t生产企业\n粘贴乙有限公司\t{codes[1]}\t外贸公司\n"
    )
    seen = {}

    def confirm():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):  # not open yet: look again shortly
            QTimer.singleShot(50, confirm)
            return
        seen["dialog"] = type(dialog).__name__
        if dialog.insert_button.isEnabled():
            dialog.insert_button.click()
        else:
            dialog.reject()

    QTimer.singleShot(50, confirm)
    space.list.table.setFocus()
    qtbot.keyClick(space.list.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert seen["dialog"] == "PastePreviewDialog"
    assert {r["name"] for r in enterprises.search(db, "粘贴")} == {"粘贴甲有限公司", "粘贴乙有限公司"}
    qtbot.waitUntil(lambda: space.list.model.rowCount() == 37, timeout=5000)


def test_database_switch_rebuilds_pages(qtbot, window, tmp_path):
    other = tmp_path / "other.db"
    assert window.open_database(f"sqlite:///{other}")
    assert "other.db" in window.db_label.text()
    space = window.show_page("enterprises")
    qtbot.waitUntil(lambda: space.list.filter_bar.count_label.text() != "", timeout=5000)
    assert space.list.model.rowCount() == 0
    assert str(other) in window.recent_databases()
