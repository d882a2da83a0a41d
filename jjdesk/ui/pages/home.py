"""The overview page: what this ledger holds, at a glance, straight from the services."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from jjdesk.services.records import overview
from jjdesk.store.engine import Database
from jjdesk.ui.pages.context import PageOffers


class HomePage(QWidget):
    """Database location and schema version, and how many records of each family it holds."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        title = QLabel(self.tr("Jiaojiang Digital Economy Ledger"))
        title.setObjectName("pageTitle")
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        for key, label in (
            ("location", self.tr("Database file")),
            ("schema_revision", self.tr("Schema version")),
            ("enterprises", self.tr("Platform enterprises")),
            ("initiatives", self.tr("Initiatives")),
            ("figures", self.tr("Statistics figures")),
            ("audit_entries", self.tr("Audit entries")),
        ):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            self.form.addRow(label + "：" if not label.endswith(":") else label, value)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.refresh()

    def offers(self) -> PageOffers:
        return PageOffers(refresh=self.refresh)

    def refresh(self) -> None:
        info = overview.database_info(self.db)
        self.values["location"].setText(str(info["location"]))
        self.values["schema_revision"].setText(str(info["schema_revision"]))
        for key, count in info["counts"].items():
            self.values[key].setText(f"{count:,}")
