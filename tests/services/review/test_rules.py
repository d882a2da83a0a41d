"""The review rules: each built-in rule fires where it should and nowhere else; explanations follow the values."""

import sqlite3
from datetime import date

import pytest

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import NotFound, PermissionDenied, ValidationFailed
from jjdesk.services.families.codes import make_credit_code
from jjdesk.services.records import code_exceptions, enterprises, initiatives, statistics
from jjdesk.services.review import checks, explanations
from jjdesk.services.review.rules import SEVERITIES
from jjdesk.services.review.rules_builtin import RULES, name_key

ADMIN = Actor("admin", "admin")
# 2019 figures chosen so that the implied growth matches the bulletin's reported growth for three indicators
# (5.2, 10.7, 7.8) and does not for 生产企业出口额 (161.45 / 150.00 → 7.6%, reported 3.9%).
FIGURES_2019 = {"WM": "275.52", "WM.CK.WMGS": "64.03", "WM.CK.SZ": "33.74", "WM.CK.SCQY": "150.00"}


def _rules(report_or_findings, rule=None):
    findings = getattr(report_or_findings, "findings", report_or_findings)
    return [(f.rule, f.label) for f in findings if rule is None or f.rule == rule]


@pytest.fixture
def article(db, demo_data):
    """The article's catalogue and 2020/2021 figures (no generated enterprises)."""
    demo_data(db, generated=0)
    return db


def test_every_rule_is_declared_as_data():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) == 15
    for r in RULES:
        assert r.severity in SEVERITIES and r.scope in ("enterprise", "initiative", "stat_year")
        assert r.title and "{" in r.template and callable(r.check)
    listed = {r["id"]: r["severity"] for r in checks.rule_list()}
    assert listed["ENT-01"] == "强制" and listed["STAT-02"] == "核实" and listed["INI-04"] == "提示"


def test_the_article_figures_alone_raise_no_statistics_finding(article):
    # 2021: 18.98 + 280.74 + 452.43 = 752.15 against GDP 752.14 — within the rounding of three parts.
    assert checks.run_checks(article, scope="statistics").findings == ()


def test_growth_rule_with_the_article_2020_figures_and_a_2019_year(article, clerk):
    for code, value in FIGURES_2019.items():
        statistics.set_value(article, clerk, code, 2019, {"value": value})
    report = checks.run_checks(article, 2020, "statistics")
    assert _rules(report) == [("STAT-02", "2020年 生产企业出口额")]
    [f] = report.findings
    assert f.severity == "核实" and f.field == "growth" and not f.explained and f.blocking
    assert "填报增速 3.9%" in f.message and "推算为 7.6%" in f.message and "150亿元" in f.message
    # 2019 itself has no 2018 to compare with, and 2021 no 2020 GDP: nothing else fires anywhere.
    assert _rules(checks.run_checks(article, scope="statistics")) == [("STAT-02", "2020年 生产企业出口额")]


def test_sum_of_parts_allows_rounding_only(article, clerk):
    statistics.set_value(article, clerk, "WM.CK", 2020, {"value": "268.73"})  # parts 268.70, 3 × 0.01 allowed
    assert _rules(checks.run_checks(article, 2020), "STAT-01") == []
    statistics.set_value(article, clerk, "WM.CK", 2020, {"value": "268.74"})
    [f] = [f for f in checks.run_checks(article, 2020).findings if f.rule == "STAT-01"]
    assert f.severity == "强制" and f.label == "2020年 出口总额"
    assert "268.74亿元" in f.message and "合计 268.7亿元" in f.message and "±0.03" in f.message
    assert "外贸公司出口额70.88" in f.message
    # 按贸易方式 has no figures at all: an incomplete group is not compared.
    assert len(checks.run_checks(article, 2020).findings) == 1


