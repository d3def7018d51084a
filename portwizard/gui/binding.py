"""Bind input widgets to fields of the order document, with inline validation.

A widget's objectName is its field path. Designer forms cannot use dots in object names
(pyside6-uic turns them into Python attributes), so forms spell a path with double
underscores (``carrier__account_number``) and :meth:`Binder.bind` renames the widget to the
real path (``carrier.account_number``) when it binds it.

What a binding does
- user edits -> ``set_field(order, path, value)`` at once (nothing typed is ever lost), then
  a per-field debounce timer (150 ms) runs :func:`validate_field` for the fields of the page;
- the first finding of the field is shown under it (error: red with an icon, warning: amber,
  info: grey) and copied into the widget's accessibleDescription and tooltip, so screen
  readers and hovering users get the same words;
- a field's message is shown once the user has touched it, when it already has a value (a
  resumed draft), or after :meth:`Binder.reveal_all` (the page asks for it when the user
  tries to continue); until then, :meth:`Binder.pending_summary` names what is still missing.

The binder never decides what is valid: every message comes from
``portwizard.domain.validation``. The one exception is what the old carrier said: when a
rejected order is corrected, :meth:`Binder.mark_refused` flags the fields the rejection points
at (:func:`set_refused_look`: a dynamic property ``resubmitHighlight`` and a frame in the
palette's highlight colour) and shows "Your old carrier refused this: …" under each, above any
other message, until the user edits that field.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

from PySide6.QtCore import QDate, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from portwizard.domain.findings import Finding, Severity, by_severity
from portwizard.domain.order import Order, get_field, set_field
from portwizard.gui.theme import tone_color

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QAbstractButton, QFormLayout, QLayout

    from portwizard.domain.validation import Context

# The other widget classes are imported where they are used: PySide creates a Python type
# (and all its enum classes) on first access, and the wizard's first page binds no field, so
# it should not pay for QComboBox, QDateEdit, QFormLayout & co. before it is shown.

DEBOUNCE_MS = 150



def severity_color(severity: Severity) -> str:
    """A finding's colour for rich text, readable on the current (light or dark) palette."""
    return tone_color("muted" if severity is Severity.INFO else severity.value).name()


def path_from_object_name(name: str) -> str:
    """``carrier__account_number`` -> ``carrier.account_number``."""
    return name.replace("__", ".")


def finding_text(f: Finding) -> str:
    return f"{f.message} {f.fix}".strip()


def finding_html(f: Finding, *, indent: int = 0, gap: int = 4) -> str:
    """One finding as a paragraph in its colour with its symbol, for rich-text labels."""
    from html import escape  # not on the start-up path

    return (f"<p style='color:{severity_color(f.severity)}; margin:0 0 {gap}px {indent}px'>"
            f"{SYMBOLS[f.severity]} {escape(finding_text(f))}</p>")


def set_qt_property(obj: QObject, name: str, keys: str) -> None:
    """Set an enum or flags property of a Qt object by key names, e.g.
    ``set_qt_property(label, "alignment", "AlignLeft|AlignTop")``.

    The same as ``label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)``,
    but without touching ``PySide6.QtCore.Qt``: the first access to that namespace makes PySide
    build ~165 enum classes (~17 ms), which the wizard's first page must not wait for."""
    if not obj.setProperty(name, keys):
        raise ValueError(f"{type(obj).__name__} has no property {name!r} accepting {keys!r}")


REFUSED_PROPERTY = "resubmitHighlight"
# palette(...) keeps the frame readable in light and dark themes alike
_REFUSED_STYLE = "border: 2px solid palette(highlight); border-radius: 3px;"


def set_refused_look(widget: QWidget, refused: bool) -> None:
    """Mark ``widget`` as holding what the old carrier refused (a frame in the palette's
    highlight colour and the dynamic property ``resubmitHighlight``), or unmark it."""
    if bool(widget.property(REFUSED_PROPERTY)) == refused:
        return
    widget.setProperty(REFUSED_PROPERTY, refused)
    if refused:
        widget.setProperty("_style_before_refused", widget.styleSheet())
        widget.setAttribute(_styled_background(), True)  # plain containers draw the frame too
        name = widget.metaObject().className()
        widget.setStyleSheet(f"{widget.styleSheet()}\n{name}[{REFUSED_PROPERTY}=\"true\"] "
                             f"{{ {_REFUSED_STYLE} }}".strip())
    else:
        widget.setStyleSheet(widget.property("_style_before_refused") or "")
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def _styled_background():
    from PySide6.QtCore import Qt  # not on the start-up path (see set_qt_property)

    return Qt.WidgetAttribute.WA_StyledBackground


SYMBOLS = {Severity.ERROR: "\u2716", Severity.WARNING: "\u26a0", Severity.INFO: "\u2139"}
WORDS = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Note"}


