"""Python's cyclic garbage collector, run only in the GUI thread while the window is up.

The collector runs in whichever thread happens to allocate when a generation's threshold is crossed. When that
is a worker (a query, an export) and the garbage holds Qt objects made in the GUI thread — a closed dialog in
a reference cycle with its slots — deleting them there crashes the process (seen: a segmentation fault
"Garbage-collecting" in a worker's SQLite connect). So while the window runs, automatic collection is off and a
GUI-thread timer collects each generation when its count passes the threshold, as Python itself would.
Reference counting, which frees almost everything, is untouched.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Install once, in the GUI thread, after the QApplication exists (``ui.app.run`` does)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start(interval_ms)

    def collect_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold; returns the objects found."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                return gc.collect(generation)
        return 0


_installed: MainThreadCollector | None = None


def install(app: QObject) -> MainThreadCollector:
    """The one collector of ``app`` (made on the first call)."""
    global _installed
    if _installed is None:
        _installed = MainThreadCollector(app)
    return _installed
