"""用户管理 (administrators) and 修改我的密码 (everyone): thin dialogs over ``services.core.auth``.

The service decides everything — who may do what, password strength, the last administrator, locks — and the
dialogs show its Chinese refusal as it is, leaving the user list unchanged. Sub-dialogs open window-modal with
``open()`` and keep their accept logic in ``try_accept`` so they can be driven without a blocking ``exec()``.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.core import audit, auth
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import ServiceError
from jjdesk.services.core.vocab import ROLES
from jjdesk.store.engine import Database
from jjdesk.ui.models.rows_model import RowColumn, RowsModel
from jjdesk.ui.widgets.tables import fit_columns, setup_table

LOCKED_COLOUR, INACTIVE_COLOUR = "#fde2e1", "#d9dee5"


def local_time(value: datetime | None) -> str:
    """A stored UTC time as the officer's wall-clock time, to the minute."""
    if value is None:
        return ""
    aware = value if value.tzinfo else value.replace(tzinfo=audit.utcnow().tzinfo)
    return aware.astimezone().strftime("%Y-%m-%d %H:%M")


def user_columns() -> list[RowColumn]:
    active = QCoreApplication.translate("UsersDialog", "Active")
    disabled = QCoreApplication.translate("UsersDialog", "Disabled")
    return [
        RowColumn(QCoreApplication.translate("UsersDialog", "User name"), lambda u: u.name),
        RowColumn(QCoreApplication.translate("UsersDialog", "Full name"), lambda u: u.display_name),
        RowColumn(QCoreApplication.translate("UsersDialog", "Role"), lambda u: u.role_label),
        RowColumn(
            QCoreApplication.translate("UsersDialog", "Status"),
            lambda u: active if u.active else disabled,
            colour=lambda u: None if u.active else INACTIVE_COLOUR,
        ),
        RowColumn(
            QCoreApplication.translate("UsersDialog", "Locked until"),
            lambda u: local_time(u.locked_until) if u.is_locked() else "",
            colour=lambda u: LOCKED_COLOUR if u.is_locked() else None,
        ),
        RowColumn(
            QCoreApplication.translate("UsersDialog", "Failed attempts"), lambda u: u.failed_attempts, align_right=True
        ),
        RowColumn(QCoreApplication.translate("UsersDialog", "Created"), lambda u: local_time(u.created_at)),
    ]


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _message_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, text: str, error: bool) -> None:
    """Show ``text`` (hidden when empty) in red for a refusal, green otherwise."""
    # The style sheet colours labels by object name (errorText red, hintText green).
    label.setObjectName("errorText" if error else "hintText")
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)
    label.setVisible(bool(text))


class PasswordFields:
    """New password, its repetition and a live strength hint (the service's own rule, so they never disagree)."""

    def __init__(self, form: QFormLayout, name_of) -> None:
        self.name_of = name_of
        self.password = _password_edit("password_new")
        self.repeat = _password_edit("password_repeat")
        self.hint = QLabel()
        self.hint.setObjectName("hintText")
        self.hint.setWordWrap(True)
        form.addRow(QCoreApplication.translate("UsersDialog", "Password"), self.password)
        form.addRow(QCoreApplication.translate("UsersDialog", "Repeat password"), self.repeat)
        form.addRow("", self.hint)
        self.password.textChanged.connect(self.update_hint)
        self.repeat.textChanged.connect(self.update_hint)
        self.update_hint()

    def problem(self) -> str:
        """What is wrong with the new password as typed ('' when the service would accept it)."""
        text = self.password.text()
        try:
            auth.check_password_strength(self.name_of(), text)
        except ServiceError as exc:
            return str(exc)
        if self.repeat.text() and self.repeat.text() != text:
            return QCoreApplication.translate("UsersDialog", "The two passwords differ.")
        return ""

    def update_hint(self) -> None:
        rule = QCoreApplication.translate("UsersDialog", "At least %1 characters, not the user name.")
        rule = rule.replace("%1", str(auth.MIN_PASSWORD))
        if not self.password.text():
            show_message(self.hint, rule, error=False)
            return
        problem = self.problem()
        strong = QCoreApplication.translate("UsersDialog", "Strong enough.")
        show_message(self.hint, problem or strong, error=bool(problem))

    def matching(self) -> bool:
        return self.password.text() == self.repeat.text()

    def clear(self) -> None:
        self.password.clear()
        self.repeat.clear()

    def refused(self, label: QLabel, message: str) -> None:
        """Show the service's refusal; the live hint steps aside when it already said the same."""
        show_message(label, message, error=True)
        if self.hint.text() == message:
            self.hint.hide()


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("UsersDialog", "Cancel"))
    box.accepted.connect(dialog.try_accept)  # type: ignore[attr-defined]
    box.rejected.connect(dialog.reject)
    return box


