"""What the window's action groups (Excel, administration) may use of the main window.

``excel_actions`` and ``admin_actions`` are installed into the main window and work through this protocol, so
they do not import ``main_window`` (which imports them) and a test can see exactly what they depend on.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar, QStackedWidget, QStatusBar, QWidget

from jjdesk.services.core.actor import Actor
from jjdesk.store.engine import Database
from jjdesk.ui.pages.context import PageOffers


class WindowShell(Protocol):
    """The main window as its action groups see it."""

    db: Database
    actor: Actor
    pages: QStackedWidget  # currentChanged: the page on screen changed
    actions_by_name: dict[str, QAction]
    actor_changed: SignalInstance  # another user signed in or another database was opened
    database_changed: SignalInstance  # another database was opened (or the same one re-opened after a restore)
    excel_menu: QMenu
    settings_menu: QMenu

    def current_page(self) -> QWidget | None: ...
    def current_offers(self) -> PageOffers: ...
    def refresh_pages(self) -> None: ...
    def open_database(self, url: str) -> bool: ...
    def close(self) -> bool: ...
    def menuBar(self) -> QMenuBar: ...
    def statusBar(self) -> QStatusBar: ...
    def addAction(self, action: QAction, /) -> None: ...
    def addActions(self, actions: list[QAction], /) -> None: ...
