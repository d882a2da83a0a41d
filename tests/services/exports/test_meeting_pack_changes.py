"""变动情况 without noise: a blank field and an empty one are the same, and a figure entered since the last
pack reads 新增 (QA pass on issue 5, defect 17)."""

from __future__ import annotations

import openpyxl

from jjdesk.services.exports import meeting_pack
from jjdesk.services.imports import statistics as stat_import
from jjdesk.services.records import statistics
from jjdesk.services.review.reviewables import ENTERPRISE, STAT_YEAR
from jjdesk.services.review.snapshots import Item, record_differences


def test_blank_and_empty_do_not_differ_and_new_or_gone_fields_say_so():
    old = Item(STAT_YEAR, 1, "2021年统计", {"year": "2021", "notes": None, "GDP·value": "752.14", "GDP·source": ""})
    new = Item(
        STAT_YEAR,
        1,
        "2021年统计",
        {
            "year": "2021",
            "notes": "",
            "GDP·value": "760.5",
            "GDP·source": None,
            "WM·value": "310.5",
            "WM·growth": "7.1",
            "WM·source": "",
        },
    )
    diffs = record_differences(old, new, {"GDP": "地区生产总值", "WM": "外贸进出口总额"})
    assert [(d.kind, d.field_label, d.submitted, d.now) for d in diffs] == [
        ("修改", "地区生产总值·数值", "752.14", "760.5"),
        ("新增", "外贸进出口总额·增速(%)", None, "7.1"),
        ("新增", "外贸进出口总额·数值", None, "310.5"),
    ]
    gone = record_differences(new, old, {"WM": "外贸进出口总额"})
    assert {(d.kind, d.field) for d in gone if d.field.startswith("WM")} == {
        ("删除", "WM·growth"),
        ("删除", "WM·value"),
    }
    person = Item(ENTERPRISE, 7, "台州甲有限公司", {"name": "台州甲有限公司", "notes": None})
    assert (
        record_differences(person, Item(ENTERPRISE, 7, "台州甲有限公司", {"name": "台州甲有限公司", "notes": ""}), {})
        == []
    )


def _changes(path):
    ws = openpyxl.load_workbook(path)[meeting_pack.CHANGES_SHEET]
    return [r for r in ws.iter_rows(min_row=4, values_only=True) if any(v is not None for v in r)]


def test_meeting_pack_lists_imported_figures_as_new_and_no_blank_to_blank_rows(db, tmp_path, clerk, demo_data):
    demo_data(db, generated=0, actor=clerk)
    meeting_pack.export_meeting_pack(db, tmp_path / "一.xlsx", year=2021, actor=clerk)
    wide = tmp_path / "wide.csv"
    wide.write_text(
        "指标名称,计量单位,2021年,2021年增速(%)\n外贸进出口总额,亿元,310.5,7.1\n外贸公司出口额,亿元,75.2,6.1\n",
        encoding="utf-8",
    )
    result, _ = stat_import.import_statistics(db, clerk, wide)
    assert result.written and result.created == 2
    statistics.set_value(db, clerk, "GDP", 2021, {"value": "760.5", "source": ""})
    meeting_pack.export_meeting_pack(db, tmp_path / "二.xlsx", year=2021, actor=clerk)
    rows = _changes(tmp_path / "二.xlsx")
    assert all(r[4] not in (None, "") or r[5] not in (None, "") for r in rows), rows
    assert ("修改", "年度统计", "2021年统计", "地区生产总值·数值", "752.14", "760.5") in rows
    added = {(r[0], r[3], r[5]) for r in rows if r[3].startswith(("外贸进出口总额", "外贸公司出口额"))}
    assert added == {
        ("新增", "外贸进出口总额·数值", "310.5"),
        ("新增", "外贸进出口总额·增速(%)", "7.1"),
        ("新增", "外贸进出口总额·数据性质", "初步核算"),
        ("新增", "外贸公司出口额·数值", "75.2"),
        ("新增", "外贸公司出口额·增速(%)", "6.1"),
        ("新增", "外贸公司出口额·数据性质", "初步核算"),
    }
