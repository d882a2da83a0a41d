"""The window opens on a real database and shows what it holds."""

from PySide6.QtCore import QCoreApplication

from jjdesk.services.core.actor import Actor
from jjdesk.ui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def test_shell_shows_database_user_and_counts(qtbot, db, demo_data):
    demo_data(db, generated=20)
    clerk = Actor("lihua", "entry")
    window = MainWindow(db, clerk)
    qtbot.addWidget(window)
    window.show()
    assert window.db_label.text() == _tr("Database: %1").replace("%1", "jjdesk.db")
    assert window.user_label.text() == _tr("User: %1 (%2)").replace("%1", "lihua").replace("%2", clerk.role_label)
    counts = _tr("Enterprises %1 · Initiatives %2 · Figures %3")
    assert window.count_label.text() == counts.replace("%1", "25").replace("%2", "9").replace("%3", "10")
    home = window.page("home")
    assert home.values["enterprises"].text() == "25"
    assert home.values["initiatives"].text() == "9"
