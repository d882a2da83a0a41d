"""The lazy table model over a real database: counts, pages on demand, LRU eviction, stale results ignored,
sorting in SQL, display formatting, and reads in workers while the GUI thread writes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from jjdesk.services.records import enterprises
from jjdesk.services.records.listing import ENTERPRISE_LISTING, ListQuery
from jjdesk.ui.models.lazy_table import RECORD_ID_ROLE, VALUE_ROLE, LazyTableModel, format_value

DISPLAY = Qt.ItemDataRole.DisplayRole
HEADERS = {"name": "企业名称", "export_value": "年出口额"}


@pytest.fixture
def demo_db(db, demo_data):
    demo_data(db, generated=120)
    return db


def _model(qtbot, db, query=ListQuery(), **kw):  # noqa: B008
    model = LazyTableModel(db, ENTERPRISE_LISTING, HEADERS, **kw)
    model.set_query(query)
    qtbot.waitUntil(model.is_idle, timeout=5000)
    return model


def _text(model, row, key):
    return model.data(model.index(row, model.column_of(key)), DISPLAY)


def _load_all(qtbot, model):
    for row in range(model.rowCount()):
        model.data(model.index(row, 0), DISPLAY)
        qtbot.waitUntil(model.is_idle, timeout=5000)


def test_count_and_first_page_arrive_together(qtbot, demo_db):
    model = LazyTableModel(demo_db, ENTERPRISE_LISTING, HEADERS)
    assert model.rowCount() == 0
    with qtbot.waitSignal(model.count_changed, timeout=5000) as blocker:
        model.set_query(ListQuery())
    assert blocker.args == [125]
    assert model.rowCount() == 125 and model.columnCount() == len(ENTERPRISE_LISTING.columns)
    assert _text(model, 0, "name") == "杰克科技股份有限公司"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "企业名称"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "credit_code"  # no label given: the key
    assert model.record_id(0) == model.data(model.index(0, 3), RECORD_ID_ROLE) == 1


def test_pages_load_on_demand_and_the_cache_is_bounded(qtbot, demo_db):
    model = _model(qtbot, demo_db, page_size=10, max_pages=3)
    assert model.cached_pages() == [0]
    assert _text(model, 55, "name") == "Loading…"
    assert model.record_id(55) is None
    with qtbot.waitSignal(model.dataChanged, timeout=5000) as blocker:
        pass
    top, bottom = blocker.args[:2]
    assert (top.row(), bottom.row()) == (50, 59)
    assert _text(model, 55, "name") != "Loading…"
    assert model.record_id(55) == ENTERPRISE_LISTING.ids(demo_db, ListQuery())[55]
    for row in (25, 35, 75, 95):
        model.data(model.index(row, 0), DISPLAY)
        qtbot.waitUntil(lambda row=row: model.record_id(row) is not None, timeout=5000)
    qtbot.waitUntil(model.is_idle, timeout=5000)
    assert len(model.cached_pages()) == 3  # older pages were evicted
    assert model.cached_pages()[-1] == 9
    assert model.record_id(0) is None  # page 0 is gone…
    assert _text(model, 0, "name") == "Loading…"  # …and comes back when shown again
    qtbot.waitUntil(lambda: model.record_id(0) == 1, timeout=5000)


def test_every_row_matches_the_listing_when_scrolled_through(qtbot, demo_db):
    query = ListQuery(sort_key="export_value", descending=True)
    model = _model(qtbot, demo_db, query, page_size=16, max_pages=100)
    _load_all(qtbot, model)
    assert [model.record_id(r) for r in range(model.rowCount())] == ENTERPRISE_LISTING.ids(demo_db, query)


def test_display_formatting(qtbot, demo_db, clerk, enterprise_values):
    rec = enterprises.create(
        demo_db,
        clerk,
        enterprise_values(
            name="台州格式测试有限公司", export_value="1234567.5", join_date="2021-02-19", services=["退税", "通关"]
        ),
    )
    model = _model(qtbot, demo_db, ListQuery(search="格式测试"))
    assert model.rowCount() == 1
    assert _text(model, 0, "export_value") == "1,234,567.50"
    assert _text(model, 0, "join_date") == "2021-02-19"
    assert _text(model, 0, "services") == "通关、退税"
    assert _text(model, 0, "review_status") == "草稿"
    assert len(_text(model, 0, "updated_at")) == len("2021-02-19 14:30")
    value_index = model.index(0, model.column_of("export_value"))
    assert model.data(value_index, VALUE_ROLE) == Decimal("1234567.5")
    assert model.data(value_index, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    name_index = model.index(0, model.column_of("name"))
    assert not model.data(name_index, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.record_id(0) == rec["id"]


def test_format_value():
    assert format_value("decimal", Decimal("289.84")) == "289.84"
    assert format_value("decimal", Decimal("1000")) == "1,000.00"
    assert format_value("int", 12345) == "12,345"
    assert format_value("date", date(2021, 2, 19)) == "2021-02-19"
    assert format_value("datetime", datetime(2021, 2, 19, 6, 30, tzinfo=UTC)).startswith("2021-02-19")
    assert format_value("tags", ["通关", "收汇"]) == "通关、收汇"
    assert format_value("status", "submitted") == "待审核"
    assert format_value("bool", True) == "是" and format_value("bool", False) == "否"
    assert format_value("text", None) == ""


def test_query_change_and_stale_results(qtbot, demo_db):
    model = _model(qtbot, demo_db)
    counts = []
    model.count_changed.connect(counts.append)
    # Three queries in a row: only the last one's rows may end up in the model.
    model.set_query(ListQuery(search="光电"))
    model.set_query(ListQuery(search="科技"))
    model.set_query(ListQuery(filters={"cluster": "家电"}))
    qtbot.waitUntil(model.is_idle, timeout=5000)
    qtbot.wait(50)
    expected = ENTERPRISE_LISTING.ids(demo_db, ListQuery(filters={"cluster": "家电"}))
    assert counts == [len(expected)]
    assert [model.record_id(r) for r in range(model.rowCount())] == expected
    with pytest.raises(ValueError):
        model.set_query(ListQuery(filters={"colour": "red"}))
    assert model.query() == ListQuery(filters={"cluster": "家电"})


def test_sort_is_a_new_query(qtbot, demo_db):
    model = _model(qtbot, demo_db)
    column = model.column_of("name")
    with qtbot.waitSignal(model.modelReset, timeout=5000):
        model.sort(column, Qt.SortOrder.DescendingOrder)
    assert model.query().sort_key == "name" and model.query().descending
    qtbot.waitUntil(model.is_idle, timeout=5000)
    names = [_text(model, r, "name") for r in range(20)]
    assert names == sorted(names, reverse=True)
    before = model.query()
    model.sort(model.column_of("services"), Qt.SortOrder.AscendingOrder)  # not sortable: ignored
    assert model.query() == before
    model.sort(-1, Qt.SortOrder.AscendingOrder)
    assert model.query().sort_key is None


def test_refresh_sees_new_records_and_keeps_query(qtbot, demo_db, clerk, enterprise_values):
    model = _model(qtbot, demo_db, ListQuery(search="测试进出口"))
    assert model.rowCount() == 0
    enterprises.create(demo_db, clerk, enterprise_values())
    with qtbot.waitSignal(model.count_changed, timeout=5000) as blocker:
        model.refresh()
    assert blocker.args == [1]
    assert model.query().search == "测试进出口"


def test_record_ids_and_all_ids(qtbot, demo_db):
    model = _model(qtbot, demo_db, page_size=10)
    every = ENTERPRISE_LISTING.ids(demo_db, ListQuery())
    assert model.record_ids([0, 57, 124]) == [every[0], every[57], every[124]]  # page 5 and 12 read on demand
    assert model.all_ids() == every
    assert model.row_of(every[57]) == 57


def test_workers_read_while_the_gui_thread_writes(qtbot, demo_db, clerk, enterprise_values):
    """WAL: page and count queries in the pool run while records are created on the GUI thread."""
    model = _model(qtbot, demo_db, page_size=8, max_pages=4)
    failures = []
    model.load_failed.connect(failures.append)
    created = 0
    for i in range(12):
        model.refresh()
        for row in range(0, model.rowCount(), 8):
            model.data(model.index(row, 0), DISPLAY)
        enterprises.create(demo_db, clerk, enterprise_values())
        created += 1
        qtbot.wait(i % 3)
    model.refresh()
    qtbot.waitUntil(lambda: model.is_idle() and model.rowCount() == 125 + created, timeout=10000)
    assert failures == []


def test_a_failing_query_is_reported_and_the_rows_stay(qtbot, demo_db):
    model = _model(qtbot, demo_db)
    with demo_db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE enterprise_channel")  # the page query's tag look-up now fails
    with qtbot.waitSignal(model.load_failed, timeout=5000) as blocker:
        model.refresh()
    assert "enterprise_channel" in blocker.args[0]
    assert model.rowCount() == 125 and not model.is_loading()
