"""Excel export/import against bare baselines on the same 100,000 enterprises, each case in its own process.

    .venv/bin/python benchmarks/bench_excel.py [--rows 100000] [--repeat 1] [--keep DIR]

Export: jjdesk's formatted export (``lists.export_enterprises``: styles, 合计 formula, print set-up, tags
in vocabulary order, read from the database) against a bare openpyxl write-only dump of the same values read
with a plain sqlite3 cursor (target ≤ 1.3×). Import: jjdesk's import of that file (safety checks, read, full
validation, duplicate look-up, one-transaction write with audit) and its dry run, against bare reading of the
same file with python-calamine — the fastest reader here — and, for the record, openpyxl read-only (target
≤ 2× of calamine). ``write_bare`` measures the floor under any full import into this schema: the same rows
written with raw sqlite3, no checks and no audit; read + that floor is printed beside the import. Each case
runs in a fresh subprocess so the peak memory (VmHWM, else ``ru_maxrss``) is its own.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from peak_memory import peak_mb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KEYS = (
    "name",
    "credit_code",
    "customs_code",
    "enterprise_type",
    "cluster",
    "industry_code",
    "join_date",
    "services",
    "channels",
    "contact_name",
    "mobile",
    "landline",
    "export_value",
    "is_listed",
    "stock_code",
    "notes",
    "review_status",
)


# ---------------------------------------------------------------- cases (run in a child process)
# Each case returns the work to time: imports, opening the database and migrating are set-up (the app has
# done them long before an officer clicks Export), so neither side pays for them inside the timer.


def case_export_jjdesk(db_path: str, out: str):
    from jjdesk.services.exports import lists
    from jjdesk.store.migrate import open_database

    db = open_database(f"sqlite:///{db_path}")
    return lambda: lists.export_enterprises(db, out)


def case_export_bare(db_path: str, out: str):
    import sqlite3
    from datetime import date
    from decimal import Decimal

    from openpyxl import Workbook

    con = sqlite3.connect(db_path)
    tags = (
        "(SELECT group_concat(service, '、') FROM enterprise_service s WHERE s.enterprise_id = e.id), "
        "(SELECT group_concat(channel, '、') FROM enterprise_channel c WHERE c.enterprise_id = e.id)"
    )
    sql = (
        f"SELECT name, credit_code, customs_code, enterprise_type, cluster, industry_code, join_date, {tags}, "
        "contact_name, mobile, landline, export_value, is_listed, stock_code, notes, review_status "
        "FROM enterprise e ORDER BY id"
    )

    def work() -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("bare")
        ws.append(list(KEYS))
        for row in con.execute(sql):
            row = list(row)
            row[6] = date.fromisoformat(row[6]) if row[6] else None
            row[12] = Decimal(row[12]).scaleb(-4) if row[12] is not None else None
            ws.append(row)
        wb.save(out)

    return work


def case_import_jjdesk(db_path: str, file: str):
    return _import(db_path, file, dry=False)


def case_import_dry_run(db_path: str, file: str):
    return _import(db_path, file, dry=True)


def _import(db_path: str, file: str, dry: bool):
    from jjdesk.services.core.actor import Actor
    from jjdesk.services.imports import enterprises as excel_import
    from jjdesk.store.migrate import open_database

    db = open_database(f"sqlite:///{db_path}")
    import python_calamine  # noqa: F401 — imported by the import itself; set-up, like the bare case's

    def work() -> None:
        result = excel_import.import_enterprises(db, Actor("bench"), file, dry_run_only=dry)
        assert result.ok, result.errors[:3]

    return work


def case_write_bare(db_path: str, file: str):
    """The database work of an import with nothing else: the same 100,000 enterprises and tags, already in
    stored form (read from the benchmark's source database before the timer), written with raw ``sqlite3``
    into a fresh jjdesk database in one transaction, its indexes dropped and rebuilt and its search index filled
    in one statement — no validation, no conversion, no audit. The floor under any full import into this schema;
    read + this is what an import would take if checking and auditing were free."""
    import sqlite3

    from jjdesk.store import sqlite_search
    from jjdesk.store.migrate import open_database

    open_database(f"sqlite:///{db_path}").dispose()  # a fresh, migrated target (set-up)
    source = sqlite3.connect(Path(file).parent / "bench.db")
    tables = ("enterprise", "enterprise_service", "enterprise_channel")
    data = {t: source.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
    columns = {t: [r[1] for r in source.execute(f"PRAGMA table_info({t})")] for t in tables}
    con = sqlite3.connect(db_path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL"):
        con.execute(f"PRAGMA {pragma}")
    indexes = con.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN {tables}"
    ).fetchall()
    searched = ", ".join(sqlite_search.COLUMNS)
    padded = ", ".join(f"{c} || {sqlite_search.PAD_SQL}" for c in sqlite_search.COLUMNS)

    def work() -> None:
        con.execute("BEGIN IMMEDIATE")
        for name, _sql in indexes:
            con.execute(f"DROP INDEX {name}")
        triggers = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'enterprise'"
        ).fetchall()
        for name, _sql in triggers:
            con.execute(f"DROP TRIGGER {name}")
        for t in tables:
            con.executemany(
                f"INSERT INTO {t} ({', '.join(columns[t])}) VALUES ({', '.join('?' * len(columns[t]))})", data[t]
            )
        for _name, sql in indexes:
            con.execute(sql)
        con.execute(f"INSERT INTO {sqlite_search.INDEX}(rowid, {searched}) SELECT id, {padded} FROM enterprise")
        for _name, sql in triggers:
            con.execute(sql)
        con.execute("COMMIT")
        assert con.execute("SELECT count(*) FROM enterprise").fetchone()[0] == len(data["enterprise"])

    return work


def case_read_calamine(_db: str, file: str):
    from python_calamine import CalamineWorkbook

    def work() -> None:
        book = CalamineWorkbook.from_path(file)
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
        assert len(rows) > 1

    return work


def case_read_openpyxl(_db: str, file: str):
    from openpyxl import load_workbook

    def work() -> None:
        wb = load_workbook(file, read_only=True)
        assert sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True)) > 1

    return work


CASES = {name.removeprefix("case_"): fn for name, fn in globals().items() if name.startswith("case_")}


def child(case: str, db_path: str, path: str) -> None:
    work = CASES[case](db_path, path)
    started = time.perf_counter()
    work()
    print(json.dumps({"seconds": time.perf_counter() - started, "peak_mb": peak_mb()}))


# ---------------------------------------------------------------- driver


def run_case(case: str, db_path: Path, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", case, str(db_path), str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=3600,
    )
    if out.returncode:
        raise SystemExit(f"{case} failed:\n{out.stderr}")
    merged: dict = {}
    for line in out.stdout.splitlines():
        merged.update(json.loads(line))
    return merged


def prepare(work: Path, rows: int) -> Path:
    from jjdesk.services.demo.enterprises import iter_demo_enterprises
    from jjdesk.store.bulk import insert_enterprises
    from jjdesk.store.migrate import open_database

    db_path = work / "bench.db"
    db = open_database(f"sqlite:///{db_path}")
    started = time.perf_counter()
    insert_enterprises(db, iter_demo_enterprises(rows))
    db.dispose()
    print(f"inserted {rows:,} demo enterprises in {time.perf_counter() - started:.1f} s (store.bulk)")
    return db_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; the median is reported")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the files")
    parser.add_argument(
        "--import-only",
        action="store_true",
        help="with --keep DIR of an earlier run: measure only the import cases on its files",
    )
    parser.add_argument("--child", nargs=3, metavar=("CASE", "DB", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    work = Path(args.keep or tempfile.mkdtemp(prefix="jjdesk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    exported, bare = work / "jjdesk.xlsx", work / "bare.xlsx"
    if args.import_only and not exported.exists():
        raise SystemExit(f"--import-only needs an earlier run's files in --keep DIR (no {exported})")
    db_path = work / "bench.db" if args.import_only else prepare(work, args.rows)
    results: dict[str, dict] = {}

    def measure(*cases: str, path: Path) -> None:
        """Run each case ``--repeat`` times, interleaved (a, b, c, a, b, c, …) so that a change in the machine's
        load during the run weighs on every case alike; report medians. Import cases get a fresh database."""
        runs: dict[str, list[dict]] = {case: [] for case in cases}
        for i in range(args.repeat):
            for case in cases:
                fresh = case.startswith(("import", "write"))
                target_db = work / f"import-{case}-{i}.db" if fresh else db_path
                runs[case].append(run_case(case, target_db, path))
                if fresh:
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{target_db}{suffix}").unlink(missing_ok=True)
        for case in cases:
            results[case] = {
                "seconds": statistics.median(r["seconds"] for r in runs[case]),
                "peak_mb": max(r["peak_mb"] for r in runs[case]),
                "runs": [round(r["seconds"], 3) for r in runs[case]],
            }
            print(
                f"  {case:<16} {results[case]['seconds']:7.2f} s   peak {results[case]['peak_mb']:6.0f} MB"
                f"   runs {' '.join(f'{x:.2f}' for x in results[case]['runs'])}"
            )

    if not args.import_only:
        print(f"export of {args.rows:,} enterprises × {len(KEYS)} columns:")
        measure("export_jjdesk", path=exported)
        measure("export_bare", path=bare)
    print(f"import of the exported file ({exported.stat().st_size / 1e6:.1f} MB):")
    measure("read_calamine", "import_dry_run", "import_jjdesk", "write_bare", path=exported)
    if not args.import_only:
        measure("read_openpyxl", path=exported)
    base_r = results["read_calamine"]["seconds"]
    print("ratios:")
    if not args.import_only:
        print(
            f"  formatted export ÷ bare write-only dump   "
            f"{results['export_jjdesk']['seconds'] / results['export_bare']['seconds']:5.2f}×  (target ≤ 1.3×)"
        )
    print(f"  import dry run (read+check) ÷ calamine    {results['import_dry_run']['seconds'] / base_r:5.2f}×")
    print(
        f"  full import (read+check+write) ÷ calamine {results['import_jjdesk']['seconds'] / base_r:5.2f}×"
        "  (target ≤ 2×)"
    )
    floor = base_r + results["write_bare"]["seconds"]
    print(f"  floor: calamine read + bare sqlite write  {floor / base_r:5.2f}×  (no checks, no audit)")
    print(f"  full import ÷ that floor                  {results['import_jjdesk']['seconds'] / floor:5.2f}×")
    if not args.import_only:
        print(f"  openpyxl read-only ÷ calamine             {results['read_openpyxl']['seconds'] / base_r:5.2f}×")
    (work / "results.json").write_text(json.dumps(results, indent=2))
    print(f"files and results.json in {work}")


if __name__ == "__main__":
    main()
