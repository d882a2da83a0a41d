"""Excel from the window: export exactly the filtered rows, cancel an export, import through the preview dialog."""

from __future__ import annotations

import sqlite3
import threading
import zipfile

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QProgressDialog, QPushButton

from jjdesk.services.core.actor import Actor
from jjdesk.services.exports import view as listing_export
from jjdesk.services.families.codes import make_credit_code
from jjdesk.services.records import enterprises
from jjdesk.services.records.listing import ENTERPRISE_LISTING, ListQuery
from jjdesk.ui import workers
from jjdesk.ui.dialogs.import_dialog import STATISTICS
from jjdesk.ui.main_window import MainWindow
from tests.services.excel_helpers import seed_statistics, write_xlsx
from tests.ui.import_helpers import wait_checked

HEADER = ["企业名称", "统一社会信用代码", "企业类型", "产业集群", "入驻日期", "年出口额（万元）", "手机号码"]


def _row(n, **kw):
    values = {
        "name": f"台州界面导入有限公司{n}",
        "code": make_credit_code(f"{n:08d}"),
        "type": "外贸公司",
        "cluster": "家电",
        "join": "2021-03-01",
        "export": 289.84,
        "mobile": "13857600001",
    }
    values.update(kw)
    return [values[k] for k in ("name", "code", "type", "cluster", "join", "export", "mobile")]


def _count(db_path):
    with sqlite3.connect(db_path) as con:
        return con.execute("select count(*) from enterprise").fetchone()[0]


@pytest.fixture
def window(qtbot, db, demo_data):
    demo_data(db, generated=200)
    win = MainWindow(db, Actor("lihua", "entry"))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    qtbot.waitUntil(lambda: workers.running() == 0, timeout=20000)


@pytest.fixture
def save_to(monkeypatch):
    """Answer the save dialog with a path (and record what it proposed)."""
    asked = []

    def answer(path):
        def fake(parent, title, proposed, filters):
            asked.append(proposed)
            return str(path), filters

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
        return asked

    return answer


def _settle(qtbot, list_page):
    qtbot.waitUntil(lambda: list_page.model.is_idle() and not list_page.model.is_loading(), timeout=10000)


def _sheet_rows(path):
    """Header and data rows of an exported list sheet (between the 序号 header and the 合计 line)."""
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == "序号")
    data = []
    for r in rows[start + 1 :]:
        if r[0] is None or r[0] == "合计" or r[1] == "合计":
            break
        data.append(r)
    return rows[start], data


def _wait_ended(qtbot, runner):
    qtbot.waitUntil(lambda: runner.state in ("done", "cancelled", "failed"), timeout=20000)


# ---------------------------------------------------------------- export


def test_export_holds_exactly_the_filtered_sorted_rows_in_the_shown_column_order(qtbot, window, db, tmp_path, save_to):
    space = window.show_page("enterprises")
    page = space.list
    _settle(qtbot, page)
    page.filter_bar.search.setText("椒江区")
    page.filter_bar.combos["enterprise_type"].setCurrentIndex(
        page.filter_bar.combos["enterprise_type"].findData("生产企业")
    )
    page.table.sortByColumn(page.model.column_of("export_value"), Qt.SortOrder.DescendingOrder)
    header = page.table.horizontalHeader()
    header.moveSection(header.visualIndex(page.model.column_of("export_value")), 1)  # right after the name
    header.hideSection(page.model.column_of("mobile"))
    query = ListQuery(
        search="椒江区", filters={"enterprise_type": "生产企业"}, sort_key="export_value", descending=True
    )
    expected = ENTERPRISE_LISTING.fetch(db, query, 0, 10_000)
    assert 5 < len(expected) < 200  # the filters really narrow the list
    qtbot.waitUntil(
        lambda: page.model.query() == query and page.model.is_idle() and page.model.rowCount() == len(expected),
        timeout=10000,
    )

    target = tmp_path / "out" / "企业.xlsx"
    target.parent.mkdir()
    proposed = save_to(target)
    window.excel.export_rows.trigger()  # Ctrl+E routes to the current page
    runner = window.excel.runner
    _wait_ended(qtbot, runner)
    assert runner.state == "done"
    assert proposed[0].endswith(".xlsx") and ("平台入驻企业_" in proposed[0] or "Platform enterprises_" in proposed[0])

    head, rows = _sheet_rows(target)
    keys = page.shown_columns()
    assert keys[:2] == ["name", "export_value"] and "mobile" not in keys
    assert head[2] == "年出口额（万元）"  # the unit goes into the header
    specs = {c.key: c for c in ENTERPRISE_LISTING.columns}
    assert [h.split("（")[0] for h in head[1:]] == [listing_export.column_for(specs[k]).header for k in keys]
    assert len(rows) == len(expected)
    position = {k: ENTERPRISE_LISTING.keys.index(k) + 1 for k in keys}
    assert [r[1] for r in rows] == [e[position["name"]] for e in expected]
    assert [r[2] for r in rows] == [
        float(e[position["export_value"]]) if e[position["export_value"]] is not None else None for e in expected
    ]
    assert runner.button("Open File") is not None and runner.button("Open Folder") is not None


