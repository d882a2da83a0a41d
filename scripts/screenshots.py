"""Render every page of the main window offscreen on a demo database and save PNGs into docs/.

The 汇总 page is shot twice: its dashboard (screenshot-summary.png) and its cross-tab (screenshot-crosstab.png).

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

from jjdesk.services import demo  # noqa: E402
from jjdesk.services.actor import Actor  # noqa: E402
from jjdesk.store.migrate import open_database  # noqa: E402
from jjdesk.ui import workers  # noqa: E402
from jjdesk.ui.app import make_app  # noqa: E402
from jjdesk.ui.main_window import MainWindow  # noqa: E402


def settle(app, timeout: float = 30.0) -> None:
    """Let pages that load on workers (lists, the dashboard) show their data before the shot."""
    end = time.monotonic() + timeout
    app.processEvents()
    while workers.running() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()


def main() -> None:
    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/jjdesk.db")
        demo.load_demo(db)
        window = MainWindow(db, Actor("lihua", "entry"))
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
        summary = window.show_page("summary")
        summary.tabs.setCurrentWidget(summary.crosstab)
        settle(app)
        summary.crosstab.choose("cluster", "enterprise_type", "export_sum")
        settle(app)
        out = ROOT / "docs" / "screenshot-crosstab.png"
        window.grab().save(str(out))
        print(out)
        window.close()
        db.dispose()


if __name__ == "__main__":
    main()
