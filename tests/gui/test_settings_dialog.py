"""The settings dialog: what it saves where, what it refuses, and how it tests a connection."""
from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QLineEdit, QSpinBox

from portwizard import secrets, settings
from portwizard.gui.dashboard import settings_dialog
from portwizard.gui.dashboard.settings_dialog import SettingsDialog
from portwizard.gui.mnemonics import mnemonic_clashes
from portwizard.services.app import App

URL = "https://porting.example-provider.test/api"
FAKE_TOKEN = "fake-token-7f3c9e21-not-real"


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def app(home, memory_secrets):
    app = App.create(home, secrets=memory_secrets)
    yield app
    app.close()


@pytest.fixture
def dialog(qtbot, app):
    d = SettingsDialog(app)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def _field(d: SettingsDialog, key: str):
    widget = d.findChild(object, f"settings.{key}")
    assert widget is not None, key
    return widget


def _type(qtbot, widget: QLineEdit, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def _choose_provider(qtbot, d: SettingsDialog, url: str = URL, token: str = "",
                     name: str | None = "Example Voice Inc.") -> None:
    qtbot.mouseClick(_field(d, "provider"), Qt.MouseButton.LeftButton)
    _type(qtbot, _field(d, "endpoint_url"), url)
    if token:
        _type(qtbot, _field(d, "token"), token)
    if name is not None:
        _type(qtbot, _field(d, "provider_name"), name)


def _save(qtbot, d: SettingsDialog) -> None:
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)


def _wait_lookups(qtbot, d: SettingsDialog) -> None:
    for handle in list(d._token_lookups.values()):
        if not handle.done:
            with qtbot.waitSignal(handle.finished, timeout=5000):
                pass


# --------------------------------------------------------------------------- saving


