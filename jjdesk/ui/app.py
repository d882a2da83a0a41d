"""Start the desktop application: QApplication, translations, the database, the main window.

Before Qt is asked for a window, :func:`run` checks that it can open one (``platform_libs``: a display, the
xcb plugin's libraries) and says in Chinese what is missing instead of Qt's English abort. Then, in the window:
the database folder must be writable, no other window may have the same file open, and a database made by a
newer jjdesk is refused by ``store.migrate`` in its own words. Unexpected errors go to ``crash_dialog``.

``JJDESK_EXIT_AFTER_FIRST_PAINT=1`` is the smoke test's switch (packaging/smoke.py): the program prints how
long after its process started the sign-in dialog and then the main window were first painted, and exits.
With ``JJDESK_USER``/``JJDESK_PASSWORD`` it fills the sign-in dialog (the same dialog and service calls an
officer goes through, never a way around them); without them it stops after the dialog's first paint.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from jjdesk import __version__, platform_libs
from jjdesk.i18n import i18n_dir, install_translators
from jjdesk.ui import gc_guard, settings
from jjdesk.ui.style import apply_style

ORG, APP = "Jiaojiang", "jjdesk"
ENV_EXIT_AFTER_FIRST_PAINT = "JJDESK_EXIT_AFTER_FIRST_PAINT"
log = logging.getLogger("jjdesk.ui")


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names (QSettings keys) and translations installed."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("jjdesk")  # the .deb's jjdesk.desktop: the desktop shows its name and icon
    icon = i18n_dir().parent / "icons" / "jjdesk.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    install_translators(app, settings.LANGUAGE.get())
    apply_style(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def window_problem() -> str | None:
    """Why Qt could not open a window here (Chinese), checked before QApplication exists; None if it can."""
    return platform_libs.window_problem(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)))


_IMPORTED = time.perf_counter()


def startup_seconds() -> tuple[float, str]:
    """(seconds, since when): since the process was created on Linux (/proc: the executable's loading and every
    import count), elsewhere since this module was imported (later than the real start: said so)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat, open("/proc/uptime", encoding="ascii") as uptime:
            started_ticks = int(stat.read().rpartition(")")[2].split()[19])
            return float(uptime.read().split()[0]) - started_ticks / os.sysconf("SC_CLK_TCK"), "进程启动后"
    except (OSError, ValueError, IndexError, AttributeError):
        return time.perf_counter() - _IMPORTED, "jjdesk.ui.app 导入后"


class FirstPaint(QObject):
    """Calls ``then()`` once, right after ``widget`` has been painted for the first time."""

    def __init__(self, widget: QWidget, label: str, then) -> None:
        super().__init__(widget)
        self.label, self.then, self.done = label, then, False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            seconds, since = startup_seconds()
            title = watched.windowTitle() if isinstance(watched, QWidget) else ""
            print(f"jjdesk: 首次绘制（{self.label}「{title}」）：{since} {seconds:.2f} 秒", flush=True)
            QTimer.singleShot(0, self.then)
        return False


def _say(title: str, message: str) -> None:
    log.warning("%s：%s", title, message.splitlines()[0])
    if os.environ.get(ENV_EXIT_AFTER_FIRST_PAINT):
        print(f"{title}：{message}", file=sys.stderr, flush=True)  # the smoke test has nobody to click OK
        return
    QMessageBox.critical(None, title, message)


def _sweep_temporary_files() -> None:
    """Temporary files of killed jjdesk processes: this process's own folder, and the export folder."""
    from jjdesk.services.core import scratch
    from jjdesk.ui import settings

    scratch.claim()
    folder = settings.EXPORT_FOLDER.get()
    if folder:
        scratch.sweep_folder(folder)


def run(db_url: str, demo_if_empty: bool = False) -> int:
    """Open ``db_url`` (migrating it), ask who signs in, and show the main window until it is closed."""
    from jjdesk import logs
    from jjdesk.config import sqlite_path
    from jjdesk.startup import folder_problem
    from jjdesk.ui import crash_dialog
    from jjdesk.ui.single_instance import SingleInstance

    problem = window_problem()
    if problem is not None:
        log.error("窗口无法启动：%s", problem.splitlines()[0])
        if sys.stderr is not None:
            print(problem, file=sys.stderr)
        return 1
    smoke = bool(os.environ.get(ENV_EXIT_AFTER_FIRST_PAINT))
    app = make_app()
    gc_guard.install(app)  # cyclic garbage with Qt objects is collected in this thread, never in a worker
    crash_dialog.install()
    _sweep_temporary_files()
    path = sqlite_path(db_url)
    holder = None
    if path is not None:
        problem = folder_problem(db_url)
        if problem is not None:
            _say(QCoreApplication.translate("app", "Cannot open database"), problem)
            return 1
        holder = SingleInstance(path)
        if not holder.acquire():
            return _already_open(holder)
    try:
        return _open_and_show(app, db_url, demo_if_empty, holder, smoke)
    finally:
        if holder is not None:
            holder.release()
        logs.stop()


