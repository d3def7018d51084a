"""Keep the wizard's order saved in the local store while the user types.

:class:`DraftAutosaver` listens to ``PortWizard.orderChanged`` and saves
``PortWizard.draft_order()`` (the order plus numbers typed but not yet added). The first change starts a
short timer (``interval_ms``, 500 ms); when it fires, the order is saved once, however many
changes came in between. Typing continuously therefore still saves every half second: if
the process is killed, at most about half a second of typing (plus the save itself) is
lost. Closing or hiding the wizard, or the application quitting, saves at once.

The PIN never reaches the SQLite file: :meth:`Store.save_draft` strips it and keeps it in
the secret store.

A draft is created only once something was typed, so opening an empty wizard and closing
it leaves nothing behind. A wizard correcting a rejected order (``PortWizard.resubmit_of``)
never creates a draft: what it edits is the stored order itself.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from portwizard.domain.order import Order, dumps

log = logging.getLogger(__name__)

INTERVAL_MS = 500


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
    plain message when the store refused (the next change or flush tries again).
    """

    saved = Signal(str)
    saveFailed = Signal(str)

    def __init__(self, wizard: QObject, store, draft_id: str | None = None, *,
                 interval_ms: int = INTERVAL_MS,
                 step_getter: Callable[[], str | None] | None = None) -> None:
        super().__init__(wizard)  # lives and dies with the wizard
        self._wizard = wizard
        self._store = store
        self.draft_id = draft_id
        self._step_getter = step_getter or (lambda: _current_step(wizard))
        self._dirty = False
        self._stopped = False
        self._listening = False  # connected to wizard.orderChanged
        self._last_saved_text: str | None = None
        if draft_id is not None:
            self._last_saved_text = self._snapshot(self._order())
        self.save_count = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.flush)
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
        return self._dirty

    def flush(self) -> bool:
        """Save now if anything changed since the last save. True when saved or clean."""
        self._timer.stop()
        if self._stopped or not self._dirty:
            return True
        try:
            order = self._order()
        except RuntimeError:  # the wizard's C++ side is already gone
            return False
        if order is None:
            return False
        text = self._snapshot(order)
        if text == self._last_saved_text:
            self._dirty = False
            return True
        if self.draft_id is None and text == self._snapshot(Order()):
            self._dirty = False  # nothing typed yet: do not create an empty draft
            return True
        try:
            self.draft_id = self._store.save_draft(order, self.draft_id, step=self._step())
        except Exception as exc:  # StoreError and friends: keep the change, try again later
            message = str(exc) or type(exc).__name__
            log.warning("autosave failed: %s", type(exc).__name__)
            self.saveFailed.emit(message)
            return False
        self._last_saved_text = text
        self._dirty = False
        self.save_count += 1
        self.saved.emit(self.draft_id)
        return True

    def stop(self, *, flush: bool = True) -> None:
        """Stop saving (e.g. after the order was submitted and its draft deleted).

        Idempotent: after a send both the submit page and the main window stop the saver.
        (A second ``disconnect`` of a slot that is no longer connected is what made PySide
        print "Failed to disconnect ... orderChanged()" whenever a wizard closed.)"""
        if flush:
            self.flush()
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
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

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
