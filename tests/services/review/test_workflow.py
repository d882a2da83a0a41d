"""The review workflow on a real database file: transitions, four eyes, locks, returns, bulk all-or-nothing."""

import sqlite3

import pytest

from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import LockedRecord, PermissionDenied
from jjdesk.services.records import enterprises, statistics
from jjdesk.services.review import explanations
from jjdesk.services.review import workflow as review

E = "enterprise"


@pytest.fixture
def reviewer2():
    return Actor("zhaomin", "reviewer")


@pytest.fixture
def catalogue(db, clerk):
    for i, (code, name, parent, group) in enumerate(
        (
            ("WM.CK", "出口总额", None, ""),
            ("WM.CK.A", "外贸公司出口额", "WM.CK", "按企业类型"),
            ("WM.CK.B", "生产企业出口额", "WM.CK", "按企业类型"),
        )
    ):
        statistics.add_indicator(
            db, clerk, {"code": code, "name": name, "unit": "亿元", "parent_code": parent, "sum_group": group, "seq": i}
        )


def _year_id(db, year):
    return {y["year"]: y["id"] for y in statistics.years(db)}[year]


def test_submit_and_approve_lock_the_record_bump_versions_and_audit(db, clerk, reviewer, enterprise_values):
    e = enterprises.create(db, clerk, enterprise_values())
    [item] = review.submit(db, clerk, [(E, e["id"])])
    assert (item.review_status, item.status_label, item.version, item.submitted_by) == (
        "submitted",
        "待审核",
        2,
        "lihua",
    )
    with pytest.raises(LockedRecord, match="待审核"):
        enterprises.update(db, clerk, e["id"], {"notes": "补充"}, expected_version=2)
    [item] = review.approve(db, reviewer, [(E, e["id"])])
    assert (item.review_status, item.version, item.reviewed_by) == ("approved", 3, "wangjun")
    got = enterprises.get(db, e["id"])
    assert got["review_status"] == "approved" and got["updated_by"] == "lihua"  # a status change is not an edit
    status = [h for h in audit.history(db, E, e["id"]) if h.action == audit.STATUS]
    assert [(h.user_name, h.field, h.old, h.new) for h in status] == [
        ("lihua", "review_status", "draft", "submitted"),
        ("wangjun", "review_status", "submitted", "approved"),
    ]
    assert audit.verify_chain(db).ok


def test_four_eyes_nobody_approves_their_own_entry(db, clerk, reviewer, reviewer2, enterprise_values):
    own = enterprises.create(db, reviewer, enterprise_values())
    review.submit(db, reviewer, [(E, own["id"])])
    with pytest.raises(review.ReviewRefused, match="不能审核自己录入、修改或提交的记录"):
        review.approve(db, reviewer, [(E, own["id"])])
    review.approve(db, reviewer2, [(E, own["id"])])

    # The reviewer edited a clerk's draft, even if the clerk edited it again after: still not theirs to approve.
    e = enterprises.create(db, clerk, enterprise_values())
    enterprises.update(db, reviewer, e["id"], {"contact_name": "王军"}, expected_version=1)
    enterprises.update(db, clerk, e["id"], {"notes": "核对过"}, expected_version=2)
    review.submit(db, clerk, [(E, e["id"])])
    with pytest.raises(review.ReviewRefused) as info:
        review.approve(db, reviewer, [(E, e["id"])])
    assert [r.id for r in info.value.refusals] == [e["id"]]
    review.approve(db, reviewer2, [(E, e["id"])])


def test_four_eyes_on_a_statistics_year_counts_every_figure(db, clerk, reviewer, reviewer2, catalogue):
    statistics.set_value(db, clerk, "WM.CK.A", 2020, {"value": "70.88"})
    statistics.set_value(db, reviewer, "WM.CK.B", 2020, {"value": "161.45"})  # the reviewer entered one figure
    year = _year_id(db, 2020)
    review.submit(db, clerk, [("stat_year", year)])
    with pytest.raises(review.ReviewRefused, match="不能审核自己"):
        review.approve(db, reviewer, [("stat_year", year)])
    assert review.approve(db, reviewer2, [("stat_year", year)])[0].review_status == "approved"
    with pytest.raises(LockedRecord, match="2020年统计"):
        statistics.set_value(db, clerk, "WM.CK.A", 2020, {"value": "71"})


def test_approved_record_is_changed_only_after_a_reviewer_reopens_it(db, clerk, reviewer, enterprise_values):
    e = enterprises.create(db, clerk, enterprise_values())
    review.submit(db, clerk, [(E, e["id"])])
    review.approve(db, reviewer, [(E, e["id"])])
    with pytest.raises(LockedRecord, match="已审核"):
        enterprises.update(db, clerk, e["id"], {"notes": "改"}, expected_version=3)
    with pytest.raises(PermissionDenied, match="审核员"):
        review.reopen(db, clerk, [(E, e["id"])], "要改")
    with pytest.raises(review.ReviewRefused, match="重新打开须填写原因"):
        review.reopen(db, reviewer, [(E, e["id"])], "  ")
    [item] = review.reopen(db, reviewer, [(E, e["id"])], "出口额需按年报更正")
    assert (item.review_status, item.return_reason, item.version) == ("returned", "出口额需按年报更正", 4)
    assert [i.return_reason for i in review.queue(db, clerk).my_returned] == ["出口额需按年报更正"]
    enterprises.update(db, clerk, e["id"], {"export_value": "300"}, expected_version=4)
    [item] = review.submit(db, clerk, [(E, e["id"])])
    assert item.return_reason is None and review.queue(db, clerk).my_returned == []
    reopen = [h for h in audit.history(db, E, e["id"]) if h.new == "returned"]
    assert reopen[0].old == "approved" and reopen[0].reason == "出口额需按年报更正"


