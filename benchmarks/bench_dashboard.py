"""The 汇总 dashboard at 1,000,000 enterprises against bare SQLite aggregates over the same file.

    .venv/bin/python benchmarks/bench_dashboard.py [--rows 1000000] [--repeat 5] [--rebuild]

The enterprise database is the one ``bench_enterprise_table.py`` fills and caches (``benchmarks/.cache/``,
generated demo enterprises with services and channels, ~1.5–3 min the first time); this benchmark adds the
article's indicator catalogue, figures and initiatives to it once (small tables; the enterprise benchmark does
not read them). Measured in one process, OS file cache warm, medians of ``--repeat`` runs after one warm-up:

- jjdesk: ``summary.dashboard(db)`` — every card and chart series of the page, through SQLAlchemy;
- baselines, bare ``sqlite3`` on the same file: ``SELECT COUNT(*)`` (the cheapest question), one
  ``GROUP BY cluster`` over the table, and the *naive dashboard*: the same figures as plain GROUP BYs
  (type, cluster, review status, service, join month) — what the obvious SQL costs.

Target: the dashboard refreshes in < 1 s (exit status 1 when missed). The parts are timed too, to show where
the time goes.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench_enterprise_table import cached_database
from peak_memory import peak_mb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = 1.0
NAIVE = (
    "SELECT COUNT(*) FROM enterprise",
    "SELECT COUNT(*) FROM enterprise WHERE join_date BETWEEN '2021-01-01' AND '2021-12-31'",
    "SELECT enterprise_type, COUNT(*) FROM enterprise GROUP BY enterprise_type",
    "SELECT cluster, COUNT(*) FROM enterprise GROUP BY cluster",
    "SELECT review_status, COUNT(*) FROM enterprise GROUP BY review_status",
    "SELECT service, COUNT(*) FROM enterprise_service GROUP BY service",
    "SELECT strftime('%Y-%m', join_date), COUNT(*) FROM enterprise WHERE join_date IS NOT NULL GROUP BY 1",
    "SELECT category, status, COUNT(*) FROM initiative GROUP BY category, status",
    "SELECT COUNT(*) FROM milestone WHERE done = 0 AND due_date < '2021-06-01'",
)


def ensure_summary_data(db) -> None:
    """The article's catalogue, figures and initiatives (without enterprise links), added once."""
    from jjdesk.services.core.actor import SYSTEM
    from jjdesk.services.demo import load as demo
    from jjdesk.services.records import initiatives
    from jjdesk.services.records import statistics as stats

    if stats.catalogue(db):
        return
    for seq, (code, name, unit, parent, decimals, group, note) in enumerate(demo.CATALOGUE):
        stats.add_indicator(
            db,
            SYSTEM,
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
    for code, year, value, growth, source in demo.FIGURES:
        stats.set_value(db, SYSTEM, code, year, {"value": value, "growth": growth, "source": source})

    class AnyCompany(dict):
        def __missing__(self, _name: str) -> int:
            return 1

    for fields, milestones, indicators, _links in demo._initiatives(AnyCompany()):
        initiatives.create(db, SYSTEM, {**fields, "is_demo": True}, milestones, indicators, [])


def median_time(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up: statements prepared, pages in the OS cache
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="fill the cached enterprise database again")
    args = parser.parse_args()

    from jjdesk.services.core.vocab import CLUSTERS, ENTERPRISE_TYPES, REVIEW_STATUS, SERVICES
    from jjdesk.services.summaries import dashboard as summary
    from jjdesk.store import summary_repo
    from jjdesk.store.migrate import open_database

    path = cached_database(args.rows, args.rebuild)
    db = open_database(f"sqlite:///{path}")
    ensure_summary_data(db)
    today = date(2021, 6, 1)
    bare = sqlite3.connect(path)

    def bare_count() -> None:
        bare.execute(NAIVE[0]).fetchall()

    def bare_cluster() -> None:
        bare.execute(NAIVE[3]).fetchall()

    def bare_naive() -> None:
        for sql in NAIVE:
            bare.execute(sql).fetchall()

    started = time.perf_counter()
    dash = summary.dashboard(db, today=today)
    first = time.perf_counter() - started
    jjdesk = median_time(lambda: summary.dashboard(db, today=today), args.repeat)
    baselines = [
        ("bare SELECT COUNT(*)", median_time(bare_count, args.repeat)),
        ("bare GROUP BY cluster (one scan)", median_time(bare_cluster, args.repeat)),
        ("bare naive dashboard (9 GROUP BY/COUNT)", median_time(bare_naive, args.repeat)),
    ]

    parts: list[tuple[str, Callable[..., object]]] = [
        ("enterprises total", lambda s: summary_repo.enterprise_count(s)),
        ("joined this year", lambda s: summary_repo.enterprise_count(s, date(2021, 1, 1), date(2021, 12, 31))),
        ("by type", lambda s: summary_repo.enterprise_counts_by(s, "enterprise_type", ENTERPRISE_TYPES)),
        ("by cluster", lambda s: summary_repo.enterprise_counts_by(s, "cluster", CLUSTERS)),
        ("by review status", lambda s: summary_repo.enterprise_counts_by(s, "review_status", list(REVIEW_STATUS))),
        ("service use", lambda s: summary_repo.service_counts(s, SERVICES)),
        ("members by month", lambda s: summary_repo.join_date_counts(s)),
    ]
    part_times = []
    for name, fn in parts:

        def run(fn=fn) -> None:
            with db.session() as s:
                fn(s)

        part_times.append((name, median_time(run, args.repeat)))
    db.dispose()

    print(f"summary.dashboard over {dash.enterprises_total:,} enterprises · medians of {args.repeat} runs")
    print(f"{'measurement':44}{'time':>10}{'× jjdesk':>10}")
    print(
        f"{'jjdesk summary.dashboard()':44}{_ms(jjdesk):>10}{'1.00':>10}   target < {TARGET:.0f} s "
        f"{'✓' if jjdesk < TARGET else '✗'}"
    )
    print(f"{'jjdesk first refresh (after opening)':44}{_ms(first):>10}{first / jjdesk:>10.2f}")
    for name, t in baselines:
        print(f"{name:44}{_ms(t):>10}{t / jjdesk:>10.2f}")
    print("parts of the dashboard (each in its own session):")
    for name, t in part_times:
        print(f"  {name:42}{_ms(t):>10}{t / jjdesk:>10.2f}")
    print(f"peak memory {peak_mb():.0f} MB")
    return 0 if jjdesk < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
