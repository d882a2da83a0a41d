"""Run one service call on a worker behind a window-modal progress dialog with Cancel.

Imports and exports both call a service that takes ``progress(done, total)`` and ``should_cancel()`` and stops
with ``Cancelled`` after cleaning up (an import rolls back, an export removes its temporary file). The job
therefore does not use :meth:`Worker.cancel`, which would drop the outcome at once: Cancel sets a flag the
service polls, and the outcome — finished, cancelled or failed with the service's Chinese message — is
delivered only once the service has stopped, so "nothing was written" is said only when it is true.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from jjdesk.ui import workers

# fn(progress(done, total), should_cancel()) -> result
JobFn = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]
SHOW_AFTER_MS = 300  # a quick job finishes without a dialog flashing up
log = logging.getLogger("jjdesk.ui.jobs")
_COUNTS = ("rows", "created", "updated", "unchanged", "skipped")


def counts(result: Any) -> str:
    """The numbers of a job's result for the log (rows per sheet, created, updated…): never the records."""
    parts = []
    for name in _COUNTS:
        value = getattr(result, name, None)
        if isinstance(value, dict):
            parts += [f"{sheet} {n} 行" for sheet, n in value.items() if isinstance(n, int)]
        elif isinstance(value, int) and not isinstance(value, bool):
            parts.append(f"{name} {value}")
    errors = getattr(result, "errors", None)
    if isinstance(errors, list):
        parts.append(f"errors {len(errors)}")
    return "，".join(parts) or type(result).__name__


class ProgressJob(QObject):
    """``ProgressJob(parent, title, label, fn, on_finished=, on_failed=).start()``.

    ``on_finished(result)`` or ``on_failed(error, message)`` (``error`` the exception, e.g. ``Cancelled``) is
    called once, after the progress dialog has closed. ``show_counts`` adds "1,000 of 5,000" under the label.
    """

    def __init__(
        self,
        parent: QWidget,
        title: str,
        label: str,
        fn: JobFn,
        *,
        on_finished: Callable[[Any], None],
        on_failed: Callable[[BaseException | None, str], None],
        cancellable: bool = True,
        show_counts: bool = False,
    ) -> None:
        super().__init__(parent)
        self._parent, self.title, self.label, self._fn = parent, title, label, fn
        self._on_finished, self._on_failed = on_finished, on_failed
        self._cancellable, self._show_counts = cancellable, show_counts
        self._flag = [False]  # shared with the service; set on Cancel or when the parent goes away
        self.dialog: QProgressDialog | None = None
        self.worker: workers.Worker | None = None
        self._started = 0.0

    def start(self) -> ProgressJob:
        self._started = time.perf_counter()
        dialog = QProgressDialog(self.label, self.tr("Cancel") if self._cancellable else "", 0, 0, self._parent)
        dialog.setWindowTitle(self.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        # At its minimum value the dialog counts SHOW_AFTER_MS from now; before any value Qt keeps its own 4 s,
        # and a service that reports no progress would leave the officer without a word for that long.
        dialog.setValue(dialog.minimum())
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setMinimumWidth(420)
        if self._cancellable:
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        self.dialog = dialog
        fn, flag = self._fn, self._flag
        self._parent.destroyed.connect(lambda *_: flag.__setitem__(0, True))

        def cancelled() -> bool:
            return flag[0]

        self.worker = workers.start(
            lambda control: fn(control.progress, cancelled),
            context=self._parent,
            on_finished=self._finished,
            on_failed=self._failed,
            on_progress=self._progress,
        )
        return self

    def cancel(self) -> None:
        """Ask the service to stop; the outcome follows once it has cleaned up."""
        if self.worker is None or self._flag[0]:
            return
        self._flag[0] = True
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Cancelling…"))

    @property
    def cancel_requested(self) -> bool:
        return self._flag[0]

    def is_running(self) -> bool:
        return self.worker is not None

    def _progress(self, done: int, total: int) -> None:
        dialog = self.dialog
        if dialog is None or self._flag[0]:
            return
        if total > 0:
            if self._show_counts:
                counted = self.tr("%1 of %2").replace("%1", f"{done:,}").replace("%2", f"{total:,}")
                dialog.setLabelText(self.label + "\n" + counted)
            dialog.setMaximum(total)
            # Last: a window-modal progress dialog processes events in setValue, so the job may end in there.
            dialog.setValue(min(done, total))
        else:
            dialog.setMaximum(0)

    def _close(self) -> None:
        self.worker = None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _finished(self, result: Any) -> None:
        self._close()
        log.info("%s：完成（%s），用时 %.2f 秒", self.title, counts(result), time.perf_counter() - self._started)
        self._on_finished(result)

    def _failed(self, message: str) -> None:
        error = self.worker.error if self.worker is not None else None
        self._close()
        # The kind only: a service's message may name records (an unexpected error's traceback is logged by workers).
        kind = type(error).__name__ if error is not None else "?"
        log.warning("%s：未完成（%s），用时 %.2f 秒", self.title, kind, time.perf_counter() - self._started)
        self._on_failed(error, message)


def run_job(
    parent: QWidget,
    title: str,
    label: str,
    fn: JobFn,
    *,
    on_finished: Callable[[Any], None],
    on_failed: Callable[[BaseException | None, str], None],
    cancellable: bool = True,
    show_counts: bool = False,
) -> ProgressJob:
    """Start ``fn(progress, should_cancel)`` behind a progress dialog; see :class:`ProgressJob`."""
    return ProgressJob(
        parent,
        title,
        label,
        fn,
        on_finished=on_finished,
        on_failed=on_failed,
        cancellable=cancellable,
        show_counts=show_counts,
    ).start()
