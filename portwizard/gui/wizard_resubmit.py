"""Fix and resubmit: the wizard's mode for correcting an order the old carrier refused.

``PortWizard(order, services, resubmit_of="PW-…", rejection=reason)`` opens a rejected order
for correction. A banner on every page (:class:`RejectionBanner`) says what the old carrier
refused and how to fix it (:func:`rejection_words`), the wizard opens on the first page (in
flow order) that holds a field the rejection points at (:func:`resubmit_start`), and those
fields are framed until edited. :class:`ResubmitMode` is that part of
:class:`~portwizard.gui.wizard.PortWizard`.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from portwizard import flow
from portwizard.domain.order import Order


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


class ResubmitMode:
    """The fix-and-resubmit part of :class:`~portwizard.gui.wizard.PortWizard`."""

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
