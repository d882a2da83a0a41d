"""Exports read back with openpyxl (values, types, number formats, formulas only in 合计) and with LibreOffice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from jjdesk.services.core.progress import Cancelled
from jjdesk.services.excel.style import display_width
from jjdesk.services.exports import lists
from jjdesk.services.exports.view import export_listing
from jjdesk.services.records import enterprises, initiatives
from jjdesk.services.records.listing import ENTERPRISE_LISTING, ListQuery
from tests.services.excel_helpers import (
    FORMULA_LOOKING,
    libreoffice_csv,
    libreoffice_csvs,
    needs_soffice,
    seed_ledger,
)


@pytest.fixture
def ledger(db, enterprise_values):
    seed_ledger(db, enterprise_values)
    return db


def _formula_cells(ws):
    return [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_enterprise_export_values_types_and_formats(ledger, tmp_path):
    out = tmp_path / "企业.xlsx"
    result = lists.export_enterprises(ledger, out)
    assert result.rows == {"入驻企业": 12}
    ws = openpyxl.load_workbook(out)["入驻企业"]
    assert ws["A1"].value == "外综服平台入驻企业名单" and ws["A1"].font.b
    assert ws["A2"].value.startswith("填报单位：") and "报告期：" in ws["A2"].value
    assert [c.value for c in ws[2] if c.value][-1] == "单位：万元"
    header = [c.value for c in ws[3]]
    assert (
        header[:3] == ["序号", "企业名称", "统一社会信用代码"]
        and "年出口额（万元）" in header
        and "注册资本（万元）" in header
    )
    assert all(c.font.b for c in ws[3])
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == "A3:S15"
    assert ws.print_title_rows == "$1:$3" and ws.oddFooter.center.text == "第 &P 页 / 共 &N 页"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    # 19 columns on one A4 width would print at ~40%: a readable scale across pages, 序号 and 企业名称 repeated.
    assert not ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.scale == 75
    assert ws.print_title_cols == "$A:$B" and ws.page_setup.pageOrder == "overThenDown"
    col = {h: i + 1 for i, h in enumerate(header)}
    stored = {e["name"]: e for e in enterprises.search(ledger, limit=100)}
    for r in range(4, 16):
        row = {h: ws.cell(r, col[h]) for h in header}
        ent = stored[row["企业名称"].value]
        assert row["序号"].value == r - 3 and row["序号"].number_format == "#,##0"
        money = row["年出口额（万元）"]
        assert money.number_format == "#,##0.00" and Decimal(repr(money.value)) == ent["export_value"]
        join = row["入驻日期"]
        assert isinstance(join.value, dt.datetime) and join.value.date() == ent["join_date"]
        assert join.number_format == "yyyy-mm-dd" and join.is_date
        assert row["统一社会信用代码"].value == ent["credit_code"] and row["统一社会信用代码"].data_type == "s"
        assert row["使用服务"].value == "、".join(ent["services"])
        assert row["上市企业"].value == ("是" if ent["is_listed"] else "否")
        assert row["审核状态"].value == "草稿"
        assert (row["备注"].value or "") == ent["notes"]
    total = ws[16]
    assert total[0].value == "合计"
    assert _formula_cells(ws) == [f"{openpyxl.utils.get_column_letter(col['年出口额（万元）'])}16"]
    letter = openpyxl.utils.get_column_letter(col["年出口额（万元）"])
    assert ws[f"{letter}16"].value == f"=SUBTOTAL(109,{letter}4:{letter}15)"  # follows the autofilter
    # Widths fit Chinese text: the name column is at least as wide as its longest name counted CJK×2.
    widest = max(display_width(n) for n in stored)
    assert ws.column_dimensions["B"].width >= widest


def test_formula_looking_text_stays_text(ledger, tmp_path):
    out = tmp_path / "e.xlsx"
    lists.export_enterprises(ledger, out)
    ws = openpyxl.load_workbook(out).active
    notes_col = [c.value for c in ws[3]].index("备注") + 1
    cells = [ws.cell(r, notes_col) for r in range(4, 4 + len(FORMULA_LOOKING))]
    assert sorted(c.value for c in cells) == sorted(FORMULA_LOOKING)
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_cancel_leaves_no_file_and_keeps_an_existing_one(ledger, tmp_path):
    out = tmp_path / "e.xlsx"
    out.write_bytes(b"earlier export")
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled):
        lists.export_enterprises(ledger, out, should_cancel=cancel)
    assert out.read_bytes() == b"earlier export"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx"] == ["e.xlsx"]


def test_progress_reaches_the_total(ledger, tmp_path):
    seen = []
    lists.export_enterprises(ledger, tmp_path / "e.xlsx", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (12, 12)


def test_initiatives_export_has_milestones_and_indicators(db, tmp_path, clerk):
    initiatives.create(
        db,
        clerk,
        {
            "name": "数字生活新服务样板县创建",
            "category": "数字贸易",
            "status": "推进中",
            "start_date": "2021-01-01",
            "funds": "340",
        },
        milestones=[
            {"due_date": "2021-02-19", "text": "组建起草小组", "done": True, "done_date": "2021-02-19"},
            {"due_date": "2021-03-29", "text": "审议通过"},
        ],
        indicators=[{"name": "工业机器人", "unit": "台", "target": "350", "actual": "280"}],
    )
    out = tmp_path / "i.xlsx"
    result = lists.export_initiatives(db, out, today=dt.date(2021, 6, 1))
    assert result.rows == {"工作举措": 1, "里程碑": 2, "目标指标": 1}
    wb = openpyxl.load_workbook(out)
    main = wb["工作举措"]
    header = [c.value for c in main[3]]
    row = dict(zip(header, [c.value for c in main[4]], strict=True))
    assert row["资金（万元）"] == 340 and row["里程碑完成"] == "1/2" and row["逾期节点"] == 1
    assert main["A5"].value == "合计" and _formula_cells(main) == ["I5", "N5"]
    states = [r[-1] for r in wb["里程碑"].iter_rows(min_row=4, values_only=True)]
    assert states == ["已完成", "逾期"]
    ind = [c.value for c in wb["目标指标"][4]]
    assert ind[1:] == ["数字生活新服务样板县创建", "工业机器人", "台", 350, 280, 80]
    assert wb["目标指标"]["G4"].number_format == "0.0"


def test_statistics_export_tree_years_and_formats(ledger, tmp_path):
    out = tmp_path / "s.xlsx"
    lists.export_statistics(ledger, out)
    wb = openpyxl.load_workbook(out)
    ws = wb["统计数据"]
    header = [c.value for c in ws[3]]
    assert header[:5] == ["指标代码", "指标名称", "计量单位", "2019年", "2019年增速(%)"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=4)}
    wm = rows["WM"]
    assert [c.value for c in wm[3:7]] == [275.51, -1.4, 289.84, 5.2]
    assert wm[5].number_format == "0.00" and wm[6].number_format == "0.0"
    assert rows["WM.CK.SZ"][1].alignment.indent == 2 and rows["WM"][1].alignment.indent == 0
    assert rows["SZ.HXZB"][5].number_format == "0.0"  # a percentage indicator
    assert _formula_cells(ws) == []
    long = [r for r in wb["明细（长表）"].iter_rows(min_row=4, values_only=True)]
    assert long[0][:6] == (2019, "WM", "外贸进出口总额", "亿元", 275.51, -1.4)
    assert len(long) == 11


def test_listing_export_holds_exactly_the_listed_rows(ledger, tmp_path):
    query = ListQuery(sort_key="export_value", descending=True)
    out = tmp_path / "list.xlsx"
    export_listing(ledger, out, ENTERPRISE_LISTING, query, keys=["name", "export_value", "review_status"])
    ws = openpyxl.load_workbook(out).active
    names = [r[1] for r in ws.iter_rows(min_row=4, values_only=True) if r[0] != "合计"]
    listed = [row[1] for row in ENTERPRISE_LISTING.fetch(ledger, query, 0, 100)]
    assert names == listed
    assert [c.value for c in ws[3]] == ["序号", "企业名称", "年出口额（万元）", "审核状态"]


@pytest.mark.slow  # two LibreOffice conversions
@needs_soffice
def test_libreoffice_reads_the_same_values(ledger, tmp_path):
    out = tmp_path / "e.xlsx"
    lists.export_enterprises(ledger, out)
    lists.export_statistics(ledger, tmp_path / "s.xlsx")
    ws = openpyxl.load_workbook(out).active
    raw = libreoffice_csv(out, tmp_path / "lo")["入驻企业"]
    both_shown = libreoffice_csvs([out, tmp_path / "s.xlsx"], tmp_path / "lo-shown", shown=True)
    shown = both_shown[out]["入驻企业"]
    ours = list(ws.iter_rows(values_only=True))
    assert len(raw) == len(ours)
    money_col = list(ours[2]).index("年出口额（万元）")
    for mine, theirs, as_shown in zip(ours[3:-1], raw[3:-1], shown[3:-1], strict=True):
        for i, (a, b) in enumerate(zip(mine, theirs, strict=True)):
            if isinstance(a, dt.datetime):
                assert b == a.date().isoformat()
            elif isinstance(a, (int, float)):
                assert Decimal(b) == Decimal(repr(a))
            else:
                assert b == (a or ""), (i, a, b)  # formula-looking notes come back as the same text
        assert as_shown[money_col] == f"{Decimal(theirs[money_col]):,.2f}"
    expected_total = sum(Decimal(r[money_col]) for r in raw[3:-1])
    assert raw[-1][0] == "合计" and Decimal(raw[-1][money_col]) == expected_total
    stats = both_shown[tmp_path / "s.xlsx"]
    wm = next(r for r in stats["统计数据"] if r[0] == "WM")
    assert wm[3:7] == ["275.51", "-1.4", "289.84", "5.2"]
