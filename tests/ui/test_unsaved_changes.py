"""Nothing typed is lost on the way out: closing the window, 切换用户 and opening another database with unsaved
changes in a form ask 保存 / 不保存 / 取消 — Cancel keeps everything as it was, Save stores it first, Don't Save
drops it — and the form with the changes is brought to the front."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from jjdesk.services.core.actor import Actor
from jjdesk.services.records import enterprises
from jjdesk.ui.main_window import MainWindow
from tests.ui.keys import type_text

CLERK = Actor("lihua", "entry")
NEW_NAME = "台州未保存进出口有限公司"


@pytest.fixture
def window(qtbot, db, demo_data, monkeypatch):
    demo_data(db, generated=5)
    asked: list[str] = []
    win = MainWindow(db, CLERK, sign_in=lambda _db: asked.append("sign-in") or CLERK)
    win.asked = asked
    qtbot.addWidget(win)
    win.show()
    return win


def _type_a_new_name(qtbot, window: MainWindow) -> None:
    page = window.show_page("enterprises")
    form = page.form
    record = enterprises.search(window.db, "杰克科技")[0]
    page._open(record["id"])
    editor = form.editors["name"].focus_widget()
    editor.setFocus()
    editor.selectAll()
    type_text(qtbot, editor, NEW_NAME)
    qtbot.waitUntil(form.is_dirty, timeout=2000)
    window.show_page("home")  # the officer went elsewhere: the form must come back to the front
    window.record_id = record["id"]


def _answer(monkeypatch, button: QMessageBox.StandardButton, seen: list[str]) -> None:
    def question(parent, title, text, *args, **kwargs):
        seen.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)


def _stored_name(window: MainWindow) -> str:
    return enterprises.get(window.db, window.record_id)["name"]


def test_cancel_keeps_the_window_and_every_typed_character(qtbot, window, monkeypatch):
    _type_a_new_name(qtbot, window)
    seen: list[str] = []
    _answer(monkeypatch, QMessageBox.StandardButton.Cancel, seen)
    assert not window.close()
    assert window.isVisible() and len(seen) == 1
    assert window.pages.currentWidget() is window.page("enterprises")  # the unsaved form is shown
    form = window.page("enterprises").form
    assert form.editors["name"].value() == NEW_NAME and form.is_dirty()
    assert not window.switch_user() and window.asked == []  # no sign-in while the work is open
    assert not window.open_database(window.db.url)
    assert _stored_name(window) != NEW_NAME and form.editors["name"].value() == NEW_NAME


def test_save_stores_the_changes_before_closing(qtbot, window, monkeypatch):
    _type_a_new_name(qtbot, window)
    _answer(monkeypatch, QMessageBox.StandardButton.Save, [])
    assert window.close()
    assert _stored_name(window) == NEW_NAME


def test_dont_save_drops_them_and_asks_once(qtbot, window, monkeypatch):
    _type_a_new_name(qtbot, window)
    seen: list[str] = []
    _answer(monkeypatch, QMessageBox.StandardButton.Discard, seen)
    assert window.switch_user() and window.asked == ["sign-in"]
    assert window.close() and len(seen) == 1
    assert _stored_name(window) != NEW_NAME


def test_opening_another_database_moves_the_one_window_lock(qtbot, window, tmp_path, fresh_db, monkeypatch):
    """The lock follows the database the window has open: the one left is free, one held elsewhere is refused."""
    from jjdesk.config import sqlite_path
    from jjdesk.ui.single_instance import SingleInstance

    first = SingleInstance(sqlite_path(window.db.url))
    assert first.acquire()
    window.instance_lock = first
    other = fresh_db(tmp_path / "other.db")
    other_url = other.url
    other.dispose()
    held = SingleInstance(tmp_path / "held.db")  # another window has this one
    fresh_db(tmp_path / "held.db").dispose()
    assert held.acquire()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: warned.append(text))
    try:
        assert not window.open_database(f"sqlite:///{tmp_path / 'held.db'}")
        assert len(warned) == 1 and "held.db" in warned[0]
        assert window.instance_lock is first
        assert window.open_database(other_url)
        assert window.instance_lock is not first and window.instance_lock.db_path == tmp_path / "other.db"
        again = SingleInstance(first.db_path)  # the database left behind can be opened by another window now
        assert again.acquire()
        again.release()
    finally:
        held.release()
        if window.instance_lock is not None:
            window.instance_lock.release()


def test_cancel_on_another_row_puts_the_highlight_back_on_the_record_shown(qtbot, window, monkeypatch):
    """Clicking another row with unsaved changes: Cancel keeps the form, and the highlight returns to its row
    (before, the highlight moved and the form silently stayed on the other record)."""
    _type_a_new_name(qtbot, window)
    page = window.show_page("enterprises")
    table, model = page.list.table, page.list.model
    qtbot.waitUntil(lambda: model.row_of(window.record_id) is not None, timeout=5000)
    shown_row = model.row_of(window.record_id)
    other_row = 0 if shown_row != 0 else 1
    _answer(monkeypatch, QMessageBox.StandardButton.Cancel, [])
    table.selectRow(other_row)
    assert table.selectionModel().currentIndex().row() == shown_row
    assert page.form.record()["id"] == window.record_id and page.form.editors["name"].value() == NEW_NAME
