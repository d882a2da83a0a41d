"""QtCharts views for the 汇总 dashboard: a line, bars (plain, grouped, stacked, horizontal) and a pie.

Each chart is built from the summary service's plain data (``Slice``, ``Point``, ``Series``: a label, an exact
value and the list filter it stands for) and emits ``activated(filter)`` when the officer clicks a bar, slice or
point, so the page can open the matching table. The charts know nothing of the database. Values are drawn as
floats (a bar's length needs no exactness); every number shown as text keeps the service's Decimal.

Fonts are set from the application font: QtCharts otherwise picks its own, which on Windows may lack the CJK
glyphs the labels need.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QPieSlice,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QFont, QFontMetrics, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QWidget,
)

# One quiet palette, the style sheet's blue first (resources/style.qss).
PALETTE = ("#2b6cb0", "#f6ad55", "#48bb78", "#9f7aea", "#ed64a6", "#38b2ac", "#a0aec0", "#e53e3e")
CHART_MIN_HEIGHT = 240


def number_text(value: Any) -> str:
    """An exact number with thousands separators, as the service gave it (Decimal keeps its places); "—" for a
    figure not entered yet."""
    if value is None:
        return "—"
    if isinstance(value, (int, Decimal)):
        return f"{value:,}"
    return str(value)


def _value_axis(top: float, *, integers: bool) -> QValueAxis:
    """A value axis from 0 to a round bound; counts get whole-number ticks (no 0.4 of an initiative)."""
    axis = QValueAxis()
    bound = _nice_max(top)
    axis.setRange(0, bound)
    if integers and bound <= 5:
        axis.setTickCount(int(bound) + 1)
    else:
        axis.setTickCount(6)
        axis.applyNiceNumbers()  # round ticks (0, 100, 200…) for whatever the bound is
    axis.setLabelFormat("%d" if integers or bound >= 10 else "%.1f")
    return axis


def _nice_max(value: float) -> float:
    """A round upper bound for a value axis (so ticks read 0, 50, 100 rather than 0, 47.3, 94.6)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        bound = step * magnitude
        if bound >= value:
            return float(bound)
    return float(10 * magnitude)


