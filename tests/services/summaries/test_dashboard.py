"""The dashboard: the article's figures from the demo data, and every click-through opening a list that shows
exactly the number the chart showed (the filter keys are the list pages' own)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jjdesk.services.core.actor import Actor
from jjdesk.services.records import initiatives, statistics
from jjdesk.services.records.listing import ENTERPRISE_LISTING, INITIATIVE_LISTING, ListQuery
from jjdesk.services.summaries import dashboard as summary

SYSTEM = Actor("system", "admin")
TODAY = dt.date(2021, 6, 1)


@pytest.fixture
def demo_db(db, demo_data):
    demo_data(db, generated=120, actor=SYSTEM)
    return db


def _list_count(criteria: dict) -> tuple:
    page = criteria["page"]
    listing = {"enterprises": ENTERPRISE_LISTING, "initiatives": INITIATIVE_LISTING}[page]
    return listing, ListQuery(filters={k: v for k, v in criteria.items() if k != "page"})


def _opens(db, criteria: dict) -> int:
    listing, query = _list_count(criteria)
    return listing.count(db, query)


def test_demo_dashboard_shows_the_articles_trade_figures(demo_db):
    d = summary.dashboard(demo_db, today=TODAY)
    assert (d.trade_year, d.trade_total, d.trade_growth, d.trade_unit) == (
        2020,
        Decimal("289.84"),
        Decimal("5.2"),
        "亿元",
    )
    assert str(d.trade_total) == "289.84" and d.trade_review_status == "draft"
    assert d.filters["trade_total"] == {"page": "statistics", "code": "WM", "year": 2020}
    exports = {s.name: [(p.label, p.value) for p in s.points] for s in d.exports_by_type}
    assert exports == {
        "外贸公司": [("2020", Decimal("70.88"))],
        "三资企业": [("2020", Decimal("36.37"))],
        "生产企业": [("2020", Decimal("161.45"))],
    }
    assert d.exports_unit == "亿元"
    assert d.exports_by_type[1].points[0].filter == {"page": "statistics", "code": "WM.CK.SZ", "year": 2020}


def test_card_figures_equal_the_lists_they_open(demo_db):
    d = summary.dashboard(demo_db, today=TODAY)
    assert d.enterprises_total == 125 == _opens(demo_db, d.filters["enterprises_total"])
    assert d.year == 2021 and d.joined_this_year == _opens(demo_db, d.filters["joined_this_year"]) > 0
    assert d.filters["joined_this_year"]["join_from"] == dt.date(2021, 1, 1)
    assert d.initiatives_total == 9 == _opens(demo_db, d.filters["initiatives_total"])
    assert {s.label: s.value for s in d.initiatives_by_status} == {
        "未启动": 0,
        "推进中": 8,
        "已完成": 1,
        "已暂停": 0,
        "已取消": 0,
    }
    assert d.overdue_milestones == 0  # the only open milestone is due in 2022


@pytest.mark.parametrize("part", ["service_use", "by_cluster", "by_type", "by_review_status", "initiatives_by_status"])
def test_every_slice_opens_a_list_of_exactly_its_size(demo_db, part):
    slices = getattr(summary.dashboard(demo_db, today=TODAY), part)
    assert slices
    for s in slices:
        if s.filter:
            assert _opens(demo_db, s.filter) == s.value, s
        else:
            assert s.label == summary.MISSING


def test_by_type_and_cluster_add_up_to_all_enterprises(demo_db):
    d = summary.dashboard(demo_db, today=TODAY)
    assert sum(s.value for s in d.by_type) == sum(s.value for s in d.by_cluster) == d.enterprises_total
    assert [s.label for s in d.by_type] == ["外贸公司", "三资企业", "生产企业", "其他"]
    assert [s.value for s in d.by_cluster if s.label != summary.MISSING] == sorted(
        (s.value for s in d.by_cluster if s.label != summary.MISSING), reverse=True
    )
    # every real named company has a cluster, so no 未填 group in the demo; services: an enterprise counts once
    # per service it uses
    assert sum(s.value for s in d.service_use) >= d.enterprises_total - 5


def test_members_by_month_is_cumulative_and_clickable(demo_db):
    points = summary.dashboard(demo_db, today=TODAY).members_by_month
    assert points[0].label == "2020-05"
    values = [p.value for p in points]
    assert values == sorted(values)
    # everyone with a join date (the named companies and a few generated ones have none)
    with_date = _opens(demo_db, {"page": "enterprises", "join_from": dt.date(2000, 1, 1)})
    assert values[-1] == with_date < 125
    labels = [p.label for p in points]
    assert len(labels) == len(set(labels))
    for p in (points[0], points[len(points) // 2], points[-1]):
        assert _opens(demo_db, p.filter) == p.value
        y, m = map(int, p.label.split("-"))
        assert p.filter["join_to"] == summary.month_end(y, m)


def test_initiative_status_by_category_series_are_aligned_and_clickable(demo_db, clerk):
    initiatives.create(demo_db, clerk, {"name": "暂停的举措", "category": "新基建", "status": "已暂停"})
    series = summary.dashboard(demo_db, today=TODAY).initiative_status_by_category
    assert [s.name for s in series] == ["推进中", "已完成", "已暂停"]
    labels = [[p.label for p in s.points] for s in series]
    assert all(lab == labels[0] for lab in labels)
    assert labels[0][0] == "产业大脑"
    paused = {p.label: p.value for p in series[2].points}
    assert paused["新基建"] == 1 and sum(paused.values()) == 1
    for s in series:
        for p in s.points:
            assert _opens(demo_db, p.filter) == p.value


def test_overdue_milestones_and_the_latest_trade_year(demo_db, clerk):
    assert summary.dashboard(demo_db, today=dt.date(2023, 1, 1)).overdue_milestones == 1
    statistics.set_value(demo_db, clerk, "WM", 2021, {"value": "301.20", "growth": "-1.5"})
    d = summary.dashboard(demo_db, today=TODAY)
    assert (d.trade_year, d.trade_total, d.trade_growth) == (2021, Decimal("301.20"), Decimal("-1.5"))
    # a year with a total but no export groups leaves the series aligned on the years that have them
    assert [p.label for p in d.exports_by_type[0].points] == ["2020"]


def test_empty_ledger(db):
    d = summary.dashboard(db, today=TODAY)
    assert (d.enterprises_total, d.joined_this_year, d.trade_year, d.trade_total) == (0, 0, None, None)
    assert d.members_by_month == [] and d.exports_by_type == [] and d.by_cluster == []
    assert [s.value for s in d.service_use] == [0] * 6 and d.filters["trade_total"] == {}


def test_missing_cluster_is_shown_but_not_clickable(db, clerk, enterprise_values):
    from jjdesk.services.records import enterprises

    enterprises.create(db, clerk, enterprise_values(cluster=None, services=[]))
    enterprises.create(db, clerk, enterprise_values())
    d = summary.dashboard(db, today=TODAY)
    assert [(s.label, s.value, s.filter) for s in d.by_cluster] == [
        ("家电", 1, {"page": "enterprises", "cluster": "家电"}),
        ("（未填）", 1, {}),
    ]


def test_values_outside_the_vocabulary_are_counted_too(db, clerk, enterprise_values):
    """Clusters are an open vocabulary: a local name sorts before, between and after the known ones."""
    from jjdesk.services.records import enterprises

    for cluster in ("阀门", "家电", "模具", "Ａ区", "zz", "光电", "光电"):
        enterprises.create(db, clerk, enterprise_values(cluster=cluster))
    d = summary.dashboard(db, today=TODAY)
    assert {s.label: s.value for s in d.by_cluster} == {"光电": 2, "家电": 1, "阀门": 1, "模具": 1, "Ａ区": 1, "zz": 1}
    assert sum(s.value for s in d.by_cluster) == d.enterprises_total == 7
    for s in d.by_cluster:
        assert _opens(db, s.filter) == s.value


def test_the_full_demo_shows_270_plus_members_by_april_2021(db, demo_data):
    """The article: the platform opened in May 2020 and had 270+ members by April 2021 (the line chart)."""
    demo_data(db, actor=SYSTEM)  # the default demo, as `dev.py app` loads it
    d = summary.dashboard(db, today=dt.date(2021, 5, 17))
    by_month = {p.label: p.value for p in d.members_by_month}
    assert min(by_month) == "2020-05" and by_month["2021-04"] >= 270
    assert _opens(db, next(p.filter for p in d.members_by_month if p.label == "2021-04")) == by_month["2021-04"]
    assert (d.trade_year, str(d.trade_total), str(d.trade_growth)) == (2020, "289.84", "5.2")
    assert [(s.name, str(s.points[0].value)) for s in d.exports_by_type] == [
        ("外贸公司", "70.88"),
        ("三资企业", "36.37"),
        ("生产企业", "161.45"),
    ]