class FieldMessage(QLabel):
    """The line under a field: a symbol and a wrapped sentence, coloured by severity.

    One word-wrapped QLabel (not an icon widget plus a label in a nested layout) so that
    form layouts give it exactly the height of its lines."""

    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{path}.message")
        self.setWordWrap(True)
        set_qt_property(self, "textFormat", "RichText")
        set_qt_property(self, "textInteractionFlags", "TextSelectableByMouse")
        set_qt_property(self, "alignment", "AlignLeft|AlignTop")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.severity: Severity | None = None
        self.plain = ""

    def _fit_height(self) -> None:
        # Layouts size a word-wrapped label for a guessed width; pin the height to the
        # lines it really needs at its real width so no empty band appears around it.
        width = self.width() if self.width() > 50 else 600
        if not self.text():
            h = 0
        else:  # heightForWidth is clamped by the current fixed height: lift it to measure
            old = (self.minimumHeight(), self.maximumHeight())
            self.setMinimumHeight(0)
            self.setMaximumHeight(16777215)
            h = self.heightForWidth(width)
            self.setMinimumHeight(old[0])
            self.setMaximumHeight(old[1])
        if h >= 0 and h != self.maximumHeight():
            self.setFixedHeight(h)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - the height is pinned instead
        return False

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_height()

    def show_finding(self, f: Finding | None) -> None:
        if f is None:
            self.severity = None
            self.plain = ""
            self.clear()
            self.setAccessibleName("")
            self._fit_height()
            return
        self.severity = f.severity
        self.plain = finding_text(f)
        from html import escape  # not at start-up: html.entities is large

        color = severity_color(f.severity)
        self.setText(f'<span style="color:{color}"><b>{SYMBOLS[f.severity]}</b>&nbsp;'
                     f"{escape(self.plain)}</span>")
        self.setAccessibleName(f"{WORDS[f.severity]}: {self.plain}")
        self._fit_height()


@dataclass(eq=False)  # a binding is one widget's: bindings compare by identity
class Binding:
    path: str
    widget: QWidget
    read: Callable[[], Any]
    write: Callable[[Any], None]
    message: FieldMessage | None = None
    timer: QTimer | None = None
    touched: bool = False
    findings: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)  # what a clean-up changed (info)
    shown: Finding | None = None  # what the message line shows now
    shown_once: bool = False
    refused: Finding | None = None  # what the old carrier refused (until the next edit)
    base_tooltip: str = ""
    extra_widgets: list[QWidget] = field(default_factory=list)


