"""What every wizard page shares: its compiled form, its binder and its completeness.

A page is a thin view: it shows the order, writes what the user changes back into it
through its :class:`~portwizard.gui.binding.Binder`, and asks ``portwizard.flow`` whether the
step is complete. It never decides validity itself.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWizardPage

from portwizard import flow
from portwizard.domain.fields import FIELD_NAMES
from portwizard.gui import theme
from portwizard.gui.binding import Binder, set_qt_property

if TYPE_CHECKING:  # pragma: no cover
    from portwizard.gui.wizard import PortWizard


def alive(method):
    """For callbacks of background work: do nothing if the page was closed meanwhile."""
    import functools

    from shiboken6 import isValid

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if not isValid(self):
            return None
        return method(self, *args, **kwargs)
    return wrapper


class StepPage(QWizardPage):
    step: flow.Step
    ui_class: type
    #: the page's own words for a field in "To continue, complete: ..." where it says more
    #: than the field's name (domain.fields.FIELD_NAMES, used for every other field)
    labels: dict[str, str] = {}

    def __init__(self, wizard: "PortWizard") -> None:
        super().__init__()
        self.wiz = wizard
        self.setObjectName(f"page.{self.step.value}")
        self.setTitle(self.step.title)
        self.setSubTitle(self.step.subtitle)
        self.ui = self.ui_class()
        self.ui.setupUi(self)
        self.binder = Binder(lambda: self.wiz.order, self.context, self)
        self.binder.edited.connect(self._on_edited)
        self.binder.validated.connect(self.refresh_complete)
        self.hint = QLabel(self)
        self.hint.setObjectName(f"page.{self.step.value}.hint")
        self.hint.setWordWrap(True)
        theme.set_tone(self.hint, "muted")
        set_qt_property(self.hint, "textInteractionFlags", "TextSelectableByMouse")
        self.layout().addWidget(self.hint)
        self._complete = False
        self.setup()
        # dark mode switched on or off while the wizard is open: toned text follows
        # (a signal, not changeEvent: a Python event handler costs the first page ~2 ms)
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.instance().paletteChanged.connect(self._palette_changed)

    # ------------------------------------------------------------------ hooks for pages
    def setup(self) -> None:
        """Bind widgets and connect signals (called once)."""

    def on_enter(self) -> None:
        """Refresh what depends on other steps (called each time the page is shown)."""

    def extra_complete(self) -> bool:
        """Page-specific condition besides 'no errors' (e.g. the order was sent)."""
        return True

    def context(self):
        return self.wiz.context(documents=False)

    def on_palette_changed(self) -> None:
        """Rebuild anything coloured by hand (rich text) after a light/dark switch."""

    def _palette_changed(self, _palette=None) -> None:
        theme.refresh_tones(self)
        self.on_palette_changed()

    # ------------------------------------------------------------------ QWizardPage
    def initializePage(self) -> None:
        self.binder.load()
        self.wiz.when_ready(self._enter)

    def _enter(self) -> None:
        self.on_enter()
        self.binder.validate()
        self.refresh_complete()

    def cleanupPage(self) -> None:
        # Going Back keeps everything: the order is the single source of truth.
        self.binder.flush()

    def isComplete(self) -> bool:
        return self._complete

    def validatePage(self) -> bool:
        self.binder.flush()
        self.before_leave()
        self.refresh_complete()
        if not self._complete:
            self.binder.reveal_all()
            return False
        return True

    def before_leave(self) -> None:
        """Last chance to tidy input (normalise) before the wizard moves on."""

    # ------------------------------------------------------------------ helpers
    def compute_complete(self) -> bool:
        return flow.is_complete(self.wiz.order, self.step, self.context())

    def refresh_complete(self) -> None:
        complete = self.compute_complete() and self.extra_complete()
        summary = "" if complete else self.binder.pending_summary({**FIELD_NAMES, **self.labels})
        self.hint.setText(summary)
        self.hint.setVisible(bool(summary))
        if complete != self._complete:
            self._complete = complete
            self.completeChanged.emit()
        else:
            self._complete = complete

    def _on_edited(self, _path: str) -> None:
        self.wiz.mark_changed()

    def changed(self) -> None:
        """The page changed the order without the binder (buttons, imports)."""
        self.wiz.mark_changed()
        self.binder.validate()
