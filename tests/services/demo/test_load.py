"""The demo data holds the article's facts exactly and never invents identifiers for real companies."""

from datetime import date
from decimal import Decimal

import pytest

from jjdesk.services.demo import load as demo
from jjdesk.services.families.codes import check_credit_code
from jjdesk.services.records import enterprises, initiatives, statistics


@pytest.fixture
def demo_db(db, demo_data):
    demo_data(db, generated=300)
    return db


def test_2020_bulletin_figures_are_exact(demo_db):
    expected = {
        "WM": ("289.84", "5.2"),
        "WM.CK.WMGS": ("70.88", "10.7"),
        "WM.CK.SZ": ("36.37", "7.8"),
        "WM.CK.SCQY": ("161.45", "3.9"),
        "SZ.HXZZ": ("18.73", None),
        "SZ.HXZB": ("40", None),
    }
    for code, (value, growth) in expected.items():
        v = statistics.get_value(demo_db, code, 2020)
        assert str(v["value"]) == value
        assert (None if v["growth"] is None else str(v["growth"])) == growth
        assert v["source"]
    # derived numbers are not stored as if published: no 出口总额 or 进口总额 for 2020
    assert statistics.get_value(demo_db, "WM.CK", 2020) is None
    assert statistics.get_value(demo_db, "WM.JK", 2020) is None
    assert statistics.get_value(demo_db, "GDP.1", 2021)["growth"] == Decimal("-15.3")


def test_named_companies_keep_only_public_identifiers(demo_db):
    named = {r["name"]: r for r in enterprises.search(demo_db, "股份有限公司", limit=100) if not r["is_demo"]}
    assert set(named) == {c["name"] for c in demo.NAMED_COMPANIES}
    assert named["杰克科技股份有限公司"]["credit_code"] == "91330000753954968D"
    for name in ("浙江水晶光电科技股份有限公司", "浙江星星冷链集成股份有限公司", "信质集团股份有限公司"):
        assert named[name]["credit_code"] is None and named[name]["customs_code"] is None
        assert named[name]["mobile"] is None


def test_generated_members_make_the_platform_real(demo_db):
    rows = enterprises.search(demo_db, None, limit=1000)
    generated = [r for r in rows if r["is_demo"]]
    assert len(generated) == 300
    assert all(check_credit_code(r["credit_code"]).ok for r in generated)
    joined_by_april_2021 = [r for r in generated if r["join_date"] and r["join_date"] <= date(2021, 4, 30)]
    assert len(joined_by_april_2021) >= 270


def test_initiatives_carry_the_timeline_and_future_factory_candidates(demo_db):
    by_name = {i["name"]: i for i in initiatives.list_all(demo_db)}
    plan = initiatives.get(demo_db, by_name["椒江区数字经济系统建设方案"]["id"])
    assert [(m["due_date"], m["done"]) for m in plan["milestones"]] == [
        (date(2021, 2, 19), True),
        (date(2021, 2, 26), True),
        (date(2021, 3, 29), True),
    ]
    factory = initiatives.get(demo_db, by_name["“未来工厂”培育"]["id"])
    roles = {link["enterprise_name"]: link["role"] for link in factory["links"]}
    assert roles == {
        "杰克科技股份有限公司": "推荐",
        "浙江星星冷链集成股份有限公司": "后备",
        "浙江水晶光电科技股份有限公司": "后备",
        "信质集团股份有限公司": "后备",
    }
    funds = {i["name"]: i["funds"] for i in by_name.values() if i["funds"] is not None}
    assert funds == {"数字生活新服务样板县创建": Decimal("340"), "家电产业集群跨境电商发展试点": Decimal("200")}


def test_demo_only_loads_into_an_empty_ledger(demo_db):
    with pytest.raises(ValueError, match="已有数据"):
        demo.load_demo(demo_db)
