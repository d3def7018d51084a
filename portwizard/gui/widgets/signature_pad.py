"""An on-screen signature pad: sign with a mouse, a pen (tablet) or a finger.

Strokes are kept as point lists in widget coordinates and drawn as smoothed paths
(quadratic curves through the mid-points of consecutive samples), so a shaky mouse still
gives a clean line. With a pen the line gets thicker with pressure.

``to_png_bytes()`` exports only the ink: a transparent PNG cropped to the strokes with a
small margin, rendered at twice the on-screen resolution so the signature stays crisp on
the printed Letter of Authorization.

Keyboard: the pad takes focus; Delete or Backspace clears it, Ctrl+Z removes the last
stroke, and the "Clear" button in its corner is reachable with Tab.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction, QColor, QFont, QImage, QKeySequence, QPainter, QPainterPath, QPalette, QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from portwizard.gui import theme

INK = QColor(18, 28, 64)  # dark blue-black: reads as "signed in ink" on paper (and in the PNG)
BASE_WIDTH = 2.4  # stroke width in device-independent pixels at normal pressure
EXPORT_SCALE = 2.0  # PNG pixels per on-screen pixel
EXPORT_MARGIN = 6.0  # on-screen pixels of empty space kept around the ink
MIN_STEP = 1.2  # ignore samples closer than this to the previous one (jitter)


@dataclass
class _Stroke:
    points: list[QPointF] = field(default_factory=list)
    pressures: list[float] = field(default_factory=list)  # 1.0 for mouse/touch

    def add(self, pos: QPointF, pressure: float) -> bool:
        if self.points:
            last = self.points[-1]
            if abs(last.x() - pos.x()) + abs(last.y() - pos.y()) < MIN_STEP:
                return False
        self.points.append(QPointF(pos))
        self.pressures.append(max(0.0, min(pressure, 1.0)))
        return True

    @property
    def pressure_varies(self) -> bool:
        return bool(self.pressures) and (max(self.pressures) - min(self.pressures)) > 0.05

    def bounds(self) -> QRectF:
        xs = [p.x() for p in self.points]
        ys = [p.y() for p in self.points]
        return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _width(pressure: float) -> float:
    """Pen width for a pressure in 0..1 (mouse and touch count as full pressure)."""
    return BASE_WIDTH * (0.4 + 0.6 * pressure)


def _mid(a: QPointF, b: QPointF) -> QPointF:
    return QPointF((a.x() + b.x()) / 2.0, (a.y() + b.y()) / 2.0)


def _smooth_path(points: list[QPointF]) -> QPainterPath:
    """A path through ``points`` using each sample as the control point of a quadratic
    curve between neighbouring mid-points (the classic midpoint smoothing)."""
    path = QPainterPath(points[0])
    if len(points) == 2:
        path.lineTo(points[1])
        return path
    for i in range(1, len(points) - 1):
        path.quadTo(points[i], _mid(points[i], points[i + 1]))
    path.lineTo(points[-1])
    return path


class SignaturePad(QWidget):
    """Signature input. Signals ``changed()`` after every finished stroke and on clear."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, hint: str = "Sign here") -> None:
        super().__init__(parent)
        self._strokes: list[_Stroke] = []
        self._current: _Stroke | None = None
        self._hint = hint
        self.setObjectName("signature_pad")
        self.setAccessibleName("Signature pad")
        self.setAccessibleDescription(
            "Draw your signature with the mouse, a pen or your finger. "
            "Press Delete to clear it and start again.")
        self.setToolTip("Sign with the mouse, a pen or your finger")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(260, 120)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)

        self.clear_action = QAction("Clear", self)
        self.clear_action.setShortcuts([QKeySequence(Qt.Key.Key_Delete),
                                        QKeySequence(Qt.Key.Key_Backspace)])
        self.clear_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.clear_action.setToolTip("Clear the signature (Delete)")
        self.clear_action.triggered.connect(self.clear)
        self.addAction(self.clear_action)

        self.undo_action = QAction("Undo last stroke", self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.undo_action.triggered.connect(self.undo)
        self.addAction(self.undo_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self._clear_button = QToolButton(self)
        self._clear_button.setObjectName("signature_pad.clear")
        self._clear_button.setDefaultAction(self.clear_action)
        self._clear_button.setAccessibleName("Clear signature")
        self._clear_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._clear_button.setCursor(Qt.CursorShape.ArrowCursor)
        self._sync_actions()

    # ------------------------------------------------------------------ public API
    def is_empty(self) -> bool:
        return not self._strokes

    def clear(self) -> None:
        had_ink = bool(self._strokes) or self._current is not None
        self._strokes.clear()
        self._current = None
        self._sync_actions()
        self.update()
        if had_ink:
            self.changed.emit()

    def undo(self) -> None:
        if self._strokes:
            self._strokes.pop()
            self._sync_actions()
            self.update()
            self.changed.emit()

    def stroke_count(self) -> int:
        return len(self._strokes)

    def ink_rect(self) -> QRectF:
        """Bounding box of the ink in widget coordinates, including the pen width."""
        rect = QRectF()
        for stroke in self._strokes:
            rect = rect.united(stroke.bounds()) if not rect.isNull() else stroke.bounds()
        pad = BASE_WIDTH / 2 + 1
        return rect.adjusted(-pad, -pad, pad, pad)

    def to_png_bytes(self) -> bytes:
        """The signature as a transparent PNG cropped to the ink (b"" when empty)."""
        if self.is_empty():
            return b""
        rect = self.ink_rect().adjusted(-EXPORT_MARGIN, -EXPORT_MARGIN,
                                        EXPORT_MARGIN, EXPORT_MARGIN)
        width = max(1, int(rect.width() * EXPORT_SCALE + 0.5))
        height = max(1, int(rect.height() * EXPORT_SCALE + 0.5))
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.scale(EXPORT_SCALE, EXPORT_SCALE)
            painter.translate(-rect.topLeft())
            self._paint_ink(painter, INK)  # the letter is paper: always dark ink
        finally:
            painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(460, 150)

    # ------------------------------------------------------------------ input
    def _begin(self, pos: QPointF, pressure: float = 1.0) -> None:
        self._current = _Stroke()
        self._current.add(pos, pressure)
        self.update()

    def _extend(self, pos: QPointF, pressure: float = 1.0) -> None:
        if self._current is not None and self._current.add(pos, pressure):
            self.update()

    def _end(self, pos: QPointF | None = None, pressure: float = 1.0) -> None:
        if self._current is None:
            return
        if pos is not None:
            self._current.add(pos, pressure)
        self._strokes.append(self._current)
        self._current = None
        self._sync_actions()
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._begin(event.position())
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._current is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self._current is not None:
            self._end(event.position())
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def tabletEvent(self, event) -> None:  # noqa: N802
        pressure = event.pressure() if event.pressure() > 0 else 1.0
        kind = event.type()
        if kind == event.Type.TabletPress:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._begin(event.position(), pressure)
        elif kind == event.Type.TabletMove:
            if self._current is not None:
                self._extend(event.position(), pressure)
        elif kind == event.Type.TabletRelease:
            self._end(event.position(), pressure)
        event.accept()  # no synthesized mouse events on top of the pen strokes

    def event(self, event) -> bool:  # noqa: D401 - Qt API
        kind = event.type()
        if kind in (event.Type.TouchBegin, event.Type.TouchUpdate, event.Type.TouchEnd,
                    event.Type.TouchCancel):
            points = event.points()
            if kind == event.Type.TouchCancel:
                self._current = None
                self.update()
            elif points:
                pos = points[0].position()
                if kind == event.Type.TouchBegin:
                    self._begin(pos)
                elif kind == event.Type.TouchUpdate:
                    if self._current is None:
                        self._begin(pos)
                    else:
                        self._extend(pos)
                else:
                    self._end(pos)
            event.accept()
            return True
        return super().event(event)

    # ------------------------------------------------------------------ painting
    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        hint = self._clear_button.sizeHint()
        self._clear_button.setGeometry(self.width() - hint.width() - 6, 6,
                                       hint.width(), hint.height())

    def _baseline_y(self) -> float:
        return self.height() * 0.72

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        palette = self.palette()
        border = palette.color(QPalette.ColorRole.Mid)
        if self.hasFocus():
            border = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(border, 1.5 if self.hasFocus() else 1.0))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.75, 0.75, -0.75, -0.75), 4, 4)

        # Baseline with the customary cross, and the hint while nothing is drawn.
        hint_color = palette.color(QPalette.ColorRole.PlaceholderText)
        y = self._baseline_y()
        left, right = 18.0, self.width() - 18.0
        painter.setPen(QPen(hint_color, 1.0))
        painter.drawLine(QPointF(left + 18, y), QPointF(right, y))
        font = QFont(self.font())
        font.setPointSizeF(max(9.0, font.pointSizeF() * 1.3))
        painter.setFont(font)
        painter.drawText(QRectF(left, y - 26, 18, 24),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, "\u00d7")
        if not self._strokes and self._current is None:
            painter.drawText(QRectF(left + 26, y - 40, right - left - 26, 36),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                             self._hint)
        self._paint_ink(painter, self.screen_ink())
        painter.end()

    def screen_ink(self) -> QColor:
        """The ink on screen: dark ink on a light pad; on a dark pad (dark mode) the palette's
        text colour, which is readable there by design. The exported PNG is always :data:`INK`."""
        palette = self.palette()
        if theme.contrast_ratio(INK, palette.color(QPalette.ColorRole.Base)) >= theme.AA:
            return INK
        return palette.color(QPalette.ColorRole.Text)

    def _paint_ink(self, painter: QPainter, ink: QColor) -> None:
        strokes = list(self._strokes)
        if self._current is not None and self._current.points:
            strokes.append(self._current)
        for stroke in strokes:
            self._paint_stroke(painter, stroke, ink)

    @staticmethod
    def _pen(width: float, ink: QColor) -> QPen:
        pen = QPen(ink, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _paint_stroke(self, painter: QPainter, stroke: _Stroke, ink: QColor) -> None:
        points = stroke.points
        if len(points) == 1:  # a dot (the i's, a full stop)
            radius = _width(stroke.pressures[0]) * 0.75
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ink)
            painter.drawEllipse(points[0], radius, radius)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            return
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if not stroke.pressure_varies:
            painter.setPen(self._pen(_width(stroke.pressures[0]), ink))
            painter.drawPath(_smooth_path(points))
            return
        # Pen with pressure: the same smoothing, one short curve per sample so each piece
        # can get its own width; round caps hide the joins.
        start = points[0]
        for i in range(1, len(points)):
            end = _mid(points[i], points[i + 1]) if i + 1 < len(points) else points[i]
            piece = QPainterPath(start)
            piece.quadTo(points[i], end)
            painter.setPen(self._pen(_width(stroke.pressures[i]), ink))
            painter.drawPath(piece)
            start = end

    def _sync_actions(self) -> None:
        empty = self.is_empty()
        self.clear_action.setEnabled(not empty)
        self.undo_action.setEnabled(not empty)
