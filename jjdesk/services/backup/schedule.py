"""When a backup is made without anyone asking: at the first start of each day, and on close after changes.

"After changes" is read from the ledger itself: every change appends to the audit chain, so a ledger whose chain
head differs from the newest backup's has changed since. Both decisions take the clock as an argument, so a test
can live through a simulated year in a second. After a scheduled backup the folder is pruned
(:mod:`retention`); a failure is reported to the caller, who shows it without interrupting the officer.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from jjdesk.services.backup import index, retention
from jjdesk.services.backup.make import live_path, make_backup
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.audit import utcnow
from jjdesk.services.core.progress import CancelFn, ProgressFn
from jjdesk.store import repos
from jjdesk.store.engine import Database


def _of(entries: list[index.BackupEntry], source: Path | None) -> list[index.BackupEntry]:
    # One folder may hold the backups of several ledgers (a USB stick, a share chosen in 备份设置).
    return [e for e in entries if e.verified and (source is None or e.source == str(source))]


def last_good(folder: Path, source: Path | None = None) -> index.BackupEntry | None:
    """The newest verified backup in ``folder`` (of the ledger file ``source``, when given), or None."""
    return next(iter(_of(index.list_backups(folder), source)), None)


def chain_head(db: Database) -> tuple[int, str]:
    """(entries, last hash) of the live ledger's audit chain."""
    with db.session() as s:
        head = repos.audit_head(s)
    return (head.entries, head.last_hash) if head is not None else (0, "")


def due_at_start(folder: Path, now: datetime | None = None, source: Path | None = None) -> bool:
    """True when ``folder`` has no verified backup (of ``source``, when given) made on ``now``'s day (local time)."""
    today = (now or utcnow()).astimezone().date()
    return not any(e.created.astimezone().date() == today for e in _of(index.list_backups(folder), source))


def due_at_close(db: Database, folder: Path) -> bool:
    """True when the ledger changed since its newest verified backup in ``folder`` (or has none and holds data)."""
    newest = last_good(folder, live_path(db))
    entries, head = chain_head(db)
    if newest is None:
        return entries > 0
    return (newest.chain_entries, newest.chain_head) != (entries, head)


def run_scheduled(
    db: Database,
    folder: Path,
    actor: Actor,
    when: str,
    *,
    now: datetime | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    policy: retention.Policy = retention.DEFAULT,
) -> index.BackupEntry | None:
    """Make the backup ``when`` (``index.START`` or ``index.CLOSE``) calls for, then prune; None when none was due."""
    due = due_at_start(folder, now, live_path(db)) if when == index.START else due_at_close(db, folder)
    if not due:
        return None
    entry = make_backup(db, folder, actor, reason=when, now=now, progress=progress, should_cancel=should_cancel)
    retention.prune(folder, policy)
    return entry