def test_success_offers_to_open_the_file_and_its_folder(qtbot, window, tmp_path, save_to, monkeypatch):
    opened = []
    monkeypatch.setattr("jjdesk.ui.export_runner.QDesktopServices.openUrl", lambda url: opened.append(url))
    window.show_page("statistics")
    target = tmp_path / "统计.xlsx"
    save_to(target)
    runner = window.excel.export_current()
    _wait_ended(qtbot, runner)
    assert runner.state == "done" and target.exists()
    assert openpyxl.load_workbook(target).sheetnames[0] == "统计数据"
    qtbot.mouseClick(runner.button("Open File"), Qt.MouseButton.LeftButton)
    assert opened[-1].toLocalFile() == str(target)
    window.show_page("statistics")
    runner = window.excel.export_current()
    _wait_ended(qtbot, runner)
    qtbot.mouseClick(runner.button("Open Folder"), Qt.MouseButton.LeftButton)
    assert opened[-1].toLocalFile() == str(tmp_path)


@pytest.mark.slow  # ~4 s: with no progress reported yet, QProgressDialog shows only after its default 4 s
def test_cancelling_an_export_leaves_no_file_at_the_target(qtbot, window, tmp_path, save_to, monkeypatch):
    """The rows are held back until Cancel was clicked, so the cancel always lands mid-export (no timing)."""
    clicked = threading.Event()
    real_rows = listing_export.listing_rows

    def held_rows(*args, **kwargs):
        for n, row in enumerate(real_rows(*args, **kwargs)):
            if n == 1:
                assert clicked.wait(20)
            yield row

    monkeypatch.setattr(listing_export, "listing_rows", held_rows)
    page = window.show_page("enterprises").list
    _settle(qtbot, page)
    target = tmp_path / "企业.xlsx"
    save_to(target)
    runner = window.excel.export_current()
    dialog = runner.dialog
    assert isinstance(dialog, QProgressDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=10000)
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.isVisible())
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    clicked.set()
    _wait_ended(qtbot, runner)
    assert runner.state == "cancelled"
    assert runner.message_box.text() == QCoreApplication.translate(
        "ExportRunner", "The export was cancelled; no file was written."
    )
    assert not target.exists()
    assert list(tmp_path.glob("*.xlsx")) == []  # nor the temporary file beside it


def test_meeting_pack_for_the_chosen_year(qtbot, window, db, db_path, tmp_path, save_to, monkeypatch):
    asked = []

    def choose(parent, title, label, items, current, editable):
        asked.append(list(items))
        return "2020", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    target = tmp_path / "会议.xlsx"
    proposed = save_to(target)
    runner = window.excel.export_meeting_pack()
    _wait_ended(qtbot, runner)
    assert runner.state == "done"
    assert "2020" in asked[0] and "2020" in proposed[0]
    wb = openpyxl.load_workbook(target)
    assert len(wb.sheetnames) >= 6
    assert any("2020" in str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value)
    with sqlite3.connect(db_path) as con:  # the pack's snapshot is kept under the officer who made it
        assert con.execute("select created_by from meeting_pack").fetchall() == [("lihua",)]


# ---------------------------------------------------------------- import


