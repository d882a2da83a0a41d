"""The 审核报告 on demand: run every rule over a year and scope, read each failed rule with its values, write the
explanations 核实 findings need, and export the report for the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.exports import review as review_export
from jjdesk.services.records import statistics
from jjdesk.services.review import checks
from jjdesk.services.review.checks import CheckReport, Finding
from jjdesk.services.review.rules import SCOPES, SEVERITIES
from jjdesk.ui import workers
from jjdesk.ui.dialogs.explanation_dialog import ask_explanation, can_explain
from jjdesk.ui.export_runner import ExportRunner, default_file_name, reporting_unit, run_export
from jjdesk.ui.models.rows_model import RowsModel
from jjdesk.ui.pages.context import PageContext
from jjdesk.ui.pages.review_queue import finding_columns
from jjdesk.ui.widgets.tables import fit_columns, setup_table


def year_choices(ctx: PageContext) -> list[int]:
    """Years the statistics hold, newest first, with this year in any case (enterprises and initiatives)."""
    years = {int(y["year"]) for y in statistics.years(ctx.db)} | {date.today().year}
    return sorted(years, reverse=True)


class CheckReportView(QWidget):
    """Year and scope choice, the findings table, explanation entry and Excel export."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: CheckReport | None = None
        self._job: workers.Worker | None = None

        self.year_combo = QComboBox()
        self.year_combo.setObjectName("check_year")
        self.year_combo.addItem(self.tr("All years"), None)
        self.scope_combo = QComboBox()
        self.scope_combo.setObjectName("check_scope")
        for code, label in SCOPES.items():
            self.scope_combo.addItem(label, code)
        self.severity_combo = QComboBox()
        self.severity_combo.setObjectName("check_severity")
        self.severity_combo.addItem(self.tr("All severities"), None)
        for severity in SEVERITIES:
            self.severity_combo.addItem(severity, severity)
        self.severity_combo.currentIndexChanged.connect(self._show_findings)
        self.run_button = QPushButton(self.tr("Run checks"))
        self.run_button.setObjectName("check_run")
        self.run_button.clicked.connect(self.run_checks)
        self.explain_button = QPushButton(self.tr("Explain…"))
        self.explain_button.setObjectName("check_explain")
        self.explain_button.clicked.connect(self.explain_current)
        self.export_button = QPushButton(self.tr("Export report…"))
        self.export_button.setObjectName("check_export")
        self.export_button.clicked.connect(lambda: self.export())

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Year")))
        bar.addWidget(self.year_combo)
        bar.addWidget(QLabel(self.tr("Scope")))
        bar.addWidget(self.scope_combo)
        bar.addWidget(self.run_button)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Show")))
        bar.addWidget(self.severity_combo)
        bar.addWidget(self.explain_button)
        bar.addWidget(self.export_button)

        self.summary_label = QLabel(self.tr("Run the checks to see the review report."))
        self.summary_label.setObjectName("check_summary")
        self.summary_label.setWordWrap(True)
        self.model = RowsModel(finding_columns(), self)
        self.table = QTableView()
        self.table.setObjectName("check_findings")
        setup_table(self.table, self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        self.refresh_years()
        self._update_buttons()

    def refresh_years(self) -> None:
        current = self.year_combo.currentData()
        while self.year_combo.count() > 1:
            self.year_combo.removeItem(1)
        for year in year_choices(self.ctx):
            self.year_combo.addItem(str(year), year)
        index = self.year_combo.findData(current)
        self.year_combo.setCurrentIndex(max(index, 0))

    def refresh(self) -> None:
        self.refresh_years()
        if self.report is not None:
            self.run_checks()

    def run_checks(self) -> None:
        if self._job is not None:
            return
        db, year, scope = self.ctx.db, self.year_combo.currentData(), self.scope_combo.currentData()
        self.summary_label.setText(self.tr("Checking…"))
        self._job = workers.start(
            lambda _c: checks.run_checks(db, year, scope),
            context=self,
            on_finished=self._checked,
            on_failed=self._failed,
        )
        self._update_buttons()

    def _checked(self, report: CheckReport) -> None:
        self._job = None
        self.report = report
        c = report.counts
        text = (
            self.tr("%1 findings: mandatory %2, verify %3 (%4 without explanation), notice %5.")
            .replace("%1", str(len(report.findings)))
            .replace("%2", str(c["强制"]))
            .replace("%3", str(c["核实"]))
            .replace("%4", str(c["未说明"]))
            .replace("%5", str(c["提示"]))
        )
        if report.blocking:
            text += " " + self.tr(
                "Submission is blocked until the mandatory errors are corrected and every verify finding is explained."
            )
        else:
            text += " " + self.tr("Nothing blocks submission.")
        self.summary_label.setText(text)
        self._show_findings()

    def _failed(self, message: str) -> None:
        self._job = None
        self.summary_label.setText(message)
        self._update_buttons()

    def _show_findings(self) -> None:
        wanted = self.severity_combo.currentData()
        findings = (
            [] if self.report is None else [f for f in self.report.findings if wanted is None or f.severity == wanted]
        )
        self.model.set_rows(findings)
        fit_columns(self.table)
        self._update_buttons()

    def current_finding(self) -> Finding | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.run_button.setEnabled(self._job is None)
        self.export_button.setEnabled(self._job is None and self.report is not None)
        self.explain_button.setEnabled(can_explain(self.current_finding()))

    def explain_current(self) -> None:
        finding = self.current_finding()
        if can_explain(finding) and ask_explanation(self, self.ctx.db, self.ctx.actor, finding):
            self.ctx.data_changed()
            self.run_checks()

    def export(self, path: str | None = None) -> ExportRunner | None:
        """Write the report shown to a workbook (the export runner: worker, progress, cancel, open file)."""
        if self.report is None:
            return None
        report, unit = self.report, reporting_unit()
        year = report.year or self.tr("all years")

        def job(target, progress, should_cancel):
            return review_export.export_check_report(
                report, target, progress=progress, should_cancel=should_cancel, reporting_unit=unit
            )

        return run_export(
            self,
            self.tr("Export review report"),
            default_file_name(f"审核报告_{year}"),
            job,
            path=Path(path) if path else None,
        )
