"""The enterprise and initiative list pages, driven like an officer: typing, picking filters, clicking headers."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel

from jjdesk.services.records.listing import ENTERPRISE_LISTING, INITIATIVE_LISTING, ListQuery
from jjdesk.ui.pages.enterprises_page import EnterprisesPage
from jjdesk.ui.pages.initiatives_page import InitiativesPage


@pytest.fixture
def demo_db(db, demo_data):
    demo_data(db, generated=200)
    return db


@pytest.fixture
def page(qtbot, demo_db):
    widget = EnterprisesPage(demo_db)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    _settle(qtbot, widget, 205)
    return widget


def _settle(qtbot, page, rows=None):
    qtbot.waitUntil(lambda: page.model.is_idle() and (rows is None or page.model.rowCount() == rows), timeout=5000)


def _shown_ids(page):
    model = page.model
    return [model.record_id(r) for r in range(min(model.rowCount(), 100))]


def _records(n: int) -> str:
    """The count label's text for ``n`` rows, in the language the UI runs in."""
    return QCoreApplication.translate("FilterBar", "%1 records").replace("%1", f"{n:,}")


def _expect(page, db, query):
    """Wait until the page shows exactly the listing's rows for ``query`` and says how many."""
    expected = ENTERPRISE_LISTING.ids(db, query)
    qtbot_wait = page._qtbot
    qtbot_wait.waitUntil(
        lambda: page.model.is_idle() and page.model.rowCount() == len(expected) and _shown_ids(page) == expected[:100],
        timeout=5000,
    )
    assert page.filter_bar.count_label.text() == _records(len(expected))
    return expected


def _commit_chinese(widget, text):
    # QTest cannot type Chinese; a Chinese IME delivers committed text as an input method event.
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _click_header(qtbot, page, key):
    header = page.table.horizontalHeader()
    column = page.model.column_of(key)
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


@pytest.fixture(autouse=True)
def _attach(request, qtbot):
    if "page" in request.fixturenames:
        request.getfixturevalue("page")._qtbot = qtbot


def test_page_opens_with_every_enterprise_and_the_count(page, demo_db):
    assert page.model.rowCount() == 205
    assert page.filter_bar.count_label.text() == _records(205)
    assert page.model.data(page.model.index(0, 0)) == "杰克科技股份有限公司"
    assert page.table.horizontalHeader().sortIndicatorSection() == -1
    assert not page.form_area.isVisible()


def test_typing_in_the_search_box_narrows_the_table(qtbot, page, demo_db):
    qtbot.keyClicks(page.filter_bar.search, "9133100")
    expected = _expect(page, demo_db, ListQuery(search="9133100"))
    assert 0 < len(expected) < 205
    page.filter_bar.search.clear()
    _commit_chinese(page.filter_bar.search, "光电")
    assert page.filter_bar.search.text() == "光电"
    expected = _expect(page, demo_db, ListQuery(search="光电"))
    assert 0 < len(expected) < 50
    names = [page.model.data(page.model.index(r, 0)) for r in range(len(expected))]
    assert all("光电" in n for n in names)


def test_filter_combos_and_dates_narrow_the_table(qtbot, page, demo_db):
    bar = page.filter_bar
    combo = bar.combos["cluster"]
    combo.setCurrentIndex(combo.findData("家电"))
    _expect(page, demo_db, ListQuery(filters={"cluster": "家电"}))
    service = bar.combos["service"]
    service.setCurrentIndex(service.findData("退税"))
    _expect(page, demo_db, ListQuery(filters={"cluster": "家电", "service": "退税"}))
    bar.dates["join_from"].setDate(QDate(2022, 1, 1))
    _expect(page, demo_db, ListQuery(filters={"cluster": "家电", "service": "退税", "join_from": date(2022, 1, 1)}))
    review = bar.combos["review_status"]
    review.setCurrentIndex(review.findData("approved"))
    _expect(
        page,
        demo_db,
        ListQuery(
            filters={"cluster": "家电", "service": "退税", "join_from": date(2022, 1, 1), "review_status": "approved"}
        ),
    )
    assert bar.count_label.text() == _records(0) and page.model.rowCount() == 0
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    _expect(page, demo_db, ListQuery())
    assert bar.combos["cluster"].currentIndex() == 0 and bar.dates["join_from"].value() is None


