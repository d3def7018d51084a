"""The data folder stops taking writes while the wizard is open (a full disk, a folder made
read-only): the main window's status bar and the wizard's closing message carry the store's
plain message (which folder, what to do, nothing typed is lost), the wizard keeps what was
typed, and the next change is saved once the folder takes writes again.

The errors are SQLite's own (``PRAGMA query_only`` on the store's connection answers as a
read-only file does), not a mock."""
from __future__ import annotations

import pytest

from portwizard.flow import Step
from portwizard.gui.dashboard.window import MainWindow
from wizard_kit import type_into

pytestmark = pytest.mark.gui


def set_read_only(store, on: bool) -> None:
    with store._lock:
        store._db.execute(f"PRAGMA query_only = {int(on)}")


@pytest.fixture
def win(qtbot, services):
    window = MainWindow(services, background=False, check_unfinished=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    set_read_only(services.store, False)
    window.controller.stop()


def test_the_window_and_the_wizard_say_it_plainly_and_keep_the_typing(qtbot, services, win):
    wizard = win.new_order()
    told = []  # the wizard's own message seams: nothing modal, even when the test fails
    wizard.tell = lambda title, text: told.append((title, text))
    wizard.ask_close = lambda: "keep"
    folder = str(services.store.path.parent)
    saver = win.sessions.autosaver
    set_read_only(services.store, True)

    type_into(wizard, Step.NUMBERS, "numbers", "(212) 555-0123")
    qtbot.waitUntil(lambda: "could not save" in win.statusBar().currentMessage(), timeout=5000)
    message = win.statusBar().currentMessage()
    assert folder in message and "it is read-only" in message
    assert message.startswith("portwizard could not save")  # the store's sentence, once
    assert "make the folder writable" in message and "not lost" in message
    assert "readonly database" not in message and "OperationalError" not in message
    assert services.store.latest_draft() is None

    # closing now cannot keep the draft: the wizard says why and stays open with the typing
    wizard.reject()
    assert wizard.isVisible()
    [(_title, text)] = told
    assert folder in text and "it is read-only" in text and "not lost" in text
    assert wizard.draft_order().numbers == ["+12125550123"]

    # the folder takes writes again: the next change is saved
    set_read_only(services.store, False)
    with qtbot.waitSignal(saver.saved, timeout=5000):
        type_into(wizard, Step.NUMBERS, "numbers", "(212) 555-0124", clear=False)
    draft = services.store.latest_draft()
    assert draft is not None
    assert services.store.load_draft(draft.id).numbers == wizard.draft_order().numbers
    assert "+12125550123" in wizard.draft_order().numbers
    wizard.reject()
    assert not wizard.isVisible()


def test_the_wizard_says_once_while_typing_that_changes_are_not_saved(qtbot, services, win):
    wizard = win.new_order()
    noticed = []  # the wizard's message seams: nothing modal, even when the test fails
    wizard.notify = lambda title, text: noticed.append((title, text))
    wizard.tell = lambda title, text: None
    wizard.ask_close = lambda: "keep"
    saver = win.sessions.autosaver
    set_read_only(services.store, True)

    type_into(wizard, Step.NUMBERS, "numbers", "(212) 555-0123")
    qtbot.waitUntil(lambda: bool(noticed), timeout=5000)
    [(title, text)] = noticed
    assert "not being saved" in title
    assert "it is read-only" in text and str(services.store.path.parent) in text
    type_into(wizard, Step.NUMBERS, "numbers", "(212) 555-0124", clear=False)
    with qtbot.waitSignal(saver.saveFailed, timeout=5000):
        pass
    assert len(noticed) == 1  # once, not at every keystroke

    set_read_only(services.store, False)
    with qtbot.waitSignal(saver.saved, timeout=5000):
        type_into(wizard, Step.NUMBERS, "numbers", "(212) 555-0125", clear=False)
    set_read_only(services.store, True)  # failing again after it worked: said again
    type_into(wizard, Step.NUMBERS, "numbers", "(212) 555-0126", clear=False)
    qtbot.waitUntil(lambda: len(noticed) == 2, timeout=5000)
    set_read_only(services.store, False)
    wizard.reject()


def test_the_notice_does_not_block_the_wizard(qtbot, services, win):
    from PySide6.QtWidgets import QMessageBox

    wizard = win.new_order()
    wizard.saves_failing("portwizard could not save your last change: a made-up reason.")
    box = wizard.findChild(QMessageBox, "wizard_notice")
    assert box is not None and box.isVisible() and "made-up reason" in box.text()
    box.accept()
    wizard.ask_close = lambda: "discard"
    wizard.reject()
