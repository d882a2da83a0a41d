"""The import dialog on the QA pass's cases (issue 5): review-rule warnings that do not block, a final figure's
reason pointed at the reason box, a header-only file refused."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jjdesk.services.core.actor import Actor
from jjdesk.services.records import statistics
from jjdesk.ui import workers
from jjdesk.ui.dialogs.import_dialog import ENTERPRISES, STATISTICS
from jjdesk.ui.dialogs.import_panels import WARNING_COLOUR
from tests.services.excel_helpers import seed_statistics, write_xlsx
from tests.ui.import_helpers import wait_checked

LONG_HEADER = ["年份", "指标", "单位", "数值", "增速(%)"]


def test_review_rule_findings_are_listed_and_the_import_stays_possible(qtbot, import_dialog, db, tmp_path):
    seed_statistics(db, Actor("lihua", "entry"))
    path = write_xlsx(
        tmp_path / "统计.xlsx",
        [LONG_HEADER, [2021, "外贸公司出口额", "亿元", 75.2, 6.1], [2021, "生产企业出口额", "亿元", 1614500, 3.0]],
    )
    dlg = import_dialog(STATISTICS)
    dlg.set_file(path)
    wait_checked(qtbot, dlg)
    assert dlg.state == "ready" and dlg.import_button.isEnabled()
    assert dlg.problem_view.isVisibleTo(dlg)
    rows = [
        (dlg.problems.text(r, 0), dlg.problems.text(r, 1), dlg.problems.text(r, 2))
        for r in range(dlg.problems.rowCount())
    ]
    assert ("3", "D（数值）") in [r[:2] for r in rows if "STAT-04" in r[2]]
    assert all(r[2].startswith("审核提示（") for r in rows)
    shade = dlg.problems.index(0, 2).data(Qt.ItemDataRole.BackgroundRole)  # warnings stand apart from errors
    assert shade is not None and shade.color().name() == WARNING_COLOUR
    assert "审核提示" in dlg.status.text()
    dlg.grab().save(str(tmp_path / "warnings.png"))
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    wait_checked(qtbot, dlg)
    assert dlg.state == "imported" and dlg.result.created == 2 and len(dlg.result.warnings) == len(rows)
    assert statistics.get_value(db, "WM.CK.SCQY", 2021) is not None


def test_a_final_figure_points_at_the_reason_box_and_names_its_column(qtbot, import_dialog, db, tmp_path):
    actor = Actor("lihua", "entry")
    seed_statistics(db, actor, figures=False)
    statistics.set_value(db, actor, "WM", 2020, {"value": "289.84", "growth": "5.2", "basis": "final"})
    path = tmp_path / "rev.csv"
    path.write_text("年份,指标,单位,数值,增速(%)\n2020,外贸进出口总额,亿元,290.01,5.3\n", encoding="utf-8")
    dlg = import_dialog(STATISTICS)
    dlg.set_file(path)
    wait_checked(qtbot, dlg)
    assert dlg.state == "problems" and dlg.problems.rowCount() == 1
    assert dlg.problems.text(0, 1) == "D（数值）"
    assert dlg.problems.index(0, 2).data(Qt.ItemDataRole.BackgroundRole) is None  # an error: not shaded
    message = dlg.problems.text(0, 2)
    assert "--reason" not in message and "最终核实数" in message
    assert "Reason for changing final figures" in message or "修改最终核实数的原因" in message
    status = dlg.status.text()
    assert ("box above" in status or "上方" in status) and "error report" not in status and "错误报告" not in status
    dlg.reason_edit.setText("统计局修订")
    dlg.reason_edit.editingFinished.emit()
    wait_checked(qtbot, dlg)
    assert dlg.state == "ready" and dlg.import_button.isEnabled()


def test_a_header_only_file_is_refused_without_offering_a_mapping(qtbot, import_dialog, tmp_path):
    path = write_xlsx(tmp_path / "空.xlsx", [["企业名称", "统一社会信用代码", "企业类型"]])
    dlg = import_dialog(ENTERPRISES)
    dlg.set_file(path)
    wait_checked(qtbot, dlg)
    qtbot.waitUntil(lambda: workers.running() == 0, timeout=20000)
    assert dlg.state == "refused" and "文件中没有可导入的数据行" in dlg.status.text()
    assert not dlg.map_button.isEnabled() and not dlg.import_button.isEnabled()
