"""No password storage: the main window says so when it starts, and closing it while a PIN
lives only in this session's memory asks first (the command line already warns). A PIN is
never silently dropped. The password storage here raises SecretStoreError on every use."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from portwizard.domain.order import Order
from portwizard.secrets import SecretStoreError
from portwizard.services.app import App

pytestmark = pytest.mark.gui

NO_STORAGE = "Your PINs cannot be kept between sessions because this computer has no " \
             "password storage"


class BrokenSecrets:
    """A password storage that is not there (no keyring daemon, a locked keychain)."""

    def __init__(self) -> None:
        self.calls = 0

    def _fail(self, *args):
        self.calls += 1
        raise SecretStoreError("your system's password storage is not available: no "
                               "backend (on Linux install and unlock a keyring)")

    get = set = delete = _fail


@pytest.fixture
def broken_app(tmp_path):
    app = App.create(tmp_path / "home", secrets=BrokenSecrets())
    yield app
    app.close()


@pytest.fixture
def good_app(tmp_path, memory_secrets):
    app = App.create(tmp_path / "home", secrets=memory_secrets)
    yield app
    app.close()


@pytest.fixture
def open_window(qtbot):
    from portwizard.gui.dashboard.window import MainWindow

    made = []

    def make(app, **kwargs):
        kwargs.setdefault("background", False)
        kwargs.setdefault("check_unfinished", False)
        win = MainWindow(app, **kwargs)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win

    yield make
    for win in made:
        win.controller.stop()


def draft_with_pin(app, pin: str = "7391") -> str:
    order = Order(numbers=["+12125550123"])
    order.carrier.customer_name = "Acme Dental"
    order.carrier.pin = pin
    return app.store.save_draft(order)


def test_the_window_says_at_start_that_pins_cannot_be_kept(qtbot, broken_app, open_window):
    win = open_window(broken_app, background=True)  # as run() makes it
    qtbot.waitUntil(lambda: win.secrets_banner.isVisible(), timeout=5000)
    text = win.secrets_banner.text()
    assert NO_STORAGE in text
    assert "password storage is not available" in text  # the system's own reason


def test_no_banner_when_the_password_storage_works(qtbot, good_app, open_window):
    win = open_window(good_app)
    win.check_password_storage()
    qtbot.wait(300)
    assert not win.secrets_banner.isVisible()


def test_closing_with_a_pin_only_in_memory_asks_and_can_stay_open(qtbot, broken_app,
                                                                  open_window, dialogs):
    win = open_window(broken_app)
    draft_id = draft_with_pin(broken_app)
    assert broken_app.store.session_only_secrets()  # the PIN exists only in this process

    dialogs.answer("PIN", QMessageBox.StandardButton.Cancel)
    assert not win.close()
    assert win.isVisible()
    [(title, text)] = dialogs.asked
    assert NO_STORAGE in text and "1 PIN" in text
    assert broken_app.store.load_draft(draft_id).carrier.pin == "7391"  # nothing lost

    dialogs.answer("PIN", QMessageBox.StandardButton.Close)
    assert win.close()


def test_closing_without_pins_in_memory_asks_nothing(qtbot, good_app, open_window, dialogs):
    win = open_window(good_app)
    draft_with_pin(good_app)  # kept in the (working) password storage
    assert good_app.store.session_only_secrets() == []
    assert win.close()
    assert dialogs.asked == []