class AddUserDialog(QDialog):
    """添加用户: name, full name, role and a password typed twice; ``user`` is the created UserInfo."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.user: auth.UserInfo | None = None
        self.setWindowTitle(self.tr("Add User"))
        self.setMinimumWidth(420)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("user_name")
        self.name_edit.setMaxLength(32)
        self.display_edit = QLineEdit()
        self.display_edit.setObjectName("user_display_name")
        self.display_edit.setMaxLength(32)
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("user_role")
        for code, label in ROLES.items():
            self.role_combo.addItem(label, code)
        self.role_combo.setCurrentIndex(self.role_combo.findData(auth.ENTRY))
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.name_edit)
        form.addRow(self.tr("Full name"), self.display_edit)
        form.addRow(self.tr("Role"), self.role_combo)
        self.passwords = PasswordFields(form, lambda: self.name_edit.text().strip())
        self.name_edit.textChanged.connect(self.passwords.update_hint)
        self.message_label = _message_label("errorText")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(_buttons(self, self.tr("Add")))

    def set_role(self, role: str) -> None:
        self.role_combo.setCurrentIndex(self.role_combo.findData(role))

    def try_accept(self) -> None:
        """Create the user through the service; stay open with its reason when refused."""
        if not self.passwords.matching():
            self.passwords.refused(self.message_label, self.tr("The two passwords differ."))
            return
        try:
            self.user = auth.create_user(
                self.db,
                self.actor,
                self.name_edit.text().strip(),
                self.role_combo.currentData(),
                self.passwords.password.text(),
                self.display_edit.text().strip(),
            )
        except ServiceError as exc:
            self.passwords.refused(self.message_label, str(exc))
            return
        self.passwords.clear()
        self.accept()


class SetPasswordDialog(QDialog):
    """A new password for ``name``: one's own (the old password is asked and checked) or, for an
    administrator, anyone's (which also clears that user's lock)."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        name: str,
        own: bool,
        parent: QWidget | None = None,
        *,
        reset_notice: bool = False,
    ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.name, self.own = db, actor, name, own
        self.setWindowTitle(self.tr("Change My Password") if own else self.tr("Reset Password"))
        self.setMinimumWidth(420)
        intro = QLabel(
            self.tr("An administrator reset your password. Set one that only you know to continue.")
            if reset_notice
            else self.tr("Signed in as %1.").replace("%1", name)
            if own
            else self.tr(
                "Set a new password for %1. The user's lock is cleared; tell them the new password in person."
            ).replace("%1", name)
        )
        intro.setWordWrap(True)
        self.old_edit = _password_edit("password_old")
        form = QFormLayout()
        if own and not reset_notice:  # after a reset the password just typed at sign-in is the current one
            form.addRow(self.tr("Current password"), self.old_edit)
        else:
            self.old_edit.hide()
        self.passwords = PasswordFields(form, lambda: name)
        self.message_label = _message_label("errorText")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(_buttons(self, self.tr("Change Password") if own else self.tr("Set Password")))

    def try_accept(self) -> None:
        if self.own and not self.old_edit.text():
            show_message(self.message_label, self.tr("Please enter your current password."), error=True)
            self.old_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not self.passwords.matching():
            self.passwords.refused(self.message_label, self.tr("The two passwords differ."))
            return
        try:
            auth.set_password(
                self.db,
                self.actor,
                self.name,
                self.passwords.password.text(),
                old_password=self.old_edit.text() if self.own else None,
            )
        except ServiceError as exc:
            self.passwords.refused(self.message_label, str(exc))
            if self.own:
                self.old_edit.clear()
            return
        self.old_edit.clear()
        self.passwords.clear()
        self.accept()


