"""Pick an enterprise by typing part of its name, credit code or contact, then choose its role.

The search itself is a callable the form provides (``enterprises.search``), so the picker holds no query and
works against whatever the service finds; results appear in a completer popup as the officer types.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLineEdit, QPushButton, QWidget

SearchFn = Callable[[str], list[dict[str, Any]]]
_ID = Qt.ItemDataRole.UserRole + 1
_NAME = Qt.ItemDataRole.UserRole + 2
SEARCH_DELAY_MS = 200


class EnterprisePicker(QWidget):
    """Search field + role + Add. Emits ``link_requested({"enterprise_id", "enterprise_name", "role"})``."""

    link_requested = Signal(dict)

    def __init__(self, search: SearchFn, roles: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._chosen: tuple[int, str] | None = None
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("enterpriseSearch")
        self.search_edit.setPlaceholderText(self.tr("Search enterprise: name, credit code or contact"))
        self.search_edit.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        # The service already filtered by "contains"; the popup must not filter again by prefix.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(self.search_edit)
        self.completer.activated[QModelIndex].connect(self._activated)
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("linkRole")
        self.role_combo.addItems(list(roles))
        self.role_combo.setToolTip(self.tr("Role of the enterprise in this initiative"))
        self.add_button = QPushButton(self.tr("Link"))
        self.add_button.setObjectName("linkAdd")
        self.add_button.setAutoDefault(False)
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.add)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_edit.textEdited.connect(self._on_edited)
        self.search_edit.returnPressed.connect(self._on_return)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit, 1)
        layout.addWidget(self.role_combo)
        layout.addWidget(self.add_button)

    def _on_edited(self, _text: str) -> None:
        self._chosen = None
        self.add_button.setEnabled(False)
        self._timer.start()

    def run_search(self) -> None:
        """Ask the service for matches of the current text and pop them up."""
        self._timer.stop()
        text = self.search_edit.text().strip()
        self.model.clear()
        if not text:
            self.completer.popup().hide()
            return
        for ent in self._search(text):
            label = ent["name"] + (f"（{ent['credit_code']}）" if ent.get("credit_code") else "")
            item = QStandardItem(label)
            item.setData(ent["id"], _ID)
            item.setData(ent["name"], _NAME)
            item.setEditable(False)
            self.model.appendRow(item)
        if self.model.rowCount():
            self.completer.setCompletionPrefix("")
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def _activated(self, index: QModelIndex) -> None:
        self.choose(int(index.data(_ID)), str(index.data(_NAME)))

    def _on_return(self) -> None:
        if self._chosen is not None:
            self.add()

    def choose(self, enterprise_id: int, name: str) -> None:
        """Take this enterprise as the one to link (also what the popup does); focus moves to the role."""
        self._chosen = (enterprise_id, name)
        self.search_edit.setText(name)
        self.add_button.setEnabled(True)
        self.role_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> tuple[int, str] | None:
        return self._chosen

    def add(self) -> None:
        """Ask the form to add the chosen enterprise with the selected role, then start a new search."""
        if self._chosen is None:
            return
        enterprise_id, name = self._chosen
        self.link_requested.emit(
            {"enterprise_id": enterprise_id, "enterprise_name": name, "role": self.role_combo.currentText()}
        )
        self._chosen = None
        self.search_edit.clear()
        self.add_button.setEnabled(False)
        self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.search_edit, self.role_combo):
            w.setEnabled(not read_only)
        self.add_button.setEnabled(not read_only and self._chosen is not None)