def test_returned_record_shows_its_reason_to_its_author_only(db, clerk, reviewer, enterprise_values):
    other = Actor("chenhong", "entry")
    a = enterprises.create(db, clerk, enterprise_values(name="甲公司"))
    b = enterprises.create(db, clerk, enterprise_values(name="乙公司"))
    c = enterprises.create(db, other, enterprise_values(name="丙公司"))
    review.submit(db, clerk, [(E, a["id"]), (E, b["id"])])
    review.submit(db, other, [(E, c["id"])])
    assert {i.label for i in review.queue(db, reviewer).to_review} == {"甲公司", "乙公司", "丙公司"}
    assert review.queue(db, clerk).to_review == []  # an entry clerk reviews nothing
    with pytest.raises(review.ReviewRefused, match="退回须填写原因") as info:
        review.send_back(db, reviewer, [(E, a["id"]), (E, b["id"])], {(E, a["id"]): "手机号码与年报不符"})
    assert [r.label for r in info.value.refusals] == ["乙公司"]
    review.send_back(
        db, reviewer, [(E, a["id"]), (E, b["id"])], {(E, a["id"]): "手机号码与年报不符", (E, b["id"]): "缺少海关编码"}
    )
    mine = review.queue(db, clerk)
    assert {(i.label, i.return_reason, i.reviewed_by) for i in mine.my_returned} == {
        ("甲公司", "手机号码与年报不符", "wangjun"),
        ("乙公司", "缺少海关编码", "wangjun"),
    }
    assert review.queue(db, other).my_returned == []
    assert [i.label for i in review.queue(db, other).my_submitted] == ["丙公司"]
    assert review.status(db, E, a["id"]).return_reason == "手机号码与年报不符"


def test_bulk_is_all_or_nothing_with_a_reason_per_refused_record(db, db_path, clerk, reviewer, enterprise_values):
    ok = enterprises.create(db, clerk, enterprise_values(name="可提交公司"))
    done = enterprises.create(db, clerk, enterprise_values(name="已审核公司"))
    review.submit(db, clerk, [(E, done["id"])])
    review.approve(db, reviewer, [(E, done["id"])])
    entries = sqlite3.connect(db_path).execute("select count(*) from audit_log").fetchone()[0]
    with pytest.raises(review.ReviewRefused) as info:
        review.submit(db, clerk, [(E, ok["id"]), (E, done["id"]), (E, 9999)])
    assert {(r.label, r.reason) for r in info.value.refusals} == {
        ("已审核公司", "当前为“已审核”，不能提交审核"),
        ("编号9999", "记录不存在或已被删除"),
    }
    assert "本次未作任何修改" in str(info.value)
    assert enterprises.get(db, ok["id"])["review_status"] == "draft" and enterprises.get(db, ok["id"])["version"] == 1
    assert sqlite3.connect(db_path).execute("select count(*) from audit_log").fetchone()[0] == entries
    review.submit(db, clerk, [(E, ok["id"])])


def test_submission_for_review_is_refused_by_a_forced_error_and_an_unexplained_warning(db, clerk, reviewer, catalogue):
    statistics.set_value(db, clerk, "WM.CK", 2020, {"value": "240"})
    statistics.set_value(db, clerk, "WM.CK.A", 2020, {"value": "70.88"})
    statistics.set_value(db, clerk, "WM.CK.B", 2020, {"value": "161.45"})  # 232.33 ≠ 240: a 强制 error
    year = _year_id(db, 2020)
    with pytest.raises(review.ReviewRefused, match=r"强制性错误（STAT-01）"):
        review.submit(db, clerk, [("stat_year", year)])
    statistics.set_value(db, clerk, "WM.CK", 2020, {"value": "232.33", "growth": "50"})
    with pytest.raises(review.ReviewRefused, match=r"核实性问题未说明（STAT-03）"):
        review.submit(db, clerk, [("stat_year", year)])
    actions = {a.action: a for a in review.available_actions(db, clerk, "stat_year", year)}
    assert not actions["submit"].allowed and "STAT-03" in actions["submit"].reason
    value_id = statistics.get_value(db, "WM.CK", 2020)["id"]
    explanations.explain(db, clerk, "STAT-03", "stat_value", value_id, "growth", "新增跨境电商企业集中投产")
    assert review.submit(db, clerk, [("stat_year", year)])[0].review_status == "submitted"


def test_stale_version_withdraw_and_available_actions(db, clerk, reviewer, enterprise_values):
    e = enterprises.create(db, clerk, enterprise_values())
    review.submit(db, clerk, [(E, e["id"])])
    with pytest.raises(review.ReviewRefused, match="您看到的是第1版，当前是第2版"):
        review.approve(db, reviewer, [(E, e["id"])], versions={(E, e["id"]): 1})
    acts = {a.action: a for a in review.available_actions(db, reviewer, E, e["id"])}
    assert acts["approve"].allowed and acts["return"].allowed and acts["return"].needs_reason
    assert not acts["withdraw"].allowed and acts["withdraw"].reason == "只能撤回自己提交的记录"
    assert review.withdraw(db, clerk, [(E, e["id"])])[0].review_status == "draft"
    acts = {a.action: a for a in review.available_actions(db, clerk, E, e["id"])}
    assert acts["submit"].allowed and acts["approve"].reason == "需要审核员权限"
