"""The shared progress/cancel runner: the outcome arrives once the service has stopped, never before."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from jjdesk.services.core.progress import Cancelled
from jjdesk.services.imports.common import ImportRefused
from jjdesk.ui.job_runner import ProgressJob, run_job


def _parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_cancel_waits_for_the_service_to_stop_and_reports_cancelled(qtbot):
    parent = _parent(qtbot)
    started, stopped = threading.Event(), threading.Event()
    outcome = []

    def service(progress, should_cancel):
        started.set()
        n = 0
        while not should_cancel():
            n += 1
            progress(n % 100, 100)
            threading.Event().wait(0.005)
        stopped.set()  # cleaned up: only now may "cancelled" be said
        raise Cancelled()

    job = run_job(
        parent,
        "导入",
        "正在检查…",
        service,
        on_finished=lambda r: outcome.append(("done", r)),
        on_failed=lambda e, m: outcome.append((e, m, stopped.is_set())),
    )
    assert isinstance(job, ProgressJob) and job.is_running()
    assert started.wait(10)
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible(), timeout=10000)
    cancel = next(b for b in job.dialog.findChildren(QPushButton) if b.isVisible())
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert job.cancel_requested
    qtbot.waitUntil(lambda: bool(outcome), timeout=10000)
    error, message, service_had_stopped = outcome[0]
    assert isinstance(error, Cancelled) and "取消" in message and service_had_stopped
    assert job.dialog is None and not job.is_running()


def test_a_service_refusal_arrives_with_its_chinese_message_and_a_result_as_is(qtbot):
    parent = _parent(qtbot)
    outcome = []

    def refuse(_progress, _cancel):
        raise ImportRefused("“a.xlsx”中没有找到统计数据的表头")

    run_job(
        parent,
        "导入",
        "正在检查…",
        refuse,
        on_finished=outcome.append,
        on_failed=lambda e, m: outcome.append((type(e), m)),
    )
    qtbot.waitUntil(lambda: bool(outcome), timeout=10000)
    assert outcome == [(ImportRefused, "“a.xlsx”中没有找到统计数据的表头")]

    done = []
    job = run_job(
        parent,
        "导出",
        "正在写入…",
        lambda progress, _c: (progress(3, 3), 42)[1],
        on_finished=done.append,
        on_failed=lambda e, m: done.append(m),
        cancellable=False,
        show_counts=True,
    )
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert done == [42] and job.dialog is None


def test_a_silent_service_gets_its_dialog_after_the_short_delay_not_qts_four_seconds(qtbot):
    """A service that reports no progress (one long query) still shows 'working…' within a moment."""
    from jjdesk.ui.job_runner import SHOW_AFTER_MS

    parent = _parent(qtbot)
    release, outcome = threading.Event(), []

    def service(progress, should_cancel):
        release.wait(20)
        return "ok"

    job = run_job(parent, "导出", "正在写入…", service, on_finished=outcome.append, on_failed=lambda e, m: None)
    assert job.dialog is not None and not job.dialog.isVisible()  # a quick job shows nothing
    # Qt's own delay is 4 s; ours (SHOW_AFTER_MS) is far below it — 3 s leaves room for a loaded machine.
    assert SHOW_AFTER_MS < 1000
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible(), timeout=3000)
    release.set()
    qtbot.waitUntil(lambda: outcome == ["ok"], timeout=10000)
