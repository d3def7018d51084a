"""Dark mode: colours on the wizard pages come from the palette or from theme.tone_color,
which keeps WCAG AA contrast (4.5:1) in light and dark palettes; the signature pad's ink is
visible on a dark pad while the exported signature stays dark ink on transparent."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from portwizard.flow import Step
from portwizard.gui import theme
from portwizard.gui.wizard import PortWizard
from palettes import dark_palette, light_palette
from wizard_kit import WAIT, widget

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
NAMED = re.compile(r"color:\s*(?!palette\()[a-zA-Z]|rgba?\(|GlobalColor\.(?!transparent)")


@pytest.fixture
def dark(qapp):
    before = QPalette(qapp.palette())
    qapp.setPalette(dark_palette())
    yield qapp.palette()
    qapp.setPalette(before)


# --------------------------------------------------------------------------- theme.py


def test_contrast_ratio_is_the_wcag_one():
    black, white = QColor("#000000"), QColor("#ffffff")
    assert theme.contrast_ratio(black, white) == pytest.approx(21.0)
    assert theme.contrast_ratio(white, black) == pytest.approx(21.0)
    assert theme.contrast_ratio(white, white) == pytest.approx(1.0)
    assert theme.contrast_ratio(QColor("#767676"), white) == pytest.approx(4.54, abs=0.01)


def test_is_dark():
    assert theme.is_dark(dark_palette()) and not theme.is_dark(light_palette())


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
@pytest.mark.parametrize("tone", theme.TONES)
def test_every_tone_is_readable_on_window_and_base(palette, tone):
    p = palette()
    color = theme.tone_color(tone, p)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        assert theme.contrast_ratio(color, p.color(role)) >= theme.AA, (tone, role)


def test_a_tone_is_still_readable_on_an_odd_mid_grey_palette():
    p = QPalette()
    p.setColor(QPalette.ColorRole.Window, QColor("#8a8a8a"))
    p.setColor(QPalette.ColorRole.Base, QColor("#8a8a8a"))
    p.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
    for tone in theme.TONES:
        assert theme.contrast_ratio(theme.tone_color(tone, p), QColor("#8a8a8a")) >= theme.AA


def test_unknown_tone_is_refused():
    with pytest.raises(ValueError):
        theme.tone_color("loud")


# --------------------------------------------------------------------------- the pages


def test_no_colour_is_written_into_the_pages_or_the_signature_pad():
    files = [*sorted(p for p in (ROOT / "portwizard/gui/pages").glob("*.py")
                     if p.name != "submit.py"),  # (the submit page is done separately)
             ROOT / "portwizard/gui/widgets/signature_pad.py", ROOT / "portwizard/gui/binding.py"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not HEX.search(text), f"{path.name}: a hard-coded colour; use theme.tone_color"
        assert not NAMED.search(text), f"{path.name}: a colour by name; use theme or palette()"
        assert "QColor(" not in text.replace("QColor(18, 28, 64)", ""), path.name  # (the PNG's ink)


def readable_in(label: QLabel, background: QColor) -> None:
    """Every colour of a label (its text colour and the colours in its rich text) reaches AA."""
    colors = [QColor(c) for c in HEX.findall(label.text())]
    colors.append(label.palette().color(QPalette.ColorRole.WindowText))
    for color in colors:
        assert theme.contrast_ratio(color, background) >= theme.AA, (
            label.objectName(), color.name(), background.name())


def open_wizard(qtbot, order) -> PortWizard:
    wiz = PortWizard(order)
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    return wiz


def test_field_messages_are_readable_in_a_dark_palette(qtbot, tmp_path, dark):
    from orderkit import valid_order
    from wizard_kit import settle, type_into

    wiz = open_wizard(qtbot, valid_order(tmp_path / "docs"))
    assert wiz.goto_step(Step.ACCOUNT)
    type_into(wiz, Step.ACCOUNT, "carrier.btn", "212555")  # an error under the field
    type_into(wiz, Step.ACCOUNT, "carrier.customer_name", "Acme Family Dental Practice of Springfield")
    settle(wiz, qtbot)
    page = wiz.page_for(Step.ACCOUNT)
    window = page.palette().color(QPalette.ColorRole.Window)
    messages = [m for m in page.findChildren(QLabel) if m.isVisible() and HEX.search(m.text())]
    assert len(messages) >= 2  # an error and a warning
    for label in [*messages, page.hint]:
        readable_in(label, window)


def test_review_page_is_readable_in_a_dark_palette(qtbot, tmp_path, dark):
    from orderkit import valid_order

    order = valid_order(tmp_path / "docs")
    order.contact.email = order.contact.phone = ""  # an error in the checklist
    wiz = open_wizard(qtbot, order)
    assert wiz.goto_step(Step.REVIEW)
    page = wiz.page_for(Step.REVIEW)
    qtbot.waitUntil(lambda: page.full is not None, timeout=WAIT)
    window = page.palette().color(QPalette.ColorRole.Window)
    assert "✖" in page.ui.checklist.text()
    for name in ("checklist", "summary", "foc_note", "contact_intro"):
        readable_in(widget(wiz, Step.REVIEW, name), window)
    readable_in(page.hint, window)
    # the greyed-out (weekend, holiday) dates of the calendar are the palette's own
    edit = widget(wiz, Step.REVIEW, "requested_foc_date")
    first = page.allowed[0]
    saturday = next(first.fromordinal(first.toordinal() + i) for i in range(7)
                    if first.fromordinal(first.toordinal() + i).weekday() == 5)
    from PySide6.QtCore import QDate

    fmt = edit.calendarWidget().dateTextFormat(QDate(saturday.year, saturday.month, saturday.day))
    assert fmt.fontStrikeOut()
    assert fmt.foreground().color() == edit.calendarWidget().palette().color(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


def test_toned_text_follows_a_switch_to_dark_and_back(qtbot, qapp):
    wiz = PortWizard()
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    hint = wiz.page_for(Step.NUMBERS).hint
    light = hint.palette().color(QPalette.ColorRole.WindowText)
    before = QPalette(qapp.palette())
    try:
        qapp.setPalette(dark_palette())
        dark_text = hint.palette().color(QPalette.ColorRole.WindowText)
        assert theme.contrast_ratio(dark_text, QColor("#202124")) >= theme.AA
        assert dark_text != light
    finally:
        qapp.setPalette(before)
    assert hint.palette().color(QPalette.ColorRole.WindowText) == light


# --------------------------------------------------------------------------- signature pad


def test_ink_is_visible_on_a_dark_pad_and_the_png_stays_dark(qtbot, dark):
    from portwizard.gui.widgets.signature_pad import INK, SignaturePad
    from wizard_kit import draw_signature

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(320, 140)
    pad.show()
    draw_signature(pad)
    base = pad.palette().color(QPalette.ColorRole.Base)
    assert theme.is_dark(pad.palette())
    assert theme.contrast_ratio(pad.screen_ink(), base) >= theme.AA
    shot = pad.grab().toImage()
    inked = [QColor(shot.pixel(x, y)) for x in range(0, shot.width(), 2)
             for y in range(0, shot.height(), 2)]
    assert max(theme.contrast_ratio(c, base) for c in inked) >= theme.AA  # ink pixels show

    png = QImage.fromData(pad.to_png_bytes())
    opaque = [QColor.fromRgba(png.pixel(x, y)) for x in range(png.width())
              for y in range(png.height())]
    ink = [c for c in opaque if c.alpha() > 200]
    assert ink and all(c.lightness() < 80 for c in ink)  # dark ink for the printed letter
    assert QColor.fromRgba(png.pixel(0, 0)).alpha() == 0  # on transparent
    assert pad.screen_ink() != INK


def test_dark_ink_on_a_light_pad(qtbot):
    from portwizard.gui.widgets.signature_pad import INK, SignaturePad

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.setPalette(light_palette())
    assert pad.screen_ink() == INK
    assert QApplication.instance() is not None
