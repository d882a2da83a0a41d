"""Sign-in at start-up, and the first administrator's account on a database that has no users yet.

Users live in the database, so each database asks for its own sign-in (also when the officer switches database).
The dialog only collects input and shows the service's answer; passwords are checked, counted and locked by
``services.core.auth``, and are never kept by the dialog after it closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.core import auth
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import ServiceError
from jjdesk.store.engine import Database
from jjdesk.ui import settings


class LoginDialog(QDialog):
    """Ask for name and password (or, on first run, create the administrator); ``actor`` is set on success."""

    def __init__(self, db: Database, parent: QWidget | None = None, database_label: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setup_mode = auth.needs_setup(db)
        self.setWindowTitle(self.tr("Create administrator") if self.setup_mode else self.tr("Sign in"))
        self.setMinimumWidth(380)

        intro = QLabel(
            self.tr(
                "This database has no users yet. Create the administrator's account: the "
                "administrator adds the other users (data entry, reviewers) afterwards."
            )
            if self.setup_mode
            else self.tr("Sign in to the Jiaojiang Digital Economy Ledger.")
        )
        intro.setWordWrap(True)
        self.database_label = QLabel(database_label)
        self.database_label.setProperty("role", "unit")
        self.database_label.setVisible(bool(database_label))

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("login_name")
        self.display_edit = QLineEdit()
        self.display_edit.setObjectName("login_display_name")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("login_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("login_repeat")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)

        form = QFormLayout()
        form.addRow(self.tr("User name"), self.name_edit)
        if self.setup_mode:
            form.addRow(self.tr("Full name"), self.display_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        if self.setup_mode:
            form.addRow(self.tr("Repeat password"), self.repeat_edit)
            hint = QLabel(self.tr("At least %1 characters, not the user name.").replace("%1", str(auth.MIN_PASSWORD)))
            hint.setProperty("role", "hint")
            form.addRow("", hint)
        else:
            self.display_edit.hide()
            self.repeat_edit.hide()

        self.message_label = QLabel()
        self.message_label.setObjectName("login_message")
        self.message_label.setProperty("role", "error")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create and sign in") if self.setup_mode else self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.database_label)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

        last = settings.LAST_USER.get()
        if last and not self.setup_mode:
            self.name_edit.setText(last)
            self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_accept(self) -> None:
        """Check the input through the services; stay open with the reason when it is refused."""
        name, password = self.name_edit.text().strip(), self.password_edit.text()
        if not name:
            self._fail(self.tr("Please enter the user name."), self.name_edit)
            return
        if not password:
            self._fail(self.tr("Please enter the password."), self.password_edit)
            return
        try:
            if self.setup_mode:
                if password != self.repeat_edit.text():
                    self._fail(self.tr("The two passwords differ."), self.repeat_edit)
                    return
                self.actor = auth.create_first_admin(self.db, name, password, self.display_edit.text().strip())
            else:
                self.actor = auth.authenticate(self.db, name, password)
        except ServiceError as exc:
            self._fail(str(exc), self.password_edit)
            return
        must_change = not self.setup_mode and auth.must_change_password(self.db, self.actor.name)
        if must_change and not self._set_new_password(password):
            self.actor = None
            self._fail(auth.MUST_CHANGE, self.password_edit)
            return
        settings.LAST_USER.set(self.actor.name)
        self.password_edit.clear()
        self.repeat_edit.clear()
        self.accept()

    def _set_new_password(self, current: str) -> bool:
        """After an administrator's reset: the officer sets a password only they know (the one just typed is
        the current one); False when they cancel, and the sign-in does not go through."""
        from jjdesk.ui.dialogs.users_dialog import SetPasswordDialog

        assert self.actor is not None
        dialog = SetPasswordDialog(self.db, self.actor, self.actor.name, own=True, parent=self, reset_notice=True)
        dialog.old_edit.setText(current)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _fail(self, message: str, focus: QLineEdit) -> None:
        self.message_label.setText(message)
        self.message_label.show()
        if focus is self.password_edit or focus is self.repeat_edit:
            focus.clear()
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    @classmethod
    def sign_in(cls, db: Database, parent: QWidget | None = None, database_label: str = "") -> Actor | None:
        """Show the dialog modally; the signed-in Actor, or None when the officer cancels."""
        dialog = cls(db, parent, database_label)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None
