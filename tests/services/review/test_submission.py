"""Submission (上报): refused while errors or unexplained warnings remain; a frozen, hashed snapshot otherwise."""

import sqlite3

import pytest
from openpyxl import load_workbook

from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import PermissionDenied
from jjdesk.services.families.codes import make_credit_code
from jjdesk.services.records import code_exceptions, enterprises, statistics
from jjdesk.services.review import checks, explanations, workflow
from jjdesk.services.review import submission as sub

CHIEF = Actor("zhaomin", "reviewer")
ADMIN = Actor("admin", "admin")


@pytest.fixture
def approved_2020(db, clerk, reviewer, demo_data):
    """The article's figures, with the 2020 year submitted by the clerk and approved by a reviewer."""
    demo_data(db, generated=0)
    year = {y["year"]: y["id"] for y in statistics.years(db)}[2020]
    workflow.submit(db, clerk, [("stat_year", year)])
    workflow.approve(db, reviewer, [("stat_year", year)])
    return year


def test_submission_is_refused_with_an_unexplained_warning_then_allowed(db, tmp_path, clerk, approved_2020):
    # 2019 is entered after 2020 was approved: 生产企业出口额's reported growth no longer matches the values.
    for code, value in {"WM": "275.52", "WM.CK.SCQY": "150.00"}.items():
        statistics.set_value(db, clerk, code, 2019, {"value": value})
    out = tmp_path / "2020年上报.xlsx"
    with pytest.raises(sub.SubmissionRefused) as info:
        sub.submit(db, CHIEF, 2020, out, scope="statistics")
    assert info.value.problems == [
        "核实性问题未说明（STAT-02）2020年 生产企业出口额：2020年生产企业出口额填报增速 3.9%，按2019年 150亿元 推算为 "
        "7.6%，相差 3.7 个百分点（官方增速按可比口径计算，可能不同，请核实）"
    ]
    assert not out.exists() and sub.list_submissions(db) == []
    [f] = checks.run_checks(db, 2020, "statistics").findings
    explanations.explain(db, clerk, f.rule, f.entity, f.id, f.field, "官方增速按可比口径计算")
    info = sub.submit(
        db, CHIEF, 2020, out, scope="statistics", note="报送市统计局", reporting_unit="椒江区数字经济专班"
    )
    assert out.exists() and info.record_count == 1 and len(info.content_hash) == 64
    wb = load_workbook(out)
    assert wb.sheetnames == ["上报说明", "2020年统计", "核实说明"]
    cover = {r[0]: r[1] for r in wb["上报说明"].iter_rows(values_only=True)}
    assert cover["内容哈希（SHA-256）"] == info.content_hash and cover["上报人"] == "zhaomin"
    assert cover["填报单位"] == "椒江区数字经济专班"
    rows = list(wb["2020年统计"].iter_rows(values_only=True))
    assert rows[1][:6] == ("WM", "外贸进出口总额", "亿元", 289.84, 5.2, "初步核算")
    assert list(wb["核实说明"].iter_rows(values_only=True))[1][4] == "官方增速按可比口径计算"
    [listed] = sub.list_submissions(db)
    assert (listed.year, listed.submitted_by, listed.content_hash, listed.workbook) == (
        2020,
        "zhaomin",
        info.content_hash,
        out.name,
    )
    assert sub.snapshot_intact(db, info.id) and sub.compare(db, info.id) == []
    created = audit.history(db, "submission", info.id)[0]
    assert info.content_hash in created.new and created.user_name == "zhaomin"
    with pytest.raises(ValueError, match="已存在"):
        sub.submit(db, CHIEF, 2020, out, scope="statistics")


def test_submission_is_refused_with_a_forced_error(db, tmp_path, clerk, reviewer, enterprise_values):
    good = make_credit_code("20150001")
    early = good[:-1] + ("0" if good[-1] != "0" else "1")
    code_exceptions.register(db, ADMIN, early, "早期发放的代码")
    e = enterprises.create(db, clerk, enterprise_values(credit_code=early, join_date="2020-06-01"))
    workflow.submit(db, clerk, [("enterprise", e["id"])])
    workflow.approve(db, reviewer, [("enterprise", e["id"])])
    code_exceptions.revoke(db, ADMIN, early, "复核：该代码不在例外名单")  # the approved record now fails ENT-01
    with pytest.raises(sub.SubmissionRefused, match="暂不能上报") as info:
        sub.submit(db, CHIEF, 2020, tmp_path / "x.xlsx", scope="enterprises")
    assert len(info.value.problems) == 1 and info.value.problems[0].startswith("强制性错误（ENT-01）")
    assert not (tmp_path / "x.xlsx").exists()


def test_unreviewed_records_and_roles_are_refused(db, tmp_path, clerk, enterprise_values, demo_data):
    demo_data(db, generated=0)
    enterprises.create(db, clerk, enterprise_values(join_date="2020-06-01"))
    with pytest.raises(PermissionDenied):
        sub.submit(db, clerk, 2020, tmp_path / "x.xlsx")
    with pytest.raises(sub.SubmissionRefused) as info:
        sub.submit(db, CHIEF, 2020, tmp_path / "x.xlsx")
    assert "年度统计“2020年统计”尚未审核通过（当前为“草稿”）" in info.value.problems
    assert any(p.startswith("平台企业“台州测试进出口有限公司") for p in info.value.problems)
    with pytest.raises(sub.SubmissionRefused, match="2019年统计尚未录入"):
        sub.submit(db, CHIEF, 2019, tmp_path / "x.xlsx", scope="statistics")
    with pytest.raises(ValueError, match=r"\.xlsx"):
        sub.submit(db, CHIEF, 2020, tmp_path / "x.csv")


def test_submitted_vs_now_shows_every_difference(db, db_path, tmp_path, clerk, reviewer, approved_2020):
    info = sub.submit(db, CHIEF, 2020, tmp_path / "a.xlsx", scope="statistics")
    workflow.reopen(db, reviewer, [("stat_year", approved_2020)], "最终核实数下达")
    statistics.set_value(db, clerk, "WM", 2020, {"value": "290.12", "basis": "最终核实"}, reason="最终核实")
    diffs = sub.compare(db, info.id)
    assert [(d.kind, d.label, d.field_label, d.submitted, d.now) for d in diffs] == [
        ("修改", "2020年统计", "外贸进出口总额·数据性质", "初步核算", "最终核实"),
        ("修改", "2020年统计", "外贸进出口总额·数值", "289.84", "290.12"),
    ]
    con = sqlite3.connect(db_path)
    con.execute("update submission_record set content = replace(content, '289.84', '289.85')")
    con.commit()
    assert not sub.snapshot_intact(db, info.id)
