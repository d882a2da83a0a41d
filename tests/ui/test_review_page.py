"""The 审核 page driven as officers use it: sign-in, bulk submit/approve/return, the report, history, 上报."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from jjdesk.services.core import auth
from jjdesk.services.core.actor import Actor
from jjdesk.services.records import enterprises, statistics
from jjdesk.services.review import workflow as review
from jjdesk.ui import workers
from jjdesk.ui.dialogs import history_dialog
from jjdesk.ui.dialogs.login import LoginDialog
from jjdesk.ui.main_window import MainWindow
from jjdesk.ui.pages import review_queue, submission_view
from tests.ui.keys import type_text


def _window(qtbot, db, actor):
    w = MainWindow(db, actor, sign_in=lambda _db: None)
    qtbot.addWidget(w)
    w.show()
    return w


def _wait_idle(qtbot):
    qtbot.waitUntil(lambda: workers.running() == 0, timeout=10000)


def _queue(qtbot, window, view=None, kind=None, search=None):
    page = window.show_page("review")
    queue = page.queue
    if view is not None:
        queue.view_combo.setCurrentIndex(queue.view_combo.findData(view))
    if kind is not None:
        queue.kind_combo.setCurrentIndex(queue.kind_combo.findData(kind))
    if search is not None:
        queue.search_edit.setText(search)
        queue.reload()
    _wait_idle(qtbot)
    return queue


def _select(qtbot, queue, label):
    rows = [r for r in range(queue.model.rowCount()) if queue.model.row(r).label == label]
    assert rows, f"{label} not listed"
    queue.table.selectRow(rows[0])
    return queue.model.row(rows[0])


@pytest.fixture
def auto_yes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


@pytest.fixture
def records(db, clerk, enterprise_values):
    made = [enterprises.create(db, clerk, enterprise_values(name=f"审核测试企业{i}有限公司")) for i in range(3)]
    return made


# ---------------------------------------------------------------- sign-in


def test_first_run_creates_the_administrator_then_wrong_password_never_signs_in(qtbot, db, tmp_path):
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.setup_mode
    type_text(qtbot, dialog.name_edit, "zhangmin")
    type_text(qtbot, dialog.display_edit, "张敏")
    dialog.password_edit.setText("Jiaojiang-2026")
    dialog.repeat_edit.setText("Jiaojiang-2025")
    dialog.try_accept()
    assert dialog.actor is None and dialog.message_label.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert auth.needs_setup(db)
    dialog.password_edit.setText("Jiaojiang-2026")
    dialog.repeat_edit.setText("Jiaojiang-2026")
    dialog.try_accept()
    assert dialog.actor == Actor("zhangmin", "admin")
    assert [u.name for u in auth.list_users(db, Actor("admin", "admin"))] == ["zhangmin"]

    again = LoginDialog(db)
    qtbot.addWidget(again)
    assert not again.setup_mode
    assert again.name_edit.text() == "zhangmin"  # the last user is remembered, never the password
    again.password_edit.setText("wrong-password")
    again.try_accept()
    assert again.actor is None
    assert again.message_label.isVisibleTo(again) and "错误" in again.message_label.text()
    assert again.password_edit.text() == ""
    again.password_edit.setText("Jiaojiang-2026")
    again.try_accept()
    assert again.actor == Actor("zhangmin", "admin")

    settings_file = QSettings().fileName()
    QSettings().sync()
    stored = Path(settings_file).read_text(encoding="utf-8", errors="replace")
    assert "zhangmin" in stored
    assert "Jiaojiang-2026" not in stored
    assert b"Jiaojiang-2026" not in (tmp_path / "jjdesk.db").read_bytes()


def test_switching_database_asks_for_sign_in_and_cancel_keeps_the_current_one(qtbot, db, tmp_path):
    window = MainWindow(db, Actor("lihua", "entry"), sign_in=lambda _db: None)
    qtbot.addWidget(window)
    assert not window.open_database(f"sqlite:///{tmp_path / 'other.db'}")
    assert window.db is db
    window._sign_in = lambda _db: Actor("wangjun", "reviewer")
    assert window.switch_user()
    assert window.actor == Actor("wangjun", "reviewer")
    assert "wangjun" in window.user_label.text()


# ---------------------------------------------------------------- the work list


def test_clerk_submits_a_filtered_selection_and_cannot_approve(qtbot, db, clerk, records, auto_yes):
    window = _window(qtbot, db, clerk)
    queue = _queue(qtbot, window, view=review_queue.ALL, search="审核测试企业")
    assert queue.model.rowCount() == 3
    assert review.APPROVE not in queue.action_buttons  # 录入员 has no approve button at all
    queue.select_all()
    assert "3" in queue.count_label.text()
    queue.action_buttons[review.SUBMIT].click()  # asks to confirm a bulk action
    qtbot.waitUntil(lambda: workers.running() == 0 and queue._action_job is None, timeout=10000)
    states = {review.status(db, "enterprise", r["id"]).review_status for r in records}
    assert states == {"submitted"}


def test_bulk_submit_then_another_reviewer_approves(qtbot, db, clerk, reviewer, records, auto_yes):
    window = _window(qtbot, db, clerk)
    queue = _queue(qtbot, window, view=review_queue.ALL, search="审核测试企业")
    queue.select_all()
    queue.action_buttons[review.SUBMIT].click()
    qtbot.waitUntil(lambda: queue._action_job is None, timeout=10000)

    window2 = _window(qtbot, db, reviewer)
    queue2 = _queue(qtbot, window2, view=review_queue.TO_REVIEW)
    assert {queue2.model.row(r).label for r in range(queue2.model.rowCount())} >= {r["name"] for r in records}
    queue2.select_all()
    queue2.action_buttons[review.APPROVE].click()
    qtbot.waitUntil(lambda: queue2._action_job is None, timeout=10000)
    assert {review.status(db, "enterprise", r["id"]).review_status for r in records} == {"approved"}
    assert {review.status(db, "enterprise", r["id"]).reviewed_by for r in records} == {"wangjun"}


def test_four_eyes_refusal_is_shown_and_nothing_changes(qtbot, db, reviewer, enterprise_values, monkeypatch):
    own = enterprises.create(db, reviewer, enterprise_values(name="自录自审企业有限公司"))
    review.submit(db, reviewer, [("enterprise", own["id"])])
    shown = []
    monkeypatch.setattr(review_queue, "show_refusal", lambda _p, _t, message, _n: shown.append(message))
    window = _window(qtbot, db, reviewer)
    queue = _queue(qtbot, window, view=review_queue.ALL, search="自录自审")
    _select(qtbot, queue, "自录自审企业有限公司")
    queue.action_buttons[review.APPROVE].click()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "不能审核自己录入" in shown[0]
    assert review.status(db, "enterprise", own["id"]).review_status == "submitted"


def test_returned_record_shows_its_reason_to_its_author(qtbot, db, clerk, reviewer, records, monkeypatch):
    target = records[0]
    review.submit(db, clerk, [("enterprise", target["id"])])
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("出口额单位应为万美元，请核对", True))
    window = _window(qtbot, db, reviewer)
    queue = _queue(qtbot, window, view=review_queue.TO_REVIEW)
    _select(qtbot, queue, target["name"])
    queue.action_buttons[review.RETURN].click()
    qtbot.waitUntil(lambda: queue._action_job is None, timeout=10000)
    assert review.status(db, "enterprise", target["id"]).review_status == "returned"

    author = _window(qtbot, db, clerk)
    mine = _queue(qtbot, author, view=review_queue.MY_RETURNED)
    assert [mine.model.row(r).label for r in range(mine.model.rowCount())] == [target["name"]]
    _select(qtbot, mine, target["name"])
    assert mine.reason_label.isVisibleTo(mine)
    assert "出口额单位应为万美元" in mine.reason_label.text() and "wangjun" in mine.reason_label.text()


def test_return_without_reason_changes_nothing(qtbot, db, clerk, reviewer, records, monkeypatch):
    target = records[1]
    review.submit(db, clerk, [("enterprise", target["id"])])
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("   ", True))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    window = _window(qtbot, db, reviewer)
    queue = _queue(qtbot, window, view=review_queue.TO_REVIEW)
    _select(qtbot, queue, target["name"])
    queue.action_buttons[review.RETURN].click()
    assert warned and queue._action_job is None
    assert review.status(db, "enterprise", target["id"]).review_status == "submitted"


# ---------------------------------------------------------------- rules, explanations, history


def test_detail_lists_findings_and_an_explanation_is_stored(qtbot, db, clerk, monkeypatch, demo_data):
    demo_data(db, generated=0)
    # A 2019 total far from what 2020's reported growth implies: the growth rule asks for verification.
    statistics.set_value(db, clerk, "WM", 2019, {"value": "200"})
    window = _window(qtbot, db, clerk)
    queue = _queue(qtbot, window, view=review_queue.ALL, kind="stat_year", search="2020")
    _select(qtbot, queue, "2020年统计")
    findings = queue.finding_model.rows()
    verify = [f for f in findings if f.severity == "核实" and not f.explained]
    assert [f.rule for f in verify] == ["STAT-02"]
    row = findings.index(verify[0])
    queue.finding_table.selectRow(row)
    assert queue.explain_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("口径调整，见区统计局说明", True))
    queue.explain_button.click()
    after = [f for f in queue.finding_model.rows() if f.rule == verify[0].rule and f.field == verify[0].field]
    assert after and after[0].explained and after[0].explanation == "口径调整，见区统计局说明"


def test_history_dialog_shows_field_changes_and_exports_them(qtbot, db, clerk, records, tmp_path, monkeypatch):
    target = records[2]
    enterprises.update(db, clerk, target["id"], {"export_value": "301.25"}, target["version"])
    opened = []
    monkeypatch.setattr(history_dialog.HistoryDialog, "exec", lambda self: opened.append(self))
    window = _window(qtbot, db, clerk)
    queue = _queue(qtbot, window, view=review_queue.ALL, search=target["name"])
    _select(qtbot, queue, target["name"])
    queue.history_button.click()
    dialog = opened[0]
    changes = [(r.field, r.old, r.new) for r in dialog.rows]
    assert ("export_value", "289.84", "301.25") in changes
    out = tmp_path / "修改记录.xlsx"
    runner = dialog.export(str(out))
    qtbot.waitUntil(lambda: runner.state != "running", timeout=20000)
    assert runner.state == "done"
    sheet = openpyxl.load_workbook(out).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert any("289.84" in row and "301.25" in row for row in values)
    assert str(sheet["A1"].value).startswith("修改记录")


# ---------------------------------------------------------------- report and submission


def test_check_report_runs_and_exports(qtbot, db, clerk, tmp_path, demo_data):
    demo_data(db, generated=0)
    window = _window(qtbot, db, clerk)
    page = window.show_page("review")
    page.tabs.setCurrentWidget(page.report)
    view = page.report
    statistics.set_value(db, clerk, "WM", 2019, {"value": "200"})
    view.refresh_years()
    view.year_combo.setCurrentIndex(view.year_combo.findData(2020))
    view.run_button.click()
    qtbot.waitUntil(lambda: view.report is not None, timeout=20000)
    assert view.model.rowCount() == len(view.report.findings) > 0
    assert "核实" in view.summary_label.text() or "verify" in view.summary_label.text()
    view.severity_combo.setCurrentIndex(view.severity_combo.findData("核实"))
    assert all(view.model.row(r).severity == "核实" for r in range(view.model.rowCount()))
    out = tmp_path / "审核报告.xlsx"
    runner = view.export(str(out))
    qtbot.waitUntil(lambda: runner.state != "running", timeout=20000)
    assert runner.state == "done"
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].value == "审核报告"
    rules = {row[2] for row in sheet.iter_rows(min_row=4, values_only=True) if row[2]}
    assert {f.rule for f in view.report.findings} <= rules


def test_submission_is_refused_with_reasons_then_listed_when_allowed(
    qtbot, db, clerk, reviewer, tmp_path, monkeypatch, demo_data
):
    demo_data(db, generated=0)
    refused = []
    monkeypatch.setattr(submission_view, "show_refusal", lambda _p, _t, message, _n: refused.append(message))
    admin = Actor("zhangmin", "admin")
    window = _window(qtbot, db, admin)
    page = window.show_page("review")
    page.tabs.setCurrentWidget(page.submissions)
    view = page.submissions
    view.year_combo.setCurrentIndex(view.year_combo.findData(2020))
    view.scope_combo.setCurrentIndex(view.scope_combo.findData("statistics"))
    target = tmp_path / "上报_2020.xlsx"
    view.submit(str(target))
    qtbot.waitUntil(lambda: bool(refused), timeout=20000)
    assert "未" in refused[0] and not target.exists()
    assert view.model.rowCount() == 0

    # The clerk submits the 2020 year, the reviewer approves it: now it may go.
    year_id = next(i.id for i in review.find(db, entity="stat_year") if i.label == "2020年统计")
    review.submit(db, clerk, [("stat_year", year_id)])
    review.approve(db, reviewer, [("stat_year", year_id)])
    view.submit(str(target))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=20000)
    info = view.model.row(0)
    assert info.year == 2020 and info.submitted_by == "zhangmin" and len(info.content_hash) == 64
    assert target.exists()
    assert info.content_hash in view.status_label.text()


# ---------------------------------------------------------------- the record form's review bar


def test_form_shows_rules_after_save_and_submits_once_explained(qtbot, db, clerk, enterprise_values, monkeypatch):
    enterprises.create(db, clerk, enterprise_values(name="台州市海澄进出口有限公司"))
    twin = enterprises.create(db, clerk, enterprise_values(name="浙江海澄进出口（有限）公司"))
    window = _window(qtbot, db, clerk)
    space = window.show_page("enterprises")
    qtbot.waitUntil(lambda: space.list.model.row_of(twin["id"]) is not None, timeout=10000)
    space.list.table.selectRow(space.list.model.row_of(twin["id"]))
    qtbot.waitUntil(lambda: (space.form.record() or {}).get("id") == twin["id"], timeout=10000)
    bar = space.review_bar
    assert bar.isVisibleTo(space) and [f.rule for f in bar.findings] == ["ENT-03"]
    assert "台州市海澄进出口有限公司" in bar.findings_label.text()
    assert bar.submit_button.isVisibleTo(space) and not bar.submit_button.isEnabled()
    assert "核实" in bar.submit_button.toolTip()
    # The author writes the explanation right there; the record may then go to review.
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("同一集团的两个法人，信用代码不同", True))
    [action] = bar.explain_menu.actions()
    action.trigger()
    assert bar.findings[0].explained and bar.submit_button.isEnabled()
    assert "同一集团的两个法人" in bar.findings_label.text()

    # Saving runs the rules again: a different name clears the finding.
    field = space.form.editors["name"].focus_widget()
    field.selectAll()
    type_text(qtbot, field, "台州海澄国际物流有限公司")
    assert space.form.save()
    qtbot.waitUntil(lambda: bar.findings == [], timeout=10000)
    assert bar.submit_button.isEnabled()
    bar.submit_button.click()
    assert review.status(db, "enterprise", twin["id"]).review_status == "submitted"
    assert space.form.is_read_only() and not bar.submit_button.isVisibleTo(space)
