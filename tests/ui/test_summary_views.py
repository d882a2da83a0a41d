"""The 汇总 page's cross-tab, year comparison and bulletin views, driven like an officer on the demo data."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from jjdesk.services.core.actor import Actor
from jjdesk.services.records import statistics
from jjdesk.services.review import checks, explanations, workflow
from jjdesk.store.models import Enterprise
from jjdesk.ui import workers
from jjdesk.ui.main_window import MainWindow
from jjdesk.ui.pages.bulletin_view import BulletinView
from jjdesk.ui.pages.crosstab_view import CrossTabView, exact_text
from jjdesk.ui.pages.year_compare_view import YearCompareView

SYSTEM = Actor("system", "admin")
PARAGRAPH_2020 = (
    "全年外贸进出口总额289.84亿元，比上年增长5.2%。其中，外贸公司出口额70.88亿元，增长10.7%；"
    "三资企业出口额36.37亿元，增长7.8%；生产企业出口额161.45亿元，增长3.9%。"
)


@pytest.fixture
def demo_db(db, demo_data):
    demo_data(db, generated=80, actor=SYSTEM)
    return db


def _approve(db, year: int) -> None:
    year_id = {y["year"]: y["id"] for y in statistics.years(db)}[year]
    workflow.submit(db, Actor("lihua", "entry"), [("stat_year", year_id)])
    workflow.approve(db, Actor("wangjun", "reviewer"), [("stat_year", year_id)])


def _computed(qtbot, view: CrossTabView, row: str, column: str | None, measure: str) -> None:
    with qtbot.waitSignal(view.computed, timeout=10_000):
        view.choose(row, column, measure)


# ---------------------------------------------------------------- cross-tab


def test_exact_text_keeps_decimals_and_separates_thousands():
    assert exact_text(Decimal("123456.7")) == "123,456.70"
    assert exact_text(Decimal("1234.5678")) == "1,234.5678"
    assert exact_text(305) == "305" and exact_text(12345) == "12,345" and exact_text(None) == "—"


def test_crosstab_shows_counts_with_bold_totals_right_aligned(qtbot, demo_db):
    view = CrossTabView(demo_db)
    qtbot.addWidget(view)
    view.show()
    _computed(qtbot, view, "cluster", "enterprise_type", "count")
    model = view.model
    tab = model.tab
    last_row, last_col = model.rowCount() - 1, model.columnCount() - 1
    with demo_db.session() as s:
        total = s.execute(select(func.count()).select_from(Enterprise)).scalar_one()
    assert model.index(last_row, 0).data() == "合计"
    assert model.headerData(last_col, Qt.Orientation.Horizontal) == "合计"
    assert model.index(last_row, last_col).data() == f"{total:,}"
    assert model.index(last_row, last_col).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, 1).data(Qt.ItemDataRole.FontRole) is None  # an ordinary cell is not bold
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)
    home = tab.row_labels.index("家电")
    with demo_db.session() as s:
        appliances = s.execute(
            select(func.count()).select_from(Enterprise).where(Enterprise.cluster == "家电")
        ).scalar_one()
    assert model.index(home, last_col).data() == str(appliances)


def test_crosstab_money_keeps_exact_decimals(qtbot, demo_db):
    view = CrossTabView(demo_db)
    qtbot.addWidget(view)
    _computed(qtbot, view, "enterprise_type", None, "export_sum")
    with demo_db.session() as s:
        exact = s.execute(select(Enterprise.export_value)).scalars().all()
    total = sum((v for v in exact if v is not None), Decimal(0))
    assert view.model.columnCount() == 2  # no column dimension: label and the measure
    assert view.model.index(view.model.rowCount() - 1, 1).data() == exact_text(total)
    assert "万元" in view.title.text()


def test_measures_follow_the_row_dimensions_kind_of_record(qtbot, demo_db):
    view = CrossTabView(demo_db)
    qtbot.addWidget(view)
    _computed(qtbot, view, "category", "status", "funds_sum")
    measures = [view.measure_combo.itemData(i) for i in range(view.measure_combo.count())]
    columns = [view.column_combo.itemData(i) for i in range(view.column_combo.count())]
    assert "export_sum" not in measures and "funds_sum" in measures
    assert None in columns and "cluster" not in columns and "category" not in columns


def test_double_clicking_a_crosstab_cell_opens_the_filtered_table(qtbot, demo_db, settings_in_tmp):
    window = MainWindow(demo_db, Actor("lihua", "entry"))
    qtbot.addWidget(window)
    window.show()
    summary = window.show_page("summary")
    summary.tabs.setCurrentWidget(summary.crosstab)
    view = summary.crosstab
    _computed(qtbot, view, "cluster", "enterprise_type", "count")
    row = view.model.tab.row_labels.index("家电")
    column = 1 + view.model.tab.column_labels.index("生产企业")
    expected = view.model.tab.cells[row][column - 1]
    rect = view.table.visualRect(view.model.index(row, column))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # follows a press
    page = window.page("enterprises").list
    assert window.current_page() is window.page("enterprises")
    assert dict(page.filter_bar.query().filters) == {"cluster": "家电", "enterprise_type": "生产企业"}
    qtbot.waitUntil(lambda: page.model.is_idle() and page.model.rowCount() == expected, timeout=10_000)
    qtbot.waitUntil(lambda: workers.running() == 0)


def test_export_to_excel_writes_the_shown_crosstab(qtbot, demo_db, tmp_path):
    view = CrossTabView(demo_db)
    qtbot.addWidget(view)
    _computed(qtbot, view, "cluster", "enterprise_type", "count")
    out = tmp_path / "透视.xlsx"
    with qtbot.waitSignal(view.exported, timeout=20_000) as done:
        view.export_to(out)
    assert done.args == [str(out)]
    values = [c for row in load_workbook(out).active.iter_rows(values_only=True) for c in row]
    assert "合计" in values and "家电" in values


# ---------------------------------------------------------------- year comparison


def test_year_comparison_shows_both_years_with_status_and_explanations(qtbot, demo_db):
    statistics.set_value(demo_db, SYSTEM, "WM", 2021, {"value": "250.00", "growth": "-13.5"})
    view = YearCompareView(demo_db)
    qtbot.addWidget(view)
    view.refresh()
    assert (view.year_a.currentData(), view.year_b.currentData()) == (2020, 2021)
    model = view.model
    row = next(i for i, r in enumerate(model.rows) if r.code == "WM")
    texts = {key: model.text(row, key) for key, _h in model.columns}
    assert texts["value_a"] == "289.84" and texts["value_b"] == "250.00"
    assert texts["growth_a"] == "5.2%" and texts["growth_b"] == "-13.5%"
    assert texts["change"] == "-39.84" and texts["change_pct"] == "-13.7%"
    assert texts["status_a"] == "草稿"
    # a year's status stands beside its figures only: no 草稿 next to a missing figure
    gdp = next(i for i, r in enumerate(model.rows) if r.code == "GDP")
    assert (model.text(gdp, "value_a"), model.text(gdp, "status_a")) == ("—", "—")
    assert model.text(gdp, "status_b") == "草稿"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert any("2020" in h for h in headers) and any("2021" in h for h in headers)
    value_col = [k for k, _h in model.columns].index("value_a")
    assert model.index(row, value_col).data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)


def test_year_comparison_shows_the_written_explanation_of_a_figure(qtbot, demo_db):
    clerk = Actor("lihua", "entry")
    statistics.set_value(demo_db, clerk, "GDP", 2020, {"value": "500.00"})
    finding = next(
        f
        for f in checks.run_checks(demo_db, 2021, "statistics").findings
        if f.label == "2021年 地区生产总值" and f.severity == "核实"
    )
    explanations.explain(
        demo_db, clerk, finding.rule, finding.entity, finding.id, finding.field, "2020年数为口径调整数"
    )
    view = YearCompareView(demo_db)
    qtbot.addWidget(view)
    view.compare(2020, 2021)
    model = view.model
    row = next(i for i, r in enumerate(model.rows) if r.code == "GDP")
    column = [k for k, _h in model.columns].index("explanations")
    assert model.index(row, column).data() == "2021：2020年数为口径调整数"
    assert model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == "2021：2020年数为口径调整数"
    assert model.text(row, "change_pct") == "50.4%"  # implied change beside the reported 6.2%
    assert model.text(row, "growth_b") == "6.2%"


# ---------------------------------------------------------------- bulletin


def test_bulletin_refusal_is_shown_as_the_services_message(qtbot, demo_db):
    view = BulletinView(demo_db)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    assert view.year_combo.currentData() == 2020  # the latest year with a trade paragraph, not 2021 (GDP only)
    assert view.message.isVisible()
    assert "2020年统计尚未审核通过" in view.message.text() and "外贸进出口总额" in view.message.text()
    assert view.text.toPlainText() == "" and not view.copy_button.isEnabled()

    view.allow_draft.setChecked(True)  # the officer asks for a draft
    assert view.text.toPlainText().endswith(PARAGRAPH_2020)
    assert "草稿" in view.text.toPlainText() and view.message.isVisible()


def test_bulletin_copy_puts_the_approved_paragraph_on_the_clipboard(qtbot, demo_db):
    _approve(demo_db, 2020)
    view = BulletinView(demo_db)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    assert view.text.toPlainText() == PARAGRAPH_2020 and not view.message.isVisible()
    QApplication.clipboard().clear()
    qtbot.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == PARAGRAPH_2020


def test_double_clicking_a_compared_figure_selects_it_on_the_statistics_page(qtbot, demo_db, settings_in_tmp):
    window = MainWindow(demo_db, Actor("lihua", "entry"))
    qtbot.addWidget(window)
    window.show()
    summary = window.show_page("summary")
    summary.tabs.setCurrentWidget(summary.year_compare)
    view = summary.year_compare
    view.compare(2020, 2021)
    row = next(i for i, r in enumerate(view.model.rows) if r.code == "GDP")
    column = [k for k, _h in view.model.columns].index("value_b")
    rect = view.table.visualRect(view.model.index(row, column))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    stats = window.page("statistics")
    assert window.current_page() is stats
    assert stats.model.indicator(stats.view.currentIndex().row())["code"] == "GDP"
    assert stats.view.currentIndex().data() == "752.14"
    qtbot.waitUntil(lambda: workers.running() == 0)


def test_double_clicking_a_lead_department_opens_its_initiatives(qtbot, demo_db, settings_in_tmp):
    window = MainWindow(demo_db, Actor("lihua", "entry"))
    qtbot.addWidget(window)
    window.show()
    summary = window.show_page("summary")
    summary.tabs.setCurrentWidget(summary.crosstab)
    view = summary.crosstab
    _computed(qtbot, view, "lead_department", None, "count")
    row = 0
    department = view.model.tab.row_labels[row]
    expected = view.model.tab.cells[row][0]
    rect = view.table.visualRect(view.model.index(row, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = window.page("initiatives").list
    assert window.current_page() is window.page("initiatives")
    assert page.filter_bar.combos["lead_department"].currentData() == department
    qtbot.waitUntil(lambda: page.model.is_idle() and page.model.rowCount() == expected, timeout=10_000)
    column = page.model.column_of("lead_department")
    assert {page.model.index(r, column).data() for r in range(page.model.rowCount())} == {department}
    qtbot.waitUntil(lambda: workers.running() == 0)


def test_empty_year_comparison_and_bulletin_say_where_figures_come_from(qtbot, db):
    compare = YearCompareView(db)
    qtbot.addWidget(compare)
    compare.refresh()
    assert compare.model.rowCount() == 0 and not compare.hint.isHidden()
    assert compare.hint.text() == compare.tr(
        "The statistics catalogue has no indicators yet: add them on the Yearly statistics page."
    )
    bulletin = BulletinView(db)
    qtbot.addWidget(bulletin)
    bulletin.refresh()
    assert bulletin.text.toPlainText() == ""
    assert bulletin.text.placeholderText() == bulletin.tr(
        "No yearly statistics yet: enter the foreign-trade figures on the Yearly statistics page, "
        "then draft the paragraph here."
    )


def test_year_comparison_of_two_years_without_figures_says_so(qtbot, demo_db):
    view = YearCompareView(demo_db)
    qtbot.addWidget(view)
    view.compare(2017, 2018)
    assert view.model.rowCount() > 0 and not view.hint.isHidden() and "2017" in view.hint.text()
    view.compare(2019, 2020)
    assert view.hint.isHidden()
