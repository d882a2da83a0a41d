"""The look of the exports on paper and in the frame: row 2 never cut, wide lists readable in print, 合计 that
follows the filter, figures formatted by their unit, the pivots' months and （未填）, the listings' own labels."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter

from jjdesk.services.core.actor import Actor
from jjdesk.services.excel import writer
from jjdesk.services.excel.layout import text_need
from jjdesk.services.exports import lists as excel_export
from jjdesk.services.exports import meeting_pack
from jjdesk.services.exports.view import describe_query, export_listing
from jjdesk.services.records.listing import ENTERPRISE_LISTING, INITIATIVE_LISTING, ListQuery
from tests.services.excel_helpers import libreoffice_csv, libreoffice_pdf_pages, needs_pdftotext, needs_soffice

DAY = dt.date(2021, 6, 1)


@pytest.fixture
def demo_db(db, demo_data):
    demo_data(db, generated=60, actor=Actor("system", "admin"))
    return db


def _pack(db, tmp_path, **kw):
    out = tmp_path / "会议材料.xlsx"
    meeting_pack.export_meeting_pack(db, out, year=2021, today=DAY, **kw)
    return out


def _range_width(ws, cell) -> float:
    """Width units of the merged range starting at ``cell`` (or of its own column)."""
    first = last = cell.column
    for rng in ws.merged_cells.ranges:
        if rng.min_row == cell.row and rng.min_col == cell.column:
            last = rng.max_col
    return sum(ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(first, last + 1))


def _frame_fits(ws) -> None:
    """Every text of the title and the second line fits the cells it stands in (lines, when wrapped, too)."""
    for cell in ws[2]:
        if not cell.value:
            continue
        room = _range_width(ws, cell)
        lines = sum(-(-text_need(line) // room) for line in str(cell.value).split("\n"))
        if lines > 1:  # wrapped inside the cell, in a row tall enough for every line
            assert cell.alignment.wrap_text and ws.row_dimensions[2].height >= 14 * lines, (ws.title, cell.value)
    title = ws["A1"]
    need = text_need(title.value, 16)
    lines = -(-need * 1.1 // _range_width(ws, title))
    assert lines == 1 or ws.row_dimensions[1].height >= 24 * lines, ws.title


def test_row_2_fits_its_cells_on_every_sheet_narrow_or_wide(demo_db, tmp_path):
    pack = openpyxl.load_workbook(_pack(demo_db, tmp_path))
    cover = pack["封面"]
    _frame_fits(cover)
    text = "".join(str(c.value or "") for c in cover[2])
    assert "编制日期：2021年06月01日" in text and "单位：见各行" in text and "报告期：2021年" in text
    for ws in pack.worksheets:
        _frame_fits(ws)
    excel_export.export_enterprises(demo_db, tmp_path / "e.xlsx")
    excel_export.export_statistics(demo_db, tmp_path / "s.xlsx")
    for name in ("e.xlsx", "s.xlsx"):
        for ws in openpyxl.load_workbook(tmp_path / name).worksheets:
            _frame_fits(ws)
    # A list of one column: everything on lines of its own in one wrapped cell.
    export_listing(demo_db, tmp_path / "n.xlsx", ENTERPRISE_LISTING, ListQuery(), keys=["export_value"])
    narrow = openpyxl.load_workbook(tmp_path / "n.xlsx").active
    _frame_fits(narrow)
    assert narrow["A2"].value.split("\n")[-1] == "单位：万元"


@pytest.mark.slow  # LibreOffice prints the whole meeting pack to PDF
@needs_pdftotext
def test_libreoffice_prints_the_meeting_packs_second_lines_whole(demo_db, tmp_path):
    pages = libreoffice_pdf_pages(_pack(demo_db, tmp_path), tmp_path / "pdf")
    assert "单位：见各行" in pages[0] and "编制日期：2021年06月01日" in pages[0]
    stats = next(p for p in pages if "2021年主要统计指标" in p)
    assert "单位：见计量单位" in stats


@needs_pdftotext
def test_a_wide_list_prints_readably_across_pages_with_the_key_columns_repeated(demo_db, tmp_path):
    out = tmp_path / "企业.xlsx"
    excel_export.export_enterprises(demo_db, out)
    ws = openpyxl.load_workbook(out).active
    assert ws.max_column == 19 and ws.page_setup.scale == 75 and not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_cols == "$A:$B" and ws.print_title_rows == "$1:$3"
    pages = libreoffice_pdf_pages(out, tmp_path / "pdf")
    first, second = pages[0], pages[1]
    # Not all 19 columns squeezed onto one page; the title and the unit stand on the first page.
    assert "外综服平台入驻企业名单" in first and "单位：万元" in first and "审核状态" not in first
    # The next page across continues the same rows, with 序号 and 企业名称 repeated beside them.
    assert "企业名称" in second and "序号" in second and "企业名称" in first
    assert len(set(first.split()) & set(second.split())) > 20  # the same enterprises' names
    # A narrow list is still fitted to one page wide.
    export_listing(demo_db, tmp_path / "n.xlsx", ENTERPRISE_LISTING, ListQuery(), keys=["name", "export_value"])
    narrow = openpyxl.load_workbook(tmp_path / "n.xlsx").active
    assert narrow.sheet_properties.pageSetUpPr.fitToPage and narrow.page_setup.fitToWidth == 1


@needs_soffice
def test_the_total_follows_the_rows_left_showing(demo_db, tmp_path):
    out = tmp_path / "e.xlsx"
    excel_export.export_enterprises(demo_db, out)
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    money = column_index_from_string(next(c.column_letter for c in ws[3] if c.value == "年出口额（万元）"))
    total_row = next(r[0].row for r in ws.iter_rows(min_row=4) if r[0].value == "合计")
    hidden = range(4, 14)  # as Excel's autofilter hides the rows it filters out
    for r in hidden:
        ws.row_dimensions[r].hidden = True
    wb.save(tmp_path / "filtered.xlsx")
    raw = libreoffice_csv(tmp_path / "filtered.xlsx", tmp_path / "lo")["入驻企业"]
    shown = sum(float(raw[r - 1][money - 1] or 0) for r in range(14, total_row))
    assert float(raw[total_row - 1][money - 1]) == pytest.approx(shown)
    assert shown < sum(float(raw[r - 1][money - 1] or 0) for r in range(4, total_row))


def test_key_figures_are_formatted_by_their_unit(demo_db, tmp_path):
    ws = openpyxl.load_workbook(_pack(demo_db, tmp_path))["主要数据"]
    formats = {r[0].value: (r[2].value, r[1].number_format) for r in ws.iter_rows(min_row=4) if r[0].value}
    assert formats["入驻企业"] == ("家", "#,##0") and formats["工作举措"] == ("项", "#,##0")
    assert formats["逾期里程碑节点"] == ("个", "#,##0")
    assert formats["入驻企业年出口额合计"] == ("万元", "#,##0.00")
    assert formats["2021年地区生产总值"] == ("亿元", "0.00")


def test_join_months_cover_the_report_year_and_unfilled_comes_last(demo_db, tmp_path, clerk, enterprise_values):
    from jjdesk.services.records import enterprises

    enterprises.create(demo_db, clerk, enterprise_values(cluster=None))
    wb = openpyxl.load_workbook(_pack(demo_db, tmp_path))
    months = [r for r in wb["按入驻月份"].iter_rows(min_row=4, values_only=True) if r[0] and r[0] != "合计"]
    assert [m[0] for m in months] == [f"2021年{m:02d}月" for m in range(1, 13)]
    assert all(isinstance(m[1], int) for m in months) and 0 in [m[1] for m in months]
    clusters = [r[0] for r in wb["按产业集群"].iter_rows(min_row=4, values_only=True) if r[0] and r[0] != "合计"]
    assert clusters[-1] == "（未填）" and clusters.count("（未填）") == 1


def test_each_listing_heads_its_columns_with_its_own_labels_and_names_the_filter(demo_db, tmp_path):
    out = tmp_path / "举措.xlsx"
    query = ListQuery(search="数字", filters={"status": "推进中"})
    export_listing(demo_db, out, INITIATIVE_LISTING, query, today=DAY)
    wb = openpyxl.load_workbook(out)
    ws = wb["工作举措"]
    assert [c.value for c in ws[3]][:3] == ["序号", "举措名称", "类别"]
    assert ws["A2"].value == "填报单位：椒江区经科局　　报告期：截至2021年06月01日　　筛选：进展状态=推进中；搜索“数字”"
    assert wb.sheetnames == ["工作举措", "里程碑", "目标指标"]
    names = [r[1] for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    steps = [r[1] for r in wb["里程碑"].iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert set(steps) <= set(names)
    assert describe_query(ListQuery()) == ""
    assert describe_query(
        ListQuery(filters={"review_status": ("approved",), "is_demo": True, "join_from": "2021-01-01"})
    ) == ("筛选：入驻日期≥2021-01-01；审核状态=已审核；演示数据=是")
    export_listing(demo_db, tmp_path / "e.xlsx", ENTERPRISE_LISTING, ListQuery(), reporting_unit="外综服平台")
    assert openpyxl.load_workbook(tmp_path / "e.xlsx").active["A2"].value.startswith("填报单位：外综服平台　　报告期：")


def test_statistics_of_years_without_figures_are_refused_without_a_file(demo_db, tmp_path):
    for years in ([2030], [20]):
        refusal = rf"{years[0]}年没有统计数据，未导出文件。已有数据的年份："
        with pytest.raises(writer.NothingToExport, match=refusal):
            excel_export.export_statistics(demo_db, tmp_path / "s.xlsx", years=years)
        assert not list(tmp_path.glob("*.xlsx"))
    excel_export.export_statistics(demo_db, tmp_path / "s.xlsx", years=[2020, 2021, 2022])
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["统计数据"]
    assert "2022年" not in [c.value for c in ws[3]] and "报告期：2020—2021年" in ws["A2"].value
