"""Every workbook jjdesk writes keeps user text as text: a walk over every export with formula payloads.

The ledger's every free-text field, the 填报单位 and the labels a cross-tab groups by hold texts a spreadsheet
would take for a formula (or an error value). Each export is then read back in openpyxl and — after LibreOffice
has opened and saved it — again: the only formula cells are jjdesk's own totals (SUM/SUBTOTAL of ranges), and
every payload that was written comes back exactly as stored.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jjdesk.services.core.actor import Actor
from jjdesk.services.exports.lists import export_enterprises, export_initiatives, export_statistics
from jjdesk.services.exports.meeting_pack import export_meeting_pack
from jjdesk.services.exports.review import export_check_report, export_history
from jjdesk.services.exports.view import export_listing
from jjdesk.services.imports.enterprises import commit_enterprises, preview_enterprises
from jjdesk.services.imports.report import write_error_report
from jjdesk.services.records import enterprises, initiatives, listing, statistics
from jjdesk.services.review import checks, history, submission, workflow
from jjdesk.services.summaries import crosstab
from tests.services.excel_helpers import SOFFICE, _profile, needs_soffice, seed_statistics

# Texts that Excel, WPS or LibreOffice would compute, link, run or show as an error if stored as typed.
PAYLOADS = (
    "=1+1",
    '=HYPERLINK("http://example.invalid","点我")',
    "=cmd|' /C calc'!A0",
    "=SUM(A1:A3)",
    "+1+1",
    "-1+1",
    "@SUM(1,1)",
    "＝1+1",
    "#N/A",
)
UNIT = "=1+2"
# Distinct enough that no two names look like one enterprise registered twice (a 核实 finding).
SUFFIXES = ("", "眼镜制造", "阀门出口", "模具科技", "缝纫机械", "医药化工", "塑料制品", "汽摩配件", "智能马桶")
# jjdesk's own formulas, the only ones a workbook may hold.
OWN_FORMULA = re.compile(r"=(SUM|SUBTOTAL)\((109,)?\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?\)")
TODAY = date(2021, 3, 1)
CLERK = Actor("lihua", "entry")
REVIEWER = Actor("wangjun", "reviewer")


@pytest.fixture
def hostile_ledger(db, enterprise_values):
    """Enterprises, an initiative and an indicator whose texts are all formula payloads, all approved."""
    seed_statistics(db, CLERK)
    ids = []
    for i, payload in enumerate(PAYLOADS):
        e = enterprises.create(
            db,
            CLERK,
            enterprise_values(
                name=payload + SUFFIXES[i],
                cluster=payload if len(payload) <= 16 else "=1+1",
                channels=payload if len(payload) <= 16 else "=1+1",
                contact_name="林晓",
                notes=payload,
                join_date="2020-06-01",
            ),
        )
        ids.append(e["id"])
    ini = initiatives.create(
        db,
        CLERK,
        {
            "name": '=HYPERLINK("http://example.invalid","举措")',
            "category": "数字贸易",
            "lead_department": "=1+1",
            "owner": "@SUM(1,1)",
            "status": "推进中",
            "start_date": "2020-01-01",
            "due_date": "2021-12-31",
            "notes": "-1+1",
        },
        milestones=[{"text": "=1+1", "due_date": "2020-12-31", "done": False}],
        indicators=[{"name": "+1+1", "unit": "家", "target": "10", "actual": "3"}],
    )
    statistics.add_indicator(db, CLERK, {"code": "ZZ", "name": "=1+1", "unit": "亿元", "seq": 99})
    statistics.set_value(db, CLERK, "ZZ", 2020, {"value": "1.50", "source": "=cmd|' /C calc'!A0"})
    items = [("enterprise", i) for i in ids] + [("initiative", ini["id"])]
    items += [("stat_year", y["id"]) for y in statistics.years(db)]
    workflow.submit(db, CLERK, items)
    workflow.approve(db, REVIEWER, items)
    return {"enterprises": ids, "initiative": ini["id"]}


def _every_export(db, ledger, tmp_path: Path) -> list[Path]:
    """Write every kind of workbook jjdesk makes into ``tmp_path``; returns their paths."""
    out = tmp_path / "out"
    out.mkdir()
    files = [
        export_enterprises(db, out / "enterprises.xlsx", reporting_unit=UNIT).path,
        export_initiatives(db, out / "initiatives.xlsx", today=TODAY, reporting_unit=UNIT).path,
        export_statistics(db, out / "statistics.xlsx", reporting_unit=UNIT).path,
        export_listing(
            db, out / "listing.xlsx", listing.ENTERPRISE_LISTING, listing.ListQuery(), reporting_unit=UNIT
        ).path,
        export_listing(
            db, out / "initiative_listing.xlsx", listing.INITIATIVE_LISTING, listing.ListQuery(), today=TODAY
        ).path,
        export_check_report(checks.run_checks(db, 2020), out / "check.xlsx", reporting_unit=UNIT).path,
        export_history(
            history.record_history(db, "enterprise", ledger["enterprises"][0]),
            out / "history.xlsx",
            "=1+1",
            today=TODAY,
            reporting_unit=UNIT,
        ).path,
        export_meeting_pack(db, out / "pack.xlsx", year=2020, today=TODAY, title="=1+1", reporting_unit=UNIT).path,
    ]
    for row, column in (("cluster", None), ("lead_department", "status"), ("cluster", "enterprise_type")):
        tab = crosstab.crosstab(db, row, column, "count")
        files.append(crosstab.export_crosstab(tab, out / f"crosstab-{row}-{column}.xlsx", UNIT))
    sub_path = out / "submission.xlsx"
    submission.submit(db, REVIEWER, 2020, sub_path, note="=1+1", reporting_unit=UNIT)
    files.append(sub_path)
    bad = tmp_path / "bad.csv"
    bad.write_text('企业名称,统一社会信用代码,备注\n=1+1,不是代码,=HYPERLINK("x")\n', encoding="utf-8")
    preview = preview_enterprises(db, bad)
    result = commit_enterprises(db, CLERK, preview)
    assert result.errors and not result.written
    files.append(write_error_report(out / "errors.xlsx", preview.source, preview.header_row, result.errors))
    return files


def _cells(path: Path):
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield ws.title, cell


def _check(files: list[Path], label: str) -> set[str]:
    """Fail on any formula or error cell that is not jjdesk's own total; return every text seen."""
    texts: set[str] = set()
    for path in files:
        for title, cell in _cells(path):
            if cell.data_type == "f":
                assert OWN_FORMULA.fullmatch(str(cell.value)), f"{label}: {path.name}!{title}!{cell.coordinate}"
            assert cell.data_type != "e", f"{label}: error cell {path.name}!{title}!{cell.coordinate}"
            if isinstance(cell.value, str):
                texts.add(cell.value)
    return texts


