"""Helpers for driving the real PortWizard by objectName in tests (and the screenshot tool)."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QCheckBox, QRadioButton, QWidget, QWizard,
)

from portwizard.flow import Step

WAIT = 15_000  # ms: generous upper bound for any wait (sandbox on loopback, PDF workers)


def wizard_with_a_number(qtbot, services, *, closing: str = "keep"):
    """A shown wizard with one number added (an order worth keeping) whose close question
    answers ``closing``."""
    from portwizard.gui.wizard import PortWizard

    wiz = PortWizard(services=services)
    qtbot.addWidget(wiz)
    wiz.show()
    type_into(wiz, Step.NUMBERS, "numbers", "(212) 555-0123")
    click(wiz, Step.NUMBERS, "add_numbers")
    wiz.ask_close = lambda: closing
    return wiz


def widget(wiz, step: Step, name: str) -> QWidget:
    """The widget named ``name`` (a field path for inputs) on the page of ``step``."""
    w = wiz.page_for(step).findChild(QWidget, name)
    assert w is not None, f"no widget {name!r} on the {step.value} page"
    return w


def type_into(wiz, step: Step, name: str, text: str, *, clear: bool = True) -> QWidget:
    w = widget(wiz, step, name)
    w.setFocus()
    if clear:
        QTest.keyClick(w, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(w, Qt.Key.Key_Delete)
    for i, line in enumerate(text.split("\n")):  # QTest cannot type "\n" as a character
        if i:
            QTest.keyClick(w, Qt.Key.Key_Return)
        QTest.keyClicks(w, line)
    return w


def click(wiz, step: Step, name: str) -> None:
    w = widget(wiz, step, name)
    assert isinstance(w, QAbstractButton), name
    if isinstance(w, (QCheckBox, QRadioButton)):  # click the indicator, not empty space
        QTest.mouseClick(w, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(8, w.height() // 2))
    else:
        QTest.mouseClick(w, Qt.MouseButton.LeftButton)


def choose(wiz, step: Step, name: str, data: str) -> None:
    """Pick the combo entry whose data is ``data`` with the keyboard-equivalent API."""
    combo = widget(wiz, step, name)
    index = combo.findData(data)
    assert index >= 0, (name, data)
    combo.setFocus()
    combo.setCurrentIndex(index)


def next_button(wiz) -> QAbstractButton:
    return wiz.button(QWizard.WizardButton.NextButton)


def settle(wiz, qtbot) -> None:
    """Let debounced validation run (the binder waits 150 ms after the last keystroke)."""
    wiz.page_for(wiz.current_step()).binder.flush()
    qtbot.wait(10)


def go_next(wiz, qtbot, expected: Step) -> None:
    settle(wiz, qtbot)
    qtbot.waitUntil(lambda: next_button(wiz).isEnabled(), timeout=WAIT)
    QTest.mouseClick(next_button(wiz), Qt.MouseButton.LeftButton)
    assert wiz.current_step() is expected, (wiz.current_step(), expected)


def draw_signature(pad) -> None:
    pts = [(20, 60), (40, 30), (60, 80), (80, 35), (100, 75), (130, 40), (160, 70), (190, 50)]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*pts[0]))
    for x, y in pts[1:]:
        QTest.mouseMove(pad, QPoint(x, y))
        QApplication.processEvents()
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*pts[-1]))


def make_invoice(folder: Path, *, customer="Acme Dental", account="123456789",
                 number="(212) 555-0123", street="100 N Main St, New York, NY 10001") -> Path:
    """A realistic one-page bill (reportlab) that the document check can read."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    path = folder / "latest-bill.pdf"
    folder.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    today = _dt.date.today() - _dt.timedelta(days=5)
    lines = ["Verizon Wireless - Monthly statement", f"Bill date: {today:%B %d, %Y}",
             f"Account name: {customer}", f"Account number: {account}",
             f"Service address: {street}", f"Mobile number: {number}", "Total due: $42.17"]
    y = 720
    for line in lines:
        c.drawString(72, y, line)
        y -= 18
    c.showPage()
    c.save()
    return path
