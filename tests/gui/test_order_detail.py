"""OrderDetailView: one order on the dashboard (rejection and its fix, port date and
checklist, comments that work offline, the provider's id, documents, late loads)."""
from __future__ import annotations

import datetime as _dt
import os
import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
)

from orderkit import valid_order
from palettes import dark_palette
from portwizard.gui.dashboard import detail as detail_module
from portwizard.gui.dashboard.detail import (
    EMPTY_COMMENT, LOADING, MISSING_FILE, PLACEHOLDER, OrderDetailView, port_date_text,
)

pytestmark = pytest.mark.gui

REMOTE_ID = "SBX-ORD-TEST-0042"





def _view(qtbot, app) -> OrderDetailView:
    view = OrderDetailView(app)
    qtbot.addWidget(view)
    view.resize(720, 900)
    view.show()
    return view


def _show(qtbot, view, order_id) -> None:
    with qtbot.waitSignal(view.loaded, timeout=5000) as blocker:
        view.show_order(order_id)
    assert blocker.args == [order_id]


def _rejected(app, folder: Path) -> str:
    order_id = app.store.add_order(valid_order(folder), app.endpoint)
    app.store.append_history(order_id, "submitted", "local", "Sent to the provider",
                             at="2026-11-02T14:05:00.000Z")
    app.store.append_history(order_id, "rejected", "endpoint", "Passcode invalid",
                             at="2026-11-04T09:30:00.000Z")
    app.store.update_order(order_id, status="rejected", remote_id=REMOTE_ID,
                           rejection_code="wrong_pin", rejection_text="Passcode invalid",
                           remote_state={"comments": [
                               {"at": "2026-11-04T09:31:00.000Z", "author": "provider",
                                "text": "The losing carrier says the passcode is not right."}],
                               "numbers": [{"number": "+12125550123", "status": "rejected"}]})
    return order_id


def _foc_confirmed(app, folder: Path, days: int = 12) -> str:
    order_id = app.store.add_order(valid_order(folder, customer="Baker Law"), app.endpoint)
    foc = (_dt.date.today() + _dt.timedelta(days=days)).isoformat()
    app.store.append_history(order_id, "foc_confirmed", "endpoint", f"Port date {foc}")
    app.store.update_order(order_id, status="foc_confirmed", remote_id=REMOTE_ID + "-B",
                           foc_date=foc)
    return order_id


def _texts(view, cls=QLabel) -> list[str]:
    return [w.text() for w in view.findChildren(cls) if w.isVisibleTo(view)]


# --------------------------------------------------------------------------- tests

def test_nothing_selected_shows_a_plain_placeholder(qtbot, app):
    view = _view(qtbot, app)
    assert view.findChild(QLabel, "detail.message").text() == PLACEHOLDER
    view.show_order(None)
    assert view.current_order_id() is None and view.detail() is None
    assert view.findChild(QLabel, "detail.message").isVisible()


