"""A statistics file whose header is not recognised is mapped column by column in the import dialog."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jjdesk.services.core.actor import Actor
from jjdesk.services.imports.statistics_mapping import LONG, WIDE
from jjdesk.services.records import statistics
from jjdesk.ui.dialogs.import_dialog import STATISTICS
from jjdesk.ui.dialogs.stat_mapping_dialog import YEAR_COL, StatMappingDialog
from tests.services.excel_helpers import seed_statistics, write_xlsx
from tests.ui.import_helpers import wait_checked


def _figures(db):
    return sorted(
        (r["code"], y, v["value"], v["growth"]) for r in statistics.year_grid(db) for y, v in r["values"].items()
    )


@pytest.fixture
def dialog(import_dialog, db):
    """A statistics import dialog on a database with the indicator catalogue."""
    seed_statistics(db, Actor("lihua", "entry"), figures=False)
    return import_dialog(STATISTICS)


def _open_mapper(qtbot, dlg, path) -> StatMappingDialog:
    dlg.set_file(path)
    wait_checked(qtbot, dlg)
    assert dlg.state == "refused" and "表头" in dlg.status.text()  # the header words are not recognised
    qtbot.waitUntil(dlg.map_button.isEnabled, timeout=10000)
    assert dlg.map_button.isVisible()
    qtbot.mouseClick(dlg.map_button, Qt.MouseButton.LeftButton)
    mapper = dlg.mapping_dialog
    assert isinstance(mapper, StatMappingDialog) and mapper.isVisible()
    mapper.activateWindow()
    qtbot.waitUntil(mapper.isActiveWindow, timeout=5000)
    return mapper


def test_long_file_mapped_with_the_keyboard_then_imported(qtbot, dialog, db, tmp_path):
    path = write_xlsx(
        tmp_path / "长表.xlsx",
        [
            ["统计年度", "项目", "口径单位", "本期金额", "比上年±%", "经办人"],
            [2020, "外贸进出口总额", "亿元", 289.84, 5.2, "王五"],
            [2021, "外贸实绩企业数", "家", 1203, -3.5, "王五"],
        ],
    )
    mapper = _open_mapper(qtbot, dialog, path)
    assert mapper.layout() == LONG and mapper.long_button.isChecked()
    assert mapper.table.isColumnHidden(YEAR_COL)  # no year per column in a long table
    assert mapper.table.item(1, 0).text() == "B  项目"
    assert "外贸进出口总额" in mapper.table.item(1, 1).text()
    assert [mapper.combo_for(c).currentData() for c in range(6)] == ["year", "name", "unit", "value", None, None]
    assert mapper.ok_button.isEnabled()

    growth = mapper.combo_for(4)
    growth.setFocus()
    qtbot.waitUntil(growth.hasFocus, timeout=5000)
    qtbot.keyClick(growth, Qt.Key.Key_Down)  # 忽略 → 年份, already E's neighbour A's field
    assert growth.currentData() == "year"
    assert not mapper.ok_button.isEnabled() and "一个字段只能对应一列" in mapper.problem_label.text()
    for _ in range(5):
        qtbot.keyClick(growth, Qt.Key.Key_Down)
    assert growth.currentData() == "growth" and mapper.ok_button.isEnabled()
    qtbot.keyClick(growth, Qt.Key.Key_Tab)  # the (hidden) year is skipped: on to the next column
    assert QApplication.focusWidget() is mapper.combo_for(5)

    qtbot.mouseClick(mapper.ok_button, Qt.MouseButton.LeftButton)
    wait_checked(qtbot, dialog)
    assert dialog.mapping == {0: "year", 1: "name", 2: "unit", 3: "value", 4: "growth"}
    assert dialog.state == "ready", dialog.status.text()
    assert _figures(db) == []  # the preview writes nothing
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_checked(qtbot, dialog)
    assert dialog.state == "imported" and dialog.result.created == 2
    assert _figures(db) == [
        ("WM", 2020, Decimal("289.84"), Decimal("5.2")),
        ("WM.QYS", 2021, Decimal("1203"), Decimal("-3.5")),
    ]


def test_wide_file_years_chosen_per_column_then_imported(qtbot, dialog, db, tmp_path):
    path = write_xlsx(
        tmp_path / "宽表.xlsx",
        [
            ["椒江区主要外贸指标"],
            ["项目名称", "口径", "二〇二〇", "上年比", "2021年度合计"],
            ["外贸进出口总额", "亿元", 289.84, 5.2, 301.5],
            ["出口总额", "亿元", 250.1, None, None],
        ],
    )
    mapper = _open_mapper(qtbot, dialog, path)
    assert mapper.layout() == WIDE and not mapper.table.isColumnHidden(YEAR_COL)
    assert mapper.combo_for(1).currentData() == "unit"  # 亿元 under 口径
    assert (mapper.combo_for(4).currentData(), mapper.spin_for(4).value()) == ("value", 2021)
    # 项目名称, 二〇二〇 and 上年比 are understood too: the suggestion is complete and can be taken as it is.
    assert mapper.mapping() == {0: "name", 1: "unit", 2: "value:2020", 3: "growth:2020", 4: "value:2021"}
    assert mapper.ok_button.isEnabled()
    mapper.choose(0, None)
    assert not mapper.ok_button.isEnabled() and "指标名称或指标代码" in mapper.problem_label.text()
    mapper.choose(0, "name")
    mapper.choose(3, None)
    mapper.choose(2, "value:2021")
    assert not mapper.ok_button.isEnabled() and "同一年份" in mapper.problem_label.text()
    year = mapper.spin_for(2)
    year.setFocus()
    qtbot.waitUntil(year.hasFocus, timeout=5000)
    year.selectAll()
    qtbot.keyClicks(year, "2020")
    assert year.value() == 2020 and mapper.ok_button.isEnabled()
    growth = mapper.combo_for(3)
    growth.setCurrentIndex(growth.findData("growth"))
    assert mapper.spin_for(3).value() == 2020  # after 2020's value: its growth
    assert mapper.mapping() == {0: "name", 1: "unit", 2: "value:2020", 3: "growth:2020", 4: "value:2021"}

    mapper.long_button.click()  # a long table has no year columns: the indicator columns stay
    assert mapper.table.isColumnHidden(YEAR_COL)
    assert mapper.mapping() == {0: "name", 1: "unit"} and not mapper.ok_button.isEnabled()
    mapper.wide_button.click()  # back to the suggestion of the wide layout
    mapper.choose(0, "name")
    mapper.choose(2, "value:2020")
    mapper.choose(3, "growth:2020")
    assert mapper.ok_button.isEnabled()

    qtbot.mouseClick(mapper.ok_button, Qt.MouseButton.LeftButton)
    wait_checked(qtbot, dialog)
    assert dialog.mapping_layout == WIDE and dialog.state == "ready", dialog.status.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_checked(qtbot, dialog)
    assert dialog.state == "imported"
    assert _figures(db) == [
        ("WM", 2020, Decimal("289.84"), Decimal("5.2")),
        ("WM", 2021, Decimal("301.5"), None),
        ("WM.CK", 2020, Decimal("250.1"), None),
    ]


def test_cancelling_the_mapping_changes_nothing_and_a_mapped_preview_can_be_mapped_again(qtbot, dialog, db, tmp_path):
    path = write_xlsx(
        tmp_path / "长表.xlsx", [["统计年度", "项目", "本期金额", "上年数"], [2020, "外贸进出口总额", 289.84, 275.51]]
    )
    mapper = _open_mapper(qtbot, dialog, path)
    qtbot.keyClick(mapper, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not mapper.isVisible(), timeout=5000)
    assert dialog.mapping is None and dialog.state == "refused" and _figures(db) == []

    qtbot.mouseClick(dialog.map_button, Qt.MouseButton.LeftButton)
    mapper = dialog.mapping_dialog
    mapper.choose(2, None)
    mapper.choose(3, "value")  # the officer reads 上年数 as the figure
    mapper.accept()
    wait_checked(qtbot, dialog)
    assert dialog.state == "ready" and dialog.preview.entries[0][2]["value"] == Decimal("275.51")
    again = dialog.map_columns()  # from the preview: the mapping it was read with
    assert [again.combo_for(c).currentData() for c in range(4)] == ["year", "name", None, "value"]
    again.reject()
    assert _figures(db) == []