def test_settings_persist_and_the_token_goes_only_to_the_password_storage(
        qtbot, home, app, dialog, memory_secrets):
    d = dialog
    _choose_provider(qtbot, d, token=FAKE_TOKEN)
    _field(d, "foc_lead_business_days").setValue(7)
    _field(d, "refresh_minutes").setValue(30)
    qtbot.mouseClick(_field(d, "notifications"), Qt.MouseButton.LeftButton)
    _save(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted, d.error_text()
    assert _field(d, "token").text() == ""  # not kept in the widget either
    _wait_lookups(qtbot, d)
    app.close()

    again = App.create(home, secrets=memory_secrets)
    try:
        s = again.settings
        assert (s.endpoint_url, s.provider_name) == (URL, "Example Voice Inc.")
        assert (s.foc_lead_business_days, s.refresh_minutes, s.notifications) == (7, 30, False)
        assert again.has_token(URL)
        assert memory_secrets.get(secrets.token_key(URL)) == FAKE_TOKEN
        settings_file = home / "config" / settings.FILE_NAME
        assert FAKE_TOKEN.encode() not in settings_file.read_bytes()
        for path in home.rglob("*"):
            if path.is_file():
                assert FAKE_TOKEN.encode() not in path.read_bytes(), path

        # a new dialog shows what was saved, and never the token
        d2 = SettingsDialog(again)
        qtbot.addWidget(d2)
        assert _field(d2, "provider").isChecked()
        assert _field(d2, "endpoint_url").text() == URL
        assert _field(d2, "refresh_minutes").value() == 30
        assert not _field(d2, "notifications").isChecked()
        assert _field(d2, "token").text() == ""
        _wait_lookups(qtbot, d2)
        assert _field(d2, "token").placeholderText() == settings_dialog.TOKEN_SAVED
        d2.reject()
    finally:
        again.close()


def test_plain_http_address_is_refused_with_a_message(qtbot, app, dialog):
    d = dialog
    _choose_provider(qtbot, d, url="http://porting.example-provider.test/api", token=FAKE_TOKEN)
    _save(qtbot, d)
    assert d.result() != QDialog.DialogCode.Accepted and d.isVisible()
    assert "not encrypted" in d.error_text() and "https://" in d.error_text()
    assert FAKE_TOKEN not in d.error_text()
    assert app.settings.uses_sandbox  # nothing was saved
    assert not app.settings_path.exists()


def test_a_real_provider_needs_a_token_when_none_is_saved(qtbot, app, dialog):
    d = dialog
    _choose_provider(qtbot, d)
    _save(qtbot, d)
    assert d.error_text() == settings_dialog.TOKEN_NEEDED
    assert d.isVisible() and app.settings.uses_sandbox


def test_an_empty_address_is_refused(qtbot, app, dialog):
    d = dialog
    qtbot.mouseClick(_field(d, "provider"), Qt.MouseButton.LeftButton)
    _type(qtbot, _field(d, "provider_name"), "Example Voice Inc.")
    _save(qtbot, d)
    assert d.error_text() == settings_dialog.ADDRESS_NEEDED


def test_failing_password_storage_keeps_the_dialog_open(qtbot, app, dialog):
    def broken(endpoint, token, provider=None):
        raise secrets.SecretStoreError("your system's password storage is not available")

    app.set_token = broken  # our own facade: an instance attribute, not a Qt monkeypatch
    d = dialog
    _choose_provider(qtbot, d, token=FAKE_TOKEN)
    _save(qtbot, d)
    assert d.isVisible()
    assert d.error_text().startswith("The settings could not be saved: your system's password")
    assert app.settings.uses_sandbox


# --------------------------------------------------------------------------- provider name


def test_switching_to_a_real_provider_drops_the_demo_name(qtbot, dialog):
    d = dialog
    name, message = _field(d, "provider_name"), _field(d, "provider_name_message")
    assert name.text() == settings.DEFAULT_PROVIDER_NAME and message.isHidden()
    qtbot.mouseClick(_field(d, "provider"), Qt.MouseButton.LeftButton)
    assert name.text() == ""
    assert not message.isHidden() and message.text() == settings_dialog.NAME_NEEDED
    # back to the sandbox with the name still empty: the demo's name returns
    qtbot.mouseClick(_field(d, "sandbox"), Qt.MouseButton.LeftButton)
    assert name.text() == settings.DEFAULT_PROVIDER_NAME and message.isHidden()


def test_a_name_the_user_typed_is_kept_and_a_missing_one_is_required(qtbot, app, dialog):
    d = dialog
    _type(qtbot, _field(d, "provider_name"), "Acme Voice")
    qtbot.mouseClick(_field(d, "provider"), Qt.MouseButton.LeftButton)
    assert _field(d, "provider_name").text() == "Acme Voice"
    qtbot.mouseClick(_field(d, "sandbox"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_field(d, "provider"), Qt.MouseButton.LeftButton)
    _type(qtbot, _field(d, "endpoint_url"), URL)
    _type(qtbot, _field(d, "token"), FAKE_TOKEN)
    _type(qtbot, _field(d, "provider_name"), settings.DEFAULT_PROVIDER_NAME)  # typed back
    _save(qtbot, d)
    assert d.error_text() == settings_dialog.NAME_NEEDED and app.settings.uses_sandbox
    _field(d, "provider_name").clear()
    _save(qtbot, d)
    assert d.error_text() == settings_dialog.NAME_NEEDED
    _type(qtbot, _field(d, "provider_name"), "Acme Voice")
    assert _field(d, "provider_name_message").isHidden()
    _save(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted
    assert app.settings.provider_name == "Acme Voice"


# --------------------------------------------------------------------------- token look-up


def test_saved_token_is_asked_once_per_address_when_typing_ends(qtbot, app, memory_secrets):
    app.set_token(URL, FAKE_TOKEN)
    asked: list[str] = []
    real = app.has_token
    app.has_token = lambda endpoint=None, provider=None: asked.append(endpoint) or real(
        endpoint, provider)
    d = SettingsDialog(app)
    qtbot.addWidget(d)
    d.show()
    token = _field(d, "token")
    qtbot.mouseClick(_field(d, "provider"), Qt.MouseButton.LeftButton)
    assert asked == []  # no address yet
    url = _field(d, "endpoint_url")
    url.setFocus()
    qtbot.keyClicks(url, URL)
    assert asked == []  # not per keystroke
    url.editingFinished.emit()  # what leaving the field (Tab) or pressing Enter does
    _wait_lookups(qtbot, d)
    assert asked == [URL]
    assert token.placeholderText() == settings_dialog.TOKEN_SAVED
    assert token.text() == ""  # never shown back
    url.editingFinished.emit()
    url.editingFinished.emit()
    assert asked == [URL]  # remembered
    qtbot.keyClicks(url, "/v2")
    assert token.placeholderText() == settings_dialog.TOKEN_WANTED
    url.editingFinished.emit()
    _wait_lookups(qtbot, d)
    assert asked == [URL, URL + "/v2"]
    assert token.placeholderText() == settings_dialog.TOKEN_WANTED
    # the saved token of the first address is enough to save it without typing one
    _type(qtbot, url, URL)
    _type(qtbot, _field(d, "provider_name"), "Example Voice Inc.")
    _save(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted, d.error_text()
    assert app.settings.endpoint_url == URL


# --------------------------------------------------------------------------- test connection


def _click_test(qtbot, d: SettingsDialog, timeout: int = 30000) -> QLabel:
    button, result = _field(d, "test_connection"), _field(d, "test_result")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert d.test_handle is not None
    assert result.text() == settings_dialog.TESTING and not result.isHidden()
    assert not button.isEnabled()
    with qtbot.waitSignal(d.test_handle.finished, timeout=timeout):
        pass
    assert button.isEnabled()
    return result


def test_connection_to_the_practice_sandbox_succeeds(qtbot, app, dialog):
    result = _click_test(qtbot, dialog)
    assert result.text().startswith("The practice sandbox answered: connected"), result.text()


def test_connection_to_a_closed_port_fails_plainly(qtbot, app, dialog):
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    _choose_provider(qtbot, dialog, url=f"http://127.0.0.1:{port}", token=FAKE_TOKEN)
    result = _click_test(qtbot, dialog)
    text = result.text()
    assert text and text != settings_dialog.TESTING
    assert "Traceback" not in text and FAKE_TOKEN not in text
    assert not text.startswith("The practice sandbox answered")


def test_an_answer_about_an_address_left_meanwhile_is_not_shown(qtbot, app, dialog):
    d = dialog
    button, result = _field(d, "test_connection"), _field(d, "test_result")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    _choose_provider(qtbot, d)  # the user moves on before the sandbox answered
    with qtbot.waitSignal(d.test_handle.finished, timeout=30000):
        pass
    assert button.isEnabled() and result.isHidden()


def test_connection_with_a_refused_address_does_not_start_a_worker(qtbot, dialog):
    _choose_provider(qtbot, dialog, url="http://porting.example-provider.test")
    qtbot.mouseClick(_field(dialog, "test_connection"), Qt.MouseButton.LeftButton)
    assert dialog.test_handle is None
    assert "not encrypted" in _field(dialog, "test_result").text()


# --------------------------------------------------------------------------- layout and seams


def test_a_long_error_grows_the_dialog_and_keeps_the_buttons_visible(qtbot, dialog):
    d = dialog
    before = d.sizeHint().height()
    d.show_error("The provider said something long and important about this address. " * 25)
    qtbot.wait(10)
    error = _field(d, "error")
    assert d.sizeHint().height() > before
    assert error.height() >= error.heightForWidth(error.width())
    for button in (d.save_button, d.cancel_button):
        bottom = button.mapTo(d, button.rect().bottomLeft()).y()
        assert button.isVisible() and bottom < d.height()


def test_messages_stay_readable_in_dark_mode(qtbot, dialog):
    from PySide6.QtGui import QColor, QGuiApplication, QPalette

    from portwizard.gui import theme

    app = QGuiApplication.instance()
    old = app.palette()
    dark = QPalette(old)
    for role, color in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.Base, "#181818"),
                        (QPalette.ColorRole.WindowText, "#e8eaed"), (QPalette.ColorRole.Text, "#e8eaed")):
        dark.setColor(role, QColor(color))
    try:
        app.setPalette(dark)
        dialog.show_error("Enter your provider's porting address, or choose the practice sandbox.")
        qtbot.wait(10)
        for key in ("error", "refresh_hint"):
            label = _field(dialog, key)
            ink = label.palette().color(QPalette.ColorRole.WindowText)
            assert theme.contrast_ratio(ink, dark.color(QPalette.ColorRole.Window)) >= theme.AA, key
    finally:
        app.setPalette(old)


def test_open_folder_goes_through_the_replaceable_method(qtbot, app, dialog):
    opened: list[Path] = []
    dialog.open_folder = opened.append
    assert _field(dialog, "data_dir").text() == str(app.data_dir)
    assert _field(dialog, "data_dir").isReadOnly()
    qtbot.mouseClick(_field(dialog, "open_folder"), Qt.MouseButton.LeftButton)
    assert opened == [app.data_dir]


def test_sandbox_is_labelled_as_practice(dialog):
    text = _field(dialog, "sandbox").text().replace("&", "")
    assert "Practice" in text and "nothing is really ported" in text


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_every_field_is_named_labelled_and_mnemonics_do_not_clash(qtbot, dialog):
    d = dialog
    seen: dict[str, str] = {}
    buddies = {}
    for label in d.findChildren(QLabel):
        letter = _mnemonic(label.text())
        if letter and label.buddy() is not None:
            buddies[label.buddy().objectName()] = label.text()
            assert letter not in seen, f"&{letter} in {label.text()!r} and {seen[letter]!r}"
            seen[letter] = label.text()
    for button in d.findChildren(QAbstractButton):
        letter = _mnemonic(button.text())
        if letter:
            assert letter not in seen, f"&{letter} in {button.text()!r} and {seen[letter]!r}"
            seen[letter] = button.text()
    assert {"s", "c"} <= set(seen)  # Save and Test connection take part
    assert mnemonic_clashes(d) == []
    qtbot.mouseClick(_field(d, "provider"), Qt.MouseButton.LeftButton)  # more fields enabled
    assert mnemonic_clashes(d) == []
    for widget in [*d.findChildren(QLineEdit), *d.findChildren(QSpinBox)]:
        if widget.parent() is not None and isinstance(widget.parent(), QSpinBox):
            continue  # the spin box's own line edit
        name = widget.objectName()
        assert name.startswith("settings."), name
        assert widget.accessibleName(), name
        assert name in buddies, f"{name} has no label with a mnemonic"
    for button in d.findChildren(QAbstractButton):
        if button.objectName().startswith("settings."):
            assert button.accessibleName() or button.text(), button.objectName()


def test_wrapped_hints_get_their_full_height_when_shown(qtbot, tmp_path, memory_secrets):
    """At 200% (here: a doubled font) a two-line hint must not lose its second line."""
    from PySide6.QtWidgets import QLabel

    from portwizard.gui.dashboard.settings_dialog import SettingsDialog
    from portwizard.services.app import App

    app = App.create(tmp_path / "big", secrets=memory_secrets)
    try:
        dialog = SettingsDialog(app)
        qtbot.addWidget(dialog)
        font = dialog.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        dialog.setFont(font)
        dialog.show()
        qtbot.waitExposed(dialog)
        clipped = [label.objectName() for label in dialog.findChildren(QLabel)
                   if label.isVisible() and label.wordWrap()
                   and label.height() < label.heightForWidth(label.width())]
        assert clipped == []
    finally:
        app.close()


# --------------------------------------------------------------------------- real providers

FAKE_TELNYX_KEY = "KEYfake0000telnyx0000not0real"
FAKE_SID = "AC" + "0123456789abcdef" * 2
FAKE_AUTH = "fakeauthtoken0000not0real"
OFFICIAL = {"telnyx": "https://api.telnyx.com/v2", "twilio": "https://numbers.twilio.com"}


def _tick(qtbot, button) -> None:
    """Click a radio button or check box on its indicator (not on empty space beside it)."""
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def _pick(qtbot, d: SettingsDialog, provider: str) -> None:
    """Click the provider's radio button ("provider": the portwizard API)."""
    _tick(qtbot, _field(d, provider))
    assert d.chosen_provider() == {"provider": "portwizard"}.get(provider, provider)


def _reopen(qtbot, home, memory_secrets):
    again = App.create(home, secrets=memory_secrets)
    d = SettingsDialog(again)
    qtbot.addWidget(d)
    d.show()
    return again, d


def _no_secret_in_files(home: Path, *secret_values: str) -> None:
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for value in secret_values:
                assert value.encode() not in data, path


@pytest.mark.parametrize("provider, typed, stored", [
    ("telnyx", {"token": FAKE_TELNYX_KEY}, FAKE_TELNYX_KEY),
    ("twilio", {"account_sid": FAKE_SID, "token": FAKE_AUTH}, f"{FAKE_SID}:{FAKE_AUTH}"),
])
def test_a_real_provider_is_saved_with_its_official_address_and_its_credential_in_the_keyring(
        qtbot, home, app, dialog, memory_secrets, provider, typed, stored):
    d = dialog
    _pick(qtbot, d, provider)
    url = _field(d, "endpoint_url")
    assert url.text() == OFFICIAL[provider] and url.isReadOnly()  # shown, not editable
    assert _field(d, "override_url").isVisible() and not _field(d, "override_url").isChecked()
    assert _field(d, "account_sid").isVisible() is (provider == "twilio")
    name = {"telnyx": "Telnyx", "twilio": "Twilio"}[provider]
    assert _field(d, "provider_name").text() == name  # the LOA names the provider
    assert mnemonic_clashes(d) == []
    for key, value in typed.items():
        _type(qtbot, _field(d, key), value)
    _save(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted, d.error_text()
    _wait_lookups(qtbot, d)
    app.close()

    key = secrets.provider_token_key(provider, OFFICIAL[provider])
    assert memory_secrets.get(key) == stored
    assert memory_secrets.keys() == [key]
    saved = json.loads((home / "config" / settings.FILE_NAME).read_text())
    assert (saved["provider"], saved["endpoint_url"], saved["provider_name"]) == (
        provider, "sandbox", name)
    _no_secret_in_files(home, *typed.values())

    again, d2 = _reopen(qtbot, home, memory_secrets)
    try:
        assert again.settings.active_endpoint == OFFICIAL[provider]
        assert d2.chosen_provider() == provider and _field(d2, provider).isChecked()
        assert _field(d2, "endpoint_url").text() == OFFICIAL[provider]
        assert _field(d2, "token").text() == "" and _field(d2, "account_sid").text() == ""
        _wait_lookups(qtbot, d2)
        assert _field(d2, "token").placeholderText() == settings_dialog.CREDENTIAL[provider][3]
        d2.reject()
    finally:
        again.close()


def test_another_address_for_testing_overrides_the_official_one(qtbot, home, app, dialog,
                                                                 memory_secrets):
    d = dialog
    _pick(qtbot, d, "telnyx")
    _tick(qtbot, _field(d, "override_url"))
    url = _field(d, "endpoint_url")
    assert not url.isReadOnly()
    _type(qtbot, url, "http://porting.example-provider.test/v2")  # not https, not loopback
    _type(qtbot, _field(d, "token"), FAKE_TELNYX_KEY)
    _save(qtbot, d)
    assert "not encrypted" in d.error_text() and app.settings.uses_sandbox
    _type(qtbot, url, "http://127.0.0.1:8443/v2")  # loopback is allowed, for tests
    _save(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted, d.error_text()
    assert (app.settings.provider, app.settings.endpoint_url) == ("telnyx", "http://127.0.0.1:8443/v2")
    assert memory_secrets.get(secrets.provider_token_key("telnyx", "http://127.0.0.1:8443/v2")) \
        == FAKE_TELNYX_KEY
    _wait_lookups(qtbot, d)
    again, d2 = _reopen(qtbot, home, memory_secrets)
    try:
        assert _field(d2, "override_url").isChecked()
        assert _field(d2, "endpoint_url").text() == "http://127.0.0.1:8443/v2"
        _tick(qtbot, _field(d2, "override_url"))  # back to official
        assert _field(d2, "endpoint_url").text() == OFFICIAL["telnyx"]
        d2.reject()
    finally:
        again.close()


def test_twilio_needs_both_parts_of_its_credential(qtbot, app, dialog, memory_secrets):
    d = dialog
    _pick(qtbot, d, "twilio")
    _save(qtbot, d)
    assert d.error_text() == settings_dialog.CREDENTIAL["twilio"][5]
    _type(qtbot, _field(d, "token"), FAKE_AUTH)
    _save(qtbot, d)
    assert d.error_text() == settings_dialog.BOTH_NEEDED
    _type(qtbot, _field(d, "account_sid"), "AC-not-a-sid")
    _save(qtbot, d)
    assert "Account SID" in d.error_text() and FAKE_AUTH not in d.error_text()
    assert memory_secrets.keys() == [] and app.settings.uses_sandbox


def test_the_loa_name_follows_the_provider_unless_the_user_typed_one(qtbot, dialog):
    d = dialog
    name = _field(d, "provider_name")
    _pick(qtbot, d, "telnyx")
    assert name.text() == "Telnyx"
    _pick(qtbot, d, "twilio")
    assert name.text() == "Twilio"
    _pick(qtbot, d, "provider")  # the portwizard API: the user must say who it is
    assert name.text() == "" and not _field(d, "provider_name_message").isHidden()
    _pick(qtbot, d, "sandbox")
    assert name.text() == settings.DEFAULT_PROVIDER_NAME
    _pick(qtbot, d, "twilio")
    _type(qtbot, name, "Twilio Inc. (Acme's account)")
    _pick(qtbot, d, "telnyx")
    assert name.text() == "Twilio Inc. (Acme's account)"  # typed: kept


def test_switching_providers_keeps_each_typed_address_and_never_a_credential(qtbot, dialog):
    d = dialog
    _choose_provider(qtbot, d, token=FAKE_TOKEN)
    _pick(qtbot, d, "twilio")
    assert _field(d, "token").text() == ""  # a credential is for one provider only
    assert _field(d, "endpoint_url").text() == OFFICIAL["twilio"]
    _pick(qtbot, d, "provider")
    assert _field(d, "endpoint_url").text() == URL and not _field(d, "endpoint_url").isReadOnly()
    assert _field(d, "token").text() == ""


@pytest.mark.parametrize("provider", ["sandbox", "provider", "telnyx", "twilio"])
def test_mnemonics_stay_unique_with_each_provider(qtbot, dialog, provider):
    _pick(qtbot, dialog, provider)
    assert mnemonic_clashes(dialog) == []
    if provider in ("telnyx", "twilio"):
        _tick(qtbot, _field(dialog, "override_url"))
        assert mnemonic_clashes(dialog) == []


@pytest.mark.parametrize("provider, credential", [
    ("telnyx", FAKE_TELNYX_KEY), ("twilio", f"{FAKE_SID}:{FAKE_AUTH}")])
def test_test_connection_asks_the_chosen_provider(qtbot, app, dialog, provider, credential):
    calls = []

    def tried(endpoint, token, provider=None):
        calls.append((endpoint, token, provider))
        return f"{provider} answered"

    app.test_connection = tried  # our own facade: an instance attribute, not a Qt patch
    d = dialog
    _pick(qtbot, d, provider)
    if provider == "twilio":
        _type(qtbot, _field(d, "account_sid"), FAKE_SID)
        _type(qtbot, _field(d, "token"), FAKE_AUTH)
    else:
        _type(qtbot, _field(d, "token"), FAKE_TELNYX_KEY)
    result = _click_test(qtbot, d)
    assert calls == [(OFFICIAL[provider], credential, provider)]
    assert result.text() == f"{provider} answered"
