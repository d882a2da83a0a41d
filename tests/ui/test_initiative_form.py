"""The initiative form with its sub-tables and the enterprise picker, on a real database file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from jjdesk.services.core.actor import Actor
from jjdesk.services.records import enterprises, initiatives
from jjdesk.ui.forms.initiative_form import InitiativeForm
from tests.ui.keys import type_text


@pytest.fixture
def form(qtbot, db, clerk, demo_data):
    demo_data(db, generated=20)
    f = InitiativeForm(db, clerk)
    qtbot.addWidget(f)
    f.resize(480, 760)
    f.show()
    qtbot.waitExposed(f)
    f.activateWindow()
    qtbot.waitUntil(f.isActiveWindow)
    return f


def type_field(qtbot, form, name, text):
    widget = form.editors[name].focus_widget()
    widget.setFocus()
    type_text(qtbot, widget, text)


def choose(form, name, text):
    combo = form.editors[name].focus_widget()
    combo.setCurrentIndex(combo.findText(text))


def type_cell(qtbot, sub, row, name, text):
    """Open a cell's editor as a key press would, type, and press Enter."""
    item = sub.cell(row, name)
    sub.table.setCurrentItem(item)
    sub.table.editItem(item)
    editor = sub.table.indexWidget(sub.table.indexFromItem(item))
    assert isinstance(editor, QLineEdit)
    editor.clear()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_new_initiative_with_milestones_indicator_and_a_picked_enterprise(qtbot, form, db):
    type_field(qtbot, form, "name", "未来工厂梯队培育（2022）")
    choose(form, "category", "未来工厂")
    choose(form, "status", "推进中")
    type_field(qtbot, form, "start_date", "2022/1/4")
    type_field(qtbot, form, "funds", "120.5")

    qtbot.mouseClick(form.milestones.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, form.milestones, 0, "due_date", "2022年3月31日")
    type_cell(qtbot, form.milestones, 0, "text", "确定培育名单")
    qtbot.mouseClick(form.milestones.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, form.milestones, 1, "due_date", "2022-06-30")
    type_cell(qtbot, form.milestones, 1, "text", "完成诊断评估")
    form.milestones.cell(1, "done").setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(form.milestones.add_button, Qt.MouseButton.LeftButton)  # left blank: not saved, no error

    qtbot.mouseClick(form.indicators.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, form.indicators, 0, "name", "省级未来工厂")
    type_cell(qtbot, form.indicators, 0, "unit", "家")
    type_cell(qtbot, form.indicators, 0, "target", "2")

    picker = form.picker
    picker.search_edit.setFocus()
    type_text(qtbot, picker.search_edit, "杰克")
    popup = picker.completer.popup()
    qtbot.waitUntil(lambda: popup.isVisible() and picker.model.rowCount() == 1)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.chosen() is not None)
    assert picker.chosen()[1] == "杰克科技股份有限公司"
    picker.role_combo.setCurrentText("推荐")
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert form.links.cell(0, "enterprise_id").text() == "杰克科技股份有限公司"

    qtbot.waitUntil(form.save_button.isEnabled)
    with qtbot.waitSignal(form.saved):
        assert form.save()

    saved = initiatives.get(db, form.record_id)
    assert saved["name"] == "未来工厂梯队培育（2022）" and saved["funds"] == Decimal("120.5")
    assert [(m["due_date"], m["text"], m["done"]) for m in saved["milestones"]] == [
        (date(2022, 3, 31), "确定培育名单", False),
        (date(2022, 6, 30), "完成诊断评估", True),
    ]
    assert [(i["name"], i["unit"], i["target"]) for i in saved["indicators"]] == [("省级未来工厂", "家", Decimal(2))]
    jack = enterprises.search(db, "杰克")[0]
    assert [(x["enterprise_id"], x["role"]) for x in saved["links"]] == [(jack["id"], "推荐")]
    assert form.milestones.table.rowCount() == 2 and not form.is_dirty()


