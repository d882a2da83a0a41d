"""Year comparison: values side by side, absolute and relative change, reported growth, review status and the
explanations bound to each figure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jjdesk.services.core.actor import Actor
from jjdesk.services.records import statistics
from jjdesk.services.review import checks, explanations
from jjdesk.services.review import workflow as review
from jjdesk.services.summaries import year_compare


@pytest.fixture
def article(db, demo_data):
    demo_data(db, generated=0, actor=Actor("system", "admin"))
    return db


def _by_code(rows):
    return {r.code: r for r in rows}


def test_rows_follow_the_catalogue_with_depth_values_and_changes(article, clerk):
    statistics.set_value(article, clerk, "GDP", 2020, {"value": "500.00", "growth": "3.1"})
    statistics.set_value(article, clerk, "GDP.1", 2020, {"value": "22.41"})
    rows = year_compare.compare_years(article, 2020, 2021)
    assert [r.code for r in rows][:3] == ["WM", "WM.CK", "WM.CK.WMGS"] and len(rows) == 17
    gdp, first = _by_code(rows)["GDP"], _by_code(rows)["GDP.1"]
    assert (gdp.depth, first.depth, gdp.unit) == (0, 1, "亿元")
    assert (gdp.value_a, gdp.value_b, gdp.change, gdp.change_pct) == (
        Decimal("500"),
        Decimal("752.14"),
        Decimal("252.14"),
        Decimal("50.4"),
    )
    assert (gdp.growth_a, gdp.growth_b) == (Decimal("3.1"), Decimal("6.2"))  # reported, beside the implied change
    assert (first.change, first.change_pct, first.growth_b) == (Decimal("-3.43"), Decimal("-15.3"), Decimal("-15.3"))
    trade = _by_code(rows)["WM"]
    assert (trade.value_a, trade.value_b, trade.change, trade.change_pct) == (Decimal("289.84"), None, None, None)
    assert gdp.filter_b == {"page": "statistics", "code": "GDP", "year": 2021}


def test_only_with_values_leaves_out_empty_indicators(article):
    rows = year_compare.compare_years(article, 2020, 2021, only_with_values=True)
    assert [r.code for r in rows] == [
        "WM",
        "WM.CK.WMGS",
        "WM.CK.SZ",
        "WM.CK.SCQY",
        "SZ.HXZZ",
        "SZ.HXZB",
        "GDP",
        "GDP.1",
        "GDP.2",
        "GDP.3",
    ]


def test_review_status_and_explanations_behind_each_number(article, clerk, reviewer):
    statistics.set_value(article, clerk, "GDP", 2020, {"value": "500.00"})
    finding = next(
        f
        for f in checks.run_checks(article, 2021, "statistics").findings
        if f.label == "2021年 地区生产总值" and f.severity == "核实"
    )
    explanations.explain(
        article, clerk, finding.rule, finding.entity, finding.id, finding.field, "2020年数为测试录入的口径调整数"
    )
    year_2020 = {y["year"]: y["id"] for y in statistics.years(article)}[2020]
    review.submit(article, clerk, [("stat_year", year_2020)])
    review.approve(article, reviewer, [("stat_year", year_2020)])
    rows = _by_code(year_compare.compare_years(article, 2020, 2021))
    assert (rows["GDP"].status_a, rows["GDP"].status_b) == ("approved", "draft")
    assert rows["GDP"].explanations_b == ["2020年数为测试录入的口径调整数"] and rows["GDP"].explanations_a == []
    assert rows["WM"].explanations_b == []
    missing = year_compare.compare_years(article, 2019, 2020)[0]
    assert (missing.status_a, missing.status_b, missing.value_a) == (None, "approved", None)


def test_relative_change():
    assert year_compare.relative_change(Decimal("100"), Decimal("94.95")) == Decimal("-5.1")
    assert year_compare.relative_change(Decimal("0"), Decimal("1")) is None
    assert year_compare.relative_change(None, Decimal("1")) is None
