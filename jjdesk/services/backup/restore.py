"""Restore the ledger from a backup: refuse what cannot be trusted, say what will change, keep a way back.

:func:`plan_restore` verifies the file (integrity, schema, audit chain; against the index's content hash when
the index lists it), refuses a file of another ledger, and lists what the restore changes: each kind's count and
latest change now and in the backup, and every 上报 made since that the backup does not hold — so restoring an
older backup never silently discards a submission. :func:`restore_backup` (administrators only) then backs up
the current ledger, writes the backup into the live file through SQLite's backup API (one transaction: an
interrupted restore changes nothing), brings an older schema up to date, and writes an audit entry naming the
backup.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from jjdesk.services.backup import index
from jjdesk.services.backup.make import live_path, make_backup, sqlite_reason
from jjdesk.services.backup.verify import Verification, open_readonly, verify_file
from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.auth import ADMIN, require
from jjdesk.services.core.errors import ServiceError
from jjdesk.services.core.progress import CancelFn, Cancelled, ProgressFn
from jjdesk.services.records import overview
from jjdesk.store import repos, review_repo, sqlite_backup
from jjdesk.store.engine import Database
from jjdesk.store.migrate import upgrade

# The kinds a restore compares: count key (overview.record_counts), label, the audit entities of its changes.
KINDS = (
    ("enterprises", "企业", ("enterprise",)),
    ("initiatives", "工作举措", ("initiative",)),
    ("figures", "统计数据", ("stat_value", "stat_year", "stat_indicator")),
)
LEDGER_ENTITY = "ledger"


@dataclass(frozen=True)
class KindChange:
    """One kind of record: how many there are, and its latest change, now and in the backup."""

    label: str
    now: int
    backup: int
    latest_now: str
    latest_backup: str

    def text(self) -> str:
        delta = self.backup - self.now
        change = "不变" if delta == 0 else (f"增加 {delta:,}" if delta > 0 else f"减少 {-delta:,}")
        return (
            f"{self.label}：现在 {self.now:,}，恢复后 {self.backup:,}（{change}）；"
            f"最近修改 现在：{self.latest_now}，备份中：{self.latest_backup}"
        )


@dataclass(frozen=True)
class LostSubmission:
    """A 上报 in the ledger now that the backup does not hold: restoring would discard its record."""

    id: int
    year: int
    scope: str
    submitted_by: str
    submitted_at: datetime
    content_hash: str

    def text(self) -> str:
        at = self.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M")
        who = f"{self.submitted_by} 于 {at} 上报"
        return f"第{self.id}号上报：{self.year}年（{self.scope}），{who}，内容哈希 {self.content_hash[:12]}…"


@dataclass(frozen=True)
class RestorePlan:
    """What restoring ``backup`` would do; shown to the administrator before anything is changed."""

    backup: Path
    entry: index.BackupEntry | None
    verification: Verification
    kinds: list[KindChange]
    lost_submissions: list[LostSubmission] = field(default_factory=list)
    chain_now: int = 0

    def lines(self) -> list[str]:
        """The plan in the administrator's words, one line each (the CLI prints them, the dialog shows them)."""
        made = (
            f"备份时间 {self.entry.created.astimezone():%Y-%m-%d %H:%M:%S}，备份时登录：{self.entry.user or '—'}"
            if self.entry is not None
            else "该文件不在备份索引中，已当场校验通过"
        )
        out = [f"备份文件：{self.backup}", made, *(k.text() for k in self.kinds)]
        out.append(f"修改记录：现在 {self.chain_now:,} 条，恢复后 {self.verification.chain_entries:,} 条")
        if self.lost_submissions:
            out.append(f"注意：恢复后将不再有以下 {len(self.lost_submissions)} 次上报的记录（备份之后所作）：")
            out += ["  " + s.text() for s in self.lost_submissions]
        out.append("恢复前会先备份当前台账，可随时用那份备份恢复回来。")
        return out


@dataclass(frozen=True)
class RestoreResult:
    plan: RestorePlan
    before_restore: index.BackupEntry  # the current ledger as it was, backed up first
    counts: dict[str, int]  # the ledger's counts after the restore


def _latest(db: Database, entities: tuple[str, ...]) -> str:
    with db.session() as s:
        entry = repos.latest_audit_entry(s, entities)
    if entry is None:
        return "无"
    action = audit.ACTION_LABELS.get(entry.action, entry.action)
    return f"{entry.at.astimezone():%Y-%m-%d %H:%M} {entry.user_name} {action}“{entry.record_label}”"


