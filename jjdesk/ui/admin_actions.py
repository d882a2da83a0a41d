"""The window's account actions: Settings → 用户管理… and 信用代码例外… (administrators), File → 修改我的密码….

Installed with one call from the main window. The administrator actions follow the signed-in user: the window
emits ``actor_changed`` after File → Switch User or Open Database, and :meth:`AdminActions.refresh` then enables
them only for an administrator (others see them disabled with the reason as tooltip). A trigger checks the role
again, and the services check it once more, so a stale menu can never do more than the role allows.

Kept out of ``main_window.py`` so that file only calls :func:`install_admin_actions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox

from jjdesk.services.core.auth import ADMIN

if TYPE_CHECKING:
    from jjdesk.ui.shell import WindowShell


class AdminActions(QObject):
    """The account actions of one main window; see the module docstring. Build with :func:`install_admin_actions`."""

    def __init__(self, window: WindowShell) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QDialog | None = None
        self.manage_users = self._action("manage_users", self.tr("&User Management…"), self.open_users)
        self.code_exceptions = self._action(
            "code_exceptions", self.tr("Credit Code &Exceptions…"), self.open_code_exceptions
        )
        self.change_password = self._action(
            "change_password", self.tr("Change My &Password…"), self.open_change_password
        )
        window.actor_changed.connect(self.refresh)
        self.refresh()

    def _action(self, name: str, text: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"action_{name}")
        action.triggered.connect(lambda _=False: slot())
        self.window.actions_by_name[name] = action
        return action

    def is_admin(self) -> bool:
        return self.window.actor.role == ADMIN

    def refresh(self) -> None:
        """Enable the administrator actions for administrators only; say why they are disabled otherwise."""
        admin = self.is_admin()
        tip = "" if admin else self.tr("Requires administrator rights")
        for action in (self.manage_users, self.code_exceptions):
            action.setEnabled(admin)
            action.setToolTip(tip)  # empty: Qt shows the action's text

    def _refuse(self) -> None:
        QMessageBox.warning(
            self.window,
            self.tr("Requires administrator rights"),
            self.tr("Only an administrator can do this; you are signed in as %1 (%2).")
            .replace("%1", self.window.actor.name)
            .replace("%2", self.window.actor.role_label),
        )

    def _show(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()  # window-modal without a nested event loop
        return dialog

    # ---------------------------------------------------------------- dialogs

    def open_users(self):
        """用户管理 for administrators (window-modal); None, with the reason shown, for anyone else."""
        from jjdesk.ui.dialogs.users_dialog import UsersDialog

        if not self.is_admin():
            self._refuse()
            return None
        return self._show(UsersDialog(self.window.db, self.window.actor, self.window))

    def open_code_exceptions(self):
        """信用代码例外 for administrators; pages are refreshed after a change, since checks may now differ."""
        from jjdesk.ui.dialogs.code_exceptions_dialog import CodeExceptionsDialog

        if not self.is_admin():
            self._refuse()
            return None
        dialog = CodeExceptionsDialog(self.window.db, self.window.actor, self.window)
        dialog.changed.connect(self.window.refresh_pages)
        return self._show(dialog)

    def open_change_password(self):
        """修改我的密码 for whoever is signed in: the old password is asked and checked by the service."""
        from jjdesk.ui.dialogs.users_dialog import SetPasswordDialog

        actor = self.window.actor
        dialog = SetPasswordDialog(self.window.db, actor, actor.name, own=True, parent=self.window)
        dialog.accepted.connect(
            lambda: self.window.statusBar().showMessage(self.tr("Your password was changed."), 8000)
        )
        return self._show(dialog)


def _menu_titled(window: WindowShell, source: str) -> QMenu | None:
    title = QCoreApplication.translate("MainWindow", source)
    for action in window.menuBar().actions():
        if action.menu() is not None and action.text() == title:
            return action.menu()
    return None


def install_admin_actions(window: WindowShell) -> AdminActions:
    """Create the account actions: Settings gets 用户管理 and 信用代码例外 on top, File gets 修改我的密码 after
    Switch User. Call once, after the menus exist."""
    actions = AdminActions(window)
    settings_menu = _menu_titled(window, "&Settings") or window.menuBar().addMenu(
        QCoreApplication.translate("MainWindow", "&Settings")
    )
    first = settings_menu.actions()[0] if settings_menu.actions() else None
    settings_menu.insertAction(first, actions.manage_users)
    settings_menu.insertAction(first, actions.code_exceptions)
    if first is not None:
        settings_menu.insertSeparator(first)
    settings_menu.setToolTipsVisible(True)  # the disabled actions say why
    file_menu = window.menuBar().actions()[0].menu()
    items = file_menu.actions()
    switch = window.actions_by_name.get("switch_user")
    after = items.index(switch) + 1 if switch in items else len(items)
    file_menu.insertAction(items[after] if after < len(items) else None, actions.change_password)
    window.settings_menu = settings_menu
    return actions
