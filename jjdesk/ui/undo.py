"""Undo and redo of saved edits, through the services — so an undo is itself validated, versioned and audited.

A command remembers the fields a save changed (before and after) and the version the save produced. Undo
writes the old values back naming that version; if someone else changed the record in between, the service
raises ConflictError and the command reports it instead of overwriting their work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtGui import QUndoCommand

from jjdesk.services.core.errors import ServiceError

# update(record_id, values, expected_version) -> saved record dict (with "version")
UpdateFn = Callable[[int, Mapping[str, Any], int], Mapping[str, Any]]


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict, dict]:
    """The subset of fields whose value differs, as (old values, new values)."""
    keys = [k for k in after if k in before and before[k] != after[k]]
    return {k: before[k] for k in keys}, {k: after[k] for k in keys}


class RecordEditCommand(QUndoCommand):
    """One saved edit of one record. Created after the save succeeded, so the first redo() does nothing."""

    def __init__(
        self,
        text: str,
        update: UpdateFn,
        record_id: int,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        version_after: int,
        on_applied: Callable[[Mapping[str, Any]], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(text)
        self._update, self._id = update, record_id
        self._before, self._after = dict(before), dict(after)
        self._version = version_after
        self._on_applied, self._on_error = on_applied, on_error
        self._already_applied = True

    def _apply(self, values: Mapping[str, Any]) -> None:
        try:
            saved = self._update(self._id, values, self._version)
        except ServiceError as exc:
            self.setObsolete(True)  # the stack drops a command that can no longer be applied
            if self._on_error:
                self._on_error(str(exc))
            return
        self._version = int(saved["version"])
        if self._on_applied:
            self._on_applied(saved)

    def undo(self) -> None:
        self._apply(self._before)

    def redo(self) -> None:
        if self._already_applied:  # QUndoStack.push() calls redo(); the save already happened
            self._already_applied = False
            return
        self._apply(self._after)
