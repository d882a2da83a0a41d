"""Start the desktop application: QApplication, translations, the database, the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from jjdesk import __version__
from jjdesk.i18n import install_translators
from jjdesk.ui import settings
from jjdesk.ui.style import apply_style

ORG, APP = "Jiaojiang", "jjdesk"


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names (QSettings keys) and translations installed."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    app.setApplicationVersion(__version__)
    install_translators(app, settings.LANGUAGE.get())
    apply_style(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def run(db_url: str, demo_if_empty: bool = False) -> int:
    """Open ``db_url`` (migrating it), ask who signs in, and show the main window until it is closed."""
    from jjdesk.config import sqlite_path
    from jjdesk.services.demo import load
    from jjdesk.store.migrate import SchemaError, open_database
    from jjdesk.ui.dialogs.login import LoginDialog
    from jjdesk.ui.main_window import MainWindow

    app = make_app()
    try:
        db = open_database(db_url)
    except SchemaError as exc:
        QMessageBox.critical(None, app.translate("app", "Cannot open database"), str(exc))
        return 1
    if demo_if_empty and not load.has_data(db):
        load.load_demo(db)
    path = sqlite_path(db.url)
    actor = LoginDialog.sign_in(db, None, app.translate("app", "Database: %1").replace("%1", str(path or db.url)))
    if actor is None:
        db.dispose()
        return 0
    window = MainWindow(db, actor)
    window.show()
    code = app.exec()
    db.dispose()
    return code