def _submissions(db: Database) -> list[LostSubmission]:
    with db.session() as s:
        rows = review_repo.submissions(s)
    return [LostSubmission(r.id or 0, r.year, r.scope, r.submitted_by, r.submitted_at, r.content_hash) for r in rows]


def _first_hash(db: Database) -> str:
    with db.session() as s:
        first = next(repos.iter_audit_entries(s, batch=1), None)
    return first.hash if first is not None else ""


def plan_restore(db: Database, backup: Path) -> RestorePlan:
    """Verify ``backup`` for restoring into ``db`` and say what would change; raises ServiceError when refused."""
    live = live_path(db)
    backup = Path(backup).expanduser()
    if backup.resolve() == live.resolve():
        raise ServiceError("不能用当前数据库文件本身恢复，请选择一份备份。")
    checked = verify_file(backup)
    if not checked.ok:
        raise ServiceError(f"“{backup.name}”不能用于恢复：{checked.message()}。当前台账未作任何修改。")
    entry = index.entry_for(backup)
    if entry is not None and index.sha256_of(backup) != entry.sha256:
        raise ServiceError(
            f"“{backup.name}”在备份之后被改动过（内容哈希与备份索引不符），不能用于恢复。当前台账未作任何修改。"
        )
    mine = _first_hash(db)
    if mine and checked.first_hash and mine != checked.first_hash:
        raise ServiceError(
            f"“{backup.name}”是另一个台账的备份（审计记录的起点不同），不能恢复到当前台账。"
            "如需查看它，请用“打开查看”或“文件 → 打开数据库”。当前台账未作任何修改。"
        )
    now_counts = overview.record_counts(db)
    copy = open_readonly(backup)
    try:
        kinds = [
            KindChange(label, now_counts[key], checked.counts[key], _latest(db, ents), _latest(copy, ents))
            for key, label, ents in KINDS
        ]
        held = {(s.id, s.content_hash) for s in _submissions(copy)}
    finally:
        copy.dispose()
    lost = [s for s in _submissions(db) if (s.id, s.content_hash) not in held]
    return RestorePlan(backup, entry, checked, kinds, lost, now_counts["audit_entries"])


def restore_backup(
    db: Database,
    backup: Path,
    actor: Actor,
    folder: Path,
    *,
    reason: str = "",
    now: datetime | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    pages_per_step: int = sqlite_backup.PAGES_PER_STEP,
) -> RestoreResult:
    """Restore ``backup`` into the live ledger ``db`` (administrators only), backing the ledger up into ``folder``
    first. ``db`` stays usable: its connections are closed and reopened on the restored file."""
    require(actor, ADMIN)
    plan = plan_restore(db, backup)

    def scaled(start: int, span: int) -> ProgressFn:
        return lambda done, total: progress(start + span * done // max(total, 1), 100) if progress else None

    before = make_backup(
        db, folder, actor, reason=index.BEFORE_RESTORE, now=now, progress=scaled(0, 40), should_cancel=should_cancel
    )
    live = live_path(db)
    report = scaled(40, 55)

    def on_step(done: int, total: int) -> None:
        if should_cancel is not None and should_cancel():
            raise Cancelled(f"恢复已取消，当前台账未作任何修改（恢复前的备份 {before.file} 已保存）。")
        report(done, total)

    db.engine.dispose()  # every pooled connection closed: the restore is the only one writing
    try:
        sqlite_backup.restore_into(live, plan.backup, on_step=on_step, pages_per_step=pages_per_step)
    except sqlite3.Error as exc:
        raise ServiceError(f"恢复失败：{sqlite_reason(exc)}。当前台账未作任何修改。") from exc
    upgrade(db)  # a backup made by an older jjdesk gets the current schema (with its own pre-migration copy)
    sha = plan.entry.sha256 if plan.entry is not None else index.sha256_of(plan.backup)
    change = audit.Change(
        audit.RESTORE,
        LEDGER_ENTITY,
        0,
        plan.backup.name,
        old=f"恢复前的台账已备份为 {before.file}（修改记录 {before.chain_entries} 条）",
        new=f"从 {plan.backup.name} 恢复（SHA-256 {sha}，修改记录 {plan.verification.chain_entries} 条）",
        reason=reason,
    )
    with db.write() as s:
        audit.write(s, actor.name, [change])
    if progress is not None:
        progress(100, 100)
    return RestoreResult(plan, before, overview.record_counts(db))
