"""run_task: results and errors come back on the GUI thread, nothing is lost."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from portwizard.gui.workers import run_task, wait_all

pytestmark = pytest.mark.gui


def test_result_arrives_on_gui_thread(qtbot):
    gui_thread = QThread.currentThread()
    seen = {}

    def work(a, b):
        seen["worker_thread"] = threading.current_thread().name
        return a + b

    def on_result(value):
        seen["value"] = value
        seen["thread_is_gui"] = QThread.currentThread() is gui_thread

    handle = run_task(work, 2, 3, on_result=on_result, on_error=pytest.fail)
    with qtbot.waitSignal(handle.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [True]
    assert seen["value"] == 5
    assert seen["thread_is_gui"] is True
    assert seen["worker_thread"] != threading.main_thread().name
    assert handle.done and handle.result == 5


def test_exception_reaches_on_error_with_its_message(qtbot):
    errors = []

    def boom():
        raise ValueError("The sandbox is not running. Start it and try again.")

    handle = run_task(boom, on_result=lambda v: pytest.fail("no result expected"),
                      on_error=errors.append)
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    assert len(errors) == 1
    assert isinstance(errors[0], ValueError)
    assert "sandbox is not running" in str(errors[0])
    assert handle.error is errors[0]


def test_error_without_handler_is_logged_not_raised(qtbot, caplog):
    handle = run_task(lambda: 1 / 0)
    with qtbot.waitSignal(handle.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [False]
    assert isinstance(handle.error, ZeroDivisionError)
    assert any("failed" in r.getMessage() for r in caplog.records)


def test_failing_callback_does_not_break_later_tasks(qtbot):
    def bad_callback(_value):
        raise RuntimeError("bug in a callback")

    first = run_task(lambda: 1, on_result=bad_callback)
    qtbot.waitUntil(lambda: first.done, timeout=5000)
    got = []
    second = run_task(lambda: "ok", on_result=got.append)
    qtbot.waitUntil(lambda: second.done, timeout=5000)
    assert got == ["ok"]


def test_cancelled_handle_drops_callbacks(qtbot):
    release = threading.Event()
    got = []
    handle = run_task(lambda: release.wait(5) and "late", on_result=got.append)
    handle.cancel()
    release.set()
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    assert got == []
    assert handle.result == "late"


def test_many_tasks_each_report_once(qtbot):
    results = []
    handles = [run_task(lambda i=i: i * i, on_result=results.append) for i in range(20)]
    qtbot.waitUntil(lambda: all(h.done for h in handles), timeout=10000)
    assert sorted(results) == [i * i for i in range(20)]
    assert wait_all(2000)


def test_slow_tasks_do_not_hold_back_a_quick_one(qtbot):
    """Waiting work (a provider trickling its answer) fills no more than its own threads:
    the pool has room beyond the CPU count (2 here) for an autosave or a list query."""
    import threading

    from PySide6.QtCore import QThreadPool

    from portwizard.gui.workers import MIN_THREADS

    pool = QThreadPool.globalInstance()
    pool.setMaxThreadCount(2)  # what Qt picks on a two-core laptop
    release = threading.Event()
    slow = [run_task(release.wait, 10) for _ in range(MIN_THREADS - 1)]
    try:
        quick = run_task(lambda: "done")
        with qtbot.waitSignal(quick.finished, timeout=3000):
            pass
        assert quick.result == "done"
    finally:
        release.set()
        for handle in slow:
            if not handle.done:
                with qtbot.waitSignal(handle.finished, timeout=5000):
                    pass
