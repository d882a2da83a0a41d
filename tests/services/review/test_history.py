"""A record's 修改记录: local times, Chinese action and field labels, old → new, reasons."""

import pytest

from jjdesk.services.core.actor import Actor
from jjdesk.services.records import enterprises, statistics
from jjdesk.services.review import explanations, history, workflow


def test_enterprise_history_reads_in_the_officers_words(db, clerk, reviewer, enterprise_values):
    e = enterprises.create(db, clerk, enterprise_values(name="台州海澄进出口有限公司"))
    enterprises.update(
        db, clerk, e["id"], {"export_value": "300.1", "services": "通关"}, expected_version=1, reason="年报更正"
    )
    workflow.submit(db, clerk, [("enterprise", e["id"])])
    workflow.send_back(db, reviewer, [("enterprise", e["id"])], "请补充海关编码")
    rows = history.record_history(db, "enterprise", e["id"])
    assert [r.action_label for r in rows] == ["新增", "修改", "修改", "状态变更", "状态变更"]
    assert rows[0].new.startswith("企业名称：台州海澄进出口有限公司；统一社会信用代码：")
    changes = {r.field_label: (r.old, r.new, r.reason) for r in rows[1:3]}
    assert changes == {"年出口额": ("289.84", "300.1", "年报更正"), "使用服务": ("通关、退税", "通关", "年报更正")}
    assert [(r.field_label, r.old, r.new, r.reason, r.user) for r in rows[3:]] == [
        ("审核状态", "草稿", "待审核", "", "lihua"),
        ("审核状态", "待审核", "已退回", "请补充海关编码", "wangjun"),
    ]
    assert rows[0].at.tzinfo is not None and rows[0].at.utcoffset() == rows[0].at.astimezone().utcoffset()
    assert len(rows[0].at_text) == 19


def test_year_history_includes_its_figures_and_explanations(db, clerk):
    statistics.add_indicator(db, clerk, {"code": "WM", "name": "外贸进出口总额", "unit": "亿元"})
    statistics.set_value(db, clerk, "WM", 2020, {"value": "289.84", "growth": "45"})
    statistics.set_value(db, clerk, "WM", 2020, {"basis": "最终核实"})
    value_id = statistics.get_value(db, "WM", 2020)["id"]
    explanations.explain(db, Actor("lihua", "entry"), "STAT-03", "stat_value", value_id, "growth", "新口径")
    year_id = statistics.years(db)[0]["id"]
    rows = history.record_history(db, "stat_year", year_id)
    assert [(r.record, r.action_label, r.field_label) for r in rows] == [
        ("2020年统计", "新增", ""),
        ("2020年 外贸进出口总额", "新增", ""),
        ("2020年 外贸进出口总额", "修改", "数据性质"),
        ("2020年 外贸进出口总额·增速(%)", "新增", "核实说明（STAT-03）"),
    ]
    assert (rows[2].old, rows[2].new) == ("初步核算", "最终核实")
    with pytest.raises(ValueError):
        history.record_history(db, "nothing", 1)