def test_importing_a_valid_file_through_the_window_shows_the_records(qtbot, window, db, db_path, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "企业.xlsx", [HEADER, _row(1), _row(2), _row(3, name="台州界面导入有限公司丙")])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    before = _count(db_path)
    page = window.show_page("enterprises").list
    window.actions_by_name["import_excel"].trigger()
    dlg = window.excel.import_dialog
    qtbot.mouseClick(dlg.choose_button, Qt.MouseButton.LeftButton)
    wait_checked(qtbot, dlg)
    assert dlg.state == "ready" and dlg.import_button.isEnabled()
    assert dlg.counts.text() == (
        QCoreApplication.translate("ImportDialog", "%1 rows · %2 new · %3 already registered · %4 problems")
        .replace("%1", "3")
        .replace("%2", "3")
        .replace("%3", "0")
        .replace("%4", "0")
    )
    assert _count(db_path) == before  # the preview writes nothing
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    wait_checked(qtbot, dlg)
    assert dlg.state == "imported" and dlg.result.created == 3
    assert _count(db_path) == before + 3
    # the table and the status bar show the new records without a manual refresh
    page.filter_bar.search.setText("界面导入")
    qtbot.waitUntil(lambda: page.model.is_idle() and page.model.rowCount() == 3, timeout=10000)
    counts = QCoreApplication.translate("MainWindow", "Enterprises %1 · Initiatives %2 · Figures %3")
    assert window.count_label.text() == counts.replace("%1", f"{before + 3:,}").replace("%2", "9").replace("%3", "10")


def test_one_bad_row_is_listed_and_nothing_can_be_imported(qtbot, import_dialog, db_path, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "坏.xlsx", [HEADER, _row(1), _row(2, code="91330000753954968X"), _row(3)])
    dlg = import_dialog()
    dlg.set_file(path)
    wait_checked(qtbot, dlg)
    assert dlg.state == "problems"
    assert not dlg.import_button.isEnabled()
    model = dlg.problems
    assert model.rowCount() == 1
    assert model.text(0, 0) == "3"
    assert model.text(0, 1) == "B（统一社会信用代码）"
    assert "校验码" in model.text(0, 2)
    assert dlg.problem_view.isVisible() and dlg.report_button.isEnabled()
    dlg.start_import()  # even asked directly, nothing happens
    assert dlg.state == "problems" and _count(db_path) == 0

    report = tmp_path / "报告.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(report), "")))
    runner = dlg.save_report()
    _wait_ended(qtbot, runner)
    ws = openpyxl.load_workbook(report).active
    assert ws["B3"].fill.fgColor.rgb.endswith("FFC7CE")
    assert "校验码" in str(ws.cell(3, len(HEADER) + 1).value)
    assert _count(db_path) == 0


def test_mapping_an_unrecognised_header_makes_the_preview_pass(qtbot, import_dialog, db, db_path, tmp_path):
    header = ["商户全称", "统一社会信用代码", "经营类型", "产业集群"]
    rows = [header] + [[f"台州映射测试有限公司{n}", make_credit_code(f"{n:08d}"), "外贸公司", "家电"] for n in (11, 12)]
    path = write_xlsx(tmp_path / "映射.xlsx", rows)
    dlg = import_dialog()
    dlg.set_file(path)
    wait_checked(qtbot, dlg)
    assert dlg.state == "refused"  # no 企业名称 column: the header is not even found
    assert "表头" in dlg.status.text()
    qtbot.waitUntil(dlg.map_button.isEnabled, timeout=10000)
    qtbot.mouseClick(dlg.map_button, Qt.MouseButton.LeftButton)
    mapper = dlg.mapping_dialog
    assert mapper is not None and mapper.isVisible()
    assert mapper.table.item(0, 0).text().startswith("A")
    assert "台州映射测试有限公司11" in mapper.table.item(0, 1).text()
    assert not mapper.ok_button.isEnabled()  # 企业名称 and 企业类型 have no column yet
    mapper.choose(0, "name")
    mapper.choose(2, "name")
    assert not mapper.ok_button.isEnabled() and "一个字段只能对应一列" in mapper.problem_label.text()
    mapper.choose(2, "enterprise_type")
    assert mapper.ok_button.isEnabled()
    qtbot.mouseClick(mapper.ok_button, Qt.MouseButton.LeftButton)
    wait_checked(qtbot, dlg)
    assert dlg.mapping == {0: "name", 1: "credit_code", 2: "enterprise_type", 3: "cluster"}
    assert dlg.state == "ready" and dlg.import_button.isEnabled()
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    wait_checked(qtbot, dlg)
    assert _count(db_path) == 2
    assert {e["name"] for e in enterprises.search(db, limit=10)} == {"台州映射测试有限公司11", "台州映射测试有限公司12"}