def test_clicking_a_header_sorts_in_both_directions_and_back(qtbot, page, demo_db):
    _click_header(qtbot, page, "export_value")
    assert page.model.query().sort_key == "export_value" and not page.model.query().descending
    _expect(page, demo_db, ListQuery(sort_key="export_value"))
    _click_header(qtbot, page, "export_value")
    assert page.model.query().descending
    expected = _expect(page, demo_db, ListQuery(sort_key="export_value", descending=True))
    top = page.model.data(page.model.index(0, page.model.column_of("export_value")))
    assert top.replace(",", "").replace(".", "").isdigit()
    # A tag column cannot be sorted: nothing changes, the indicator stays where it was.
    _click_header(qtbot, page, "services")
    assert page.model.query().sort_key == "export_value"
    assert page.table.horizontalHeader().sortIndicatorSection() == page.model.column_of("export_value")
    assert _shown_ids(page) == expected[:100]
    _click_header(qtbot, page, "export_value")  # third click: back to the list's own order
    _expect(page, demo_db, ListQuery())


def test_sort_and_search_combine(qtbot, page, demo_db):
    _click_header(qtbot, page, "name")
    qtbot.keyClicks(page.filter_bar.search, "MA2")
    _expect(page, demo_db, ListQuery(search="MA2", sort_key="name"))


def test_current_record_and_selection(qtbot, page, demo_db):
    every = ENTERPRISE_LISTING.ids(demo_db, ListQuery())
    with qtbot.waitSignal(page.current_record_changed, timeout=2000) as blocker:
        page.table.selectRow(3)
    assert blocker.args == [every[3]]
    assert page.current_record() == every[3]
    page.table.selectRow(1)
    page.table.selectionModel().select(
        page.model.index(2, 0),
        page.table.selectionModel().SelectionFlag.Select | page.table.selectionModel().SelectionFlag.Rows,
    )
    assert page.selected_ids() == [every[1], every[2]]
    page.table.selectAll()
    assert page.selected_ids() == every
    # After a refresh the officer stays on the same record.
    page.table.selectRow(3)
    page.refresh()
    _settle(qtbot, page, 205)
    assert page.current_record() == every[3]
    # A narrower list without it: no current record.
    with qtbot.waitSignal(page.current_record_changed, timeout=5000) as blocker:
        page.model.set_query(ListQuery(search="不存在的企业"))
    assert blocker.args == [None]


def test_header_state_is_saved_and_restored(qtbot, demo_db, settings_in_tmp):
    first = EnterprisesPage(demo_db)
    qtbot.addWidget(first)
    _settle(qtbot, first, 205)
    header = first.table.horizontalHeader()
    header.resizeSection(0, 333)
    first.table.sortByColumn(first.model.column_of("join_date"), Qt.SortOrder.DescendingOrder)
    first.save_state()
    second = EnterprisesPage(demo_db)
    qtbot.addWidget(second)
    second.restore_state()
    assert second.table.horizontalHeader().sectionSize(0) == 333
    assert second.model.query().sort_key == "join_date" and second.model.query().descending
    _settle(qtbot, second, 205)


def test_form_area_appears_when_a_form_is_put_in(qtbot, page):
    form = QLabel("表单")
    page.form_area.layout().addWidget(form)
    qtbot.waitUntil(page.form_area.isVisible, timeout=2000)


def test_focus_search(qtbot, page):
    page.filter_bar.search.setText("abc")
    page.activateWindow()
    page.focus_search()
    assert page.filter_bar.search.selectedText() == "abc"


def test_initiatives_page(qtbot, demo_db):
    page = InitiativesPage(demo_db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.is_idle() and page.model.rowCount() == 9, timeout=5000)
    combo = page.filter_bar.combos["category"]
    combo.setCurrentIndex(combo.findData("数字贸易"))
    expected = INITIATIVE_LISTING.ids(demo_db, ListQuery(filters={"category": "数字贸易"}))
    qtbot.waitUntil(lambda: page.model.is_idle() and page.model.rowCount() == len(expected) == 2, timeout=5000)
    assert page.filter_bar.count_label.text() == _records(2)
    _commit_chinese(page.filter_bar.search, "跨境")
    qtbot.waitUntil(lambda: page.model.is_idle() and page.model.rowCount() == 1, timeout=5000)
