"""The window's Excel actions: File → 导入 / 导出 (Import / Export), wired with one call from the main window.

- **Export to Excel…** (Ctrl+E) exports what the current page shows — the enterprise and initiative lists
  exactly their filtered, sorted rows and shown columns (an initiative list with its milestones and indicators),
  the statistics page the years it shows that hold figures (none: refused before the save dialog), with the
  officer's 填报单位. Other pages leave the action disabled, as the window does for its own page actions.
- **Settings → Export Settings…** sets that 填报单位 (``ExportSettingsDialog``, per officer in QSettings).
- **Initiatives with milestones and indicators…** and **Meeting pack…** (会议材料, for a chosen year) export
  from the whole ledger.
- **Import from Excel…** (Ctrl+I) opens :class:`ImportDialog`; after records were written, every page is
  refreshed and the window's status counts are updated.

Kept out of ``main_window.py`` so that file only calls :func:`install_excel_actions`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from jjdesk.ui.export_runner import ExportRunner, default_file_name, reporting_unit, run_export

if TYPE_CHECKING:
    from jjdesk.ui.dialogs.import_dialog import ImportDialog
    from jjdesk.ui.pages.list_page import ListPage
    from jjdesk.ui.shell import WindowShell


class ExcelActions(QObject):
    """The Excel actions of one main window; see the module docstring. Build with :func:`install_excel_actions`."""

    def __init__(self, window: WindowShell) -> None:
        super().__init__(window)
        self.window = window
        self.import_dialog: ImportDialog | None = None
        self.runner: ExportRunner | None = None
        self.message_box: QMessageBox | None = None
        self.export_rows = self._action("export_rows", self.tr("Export to E&xcel…"), "Ctrl+E", self.export_current)
        self.export_initiatives = self._action(
            "export_initiatives",
            self.tr("Initiatives with Milestones and Indicators…"),
            None,
            self.export_all_initiatives,
        )
        self.meeting_pack = self._action("meeting_pack", self.tr("&Meeting Pack…"), None, self.export_meeting_pack)
        self.import_file = self._action("import_excel", self.tr("&Import from Excel…"), "Ctrl+I", self.open_import)
        self.export_settings = self._action(
            "export_settings", self.tr("&Export Settings…"), None, self.open_export_settings
        )
        self.settings_dialog = None
        window.pages.currentChanged.connect(self._page_changed)
        self._page_changed()

    def _action(self, name: str, text: str, shortcut: str | None, slot) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"action_{name}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        self.window.actions_by_name[name] = action
        self.window.addAction(action)  # the shortcut works wherever the focus is
        return action

    def build_menu(self, parent: QMenu) -> QMenu:
        """The 导入 / 导出 submenu (Import / Export)."""
        menu = QMenu(self.tr("Import / E&xport"), parent)
        menu.setObjectName("excelMenu")
        menu.addAction(self.import_file)
        menu.addSeparator()
        menu.addAction(self.export_rows)
        menu.addAction(self.export_initiatives)
        menu.addAction(self.meeting_pack)
        return menu

    def _page_changed(self, *_args: object) -> None:
        self.export_rows.setEnabled(self._exporter() is not None)

    # ---------------------------------------------------------------- export

    def export_current(self) -> ExportRunner | None:
        """Export what the current page shows: its list or its statistics years."""
        exporter = self._exporter()
        self.runner = exporter() if exporter is not None else None
        return self.runner

    def _exporter(self) -> Callable[[], ExportRunner | None] | None:
        """How Ctrl+E exports the page on screen, as its ``offers()`` declare (None: nothing to export)."""
        offers, page = self.window.current_offers(), self.window.current_page()
        listed, years = offers.list_export, offers.years_export
        if listed is not None:
            return lambda: self.export_list(listed)
        if years is not None and page is not None:
            return lambda: self.export_statistics(page, years())
        return None

    def export_list(self, page: ListPage) -> ExportRunner | None:
        """The list's filtered, sorted rows with its shown columns; row 2 names 填报单位, 报告期 and the filter."""
        from jjdesk.services.exports.view import export_listing

        db, listing, query, keys = self.window.db, page.model.listing, page.export_query(), page.shown_columns()
        unit = reporting_unit()

        def job(path, progress, should_cancel):
            return export_listing(
                db, path, listing, query, keys=keys, progress=progress, should_cancel=should_cancel, reporting_unit=unit
            )

        return run_export(
            page, QCoreApplication.translate("ListPage", "Export to Excel"), default_file_name(page.export_stem()), job
        )

    def export_statistics(self, page: QWidget, shown_years: list[int]) -> ExportRunner | None:
        """The years the statistics page shows that hold figures; refused (the service's words) when none does."""
        from jjdesk.services.excel.writer import NothingToExport
        from jjdesk.services.exports.lists import export_statistics, years_with_figures

        db = self.window.db
        try:
            years = years_with_figures(db, shown_years)
        except NothingToExport as exc:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Export to Excel"),
                str(exc),
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.message_box = box
            box.open()
            return None
        unit = reporting_unit()

        def job(path, progress, should_cancel):
            return export_statistics(
                db, path, years=years, progress=progress, should_cancel=should_cancel, reporting_unit=unit
            )

        return run_export(
            page,
            self.tr("Export to Excel"),
            default_file_name(QCoreApplication.translate("StatisticsPage", "Statistics")),
            job,
        )

    def open_export_settings(self):
        """Settings → Export Settings…: the officer's 填报单位 (non-blocking)."""
        from jjdesk.ui.dialogs.export_settings_dialog import ExportSettingsDialog

        dialog = ExportSettingsDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def export_all_initiatives(self) -> ExportRunner | None:
        from jjdesk.services.exports.lists import export_initiatives

        db, unit = self.window.db, reporting_unit()

        def job(path, progress, should_cancel):
            return export_initiatives(db, path, progress=progress, should_cancel=should_cancel, reporting_unit=unit)

        self.runner = run_export(
            self.window, self.tr("Export Initiatives"), default_file_name(self.tr("Initiatives with milestones")), job
        )
        return self.runner

    def meeting_pack_years(self) -> list[int]:
        """Years to choose from: those with statistics, newest first (last year when there are none)."""
        from jjdesk.services.records import statistics

        years = sorted({y["year"] for y in statistics.years(self.window.db)}, reverse=True)
        return years or [date.today().year - 1]

    def export_meeting_pack(self) -> ExportRunner | None:
        """Ask for the year, then the file, and write the meeting pack (会议材料) on a worker."""
        from jjdesk.services.exports.meeting_pack import export_meeting_pack

        years = [str(y) for y in self.meeting_pack_years()]
        choice, ok = QInputDialog.getItem(
            self.window, self.tr("Meeting Pack"), self.tr("Report year:"), years, 0, False
        )
        if not ok or not choice:
            return None
        year, db, actor, unit = int(choice), self.window.db, self.window.actor, reporting_unit()

        def job(path, progress, should_cancel):  # the pack's snapshot is stored under the signed-in officer
            return export_meeting_pack(
                db, path, year=year, progress=progress, should_cancel=should_cancel, actor=actor, reporting_unit=unit
            )

        stem = self.tr("Meeting pack %1").replace("%1", str(year))
        self.runner = run_export(self.window, self.tr("Meeting Pack"), default_file_name(stem), job)
        return self.runner

    # ---------------------------------------------------------------- import

    def open_import(self) -> ImportDialog:
        """Open the import dialog (non-blocking) for what the page on screen names (enterprises unless statistics)."""
        from jjdesk.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(
            self.window.db, self.window.actor, self.window, kind=self.window.current_offers().import_kind
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self.after_import)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def after_import(self, _result: object = None) -> None:
        """Records were written: every page reloads and the status bar counts again."""
        self.window.refresh_pages()


def install_excel_actions(window: WindowShell) -> ExcelActions:
    """Create the Excel actions and put File → Import / Export above Quit. Call once, after the menus exist."""
    actions = ExcelActions(window)
    file_menu = window.menuBar().actions()[0].menu()
    quit_action = window.actions_by_name["quit"]
    menu = actions.build_menu(file_menu)
    file_menu.insertMenu(quit_action, menu)
    file_menu.insertSeparator(quit_action)
    window.excel_menu = menu
    settings_menu = next(
        (
            a.menu()
            for a in window.menuBar().actions()
            if a.menu() is not None and a.text() == QCoreApplication.translate("MainWindow", "&Settings")
        ),
        None,
    )
    if settings_menu is not None:
        settings_menu.addSeparator()
        settings_menu.addAction(actions.export_settings)
    return actions
