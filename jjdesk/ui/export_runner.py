"""Write a workbook off the GUI thread with a progress dialog that can cancel, then offer to open it.

Every export service (``exports.lists``, ``exports.view``, ``meeting_pack``, ``imports.report``) writes to a
temporary file beside the target and renames it only when complete, and stops with ``Cancelled`` when
``should_cancel()`` says so. The progress dialog, Cancel and the wait for the service to stop are the shared
``job_runner.ProgressJob`` (the import dialog runs its preview and import the same way), so "cancelled, no file
written" is said only once the temporary file is gone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton, QWidget

from jjdesk.services.core.progress import Cancelled
from jjdesk.services.excel.files import safe_file_name
from jjdesk.ui import settings, workers
from jjdesk.ui.job_runner import ProgressJob

# job(target_path, progress(done, total), should_cancel()) -> ExportResult or Path
ExportJob = Callable[[Path, Callable[[int, int], None], Callable[[], bool]], Any]


def default_file_name(stem: str, day: date | None = None) -> str:
    """平台入驻企业_2026-11-28.xlsx: what the save dialog proposes (a record's name made safe as a file name)."""
    return safe_file_name(f"{stem}_{(day or date.today()).isoformat()}.xlsx")


def last_folder() -> str:
    """Where the officer last saved or opened a workbook (Documents at first)."""
    folder = settings.EXPORT_FOLDER.get()
    if folder and Path(folder).is_dir():
        return folder
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


def remember_folder(path: Path | str) -> None:
    settings.EXPORT_FOLDER.set(str(Path(path).parent))


def reporting_unit() -> str:
    """The 填报单位 this officer exports under (the default, 椒江区经科局, until set)."""
    from jjdesk.services.excel.style import DEFAULT_REPORTING_UNIT

    return settings.REPORTING_UNIT.get() or DEFAULT_REPORTING_UNIT


def set_reporting_unit(text: str) -> None:
    """Store this officer's 填报单位 (empty: back to the default)."""
    settings.REPORTING_UNIT.set(text)


def ask_save_path(parent: QWidget, title: str, file_name: str) -> Path | None:
    """Ask where to save a workbook (``file_name`` proposed in the last folder); None when cancelled."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        title,
        str(Path(last_folder()) / safe_file_name(file_name)),
        QCoreApplication.translate("ExportRunner", "Excel workbook (*.xlsx)"),
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    remember_folder(target)
    return target


def _row_count(result: Any) -> int | None:
    rows = getattr(result, "rows", None)
    return sum(rows.values()) if isinstance(rows, dict) and rows else None


class ExportRunner(QObject):
    """One export in flight: ``ExportRunner(parent, title, job, path).start()``.

    ``state`` goes running → done | cancelled | failed; ``ended`` is emitted with it. ``message_box`` is the
    last message shown (non-blocking, so tests and the officer can carry on).
    """

    ended = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        title: str,
        job: ExportJob,
        path: Path,
        *,
        cancellable: bool = True,
        offer_open: bool = True,
    ) -> None:
        super().__init__(parent)
        self._parent, self.title, self._job, self.path = parent, title, job, Path(path)
        self._cancellable, self._offer_open = cancellable, offer_open
        self.state = "idle"
        self.result: Any = None
        self.job: ProgressJob | None = None
        self.message_box: QMessageBox | None = None

    @property
    def dialog(self) -> QProgressDialog | None:
        """The progress dialog while the export runs."""
        return self.job.dialog if self.job is not None else None

    @property
    def worker(self) -> workers.Worker | None:
        return self.job.worker if self.job is not None else None

    def start(self) -> ExportRunner:
        job, path = self._job, self.path
        self.state = "running"
        self.job = ProgressJob(
            self._parent,
            self.title,
            self.tr("Writing %1…").replace("%1", path.name),
            lambda progress, cancelled: job(path, progress, cancelled),
            on_finished=self._done,
            on_failed=self._failed,
            cancellable=self._cancellable,
            show_counts=True,
        )
        self.job.start()
        return self

    def cancel(self) -> None:
        """Ask the service to stop; the outcome (and the message) follows once it has cleaned up."""
        if self.state == "running" and self.job is not None:
            self.job.cancel()

    def is_running(self) -> bool:
        return self.state == "running"

    # ------------------------------------------------------------ outcome

    def _done(self, result: Any) -> None:
        self.result = result
        self.path = Path(getattr(result, "path", result) or self.path)
        self.state = "done"
        rows = _row_count(result)
        text = self.tr("Saved “%1”.").replace("%1", self.path.name)
        if rows is not None:
            text += "\n" + self.tr("%1 rows written.").replace("%1", f"{rows:,}")
        box = self._box(QMessageBox.Icon.Information, text)
        if self._offer_open:
            open_file = box.addButton(self.tr("Open File"), QMessageBox.ButtonRole.AcceptRole)
            open_folder = box.addButton(self.tr("Open Folder"), QMessageBox.ButtonRole.ActionRole)
            box.addButton(QMessageBox.StandardButton.Close)
            open_file.clicked.connect(self.open_file)
            open_folder.clicked.connect(self.open_folder)
        else:
            box.addButton(QMessageBox.StandardButton.Ok)
        box.setInformativeText(str(self.path.parent))
        box.open()
        self.ended.emit(self.state)

    def _failed(self, error: BaseException | None, message: str) -> None:
        from jjdesk.services.excel.writer import NothingToExport

        if isinstance(error, Cancelled):
            self.state = "cancelled"
            text = self.tr("The export was cancelled; no file was written.")
            icon = QMessageBox.Icon.Information
        elif isinstance(error, NothingToExport):  # the service's own words: which year, which years have data
            self.state = "failed"
            text, icon = message, QMessageBox.Icon.Warning
        else:
            self.state = "failed"
            text = self.tr("The file could not be written.") + "\n" + message
            icon = QMessageBox.Icon.Warning
        box = self._box(icon, text)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.open()
        self.ended.emit(self.state)

    def _box(self, icon: QMessageBox.Icon, text: str) -> QMessageBox:
        box = QMessageBox(icon, self.title, text, QMessageBox.StandardButton.NoButton, self._parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        return box

    def button(self, text: str) -> QPushButton | None:
        """The message box's button labelled ``text`` (for tests and keyboard wiring)."""
        if self.message_box is None:
            return None
        return next((b for b in self.message_box.buttons() if isinstance(b, QPushButton) and b.text() == text), None)

    def open_file(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))


def run_export(
    parent: QWidget,
    title: str,
    file_name: str,
    job: ExportJob,
    *,
    path: Path | None = None,
    cancellable: bool = True,
    offer_open: bool = True,
) -> ExportRunner | None:
    """Ask for the target (unless ``path`` is given), then run ``job`` there; None when the officer cancelled."""
    target = path or ask_save_path(parent, title, file_name)
    if target is None:
        return None
    return ExportRunner(parent, title, job, target, cancellable=cancellable, offer_open=offer_open).start()
