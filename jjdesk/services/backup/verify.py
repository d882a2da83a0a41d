"""Whether a database file is a sound jjdesk ledger: what makes a backup count, and what a restore insists on.

Verification is the same for a backup just written and for a file an officer brings back on a USB stick:
SQLite's ``integrity_check``, a jjdesk schema this program knows, the audit chain recomputed and compared with
the file's own chain head, and the record counts read. A backup opened to look at goes through
:func:`open_readonly`: SQLite opens it read-only and every write session is refused with a message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from jjdesk.services.core import audit
from jjdesk.services.core.errors import ServiceError
from jjdesk.services.records import overview
from jjdesk.store import repos, sqlite_backup
from jjdesk.store.engine import Database
from jjdesk.store.migrate import current_revision, is_known_revision

READ_ONLY_MESSAGE = "这是备份文件的只读查看，不能保存任何修改。要使用这份备份，请由管理员在“备份与恢复”中恢复。"


class ReadOnlyLedger(Database):
    """A ledger file opened read-only (a backup being looked at): SQLite refuses writes, and so does this class,
    earlier and with a message, for every ``write`` session a service opens."""

    read_only = True

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        if write:
            raise ServiceError(READ_ONLY_MESSAGE)
        with super().session() as s:
            yield s

    def write(self) -> AbstractContextManager[Session]:
        raise ServiceError(READ_ONLY_MESSAGE)

    def dispose(self) -> None:
        self.engine.dispose()  # no PRAGMA optimize: nothing may be written to a backup


def open_readonly(path: Path) -> ReadOnlyLedger:
    """Open the database file ``path`` so that nothing can be written to it (the file is never changed)."""
    path = Path(path)
    if not path.is_file():
        raise ServiceError(f"找不到备份文件“{path}”。")
    return ReadOnlyLedger(f"sqlite:///{path.resolve()}", engine=sqlite_backup.readonly_engine(path))


@dataclass(frozen=True)
class Verification:
    """What verifying a file found: ``problems`` is empty when it is a sound jjdesk ledger."""

    path: Path
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    chain_entries: int = 0
    chain_head: str = ""
    first_hash: str = ""  # the first audit entry's hash: which ledger this is
    schema_revision: str = ""
    foreign: bool = False  # not a jjdesk ledger this program can use at all

    @property
    def ok(self) -> bool:
        return not self.problems

    def message(self) -> str:
        return "；".join(self.problems) if self.problems else "校验通过"


def verify_file(path: Path) -> Verification:
    """Verify the database file ``path`` without changing it; never raises for a bad file, it reports it."""
    path = Path(path)
    if not path.is_file():
        return Verification(path, [f"找不到文件“{path}”"], foreign=True)
    problems = sqlite_backup.integrity_problems(path)
    if problems:
        return Verification(path, [f"数据库完整性检查未通过（{'；'.join(problems[:3])}）"], foreign=True)
    db = open_readonly(path)
    try:
        return _verify_ledger(path, db)
    except SQLAlchemyError as exc:
        return Verification(
            path, [f"无法读取该数据库（{type(getattr(exc, 'orig', None) or exc).__name__}）"], foreign=True
        )
    finally:
        db.dispose()


def _verify_ledger(path: Path, db: Database) -> Verification:
    revision = current_revision(db)
    if revision is None:
        return Verification(path, ["该文件不是 jjdesk 台账数据库"], foreign=True)
    if not is_known_revision(revision):
        return Verification(
            path, [f"该文件的数据库结构版本 {revision} 比本程序新，请升级 jjdesk 后再使用"], foreign=True
        )
    report = audit.verify_chain(db)
    counts = overview.record_counts(db)
    with db.session() as s:
        head = repos.audit_head(s)
        first = next(repos.iter_audit_entries(s, batch=1), None)
    return Verification(
        path,
        [] if report.ok else [f"审计链校验未通过：{report.message}"],
        counts=counts,
        chain_entries=report.entries,
        chain_head=head.last_hash if head is not None else "",
        first_hash=first.hash if first is not None else "",
        schema_revision=revision,
    )
