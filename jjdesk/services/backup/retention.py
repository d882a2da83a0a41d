"""Which backups to keep: the newest of each of the last 7 days, 4 weeks and 12 months that have one.

Each ledger's backups are kept on their own when one folder holds several. Buckets are counted over the backups
themselves, not back from today, so a PC left off over a holiday does not
come back to find its history pruned away. Only verified backups (listed in the index) take part; a file copied
into the folder by hand is never deleted, and the newest verified backup is always kept, so pruning can never
leave a folder without one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jjdesk.services.backup import index


@dataclass(frozen=True)
class Policy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


DEFAULT = Policy()


def _newest_per_bucket(
    backups: list[tuple[datetime, str]], bucket: Callable[[datetime], tuple], count: int
) -> set[str]:
    kept: set[str] = set()
    seen: set[tuple] = set()
    for when, name in backups:  # newest first
        key = bucket(when)
        if key in seen:
            continue
        if len(seen) == count:
            break
        seen.add(key)
        kept.add(name)
    return kept


def to_keep(backups: Iterable[tuple[datetime, str]], policy: Policy = DEFAULT) -> set[str]:
    """The names to keep among ``(time, name)`` backups: the newest in each of the ``policy``'s most recent days,
    ISO weeks and months (a backup may count for several), and the newest of all."""
    ordered = sorted(((w.astimezone(), n) for w, n in backups), reverse=True)
    if not ordered:
        return set()
    return (
        {ordered[0][1]}
        | _newest_per_bucket(ordered, lambda w: (w.year, w.month, w.day), policy.daily)
        | _newest_per_bucket(ordered, lambda w: w.isocalendar()[:2], policy.weekly)
        | _newest_per_bucket(ordered, lambda w: (w.year, w.month), policy.monthly)
    )


def prune(folder: Path, policy: Policy = DEFAULT) -> list[str]:
    """Delete the verified backups in ``folder`` that ``policy`` does not keep; returns their names.

    Each file is deleted before its index entry, so a crash in between leaves an entry without a file (ignored),
    never a kept file that the index has forgotten.
    """
    folder = Path(folder)
    verified = [e for e in index.list_backups(folder) if e.verified]
    keep: set[str] = set()
    for source in {e.source for e in verified}:  # each ledger's backups on their own, when a folder holds several
        keep |= to_keep((e.created, e.file) for e in verified if e.source == source)
    removed = []
    for e in verified:
        if e.file not in keep:
            try:
                (folder / e.file).unlink(missing_ok=True)
            except OSError:  # open elsewhere, read-only medium: keep it, try again after the next backup
                continue
            removed.append(e.file)
    if removed:
        index.remove(folder, removed)
    return removed
