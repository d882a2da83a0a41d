"""Every UI test keeps QSettings (window geometry, column layout, remembered user, language) in its own temporary
folder, so no test reads what another left behind, nor touches the machine's real settings."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def garbage_collected_in_the_gui_thread():
    """As the window does (``ui.gc_guard``): no automatic collection during a UI test — a worker thread must never
    collect Qt objects of this one — and one collection here, in the GUI thread, when the test ends."""
    enabled = gc.isenabled()
    gc.disable()
    yield
    gc.collect()
    if enabled:
        gc.enable()


@pytest.fixture(autouse=True)
def settings_in_tmp(tmp_path):
    from jjdesk.ui import settings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    # Automatic backups (at start and on close after changes) are tested in test_backup_dialog.py; elsewhere a
    # window closing after a test's edits must not wait for one.
    settings.AUTO_BACKUP.set(False)
    yield tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


@pytest.fixture
def import_dialog(qtbot, db):
    """``import_dialog(kind)``: an open ImportDialog of a 录入员 on ``db``; the test ends once its workers have."""
    from jjdesk.services.core.actor import Actor
    from jjdesk.ui import workers
    from jjdesk.ui.dialogs.import_dialog import ENTERPRISES, ImportDialog

    def make(kind: str = ENTERPRISES) -> ImportDialog:
        dlg = ImportDialog(db, Actor("lihua", "entry"), kind=kind)
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitExposed(dlg)
        return dlg

    yield make
    qtbot.waitUntil(lambda: workers.running() == 0, timeout=20000)
