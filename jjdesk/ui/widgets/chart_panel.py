"""A dashboard chart and the same figures as a table, for the keyboard: the way spreadsheet and BI tools make a
chart's data reachable without a mouse ("show as table"), kept small — one table per chart, opened on demand.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jjdesk.ui.widgets.charts import CHART_MIN_HEIGHT, SummaryChart, number_text


class ChartPanel(QStackedWidget):
    """A :class:`SummaryChart` and the same figures as a table, one shown at a time.

    The table has a row per bar, point or slice and a column per series, exact values right-aligned; Enter or a
    double-click on a value (or 打开对应记录 in its menu) emits ``activated(filter)`` like a click on the chart;
    Escape goes back to the chart. What the table shows is rebuilt from the chart each time it is opened.
    """

    activated = Signal(dict)

    def __init__(self, chart: SummaryChart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.table = QTableWidget()
        self.table.setObjectName("chartTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as it leaves the chart
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(CHART_MIN_HEIGHT - 24)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.table.activated.connect(lambda index: self.open_cell(index.row(), index.column()))
        self.table.installEventFilter(self)
        self.caption = QLabel()
        self.caption.setObjectName("chartTableCaption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        page = QWidget()
        page.setObjectName("chartTablePage")
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.caption)
        column.addWidget(self.table, 1)
        self.page = page
        self.addWidget(chart)
        self.addWidget(page)
        chart.activated.connect(self.activated)
        chart.table_requested.connect(lambda: self.show_table(True))

    def showing_table(self) -> bool:
        return self.currentWidget() is self.page

    def show_table(self, on: bool) -> None:
        """Show the figures as a table (focus on the first value) or go back to the chart (focus on it)."""
        if on:
            self.fill()
            self.setCurrentWidget(self.page)
            if self.table.rowCount():
                self.table.setCurrentCell(0, 1)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.setCurrentWidget(self.chart)
            self.chart.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_cell(self, row: int, column: int) -> None:
        """Open the records behind one value (a label cell: its row's only value, if it has one)."""
        if not 0 <= row < len(self.chart.table_rows):
            return
        values = self.chart.table_rows[row][1]
        if column == 0 and len(values) == 1:
            column = 1
        if 1 <= column <= len(values) and values[column - 1][1]:
            self.activated.emit(dict(values[column - 1][1]))

    def fill(self) -> None:
        """Rebuild the table from the chart's data (the dashboard calls it after a refresh)."""
        chart, table = self.chart, self.table
        table.clear()
        table.setColumnCount(1 + len(chart.table_columns))
        table.setRowCount(len(chart.table_rows))
        self.caption.setText(chart.chart().title())  # the table says which chart it is, with the unit
        table.setHorizontalHeaderLabels([self.tr("Item"), *(name or self.tr("Value") for name in chart.table_columns)])
        tip = self.tr("Press Enter or double-click to open the matching records")
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, (label, values) in enumerate(chart.table_rows):
            table.setItem(r, 0, QTableWidgetItem(label))
            for c, (value, criteria) in enumerate(values, start=1):
                item = QTableWidgetItem("—" if value is None else number_text(value))
                item.setTextAlignment(right)
                if criteria:
                    item.setToolTip(tip)
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def _table_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            index = self.table.currentIndex()
        menu = QMenu(self.table)
        open_action = menu.addAction(self.tr("Open matching records"))
        open_action.setEnabled(index.isValid())
        open_action.triggered.connect(lambda: self.open_cell(index.row(), index.column()))
        menu.addAction(self.tr("Show as chart")).triggered.connect(lambda: self.show_table(False))
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            self.show_table(False)
            return True
        return super().eventFilter(watched, event)