def test_rejected_order_shows_the_reason_and_fix_asks_the_window(qtbot, app, tmp_path):
    order_id = _rejected(app, tmp_path / "docs")
    view = _view(qtbot, app)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.show_order(order_id)
        assert view.findChild(QLabel, "detail.message").text() == LOADING

    assert view.current_order_id() == order_id
    assert view.detail().record.id == order_id
    box = view.findChild(object, "detail.rejection")
    assert box.isVisible()
    assert view.findChild(QLabel, "detail.reason_title").text() == "PIN or passcode is wrong"
    assert view.findChild(QLabel, "detail.reason_fix").text().startswith("How to fix it: ")
    assert "Passcode invalid" in view.findChild(QLabel, "detail.provider_words").text()
    assert view.findChild(QLabel, "detail.status").text() == view.detail().status_label
    # the next step is the box (the same words laid out), not a second copy above it
    assert not view.findChild(QLabel, "detail.next_action").isVisible()
    assert "PIN or transfer PIN" in view.findChild(QLabel, "detail.reason_fields").text()
    assert not view.findChild(object, "detail.checklist").isVisible()

    fix = view.findChild(QPushButton, "detail.fix")
    assert fix.isVisible() and fix.isEnabled()
    with qtbot.waitSignal(view.fixRequested, timeout=1000) as blocker:
        fix.click()
    assert blocker.args == [order_id]

    # history newest first, with who said it; the provider's comment is in the thread
    first = view.findChild(QLabel, "detail.timeline.0").text()
    second = view.findChild(QLabel, "detail.timeline.1").text()
    assert "provider" in first and "Passcode invalid" in first
    assert "this computer" in second
    assert "Nov 4, 2026" in first or "Nov 3, 2026" in first  # local time of 09:30 UTC
    heads = [w.text() for w in view.findChildren(QLabel) if re.fullmatch(
        r"detail\.comment\.\d+\.head", w.objectName())]
    assert heads and heads[0].startswith("Provider")
    numbers = view.findChild(object, "detail.numbers")
    assert numbers.rowCount() == 1 and numbers.item(0, 0).text() == "(212) 555-0123"


def test_foc_confirmed_order_shows_the_countdown_and_the_checklist(qtbot, app, tmp_path):
    order_id = _foc_confirmed(app, tmp_path / "docs")
    view = _view(qtbot, app)
    _show(qtbot, view, order_id)
    foc = view.findChild(QLabel, "detail.foc")
    assert foc.isVisible()
    assert re.fullmatch(r"Numbers move on \w{3}, \w{3} \d{1,2}, \d{4} \(in \d+ business days\)",
                        foc.text()), foc.text()
    checklist = view.findChild(object, "detail.checklist")
    assert checklist.isVisible()
    boxes = [view.findChild(QAbstractButton, f"detail.checklist.{i}") for i in range(4)]
    assert all(b is not None and b.isVisible() and not b.isChecked() for b in boxes)
    assert len(view.detail().checklist) == 4
    boxes[0].click()
    assert boxes[0].isChecked()
    words = boxes[1].parentWidget().findChild(QLabel)  # the wrapped words toggle it too
    QTest.mouseClick(words, Qt.MouseButton.LeftButton)
    assert boxes[1].isChecked()
    assert not view.findChild(object, "detail.rejection").isVisible()
    fix = view.findChild(QPushButton, "detail.fix")
    assert not fix.isVisible()
    next_action = view.findChild(QLabel, "detail.next_action")
    assert next_action.isVisible() and next_action.text() == view.detail().next_action
    assert view.findChild(QPushButton, "detail.cancel").isEnabled() == view.detail().can_cancel


def test_actions_ask_the_window_and_follow_what_the_order_allows(qtbot, app, tmp_path):
    rejected = _rejected(app, tmp_path / "a")
    done = app.store.add_order(valid_order(tmp_path / "b", customer="Corner Shop"), app.endpoint)
    app.store.update_order(done, status="completed", remote_id="SBX-ORD-TEST-0099",
                           foc_date="2026-01-05")
    view = _view(qtbot, app)
    _show(qtbot, view, rejected)
    for name, signal in (("detail.cancel", view.cancelRequested),
                         ("detail.duplicate", view.duplicateRequested),
                         ("detail.export", view.exportRequested)):
        with qtbot.waitSignal(signal, timeout=1000) as blocker:
            view.findChild(QPushButton, name).click()
        assert blocker.args == [rejected]

    _show(qtbot, view, done)
    assert not view.detail().can_cancel and not view.detail().can_resubmit
    assert not view.findChild(QPushButton, "detail.cancel").isEnabled()
    assert view.findChild(QPushButton, "detail.duplicate").isEnabled()
    assert not view.findChild(object, "detail.rejection").isVisible()
    assert view.findChild(QLabel, "detail.foc").text().startswith("Port date was Mon, Jan 5, 2026")


