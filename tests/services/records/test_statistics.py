"""Yearly figures: exact values, reported (not derived) growth, revisions kept, catalogue as a tree."""

from decimal import Decimal

import pytest

from jjdesk.services.core import audit
from jjdesk.services.core.errors import LockedRecord, NotFound, ValidationFailed
from jjdesk.services.records import statistics
from jjdesk.store.models import StatYear


@pytest.fixture
def catalogue(db, clerk):
    statistics.add_indicator(db, clerk, {"code": "WM", "name": "外贸进出口总额", "unit": "亿元", "seq": 1})
    statistics.add_indicator(
        db,
        clerk,
        {"code": "WM.CK", "name": "出口总额", "unit": "亿元", "parent_code": "WM", "sum_group": "进出口", "seq": 2},
    )
    statistics.add_indicator(db, clerk, {"code": "RATE", "name": "占全市比重", "unit": "%", "decimals": 1, "seq": 3})


def test_catalogue_is_a_tree_in_display_order(db, clerk, catalogue):
    rows = statistics.catalogue(db)
    assert [(r["code"], r["depth"]) for r in rows] == [("WM", 0), ("WM.CK", 1), ("RATE", 0)]
    with pytest.raises(ValidationFailed, match="已存在"):
        statistics.add_indicator(db, clerk, {"code": "WM", "name": "重复"})
    with pytest.raises(ValidationFailed, match="上级指标：“NOPE”不存在"):
        statistics.add_indicator(db, clerk, {"code": "X", "name": "孤儿", "parent_code": "NOPE"})


def test_values_are_exact_and_growth_is_stored_as_reported(db, clerk, catalogue):
    statistics.set_value(db, clerk, "WM", 2019, {"value": "275.52"})
    v = statistics.set_value(db, clerk, "WM", 2020, {"value": "289.84", "growth": "5.2", "source": "统计公报"})
    assert str(v["value"]) == "289.84" and str(v["growth"]) == "5.2"
    grid = {r["code"]: r for r in statistics.year_grid(db)}
    cell = grid["WM"]["values"][2020]
    assert cell["growth"] == Decimal("5.2")  # as reported
    assert cell["implied_growth"] == Decimal("5.2")  # (289.84/275.52-1)*100 = 5.197… → 5.2, for comparison only
    assert grid["WM"]["values"][2019]["implied_growth"] is None


def test_indicator_decimals_apply_to_values(db, clerk, catalogue):
    with pytest.raises(ValidationFailed, match="最多保留1位小数"):
        statistics.set_value(db, clerk, "RATE", 2020, {"value": "40.25"})
    with pytest.raises(ValidationFailed, match="不能小于-100"):
        statistics.set_value(db, clerk, "WM", 2020, {"value": "1", "growth": "-120"})
    with pytest.raises(ValidationFailed, match="年份"):
        statistics.set_value(db, clerk, "WM", 1900, {"value": "1"})
    with pytest.raises(NotFound):
        statistics.set_value(db, clerk, "NOPE", 2020, {"value": "1"})


def test_revision_keeps_the_preliminary_figure_and_final_needs_a_reason(db, clerk, catalogue):
    statistics.set_value(db, clerk, "WM", 2020, {"value": "289.84", "growth": "5.2", "basis": "初步核算"})
    statistics.set_value(
        db, clerk, "WM", 2020, {"value": "290.12", "growth": "5.3", "basis": "最终核实"}, reason="最终核实数"
    )
    revs = statistics.revisions(db, "WM", 2020)
    assert [(r["value"], r["growth"], r["basis"]) for r in revs] == [(Decimal("289.84"), Decimal("5.2"), "preliminary")]
    assert statistics.get_value(db, "WM", 2020)["basis"] == "final"
    with pytest.raises(ValidationFailed, match="已是最终核实数，修改须填写原因"):
        statistics.set_value(db, clerk, "WM", 2020, {"value": "290.00"})
    fields = [h.field for h in audit.history(db, "stat_value", revs and statistics.get_value(db, "WM", 2020)["id"])]
    assert fields[0] == "" and set(fields[1:]) == {"value", "growth", "basis"}


def test_submitted_year_is_frozen(db, clerk, catalogue):
    statistics.set_value(db, clerk, "WM", 2020, {"value": "289.84"})
    with db.write() as s:
        from sqlmodel import select

        s.exec(select(StatYear).where(StatYear.year == 2020)).one().review_status = "submitted"
    with pytest.raises(LockedRecord, match="2020年统计"):
        statistics.set_value(db, clerk, "WM", 2020, {"value": "1"})


def test_implied_growth_rounding():
    assert statistics.implied_growth(Decimal("100"), Decimal("94.95")) == Decimal("-5.1")
    assert statistics.implied_growth(Decimal("0"), Decimal("1")) is None
