"""The year grid's table model: indicators down, and for each year the value, the reported growth and the
growth implied by last year's value.

The model only shows what ``statistics.year_grid`` returned plus the officer's refused (unsaved) input, kept in
red with the service's message until it is corrected. Every number is text or Decimal — never a float — so
what is shown is exactly what is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from jjdesk.services.core.vocab import VALUE_BASIS, label_of

VALUE, GROWTH, IMPLIED = "value", "growth", "implied"
# Only a visual hint that reported and implied growth disagree; whether that needs an explanation is the
# review rules' business, not the grid's.
HINT_THRESHOLD = Decimal("0.1")
_ERROR_BG, _ERROR_FG = QBrush(QColor("#fde8e8")), QBrush(QColor("#b71c1c"))
_HINT_BG, _GREY = QBrush(QColor("#fff3cd")), QBrush(QColor("#777777"))
_FINAL_FG = QBrush(QColor("#0d47a1"))
_Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
REFUSED_ROLE = Qt.ItemDataRole.UserRole + 1  # True for typed input the service refused


@dataclass(frozen=True)
class GridColumn:
    kind: str  # "name", "unit", VALUE, GROWTH or IMPLIED
    year: int | None = None


def _text(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


class YearGridModel(QAbstractTableModel):
    """Rows from ``statistics.year_grid``; ``cell_edited(row, year, field, text)`` asks the page to save."""

    cell_edited = Signal(int, int, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._years: list[int] = []
        self._columns: list[GridColumn] = []
        self._pending: dict[tuple[int, int, str], tuple[str, str]] = {}  # (row, year, field) → (text, message)

    # ------------------------------------------------------------ content

    def set_grid(self, rows: list[dict[str, Any]], years: list[int]) -> None:
        """New rows and years: a full reset (the catalogue or the year range changed)."""
        self.beginResetModel()
        self._rows, self._years = rows, sorted(years)
        self._columns = [GridColumn("name"), GridColumn("unit")]
        for y in self._years:
            self._columns += [GridColumn(VALUE, y), GridColumn(GROWTH, y), GridColumn(IMPLIED, y)]
        self._pending.clear()
        self.endResetModel()

    def update_rows(self, rows: list[dict[str, Any]]) -> None:
        """Fresh values for the same catalogue (after a save): repaint in place so the editor and selection stay."""
        if [r["id"] for r in rows] != [r["id"] for r in self._rows]:
            self.set_grid(rows, self._years)
            return
        self._rows = rows
        if self._rows and self._columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    def years(self) -> list[int]:
        return list(self._years)

    def indicator(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def cell(self, row: int, year: int) -> dict[str, Any] | None:
        """The stored figure (value, growth, basis, source, note, version, implied_growth) or None."""
        return self._rows[row]["values"].get(year)

    def column(self, col: int) -> GridColumn:
        return self._columns[col]

    def column_of(self, year: int, kind: str) -> int:
        return self._columns.index(GridColumn(kind, year))

    def row_of(self, code: str) -> int:
        return next(i for i, r in enumerate(self._rows) if r["code"] == code)

    def set_pending(self, row: int, year: int, field: str, text: str, message: str) -> None:
        """Keep unsaved input visible; with a message it was refused (red, message as tooltip)."""
        self._pending[(row, year, field)] = (text, message)
        col = self.column_of(year, field)
        self.dataChanged.emit(self.index(row, col), self.index(row, col))

    def clear_pending(self, row: int, year: int) -> None:
        for field in (VALUE, GROWTH):
            if self._pending.pop((row, year, field), None) is not None:
                col = self.column_of(year, field)
                self.dataChanged.emit(self.index(row, col), self.index(row, col))

    def pending(self, row: int, year: int) -> dict[str, str]:
        """Unsaved input of one cell pair, field → text."""
        return {f: v[0] for (r, y, f), v in self._pending.items() if r == row and y == year}

    def message(self, row: int, year: int, field: str) -> str:
        entry = self._pending.get((row, year, field))
        return entry[1] if entry else ""

    def hint_differs(self, row: int, year: int) -> bool:
        """True when the reported growth and the growth implied by last year's value differ by over 0.1 pt."""
        cell = self.cell(row, year)
        if not cell or cell.get("growth") is None or cell.get("implied_growth") is None:
            return False
        return abs(cell["growth"] - cell["implied_growth"]) > HINT_THRESHOLD

    # ------------------------------------------------------------ Qt model interface

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        col = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            titles = {
                "name": self.tr("Indicator"),
                "unit": self.tr("Unit"),
                VALUE: self.tr("Value"),
                GROWTH: self.tr("Growth (%)"),
                IMPLIED: self.tr("Implied (%)"),
            }
            return titles[col.kind] if col.year is None else f"{col.year}\n{titles[col.kind]}"
        if role == Qt.ItemDataRole.ToolTipRole and col.kind == IMPLIED:
            return self.tr(
                "Growth implied by last year's value, for comparison only; the reported growth is what was published."
            )
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self._columns[index.column()].kind in (VALUE, GROWTH):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], self._columns[index.column()]
        if col.kind == "name":
            return self._name_data(row, role)
        if col.kind == "unit":
            return row["unit"] if role == Qt.ItemDataRole.DisplayRole else None
        assert col.year is not None
        cell = row["values"].get(col.year)
        if col.kind == IMPLIED:
            return self._implied_data(index.row(), col.year, cell, role)
        pending = self._pending.get((index.row(), col.year, col.kind))
        refused = bool(pending and pending[1])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if pending:
                return pending[0]
            stored = cell.get(col.kind) if cell else None
            if role == Qt.ItemDataRole.DisplayRole and col.kind == VALUE and stored is not None:
                return self._padded(stored, row["decimals"])
            return _text(stored)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == REFUSED_ROLE:
            return refused
        if role == Qt.ItemDataRole.BackgroundRole and refused:
            return _ERROR_BG
        if role == Qt.ItemDataRole.ForegroundRole:
            if refused:
                return _ERROR_FG
            if cell and cell.get("basis") == "final":
                return _FINAL_FG
        if role == Qt.ItemDataRole.ToolTipRole:
            if refused:
                return pending[1]  # type: ignore[index]
            if cell:
                parts = [label_of(VALUE_BASIS, cell.get("basis")), cell.get("source") or "", cell.get("note") or ""]
                return "\n".join(p for p in parts if p)
        return None

    @staticmethod
    def _padded(value: Decimal, decimals: int) -> str:
        # Pad to the indicator's places for a tidy column; never round (the service refuses extra places).
        places = -value.as_tuple().exponent  # type: ignore[operator]
        return format(value.quantize(Decimal(1).scaleb(-decimals)) if places < decimals else value, "f")

    def _name_data(self, row: dict[str, Any], role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return "\u3000" * row["depth"] + row["name"]
        if role == Qt.ItemDataRole.FontRole and row["depth"] == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p for p in (row["code"], row.get("note") or "") if p)
        return None

    def _implied_data(self, r: int, year: int, cell: dict[str, Any] | None, role: int) -> Any:
        implied = cell.get("implied_growth") if cell else None
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(implied)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            return _GREY
        if role == Qt.ItemDataRole.BackgroundRole and self.hint_differs(r, year):
            return _HINT_BG
        if role == Qt.ItemDataRole.ToolTipRole and implied is not None:
            text = self.tr("Implied by last year's value: %1%").replace("%1", _text(implied))
            if self.hint_differs(r, year):
                text += "\n" + self.tr("Differs from the reported growth by more than 0.1 percentage point.")
            return text
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        col = self._columns[index.column()]
        if col.kind not in (VALUE, GROWTH) or col.year is None:
            return False
        text = str(value)
        if text.strip() == str(self.data(index, Qt.ItemDataRole.EditRole)).strip():
            return False  # opened and closed without a change: nothing to save
        # Shown at once while the page saves it (queued); the page then clears it or marks it refused.
        self._pending[(index.row(), col.year, col.kind)] = (text, "")
        self.dataChanged.emit(index, index)
        self.cell_edited.emit(index.row(), col.year, col.kind, text)
        return True


class NumberDelegate(QStyledItemDelegate):
    """A right-aligned line edit for value and growth cells (text in, text out: no float anywhere).

    A refused cell also gets a red frame, which stays visible when the cell is selected (the selection colour
    would hide its red background).
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        super().paint(painter, option, index)
        if index.data(REFUSED_ROLE):
            painter.save()
            painter.setPen(QPen(_ERROR_FG.color(), 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        edit = QLineEdit(parent)
        edit.setAlignment(_RIGHT)
        return edit

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model, index: _Index) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
