"""An editable sub-table of a form (an initiative's milestones, indicators, linked enterprises).

Cells hold the officer's text; the rows are checked by the service's own row check (``check_rows`` /
``check_milestones``), whose row-numbered messages are shown under the table and on the cells. Rows left
completely blank are not passed on, so an accidental "add row" never blocks a save.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.core.errors import FieldError
from jjdesk.services.core.fields import BOOL, CHOICE, DECIMAL, INT, FieldSpec
from jjdesk.ui.forms.field_widgets import display_text

RowCheck = Callable[[list[dict[str, Any]]], tuple[list[dict], list[FieldError]]]
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # a reference cell (the linked enterprise) keeps its record id here
_ERROR_BG = QBrush(QColor("#fde8e8"))
DEBOUNCE_MS = 150


@dataclass(frozen=True)
class Column:
    """One column: the row field it edits, its header, and whether the officer types in it."""

    spec: FieldSpec
    title: str = ""
    editable: bool = True
    width: int | None = None
    display_key: str = ""  # a reference column shows row[display_key] and keeps row[spec.name] as the id

    @property
    def header(self) -> str:
        return self.title or self.spec.label


class _CellDelegate(QStyledItemDelegate):
    """Text cells get a line edit (numbers right-aligned, never a float spin box); choices a drop-down."""

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        spec = self.columns[index.column()].spec
        if spec.kind == CHOICE:
            combo = QComboBox(parent)
            combo.addItems(([""] if not spec.required else []) + list(spec.choices))
            return combo
        edit = QLineEdit(parent)
        if spec.kind in (DECIMAL, INT):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return edit

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findText(text), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(text)

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:
        text = editor.currentText() if isinstance(editor, QComboBox) else editor.text()  # type: ignore[attr-defined]
        model.setData(index, text, Qt.ItemDataRole.EditRole)


class SubTable(QWidget):
    """A table with add/remove buttons and the row check's messages beneath it.

    ``rows()`` gives the non-blank rows as raw values for the service; ``changed`` fires on every edit and
    ``validated`` once the row check has run.
    """

    changed = Signal()
    validated = Signal()  # messages were redrawn: the form re-checks whether it may save

    def __init__(
        self, table_name: str, columns: Sequence[Column], check: RowCheck, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.table_name, self.columns, self.check = table_name, list(columns), check
        self._loading = False
        self._dirty = False
        self._errors: list[FieldError] = []
        self._server_errors: list[FieldError] = []
        self._passed: list[int] = []  # table row of each row handed to the service, in order

        self.table = QTableWidget(0, len(self.columns))
        self.table.setHorizontalHeaderLabels([c.header for c in self.columns])
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, so the form stays keyboard-friendly
        self.table.setItemDelegate(_CellDelegate(self.columns, self.table))
        header = self.table.horizontalHeader()
        for i, column in enumerate(self.columns):
            if column.width:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                self.table.setColumnWidth(i, column.width)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._on_item_changed)

        self.add_button = QPushButton(self.tr("Add row"))
        self.remove_button = QPushButton(self.tr("Remove row"))
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        # Bound methods, not lambdas: a lambda holding self in a Qt connection keeps the widget alive.
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button.clicked.connect(self.remove_current)
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.validate)

        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.remove_button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.table)
        layout.addLayout(self.buttons)
        layout.addWidget(self.message)

    # ------------------------------------------------------------ rows in and out

    def set_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Show stored rows (as a service returned them); the table is clean afterwards."""
        self._loading = True
        try:
            self.table.setRowCount(0)
            for row in rows:
                self._append(row)
        finally:
            self._loading = False
        self._dirty = False
        self._server_errors = []
        self._timer.stop()
        self.validate()

    def _append(self, values: Mapping[str, Any]) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, column in enumerate(self.columns):
            spec = column.spec
            item = QTableWidgetItem()
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if spec.kind == BOOL:
                item.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if values.get(spec.name) else Qt.CheckState.Unchecked)
            elif column.display_key:
                item.setFlags(flags)
                item.setText(str(values.get(column.display_key) or ""))
                item.setData(ID_ROLE, values.get(spec.name))
            else:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if column.editable else flags)
                item.setText(display_text(values.get(spec.name)))
                if spec.kind in (DECIMAL, INT):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, c, item)
        return r

    def add_row(self, values: Mapping[str, Any] | None = None, focus: bool = False) -> int:
        """Append a row (empty, or with stored values such as a picked enterprise); returns its index."""
        self._loading = True
        try:
            r = self._append(values or {})
        finally:
            self._loading = False
        self._mark_changed()
        if focus:
            first = next((c for c, col in enumerate(self.columns) if col.editable), 0)
            self.table.setCurrentCell(r, first)
            self.table.setFocus()
            self.table.editItem(self.table.item(r, first))
        return r

    def _add_clicked(self) -> None:
        self.add_row(focus=True)

    def remove_current(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()} or {self.table.currentRow()}, reverse=True)
        for r in rows:
            if r >= 0:
                self.table.removeRow(r)
        self._mark_changed()

    def cell(self, row: int, name: str) -> QTableWidgetItem:
        col = next(i for i, c in enumerate(self.columns) if c.spec.name == name)
        return self.table.item(row, col)

    def _raw(self, r: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for c, column in enumerate(self.columns):
            item = self.table.item(r, c)
            if column.spec.kind == BOOL:
                out[column.spec.name] = item.checkState() == Qt.CheckState.Checked
            elif column.display_key:
                out[column.spec.name] = item.data(ID_ROLE)
            else:
                out[column.spec.name] = item.text()
        return out

    @staticmethod
    def _blank(raw: Mapping[str, Any]) -> bool:
        return all(v in ("", None, False) for v in raw.values())

    def rows(self) -> list[dict[str, Any]]:
        """The non-blank rows as the officer typed them, for the service to parse."""
        self._passed = []
        out = []
        for r in range(self.table.rowCount()):
            raw = self._raw(r)
            if not self._blank(raw):
                self._passed.append(r)
                out.append(raw)
        return out

    # ------------------------------------------------------------ state and messages

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if not self._loading:
            self._mark_changed()

    def _mark_changed(self) -> None:
        self._dirty = True
        self._server_errors = []
        self._timer.start()
        self.changed.emit()

    def is_dirty(self) -> bool:
        return self._dirty

    def has_errors(self) -> bool:
        return bool(self._errors)

    def flush(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.validate()

    def validate(self) -> list[FieldError]:
        """Run the service's row check now; errors are renumbered to the rows as the table shows them."""
        raws = self.rows()
        _clean, errors = self.check(raws)
        self._errors = [self._renumber(e) for e in errors]
        self._show()
        return self._errors

    def _renumber(self, err: FieldError) -> FieldError:
        row = err.row
        if row is not None and 1 <= row <= len(self._passed):
            row = self._passed[row - 1] + 1
        return replace(err, row=row)

    def take_errors(self, errors: Sequence[FieldError]) -> list[FieldError]:
        """Show the service's refusals that belong to this table; return the others."""
        mine = [e for e in errors if e.table == self.table_name]
        self.rows()  # the row mapping of what was just sent
        self._server_errors = [self._renumber(e) for e in mine]
        self._show()
        return [e for e in errors if e not in mine]

    def _show(self) -> None:
        errors = self._errors + [e for e in self._server_errors if e not in self._errors]
        by_cell: dict[tuple[int, int], list[str]] = {}
        names = [c.spec.name for c in self.columns]
        for err in errors:
            if err.row is not None and err.field in names:
                by_cell.setdefault((err.row - 1, names.index(err.field)), []).append(err.message)
        self._loading = True
        try:
            for r in range(self.table.rowCount()):
                for c in range(len(self.columns)):
                    item = self.table.item(r, c)
                    messages = by_cell.get((r, c))
                    item.setBackground(_ERROR_BG if messages else QBrush())
                    # Without an error the tooltip shows the whole text of a cell too narrow for it.
                    item.setToolTip("\n".join(messages) if messages else item.text())
        finally:
            self._loading = False
        self.message.setText("\n".join(str(e) for e in errors))
        self.message.setVisible(bool(errors))
        self._fit_height()
        self.validated.emit()

    def _fit_height(self) -> None:
        """Tall enough for the rows plus one empty line (3 to 8 lines), so a short table wastes no space."""
        lines = min(max(self.table.rowCount() + 1, 3), 8)
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(
            header + lines * self.table.verticalHeader().defaultSectionSize() + 2 * self.table.frameWidth() + 2
        )

    def messages(self) -> list[str]:
        return [line for line in self.message.text().splitlines() if line]

    def set_read_only(self, read_only: bool) -> None:
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.AllEditTriggers & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)
        self._loading = True  # changing flags emits itemChanged, which is not an edit
        try:
            for r in range(self.table.rowCount()):
                for c, column in enumerate(self.columns):
                    if column.spec.kind == BOOL:
                        item = self.table.item(r, c)
                        flags = item.flags()
                        item.setFlags(
                            flags & ~Qt.ItemFlag.ItemIsUserCheckable
                            if read_only
                            else flags | Qt.ItemFlag.ItemIsUserCheckable
                        )
        finally:
            self._loading = False

    def display_lines(self, rows: Sequence[Mapping[str, Any]] | None = None) -> str:
        """Rows as short text lines for the conflict dialog: the table as shown, or the given stored rows."""
        lines = []
        if rows is None:
            for r in range(self.table.rowCount()):
                cells = [
                    (c.header if self.table.item(r, i).checkState() == Qt.CheckState.Checked else "")
                    if c.spec.kind == BOOL
                    else self.table.item(r, i).text()
                    for i, c in enumerate(self.columns)
                ]
                lines.append("｜".join(x for x in cells if x))
        else:
            for row in rows:
                cells = [
                    (c.header if row.get(c.spec.name) else "")
                    if c.spec.kind == BOOL
                    else str(row.get(c.display_key, ""))
                    if c.display_key
                    else display_text(row.get(c.spec.name))
                    for c in self.columns
                ]
                lines.append("｜".join(x for x in cells if x))
        return "\n".join(line for line in lines if line)
