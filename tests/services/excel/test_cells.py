"""The safe-text cell writer (``excel.cells``): the rule itself, and the guard that no workbook gets around it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell import WriteOnlyCell

from jjdesk.services.excel.cells import Formula, needs_quote, safe_cell
from jjdesk.services.excel.files import streaming_workbook

PACKAGE = Path(__file__).resolve().parents[3] / "jjdesk"


def _write(tmp_path: Path, fill) -> list[tuple]:
    path = tmp_path / "t.xlsx"
    with streaming_workbook() as wb:
        ws = wb.create_sheet("s")
        fill(ws)
        wb.save(path)
    ws = load_workbook(path)["s"]
    return [tuple((c.value, c.data_type, bool(c.quotePrefix)) for c in row) for row in ws.iter_rows()]


def test_text_that_looks_like_a_formula_is_quoted_text(tmp_path):
    texts = ["=1+1", "+86 0576", "-5", "@A1", "\t=1", "\r=1", "＝1+1", "＋1", "#N/A", "#DIV/0!", "普通文本", "a=b"]
    [row] = _write(tmp_path, lambda ws: ws.append(texts))
    assert [v for v, _, _ in row] == texts
    assert all(t == "s" for _, t, _ in row)
    assert [q for _, _, q in row] == [needs_quote(t) for t in texts] == [True] * 10 + [False, False]


def test_only_jjdesks_own_totals_are_formulas(tmp_path):
    for text in ("=1+1", '=HYPERLINK("x")', "=SUM(A1:A2)+1", "=SUM(Sheet2!A1:A2)", "SUM(A1:A2)", "=sum(a1:a2)"):
        with pytest.raises(ValueError):
            Formula(text)

    def fill(ws):
        made = safe_cell(ws, Formula("=SUM(A1:B1)"))
        made.number_format = "0.00"
        # A prepared cell that openpyxl took for a formula (a name put into a styled cell) is text, styled.
        sneaked = WriteOnlyCell(ws, "=SUM(A1:B1)")
        sneaked.number_format = "0.00"
        ws.append([1, 2, made, sneaked, Formula("=SUBTOTAL(109,A1:B1)"), WriteOnlyCell(ws, "#REF!")])

    [row] = _write(tmp_path, fill)
    assert row == (
        (1, "n", False),
        (2, "n", False),
        ("=SUM(A1:B1)", "f", False),
        ("=SUM(A1:B1)", "s", True),
        ("=SUBTOTAL(109,A1:B1)", "f", False),
        ("#REF!", "s", True),
    )


def test_characters_a_workbook_cannot_hold_are_dropped_not_fatal(tmp_path):
    [row] = _write(tmp_path, lambda ws: ws.append(["台州\x00眼镜\x07有限公司", "行一\n行二", "=\x01"]))
    assert [v for v, _, _ in row] == ["台州眼镜有限公司", "行一\n行二", "="]


def _calls(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            names.add(f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else "")
        if isinstance(node, ast.Attribute) and node.attr == "_values_to_row":
            names.add("_values_to_row")
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("openpyxl"):
            names.update(f"import {a.name}" for a in node.names)
    return names


def test_no_workbook_is_written_around_the_cell_writer():
    """A new export cannot make its own workbook or cells: it must use excel.files and excel.cells."""
    allowed = {
        "Workbook": {"services/excel/files.py"},
        "import Workbook": {"services/excel/files.py"},
        "WriteOnlyCell": {"services/excel/cells.py"},
        "import WriteOnlyCell": {"services/excel/cells.py"},
        "Cell": {"services/excel/cells.py", "services/excel/style.py"},
        "import Cell": {"services/excel/cells.py", "services/excel/style.py"},
        "_values_to_row": {"services/excel/cells.py"},
        "load_workbook": set(),  # reading goes through calamine (imports.table_reader); openpyxl never re-saves
        "import load_workbook": set(),
    }
    found: dict[str, set[str]] = {k: set() for k in allowed}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        for name in _calls(ast.parse(path.read_text(encoding="utf-8"))) & set(allowed):
            found[name].add(rel)
    assert {k: v - allowed[k] for k, v in found.items() if v - allowed[k]} == {}


def test_file_names_proposed_from_record_data_stay_in_their_folder():
    from jjdesk.services.excel.files import safe_file_name

    assert safe_file_name("修改记录_../../etc/passwd_2026-12-03.xlsx") == "修改记录_.._.._etc_passwd_2026-12-03.xlsx"
    assert safe_file_name('台州:眼镜*"厂"?<>|\\.xlsx') == "台州_眼镜__厂______.xlsx"
    assert safe_file_name("CON.xlsx") == "_CON.xlsx" and safe_file_name("lpt1") == "_lpt1"
    assert safe_file_name("..") == "导出" and safe_file_name(" .隐藏.xlsx ") == "隐藏.xlsx"
    assert safe_file_name("台州\x00\x1f眼镜.xlsx") == "台州__眼镜.xlsx"
    long = safe_file_name("企" * 300 + ".xlsx")
    assert len(long) == 120 and long.endswith(".xlsx")
    for name in ("修改记录_../../x.xlsx", "a/b\\c.xlsx", "CON", ".."):
        assert Path(safe_file_name(name)).name == safe_file_name(name) and "/" not in safe_file_name(name)
