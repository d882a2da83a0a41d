"""Each page declares what it offers, and the window wires exactly that: record actions, export, import target."""

from __future__ import annotations

import pytest

from jjdesk.services.core.actor import Actor
from jjdesk.ui.main_window import MainWindow
from jjdesk.ui.pages.context import IMPORT_ENTERPRISES, IMPORT_STATISTICS, PAGE_ACTIONS, PageOffers


@pytest.fixture
def window(qtbot, db):
    w = MainWindow(db, Actor("lihua", "entry"))
    qtbot.addWidget(w)
    w.show()
    return w


def test_the_window_enables_only_the_actions_a_page_offers(window):
    expected = {
        "home": set(),
        "enterprises": {"new_record", "save_current", "delete_selected", "focus_search", "paste_rows"},
        "initiatives": {"new_record", "save_current", "delete_selected", "focus_search"},
        "statistics": set(),
        "review": set(),
        "summary": set(),
    }
    assert [e.key for e in window.entries] == list(expected)
    for key, actions in expected.items():
        window.show_page(key)
        enabled = {name for name in PAGE_ACTIONS if window.actions_by_name[name].isEnabled()}
        assert enabled == actions, key
        assert window.current_offers() is window.entries[window.pages.currentIndex()].offers


def test_export_and_import_follow_the_declared_offers(window):
    window.show_page("enterprises")
    assert window.excel.export_rows.isEnabled()
    assert window.current_offers().list_export is window.page("enterprises").list
    assert window.current_offers().import_kind == IMPORT_ENTERPRISES
    window.show_page("statistics")
    assert window.excel.export_rows.isEnabled() and window.current_offers().years_export is not None
    dialog = window.excel.open_import()
    assert dialog.kind == IMPORT_STATISTICS
    dialog.reject()
    window.show_page("review")
    assert not window.excel.export_rows.isEnabled()


def test_an_offer_the_window_does_not_know_is_refused():
    with pytest.raises(ValueError, match="unknown page actions"):
        PageOffers(actions={"print_all": lambda: None})
    with pytest.raises(ValueError, match="unknown import kind"):
        PageOffers(import_kind="initiatives")
