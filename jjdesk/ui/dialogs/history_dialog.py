"""A record's 修改记录: every change field by field (old → new), who, when and why, exportable to Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.exports import review
from jjdesk.services.review import history
from jjdesk.store.engine import Database
from jjdesk.ui.export_runner import ExportRunner, default_file_name, reporting_unit, run_export
from jjdesk.ui.models.rows_model import RowColumn, RowsModel


def history_columns() -> list[RowColumn]:
    return [
        RowColumn(QCoreApplication.translate("HistoryDialog", "Time"), lambda r: r.at_text),
        RowColumn(QCoreApplication.translate("HistoryDialog", "User"), lambda r: r.user),
        RowColumn(QCoreApplication.translate("HistoryDialog", "Action"), lambda r: r.action_label),
        RowColumn(QCoreApplication.translate("HistoryDialog", "Field"), lambda r: r.field_label),
        RowColumn(
            QCoreApplication.translate("HistoryDialog", "Old value"), lambda r: r.old, tooltip=lambda r: r.old or ""
        ),
        RowColumn(
            QCoreApplication.translate("HistoryDialog", "New value"), lambda r: r.new, tooltip=lambda r: r.new or ""
        ),
        RowColumn(
            QCoreApplication.translate("HistoryDialog", "Reason"), lambda r: r.reason, tooltip=lambda r: r.reason or ""
        ),
    ]


class HistoryDialog(QDialog):
    """The change history of one record, newest first as the service returns it."""

    def __init__(self, db: Database, entity: str, record_id: int, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.entity, self.record_id, self.label = db, entity, record_id, label
        self.setWindowTitle(self.tr("Change history: %1").replace("%1", label))
        self.resize(980, 520)
        self.rows = history.record_history(db, entity, record_id)
        self.model = RowsModel(history_columns(), self)
        self.model.set_rows(self.rows)
        self.table = QTableView()
        self.table.setObjectName("history_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        for col in range(self.model.columnCount()):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 260))
        header.setStretchLastSection(True)

        summary = QLabel(
            self.tr(
                "%1 changes recorded. Each change was written in the same transaction as the "
                "change itself and is protected by the audit chain."
            ).replace("%1", str(len(self.rows)))
        )
        summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.export_button = buttons.addButton(self.tr("Export to Excel…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setEnabled(bool(self.rows))
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def export(self, path: str | None = None) -> ExportRunner | None:
        """Save the 修改记录 as a formatted workbook through the export runner (progress, open file)."""
        rows, label, unit = self.rows, self.label, reporting_unit()

        def job(target, _progress, _should_cancel):
            return review.export_history(rows, target, label, reporting_unit=unit)

        return run_export(
            self,
            self.tr("Export change history"),
            default_file_name(f"修改记录_{label}"),
            job,
            path=Path(path) if path else None,
            cancellable=False,
        )
