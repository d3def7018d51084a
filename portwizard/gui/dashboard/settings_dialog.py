"""The settings dialog: who orders go to, the credential, the provider's name, timing.

A thin view over the Designer form ``forms/settings.ui`` (compiled into
``portwizard.gui.ui.ui_settings``) and the application facade :class:`~portwizard.services.app.App`:

* the provider is one of four (``portwizard.endpoint.providers.PROVIDERS``): the practice
  sandbox, a provider speaking the portwizard API (its address), Telnyx (API key) or Twilio
  (Account SID and Auth Token, kept together as ``SID:TOKEN``). Telnyx and Twilio show their
  official address; "Use another address (for testing)" overrides it (https, or plain http
  only to this computer);
* the credential is never shown back. The fields stay empty and their placeholders say
  whether one is saved for that provider and address; that is asked once per (provider,
  address), when the user has finished typing it, on a worker (the OS password storage can
  be slow or ask to be unlocked). A typed credential is written only through
  ``app.set_token(..., provider=...)`` (the password storage), never into ``settings.json``;
* "Test connection" runs ``app.test_connection(..., provider=...)`` on a worker and says the
  plain result;
* the name printed on the Letter of Authorization follows the provider (the sandbox's demo
  name, "Telnyx", "Twilio") unless the user typed another; the demo name never reaches a
  real provider;
* Save validates and keeps the dialog open with a plain message, or saves through
  ``app.apply_settings`` and closes.

Every input's objectName is ``settings.<key>``. Colours come from :mod:`portwizard.gui.theme`
(palette-aware, readable in dark mode).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from portwizard import settings as _settings
from portwizard.endpoint.providers import (
    ADAPTED, DISPLAY_NAMES, OFFICIAL_URLS, PORTWIZARD, SANDBOX, TELNYX, TWILIO,
)
from portwizard.gui import theme
from portwizard.gui.ui.ui_settings import Ui_SettingsDialog
from portwizard.gui.workers import TaskHandle, run_task

if TYPE_CHECKING:  # pragma: no cover
    from portwizard.services.app import App

log = logging.getLogger(__name__)

NAME_NEEDED = "Enter your new provider's name; it is printed on the Letter of Authorization."
ADDRESS_NEEDED = "Enter your provider's porting address, or choose the practice sandbox."
TOKEN_NEEDED = ("Paste the access token your provider gave you for this address. It is kept in "
                "your computer's password storage, not in a file.")
TOKEN_SAVED = "A token is saved. Type a new one to replace it."
TOKEN_WANTED = "Paste the access token from your provider"
TOKEN_NOT_NEEDED = "Not needed for the practice sandbox"
TESTING = "Testing…"
TEST_FAILED = "The connection test failed; try again in a moment."

#: per provider: the credential's label, its accessible name, the placeholder when none is
#: saved, the one when one is, the hint under it, and what Save says when it is missing
CREDENTIAL = {
    PORTWIZARD: ("Access &token:", "Access token", TOKEN_WANTED, TOKEN_SAVED,
                 "Kept in your computer's password storage, never in a file.", TOKEN_NEEDED),
    TELNYX: ("API &key:", "Telnyx API key", "Paste your Telnyx API key",
             "An API key is saved. Type a new one to replace it.",
             "Telnyx Mission Control Portal: Auth, API Keys. Kept in your computer's password "
             "storage, never in a file.",
             "Paste your Telnyx API key (Mission Control Portal: Auth, API Keys). It is kept in "
             "your computer's password storage, not in a file."),
    TWILIO: ("Auth &token:", "Twilio Auth Token", "Paste your Twilio Auth Token",
             "An Account SID and Auth Token are saved. Type both to replace them.",
             "Both are on the Twilio Console's start page. They are kept together in your "
             "computer's password storage, never in a file.",
             "Enter your Twilio Account SID and Auth Token (the Twilio Console's start page). "
             "They are kept in your computer's password storage, not in a file."),
}
SID_WANTED = "AC followed by 32 letters and digits"
SID_SAVED = "Saved with the Auth Token. Type both to replace them."
BOTH_NEEDED = "Enter both the Twilio Account SID and the Auth Token, or neither to keep the saved ones."
#: names the LOA field fills in by itself; anything else was typed by the user and is kept
AUTOMATIC_NAMES = {"", _settings.DEFAULT_PROVIDER_NAME, *(DISPLAY_NAMES[p] for p in ADAPTED)}


def _alive(widget: QWidget) -> bool:
    from shiboken6 import isValid

    return isValid(widget)


class SettingsDialog(QDialog):
    """Edit :class:`portwizard.settings.Settings` (and the provider's credential) of ``app``."""

    def __init__(self, app: "App", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.ui = ui = Ui_SettingsDialog()
        ui.setupUi(self)
        self.setObjectName("settings_dialog")
        for widget in self.findChildren(QWidget):
            name = widget.objectName()
            if name.startswith("settings__"):
                widget.setObjectName(name.replace("__", "."))
        self.save_button = ui.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save")
        self.save_button.setObjectName("settings.save")
        self.cancel_button = ui.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText("Cancel")  # Esc; no mnemonic to clash with the others
        self.cancel_button.setObjectName("settings.cancel")
        for label in (ui.sandbox_note, ui.settings__refresh_hint, ui.hint,
                      ui.settings__credential_hint):
            theme.set_tone(label, "muted")
        for label in (ui.settings__test_result, ui.settings__provider_name_message,
                      ui.settings__error):
            label.hide()
        self.setMinimumWidth(560)
        #: provider -> its radio button
        self.radios = {SANDBOX: ui.settings__sandbox, PORTWIZARD: ui.settings__provider,
                       TELNYX: ui.settings__telnyx, TWILIO: ui.settings__twilio}
        #: provider -> the address typed for it (kept while another provider is chosen)
        self._typed_url: dict[str, str] = {}
        self._shown: str = SANDBOX  # the provider whose fields are on screen

        #: (provider, address) -> whether a credential is saved for it (asked once each)
        self._token_known: dict[tuple[str, str], bool] = {}
        self._token_lookups: dict[tuple[str, str], TaskHandle] = {}
        #: the running "Test connection" (tests wait on ``test_handle.finished``)
        self.test_handle: TaskHandle | None = None

        self._load(app.settings)
        for radio in self.radios.values():
            radio.toggled.connect(self._radio_toggled)
        ui.settings__override_url.toggled.connect(self._override_toggled)
        ui.settings__endpoint_url.textEdited.connect(self._url_edited)
        ui.settings__endpoint_url.editingFinished.connect(self._url_finished)
        ui.settings__provider_name.textEdited.connect(self._name_edited)
        ui.settings__test_connection.clicked.connect(self.test_connection)
        ui.settings__open_folder.clicked.connect(lambda: self.open_folder(self.app.data_dir))
        ui.buttons.accepted.connect(self.accept)
        ui.buttons.rejected.connect(self.reject)
        self._url_finished()

    # ------------------------------------------------------------------ loading
    def _load(self, s: _settings.Settings) -> None:
        ui = self.ui
        provider = s.active_provider
        if provider == PORTWIZARD or (provider in ADAPTED and s.endpoint_url != SANDBOX):
            self._typed_url[provider] = s.endpoint_url
        ui.settings__override_url.setChecked(provider in ADAPTED and s.endpoint_url != SANDBOX)
        self.radios[provider].setChecked(True)
        ui.settings__provider_name.setText(s.provider_name)
        ui.settings__foc_lead_business_days.setValue(s.foc_lead_business_days)
        ui.settings__refresh_minutes.setValue(s.refresh_minutes)
        ui.settings__notifications.setChecked(s.notifications)
        ui.settings__data_dir.setText(str(self.app.data_dir))
        ui.settings__data_dir.setCursorPosition(0)
        self._show_provider_fields(provider)

    # ------------------------------------------------------------------ reading the fields
    def chosen_provider(self) -> str:
        """"sandbox", "portwizard", "telnyx" or "twilio", as the radio buttons say."""
        return next((p for p, radio in self.radios.items() if radio.isChecked()), SANDBOX)

    def uses_sandbox(self) -> bool:
        return self.chosen_provider() == SANDBOX

    def overrides_url(self) -> bool:
        return self.chosen_provider() in ADAPTED and self.ui.settings__override_url.isChecked()

    def endpoint(self) -> str:
        """Where orders would go as the fields say: "sandbox", the provider's official
        address, or the address as typed (not yet checked)."""
        provider = self.chosen_provider()
        if provider == SANDBOX:
            return _settings.SANDBOX
        if provider in ADAPTED and not self.overrides_url():
            return OFFICIAL_URLS[provider]
        return self.ui.settings__endpoint_url.text().strip()

    def _checked_endpoint(self) -> str | None:
        """The endpoint normalised, or None when it is empty or not allowed."""
        try:
            return _settings.check_endpoint(self.endpoint())
        except ValueError:
            return None

    def typed_token(self) -> str:
        return self.ui.settings__token.text().strip()

    def typed_sid(self) -> str:
        return self.ui.settings__account_sid.text().strip()

    def typed_credential(self) -> str:
        """The credential as typed ("" when none): Twilio's as ``SID:TOKEN`` when both are
        there (one of the two alone is not a credential; :meth:`problem` says so)."""
        if self.chosen_provider() == TWILIO:
            sid, token = self.typed_sid(), self.typed_token()
            return f"{sid}:{token}" if sid and token else ""
        return self.typed_token()

    def provider_name(self) -> str:
        return self.ui.settings__provider_name.text().strip()

    # ------------------------------------------------------------------ provider and address
    def _radio_toggled(self, on: bool) -> None:
        if not on:
            return  # the radio that was switched on reports the change
        old, new = self._shown, self.chosen_provider()
        if old == new:
            return
        if old == PORTWIZARD or (old in ADAPTED and self.ui.settings__override_url.isChecked()):
            self._typed_url[old] = self.ui.settings__endpoint_url.text().strip()
        self.ui.settings__override_url.blockSignals(True)
        self.ui.settings__override_url.setChecked(new in ADAPTED and bool(self._typed_url.get(new)))
        self.ui.settings__override_url.blockSignals(False)
        self.ui.settings__token.clear()
        self.ui.settings__account_sid.clear()
        self._show_provider_fields(new)
        self._follow_name(new)
        self.ui.settings__test_result.hide()
        self._hide_error()
        if new != SANDBOX:
            self._url_finished()
            if new == PORTWIZARD or self.overrides_url():
                self.ui.settings__endpoint_url.setFocus()

    def _override_toggled(self, on: bool) -> None:
        provider = self.chosen_provider()
        if not on:
            self._typed_url[provider] = self.ui.settings__endpoint_url.text().strip()
        self._show_provider_fields(provider)
        self.ui.settings__test_result.hide()
        self._url_finished()
        if on:
            self.ui.settings__endpoint_url.setFocus()
            self.ui.settings__endpoint_url.selectAll()

    def _show_provider_fields(self, provider: str) -> None:
        """The address, credential and hint rows for ``provider``."""
        ui = self.ui
        self._shown = provider
        url = ui.settings__endpoint_url
        adapted = provider in ADAPTED
        form = ui.form
        ui.settings__override_url.setVisible(adapted)
        sid_row, _ = form.getWidgetPosition(ui.settings__account_sid_label)
        form.setRowVisible(sid_row, provider == TWILIO)
        if provider == SANDBOX:
            url.setReadOnly(False)
            url.setFrame(True)
            url.clear()
            url.setEnabled(False)
            url.setPlaceholderText("")
            ui.settings__token.setEnabled(False)
            ui.settings__token.clear()
            ui.settings__token.setPlaceholderText(TOKEN_NOT_NEEDED)
            ui.settings__token_label.setText(CREDENTIAL[PORTWIZARD][0])
            ui.settings__credential_hint.hide()
            self._fit()
            return
        label, accessible, wanted, _saved, hint, _needed = CREDENTIAL[provider]
        ui.settings__token_label.setText(label)
        ui.settings__token.setAccessibleName(accessible)
        ui.settings__token.setEnabled(True)
        ui.settings__token.setPlaceholderText(wanted)
        ui.settings__account_sid.setPlaceholderText(SID_WANTED)
        ui.settings__credential_hint.setText(hint)
        ui.settings__credential_hint.show()
        url.setEnabled(True)
        if adapted and not ui.settings__override_url.isChecked():
            url.setText(OFFICIAL_URLS[provider])  # shown, not editable: the official one
            url.setReadOnly(True)
            url.setFrame(False)  # reads as text, not as a box to type in
            url.setAccessibleName(f"{DISPLAY_NAMES[provider]}'s official address")
        else:
            url.setReadOnly(False)
            url.setFrame(True)
            url.setText(self._typed_url.get(provider, ""))
            url.setAccessibleName("Provider's porting address" if provider == PORTWIZARD
                                  else f"Another address for {DISPLAY_NAMES[provider]} (testing)")
            url.setPlaceholderText("https://porting.example-provider.com/api"
                                   if provider == PORTWIZARD else "https://127.0.0.1:8443")
        self._fit()

    def _url_edited(self, _text: str) -> None:
        # The address is unfinished while typing: no password-storage look-up yet.
        provider = self.chosen_provider()
        if provider != SANDBOX:
            self.ui.settings__token.setPlaceholderText(CREDENTIAL[provider][2])
            self.ui.settings__account_sid.setPlaceholderText(SID_WANTED)
        self.ui.settings__test_result.hide()

    def _url_finished(self) -> None:
        """Say whether a credential is saved for the provider and address (asked once per
        pair, on a worker)."""
        provider = self.chosen_provider()
        if provider == SANDBOX:
            return
        endpoint = self._checked_endpoint()
        if endpoint is None:
            self.ui.settings__token.setPlaceholderText(CREDENTIAL[provider][2])
            return
        key = (provider, endpoint)
        if key in self._token_known:
            self._show_token_state(key)
            return
        if key in self._token_lookups:
            return  # already asking
        self._token_lookups[key] = run_task(
            self.app.has_token, endpoint, provider,
            on_result=lambda saved, k=key: self._token_found(k, bool(saved)),
            on_error=lambda exc, k=key: self._token_found(k, False))

    def _token_found(self, key: tuple[str, str], saved: bool) -> None:
        if not _alive(self):
            return
        self._token_lookups.pop(key, None)
        self._token_known[key] = saved
        self._show_token_state(key)

    def _show_token_state(self, key: tuple[str, str]) -> None:
        provider, endpoint = key
        if self.chosen_provider() != provider or self._checked_endpoint() != endpoint:
            return  # the user has moved on to another provider or address
        saved = self._token_known.get(key)
        self.ui.settings__token.setPlaceholderText(CREDENTIAL[provider][3 if saved else 2])
        self.ui.settings__account_sid.setPlaceholderText(SID_SAVED if saved else SID_WANTED)

    def token_lookup(self, endpoint: str, provider: str | None = None) -> TaskHandle | None:
        """The running look-up for ``endpoint`` (tests wait on its ``finished``)."""
        return self._token_lookups.get((provider or self.chosen_provider(), endpoint))

    def _token_saved(self, endpoint: str) -> bool:
        """Whether a credential is saved for the chosen provider at ``endpoint``; asks the
        password storage directly only when the background look-up has not answered yet
        (Save pressed right after typing)."""
        key = (self.chosen_provider(), endpoint)
        if key not in self._token_known:
            self._token_known[key] = self.app.has_token(endpoint, key[0])
        return self._token_known[key]

    # ------------------------------------------------------------------ provider name
    def _follow_name(self, provider: str) -> None:
        """The name on the LOA follows the provider unless the user typed their own: the
        demo's name for the sandbox, "Telnyx"/"Twilio" for those, and for a provider
        speaking our API the user must say who it is."""
        name = self.ui.settings__provider_name
        current = name.text().strip()
        if current not in AUTOMATIC_NAMES:
            return  # typed by the user: kept
        if provider == SANDBOX:
            name.setText(_settings.DEFAULT_PROVIDER_NAME)
            self._show_name_message(False)
        elif provider in ADAPTED:
            name.setText(DISPLAY_NAMES[provider])
            self._show_name_message(False)
        elif current:
            name.clear()  # another provider's name must not reach this Letter of Authorization
            self._show_name_message(True)

    def _name_edited(self, text: str) -> None:
        if text.strip():
            self._show_name_message(False)

    def _show_name_message(self, show: bool) -> None:
        label = self.ui.settings__provider_name_message
        if show:
            label.setText(NAME_NEEDED)
            theme.set_tone(label, "error")
        label.setVisible(show)
        self._fit()

    def _name_problem(self) -> bool:
        name = self.provider_name()
        return not name or (not self.uses_sandbox() and name == _settings.DEFAULT_PROVIDER_NAME)

    # ------------------------------------------------------------------ test connection
    def test_connection(self) -> None:
        """Try the provider with the typed credential (or the saved one) on a worker."""
        if self.test_handle is not None and not self.test_handle.done:
            return
        provider = self.chosen_provider()
        if provider != SANDBOX and not self.endpoint():
            self._show_test_result(ADDRESS_NEEDED, "error")
            return
        try:
            endpoint = _settings.check_endpoint(self.endpoint())
        except ValueError as exc:
            self._show_test_result(str(exc), "error")
            return
        if provider == TWILIO and bool(self.typed_sid()) != bool(self.typed_token()):
            self._show_test_result(BOTH_NEEDED, "error")
            return
        token = None if provider == SANDBOX else (self.typed_credential() or None)
        self._show_test_result(TESTING, "muted")
        self.ui.settings__test_connection.setEnabled(False)
        asked = (provider, endpoint)
        self.test_handle = run_task(
            self.app.test_connection, endpoint, token, provider=provider,
            on_result=lambda sentence: self._tested(asked, str(sentence), "ok"),
            on_error=lambda exc: self._tested(asked, str(exc).strip() or TEST_FAILED, "error"))

    def _tested(self, asked: tuple[str, str], text: str, tone: str) -> None:
        if not _alive(self):
            return
        self.ui.settings__test_connection.setEnabled(True)
        if (self.chosen_provider(), self._checked_endpoint()) != asked:
            # The user chose another provider or address meanwhile: this answer is old.
            self.ui.settings__test_result.hide()
            self._fit()
            return
        self._show_test_result(text, tone)

    def _show_test_result(self, text: str, tone: str) -> None:
        label = self.ui.settings__test_result
        label.setText(text)
        theme.set_tone(label, tone)
        label.show()
        self._fit()

    # ------------------------------------------------------------------ data folder
    def open_folder(self, path: Path) -> None:
        """Show ``path`` in the file manager (tests replace this method)."""
        Path(path).mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # ------------------------------------------------------------------ saving
    def problem(self) -> tuple[str, QWidget] | None:
        """What stops saving, in plain words, and the field to fix (None when fine)."""
        ui = self.ui
        provider = self.chosen_provider()
        endpoint = _settings.SANDBOX
        if provider != SANDBOX:
            if not self.endpoint():
                return ADDRESS_NEEDED, ui.settings__endpoint_url
            try:
                endpoint = _settings.check_endpoint(self.endpoint())
            except ValueError as exc:
                return str(exc), ui.settings__endpoint_url
        if provider == TWILIO and (self.typed_sid() or self.typed_token()):
            if not (self.typed_sid() and self.typed_token()):
                empty = ui.settings__account_sid if not self.typed_sid() else ui.settings__token
                return BOTH_NEEDED, empty
            from portwizard.endpoint.providers.twilio import parse_credential

            try:
                parse_credential(self.typed_credential())
            except ValueError as exc:
                return str(exc), ui.settings__account_sid
        if self._name_problem():
            self._show_name_message(True)
            return NAME_NEEDED, ui.settings__provider_name
        if provider != SANDBOX and not self.typed_credential() and not self._token_saved(endpoint):
            first = ui.settings__account_sid if provider == TWILIO else ui.settings__token
            return CREDENTIAL[provider][5], first
        return None

    def new_settings(self) -> _settings.Settings:
        """The settings as the fields say (call after :meth:`problem` returned None)."""
        ui = self.ui
        provider = self.chosen_provider()
        if provider == SANDBOX or (provider in ADAPTED and not self.overrides_url()):
            endpoint_url = _settings.SANDBOX  # for Telnyx/Twilio: their official address
        else:
            endpoint_url = _settings.check_endpoint(self.endpoint())
        return _settings.Settings(**{
            **self.app.settings.to_dict(),
            "provider": provider,
            "endpoint_url": endpoint_url,
            "provider_name": self.provider_name(),
            "foc_lead_business_days": ui.settings__foc_lead_business_days.value(),
            "refresh_minutes": ui.settings__refresh_minutes.value(),
            "notifications": ui.settings__notifications.isChecked(),
        })

    def accept(self) -> None:
        found = self.problem()
        if found is not None:
            message, widget = found
            self.show_error(message)
            widget.setFocus()
            return
        new = self.new_settings()
        try:
            credential = self.typed_credential()
            if credential and not new.uses_sandbox:
                self.app.set_token(new.active_endpoint, credential, provider=new.active_provider)
            self.app.apply_settings(new)
        except Exception as exc:  # password storage missing, disk full: say so, stay open
            log.warning("saving the settings failed (%s)", type(exc).__name__)
            self.show_error(f"The settings could not be saved: {exc}")
            return
        self.ui.settings__token.clear()
        self.ui.settings__account_sid.clear()
        super().accept()

    def done(self, result: int) -> None:
        # Answers still on their way are no longer wanted.
        for handle in [*self._token_lookups.values(), self.test_handle]:
            if handle is not None:
                handle.cancel()
        self._token_lookups.clear()
        if self.test_handle is not None and not self.test_handle.done:
            self.ui.settings__test_connection.setEnabled(True)
        super().done(result)

    # ------------------------------------------------------------------ messages and layout
    def show_error(self, message: str) -> None:
        label = self.ui.settings__error
        label.setText(message)
        theme.set_tone(label, "error")
        label.show()
        self._fit()

    def _hide_error(self) -> None:
        self.ui.settings__error.hide()
        self._fit()

    def error_text(self) -> str:
        """The message under the fields ("" when none is shown)."""
        label = self.ui.settings__error
        return label.text() if not label.isHidden() else ""

    def _fit(self) -> None:
        """Grow (never shrink) the window so wrapped messages are not clipped."""
        layout = self.layout()
        layout.invalidate()
        layout.activate()
        width = self.width()
        height = self.heightForWidth(width) if self.hasHeightForWidth() else -1
        height = max(height, self.sizeHint().height(), self.minimumSizeHint().height())
        if height > self.height():
            self.resize(width, height)
        # The form layout sizes its rows from size hints, not from the height a wrapped label
        # needs at the width it really got: give each such label that height as its minimum
        # (two rounds settle it, since the widths follow the new layout).
        for _ in range(2):
            layout.activate()
            changed = False
            for label in self.findChildren(QLabel):
                if label.isVisible() and label.wordWrap() and label.width() > 0:
                    need = label.heightForWidth(label.width())
                    if need > 0 and need != label.minimumHeight():
                        label.setMinimumHeight(need)
                        changed = True
            if not changed:
                break
            layout.activate()
            if self.minimumSizeHint().height() > self.height():
                self.resize(self.width(), self.minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.isVisible() and event.oldSize().width() != event.size().width():
            self._fit()

    def showEvent(self, event) -> None:  # noqa: N802
        # Only now is the real width known (scale factor, fonts): wrapped hints need the
        # height that width gives them, or their second line is cut off (seen at 200%).
        super().showEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            theme.refresh_tones(self)
        super().changeEvent(event)
