"""Cross-tabs: totals equal the sums (and say so when a multi-valued dimension makes them differ), money exact,
click-through filters the list pages accept, and the workbook read back (values, formats, live SUM formulas)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from jjdesk.services.core.actor import Actor
from jjdesk.services.records import enterprises, initiatives
from jjdesk.services.records.listing import ENTERPRISE_LISTING, INITIATIVE_LISTING, ListQuery
from jjdesk.services.summaries import crosstab


@pytest.fixture
def ledger(db, clerk, enterprise_values):
    """Five enterprises with known types, clusters, services, join dates and export values."""
    rows = [
        ("外贸公司", "家电", ["通关", "退税"], "2020-06-01", "289.84"),
        ("外贸公司", "家电", ["通关"], "2020-07-15", "289.84"),
        ("外贸公司", "光电", [], "2021-01-03", "289.84"),
        ("生产企业", "光电", ["退税"], "2021-01-20", "0.01"),
        ("生产企业", None, ["通关", "收汇", "退税"], None, None),
    ]
    for etype, cluster, services, joined, export in rows:
        enterprises.create(
            db,
            clerk,
            enterprise_values(
                enterprise_type=etype, cluster=cluster, services=services, join_date=joined, export_value=export
            ),
        )
    return db


def _opens(db, criteria: dict) -> int:
    listing = {"enterprises": ENTERPRISE_LISTING, "initiatives": INITIATIVE_LISTING}[criteria["page"]]
    return listing.count(db, ListQuery(filters={k: v for k, v in criteria.items() if k != "page"}))


def test_vocabulary_of_dimensions_and_measures():
    assert list(crosstab.DIMENSIONS)[:6] == [
        "enterprise_type",
        "cluster",
        "service",
        "join_year",
        "join_month",
        "review_status",
    ]
    assert crosstab.DIMENSIONS["lead_department"] == "牵头单位"
    assert crosstab.measures_for("cluster") == ["count", "export_sum", "export_avg"]
    assert crosstab.measures_for("category") == ["count", "funds_sum", "funds_avg"]
    assert crosstab.dimensions_for("initiatives") == ["category", "status", "lead_department"]


def test_sums_are_exact_and_totals_equal_the_sums(ledger):
    tab = crosstab.crosstab(ledger, "enterprise_type", "cluster", "export_sum")
    assert tab.row_labels == ["外贸公司", "生产企业"] and tab.column_labels == ["家电", "光电", "（未填）"]
    assert tab.cells == [[Decimal("579.68"), Decimal("289.84"), None], [None, Decimal("0.01"), None]]
    assert str(tab.cells[0][1]) == "289.84" and all(
        isinstance(v, Decimal) for row in tab.cells for v in row if v is not None
    )
    assert tab.row_totals == [Decimal("869.52"), Decimal("0.01")]
    assert tab.column_totals == [Decimal("579.68"), Decimal("289.85"), None]
    assert tab.grand_total == Decimal("869.53") == sum(tab.row_totals)
    for j, total in enumerate(tab.column_totals):
        assert total == (sum(r[j] for r in tab.cells if r[j] is not None) if total is not None else None)
    assert tab.additive_rows and tab.additive_columns and tab.unit == "万元"


def test_counts_by_join_month_and_year_with_clickable_cells(ledger):
    tab = crosstab.crosstab(ledger, "join_month", "enterprise_type", "count")
    assert tab.row_labels == ["2020-06", "2020-07", "2021-01", "（未填）"]
    assert tab.cells == [[1, 0], [1, 0], [1, 1], [0, 1]] and tab.grand_total == 5
    assert tab.row_totals == [1, 1, 2, 1] and tab.column_totals == [3, 2]
    assert tab.cell_filters[2][1] == {
        "page": "enterprises",
        "join_from": dt.date(2021, 1, 1),
        "join_to": dt.date(2021, 1, 31),
        "enterprise_type": "生产企业",
    }
    for i, row in enumerate(tab.cell_filters):
        for j, f in enumerate(row):
            if f:
                assert _opens(ledger, f) == tab.cells[i][j]
    assert tab.row_filters[-1] == {} and _opens(ledger, tab.total_filter) == 5
    years = crosstab.crosstab(ledger, "join_year", None, "count")
    assert (years.row_labels, [c[0] for c in years.cells]) == (["2020年", "2021年", "（未填）"], [2, 2, 1])
    assert years.column_labels == ["数量"] and years.column_totals == [5]


def test_service_counts_each_enterprise_once_in_totals(ledger):
    tab = crosstab.crosstab(ledger, "service", "enterprise_type", "count")
    assert tab.row_labels == ["通关", "收汇", "退税", "（未使用服务）"]
    assert tab.cells == [[2, 1], [0, 1], [1, 2], [1, 0]]
    assert tab.row_totals == [3, 1, 3, 1]  # across types: each row adds up
    assert tab.column_totals == [3, 2] and tab.grand_total == 5  # distinct enterprises, not 5 + 3 = 8
    assert sum(r[0] for r in tab.cells) == 4 > tab.column_totals[0]
    assert tab.additive_rows and not tab.additive_columns
    assert any("去重" in n for n in tab.notes)
    for i, label in enumerate(tab.row_labels[:3]):
        assert _opens(ledger, tab.row_filters[i]) == tab.row_totals[i], label
    money = crosstab.crosstab(ledger, "service", None, "export_sum")
    assert [c[0] for c in money.cells] == [Decimal("579.68"), None, Decimal("289.85"), Decimal("289.84")]
    assert money.grand_total == Decimal("869.53")  # each enterprise's export once


def test_averages_are_exact_to_the_cent_and_not_added(ledger):
    tab = crosstab.crosstab(ledger, "enterprise_type", None, "export_avg")
    assert [c[0] for c in tab.cells] == [Decimal("289.84"), Decimal("0.01")]
    assert tab.grand_total == Decimal("217.38")  # 869.53 / 4 enterprises with a value
    assert not tab.additive_columns


def test_initiative_dimensions(db, clerk, demo_data):
    demo_data(db, generated=0, actor=Actor("system", "admin"))
    initiatives.create(
        db,
        clerk,
        {
            "name": "数字贸易补助",
            "category": "数字贸易",
            "lead_department": "区商务局",
            "status": "已完成",
            "funds": "60.5",
        },
    )
    tab = crosstab.crosstab(db, "category", "status", "funds_sum")
    row = tab.row_labels.index("数字贸易")
    assert tab.column_labels == ["推进中", "已完成"]
    assert tab.cells[row] == [Decimal("540"), Decimal("60.5")] and tab.grand_total == Decimal("600.5")
    assert _opens(db, tab.cell_filters[row][1]) == 1
    dept = crosstab.crosstab(db, "lead_department", None, "count")
    assert dict(zip(dept.row_labels, (c[0] for c in dept.cells), strict=True)) == {
        "区商务局": 1,
        "区经科局": 8,
        "数字经济系统建设专班": 1,
    }
    assert dept.unit == "项"
    # each lead department opens the initiative list filtered to it, holding exactly the counted initiatives
    assert dept.row_filters[0] == {"page": "initiatives", "lead_department": "区商务局"}
    for label, f, cells in zip(dept.row_labels, dept.row_filters, dept.cells, strict=True):
        assert _opens(db, f) == cells[0], label
    by_status = crosstab.crosstab(db, "lead_department", "status", "count")
    row = by_status.row_labels.index("区经科局")
    col = by_status.column_labels.index("推进中")
    assert _opens(db, by_status.cell_filters[row][col]) == by_status.cells[row][col] > 0


@pytest.mark.parametrize(
    ("row", "column", "measure", "message"),
    [
        ("cluster", "category", "count", "不属于同一类记录"),
        ("cluster", "cluster", "count", "同一个维度"),
        ("cluster", None, "funds_sum", "不适用于企业"),
        ("size", None, "count", "不是可用的分组维度"),
        ("cluster", None, "median", "不是可用的汇总指标"),
    ],
)
def test_refusals(db, row, column, measure, message):
    with pytest.raises(ValueError, match=message):
        crosstab.crosstab(db, row, column, measure)


def test_export_reads_back_with_values_formats_and_sum_formulas(ledger, tmp_path):
    tab = crosstab.crosstab(ledger, "enterprise_type", "cluster", "export_sum")
    out = crosstab.export_crosstab(tab, tmp_path / "透视.xlsx")
    ws = openpyxl.load_workbook(out)["透视表"]
    assert ws["A1"].value == "企业年出口额合计按企业类型和产业集群汇总" and "单位：万元" in ws["A2"].value
    assert [c.value for c in ws[3]] == ["企业类型＼产业集群", "家电", "光电", "（未填）", "合计"]
    assert [c.value for c in ws[4]] == ["外贸公司", 579.68, 289.84, None, "=SUM(B4:D4)"]
    assert [c.value for c in ws[5]] == ["生产企业", None, 0.01, None, "=SUM(B5:D5)"]
    assert [c.value for c in ws[6]] == ["合计", "=SUM(B4:B5)", "=SUM(C4:C5)", "=SUM(D4:D5)", "=SUM(E4:E5)"]
    assert ws["B4"].number_format == "#,##0.00" and ws["E6"].number_format == "#,##0.00"
    assert ws["E6"].font.b and ws.page_setup.paperSize == 9
    values = openpyxl.load_workbook(out, data_only=True)  # no cached results: formulas are live, not pasted values
    assert values["透视表"]["E6"].value is None


def test_export_of_a_multi_valued_count_writes_honest_totals_and_the_note(ledger, tmp_path):
    tab = crosstab.crosstab(ledger, "service", "enterprise_type", "count")
    ws = openpyxl.load_workbook(crosstab.export_crosstab(tab, tmp_path / "s.xlsx")).active
    assert [c.value for c in ws[4]] == ["通关", 2, 1, "=SUM(B4:C4)"]
    assert [c.value for c in ws[8]] == ["合计", 3, 2, 5]  # distinct enterprises, not SUM formulas
    assert ws["B4"].number_format == "#,##0"
    notes = [r[0] for r in ws.iter_rows(min_row=9, values_only=True) if r[0]]
    assert notes and "各计一次" in notes[0]


def test_export_without_column_dimension(ledger, tmp_path):
    tab = crosstab.crosstab(ledger, "cluster", None, "count")
    ws = openpyxl.load_workbook(crosstab.export_crosstab(tab, tmp_path / "c.xlsx")).active
    assert [c.value for c in ws[3]] == ["产业集群", "数量"]
    assert [tuple(c.value for c in r) for r in ws.iter_rows(min_row=4, max_row=7)] == [
        ("家电", 2),
        ("光电", 2),
        ("（未填）", 1),
        ("合计", "=SUM(B4:B6)"),
    ]


def test_exports_carry_the_officers_reporting_unit(ledger, tmp_path):
    """The 填报单位 set in the window (or --unit) heads the cross-tab, 审核报告 and 修改记录 workbooks too."""
    from jjdesk.services.exports import review
    from jjdesk.services.review import checks, history

    unit = "椒江区数字经济工作专班"
    tab = crosstab.crosstab(ledger, "enterprise_type", "cluster", "count")
    written = [
        crosstab.export_crosstab(tab, tmp_path / "透视.xlsx", unit),
        review.export_check_report(
            checks.run_checks(ledger, 2021, "all"), tmp_path / "审核.xlsx", reporting_unit=unit
        ).path,
    ]
    first = enterprises.search(ledger, limit=1)[0]
    rows = history.record_history(ledger, "enterprise", first["id"])
    written.append(review.export_history(rows, tmp_path / "修改.xlsx", first["name"], reporting_unit=unit).path)
    for path in written:
        line = openpyxl.load_workbook(path).active["A2"].value
        assert f"填报单位：{unit}" in line, (path.name, line)
