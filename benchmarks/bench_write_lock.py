"""A colleague's saves while 上报 or the meeting pack runs at 150,000 enterprises: how long does each save wait?

    .venv/bin/python benchmarks/bench_write_lock.py [--rows 150000] [--what submit pack] [--code DIR]

The long writer runs in a child process (imports and opening the database outside its timer); meanwhile this
process saves a new enterprise every 0.2 s through the services, on its own connection with the normal busy
timeout (10 s), and times each save. The baseline is the same save with nothing else running, measured first.
Target: every save during the long writer succeeds, and none waits more than 3 s beyond the baseline: the long
writer holds the write lock only for its own short write — storing its snapshot, 150,000 rows, about 1–2 s on
this machine — never for its reading (before: 202 s of 上报 with the lock held, 19 of 44 saves failed).
``--code DIR`` runs the long writer with the jjdesk package found in DIR (e.g. an unpacked ``git archive`` of an
earlier commit), to measure before and after.

The database — the demo catalogue and facts, plus ``--rows`` generated enterprises of 2020 with distinct names,
all approved (so the whole year may be submitted) — is made once and kept in ``benchmarks/.cache/``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(__file__).resolve().parent / ".cache"
SAVE_EVERY = 0.2  # seconds between a colleague's saves
SLACK = 3.0  # seconds a save may wait beyond the baseline (the long writer's own short write)


def child(code: str, what: str, db_path: str, out: str) -> None:
    sys.path.insert(0, code)
    import datetime as dt

    from jjdesk.services.core.actor import Actor
    from jjdesk.services.exports import meeting_pack
    from jjdesk.services.review import submission
    from jjdesk.store.engine import Database

    db = Database(f"sqlite:///{db_path}")
    print("ready", flush=True)
    started = time.perf_counter()
    if what == "submit":
        info = submission.submit(db, Actor("benchmark", "reviewer"), 2020, out, scope="enterprises")
        records = info.record_count
    else:
        result = meeting_pack.export_meeting_pack(
            db, out, year=2021, today=dt.date(2021, 12, 1), actor=Actor("benchmark", "admin")
        )
        assert result.rows  # records: the enterprises its snapshot holds
        with sqlite3.connect(db_path) as con:
            records = con.execute("select count(*) from enterprise").fetchone()[0]
    seconds = time.perf_counter() - started
    db.dispose()
    print(json.dumps({"seconds": seconds, "records": records}), flush=True)


def cached_database(rows: int) -> Path:
    """The demo facts plus ``rows`` approved enterprises of 2020 at the current schema revision, made once."""
    import datetime as dt

    sys.path.insert(0, str(ROOT))
    from jjdesk.services.demo import load as demo
    from jjdesk.services.demo.enterprises import iter_demo_enterprises
    from jjdesk.store.bulk import insert_enterprises
    from jjdesk.store.migrate import head_revision, open_database

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"write-lock-{rows}-rev{head_revision()}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    print(f"filling {rows:,} enterprises into {path.name} (once; cached for later runs) …", flush=True)
    db = open_database(f"sqlite:///{partial}")
    demo.load_demo(db, generated=0)

    def distinct(source):
        for i, row in enumerate(source):  # names no near-duplicate rule can confuse, joined in 2020
            joined = dt.date(2020, 6 + i % 7, 1 + i % 28)  # after the platform opened (May 2020)
            yield {**row, "name": f"台州基准测试{i:06d}号进出口有限公司", "join_date": joined}

    insert_enterprises(db, distinct(iter_demo_enterprises(rows, seed=7)), actor_name="benchmark")
    db.dispose()
    con = sqlite3.connect(partial)
    con.execute("update enterprise set review_status = 'approved'")  # as if every record had been reviewed
    con.commit()
    con.execute("pragma journal_mode=delete")  # one self-contained file to copy
    con.close()
    partial.rename(path)
    return path


class Colleague(threading.Thread):
    """Saves a new enterprise every SAVE_EVERY seconds until stopped; keeps each save's duration or error."""

    def __init__(self, db_path: Path) -> None:
        super().__init__(daemon=True)
        self.db_path, self.waits, self.errors = db_path, [], []
        self.stop = threading.Event()

    def save_once(self, db, n: int) -> float:
        from jjdesk.services.core.actor import Actor
        from jjdesk.services.families.codes import make_credit_code
        from jjdesk.services.records import enterprises

        values = {
            "name": f"台州同事录入第{n}号进出口有限公司",
            "credit_code": make_credit_code(f"{88000000 + n:08d}"),
            "enterprise_type": "外贸公司",
            "join_date": "2022-03-01",
        }
        started = time.perf_counter()
        enterprises.create(db, Actor("colleague", "entry"), values)
        return time.perf_counter() - started

    def run(self) -> None:
        from jjdesk.store.engine import Database

        db = Database(f"sqlite:///{self.db_path}")
        n = 1000
        while not self.stop.is_set():
            n += 1
            try:
                self.waits.append(self.save_once(db, n))
            except Exception as exc:  # the measurement: a save that fails is reported, not raised
                self.errors.append(f"{type(exc).__name__}: {str(exc)[:80]}")
            self.stop.wait(SAVE_EVERY)
        db.dispose()


def measure(code: Path, what: str, source: Path) -> dict:
    from jjdesk.store.engine import Database

    with tempfile.TemporaryDirectory(prefix="jjdesk-bench-lock-") as tmp:
        db_path = Path(tmp) / "ledger.db"
        shutil.copyfile(source, db_path)
        baseline_db = Database(f"sqlite:///{db_path}")
        probe = Colleague(db_path)
        baseline = statistics.median(probe.save_once(baseline_db, n) for n in range(10))
        baseline_db.dispose()
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child", str(code), what, str(db_path), str(Path(tmp) / "out.xlsx")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "ready":
            raise SystemExit(f"{what} did not start:\n{proc.stderr.read()}")
        colleague = Colleague(db_path)
        colleague.start()
        out, err = proc.communicate(timeout=3600)
        colleague.stop.set()
        colleague.join()
        if proc.returncode:
            raise SystemExit(f"{what} failed:\n{err}")
        result = json.loads(out.splitlines()[-1])
    return {
        **result,
        "baseline": baseline,
        "saves": len(colleague.waits),
        "max_wait": max(colleague.waits, default=0.0),
        "median_wait": statistics.median(colleague.waits) if colleague.waits else 0.0,
        "errors": colleague.errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=150_000)
    parser.add_argument("--what", nargs="+", choices=("submit", "pack"), default=["submit", "pack"])
    parser.add_argument("--code", type=Path, default=ROOT, help="folder holding the jjdesk package to measure")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    sys.path.insert(0, str(ROOT))
    source = cached_database(args.rows)
    failed = False
    print(f"{args.rows:,} enterprises · code from {args.code}")
    print(f"{'long writer':<14}{'records':>9}{'its time':>10}{'saves':>7}{'baseline':>10}{'median':>9}{'max':>9}  ok")
    for what in args.what:
        r = measure(args.code, what, source)
        ok = not r["errors"] and r["max_wait"] <= r["baseline"] + SLACK
        failed |= not ok
        print(
            f"{what:<14}{r['records']:>9,}{r['seconds']:>9.1f}s{r['saves']:>7}{r['baseline'] * 1000:>8.0f}ms"
            f"{r['median_wait'] * 1000:>7.0f}ms{r['max_wait'] * 1000:>7.0f}ms  {'✓' if ok else '✗'}"
        )
        for e in sorted(set(r["errors"])):
            print(f"    {r['errors'].count(e)} × {e}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
