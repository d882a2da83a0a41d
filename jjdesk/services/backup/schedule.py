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
from jjdesk.services.backup.make import make_backup
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.audit import utcnow
from jjdesk.services.core.progress import CancelFn, ProgressFn
from jjdesk.store import repos
from jjdesk.store.engine import Database


def last_good(folder: Path) -> index.BackupEntry | None:
    """The newest verified backup in ``folder`` (what the next start reports), or None."""
    return next((e for e in index.list_backups(folder) if e.verified), None)


def chain_head(db: Database) -> tuple[int, str]:
    """(entries, last hash) of the live ledger's audit chain."""
    with db.session() as s:
        head = repos.audit_head(s)
    return (head.entries, head.last_hash) if head is not None else (0, "")


def due_at_start(folder: Path, now: datetime | None = None) -> bool:
    """True when ``folder`` has no verified backup made on ``now``'s day (local time)."""
    today = (now or utcnow()).astimezone().date()
    return not any(e.verified and e.created.astimezone().date() == today for e in index.list_backups(folder))


def due_at_close(db: Database, folder: Path) -> bool:
    """True when the ledger changed since its newest verified backup in ``folder`` (or has none and holds data)."""
    newest = last_good(folder)
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
    due = due_at_start(folder, now) if when == index.START else due_at_close(db, folder)
    if not due:
        return None
    entry = make_backup(db, folder, actor, reason=when, now=now, progress=progress, should_cancel=should_cancel)
    retention.prune(folder, policy)
    return entry
