"""Settings → Language → English, as an officer would: the next start shows English field labels in the form and
the list, from the fields' own declarations (ui/labels.py), and Chinese stays the default.

Run in a fresh process: the language is fixed when the application starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = """
import json, sys
from PySide6.QtCore import QCoreApplication, QSettings
from jjdesk.ui.app import APP, ORG, make_app
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
QCoreApplication.setOrganizationName(ORG)
QCoreApplication.setApplicationName(APP)
from jjdesk.ui import settings
if sys.argv[2] != "default":
    settings.LANGUAGE.set(sys.argv[2])
app = make_app()
from jjdesk.services.core.actor import Actor
from jjdesk.store.migrate import open_database
from jjdesk.ui.forms.enterprise_form import EnterpriseForm
from jjdesk.ui.pages.enterprises_page import EnterprisesPage
from PySide6.QtWidgets import QLabel
db = open_database(f"sqlite:///{sys.argv[1]}/x.db")
form = EnterpriseForm(db, Actor("admin", "admin"))
page = EnterprisesPage(db)
model = page.model
print(json.dumps({
    "capital": form.findChild(QLabel, "label_registered_capital").text(),
    "groups": [label.text() for label in form.findChildren(QLabel) if label.property("role") == "group"],
    "headers": [model.headerData(i, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal)
                for i in range(model.columnCount())],
}, ensure_ascii=False))
db.dispose()
"""


def _start(tmp_path: Path, language: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(tmp_path), language],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_the_english_ui_shows_english_field_labels(tmp_path):
    shown = _start(tmp_path, "en")
    assert shown["capital"] == "Registered capital"
    assert shown["groups"][:4] == ["Basic information", "Platform services", "Contact", "Business"]
    assert shown["headers"][:2] == ["Enterprise name", "Credit code"]
    assert "Annual exports (10k yuan)" in shown["headers"] and "Review status" in shown["headers"]


@pytest.mark.slow
def test_chinese_is_the_default(tmp_path):
    shown = _start(tmp_path, "default")
    assert shown["capital"] == "注册资本"
    assert shown["groups"][:4] == ["基本信息", "平台服务", "联系方式", "经营情况"]
    assert shown["headers"][:2] == ["企业名称", "统一社会信用代码"]
    assert "年出口额（万元）" in shown["headers"] and "审核状态" in shown["headers"]
