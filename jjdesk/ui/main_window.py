"""The main window: a small shell of navigation, stacked pages and a status bar. Pages do the work."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from jjdesk.config import sqlite_path
from jjdesk.services import overview
from jjdesk.services.actor import Actor
from jjdesk.store.engine import Database
from jjdesk.ui.pages.home import HomePage


class MainWindow(QMainWindow):
    """Navigation on the left, one page at a time on the right, database and user in the status bar."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(self.tr("Jiaojiang Digital Economy Ledger"))
        self.setMinimumSize(960, 600)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(168)
        self.pages = QStackedWidget()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)

        self.db_label, self.user_label, self.count_label = QLabel(), QLabel(), QLabel()
        for label in (self.db_label, self.user_label, self.count_label):
            self.statusBar().addPermanentWidget(label)

        self.add_page("home", self.tr("Overview"), HomePage(db))
        self.nav.setCurrentRow(0)
        self.refresh_status()
        self._restore_geometry()

    def add_page(self, key: str, title: str, page: QWidget) -> None:
        """Register a page under a navigation entry; ``key`` names it for settings and tests."""
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.nav.addItem(item)
        page.setObjectName(f"page_{key}")
        self.pages.addWidget(page)

    def page(self, key: str) -> QWidget:
        return self.findChild(QWidget, f"page_{key}")  # type: ignore[return-value]

    def refresh_status(self) -> None:
        path = sqlite_path(self.db.url)
        self.db_label.setText(self.tr("Database: %1").replace("%1", path.name if path else self.db.engine.dialect.name))
        self.db_label.setToolTip(str(path) if path else "")
        self.user_label.setText(self.tr("User: %1 (%2)").replace("%1", self.actor.name)
                                .replace("%2", self.actor.role_label))
        c = overview.record_counts(self.db)
        self.count_label.setText(self.tr("Enterprises %1 · Initiatives %2 · Figures %3")
                                 .replace("%1", f"{c['enterprises']:,}").replace("%2", f"{c['initiatives']:,}")
                                 .replace("%3", f"{c['figures']:,}"))

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def closeEvent(self, event) -> None:
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
