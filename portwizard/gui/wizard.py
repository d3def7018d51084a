"""PortWizard: the QWizard that walks a user through one port-in order.

The order of the steps is not decided here: ``nextId()`` asks ``portwizard.flow`` (a pure
navigation map over the order), and each page id is the index of its ``flow.Step``. Pages
are thin views (``portwizard.gui.pages``) bound to the one :class:`Order` this wizard owns;
Back and Next only move between views of it, so they never lose anything.

Start-up is kept light: pages are built from compiled Designer forms, and the heavy parts
(PDF preview, signature pad, reportlab, pypdf, requests) are created or imported the first
time the page that needs them is shown. The first page's path also avoids what PySide builds
lazily but expensively (the ``Qt`` namespace's ~165 enum classes, ``QEvent``, unused widget
types) and the validation rules: a worker loads those right after the window appears
(``bench/bench_startup.py --phases`` shows the cost, ``tests/gui/test_wizard_startup.py``
keeps it off the path).

Fix and resubmit: ``PortWizard(order, services, resubmit_of="PW-…", rejection=reason)`` opens
a rejected order (``store.order_document``) for correction. A banner on every page says what
the old carrier refused and how to fix it, the wizard opens on the first page (in flow order)
that holds a field the rejection points at (:mod:`.wizard_resubmit`), those fields are framed
until edited, and the submit page sends the corrected order with
``submission.resubmit(order_id, order)`` instead of filing a new one, then emits
``resubmitted(order_id)``. No draft is kept in this mode: the document being edited is the
stored order, so closing with unsent corrections asks "Discard your corrections?" and leaves
the stored order exactly as it was (it can be opened for fixing again at any time).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget, QWizard

from portwizard import flow
from portwizard.domain.order import Order
from portwizard.gui.wizard_closing import Closing
from portwizard.gui.wizard_resubmit import ResubmitMode

if TYPE_CHECKING:  # pragma: no cover
    from portwizard.domain.validation import Context

#: event-loop turns after show() before the rules load: the first paint happens in the first
#: turn, and a worker importing modules would compete with it for Python's lock
WARMUP_AFTER_TURNS = 2

STEP_IDS: dict[flow.Step, int] = {step: i for i, step in enumerate(flow.Step)}
ID_STEPS: dict[int, flow.Step] = {i: step for step, i in STEP_IDS.items()}


def warm_up() -> None:
    """Load the validation rules and the carrier directory (runs in a worker thread)."""
    from portwizard.domain import carriers, validation

    validation.rules()
    carriers.directory()


def validation_loaded() -> bool:
    # not imported here: the first page is shown before the validation module is needed
    validation = sys.modules.get("portwizard.domain.validation")
    return validation is not None and validation._loaded


class PortWizard(ResubmitMode, Closing, QWizard):
    """The order wizard; fixing a rejected order (:mod:`.wizard_resubmit`) and closing
    (:mod:`.wizard_closing`) are mixins of their own."""

    orderChanged = Signal()
    submitted = Signal(str)
    #: a rejected order was sent again, corrected (its order id: the same order, not a new one)
    resubmitted = Signal(str)

    def __init__(self, order: Order | None = None, services=None, draft_id: str | None = None,
                 parent: QWidget | None = None, *, resubmit_of: str | None = None,
                 rejection: Any = None, rejection_text: str = "",
                 provider: str | None = None) -> None:
        super().__init__(parent)
        #: the provider whose rules the order is checked against (None: the settings'
        #: choice; a fix-and-resubmit wizard checks with the provider the order was filed with)
        self.provider = provider
        self.setObjectName("PortWizard")
        #: the id of the rejected order this wizard corrects (None: a new order or a draft)
        self.resubmit_of = resubmit_of
        self.rejection = rejection
        self.rejection_text = rejection_text or ""
        if resubmit_of is not None:
            if draft_id is not None:
                raise ValueError("a wizard fixing a rejected order keeps no draft")
            if services is not None:
                if order is None:
                    order = services.store.order_document(resubmit_of)
                if rejection is None and not self.rejection_text:
                    self._load_rejection(services.store, resubmit_of)
            self.setWindowTitle(f"Fix and resubmit order {resubmit_of}")
        else:
            self.setWindowTitle("Move your phone numbers")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setMinimumSize(760, 560)
        self.resize(900, 680)
        self._order = order if order is not None else Order()
        self.services = services
        #: the provider's portability answers, (provider key, E.164) -> PortabilityResult,
        #: asked by the numbers page; refused numbers block the order (see context())
        self.portability: dict[tuple[str, str], Any] = {}
        self.draft_id = draft_id
        # A resumed draft: what it held when opened, so "Discard" can undo just this session
        # (deleting a saved draft is the main window's Delete, not the wizard's Cancel).
        self._opened_order = self._order.copy() if draft_id is not None else None
        self._dirty = False
        self.submitted_order_id: str | None = None
        self._session = os.urandom(6).hex()
        self._save_problem_shown = False  # saves_failing said so (until a save works again)
        self._ready = False          # validation rules and carrier data loaded
        self._when_ready: list = []  # callbacks waiting for that
        self._warmup = None
        # (a timer object rather than QTimer.singleShot(ms, self, fn): that overload makes
        # PySide build QMetaMethod and its enums on the way to the first page)
        self._warmup_timer = QTimer(self)
        self._warmup_timer.setSingleShot(True)
        self._warmup_timer.setInterval(0)
        self._warmup_timer.timeout.connect(self._start_warmup)
        self._turns_after_show = 0

        # Only the first page is built now; the others are built on first use or, a moment
        # after the window is shown, one per event-loop turn (see _prebuild).
        self.pages: dict[flow.Step, object] = {}
        self.page_for(flow.Step.NUMBERS)
        self.setStartId(STEP_IDS[flow.Step.NUMBERS])
        self.button(QWizard.WizardButton.NextButton).setObjectName("wizard.next")
        # pressed comes before clicked (mouse, keyboard and the dialog's default button)
        self.button(QWizard.WizardButton.NextButton).pressed.connect(self._ensure_next_page)
        self.button(QWizard.WizardButton.BackButton).setObjectName("wizard.back")
        self.button(QWizard.WizardButton.CancelButton).setObjectName("wizard.cancel")
        self.button(QWizard.WizardButton.FinishButton).setObjectName("wizard.finish")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Close")
        # connected before any autosaver's own aboutToQuit flush, which then sees the numbers
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._about_to_quit)
        if resubmit_of is not None:
            self._open_for_resubmit()

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
        """The validation context: the settings' (with the chosen provider's profile) and
        the numbers that provider's portability check refused (see :attr:`portability`)."""
        if self.services is not None:
            ctx = self.services.validation_context(provider=self.provider,
                                                   check_documents=documents)
        else:
            from portwizard.domain.validation import Context

            ctx = Context(check_documents=documents)
        refused = tuple((number, answer.reason)
                        for (provider, number), answer in self.portability.items()
                        if provider == ctx.provider.key and answer.checked
                        and not answer.portable)
        if refused:
            import dataclasses

            ctx = dataclasses.replace(ctx, not_portable=refused)
        return ctx

    @property
    def provider_name(self) -> str:
        if self.services is not None:
            return self.services.provider_name
        from portwizard.settings import DEFAULT_PROVIDER_NAME

        return DEFAULT_PROVIDER_NAME

    def attachments_dir(self) -> Path:
        """Where generated documents (the LOA) of this order are written."""
        from portwizard.paths import data_dir

        if self.resubmit_of is not None:
            name = f"{self.resubmit_of}-fix-{self._session}"
        else:
            name = self.draft_id or f"session-{self._session}"
        folder = data_dir() / "attachments" / name
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    # ------------------------------------------------------------------ navigation
    def step_of(self, page_id: int) -> flow.Step | None:
        return ID_STEPS.get(page_id)

    def current_step(self) -> flow.Step | None:
        return self.step_of(self.currentId())

    def page_for(self, step: flow.Step):
        """The page of ``step``, built on first use."""
        step = flow.Step(step)
        page = self.pages.get(step)
        if page is None:
            from portwizard.gui.pages import page_class

            page = page_class(step)(self)
            self.pages[step] = page
            self.setPage(STEP_IDS[step], page)
            if self.resubmitting:
                page.layout().insertWidget(0, self._make_banner(page))
                self._mark_refused(page)
                page.binder.edited.connect(self._corrected)
        return page

    def all_pages(self) -> dict:
        for step in flow.Step:
            self.page_for(step)
        return dict(self.pages)

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt override
        # (setVisible rather than showEvent: the first Python showEvent makes PySide build the
        # QEvent type and its ~180-member enum, ~2 ms the first page would wait for)
        if not visible and self.isVisible():
            # before the autosaver's flush on Hide/Close sees the order
            self.take_typed_input()
        super().setVisible(visible)
        if visible:
            # After the first page is up (not during: a worker importing modules competes
            # with the GUI thread for the GIL): load the rules, then build the other pages.
            self._warmup_timer.start()

    def _prebuild(self) -> None:
        """Build one missing page per event-loop turn, so the window stays responsive."""
        for step in flow.Step:
            if step not in self.pages:
                self.page_for(step)
                QTimer.singleShot(0, self, self._prebuild)
                return

    # ------------------------------------------------------------------ warm-up
    def _start_warmup(self) -> None:
        if self._warmup is not None:
            return
        self._turns_after_show += 1
        if self._turns_after_show < WARMUP_AFTER_TURNS:  # the first paint is not done yet
            self._warmup_timer.start()
            return
        if self._ready or validation_loaded():
            self._warmup = True
            self._warmed()
            return
        from portwizard.gui.workers import run_task

        self._warmup = run_task(warm_up, on_result=self._warmed, on_error=self._warmed)

    def _warmed(self, _result=None) -> None:
        from shiboken6 import isValid

        if not isValid(self):  # the wizard was closed before the rules were loaded
            return
        QTimer.singleShot(0, self, self._prebuild)
        self._ready = True
        callbacks, self._when_ready = self._when_ready, []
        for callback in callbacks:
            callback()

    def when_ready(self, callback) -> None:
        """Run ``callback`` once the validation rules are loaded (at once if they are).

        The first page shows immediately; its first validation waits for the rules, which
        a worker thread loads right after the window appears."""
        if self._ready or validation_loaded():
            self._ready = True
            callback()
        else:
            self._when_ready.append(callback)
            if self.isVisible():
                self._start_warmup()

    def nextId(self) -> int:  # noqa: N802 - Qt override
        step = self.current_step()
        if step is None:
            return -1
        nxt = flow.next_step(self._order, step)
        return STEP_IDS[nxt] if nxt is not None else -1

    def _ensure_next_page(self) -> None:
        """QWizard.next() needs the next page to exist: build it just before."""
        step = self.current_step()
        nxt = flow.next_step(self._order, step) if step is not None else None
        if nxt is not None:
            self.page_for(nxt)

    def next(self) -> None:  # Python callers (tests, goto_step) come through here
        self._ensure_next_page()
        super().next()

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

    def on_resubmitted(self, order_id: str) -> None:
        """The corrected order went out (or is queued): only Close is left."""
        self.submitted_order_id = order_id
        self.setButtonLayout([QWizard.WizardButton.Stretch, QWizard.WizardButton.FinishButton])
        self._dirty = False
        self.resubmitted.emit(order_id)

    # ------------------------------------------------------------------ dialogs (tests replace these)
    # (QFileDialog and QMessageBox are imported when used: each costs start-up time)
    def ask_open_file(self, title: str, filters: str) -> str:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, title, str(Path.home()), filters)
        return path

    def ask_save_file(self, title: str, suggested: str, filters: str) -> str:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / suggested), filters)
        return path

    def tell(self, title: str, message: str) -> None:
        """Show a plain warning the user must read (tests replace this)."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, title, message)

    def notify(self, title: str, message: str) -> None:
        """Show a warning without stopping the user (window-modal, not blocking: it can come
        from a save finishing while the user types; tests replace this)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                          self)
        box.setObjectName("wizard_notice")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()

    def saves_failing(self, message: str) -> None:
        """The autosave could not save (a full disk, a read-only or busy data file): say so
        once, here where the user is typing, until a save works again (:meth:`saves_working`)."""
        if self._save_problem_shown:
            return
        self._save_problem_shown = True
        self.notify("Your changes are not being saved",
                    f"{message}\n\nKeep this window open until it is saved: portwizard "
                    "tries again with every change.")

    def saves_working(self, *_draft_id) -> None:
        self._save_problem_shown = False

