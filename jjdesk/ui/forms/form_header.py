"""The head of a record form: what the record is called and where it stands (review state, version, who last
changed it and when, in local time), so an officer sees before editing whether someone else just did."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from jjdesk.services.core.records import EDITABLE_STATES
from jjdesk.services.core.vocab import REVIEW_STATUS, label_of


class RecordHeader(QWidget):
    """Title, status line and — for a submitted or approved record — the note that it cannot be edited."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel()
        self.title_label.setObjectName("formTitle")
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title_label.setFont(font)
        self.status_label = QLabel()
        self.status_label.setObjectName("formStatus")
        self.status_label.setProperty("role", "unit")
        self.lock_label = QLabel()
        self.lock_label.setObjectName("formLocked")
        self.lock_label.setProperty("role", "error")
        self.lock_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for label in (self.title_label, self.status_label, self.lock_label):
            label.setWordWrap(True)
            layout.addWidget(label)

    def show_new(self, title: str) -> None:
        self.title_label.setText(title)
        self.status_label.setText(self.tr("New record, not saved yet"))
        self.lock_label.hide()

    def show_record(self, record: Mapping[str, Any]) -> bool:
        """Describe ``record``; returns whether its review state allows editing."""
        self.title_label.setText(str(record.get("name") or ""))
        state = label_of(REVIEW_STATUS, record.get("review_status"))
        when = record.get("updated_at")
        status = (
            self.tr("%1 · version %2 · last changed by %3 at %4")
            .replace("%1", state)
            .replace("%2", str(record.get("version", "")))
            .replace("%3", str(record.get("updated_by") or "—"))
            .replace("%4", when.astimezone().strftime("%Y-%m-%d %H:%M") if when else "—")
        )
        if record.get("review_status") == "returned" and record.get("return_reason"):
            status += "\n" + self.tr("Returned: %1").replace("%1", str(record["return_reason"]))
        self.status_label.setText(status)
        editable = record.get("review_status", "draft") in EDITABLE_STATES
        self.lock_label.setText(
            self.tr("This record is “%1” and cannot be changed here; a reviewer can return or reopen it.").replace(
                "%1", state
            )
        )
        self.lock_label.setVisible(not editable)
        return editable
