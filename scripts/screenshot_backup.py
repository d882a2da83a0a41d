"""Render 文件 → 备份与恢复 (a fortnight of backups) over the 1366×768 main window: docs/screenshot-backup.png,
and the read-only view of one backup: docs/screenshot-backup-view.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_backup.py [--out DIR]

The backups are real (made by ``services.backup`` with an injected clock over two weeks, pruned as the schedule
prunes them); QSettings go to a temporary folder, so the officer's own settings are not touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings

from jjdesk.services.backup import index, make, schedule
from jjdesk.services.core import auth
from jjdesk.services.core.actor import Actor
from jjdesk.services.demo import load
from jjdesk.services.families.codes import make_credit_code
from jjdesk.services.records import enterprises
from jjdesk.store.migrate import open_database
from jjdesk.ui import settings, workers
from jjdesk.ui.app import make_app
from jjdesk.ui.main_window import MainWindow
from scripts.screenshot_import import _over, _settle

ADMIN = Actor("admin", "admin")
CLERK = Actor("lihua", "entry")


def _fortnight(db, folder: Path) -> None:
    first = date.today() - timedelta(days=13)
    for n in range(14):
        day = first + timedelta(days=n)
        morning = datetime.combine(day, time(8, 40), tzinfo=UTC)
        schedule.run_scheduled(db, folder, CLERK if n % 3 else ADMIN, index.START, now=morning)
        if day.weekday() < 5:
            enterprises.create(
                db,
                CLERK,
                {
                    "name": f"台州市椒江区新入驻示例企业{n + 1}号有限公司",
                    "credit_code": make_credit_code(f"{41000000 + n:08d}"),
                    "enterprise_type": "外贸公司",
                    "cluster": "家电",
                    "join_date": day.isoformat(),
                },
            )
            evening = datetime.combine(day, time(17, 30), tzinfo=UTC)
            schedule.run_scheduled(db, folder, CLERK, index.CLOSE, now=evening)
    make.make_backup(db, folder, ADMIN)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs"))
    args = parser.parse_args()
    out = Path(args.out)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        app = make_app()
        settings.AUTO_BACKUP.set(False)
        db = open_database(f"sqlite:///{tmp}/jjdesk.db")
        load.load_demo(db)
        auth.create_first_admin(db, "admin", "Admin-pass-1", "管理员")
        folder = make.default_folder(db)
        _fortnight(db, folder)
        window = MainWindow(db, ADMIN)
        window.resize(1366, 768)
        window.show()
        window.show_page("enterprises")
        _settle(app, lambda: workers.running() == 0)
        dialog = window.backups.open_dialog()
        dialog.resize(980, 460)
        _settle(app, lambda: dialog.isVisible())
        _over(window, dialog).save(str(out / "screenshot-backup.png"))
        print(out / "screenshot-backup.png")
        entry = dialog.selected()
        view = window.backups.open_view(folder / entry.file, entry)
        view.resize(1366, 768)
        view.show_page("enterprises")
        _settle(app, lambda: workers.running() == 0)
        view.grab().save(str(out / "screenshot-backup-view.png"))
        print(out / "screenshot-backup-view.png")
        view.close()
        dialog.close()
        window.backups._closing = True
        window.close()
        db.dispose()


if __name__ == "__main__":
    main()
