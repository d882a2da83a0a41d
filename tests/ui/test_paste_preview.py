"""The paste preview dialog: invalid cells are marked, corrections re-check, Insert only when all is valid."""

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox

from jjdesk.services.families.codes import make_credit_code
from jjdesk.services.records import enterprises
from jjdesk.ui.dialogs.paste_preview import PastePreviewDialog

COLUMNS = ["name", "credit_code", "enterprise_type", "mobile", "export_value"]
JIEKE = "91330000753954968D"
GOOD_1, GOOD_3 = make_credit_code("10000001"), make_credit_code("10000003")
MIXED = (
    "企业名称\t统一社会信用代码\t企业类型\t手机\t年出口额（万元）\r\n"
    f"台州甲公司\t{GOOD_1}\t外贸公司\t13857600001\t12.5\r\n"
    f"台州乙公司\t{JIEKE[:-1]}X\t生产企业\t13857600002\t1,200\r\n"
    f"台州丙公司\t{GOOD_3}\t三资企业\t13857600003\t0\r\n"
)


def count(db_path):
    with sqlite3.connect(db_path) as con:
        return con.execute("select count(*) from enterprise").fetchone()[0]


@pytest.fixture
def open_dialog(qtbot, db, clerk, monkeypatch):
    reported = []

    def make(text=MIXED, columns=COLUMNS):
        dlg = PastePreviewDialog(db, clerk, text, columns)
        monkeypatch.setattr(dlg, "report_inserted", reported.append)
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitExposed(dlg)
        dlg.reported = reported
        return dlg

    return make


def edit_cell(qtbot, dlg, row, column, text):
    """Type into the cell the way an officer does: open the view's editor, type, press Enter."""
    index = dlg.model.index(row, column)
    dlg.view.setCurrentIndex(index)
    dlg.view.edit(index)
    editor = dlg.view.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits the editor through a queued call
    qtbot.waitUntil(lambda: dlg.model.data(index, Qt.ItemDataRole.EditRole) == text, timeout=2000)


def test_mixed_block_is_marked_and_cannot_be_inserted_until_fixed(qtbot, open_dialog, db, db_path):
    dlg = open_dialog()
    bad = dlg.model.index(1, 1)
    assert dlg.model.data(bad, Qt.ItemDataRole.BackgroundRole) is not None
    assert "第18位校验码错误：应为 D，实为 X" in dlg.model.data(bad, Qt.ItemDataRole.ToolTipRole)
    assert dlg.model.data(dlg.model.index(0, 1), Qt.ItemDataRole.BackgroundRole) is None
    assert [dlg.problems.item(i).text() for i in range(dlg.problems.count())] == [
        "第2行 统一社会信用代码：第18位校验码错误：应为 D，实为 X"
        "。若确为主管部门发放的早期代码，可请管理员登记为信用代码例外（设置 → 信用代码例外）"
    ]
    assert not dlg.insert_button.isEnabled()
    assert "3" in dlg.summary.text() and "2" in dlg.summary.text()

    edit_cell(qtbot, dlg, 1, 1, JIEKE)
    assert dlg.model.data(bad, Qt.ItemDataRole.DisplayRole) == JIEKE
    assert dlg.model.data(bad, Qt.ItemDataRole.BackgroundRole) is None
    assert dlg.problems.count() == 0 and dlg.insert_button.isEnabled()
    assert count(db_path) == 0  # nothing is written before Insert

    qtbot.mouseClick(dlg.insert_button, Qt.MouseButton.LeftButton)  # inserts on a worker thread
    qtbot.waitUntil(lambda: not dlg.is_inserting(), timeout=10000)
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert len(dlg.inserted_ids) == 3 and dlg.reported == [3]
    assert count(db_path) == 3
    assert enterprises.get(db, dlg.inserted_ids[1])["credit_code"] == JIEKE


def test_remapping_a_column_in_its_header_combo_revalidates(open_dialog):
    text = "名称\t电话\t类型\r\n台州甲公司\t13857600001\t外贸公司\r\n"
    dlg = open_dialog(text)
    assert not dlg.insert_button.isEnabled()  # a mobile number is not a landline
    combo = dlg.header.combo(1)
    assert combo.currentText() == "固定电话"
    mobile = combo.findText("手机号码")
    combo.setCurrentIndex(mobile)
    combo.activated.emit(mobile)
    assert dlg.preview.mapping[1] == "mobile" and dlg.insert_button.isEnabled()


def test_export_value_in_wan_dollars_blocks_insert_until_the_column_is_ignored(open_dialog, db_path):
    dlg = open_dialog("企业名称\t企业类型\t年出口额（万美元）\r\n台州甲公司\t外贸公司\t12.5\r\n")
    combo = dlg.header.combo(2)
    assert combo.property("invalid") is True and "万美元" in combo.toolTip()
    assert not dlg.insert_button.isEnabled()
    assert "万美元" in dlg.problems.item(0).text()
    ignore = combo.findData(None)
    combo.setCurrentIndex(ignore)
    combo.activated.emit(ignore)
    assert dlg.insert_button.isEnabled() and dlg.header.combo(2).property("invalid") is False


def test_clicking_a_problem_goes_to_its_cell(open_dialog):
    dlg = open_dialog()
    dlg.problems.itemClicked.emit(dlg.problems.item(0))
    assert (dlg.view.currentIndex().row(), dlg.view.currentIndex().column()) == (1, 1)


def test_a_code_registered_meanwhile_is_refused_and_then_marked(
    qtbot, open_dialog, db, db_path, clerk, enterprise_values, monkeypatch
):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    dlg = open_dialog(MIXED.replace(f"{JIEKE[:-1]}X", JIEKE))
    assert dlg.insert_button.isEnabled()
    enterprises.create(db, clerk, enterprise_values(name="同事录入的", credit_code=GOOD_3))
    qtbot.mouseClick(dlg.insert_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.is_inserting(), timeout=10000)
    assert dlg.result() != QDialog.DialogCode.Accepted and dlg.inserted_ids == []
    assert "第3行" in warnings[0] and "同事录入的" in warnings[0]
    assert count(db_path) == 1
    assert dlg.model.data(dlg.model.index(2, 1), Qt.ItemDataRole.BackgroundRole) is not None
    assert not dlg.insert_button.isEnabled()


def test_empty_paste_offers_nothing_to_insert(open_dialog):
    dlg = open_dialog("\r\n\r\n")
    assert dlg.model.rowCount() == 0 and not dlg.insert_button.isEnabled()
