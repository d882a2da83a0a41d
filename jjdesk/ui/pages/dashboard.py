"""The 汇总 dashboard: key figures as cards, service and progress counts as buttons, and five charts.

Everything comes from one ``summary.dashboard`` call on a worker (SQL aggregates; well under a second at a
million enterprises), so the page never blocks; while it runs the header says 加载中… and the previous
figures stay visible. Every card, button, bar, point and slice carries the service's ``filter``; a click hands
it to ``navigate(page, criteria)``, which opens that table already filtered. Groups no list filter can express
(``filter == {}``) are shown but not clickable.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from jjdesk.services.core.vocab import REVIEW_STATUS, label_of
from jjdesk.services.summaries import dashboard as summary
from jjdesk.store.engine import Database
from jjdesk.ui import workers
from jjdesk.ui.widgets.chart_panel import ChartPanel
from jjdesk.ui.widgets.charts import SummaryChart, number_text

Navigate = Callable[[str, dict], None]

DASHBOARD_STYLE = """
QFrame#figureCard { background: white; border: 1px solid #d5dce6; border-radius: 6px; }
QFrame#figureCard[clickable="true"]:hover { border: 1px solid #2b6cb0; background: #f7fbff; }
QFrame#figureCard:focus { border: 2px solid #2b6cb0; }
QFrame#figureCard QLabel#cardTitle { color: #4a5568; }
QFrame#figureCard QLabel#cardValue { color: #1f3b5c; font-size: 18pt; font-weight: 600; }
QFrame#figureCard QLabel#cardNote { color: #718096; }
QPushButton#chip { border-radius: 10px; padding: 2px 10px; min-height: 16px; }
QChartView { border: 1px solid #d5dce6; border-radius: 6px; background: white; }
QChartView:focus { border: 2px solid #2b6cb0; }
"""


class FigureCard(QFrame):
    """A key figure: caption, big value, a note under it; a click emits ``activated(filter)``."""

    activated = Signal(dict)

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.key = key
        self.filter: dict = {}
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.value = QLabel("—")
        self.value.setObjectName("cardValue")
        self.note = QLabel()
        self.note.setObjectName("cardNote")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_figure(self, value: str, note: str = "", criteria: dict | None = None) -> None:
        self.value.setText(value)
        self.note.setText(note)
        self.filter = dict(criteria or {})
        clickable = bool(self.filter)
        self.setProperty("clickable", clickable)
        # Tab reaches a card that opens records, Enter or Space opens them (a card is a button to the keyboard).
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if clickable else Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)
        self.setToolTip(self.tr("Click to open the matching records") if clickable else "")
        self.style().unpolish(self)
        self.style().polish(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.filter:
            self.activated.emit(dict(self.filter))
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (
            event.button() == Qt.MouseButton.LeftButton
            and self.filter
            and self.rect().contains(event.position().toPoint())
        ):
            self.activated.emit(dict(self.filter))
        super().mouseReleaseEvent(event)


class DashboardView(QWidget):
    """``DashboardView(db, navigate)``: cards and charts of ``summary.dashboard``; ``refresh()`` reloads."""

    loaded = Signal()  # the figures on screen are now those of the last refresh()
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        navigate: Navigate | None = None,
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._navigate = navigate
        self._today = today
        self._worker: workers.Worker | None = None
        self.data: summary.Dashboard | None = None
        self.setStyleSheet(DASHBOARD_STYLE)

        self.status = QLabel()
        self.status.setObjectName("dashboardStatus")
        self.status.setContentsMargins(4, 2, 4, 2)
        self.cards: dict[str, FigureCard] = {}
        cards_row = QHBoxLayout()
        cards_row.setSpacing(8)
        for key, title in (
            ("enterprises_total", self.tr("Platform enterprises")),
            ("joined_this_year", self.tr("Joined this year")),
            ("initiatives_total", self.tr("Initiatives")),
            ("overdue_milestones", self.tr("Overdue milestones")),
            ("trade_total", self.tr("Foreign trade total")),
            ("trade_growth", self.tr("Growth on last year")),
        ):
            card = FigureCard(key, title)
            card.activated.connect(self._open)
            self.cards[key] = card
            cards_row.addWidget(card)

        self.service_row = QHBoxLayout()
        self.status_row = QHBoxLayout()
        chips = QGridLayout()
        chips.setHorizontalSpacing(6)
        chips.addWidget(_caption(self.tr("Services used")), 0, 0)
        chips.addLayout(self.service_row, 0, 1)
        chips.addWidget(_caption(self.tr("Initiatives by progress")), 1, 0)
        chips.addLayout(self.status_row, 1, 1)
        chips.setColumnStretch(2, 1)
        self.chips: dict[str, QPushButton] = {}

        self.charts: dict[str, SummaryChart] = {}
        self.panels: dict[str, ChartPanel] = {}  # each chart with its table view (keyboard access)
        grid = QGridLayout()
        grid.setSpacing(8)
        for key, title, row, col, span in (
            ("members_by_month", self.tr("Platform members by month (cumulative)"), 0, 0, 1),
            ("by_cluster", self.tr("Members by industry cluster"), 0, 1, 1),
            ("by_type", self.tr("Members by enterprise type"), 0, 2, 1),
            ("exports_by_type", self.tr("Exports by enterprise type"), 1, 0, 1),
            ("initiative_status_by_category", self.tr("Initiative progress by category"), 1, 1, 2),
        ):
            chart = SummaryChart(title)
            chart.setObjectName(f"chart_{key}")
            chart.setToolTip(
                self.tr(
                    "Click a bar, point or slice to open its records; Enter or right-click shows the figures as a table"
                )
            )
            panel = ChartPanel(chart)
            panel.activated.connect(self._open)
            self.charts[key] = chart
            self.panels[key] = panel
            grid.addWidget(panel, row, col, 1, span)
        for col in range(3):
            grid.setColumnStretch(col, 1)
        no_members = self.tr(
            "No platform enterprises yet: add them on the Platform enterprises page or import a spreadsheet"
        )
        for key, text in (
            ("members_by_month", self.tr("No platform enterprise has a join date yet")),
            ("by_cluster", no_members),
            ("by_type", no_members),
            ("exports_by_type", self.tr("The yearly statistics hold no exports by enterprise type yet")),
            ("initiative_status_by_category", self.tr("No initiatives yet")),
        ):
            self.charts[key].set_empty_text(text)

        content = QWidget()
        content.setObjectName("dashboardContent")
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(cards_row)
        body.addLayout(chips)
        body.addLayout(grid, 1)
        self.content = content
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        """Reload every figure on a worker; a refresh still running is dropped for the new one."""
        if self._worker is not None:
            self._worker.cancel()
        self.status.setText(self.tr("Loading…"))
        db, today = self.db, self._today()
        self._worker = workers.start(
            lambda _control: summary.dashboard(db, today=today),
            context=self,
            on_finished=self._show,
            on_failed=self._failed,
        )

    def is_loading(self) -> bool:
        return self._worker is not None and not self._worker.done

    def _failed(self, message: str) -> None:
        self._worker = None
        self.status.setText(self.tr("Could not load the summary: %1").replace("%1", message))
        self.failed.emit(message)

    def _show(self, data: summary.Dashboard) -> None:
        self._worker = None
        self.data = data
        self.status.setText(
            self.tr("Figures as of %1 · click a figure, bar or slice to open its records").replace(
                "%1", data.today.isoformat()
            )
        )
        f = data.filters
        c = self.cards
        c["enterprises_total"].set_figure(
            number_text(data.enterprises_total), self.tr("enterprises"), f.get("enterprises_total")
        )
        c["joined_this_year"].set_figure(
            number_text(data.joined_this_year),
            self.tr("joined in %1").replace("%1", str(data.year)),
            f.get("joined_this_year"),
        )
        c["initiatives_total"].set_figure(
            number_text(data.initiatives_total), self.tr("initiatives"), f.get("initiatives_total")
        )
        c["overdue_milestones"].set_figure(
            number_text(data.overdue_milestones),
            self.tr("in %1 initiatives, past due and not done").replace("%1", number_text(data.overdue_initiatives)),
            f.get("overdue_milestones"),
        )
        if data.trade_total is None:
            c["trade_total"].set_figure("—", self.tr("no figure yet"))
            c["trade_growth"].set_figure("—", "")
        else:
            # The year's review status goes with the figure: a leader must see that 草稿 is not yet checked.
            status = label_of(REVIEW_STATUS, data.trade_review_status) or "—"
            note = (
                self.tr("%1 · %2 · %3")
                .replace("%1", data.trade_unit)
                .replace("%2", str(data.trade_year))
                .replace("%3", status)
            )
            c["trade_total"].set_figure(number_text(data.trade_total), note, f.get("trade_total"))
            growth = data.trade_growth
            if growth is None:
                c["trade_growth"].set_figure("—", self.tr("not reported"), f.get("trade_total"))
            else:
                note = self.tr("increase, as reported") if growth >= 0 else self.tr("decrease, as reported")
                c["trade_growth"].set_figure(f"{abs(growth)}%", note, f.get("trade_total"))
        self._fill_chips(self.service_row, "service", data.service_use)
        self._fill_chips(self.status_row, "status", data.initiatives_by_status)

        ch = self.charts
        ch["members_by_month"].show_line(data.members_by_month)
        ch["by_cluster"].show_bars(data.by_cluster, horizontal=True)
        ch["by_type"].show_pie(data.by_type)
        ch["exports_by_type"].show_series(data.exports_by_type, values_on_bars=True)
        ch["exports_by_type"].chart().setTitle(
            self.tr("Exports by enterprise type (%1)").replace("%1", data.exports_unit)
            if data.exports_unit
            else self.tr("Exports by enterprise type")
        )
        ch["initiative_status_by_category"].show_series(data.initiative_status_by_category, stacked=True)
        for panel in self.panels.values():
            if panel.showing_table():
                panel.fill()
        self.loaded.emit()

    def _fill_chips(self, row: QHBoxLayout, kind: str, slices: list[Any]) -> None:
        self.chips = {k: v for k, v in self.chips.items() if not k.startswith(f"{kind}:")}
        while row.count():
            item = row.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for s in slices:
            chip = QPushButton(f"{s.label} {number_text(s.value)}")
            chip.setObjectName("chip")
            chip.setAutoDefault(False)
            chip.setEnabled(bool(s.filter))
            chip.clicked.connect(lambda _=False, criteria=dict(s.filter): self._open(criteria))
            self.chips[f"{kind}:{s.label}"] = chip
            row.addWidget(chip)
        row.addStretch(1)

    def _open(self, criteria: dict) -> None:
        criteria = dict(criteria)
        page = criteria.pop("page", None)
        if page and self._navigate is not None:
            self._navigate(page, criteria)


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label
