"""PortWizard: the QWizard that walks a user through one port-in order.

The order of the steps is not decided here: ``nextId()`` asks ``portwizard.flow`` (a pure
navigation map over the order), and each page id is the index of its ``flow.Step``. Pages
are thin views (``portwizard.gui.pages``) bound to the one :class:`Order` this wizard owns;
Back and Next only move between views of it, so they never lose anything.

Start-up is kept light: pages are built from compiled Designer forms, and the heavy parts
(PDF preview, signature pad, reportlab, pypdf, requests) are created or imported the first
time the page that needs them is shown.
"""
from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget, QWizard

from portwizard import flow
from portwizard.domain.order import Order
from portwizard.domain.validation import Context

STEP_IDS: dict[flow.Step, int] = {step: i for i, step in enumerate(flow.Step)}
ID_STEPS: dict[int, flow.Step] = {i: step for step, i in STEP_IDS.items()}


class PortWizard(QWizard):
    orderChanged = Signal()
    submitted = Signal(str)

    def __init__(self, order: Order | None = None, services=None, draft_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PortWizard")
        self.setWindowTitle("Move your phone numbers")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setMinimumSize(760, 560)
        self.resize(900, 680)
        self._order = order if order is not None else Order()
        self.services = services
        self.draft_id = draft_id
        self._dirty = False
        self.submitted_order_id: str | None = None
        self._session = uuid.uuid4().hex[:12]

        from portwizard.gui.pages import PAGE_CLASSES

        self.pages: dict[flow.Step, object] = {}
        for step in flow.Step:
            page = PAGE_CLASSES[step](self)
            self.pages[step] = page
            self.setPage(STEP_IDS[step], page)
        self.setStartId(STEP_IDS[flow.Step.NUMBERS])
        self.button(QWizard.WizardButton.NextButton).setObjectName("wizard.next")
        self.button(QWizard.WizardButton.BackButton).setObjectName("wizard.back")
        self.button(QWizard.WizardButton.CancelButton).setObjectName("wizard.cancel")
        self.button(QWizard.WizardButton.FinishButton).setObjectName("wizard.finish")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Close")

    # ------------------------------------------------------------------ the order
    @property
    def order(self) -> Order:
        return self._order

    def mark_changed(self) -> None:
        self._dirty = True
        self.orderChanged.emit()

    @property
    def dirty(self) -> bool:
        return self._dirty

    def mark_saved(self) -> None:
        self._dirty = False

    def context(self, *, documents: bool = True) -> Context:
        if self.services is not None:
            return self.services.validation_context(check_documents=documents)
        return Context(check_documents=documents)

    @property
    def provider_name(self) -> str:
        if self.services is not None:
            return self.services.provider_name
        from portwizard.settings import DEFAULT_PROVIDER_NAME

        return DEFAULT_PROVIDER_NAME

    def attachments_dir(self) -> Path:
        """Where generated documents (the LOA) of this order are written."""
        from portwizard.paths import data_dir

        folder = data_dir() / "attachments" / (self.draft_id or f"session-{self._session}")
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    # ------------------------------------------------------------------ navigation
    def step_of(self, page_id: int) -> flow.Step | None:
        return ID_STEPS.get(page_id)

    def current_step(self) -> flow.Step | None:
        return self.step_of(self.currentId())

    def page_for(self, step: flow.Step):
        return self.pages[step]

    def nextId(self) -> int:  # noqa: N802 - Qt override
        step = self.current_step()
        if step is None:
            return -1
        nxt = flow.next_step(self._order, step)
        return STEP_IDS[nxt] if nxt is not None else -1

    def goto_step(self, step: flow.Step) -> bool:
        """Show ``step``: back through the history if it was visited, else forward (each
        page on the way must be complete). Returns True when the step is shown."""
        target = STEP_IDS[step]
        if target in self.visitedIds():
            while self.currentId() != target and self.currentId() != self.startId():
                self.back()
            if self.currentId() != target:
                self.back()
            return self.currentId() == target
        guard = len(STEP_IDS) + 1
        while self.currentId() != target and guard:
            guard -= 1
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break
        return self.currentId() == target

    def resume(self) -> None:
        """Open a restored draft at the first step that still needs something."""
        if self.currentId() == -1:
            self.restart()
        self.goto_step(flow.first_incomplete(self._order, self.context(documents=False)))

    # ------------------------------------------------------------------ submission result
    def on_submitted(self, order_id: str) -> None:
        self.submitted_order_id = order_id
        # sent: nothing to go back to or cancel any more, only Close
        self.setButtonLayout([QWizard.WizardButton.Stretch, QWizard.WizardButton.FinishButton])
        self.draft_id = None
        self._dirty = False
        self.submitted.emit(order_id)

    # ------------------------------------------------------------------ dialogs (tests replace these)
    def ask_open_file(self, title: str, filters: str) -> str:
        path, _ = QFileDialog.getOpenFileName(self, title, str(Path.home()), filters)
        return path

    def ask_save_file(self, title: str, suggested: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / suggested), filters)
        return path

    def ask_close(self) -> str:
        """'keep' (close, keep the draft), 'discard' (close, delete it) or 'stay'."""
        box = QMessageBox(QMessageBox.Icon.Question, "Close this order?",
                          "You have not sent this order yet.", parent=self)
        box.setInformativeText("Keep it as a draft to finish later, or discard what you entered?")
        keep = box.addButton("Keep as draft", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(stay)
        box.exec()
        clicked = box.clickedButton()
        return "keep" if clicked is keep else "discard" if clicked is discard else "stay"

    # ------------------------------------------------------------------ closing
    def autosaver(self):
        """The draft autosaver attached to this wizard (gui.autosave), if any."""
        for child in self.children():
            if type(child).__name__ == "DraftAutosaver":
                return child
        return None

    def reject(self) -> None:
        if self._dirty and self.submitted_order_id is None:
            choice = self.ask_close()
            if choice == "stay":
                return
            store = getattr(self.services, "store", None)
            autosaver = self.autosaver()
            if choice == "keep":
                if autosaver is not None:
                    autosaver.flush()
                    self.draft_id = autosaver.draft_id or self.draft_id
                elif store is not None:
                    self.draft_id = store.save_draft(self._order, self.draft_id,
                                                     step=(self.current_step() or flow.Step.NUMBERS).value)
            else:
                if autosaver is not None:
                    autosaver.stop(flush=False)
                    self.draft_id = autosaver.draft_id or self.draft_id
                if store is not None and self.draft_id:
                    store.delete_draft(self.draft_id)
                self.draft_id = None
            self._dirty = False
        super().reject()
