"""The life-cycle mechanics every reviewable record shares: stamping, version check, edit lock, diff-and-apply.

One mechanism for enterprises, initiatives and statistics years, so optimistic locking and the edit lock of
submitted/approved records behave the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Protocol

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.audit import diff
from jjdesk.services.core.errors import ConflictError, LockedRecord
from jjdesk.services.core.vocab import REVIEW_STATUS
from jjdesk.store.models import ReviewFields

EDITABLE_STATES = frozenset({"draft", "returned"})
# The life-cycle columns every reviewable record carries (models.ReviewFields), as a record's dict shows them.
REVIEW_COLUMNS = (
    "review_status",
    "created_by",
    "created_at",
    "updated_by",
    "updated_at",
    "submitted_by",
    "submitted_at",
    "reviewed_by",
    "reviewed_at",
    "return_reason",
    "version",
)


class Versioned(Protocol):
    """A row under optimistic locking: every reviewable record, and a statistics figure."""

    @property
    def version(self) -> int: ...
    @property
    def updated_by(self) -> str: ...


def stamp_new(record: ReviewFields, actor: Actor, now: datetime) -> None:
    """A new record starts as the actor's draft, version 1."""
    record.review_status = "draft"
    record.created_by = record.updated_by = actor.name
    record.created_at = record.updated_at = now
    record.version = 1


def check_version(record: Versioned, expected: int | None, label: str) -> None:
    """Refuse to save over a newer version than the one the officer opened (``None`` skips: CLI overwrite)."""
    if expected is not None and record.version != expected:
        raise ConflictError(label, expected, record.version, record.updated_by)


def ensure_editable(record: ReviewFields, label: str) -> None:
    """Submitted and approved records are frozen; changing them goes through return or reopen."""
    if record.review_status not in EDITABLE_STATES:
        state = REVIEW_STATUS.get(record.review_status, record.review_status)
        raise LockedRecord(f"“{label}”当前为“{state}”状态，不能直接修改。如需修改，请审核员退回或重新打开。")


def fields_of(record: Any, names: Iterable[str]) -> dict[str, Any]:
    return {n: getattr(record, n) for n in names}


def apply(record: Any, clean: Mapping[str, Any], columns: Iterable[str]) -> list[tuple[str, Any, Any]]:
    """Set the changed column values on ``record``; returns (field, old, new) for each change."""
    cols = set(columns)
    changes = diff(fields_of(record, [k for k in clean if k in cols]), {k: v for k, v in clean.items() if k in cols})
    for name, _old, new in changes:
        setattr(record, name, new)
    return changes


def bump(record: ReviewFields, actor: Actor, now: datetime) -> None:
    """Mark a saved change: next version, who and when."""
    record.version += 1
    record.updated_by = actor.name
    record.updated_at = now
