"""Import enterprises or yearly statistics from an .xlsx/.csv file: preview every problem, then all or nothing.

The dialog only drives the services: ``excel_import.preview_enterprises`` / ``stat_import.preview_statistics``
read and check the file on a worker (progress and Cancel), the problems are listed by row and column as the
services word them, duplicates by credit code are handled as the officer chooses (update / skip / stop), and
columns the header matching did not recognise can be mapped by hand (``ColumnMappingDialog``), which previews
the file again with ``mapping=``. Import is enabled only with zero problems and writes in one transaction on a
worker; a refused file (zip bomb, macros, password) shows the service's own Chinese message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services import excel_import, import_mapping, stat_import
from jjdesk.services.actor import Actor
from jjdesk.services.import_common import ImportRefused, ImportResult, RowError
from jjdesk.services.progress import Cancelled
from jjdesk.store.engine import Database
from jjdesk.ui import workers
from jjdesk.ui.dialogs.column_mapping import ColumnMappingDialog
from jjdesk.ui.export_runner import last_folder, remember_folder, run_export
from jjdesk.ui.models.rows_model import RowColumn, RowsModel

ENTERPRISES, STATISTICS = "enterprises", "statistics"
WRAP_LIMIT = 300  # up to this many problems, long messages wrap within their row


PROBLEM_ROW, PROBLEM_COLUMN, PROBLEM_MESSAGE = range(3)


def _problem_row(e: RowError) -> str:
    return str(e.row) if e.row is not None else QCoreApplication.translate("ProblemModel", "Header")


def _problem_column(e: RowError) -> str:
    if e.column is None:
        return e.header
    return f"{e.column_letter}（{e.header}）" if e.header else e.column_letter


def problem_columns() -> list[RowColumn]:
    """行 (spreadsheet row), 列 (letter and header), 问题 (message) — each also as its tooltip."""
    return [
        RowColumn(QCoreApplication.translate("ProblemModel", "Row"), _problem_row, tooltip=_problem_row,
                  align_right=True),
        RowColumn(QCoreApplication.translate("ProblemModel", "Column"), _problem_column, tooltip=_problem_column),
        RowColumn(QCoreApplication.translate("ProblemModel", "Problem"), lambda e: e.message,
                  tooltip=lambda e: e.message),
    ]


def sorted_problems(errors: Sequence[RowError]) -> list[RowError]:
    """Whole-file and column problems first, then by spreadsheet row and column."""
    return sorted(errors, key=lambda e: (e.row is not None, e.row or 0, -1 if e.column is None else e.column))


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
        self.state = "idle"
        self.result: ImportResult | None = None
        self.worker: workers.Worker | None = None
        self.busy: QProgressDialog | None = None
        self.mapping_dialog: ColumnMappingDialog | None = None
        self._cancel_flag = [False]
        self._file_columns: list[import_mapping.FileColumn] | None = None  # of a file whose header was not found
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
        self.duplicate_box = QWidget()
        dup = QHBoxLayout(self.duplicate_box)
        dup.setContentsMargins(0, 0, 0, 0)
        dup.addWidget(QLabel(self.tr("Credit code already registered:")))
        self.duplicate_group = QButtonGroup(self)
        self.duplicate_buttons: dict[str, QRadioButton] = {}
        for mode, text in ((excel_import.UPDATE, self.tr("update the registered enterprise")),
                           (excel_import.SKIP, self.tr("skip the row")),
                           (excel_import.STOP, self.tr("stop (import nothing)"))):
            button = QRadioButton(text)
            button.setObjectName(f"duplicate_{mode}")
            self.duplicate_group.addButton(button)
            self.duplicate_buttons[mode] = button
            dup.addWidget(button)
        dup.addStretch(1)
        self.duplicate_buttons[excel_import.STOP].setChecked(True)

        # Statistics: a final (最终核实) figure changes only with a reason.
        self.reason_box = QWidget()
        reason = QHBoxLayout(self.reason_box)
        reason.setContentsMargins(0, 0, 0, 0)
        reason.addWidget(QLabel(self.tr("Reason for changing final figures:")))
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("importReason")
        self.reason_edit.setPlaceholderText(self.tr("Only needed when the file changes a final figure"))
        reason.addWidget(self.reason_edit, 1)

        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts = QLabel()
        self.counts.setObjectName("countLabel")
        self.notes = QLabel()
        self.notes.setObjectName("countLabel")
        self.notes.setWordWrap(True)

        self.problems = RowsModel(problem_columns(), self)
        self.problem_view = QTableView()
        self.problem_view.setObjectName("problemTable")
        self.problem_view.setModel(self.problems)
        self.problem_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problem_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problem_view.setAlternatingRowColors(True)
        self.problem_view.setWordWrap(False)
        self.problem_view.verticalHeader().hide()
        self.problem_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.problem_view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        header.resizeSection(PROBLEM_ROW, metrics.horizontalAdvance("第888888行") + 8)
        header.resizeSection(PROBLEM_COLUMN, metrics.horizontalAdvance("AB（统一社会信用代码）") + 24)
        header.setSectionResizeMode(PROBLEM_ROW, QHeaderView.ResizeMode.Interactive)

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
        self.duplicate_group.buttonClicked.connect(lambda _b: self._show())
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
        return next(mode for mode, b in self.duplicate_buttons.items() if b.isChecked())

    def set_on_duplicate(self, mode: str) -> None:
        self.duplicate_buttons[mode].setChecked(True)
        self._show()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose File to Import"), last_folder(),
                                              self.tr("Excel or CSV (*.xlsx *.csv);;All files (*)"))
        if path:
            remember_folder(path)
            self.set_file(path)

    def set_file(self, path: Path | str) -> None:
        """Preview ``path`` (column mapping starts afresh)."""
        self.path = Path(path)
        self.file_edit.setText(str(self.path))
        self.mapping = None
        self.run_preview()

    @staticmethod
    def _dropped_file(event) -> str | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        local = [u.toLocalFile() for u in urls if u.isLocalFile()]
        return local[0] if len(local) == 1 else None

    def dragEnterEvent(self, event) -> None:
        if not self.is_busy() and self._dropped_file(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = self._dropped_file(event)
        if path and not self.is_busy():
            event.acceptProposedAction()
            self.set_file(path)

    def _kind_changed(self) -> None:
        self.mapping = None
        if self.path is not None:
            self.run_preview()
        else:
            self._show()

    def _reason_changed(self) -> None:
        reason = self.reason_edit.text().strip()
        if reason != self._last_reason and self.kind == STATISTICS and self.path is not None:
            self.run_preview()

    # ------------------------------------------------------------------ running jobs

    def _run(self, label: str, fn: Callable[[Callable[[int, int], None], Callable[[], bool]], Any],
             on_done: Callable[[Any], None], on_error: Callable[[BaseException | None, str], None]) -> None:
        """Run ``fn(progress, should_cancel)`` on a worker behind a cancellable progress dialog."""
        flag = [False]
        self._cancel_flag = flag
        self.destroyed.connect(lambda *_: flag.__setitem__(0, True))
        busy = QProgressDialog(label, self.tr("Cancel"), 0, 0, self)
        busy.setWindowTitle(self.windowTitle())
        busy.setWindowModality(Qt.WindowModality.WindowModal)
        busy.setAutoReset(False)
        busy.setAutoClose(False)
        busy.setMinimumDuration(300)
        busy.setMinimumWidth(420)
        busy.canceled.connect(self.cancel_job)
        self.busy = busy

        def progress(done: int, total: int) -> None:
            if self.busy is busy and not flag[0]:
                busy.setMaximum(max(total, 0))
                if total:
                    busy.setValue(min(done, total))

        def finished(result: Any) -> None:
            self._end_job(busy)
            on_done(result)

        def failed(message: str) -> None:
            error = worker.error
            self._end_job(busy)
            on_error(error, message)

        worker = workers.start(lambda control: fn(control.progress, lambda: flag[0]), context=self,
                               on_finished=finished, on_failed=failed, on_progress=progress)
        self.worker = worker
        self._show()

    def cancel_job(self) -> None:
        """Cancel the running preview or import; the service stops and writes nothing."""
        self._cancel_flag[0] = True

    def _end_job(self, busy: QProgressDialog) -> None:
        self.worker = None
        busy.close()
        busy.deleteLater()
        if self.busy is busy:
            self.busy = None

    def is_busy(self) -> bool:
        return self.worker is not None

    # ------------------------------------------------------------------ preview

    def run_preview(self) -> None:
        """Read and check the file on a worker; nothing is written."""
        if self.path is None or self.is_busy():
            return
        db, path, kind, mapping = self.db, self.path, self.kind, self.mapping
        reason = self.reason_edit.text().strip()
        self._last_reason = reason
        self.preview, self.result, self._file_columns, self._commit_errors = None, None, None, None
        self._errors_cache = None
        self.state = "checking"

        def job(progress, should_cancel):
            if kind == ENTERPRISES:
                return excel_import.preview_enterprises(db, path, mapping=mapping, progress=progress,
                                                        should_cancel=should_cancel)
            return stat_import.preview_statistics(db, path, reason=reason, progress=progress,
                                                  should_cancel=should_cancel)

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
        if self.kind == ENTERPRISES and isinstance(error, ImportRefused) and self.path is not None:
            self._load_file_columns()

    def _load_file_columns(self) -> None:
        """The header was not found: read the file's first row so its columns can be mapped by hand."""
        path = self.path

        def job(_control):
            try:
                return import_mapping.columns_of_file(path)
            except ImportRefused:
                return None

        def done(columns):
            if path == self.path and self.state == "refused":
                self._file_columns = columns
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
        if self.preview is None:
            return 0
        return len(self.preview.rows) if self.kind == ENTERPRISES else self.preview.rows

    def counts_text(self) -> str:
        p = self.preview
        errors = len(self.errors())
        if self.kind == ENTERPRISES:
            duplicates = sum(1 for r in p.rows if r.values is not None and (r.key or "") in p.registered)
            plan = p.plan(self.on_duplicate())
            return (self.tr("%1 rows · %2 new · %3 already registered · %4 problems")
                    .replace("%1", f"{len(p.rows):,}").replace("%2", f"{plan['created']:,}")
                    .replace("%3", f"{duplicates:,}").replace("%4", f"{errors:,}"))
        return (self.tr("%1 rows · %2 figures new or changed · %3 unchanged · %4 problems")
                .replace("%1", f"{p.rows:,}").replace("%2", f"{p.changed:,}").replace("%3", f"{p.unchanged:,}")
                .replace("%4", f"{errors:,}"))

    def _ready_text(self) -> str:
        if self.kind == ENTERPRISES:
            plan = self.preview.plan(self.on_duplicate())
            parts = [self.tr("%1 new").replace("%1", f"{plan['created']:,}"),
                     self.tr("%1 updated").replace("%1", f"{plan['updated']:,}")]
            if plan["unchanged"]:
                parts.append(self.tr("%1 unchanged").replace("%1", f"{plan['unchanged']:,}"))
            if plan["skipped"]:
                parts.append(self.tr("%1 skipped").replace("%1", f"{plan['skipped']:,}"))
            what = parts[0]
            for part in parts[1:]:
                what = self.tr("%1, %2").replace("%2", part).replace("%1", what)
        else:
            what = self.tr("%1 figures new or changed").replace("%1", f"{self.preview.changed:,}")
        return self.tr("Ready to import: %1. Nothing is written until you click Import.").replace("%1", what)

    def _show(self, message: str | None = None) -> None:
        """Bring every label, list and button in line with the state and the preview."""
        enterprises = self.kind == ENTERPRISES
        self.duplicate_box.setVisible(enterprises)
        self.reason_box.setVisible(not enterprises)
        errors = self.errors()
        if self.preview is not None and self.state in ("ready", "problems"):
            self.state = "ready" if not errors and self.row_count() else "problems"
        self.problems.set_rows(sorted_problems(errors))
        self.problem_view.setVisible(bool(errors))
        # A refused unit is explained in a long sentence: wrap it, as long as measuring rows stays cheap.
        wrap = len(errors) <= WRAP_LIMIT
        self.problem_view.setWordWrap(wrap)
        if wrap:
            self.problem_view.resizeRowsToContents()
        has_preview = self.preview is not None
        self.counts.setVisible(has_preview)
        self.notes.setVisible(has_preview and bool(self.preview.notes))
        if has_preview:
            self.counts.setText(self.counts_text())
            self.notes.setText("\n".join(self.tr("Note: %1").replace("%1", n) for n in self.preview.notes))
        if message is not None:
            text, good = message, False
        elif self.state == "idle":
            text, good = (self.tr("Choose what to import and the file. The file is checked first; nothing is "
                                  "written until you click Import."), True)
        elif self.state == "checking":
            text, good = self.tr("Checking the file…"), True
        elif self.state == "importing":
            text, good = self.tr("Importing…"), True
        elif self.state == "imported" and self.result is not None:
            text, good = self.result.summary(), True
        elif self.state == "ready":
            text, good = self._ready_text(), True
        elif self.state == "problems" and not errors:
            text, good = self.tr("The file holds no rows to import."), False
        elif self.state == "problems":
            text, good = (self.tr("%1 problems found: nothing will be imported. Fix them in the file (the error "
                                  "report marks every cell) and check again.").replace("%1", f"{len(errors):,}"),
                          False)
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
        self.import_button.setToolTip("" if can_import else self.tr("Import is possible once the file has no "
                                                                    "problems."))
        can_map = self.kind == ENTERPRISES and not busy and (
            (self.preview is not None and self.preview.source is not None) or bool(self._file_columns))
        self.map_button.setVisible(self.kind == ENTERPRISES)
        self.map_button.setEnabled(can_map)
        self.report_button.setEnabled(not busy and self.preview is not None and bool(self.errors())
                                      and self._report_source() is not None)

    # ------------------------------------------------------------------ column mapping

    def map_columns(self) -> ColumnMappingDialog | None:
        """Open the mapping dialog (non-blocking); accepting it previews the file again with the mapping."""
        if self.preview is not None and self.kind == ENTERPRISES:
            columns = import_mapping.columns_of_preview(self.preview)
        elif self._file_columns:
            columns = self._file_columns
        else:
            return None
        dialog = ColumnMappingDialog(columns, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._mapped(dialog.mapping()))
        self.mapping_dialog = dialog
        dialog.open()
        return dialog

    def _mapped(self, mapping: dict[int, str]) -> None:
        self.mapping_dialog = None
        self.mapping = mapping
        self.run_preview()

    # ------------------------------------------------------------------ error report

    def _report_source(self):
        p = self.preview
        if p is None:
            return None
        return p.source if self.kind == ENTERPRISES else p.sheet

    def save_report(self):
        """Write the error report workbook (the file's sheet with every failed cell marked) where asked."""
        sheet, errors = self._report_source(), self.errors()
        if sheet is None or not errors or self.path is None:
            return None
        header_row = self.preview.header_row
        suffix = self.tr("error report")
        name = f"{self.path.stem}_{suffix}.xlsx"

        def job(path, _progress, _cancel):
            from jjdesk.services.import_report import write_error_report

            return write_error_report(path, sheet, header_row, errors)

        return run_export(self, self.tr("Save Error Report"), name, job, cancellable=False)

    # ------------------------------------------------------------------ import

    def start_import(self) -> None:
        """Write everything in one transaction on a worker (Cancel rolls it back)."""
        if self.state != "ready" or self.is_busy():
            return
        db, actor, preview, path = self.db, self.actor, self.preview, self.path
        mode, reason, kind = self.on_duplicate(), self.reason_edit.text().strip(), self.kind
        self.state = "importing"

        def job(progress, should_cancel):
            if kind == ENTERPRISES:
                return excel_import.commit_enterprises(db, actor, preview, mode, progress=progress,
                                                       should_cancel=should_cancel)
            result, _pv = stat_import.import_statistics(db, actor, path, reason=reason, progress=progress,
                                                        should_cancel=should_cancel)
            return result

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
