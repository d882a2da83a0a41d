"""The audit trail: every change written in the same transaction as the change, chained by SHA-256.

Each entry's hash covers its own content and the previous entry's hash, so editing or deleting a past entry
breaks the chain at that point and :func:`verify_chain` finds it. Deleting the *last* entries leaves a valid
chain, so every write also updates the chain head (last hash and count, table ``audit_head``) in the same
transaction, and verification compares the two. A create or delete is one entry holding the
whole record as JSON (an import of 100,000 rows must not write 1.4 million audit rows); an update is one entry
per changed field, old → new, which is what the officers read in a record's history.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from jjdesk.services.core.errors import PermissionDenied, ServiceError
from jjdesk.store import repos, review_repo
from jjdesk.store.engine import Database
from jjdesk.store.models import AuditEntry, AuditHead
from jjdesk.store.types import strip_zeros

CREATE, UPDATE, DELETE, STATUS = "create", "update", "delete", "status"
RESTORE = "restore"  # the whole ledger was restored from a backup (entity "ledger", services/backup/restore.py)
ACTION_LABELS = {CREATE: "新增", UPDATE: "修改", DELETE: "删除", STATUS: "状态变更", RESTORE: "恢复备份"}


def utcnow() -> datetime:
    """The one clock of the services: aware UTC, shown in local time by the clients."""
    return datetime.now(UTC)


def as_text(value: Any) -> str | None:
    """The canonical text of a stored value, as the history shows it and the hash covers it."""
    if value is None:
        return None
    cls = value.__class__  # the exact classes a row holds first (a snapshot calls this 600,000 times)
    if cls is str:
        return value
    if cls is date:
        return value.isoformat()
    if cls is bool:
        return "是" if value else "否"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format(strip_zeros(value), "f")
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


def snapshot_json(values: Mapping[str, Any]) -> str:
    """A record as compact, key-sorted JSON of canonical texts (for create and delete entries)."""
    # Text and None are their own canonical text: skipping the call for them halves an import's audit work, and
    # the usual other types go straight to their own conversion (_TEXT_OF, exactly as_text's result for them).
    get = _TEXT_OF.get
    return _snapshot_dumps(
        {k: v if v is None or v.__class__ is str else (get(v.__class__) or as_text)(v) for k, v in values.items()}
    )


def _decimal_text(value: Decimal) -> str:
    return format(strip_zeros(value), "f")


def _list_text(value: list | tuple) -> str:
    return "、".join(map(str, value))


# as_text by exact type, for the types a record holds (a datetime, a date subclass, still goes through as_text).
_TEXT_OF: dict[type, Any] = {
    bool: {True: "是", False: "否"}.__getitem__,
    Decimal: _decimal_text,
    date: date.isoformat,
    list: _list_text,
    tuple: _list_text,
    int: int.__repr__,
}


_snapshot_dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # json.dumps(…) without its set-up


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """The fields of ``new`` whose value differs from ``old``, as (field, old, new)."""
    return [(k, old.get(k), v) for k, v in new.items() if as_text(old.get(k)) != as_text(v)]


@dataclass(frozen=True)
class Change:
    """One line of the audit trail before it is written."""

    action: str
    entity: str
    entity_id: int
    record_label: str
    field: str = ""
    old: str | None = None
    new: str | None = None
    reason: str = ""


def _at_text(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def _hash(
    prev_hash: str,
    at_text: str,
    user_name: str,
    action: str,
    entity: str,
    entity_id: int,
    record_label: str,
    field: str,
    old: str | None,
    new: str | None,
    reason: str,
) -> str:
    payload = _dumps([prev_hash, at_text, user_name, action, entity, entity_id, record_label, field, old, new, reason])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # json.dumps(…) without its set-up


def _entry_hash(prev_hash: str, e: AuditEntry) -> str:
    return _hash(
        prev_hash,
        _at_text(e.at),
        e.user_name,
        e.action,
        e.entity,
        e.entity_id,
        e.record_label,
        e.field,
        e.old,
        e.new,
        e.reason,
    )


def _locked_head(session: Session) -> AuditHead:
    """The chain head, locked for this transaction, so concurrent writers append one after the other (never after
    the same hash). A missing head with entries present means the file was altered: refuse rather than hide it."""
    head = repos.audit_head(session, lock=True)
    if head is None:
        if repos.last_audit_hash(session):
            raise ServiceError(
                "审计链头记录缺失，数据库文件可能被改动，已停止写入。"
                "请管理员运行“jjdesk audit verify”检查并从备份恢复。"
            )
        head = AuditHead(id=1, last_hash="", entries=0)
        session.add(head)
    return head


ANCHOR_LABEL = "审计链锚点"  # the cover line of a 上报 or meeting-pack workbook that carries the anchor


@dataclass(frozen=True)
class Anchor:
    """A point the chain passed through when something was handed out: its first ``entries`` entries ended
    with ``hash``. Recorded with each 上报 and meeting pack and printed on its cover, so a history rewritten
    afterwards — even with every hash recomputed — no longer passes through it."""

    entries: int
    hash: str
    where: str = ""  # what recorded it, for the message: "2021年上报（编号 3）"

    @property
    def text(self) -> str:
        """As the cover prints it: ``entries:hash``."""
        return f"{self.entries}:{self.hash}"


def parse_anchor(text: Any, where: str = "") -> Anchor | None:
    """The anchor in a cover's ``entries:hash`` text, or None when the text is not one."""
    entries, sep, digest = str(text or "").strip().partition(":")
    if not sep or not entries.isdigit() or len(digest) not in (0, 64):
        return None
    return Anchor(int(entries), digest, where)