class SummaryChart(QChartView):
    """A chart view that reports clicks on its data as ``activated(filter)`` and uses the application font.

    For the keyboard it takes focus (Tab); Enter, Space, the menu key or a right-click offer "show as table"
    (``table_requested``), where every bar, point and slice is a cell that Enter opens — the way spreadsheet
    and BI tools make a chart's data reachable without a mouse.
    """

    activated = Signal(dict)
    table_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # offscreen grabs and prints see the end
        chart.setBackgroundRoundness(4)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(CHART_MIN_HEIGHT)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._title = title
        self.filters: list[list[dict]] = []  # per series, per data item: the filter a click opens
        # The same data as a table (keyboard users, screen readers): column names after the label column, and
        # per row its label and (exact value, filter) per column. Filled by every show_*.
        self.table_columns: list[str] = []
        self.table_rows: list[tuple[str, list[tuple[Any, dict]]]] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches the chart; Enter or the menu key opens its table
        self.empty_text = ""  # said in the middle of the chart when there is nothing to draw (set by the page)
        self.empty = True
        self.apply_font(QApplication.font())
        chart.setTitle(title)

    def apply_font(self, base: QFont) -> None:
        """Title, legend and axis labels in the application font (CJK coverage), the title a little larger."""
        chart = self.chart()
        title = QFont(base)
        title.setPointSizeF(max(base.pointSizeF(), 9.0) + 1)
        title.setBold(True)
        chart.setTitleFont(title)
        chart.setTitleBrush(QColor("#1f3b5c"))
        label = QFont(base)
        label.setPointSizeF(max(base.pointSizeF() - 1, 8.0))
        chart.legend().setFont(label)
        for axis in chart.axes():
            axis.setLabelsFont(label)

    def set_empty_text(self, text: str) -> None:
        """What the chart says instead of bare axes when it has no data (why, and where data comes from)."""
        self.empty_text = text
        self.viewport().update()

    def _nothing_to_draw(self, values: Sequence[Any]) -> bool:
        """No value, or only zeros: clear the chart and say so (``empty_text``) rather than draw empty axes."""
        self.empty = not any(v for v in values)
        if self.empty:
            self.clear()
            self.chart().legend().setVisible(False)
            self.viewport().update()
        return self.empty

    def drawForeground(self, painter: QPainter, rect) -> None:
        super().drawForeground(painter, rect)
        if self.empty and self.empty_text:
            painter.save()
            painter.setPen(QColor("#718096"))
            painter.setFont(self.chart().legend().font())
            area = self.chart().plotArea().adjusted(8, 0, -8, 0)
            painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.empty_text)
            painter.restore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.table_rows:
            self.table_requested.emit()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        action = menu.addAction(self.tr("Show as table"))
        action.setEnabled(bool(self.table_rows))
        action.triggered.connect(self.table_requested.emit)
        menu.exec(event.globalPos())

    def clear(self) -> None:
        chart = self.chart()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setMinimumWidth(0)
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.filters = []
        self.table_columns, self.table_rows = [], []

    def _emit(self, series: int, item: int) -> None:
        if 0 <= series < len(self.filters) and 0 <= item < len(self.filters[series]):
            criteria = self.filters[series][item]
            if criteria:
                self.activated.emit(dict(criteria))

    # ------------------------------------------------------------ kinds of chart

    def show_line(self, points: Sequence[Any], *, name: str = "") -> None:
        """A line over ordered points (labels on a category axis, e.g. months); a click picks the nearest point."""
        if self._nothing_to_draw([p.value for p in points]):
            return
        self.clear()
        chart = self.chart()
        series = QLineSeries()
        series.setName(name)
        series.setPointsVisible(True)
        series.setPen(QPen(QColor(PALETTE[0]), 2))
        for i, point in enumerate(points):
            if point.value is not None:  # a month or year without a figure: no point, the line skips it
                series.append(float(i), float(point.value))
        self.filters = [[dict(p.filter) for p in points]]
        self.table_columns = [name]
        self.table_rows = [(p.label, [(p.value, dict(p.filter))]) for p in points]
        chart.addSeries(series)
        # Months are many: label the first point and each January with its year only (a 'YYYY-MM' label
        # would be elided at this width); clicks still name the exact month.
        axis_x = QCategoryAxis()
        axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        years = [(i, p.label[:4]) for i, p in enumerate(points) if i == 0 or p.label.endswith("-01")]
        if len(years) > 1 and years[1][0] - years[0][0] < max(len(points) // 6, 1):
            years = years[1:]  # the first month (2020-05) so near January 2021 would print over its label
        step = max(1, -(-len(years) // 7))
        for i, year in years[::step]:
            axis_x.append(year, float(i))
        axis_x.setRange(-0.5, max(len(points) - 0.5, 0.5))
        axis_x.setGridLineVisible(False)
        axis_x.setTruncateLabels(False)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = _value_axis(
            max((float(p.value) for p in points if p.value is not None), default=0.0),
            integers=all(isinstance(p.value, int) for p in points if p.value is not None),
        )
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        chart.legend().setVisible(bool(name))
        series.clicked.connect(lambda pos: self._emit(0, round(pos.x())))
        self.apply_font(QApplication.font())

    def show_bars(self, slices: Sequence[Any], *, horizontal: bool = False, name: str = "") -> None:
        """One bar per slice (a single series); horizontal bars suit long Chinese labels."""
        self.show_series([_OneSeries(name, slices)], horizontal=horizontal, legend=False)

    def show_series(
        self,
        series_list: Sequence[Any],
        *,
        stacked: bool = False,
        horizontal: bool = False,
        legend: bool = True,
        values_on_bars: bool = False,
    ) -> None:
        """Grouped (or stacked) bars: one bar set per ``Series``, categories from the points' labels in order."""
        if self._nothing_to_draw([p.value for s in series_list for p in s.points]):
            return
        self.clear()
        chart = self.chart()
        categories: list[str] = []
        for s in series_list:
            for p in s.points:
                if p.label not in categories:
                    categories.append(p.label)
        self.table_columns = [s.name for s in series_list]
        cells = [{p.label: p for p in s.points} for s in series_list]
        self.table_rows = [
            (c, [(p.value, dict(p.filter)) if p is not None else (None, {}) for p in (by.get(c) for by in cells)])
            for c in categories
        ]
        if horizontal and not stacked:
            categories.reverse()  # Qt draws the first category at the bottom; the list reads from the top
        if stacked:
            bars: QAbstractBarSeries = QStackedBarSeries()
        elif horizontal:
            bars = QHorizontalBarSeries()
        else:
            bars = QBarSeries()
        top = 0.0
        totals = [0.0] * len(categories)
        for k, s in enumerate(series_list):
            bar_set = QBarSet(s.name)
            bar_set.setColor(QColor(PALETTE[k % len(PALETTE)]))
            bar_set.setBorderColor(QColor(PALETTE[k % len(PALETTE)]))
            by_label = {p.label: p for p in s.points}
            row_filters = []
            for c, label in enumerate(categories):
                point = by_label.get(label)
                # A figure not entered yet (生产企业出口额 of a year half imported) draws no bar; the table says 未填.
                value = float(point.value) if point is not None and point.value is not None else 0.0
                bar_set.append(value)
                totals[c] += value
                top = max(top, value)
                row_filters.append(dict(point.filter) if point is not None else {})
            self.filters.append(row_filters)
            bar_set.clicked.connect(lambda index, k=k: self._emit(k, index))
            bars.append(bar_set)
        if stacked:
            top = max(totals, default=0.0)
        bars.setBarWidth(0.7)
        if values_on_bars:  # amounts for a meeting: read the figure, not the axis
            bars.setLabelsVisible(True)
            bars.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
            bars.setLabelsFormat("@value")
            for bar_set in bars.barSets():
                bar_set.setLabelColor(QColor("#1a202c"))
                bar_set.setLabelFont(self.chart().legend().font())
        chart.addSeries(bars)
        category_axis = QBarCategoryAxis()
        category_axis.append(categories)
        category_axis.setTruncateLabels(False)  # 智能马桶/卫浴 whole, or the bar cannot be told apart
        value_axis = _value_axis(
            top, integers=all(isinstance(p.value, int) for s in series_list for p in s.points if p.value is not None)
        )
        if horizontal and not stacked:
            chart.addAxis(category_axis, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(category_axis)
        bars.attachAxis(value_axis)
        chart.legend().setVisible(legend and len(series_list) > 1)
        self.apply_font(QApplication.font())

    def show_pie(self, slices: Sequence[Any]) -> None:
        """A pie of slices labelled with name and exact value; a click on a slice opens its rows."""
        if self._nothing_to_draw([s.value for s in slices]):
            return
        self.clear()
        chart = self.chart()
        pie = QPieSeries()
        filters = []
        for k, s in enumerate(slices):
            # Name and exact value in the legend beside the pie: labels drawn outside the slices were elided
            # ("外贸公司…") once the dashboard is narrower than about 1200 px.
            piece = QPieSlice(f"{s.label} {number_text(s.value)}", float(s.value or 0))
            piece.setColor(QColor(PALETTE[k % len(PALETTE)]))
            piece.setLabelVisible(False)
            piece.clicked.connect(lambda k=k: self._emit(0, k))
            pie.append(piece)
            filters.append(dict(s.filter))
        self.filters = [filters]
        self.table_columns = [""]
        self.table_rows = [(s.label, [(s.value, dict(s.filter))]) for s in slices]
        pie.setPieSize(0.8)
        chart.addSeries(pie)
        legend = chart.legend()
        legend.setVisible(bool(slices))
        legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        # The legend takes the width its longest entry needs (marker and padding included); the pie gets the rest.
        metrics = QFontMetrics(legend.font())
        widest = max((metrics.horizontalAdvance(p.label()) for p in pie.slices()), default=0)
        legend.setMinimumWidth(widest + 3 * metrics.height())
        for marker in legend.markers(pie):
            marker.clicked.connect(lambda marker=marker: self._emit(0, pie.slices().index(marker.slice())))
        self.apply_font(QApplication.font())

    # ------------------------------------------------------------ for tests and keyboard users

    def item_position(self, series: int, item: int) -> QPointF:
        """Where the centre of a bar or point is drawn, in viewport coordinates (tests click there)."""
        chart = self.chart()
        data = chart.series()[0]
        if isinstance(data, QAbstractBarSeries):
            bar_set = data.barSets()[series]
            value = bar_set.at(item)
            if isinstance(data, QStackedBarSeries):
                below = sum(data.barSets()[k].at(item) for k in range(series))
                centre = QPointF(item, below + value / 2)
            elif isinstance(data, QHorizontalBarSeries):
                count = len(data.barSets())
                offset = (series - (count - 1) / 2) * (0.7 / count)
                centre = QPointF(value / 2, item + offset)
            else:
                count = len(data.barSets())
                offset = (series - (count - 1) / 2) * (0.7 / count)
                centre = QPointF(item + offset, value / 2)
        elif isinstance(data, QLineSeries):
            centre = data.at(item)
        else:
            raise TypeError("item_position is for bar and line charts")
        scene = chart.mapToScene(chart.mapToPosition(centre, data))
        return QPointF(self.mapFromScene(scene))


class _OneSeries:
    """Slices seen as one ``Series`` (name and points), so plain bars share the grouped-bar code."""

    def __init__(self, name: str, points: Sequence[Any]) -> None:
        self.name, self.points = name, list(points)