def test_mapping_dialog_from_a_found_header_keeps_the_recognised_columns(qtbot, import_dialog, tmp_path):
    path = write_xlsx(tmp_path / "多列.xlsx", [[*HEADER, "外贸业务员"], [*_row(1), "王五"]])
    dlg = import_dialog()
    dlg.set_file(path)
    wait_checked(qtbot, dlg)
    assert dlg.state == "ready"
    assert "外贸业务员" in dlg.notes.text()
    mapper = dlg.map_columns()
    assert mapper.combo_for(0).currentData() == "name"
    assert mapper.combo_for(len(HEADER)).currentData() is None  # the unknown column is 忽略
    mapper.choose(len(HEADER), "contact_name")
    mapper.accept()
    wait_checked(qtbot, dlg)
    assert dlg.mapping[len(HEADER)] == "contact_name" and dlg.state == "ready"
    assert dlg.preview.rows[0].values["contact_name"] == "王五"


@pytest.mark.parametrize("mode", ["update", "skip", "stop"])
def test_duplicates_update_skip_or_stop(qtbot, import_dialog, db, db_path, tmp_path, mode, enterprise_values):
    code = make_credit_code("00000001")
    enterprises.create(
        db,
        Actor("lihua", "entry"),
        enterprise_values(name="台州界面导入有限公司1", credit_code=code, export_value="1.00"),
    )
    path = write_xlsx(tmp_path / "重复.xlsx", [HEADER, _row(1, export=500), _row(2)])
    dlg = import_dialog()
    dlg.set_file(path)
    wait_checked(qtbot, dlg)
    assert dlg.state == "problems" and "已登记" in dlg.problems.text(0, 2)  # stop is the default
    assert "1 already registered" in dlg.counts.text() or "已登记" in dlg.counts.text()
    qtbot.mouseClick(dlg.duplicate_buttons[mode], Qt.MouseButton.LeftButton)
    if mode == "stop":
        assert not dlg.import_button.isEnabled()
        return
    assert dlg.state == "ready" and dlg.import_button.isEnabled()
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    wait_checked(qtbot, dlg)
    assert dlg.state == "imported" and dlg.result.created == 1
    assert _count(db_path) == 2
    existing = next(e for e in enterprises.search(db, limit=10) if e["credit_code"] == code)
    assert str(existing["export_value"]) == ("500" if mode == "update" else "1")
    assert (dlg.result.updated, dlg.result.skipped) == ((1, 0) if mode == "update" else (0, 1))


def test_unsafe_files_show_the_services_chinese_refusal(qtbot, import_dialog, db_path, tmp_path):
    macro = tmp_path / "宏.xlsm"
    macro.write_bytes(b"PK\x03\x04")
    dlg = import_dialog()
    dlg.set_file(macro)
    wait_checked(qtbot, dlg)
    assert dlg.state == "refused"
    assert "启用宏" in dlg.status.text() and "Traceback" not in dlg.status.text()
    assert not dlg.import_button.isEnabled()

    bomb = tmp_path / "炸弹.xlsx"
    good = write_xlsx(tmp_path / "好.xlsx", [HEADER, _row(1)])
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/media/padding.bin", b"\0" * (64 << 20))
    dlg.set_file(bomb)
    wait_checked(qtbot, dlg)
    assert dlg.state == "refused" and "压缩炸弹" in dlg.status.text()

    encrypted = tmp_path / "加密.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512)
    dlg.set_file(encrypted)
    wait_checked(qtbot, dlg)
    assert "加密" in dlg.status.text() and not dlg.map_button.isEnabled()
    assert _count(db_path) == 0