def _expected_payloads(texts: set[str]) -> set[str]:
    return {p for p in PAYLOADS if any(p in t for t in texts)}


def test_no_export_writes_user_text_as_a_formula(db, hostile_ledger, tmp_path):
    files = _every_export(db, hostile_ledger, tmp_path)
    texts = _check(files, "openpyxl")
    assert _expected_payloads(texts) == set(PAYLOADS)  # each payload came back as text somewhere
    assert UNIT in {t for t in texts} or any(UNIT in t for t in texts)
    # Quoted, so the text stays text when the officer edits the cell.
    wb = load_workbook(files[0])
    ws = wb.worksheets[0]
    quoted = [c for row in ws.iter_rows() for c in row if c.value in PAYLOADS]
    assert quoted and all(c.quotePrefix for c in quoted)


@needs_soffice
@pytest.mark.slow
def test_libreoffice_computes_none_of_the_payloads(db, hostile_ledger, tmp_path):
    files = _every_export(db, hostile_ledger, tmp_path)
    resaved = tmp_path / "resaved"
    resaved.mkdir()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={_profile()}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(resaved),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    again = sorted(resaved.glob("*.xlsx"))
    assert len(again) == len(files)
    texts = _check(again, "LibreOffice")
    assert _expected_payloads(texts) == set(PAYLOADS)
