"""用户管理, 修改我的密码 and 信用代码例外 driven through the window on a real database file.

Every sub-dialog opens with ``open()`` (no nested event loop) and is accepted through ``try_accept``, so no modal
``exec()`` runs; the few QInputDialog / QMessageBox statics are monkeypatched where a test reaches them.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from jjdesk.services.core import auth
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import ValidationFailed
from jjdesk.services.families import codes
from jjdesk.services.records import code_exceptions, enterprises
from jjdesk.services.records.validation import check_enterprise
from jjdesk.ui.dialogs.code_exceptions_dialog import CodeExceptionsDialog
from jjdesk.ui.dialogs.users_dialog import AddUserDialog, SetPasswordDialog, UsersDialog
from jjdesk.ui.main_window import MainWindow
from tests.ui.keys import type_text

ADMIN_PASSWORD = "Admin-pass-1"
PASSWORD = "Jiaojiang#2021"
ADMIN = Actor("admin", "admin")


@pytest.fixture
def admin_db(db):
    auth.create_first_admin(db, "admin", ADMIN_PASSWORD, "管理员")
    return db


@pytest.fixture
def warnings(monkeypatch):
    """QMessageBox.warning recorded instead of shown (title, text)."""
    shown: list[tuple[str, str]] = []

    def warning(_parent, title, text, *_args, **_kwargs):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def _window(qtbot, db, actor, sign_in=None):
    window = MainWindow(db, actor, sign_in=sign_in or (lambda _db: None))
    qtbot.addWidget(window)
    window.show()
    return window


def _users_dialog(qtbot, window) -> UsersDialog:
    window.actions_by_name["manage_users"].trigger()
    dialog = window.admin.dialog
    assert isinstance(dialog, UsersDialog) and dialog.isVisible()
    return dialog


def _row_of(dialog: UsersDialog, name: str) -> int:
    return next(r for r in range(dialog.model.rowCount()) if dialog.model.row(r).name == name)


def _cell(dialog: UsersDialog, name: str, column: int) -> str:
    return dialog.model.index(_row_of(dialog, name), column).data()


def _fill_new_user(
    qtbot, add: AddUserDialog, name: str, full_name: str, role: str, password: str, repeat: str | None = None
) -> None:
    qtbot.keyClicks(add.name_edit, name)
    type_text(qtbot, add.display_edit, full_name)
    add.set_role(role)
    qtbot.keyClicks(add.passwords.password, password)
    qtbot.keyClicks(add.passwords.repeat, password if repeat is None else repeat)


# ---------------------------------------------------------------- 用户管理


def test_admin_adds_a_reviewer_who_can_then_sign_in(qtbot, admin_db):
    window = _window(qtbot, admin_db, ADMIN)
    dialog = _users_dialog(qtbot, window)
    assert [dialog.model.row(r).name for r in range(dialog.model.rowCount())] == ["admin"]
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    add = dialog.sub_dialog
    assert isinstance(add, AddUserDialog) and add.isVisible()
    _fill_new_user(qtbot, add, "wangjun", "王军", auth.REVIEWER, PASSWORD)
    assert add.passwords.hint.text() == "Strong enough."
    add.try_accept()
    assert add.result() == AddUserDialog.DialogCode.Accepted
    assert _cell(dialog, "wangjun", 1) == "王军" and _cell(dialog, "wangjun", 2) == "审核员"
    assert _cell(dialog, "wangjun", 3) == "Active" and dialog.selected().name == "wangjun"
    assert "wangjun" in dialog.message_label.text() and dialog.message_label.objectName() == "hintText"
    assert auth.authenticate(admin_db, "wangjun", PASSWORD) == Actor("wangjun", auth.REVIEWER)


def test_weak_or_mistyped_password_is_refused_and_no_user_is_created(qtbot, admin_db):
    window = _window(qtbot, admin_db, ADMIN)
    dialog = _users_dialog(qtbot, window)
    add = dialog.add_user()
    _fill_new_user(qtbot, add, "zhangsan1", "张三", auth.ENTRY, "abc12")
    assert "至少8个字符" in add.passwords.hint.text() and add.passwords.hint.objectName() == "errorText"
    add.try_accept()
    assert add.isVisible() and "密码：至少8个字符" in add.message_label.text()
    add.passwords.clear()
    qtbot.keyClicks(add.passwords.password, "zhangsan1")
    qtbot.keyClicks(add.passwords.repeat, "zhangsan1")
    add.try_accept()
    assert add.isVisible() and "不能与用户名相同" in add.message_label.text()
    add.passwords.clear()
    qtbot.keyClicks(add.passwords.password, PASSWORD)
    qtbot.keyClicks(add.passwords.repeat, PASSWORD + "x")
    assert add.passwords.hint.text() == "The two passwords differ."
    add.try_accept()
    assert add.isVisible() and add.message_label.text() == "The two passwords differ."
    assert [u.name for u in auth.list_users(admin_db, Actor("admin", "admin"))] == ["admin"]
    assert dialog.model.rowCount() == 1


def test_the_last_administrator_cannot_be_demoted_or_disabled(qtbot, admin_db, monkeypatch):
    window = _window(qtbot, admin_db, ADMIN)
    dialog = _users_dialog(qtbot, window)
    assert dialog.selected().name == "admin"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("录入员", True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert not dialog.change_role()
    assert dialog.message_label.text() == "不能停用或降级最后一个管理员。"
    assert dialog.message_label.objectName() == "errorText" and dialog.message_label.isVisible()
    assert not dialog.toggle_active()
    assert dialog.message_label.text() == "不能停用或降级最后一个管理员。"
    [admin] = auth.list_users(admin_db, Actor("admin", "admin"))
    assert (admin.role, admin.active) == (auth.ADMIN, True)
    assert _cell(dialog, "admin", 2) == "管理员" and _cell(dialog, "admin", 3) == "Active"

    # With a second administrator the first still cannot demote themselves (their session would keep the role),
    # but can demote and disable the other one, and enable them again.
    auth.create_user(admin_db, ADMIN, "chenjing", auth.ADMIN, PASSWORD, "陈静")
    dialog.reload()
    assert not dialog.change_role()
    assert "不能修改自己的角色" in dialog.message_label.text()
    dialog.select("chenjing")
    assert dialog.change_role() and _cell(dialog, "chenjing", 2) == "录入员"
    assert dialog.active_button.text() == "Disable"
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    assert _cell(dialog, "chenjing", 3) == "Disabled" and dialog.active_button.text() == "Enable"
    with pytest.raises(auth.AuthFailed, match="已停用"):
        auth.authenticate(admin_db, "chenjing", PASSWORD)
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    assert auth.authenticate(admin_db, "chenjing", PASSWORD) == Actor("chenjing", auth.ENTRY)


def test_a_locked_user_is_unlocked_through_the_dialog_and_can_sign_in(qtbot, admin_db):
    auth.create_user(admin_db, ADMIN, "lihua", auth.ENTRY, PASSWORD, "李华")
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(auth.AuthFailed):
            auth.authenticate(admin_db, "lihua", "wrong-password")
    with pytest.raises(auth.AuthFailed, match="用户名或密码错误"):  # waiting: the same answer as a wrong password
        auth.authenticate(admin_db, "lihua", PASSWORD)
    window = _window(qtbot, admin_db, ADMIN)
    dialog = _users_dialog(qtbot, window)
    assert not dialog.unlock_button.isEnabled()  # the administrator (selected first) is not locked
    dialog.select("lihua")
    assert _cell(dialog, "lihua", 4) != "" and dialog.unlock_button.isEnabled()
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert _cell(dialog, "lihua", 4) == "" and _cell(dialog, "lihua", 5) == "0"
    assert not dialog.unlock_button.isEnabled()
    assert auth.authenticate(admin_db, "lihua", PASSWORD) == Actor("lihua", auth.ENTRY)


def test_reset_password_sets_a_new_one_and_clears_the_lock(qtbot, admin_db):
    auth.create_user(admin_db, ADMIN, "lihua", auth.ENTRY, PASSWORD, "李华")
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(auth.AuthFailed):
            auth.authenticate(admin_db, "lihua", "wrong-password")
    window = _window(qtbot, admin_db, ADMIN)
    dialog = _users_dialog(qtbot, window)
    dialog.select("lihua")
    qtbot.mouseClick(dialog.password_button, Qt.MouseButton.LeftButton)
    reset = dialog.sub_dialog
    assert isinstance(reset, SetPasswordDialog) and not reset.own and not reset.old_edit.isVisible()
    qtbot.keyClicks(reset.passwords.password, "Haimen-Road-88")
    qtbot.keyClicks(reset.passwords.repeat, "Haimen-Road-88")
    reset.try_accept()
    assert reset.result() == SetPasswordDialog.DialogCode.Accepted
    assert _cell(dialog, "lihua", 4) == ""
    assert auth.authenticate(admin_db, "lihua", "Haimen-Road-88") == Actor("lihua", auth.ENTRY)
    with pytest.raises(auth.AuthFailed):
        auth.authenticate(admin_db, "lihua", PASSWORD)


def test_non_administrators_see_the_actions_disabled_and_they_follow_switch_user(qtbot, admin_db, warnings):
    auth.create_user(admin_db, ADMIN, "wangjun", auth.REVIEWER, PASSWORD)
    next_actor: list[Actor] = []
    window = _window(qtbot, admin_db, Actor("wangjun", auth.REVIEWER), sign_in=lambda _db: next_actor.pop())
    users, exceptions = window.actions_by_name["manage_users"], window.actions_by_name["code_exceptions"]
    password = window.actions_by_name["change_password"]
    assert users in window.settings_menu.actions() and exceptions in window.settings_menu.actions()
    assert password in window.menuBar().actions()[0].menu().actions()
    assert not users.isEnabled() and not exceptions.isEnabled() and password.isEnabled()
    assert users.toolTip() == "Requires administrator rights"
    assert window.admin.open_users() is None and window.admin.open_code_exceptions() is None  # checked again
    assert len(warnings) == 2 and "wangjun" in warnings[0][1]

    next_actor.append(ADMIN)
    assert window.switch_user()
    assert users.isEnabled() and exceptions.isEnabled()
    next_actor.append(Actor("lihua", auth.ENTRY))
    assert window.switch_user()
    assert not users.isEnabled() and not exceptions.isEnabled()


def test_change_my_password_needs_the_old_one_and_the_old_one_stops_working(qtbot, admin_db):
    auth.create_user(admin_db, ADMIN, "wangjun", auth.REVIEWER, PASSWORD)
    window = _window(qtbot, admin_db, Actor("wangjun", auth.REVIEWER))
    window.actions_by_name["change_password"].trigger()
    dialog = window.admin.dialog
    assert isinstance(dialog, SetPasswordDialog) and dialog.own and dialog.isVisible()
    qtbot.keyClicks(dialog.passwords.password, "Haimen-Road-88")
    qtbot.keyClicks(dialog.passwords.repeat, "Haimen-Road-88")
    dialog.try_accept()
    assert dialog.isVisible() and dialog.message_label.text() == "Please enter your current password."
    qtbot.keyClicks(dialog.old_edit, "not-my-password")
    dialog.try_accept()
    assert dialog.isVisible() and dialog.message_label.text() == "原密码不正确。" and dialog.old_edit.text() == ""
    qtbot.keyClicks(dialog.old_edit, PASSWORD)
    dialog.try_accept()
    assert dialog.result() == SetPasswordDialog.DialogCode.Accepted
    assert "changed" in window.statusBar().currentMessage()
    with pytest.raises(auth.AuthFailed):
        auth.authenticate(admin_db, "wangjun", PASSWORD)
    assert auth.authenticate(admin_db, "wangjun", "Haimen-Road-88") == Actor("wangjun", auth.REVIEWER)


def test_an_administrator_changing_their_own_password_must_know_the_old_one(qtbot, admin_db):
    window = _window(qtbot, admin_db, ADMIN)
    dialog = window.admin.open_change_password()
    qtbot.keyClicks(dialog.old_edit, "guessed-wrong")
    qtbot.keyClicks(dialog.passwords.password, "Haimen-Road-88")
    qtbot.keyClicks(dialog.passwords.repeat, "Haimen-Road-88")
    dialog.try_accept()
    assert dialog.isVisible() and dialog.message_label.text() == "原密码不正确。"
    assert auth.authenticate(admin_db, "admin", ADMIN_PASSWORD) == ADMIN


# ---------------------------------------------------------------- 信用代码例外


def _one_off(code: str, position: int) -> str:
    """``code`` with the character at ``position`` (0-based) replaced by another valid code character."""
    other = next(c for c in "0123456789" if c != code[position])
    return code[:position] + other + code[position + 1 :]


def test_a_code_exception_registered_in_the_dialog_lets_exactly_that_code_in(qtbot, admin_db, enterprise_values):
    good = codes.make_credit_code("75395496")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")  # fails its check character, like a few early codes
    near = _one_off(bad, 10)
    assert not codes.check_credit_code(bad).ok and not codes.check_credit_code(near).ok
    clerk = Actor("lihua", auth.ENTRY)
    with pytest.raises(ValidationFailed, match="第18位校验码错误"):
        enterprises.create(admin_db, clerk, enterprise_values(credit_code=bad))

    window = _window(qtbot, admin_db, ADMIN)
    window.actions_by_name["code_exceptions"].trigger()
    dialog = window.admin.dialog
    assert isinstance(dialog, CodeExceptionsDialog) and dialog.model.rowCount() == 0

    qtbot.keyClicks(dialog.code_edit, good)
    assert dialog.check_label.text() == "The code passes its check; it needs no exception."
    type_text(qtbot, dialog.reason_edit, "误登记")
    assert not dialog.register_exception()
    assert "无须登记为例外" in dialog.message_label.text() and dialog.model.rowCount() == 0

    dialog.code_edit.clear()
    dialog.reason_edit.clear()
    qtbot.keyClicks(dialog.code_edit, bad.lower())
    assert "第18位校验码错误" in dialog.check_label.text()
    assert not dialog.register_exception()  # no reason
    assert "原因：不能为空" in dialog.message_label.text() and dialog.model.rowCount() == 0
    type_text(qtbot, dialog.reason_edit, "2015年前发放的代码，经市场监管局核实合法")
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 1 and dialog.selected().code == bad
    row = dialog.model.row(0)
    assert (row.by, row.reason) == ("admin", "2015年前发放的代码，经市场监管局核实合法")
    assert dialog.model.index(0, 4).data().startswith("统一社会信用代码第18位校验码错误")
    assert dialog.code_edit.text() == "" and bad in dialog.message_label.text()

    accepted = code_exceptions.accepted_among(admin_db, [bad, near])
    assert accepted == {bad}
    assert check_enterprise(enterprise_values(credit_code=bad), accepted_codes=accepted)["credit_code"] == bad
    with pytest.raises(ValidationFailed, match="校验码错误"):
        check_enterprise(enterprise_values(credit_code=near), accepted_codes=accepted)
    created = enterprises.create(admin_db, clerk, enterprise_values(credit_code=bad))
    assert created["credit_code"] == bad
    with pytest.raises(ValidationFailed, match="校验码错误"):
        enterprises.create(admin_db, clerk, enterprise_values(credit_code=near))


def test_revoking_an_exception_asks_for_a_reason(qtbot, admin_db, monkeypatch):
    bad = codes.make_credit_code("75395496")
    bad = bad[:-1] + ("0" if bad[-1] != "0" else "1")
    code_exceptions.register(admin_db, ADMIN, bad, "早期发放")
    window = _window(qtbot, admin_db, ADMIN)
    dialog = window.admin.open_code_exceptions()
    assert not dialog.revoke_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.revoke_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("  ", True))
    assert not dialog.revoke_selected()
    assert "原因：不能为空" in dialog.message_label.text() and dialog.model.rowCount() == 1
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("复核后撤销", True))
    qtbot.mouseClick(dialog.revoke_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 0 and code_exceptions.list_all(admin_db) == []
    assert code_exceptions.accepted_among(admin_db, [bad]) == frozenset()
