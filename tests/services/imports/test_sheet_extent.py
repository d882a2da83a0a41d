"""Sheets a reader could not hold are refused before any reader sees them: a far-away cell, too many rows or
columns, too many cells — each named (sheet, far cell), in seconds and bounded memory, with the database as it
was. Before, one cell at XFD1048576 in a 5 KB file ended the process (the reader builds a dense grid)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from jjdesk.services.imports.safety import Limits, UnsafeFile, check_file
from jjdesk.services.imports.table_reader import read_sheets

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _with_sheets(tmp_path: Path, name: str, sheets: dict[str, bytes]) -> Path:
    """A workbook made by openpyxl (so every other part is real), its sheets' XML then replaced by ``sheets``."""
    wb = openpyxl.Workbook()
    wb.active.title = next(iter(sheets))
    for title in list(sheets)[1:]:
        wb.create_sheet(title)
    base = tmp_path / f"base-{name}"
    wb.save(base)
    out = tmp_path / name
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                index = int(info.filename.removeprefix("xl/worksheets/sheet").removesuffix(".xml")) - 1
                data = list(sheets.values())[index]
            dst.writestr(info.filename, data)
    return out


def _sheet(rows: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}><sheetData>{rows}</sheetData></worksheet>'.encode()


def _one_cell(ref: str, row: int) -> bytes:
    return _sheet(
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>企业名称</t></is></c></row>'
        f'<row r="{row}"><c r="{ref}"><v>1</v></c></row>'
    )


def _in_a_child(path: Path) -> dict:
    """check + read in a fresh process: its peak memory, time and message (and that it did not die)."""
    code = (
        "import sys,time,json\nfrom jjdesk.services.imports.table_reader import read_sheets\n"
        "from jjdesk.services.imports.safety import UnsafeFile\n"
        "t=time.process_time()\ntry:\n    read_sheets(sys.argv[1]); msg=''\n"
        "except UnsafeFile as e:\n    msg=str(e)\n"
        "hwm=[l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(json.dumps({'cpu': time.process_time()-t, 'mb': int(hwm)/1024, 'msg': msg}, ensure_ascii=False))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout)


@pytest.mark.parametrize(
    ("ref", "row", "words"),
    [
        ("XFD1048576", 1048576, ["“名单”", "1048576行", "XFD1048576"]),
        ("AZ1000000", 1000000, ["1000000行", "AZ1000000"]),
        ("XFD2", 2, ["16384列", "XFD2"]),
        ("GR30001", 30001, ["范围过大", "30001行×200列", "GR30001"]),
    ],
)
def test_a_far_away_cell_is_refused_before_reading_with_the_sheet_and_cell_named(tmp_path, ref, row, words):
    path = _with_sheets(tmp_path, "far.xlsx", {"名单": _one_cell(ref, row)})
    assert path.stat().st_size < 6_000
    report = _in_a_child(path)
    assert all(w in report["msg"] for w in words), report
    assert report["cpu"] < 10 and report["mb"] < 500, report


def test_the_far_sheet_is_named_among_several(tmp_path):
    path = _with_sheets(
        tmp_path,
        "five.xlsx",
        {
            "说明": _one_cell("B2", 2),
            "2020年": _one_cell("C10", 10),
            "2021年": _one_cell("XFD1048576", 1048576),
        },
    )
    with pytest.raises(UnsafeFile, match="工作表“2021年”有1048576行"):
        check_file(path)


@pytest.mark.slow
def test_a_dense_sheet_past_the_cell_limit_is_refused_in_bounded_memory(tmp_path):
    """31,000 rows of 200 numbers (cells without references, as some writers make them): 6.2 million cells."""
    sheet = _sheet(
        "".join(
            f'<row r="{r}">' + "".join(f"<v>{(r * 7919 + c * 104729) % 999983}.{c}</v>" for c in range(200)) + "</row>"
            for r in range(1, 31_001)
        )
        .replace("<v>", "<c><v>")
        .replace("</v>", "</v></c>")
    )  # numbers that vary, so the file compresses like real figures (not like a bomb)
    path = _with_sheets(tmp_path, "dense.xlsx", {"数据": sheet})
    report = _in_a_child(path)
    assert "范围过大" in report["msg"] and "“数据”" in report["msg"], report
    assert report["cpu"] < 30 and report["mb"] < 500, report


def test_sheets_inside_the_limits_still_read(tmp_path):
    path = _with_sheets(tmp_path, "ok.xlsx", {"名单": _one_cell("GR200", 200)})
    [sheet] = read_sheets(path)
    assert len(sheet.rows) == 200 and len(sheet.rows[0]) == 200 and sheet.rows[199][199] == 1
    with pytest.raises(UnsafeFile, match="200列"):
        check_file(path, Limits(max_columns=100))


def test_the_column_search_agrees_with_excel_for_every_column():
    """The fast "any cell beyond column n" pattern, checked against every one of Excel's 16,384 columns."""
    import itertools
    import string

    from jjdesk.services.imports.safety import _letters_beyond

    def number(letters: str) -> int:
        n = 0
        for ch in letters:
            n = n * 26 + ord(ch) - 64
        return n

    columns = ["".join(p) for k in (1, 2, 3) for p in itertools.product(string.ascii_uppercase, repeat=k)]
    for n in (0, 1, 17, 25, 26, 27, 52, 200, 701, 702, 703, 16383, 16384):
        pattern = _letters_beyond(n)
        wrong = [c for c in columns if bool(pattern.search(f'<c\tr="{c}7">'.encode())) != (number(c) > n)]
        assert wrong == [], (n, wrong[:5])


def test_a_far_cell_hidden_behind_a_tab_or_odd_attribute_order_is_found(tmp_path):
    sheet = _sheet(
        '<row r="1"><c r="A1"><v>1</v></c></row><row spans="1:2"\nr="150000"><c t="n"\tr="XFD150000"><v>1</v></c></row>'
    )
    path = _with_sheets(tmp_path, "odd.xlsx", {"名单": sheet})
    with pytest.raises(UnsafeFile, match="16384列"):
        check_file(path)
