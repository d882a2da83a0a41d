"""The 汇总 dashboard on the demo data: the article's figures on the cards, and clicks that open filtered tables."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import func, select

from jjdesk.services.core.actor import Actor
from jjdesk.store.models import Enterprise
from jjdesk.ui import workers
from jjdesk.ui.main_window import MainWindow
from jjdesk.ui.pages.dashboard import DashboardView

SYSTEM = Actor("system", "admin")


@pytest.fixture
def demo_db(db, demo_data):
    demo_data(db, generated=120, actor=SYSTEM)
    return db


@pytest.fixture
def window(qtbot, demo_db, settings_in_tmp):
    win = MainWindow(demo_db, Actor("lihua", "entry"))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    qtbot.waitUntil(lambda: workers.running() == 0)


def _open_summary(qtbot, window):
    summary = window.page("summary")
    with qtbot.waitSignal(summary.dashboard.loaded, timeout=10_000):
        window.show_page("summary")
    return summary


def _count(db, **where) -> int:
    """A direct SQL count, independent of the list machinery."""
    stmt = select(func.count()).select_from(Enterprise)
    for key, value in where.items():
        stmt = stmt.where(getattr(Enterprise, key) == value)
    with db.session() as s:
        return s.execute(stmt).scalar_one()


def test_cards_show_the_articles_2020_trade_figures(qtbot, demo_db):
    view = DashboardView(demo_db, today=lambda: date(2021, 4, 30))
    qtbot.addWidget(view)
    view.resize(1216, 640)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
        assert view.is_loading()
        assert view.status.text() == view.tr("Loading…")
    assert view.cards["trade_total"].value.text() == "289.84"
    assert "亿元" in view.cards["trade_total"].note.text() and "2020" in view.cards["trade_total"].note.text()
    assert "草稿" in view.cards["trade_total"].note.text()  # the demo figures are not reviewed yet: say so
    assert view.cards["trade_growth"].value.text() == "5.2%"
    assert view.cards["enterprises_total"].value.text() == f"{_count(demo_db):,}"
    # Charts are filled from the same call: one bar per cluster, one slice per type, one set per export group.
    assert len(view.charts["by_cluster"].filters[0]) == len(view.data.by_cluster)
    assert len(view.charts["exports_by_type"].chart().series()[0].barSets()) == 3
    assert view.chips["service:通关"].text().startswith("通关 ")


def test_a_falling_total_reads_as_a_decrease_never_a_negative_percentage(qtbot, demo_db):
    from jjdesk.services.records import statistics

    statistics.set_value(demo_db, SYSTEM, "WM", 2021, {"value": "270.31", "growth": "-6.7"})
    view = DashboardView(demo_db)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    assert view.cards["trade_total"].value.text() == "270.31"
    assert "2021" in view.cards["trade_total"].note.text()
    assert view.cards["trade_growth"].value.text() == "6.7%"
    assert view.cards["trade_growth"].note.text() == view.tr("decrease, as reported")


def test_clicking_a_cluster_bar_opens_the_enterprise_table_filtered_to_it(qtbot, window, demo_db):
    summary = _open_summary(qtbot, window)
    chart = summary.dashboard.charts["by_cluster"]
    slices = summary.dashboard.data.by_cluster
    item = next(i for i, s in enumerate(chart_order(slices)) if s.label == "家电")
    pos = chart.item_position(0, item).toPoint()
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=pos)

    workspace = window.page("enterprises")
    assert window.current_page() is workspace
    page = workspace.list
    assert page.filter_bar.combos["cluster"].currentData() == "家电"
    expected = _count(demo_db, cluster="家电")
    assert expected > 0
    qtbot.waitUntil(lambda: page.model.is_idle() and page.model.rowCount() == expected, timeout=10_000)
    column = page.model.column_of("cluster")
    assert {page.model.index(r, column).data() for r in range(page.model.rowCount())} == {"家电"}
    assert f"{expected:,}" in page.filter_bar.count_label.text()


def chart_order(slices):
    """Horizontal bars list the first slice at the top, which Qt draws as the last category."""
    return list(reversed(slices))


def test_a_card_and_a_service_chip_open_their_tables(qtbot, window, demo_db):
    summary = _open_summary(qtbot, window)
    card = summary.dashboard.cards["joined_this_year"]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    bar = window.page("enterprises").list.filter_bar
    year = date.today().year
    assert bar.dates["join_from"].value() == date(year, 1, 1)
    assert bar.dates["join_to"].value() == date(year, 12, 31)

    window.show_page("summary")
    qtbot.waitUntil(lambda: not summary.dashboard.is_loading(), timeout=10_000)
    qtbot.mouseClick(summary.dashboard.chips["status:推进中"], Qt.MouseButton.LeftButton)
    initiatives = window.page("initiatives").list
    assert window.current_page() is window.page("initiatives")
    assert initiatives.filter_bar.combos["status"].currentData() == "推进中"
    assert initiatives.filter_bar.combos["category"].currentIndex() == 0  # everything else was reset
    qtbot.waitUntil(
        lambda: (
            initiatives.model.is_idle()
            and initiatives.model.rowCount()
            == next(s.value for s in summary.dashboard.data.initiatives_by_status if s.label == "推进中")
        ),
        timeout=10_000,
    )


def test_the_trade_card_selects_the_figure_on_the_statistics_page(qtbot, window):
    summary = _open_summary(qtbot, window)
    qtbot.mouseClick(summary.dashboard.cards["trade_total"], Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    stats = window.page("statistics")
    assert window.current_page() is stats
    current = stats.view.currentIndex()
    assert stats.model.indicator(current.row())["code"] == "WM"
    assert current.data() == "289.84"


def test_f5_reloads_the_dashboard_with_new_data(qtbot, window, demo_db, enterprise_values):
    from jjdesk.services.records import enterprises

    summary = _open_summary(qtbot, window)
    before = summary.dashboard.data.enterprises_total
    enterprises.create(demo_db, Actor("lihua", "entry"), enterprise_values())
    with qtbot.waitSignal(summary.dashboard.loaded, timeout=10_000):
        window.actions_by_name["refresh"].trigger()
    assert summary.dashboard.cards["enterprises_total"].value.text() == f"{before + 1:,}"


def test_clear_filters_drops_a_criterion_the_bar_has_no_control_for(qtbot, window, demo_db):
    page = window.navigate("enterprises", {"cluster": "家电", "is_demo": True}).list
    bar = page.filter_bar
    assert bar.extra_label.isVisible()
    assert dict(bar.query().filters) == {"cluster": "家电", "is_demo": True}
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert dict(bar.query().filters) == {} and not bar.extra_label.isVisible()


def _initiative_names(page) -> set[str]:
    column = page.model.column_of("name")
    return {page.model.index(r, column).data() for r in range(page.model.rowCount())}


def test_the_overdue_card_opens_exactly_the_initiatives_with_an_overdue_milestone(qtbot, window, demo_db):
    from jjdesk.services.review import checks

    summary = _open_summary(qtbot, window)
    today = summary.dashboard.data.today
    # The oracle is review rule INI-02 on the same day: the card, the list filter and the rule share one test.
    hits = [f for f in checks.run_checks(demo_db, scope="initiatives", today=today).findings if f.rule == "INI-02"]
    expected = {f.label for f in hits}
    assert hits and summary.dashboard.cards["overdue_milestones"].value.text() == str(len(hits))
    qtbot.mouseClick(summary.dashboard.cards["overdue_milestones"], Qt.MouseButton.LeftButton, pos=QPoint(10, 10))

    page = window.page("initiatives").list
    assert window.current_page() is window.page("initiatives")
    assert page.filter_bar.checks["overdue_on"].isChecked()
    assert dict(page.filter_bar.query().filters) == {"overdue_on": today}
    qtbot.waitUntil(lambda: page.model.is_idle() and page.model.rowCount() == len(expected), timeout=10_000)
    assert _initiative_names(page) == expected
    # Unticking "only overdue" shows every initiative again.
    page.filter_bar.checks["overdue_on"].setChecked(False)
    qtbot.waitUntil(
        lambda: page.model.is_idle() and page.model.rowCount() == summary.dashboard.data.initiatives_total,
        timeout=10_000,
    )


def test_the_only_overdue_box_filters_by_today(qtbot, window, demo_db):
    page = window.show_page("initiatives").list
    qtbot.waitUntil(lambda: page.model.is_idle(), timeout=10_000)
    everyone = page.model.rowCount()
    page.filter_bar.checks["overdue_on"].setChecked(True)
    assert dict(page.filter_bar.query().filters) == {"overdue_on": date.today()}
    qtbot.waitUntil(lambda: page.model.is_idle() and 0 < page.model.rowCount() < everyone, timeout=10_000)
    departments = [
        page.filter_bar.combos["lead_department"].itemData(i)
        for i in range(1, page.filter_bar.combos["lead_department"].count())
    ]
    assert departments and departments == sorted(departments)


def test_keyboard_reaches_a_charts_figures_and_opens_their_records(qtbot, window, demo_db):
    summary = _open_summary(qtbot, window)
    panel = summary.dashboard.panels["by_cluster"]
    chart = summary.dashboard.charts["by_cluster"]
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert panel.showing_table() and panel.table.hasFocus()
    table = panel.table
    labels = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert labels == [s.label for s in summary.dashboard.data.by_cluster]  # the list order, top to bottom
    row = labels.index("家电")
    assert table.item(row, 1).text() == str(_count(demo_db, cluster="家电"))
    for _ in range(row):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)

    page = window.page("enterprises").list
    assert window.current_page() is window.page("enterprises")
    assert dict(page.filter_bar.query().filters) == {"cluster": "家电"}
    qtbot.waitUntil(
        lambda: page.model.is_idle() and page.model.rowCount() == _count(demo_db, cluster="家电"), timeout=10_000
    )


def test_escape_returns_from_the_table_to_the_chart_and_cards_open_with_enter(qtbot, window, demo_db):
    summary = _open_summary(qtbot, window)
    panel = summary.dashboard.panels["exports_by_type"]
    panel.show_table(True)
    table = panel.table
    assert [table.horizontalHeaderItem(c).text() for c in range(1, table.columnCount())] == [
        "外贸公司",
        "三资企业",
        "生产企业",
    ]
    assert panel.caption.text() == panel.chart.chart().title() and "亿元" in panel.caption.text()
    assert [table.item(0, c).text() for c in range(table.columnCount())] == ["2020", "70.88", "36.37", "161.45"]
    qtbot.keyClick(table, Qt.Key.Key_Escape)
    assert not panel.showing_table()

    card = summary.dashboard.cards["initiatives_total"]
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Return)
    assert window.current_page() is window.page("initiatives")


def test_an_empty_ledger_says_why_each_chart_is_empty(qtbot, db):
    view = DashboardView(db)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    for key, chart in view.charts.items():
        assert chart.empty and chart.empty_text and not chart.chart().series(), key
    assert view.charts["exports_by_type"].chart().title() == view.tr("Exports by enterprise type")  # no "(—)"


def test_a_chart_with_data_is_no_longer_empty(qtbot, demo_db):
    view = DashboardView(demo_db)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    assert not any(chart.empty for chart in view.charts.values())
    legend = view.charts["by_type"].chart().legend()
    first = next(m.label() for m in legend.markers())
    assert legend.isVisible() and first == f"外贸公司 {_count(demo_db, enterprise_type='外贸公司')}"


def test_a_year_half_entered_draws_every_chart_without_an_error(qtbot, demo_db, caplog):
    """2021 with 外贸公司 and 三资企业 exports entered but 生产企业 still empty (issue 16): no exception, the
    export chart shows the two that are there, and the initiatives chart is not replaced by "暂无"."""
    from jjdesk.services.records import statistics

    for code, value in (("WM", "310.5"), ("WM.CK", "210.3"), ("WM.CK.WMGS", "75.2"), ("WM.CK.SZ", "30.1")):
        statistics.set_value(demo_db, SYSTEM, code, 2021, {"value": value})
    view = DashboardView(demo_db, today=lambda: date(2021, 12, 1))
    qtbot.addWidget(view)
    view.resize(1216, 640)
    view.show()
    with caplog.at_level("WARNING"), qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    assert not [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    exports = view.charts["exports_by_type"]
    assert not exports.empty and exports.chart().series()
    rows = dict(exports.table_rows)
    assert any(v is None for values in rows.values() for v, _ in values)  # 生产企业 2021: shown as not entered
    assert not view.charts["initiative_status_by_category"].empty
