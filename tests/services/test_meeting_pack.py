"""The meeting pack: cover with data status, key figures, SQL pivots, initiatives, statistics, charts."""

from __future__ import annotations

import datetime as dt

import openpyxl

from jjdesk.services import demo, meeting_pack
from jjdesk.services.actor import Actor
from tests.services.excel_helpers import libreoffice_csv, needs_soffice


def _pack(db, tmp_path):
    demo.load_demo(db, generated=60, actor=Actor("system", "admin"))
    out = tmp_path / "会议材料.xlsx"
    result = meeting_pack.export_meeting_pack(db, out, year=2021, today=dt.date(2021, 6, 1))
    return out, result


def test_meeting_pack_sheets_figures_and_charts(db, tmp_path):
    out, result = _pack(db, tmp_path)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["封面", "主要数据", "按产业集群", "按企业类型", "按入驻月份", "工作举措", "逾期节点",
                             "统计数据"]
    cover = [r for r in wb["封面"].iter_rows(min_row=4, max_row=6, values_only=True)]
    assert cover[0][:6] == ("入驻企业", 65, 0, 0, 0, 65)
    clusters = wb["按产业集群"]
    rows = [r for r in clusters.iter_rows(min_row=4, values_only=True) if r[0] and r[0] != "合计"]
    assert sum(r[1] for r in rows) == 65 and result.rows["按产业集群"] == len(rows)
    assert abs(sum(r[2] for r in rows) - 100) < 0.5
    total = next(r for r in clusters.iter_rows(min_row=4) if r[0].value == "合计")
    assert total[1].value == f"=SUM(B4:B{3 + len(rows)})"
    assert all(len(wb[n]._charts) == 1 for n in ("按产业集群", "按企业类型", "按入驻月份", "统计数据"))
    overdue = [r for r in wb["逾期节点"].iter_rows(min_row=4, values_only=True) if r[0]]
    assert overdue == []  # on 2021-06-01 the 2022 milestone is not due yet
    stats: dict = {}
    for r in wb["统计数据"].iter_rows(min_row=4, values_only=True):
        if r[0]:
            stats.setdefault(r[0], r)  # the chart's own small table under the main one repeats names
    assert stats["地区生产总值"][3] == 752.14 and stats["地区生产总值"][4] == 6.2
    key = {r[0]: r for r in wb["主要数据"].iter_rows(min_row=4, values_only=True) if r[0]}
    assert key["2021年地区生产总值"][3] == "比上年增长6.2%"


def test_year_on_year_change_above_30_percent_is_flagged(db, tmp_path, clerk):
    from jjdesk.services import statistics

    demo.load_demo(db, generated=0, actor=clerk)
    statistics.set_value(db, clerk, "GDP", 2020, {"value": "500"})
    out = tmp_path / "p.xlsx"
    meeting_pack.export_meeting_pack(db, out, year=2021)
    row = next(r for r in openpyxl.load_workbook(out)["统计数据"].iter_rows(min_row=4, values_only=True)
               if r[0] == "地区生产总值")
    assert row[5] == 50.4 and "需说明" in row[6]


@needs_soffice
def test_libreoffice_opens_the_meeting_pack(db, tmp_path):
    out, _ = _pack(db, tmp_path)
    sheets = libreoffice_csv(out, tmp_path / "lo")
    assert set(sheets) >= {"封面", "按产业集群", "统计数据"}
    total = next(r for r in sheets["按产业集群"] if r[0] == "合计")
    assert total[1] == "65"


def test_explanations_sheet_names_the_record(db, tmp_path, clerk):
    from jjdesk.services import audit, statistics
    from jjdesk.store.models import ReviewExplanation

    demo.load_demo(db, generated=0, actor=clerk)
    figure = statistics.get_value(db, "WM", 2020)
    with db.write() as s:
        s.add(ReviewExplanation(rule_id="S-YOY30", entity="stat_value", entity_id=figure["id"], field="value",
                                values_key="289.84", text="=统计口径调整，海关数据重新分类", created_by="lihua",
                                created_at=audit.utcnow()))
    out = tmp_path / "p.xlsx"
    meeting_pack.export_meeting_pack(db, out, year=2020)
    ws = openpyxl.load_workbook(out)["核实说明"]
    row = [c.value for c in ws[4]]
    assert row[:5] == ["S-YOY30", "2020年 外贸进出口总额", "value", "=统计口径调整，海关数据重新分类", "lihua"]
    assert ws["D4"].data_type == "s" and ws["D4"].quotePrefix