def chain_head(session: Session) -> Anchor:
    """The chain as it stands in ``session`` (a snapshot sees it as of its start): the anchor to record."""
    head = repos.audit_head(session)
    return Anchor(head.entries, head.last_hash) if head is not None else Anchor(0, "")


def _author_may_write(session: Session, user_name: str) -> None:
    """Every change is written in someone's name: a user an administrator disabled writes nothing more, even
    from a window that signed in before (the check is here because every write passes through the chain)."""
    if review_repo.user_disabled(session, user_name):
        raise PermissionDenied(f"账号“{user_name}”已被管理员停用，不能再保存修改。请联系管理员。")


def write(session: Session, user_name: str, changes: Iterable[Change]) -> int:
    """Append ``changes`` to the chain inside the caller's transaction; returns how many were written."""
    _author_may_write(session, user_name)
    head = _locked_head(session)
    prev = head.last_hash
    at = utcnow()
    count = 0
    for c in changes:
        entry = AuditEntry(
            at=at,
            user_name=user_name,
            action=c.action,
            entity=c.entity,
            entity_id=c.entity_id,
            record_label=c.record_label[:200],
            field=c.field,
            old=c.old,
            new=c.new,
            reason=c.reason,
            prev_hash=prev,
        )
        entry.hash = _entry_hash(prev, entry)
        prev = entry.hash
        session.add(entry)
        count += 1
    if count:
        head.last_hash, head.entries, head.updated_at = prev, head.entries + count, at
    return count


def created(entity: str, entity_id: int, label: str, values: Mapping[str, Any], reason: str = "") -> Change:
    return Change(CREATE, entity, entity_id, label, new=snapshot_json(values), reason=reason)


def deleted(entity: str, entity_id: int, label: str, values: Mapping[str, Any], reason: str = "") -> Change:
    return Change(DELETE, entity, entity_id, label, old=snapshot_json(values), reason=reason)


def updated(
    entity: str, entity_id: int, label: str, changes: list[tuple[str, Any, Any]], reason: str = ""
) -> list[Change]:
    return [Change(UPDATE, entity, entity_id, label, f, as_text(o), as_text(n), reason) for f, o, n in changes]


@dataclass(frozen=True)
class ChainReport:
    """Result of checking the whole chain: ``first_bad_id`` names an altered entry; ``head_ok`` is False when the
    chain ends before (or differently from) where its head says, i.e. its last entries were removed."""

    entries: int
    first_bad_id: int | None
    message: str
    head_ok: bool = True
    anchors: int = 0  # anchors the chain was checked against

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None and self.head_ok


def verify_chain(db: Database, anchors: Iterable[Anchor] = ()) -> ChainReport:
    """Recompute every hash in order; report the first entry that was edited, or after which one was removed —
    and check that the chain still passes through every anchor: those recorded with each 上报 and meeting pack,
    and ``anchors`` read from workbooks kept outside (``audit verify --anchor``)."""
    prev = ""
    n = 0
    with db.session() as session:
        expected = [*recorded_anchors(session), *anchors]
        due: dict[int, list[Anchor]] = {}
        for a in expected:
            due.setdefault(a.entries, []).append(a)
        for a in due.get(0, []):
            if a.hash:
                return _anchor_broken(0, a)
        for entry in repos.iter_audit_entries(session):
            n += 1
            if entry.prev_hash != prev:
                return ChainReport(n, entry.id, f"第{entry.id}条修改记录之前的记录被删除或改动，审计链断开。")
            if _entry_hash(prev, entry) != entry.hash:
                return ChainReport(n, entry.id, f"第{entry.id}条修改记录的内容被改动（哈希不符）。")
            prev = entry.hash
            for a in due.get(n, ()):
                if a.hash != prev:
                    return _anchor_broken(n, a, entry.id)
        head = repos.audit_head(session)
    beyond = [a for a in expected if a.entries > n]
    if beyond:
        a = min(beyond, key=lambda x: x.entries)
        return ChainReport(
            n,
            None,
            f"审计链只有{n}条记录，而{a.where or '锚点'}记录时已有{a.entries}条：其后的修改记录被删除或历史被改写。",
            head_ok=False,
        )
    if head is None:
        return ChainReport(
            n, None, "审计链头记录缺失，无法确认末尾的记录是否被删除（数据库可能被改动）。", head_ok=False
        )
    if head.entries > n:
        return ChainReport(
            n,
            None,
            f"审计链末尾的{head.entries - n}条修改记录被删除（应有{head.entries}条，现有{n}条）。",
            head_ok=False,
        )
    if head.entries != n or head.last_hash != prev:
        return ChainReport(
            n,
            None,
            f"审计链末尾与链头记录不符（链头记录{head.entries}条，现有{n}条），末尾记录或链头被改动。",
            head_ok=False,
        )
    checked = f"，经过全部{len(expected)}个锚点（上报、会议材料时记录的状态）" if expected else ""
    return ChainReport(n, None, f"审计链完整，共{n}条记录{checked}。", anchors=len(expected))