def test_change_over_thirty_percent_and_magnitude(article, clerk):
    statistics.set_value(article, clerk, "WM.QYS", 2019, {"value": "200"})
    statistics.set_value(article, clerk, "WM.QYS", 2020, {"value": "270"})  # +35% by the values
    statistics.set_value(article, clerk, "WM", 2019, {"value": "2755200"})  # entered in 万元
    report = checks.run_checks(article, 2020, "statistics")
    found = {(f.rule, f.label): f for f in report.findings}
    assert (
        found[("STAT-03", "2020年 外贸实绩企业数")].message
        == "2020年外贸实绩企业数比上年增长35%（按上年数值推算），变动超过30%"
    )
    magnitude = found[("STAT-04", "2020年 外贸进出口总额")]
    assert magnitude.severity == "强制" and "约9506分之一" in magnitude.message
    assert "疑似万元与亿元混淆" in magnitude.message
    assert ("STAT-03", "2020年 外贸进出口总额") not in found  # reported growth 5.2% is what counts when given
    assert ("STAT-02", "2020年 外贸进出口总额") in found


def test_credit_code_check_and_an_administrators_exception(db, clerk, enterprise_values):
    good = make_credit_code("75395496")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationFailed, match="第18位校验码错误"):
        enterprises.create(db, clerk, enterprise_values(credit_code=bad))
    with pytest.raises(PermissionDenied):
        code_exceptions.register(db, clerk, bad, "早期发放")
    with pytest.raises(ValidationFailed, match="原因：不能为空"):
        code_exceptions.register(db, ADMIN, bad, " ")
    with pytest.raises(ValidationFailed, match="无须登记为例外"):
        code_exceptions.register(db, ADMIN, good, "误登记")
    code_exceptions.register(db, ADMIN, bad.lower(), "2015年前发放的代码，经市场监管局核实合法")
    e = enterprises.create(db, clerk, enterprise_values(credit_code=bad))
    assert _rules(checks.check_record(db, "enterprise", e["id"])) == []
    assert code_exceptions.list_all(db)[0].problem.startswith("统一社会信用代码第18位校验码错误")
    code_exceptions.revoke(db, ADMIN, bad, "复核后撤销")
    [f] = checks.check_record(db, "enterprise", e["id"])
    assert (f.rule, f.severity, f.field) == ("ENT-01", "强制", "credit_code") and bad in f.message
    with pytest.raises(NotFound):
        code_exceptions.revoke(db, ADMIN, bad, "再次撤销")


def test_duplicate_codes_and_near_duplicate_names(db, db_path, clerk, enterprise_values):
    a = enterprises.create(db, clerk, enterprise_values(name="台州市海澄进出口有限公司"))
    b = enterprises.create(db, clerk, enterprise_values(name="浙江海澄进出口有限公司"))
    enterprises.create(db, clerk, enterprise_values(name="台州海澄光电有限公司"))
    assert name_key("台州市 海澄进出口（有限）公司") == name_key("浙江海澄进出口有限公司") == "海澄进出口"
    report = checks.run_checks(db)
    assert _rules(report) == [("ENT-03", "浙江海澄进出口有限公司")]  # the later registration is flagged
    assert f"编号{a['id']}" in report.findings[0].message
    # A copy with a stray space slips past the unique index on a raw import path; the check still sees it.
    con = sqlite3.connect(db_path)
    con.execute(
        "insert into enterprise (name, credit_code, enterprise_type, review_status, created_by, updated_by,"
        " version, is_listed, notes, is_demo)"
        " values ('导入公司', ?, '外贸公司', 'draft', 'x', 'x', 1, 0, '', 0)",
        (b["credit_code"] + " ",),
    )
    con.commit()
    dup = [f for f in checks.run_checks(db).findings if f.rule == "ENT-02"]
    assert [(f.label, f.severity) for f in dup] == [("导入公司", "强制")] and "浙江海澄进出口有限公司" in dup[0].message


def test_join_date_before_the_platform_and_stored_formats(db, db_path, clerk, enterprise_values):
    e = enterprises.create(db, clerk, enterprise_values(join_date="2020-04-30"))
    [f] = checks.check_record(db, "enterprise", e["id"])
    assert (f.rule, f.severity) == ("ENT-05", "核实")
    assert f.message == "入驻日期 2020-04-30 早于外综服平台开通时间（2020年5月）"
    con = sqlite3.connect(db_path)
    con.execute("update enterprise set mobile = '1385760000', join_date = '2020-05-18' where id = ?", (e["id"],))
    con.commit()
    [f] = checks.check_record(db, "enterprise", e["id"])
    assert (f.rule, f.severity, f.field) == ("ENT-04", "强制", "mobile")
    assert "手机号码“1385760000”格式不正确" in f.message


