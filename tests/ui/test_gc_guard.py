"""The window's garbage collector runs in the GUI thread only (``ui.gc_guard``)."""

from __future__ import annotations

import gc
import threading

from jjdesk.ui.gc_guard import MainThreadCollector


def test_automatic_collection_is_off_and_the_timer_collects_in_this_thread(qtbot, qapp):
    enabled = gc.isenabled()
    collector = MainThreadCollector(qapp, interval_ms=20)
    try:
        assert not gc.isenabled()
        where: list[str] = []

        class Cycle:
            def __del__(self):
                where.append(threading.current_thread().name)

        a, b = Cycle(), Cycle()
        a.other, b.other = b, a
        del a, b
        collector.threshold = (0, 0, 0)  # everything is due
        qtbot.waitUntil(lambda: len(where) == 2, timeout=3000)
        assert set(where) == {threading.main_thread().name}
    finally:
        collector.timer.stop()
        collector.deleteLater()
        if enabled:
            gc.enable()
