"""The window opens on a real database and shows what it holds."""

from jjdesk.services.core.actor import Actor
from jjdesk.ui.main_window import MainWindow


def test_shell_shows_database_user_and_counts(qtbot, db, demo_data):
    demo_data(db, generated=20)
    window = MainWindow(db, Actor("lihua", "entry"))
    qtbot.addWidget(window)
    window.show()
    assert "jjdesk.db" in window.db_label.text()
    assert "lihua" in window.user_label.text()
    assert "25" in window.count_label.text()
    home = window.page("home")
    assert home.values["enterprises"].text() == "25"
    assert home.values["initiatives"].text() == "9"
