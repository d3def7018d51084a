"""The wizard sessions the main window opens: a new order, a resumed draft, or a rejected
order being fixed and resubmitted. One wizard at a time.

The saved order (with its PIN from the password storage) is read on a worker; the wizard
opens when it arrives. A draft session has an autosaver; a fix-and-resubmit session edits
the stored order and sends it with the endpoint's resubmit (not as a new order).
"""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer

from portwizard.gui.workers import run_task

log = logging.getLogger(__name__)


class WizardSessions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.wizard: Any = None
        self.autosaver: Any = None
        self._list_timer = QTimer(self)
        self._list_timer.setSingleShot(True)
        self._list_timer.setInterval(300)
        self._list_timer.timeout.connect(lambda: self.window.refresh_list())

    # ---------------------------------------------------------------- opening
    def _busy(self) -> bool:
        if self.wizard is None:
            return False
        self.wizard.raise_()
        self.wizard.activateWindow()
        self.window.statusBar().showMessage(
            "An order is already open. Finish or close it before opening another.", 8000)
        return True

    def resume(self, draft_id: str):
        """Read the draft (PIN included) on a worker, then open it. Returns the handle."""
        if self._busy():
            return None
        app = self.window.app

        def done(order) -> None:
            self.window.hide_banner()
            self.open(order, draft_id)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, KeyError):
                self.window.statusBar().showMessage("That unfinished order no longer exists.",
                                                    8000)
                self.window.refresh_list()
                return
            self.window.inform("Cannot open the order", f"The saved order could not be read: "
                               f"{exc}. Open a saved .pwdraft copy of it, or start a new order.",
                               "warning")

        return run_task(app.drafts.load, draft_id, on_result=done, on_error=failed)

    def fix_and_resubmit(self, order_id: str):
        """Open the rejected order in the wizard, on the first page the carrier refused."""
        if self._busy():
            return None
        app = self.window.app

        def work():
            detail = app.order_detail(order_id)
            return detail, app.store.order_document(detail.record.id)

        def done(result) -> None:
            detail, order = result
            if not detail.can_resubmit:
                self.window.inform("Nothing to resubmit",
                                   f"This order is \u201c{detail.status_label}\u201d; only a "
                                   "rejected order can be corrected and sent again.")
                return
            self.open(order, None, resubmit_of=detail.record.id, rejection=detail.reason,
                      rejection_text=detail.rejection_text, provider=detail.record.provider)

        def failed(exc: BaseException) -> None:
            self.window.inform("Cannot open the order",
                               f"The order could not be read: {exc}", "warning")

        return run_task(work, on_result=done, on_error=failed)

    def open(self, order, draft_id: str | None, *, resubmit_of: str | None = None,
             rejection: Any = None, rejection_text: str = "", provider: str | None = None) -> Any:
        if self._busy():
            return None
        from portwizard.gui.wizard import PortWizard

        wizard = PortWizard(order=order, services=self.window.app, draft_id=draft_id,
                            parent=self.window, resubmit_of=resubmit_of, rejection=rejection,
                            rejection_text=rejection_text, provider=provider)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        saver = None
        if resubmit_of is None:
            from portwizard.gui.autosave import DraftAutosaver

            saver = DraftAutosaver(wizard, self.window.app.store, draft_id)
            # Autosave fires every ~0.5 s while typing: reload the list at most that often.
            saver.saved.connect(lambda *_: self._list_timer.start())
            saver.saveFailed.connect(self.window.statusBar().showMessage)  # whole sentences
            saver.saveFailed.connect(wizard.saves_failing)  # where the user is typing
            saver.saved.connect(wizard.saves_working)
            wizard.submitted.connect(lambda order_id, s=saver: self._submitted(s, order_id))
        else:
            wizard.resubmitted.connect(self._resubmitted)
        wizard.finished.connect(lambda *_, w=wizard: self._closed(w))
        wizard.destroyed.connect(lambda *_, w=wizard: self._closed(w, gone=True))
        self.wizard, self.autosaver = wizard, saver
        if draft_id is not None:
            wizard.resume()  # open at the first step that still needs something
        wizard.show()
        return wizard

    # ---------------------------------------------------------------- while open
    def is_open(self, draft_id: str) -> bool:
        return self.autosaver is not None and self.autosaver.draft_id == draft_id

    def flush(self, draft_id: str) -> None:
        """Save what is typed in the open wizard now, if it edits ``draft_id``."""
        if self.is_open(draft_id):
            self.autosaver.flush()

    def _submitted(self, saver, order_id: str) -> None:
        saver.stop(flush=False)
        if saver.draft_id:  # the submission removed it; a late autosave must not re-add it
            run_task(self.window.app.drafts.delete, saver.draft_id,
                     on_result=lambda *_: self.window.refresh_list())
        self.window.select_when_listed(order_id)
        self.window.refresh_list()
        self.window.statusBar().showMessage("Your order was saved and handed to the outbox; "
                                            "its status is shown in the list.", 10000)

    def _resubmitted(self, order_id: str) -> None:
        self.window.select_when_listed(order_id)
        self.window.refresh_list()
        self.window.statusBar().showMessage("The corrected order was handed to the outbox; "
                                            "its status is shown in the list.", 10000)

    def _closed(self, wizard, gone: bool = False) -> None:
        if wizard is not self.wizard:
            return  # an older wizard finishing late
        if self.autosaver is not None and not gone:
            self.autosaver.flush()
        self.wizard = None
        self.autosaver = None
        self.window.refresh_list()
        self.window.check_unfinished()

    def close_all(self) -> bool:
        """Close the open wizard (it may ask); False when the user chose to keep editing."""
        if self.wizard is None:
            return True
        if self.autosaver is not None:
            self.autosaver.flush()
        return bool(self.wizard.close())