class UsersDialog(QDialog):
    """The user list with add, role, name, password, unlock and enable/disable; every change goes through
    ``services.core.auth`` and the list is re-read afterwards."""

    changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.sub_dialog: QDialog | None = None
        self.setWindowTitle(self.tr("User Management"))
        self.resize(860, 460)

        intro = QLabel(
            self.tr(
                "Data entry clerks enter and submit, reviewers approve, return and reopen, "
                "administrators manage users and settings. Passwords are kept only as salted "
                "scrypt hashes: nobody can read them, a forgotten one is reset here."
            )
        )
        intro.setWordWrap(True)
        self.model = RowsModel(user_columns(), self)
        self.table = QTableView()
        self.table.setObjectName("users_table")
        setup_table(self.table, self.model)

        self.add_button = self._button("add_user", self.tr("Add User…"), self.add_user)
        self.role_button = self._button("change_role", self.tr("Change Role…"), self.change_role)
        self.name_button = self._button("change_name", self.tr("Change Full Name…"), self.change_name)
        self.password_button = self._button("reset_password", self.tr("Reset Password…"), self.reset_password)
        self.unlock_button = self._button("unlock", self.tr("Unlock"), self.unlock_selected)
        self.active_button = self._button("toggle_active", self.tr("Disable"), self.toggle_active)
        row = QHBoxLayout()
        for button in (
            self.add_button,
            self.role_button,
            self.name_button,
            self.password_button,
            self.unlock_button,
            self.active_button,
        ):
            row.addWidget(button)
        row.addStretch(1)

        self.message_label = _message_label("errorText")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message_label)
        layout.addWidget(close)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    def _button(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _=False: slot())
        return button

    # ---------------------------------------------------------------- list

    def reload(self, select: str | None = None) -> None:
        """Re-read the users and keep (or move) the selection on ``select`` or the previously selected name."""
        current = select or (self.selected().name if self.selected() else None)
        self.model.set_rows(auth.list_users(self.db, self.actor))
        fit_columns(self.table, 220)
        self.select(current or self.actor.name)
        self._update_buttons()

    def select(self, name: str) -> bool:
        for r in range(self.model.rowCount()):
            if self.model.row(r).name == name:
                self.table.selectRow(r)
                return True
        return False

    def selected(self) -> auth.UserInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        user = self.selected()
        for button in (self.role_button, self.name_button, self.password_button, self.active_button):
            button.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and (user.is_locked() or user.failed_attempts > 0))
        self.active_button.setText(self.tr("Enable") if user is not None and not user.active else self.tr("Disable"))

    def _done(self, text: str, select: str | None = None) -> None:
        self.reload(select)
        show_message(self.message_label, text, error=False)
        self.changed.emit()

    def _refused(self, exc: ServiceError) -> None:
        self.reload()
        show_message(self.message_label, str(exc), error=True)

    # ---------------------------------------------------------------- actions

    def add_user(self) -> AddUserDialog:
        """Open 添加用户 (window-modal); the list shows the new user when it is created."""
        dialog = AddUserDialog(self.db, self.actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._done(
                self.tr("User %1 added as %2.").replace("%1", dialog.user.name).replace("%2", dialog.user.role_label),
                dialog.user.name,
            )
        )
        self.sub_dialog = dialog
        dialog.open()
        return dialog

    def change_role(self) -> bool:
        user = self.selected()
        if user is None:
            return False
        labels = list(ROLES.values())
        label, ok = QInputDialog.getItem(
            self,
            self.tr("Change Role"),
            self.tr("New role for %1:").replace("%1", user.name),
            labels,
            labels.index(user.role_label),
            False,
        )
        if not ok or label == user.role_label:
            return False
        return self.set_role(user.name, next(code for code, text in ROLES.items() if text == label))

    def set_role(self, name: str, role: str) -> bool:
        try:
            info = auth.update_user(self.db, self.actor, name, role=role)
        except ServiceError as exc:
            self._refused(exc)
            return False
        self._done(self.tr("%1 is now %2.").replace("%1", name).replace("%2", info.role_label), name)
        return True

    def change_name(self) -> bool:
        user = self.selected()
        if user is None:
            return False
        text, ok = QInputDialog.getText(
            self,
            self.tr("Change Full Name"),
            self.tr("Full name of %1:").replace("%1", user.name),
            QLineEdit.EchoMode.Normal,
            user.display_name,
        )
        if not ok or text.strip() == user.display_name:
            return False
        try:
            auth.update_user(self.db, self.actor, user.name, display_name=text)
        except ServiceError as exc:
            self._refused(exc)
            return False
        self._done(self.tr("Full name of %1 changed.").replace("%1", user.name), user.name)
        return True

    def reset_password(self) -> SetPasswordDialog | None:
        """Open 重设密码 for the selected user (window-modal); the service also clears their lock."""
        user = self.selected()
        if user is None:
            return None
        dialog = SetPasswordDialog(self.db, self.actor, user.name, own=user.name == self.actor.name, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._done(self.tr("New password set for %1.").replace("%1", user.name), user.name)
        )
        self.sub_dialog = dialog
        dialog.open()
        return dialog

    def unlock_selected(self) -> bool:
        user = self.selected()
        if user is None:
            return False
        try:
            auth.unlock(self.db, self.actor, user.name)
        except ServiceError as exc:
            self._refused(exc)
            return False
        self._done(self.tr("%1 is unlocked and may sign in again.").replace("%1", user.name), user.name)
        return True

    def toggle_active(self) -> bool:
        """停用 (after a confirmation: the user can no longer sign in) or 启用 the selected user."""
        user = self.selected()
        if user is None:
            return False
        if user.active:
            answer = QMessageBox.question(
                self,
                self.tr("Disable User"),
                self.tr("Disable %1? They can no longer sign in; their records and history stay.").replace(
                    "%1", user.name
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            auth.update_user(self.db, self.actor, user.name, active=not user.active)
        except ServiceError as exc:
            self._refused(exc)
            return False
        done = self.tr("%1 is disabled.") if user.active else self.tr("%1 is enabled.")
        self._done(done.replace("%1", user.name), user.name)
        return True
