"""The window's backups: File → 备份与恢复…, Settings → 备份设置…, and the automatic backups at start and close.

At start the status bar says when the last good backup was made, and on the first start of the day a backup runs
on a worker (a small progress bar in the status bar; typing is never blocked). A backup that fails says so in the
status bar — once, no dialog. On close after changes (the audit chain moved since the newest backup) the window
waits for one more backup behind a progress dialog, then closes. Kept out of ``main_window.py``, which only calls
:func:`install_backup_actions` and :meth:`BackupActions.hold_close`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QMessageBox, QProgressBar

from jjdesk.services.backup import index, make, schedule
from jjdesk.services.core.errors import ServiceError
from jjdesk.ui import settings, workers
from jjdesk.ui.job_runner import ProgressJob, run_job

if TYPE_CHECKING:
    from jjdesk.ui.shell import WindowShell

FAILURE_MS = 0  # a failed backup stays in the status bar until the next message


def _when(entry: index.BackupEntry) -> str:
    return entry.created.astimezone().strftime("%Y-%m-%d %H:%M")


class BackupActions(QObject):
    """The backup actions and hooks of one main window; build with :func:`install_backup_actions`."""

    def __init__(self, window: WindowShell) -> None:
        super().__init__(window)
        self.window = window
        self.dialog = None
        self.views: list = []  # read-only windows of backups, kept alive while open
        self.worker: workers.Worker | None = None
        self.close_job: ProgressJob | None = None
        self._closing = False
        self._close_waiting = False  # closed while the start-of-day backup ran: close again when it is done
        self.open_dialog_action = self._action("backup_restore", self.tr("&Backup and Restore…"), self.open_dialog)
        self.settings_action = self._action("backup_settings", self.tr("&Backup Settings…"), self.open_settings)
        self.progress = QProgressBar()
        self.progress.setObjectName("backup_progress")
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(140)
        self.progress.setFormat(self.tr("Backing up %p%"))
        self.progress.hide()
        window.statusBar().addWidget(self.progress)
        window.database_changed.connect(self.on_start)  # another ledger: its own backups, its own day

    def _action(self, name: str, text: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"action_{name}")
        action.triggered.connect(lambda _=False: slot())
        self.window.actions_by_name[name] = action
        return action

    def folder(self) -> Path:
        """The backups folder: the one chosen in 备份设置, else ``backups`` beside the database file."""
        chosen = settings.BACKUP_FOLDER.get()
        return Path(chosen).expanduser() if chosen else make.default_folder(self.window.db)

    def _status(self, text: str, timeout: int = 15000) -> None:
        self.window.statusBar().showMessage(text, timeout)

    # ---------------------------------------------------------------- automatic

    def on_start(self) -> None:
        """Say when the last good backup was made; start the day's first backup on a worker when it is due."""
        try:
            folder = self.folder()
        except ServiceError:
            return  # not an SQLite file: nothing to back up (the dialog says why)
        live = make.live_path(self.window.db)
        last = schedule.last_good(folder, live)
        if last is None:
            self._status(self.tr("No verified backup of this ledger yet."), FAILURE_MS)
        else:
            self._status(
                self.tr("Last good backup: %1 (%2)").replace("%1", _when(last)).replace("%2", last.file), 30000
            )
        if settings.AUTO_BACKUP.get() and schedule.due_at_start(folder, source=live):
            self.start_background(index.START)

    def start_background(self, when: str) -> workers.Worker | None:
        """Run the scheduled backup ``when`` on a worker, with the status bar's progress bar; None if one runs."""
        if self.worker is not None:
            return None
        db, actor, folder = self.window.db, self.window.actor, self.folder()
        self.progress.setValue(0)
        self.progress.show()

        def job(control: workers.Control):
            return schedule.run_scheduled(
                db, folder, actor, when, progress=control.progress, should_cancel=lambda: control.cancelled
            )

        self.worker = workers.start(
            job,
            context=self,
            on_finished=self._background_done,
            on_failed=self._background_failed,
            on_progress=lambda done, total: self.progress.setValue(100 * done // max(total, 1)),
        )
        return self.worker

    def _background_done(self, entry: index.BackupEntry | None) -> None:
        self.worker = None
        self.progress.hide()
        if entry is not None:
            made = self.tr("Backed up and verified: %1 (%2)")
            self._status(made.replace("%1", entry.file).replace("%2", entry.counts_text()))
        self._close_if_waiting()

    def _background_failed(self, message: str) -> None:
        self.worker = None
        self.progress.hide()
        self._status(self.tr("Backup failed: %1").replace("%1", message), FAILURE_MS)
        self._close_if_waiting()

    def _close_if_waiting(self) -> None:
        """The window was closed while the start-of-day backup ran: close it now (a close backup follows only if
        something changed since that backup)."""
        if self._close_waiting:
            self._close_waiting = False
            self.window.close()

    def hold_close(self, event: QCloseEvent) -> bool:
        """On close after changes, keep the window open for one more backup (progress, Cancel), then close it.
        True when the close was put off; the window closes itself when the backup is done."""
        if self._closing or not settings.AUTO_BACKUP.get():
            return False
        if self.worker is not None:
            # The start-of-day backup still runs (a window closed soon after it opened): let it finish, then
            # close — two backups of one ledger at once would only fail one of them.
            event.ignore()
            self._close_waiting = True
            return True
        try:
            folder = self.folder()
            due = schedule.due_at_close(self.window.db, folder)
        except ServiceError:
            return False
        if not due:
            return False
        event.ignore()
        db, actor = self.window.db, self.window.actor

        def finish() -> None:
            self._closing = True
            self.window.close()

        def failed(_error, message: str) -> None:
            from jjdesk.ui.app import ENV_EXIT_AFTER_FIRST_PAINT

            if os.environ.get(ENV_EXIT_AFTER_FIRST_PAINT):  # the smoke test has nobody to press OK
                print(f"jjdesk: 关闭前的备份失败：{message}", file=sys.stderr, flush=True)
            else:
                QMessageBox.warning(self.window, self.tr("Backup failed"), message)
            finish()

        self.close_job = run_job(
            self.window,
            self.tr("Backup"),
            self.tr("Backing up today's changes before closing…"),
            lambda progress, should_cancel: schedule.run_scheduled(
                db, folder, actor, index.CLOSE, progress=progress, should_cancel=should_cancel
            ),
            on_finished=lambda _entry: finish(),
            on_failed=failed,
        )
        return True

    # ---------------------------------------------------------------- dialogs

    def open_dialog(self):
        """备份与恢复… (window-modal); a message instead when the ledger is not an SQLite file."""
        from jjdesk.ui.dialogs.backup_dialog import BackupDialog

        try:
            folder = self.folder()
        except ServiceError as exc:
            QMessageBox.information(self.window, self.tr("Backup and Restore"), str(exc))
            return None
        dialog = BackupDialog(self.window.db, self.window.actor, folder, self.open_view, self.window)
        dialog.restored.connect(self._restored)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_view(self, path: Path, entry: index.BackupEntry):
        """打开查看: the backup in a separate, clearly marked read-only window."""
        from jjdesk.services.backup.verify import open_readonly
        from jjdesk.ui.backup_view import BackupViewWindow

        try:
            view_db = open_readonly(path)
        except ServiceError as exc:
            QMessageBox.warning(self.window, self.tr("Open Read-Only"), str(exc))
            return None
        view = BackupViewWindow(view_db, self.window.actor, entry)
        self.views.append(view)
        view.destroyed.connect(lambda *_: self.views.remove(view) if view in self.views else None)
        view.show()
        return view

    def _restored(self, _result) -> None:
        """After a restore the ledger's users are the backup's: sign in again, pages reload from the new content."""
        window = self.window
        if not window.open_database(window.db.url):
            window.refresh_pages()
        self._status(self.tr("The ledger was restored; the previous state is kept as a backup."), 30000)

    def open_settings(self):
        from jjdesk.ui.dialogs.backup_dialog import BackupSettingsDialog

        try:
            default = str(make.default_folder(self.window.db))
        except ServiceError as exc:
            default = str(exc)
        dialog = BackupSettingsDialog(settings.BACKUP_FOLDER.get(), settings.AUTO_BACKUP.get(), default, self.window)

        def save() -> None:
            settings.BACKUP_FOLDER.set(dialog.chosen_folder())
            settings.AUTO_BACKUP.set(dialog.automatic.isChecked())

        dialog.accepted.connect(save)
        self.dialog = dialog
        dialog.open()
        return dialog


def _menu_titled(window: WindowShell, source: str):
    title = QCoreApplication.translate("MainWindow", source)
    for action in window.menuBar().actions():
        if action.menu() is not None and action.text() == title:
            return action.menu()
    return None


def install_backup_actions(window: WindowShell) -> BackupActions:
    """Create the backup actions (File: 备份与恢复… before Quit; Settings: 备份设置…) and schedule the start-up
    backup for when the event loop runs. Call once, after the menus exist."""
    actions = BackupActions(window)
    file_menu = window.menuBar().actions()[0].menu()
    quit_action = window.actions_by_name["quit"]
    file_menu.insertAction(quit_action, actions.open_dialog_action)
    file_menu.insertSeparator(quit_action)
    settings_menu = _menu_titled(window, "&Settings")
    if settings_menu is not None:
        settings_menu.addSeparator()
        settings_menu.addAction(actions.settings_action)
    window.addActions([actions.open_dialog_action, actions.settings_action])
    QTimer.singleShot(0, actions, actions.on_start)  # once the event loop runs; never after the window is gone
    return actions