class Binder(QObject):
    """All bindings of one page. ``order_fn``/``ctx_fn`` return the live order and context."""

    edited = Signal(str)      # a field was changed by the user (order already updated)
    validated = Signal()      # messages of the page were refreshed

    def __init__(self, order_fn: Callable[[], Order], ctx_fn: Callable[[], Context],
                 parent: QObject | None = None, *, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._order_fn = order_fn
        self._ctx_fn = ctx_fn
        self._debounce_ms = debounce_ms
        self._bindings: dict[str, Binding] = {}
        self._loading = False
        self.revealed = False

    # ------------------------------------------------------------------ binding
    @property
    def paths(self) -> list[str]:
        return list(self._bindings)

    def binding(self, path: str) -> Binding:
        return self._bindings[path]

    def widget(self, path: str) -> QWidget:
        return self._bindings[path].widget

    def bind(self, widget: QWidget, path: str | None = None) -> Binding:
        """Bind a QLineEdit, QPlainTextEdit, QComboBox (item data = value), QCheckBox or
        QDateEdit. The widget is renamed to its field path."""
        from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit

        path = path or path_from_object_name(widget.objectName())
        widget.setObjectName(path)
        if isinstance(widget, QLineEdit):
            b = Binding(path, widget, widget.text, lambda v: widget.setText(v or ""))
            widget.textEdited.connect(lambda _t, p=path: self._user_changed(p))
        elif isinstance(widget, QPlainTextEdit):
            b = Binding(path, widget, widget.toPlainText,
                        lambda v: widget.setPlainText(v or ""))
            widget.textChanged.connect(lambda p=path: self._user_changed(p))
        elif isinstance(widget, QComboBox):
            def read_combo(w=widget):
                data = w.currentData()
                return data if data is not None else ""

            def write_combo(v, w=widget):
                i = w.findData(v or "")
                w.setCurrentIndex(i if i >= 0 else 0)
            b = Binding(path, widget, read_combo, write_combo)
            widget.currentIndexChanged.connect(lambda _i, p=path: self._user_changed(p, now=True))
        elif isinstance(widget, QCheckBox):
            b = Binding(path, widget, widget.isChecked, lambda v: widget.setChecked(bool(v)))
            widget.toggled.connect(lambda _c, p=path: self._user_changed(p, now=True))
        elif isinstance(widget, QDateEdit):
            def read_date(w=widget):
                return w.date().toString("yyyy-MM-dd")

            def write_date(v, w=widget):
                d = QDate.fromString(v or "", "yyyy-MM-dd")
                if d.isValid():
                    w.setDate(d)
            b = Binding(path, widget, read_date, write_date)
            widget.dateChanged.connect(lambda _d, p=path: self._user_changed(p, now=True))
        else:
            raise TypeError(f"cannot bind {type(widget).__name__} to {path}")
        return self._add(b)

    def bind_choice(self, container: QWidget, path: str,
                    buttons: dict[str, QAbstractButton]) -> Binding:
        """Radio buttons choosing one value; ``container`` (named ``path``) holds them."""
        container.setObjectName(path)
        for value, button in buttons.items():
            button.setObjectName(f"{path}={value}")

        def read():
            for value, button in buttons.items():
                if button.isChecked():
                    return value
            return ""

        def write(v):
            for value, button in buttons.items():
                button.setAutoExclusive(False)
                button.setChecked(value == v)
                button.setAutoExclusive(True)
        b = Binding(path, container, read, write, extra_widgets=list(buttons.values()))
        def toggled(checked: bool, p=path) -> None:
            if checked:
                self._user_changed(p, now=True)
        for button in buttons.values():
            button.toggled.connect(toggled)
        return self._add(b)

    def bind_custom(self, widget: QWidget, path: str, read: Callable[[], Any],
                    write: Callable[[Any], None]) -> Binding:
        """A widget the page drives itself; call :meth:`notify_changed` after user edits."""
        widget.setObjectName(path)
        return self._add(Binding(path, widget, read, write))

    def _add(self, b: Binding) -> Binding:
        b.base_tooltip = b.widget.toolTip()
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(self._debounce_ms)
        timer.timeout.connect(lambda p=b.path: self.validate(p))
        b.timer = timer
        b.message = FieldMessage(b.path, b.widget.parentWidget())
        _insert_below(b.widget, b.message)
        self._set_message_visible(b, False)
        self._bindings[b.path] = b
        return b

    # ------------------------------------------------------------------ order <-> widgets
    def load(self) -> None:
        """Show the order's values in the widgets (no edit signals, nothing marked touched)."""
        order = self._order_fn()
        self._loading = True
        try:
            for b in self._bindings.values():
                widgets = [b.widget, *b.extra_widgets]
                old = [w.blockSignals(True) for w in widgets]
                try:
                    b.write(get_field(order, b.path))
                finally:
                    for w, was in zip(widgets, old):
                        w.blockSignals(was)
        finally:
            self._loading = False

    def notify_changed(self, path: str, *, now: bool = False) -> None:
        self._user_changed(path, now=now)

    def _user_changed(self, path: str, now: bool = False) -> None:
        if self._loading:
            return
        b = self._bindings[path]
        set_field(self._order_fn(), path, b.read())
        b.touched = True
        b.notes = []
        if b.refused is not None:
            self._clear_refused(b)
        self.edited.emit(path)
        if now:
            b.timer.stop()
            self.validate(path)
        else:
            b.timer.start()

    # ------------------------------------------------------------------ validation
    def validate(self, path: str | None = None) -> None:
        """Validate every bound field now (the edited one and those that depend on it)."""
        if path is not None and path in self._bindings:
            self._bindings[path].timer.stop()
        from portwizard.domain.validation import validate_field

        order, ctx = self._order_fn(), self._ctx_fn()
        for b in self._bindings.values():
            found = validate_field(order, b.path, ctx)
            b.findings = by_severity(f for f in found if f.field == b.path
                                     or (f.field.startswith(b.path + "[") and "[" not in b.path))
            self._show(b)
        self.validated.emit()

    def flush(self) -> None:
        """Run any pending debounced validation now (before leaving a page, in tests)."""
        if any(b.timer.isActive() for b in self._bindings.values()):
            self.validate()

    def reveal_all(self) -> None:
        """Show the messages of untouched empty fields too."""
        self.revealed = True
        for b in self._bindings.values():
            self._show(b)

    def _visible(self, b: Binding) -> bool:
        if self.revealed or b.touched:
            return True
        value = b.read()
        return bool(value) and value is not False

    def set_notes(self, path: str, notes: list[Finding]) -> None:
        """Info lines about a clean-up the page applied (shown until the next edit)."""
        b = self._bindings[path]
        b.notes = list(notes)
        self._show(b)

    def _show(self, b: Binding) -> None:
        shown = [*b.findings, *b.notes]
        top = shown[0] if shown and self._visible(b) else None
        if b.refused is not None:
            top = b.refused  # the reason the order came back beats everything else
        if top == b.shown and b.shown_once:
            return  # nothing changed: leave the widgets (and the layout) alone
        b.shown, b.shown_once = top, True
        b.message.show_finding(top)
        self._set_message_visible(b, top is not None)
        text = finding_text(top) if top else ""
        for w in [b.widget, *b.extra_widgets]:
            w.setAccessibleDescription(text)
            w.setToolTip(text or b.base_tooltip)

    def _set_message_visible(self, b: Binding, visible: bool) -> None:
        _set_row_visible(b.message, visible)

    # ------------------------------------------------------------------ a carrier's refusal
    def mark_refused(self, path: str, message: str, fix: str = "") -> bool:
        """Flag ``path`` as refused by the old carrier: framed, with "Your old carrier refused
        this: ``message``" under it (a short "check this one too" when ``message`` is empty,
        for the second and later fields of one refusal), until the user edits it. False if
        ``path`` is not bound on this page."""
        b = self._bindings.get(path)
        if b is None:
            return False
        text = (f"Your old carrier refused this: {message}" if message
                else "Check this one too (same refusal).")
        b.refused = Finding(path, "resubmit.refused", Severity.WARNING, text, fix)
        set_refused_look(b.widget, True)
        self._show(b)
        return True

    def clear_refused(self, path: str) -> None:
        """Take the refusal flag off ``path`` (the user corrected it, maybe on another page)."""
        b = self._bindings.get(path)
        if b is not None and b.refused is not None:
            self._clear_refused(b)

    def _clear_refused(self, b: Binding) -> None:
        b.refused = None
        set_refused_look(b.widget, False)
        self._show(b)

    def findings(self) -> list[Finding]:
        return [f for b in self._bindings.values() for f in b.findings]

    def message_text(self, path: str) -> str:
        """The sentence currently shown under ``path`` ("" if none)."""
        b = self._bindings[path]
        return b.message.plain if b.message.severity else ""

    def message_severity(self, path: str) -> Severity | None:
        return self._bindings[path].message.severity

    def pending_summary(self, labels: dict[str, str] | None = None) -> str:
        """One sentence naming the fields that still have errors, for the page footer."""
        names = []
        for b in self._bindings.values():
            if any(f.is_error for f in b.findings):
                names.append((labels or {}).get(b.path) or b.widget.accessibleName() or b.path)
        if not names:
            return ""
        return "To continue, complete: " + ", ".join(names) + "."


# ---------------------------------------------------------------------- layout helpers

def _find(layout: QLayout, target: Any) -> tuple[QLayout, int] | None:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is target or item.layout() is target:
            return layout, i
        child = item.layout()
        if child is not None:
            found = _find(child, target)
            if found:
                return found
    return None


def _containing(widget: QWidget) -> tuple[QLayout, int] | None:
    parent = widget.parentWidget()
    if parent is None or parent.layout() is None:
        return None
    return _find(parent.layout(), widget)


def _parent_layout(root: QLayout, child: QLayout) -> QLayout | None:
    for i in range(root.count()):
        item = root.itemAt(i)
        if item.layout() is child:
            return root
        if item.layout() is not None:
            found = _parent_layout(item.layout(), child)
            if found:
                return found
    return None


def _insert_below(widget: QWidget, message: QWidget) -> None:
    """Put ``message`` right under ``widget``: in a form layout as a new row under the
    widget's row (field column), in a vertical box right after it."""
    from PySide6.QtWidgets import QBoxLayout, QFormLayout

    found = _containing(widget)
    if found is None:
        return
    layout, _ = found
    anchor: Any = widget
    # a widget inside a horizontal box (field + help button): anchor on that box
    while isinstance(layout, QBoxLayout) and layout.direction() in (
            QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.RightToLeft):
        root = widget.parentWidget().layout()
        outer = _parent_layout(root, layout)
        if outer is None:
            break
        anchor, layout = layout, outer
    if isinstance(layout, QFormLayout):
        if isinstance(anchor, QWidget):
            row, _role = layout.getWidgetPosition(anchor)
        else:
            row, _role = layout.getLayoutPosition(anchor)
        layout.insertRow(row + 1, "", message)
        message.setProperty("_form_row_layout", True)
        message._form = layout  # type: ignore[attr-defined]
    elif isinstance(layout, QBoxLayout):
        idx = _find(layout, anchor)[1]
        layout.insertWidget(idx + 1, message)
    else:  # grid or other: append at the end of the parent's layout
        layout.addWidget(message)


def _set_row_visible(message: QWidget, visible: bool) -> None:
    form: QFormLayout | None = getattr(message, "_form", None)
    if form is not None:
        row, _ = form.getWidgetPosition(message)
        if row >= 0:
            form.setRowVisible(row, visible)
            return
    message.setVisible(visible)


def bind_all(binder: Binder, widgets: Iterable[QWidget]) -> None:
    for w in widgets:
        binder.bind(w)
