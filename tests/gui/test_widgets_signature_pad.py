"""SignaturePad: mouse strokes, clear by keyboard, transparent cropped PNG at 2x."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from portwizard.gui.widgets.signature_pad import EXPORT_SCALE, SignaturePad

pytestmark = pytest.mark.gui


@pytest.fixture
def pad(qtbot):
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(400, 150)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def draw_stroke(pad, points):
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(*points[-1]))


ZIGZAG = [(60, 100), (80, 70), (100, 105), (130, 60), (160, 100), (200, 80), (240, 95)]


def test_empty_then_draw_then_not_empty(pad, qtbot):
    assert pad.is_empty()
    assert pad.to_png_bytes() == b""
    with qtbot.waitSignal(pad.changed, timeout=1000):
        draw_stroke(pad, ZIGZAG)
    assert not pad.is_empty()
    assert pad.stroke_count() == 1


def test_png_is_transparent_cropped_and_dark(pad):
    draw_stroke(pad, ZIGZAG)
    data = pad.to_png_bytes()
    assert data.startswith(b"\x89PNG")
    image = QImage.fromData(data)
    assert not image.isNull()
    assert image.hasAlphaChannel()
    # Cropped to the ink (x 60..240, y 60..105) plus a small margin, at twice the size.
    assert 180 * EXPORT_SCALE <= image.width() <= (180 + 30) * EXPORT_SCALE
    assert 45 * EXPORT_SCALE <= image.height() <= (45 + 30) * EXPORT_SCALE
    for x, y in [(0, 0), (image.width() - 1, 0), (0, image.height() - 1),
                 (image.width() - 1, image.height() - 1)]:
        assert image.pixelColor(x, y).alpha() == 0, (x, y)
    dark = 0
    for y in range(image.height()):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if c.alpha() > 200 and c.lightness() < 80:
                dark += 1
    assert dark > 100


def test_single_click_makes_a_dot(pad):
    QTest.mouseClick(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(150, 90))
    assert not pad.is_empty()
    assert QImage.fromData(pad.to_png_bytes()).width() > 0


def test_clear_by_keyboard_and_button(pad, qtbot):
    draw_stroke(pad, ZIGZAG)
    pad.setFocus()
    qtbot.waitUntil(pad.hasFocus, timeout=1000)
    with qtbot.waitSignal(pad.changed, timeout=1000):
        QTest.keyClick(pad, Qt.Key.Key_Delete)
    assert pad.is_empty()

    draw_stroke(pad, ZIGZAG)
    button = pad.findChild(type(pad._clear_button), "signature_pad.clear")
    assert button.isEnabled() and button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert button.accessibleName() == "Clear signature"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert pad.is_empty()
    assert not button.isEnabled()


def test_undo_removes_last_stroke(pad):
    draw_stroke(pad, ZIGZAG)
    draw_stroke(pad, [(260, 90), (300, 70), (340, 95)])
    assert pad.stroke_count() == 2
    pad.setFocus()
    QTest.keyClick(pad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert pad.stroke_count() == 1


def test_touch_draws_a_stroke(pad, qtbot):
    device = QTest.createTouchDevice()
    with qtbot.waitSignal(pad.changed, timeout=1000):
        QTest.touchEvent(pad, device).press(0, QPoint(50, 80)).commit()
        for x in range(60, 200, 10):
            QTest.touchEvent(pad, device).move(0, QPoint(x, 80 + x % 30)).commit()
        QTest.touchEvent(pad, device).release(0, QPoint(200, 90)).commit()
    assert pad.stroke_count() == 1
    assert len(pad._strokes[0].points) >= 10


def test_pen_pressure_stroke(pad):
    pen = QPointingDevice("test pen", 4242, QInputDevice.DeviceType.Stylus,
                          QPointingDevice.PointerType.Pen,
                          QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
                          1, 2)

    def tablet(kind, pos, pressure):
        event = QTabletEvent(kind, pen, QPointF(pos), QPointF(pad.mapToGlobal(pos)), pressure,
                             0.0, 0.0, 0.0, 0.0, 0.0, Qt.KeyboardModifier.NoModifier,
                             Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)
        QApplication.sendEvent(pad, event)
        return event.isAccepted()

    assert tablet(QTabletEvent.Type.TabletPress, QPoint(50, 90), 0.2)
    for i, x in enumerate(range(60, 300, 12)):
        tablet(QTabletEvent.Type.TabletMove, QPoint(x, 90 + (i % 3) * 6), 0.2 + (i % 5) * 0.18)
    tablet(QTabletEvent.Type.TabletRelease, QPoint(310, 92), 0.9)
    assert pad.stroke_count() == 1
    assert pad._strokes[0].pressure_varies  # drawn piecewise with varying width
    image = QImage.fromData(pad.to_png_bytes())
    assert image.width() > 250 * EXPORT_SCALE
    assert pad.grab().width() == 400  # paints without error


def test_accessible_and_focusable(pad):
    assert pad.accessibleName() == "Signature pad"
    assert "Delete" in pad.accessibleDescription()
    assert pad.focusPolicy() == Qt.FocusPolicy.StrongFocus
