"""打开查看: a backup shown in a window of its own, read-only and marked as such on every side.

It is the main window's shell and pages over the backup file opened read-only (``services.backup.verify``:
SQLite refuses every write, and every write session is refused earlier with a message), with a banner that names
the backup, the title saying 只读, every record form held read-only, and every action that would change data, open
another database or sign in disabled. It makes no backups, remembers no window state and does not join the recent
databases.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from jjdesk.services.backup.index import BackupEntry
from jjdesk.services.core.actor import Actor
from jjdesk.store.engine import Database
from jjdesk.ui.forms.record_form import RecordForm
from jjdesk.ui.main_window import MainWindow

# What a read-only view must not offer (those that exist in this window are disabled).
WRITE_ACTIONS = (
    "open_database",
    "switch_user",
    "new_record",
    "save_current",
    "delete_selected",
    "paste_rows",
    "undo",
    "redo",
    "import_excel",
    "manage_users",
    "code_exceptions",
    "change_password",
    "export_settings",
)


class BackupViewWindow(MainWindow):
    """A backup, read-only, in its own clearly marked window."""

    def __init__(self, db: Database, actor: Actor, entry: BackupEntry, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, parent, sign_in=lambda _db: None)
        self.entry = entry
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        when = entry.created.astimezone().strftime("%Y-%m-%d %H:%M")
        self.setWindowTitle(
            self.tr("READ-ONLY backup %1 (%2) — Jiaojiang Digital Economy Ledger")
            .replace("%1", entry.file)
            .replace("%2", when)
        )
        self.banner = QLabel(
            self.tr("Read-only view of the backup %1 made %2 (signed in: %3). Nothing can be saved here.")
            .replace("%1", entry.file)
            .replace("%2", when)
            .replace("%3", entry.user or "—")
        )
        self.banner.setObjectName("read_only_banner")
        self.banner.setStyleSheet(
            "QLabel#read_only_banner { background: #fff3cd; color: #7a4b00; border-bottom: 2px solid #e0a800;"
            " padding: 6px 10px; font-weight: bold; }"
        )
        body = self.takeCentralWidget()
        wrapper = QWidget()
        layout = QVBoxLayout(wrapper)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(body, 1)
        self.setCentralWidget(wrapper)
        self._disable_writes()

    def _install_backups(self):
        return None  # a backup is never backed up, and closing it never waits for one

    def _remember_recent(self) -> None:
        pass  # a backup is not one of the officer's databases

    def _disable_writes(self) -> None:
        for name in WRITE_ACTIONS:
            action = self.actions_by_name.get(name)
            if action is not None:
                action.setEnabled(False)
        for form in self.findChildren(RecordForm):
            if not getattr(form, "held_read_only", False):
                # A form makes itself editable again whenever it loads a record or starts a new one; here it
                # never may, so its own switch always answers "read-only".
                keep_read_only = form.set_read_only
                form.set_read_only = lambda _read_only, switch=keep_read_only: switch(True)  # type: ignore[method-assign]
                form.held_read_only = True  # type: ignore[attr-defined]
                form.set_read_only(True)

    def _show_page(self, row: int) -> None:
        super()._show_page(row)  # enables what the page offers …
        self._disable_writes()  # … but nothing here may write

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
        self.db.dispose()
