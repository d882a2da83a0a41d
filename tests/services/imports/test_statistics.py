"""Statistics import: both layouts round-trip; units, unknown indicators, final figures and locked years."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from sqlmodel import select

from jjdesk.services.core.actor import Actor
from jjdesk.services.exports import lists
from jjdesk.services.imports import statistics as stat_import
from jjdesk.services.records import statistics
from jjdesk.store.models import StatYear
from tests.services.excel_helpers import seed_statistics


def _figures(db):
    return sorted(
        (r["code"], y, v["value"], v["growth"]) for r in statistics.year_grid(db) for y, v in r["values"].items()
    )


@pytest.fixture
def source(db, clerk):
    seed_statistics(db, clerk)
    return db


@pytest.fixture
def target(tmp_path, clerk, fresh_db):
    database = fresh_db(tmp_path / "target.db")
    seed_statistics(database, clerk, figures=False)
    return database


@pytest.mark.parametrize("sheet", [None, "明细（长表）"])
def test_export_then_import_both_layouts(source, target, tmp_path, sheet):
    out = tmp_path / "s.xlsx"
    lists.export_statistics(source, out)
    result, preview = stat_import.import_statistics(target, Actor("li"), out, sheet=sheet)
    assert result.ok and result.written and result.created == 11
    assert preview.layout == ("wide" if sheet is None else "long")
    assert _figures(target) == _figures(source)
    again, _ = stat_import.import_statistics(target, Actor("li"), out, sheet=sheet)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 11)


def _long(tmp_path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["年份", "指标", "单位", "数值", "增速(%)"])
    for r in rows:
        ws.append(r)
    wb.save(tmp_path / "long.xlsx")
    return tmp_path / "long.xlsx"


def test_long_table_problems_by_row_and_column(target, tmp_path):
    path = _long(
        tmp_path,
        [
            [2020, "外贸进出口总额", "亿元", 289.84, 5.2],
            [2020, "出口总额", "万元", 2_680_000, None],
            [2020, "不存在的指标", "亿元", 1, None],
            [2020, "外贸公司出口额", "亿元", 70.881, 10.7],
            [1900, "三资企业出口额", "亿元", 36.37, 7.8],
            [2020, "外贸进出口总额", "亿元", 289.84, 5.2],
        ],
    )
    result, _ = stat_import.import_statistics(target, Actor("li"), path)
    assert not result.written and _figures(target) == []
    where = [(e.row, e.column_letter) for e in result.errors]
    assert where == [(3, "C"), (4, "B"), (5, "D"), (6, "A"), (7, "D")]
    assert "万元" in result.errors[0].message and "不会自动换算" in result.errors[0].message
    assert "最多保留2位小数" in result.errors[2].message


def test_final_figure_needs_a_reason_and_locked_year_is_refused(target, tmp_path, clerk):
    statistics.set_value(target, clerk, "WM", 2020, {"value": "289.84", "growth": "5.2", "basis": "final"})
    path = _long(tmp_path, [[2020, "外贸进出口总额", "亿元", 290.01, 5.2]])
    refused, _ = stat_import.import_statistics(target, Actor("li"), path)
    assert not refused.written and "最终核实" in refused.errors[0].message
    done, _ = stat_import.import_statistics(target, Actor("li"), path, reason="统计局修订")
    assert done.written and statistics.get_value(target, "WM", 2020)["value"] == Decimal("290.01")
    assert statistics.revisions(target, "WM", 2020)[-1]["value"] == Decimal("289.84")
    with target.write() as s:
        year = s.exec(select(StatYear).where(StatYear.year == 2020)).one()
        year.review_status = "approved"
    locked, _ = stat_import.import_statistics(
        target, Actor("li"), _long(tmp_path, [[2020, "外贸进出口总额", "亿元", 291, 5.2]]), reason="x"
    )
    assert not locked.written and "已审核" in locked.errors[0].message


def test_wide_table_with_plain_year_headers_from_csv(target, tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(
        "指标,单位,2020年,2020年增速(%),2021年\n地区生产总值,亿元,,,752.14\n外贸进出口总额,亿元,289.84,5.2,\n",
        encoding="gb18030",
    )
    result, preview = stat_import.import_statistics(target, Actor("li"), path)
    assert result.ok and result.created == 2 and preview.layout == "wide"
    assert statistics.get_value(target, "GDP", 2021)["value"] == Decimal("752.14")
