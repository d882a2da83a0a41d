"""The dialog shown when a save meets a record someone else changed since it was opened (ConflictError).

The officer sees who changed it and, field by field, their own values beside what the database holds now, and
then chooses: reload (drop my edits), overwrite (save my fields again over the current version — an explicit,
informed choice), or go back to editing. Nothing is ever overwritten without this choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.core.errors import ConflictError

RELOAD, OVERWRITE, CANCEL = "reload", "overwrite", "cancel"
_BOTH_CHANGED = QColor("#fff3cd")


@dataclass(frozen=True)
class ConflictRow:
    """One field the officer changed: their value, the database's value, and whether the other side changed it."""

    label: str
    mine: str
    current: str
    they_changed: bool = False


class ConflictDialog(QDialog):
    """Side by side "your values" and "current values"; ``choice`` is RELOAD, OVERWRITE or CANCEL."""

    def __init__(
        self,
        error: ConflictError,
        rows: Sequence[ConflictRow],
        also_changed: Sequence[str] = (),
        can_reload: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Changed by someone else"))
        self.choice = CANCEL
        who = error.by or self.tr("another user")
        intro = QLabel(
            self.tr(
                "This record was changed by %1 after you opened it (you opened version %2; the "
                "database now holds version %3). Your changes have not been saved."
            )
            .replace("%1", who)
            .replace("%2", str(error.expected))
            .replace("%3", str(error.actual))
        )
        intro.setWordWrap(True)

        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Your value"), self.tr("Current value in the database")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        empty = self.tr("(empty)")
        for r, row in enumerate(rows):
            cells = (row.label, row.mine or empty, row.current or empty)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row.they_changed:
                    item.setBackground(QBrush(_BOTH_CHANGED))
                    item.setToolTip(self.tr("Both you and the other user changed this field."))
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()

        legend = QLabel(self.tr("Highlighted fields were changed by both of you."))
        legend.setVisible(any(r.they_changed for r in rows))
        others = QLabel(
            self.tr("The other user also changed: %1 (kept either way).").replace("%1", "、".join(also_changed))
        )
        others.setWordWrap(True)
        others.setVisible(bool(also_changed))

        self.reload_button = QPushButton(self.tr("Reload (discard my changes)"))
        self.reload_button.setObjectName("reload")
        self.reload_button.setEnabled(can_reload)
        self.overwrite_button = QPushButton(self.tr("Keep my changes and overwrite"))
        self.overwrite_button.setObjectName("overwrite")
        self.overwrite_button.setToolTip(self.tr("Saves the fields listed above over the current version."))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancel")
        # Enter must never overwrite: the harmless choice is the default.
        for button in (self.reload_button, self.overwrite_button):
            button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.reload_button.clicked.connect(self._reload)
        self.overwrite_button.clicked.connect(self._overwrite)
        self.cancel_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.overwrite_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        layout.addWidget(others)
        layout.addLayout(buttons)
        self.resize(640, min(520, 200 + 32 * max(len(rows), 2)))
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _reload(self) -> None:
        self._finish(RELOAD)

    def _overwrite(self) -> None:
        self._finish(OVERWRITE)

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:
        self.choice = CANCEL
        super().reject()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        error: ConflictError,
        rows: Sequence[ConflictRow],
        also_changed: Sequence[str] = (),
        can_reload: bool = True,
    ) -> str:
        """Show the dialog modally and return the officer's choice."""
        dialog = cls(error, rows, also_changed, can_reload, parent)
        dialog.exec()
        return dialog.choice
