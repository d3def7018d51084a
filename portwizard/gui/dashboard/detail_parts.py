"""The building blocks of the order detail pane: how it words times and port dates, the
colour of a status tone, and the small widgets its sections are made of.

Shared by :mod:`portwizard.gui.dashboard.detail` (the pane) and its sections
(``detail_sections``, ``detail_comments``, ``detail_documents``). Labels are plain text
unless asked otherwise (text from the provider or the user is never rich text) and wrap
their words; :class:`_Box` and :class:`_Callout` keep a wrapped label's guessed minimum
height from making the pane taller than its content.
"""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame, QLabel, QLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from portwizard.domain import dates
from portwizard.domain.status import Tone
from portwizard.gui.theme import status_color
from portwizard.gui.timetext import day_text, moment_text



# --------------------------------------------------------------------------- small helpers

def local_time(iso: str, now: _dt.datetime | None = None) -> str:
    """``Today, 3:05 PM`` / ``Yesterday, 9:12 AM`` / ``Nov 16, 2026, 4:30 PM``: the detail
    pane's moments always carry the clock (see :mod:`portwizard.gui.timetext`)."""
    return moment_text(iso, now, clock_on_older=True)


short_date = day_text  # ``Mon, Dec 14, 2026``


def port_date_text(foc_date: str | None, countdown: str) -> str:
    """``Numbers move on Mon, Dec 14, 2026 (in 3 business days)``; "" without a date."""
    day = dates.parse_date(foc_date)
    if day is None:
        return ""
    when = f" ({countdown})" if countdown else ""
    if countdown.endswith("ago") or countdown == "yesterday":
        return f"Port date was {short_date(day)}{when}"
    return f"Numbers move on {short_date(day)}{when}"


def _label(text: str = "", *, name: str = "", rich: bool = False,
           selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    policy.setHeightForWidth(True)
    label.setSizePolicy(policy)  # before setWordWrap: a new policy would drop its hfw flag
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    if name:
        label.setObjectName(name)
    return label


def _heading(text: str, name: str, scale: float = 1.15) -> QLabel:
    label = _label(text, name=name)
    font = QFont(label.font())
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def _button(text: str, name: str, accessible: str, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    if tip:
        button.setToolTip(tip)
    return button


def _clear(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())


class _Box(QWidget):
    """A container of word-wrapped labels. The layout's height for the actual width is what
    counts: a wrapped QLabel's minimum height is a guess for a narrow width, and adding those
    up made the scroll area's page far taller than its content (blank space to scroll)."""

    def minimumSizeHint(self):  # noqa: N802
        return QSize(super().minimumSizeHint().width(), 0)


class _List(_Box):
    """A section listing one widget per entry (the history, the comments, the documents),
    rebuilt by each fill, with a sentence of its own when there is nothing to list."""

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self._items = QVBoxLayout(self)
        self._items.setContentsMargins(0, 0, 0, 0)

    def restart(self, entries: int, empty: str, empty_name: str = "") -> None:
        """Remove what was listed; with no ``entries`` to come, say ``empty`` instead."""
        _clear(self._items)
        if not entries:
            self._items.addWidget(_label(empty, name=empty_name))

    def add(self, widget: QWidget) -> None:
        self._items.addWidget(widget)


class _FlowLayout(QLayout):
    """Buttons in a row that wraps onto the next line when the pane is narrow (a side panel
    at 200 % scale), instead of forcing a horizontal scroll bar."""

    def __init__(self, spacing: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = sum(i.sizeHint().width() for i in self._items) + self._gap * max(
            0, len(self._items) - 1)
        return QSize(width, max((i.sizeHint().height() for i in self._items), default=0))

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


class _Callout(QFrame):
    """A box with a tone-coloured border on the palette's alternate background; follows
    palette changes (dark mode) because it paints itself."""

    def __init__(self, tone: Tone, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tone = tone
        margin = self.fontMetrics().height() // 2 + 2
        self.setContentsMargins(margin, margin, margin, margin)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(status_color(self.tone, self.palette()))
        pen.setWidthF(max(1.5, self.fontMetrics().height() / 10))
        painter.setPen(pen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.AlternateBase))
        half = pen.widthF() / 2
        radius = self.fontMetrics().height() / 3
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half),
                                radius, radius)
        painter.end()

    def minimumSizeHint(self):  # noqa: N802 - see _Box
        return QSize(super().minimumSizeHint().width(), 0)


class _Dot(QWidget):
    """The status tone as a small filled circle beside the status words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tone = Tone.MUTED
        side = self.fontMetrics().height()
        self.setFixedSize(side, side)
        self.setAccessibleName("")  # the words next to it say the same

    def set_tone(self, tone: Tone) -> None:
        self.tone = tone
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(status_color(self.tone, self.palette()))
        r = self.height() * 0.3
        painter.drawEllipse(QPointF(self.width() / 2, self.height() / 2), r, r)
        painter.end()
