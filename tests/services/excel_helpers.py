"""Helpers shared by the Excel/CSV export and import tests: a small ledger and a LibreOffice round trip."""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from jjdesk.services.core.actor import Actor
from jjdesk.services.demo import load
from jjdesk.services.records import enterprises, statistics

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (Debian package: libreoffice-calc-nogui)"
)

# Texts a spreadsheet would take for formulas; each must come back exactly as stored.
FORMULA_LOOKING = ('=HYPERLINK("http://example.invalid","点我")', "+86 0576", "-5+3", "@SUM(A1)", "=1+1")


def seed_ledger(db, make_values, n: int = 12, actor: Actor | None = None) -> list[int]:
    """``n`` valid enterprises with all field kinds filled, plus the statistics catalogue and 2020/2021 figures."""
    actor = actor or Actor("lihua")
    rows = [
        make_values(
            export_value=f"{100 + i}.{i:02d}",
            industry_code="C3553",
            customs_code=f"33109{i:05d}"[:10] if i % 3 else None,
            landline="0576-88001234",
            is_listed=i % 4 == 0,
            stock_code="603337" if i % 4 == 0 else None,
            notes=FORMULA_LOOKING[i % len(FORMULA_LOOKING)] if i < len(FORMULA_LOOKING) else "",
        )
        for i in range(n)
    ]
    ids = enterprises.create_many(db, actor, rows)
    seed_statistics(db, actor)
    return ids


def seed_statistics(db, actor: Actor, figures: bool = True) -> None:
    for seq, (code, name, unit, parent, decimals, group, note) in enumerate(load.CATALOGUE):
        statistics.add_indicator(
            db,
            actor,
            {
                "code": code,
                "name": name,
                "unit": unit,
                "parent_code": parent,
                "seq": seq,
                "decimals": decimals,
                "sum_group": group,
                "note": note,
            },
        )
    if figures:
        for code, year, value, growth, source in load.FIGURES:
            statistics.set_value(db, actor, code, year, {"value": value, "growth": growth, "source": source})
        statistics.set_value(db, actor, "WM", 2019, {"value": "275.51", "growth": "-1.4"})


@functools.cache
def _profile() -> str:
    """One LibreOffice user profile for the whole run (made on the first conversion, ~0.5 s), removed at exit.

    Conversions never change it; it only spares each later ``soffice`` the first-start set-up."""
    folder = tempfile.mkdtemp(prefix="jjdesk-tests-soffice-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return Path(folder).as_uri()


def libreoffice_csv(xlsx: Path, out_dir: Path, shown: bool = False) -> dict[str, list[list[str]]]:
    """Every sheet of ``xlsx`` as LibreOffice reads it, via ``soffice --convert-to csv`` (all sheets)."""
    return libreoffice_csvs([xlsx], out_dir, shown)[xlsx]


def libreoffice_csvs(
    files: Sequence[Path], out_dir: Path, shown: bool = False
) -> dict[Path, dict[str, list[list[str]]]]:
    """:func:`libreoffice_csv` of several workbooks (distinct names) in one ``soffice`` run: one start-up for all."""
    import csv

    assert len({f.stem for f in files}) == len(files), "the CSV files are named after the workbooks"
    out_dir.mkdir(parents=True, exist_ok=True)
    # Tokens: comma, quote, UTF-8, from line 1, …, save as shown (9), formulas (10), …, all sheets (12 = -1).
    options = f"44,34,76,1,,0,false,true,{'true' if shown else 'false'},false,false,-1"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={_profile()}",
            "--headless",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{options}",
            "--outdir",
            str(out_dir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    result = {}
    for xlsx in files:
        sheets = {}
        for path in out_dir.glob(f"{xlsx.stem}-*.csv"):
            with path.open(encoding="utf-8", newline="") as f:
                sheets[path.stem.removeprefix(f"{xlsx.stem}-")] = list(csv.reader(f))
        assert sheets, f"LibreOffice wrote no CSV for {xlsx.name}"
        result[xlsx] = sheets
    return result


def libreoffice_pdf_pages(xlsx: Path, out_dir: Path) -> list[str]:
    """The text of each printed page of ``xlsx`` as LibreOffice prints it (PDF, then ``pdftotext -layout``).

    Text a cell cannot show is cut at the cell's edge in the PDF too, so a clipped label is missing here."""
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={_profile()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(out_dir / f"{xlsx.stem}.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


needs_pdftotext = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None, reason="LibreOffice and pdftotext (poppler-utils) are needed"
)


def write_xlsx(path: Path, rows) -> Path:
    """A one-sheet workbook with ``rows`` appended as they are (what an officer's own file looks like)."""
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path
