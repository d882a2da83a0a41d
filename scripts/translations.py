"""Update the Chinese catalogue from the sources and compile it (Qt Linguist tools from PySide6).

    .venv/bin/python scripts/translations.py          # lupdate: add new source strings to the .ts files
    .venv/bin/python scripts/translations.py --release # lrelease: compile .ts → .qm (committed, shipped)
    .venv/bin/python scripts/translations.py --fill < pairs.tsv   # fill unfinished entries: source<TAB>text

Translate new entries in resources/i18n/jjdesk_zh_CN.ts (pyside6-linguist opens it) before releasing; a test
fails while any entry is unfinished.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or shutil.which(f"pyside6-{name}")
    if not found:
        sys.exit(f"pyside6-{name} not found: install PySide6-Essentials in this environment")
    return found


def update() -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "jjdesk").rglob("*.py"))
    for lang in LANGUAGES:
        subprocess.run(
            [_tool("lupdate"), *sources, "-no-obsolete", "-locations", "none", "-ts", str(I18N / f"jjdesk_{lang}.ts")],
            check=True,
            cwd=ROOT,
        )
        _keep_layout(I18N / f"jjdesk_{lang}.ts")


def _keep_layout(ts: Path) -> None:
    """Newer lupdate releases indent every <context> one level deeper: keep the committed layout, so an update
    shows only the entries that changed."""
    text = ts.read_text(encoding="utf-8")
    if "\n    <context>" in text:
        lines = text.split("\n")
        ts.write_text("\n".join(line[4:] if line.startswith("    ") else line for line in lines), encoding="utf-8")


def fill(lines: list[str], lang: str = "zh_CN") -> int:
    """Fill unfinished entries from "source<TAB>translation" lines (stdin); returns how many were filled."""
    import xml.etree.ElementTree as ET

    wanted = dict(line.rstrip("\n").split("\t", 1) for line in lines if "\t" in line)
    path = I18N / f"jjdesk_{lang}.ts"
    tree = ET.parse(path)
    filled = 0
    for message in tree.iter("message"):
        source, translation = message.find("source"), message.find("translation")
        if translation is not None and translation.get("type") == "unfinished" and source.text in wanted:
            translation.text = wanted[source.text]
            del translation.attrib["type"]
            filled += 1
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    _keep_layout(path)
    return filled


def release() -> None:
    for lang in LANGUAGES:
        subprocess.run(
            [_tool("lrelease"), str(I18N / f"jjdesk_{lang}.ts"), "-qm", str(I18N / f"jjdesk_{lang}.qm")],
            check=True,
            cwd=ROOT,
        )


if __name__ == "__main__":
    if "--release" in sys.argv:
        release()
    elif "--fill" in sys.argv:
        print(f"filled {fill(sys.stdin.readlines())} entries")
    else:
        update()
