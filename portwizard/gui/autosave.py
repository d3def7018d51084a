"""Keep the wizard's order saved in the local store while the user types.

:class:`DraftAutosaver` listens to ``PortWizard.orderChanged`` and saves
``PortWizard.draft_order()`` (the order plus numbers typed but not yet added). The first change starts a
short timer (``interval_ms``, 500 ms); when it fires, the order is saved once, however many
changes came in between. Typing continuously therefore still saves every half second: if
the process is killed, at most about half a second of typing (plus the save itself) is
lost. Closing or hiding the wizard, or the application quitting, saves at once.

Saving happens on a worker, never on the GUI thread: :meth:`Store.save_draft` writes SQLite
(which may wait seconds on a lock another process holds) and puts the PIN into the OS
keyring (hundreds of milliseconds on some systems), and either would freeze the typing it is
saving. The GUI thread takes a snapshot (a copy of the order, so the worker never reads what
the user is editing) and hands it over; at most one save runs at a time, and changes made
meanwhile are saved once more when it ends. Closing waits (a bounded time) for that last
save, so nothing typed is lost at close either.

The PIN never reaches the SQLite file: :meth:`Store.save_draft` strips it and keeps it in
the secret store.

A draft is created only once something was typed, so opening an empty wizard and closing
it leaves nothing behind. A wizard correcting a rejected order (``PortWizard.resubmit_of``)
never creates a draft: what it edits is the stored order itself.
"""
from __future__ import annotations

import logging
import threading
from collections import deque
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from portwizard.domain.order import Order, dumps
from portwizard.gui.workers import run_task

log = logging.getLogger(__name__)

INTERVAL_MS = 500
#: How long closing waits for a save on the worker: longer than the store's 5 s SQLite busy
#: timeout, so a save that a lock only delays is still waited for, yet bounded, so a stuck
#: disk or keyring cannot hold the closing window (or the quitting program) for ever.
WAIT_MS = 6000


class SaveTimeout(TimeoutError):
    """The worker did not finish in time; the work goes on and may still complete."""


def _too_long(timeout_ms: int) -> str:
    return (f"Your changes could not be saved yet: the data file took longer than "
            f"{timeout_ms / 1000:g} seconds to answer. They are saved as soon as it does.")


def failure_text(exc: BaseException) -> str:
    """What the user reads when a save failed, as one whole sentence: the store's own plain
    words (a full disk or a read-only folder, naming the folder) or a short general one."""
    from portwizard.store import StoreError

    if isinstance(exc, (StoreError, SaveTimeout)):  # already whole sentences
        return str(exc)
    return f"Your changes could not be saved ({str(exc) or type(exc).__name__})."


class _Call:
    """``fn(*args, **kwargs)`` run once on a worker.

    The GUI thread can wait for it with a plain ``threading.Event`` instead of a nested
    event loop: closing, hiding and quitting run inside Qt event handlers, where a nested
    loop would let timers, queued callbacks and deferred deletions run re-entrantly on a
    half-closed wizard. The worker's own queued result (``on_done``) still arrives later;
    by then the waiter has accounted for the call, and ``on_done`` must find nothing to do.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None

    def start(self, on_done: Callable[[], None] | None = None) -> "_Call":
        def deliver(_outcome: Any = None) -> None:
            if on_done is not None:
                on_done()

        run_task(self._run, on_result=deliver)  # _run keeps its exception: it never raises
        return self

    def wait(self, timeout_ms: int) -> bool:
        return self.done.wait(timeout_ms / 1000)

    def _run(self) -> None:  # worker thread
        try:
            self.value = self._fn(*self._args, **self._kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, not lost
            self.error = exc
        finally:
            self.done.set()


def run_and_wait(fn: Callable[..., Any], *args: Any, timeout_ms: int = WAIT_MS,
                 **kwargs: Any) -> Any:
    """Run ``fn`` on a worker and wait for its value (its exception is raised here).

    For the wizard's close paths that must know the outcome before the window goes away
    (keep, restore or delete a draft) without touching the store on the GUI thread.
    Raises :class:`SaveTimeout` when the worker takes longer than ``timeout_ms``."""
    call = _Call(fn, *args, **kwargs).start()
    if not call.wait(timeout_ms):
        log.warning("%s still running after %d ms; it goes on in the background",
                    getattr(fn, "__name__", "draft work"), timeout_ms)
        raise SaveTimeout(_too_long(timeout_ms))
    if call.error is not None:
        raise call.error
    return call.value


class _Save(_Call):
    """One snapshot of the order on its way to the store.

    ``after`` is the save still running when this one was asked for (closing while the
    worker is busy): this one waits for it on the worker, so the two never write at once
    and a draft created by the first is updated, not created a second time. (It waits as
    long as that takes: the earlier save is already running, and the GUI thread's own wait
    is the bounded one.)"""

    def __init__(self, store, order: Order, draft_id: str | None, step: str | None,
                 text: str, edits: int, after: "_Save | None") -> None:
        super().__init__(self._write)
        self.store, self.order, self.draft_id, self.step = store, order, draft_id, step
        self.text = text
        self.edits = edits  # the change count this snapshot covers
        self.after = after

    def _write(self) -> str:  # worker thread
        draft_id, after = self.draft_id, self.after
        self.after = None  # saves chained by repeated closes must not keep each other alive
        if after is not None:
            after.done.wait()
            if draft_id is None and after.error is None:
                draft_id = after.value
        return self.store.save_draft(self.order, draft_id, step=self.step)


def _current_step(wizard: Any) -> str | None:
    """The wizard's step as a string ("account"), if it can tell."""
    for name in ("current_step", "currentStep"):
        attr = getattr(wizard, name, None)
        if attr is None:
            continue
        try:
            value = attr() if callable(attr) else attr
        except Exception:  # a half-built wizard must not stop the save
            return None
        if value is None:
            return None
        return str(getattr(value, "value", value))
    return None


