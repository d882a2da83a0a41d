"""The drafted bulletin paragraph (公报段落): pick a year, get the foreign-trade paragraph, copy it.

The wording is the service's (``bulletin.draft``). Unapproved figures are refused with the service's Chinese
message naming them — shown on the page, never as a traceback — unless the officer ticks "allow draft", in
which case the text is marked as a draft.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.core.errors import ServiceError
from jjdesk.services.records import statistics
from jjdesk.services.summaries import bulletin
from jjdesk.store.engine import Database


class BulletinView(QWidget):
    """``BulletinView(db)``: year picker, "allow draft", the paragraph read-only, and a Copy button."""

    drafted = Signal(str)  # the paragraph now shown ("" after a refusal)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("bulletinYear")
        self.allow_draft = QCheckBox(self.tr("Allow a draft from unapproved figures"))
        self.allow_draft.setObjectName("allowDraft")
        self.draft_button = QPushButton(self.tr("Draft again"))
        self.draft_button.setObjectName("primary")
        self.draft_button.setAutoDefault(False)
        self.copy_button = QPushButton(self.tr("Copy to clipboard"))
        self.copy_button.setObjectName("copyBulletin")
        self.copy_button.setAutoDefault(False)
        self.copy_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year_combo)
        top.addWidget(self.allow_draft)
        top.addWidget(self.draft_button)
        top.addStretch(1)
        top.addWidget(self.copy_button)

        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()
        self.text = QPlainTextEdit()
        self.text.setObjectName("bulletinText")
        self.text.setReadOnly(True)
        self.text.setMaximumHeight(self.text.fontMetrics().lineSpacing() * 12)
        self.text.setPlaceholderText(self.tr("The drafted paragraph appears here."))
        self.note = QLabel(
            self.tr(
                "Wording of the statistical bulletin: reported growth as entered, falls "
                "written as 下降, units as stored."
            )
        )
        self.note.setObjectName("countLabel")
        self.note.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.text)
        layout.addWidget(self.note)
        layout.addStretch(1)

        self.draft_button.clicked.connect(self.draft)
        self.copy_button.clicked.connect(self.copy)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.draft())
        self.allow_draft.toggled.connect(lambda _on: self.draft())

    def refresh(self) -> None:
        """Re-read the years that have figures (latest first) and draft again. The first time, the latest year
        with a foreign-trade paragraph is chosen (a later year may hold only GDP figures so far)."""
        chosen = self.year_combo.currentData()
        years = sorted((y["year"] for y in statistics.years(self.db)), reverse=True)
        if chosen is None:
            chosen = next((y for y in years if _has_paragraph(self.db, y)), None)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in years:
            self.year_combo.addItem(str(y), y)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(chosen), 0))
        self.year_combo.blockSignals(False)
        self.draft_button.setEnabled(bool(years))
        # An empty box must say why it is empty and where the figures come from.
        self.text.setPlaceholderText(
            self.tr("The drafted paragraph appears here.")
            if years
            else self.tr(
                "No yearly statistics yet: enter the foreign-trade figures on the Yearly statistics page, "
                "then draft the paragraph here."
            )
        )
        self.draft()

    def set_year(self, year: int) -> None:
        index = self.year_combo.findData(int(year))
        if index >= 0:
            self.year_combo.setCurrentIndex(index)

    def draft(self) -> str:
        """Draft the chosen year's paragraph; a refusal shows its message and leaves the text empty."""
        year = self.year_combo.currentData()
        if year is None:
            self._clear()
            return ""
        try:
            result = bulletin.draft(self.db, int(year), allow_draft=self.allow_draft.isChecked())
        except ServiceError as exc:
            self._clear()
            self.message.setText(str(exc))
            self.message.show()
            self.drafted.emit("")
            return ""
        self.message.setVisible(result.is_draft)
        if result.is_draft:
            self.message.setText(
                self.tr("Draft: these figures are not approved yet: %1").replace("%1", "、".join(result.unapproved))
            )
        self.text.setPlainText(result.text)
        self.copy_button.setEnabled(bool(result.text))
        self.drafted.emit(result.text)
        return result.text

    def print_html(self) -> str:
        """The paragraph (and a draft's warning) as HTML for printing."""
        parts = [f"<p>{html.escape(self.message.text())}</p>"] if self.message.isVisible() else []
        parts.append(f'<p style="line-height:150%">{html.escape(self.text.toPlainText())}</p>')
        return "".join(parts)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text.toPlainText())

    def _clear(self) -> None:
        self.text.clear()
        self.message.hide()
        self.copy_button.setEnabled(False)


def _has_paragraph(db: Database, year: int) -> bool:
    """Whether ``year`` has the figures for a paragraph (approved or not)."""
    try:
        bulletin.draft(db, year, allow_draft=True)
    except ServiceError:
        return False
    return True
