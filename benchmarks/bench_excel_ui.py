"""The Excel export from the window against the same export called directly, on the same 100,000 enterprises.

    .venv/bin/python benchmarks/bench_excel_ui.py [--rows 100000] [--repeat 1]

- **direct**: ``listing_export.export_listing`` of the whole enterprise list, no Qt (the baseline).
- **window**: the same export as the officer starts it — ``EnterprisesPage`` shown, ``ExportRunner`` with its
  progress dialog, the service on a worker thread. Measured: wall time (ratio to direct, target ≤ 1.15×) and
  how long the GUI thread went without running its event loop (a 10 ms timer's largest and 99th-percentile gap;
  target: largest gap < 250 ms, i.e. the window never looks frozen).
- **cancel**: the window export cancelled once 20% of the rows are written: time from Cancel to the "cancelled"
  message, and that no file (nor temporary file) is left (target < 1 s).

Each case runs in its own subprocess on the cached database of ``bench_enterprise_table.py``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from peak_memory import peak_mb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _direct(db_path: str, out_dir: Path) -> dict:
    from jjdesk.services.exports.view import export_listing
    from jjdesk.services.records.listing import ENTERPRISE_LISTING, ListQuery
    from jjdesk.store.migrate import open_database

    db = open_database(f"sqlite:///{db_path}")
    started = time.perf_counter()
    result = export_listing(db, out_dir / "direct.xlsx", ENTERPRISE_LISTING, ListQuery())
    return {"seconds": time.perf_counter() - started, "rows": sum(result.rows.values())}


def _window(db_path: str, out_dir: Path, cancel_at: float | None) -> dict:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from jjdesk.services.exports.view import export_listing
    from jjdesk.store.migrate import open_database
    from jjdesk.ui.export_runner import ExportRunner
    from jjdesk.ui.pages.enterprises_page import EnterprisesPage

    app = QApplication.instance() or QApplication([])
    db = open_database(f"sqlite:///{db_path}")
    page = EnterprisesPage(db)
    page.resize(1366, 700)
    page.show()
    deadline = time.monotonic() + 120
    while not page.model.is_idle() or page.model.rowCount() == 0:
        app.processEvents()
        if time.monotonic() > deadline:
            raise SystemExit("the list did not load")
    listing, query, keys = page.model.listing, page.model.query(), page.shown_columns()

    def job(path, progress, should_cancel):
        return export_listing(db, path, listing, query, keys=keys, progress=progress, should_cancel=should_cancel)

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    target = out_dir / "window.xlsx"
    cancelled_at: list[float] = []
    started = time.perf_counter()
    timer.start()
    runner = ExportRunner(page, "export", job, target).start()
    if cancel_at is not None:

        def maybe_cancel(done: int, total: int) -> None:
            if not cancelled_at and total and done >= cancel_at * total:
                cancelled_at.append(time.perf_counter())
                runner.cancel()

        runner.worker.progress.connect(maybe_cancel)
    while runner.state == "running":
        app.processEvents()
        time.sleep(0.001)
    ended = time.perf_counter()
    timer.stop()
    gaps = sorted(b - a for a, b in itertools.pairwise(ticks)) or [0.0]
    out = {
        "seconds": ended - started,
        "state": runner.state,
        "max_gap_ms": gaps[-1] * 1000,
        "p99_gap_ms": gaps[int(len(gaps) * 0.99) - 1 if len(gaps) > 1 else 0] * 1000,
        "file_left": target.exists() or any(out_dir.glob(".~jjdesk-*")),
    }
    if cancelled_at:
        out["cancel_ms"] = (ended - cancelled_at[0]) * 1000
    if runner.message_box is not None:
        runner.message_box.close()
    return out


def child(case: str, db_path: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = Path(tmp)
        if case == "direct":
            out = _direct(db_path, out_dir)
        elif case == "window":
            out = _window(db_path, out_dir, None)
        else:
            out = _window(db_path, out_dir, 0.2)
    out["peak_mb"] = peak_mb()
    return out


def run_child(case: str, db_path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", case, str(db_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1800,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    if out.returncode:
        raise SystemExit(f"{case} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", nargs=2, metavar=("CASE", "DB"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    from bench_enterprise_table import cached_database

    db_path = cached_database(args.rows, False)
    runs: dict[str, list[dict]] = {"direct": [], "window": [], "cancel": []}
    for _ in range(args.repeat):
        for case in runs:
            runs[case].append(run_child(case, db_path))
            print(case, runs[case][-1], flush=True)
    direct = statistics.median(r["seconds"] for r in runs["direct"])
    window = statistics.median(r["seconds"] for r in runs["window"])
    max_gap = max(r["max_gap_ms"] for r in runs["window"])
    cancel = statistics.median(r["cancel_ms"] for r in runs["cancel"])
    print(f"\n{args.rows:,} enterprises, medians of {args.repeat}")
    print(f"export, direct service call : {direct:7.1f} s   peak {runs['direct'][0]['peak_mb']:.0f} MB")
    print(
        f"export from the window      : {window:7.1f} s   {window / direct:.2f}× (target ≤ 1.15×)   "
        f"peak {runs['window'][0]['peak_mb']:.0f} MB"
    )
    print(
        f"GUI thread during the export: largest gap {max_gap:.0f} ms (target < 250 ms), "
        f"99th percentile {statistics.median(r['p99_gap_ms'] for r in runs['window']):.0f} ms"
    )
    print(
        f"cancel at 20% → cancelled   : {cancel:.0f} ms (target < 1000 ms), file left: "
        f"{any(r['file_left'] for r in runs['cancel'])}"
    )
    cancelled_cleanly = all(r["state"] == "cancelled" and not r["file_left"] for r in runs["cancel"])
    ok = window / direct <= 1.15 and max_gap < 250 and cancel < 1000 and cancelled_cleanly
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
