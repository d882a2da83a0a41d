"""The cross-tab (透视) view: row dimension, optional column dimension and measure, a table with totals.

The table is ``crosstab.crosstab``'s result as it stands — cells, row and column totals and the grand total
are the service's SQL aggregates, not sums made here (across the multi-valued service dimension they differ,
and the service says why in ``notes``). Numbers are right-aligned, with thousands separators and their exact
decimals; totals are bold. A double-click opens the records behind a cell, a total or the grand total. The
computation and the Excel export run on workers.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.excel.files import safe_file_name
from jjdesk.services.summaries import crosstab
from jjdesk.store.engine import Database
from jjdesk.ui import workers
from jjdesk.ui.export_runner import reporting_unit

_Index = QModelIndex | QPersistentModelIndex
Navigate = Callable[[str, dict], None]
TWO_PLACES = Decimal("0.01")


def exact_text(value: int | Decimal | None) -> str:
    """A count or an exact amount with thousands separators; money shows two places unless it has more."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        shown = value.quantize(TWO_PLACES) if value == value.quantize(TWO_PLACES) else value.normalize()
        return f"{shown:,}"
    return f"{value:,}"


class CrossTabModel(QAbstractTableModel):
    """Row labels in column 0, one column per column value, then 合计 (with a column dimension); last row 合计."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tab: crosstab.CrossTab | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_tab(self, tab: crosstab.CrossTab | None) -> None:
        self.beginResetModel()
        self.tab = tab
        self.endResetModel()

    def _has_total_column(self) -> bool:
        return self.tab is not None and self.tab.column is not None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if self.tab is None or parent.isValid() else len(self.tab.row_labels) + 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if self.tab is None or parent.isValid():
            return 0
        return 1 + len(self.tab.column_labels) + (1 if self._has_total_column() else 0)

    def is_total(self, row: int, column: int) -> bool:
        assert self.tab is not None
        return row == len(self.tab.row_labels) or (self._has_total_column() and column == self.columnCount() - 1)

    def value(self, row: int, column: int) -> Any:
        """The service's value at a cell (a label in column 0)."""
        tab = self.tab
        assert tab is not None
        last_row, n_cols = len(tab.row_labels), len(tab.column_labels)
        if column == 0:
            return crosstab.TOTAL if row == last_row else tab.row_labels[row]
        j = column - 1
        if row == last_row:
            return tab.grand_total if j == n_cols else tab.column_totals[j]
        return tab.row_totals[row] if j == n_cols else tab.cells[row][j]

    def criteria(self, row: int, column: int) -> dict[str, Any]:
        """What a double-click on a cell opens: a cell's, a total's or the grand total's records."""
        tab = self.tab
        assert tab is not None
        last_row, n_cols = len(tab.row_labels), len(tab.column_labels)
        j = column - 1
        whole_row = column == 0 or j == n_cols or (tab.column is None and j == 0)
        if row == last_row:
            return dict(tab.total_filter if whole_row else tab.column_filters[j])
        return dict(tab.row_filters[row] if whole_row else tab.cell_filters[row][j])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.tab is None or orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                row = crosstab.DIMENSIONS[self.tab.row]
                return f"{row}＼{crosstab.DIMENSIONS[self.tab.column]}" if self.tab.column else row
            if section <= len(self.tab.column_labels):
                return self.tab.column_labels[section - 1]
            return crosstab.TOTAL
        if role == Qt.ItemDataRole.TextAlignmentRole and section > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.tab is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.value(row, column)
            return value if column == 0 else exact_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignLeft if column == 0 else Qt.AlignmentFlag.AlignRight
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.is_total(row, column):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column > 0:
            return (
                self.tr("Double-click to open these records")
                if self.criteria(row, column)
                else self.tr("No list filter expresses this group")
            )
        return None