def test_port_date_wording():
    assert port_date_text("2026-12-14", "in 3 business days") == \
        "Numbers move on Mon, Dec 14, 2026 (in 3 business days)"
    assert port_date_text("2026-12-14", "2 days ago") == "Port date was Mon, Dec 14, 2026 (2 days ago)"
    assert port_date_text(None, "") == ""


@pytest.mark.http
def test_comment_added_offline_waits_and_the_box_is_cleared(qtbot, offline_app, tmp_path):
    app = offline_app
    order_id = app.store.add_order(valid_order(tmp_path / "docs"), app.endpoint)
    app.store.update_order(order_id, status="submitted", remote_id=REMOTE_ID)
    view = _view(qtbot, app)
    _show(qtbot, view, order_id)

    text_box = view.findChild(QPlainTextEdit, "detail.comment_text")
    text_box.setPlainText("Please call the office before noon.")
    with qtbot.waitSignal(view.changed, timeout=10000) as changed, \
            qtbot.waitSignal(view.loaded, timeout=10000):
        view.findChild(QPushButton, "detail.add_comment").click()
    assert changed.args == [order_id]
    assert text_box.toPlainText() == ""
    message = view.findChild(QLabel, "detail.comment_message").text()
    assert "when the provider can be reached" in message
    pending = [c for c in view.detail().comments if c.pending]
    assert [c.text for c in pending] == ["Please call the office before noon."]
    heads = [w.text() for w in view.findChildren(QLabel) if re.fullmatch(
        r"detail\.comment\.\d+\.head", w.objectName())]
    assert any("waiting to be sent" in h for h in heads)


def test_empty_comment_says_so_and_loses_nothing(qtbot, app, tmp_path):
    order_id = _rejected(app, tmp_path / "docs")
    view = _view(qtbot, app)
    _show(qtbot, view, order_id)
    text_box = view.findChild(QPlainTextEdit, "detail.comment_text")
    text_box.setPlainText("   \n ")
    view.findChild(QPushButton, "detail.add_comment").click()
    assert view.findChild(QLabel, "detail.comment_message").text() == EMPTY_COMMENT
    assert text_box.toPlainText() == "   \n "


class _Failing:
    """An App whose comment() raises: the text must stay in the box."""

    def __init__(self, app):
        self._app = app

    def order_detail(self, order_id):
        return self._app.order_detail(order_id)

    def comment(self, order_id, text):
        raise RuntimeError("disk full")


def test_comment_that_cannot_be_saved_keeps_the_text(qtbot, app, tmp_path):
    order_id = _rejected(app, tmp_path / "docs")
    view = _view(qtbot, _Failing(app))
    _show(qtbot, view, order_id)
    text_box = view.findChild(QPlainTextEdit, "detail.comment_text")
    text_box.setPlainText("Is the new PIN fine?")
    button = view.findChild(QPushButton, "detail.add_comment")
    button.click()
    message = view.findChild(QLabel, "detail.comment_message")
    qtbot.waitUntil(lambda: "still in the box" in message.text(), timeout=5000)
    assert text_box.toPlainText() == "Is the new PIN fine?"
    assert button.isEnabled() and not text_box.isReadOnly()


def test_typed_comment_stays_with_its_order(qtbot, app, tmp_path):
    first = _rejected(app, tmp_path / "a")
    second = _foc_confirmed(app, tmp_path / "b")
    view = _view(qtbot, app)
    _show(qtbot, view, first)
    text_box = view.findChild(QPlainTextEdit, "detail.comment_text")
    text_box.setPlainText("half a thought")
    _show(qtbot, view, second)
    assert text_box.toPlainText() == ""
    _show(qtbot, view, first)
    assert text_box.toPlainText() == "half a thought"


