"""A verified backup of a 100,000-enterprise ledger, against SQLite's bare backup API on the same file.

    .venv/bin/python benchmarks/bench_backup.py [--rows 100000] [--repeat 3] [--kill-points 0] [--rebuild]

The ledger is filled once (``store.bulk.insert_enterprises``, as ``bench_enterprise_table.py`` does, plus one audit
``create`` entry per enterprise through ``audit.write_many``, as an import writes them: the chain a backup must
verify) and cached in ``benchmarks/.cache/``. Measured, medians over ``--repeat`` runs with a warm file cache:

- bare: ``sqlite3.Connection.backup`` of the file into a new one, in one step, nothing else;
- jjdesk: ``services.backup.make.make_backup`` — the copy in steps inside one read transaction, the integrity
  check, the audit chain recomputed against its head, the counts, SHA-256, fsync, index, rename — and its parts
  timed on their own (copy, integrity check, chain + counts, hash);
- restore: ``restore.plan_restore`` + ``restore.restore_backup`` of that backup (which backs the ledger up first).

``--kill-points N`` then kills (SIGKILL) a child process making backups of this ledger at N random moments and
checks, after each, the live file (integrity, audit chain) and every file with a final name (verification and
the index's hash): the reliability test of the suite, at this size.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CACHE = Path(__file__).resolve().parent / ".cache"
SEED = 2021


def cached_ledger(rows: int, rebuild: bool) -> Path:
    """The filled ledger (enterprises and their audit entries) for ``rows``, made once and kept."""
    from jjdesk.services.core import audit
    from jjdesk.services.demo.enterprises import iter_demo_enterprises
    from jjdesk.store.bulk import insert_enterprises
    from jjdesk.store.migrate import head_revision, open_database

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"ledger-{rows}-seed{SEED}-rev{head_revision()}.db"
    if path.exists() and not rebuild:
        return path
    partial = path.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    print(f"filling {rows:,} enterprises with their audit entries into {path.name} (once) …", flush=True)
    started = time.perf_counter()
    db = open_database(f"sqlite:///{partial}")
    insert_enterprises(db, iter_demo_enterprises(rows, SEED), actor_name="benchmark")
    con = sqlite3.connect(partial)
    named = con.execute("select id, name from enterprise order by id").fetchall()
    con.close()
    with db.write() as s:
        audit.write_many(
            s, "benchmark", (audit.created("enterprise", i, name, {"id": i, "name": name}) for i, name in named)
        )
    db.dispose()
    partial.rename(path)
    print(f"filled in {time.perf_counter() - started:.1f} s, {path.stat().st_size / 1e6:,.0f} MB", flush=True)
    return path


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def measure(source: Path, repeat: int) -> dict[str, list[float]]:
    from jjdesk.services.backup import index, make, restore
    from jjdesk.services.backup.verify import verify_file
    from jjdesk.services.core.actor import Actor
    from jjdesk.store import sqlite_backup
    from jjdesk.store.migrate import open_database

    admin = Actor("benchmark", "admin")
    times: dict[str, list[float]] = {k: [] for k in ("bare", "jjdesk", "copy", "integrity", "chain", "hash", "restore")}
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        work = Path(tmp) / "jjdesk.db"
        shutil.copyfile(source, work)
        db = open_database(f"sqlite:///{work}")
        try:
            for n in range(repeat):
                bare_target = Path(tmp) / f"bare-{n}.db"

                def bare(target=bare_target) -> None:
                    src, dst = sqlite3.connect(work), sqlite3.connect(target)
                    src.backup(dst)
                    dst.close()
                    src.close()

                times["bare"].append(_timed(bare))
                folder = Path(tmp) / f"backups-{n}"
                entries: list[index.BackupEntry] = []
                times["jjdesk"].append(_timed(lambda f=folder, out=entries: out.append(make.make_backup(db, f, admin))))
                part = Path(tmp) / f"part-{n}.db"
                times["copy"].append(_timed(lambda p=part: sqlite_backup.copy_database(work, p)))
                times["integrity"].append(_timed(lambda p=part: sqlite_backup.integrity_problems(p)))
                times["chain"].append(_timed(lambda p=part: verify_file(p)) - times["integrity"][-1])
                times["hash"].append(_timed(lambda p=part: index.sha256_of(p)))
                backup = folder / entries[0].file
                times["restore"].append(_timed(lambda b=backup, f=folder: restore.restore_backup(db, b, admin, f)))
                for p in (bare_target, part):
                    p.unlink()
        finally:
            db.dispose()
    return times


CHILD = """
import itertools, sys
from pathlib import Path
from jjdesk.services.backup import make
from jjdesk.services.core.actor import Actor
from jjdesk.store.migrate import open_database
db = open_database(f"sqlite:///{sys.argv[1]}")
print("ready", flush=True)
for _ in itertools.count():
    make.make_backup(db, Path(sys.argv[2]), Actor("benchmark", "admin"))
