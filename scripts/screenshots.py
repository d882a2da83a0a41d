"""Render every page of the main window offscreen on a demo database and save PNGs into docs/.

The 汇总 page is shot twice: its dashboard (screenshot-summary.png) and its cross-tab (screenshot-crosstab.png).
The 审核 page is shot as a reviewer sees it with records a clerk submitted (one year needing a 核实 explanation),
the sign-in dialog as screenshot-login.png, and the statistics column-mapping dialog on a wide table with
unrecognised headers as screenshot-stat-mapping.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py
(install a Chinese font first, e.g. fonts-wqy-microhei, or the text renders as boxes)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jjdesk.services.core import auth
from jjdesk.services.core.actor import Actor
from jjdesk.services.demo import load as demo
from jjdesk.services.records import enterprises, statistics
from jjdesk.services.review import checks, explanations
from jjdesk.services.review import workflow as review
from jjdesk.store.migrate import open_database
from jjdesk.ui import workers
from jjdesk.ui.app import make_app
from jjdesk.ui.dialogs.login import LoginDialog
from jjdesk.ui.main_window import MainWindow


def settle(app, timeout: float = 30.0) -> None:
    """Let pages that load on workers (lists, the dashboard) show their data before the shot."""
    end = time.monotonic() + timeout
    app.processEvents()
    while workers.running() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()


CLERK, REVIEWER = Actor("lihua", "entry"), Actor("wangjun", "reviewer")


def prepare_review(db) -> None:
    """Users, a 2019 figure the growth rule questions, and records the clerk submitted for review."""
    auth.create_first_admin(db, "zhangmin", "Jiaojiang-admin-2026", "张敏")
    admin = Actor("zhangmin", "admin")
    auth.create_user(db, admin, CLERK.name, CLERK.role, "Jiaojiang-entry-2026", "李华")
    auth.create_user(db, admin, REVIEWER.name, REVIEWER.role, "Jiaojiang-review-2026", "王军")
    statistics.set_value(db, CLERK, "WM", 2019, {"value": "276.5", "growth": "3.1"})
    year = next(i for i in review.find(db, entity="stat_year") if i.label == "2020年统计")
    for finding in checks.check_record(db, "stat_year", year.id):
        if finding.severity == "核实":
            explanations.explain(
                db,
                CLERK,
                finding.rule,
                finding.entity,
                finding.id,
                finding.field,
                "2019年数据为海关快报口径，2020年增速按可比口径计算，以统计公报为准。",
            )
    refs = [("enterprise", e["id"]) for e in enterprises.search(db, "有限公司", limit=40)][:8]
    review.submit(db, CLERK, [*refs, ("stat_year", year.id)])


def main() -> None:
    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/jjdesk.db")
        demo.load_demo(db)
        prepare_review(db)
        login = LoginDialog(db)
        login.name_edit.setText("wangjun")
        login.show()
        settle(app)
        login.grab().save(str(ROOT / "docs" / "screenshot-login.png"))
        login.close()
        window = MainWindow(db, REVIEWER)
        window.resize(1366, 768)
        window.show()
        for row in range(window.nav.count()):
            if not window.nav.item(row).flags():  # a page a later version provides
                continue
            window.nav.setCurrentRow(row)
            settle(app)
            key = window.nav.item(row).data(0x0100)
            out = ROOT / "docs" / f"screenshot-{key}.png"
            window.grab().save(str(out))
            print(out)
        review = window.show_page("review")
        settle(app)
        queue = review.queue
        rows = [r for r in range(queue.model.rowCount()) if queue.model.row(r).label == "2020年统计"]
        queue.table.selectRow(rows[0] if rows else 0)
        settle(app)
        out = ROOT / "docs" / "screenshot-review.png"
        window.grab().save(str(out))
        print(out)
        summary = window.show_page("summary")
        summary.tabs.setCurrentWidget(summary.crosstab)
        settle(app)
        summary.crosstab.choose("cluster", "enterprise_type", "export_sum")
        settle(app)
        out = ROOT / "docs" / "screenshot-crosstab.png"
        window.grab().save(str(out))
        print(out)
        shoot_stat_mapping(app, window, Path(tmp))
        window.close()
        db.dispose()


def shoot_stat_mapping(app, window, tmp: Path) -> None:
    """The mapping dialog as an officer meets it: a bulletin table typed by hand, headers jjdesk cannot read."""
    import openpyxl

    from jjdesk.services.imports import statistics_mapping
    from jjdesk.ui.dialogs.stat_mapping_dialog import StatMappingDialog

    wb = openpyxl.Workbook()
    for row in (
        ["项目名称", "口径", "二〇二〇", "上年比", "2021年度合计", "2021年增幅", "附注"],
        ["外贸进出口总额", "亿元", 289.84, 5.2, 301.5, 4, "快报"],
        ["出口额", "亿元", 250.1, 2.1, 262.3, 4.9, ""],
        ["外贸实绩企业", "家", 1180, None, 1203, 1.9, ""],
    ):
        wb.active.append(row)
    wb.save(tmp / "统计公报摘录.xlsx")
    dialog = StatMappingDialog(statistics_mapping.columns_of_file(tmp / "统计公报摘录.xlsx", ("亿元", "家")), window)
    dialog.resize(980, 460)
    dialog.show()
    settle(app)
    out = ROOT / "docs" / "screenshot-stat-mapping.png"
    dialog.grab().save(str(out))
    print(out)
    dialog.close()


if __name__ == "__main__":
    main()
