"""The Chinese catalogue is complete, covers every string in the code, and the shipped .qm matches it."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "jjdesk_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _tool(name):
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or shutil.which(f"pyside6-{name}")
    if not found:
        pytest.skip(f"pyside6-{name} not installed")
    return found


def _unfinished(path):
    return [
        m.findtext("source")
        for m in ET.parse(path).iter("message")
        if m.find("translation").get("type") == "unfinished" or not (m.findtext("translation") or "").strip()
    ]


def test_chinese_catalogue_has_no_unfinished_entries():
    assert _unfinished(TS) == []


def test_catalogue_covers_every_translatable_string_in_the_code(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "jjdesk").rglob("*.py"))
    subprocess.run(
        [_tool("lupdate"), *sources, "-no-obsolete", "-locations", "none", "-ts", str(copy)],
        check=True,
        capture_output=True,
    )
    missing = _unfinished(copy)
    assert missing == [], f"run scripts/translations.py and translate: {missing}"


def test_compiled_catalogue_is_current(tmp_path):
    out = tmp_path / "check.qm"
    subprocess.run([_tool("lrelease"), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run: python scripts/translations.py --release"
