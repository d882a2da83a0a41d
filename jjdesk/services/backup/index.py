"""The backups of a folder: their final names and the small JSON index beside them that lists the verified ones.

A file counts as a verified backup only when the index lists it: :mod:`make` writes the entry (counts, content
hash, who was signed in, the audit chain's head) after verification and before it gives the file its final name,
so a half-written or unverified file never carries one, and a listed file that is missing is simply ignored. The
index is replaced atomically (temporary file, fsync, rename): a crash leaves the old index or the new one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from glob import escape as glob_escape
from pathlib import Path

from jjdesk.services.core.errors import ServiceError, os_reason

INDEX_NAME = "jjdesk-backups.json"
INDEX_FORMAT = 1
FINAL_NAME = re.compile(r"^jjdesk-(\d{8})-(\d{6})(?:-(\d+))?\.db$")
PARTIAL_SUFFIX = ".partial"

# Why a backup was made (index "reason"), and how the list shows it.
START, CLOSE, MANUAL, BEFORE_RESTORE = "start", "close", "manual", "before-restore"
REASON_LABELS = {START: "每日首次启动", CLOSE: "关闭时（有修改）", MANUAL: "手动", BEFORE_RESTORE: "恢复前"}

# The counts a backup records, with the words the officers use.
COUNT_LABELS = {"enterprises": "企业", "initiatives": "举措", "figures": "统计数据", "audit_entries": "修改记录"}


@dataclass(frozen=True)
class BackupEntry:
    """One backup as the index lists it (``verified``) or as found on disk without an entry (not verified)."""

    file: str
    created_at: str  # ISO 8601, aware
    size: int
    sha256: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    user: str = ""
    chain_entries: int = 0
    chain_head: str = ""
    schema_revision: str = ""
    source: str = ""
    reason: str = ""
    verified: bool = True

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.created_at)

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)

    def counts_text(self) -> str:
        """企业 300 · 举措 9 · 统计数据 40, for the list and the CLI."""
        if not self.counts:
            return "—"
        return " · ".join(f"{COUNT_LABELS[k]} {self.counts[k]:,}" for k in COUNT_LABELS if k in self.counts)


def final_name(when: datetime, taken: Iterable[str]) -> str:
    """``jjdesk-YYYYMMDD-HHMMSS.db`` in local time; ``-2``, ``-3`` … when that second is taken already."""
    base = when.astimezone().strftime("jjdesk-%Y%m%d-%H%M%S")
    used = set(taken)
    name, n = f"{base}.db", 1
    while name in used:
        n += 1
        name = f"{base}-{n}.db"
    return name


def _read(folder: Path) -> list[BackupEntry]:
    path = folder / INDEX_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError):
        # A damaged index loses no backup: its files stay on disk and are listed as not verified.
        return []
    known = set(BackupEntry.__dataclass_fields__)
    entries = []
    for raw in data.get("backups", []) if isinstance(data, dict) else []:
        if isinstance(raw, dict) and isinstance(raw.get("file"), str) and FINAL_NAME.match(raw["file"]):
            with contextlib.suppress(TypeError, ValueError):
                entries.append(BackupEntry(**{k: v for k, v in raw.items() if k in known} | {"verified": True}))
    return entries


def indexed(folder: Path) -> list[BackupEntry]:
    """The entries of the folder's index, as written (files that are gone included)."""
    return _read(Path(folder))


def _write(folder: Path, entries: list[BackupEntry]) -> None:
    """Replace the index atomically: a crash leaves either the old or the new one, never half of one."""
    path = folder / INDEX_NAME
    tmp = folder / f"{INDEX_NAME}.{os.getpid()}.tmp"
    rows = [{k: v for k, v in asdict(e).items() if k != "verified"} for e in entries]
    text = json.dumps({"format": INDEX_FORMAT, "backups": rows}, ensure_ascii=False, indent=1)
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ServiceError(f"无法写入备份索引“{path}”：{os_reason(exc)}。") from exc
    sync_folder(folder)


def _present(folder: Path, name: str) -> bool:
    # the file itself, or its partial file: another process listed it and is about to rename it
    return (folder / name).exists() or any(folder.glob(f"{glob_escape(name)}.*{PARTIAL_SUFFIX}"))


def add(folder: Path, entry: BackupEntry) -> None:
    """List ``entry`` (whose file is about to get its final name); entries whose file is gone are dropped."""
    keep = [e for e in _read(folder) if e.file != entry.file and _present(folder, e.file)]
    _write(folder, [*keep, entry])


def remove(folder: Path, names: Iterable[str]) -> None:
    """Drop ``names`` (files already deleted) from the index."""
    gone = set(names)
    _write(folder, [e for e in _read(folder) if e.file not in gone and _present(folder, e.file)])


def list_backups(folder: Path) -> list[BackupEntry]:
    """Every backup in ``folder``, newest first: the index's entries whose file exists, with the size checked, and
    files with a final name that the index does not list (copied there by hand: not verified, never pruned)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    entries = []
    listed = set()
    for e in _read(folder):
        try:
            size = (folder / e.file).stat().st_size
        except OSError:
            continue
        listed.add(e.file)
        entries.append(e if size == e.size else _replace(e, size=size, verified=False))
    for path in folder.iterdir():
        if path.name not in listed and FINAL_NAME.match(path.name) and path.is_file():
            entries.append(
                BackupEntry(
                    file=path.name,
                    created_at=_time_of_name(path.name).isoformat(),
                    size=path.stat().st_size,
                    verified=False,
                )
            )
    return sorted(entries, key=lambda e: (e.created, _sequence(e.file)), reverse=True)


def _sequence(name: str) -> int:
    m = FINAL_NAME.match(name)
    return int(m.group(3)) if m and m.group(3) else 1


def _replace(entry: BackupEntry, **changes) -> BackupEntry:
    return BackupEntry(**(asdict(entry) | changes))


def _time_of_name(name: str) -> datetime:
    m = FINAL_NAME.match(name)
    assert m is not None
    return datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S").astimezone()


def entry_for(path: Path) -> BackupEntry | None:
    """The index entry of the backup file ``path`` (from the index beside it), or None when it has none."""
    path = Path(path)
    return next((e for e in _read(path.parent) if e.file == path.name), None)


def sha256_of(path: Path, on_bytes=None, chunk: int = 1 << 20) -> str:
    """The file's SHA-256 (hex); ``on_bytes(n)`` after each chunk read, for progress and Cancel."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            digest.update(block)
            if on_bytes is not None:
                on_bytes(len(block))
    return digest.hexdigest()


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles to sync)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
