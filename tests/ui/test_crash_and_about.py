"""The window's unexpected-error dialog (the form keeps what was typed, the log has the traceback) and
帮助 → 关于 (what support asks first)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QLabel

from jjdesk import __version__, logs
from jjdesk.config import sqlite_path
from jjdesk.i18n import i18n_dir
from jjdesk.ui import crash_dialog
from jjdesk.ui.dialogs.about_dialog import AboutDialog
from jjdesk.ui.forms.enterprise_form import EnterpriseForm
from tests.ui.keys import type_text


@pytest.fixture(autouse=True)
def chinese(qapp):
    """The shipped Chinese catalogue, as an officer's window has it; removed again for the other tests."""
    translator = QTranslator(qapp)
    assert translator.load(str(i18n_dir() / "jjdesk_zh_CN.qm"))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def hook(tmp_path, monkeypatch):
    """The window's exception hook installed, logging into tmp_path; the previous hook back afterwards."""
    monkeypatch.setenv(logs.ENV_LOG_DIR, str(tmp_path / "logs"))
    logs.setup("test")
    previous = sys.excepthook
    crash_dialog.install()
    yield tmp_path / "logs" / "jjdesk.log"
    sys.excepthook = previous
    for dialog in list(crash_dialog._open):
        dialog.close()
    logs.stop()


def _shown_dialogs() -> list[crash_dialog.CrashDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, crash_dialog.CrashDialog) and w.isVisible()]


def _shown_dialog() -> crash_dialog.CrashDialog | None:
    return next(iter(_shown_dialogs()), None)


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_the_dialog_and_the_form_keeps_its_values(qtbot, db, clerk, hook):
    form = EnterpriseForm(db, clerk)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    name = form.editors["name"].focus_widget()
    name.setFocus()
    type_text(qtbot, name, "椒江测试科技有限公司")

    def broken_slot() -> None:
        raise RuntimeError("boom in a slot")

    QTimer.singleShot(0, broken_slot)  # an exception escaping a Qt callback, as a faulty button handler's would
    qtbot.waitUntil(lambda: _shown_dialog() is not None, timeout=5000)

    dialog = _shown_dialog()
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "意外错误"
    summary = dialog.findChild(QLabel, "crash_summary")
    assert summary.text().startswith("jjdesk 遇到意外错误，刚才的操作没有完成：\nRuntimeError: boom in a slot\n\n")
    assert "表单中已填写的内容都还在" in summary.text()
    assert dialog.copy_button.text() == "复制错误信息"
    assert dialog.folder_button.text() == "打开日志文件夹"
    assert form.isVisible()
    assert name.text() == "椒江测试科技有限公司"  # what was typed survives the error

    dialog.copy_details()
    copied = QApplication.clipboard().text()
    assert copied.startswith(f"jjdesk {__version__}; Python ")
    assert 'raise RuntimeError("boom in a slot")' in copied
    log = hook.read_text(encoding="utf-8")
    assert "ERROR jjdesk.ui: 窗口中出现意外错误" in log
    assert "RuntimeError: boom in a slot" in log


@pytest.mark.qt_no_exception_capture
def test_a_second_error_while_the_dialog_is_open_is_logged_not_stacked(qtbot, hook):
    for text in ("first", "second"):
        try:
            raise ValueError(text)
        except ValueError:
            sys.excepthook(*sys.exc_info())
    assert len(_shown_dialogs()) == 1
    log = hook.read_text(encoding="utf-8")
    assert "ValueError: first" in log and "ValueError: second" in log


def test_about_shows_version_database_schema_log_folder_and_versions(qtbot, db, tmp_path, monkeypatch):
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from jjdesk.store.migrate import head_revision

    monkeypatch.setenv(logs.ENV_LOG_DIR, str(tmp_path / "logs"))
    dialog = AboutDialog(db)
    qtbot.addWidget(dialog)

    facts = dict(dialog.facts)
    assert dialog.windowTitle() == "关于 jjdesk"
    assert facts["版本"] == f"{__version__} (源代码运行)"
    assert facts["数据库"] == str(sqlite_path(db.url))
    assert facts["数据库类型"] == "sqlite"
    assert facts["结构版本"] == head_revision()
    assert facts["日志文件夹"] == str(tmp_path / "logs")
    assert facts["Qt"] == f"{qVersion()} (PySide6 {pyside_version})"
    assert facts["Python"].startswith(f"{sys.version_info.major}.{sys.version_info.minor}.")
    dialog.copy()
    assert QApplication.clipboard().text().splitlines()[:2] == [
        f"版本: {__version__} (源代码运行)",
        f"数据库: {sqlite_path(db.url)}",
    ]