def _open_and_show(app: QApplication, db_url: str, demo_if_empty: bool, holder, smoke: bool) -> int:
    """The database opened, the officer signed in, the main window shown until it closes."""
    from jjdesk.config import sqlite_path
    from jjdesk.startup import StartupRefused, open_logged
    from jjdesk.store.migrate import SchemaError
    from jjdesk.ui.dialogs.login import LoginDialog
    from jjdesk.ui.single_instance import bring_to_front

    try:
        db = open_logged(db_url)
    except (SchemaError, StartupRefused, OSError) as exc:
        _say(QCoreApplication.translate("app", "Cannot open database"), str(exc))
        return 1
    try:
        if demo_if_empty:
            from jjdesk.services.demo import load  # only for dev.py app: not on every officer's start

            if not load.has_data(db):
                load.load_demo(db)
        path = sqlite_path(db.url)
        label = QCoreApplication.translate("app", "Database: %1").replace("%1", str(path or db.url))
        actor = _smoke_sign_in(db, label) if smoke else LoginDialog.sign_in(db, None, label)
        if actor is None:
            # Cancelled by the officer; in the smoke test, a sign-in that was refused (its reason is printed).
            return 1 if smoke and os.environ.get("JJDESK_PASSWORD") else 0
        log.info("用户 %s（%s）已登录", actor.name, actor.role)
        # Imported only now, while the officer reads the sign-in dialog is already on screen: the pages and their
        # services are most of the start-up imports.
        from jjdesk.ui.main_window import MainWindow

        window = MainWindow(db, actor)
        if holder is not None:
            holder.show_requested.connect(lambda: bring_to_front(window))
            window.instance_lock = holder  # File → 打开数据库 moves it to the database opened
        if smoke:
            # Qt's own catalogue (qtbase_zh_CN: the standard buttons of every dialog) found where it was shipped.
            print(f"jjdesk: Qt 自带翻译：{QCoreApplication.translate('QPlatformTheme', 'Cancel')}", flush=True)
            FirstPaint(window, "主窗口", window.close)
        window.show()
        code = app.exec()
        log.info("窗口已关闭")
        if window.instance_lock is not None and window.instance_lock is not holder:
            window.instance_lock.release()  # the lock of a database opened later (the first is released by run)
        return code
    finally:
        db.dispose()


def _already_open(holder) -> int:
    """Another window has this database: offer to bring it to the front (read-only is not built; say so)."""
    title = QCoreApplication.translate("app", "Database already open")
    text = (
        QCoreApplication.translate(
            "app",
            "This database is already open in another jjdesk window (%1):\n%2\n\n"
            "Only one window at a time may work on a database. Opening it read-only beside the other "
            "window is not available; this copy will close.",
        )
        .replace("%1", holder.holder())
        .replace("%2", str(holder.db_path))
    )
    log.warning("数据库已在另一个窗口打开（%s），本次启动退出", holder.holder())
    if os.environ.get(ENV_EXIT_AFTER_FIRST_PAINT):
        print(f"{title}：{text}", file=sys.stderr, flush=True)
        return 1
    box = QMessageBox(QMessageBox.Icon.Information, title, text)
    show = box.addButton(QCoreApplication.translate("app", "Show the open window"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("app", "Close"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is show and not holder.ask_holder_to_show():
        QMessageBox.warning(
            None, title, QCoreApplication.translate("app", "The other window did not answer. Switch to it yourself.")
        )
    return 1


def _smoke_sign_in(db, label: str):
    """The smoke test's sign-in: the real dialog, painted, then filled from JJDESK_USER/JJDESK_PASSWORD."""
    from jjdesk.ui.dialogs.login import LoginDialog

    dialog = LoginDialog(db, None, label)
    name, password = os.environ.get("JJDESK_USER"), os.environ.get("JJDESK_PASSWORD")

    def fill() -> None:
        if not (name and password):
            dialog.reject()  # nothing to sign in with: the dialog's first paint is the measurement
            return
        dialog.name_edit.setText(name)
        dialog.password_edit.setText(password)
        dialog.repeat_edit.setText(password)
        dialog.try_accept()
        if dialog.actor is None:
            print(f"jjdesk: 登录失败：{dialog.message_label.text()}", file=sys.stderr, flush=True)
            dialog.reject()

    FirstPaint(dialog, "登录对话框", fill)
    return dialog.actor if dialog.exec() == LoginDialog.DialogCode.Accepted else None
