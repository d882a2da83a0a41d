"""The meeting pack (会议材料) at 100,000 enterprises: a first pack, then a second after ~1,000 records changed.

    .venv/bin/python benchmarks/bench_meeting_pack.py [--rows 100000] [--repeat 3] [--code DIR [--code DIR2]]

The second pack is the expensive one: it builds this pack's snapshot, reads the previous pack's stored snapshot,
lists the differences on the 变动情况 sheet and stores its own snapshot. Each pack runs in a fresh subprocess
(imports and opening the database outside the timer) so its peak memory (VmHWM) is its own. ``--code DIR`` runs
the packs with the jjdesk package found in DIR (e.g. an unpacked ``git archive`` of an earlier commit), to
measure before and after a change on the same cached database.

The database (the demo catalogue, figures and initiatives, plus ``--rows`` generated enterprises through
``store.bulk``) is made once and kept in ``benchmarks/.cache/`` under its row count and schema revision; each run
copies it, so every first pack starts without a stored pack.
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
import time
from pathlib import Path

from peak_memory import peak_mb

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(__file__).resolve().parent / ".cache"
CHANGED = 1_000  # records changed between the two packs: 980 edited, 20 deleted


def child(code: str, db_path: str, out: str) -> None:
    sys.path.insert(0, code)
    import datetime as dt

    from jjdesk.services.core.actor import Actor
    from jjdesk.services.exports import meeting_pack
    from jjdesk.store.migrate import open_database

    db = open_database(f"sqlite:///{db_path}")
    started = time.perf_counter()
    result = meeting_pack.export_meeting_pack(
        db, out, year=2021, today=dt.date(2021, 12, 1), actor=Actor("benchmark", "admin")
    )
    seconds = time.perf_counter() - started
    db.dispose()
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb(), "changes": result.rows.get("变动情况", 0)}))


def run_child(code: Path, db_path: Path, out: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(code), str(db_path), str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=3600,
    )
    if proc.returncode:
        raise SystemExit(f"pack failed:\n{proc.stderr}")
    return json.loads(proc.stdout.splitlines()[-1])


def cached_database(rows: int) -> Path:
    """The demo facts plus ``rows`` generated enterprises at the current schema revision, made once and kept."""
    sys.path.insert(0, str(ROOT))
    from jjdesk.services.demo import load as demo
    from jjdesk.services.demo.enterprises import iter_demo_enterprises
    from jjdesk.store.bulk import insert_enterprises
    from jjdesk.store.migrate import head_revision, open_database

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"meeting-pack-{rows}-rev{head_revision()}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    print(f"filling {rows:,} enterprises into {path.name} (once; cached for later runs) …", flush=True)
    db = open_database(f"sqlite:///{partial}")
    demo.load_demo(db, generated=0)
    insert_enterprises(db, iter_demo_enterprises(rows, seed=7), actor_name="benchmark")
    db.dispose()
    con = sqlite3.connect(partial)
    con.execute("pragma journal_mode=delete")  # one self-contained file to copy
    con.close()
    partial.rename(path)
    return path


def change_records(db_path: Path) -> None:
    """Edit 980 enterprises and delete 20 (with their tags), as a month of officers' work might."""
    con = sqlite3.connect(db_path)
    con.execute("pragma foreign_keys=on")
    ids = [i for (i,) in con.execute("select id from enterprise order by id")]
    step = max(1, len(ids) // CHANGED)
    picked = ids[::step][:CHANGED]
    edited, deleted = picked[:-20], picked[-20:]
    con.executemany(
        "update enterprise set contact_name = contact_name || '（变）', version = version + 1 where id = ?",
        [(i,) for i in edited],
    )
    for table in ("enterprise_service", "enterprise_channel"):
        con.executemany(f"delete from {table} where enterprise_id = ?", [(i,) for i in deleted])
    con.executemany("delete from enterprise where id = ?", [(i,) for i in deleted])
    con.commit()
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs; the median is reported")
    parser.add_argument(
        "--code",
        action="append",
        metavar="DIR",
        help="directory holding the jjdesk package to measure (default: this worktree); give it "
        "twice to compare two versions, runs interleaved",
    )
    parser.add_argument("--child", nargs=3, metavar=("CODE", "DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    base = cached_database(args.rows)
    codes = [Path(c).resolve() for c in (args.code or [ROOT])]
    runs: dict[Path, dict[str, list[dict]]] = {c: {"first pack": [], "second pack": []} for c in codes}
    with tempfile.TemporaryDirectory(prefix="jjdesk-pack-") as tmp:
        work = Path(tmp)
        for i in range(args.repeat):
            for n, code in enumerate(codes):  # interleaved, so a change in the machine's load weighs on each alike
                db_path = work / f"run{i}-{n}.db"
                shutil.copyfile(base, db_path)
                runs[code]["first pack"].append(run_child(code, db_path, work / f"first{i}-{n}.xlsx"))
                change_records(db_path)
                runs[code]["second pack"].append(run_child(code, db_path, work / f"second{i}-{n}.xlsx"))
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    print(
        f"meeting pack over {args.rows:,} enterprises; second pack after {CHANGED:,} changes; medians of {args.repeat}"
    )
    for code, cases in runs.items():
        print(f"code: {code}")
        for case, results in cases.items():
            secs = [r["seconds"] for r in results]
            print(
                f"  {case:<12} {statistics.median(secs):6.2f} s   peak {max(r['peak_mb'] for r in results):5.0f} MB"
                f"   runs {' '.join(f'{x:.2f}' for x in secs)}   变动情况 rows {results[-1]['changes']:,}"
            )


if __name__ == "__main__":
    main()
