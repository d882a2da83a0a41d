"""Waiting on the import dialog in UI tests (its checks and writes run on workers)."""

from __future__ import annotations


def wait_checked(qtbot, dlg) -> None:
    """Until the dialog has finished checking or importing the file it was given."""
    qtbot.waitUntil(lambda: not dlg.is_busy() and dlg.state not in ("checking", "importing"), timeout=20000)
