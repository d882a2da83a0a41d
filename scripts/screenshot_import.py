"""Render the import preview (a file with a few problems) over the 1366×768 main window: docs/screenshot-import.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_import.py [--qm CATALOGUE.qm] [--out DIR]

``--qm`` loads an extra compiled catalogue on top of the shipped one (to look at strings not merged yet);
``--out`` writes elsewhere, together with the column-mapping dialog and the export dialogs, for review.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QRect, Qt, QTranslator
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from jjdesk.services.core.actor import Actor
from jjdesk.services.demo import load
from jjdesk.services.families.codes import make_credit_code
from jjdesk.store.migrate import open_database
from jjdesk.ui import workers
from jjdesk.ui.app import make_app
from jjdesk.ui.main_window import MainWindow


def _sample_file(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2026年新入驻企业名单"])
    ws.append(
        [
            "企业名称",
            "统一社会信用代码",
            "企业类型",
            "产业集群",
            "入驻日期",
            "年出口额（万元）",
            "手机号码",
            "外贸业务员",
        ]
    )
    rows = [
        (
            "台州市椒江区海韵卫浴有限公司",
            make_credit_code("31000001"),
            "生产企业",
            "智能马桶/卫浴",
            "2026-03-02",
            1250.5,
            "13857600001",
            "李明",
        ),
        (
            "台州市椒江区晨光缝制设备有限公司",
            "91331002MA2MWN5G4X",
            "生产企业",
            "智能缝制设备",
            "2026-03-09",
            860,
            "13857600002",
            "王芳",
        ),
        (
            "浙江东海冷链科技有限公司",
            make_credit_code("31000003"),
            "外贸公司",
            "冷链设备",
            "2026-13-01",
            412.3,
            "13857600003",
            "陈刚",
        ),
        (
            "台州椒江汇通进出口有限公司",
            make_credit_code("31000004"),
            "贸易公司",
            "家电",
            "2026-04-15",
            "约300",
            "1385760004",
            "赵敏",
        ),
        (
            "台州市椒江区锦程医药有限公司",
            make_credit_code("31000005"),
            "生产企业",
            "生物医药",
            "2026-05-06",
            2300,
            "13857600005",
            "周婷",
        ),
    ]
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def _settle(app, until) -> None:
    import time

    deadline = time.monotonic() + 30
    while not until() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def _over(window: QWidget, dialog: QWidget) -> QPixmap:
    """The window with the dialog painted centred over it in a plain frame with its title (offscreen windows
    have no decorations), as the officer sees it."""
    shot = window.grab()
    bar = 28
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColor(0, 0, 0, 40))  # the window-modal dialog dims nothing, but this reads better
    x = (shot.width() - dialog.width()) // 2
    y = (shot.height() - dialog.height() - bar) // 2
    frame = QRect(x - 1, y - 1, dialog.width() + 1, dialog.height() + bar + 1)
    painter.fillRect(QRect(x, y, dialog.width(), bar), QColor("#e9eef5"))
    painter.setPen(QColor("#1f3b5c"))
    painter.drawText(QRect(x + 12, y, dialog.width() - 24, bar), Qt.AlignmentFlag.AlignVCenter, dialog.windowTitle())
    painter.drawPixmap(QPoint(x, y + bar), dialog.grab())
    painter.setPen(QColor("#8a94a3"))
    painter.drawRect(frame)
    painter.end()
    return shot


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--qm")
    parser.add_argument("--out", default=str(ROOT / "docs"))
    args = parser.parse_args()
    app = make_app()
    if args.qm:
        extra = QTranslator(app)
        if extra.load(args.qm):
            app.installTranslator(extra)
    out = Path(args.out)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/jjdesk.db")
        load.load_demo(db)
        window = MainWindow(db, Actor("lihua", "entry"))
        window.resize(1366, 768)
        window.show()
        window.show_page("enterprises")
        _settle(app, lambda: workers.running() == 0)
        dialog = window.excel.open_import()
        dialog.set_file(_sample_file(Path(tmp) / "新入驻企业.xlsx"))
        _settle(app, lambda: not dialog.is_busy())
        _over(window, dialog).save(str(out / "screenshot-import.png"))
        print(out / "screenshot-import.png")
        if args.out != str(ROOT / "docs"):
            dialog.grab().save(str(out / "import-dialog.png"))
            mapper = dialog.map_columns()
            _settle(app, lambda: mapper.isVisible())
            mapper.grab().save(str(out / "mapping-dialog.png"))
            mapper.reject()
            from jjdesk.ui.export_runner import ExportRunner

            page = window.show_page("enterprises").list
            runner = ExportRunner(
                page,
                "导出到 Excel",
                lambda path, progress, cancel: __import__(
                    "jjdesk.services.exports.view", fromlist=["x"]
                ).export_listing(
                    db, path, page.model.listing, page.model.query(), progress=progress, should_cancel=cancel
                ),
                Path(tmp) / "平台入驻企业_2026-11-28.xlsx",
            ).start()
            _settle(app, lambda: runner.message_box is not None and runner.message_box.isVisible())
            runner.message_box.grab().save(str(out / "export-done.png"))
        dialog.close()
        window.close()
        db.dispose()


if __name__ == "__main__":
    main()