def test_initiative_rules(db, clerk):
    ini = initiatives.create(
        db,
        clerk,
        {
            "name": "工业技术改造",
            "category": "技术改造",
            "status": "推进中",
            "start_date": "2021-01-01",
            "due_date": "2021-06-30",
        },
        milestones=[
            {"due_date": "2021-03-01", "text": "完成项目摸排", "done": True, "done_date": "2021-03-01"},
            {"due_date": "2021-07-15", "text": "完成验收"},
        ],
        indicators=[
            {"name": "推广应用工业机器人", "unit": "台", "target": "350", "actual": "300"},
            {"name": "技改项目", "unit": "个", "target": "110", "actual": "110"},
        ],
    )
    findings = checks.check_record(db, "initiative", ini["id"], today=date(2021, 8, 1))
    got = {(f.rule, f.severity, f.field): f.message for f in findings}
    assert got == {
        (
            "INI-01",
            "核实",
            "milestones:2",
        ): "里程碑“完成验收”的日期 2021-07-15 不在举措期限（2021-01-01 至 2021-06-30）之内",
        ("INI-02", "提示", "milestones:2"): "里程碑“完成验收”应于 2021-07-15 完成，已逾期17天",
        ("INI-03", "提示", "due_date"): "完成时限 2021-06-30 已过，进展状态仍为“推进中”",
        ("INI-04", "提示", "indicators:1"): "指标“推广应用工业机器人”完成 300台，低于目标 350台",
    }
    assert checks.run_checks(db, 2020, today=date(2021, 8, 1)).findings == ()  # not active in 2020


def test_an_explanation_holds_for_the_values_it_explains(article, clerk):
    for code, value in FIGURES_2019.items():
        statistics.set_value(article, clerk, code, 2019, {"value": value})
    [f] = checks.run_checks(article, 2020).findings
    with pytest.raises(ValidationFailed, match="说明：不能为空"):
        explanations.explain(article, clerk, f.rule, f.entity, f.id, f.field, "")
    done = explanations.explain(article, clerk, f.rule, f.entity, f.id, f.field, "可比口径下增长3.9%，统计局已确认")
    assert done.explained and not done.blocking
    [again] = checks.run_checks(article, 2020).findings
    assert again.explanation == "可比口径下增长3.9%，统计局已确认" and again.explained_by == "lihua"
    year_id = {y["year"]: y["id"] for y in statistics.years(article)}[2020]
    stored = explanations.for_record(article, "stat_year", year_id)
    assert [x.text for x in stored] == ["可比口径下增长3.9%，统计局已确认"]
    statistics.set_value(article, clerk, "WM.CK.SCQY", 2019, {"value": "149.00"})  # the value explained changed
    [stale] = checks.run_checks(article, 2020).findings
    assert not stale.explained and stale.blocking and "按2019年 149亿元" in stale.message
    with pytest.raises(NotFound, match="当前没有需要说明的问题"):
        explanations.explain(article, clerk, "STAT-03", f.entity, f.id, f.field, "无此问题")


def test_forced_findings_cannot_be_explained_and_the_report_reads_well(article, clerk):
    statistics.set_value(article, clerk, "WM.CK", 2020, {"value": "300"})
    [f] = checks.run_checks(article, 2020).findings
    with pytest.raises(ValidationFailed, match="强制性问题不能用说明放行"):
        explanations.explain(article, clerk, f.rule, f.entity, f.id, f.field, "就是这样")
    report = checks.run_checks(article, 2020)
    text = checks.format_report(report)
    assert text.startswith("审核报告（2020年，全部）") and "强制性错误 1 条" in text and "[强制] STAT-01" in text
    assert report.counts == {"强制": 1, "核实": 0, "提示": 0, "未说明": 0} and report.has_errors
    data = report.as_json()
    assert set(data["findings"][0]) >= {"rule", "severity", "entity", "id", "label", "field", "message", "explained"}