def test_copy_puts_the_providers_id_on_the_clipboard(qtbot, app, tmp_path):
    order_id = _rejected(app, tmp_path / "docs")
    view = _view(qtbot, app)
    _show(qtbot, view, order_id)
    field = view.findChild(QLineEdit, "detail.remote_id")
    assert field.text() == REMOTE_ID and field.isReadOnly()
    QGuiApplication.clipboard().setText("something else")
    view.findChild(QPushButton, "detail.copy_remote_id").click()
    assert QGuiApplication.clipboard().text() == REMOTE_ID
    assert view.findChild(QLabel, "detail.copied").text() == "Copied."
    assert order_id in view.findChild(QLabel, "detail.local_id").text()


def test_order_not_sent_yet_has_no_provider_id_to_copy(qtbot, app, tmp_path):
    order_id = app.store.add_order(valid_order(tmp_path / "docs"), app.endpoint)
    view = _view(qtbot, app)
    _show(qtbot, view, order_id)
    assert not view.findChild(QPushButton, "detail.copy_remote_id").isEnabled()
    assert view.findChild(QLabel, "detail.no_remote_id").isVisible()
    assert not view.findChild(QLabel, "detail.foc").isVisible()


def test_documents_open_in_a_preview_and_a_missing_one_says_so(qtbot, app, tmp_path):
    order_id = _rejected(app, tmp_path / "docs")
    (tmp_path / "docs" / "invoice.pdf").unlink()
    view = _view(qtbot, app)
    _show(qtbot, view, order_id)
    missing = view.findChild(QLabel, "detail.document.invoice.missing")
    assert missing is not None and missing.text() == MISSING_FILE
    assert view.findChild(QPushButton, "detail.open_document.invoice") is None
    assert "invoice.pdf" in view.findChild(QLabel, "detail.document.invoice").text()

    open_loa = view.findChild(QPushButton, "detail.open_document.loa")
    assert open_loa is not None and open_loa.accessibleName()
    assert view.preview_dialog() is None
    open_loa.click()
    dialog = view.preview_dialog()
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    qtbot.waitUntil(lambda: dialog.preview.page_count() == 1, timeout=5000)
    assert "loa-signed.pdf" in dialog.windowTitle()
    dialog.close()


class _Slow:
    """An App whose order_detail for one order waits until the test lets it go."""

    def __init__(self, app, slow_id):
        self._app = app
        self.slow_id = slow_id
        self.release = threading.Event()

    def order_detail(self, order_id):
        if order_id == self.slow_id:
            assert self.release.wait(10)
        return self._app.order_detail(order_id)


def test_late_result_of_an_earlier_order_is_ignored(qtbot, app, tmp_path, monkeypatch):
    slow = _rejected(app, tmp_path / "a")
    fast = _foc_confirmed(app, tmp_path / "b")
    handles = []

    def recording_run_task(*args, **kwargs):
        handle = detail_module.__dict__["_real_run_task"](*args, **kwargs)
        handles.append(handle)
        return handle

    monkeypatch.setitem(detail_module.__dict__, "_real_run_task", detail_module.run_task)
    monkeypatch.setattr(detail_module, "run_task", recording_run_task)
    source = _Slow(app, slow)
    view = _view(qtbot, source)
    view.show_order(slow)
    _show(qtbot, view, fast)
    seen = []
    view.loaded.connect(seen.append)
    with qtbot.waitSignal(handles[0].finished, timeout=5000):
        source.release.set()
    assert seen == []
    assert view.current_order_id() == fast and view.detail().record.id == fast
    assert view.findChild(object, "detail.checklist").isVisible()
    assert not view.findChild(object, "detail.rejection").isVisible()


def test_buttons_have_names_and_mnemonics_that_do_not_clash(qtbot, app, tmp_path):
    order_id = _rejected(app, tmp_path / "docs")
    view = _view(qtbot, app)
    _show(qtbot, view, order_id)
    letters = []
    for widget in view.findChildren(QAbstractButton) + view.findChildren(QLabel):
        if isinstance(widget, QAbstractButton) and not widget.objectName().startswith("qt_"):
            assert widget.objectName().startswith("detail."), widget.text()
            assert widget.accessibleName(), widget.objectName()
        found = re.findall(r"(?<!&)&([^&\s])", widget.text())
        letters += [ch.casefold() for ch in found]
    assert len(letters) == len(set(letters)), letters
    # the window around it: menus File, Orders, View, Help (and E, S kept free); quick
    # filters All, Unfinished, aTtention, In progress, Done; New order; Search
    assert not set(letters) & set("fohves" "autidn"), letters
    assert {"r", "c", "m", "w", "y", "l", "p"} <= set(letters)


