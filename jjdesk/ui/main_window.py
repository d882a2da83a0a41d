"""The main window: a small shell of navigation, stacked pages, menus and a status bar. Pages do the work.

Menu actions are routed to the current page through what it declares in ``offers()``
(``ui/pages/context.PageOffers``: ``new_record``, ``save_current``, ``delete_selected``, ``focus_search``,
``paste_rows``, refresh, filter, export, import target): the window enables only what the page offers. The
pages themselves are listed in ``ui/pages/registry.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from jjdesk.config import resolve_db_url, sqlite_path
from jjdesk.i18n import LANGUAGES
from jjdesk.services.core.actor import Actor
from jjdesk.services.records import overview
from jjdesk.store.engine import Database
from jjdesk.ui import settings
from jjdesk.ui.admin_actions import install_admin_actions
from jjdesk.ui.backup_actions import BackupActions, install_backup_actions
from jjdesk.ui.excel_actions import install_excel_actions
from jjdesk.ui.pages.context import PAGE_ACTIONS, PageContext, PageEntry, PageOffers
from jjdesk.ui.pages.registry import build_pages

if TYPE_CHECKING:
    from jjdesk.ui.single_instance import SingleInstance


class MainWindow(QMainWindow):
    """Navigation on the left, one page at a time on the right, database and user in the status bar."""

    database_changed = Signal()
    actor_changed = Signal()  # after Switch User or Open Database: actions follow the new user's role

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        opener: Callable[[str], Database] | None = None,
        sign_in: Callable[[Database], Actor | None] | None = None,
    ) -> None:
        super().__init__(parent)
        from jjdesk.store.migrate import open_database

        self.db, self.actor = db, actor
        self._opener = opener or open_database
        self._sign_in = sign_in or self._ask_sign_in
        self.undo_stack = QUndoStack(self)
        # The one-window lock of the open database file (ui.single_instance), set by ui.app; moved with the database.
        self.instance_lock: SingleInstance | None = None
        self.setWindowTitle(self.tr("Jiaojiang Digital Economy Ledger"))
        self.setMinimumSize(1024, 640)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(150)
        self.pages = QStackedWidget()
        self.entries: list[PageEntry] = []  # one per stacked page, same order: what each page offers
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_page)

        self.db_label, self.user_label, self.count_label = QLabel(), QLabel(), QLabel()
        for label in (self.db_label, self.user_label, self.count_label):
            self.statusBar().addPermanentWidget(label)

        self._build_actions()
        self._build_menus()
        self._build_pages()
        self.excel = install_excel_actions(self)  # File → Import / Export, Ctrl+E, Ctrl+I
        self.admin = install_admin_actions(self)  # Settings → 用户管理, 信用代码例外; File → 修改我的密码
        self.backups = self._install_backups()  # File → 备份与恢复, Settings → 备份设置; backups at start and close
        self._restore_geometry()
        self._remember_recent()

    # ---------------------------------------------------------------- pages

    def _build_pages(self) -> None:
        self._save_page_states()
        while self.pages.count():
            widget = self.pages.widget(0)
            self.pages.removeWidget(widget)
            widget.deleteLater()
        self.entries = []
        self.nav.clear()
        context = PageContext(
            db=self.db,
            actor=self.actor,
            undo_stack=self.undo_stack,
            data_changed=self.refresh_status,
            navigate=self.navigate,
        )
        for entry in build_pages(context):
            self.entries.append(entry)
            item = QListWidgetItem(entry.title)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            if entry.widget is None:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setToolTip(entry.note)
                placeholder = QWidget()
                placeholder.setObjectName(f"page_{entry.key}")
                self.pages.addWidget(placeholder)
            else:
                entry.widget.setObjectName(f"page_{entry.key}")
                self.pages.addWidget(entry.widget)
                if entry.offers.restore_state is not None:
                    entry.offers.restore_state()  # column order, widths and sort as the officer left them
            self.nav.addItem(item)
        self.nav.setCurrentRow(0)
        self.refresh_status()

    def page(self, key: str) -> QWidget:
        """The page widget registered under ``key`` (for tests and wiring)."""
        return self.pages.widget(self._index_of(key))

    def _index_of(self, key: str) -> int:
        for i, entry in enumerate(self.entries):
            if entry.key == key:
                return i
        raise KeyError(key)

    def show_page(self, key: str) -> QWidget:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)
        return self.page(key)

    def navigate(self, key: str, criteria: dict) -> QWidget:
        """Show page ``key`` filtered by ``criteria`` (its ``apply_filter``): a 汇总 figure's click-through."""
        page = self.show_page(key)
        apply_filter = self.entries[self._index_of(key)].offers.apply_filter
        if apply_filter is not None:
            apply_filter(criteria)
        return page

    def current_page(self) -> QWidget | None:
        return self.pages.currentWidget()

    def current_offers(self) -> PageOffers:
        """What the page on screen offers (nothing while no page is built)."""
        index = self.pages.currentIndex()
        return self.entries[index].offers if 0 <= index < len(self.entries) else PageOffers()

    def refresh_pages(self) -> None:
        """Records changed outside the pages (an import, another user's session): every page reloads."""
        for entry in self.entries:
            if entry.offers.refresh is not None:
                entry.offers.refresh()
        self.refresh_status()

    def _save_page_states(self) -> None:
        for entry in self.entries:
            if entry.offers.save_state is not None:
                entry.offers.save_state()

    def _show_page(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        offered = self.current_offers().actions
        for name in PAGE_ACTIONS:
            self.actions_by_name[name].setEnabled(name in offered)

    def _call_page(self, name: str) -> None:
        handler = self.current_offers().actions.get(name)
        if handler is not None:
            handler()

    # ---------------------------------------------------------------- actions and menus

    def _action(self, name: str, text: str, shortcut=None, slot=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_{name}")
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.triggered.connect(slot or (lambda _=False, n=name: self._call_page(n)))
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        std = QKeySequence.StandardKey
        self._action("open_database", self.tr("&Open Database…"), std.Open, self.choose_database)
        self._action("switch_user", self.tr("Switch &User…"), None, self.switch_user)
        self._action("quit", self.tr("&Quit"), std.Quit, self.close)
        self._action("new_record", self.tr("&New Record"), std.New)
        self._action("save_current", self.tr("&Save"), std.Save)
        self._action("delete_selected", self.tr("&Delete…"), Qt.Key.Key_Delete)
        self._action("focus_search", self.tr("&Find"), std.Find)
        self._action("paste_rows", self.tr("Paste Rows from Excel…"))
        self._action("refresh", self.tr("&Refresh"), std.Refresh, self.refresh_all)
        self._action("about", self.tr("&About jjdesk"), None, self.about)
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcuts(QKeySequence.keyBindings(std.Undo))
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts(QKeySequence.keyBindings(std.Redo))
        self.actions_by_name["undo"], self.actions_by_name["redo"] = undo, redo

    def _build_menus(self) -> None:
        a = self.actions_by_name
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(a["open_database"])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(a["switch_user"])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit_menu = bar.addMenu(self.tr("&Edit"))
        for name in (
            "undo",
            "redo",
            None,
            "new_record",
            "save_current",
            "delete_selected",
            None,
            "paste_rows",
            "focus_search",
        ):
            edit_menu.addSeparator() if name is None else edit_menu.addAction(a[name])
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(a["refresh"])
        settings_menu = bar.addMenu(self.tr("&Settings"))
        language_menu = settings_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        current = settings.LANGUAGE.get()
        for code, name in LANGUAGES.items():
            act = language_menu.addAction(name)
            act.setCheckable(True)
            act.setChecked(code == current)
            act.setData(code)
            group.addAction(act)
        group.triggered.connect(self._choose_language)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(a["about"])
        # Shortcuts work even when the menu bar is hidden or focus is deep inside a page.
        self.addActions(list(a.values()))

    def _choose_language(self, action: QAction) -> None:
        settings.LANGUAGE.set(str(action.data()))
        QMessageBox.information(
            self, self.tr("Language"), self.tr("The language will change the next time jjdesk starts.")
        )

    def about(self) -> None:
        from jjdesk.ui.dialogs.about_dialog import AboutDialog

        AboutDialog(self.db, self).exec()

    # ---------------------------------------------------------------- database

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Database"), "", self.tr("jjdesk database (*.db);;All files (*)")
        )
        if path:
            self.open_database(resolve_db_url(path))

    def open_database(self, url: str) -> bool:
        """Switch to another database (migrating it first); on failure keep the current one and say why."""
        from jjdesk.store.migrate import SchemaError

        if not self.may_leave():
            return False
        lock = self._lock_for(url)
        if lock is False:
            return False
        try:
            new_db = self._opener(url)
        except (SchemaError, OSError, ValueError) as exc:
            self._release_unless_kept(lock)
            QMessageBox.warning(self, self.tr("Cannot open database"), str(exc))
            return False
        actor = self._sign_in(new_db)  # users belong to a database: sign in to the new one
        if actor is None:
            self._release_unless_kept(lock)
            new_db.dispose()
            return False
        if lock is not None and lock is not self.instance_lock:
            if self.instance_lock is not None:
                self.instance_lock.release()  # the database left behind may now be opened elsewhere
            self.instance_lock = lock
            lock.show_requested.connect(self._bring_to_front)
        old = self.db
        self.db, self.actor = new_db, actor
        self.undo_stack.clear()  # commands refer to records of the old database
        self._build_pages()
        old.dispose()
        self._remember_recent()
        self.database_changed.emit()
        self.actor_changed.emit()
        return True

    def _lock_for(self, url: str):
        """The one-window lock of the database at ``url`` (the one held already when it is the same file), None
        for a database without a file, or False — said to the officer — when another window holds it."""
        from jjdesk.ui.single_instance import SingleInstance

        path = sqlite_path(url)
        if path is None:
            return None
        if self.instance_lock is not None and self.instance_lock.db_path.resolve() == path.resolve():
            return self.instance_lock
        lock = SingleInstance(path)
        if lock.acquire():
            return lock
        QMessageBox.warning(
            self,
            self.tr("Database already open"),
            self.tr("This database is already open in another jjdesk window (%1):\n%2\n\nSwitch to that window.")
            .replace("%1", lock.holder())
            .replace("%2", str(path)),
        )
        return False

    def _release_unless_kept(self, lock) -> None:
        if lock is not None and lock is not self.instance_lock:
            lock.release()

    def _bring_to_front(self) -> None:
        from jjdesk.ui.single_instance import bring_to_front

        bring_to_front(self)

    def _ask_sign_in(self, db: Database) -> Actor | None:
        from jjdesk.ui.dialogs.login import LoginDialog

        path = sqlite_path(db.url)
        return LoginDialog.sign_in(db, self, self.tr("Database: %1").replace("%1", str(path or db.url)))

    def switch_user(self) -> bool:
        """Sign in as someone else on the same database (a reviewer taking over the office PC)."""
        if not self.may_leave():
            return False
        actor = self._sign_in(self.db)
        if actor is None:
            return False
        self.actor = actor
        self.undo_stack.clear()  # undoing another user's edits in the new user's name would misattribute them
        self._build_pages()
        self.actor_changed.emit()
        return True

    def _remember_recent(self) -> None:
        path = sqlite_path(self.db.url)
        if path is None:
            return
        settings.RECENT_DATABASES.push(str(path))

    def recent_databases(self) -> list[str]:
        return settings.RECENT_DATABASES.get()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_databases():
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _=False, p=path: self.open_database(resolve_db_url(p)))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    # ---------------------------------------------------------------- status and refresh

    def refresh_all(self) -> None:
        refresh = self.current_offers().refresh
        if refresh is not None:
            refresh()
        self.refresh_status()

    def refresh_status(self) -> None:
        path = sqlite_path(self.db.url)
        self.db_label.setText(self.tr("Database: %1").replace("%1", path.name if path else self.db.engine.dialect.name))
        self.db_label.setToolTip(str(path) if path else "")
        self.user_label.setText(
            self.tr("User: %1 (%2)").replace("%1", self.actor.name).replace("%2", self.actor.role_label)
        )
        c = overview.record_counts(self.db)
        self.count_label.setText(
            self.tr("Enterprises %1 · Initiatives %2 · Figures %3")
            .replace("%1", f"{c['enterprises']:,}")
            .replace("%2", f"{c['initiatives']:,}")
            .replace("%3", f"{c['figures']:,}")
        )

    def _restore_geometry(self) -> None:
        geometry = settings.WINDOW_GEOMETRY.get()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)

    def _install_backups(self) -> BackupActions | None:
        return install_backup_actions(self)

    def may_leave(self) -> bool:
        """Whether every page lets go of what it shows (a form with unsaved changes asks: 保存 / 不保存 / 取消);
        the page that keeps it is brought to the front."""
        for entry in self.entries:
            if entry.offers.confirm_leave is None or entry.widget is None:
                continue
            if not entry.offers.confirm_leave():
                self.show_page(entry.key)
                return False
        return True

    def closeEvent(self, event) -> None:
        if not self.may_leave():
            event.ignore()  # the officer keeps working: nothing typed is lost
            return
        if self.backups is not None and self.backups.hold_close(event):
            return  # today's changes are backed up first; the window closes itself when that is done
        settings.WINDOW_GEOMETRY.set(self.saveGeometry())
        self._save_page_states()
        super().closeEvent(event)