def test_an_invalid_milestone_row_shows_a_row_numbered_message(qtbot, form, db):
    plan = next(i for i in initiatives.list_all(db) if i["name"] == "椒江区数字经济系统建设方案")
    form.open_record(plan["id"])
    assert form.milestones.table.rowCount() == 3 and not form.save_button.isEnabled()
    type_cell(qtbot, form.milestones, 1, "due_date", "2021-02-30")
    qtbot.waitUntil(lambda: form.milestones.messages() != [])
    assert form.milestones.messages() == ["第2行 里程碑·节点日期：“2021-02-30”不是存在的日期"]
    assert "不是存在的日期" in form.milestones.cell(1, "due_date").toolTip()
    assert not form.save_button.isEnabled()
    assert form.save() is False
    assert initiatives.get(db, plan["id"])["version"] == 1

    type_cell(qtbot, form.milestones, 1, "due_date", "2021-02-26")
    form.milestones.cell(2, "done").setCheckState(Qt.CheckState.Unchecked)  # done date left: a row rule
    qtbot.waitUntil(lambda: form.milestones.messages() == ["第3行 里程碑·已完成：填写了完成日期，但未标记为已完成"])
    assert not form.save_button.isEnabled()


def test_a_refusal_from_the_service_lands_on_the_sub_table(qtbot, form, db):
    plan = next(i for i in initiatives.list_all(db) if i["name"] == "椒江区数字经济系统建设方案")
    form.open_record(plan["id"])
    type_cell(qtbot, form.milestones, 0, "due_date", "2021-01-05")  # before the initiative's start
    qtbot.waitUntil(form.save_button.isEnabled)
    assert form.save() is False
    assert form.milestones.messages() == ["第1行 里程碑·节点日期：2021-01-05 早于举措开始日期 2021-02-19"]
    assert initiatives.get(db, plan["id"])["version"] == 1


def test_update_passes_all_sub_tables_and_keeps_links(qtbot, form, db):
    future = next(i for i in initiatives.list_all(db) if i["name"] == "“未来工厂”培育")
    form.open_record(future["id"])
    assert form.links.table.rowCount() == 4
    type_field(qtbot, form, "owner", "林晓")
    qtbot.waitUntil(form.save_button.isEnabled)
    assert form.save()
    saved = initiatives.get(db, future["id"])
    assert saved["owner"] == "林晓" and len(saved["links"]) == 4 and saved["version"] == 2


def test_overwrite_after_a_conflict_keeps_the_other_sides_sub_tables(qtbot, form, db, monkeypatch):
    from jjdesk.ui.dialogs import conflict

    plan = next(i for i in initiatives.list_all(db) if i["name"] == "椒江区数字经济系统建设方案")
    form.open_record(plan["id"])
    current = initiatives.get(db, plan["id"])
    milestones = [{k: m[k] for k in ("due_date", "text", "done", "done_date")} for m in current["milestones"]]
    initiatives.update(
        db,
        Actor("wangjun"),
        plan["id"],
        {},
        1,
        milestones=[*milestones, {"text": "印发实施方案", "due_date": "2021-04-30"}],
    )
    type_field(qtbot, form, "owner", "林晓")
    qtbot.waitUntil(form.save_button.isEnabled)
    asked = []
    monkeypatch.setattr(
        conflict.ConflictDialog,
        "ask",
        classmethod(
            lambda cls, parent, error, rows, also=(), can_reload=True: asked.append((rows, also)) or conflict.OVERWRITE
        ),
    )
    assert form.save()
    [(rows, also)] = asked
    assert [r.label for r in rows] == ["责任人"] and also == ["里程碑"]
    saved = initiatives.get(db, plan["id"])
    assert saved["owner"] == "林晓" and len(saved["milestones"]) == 4 and saved["version"] == 3
    assert QApplication.activeModalWidget() is None
