"""Closing the wizard: what is typed but not added is kept, and an unsent order is kept
as a draft, put back as it was, or discarded, as the user chooses. The draft is written on
a worker and waited for (bounded); a failure keeps the window open, so nothing typed is
lost. :class:`Closing` is that part of :class:`~portwizard.gui.wizard.PortWizard`.
"""
from __future__ import annotations

from portwizard import flow
from portwizard.domain.order import Order


class Closing:
    """The closing part of :class:`~portwizard.gui.wizard.PortWizard`."""

    @property
    def resumed(self) -> bool:
        """True when this wizard continues a draft that was saved before it opened."""
        return self._opened_order is not None

    def close_prompt(self) -> dict[str, str]:
        """The words of the close question: "Discard" means something else for a draft that
        was saved before this session (undo today's changes) than for a new order."""
        if self.resubmitting:
            return {"title": "Discard your corrections?",
                    "text": "Discard your corrections?",
                    "info": "The corrected order has not been sent. If you close now, your "
                            "changes are thrown away and the order stays as your old carrier "
                            "refused it; you can open it to fix it again at any time.",
                    "keep": "", "discard": "Discard corrections"}
        if self.resumed:
            return {"title": "Close this order?", "text": "You have not sent this order yet.",
                    "info": "Keep your changes in the draft, or discard the changes made now "
                            "and leave the draft as it was when you opened it?",
                    "keep": "Keep changes", "discard": "Discard the changes made now"}
        return {"title": "Close this order?", "text": "You have not sent this order yet.",
                "info": "Keep it as a draft to finish later, or discard this order and "
                        "everything you entered?",
                "keep": "Keep as draft", "discard": "Discard this order"}

    def ask_close(self) -> str:
        """'keep' (close, keep the draft), 'discard' (close; a new order is deleted, a resumed
        draft goes back to how it was opened, corrections of a rejected order are dropped) or
        'stay'. Fixing a rejected order offers no 'keep': there is no draft to keep."""
        from PySide6.QtWidgets import QMessageBox

        words = self.close_prompt()
        box = QMessageBox(QMessageBox.Icon.Question, words["title"], words["text"], parent=self)
        box.setInformativeText(words["info"])
        keep = (box.addButton(words["keep"], QMessageBox.ButtonRole.AcceptRole)
                if words["keep"] else None)
        discard = box.addButton(words["discard"], QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep or stay)
        box.setEscapeButton(stay)
        box.exec()
        clicked = box.clickedButton()
        if keep is not None and clicked is keep:
            return "keep"
        return "discard" if clicked is discard else "stay"

    def autosaver(self):
        """The draft autosaver attached to this wizard (gui.autosave), if any."""
        for child in self.children():
            if type(child).__name__ == "DraftAutosaver":
                return child
        return None

    def sending(self) -> bool:
        """True while the submit page's worker is sending the order."""
        page = self.pages.get(flow.Step.SUBMIT)
        return page is not None and page.sending()

    def take_typed_input(self) -> None:
        """Put what is typed but not yet added (the numbers box) into the order, so that
        closing asks about it and the draft holds it."""
        if self.submitted_order_id is not None:
            return
        page = self.pages.get(flow.Step.NUMBERS)
        if page is not None:
            page.before_leave()

    def draft_order(self) -> Order:
        """The order as its draft keeps it: with the numbers typed in the numbers box but
        not yet added, so a crash before Add or Next loses none of them (the autosaver
        saves this; the wizard's own order and the box are left as they are)."""
        page = self.pages.get(flow.Step.NUMBERS)
        if page is None or self.submitted_order_id is not None:
            return self.order
        from portwizard.domain.phone import parse_number, split_number_list

        typed = split_number_list(page.ui.numbers.toPlainText())
        if not typed:
            return self.order
        order = self.order.copy()
        for piece in typed:  # as Add would put them in (see NumbersPage.add_texts)
            parsed = parse_number(piece)
            order.numbers.append(parsed.e164 if parsed.ok else piece.strip())
        return order

    def _about_to_quit(self) -> None:
        from shiboken6 import isValid

        if isValid(self):
            self.take_typed_input()

    def reject(self) -> None:
        if self.sending():
            # Closing now would discard or keep a draft the worker is turning into a sent
            # order, and nobody would hear the answer: wait for it instead.
            self.pages[flow.Step.SUBMIT].say_wait()
            return
        self.take_typed_input()
        if self._dirty and self.submitted_order_id is None:
            choice = self.ask_close()
            if choice == "stay":
                return
            if self.resubmitting:
                # the stored order was never touched: dropping the corrections is just closing
                self._dirty = False
                super().reject()
                return
            store = getattr(self.services, "store", None)
            autosaver = self.autosaver()
            if choice == "keep":
                problem = self._save_draft_now(autosaver, store)
                if problem is not None:
                    self._save_failed(problem)
                    return  # stay open: closing now would lose what the user typed
            else:
                problem = self._discard_draft(autosaver, store)
                if problem is not None:  # stay open: the draft is not as the user chose
                    (self._save_failed if self.resumed else self._discard_failed)(problem)
                    return
            self._dirty = False
        super().reject()

    def _save_draft_now(self, autosaver, store) -> str | None:
        """Save the draft before closing; None when saved, else why not (whole sentences).

        The store is written on a worker (SQLite may wait on a lock, the PIN goes to the
        keyring) and waited for, bounded: the window closes only once the draft is in."""
        if autosaver is not None:
            reasons: list[str] = []
            listen = reasons.append
            autosaver.saveFailed.connect(listen)
            try:
                ok = autosaver.flush()
            finally:
                autosaver.saveFailed.disconnect(listen)
            if not ok:
                return reasons[-1] if reasons else "Your changes could not be saved."
            self.draft_id = autosaver.draft_id or self.draft_id
        elif store is not None:
            from portwizard.gui.autosave import failure_text, run_and_wait

            step = (self.current_step() or flow.Step.NUMBERS).value
            try:
                self.draft_id = run_and_wait(store.save_draft, self._order.copy(),
                                             self.draft_id, step=step)
            except Exception as exc:
                return failure_text(exc)
        return None

    def _discard_draft(self, autosaver, store) -> str | None:
        """Discard: a new order's draft is deleted, a resumed draft is put back as it was
        opened. None when done, else the reason it failed (the window then stays open).

        The autosaver is stopped first and its running save waited for, so no save lands
        after the delete or the restore; the store is then written on a worker and waited
        for, like :meth:`_save_draft_now`."""
        from portwizard.gui.autosave import failure_text, run_and_wait

        if autosaver is not None:
            autosaver.stop(flush=False)
            self.draft_id = autosaver.draft_id or self.draft_id
            if autosaver.busy:  # its save would land after the discard and undo it
                return "An earlier save of the order is still running."
        if store is not None and self.draft_id:
            try:
                if self.resumed:
                    # undo this session only: the draft as it was when opened
                    original = self._opened_order.copy()
                    step = flow.first_incomplete(original, self.context(documents=False))
                    run_and_wait(store.save_draft, original, self.draft_id, step=step.value)
                else:
                    run_and_wait(store.delete_draft, self.draft_id)
            except Exception as exc:  # StoreError, disk full: say so, stay open
                return failure_text(exc)
        if not self.resumed:
            self.draft_id = None
        return None

    def _save_failed(self, reason: str) -> None:
        self.tell("The draft was not saved",
                  f"{reason}\n\n"
                  "This window stays open so nothing you entered is lost. Try closing again "
                  "in a moment; if it keeps failing, check that the disk is not full.")

    def _discard_failed(self, reason: str) -> None:
        self.tell("The order was not discarded",
                  f"The unfinished order could not be deleted. {reason}\n\n"
                  "This window stays open. Try closing again in a moment.")
