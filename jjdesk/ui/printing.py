"""Print and PDF for meetings: the dashboard or any summary table on A4, with title, date and page numbers.

Both kinds of output draw on a ``QPagedPaintDevice``, so the same code fills a ``QPdfWriter`` ("Save as
PDF…") and a ``QPrinter`` (the print preview): a widget is drawn as vectors, scaled to the page width and cut
into page-high bands; a table becomes a paginated ``QTextDocument`` keeping the view's alignment and bold
totals. Every page has the title and the date on top and 第 n 页 / 共 N 页 at the bottom.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QMarginsF, QPoint, QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRegion,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from jjdesk.services.excel.files import ExportFailed, safe_file_name, staged_file

Renderer = Callable[[QPagedPaintDevice], int]  # draws every page, returns how many
PDF_DPI = 150
HEADER_MM, FOOTER_MM, MARGIN_MM = 12.0, 8.0, 12.0


def a4_layout(landscape: bool) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        orientation,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def write_pdf(path: str | Path, render: Renderer, *, landscape: bool = False) -> int:
    """Write ``render``'s pages to a PDF at ``path`` on A4; returns the number of pages.

    Written under a temporary name and renamed when complete, like every workbook (``excel.files``), so a
    failed or killed print-out never leaves half a PDF under the officer's name. ``ExportFailed`` (Chinese)
    when the folder cannot take it."""
    pages = 0

    def build(tmp: Path) -> None:
        nonlocal pages
        writer = QPdfWriter(str(tmp))
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(a4_layout(landscape))
        writer.setCreator("jjdesk")
        pages = render(writer)
        del writer  # the file is complete once the writer is gone

    with staged_file(Path(path), suffix=".pdf") as staged:
        staged.build(build)
        staged.publish()
    return pages


class _Pages:
    """Title and date on top, page numbers at the bottom, and the body rectangle in between (device pixels)."""

    def __init__(self, device: QPagedPaintDevice, painter: QPainter, title: str, total: int) -> None:
        self.device, self.painter, self.title, self.total = device, painter, title, total
        dpmm = device.logicalDpiY() / 25.4
        self.width = float(device.width())
        height = float(device.height())
        self.header, self.footer = HEADER_MM * dpmm, FOOTER_MM * dpmm
        self.body = QRectF(0, self.header, self.width, height - self.header - self.footer)
        self.height = height
        self.number = 0
        self.base = QFont(QApplication.font())
        self.base.setPointSizeF(9)

    def begin_page(self) -> None:
        if self.number:
            self.device.newPage()
        self.number += 1
        p = self.painter
        p.save()
        title_font = QFont(self.base)
        title_font.setPointSizeF(13)
        title_font.setBold(True)
        p.setFont(title_font)
        p.drawText(
            QRectF(0, 0, self.width, self.header * 0.8),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.title,
        )
        p.setFont(self.base)
        printed = QCoreApplication.translate("Printing", "Printed %1").replace("%1", date.today().isoformat())
        p.drawText(
            QRectF(0, 0, self.width, self.header * 0.8),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            printed,
        )
        p.drawLine(QPointF(0, self.header * 0.85), QPointF(self.width, self.header * 0.85))
        footer = (
            QCoreApplication.translate("Printing", "Page %1 of %2")
            .replace("%1", str(self.number))
            .replace("%2", str(self.total))
        )
        p.drawText(QRectF(0, self.height - self.footer, self.width, self.footer), Qt.AlignmentFlag.AlignCenter, footer)
        p.restore()


def widget_renderer(widget: QWidget, title: str) -> Renderer:
    """Draw ``widget`` (as it is laid out now) scaled to the page width, over as many pages as it needs."""

    def render(device: QPagedPaintDevice) -> int:
        size = widget.size()
        painter = QPainter()
        if not painter.begin(device):
            raise OSError(QCoreApplication.translate("Printing", "Cannot write the file"))
        try:
            probe = _Pages(device, painter, title, 1)
            scale = probe.width / max(size.width(), 1)
            band = probe.body.height() / scale  # widget pixels per page
            total = max(1, -(-size.height() // int(band)))
            pages = _Pages(device, painter, title, total)
            for k in range(total):
                pages.begin_page()
                painter.save()
                painter.translate(pages.body.topLeft())
                painter.scale(scale, scale)
                top = int(k * band)
                source = QRect(0, top, size.width(), min(int(band) + 1, size.height() - top))
                widget.render(painter, QPoint(0, 0), QRegion(source), QWidget.RenderFlag.DrawChildren)
                painter.restore()
            return total
        finally:
            painter.end()

    return render


def table_html(model: QAbstractItemModel) -> str:
    """The model as an HTML table: header row, the view's alignment per cell, bold where the model says."""
    cols, rows = model.columnCount(), model.rowCount()
    out = [
        '<table border="1" cellspacing="0" cellpadding="3" width="100%" style="border-collapse:collapse">',
        "<thead><tr>",
    ]
    for c in range(cols):
        out.append(
            f'<th bgcolor="#e9eef5">{html.escape(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))}</th>'
        )
    out.append("</tr></thead>")
    for r in range(rows):
        out.append("<tr>")
        for c in range(cols):
            index = model.index(r, c)
            text = html.escape(str(model.data(index, Qt.ItemDataRole.DisplayRole) or ""))
            align = model.data(index, Qt.ItemDataRole.TextAlignmentRole)
            right = align is not None and bool(
                Qt.AlignmentFlag(int(align) if not isinstance(align, Qt.AlignmentFlag) else align)
                & Qt.AlignmentFlag.AlignRight
            )
            font = model.data(index, Qt.ItemDataRole.FontRole)
            if isinstance(font, QFont) and font.bold():
                text = f"<b>{text}</b>"
            # Leading spaces are how a model indents a child row (year comparison: 　外贸公司出口额); HTML would
            # collapse them, so such a cell keeps its whitespace.
            keep = ' style="white-space:pre"' if text[:1].isspace() else ""
            out.append(f'<td align="{"right" if right else "left"}"{keep}>{text}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def document_renderer(body_html: str, title: str) -> Renderer:
    """Paginate HTML (a table, a paragraph) into the body of each page."""

    def render(device: QPagedPaintDevice) -> int:
        painter = QPainter()
        if not painter.begin(device):
            raise OSError(QCoreApplication.translate("Printing", "Cannot write the file"))
        try:
            probe = _Pages(device, painter, title, 1)
            doc = QTextDocument()
            font = QFont(probe.base)
            font.setPointSizeF(9)
            doc.setDefaultFont(font)
            doc.documentLayout().setPaintDevice(device)
            doc.setHtml(body_html)
            doc.setPageSize(QSizeF(probe.body.width(), probe.body.height()))
            total = max(1, doc.pageCount())
            pages = _Pages(device, painter, title, total)
            for k in range(total):
                pages.begin_page()
                painter.save()
                painter.translate(pages.body.left(), pages.body.top() - k * probe.body.height())
                doc.drawContents(painter, QRectF(0, k * probe.body.height(), probe.body.width(), probe.body.height()))
                painter.restore()
            return total
        finally:
            painter.end()

    return render


def table_renderer(model: QAbstractItemModel, title: str) -> Renderer:
    return document_renderer(table_html(model), title)


# ---------------------------------------------------------------- dialogs


def save_pdf_dialog(parent: QWidget, render: Renderer, title: str, *, landscape: bool = False) -> Path | None:
    """Ask where to save, write the PDF, say where it went (or why not); returns the path written."""
    name = safe_file_name(f"{title}-{date.today().isoformat()}.pdf")
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("Printing", "Save as PDF"),
        name,
        QCoreApplication.translate("Printing", "PDF files (*.pdf)"),
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    try:
        write_pdf(target, render, landscape=landscape)
    except ExportFailed as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("Printing", "PDF not saved"), str(exc))
        return None
    return target


def print_preview(parent: QWidget, render: Renderer, *, landscape: bool = False) -> None:
    """The print preview (A4), from which the officer prints on any installed printer."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(a4_layout(landscape))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.paintRequested.connect(lambda device: render(device))
    dialog.exec()
