"""导出设置 (Settings → Export Settings…): the 填报单位 printed in row 2 of every exported workbook.

A per-officer setting (QSettings, like the last export folder): task-force and 外综服平台 staff export under their
own unit, not 椒江区经科局. The exports read it through ``export_runner.reporting_unit()`` when they start and pass
it to the services as ``reporting_unit``; empty means the default.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from jjdesk.services.excel.style import DEFAULT_REPORTING_UNIT
from jjdesk.ui.export_runner import reporting_unit, set_reporting_unit

MAX_UNIT = 60


class ExportSettingsDialog(QDialog):
    """One field, 填报单位; OK stores it for this officer (``ExportSettingsDialog(parent).open()``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportSettingsDialog")
        self.setWindowTitle(self.tr("Export Settings"))
        self.unit_edit = QLineEdit(reporting_unit())
        self.unit_edit.setObjectName("reportingUnit")
        self.unit_edit.setMaxLength(MAX_UNIT)
        self.unit_edit.setPlaceholderText(DEFAULT_REPORTING_UNIT)
        self.unit_edit.setMinimumWidth(320)
        hint = QLabel(
            self.tr(
                "Printed as 填报单位 in the second line of every exported workbook. "
                "Leave it empty for the default (%1)."
            ).replace("%1", DEFAULT_REPORTING_UNIT)
        )
        hint.setWordWrap(True)
        hint.setObjectName("hintText")
        form = QFormLayout()
        form.addRow(self.tr("Reporting unit:"), self.unit_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def accept(self) -> None:
        set_reporting_unit(self.unit_edit.text())
        super().accept()
