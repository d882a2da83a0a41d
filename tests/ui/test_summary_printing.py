"""Print / PDF of the 汇总 page: real PDF files on A4 with as many pages as the content needs."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QStandardItem, QStandardItemModel

from jjdesk.services.core.actor import Actor
from jjdesk.ui import printing, workers
from jjdesk.ui.main_window import MainWindow

A4_POINTS = (595, 842)  # PDF user units of an A4 page, portrait


def _pages(path) -> list[tuple[float, float]]:
    """The size of each page object in the PDF (Qt writes uncompressed page dictionaries)."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    count = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    boxes = [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)]
    assert len(boxes) >= count
    return boxes[:count]


@pytest.fixture
def summary(qtbot, db, settings_in_tmp, demo_data):
    demo_data(db, generated=60, actor=Actor("system", "admin"))
    window = MainWindow(db, Actor("lihua", "entry"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.page("summary")
    with qtbot.waitSignal(page.dashboard.loaded, timeout=10_000):
        window.show_page("summary")
    yield page
    qtbot.waitUntil(lambda: workers.running() == 0)


def test_a_long_table_runs_over_numbered_a4_pages(tmp_path, qtbot):
    model = QStandardItemModel(0, 3)
    model.setHorizontalHeaderLabels(["指标", "2020", "2021"])
    for i in range(150):
        model.appendRow([QStandardItem(f"指标{i}"), QStandardItem(f"{i},000.00"), QStandardItem("—")])
    out = tmp_path / "table.pdf"
    written = printing.write_pdf(out, printing.table_renderer(model, "测试表"))
    pages = _pages(out)
    assert written == len(pages) >= 3  # 150 rows do not fit on one or two A4 pages
    assert all(abs(w - A4_POINTS[0]) < 2 and abs(h - A4_POINTS[1]) < 2 for w, h in pages)


def test_the_dashboard_prints_on_landscape_a4(tmp_path, summary):
    render, landscape = summary.renderer()
    assert landscape
    out = tmp_path / "dashboard.pdf"
    written = printing.write_pdf(out, render, landscape=landscape)
    pages = _pages(out)
    assert written == len(pages) >= 1
    assert all(abs(w - A4_POINTS[1]) < 2 and abs(h - A4_POINTS[0]) < 2 for w, h in pages)
    assert out.stat().st_size > 20_000  # vector charts, text and cards, not an empty page


@pytest.mark.parametrize("tab", ["crosstab", "year_compare", "bulletin"])
def test_every_summary_table_prints(tmp_path, qtbot, summary, tab):
    view = getattr(summary, tab)
    if tab == "crosstab":
        with qtbot.waitSignal(view.computed, timeout=10_000):
            summary.tabs.setCurrentWidget(view)
    else:
        summary.tabs.setCurrentWidget(view)
    render, landscape = summary.renderer()
    out = tmp_path / f"{tab}.pdf"
    written = printing.write_pdf(out, render, landscape=landscape)
    assert written == len(_pages(out)) >= 1
    assert summary.print_title().startswith(summary.tr("Summary"))


def test_year_comparison_keeps_child_indicators_indented_on_paper(qtbot, db, demo_data):
    from PySide6.QtGui import QTextDocument

    from jjdesk.ui.pages.year_compare_view import YearCompareView

    demo_data(db, generated=0, actor=Actor("system", "admin"))
    view = YearCompareView(db)
    qtbot.addWidget(view)
    view.compare(2019, 2020)
    doc = QTextDocument()  # the document the PDF and the printer draw (printing.table_renderer)
    doc.setHtml(printing.table_html(view.model))
    doc.setTextWidth(1200)
    doc.documentLayout().documentSize()

    def left(name: str) -> float:
        cursor = doc.find(name)
        assert not cursor.isNull(), name
        block = cursor.block()
        at = cursor.selectionStart() - block.position()
        box = doc.documentLayout().blockBoundingRect(block)  # lays the block out
        layout = block.layout()
        line = layout.lineForTextPosition(at)
        assert line.isValid()
        return box.x() + line.cursorToX(at)[0]

    # 外贸进出口总额 (top level) > 进口总额 (its child) > 外贸公司出口额 (a child of 出口总额)
    assert left("外贸进出口总额") + 5 < left("进口总额") < left("外贸公司出口额") - 5
