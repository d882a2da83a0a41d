"""Make one verified backup of the live SQLite ledger: copy, verify, hash, list, and only then the final name.

The steps, each of which can fail without leaving a file that looks like a backup:

1. SQLite's online backup API copies the ledger into ``jjdesk-….db.partial`` (one consistent snapshot, however
   busy the ledger is; see ``store.sqlite_backup``);
2. the copy is verified (``verify.verify_file``: integrity check, audit chain against its own head, counts);
3. its SHA-256 is taken, it is synced to disk, and its entry is added to the folder's index;
4. it is renamed to ``jjdesk-YYYYMMDD-HHMMSS.db``.

Any failure or Cancel removes the partial file; the message names the folder and the reason in Chinese. A process
killed half-way leaves at most a ``.partial`` file, which the next backup into that folder removes.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jjdesk.config import sqlite_path
from jjdesk.services.backup import index
from jjdesk.services.backup.verify import verify_file
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.audit import utcnow
from jjdesk.services.core.errors import ServiceError, os_reason
from jjdesk.services.core.progress import CancelFn, Cancelled, ProgressFn
from jjdesk.store import sqlite_backup
from jjdesk.store.engine import Database

BACKUP_FOLDER_NAME = "backups"
NOT_SQLITE = (
    "备份目前只支持 SQLite 数据库文件（默认的本机台账）。PostgreSQL 数据库的备份尚未支持，"
    "请由服务器管理员用 PostgreSQL 自带的工具备份。"
)

# Progress of one backup in hundredths: copying is most of the work, then verifying, then hashing.
_COPY, _VERIFY, _HASH = 70, 20, 10


def live_path(db: Database) -> Path:
    """The file of the live ledger; refused with a message for anything but an SQLite file."""
    path = sqlite_path(db.url)
    if not db.is_sqlite or path is None:
        raise ServiceError(NOT_SQLITE)
    if not path.is_file():
        raise ServiceError(f"找不到数据库文件“{path}”。")
    return path


def default_folder(db: Database) -> Path:
    """Where backups go unless the officer chose another folder: ``backups`` beside the database file."""
    return live_path(db).parent / BACKUP_FOLDER_NAME


@dataclass
class _Progress:
    progress: ProgressFn | None
    should_cancel: CancelFn | None

    def at(self, hundredths: int) -> None:
        if self.should_cancel is not None and self.should_cancel():
            raise Cancelled("备份已取消，未保存备份文件。")
        if self.progress is not None:
            self.progress(min(100, hundredths), 100)


def make_backup(
    db: Database,
    folder: Path,
    actor: Actor,
    *,
    reason: str = index.MANUAL,
    now: datetime | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    pages_per_step: int = sqlite_backup.PAGES_PER_STEP,
) -> index.BackupEntry:
    """Back up ``db`` into ``folder`` as a verified ``jjdesk-YYYYMMDD-HHMMSS.db`` listed in the folder's index.

    ``now`` is the clock (injected by tests and the schedule); ``actor`` is who was signed in.
    """
    source = live_path(db)
    folder = Path(folder).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ServiceError(f"无法创建备份文件夹“{folder}”：{os_reason(exc)}。") from exc
    if not folder.is_dir():
        raise ServiceError(f"备份位置“{folder}”不是文件夹。")
    when = now or utcnow()
    taken = {p.name for p in folder.iterdir()} | {e.file for e in index.indexed(folder)}
    name = index.final_name(when, taken)
    final = folder / name
    partial = folder / f"{name}.{os.getpid()}{index.PARTIAL_SUFFIX}"  # the writer's pid: see remove_stale_partials
    remove_stale_partials(folder)
    steps = _Progress(progress, should_cancel)
    steps.at(0)
    try:
        sqlite_backup.copy_database(
            source,
            partial,
            on_step=lambda done, total: steps.at(_COPY * done // max(total, 1)),
            pages_per_step=pages_per_step,
        )
        steps.at(_COPY)
        checked = verify_file(partial)
        if not checked.ok:
            raise ServiceError(f"备份文件校验未通过，未保存：{checked.message()}。当前数据库本身未受影响。")
        steps.at(_COPY + _VERIFY)
        size = partial.stat().st_size
        hashed = [0]

        def on_bytes(n: int) -> None:
            hashed[0] += n
            steps.at(_COPY + _VERIFY + _HASH * hashed[0] // max(size, 1))

        digest = index.sha256_of(partial, on_bytes)
        _fsync(partial)
        entry = index.BackupEntry(
            file=name,
            created_at=when.isoformat(),
            size=size,
            sha256=digest,
            counts=dict(checked.counts),
            user=actor.name,
            chain_entries=checked.chain_entries,
            chain_head=checked.chain_head,
            schema_revision=checked.schema_revision,
            source=str(source),
            reason=reason,
        )
        steps.at(100)
        index.add(folder, entry)  # listed first: a crash before the rename leaves an entry without a file
        os.replace(partial, final)
        index.sync_folder(folder)
        return entry
    except BaseException as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        for side in ("-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(str(partial) + side).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise ServiceError(f"无法写入备份到“{folder}”：{_os_words(exc)}。没有留下不完整的备份文件。") from exc
        if isinstance(exc, sqlite3.Error):
            raise ServiceError(f"无法写入备份到“{folder}”：{sqlite_reason(exc)}。没有留下不完整的备份文件。") from exc
        raise


def _os_words(exc: OSError) -> str:
    if exc.errno == errno.EFBIG:
        return "文件超过了允许的大小（磁盘或配额已满）"
    return os_reason(exc)


def sqlite_reason(exc: sqlite3.Error) -> str:
    """The Chinese reason of an SQLite error met while copying (the driver's own text is English)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name == "SQLITE_FULL" or "disk is full" in str(exc):
        return "磁盘空间已满"
    if name.startswith("SQLITE_CANTOPEN"):
        return "无法在该位置创建文件（文件夹不存在或没有写入权限）"
    if name.startswith("SQLITE_READONLY"):
        return "所在位置是只读的"
    if name.startswith("SQLITE_IOERR"):
        return "读写磁盘时出错（磁盘可能已满、已拔出或损坏）"
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED"):
        return "数据库正忙，请稍后重试"
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
        return "数据库文件已损坏"
    return f"数据库错误（{name or type(exc).__name__}）"


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _process_alive(pid: int) -> bool:
    if os.name == "nt":
        # Windows: os.kill would end the process. A partial file still open by a running backup cannot be
        # deleted there anyway, so trying to delete it is the test.
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_partials(folder: Path) -> list[Path]:
    """Delete what killed backups left in ``folder``: ``jjdesk-….db.<pid>.partial`` files (and their journals)
    whose writer is no longer running."""
    removed = []
    for path in Path(folder).glob(f"jjdesk-*{index.PARTIAL_SUFFIX}*"):
        owner = _partial_owner(path.name)
        if owner is not None and owner != os.getpid() and _process_alive(owner):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _partial_owner(name: str) -> int | None:
    stem = name.split(index.PARTIAL_SUFFIX)[0]  # jjdesk-20261203-141500.db.4242
    pid = stem.rpartition(".")[2]
    return int(pid) if pid.isdigit() else None
