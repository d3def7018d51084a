"""No password storage: the main window's banner and the command line's warning say the
same sentence (one wording, from portwizard.secrets), with the system's reason."""
from __future__ import annotations

import pytest

from clikit import cli, write_order
from orderkit import FAKE_ACCOUNT, FAKE_PIN
from portwizard import secrets
from portwizard.gui.dashboard.window import MainWindow
from portwizard.services.app import App

pytestmark = pytest.mark.gui

REASON = ("your system's password storage is not available: no backend (on Linux install "
          "and unlock a keyring)")


class NoStorage:
    """A password storage that is not there (no keyring daemon, a locked keychain)."""

    def _fail(self, *args):
        raise secrets.SecretStoreError(REASON)

    get = set = delete = _fail


@pytest.fixture
def no_storage():
    broken = NoStorage()
    previous = secrets.install_secret_store(broken)  # what the command line's App gets
    yield broken
    secrets.install_secret_store(previous)


def test_the_window_and_the_command_line_say_the_same_sentence(qtbot, tmp_path, capsys,
                                                               no_storage):
    # the window's banner
    app = App.create(tmp_path / "window-home", secrets=no_storage)
    try:
        win = MainWindow(app, background=False, check_unfinished=False)
        qtbot.addWidget(win)
        win.show()
        win.check_password_storage()
        qtbot.waitUntil(win.secrets_banner.isVisible, timeout=5000)
        banner = win.secrets_banner.text()
        win.controller.stop()
    finally:
        app.close()
    assert secrets.NO_STORAGE_TEXT in banner and "Your system's password storage" in banner

    # the command line, after an order whose PIN could not be kept (the built-in sandbox)
    code, out, err = cli(capsys, "submit", str(write_order(tmp_path)))
    assert code == 0, err
    [warning] = [line for line in err.splitlines() if line.startswith("warning:")]
    assert warning.startswith(f"warning: {banner}")  # the very same sentence and reason
    assert banner == secrets.no_storage_message(REASON)  # from the one place
    assert FAKE_PIN not in out + err and FAKE_ACCOUNT not in out + err
