"""An unexpected error in the window: a Chinese dialog instead of a traceback on a console nobody sees.

Installed as ``sys.excepthook`` once the window runs. PySide6 calls it for an exception escaping a slot or an
event handler and then goes on with the event loop, so the window and every form keep what was typed; the
dialog says so, and that the database holds only what was saved (each save is one transaction). The full text
goes to the log (``jjdesk.logs``) and, with 复制错误信息, to the clipboard for whoever supports the office.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from jjdesk import __version__, logs

log = logging.getLogger("jjdesk.ui")

_open: list[CrashDialog] = []  # the dialogs on screen (one at a time; kept alive while shown)


class CrashDialog(QDialog):
    """What happened, what it means for the data, and the details (copy, open the log folder)."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.setObjectName("crash_dialog")
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setMinimumWidth(520)
        head = QLabel(
            self.tr(
                "jjdesk ran into an unexpected error and did not finish what it was doing:\n%1\n\n"
                "The database holds only what was saved before (every save is complete or not written at all). "
                "The window stays open and what you typed in the forms is still there: check it and save again."
            ).replace("%1", summary)
        )
        head.setObjectName("crash_summary")
        head.setWordWrap(True)
        text = QPlainTextEdit(details)
        text.setObjectName("crash_details")
        text.setReadOnly(True)
        text.setMinimumHeight(160)
        where = QLabel(self.tr("The log file is in %1").replace("%1", str(logs.log_dir())))
        where.setProperty("role", "hint")
        where.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton(self.tr("Copy error details"), QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = buttons.addButton(self.tr("Open log folder"), QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button.clicked.connect(self.open_log_folder)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (head, text, where, buttons):
            layout.addWidget(widget)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)

    def open_log_folder(self) -> bool:
        folder = logs.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def details_text(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    """The report to copy: versions first (what support asks first), then the traceback."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    head = (
        f"jjdesk {__version__}; Python {platform.python_version()}; Qt {qVersion()} (PySide6 {pyside_version}); "
        f"{platform.platform()}{'; 打包版' if getattr(sys, 'frozen', False) else ''}"
    )
    return head + "\n\n" + "".join(traceback.format_exception(kind, value, tb))


def handle(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """``sys.excepthook`` of the window: log with traceback, then show (or reuse) the dialog."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    log.error("窗口中出现意外错误", exc_info=(kind, value, tb))
    if QApplication.instance() is None or _open:
        return  # no window to show it in, or one error dialog already open: the log has this one too
    summary = f"{kind.__name__}: {value}" if str(value) else kind.__name__
    dialog = CrashDialog(summary, details_text(kind, value, tb), QApplication.activeWindow())
    _open.append(dialog)
    dialog.finished.connect(lambda _code, d=dialog: _open.remove(d))
    dialog.open()


def install() -> None:
    """Make :func:`handle` the hook for exceptions nobody caught (once the QApplication exists)."""
    sys.excepthook = handle