class CrossTabView(QWidget):
    """``CrossTabView(db, navigate)``: pickers, the table, notes, and "Export to Excel…"."""

    computed = Signal()  # the table now shows the current choice
    exported = Signal(str)  # path of the workbook written

    def __init__(self, db: Database, navigate: Navigate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._navigate = navigate
        self._worker: workers.Worker | None = None
        self.row_combo, self.column_combo, self.measure_combo = QComboBox(), QComboBox(), QComboBox()
        self.row_combo.setObjectName("crosstabRow")
        self.column_combo.setObjectName("crosstabColumn")
        self.measure_combo.setObjectName("crosstabMeasure")
        for key, label in crosstab.DIMENSIONS.items():
            self.row_combo.addItem(label, key)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setObjectName("exportCrosstab")
        self.export_button.setAutoDefault(False)
        self.export_button.setEnabled(False)
        top = QHBoxLayout()
        for caption, combo in (
            (self.tr("Rows"), self.row_combo),
            (self.tr("Columns"), self.column_combo),
            (self.tr("Measure"), self.measure_combo),
        ):
            top.addWidget(QLabel(caption))
            top.addWidget(combo)
        top.addStretch(1)
        top.addWidget(self.export_button)

        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.model = CrossTabModel(self)
        self.table = QTableView()
        self.table.setObjectName("crosstabTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.notes = QLabel()
        self.notes.setObjectName("countLabel")
        self.notes.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)

        self.row_combo.currentIndexChanged.connect(self._row_changed)
        self.column_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.measure_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.doubleClicked.connect(self._open)
        self.export_button.clicked.connect(self.export_excel)
        self._fill_dependent()

    # ------------------------------------------------------------ choice

    def choose(self, row: str, column: str | None, measure: str) -> None:
        """Set all three pickers (one computation follows)."""
        self._set_quietly(self.row_combo, row)
        self._fill_dependent()
        self._set_quietly(self.column_combo, column)
        self._set_quietly(self.measure_combo, measure)
        self.refresh()

    def choice(self) -> tuple[str, str | None, str]:
        return self.row_combo.currentData(), self.column_combo.currentData(), self.measure_combo.currentData()

    def _row_changed(self) -> None:
        self._fill_dependent()
        self.refresh()

    def _fill_dependent(self) -> None:
        """Columns and measures that fit the row dimension's kind of record; keep what still fits."""
        row = self.row_combo.currentData()
        kind = crosstab.DIMENSION_KIND[row]
        column, measure = self.column_combo.currentData(), self.measure_combo.currentData()
        for combo in (self.column_combo, self.measure_combo):
            combo.blockSignals(True)
            combo.clear()
        self.column_combo.addItem(self.tr("(none)"), None)
        for key in crosstab.dimensions_for(kind):
            if key != row:
                self.column_combo.addItem(crosstab.DIMENSIONS[key], key)
        for key in crosstab.measures_for(row):
            self.measure_combo.addItem(crosstab.MEASURES[key], key)
        self.column_combo.setCurrentIndex(max(self.column_combo.findData(column), 0))
        self.measure_combo.setCurrentIndex(max(self.measure_combo.findData(measure), 0))
        for combo in (self.column_combo, self.measure_combo):
            combo.blockSignals(False)

    @staticmethod
    def _set_quietly(combo: QComboBox, value: Any) -> None:
        combo.blockSignals(True)
        combo.setCurrentIndex(max(combo.findData(value), 0))
        combo.blockSignals(False)

    # ------------------------------------------------------------ computing

    def refresh(self) -> None:
        """Compute the cross-tab for the current choice on a worker (a running one is dropped)."""
        if self._worker is not None:
            self._worker.cancel()
        db, (row, column, measure) = self.db, self.choice()
        self.title.setText(self.tr("Loading…"))
        self.export_button.setEnabled(False)
        self._worker = workers.start(
            lambda _c: crosstab.crosstab(db, row, column, measure),
            context=self,
            on_finished=self._show,
            on_failed=self._failed,
        )

    def _show(self, tab: crosstab.CrossTab) -> None:
        self._worker = None
        self.model.set_tab(tab)
        self.title.setText(self.tr("%1 (unit: %2)").replace("%1", tab.title).replace("%2", tab.unit))
        self.notes.setText("\n".join(tab.notes))
        self.notes.setVisible(bool(tab.notes))
        self.export_button.setEnabled(True)
        self.computed.emit()

    def _failed(self, message: str) -> None:
        self._worker = None
        self.model.set_tab(None)
        self.title.setText(message)

    def _open(self, index: QModelIndex) -> None:
        if self.model.tab is None or not index.isValid():
            return
        criteria = self.model.criteria(index.row(), index.column())
        page = criteria.pop("page", None)
        if page and self._navigate is not None:
            self._navigate(page, criteria)

    # ------------------------------------------------------------ export

    def export_excel(self) -> None:
        """Ask where to save, then write the workbook on a worker behind a progress dialog."""
        tab = self.model.tab
        if tab is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export cross-tab"), safe_file_name(f"{tab.title}.xlsx"), self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str | Path) -> workers.Worker | None:
        """Write the shown cross-tab to ``path`` (``crosstab.export_crosstab``) on a worker."""
        tab = self.model.tab
        if tab is None:
            return None
        dialog = QProgressDialog(self.tr("Writing the workbook…"), self.tr("Cancel"), 0, 0, self)
        dialog.setWindowTitle(self.tr("Export cross-tab"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setValue(0)  # at its minimum the 300 ms below count from now (else Qt's own 4 s)
        dialog.setMinimumDuration(300)

        def done(written: Path) -> None:
            dialog.reset()
            self.exported.emit(str(written))

        def failed(message: str) -> None:
            dialog.reset()
            QMessageBox.warning(self, self.tr("Export failed"), message)

        unit = reporting_unit()
        worker = workers.start(
            lambda _c: crosstab.export_crosstab(tab, path, unit), context=self, on_finished=done, on_failed=failed
        )
        dialog.canceled.connect(worker.cancel)  # the file is written whole or not at all (atomic rename)
        return worker
