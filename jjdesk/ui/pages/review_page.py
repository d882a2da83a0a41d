"""The 审核 page: the work list with bulk review actions, the 审核报告 on demand, and 上报 with its history."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from jjdesk.ui.pages.check_report_view import CheckReportView
from jjdesk.ui.pages.context import PageContext, PageOffers
from jjdesk.ui.pages.review_queue import ReviewQueueView
from jjdesk.ui.pages.submission_view import SubmissionView


class ReviewPage(QWidget):
    """Three tabs over the review services; F5 refreshes the tab in front."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.queue = ReviewQueueView(ctx)
        self.report = CheckReportView(ctx)
        self.submissions = SubmissionView(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("review_tabs")
        self.tabs.addTab(self.queue, self.tr("Work list"))
        self.tabs.addTab(self.report, self.tr("Review report"))
        self.tabs.addTab(self.submissions, self.tr("Submission"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)

    def offers(self) -> PageOffers:
        return PageOffers(refresh=self.refresh)

    def refresh(self) -> None:
        self.tabs.currentWidget().refresh()

    def showEvent(self, event) -> None:
        # Records change on the other pages; the work list is re-read whenever the officer comes back to it.
        super().showEvent(event)
        self.refresh()
