"""One definition of an overdue milestone: review rule INI-02, the dashboard card, the initiative list's
"overdue" filter and the meeting pack's 逾期节点 sheet all pick the same milestones and initiatives."""

from __future__ import annotations

from datetime import date

from jjdesk.services.records import initiatives
from jjdesk.services.records.listing import INITIATIVE_LISTING, ListQuery
from jjdesk.services.review import checks
from jjdesk.services.summaries import dashboard as summary
from jjdesk.store import export_repo

TODAY = date(2021, 8, 1)
PAST, LATER = "2021-07-15", "2021-09-30"


def _ledger(db, clerk) -> dict[str, int]:
    """Initiatives each testing one edge of the definition; name → id."""
    cases = {
        "推进中逾期": ("推进中", [{"due_date": PAST, "text": "验收"}, {"due_date": "2021-05-01", "text": "摸排"}]),
        "暂停也逾期": ("已暂停", [{"due_date": PAST, "text": "复工"}]),
        "已完成不算": ("已完成", [{"due_date": PAST, "text": "未勾选的节点"}]),
        "已取消不算": ("已取消", [{"due_date": PAST, "text": "取消前的节点"}]),
        "已办结节点": ("推进中", [{"due_date": PAST, "text": "已办", "done": True, "done_date": PAST}]),
        "今天到期": ("推进中", [{"due_date": TODAY.isoformat(), "text": "今天"}]),
        "未到期": ("未启动", [{"due_date": LATER, "text": "以后"}]),
        "无日期": ("推进中", [{"text": "没有日期的节点"}]),
    }
    ids = {}
    for name, (status, milestones) in cases.items():
        ids[name] = initiatives.create(
            db,
            clerk,
            {"name": name, "category": "其他", "status": status, "lead_department": "区经科局"},
            milestones=milestones,
        )["id"]
    return ids


def test_rule_dashboard_list_and_meeting_pack_agree(db, clerk):
    ids = _ledger(db, clerk)
    expected = {ids["推进中逾期"], ids["暂停也逾期"]}

    hits = [f for f in checks.run_checks(db, scope="initiatives", today=TODAY).findings if f.rule == "INI-02"]
    assert {f.id for f in hits} == expected and len(hits) == 3

    listed = INITIATIVE_LISTING.ids(db, ListQuery(filters={"overdue_on": TODAY}))
    assert set(listed) == expected

    d = summary.dashboard(db, today=TODAY)
    assert (d.overdue_milestones, d.overdue_initiatives) == (3, 2)
    assert d.filters["overdue_milestones"] == {"page": "initiatives", "overdue_on": TODAY}

    with db.session() as s:
        pack = export_repo.overdue_milestones(s, TODAY)
        rows = {r["id"]: r["overdue"] for r in export_repo.initiative_rows(s, TODAY)}
        states = {(m["initiative"], m["text"]): bool(m["overdue"]) for m in export_repo.milestone_rows(s, TODAY)}
    assert sorted(r["text"] for r in pack) == ["复工", "摸排", "验收"]
    assert {i for i, n in rows.items() if n} == expected and rows[ids["推进中逾期"]] == 2
    assert [k for k, late in states.items() if late] == [
        ("推进中逾期", "验收"),
        ("推进中逾期", "摸排"),
        ("暂停也逾期", "复工"),
    ]


def test_overdue_combines_with_other_filters_and_a_later_day(db, clerk):
    ids = _ledger(db, clerk)
    paused = ListQuery(filters={"overdue_on": TODAY, "status": "已暂停"})
    assert INITIATIVE_LISTING.ids(db, paused) == [ids["暂停也逾期"]]
    later = INITIATIVE_LISTING.ids(db, ListQuery(filters={"overdue_on": date(2021, 10, 1)}))
    assert set(later) == {ids["推进中逾期"], ids["暂停也逾期"], ids["今天到期"], ids["未到期"]}


def test_lead_department_filter_and_its_choices(db, clerk):
    _ledger(db, clerk)
    initiatives.create(
        db, clerk, {"name": "跨境电商试点", "category": "数字贸易", "status": "推进中", "lead_department": "区商务局"}
    )
    initiatives.create(db, clerk, {"name": "无牵头单位", "category": "其他", "status": "推进中"})
    assert INITIATIVE_LISTING.values(db, "lead_department") == ["区商务局", "区经科局"]
    query = ListQuery(filters={"lead_department": "区商务局"})
    assert INITIATIVE_LISTING.count(db, query) == 1
    assert INITIATIVE_LISTING.count(db, ListQuery(filters={"lead_department": "区经科局"})) == 8
