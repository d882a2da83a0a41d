"""Statistics import, as the QA pass on issue 5 found it wanting: cells read as the officer sees them (percent
formats, 7.1% text, 2021年, 其中：, merged cells, two-row headers), review-rule findings in the preview, dry-run
counts, header-only files. Every file is written here and read back through the services."""

from __future__ import annotations

import json
from decimal import Decimal

import openpyxl
import pytest

from jjdesk.services.core.actor import Actor
from jjdesk.services.imports import statistics as stat_import
from jjdesk.services.imports.common import NO_DATA_ROWS, NoDataRows
from jjdesk.services.imports.table_reader import PercentCell, read_sheets
from jjdesk.services.imports.xlsx_percent import is_percent_format, percent_cells
from jjdesk.services.records import statistics
from tests.services.excel_helpers import seed_statistics

LONG_HEADER = ["年份", "指标", "单位", "数值", "增速(%)"]


@pytest.fixture
def target(tmp_path, clerk, fresh_db):
    database = fresh_db(tmp_path / "target.db")
    seed_statistics(database, clerk, figures=False)
    return database


@pytest.fixture
def seeded(db, clerk):
    seed_statistics(db, clerk)
    return db


def _xlsx(path, rows, formats=None, merges=()):
    """A workbook of ``rows``; ``formats`` maps a cell ("E2") to its number format; ``merges`` ranges to merge."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path


def _figure(db, code, year):
    v = statistics.get_value(db, code, year)
    return None if v is None else (v["value"], v["growth"])


# ---------------------------------------------------------------- #1 percent formats


def test_percent_format_codes():
    assert all(is_percent_format(c) for c in ("0%", "0.0%", "0.00%;[Red]-0.00%", "#,##0.0%"))
    assert not any(is_percent_format(c) for c in ("0.00", '0.0"%"', "0.0\\%", "General", "[$%-804]0.0"))


def test_percent_formatted_growth_and_share_import_as_shown(target, tmp_path):
    path = _xlsx(
        tmp_path / "pct.xlsx",
        [
            LONG_HEADER,
            [2021, "外贸进出口总额", "亿元", 310.5, 0.071],
            [2021, "外贸公司出口额", "亿元", 75.2, 0.1],
            [2021, "数字经济核心产业增加值占全市比重", "%", 0.125, None],
        ],
        {"E2": "0.0%", "E3": "0%", "D4": "0.0%"},
    )
    result, _ = stat_import.import_statistics(target, Actor("li"), path)
    assert result.ok and result.written and result.created == 3
    assert _figure(target, "WM", 2021) == (Decimal("310.5"), Decimal("7.1"))
    assert _figure(target, "WM.CK.WMGS", 2021) == (Decimal("75.2"), Decimal("10"))
    assert _figure(target, "SZ.HXZB", 2021)[0] == Decimal("12.5")


def test_percent_format_on_a_money_value_is_a_problem_not_a_silent_value(target, tmp_path):
    path = _xlsx(tmp_path / "pct.xlsx", [LONG_HEADER, [2021, "外贸进出口总额", "亿元", 3.105, 7.1]], {"D2": "0%"})
    result, _ = stat_import.import_statistics(target, Actor("li"), path)
    assert not result.written and [(e.row, e.column_letter) for e in result.errors] == [(2, "D")]
    assert "百分比格式" in result.errors[0].message and "310.5%" in result.errors[0].message


def test_percent_cells_are_only_looked_for_when_the_styles_define_a_percent_format(tmp_path, monkeypatch):
    plain = _xlsx(tmp_path / "plain.xlsx", [LONG_HEADER, [2021, "外贸进出口总额", "亿元", 310.5, 7.1]], {"D2": "0.00"})
    import jjdesk.services.imports.xlsx_percent as xp

    monkeypatch.setattr(xp, "_sheet_cells", lambda *a: pytest.fail("a sheet was parsed"))
    assert percent_cells(plain) == {}
    assert all(type(c) is not PercentCell for r in read_sheets(plain, percent=True)[0].rows for c in r)


def test_enterprise_reads_never_mark_percent_cells(tmp_path):
    path = _xlsx(tmp_path / "pct.xlsx", [["企业名称", "年出口额"], ["台州甲有限公司", 0.5]], {"B2": "0%"})
    assert type(read_sheets(path)[0].rows[1][1]) is float
    assert type(read_sheets(path, percent=True)[0].rows[1][1]) is PercentCell


# ---------------------------------------------------------------- #14 2021年, 7.1%, 下降15.3%; 其中：


def test_long_table_accepts_year_with_nian_and_rates_written_as_text(target, tmp_path):
    path = tmp_path / "pct.csv"
    path.write_text(
        "年份,指标,单位,数值,增速(%)\n2021,外贸进出口总额,亿元,310.5,7.1%\n"
        "2021年,第一产业增加值,亿元,18.98,下降15.3%\n2021年度,其中：外贸公司出口额,亿元,75.2,增长 6.1 ％\n",
        encoding="utf-8",
    )
    result, _ = stat_import.import_statistics(target, Actor("li"), path)
    assert result.ok and result.created == 3, [str(e) for e in result.errors]
    assert _figure(target, "WM", 2021) == (Decimal("310.5"), Decimal("7.1"))
    assert _figure(target, "GDP.1", 2021) == (Decimal("18.98"), Decimal("-15.3"))
    assert _figure(target, "WM.CK.WMGS", 2021) == (Decimal("75.2"), Decimal("6.1"))


def test_a_percent_sign_on_a_money_value_is_still_refused(target, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("年份,指标,单位,数值\n2021,外贸进出口总额,亿元,7.1%\n", encoding="utf-8")
    result, _ = stat_import.import_statistics(target, Actor("li"), path)
    assert not result.written and result.errors[0].column_letter == "D"


# ---------------------------------------------------------------- #15 merged cells and two-row headers


def test_two_row_header_with_the_year_merged_over_value_and_growth(target, tmp_path):
    path = _xlsx(
        tmp_path / "two.xlsx",
        [
            ["指标名称", "计量单位", "2020年", None, "2021年", None],
            [None, None, "数值", "增速(%)", "数值", "增速(%)"],
            ["外贸进出口总额", "亿元", 289.84, 5.2, 310.5, 7.1],
            ["外贸公司出口额", "亿元", 70.88, 10.7, 75.2, 6.1],
        ],
        merges=("A1:A2", "B1:B2", "C1:D1", "E1:F1"),
    )
    result, preview = stat_import.import_statistics(target, Actor("li"), path)
    assert result.ok and result.created == 4 and preview.layout == "wide" and preview.header_row == 2
    assert _figure(target, "WM", 2021) == (Decimal("310.5"), Decimal("7.1"))
    assert _figure(target, "WM.CK.WMGS", 2020) == (Decimal("70.88"), Decimal("10.7"))
    assert not any("合并单元格" in n for n in result.notes)  # the header's own merges are no news


def test_two_row_header_without_merges_takes_the_year_from_the_left(target, tmp_path):
    path = _xlsx(
        tmp_path / "two.xlsx", [["指标", "2021年", None], [None, "数值", "增速(%)"], ["外贸进出口总额", 310.5, 7.1]]
    )
    result, _ = stat_import.import_statistics(target, Actor("li"), path)
    assert result.ok and _figure(target, "WM", 2021) == (Decimal("310.5"), Decimal("7.1"))


def test_a_merged_year_alone_never_drops_its_second_column_silently(target, tmp_path):
    path = _xlsx(
        tmp_path / "m.xlsx",
        [["指标名称", "计量单位", "2021年", None, None], ["外贸进出口总额", "亿元", 310.5, 7.1, "手填"]],
        merges=("C1:D1",),
    )
    result, _ = stat_import.import_statistics(target, Actor("li"), path)
    assert result.ok and _figure(target, "WM", 2021) == (Decimal("310.5"), None)
    dropped = [n for n in result.notes if n.startswith("D列")]
    assert len(dropped) == 1 and "与C列都是2021年数值" in dropped[0] and "不导入" in dropped[0]
    assert any(n.startswith("E列") and "没有表头" in n for n in result.notes)


def test_a_wide_table_notes_the_columns_it_does_not_read(target, tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("指标,单位,2021年,备注,填报人\n外贸进出口总额,亿元,310.5,快报,张三\n", encoding="utf-8")
    result, _ = stat_import.import_statistics(target, Actor("li"), path)
    assert result.ok
    assert any(n.startswith("D列（备注）") for n in result.notes)
    assert any(n.startswith("E列（填报人）") for n in result.notes)


def test_merged_cells_in_the_data_area_fill_their_range(db, tmp_path):
    from jjdesk.services.families.codes import make_credit_code
    from jjdesk.services.imports import enterprises

    rows = [["企业名称", "统一社会信用代码", "企业类型"]]
    rows += [
        [f"台州合并{i}有限公司", make_credit_code(f"{76000000 + i:08d}"), "外贸公司" if i == 0 else None]
        for i in range(3)
    ]
    path = _xlsx(tmp_path / "merged.xlsx", rows, merges=("C2:C4",))
    preview = enterprises.preview_enterprises(db, path)
    assert not preview.errors() and [r.values["enterprise_type"] for r in preview.rows] == ["外贸公司"] * 3
    assert any("C2:C4" in n for n in preview.notes)
    title = _xlsx(tmp_path / "title.xlsx", [["企业名单", None, None], *rows], merges=("A1:C1", "D3:D5"))
    assert read_sheets(title)[0].rows[0] == ["企业名单", "", ""]  # a title banner is left as it is


# ---------------------------------------------------------------- #8 dry-run counts, #13 header only


def test_dry_run_counts_are_those_of_the_real_run(seeded, tmp_path):
    path = tmp_path / "mix.csv"
    path.write_text(
        "年份,指标,单位,数值,增速(%)\n2020,外贸进出口总额,亿元,290.01,5.3\n2021,外贸进出口总额,亿元,310.5,7.1\n"
        "2021,外贸公司出口额,亿元,75.2,6.1\n2020,三资企业出口额,亿元,36.37,7.8\n",
        encoding="utf-8",
    )
    dry, _ = stat_import.import_statistics(seeded, Actor("li"), path, dry_run=True)
    real, _ = stat_import.import_statistics(seeded, Actor("li"), path)
    assert real.written and not dry.written
    assert (dry.created, dry.updated, dry.unchanged) == (real.created, real.updated, real.unchanged) == (2, 1, 1)


@pytest.mark.parametrize("name", ["ho.csv", "ho.xlsx"])
def test_a_header_only_statistics_file_is_refused(target, tmp_path, name):
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text("年份,指标,单位,数值,增速(%)\n", encoding="utf-8")
    else:
        _xlsx(path, [LONG_HEADER, [None] * 5])
    with pytest.raises(NoDataRows, match=NO_DATA_ROWS):
        stat_import.import_statistics(target, Actor("li"), path, dry_run=True)


def test_a_wide_template_with_indicators_but_no_figures_is_refused(target, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("指标,单位,2021年\n外贸进出口总额,亿元,\n", encoding="utf-8")
    with pytest.raises(NoDataRows):
        stat_import.preview_statistics(target, path)


@pytest.mark.parametrize("name", ["ho.csv", "ho.xlsx"])
def test_a_header_only_enterprise_file_is_refused(db, tmp_path, name):
    from jjdesk.services.imports import enterprises

    header = ["企业名称", "统一社会信用代码", "企业类型"]
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text(",".join(header) + "\n", encoding="utf-8")
    else:
        _xlsx(path, [header])
    with pytest.raises(NoDataRows, match=NO_DATA_ROWS) as refused:
        enterprises.preview_enterprises(db, path)
    assert "第1行是表头" in str(refused.value)


# ---------------------------------------------------------------- #7 final figures: the reason's place


def test_a_final_figure_names_its_column_and_where_the_reason_goes(target, tmp_path, clerk):
    statistics.set_value(target, clerk, "WM", 2020, {"value": "289.84", "growth": "5.2", "basis": "final"})
    path = tmp_path / "rev.csv"
    path.write_text("年份,指标,单位,数值,增速(%)\n2020,外贸进出口总额,亿元,290.01,5.3\n", encoding="utf-8")
    cli, _ = stat_import.import_statistics(target, Actor("li"), path)
    assert "--reason" in cli.errors[0].message
    pv = stat_import.preview_statistics(target, path, reason_hint="：请在上方框中填写")
    assert pv.needs_reason == 1 and len(pv.errors) == 1
    error = pv.errors[0]
    assert str(error) == "第2行 D列（数值）：2020年“外贸进出口总额”已是最终核实数，修改须填写修改原因：请在上方框中填写"
    assert "--" not in error.message
    assert not stat_import.preview_statistics(target, path, reason="统计局修订").errors


# ---------------------------------------------------------------- #3 review rules in the preview


def test_the_preview_tells_what_the_review_rules_would_find_by_row(seeded, tmp_path):
    path = tmp_path / "jump.csv"
    path.write_text(
        "年份,指标,单位,数值,增速(%)\n2021,外贸公司出口额,亿元,75.2,6.1\n2021,生产企业出口额,亿元,1614500,3.0\n",
        encoding="utf-8",
    )
    pv = stat_import.preview_statistics(seeded, path)
    assert not pv.errors
    magnitude = [w for w in pv.warnings if "STAT-04" in w.message]
    assert [(w.row, w.column_letter, w.header) for w in magnitude] == [(3, "D", "数值")]
    assert "强制" in magnitude[0].message and "约10000倍" in magnitude[0].message
    assert "上报前须修正" in magnitude[0].message
    growth = [w for w in pv.warnings if "STAT-02" in w.message and w.row == 3]
    assert growth and growth[0].column_letter == "E"  # a growth finding points at the growth cell
    assert all(w.row != 2 for w in pv.warnings)  # 75.2 after 70.88 with 6.1% reported is consistent
    # Warnings do not block: the import is written, like a form's save, and the result carries them.
    result, _ = stat_import.import_statistics(seeded, Actor("li"), path)
    assert result.written and result.created == 2
    assert [w.message for w in result.warnings] == [w.message for w in pv.warnings]
    assert not any("STAT-04" in n for n in result.notes)  # told once, as warnings, not again among the notes
    assert "审核规则提示" in result.summary()
    as_json = json.loads(json.dumps(result.as_dict(), ensure_ascii=False))
    assert as_json["warning_count"] == len(pv.warnings) and as_json["warnings"][0]["row"] == 3
    # Once written, the same file finds nothing new: only what an import would add is told.
    again = stat_import.preview_statistics(seeded, path)
    assert again.unchanged == 2 and again.warnings == []


def test_a_figure_that_breaks_a_sum_is_told_on_the_total_it_breaks(seeded, tmp_path):
    path = tmp_path / "parts.csv"
    path.write_text(
        "年份,指标,单位,数值\n2021,地区生产总值,亿元,752.14\n2021,第一产业增加值,亿元,28.98\n", encoding="utf-8"
    )
    pv = stat_import.preview_statistics(seeded, path)
    sums = [w for w in pv.warnings if "STAT-01" in w.message]
    assert len(sums) == 1 and sums[0].row == 2 and "强制" in sums[0].message


def test_no_review_findings_for_a_consistent_file(target, tmp_path):
    path = _xlsx(tmp_path / "ok.xlsx", [LONG_HEADER, [2020, "外贸进出口总额", "亿元", 289.84, 5.2]])
    pv = stat_import.preview_statistics(target, path)
    assert not pv.errors and pv.warnings == [] and pv.created == 1


# ---------------------------------------------------------------- #18 the unit refusal's advice fits its place


def test_unit_refusal_advises_ignore_in_import_and_do_not_import_in_paste(db, tmp_path):
    from jjdesk.services.imports import enterprises, headers, paste

    imported = headers.match_headers(["企业名称", "出口额（万美元）"]).refusals[1]
    assert "忽略" in imported and "粘贴" not in imported and "换算为万元" in imported
    pasted = paste.preview_enterprises(db, [["企业名称", "出口额（万美元）"], ["台州甲有限公司", "12"]], [])
    problem = next(str(e) for e in pasted.errors if "万美元" in str(e))
    assert "重新粘贴" in problem and "不导入" in problem and "忽略" not in problem
    path = tmp_path / "unit.csv"
    path.write_text("企业名称,企业类型,出口额（万美元）\n台州甲有限公司,外贸公司,12\n", encoding="utf-8")
    for mapping in (None, {0: "name", 1: "enterprise_type", 2: "export_value"}):
        errors = enterprises.preview_enterprises(db, path, mapping=mapping).errors()
        assert len(errors) == 1 and "忽略" in errors[0].message and "粘贴" not in errors[0].message