def _anchor_broken(n: int, anchor: Anchor, entry_id: int | None = None) -> ChainReport:
    where = anchor.where or "锚点"
    return ChainReport(
        n,
        entry_id,
        f"审计链不再经过{where}时记录的状态（第{n}条记录的哈希不同）：此前的修改记录被改写过，即使哈希已重新计算。",
    )


def recorded_anchors(session: Session) -> list[Anchor]:
    """The anchors recorded with every 上报 and meeting pack."""
    return [
        Anchor(entries, digest, f"{label}（编号 {rid}，{_local(at)}）")
        for label, rid, at, entries, digest in repos.chain_anchors(session)
    ]


def _local(at: datetime) -> str:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone().strftime("%Y-%m-%d %H:%M")


def history(db: Database, entity: str, entity_id: int) -> list[AuditEntry]:
    """A record's changes, oldest first, for its history view and the 修改记录 export."""
    with db.session() as session:
        return repos.audit_entries_for(session, entity, entity_id)


def _chained(prev: str, at_text: str, user_name: str, changes: Iterable[Change]) -> Iterator[tuple]:
    """Entries (the values of ``import_repo.AUDIT_ENTRY_COLUMNS``) hashed in order after ``prev``."""
    for c in changes:
        label = c.record_label[:200]
        h = _hash(prev, at_text, user_name, c.action, c.entity, c.entity_id, label, c.field, c.old, c.new, c.reason)
        yield c.action, c.entity, c.entity_id, label, c.field, c.old, c.new, c.reason, prev, h
        prev = h


def write_many(session: Session, user_name: str, changes: Iterable[Change]) -> int:
    """The same chain as :func:`write`, inserted with ``executemany`` (imports of many records).

    Entries are hashed in order exactly as :func:`write` does, so ``verify_chain`` cannot tell them apart; only
    the ORM object per entry is skipped, which is what makes 100,000 entries take seconds, not minutes.
    ``changes`` may be a generator: entries are built and written in batches, so memory stays bounded.
    """
    pending = PendingEntries(session, user_name)
    last_hash, written = pending.last_hash, 0

    def counted() -> Iterator[tuple]:
        nonlocal last_hash, written
        for entry in _chained(pending.last_hash, pending.at_text, user_name, changes):
            last_hash, written = entry[-1], written + 1
            yield entry

    from jjdesk.store import import_repo

    import_repo.insert_audit_entries(session, pending.at, user_name, counted())
    pending.advance_head(last_hash, written)
    return written


class PendingEntries:
    """Audit entries hashed now and written later in the same transaction: an import hashes its 100,000 create
    entries (Python) while SQLite builds the search index and indexes of the new rows (C, without the GIL).

    Creating it locks the chain head, so nobody else can append in between; :meth:`add` hashes (no database
    access: it may run on another thread), :meth:`write` inserts and advances the head. The entries are the
    same as :func:`write_many` would make.
    """

    def __init__(self, session: Session, user_name: str) -> None:
        _author_may_write(session, user_name)
        self._head = _locked_head(session)
        self.user_name = user_name
        self.at = utcnow()
        self.at_text = _at_text(self.at)
        self.last_hash = self._head.last_hash
        self.entries: list[tuple] = []

    def add(self, changes: Iterable[Change]) -> None:
        """Hash ``changes`` after the entries added so far."""
        self.entries += _chained(self.last_hash, self.at_text, self.user_name, changes)
        if self.entries:
            self.last_hash = self.entries[-1][-1]

    def write(self, session: Session) -> int:
        """Insert the entries and move the chain head past them; returns how many were written."""
        from jjdesk.store import import_repo

        count = len(self.entries)
        import_repo.insert_audit_entries(session, self.at, self.user_name, self.entries)
        self.entries = []
        self.advance_head(self.last_hash, count)
        return count

    def advance_head(self, last_hash: str, count: int) -> None:
        if count:
            head = self._head
            head.last_hash, head.entries, head.updated_at = last_hash, head.entries + count, self.at
