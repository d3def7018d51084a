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
that holds a field the rejection points at (:func:`resubmit_start`), those fields are framed
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
from typing import TYPE_CHECKING, Any, Callable, Iterable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget, QWizard

from portwizard import flow
from portwizard.domain.order import Order

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


def resubmit_start(order: Order, fields: Iterable[str],
                   holds: Callable[[flow.Step, str], bool] | None = None) -> flow.Step:
    """Where a rejected order opens for correction: the first step of this order's flow
    that holds one of ``fields`` (the rejection's field paths), else REVIEW.

    ``holds(step, path)`` says whether the page of ``step`` has an input for ``path``; by
    default the flow's own map (:func:`flow.step_of_field`). The wizard asks its pages, so
    a PIN refused for a Google Voice number opens on the unlock page, which asks for it too."""
    fields = [f for f in fields if f]
    if holds is None:
        def holds(step: flow.Step, path: str) -> bool:
            return flow.step_of_field(path) is step
    for step in flow.steps_for(order):
        if step is not flow.Step.SUBMIT and any(holds(step, path) for path in fields):
            return step
    return flow.Step.REVIEW


def rejection_words(rejection: Any, text: str = "") -> tuple[str, str]:
    """(headline, rich-text details) saying what the old carrier refused and how to fix it.

    ``rejection`` is a :class:`~portwizard.domain.lifecycle.RejectionReason` (title,
    explanation, fix) or None when the provider's code is unknown; ``text`` is the provider's
    own wording, shown as theirs."""
    from html import escape

    text = (text or "").strip()
    theirs = f"Their words: “{escape(text)}”" if text else ""
    if rejection is None:
        headline = "Your old carrier refused this order."
        details = (f"{theirs}<br>" if theirs else "") + (
            "Correct what they point at, then send the corrected order on the last page. "
            "If it is not clear what they mean, call your old carrier and ask.")
        return headline, details
    headline = f"Your old carrier refused this order: {rejection.title}."
    details = (f"{escape(rejection.explanation)}<br><b>How to fix it:</b> {escape(rejection.fix)}"
               + (f"<br>{theirs}" if theirs and text != rejection.title else ""))
    if rejection.fields:
        details += "<br>What to correct is framed on the pages that hold it."
    return headline, details


class RejectionBanner(QLabel):
    """What the old carrier refused and how to fix it, framed in the warning tone of the
    current palette (light or dark; restyled when the palette changes)."""

    def __init__(self, html: str, plain: str, parent: QWidget) -> None:
        super().__init__(parent)
        from portwizard.gui.binding import set_qt_property

        self.setObjectName("resubmit_banner")
        self.setWordWrap(True)
        set_qt_property(self, "textFormat", "RichText")
        set_qt_property(self, "textInteractionFlags", "TextSelectableByMouse")
        self.setText(html)
        self.setAccessibleName("Why the order came back")
        self.setAccessibleDescription(plain)
        self.restyle()

    def restyle(self) -> None:
        from portwizard.gui.theme import tone_color

        accent = tone_color("warning").name()  # for the application's current palette
        style = ("QLabel#resubmit_banner { background: palette(alternate-base); "
                 f"color: palette(window-text); border: 1px solid {accent}; "
                 f"border-left: 5px solid {accent}; border-radius: 3px; padding: 8px; }}")
        if style != self.styleSheet():
            self.setStyleSheet(style)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        from PySide6.QtCore import QEvent

        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            # after the change reached every widget (the page may get it after its children)
            QTimer.singleShot(0, self, self.restyle)


def validation_loaded() -> bool:
    # not imported here: the first page is shown before the validation module is needed
    validation = sys.modules.get("portwizard.domain.validation")
    return validation is not None and validation._loaded


class PortWizard(QWizard):
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

    # ------------------------------------------------------------------ fix and resubmit
    def _load_rejection(self, store, order_id: str) -> None:
        """The rejection the store recorded for ``order_id`` (code -> reason, provider text)."""
        from portwizard.domain import lifecycle

        record = store.find_order(order_id)
        if record is None:
            raise KeyError(f"there is no order {order_id!r}")
        self.rejection = lifecycle.reason(record.rejection_code) if record.rejection_code else None
        self.rejection_text = record.rejection_text or ""

    @property
    def resubmitting(self) -> bool:
        """True when this wizard corrects a rejected order rather than filing a new one."""
        return self.resubmit_of is not None

    def refused_fields(self) -> tuple[str, ...]:
        """The order fields the rejection points at (empty when unknown)."""
        return tuple(self.rejection.fields) if self.rejection is not None else ()

    def rejection_message(self) -> str:
        """The banner's words as plain text ("" outside fix-and-resubmit)."""
        if not self.resubmitting:
            return ""
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(self._banner_html())
        return doc.toPlainText()

    def _banner_html(self) -> str:
        headline, details = rejection_words(self.rejection, self.rejection_text)
        from html import escape

        return f"<b>{escape(headline)}</b><br>{details}"

    def _make_banner(self, page) -> QLabel:
        """The rejection banner at the top of ``page`` (one per page: QWizard shows each
        page's own layout, so a single shared widget would have to move on every step)."""
        return RejectionBanner(self._banner_html(), self.rejection_message(), page)

    def _page_holds(self, step: flow.Step, path: str) -> bool:
        return self._input_of(self.page_for(step), path) is not None

    @staticmethod
    def _input_of(page, path: str) -> QWidget | None:
        """The input named ``path`` on ``page`` (``numbers[2]`` falls back to ``numbers``)."""
        for name in dict.fromkeys((path, path.split("[", 1)[0])):
            widget = page.findChild(QWidget, name)
            if widget is not None:
                return widget
        return None

    def _open_for_resubmit(self) -> None:
        """Build every page (each gets the banner and its refused fields framed), then open
        on the first page holding a refused field. Next is pressed on each page before it,
        so a page that no longer passes its checks (a moved attachment) stops the walk there:
        the user sees that problem first."""
        self.all_pages()
        self.restart()
        self.goto_step(resubmit_start(self._order, self.refused_fields(), self._page_holds))

    def _mark_refused(self, page) -> None:
        from portwizard.gui.binding import set_refused_look

        if self.rejection is None:
            return
        said = False  # the reason is said under the page's first refused field only
        for path in self.refused_fields():
            if page.binder.mark_refused(path, "" if said else f"{self.rejection.title}."):
                said = True
                continue
            widget = self._input_of(page, path)
            if widget is not None:  # an input the page drives without the binder
                set_refused_look(widget, True)

    def _corrected(self, path: str) -> None:
        """A refused field was edited: unmark it on every page that shows it (the PIN is
        asked on the account page and, for locked numbers, on the unlock page)."""
        from portwizard.gui.binding import set_refused_look

        for page in self.pages.values():
            page.binder.clear_refused(path)
            widget = self._input_of(page, path)
            if widget is not None and path not in page.binder.paths:
                set_refused_look(widget, False)

    def highlighted_fields(self) -> set[str]:
        """The field paths framed as refused by the old carrier on any built page."""
        from portwizard.gui.binding import REFUSED_PROPERTY

        return {w.objectName() for page in self.pages.values()
                for w in page.findChildren(QWidget) if w.property(REFUSED_PROPERTY)}

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

    # ------------------------------------------------------------------ closing
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
