"""Statistics files with headers jjdesk does not recognise, imported through an explicit column mapping."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jjdesk.services.core.actor import Actor
from jjdesk.services.imports import statistics as stat_import
from jjdesk.services.imports import statistics_mapping
from jjdesk.services.imports.common import ImportRefused
from jjdesk.services.imports.statistics_mapping import LONG, WIDE, year_field
from jjdesk.services.records import statistics
from tests.services.excel_helpers import seed_statistics, write_xlsx


@pytest.fixture
def target(db, clerk):
    seed_statistics(db, clerk, figures=False)
    return db


def _figures(db):
    return sorted(
        (r["code"], y, v["value"], v["growth"]) for r in statistics.year_grid(db) for y, v in r["values"].items()
    )


LONG_HEADER = ["统计年度", "项目", "口径单位", "本期金额", "比上年±%", "出处", "经办人"]
LONG_MAPPING = {0: "year", 1: "name", 2: "unit", 3: "value", 4: "growth", 5: "source"}


@pytest.fixture
def odd_long(tmp_path):
    return write_xlsx(
        tmp_path / "长表.xlsx",
        [
            LONG_HEADER,
            [2020, "外贸进出口总额", "亿元", 289.84, 5.2, "统计公报", "王五"],
            [2020, "外贸公司出口额", "亿元", "70.88", "-10.7", "统计公报", "王五"],
            [2021, "外贸实绩企业数", "家", 1203, None, "", "王五"],
        ],
    )


def test_long_file_with_odd_headers_is_refused_without_and_imported_with_a_mapping(target, odd_long):
    with pytest.raises(ImportRefused, match="没有找到统计数据的表头"):
        stat_import.preview_statistics(target, odd_long)
    result, preview = stat_import.import_statistics(target, Actor("li"), odd_long, mapping=LONG_MAPPING)
    assert result.ok and result.written and result.created == 3
    assert preview.layout == LONG and preview.mapping == LONG_MAPPING
    assert any("经办人" in n and "不导入" in n for n in preview.notes)
    wm = statistics.get_value(target, "WM", 2020)
    assert (wm["value"], wm["growth"], wm["source"]) == (Decimal("289.84"), Decimal("5.2"), "统计公报")
    assert isinstance(wm["value"], Decimal)
    assert statistics.get_value(target, "WM.CK.WMGS", 2020)["growth"] == Decimal("-10.7")
    count = statistics.get_value(target, "WM.QYS", 2021)
    assert count["value"] == Decimal("1203") and count["growth"] is None


def test_the_suggestion_for_an_odd_long_file_reads_the_values(target, odd_long):
    found = statistics_mapping.columns_of_file(odd_long, units={"亿元", "家"})
    assert found.layout == LONG
    fields = {c.column: c.field for c in found.columns}
    # 项目 is a header word; 统计年度 holds years, 口径单位 units, 本期金额 numbers: judged by the values.
    assert fields == {0: "year", 1: "name", 2: "unit", 3: "value", 4: None, 5: None, 6: None}
    assert found.columns[1].samples == ("外贸进出口总额", "外贸公司出口额", "外贸实绩企业数")


WIDE_ROWS = [
    ["椒江区主要外贸指标"],  # a one-cell title line above the table
    ["项目名称", "口径", "二〇二〇", "上年比", "2021年度合计", "附注"],
    ["外贸进出口总额", "亿元", 289.84, 5.2, 301.5, ""],
    ["出口总额", "亿元", 250.1, None, None, "快报"],
]
WIDE_MAPPING = {0: "name", 1: "unit", 2: year_field(2020), 3: year_field(2020, "growth"), 4: year_field(2021)}


def test_wide_file_with_odd_headers_imported_with_a_mapping(target, tmp_path):
    path = write_xlsx(tmp_path / "宽表.xlsx", WIDE_ROWS)
    with pytest.raises(ImportRefused):
        stat_import.preview_statistics(target, path)
    found = statistics_mapping.columns_of_file(path)
    assert found.layout == WIDE and found.columns[0].header == "项目名称"  # the title line is passed over
    # Suggested as an officer would map it: 项目名称 names the indicators, 二〇二〇 is a year, 上年比 is that
    # year's growth, 口径 holds units, 2021年度合计 is 2021; 附注 is left out.
    assert {c.column: c.field for c in found.columns} == {**WIDE_MAPPING, 5: None}
    result, preview = stat_import.import_statistics(target, Actor("li"), path, mapping=WIDE_MAPPING)
    assert result.ok and result.written, result.errors
    assert preview.layout == WIDE and preview.header_row == 2
    assert _figures(target) == [
        ("WM", 2020, Decimal("289.84"), Decimal("5.2")),
        ("WM", 2021, Decimal("301.5"), None),
        ("WM.CK", 2020, Decimal("250.1"), None),
    ]
    again, _ = stat_import.import_statistics(target, Actor("li"), path, mapping=WIDE_MAPPING, layout=WIDE)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


@pytest.mark.parametrize(
    ("mapping", "layout", "message"),
    [
        ({0: "year", 1: "name", 2: "name", 3: "value"}, None, "C列：“指标名称”已对应B列，一个字段只能对应一列"),
        ({0: "year", 1: "unit", 3: "value"}, None, "还没有对应列的必填项：指标名称或指标代码"),
        ({1: "name", 3: "value"}, LONG, "必填项：年份"),
        ({0: "year", 1: "name", 2: "unit"}, LONG, "数值或增速(%)"),
        (
            {0: "name", 2: year_field(2020), 4: year_field(2020)},
            None,
            "E列：“2020年数值”已对应C列，同一年份的数值或增速只能对应一列",
        ),
        ({0: "name", 2: year_field(2020), 3: "year"}, None, "D列：宽表（年份横向排列）中不能选择“年份”"),
        ({0: "name", 2: year_field(2020)}, LONG, "长表（每行一个数）中不能选择“2020年数值”"),
        ({0: "name", 2: year_field(1800)}, None, "C列：年份1800 不在 1949"),
        ({0: "name", 2: "value:二〇二〇"}, None, "不是有效的年份列"),
        ({0: "name", 1: "unit"}, WIDE, "至少一个年份的数值或增速"),
        ({0: "name", 2: year_field(2020), 9: "unit"}, None, "表头只有6列，没有第10列"),
        ({0: "name", 2: year_field(2020)}, "diagonal", "未知的表格布局"),
    ],
)
def test_bad_mappings_are_refused_with_the_problem_and_write_nothing(target, tmp_path, mapping, layout, message):
    path = write_xlsx(tmp_path / "宽表.xlsx", WIDE_ROWS)
    with pytest.raises(ImportRefused) as refused:
        stat_import.import_statistics(target, Actor("li"), path, mapping=mapping, layout=layout)
    assert message in str(refused.value)
    assert _figures(target) == []


def test_a_unit_stated_in_a_mapped_header_is_checked_against_the_indicator(target, tmp_path):
    path = write_xlsx(
        tmp_path / "单位.xlsx",
        [
            ["项目名称", "2020年（万元）", "2021年(单位：亿元)", "2021年增速(必填)"],
            ["外贸进出口总额", 2898400, 301.5, 4.0],
        ],
    )
    mapping = {0: "name", 1: year_field(2020), 2: year_field(2021), 3: year_field(2021, "growth")}
    result, _ = stat_import.import_statistics(target, Actor("li"), path, mapping=mapping)
    assert not result.written and _figures(target) == []
    assert [(e.row, e.column_letter) for e in result.errors] == [(2, "B")]
    assert "万元" in result.errors[0].message and "不会自动换算" in result.errors[0].message
    fixed = {0: "name", 2: year_field(2021), 3: year_field(2021, "growth")}  # 万元 column 忽略
    result, _ = stat_import.import_statistics(target, Actor("li"), path, mapping=fixed)
    assert result.written and _figures(target) == [("WM", 2021, Decimal("301.5"), Decimal("4.0"))]


def test_a_mapping_replaces_a_recognised_header_and_the_preview_describes_its_columns(target, tmp_path):
    path = write_xlsx(
        tmp_path / "长.xlsx",
        [["年份", "指标", "单位", "数值", "增速(%)", "上年数"], [2020, "外贸进出口总额", "亿元", 289.84, 5.2, 275.51]],
    )
    preview = stat_import.preview_statistics(target, path)
    shown = statistics_mapping.columns_of_preview(preview)
    assert shown.layout == LONG
    assert [c.field for c in shown.columns] == ["year", "name", "unit", "value", "growth", None]
    assert shown.columns[5].samples == ("275.51",)
    # the officer reads 上年数 as the value instead (and ignores 数值)
    remapped = stat_import.preview_statistics(target, path, mapping={0: "year", 1: "name", 5: "value"})
    assert [(code, year, clean["value"], clean.get("growth")) for code, year, clean in remapped.entries] == [
        ("WM", 2020, Decimal("275.51"), None)
    ]


def test_mapping_problems_and_labels():
    assert statistics_mapping.field_label(year_field(2021, "growth")) == "2021年增速(%)"
    assert statistics_mapping.split_year_field("value:2020") == ("value", 2020)
    assert statistics_mapping.split_year_field("name") is None
    assert statistics_mapping.layout_of({0: "name", 1: None, 2: "growth:2020"}) == WIDE
    assert statistics_mapping.mapping_problems({0: "name", 1: None, 2: None, 3: "value", 4: "year"}) == {}
    assert statistics_mapping.missing_required({0: None}) == ["指标名称或指标代码", "年份", "数值或增速(%)"]
    assert statistics_mapping.stated_unit("数值（亿元）", ()) == "亿元"
    assert statistics_mapping.stated_unit("本期数(家)", {"家"}) == "家"
    assert statistics_mapping.stated_unit("数值(必填)", {"家"}) == ""
