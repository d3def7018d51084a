"""Step 8: send the order through the submission service (outbox), in a worker thread.

When the wizard fixes a rejected order (``wiz.resubmitting``), the same page sends the
corrected order with ``submission.resubmit(order_id, order)``: the same order goes back to
the provider, no new one is filed. Its wording comes from :data:`WORDS`."""
from __future__ import annotations

from html import escape

from portwizard import flow
from portwizard.gui.binding import finding_html
from portwizard.gui.pages.base import StepPage, alive
from portwizard.gui.theme import tone_color
from portwizard.gui.ui.ui_submit import Ui_SubmitPage


def submit_order(services, order, draft_id):
    return services.submission.submit(order, draft_id=draft_id)


def resubmit_order(services, order_id, order):
    return services.submission.resubmit(order_id, order)


# What the page says, for a new order and for a corrected one.
WORDS = {
    False: {  # the title, intro and button of a new order are in the form (forms/submit.ui)
        "sending": "Sending your order…",
        "queued": "<p><b>Saved and queued.</b> There is no connection to your provider right "
                  "now, so your order will be sent automatically as soon as it can be reached. "
                  "You can close this window; nothing else to do.</p>",
    },
    True: {
        "title": "Send the corrected order",
        "intro": "When you press Send, the corrected order goes back to your new provider, "
                 "which passes it on to your old carrier again. It is the same order, not a "
                 "new one. Your phones keep working with your current carrier until the "
                 "switch date.",
        "button": "&Send the corrected order", "button_name": "Send the corrected order",
        "sending": "Sending the corrected order…",
        "queued": "<p><b>Saved and queued.</b> There is no connection to your provider right "
                  "now, so the corrected order will be sent automatically as soon as it can "
                  "be reached. You can close this window; nothing else to do.</p>",
    },
}


class SubmitPage(StepPage):
    step = flow.Step.SUBMIT
    ui_class = Ui_SubmitPage

    def setup(self) -> None:
        ui = self.ui
        ui.submit_order.setObjectName("submit_order")
        ui.submit_order.clicked.connect(self.send)
        self.words = WORDS[self.wiz.resubmitting]
        if self.wiz.resubmitting:
            self.setTitle(self.words["title"])
            ui.intro.setText(self.words["intro"])
            ui.submit_order.setText(self.words["button"])
            ui.submit_order.setAccessibleName(self.words["button_name"])
        ui.progress.hide()
        self.result = None
        self._handle = None
        self.setFinalPage(True)

    def on_enter(self) -> None:
        if self.result is None:
            self.ui.submit_status.setText("")
            self.ui.submit_order.setEnabled(self.wiz.services is not None)
            if self.wiz.services is None:
                self.ui.submit_status.setText(
                    "Sending is not available here: no provider connection is set up.")

    def extra_complete(self) -> bool:
        return self.result is not None and self.result.ok

    def refresh_complete(self) -> None:
        super().refresh_complete()
        self.hint.setVisible(False)

    def sending(self) -> bool:
        """True while the order is on its way to the provider (the worker has not answered)."""
        return self._handle is not None and not self._handle.done

    def say_wait(self) -> None:
        """Closing was refused because the order is being sent: say so where the user looks."""
        self.ui.submit_status.setText(
            "<p><b>Sending… please wait.</b> The order is on its way to your provider; "
            "this window can be closed as soon as the answer is shown here.</p>")

    def _lock_leaving(self, locked: bool) -> None:
        # Back and Cancel (and Escape, through the wizard's reject()) must not leave the
        # page while the worker sends: the order would go out with nobody told.
        for which in (self.wiz.WizardButton.BackButton, self.wiz.WizardButton.CancelButton):
            self.wiz.button(which).setEnabled(not locked)

    def send(self) -> None:
        services = self.wiz.services
        if services is None or self.sending():
            return
        from portwizard.gui.workers import run_task

        ui = self.ui
        ui.submit_order.setEnabled(False)
        ui.progress.show()
        ui.submit_status.setText(self.words["sending"])
        self._lock_leaving(True)
        if self.wiz.resubmitting:
            self._handle = run_task(resubmit_order, services, self.wiz.resubmit_of,
                                    self.wiz.order.copy(),
                                    on_result=self._done, on_error=self._failed)
            return
        autosaver = self.wiz.autosaver()
        draft_id = self.wiz.draft_id
        if autosaver is not None:
            autosaver.flush()
            draft_id = autosaver.draft_id or draft_id
        self._handle = run_task(submit_order, services, self.wiz.order.copy(), draft_id,
                                on_result=self._done, on_error=self._failed)

    @alive
    def _done(self, result) -> None:
        ui = self.ui
        ui.progress.hide()
        self.result = result
        outcome = result.outcome
        ok = tone_color("ok").name()
        if outcome == "sent" and self.wiz.resubmitting:
            ui.submit_status.setText(
                f"<p style='color:{ok}'><b>✔ Sent again.</b> The corrected order "
                f"<b>{escape(str(result.order_id))}</b> is back with your provider.</p>"
                "<p><b>What happens next:</b> your old carrier checks it again and confirms "
                "the day the numbers move, or says what is still wrong. Every change shows "
                "on the Orders screen.</p>"
                "<p>Keep your current phone service as it is: do not cancel it.</p>")
        elif outcome == "sent":
            shown_id = result.remote_id or result.order_id
            ui.submit_status.setText(
                f"<p style='color:{ok}'><b>✔ Sent.</b> Your order number is "
                f"<b>{escape(str(shown_id))}</b>.</p>"
                "<p><b>What happens next:</b> your new provider checks the order, then your "
                "current carrier confirms the day the numbers move (usually within a few "
                "business days). Every change shows on the Orders screen.</p>"
                "<p>Keep your current phone service as it is: do not cancel it. Your phones "
                "keep working until the switch date.</p>")
        elif outcome == "queued":
            ui.submit_status.setText(self.words["queued"])
        elif outcome == "invalid":
            items = "".join(finding_html(f, gap=2) for f in result.findings)
            ui.submit_status.setText(f"<p><b>Not sent:</b> {escape(result.message)}</p>{items}"
                                     "<p>Go Back to fix these, then send again.</p>")
        else:
            ui.submit_status.setText(f"<p><b>Not sent yet:</b> {escape(result.message)}</p>")
        if result.ok and self.wiz.resubmitting:
            self.wiz.on_resubmitted(str(result.order_id))
        elif result.ok:
            autosaver = self.wiz.autosaver()
            if autosaver is not None:
                autosaver.stop(flush=False)
            self.wiz.on_submitted(str(result.order_id))
        else:
            ui.submit_order.setEnabled(True)
            self._lock_leaving(False)
        self.refresh_complete()

    @alive
    def _failed(self, exc: BaseException) -> None:
        self.ui.progress.hide()
        self.ui.submit_order.setEnabled(True)
        self._lock_leaving(False)
        self.ui.submit_status.setText(
            f"<p><b>Not sent:</b> {escape(str(exc) or type(exc).__name__)}</p>"
            "<p>Your order is still here; try again in a moment.</p>")