class DraftAutosaver(QObject):
    """Saves ``wizard.order`` to ``store`` as draft ``draft_id`` (created on first save).

    Signals ``saved(str draft_id)`` after each save and ``saveFailed(str message)`` with a
    plain message when the store refused (the next change or flush tries again), both on
    the GUI thread. ``wait_ms`` bounds how long :meth:`flush` and :meth:`stop` wait for the
    worker.
    """

    saved = Signal(str)
    saveFailed = Signal(str)

    def __init__(self, wizard: QObject, store, draft_id: str | None = None, *,
                 interval_ms: int = INTERVAL_MS, wait_ms: int = WAIT_MS,
                 step_getter: Callable[[], str | None] | None = None) -> None:
        super().__init__(wizard)  # lives and dies with the wizard
        self._wizard = wizard
        self._store = store
        self.draft_id = draft_id
        self._wait_ms = wait_ms
        self._step_getter = step_getter or (lambda: _current_step(wizard))
        # Changes are counted: a save covers the count at its snapshot, so a change made
        # while the worker writes leaves the saver dirty and is saved next.
        self._edits = 0
        self._saved_edits = 0
        self._jobs: deque[_Save] = deque()  # handed to the worker, outcome not yet applied
        self._stopped = False
        self._listening = False  # connected to wizard.orderChanged
        self._last_saved_text: str | None = None
        if draft_id is not None:
            self._last_saved_text = self._snapshot(self._order())
        self._applied_saves = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._save_in_background)
        # A wizard fixing a rejected order (``resubmit_of``) edits that stored order, not a
        # draft: none of it may become a draft, so the saver stays idle.
        self._stopped = bool(getattr(wizard, "resubmit_of", None))
        if not self._stopped:
            wizard.orderChanged.connect(self._on_changed)
            self._listening = True
        finished = getattr(wizard, "finished", None)
        if finished is not None:
            finished.connect(lambda *_: self.flush())
        wizard.installEventFilter(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)

    # ------------------------------------------------------------------ public
    @property
    def dirty(self) -> bool:
        """True while some change is not in the store yet (unsaved, or still being saved)."""
        return self._edits != self._saved_edits

    @property
    def save_count(self) -> int:
        """How many saves reached the store, counting one whose answer is still on its way
        from the worker: whoever sees the draft in the store sees it counted here too."""
        return self._applied_saves + sum(1 for job in self._jobs
                                         if job.done.is_set() and job.error is None)

    @property
    def busy(self) -> bool:
        """True while a save handed to the worker has not been accounted for."""
        return bool(self._jobs)

    def flush(self) -> bool:
        """Save now what changed, and wait for it. True when saved or clean.

        The save runs on the worker (after the one already running, if any); the GUI
        thread waits at most ``wait_ms``. When that is not enough, ``saveFailed`` says so,
        False is returned, and the save still completes in the background."""
        self._timer.stop()
        if self._stopped:
            return True
        try:
            job = self._next_save(after=self._running())
        except RuntimeError:  # the wizard's C++ side is already gone
            return False
        if job is False:
            return False
        if job is not None:
            self._start(job)
        return self._wait_for_saves()

    def stop(self, *, flush: bool = True) -> None:
        """Stop saving (e.g. after the order was submitted and its draft deleted).

        Even without ``flush`` a save already on the worker is waited for (bounded): the
        caller may delete or restore the draft next, and a save landing after that would
        bring back what was deleted. :attr:`busy` tells if the wait was not enough.

        Idempotent: after a send both the submit page and the main window stop the saver.
        (A second ``disconnect`` of a slot that is no longer connected is what made PySide
        print "Failed to disconnect ... orderChanged()" whenever a wizard closed.)"""
        if flush:
            self.flush()
        elif self._jobs:
            self._wait_for_saves()
        self._stopped = True
        self._timer.stop()
        if not self._listening:
            return
        self._listening = False
        try:
            self._wizard.orderChanged.disconnect(self._on_changed)
        except RuntimeError:  # the wizard's C++ side is already gone: nothing to disconnect
            pass

    # ------------------------------------------------------------------ internals
    def _on_changed(self, *_args) -> None:
        if self._stopped:
            return
        self._edits += 1
        if not self._timer.isActive():
            self._timer.start()

    def _running(self) -> _Save | None:
        return self._jobs[-1] if self._jobs else None

    def _save_in_background(self) -> None:
        """The timer fired: hand a snapshot to the worker unless a save is running (its
        end starts the next one, so changes made meanwhile are saved once, not lost)."""
        if self._stopped or self._jobs:
            return
        try:
            job = self._next_save(after=None)
        except RuntimeError:  # the wizard's C++ side is already gone
            return
        if job:
            self._start(job)

    def _next_save(self, after: _Save | None) -> _Save | None | bool:
        """The save of what changed since ``after`` (or since the last save): None when
        there is nothing to save, False when the order cannot be read."""
        covered = after.edits if after is not None else self._saved_edits
        if self._edits == covered:
            return None
        order = self._order()
        if order is None:
            return False
        text = self._snapshot(order)
        if text == (after.text if after is not None else self._last_saved_text):
            if after is not None:
                after.edits = self._edits  # the save on its way holds these changes too
            else:
                self._saved_edits = self._edits
            return None
        if self.draft_id is None and after is None and text == self._snapshot(Order()):
            self._saved_edits = self._edits  # nothing typed yet: do not create an empty draft
            return None
        return _Save(self._store, order.copy(), self.draft_id, self._step(), text, self._edits,
                     after)

    def _start(self, job: _Save) -> None:
        self._jobs.append(job)
        job.start(on_done=self._on_worker_done)

    def _on_worker_done(self) -> None:
        """A save ended (queued to the GUI thread): account for it, and save again if the
        user changed something meanwhile (not after a failure: the next change retries)."""
        if not shiboken6.isValid(self):  # the wizard was destroyed while the worker wrote
            return
        ok = self._apply_finished()
        if (ok and not self._jobs and not self._stopped and self.dirty
                and not self._timer.isActive()):
            self._save_in_background()

    def _apply_finished(self) -> bool:
        """Apply, in order, the outcome of every save that has ended; False when the last
        of them failed. (Each is applied once: by :meth:`flush` waiting for it, or by its
        queued result, whichever comes first.)"""
        ok = True
        while self._jobs and self._jobs[0].done.is_set():
            job = self._jobs.popleft()
            if job.error is not None:
                ok = False
                message = failure_text(job.error)
                log.warning("autosave failed: %s", type(job.error).__name__)
                self.saveFailed.emit(message)
                continue
            ok = True
            self.draft_id = job.value
            self._last_saved_text = job.text
            self._saved_edits = max(self._saved_edits, job.edits)
            self._applied_saves += 1
            self.saved.emit(self.draft_id)
        return ok

    def _wait_for_saves(self) -> bool:
        """Wait (bounded) for the last save handed to the worker; True when it succeeded."""
        last = self._running()
        if last is None:
            return True
        if not last.wait(self._wait_ms):
            log.warning("draft save still running after %d ms; it goes on in the background",
                        self._wait_ms)
            self.saveFailed.emit(_too_long(self._wait_ms))
            return False
        self._apply_finished()
        return last.error is None

    def _order(self) -> Order | None:
        # What the draft keeps, including what is typed but not yet added (the numbers box)
        return self._wizard.draft_order()

    @staticmethod
    def _snapshot(order: Order | None) -> str | None:
        return None if order is None else dumps(order, indent=None)

    def _step(self) -> str | None:
        try:
            return self._step_getter()
        except Exception:
            return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._wizard and event.type() in (QEvent.Type.Close, QEvent.Type.Hide):
            self.flush()
        return False