@pytest.mark.slow  # ~4 s: with no progress reported yet, QProgressDialog shows only after its default 4 s
def test_cancelling_the_preview_writes_nothing_and_says_so(qtbot, import_dialog, tmp_path, monkeypatch):
    from jjdesk.services.imports import enterprises as excel_import

    clicked = threading.Event()
    real = excel_import.read_sheets

    def held(*args, **kwargs):
        assert clicked.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(excel_import, "read_sheets", held)
    dlg = import_dialog()
    path = write_xlsx(tmp_path / "企业.xlsx", [HEADER, _row(1)])
    dlg.set_file(path)
    qtbot.waitUntil(lambda: dlg.busy is not None and dlg.busy.isVisible(), timeout=10000)
    qtbot.mouseClick(next(b for b in dlg.busy.findChildren(QPushButton) if b.isVisible()), Qt.MouseButton.LeftButton)
    clicked.set()
    wait_checked(qtbot, dlg)
    assert dlg.preview is None and not dlg.import_button.isEnabled()
    assert dlg.status.text() == QCoreApplication.translate(
        "ImportDialog", "Checking was cancelled; choose the file again to check it."
    )


def test_statistics_import_through_the_dialog(qtbot, import_dialog, db, tmp_path):
    seed_statistics(db, Actor("lihua", "entry"), figures=False)
    path = write_xlsx(
        tmp_path / "统计.xlsx",
        [
            ["年份", "指标", "单位", "数值", "增速(%)"],
            [2020, "外贸进出口总额", "亿元", 289.84, 5.2],
            [2020, "不存在的指标", "亿元", 1, 1],
        ],
    )
    dlg = import_dialog(STATISTICS)
    assert dlg.reason_box.isVisibleTo(dlg) and not dlg.duplicate_box.isVisibleTo(dlg)
    dlg.set_file(path)
    wait_checked(qtbot, dlg)
    assert dlg.state == "problems"
    assert dlg.problems.text(0, 0) == "3" and "不在指标目录" in dlg.problems.text(0, 2)
    ok = write_xlsx(
        tmp_path / "统计2.xlsx",
        [["年份", "指标", "单位", "数值", "增速(%)"], [2020, "外贸进出口总额", "亿元", 289.84, 5.2]],
    )
    dlg.set_file(ok)
    wait_checked(qtbot, dlg)
    assert dlg.state == "ready"
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    wait_checked(qtbot, dlg)
    assert dlg.state == "imported" and dlg.result.created == 1


def test_file_menu_holds_import_and_export_and_export_follows_the_page(qtbot, window):
    menu = window.excel_menu
    file_menu = window.menuBar().actions()[0].menu()
    assert menu.menuAction() in file_menu.actions()
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert names == ["action_import_excel", "action_export_rows", "action_export_initiatives", "action_meeting_pack"]
    assert window.excel.export_rows.shortcut().toString() == "Ctrl+E"
    assert window.excel.import_file.shortcut().toString() == "Ctrl+I"
    window.show_page("home")
    assert not window.excel.export_rows.isEnabled()
    for key in ("enterprises", "initiatives", "statistics"):
        window.show_page(key)
        assert window.excel.export_rows.isEnabled(), key


def test_initiatives_export_the_filtered_list_and_the_full_workbook(qtbot, window, db, tmp_path, save_to):
    from jjdesk.services.records.listing import INITIATIVE_LISTING

    page = window.show_page("initiatives").list
    _settle(qtbot, page)
    combo = page.filter_bar.combos["status"]
    status = next(
        combo.itemData(i)
        for i in range(1, combo.count())
        if INITIATIVE_LISTING.count(db, ListQuery(filters={"status": combo.itemData(i)})) > 0
    )
    combo.setCurrentIndex(combo.findData(status))
    expected = INITIATIVE_LISTING.fetch(db, ListQuery(filters={"status": status}), 0, 1000)
    qtbot.waitUntil(lambda: page.model.is_idle() and page.model.rowCount() == len(expected), timeout=10000)
    target = tmp_path / "举措.xlsx"
    save_to(target)
    runner = window.excel.export_current()
    _wait_ended(qtbot, runner)
    _head, rows = _sheet_rows(target)
    assert [r[1] for r in rows] == [e[1] for e in expected]
    assert len(expected) < INITIATIVE_LISTING.count(db, ListQuery())

    full = tmp_path / "举措全部.xlsx"
    save_to(full)
    runner = window.excel.export_all_initiatives()
    _wait_ended(qtbot, runner)
    assert openpyxl.load_workbook(full).sheetnames == ["工作举措", "里程碑", "目标指标"]


@pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent:DeprecationWarning")  # Qt 6 has no other one
def test_a_file_dropped_on_the_dialog_is_previewed(qtbot, import_dialog, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    path = write_xlsx(tmp_path / "拖入.xlsx", [HEADER, _row(1)])
    dlg = import_dialog()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    # Qt delivers drop events only inside a real drag; the handlers are called as that drag would call them.
    enter = QDragEnterEvent(
        QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    enter.setAccepted(False)
    dlg.dragEnterEvent(enter)
    assert enter.isAccepted()
    dlg.dropEvent(
        QDropEvent(
            QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
    )
    wait_checked(qtbot, dlg)
    assert dlg.path == path and dlg.state == "ready"


# ---------------------------------------------------------------- row 2 of the window's exports, 填报单位 setting


def test_list_export_row_2_names_unit_period_and_filter_and_the_unit_is_the_officers(qtbot, window, tmp_path, save_to):
    from datetime import date

    dialog = window.excel.open_export_settings()
    assert window.excel.export_settings in window.settings_menu.actions()
    dialog.unit_edit.clear()
    qtbot.keyClicks(dialog.unit_edit, "Jiaojiang task force")
    dialog.accept()
    page = window.show_page("enterprises").list
    _settle(qtbot, page)
    combo = page.filter_bar.combos["enterprise_type"]
    combo.setCurrentIndex(combo.findData("生产企业"))
    page.filter_bar.search.setText("椒江")
    qtbot.waitUntil(lambda: page.model.query().search == "椒江" and page.model.is_idle(), timeout=10000)
    target = tmp_path / "企业.xlsx"
    save_to(target)
    runner = window.excel.export_current()
    _wait_ended(qtbot, runner)
    line = openpyxl.load_workbook(target).worksheets[0]["A2"].value
    assert line.startswith("填报单位：Jiaojiang task force")
    assert f"报告期：截至{date.today():%Y年%m月%d日}" in line
    assert "筛选：企业类型=生产企业；搜索“椒江”" in line


def test_initiative_list_export_has_its_own_labels_milestones_and_indicators(qtbot, window, db, tmp_path, save_to):
    from jjdesk.services.records.listing import INITIATIVE_LISTING

    page = window.show_page("initiatives").list
    _settle(qtbot, page)
    target = tmp_path / "举措.xlsx"
    save_to(target)
    runner = window.excel.export_current()
    _wait_ended(qtbot, runner)
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["工作举措", "里程碑", "目标指标"]
    head, _rows = _sheet_rows(target)
    assert head[1] == "举措名称" and "企业名称" not in head
    line = wb["工作举措"]["A2"].value
    assert "报告期：截至" in line and line.startswith("填报单位：椒江区经科局")
    listed = {r[1] for r in INITIATIVE_LISTING.fetch(db, ListQuery(), 0, 1000)}
    milestones = [r for r in wb["里程碑"].iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert milestones and {r[1] for r in milestones} <= listed


def test_statistics_export_leaves_out_years_without_figures(qtbot, window, db, tmp_path, save_to, monkeypatch):
    from jjdesk.services.records import statistics

    page = window.show_page("statistics")
    have = sorted({y for r in statistics.year_grid(db) for y in r["values"]})
    page.add_year(max(have) + 2)
    assert max(page.model.years()) > max(have)
    target = tmp_path / "统计.xlsx"
    save_to(target)
    runner = window.excel.export_current()
    _wait_ended(qtbot, runner)
    ws = openpyxl.load_workbook(target)["统计数据"]
    years = [int(h[:4]) for h in (c.value for c in ws[3]) if h and h.endswith("年")]
    assert years == have
    assert f"报告期：{have[0]}—{have[-1]}年" in ws["A2"].value


def test_statistics_export_without_any_figures_is_refused_before_the_save_dialog(qtbot, db, tmp_path, save_to):
    win = MainWindow(db, Actor("lihua", "entry"))  # an empty ledger: no figures at all
    qtbot.addWidget(win)
    win.show_page("statistics")
    asked = save_to(tmp_path / "空.xlsx")
    assert win.excel.export_current() is None and asked == []
    shown = win.current_page().model.years()
    assert win.excel.message_box.text() == f"{shown[0]}年没有统计数据，未导出文件。数据库中还没有任何统计数据。"
    assert not (tmp_path / "空.xlsx").exists()
