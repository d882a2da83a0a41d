"""The drafted bulletin paragraph: the article's 2020 wording, falls as 下降, shares, refusal and draft marking."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import NotFound, ServiceError
from jjdesk.services.records import statistics
from jjdesk.services.review import workflow
from jjdesk.services.summaries import bulletin

SYSTEM = Actor("system", "admin")
PARAGRAPH_2020 = (
    "全年外贸进出口总额289.84亿元，比上年增长5.2%。其中，外贸公司出口额70.88亿元，增长10.7%；"
    "三资企业出口额36.37亿元，增长7.8%；生产企业出口额161.45亿元，增长3.9%。"
)


@pytest.fixture
def demo_db(db, demo_data):
    demo_data(db, generated=0, actor=SYSTEM)
    return db


def _approve(db, year: int) -> None:
    year_id = {y["year"]: y["id"] for y in statistics.years(db)}[year]
    workflow.submit(db, Actor("lihua", "entry"), [("stat_year", year_id)])
    workflow.approve(db, Actor("wangjun", "reviewer"), [("stat_year", year_id)])


def test_approved_2020_paragraph_states_the_articles_figures(demo_db):
    _approve(demo_db, 2020)
    b = bulletin.draft(demo_db, 2020)
    assert b.text == PARAGRAPH_2020
    assert (b.year, b.is_draft, b.unapproved) == (2020, False, [])
    assert "None" not in b.text and "占" not in b.text  # 出口总额 was not published: no share can be given


def test_unapproved_figures_are_refused_naming_them(demo_db):
    with pytest.raises(bulletin.NotApproved) as refused:
        bulletin.draft(demo_db, 2020)
    message = str(refused.value)
    assert isinstance(refused.value, ServiceError)
    assert "2020年统计尚未审核通过（当前状态：草稿）" in message
    assert "外贸进出口总额、外贸公司出口额、三资企业出口额、生产企业出口额" in message
    assert refused.value.unapproved[0] == "2020年 外贸进出口总额"


def test_a_draft_is_marked_and_lists_what_is_unapproved(demo_db):
    b = bulletin.draft(demo_db, 2020, allow_draft=True)
    assert b.is_draft and b.text == bulletin.DRAFT_MARK + PARAGRAPH_2020
    assert len(b.unapproved) == 4
    _approve(demo_db, 2020)
    assert not bulletin.draft(demo_db, 2020, allow_draft=True).is_draft  # approved figures are no draft


def test_falling_figures_read_xiajiang_never_a_negative_percentage(demo_db):
    for code, value, growth in [
        ("WM", "280.00", "-3.4"),
        ("WM.CK", "200.00", "0"),
        ("WM.CK.WMGS", "60.00", "-15.3"),
        ("WM.CK.SZ", "40.5", "2"),
        ("WM.JK", "80.00", None),
    ]:
        statistics.set_value(demo_db, SYSTEM, code, 2021, {"value": value, "growth": growth})
    text = bulletin.draft(demo_db, 2021, allow_draft=True).text
    assert text == (
        bulletin.DRAFT_MARK + "全年外贸进出口总额280.00亿元，比上年下降3.4%。"
        "其中，出口总额200.00亿元，与上年持平，占外贸进出口总额的71.4%；进口总额80.00亿元，占外贸进出口总额的28.6%。"
        "出口总额中，外贸公司出口额60.00亿元，下降15.3%，占出口总额的30.0%；"
        "三资企业出口额40.50亿元，增长2.0%，占出口总额的20.3%。"
    )
    assert "-" not in text and "None" not in text


def test_missing_total_starts_with_the_figures_there_are(demo_db):
    statistics.set_value(demo_db, SYSTEM, "WM.CK.SCQY", 2019, {"value": "155.39"})
    text = bulletin.draft(demo_db, 2019, allow_draft=True).text
    assert text == bulletin.DRAFT_MARK + "全年生产企业出口额155.39亿元。"


def test_a_year_without_trade_figures_is_refused(demo_db):
    with pytest.raises(NotFound, match="2021年没有外贸统计数据"):
        bulletin.draft(demo_db, 2021, allow_draft=True)  # 2021 holds GDP only


@pytest.mark.parametrize(
    ("growth", "first", "text"),
    [
        (Decimal("5.2"), True, "比上年增长5.2%"),
        (Decimal("-15.3"), True, "比上年下降15.3%"),
        (Decimal("0"), True, "与上年持平"),
        (Decimal("-0.5"), False, "下降0.5%"),
        (Decimal("7"), False, "增长7.0%"),
        (Decimal("3.25"), False, "增长3.25%"),
        (None, False, ""),
    ],
)
def test_growth_phrase(growth, first, text):
    assert bulletin.growth_phrase(growth, than_last_year=first) == text


def test_number_keeps_decimals_and_never_uses_an_exponent():
    assert bulletin.number(Decimal("289.84"), 2) == "289.84"
    assert bulletin.number(Decimal("40"), 1) == "40.0"
    assert bulletin.number(Decimal("1E+3"), 0) == "1000"
    assert bulletin.number(Decimal("70.885"), 2) == "70.885"  # never rounds a stored figure away