"""


def kill_points(source: Path, points: int) -> tuple[int, int, int]:
    """(kill points, killed inside a backup, final files verified); raises AssertionError on any bad file."""
    from jjdesk.services.backup import index
    from jjdesk.services.backup.verify import verify_file
    from jjdesk.services.core import audit
    from jjdesk.store import sqlite_backup
    from jjdesk.store.migrate import open_database

    rng = random.Random(SEED)
    checked: set[str] = set()
    inside = 0
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        work = Path(tmp) / "jjdesk.db"
        shutil.copyfile(source, work)
        folder = Path(tmp) / "backups"
        for n in range(points):
            proc = subprocess.Popen(
                [sys.executable, "-c", CHILD, str(work), str(folder)], cwd=ROOT, stdout=subprocess.PIPE, text=True
            )
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0, 12.0))  # a verified backup of 100,000 enterprises takes ~9 s
            proc.kill()
            proc.wait()
            assert sqlite_backup.integrity_problems(work) == [], "live ledger damaged"
            db = open_database(f"sqlite:///{work}")
            try:
                assert audit.verify_chain(db).ok, "live audit chain broken"
            finally:
                db.dispose()
            if any(p.name.endswith(f".{proc.pid}{index.PARTIAL_SUFFIX}") for p in folder.glob("*")):
                inside += 1
            for path in sorted(p for p in folder.glob("*") if index.FINAL_NAME.match(p.name)):
                if path.name not in checked:
                    entry = index.entry_for(path)
                    assert verify_file(path).ok, f"{path.name} fails verification"
                    assert entry is None or index.sha256_of(path) == entry.sha256, f"{path.name}: hash differs"
                    checked.add(path.name)
                    path.unlink()  # keep the folder small; what counted is that it verified
            print(f"  kill {n + 1}/{points}: inside a backup {inside}, verified {len(checked)}", end="\r", flush=True)
    print()
    return points, inside, len(checked)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kill-points", type=int, default=0)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    source = cached_ledger(args.rows, args.rebuild)
    size = source.stat().st_size
    times = measure(source, args.repeat)
    bare = statistics.median(times["bare"])
    print(f"ledger: {args.rows:,} enterprises, {size / 1e6:,.0f} MB · medians of {args.repeat}")
    print(f"{'measurement':<46}{'seconds':>9}{'× bare':>9}")
    rows = [
        ("bare: sqlite3 backup API, one step", "bare"),
        ("jjdesk: make_backup (copy, verify, hash, index)", "jjdesk"),
        ("  copy in steps inside one read transaction", "copy"),
        ("  PRAGMA integrity_check", "integrity"),
        ("  audit chain against its head + counts", "chain"),
        ("  SHA-256 of the file", "hash"),
        ("restore (plan, back up first, restore, audit)", "restore"),
    ]
    for label, key in rows:
        value = statistics.median(times[key])
        print(f"{label:<46}{value:>9.2f}{value / bare:>8.1f}×")
    if args.kill_points:
        points, inside, verified = kill_points(source, args.kill_points)
        print(f"kill -9 points: {points}, inside a backup: {inside}, final files verified: {verified}, all sound")
    return 0


if __name__ == "__main__":
    sys.exit(main())
