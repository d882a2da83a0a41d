"""备份与恢复 driven through the window on a real ledger: back up, open one read-only, restore (with the
pre-restore backup made); 备份设置; the automatic backups at start and on close, and a failure in the status bar."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from jjdesk.services.backup import index, make, schedule
from jjdesk.services.core import audit, auth
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import ServiceError
from jjdesk.services.records import enterprises, overview
from jjdesk.ui import settings, workers
from jjdesk.ui.backup_view import BackupViewWindow
from jjdesk.ui.dialogs.backup_dialog import BackupDialog, BackupSettingsDialog
from jjdesk.ui.forms.record_form import RecordForm
from jjdesk.ui.main_window import MainWindow

ADMIN = Actor("admin", "admin")


@pytest.fixture
def ledger(db, demo_data):
    demo_data(db, generated=30)
    auth.create_first_admin(db, "admin", "Admin-pass-1", "管理员")
    return db


def _window(qtbot, db, actor=ADMIN) -> MainWindow:
    window = MainWindow(db, actor, sign_in=lambda _db: actor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _dialog(qtbot, window) -> BackupDialog:
    window.actions_by_name["backup_restore"].trigger()
    dialog = window.backups.dialog
    assert isinstance(dialog, BackupDialog) and dialog.isVisible()
    return dialog


def _idle(qtbot) -> None:
    qtbot.waitUntil(lambda: workers.running() == 0, timeout=30000)


def _done(qtbot) -> None:
    """The end of a test that switched automatic backups on: off again, so that pytest-qt closing its windows
    afterwards starts no backup of a ledger that is about to be deleted."""
    settings.AUTO_BACKUP.set(False)
    _idle(qtbot)


def test_back_up_open_read_only_and_restore_through_the_dialog(qtbot, ledger, clerk, enterprise_values, monkeypatch):
    window = _window(qtbot, ledger)
    folder = make.default_folder(ledger)
    dialog = _dialog(qtbot, window)
    assert dialog.model.rowCount() == 0 and not dialog.open_view.isEnabled()

    # 立即备份: a verified backup, listed with its counts and who was signed in.
    with qtbot.waitSignal(dialog.backed_up, timeout=30000) as made:
        dialog.back_up_now.click()
    entry = made.args[0]
    assert dialog.model.rowCount() == 1 and dialog.selected() == entry
    counts = overview.record_counts(ledger)
    row = [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())]
    assert row[2:8] == [f"{counts['enterprises']:,}", "9", f"{counts['figures']:,}", "admin", "手动", "Yes"]
    assert entry.file in dialog.message.text() and (folder / entry.file).exists()

    # 打开查看: its own window, marked read-only, nothing can be written.
    before = (folder / entry.file).read_bytes()
    dialog.open_view.click()
    view = window.backups.views[-1]
    assert isinstance(view, BackupViewWindow) and view.isVisible()
    assert view.windowTitle().startswith(f"READ-ONLY backup {entry.file}")
    assert entry.file in view.banner.text() and view.banner.isVisible()
    for name in ("new_record", "save_current", "delete_selected", "open_database", "switch_user", "import_excel"):
        assert not view.actions_by_name[name].isEnabled(), name
    view.show_page("enterprises")
    assert not view.actions_by_name["new_record"].isEnabled()  # a page that offers it does not enable it here
    assert f"{counts['enterprises']:,}" in view.count_label.text()
    forms = view.findChildren(RecordForm)
    assert forms and all(f.is_read_only() for f in forms)
    forms[0].open_record(1)  # loading a record makes a form editable elsewhere; not here
    assert forms[0].is_read_only() and not forms[0].save_button.isEnabled()
    with pytest.raises(ServiceError, match="只读查看，不能保存任何修改"):
        enterprises.create(view.db, clerk, enterprise_values())
    assert "backup_restore" not in view.actions_by_name or view.backups is None
    view.close()
    assert (folder / entry.file).read_bytes() == before

    # A change after the backup, then 恢复: the plan is shown, the current ledger is backed up first.
    enterprises.create(ledger, clerk, enterprise_values())
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.restored, timeout=30000) as restored:
        dialog.restore_button.click()
    [text] = asked
    n = counts["enterprises"]
    assert f"企业：现在 {n + 1:,}，恢复后 {n:,}（减少 1）" in text
    assert "恢复前会先备份当前台账" in text
    result = restored.args[0]
    assert overview.record_counts(ledger)["enterprises"] == n
    reasons = sorted(e.reason for e in index.list_backups(folder))
    assert reasons == [index.BEFORE_RESTORE, index.MANUAL]
    assert result.before_restore.counts["enterprises"] == n + 1
    [entry_audit] = audit.history(ledger, "ledger", 0)
    assert entry_audit.action == audit.RESTORE and entry_audit.record_label == entry.file
    assert audit.verify_chain(window.db).ok
    assert f"{n:,}" in window.count_label.text()  # the window re-opened the restored ledger
    assert dialog.model.rowCount() == 2
    _idle(qtbot)


def test_only_an_administrator_can_restore(qtbot, ledger, clerk):
    window = _window(qtbot, ledger, clerk)
    dialog = _dialog(qtbot, window)
    with qtbot.waitSignal(dialog.backed_up, timeout=30000):
        dialog.back_up_now.click()
    assert dialog.open_view.isEnabled() and not dialog.restore_button.isEnabled()
    assert dialog.restore_button.toolTip() == "Requires administrator rights"
    _idle(qtbot)


def test_back_up_to_a_chosen_folder(qtbot, ledger, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(stick))
    window = _window(qtbot, ledger)
    dialog = _dialog(qtbot, window)
    with qtbot.waitSignal(dialog.backed_up, timeout=30000) as made:
        dialog.back_up_to.click()
    assert [e.file for e in index.list_backups(stick)] == [made.args[0].file]
    assert dialog.model.rowCount() == 0  # the list shows the backups folder, not the stick
    _idle(qtbot)


def test_the_first_start_of_the_day_backs_up_and_the_next_start_says_when(qtbot, ledger):
    settings.AUTO_BACKUP.set(True)
    folder = make.default_folder(ledger)
    window = _window(qtbot, ledger)
    qtbot.waitUntil(lambda: len(index.list_backups(folder)) == 1, timeout=30000)
    _idle(qtbot)
    [entry] = index.list_backups(folder)
    assert entry.reason == index.START
    assert window.statusBar().currentMessage().startswith(f"Backed up and verified: {entry.file}")
    assert not window.backups.progress.isVisible()
    window.backups._closing = True  # no changes anyway; close without the close hook
    window.close()
    again = _window(qtbot, ledger)
    qtbot.waitUntil(lambda: again.statusBar().currentMessage() != "", timeout=5000)
    when = entry.created.astimezone().strftime("%Y-%m-%d %H:%M")
    assert again.statusBar().currentMessage() == f"Last good backup: {when} ({entry.file})"
    assert len(index.list_backups(folder)) == 1  # not twice a day
    _done(qtbot)


def test_closing_after_changes_waits_for_a_backup(qtbot, ledger, clerk, enterprise_values):
    settings.AUTO_BACKUP.set(True)
    folder = make.default_folder(ledger)
    window = _window(qtbot, ledger)
    qtbot.waitUntil(lambda: len(index.list_backups(folder)) == 1, timeout=30000)
    _idle(qtbot)
    assert not window.backups.hold_close(_CloseEvent())  # nothing changed since: closes at once
    enterprises.create(ledger, clerk, enterprise_values())
    window.close()
    assert window.isVisible()  # held open for the backup
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)
    newest = index.list_backups(folder)[0]
    assert (
        newest.reason == index.CLOSE and newest.counts["enterprises"] == overview.record_counts(ledger)["enterprises"]
    )
    _done(qtbot)


class _CloseEvent:
    def __init__(self) -> None:
        self.ignored = False

    def ignore(self) -> None:
        self.ignored = True


def test_a_failed_backup_is_one_status_bar_message_and_no_dialog(qtbot, ledger, tmp_path, monkeypatch):
    shown: list[str] = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **_k: shown.append(a[2]) or QMessageBox.StandardButton.Ok)
    (tmp_path / "不是文件夹").write_text("x")
    settings.BACKUP_FOLDER.set(str(tmp_path / "不是文件夹" / "backups"))
    settings.AUTO_BACKUP.set(True)
    window = _window(qtbot, ledger)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Backup failed: "), timeout=30000)
    assert "无法创建备份文件夹" in window.statusBar().currentMessage()
    assert shown == []
    _done(qtbot)


def test_backup_settings_choose_the_folder_and_switch_automatic_backups_off(qtbot, ledger, tmp_path):
    window = _window(qtbot, ledger)
    window.actions_by_name["backup_settings"].trigger()
    dialog = window.backups.dialog
    assert isinstance(dialog, BackupSettingsDialog) and dialog.automatic.isChecked() is False  # tests start off
    assert dialog.folder.placeholderText() == str(make.default_folder(ledger))
    (tmp_path / "a-file").write_text("x")
    dialog.folder.setText(str(tmp_path / "a-file"))
    assert not dialog.try_accept() and "is a file, not a folder" in dialog.error.text()
    dialog.folder.setText(str(tmp_path / "网络共享"))
    dialog.automatic.setChecked(True)
    assert dialog.try_accept()
    assert settings.BACKUP_FOLDER.get() == str(tmp_path / "网络共享") and settings.AUTO_BACKUP.get() is True
    assert window.backups.folder() == tmp_path / "网络共享"
    _done(qtbot)


def test_closing_while_the_start_of_day_backup_runs_waits_for_it_and_asks_nothing(qtbot, ledger, monkeypatch):
    """A window closed a moment after it opened: the day's first backup is still running. The window waits for
    it and then closes — no second backup of the same ledger at once, no failure box (the built program's smoke
    test hung on that box)."""
    import threading

    from jjdesk.ui import backup_actions

    release = threading.Event()
    real = schedule.run_scheduled

    def slow(*args, **kwargs):
        release.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(backup_actions.schedule, "run_scheduled", slow)
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: boxes.append(str(a[2:3])))
    settings.AUTO_BACKUP.set(True)
    folder = make.default_folder(ledger)
    window = _window(qtbot, ledger)
    qtbot.waitUntil(lambda: window.backups.worker is not None, timeout=5000)
    window.close()
    assert window.isVisible()  # held: the start-of-day backup is not done
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)
    assert [e.reason for e in index.list_backups(folder)] == [index.START] and boxes == []
    _done(qtbot)