def test_a_narrow_pane_wraps_instead_of_scrolling_sideways(qtbot, app, tmp_path):
    order_id = _rejected(app, tmp_path / "docs")
    view = _view(qtbot, app)
    view.resize(340, 600)
    _show(qtbot, view, order_id)
    qtbot.wait(10)
    scroll = view.findChild(object, "detail.scroll")
    assert not scroll.horizontalScrollBar().isVisible()
    assert scroll.verticalScrollBar().isVisible()
    body = view.findChild(object, "detail.body")
    assert body.height() == body.heightForWidth(body.width())  # no blank page to scroll into
    for name in ("detail.cancel", "detail.duplicate", "detail.export", "detail.fix"):
        button = view.findChild(QPushButton, name)
        assert button.mapTo(body, button.rect().bottomRight()).x() <= body.width()


def test_status_colours_are_the_themes_and_follow_the_palette():
    from portwizard.domain.status import Tone
    from portwizard.gui import theme

    for palette in (QPalette(QColor("#f0f0f0")), dark_palette()):
        window = palette.color(QPalette.ColorRole.Window)
        for tone in Tone:
            color = detail_module.status_color(tone, palette)
            assert theme.contrast_ratio(color, window) >= 3.0, (tone, color.name())
    assert detail_module.status_color(Tone.BAD, dark_palette()) != \
        detail_module.status_color(Tone.BAD, QPalette(QColor("#f0f0f0")))


def test_screenshots_light_and_dark(qtbot, app, tmp_path):
    """Grabs for a person to look at (PORTWIZARD_SHOTS=/tmp/shots keeps them)."""
    folder = Path(os.environ.get("PORTWIZARD_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    orders = {"rejected": _rejected(app, tmp_path / "a"),
              "foc": _foc_confirmed(app, tmp_path / "b")}
    (tmp_path / "a" / "invoice.pdf").unlink()  # one missing document in the picture
    view = _view(qtbot, app)
    view.resize(640, 1100)
    previous = QApplication.palette()
    try:
        for scheme, palette in (("light", QPalette(QColor("#efefef"))), ("dark", dark_palette())):
            QApplication.setPalette(palette)
            for name, order_id in orders.items():
                _show(qtbot, view, order_id)
                qtbot.wait(20)
                body = view.findChild(object, "detail.body")
                image = body.grab()
                assert not image.isNull()
                assert image.save(str(folder / f"detail-{name}-{scheme}.png"))
    finally:
        QApplication.setPalette(previous)


def test_a_provider_without_notes_gets_no_comment_box(qtbot, app, tmp_path):
    """Twilio's porting API takes no notes: a comment typed here could only fail later."""
    order_id = app.store.add_order(valid_order(tmp_path / "docs"), "https://twilio.test")
    app.store.update_order(order_id, status="awaiting_signature", remote_id="KW1",
                           provider="twilio")
    view = _view(qtbot, app)
    _show(qtbot, view, order_id)
    assert not view.findChild(QPlainTextEdit, "detail.comment_text").isVisible()
    assert not view.findChild(QPushButton, "detail.add_comment").isVisible()
    note = view.findChild(QLabel, "detail.comments_unsupported")
    assert note.isVisible() and "Twilio" in note.text()
    other = app.store.add_order(valid_order(tmp_path / "docs2"), "sandbox")
    app.store.update_order(other, status="submitted", remote_id="PO-9")
    _show(qtbot, view, other)
    assert view.findChild(QPlainTextEdit, "detail.comment_text").isVisible()
    assert not note.isVisible()
