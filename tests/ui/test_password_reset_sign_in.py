"""A password an administrator reset is known to two people: the next sign-in asks for a new one before anything
else — in the window's sign-in dialog and on the command line — and a cancelled change signs nobody in."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from jjdesk.services.core import auth
from jjdesk.services.core.actor import Actor
from jjdesk.ui.dialogs import users_dialog
from jjdesk.ui.dialogs.login import LoginDialog
from tests.cli_helpers import run

ADMIN = Actor("admin", "admin")
RESET = "Reset-by-admin-1"


def _reset_ledger(db):
    auth.create_first_admin(db, "admin", "Admin-pass-1", "管理员")
    auth.create_user(db, ADMIN, "lihua", "entry", "Jiaojiang-2026", "李华")
    assert not auth.must_change_password(db, "lihua")  # created by the administrator: not a reset
    auth.set_password(db, ADMIN, "lihua", RESET)
    assert auth.must_change_password(db, "lihua")


def _sign_in(qtbot, db, password: str) -> LoginDialog:
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("lihua")
    dialog.password_edit.setText(password)
    dialog.try_accept()
    return dialog


def test_the_sign_in_dialog_asks_for_a_new_password_first(qtbot, db, monkeypatch):
    _reset_ledger(db)
    asked: list[str] = []

    def cancel(self):
        asked.append(self.old_edit.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(users_dialog.SetPasswordDialog, "exec", cancel)
    refused = _sign_in(qtbot, db, RESET)
    assert refused.actor is None and auth.MUST_CHANGE in refused.message_label.text()
    assert asked == [RESET]  # the password just typed is the current one: not asked again

    def set_new(self):
        self.passwords.password.setText("Only-mine-2026")
        self.passwords.repeat.setText("Only-mine-2026")
        self.try_accept()
        return self.result()

    monkeypatch.setattr(users_dialog.SetPasswordDialog, "exec", set_new)
    signed = _sign_in(qtbot, db, RESET)
    assert signed.actor == Actor("lihua", "entry") and not auth.must_change_password(db, "lihua")
    assert auth.authenticate(db, "lihua", "Only-mine-2026") == Actor("lihua", "entry")


def test_the_command_line_refuses_work_until_the_password_is_changed(db):
    _reset_ledger(db)
    env = {"JJDESK_DB": db.url, "JJDESK_PASSWORD": RESET}
    assert run("--user", "lihua", "submissions", env=env).returncode == 0  # reading needs no sign-in
    blocked = run(
        "--user", "lihua", "user", "add", "x1", "--role", "entry", "--password-stdin", stdin="Abc-12345\n", env=env
    )
    assert (
        blocked.returncode == 1 and "管理员重置了您的密码" in blocked.stderr and "user passwd lihua" in blocked.stderr
    )
    changed = run("--user", "lihua", "user", "passwd", "lihua", "--password-stdin", stdin="Only-mine-2026\n", env=env)
    assert changed.returncode == 0, changed.stderr
    assert not auth.must_change_password(db, "lihua")
