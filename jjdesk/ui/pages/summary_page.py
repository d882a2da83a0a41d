"""The 汇总 page: dashboard, cross-tab, year comparison and the drafted bulletin paragraph, as four tabs.

Each tab is its own view over one summary service; this page only holds them, routes F5 (``refresh``) to
the tab on screen, and prints or saves as PDF what that tab shows. Figures are re-read whenever the page comes
into view, so what was edited on another page is never shown stale here.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from jjdesk.ui import printing
from jjdesk.ui.pages.bulletin_view import BulletinView
from jjdesk.ui.pages.context import PageContext, PageOffers
from jjdesk.ui.pages.crosstab_view import CrossTabView
from jjdesk.ui.pages.dashboard import DashboardView
from jjdesk.ui.pages.year_compare_view import YearCompareView


class SummaryPage(QWidget):
    """``SummaryPage(ctx)``; clicks in the dashboard and the cross-tab open tables through ``ctx.navigate``."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        title = QLabel(self.tr("Summary"))
        title.setObjectName("pageTitle")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        for button in (self.refresh_button, self.print_button, self.pdf_button):
            button.setAutoDefault(False)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.print_button)
        top.addWidget(self.pdf_button)

        self.dashboard = DashboardView(ctx.db, ctx.navigate)
        self.crosstab = CrossTabView(ctx.db, ctx.navigate)
        self.year_compare = YearCompareView(ctx.db, ctx.navigate)
        self.bulletin = BulletinView(ctx.db)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("summaryTabs")
        self.tabs.addTab(self.dashboard, self.tr("Dashboard"))
        self.tabs.addTab(self.crosstab, self.tr("Cross-tab"))
        self.tabs.addTab(self.year_compare, self.tr("Year comparison"))
        self.tabs.addTab(self.bulletin, self.tr("Bulletin paragraph"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self.refresh_button.clicked.connect(self.refresh)
        self.print_button.clicked.connect(self.print_current)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tab())

    # ------------------------------------------------------------ page actions (routed by the window)

    def offers(self) -> PageOffers:
        return PageOffers(refresh=self.refresh)

    def refresh(self) -> None:
        """F5: re-read the tab on screen."""
        self._refresh_tab()

    def print_current(self) -> None:
        render, landscape = self.renderer()
        printing.print_preview(self, render, landscape=landscape)

    def save_pdf(self) -> None:
        render, landscape = self.renderer()
        printing.save_pdf_dialog(self, render, self.print_title(), landscape=landscape)

    def print_title(self) -> str:
        return self.tr("Summary · %1").replace("%1", self.tabs.tabText(self.tabs.currentIndex()))

    def renderer(self) -> tuple[printing.Renderer, bool]:
        """What printing the current tab draws, and whether it goes landscape (the dashboard and wide tables)."""
        view, title = self.tabs.currentWidget(), self.print_title()
        if view is self.dashboard:
            return printing.widget_renderer(self.dashboard.content, title), True
        if view is self.crosstab:
            body = (
                _caption(self.crosstab.title.text())
                + printing.table_html(self.crosstab.model)
                + _caption(self.crosstab.notes.text() if self.crosstab.notes.isVisible() else "")
            )
            return printing.document_renderer(body, title), self.crosstab.model.columnCount() > 6
        if view is self.year_compare:
            return printing.document_renderer(printing.table_html(self.year_compare.model), title), True
        return printing.document_renderer(self.bulletin.print_html(), title), False

    # ------------------------------------------------------------ reactions

    def _refresh_tab(self) -> None:
        view = self.tabs.currentWidget()
        refresh = getattr(view, "refresh", None)
        if callable(refresh):
            refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self._refresh_tab()  # edits made on other pages show up as soon as the officer comes back


def _caption(text: str) -> str:
    return f"<p>{html.escape(text)}</p>" if text else ""
