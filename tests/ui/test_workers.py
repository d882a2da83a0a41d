"""Background jobs: results, errors and progress arrive on the GUI thread; a cancelled job stays silent."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread, QThreadPool

from jjdesk.services.core.errors import NotFound
from jjdesk.ui import workers


def test_result_arrives_on_the_gui_thread(qtbot):
    seen = {}

    def job(control):
        seen["job_thread"] = threading.get_ident()
        control.progress(1, 2)
        control.progress(2, 2)
        return 42

    worker = workers.start(job)
    progress = []
    worker.progress.connect(lambda done, total: progress.append((done, total, QThread.currentThread())))
    with qtbot.waitSignal(worker.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]
    assert seen["job_thread"] != threading.get_ident()
    qtbot.waitUntil(lambda: len(progress) == 2)
    assert [p[:2] for p in progress] == [(1, 2), (2, 2)]
    assert all(p[2] is QThread.currentThread() for p in progress)
    assert worker.done and not worker.cancelled


def test_failure_becomes_a_message(qtbot):
    def job(_control):
        raise NotFound("企业（编号 9）不存在或已被删除")

    failures = []
    worker = workers.start(job, on_failed=failures.append)
    qtbot.waitUntil(lambda: worker.done, timeout=5000)
    assert failures == ["企业（编号 9）不存在或已被删除"]
    assert isinstance(worker.error, NotFound)


def test_cancelled_job_sees_the_flag_and_delivers_nothing(qtbot):
    started, release = threading.Event(), threading.Event()

    def job(control):
        started.set()
        release.wait(5)
        return "stopped early" if control.cancelled else "ran to the end"

    outcomes = []
    worker = workers.start(job, on_finished=outcomes.append, on_failed=outcomes.append)
    assert started.wait(5)
    worker.cancel()
    release.set()
    qtbot.waitUntil(lambda: worker.done, timeout=5000)
    qtbot.wait(20)
    assert outcomes == []


def test_job_cancelled_before_it_starts_never_runs(qtbot):
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    gate = threading.Event()
    ran = []
    blocker = workers.start(lambda _c: gate.wait(5), pool=pool)
    queued = workers.start(lambda _c: ran.append(True), pool=pool)
    queued.cancel()
    gate.set()
    qtbot.waitUntil(lambda: blocker.done and queued.done, timeout=5000)
    assert ran == []
    pool.waitForDone()


def test_many_jobs_all_finish(qtbot):
    results = []
    for i in range(50):
        workers.start(lambda _c, i=i: i * i, on_finished=results.append)
    qtbot.waitUntil(lambda: len(results) == 50, timeout=10000)
    assert sorted(results) == [i * i for i in range(50)]
    qtbot.waitUntil(lambda: workers.running() == 0)


def test_destroying_the_context_cancels_the_job(qtbot):
    import shiboken6
    from PySide6.QtCore import QObject

    owner = QObject()
    gate = threading.Event()
    outcomes = []
    worker = workers.start(lambda _c: gate.wait(5), context=owner, on_finished=outcomes.append)
    shiboken6.delete(owner)
    assert worker.cancelled
    gate.set()
    qtbot.waitUntil(lambda: worker.done, timeout=5000)
    assert outcomes == []
