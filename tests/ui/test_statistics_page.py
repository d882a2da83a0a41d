"""The statistics year grid: typing values and reported growth, implied growth, refusals, final figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from jjdesk.services.records import statistics
from jjdesk.ui.pages.statistics_grid import GROWTH, IMPLIED, VALUE
from jjdesk.ui.pages.statistics_page import StatisticsPage
from tests.ui.keys import type_text


@pytest.fixture
def page(qtbot, db, clerk, demo_data):
    demo_data(db, generated=20)
    p = StatisticsPage(db, clerk)
    qtbot.addWidget(p)
    p.resize(1190, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


def type_cell(qtbot, page, code, year, field, text):
    """Select the cell, open its editor as a key press would, type and press Enter; wait for the save."""
    index = page.select_cell(code, year, field)
    page.view.edit(index)
    editor = page.view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.clear()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.view.indexWidget(index) is None)  # the delegate commits on the next loop
    row = page.model.row_of(code)
    qtbot.waitUntil(lambda: bool(page.model.message(row, year, field)) or not page.model.pending(row, year))


def shown(page, code, year, field, role=Qt.ItemDataRole.DisplayRole):
    model = page.model
    return model.index(model.row_of(code), model.column_of(year, field)).data(role)


def test_years_are_those_with_data_plus_the_next_and_added_ones(page):
    assert page.model.years() == [2020, 2021, 2022]
    page.year_spin.setValue(2019)
    page.add_year_button.click()
    assert page.model.years() == [2019, 2020, 2021, 2022]
    assert page.year_spin.value() == 2018
    assert shown(page, "WM", 2020, VALUE) == "289.84" and shown(page, "WM", 2020, GROWTH) == "5.2"
    assert shown(page, "SZ.HXZB", 2020, VALUE) == "40.0"  # padded to the indicator's one decimal
    assert shown(page, "WM.CK.SZ", 2020, VALUE, Qt.ItemDataRole.EditRole) == "36.37"


def test_typed_values_and_growth_are_saved_and_implied_growth_appears(qtbot, page, db):
    page.add_year(2019)
    type_cell(qtbot, page, "WM.JK", 2019, VALUE, "50")
    type_cell(qtbot, page, "WM.JK", 2020, VALUE, "55.5")
    type_cell(qtbot, page, "WM.JK", 2020, GROWTH, "11.0")

    saved = statistics.get_value(db, "WM.JK", 2020)
    assert saved["value"] == Decimal("55.5") and isinstance(saved["value"], Decimal)
    assert saved["growth"] == Decimal("11") and saved["basis"] == "preliminary" and saved["updated_by"] == "lihua"
    assert statistics.get_value(db, "WM.JK", 2019)["value"] == Decimal("50")
    assert shown(page, "WM.JK", 2020, IMPLIED) == "11.0"
    assert shown(page, "WM.JK", 2020, IMPLIED, Qt.ItemDataRole.BackgroundRole) is None

    type_cell(qtbot, page, "WM.JK", 2020, GROWTH, "12.3")  # reported on a comparable basis: differs
    assert statistics.get_value(db, "WM.JK", 2020)["growth"] == Decimal("12.3")
    assert page.model.hint_differs(page.model.row_of("WM.JK"), 2020)
    assert shown(page, "WM.JK", 2020, IMPLIED, Qt.ItemDataRole.BackgroundRole) is not None
    assert "年度状态" in page.panel_info.text() or "Year status" in page.panel_info.text()


def test_too_many_decimals_is_refused_beside_the_cell_and_nothing_is_saved(qtbot, page, db):
    type_cell(qtbot, page, "WM", 2020, VALUE, "289.845")
    row = page.model.row_of("WM")
    assert page.model.message(row, 2020, VALUE) == "最多保留2位小数，实为3位"
    assert shown(page, "WM", 2020, VALUE) == "289.845"  # the typed text stays, in red
    assert shown(page, "WM", 2020, VALUE, Qt.ItemDataRole.ToolTipRole) == "最多保留2位小数，实为3位"
    assert shown(page, "WM", 2020, VALUE, Qt.ItemDataRole.BackgroundRole) is not None
    assert "最多保留2位小数" in page.panel_message.text()
    saved = statistics.get_value(db, "WM", 2020)
    assert saved["value"] == Decimal("289.84") and saved["version"] == 1

    type_cell(qtbot, page, "WM", 2020, VALUE, "289.85")
    assert page.model.message(row, 2020, VALUE) == ""
    assert statistics.get_value(db, "WM", 2020)["value"] == Decimal("289.85")


def test_a_final_figure_changes_only_with_a_reason(qtbot, page, db):
    page.select_cell("WM", 2020)
    page.basis_combo.setCurrentIndex(page.basis_combo.findData("final"))
    assert page.apply_panel()
    assert statistics.get_value(db, "WM", 2020)["basis"] == "final"
    assert shown(page, "WM", 2020, VALUE, Qt.ItemDataRole.ToolTipRole).startswith("最终核实")

    type_cell(qtbot, page, "WM", 2020, VALUE, "290.01")
    row = page.model.row_of("WM")
    assert "修改须填写原因" in page.model.message(row, 2020, VALUE)
    assert "修改须填写原因" in page.panel_message.text()
    assert page.reason_edit.property("invalid") is True
    assert statistics.get_value(db, "WM", 2020)["value"] == Decimal("289.84")

    page.reason_edit.setFocus()
    type_text(qtbot, page.reason_edit, "统计局反馈更正")
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)  # saves the pending typed value too
    saved = statistics.get_value(db, "WM", 2020)
    assert saved["value"] == Decimal("290.01") and saved["basis"] == "final"
    [*_, last] = statistics.revisions(db, "WM", 2020)
    assert last["value"] == Decimal("289.84") and last["reason"] == "统计局反馈更正"
    assert page.model.pending(row, 2020) == {} and page.reason_edit.text() == ""


def test_a_new_figure_takes_the_basis_chosen_in_the_panel(qtbot, page, db):
    year = min(date.today().year, 2022)
    page.select_cell("WM.QYS", year)
    page.basis_combo.setCurrentIndex(page.basis_combo.findData("final"))
    type_cell(qtbot, page, "WM.QYS", year, VALUE, "1200")
    saved = statistics.get_value(db, "WM.QYS", year)
    assert saved["value"] == Decimal(1200) and saved["basis"] == "final"


def test_the_selected_years_rules_and_submission_sit_in_the_panel(qtbot, page, db, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from jjdesk.services.review import workflow

    # A 2019 total the 2020 reported growth does not fit: the year asks for a 核实 explanation.
    page.add_year(2019)
    type_cell(qtbot, page, "WM", 2019, VALUE, "200")
    page.select_cell("WM", 2020)
    bar = page.year_bar
    assert bar.isVisibleTo(page) and "2020" in bar.record["name"]
    assert [f.rule for f in bar.findings] == ["STAT-02"] and not bar.submit_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("2019年为海关快报口径", True))
    bar.explain_menu.actions()[0].trigger()
    assert page.year_bar.findings[0].explained and page.year_bar.submit_button.isEnabled()
    page.year_bar.submit_button.click()
    year_id = statistics.years(db)[[y["year"] for y in statistics.years(db)].index(2020)]["id"]
    assert workflow.status(db, "stat_year", year_id).review_status == "submitted"
    page.select_cell("WM", 2020)
    assert "待审核" in page.panel_info.text() or "submitted" in page.panel_info.text().lower()
    assert not page.year_bar.submit_button.isVisibleTo(page)
