"""Run slow work (HTTP, PDF rendering, large imports) off the GUI thread.

``run_task(fn, *args, on_result=..., on_error=...)`` queues ``fn(*args)`` on
``QThreadPool.globalInstance()`` and delivers the outcome back on the GUI thread through
a queued Qt signal, so callbacks may touch widgets. An exception raised by ``fn`` never
disappears and never takes the application down: it is handed to ``on_error`` (or logged
when no ``on_error`` was given).

The returned :class:`TaskHandle` can be used to ignore a result that is no longer wanted
(``cancel()``: e.g. the window that asked was closed), and tests can wait for it with
``qtbot.waitSignal(handle.finished)``.
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

#: threads of the shared pool at least. Qt sizes it by the CPU count (2 on a small laptop),
#: but most tasks here wait (on the provider, the disk, a busy SQLite file) rather than
#: compute: two slow provider calls must not hold back a draft's autosave or the orders list.
MIN_THREADS = 8

ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]

# Handles are kept alive here until their callbacks have run: the runnable only holds a
# reference to the signal carrier, and Python must not collect it mid-flight.
_live: set["TaskHandle"] = set()
_live_lock = threading.Lock()


class TaskHandle(QObject):
    """The GUI-thread end of one task: signals ``finished`` once, after the callback ran."""

    # Emitted from the worker thread; connected with a queued connection to _deliver.
    _done = Signal(bool, object)
    #: emitted on the GUI thread after on_result / on_error was called (ok: bool)
    finished = Signal(bool)

    def __init__(self, on_result: ResultCallback | None, on_error: ErrorCallback | None,
                 name: str) -> None:
        app = QCoreApplication.instance()
        super().__init__()
        if app is not None and self.thread() is not app.thread():
            self.moveToThread(app.thread())
        self._on_result = on_result
        self._on_error = on_error
        self._cancelled = False
        self._done_flag = False
        self.name = name
        self.result: Any = None
        self.error: BaseException | None = None
        self._done.connect(self._deliver)  # auto connection -> queued across threads

    # -- public ---------------------------------------------------------------------------
    def cancel(self) -> None:
        """Drop the callbacks: the work still finishes, but nobody is told."""
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    @property
    def done(self) -> bool:
        return self._done_flag

    # -- internal -------------------------------------------------------------------------
    @Slot(bool, object)
    def _deliver(self, ok: bool, payload: object) -> None:
        self._done_flag = True
        try:
            if ok:
                self.result = payload
            else:
                self.error = payload  # type: ignore[assignment]
            if self._cancelled:
                return
            try:
                if ok:
                    if self._on_result is not None:
                        self._on_result(payload)
                elif self._on_error is not None:
                    self._on_error(payload)  # type: ignore[arg-type]
                else:
                    log.error("Background task %s failed: %s", self.name,
                              type(payload).__name__)
            except Exception:  # a callback bug must not kill the event loop
                log.exception("Callback of background task %s failed", self.name)
        finally:
            with _live_lock:
                _live.discard(self)
            self.finished.emit(ok)


class _Runnable(QRunnable):
    def __init__(self, handle: TaskHandle, fn: Callable[..., Any], args: tuple,
                 kwargs: dict) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._handle = handle
        self._fn = fn
        self._args = args
        self._kwargs = kwargs

    def run(self) -> None:  # worker thread
        try:
            value = self._fn(*self._args, **self._kwargs)
        except BaseException as exc:  # noqa: BLE001 - everything must reach on_error
            ok, payload = False, exc
        else:
            ok, payload = True, value
        try:
            self._handle._done.emit(ok, payload)
        except RuntimeError:  # the handle's C++ side is gone (application shutting down)
            pass


def run_task(fn: Callable[..., Any], *args: Any,
             on_result: ResultCallback | None = None,
             on_error: ErrorCallback | None = None,
             pool: QThreadPool | None = None,
             **kwargs: Any) -> TaskHandle:
    """Run ``fn(*args, **kwargs)`` on a pool thread; callbacks arrive on the GUI thread.

    ``fn`` must not touch widgets. Exactly one of ``on_result(value)`` or
    ``on_error(exception)`` is called (unless the handle was cancelled).
    """
    handle = TaskHandle(on_result, on_error, getattr(fn, "__qualname__", repr(fn)))
    with _live_lock:
        _live.add(handle)
    (pool or _shared_pool()).start(_Runnable(handle, fn, args, kwargs))
    return handle


def _shared_pool() -> QThreadPool:
    pool = QThreadPool.globalInstance()
    if pool.maxThreadCount() < MIN_THREADS:
        pool.setMaxThreadCount(MIN_THREADS)
    return pool


def wait_all(timeout_ms: int = 5000) -> bool:
    """Wait for every queued task of the global pool (used on shutdown and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
