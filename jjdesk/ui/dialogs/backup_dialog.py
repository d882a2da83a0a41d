"""文件 → 备份与恢复… and Settings → 备份设置…: the list of backups and what can be done with one.

Every backup, verification and restore runs through ``job_runner`` (worker, progress, Cancel, the service's
message); the dialog only shows the list and asks. 恢复 is for administrators: it first verifies the file and
shows what will change (counts, the latest change of each kind, submissions the backup does not hold), and only
then, if confirmed, restores. What happens to the window afterwards (re-opening the ledger, the read-only view
of a backup) is the caller's, through ``open_view`` and ``restored``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.backup import index, make, restore, retention
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.auth import ADMIN
from jjdesk.store.engine import Database
from jjdesk.ui.job_runner import ProgressJob, run_job
from jjdesk.ui.models.rows_model import RowColumn, RowsModel


def size_text(n: int) -> str:
    return f"{n / 1_048_576:,.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024):,} KB"


def _count(entry: index.BackupEntry, key: str) -> str:
    return f"{entry.counts[key]:,}" if key in entry.counts else "—"


class BackupDialog(QDialog):
    """The backups of ``folder``: 立即备份, 备份到…, 打开查看 and (administrators) 恢复…."""

    restored = Signal(object)  # restore.RestoreResult, after the live ledger was restored
    backed_up = Signal(object)  # index.BackupEntry, after any backup made here

    def __init__(
        self,
        db: Database,
        actor: Actor,
        folder: Path,
        open_view: Callable[[Path, index.BackupEntry], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.folder, self._open_view = db, actor, Path(folder), open_view
        self.job: ProgressJob | None = None
        self.setWindowTitle(self.tr("Backup and Restore"))
        self.resize(900, 420)
        self.where = QLabel(self.tr("Backups in: %1").replace("%1", str(self.folder)))
        self.where.setWordWrap(True)
        verified_yes, verified_no = self.tr("Yes"), self.tr("No")
        unlisted = self.tr("Not in the index, or changed since: %1")
        self.model = RowsModel(
            [
                RowColumn(self.tr("Time"), lambda e: e.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")),
                RowColumn(self.tr("Size"), lambda e: size_text(e.size), align_right=True),
                RowColumn(self.tr("Enterprises"), lambda e: _count(e, "enterprises"), align_right=True),
                RowColumn(self.tr("Initiatives"), lambda e: _count(e, "initiatives"), align_right=True),
                RowColumn(self.tr("Figures"), lambda e: _count(e, "figures"), align_right=True),
                RowColumn(self.tr("Signed in"), lambda e: e.user or "—"),
                RowColumn(self.tr("Made"), lambda e: e.reason_label or "—"),
                RowColumn(
                    self.tr("Verified"),
                    lambda e: verified_yes if e.verified else verified_no,
                    tooltip=lambda e: e.file if e.verified else unlisted.replace("%1", e.file),
                    colour=lambda e: None if e.verified else "#f8d7da",
                ),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("backup_list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _=None: self.open_selected())

        self.back_up_now = QPushButton(self.tr("Back Up Now"))
        self.back_up_to = QPushButton(self.tr("Back Up To…"))
        self.open_view = QPushButton(self.tr("Open Read-Only"))
        self.restore_button = QPushButton(self.tr("Restore…"))
        close = QPushButton(self.tr("Close"))
        self.back_up_now.clicked.connect(self.back_up)
        self.back_up_to.clicked.connect(self.back_up_elsewhere)
        self.open_view.clicked.connect(self.open_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        close.clicked.connect(self.reject)
        if actor.role != ADMIN:
            self.restore_button.setEnabled(False)
            self.restore_button.setToolTip(self.tr("Requires administrator rights"))
        buttons = QHBoxLayout()
        for b in (self.back_up_now, self.back_up_to, self.open_view, self.restore_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.message = QLabel()
        self.message.setObjectName("backup_message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.refresh()

    # ---------------------------------------------------------------- list

    def refresh(self) -> None:
        self.model.set_rows(index.list_backups(self.folder))
        if self.model.rowCount():
            self.table.selectRow(0)
        self._enable()

    def selected(self) -> index.BackupEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _enable(self) -> None:
        chosen = self.selected()
        self.open_view.setEnabled(chosen is not None)
        self.restore_button.setEnabled(chosen is not None and self.actor.role == ADMIN)

    def _say(self, text: str) -> None:
        self.message.setText(text)

    # ---------------------------------------------------------------- backing up

    def back_up(self) -> None:
        """立即备份 into the backups folder, which is then pruned like the automatic backups."""

        def job(progress, should_cancel):
            entry = make.make_backup(self.db, self.folder, self.actor, progress=progress, should_cancel=should_cancel)
            retention.prune(self.folder)
            return entry

        self._back_up(job, self.folder)

    def back_up_elsewhere(self) -> None:
        """备份到… a folder the officer chooses (a USB stick, an archive share); never pruned."""
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Back Up To"), str(self.folder))
        if not chosen:
            return
        target = Path(chosen)

        def job(progress, should_cancel):
            return make.make_backup(self.db, target, self.actor, progress=progress, should_cancel=should_cancel)

        self._back_up(job, target)

    def _back_up(self, job, target: Path) -> None:
        def done(entry: index.BackupEntry) -> None:
            self.refresh()
            self._say(
                self.tr("Backed up and verified: %1 (%2)")
                .replace("%1", str(target / entry.file))
                .replace("%2", entry.counts_text())
            )
            self.backed_up.emit(entry)

        self.job = run_job(
            self,
            self.tr("Backup"),
            self.tr("Backing up and verifying the ledger…"),
            job,
            on_finished=done,
            on_failed=lambda _error, message: self._say(message),
        )

    # ---------------------------------------------------------------- looking and restoring

    def open_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._open_view(self.folder / entry.file, entry)

    def restore_selected(self) -> None:
        """Verify the chosen backup and show what will change; restore only when the administrator confirms."""
        entry = self.selected()
        if entry is None or self.actor.role != ADMIN:
            return
        path = self.folder / entry.file
        self.job = run_job(
            self,
            self.tr("Restore"),
            self.tr("Verifying the backup…"),
            lambda _progress, _cancel: restore.plan_restore(self.db, path),
            on_finished=self._confirm_restore,
            on_failed=lambda _error, message: self._say(message),
            cancellable=False,
        )

    def _confirm_restore(self, plan: restore.RestorePlan) -> None:
        text = "\n".join(plan.lines())
        answer = QMessageBox.question(
            self,
            self.tr("Restore this backup?"),
            self.tr("Restoring replaces the whole ledger with this backup.") + "\n\n" + text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self._say(self.tr("Not restored; nothing was changed."))
            return

        def done(result: restore.RestoreResult) -> None:
            self.refresh()
            self._say(
                self.tr("Restored from %1. The ledger as it was is backed up as %2.")
                .replace("%1", plan.backup.name)
                .replace("%2", result.before_restore.file)
            )
            self.restored.emit(result)

        def failed(_error: BaseException | None, message: str) -> None:
            self.refresh()  # a cancelled restore still made its pre-restore backup
            self._say(message)

        self.job = run_job(
            self,
            self.tr("Restore"),
            self.tr("Backing up the current ledger, then restoring…"),
            lambda progress, should_cancel: restore.restore_backup(
                self.db, plan.backup, self.actor, self.folder, progress=progress, should_cancel=should_cancel
            ),
            on_finished=done,
            on_failed=failed,
        )


class BackupSettingsDialog(QDialog):
    """备份设置: automatic backups on or off, and the folder they go to (blank: beside the database)."""

    def __init__(self, folder: str, automatic: bool, default_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Backup Settings"))
        self.setMinimumWidth(560)
        self.automatic = QCheckBox(
            self.tr("Back up automatically (first start of each day, and on closing after changes)")
        )
        self.automatic.setChecked(automatic)
        self.folder = QLineEdit(folder)
        self.folder.setPlaceholderText(default_folder)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        hint = QLabel(
            self.tr(
                "Leave the folder blank to keep backups beside the database (%1). "
                "A network share or a USB drive can be chosen."
            ).replace("%1", default_folder)
        )
        hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow(self.automatic)
        form.addRow(self.tr("Backup folder:"), row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Backup Folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def chosen_folder(self) -> str:
        return self.folder.text().strip()

    def try_accept(self) -> bool:
        """Accept unless the folder names an existing file (a folder that does not exist yet is made later)."""
        text = self.chosen_folder()
        if text and Path(text).expanduser().exists() and not Path(text).expanduser().is_dir():
            self.error.setText(self.tr("“%1” is a file, not a folder.").replace("%1", text))
            return False
        self.accept()
        return True
