"""Import enterprises or yearly statistics from an .xlsx/.csv file: preview every problem, then all or nothing.

The dialog only drives the services: ``excel_import.preview_enterprises`` / ``stat_import.preview_statistics``
read and check the file on a worker (progress and Cancel), the problems are listed by row and column as the
services word them, duplicates by credit code are handled as the officer chooses (update / skip / stop), and
columns the header matching did not recognise can be mapped by hand (``ColumnMappingDialog`` for enterprises,
``StatMappingDialog`` for statistics, long or wide), which previews the file again with ``mapping=``. Import is
enabled only with zero problems and writes in one transaction on a worker; a refused file (zip bomb, macros,
password) shows the service's own Chinese message. Jobs run through ``job_runner.ProgressJob`` like exports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.progress import Cancelled
from jjdesk.services.imports import enterprises as excel_import
from jjdesk.services.imports import mapping as import_mapping
from jjdesk.services.imports import statistics as stat_import
from jjdesk.services.imports import statistics_mapping
from jjdesk.services.imports.common import ImportRefused, ImportResult, NoDataRows, RowError
from jjdesk.services.records import statistics
from jjdesk.store.engine import Database
from jjdesk.ui import workers
from jjdesk.ui.dialogs.column_mapping import ColumnMappingDialog
from jjdesk.ui.dialogs.import_panels import (
    DuplicateChoice,
    ProblemTable,
    ReasonBox,
    counts_text,
    dropped_file,
    preview_status,
    reason_hint,
)
from jjdesk.ui.dialogs.stat_mapping_dialog import StatMappingDialog
from jjdesk.ui.export_runner import last_folder, remember_folder, run_export
from jjdesk.ui.job_runner import JobFn, ProgressJob
from jjdesk.ui.pages.context import IMPORT_ENTERPRISES, IMPORT_STATISTICS

ENTERPRISES, STATISTICS = IMPORT_ENTERPRISES, IMPORT_STATISTICS  # the kinds a page names (PageOffers)


class ImportDialog(QDialog):
    """``ImportDialog(db, actor, parent, kind=ENTERPRISES)``; ``set_file(path)`` or 选择文件 starts a preview.

    ``imported`` is emitted with the :class:`ImportResult` once records were written. ``state`` is one of
    idle, checking, ready, problems, refused, importing, imported — tests and the window read it.
    """

    imported = Signal(object)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, kind: str = ENTERPRISES) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.path: Path | None = None
        self.preview: Any = None  # EnterprisePreview or StatPreview
        self.mapping: dict[int, str] | None = None
        self.mapping_layout: str | None = None  # statistics: long or wide, as chosen in the mapping dialog
        self.state = "idle"
        self.result: ImportResult | None = None
        self.job: ProgressJob | None = None
        self.mapping_dialog: ColumnMappingDialog | StatMappingDialog | None = None
        # The columns of a file whose header was not found (enterprises: a list; statistics: StatColumns).
        self._file_columns: Any = None
        self._commit_errors: list[RowError] | None = None  # found by the import itself (changed since the preview)
        self._errors_cache: tuple[tuple[int, str], list[RowError]] | None = None
        self.setWindowTitle(self.tr("Import from Excel"))
        self.resize(1000, 640)

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("importKind")
        self.kind_combo.addItem(self.tr("Enterprises"), ENTERPRISES)
        self.kind_combo.addItem(self.tr("Yearly statistics"), STATISTICS)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("importFile")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("Choose an .xlsx or .csv file"))
        self.choose_button = QPushButton(self.tr("Choose File…"))
        self.choose_button.setAutoDefault(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Import")))
        top.addWidget(self.kind_combo)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("File")))
        top.addWidget(self.file_edit, 1)
        top.addWidget(self.choose_button)

        # Enterprises: what to do with a credit code that is already registered.
        self.duplicate_box = DuplicateChoice()
        self.duplicate_buttons = self.duplicate_box.buttons
        # Statistics: a final (最终核实) figure changes only with a reason.
        self.reason_box = ReasonBox()
        self.reason_edit = self.reason_box.edit

        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts = QLabel()
        self.counts.setObjectName("countLabel")
        self.notes = QLabel()
        self.notes.setObjectName("countLabel")
        self.notes.setWordWrap(True)

        self.problem_view = ProblemTable()
        self.problems = self.problem_view.problems

        self.map_button = QPushButton(self.tr("Map Columns…"))
        self.map_button.setObjectName("mapColumns")
        self.report_button = QPushButton(self.tr("Save Error Report…"))
        self.report_button.setObjectName("saveReport")
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("importButton")
        self.close_button = QPushButton(self.tr("Close"))
        for button in (self.map_button, self.report_button, self.import_button, self.close_button):
            button.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.map_button)
        bottom.addWidget(self.report_button)
        bottom.addStretch(1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.duplicate_box)
        layout.addWidget(self.reason_box)
        layout.addWidget(self.status)
        layout.addWidget(self.counts)
        layout.addWidget(self.notes)
        layout.addWidget(self.problem_view, 1)
        layout.addLayout(bottom)

        self.choose_button.clicked.connect(self.choose_file)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.duplicate_box.changed.connect(self._show)
        self.reason_edit.editingFinished.connect(self._reason_changed)
        self.map_button.clicked.connect(self.map_columns)
        self.report_button.clicked.connect(self.save_report)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        self._last_reason = ""
        self.setAcceptDrops(True)  # a file dragged from the desktop or a mail attachment previews at once
        self._show()

    # ------------------------------------------------------------------ choices

    @property
    def kind(self) -> str:
        return self.kind_combo.currentData()

    def on_duplicate(self) -> str:
        return self.duplicate_box.mode()

    def set_on_duplicate(self, mode: str) -> None:
        self.duplicate_box.set_mode(mode)
        self._show()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose File to Import"), last_folder(), self.tr("Excel or CSV (*.xlsx *.csv);;All files (*)")
        )
        if path:
            remember_folder(path)
            self.set_file(path)

    def set_file(self, path: Path | str) -> None:
        """Preview ``path`` (column mapping starts afresh)."""
        self.path = Path(path)
        self.file_edit.setText(str(self.path))
        self.mapping = self.mapping_layout = None
        self.run_preview()

    def dragEnterEvent(self, event) -> None:
        if not self.is_busy() and dropped_file(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = dropped_file(event)
        if path and not self.is_busy():
            event.acceptProposedAction()
            self.set_file(path)

    def _kind_changed(self) -> None:
        self.mapping = self.mapping_layout = None
        if self.path is not None:
            self.run_preview()
        else:
            self._show()

    def _reason_changed(self) -> None:
        reason = self.reason_box.reason()
        if reason != self._last_reason and self.kind == STATISTICS and self.path is not None:
            self.run_preview()

    # ------------------------------------------------------------------ running jobs

    def _run(self, label: str, fn: JobFn, on_done, on_error) -> None:
        """Run ``fn(progress, should_cancel)`` on a worker behind a cancellable progress dialog."""
        self.job = ProgressJob(self, self.windowTitle(), label, fn, on_finished=on_done, on_failed=on_error).start()
        self._show()

    @property
    def busy(self) -> QProgressDialog | None:
        """The progress dialog of the running preview or import."""
        return self.job.dialog if self.job is not None else None

    def cancel_job(self) -> None:
        """Cancel the running preview or import; the service stops and writes nothing."""
        if self.job is not None:
            self.job.cancel()

    def is_busy(self) -> bool:
        return self.job is not None and self.job.is_running()

    # ------------------------------------------------------------------ preview

    def run_preview(self) -> None:
        """Read and check the file on a worker; nothing is written."""
        if self.path is None or self.is_busy():
            return
        db, path, kind, mapping, layout = self.db, self.path, self.kind, self.mapping, self.mapping_layout
        reason, hint = self.reason_box.reason(), reason_hint()
        self._last_reason = reason
        self.preview, self.result, self._file_columns, self._commit_errors = None, None, None, None
        self._errors_cache = None
        self.state = "checking"

        def job(progress, should_cancel):
            if kind == ENTERPRISES:
                return excel_import.preview_enterprises(
                    db, path, mapping=mapping, progress=progress, should_cancel=should_cancel
                )
            return stat_import.preview_statistics(
                db,
                path,
                reason=reason,
                mapping=mapping,
                layout=layout,
                progress=progress,
                should_cancel=should_cancel,
                reason_hint=hint,
            )

        self._run(self.tr("Checking “%1”…").replace("%1", path.name), job, self._previewed, self._preview_failed)

    def _previewed(self, preview: Any) -> None:
        self.preview = preview
        self.state = "ready" if not self.errors() and self.row_count() else "problems"
        self._show()

    def _preview_failed(self, error: BaseException | None, message: str) -> None:
        self.preview = None
        if isinstance(error, Cancelled):
            self.state = "idle"
            self._show(self.tr("Checking was cancelled; choose the file again to check it."))
            return
        self.state = "refused"
        self._show(message)
        if isinstance(error, ImportRefused) and not isinstance(error, NoDataRows) and self.path is not None:
            self._load_file_columns()  # a header-only file needs no mapping: it has nothing to map

    def _load_file_columns(self) -> None:
        """The header was not found: read the file's header row so its columns can be mapped by hand."""
        db, path, kind = self.db, self.path, self.kind

        def job(_control):
            try:
                if kind == ENTERPRISES:
                    return import_mapping.columns_of_file(path)
                return statistics_mapping.columns_of_file(path, {c["unit"] for c in statistics.catalogue(db)})
            except ImportRefused:
                return None

        def done(columns):
            if path == self.path and kind == self.kind and self.state == "refused" and columns:
                self._file_columns = columns
                hint = self.tr("Click “Map Columns…” to choose what each column of the file holds.")
                self.status.setText(self.status.text() + "\n" + hint)
                self._show_buttons()

        workers.start(job, context=self, on_finished=done)

    # ------------------------------------------------------------------ what the preview says

    def errors(self) -> list[RowError]:
        """Every problem that keeps the file from being imported, as the services word them."""
        if self._commit_errors is not None:
            return list(self._commit_errors)
        if self.preview is None:
            return []
        if self.kind != ENTERPRISES:
            return list(self.preview.errors)
        key = (id(self.preview), self.on_duplicate())
        if self._errors_cache is None or self._errors_cache[0] != key:  # a 100,000-row preview takes a moment
            self._errors_cache = (key, self.preview.errors(self.on_duplicate()))
        return list(self._errors_cache[1])

    def row_count(self) -> int:
        p = self.preview
        return 0 if p is None else len(p.rows) if self.kind == ENTERPRISES else p.rows

    def counts_text(self) -> str:
        return counts_text(self.preview, self.kind == ENTERPRISES, self.on_duplicate(), len(self.errors()))

    def _show(self, message: str | None = None) -> None:
        """Bring every label, list and button in line with the state and the preview."""
        enterprises = self.kind == ENTERPRISES
        self.duplicate_box.setVisible(enterprises)
        self.reason_box.setVisible(not enterprises)
        errors = self.errors()
        if self.preview is not None and self.state in ("ready", "problems"):
            self.state = "ready" if not errors and self.row_count() else "problems"
        warnings = self.preview.warnings if self.kind == STATISTICS and self.preview is not None else []
        self.problem_view.set_problems(errors, warnings)
        has_preview = self.preview is not None
        self.counts.setVisible(has_preview)
        self.notes.setVisible(has_preview and bool(self.preview.notes))
        if has_preview:
            self.counts.setText(self.counts_text())
            self.notes.setText("\n".join(self.tr("Note: %1").replace("%1", n) for n in self.preview.notes))
        if message is not None:
            text, good = message, False
        elif self.state == "idle":
            text, good = (
                self.tr(
                    "Choose what to import and the file. The file is checked first; nothing is "
                    "written until you click Import."
                ),
                True,
            )
        elif self.state == "checking":
            text, good = self.tr("Checking the file…"), True
        elif self.state == "importing":
            text, good = self.tr("Importing…"), True
        elif self.state == "imported" and self.result is not None:
            text, good = self.result.summary(), True
        elif self.state in ("ready", "problems"):
            text, good = preview_status(self.preview, self.kind == ENTERPRISES, self.on_duplicate(), errors)
        else:
            text, good = self.status.text(), self.status.objectName() == "hintText"
        self.status.setText(text)
        self.status.setObjectName("hintText" if good else "errorText")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self._show_buttons()

    def _show_buttons(self) -> None:
        busy = self.is_busy()
        for w in (self.kind_combo, self.choose_button, self.duplicate_box, self.reason_box):
            w.setEnabled(not busy)
        can_import = not busy and self.state == "ready"
        self.import_button.setEnabled(can_import)
        self.import_button.setObjectName("primary" if can_import else "")
        self.import_button.style().unpolish(self.import_button)
        self.import_button.style().polish(self.import_button)
        tip = self.tr("Import is possible once the file has no problems.")
        self.import_button.setToolTip("" if can_import else tip)
        has_source = self.preview is not None and (self.kind != ENTERPRISES or self.preview.source is not None)
        self.map_button.setEnabled(not busy and (has_source or bool(self._file_columns)))
        self.report_button.setEnabled(
            not busy and self.preview is not None and bool(self.errors()) and self._report_source() is not None
        )

    # ------------------------------------------------------------------ column mapping

    def map_columns(self) -> ColumnMappingDialog | None:
        """Open the mapping dialog (non-blocking); accepting it previews the file again with the mapping."""
        enterprises = self.kind == ENTERPRISES
        if self.preview is not None:
            columns = (
                import_mapping.columns_of_preview(self.preview)
                if enterprises
                else statistics_mapping.columns_of_preview(self.preview)
            )
        elif self._file_columns:
            columns = self._file_columns
        else:
            return None
        dialog = ColumnMappingDialog(columns, self) if enterprises else StatMappingDialog(columns, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._mapped(dialog.mapping(), None if enterprises else dialog.layout()))
        self.mapping_dialog = dialog
        dialog.open()
        return dialog

    def _mapped(self, mapping: dict[int, str], layout: str | None = None) -> None:
        self.mapping_dialog = None
        self.mapping, self.mapping_layout = mapping, layout
        self.run_preview()

    # ------------------------------------------------------------------ error report

    def _report_source(self):
        p = self.preview
        return None if p is None else p.source if self.kind == ENTERPRISES else p.sheet

    def save_report(self):
        """Write the error report workbook (the file's sheet with every failed cell marked) where asked."""
        sheet, errors = self._report_source(), self.errors()
        if sheet is None or not errors or self.path is None:
            return None
        header_row = self.preview.header_row
        suffix = self.tr("error report")
        name = f"{self.path.stem}_{suffix}.xlsx"

        def job(path, _progress, _cancel):
            from jjdesk.services.imports.report import write_error_report

            return write_error_report(path, sheet, header_row, errors)

        return run_export(self, self.tr("Save Error Report"), name, job, cancellable=False)

    # ------------------------------------------------------------------ import

    def start_import(self) -> None:
        """Write everything in one transaction on a worker (Cancel rolls it back)."""
        if self.state != "ready" or self.is_busy():
            return
        db, actor, preview, path = self.db, self.actor, self.preview, self.path
        mode, reason, kind, hint = self.on_duplicate(), self.reason_box.reason(), self.kind, reason_hint()
        mapping, layout = self.mapping, self.mapping_layout
        self.state = "importing"

        def job(progress, should_cancel):
            if kind == ENTERPRISES:
                return excel_import.commit_enterprises(
                    db, actor, preview, mode, progress=progress, should_cancel=should_cancel
                )
            return stat_import.import_statistics(
                db,
                actor,
                path,
                reason=reason,
                mapping=mapping,
                layout=layout,
                progress=progress,
                should_cancel=should_cancel,
                reason_hint=hint,
            )[0]

        self._run(self.tr("Importing “%1”…").replace("%1", path.name), job, self._imported, self._import_failed)

    def _imported(self, result: ImportResult) -> None:
        self.result = result
        if not result.written:
            # The records changed since the preview (or the file did): show what the service found now.
            self.state = "problems"
            self._commit_errors = list(result.errors)
            self._show(result.summary())
            return
        self.state = "imported"
        self.preview = None
        self._show()
        self.imported.emit(result)

    def _import_failed(self, error: BaseException | None, message: str) -> None:
        self.state = "ready" if self.preview is not None else "idle"
        if isinstance(error, Cancelled):
            self._show(self.tr("The import was cancelled; nothing was written."))
        else:
            self.state = "refused"
            self._show(message)
