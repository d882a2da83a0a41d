"""上报: submit a year and scope to the level above, list past submissions, and compare one with the data now.

The service decides whether a submission may go (no 强制 error, every 核实 explained, every record approved)
and freezes the snapshot; this view chooses what to submit, where the workbook goes, and shows the answer.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.core import auth
from jjdesk.services.records import statistics
from jjdesk.services.review import submission
from jjdesk.services.review.rules import SCOPES
from jjdesk.services.review.submission import Difference
from jjdesk.services.review.submission_info import SubmissionInfo
from jjdesk.ui import workers
from jjdesk.ui.export_runner import reporting_unit
from jjdesk.ui.models.rows_model import RowColumn, RowsModel
from jjdesk.ui.pages.check_report_view import year_choices
from jjdesk.ui.pages.context import PageContext
from jjdesk.ui.pages.review_queue import show_refusal
from jjdesk.ui.widgets.tables import fit_columns, setup_table


def submission_columns() -> list[RowColumn]:
    return [
        RowColumn(QCoreApplication.translate("SubmissionView", "No."), lambda s: s.id),
        RowColumn(QCoreApplication.translate("SubmissionView", "Year"), lambda s: s.year),
        RowColumn(QCoreApplication.translate("SubmissionView", "Scope"), lambda s: s.scope_label),
        RowColumn(QCoreApplication.translate("SubmissionView", "Submitted by"), lambda s: s.submitted_by),
        RowColumn(
            QCoreApplication.translate("SubmissionView", "Submitted at"),
            lambda s: s.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        ),
        RowColumn(QCoreApplication.translate("SubmissionView", "Records"), lambda s: s.record_count, align_right=True),
        RowColumn(
            QCoreApplication.translate("SubmissionView", "Content hash"),
            lambda s: s.content_hash[:16] + "…",
            tooltip=lambda s: s.content_hash,
        ),
        RowColumn(
            QCoreApplication.translate("SubmissionView", "Workbook"), lambda s: s.workbook, tooltip=lambda s: s.workbook
        ),
    ]


def difference_columns() -> list[RowColumn]:
    return [
        RowColumn(
            QCoreApplication.translate("SubmissionView", "Change"),
            lambda d: d.kind,
            colour=lambda d: {"新增": "#e3f1e3", "删除": "#fde2e1", "修改": "#fff4d6"}.get(d.kind),
        ),
        RowColumn(QCoreApplication.translate("SubmissionView", "Record"), lambda d: d.label),
        RowColumn(QCoreApplication.translate("SubmissionView", "Field"), lambda d: d.field_label),
        RowColumn(
            QCoreApplication.translate("SubmissionView", "As submitted"),
            lambda d: d.submitted,
            tooltip=lambda d: d.submitted or "",
        ),
        RowColumn(QCoreApplication.translate("SubmissionView", "Now"), lambda d: d.now, tooltip=lambda d: d.now or ""),
    ]


class DifferencesDialog(QDialog):
    """Submitted vs now: every added, removed and changed record, field by field."""

    def __init__(
        self, info: SubmissionInfo, differences: list[Difference], intact: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Submission %1 compared with now").replace("%1", str(info.id)))
        self.resize(900, 500)
        if not intact:
            text = self.tr("Warning: the stored snapshot no longer matches its hash; it was altered after submission.")
        elif differences:
            text = self.tr("%1 differences since submission %2 (%3, %4).").replace("%1", str(len(differences)))
        else:
            text = self.tr("No differences: the data is as submitted in submission %2 (%3, %4).")
        text = (
            text.replace("%2", str(info.id))
            .replace("%3", info.submitted_by)
            .replace("%4", info.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M"))
        )
        label = QLabel(text)
        label.setObjectName("differences_summary")
        label.setWordWrap(True)
        if not intact:
            label.setProperty("role", "error")
        self.model = RowsModel(difference_columns(), self)
        self.model.set_rows(differences)
        table = QTableView()
        table.setObjectName("differences_table")
        setup_table(table, self.model)
        fit_columns(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(table, 1)
        layout.addWidget(buttons)


class SubmissionView(QWidget):
    """Submit (reviewers and administrators), and the list of submissions with their hashes."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._job: workers.Worker | None = None
        self.may_submit = ctx.actor.role in (auth.REVIEWER, auth.ADMIN)

        self.year_combo = QComboBox()
        self.year_combo.setObjectName("submit_year")
        self.scope_combo = QComboBox()
        self.scope_combo.setObjectName("submit_scope")
        for code, label in SCOPES.items():
            self.scope_combo.addItem(label, code)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("submit_note")
        self.note_edit.setPlaceholderText(self.tr("Note for the level above (optional)"))
        self.submit_button = QPushButton(self.tr("Check and submit…"))
        self.submit_button.setObjectName("submit_run")
        self.submit_button.clicked.connect(lambda: self.submit())
        self.submit_button.setEnabled(self.may_submit)
        if not self.may_submit:
            self.submit_button.setToolTip(self.tr("Only reviewers and administrators submit."))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Year")))
        bar.addWidget(self.year_combo)
        bar.addWidget(QLabel(self.tr("Scope")))
        bar.addWidget(self.scope_combo)
        bar.addWidget(self.note_edit, 1)
        bar.addWidget(self.submit_button)

        self.status_label = QLabel(
            self.tr(
                "A submission is refused while a mandatory error remains, a verify "
                "finding has no explanation, or a record in scope is not approved."
            )
        )
        self.status_label.setObjectName("submit_status")
        self.status_label.setWordWrap(True)
        self.model = RowsModel(submission_columns(), self)
        self.table = QTableView()
        self.table.setObjectName("submissions")
        setup_table(self.table, self.model)
        self.table.doubleClicked.connect(lambda _i: self.compare_current())
        self.compare_button = QPushButton(self.tr("Compare with now…"))
        self.compare_button.setObjectName("submit_compare")
        self.compare_button.clicked.connect(self.compare_current)
        lower = QHBoxLayout()
        lower.addWidget(QLabel(self.tr("Submissions")), 1)
        lower.addWidget(self.compare_button)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status_label)
        layout.addLayout(lower)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        # Submissions are mostly of the latest year with statistics, not of the year now running.
        reported = [int(y["year"]) for y in statistics.years(self.ctx.db)]
        current = self.year_combo.currentData() or (max(reported) if reported else None)
        self.year_combo.clear()
        for year in year_choices(self.ctx):
            self.year_combo.addItem(str(year), year)
        index = self.year_combo.findData(current)
        self.year_combo.setCurrentIndex(max(index, 0))
        self.model.set_rows(submission.list_submissions(self.ctx.db))
        fit_columns(self.table)

    def submit(self, path: str | None = None) -> None:
        """Check and submit on a worker; the refusal lists every reason, the success names hash and file."""
        year, scope = self.year_combo.currentData(), self.scope_combo.currentData()
        if year is None or self._job is not None or not self.may_submit:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Submission workbook"),
                f"上报_{year}_{SCOPES[scope]}_{date.today():%Y-%m-%d}.xlsx",
                self.tr("Excel workbook (*.xlsx)"),
            )
            if not path:
                return
        db, actor, note, unit = self.ctx.db, self.ctx.actor, self.note_edit.text().strip(), reporting_unit()
        self.status_label.setText(self.tr("Checking and submitting…"))
        self.submit_button.setEnabled(False)
        self._job = workers.start(
            lambda _c: submission.submit(db, actor, year, path, scope, note, unit),
            context=self,
            on_finished=self._submitted,
            on_failed=self._refused,
        )

    def _submitted(self, info: SubmissionInfo) -> None:
        self._job = None
        self.submit_button.setEnabled(True)
        text = (
            self.tr(
                "Submission %6 of %2 (%3) was already recorded with the same %1 records: only its workbook was "
                "written again, nothing was recorded twice. Content hash %4. Workbook: %5"
            )
            if info.workbook_rewritten
            else self.tr("Submitted %1 records of %2 (%3). Content hash %4. Workbook: %5")
        )
        self.status_label.setText(
            text.replace("%6", str(info.id))
            .replace("%1", str(info.record_count))
            .replace("%2", str(info.year))
            .replace("%3", info.scope_label)
            .replace("%4", info.content_hash)
            .replace("%5", info.workbook)
        )
        self.ctx.data_changed()
        self.refresh()

    def _refused(self, message: str) -> None:
        self._job = None
        self.submit_button.setEnabled(True)
        self.status_label.setText(message.splitlines()[0] if message else "")
        show_refusal(self, self.tr("Not submitted"), message, "submit_refusal")

    def current_submission(self) -> SubmissionInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def compare_current(self) -> None:
        info = self.current_submission()
        if info is None:
            return
        dialog = DifferencesDialog(
            info, submission.compare(self.ctx.db, info.id), submission.snapshot_intact(self.ctx.db, info.id), self
        )
        dialog.exec()
