"""Initiatives with their sub-tables saved as one unit, validated and audited."""

from datetime import date
from decimal import Decimal

import pytest

from jjdesk.services.core import audit
from jjdesk.services.core.errors import ConflictError, ValidationFailed
from jjdesk.services.records import enterprises, initiatives

BASE = {
    "name": "椒江区数字经济系统建设方案",
    "category": "产业大脑",
    "status": "推进中",
    "lead_department": "数字经济系统建设专班",
    "start_date": "2021-02-19",
    "funds": "340",
}
MILESTONES = [
    {"due_date": "2021-02-19", "text": "组建专门起草小组", "done": True, "done_date": "2021-02-19"},
    {"due_date": "2021-02-26", "text": "形成初步方案", "done": "是", "done_date": "2021/2/26"},
    {"due_date": "2021-03-29", "text": "全区发展改革委员会会议审议通过"},
]


def test_create_with_children_round_trips(db, clerk, enterprise_values):
    jack = enterprises.create(db, clerk, enterprise_values(name="杰克科技股份有限公司"))
    ini = initiatives.create(
        db,
        clerk,
        BASE,
        MILESTONES,
        indicators=[{"name": "工业机器人", "unit": "台", "target": "350", "actual": "350"}],
        links=[{"enterprise_id": jack["id"], "role": "推荐"}],
    )
    got = initiatives.get(db, ini["id"])
    assert got["funds"] == Decimal("340") and got["start_date"] == date(2021, 2, 19)
    assert [m["text"] for m in got["milestones"]] == [m["text"] for m in MILESTONES]
    assert got["milestones"][1]["done"] is True and got["milestones"][1]["done_date"] == date(2021, 2, 26)
    assert got["indicators"][0]["target"] == Decimal("350")
    assert got["links"] == [
        {"enterprise_id": jack["id"], "enterprise_name": "杰克科技股份有限公司", "role": "推荐", "note": ""}
    ]


def test_due_before_start_and_child_errors_are_reported_with_rows(db, clerk):
    with pytest.raises(ValidationFailed, match="早于开始日期 2021-02-19"):
        initiatives.create(db, clerk, {**BASE, "due_date": "2021-01-01"})
    bad = [dict(MILESTONES[0]), {"text": "", "due_date": "2021-13-01"}, {"text": "x", "done_date": "2021-03-01"}]
    with pytest.raises(ValidationFailed) as info:
        initiatives.create(db, clerk, BASE, bad, links=[{"enterprise_id": 999, "role": "推荐"}])
    text = str(info.value)
    assert "第2行 里程碑·节点内容：不能为空" in text
    assert "第2行 里程碑·节点日期" in text
    assert "第3行 里程碑·已完成：填写了完成日期，但未标记为已完成" in text
    assert "企业编号 999 不存在" in text
    # Each row error names its sub-table as data, so the form puts it in the right table without reading labels.
    assert {(e.table, e.row, e.field) for e in info.value.errors} == {
        ("里程碑", 2, "text"),
        ("里程碑", 2, "due_date"),
        ("里程碑", 3, "done"),
        ("关联企业", 1, "enterprise_id"),
    }
    with pytest.raises(ValidationFailed, match="早于举措开始日期") as early:
        initiatives.create(db, clerk, BASE, [{"text": "提前节点", "due_date": "2021-01-01"}])
    assert [(e.table, e.row) for e in early.value.errors] == [("里程碑", 1)]
    with pytest.raises(ValidationFailed) as own:
        initiatives.create(db, clerk, {**BASE, "due_date": "2021-01-01"})
    assert [e.table for e in own.value.errors] == [None]  # the record's own field
    assert initiatives.list_all(db) == []


def test_update_replaces_children_and_audits_readable_lines(db, clerk):
    ini = initiatives.create(db, clerk, BASE, MILESTONES)
    done = [dict(m) for m in MILESTONES]
    done[2].update(done=True, done_date="2021-03-29")
    after = initiatives.update(db, clerk, ini["id"], {"status": "已完成"}, expected_version=1, milestones=done)
    assert after["version"] == 2 and after["milestones"][2]["done"] is True
    entry = {h.field: h for h in audit.history(db, "initiative", ini["id"])}
    assert entry["status"].old == "推进中" and entry["status"].new == "已完成"
    assert "2021-03-29｜全区发展改革委员会会议审议通过｜未完成" in entry["milestones"].old
    assert "2021-03-29｜全区发展改革委员会会议审议通过｜已完成2021-03-29" in entry["milestones"].new
    # children untouched when not given
    again = initiatives.update(db, clerk, ini["id"], {"owner": "专班联络员"}, expected_version=2)
    assert len(again["milestones"]) == 3 and again["version"] == 3
    with pytest.raises(ConflictError):
        initiatives.update(db, clerk, ini["id"], {"owner": "x"}, expected_version=2)


def test_delete_removes_children(db, db_path, clerk):
    import sqlite3

    ini = initiatives.create(db, clerk, BASE, MILESTONES)
    initiatives.delete(db, clerk, ini["id"], expected_version=1, reason="合并到其他举措")
    con = sqlite3.connect(db_path)
    assert con.execute("select count(*) from milestone").fetchone()[0] == 0
    assert audit.history(db, "initiative", ini["id"])[-1].action == "delete"
