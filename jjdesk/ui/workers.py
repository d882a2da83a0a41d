"""Run a function off the GUI thread and get its result back on the GUI thread.

Anything that can take longer than a frame — a database query over a big table, an import, an export, a
backup — goes through :func:`start`. The function runs on a ``QThreadPool`` thread and receives a
:class:`Control` to report progress and to see whether it was cancelled; the returned :class:`Worker` lives on
the GUI thread and emits ``progress(done, total)``, ``finished(result)`` or ``failed(message)`` there, so
connected slots may touch widgets. The function itself must never touch a widget (Qt widgets are not
thread-safe); it should only call services.

Cancellation is cooperative: :meth:`Worker.cancel` sets a flag the function may poll (``control.cancelled``)
to stop early, and guarantees that neither ``finished`` nor ``failed`` is delivered afterwards — even if the
result is already on its way — so callers can drop a stale job and forget about it. Usage::

    worker = start(lambda control: export_rows(db, query, progress=control.progress,
                                               cancelled=lambda: control.cancelled))
    worker.progress.connect(dialog.setValue2)
    worker.finished.connect(self.on_exported)
    worker.failed.connect(self.show_error)
    dialog.canceled.connect(worker.cancel)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from jjdesk.services.core.errors import ServiceError

log = logging.getLogger(__name__)

# Workers whose outcome has not been delivered yet. Holding them here keeps the Python objects (and the Qt
# objects they own) alive while a pool thread still uses them, whatever the caller does with its reference.
_running: set[Worker] = set()

# Errors the services raise on purpose carry a message for the officer; anything else is a bug worth a traceback.
_EXPECTED = (ServiceError, ValueError, LookupError)


class Control:
    """What the running function sees: a cancellation flag to poll and a progress reporter."""

    def __init__(self, worker: Worker) -> None:
        self._worker = worker
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        """True once :meth:`Worker.cancel` was called; a long loop should check it and return early."""
        return self._cancel.is_set()

    def progress(self, done: int, total: int) -> None:
        """Report ``done`` of ``total`` units (delivered to the GUI thread as ``Worker.progress``)."""
        if not self._cancel.is_set():
            self._worker._progress.emit(int(done), int(total))


class Worker(QObject):
    """The GUI-thread side of one job: connect to its signals, call :meth:`cancel` to drop it."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    # Emitted from the pool thread; being signals of this GUI-thread object, they are queued to it.
    _progress = Signal(int, int)
    _result = Signal(object)
    _error = Signal(str)

    def __init__(self, fn: Callable[[Control], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.control = Control(self)
        self.error: BaseException | None = None  # the exception behind ``failed``, for callers that need it
        self.done = False
        self._fn = fn
        self._runnable = _Runnable(self)
        self._progress.connect(self._on_progress)
        self._result.connect(self._on_result)
        self._error.connect(self._on_error)

    @property
    def cancelled(self) -> bool:
        return self.control.cancelled

    @Slot()
    def cancel(self) -> None:
        """Ask the function to stop, and promise that no ``finished``/``failed`` will follow."""
        self.control._cancel.set()

    def run(self) -> None:
        """Run the function here and now (pool thread); outcomes go out through the queued signals."""
        if self.cancelled:  # dropped while still waiting in the pool: don't even start
            self._result.emit(None)
            return
        try:
            result = self._fn(self.control)
        except Exception as exc:  # anything a service raises becomes a message; nothing may escape a pool thread
            self.error = exc
            if not isinstance(exc, _EXPECTED):
                log.exception("background job failed")
            self._error.emit(str(exc) or type(exc).__name__)
        else:
            self._result.emit(result)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if not self.cancelled:
            self.progress.emit(done, total)

    @Slot(object)
    def _on_result(self, result: object) -> None:
        self._finish()
        if not self.cancelled:
            self.finished.emit(result)

    @Slot(str)
    def _on_error(self, message: str) -> None:
        self._finish()
        if not self.cancelled:
            self.failed.emit(message)

    def _finish(self) -> None:
        self.done = True
        _running.discard(self)


class _Runnable(QRunnable):
    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self.setAutoDelete(False)  # its Worker owns it; Qt must not delete it under Python's feet
        self._worker = worker

    def run(self) -> None:
        self._worker.run()


def start(
    fn: Callable[[Control], Any],
    *,
    pool: QThreadPool | None = None,
    priority: int = 0,
    context: QObject | None = None,
    on_finished: Callable[[Any], None] | None = None,
    on_failed: Callable[[str], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Worker:
    """Run ``fn(control)`` on ``pool`` (default: the global pool); call from the GUI thread.

    The ``on_*`` shortcuts are connected before the job starts, so not even a very fast job's outcome can be
    missed. ``priority`` orders jobs still waiting in the pool (higher first). When ``context`` (the widget or
    model the callbacks belong to) is destroyed, the job is cancelled: callbacks never reach a deleted object.
    """
    worker = Worker(fn)
    if context is not None:
        context.destroyed.connect(worker.cancel)
    if on_finished is not None:
        worker.finished.connect(on_finished)
    if on_failed is not None:
        worker.failed.connect(on_failed)
    if on_progress is not None:
        worker.progress.connect(on_progress)
    _running.add(worker)
    (pool or QThreadPool.globalInstance()).start(worker._runnable, priority)
    return worker


def running() -> int:
    """How many started jobs have not delivered their outcome yet (tests wait for 0)."""
    return len(_running)
