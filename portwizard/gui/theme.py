"""Colours that stay readable in a light and in a dark palette.

Text colours are never written into a page as fixed hex values: a dark-grey hint on a dark
window (macOS or Windows in dark mode) is unreadable. Instead:

* :func:`tone_color` gives the colour of a *tone* ("error", "warning", "ok", "info",
  "muted") for a palette: a light-palette and a dark-palette shade, each checked against the
  palette's window and base colours and darkened/lightened until it reaches WCAG AA
  (:data:`AA`, 4.5:1) on both;
* :func:`contrast_ratio` and :func:`is_dark` are the two measurements behind it, for tests
  and for widgets that pick their own colours (the signature pad's ink).

Stable API (the dashboard uses it too)::

    contrast_ratio(a: QColor, b: QColor) -> float         # 1.0 .. 21.0
    is_dark(palette: QPalette | None = None) -> bool       # window darker than its text
    tone_color(tone: str, palette: QPalette | None = None) -> QColor
    status_color(tone: domain.status.Tone, palette: QPalette | None = None) -> QColor
    set_tone(widget: QWidget, tone: str) -> None           # a label's text in a tone

``palette=None`` means the application's current palette. Colours in rich text are
``tone_color(tone).name()``; rich text is rebuilt when the palette changes (pages do it in
``changeEvent``), and :func:`set_tone` widgets are refreshed by :func:`refresh_tones`.
"""
from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

AA = 4.5  # WCAG 2 AA contrast for normal-size text

TONES = ("error", "warning", "ok", "info", "muted")

# (for a light palette, for a dark palette): the starting shades, before the contrast check
_SHADES: dict[str, tuple[str, str]] = {
    "error": ("#b3261e", "#ffb4ab"),
    "warning": ("#8a5300", "#ffb95c"),
    "ok": ("#1e7b34", "#7ddc8f"),
    "info": ("#0b57d0", "#a8c7fa"),
    "muted": ("#5f6368", "#bdc1c6"),
}

_TONE_PROPERTY = "portwizard_tone"


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(color: QColor) -> float:
    """WCAG relative luminance of an opaque colour (0 black .. 1 white)."""
    c = color.toRgb()
    return (0.2126 * _channel(c.redF()) + 0.7152 * _channel(c.greenF())
            + 0.0722 * _channel(c.blueF()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours, 1.0 (same) to 21.0 (black on white); symmetric."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def _palette(palette: QPalette | None) -> QPalette:
    return palette if palette is not None else QGuiApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the palette's windows are darker than their text (a dark mode)."""
    p = _palette(palette)
    return (relative_luminance(p.color(QPalette.ColorRole.Window))
            < relative_luminance(p.color(QPalette.ColorRole.WindowText)))


def _backgrounds(p: QPalette) -> tuple[QColor, QColor]:
    return p.color(QPalette.ColorRole.Window), p.color(QPalette.ColorRole.Base)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved the fraction ``t`` towards ``b``."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                           a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


def readable(color: QColor, palette: QPalette | None = None, minimum: float = AA) -> QColor:
    """``color``, moved towards the palette's text colour just enough to reach ``minimum``
    contrast on both the window and the base colour (the text colour itself always does in
    any sane palette)."""
    p = _palette(palette)
    text = p.color(QPalette.ColorRole.WindowText)
    backgrounds = _backgrounds(p)
    color = color.toRgb()
    for step in range(11):
        candidate = _mix(color, text, step / 10) if step else color
        if all(contrast_ratio(candidate, bg) >= minimum for bg in backgrounds):
            return candidate
    return text


def tone_color(tone: str, palette: QPalette | None = None) -> QColor:
    """The colour of ``tone`` ("error", "warning", "ok", "info", "muted") for text on
    ``palette``'s windows and input fields, at least :data:`AA` contrast on both."""
    if tone not in _SHADES:
        raise ValueError(f"unknown tone {tone!r}; one of {TONES}")
    p = _palette(palette)
    light, dark = _SHADES[tone]
    return readable(QColor(dark if is_dark(p) else light), p)


#: the status vocabulary's tones (portwizard.domain.status.Tone values) -> this theme's tones
STATUS_TONES = {"muted": "muted", "progress": "info", "waiting": "warning", "good": "ok",
                "bad": "error"}


def status_color(tone, palette: QPalette | None = None) -> QColor:
    """The colour of a status tone (:class:`portwizard.domain.status.Tone`) on ``palette``:
    the orders list's dots, the order detail's timeline and heading."""
    return tone_color(STATUS_TONES[tone.value], palette)


def set_tone(widget: QWidget, tone: str) -> None:
    """Show a label's (or any widget's) text in ``tone``; kept right when the palette changes
    as long as its window calls :func:`refresh_tones` on a palette change."""
    widget.setProperty(_TONE_PROPERTY, tone)
    _apply(widget, tone)


def _apply(widget: QWidget, tone: str) -> None:
    # Only the text role is set on the widget; every other role keeps following the app.
    base = QGuiApplication.palette()
    color = tone_color(tone, base)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    palette.setColor(QPalette.ColorRole.Text, color)
    widget.setPalette(palette)


def refresh_tones(root: QWidget) -> None:
    """Re-apply the tone of ``root`` and of every child given one with :func:`set_tone`
    (call it from ``changeEvent`` on ``QEvent.Type.ApplicationPaletteChange``)."""
    for widget in [root, *root.findChildren(QWidget)]:
        tone = widget.property(_TONE_PROPERTY)
        if isinstance(tone, str) and tone in _SHADES:
            _apply(widget, tone)
