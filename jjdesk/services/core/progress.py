"""Progress and cancellation for long work (export, import), without Qt.

A service that may run long takes two optional callables: ``progress(done, total)`` (``total`` is 0 while it
is not known yet) and ``should_cancel()``. The UI's worker forwards the first to a progress dialog and answers
the second from the dialog's Cancel button; the CLI passes neither. A service polls through :class:`Ticker`,
which throttles the calls so a 100,000-row loop does not pay for 100,000 callbacks.
"""

from __future__ import annotations

from collections.abc import Callable

from jjdesk.services.core.errors import ServiceError

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


class Cancelled(ServiceError):
    """The officer cancelled; nothing was written (an export leaves no file, an import no record)."""

    def __init__(self, message: str = "操作已取消，未写入任何内容。") -> None:
        super().__init__(message)


class Ticker:
    """Reports progress every ``every`` steps and raises :class:`Cancelled` when ``should_cancel()`` says so."""

    def __init__(
        self, progress: ProgressFn | None, should_cancel: CancelFn | None, total: int = 0, every: int = 500
    ) -> None:
        self._progress = progress
        self._cancel = should_cancel
        self.total = total
        self.done = 0
        self._every = max(1, every)
        self._next = 0

    def check(self) -> None:
        """Raise :class:`Cancelled` if the officer asked to stop."""
        if self._cancel is not None and self._cancel():
            raise Cancelled()

    def step(self, n: int = 1) -> None:
        """Count ``n`` finished items; every ``every`` items report progress and look for a cancel request."""
        self.done += n
        if self.done >= self._next:
            self._next = self.done + self._every
            self.report()
            self.check()

    def restart(self) -> None:
        """Count from zero again (work that starts over after a colleague's change overtook it)."""
        self.done = 0
        self._next = 0
        self.report()

    def report(self) -> None:
        """Send the current count now (at the start and the end of a phase)."""
        if self._progress is not None:
            self._progress(self.done, max(self.total, self.done))
