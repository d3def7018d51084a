"""The settings dialog: where orders go, the access token, the provider's name, timing.

A thin view over the Designer form ``forms/settings.ui`` (compiled into
``portwizard.gui.ui.ui_settings``) and the application facade :class:`~portwizard.services.app.App`:

* the token is never shown back. The field stays empty and its placeholder says whether one
  is saved for the address; that is asked once per address, when the user has finished
  typing it, on a worker (the OS password storage can be slow or ask to be unlocked).
  A typed token is written only through ``app.set_token`` (the password storage), never
  into ``settings.json``;
* "Test connection" runs ``app.test_connection`` on a worker and says the plain result;
* the practice sandbox's provider name ("Sandbox Telecom (demo)") is not carried over to a
  real provider: it would be printed on the Letter of Authorization;
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


def _alive(widget: QWidget) -> bool:
    from shiboken6 import isValid

    return isValid(widget)


class SettingsDialog(QDialog):
    """Edit :class:`portwizard.settings.Settings` (and the endpoint's token) of ``app``."""

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
        for label in (ui.sandbox_note, ui.settings__refresh_hint, ui.hint):
            theme.set_tone(label, "muted")
        for label in (ui.settings__test_result, ui.settings__provider_name_message,
                      ui.settings__error):
            label.hide()
        self.setMinimumWidth(560)

        #: address -> whether a token is saved for it (asked once per address)
        self._token_known: dict[str, bool] = {}
        self._token_lookups: dict[str, TaskHandle] = {}
        #: the running "Test connection" (tests wait on ``test_handle.finished``)
        self.test_handle: TaskHandle | None = None

        self._load(app.settings)
        ui.settings__sandbox.toggled.connect(self._mode_changed)
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
        if s.uses_sandbox:
            ui.settings__sandbox.setChecked(True)
        else:
            ui.settings__provider.setChecked(True)
            ui.settings__endpoint_url.setText(s.endpoint_url)
        ui.settings__provider_name.setText(s.provider_name)
        ui.settings__foc_lead_business_days.setValue(s.foc_lead_business_days)
        ui.settings__refresh_minutes.setValue(s.refresh_minutes)
        ui.settings__notifications.setChecked(s.notifications)
        ui.settings__data_dir.setText(str(self.app.data_dir))
        ui.settings__data_dir.setCursorPosition(0)
        self._enable_endpoint_fields()

    # ------------------------------------------------------------------ reading the fields
    def uses_sandbox(self) -> bool:
        return self.ui.settings__sandbox.isChecked()

    def endpoint(self) -> str:
        """The endpoint as typed: "sandbox" or the address text (not yet checked)."""
        if self.uses_sandbox():
            return _settings.SANDBOX
        return self.ui.settings__endpoint_url.text().strip()

    def _checked_endpoint(self) -> str | None:
        """The endpoint normalised, or None when it is empty or not allowed."""
        try:
            return _settings.check_endpoint(self.endpoint())
        except ValueError:
            return None

    def typed_token(self) -> str:
        return self.ui.settings__token.text().strip()

    def provider_name(self) -> str:
        return self.ui.settings__provider_name.text().strip()

    # ------------------------------------------------------------------ endpoint and token
    def _enable_endpoint_fields(self) -> None:
        sandbox = self.uses_sandbox()
        self.ui.settings__endpoint_url.setEnabled(not sandbox)
        self.ui.settings__token.setEnabled(not sandbox)
        if sandbox:
            self.ui.settings__token.clear()
            self.ui.settings__token.setPlaceholderText(TOKEN_NOT_NEEDED)

    def _mode_changed(self, sandbox: bool) -> None:
        self._enable_endpoint_fields()
        name = self.ui.settings__provider_name
        if sandbox:
            if not name.text().strip():
                name.setText(_settings.DEFAULT_PROVIDER_NAME)
            self._show_name_message(False)
        else:
            if name.text().strip() == _settings.DEFAULT_PROVIDER_NAME:
                name.clear()  # the demo's name must not reach a real Letter of Authorization
                self._show_name_message(True)
            self._url_finished()
            self.ui.settings__endpoint_url.setFocus()
        self.ui.settings__test_result.hide()
        self._hide_error()

    def _url_edited(self, _text: str) -> None:
        # The address is unfinished while typing: no password-storage look-up yet.
        self.ui.settings__token.setPlaceholderText(TOKEN_WANTED)
        self.ui.settings__test_result.hide()

    def _url_finished(self) -> None:
        """Say whether a token is saved for the address (asked once per address, on a worker)."""
        if self.uses_sandbox():
            return
        endpoint = self._checked_endpoint()
        if endpoint is None:
            self.ui.settings__token.setPlaceholderText(TOKEN_WANTED)
            return
        if endpoint in self._token_known:
            self._show_token_state(endpoint)
            return
        if endpoint in self._token_lookups:
            return  # already asking
        self._token_lookups[endpoint] = run_task(
            self.app.has_token, endpoint,
            on_result=lambda saved, e=endpoint: self._token_found(e, bool(saved)),
            on_error=lambda exc, e=endpoint: self._token_found(e, False))

    def _token_found(self, endpoint: str, saved: bool) -> None:
        if not _alive(self):
            return
        self._token_lookups.pop(endpoint, None)
        self._token_known[endpoint] = saved
        self._show_token_state(endpoint)

    def _show_token_state(self, endpoint: str) -> None:
        if self.uses_sandbox() or self._checked_endpoint() != endpoint:
            return  # the user has moved on to another address
        self.ui.settings__token.setPlaceholderText(
            TOKEN_SAVED if self._token_known.get(endpoint) else TOKEN_WANTED)

    def token_lookup(self, endpoint: str) -> TaskHandle | None:
        """The running look-up for ``endpoint`` (tests wait on its ``finished``)."""
        return self._token_lookups.get(endpoint)

    def _token_saved(self, endpoint: str) -> bool:
        """Whether a token is saved for ``endpoint``; asks the password storage directly only
        when the background look-up has not answered yet (Save pressed right after typing)."""
        if endpoint not in self._token_known:
            self._token_known[endpoint] = self.app.has_token(endpoint)
        return self._token_known[endpoint]

    # ------------------------------------------------------------------ provider name
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
        """Try the endpoint with the typed token (or the saved one) on a worker."""
        if self.test_handle is not None and not self.test_handle.done:
            return
        if not self.uses_sandbox() and not self.endpoint():
            self._show_test_result(ADDRESS_NEEDED, "error")
            return
        try:
            endpoint = _settings.check_endpoint(self.endpoint())
        except ValueError as exc:
            self._show_test_result(str(exc), "error")
            return
        token = None if self.uses_sandbox() else (self.typed_token() or None)
        self._show_test_result(TESTING, "muted")
        self.ui.settings__test_connection.setEnabled(False)
        self.test_handle = run_task(
            self.app.test_connection, endpoint, token,
            on_result=lambda sentence: self._tested(endpoint, str(sentence), "ok"),
            on_error=lambda exc: self._tested(endpoint, str(exc).strip() or TEST_FAILED, "error"))

    def _tested(self, endpoint: str, text: str, tone: str) -> None:
        if not _alive(self):
            return
        self.ui.settings__test_connection.setEnabled(True)
        if self._checked_endpoint() != endpoint:
            # The user chose another address meanwhile: this answer is about the old one.
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
        if not self.uses_sandbox():
            if not self.endpoint():
                return ADDRESS_NEEDED, ui.settings__endpoint_url
            try:
                endpoint = _settings.check_endpoint(self.endpoint())
            except ValueError as exc:
                return str(exc), ui.settings__endpoint_url
        if self._name_problem():
            self._show_name_message(True)
            return NAME_NEEDED, ui.settings__provider_name
        if not self.uses_sandbox() and not self.typed_token() and not self._token_saved(endpoint):
            return TOKEN_NEEDED, ui.settings__token
        return None

    def new_settings(self) -> _settings.Settings:
        """The settings as the fields say (call after :meth:`problem` returned None)."""
        ui = self.ui
        return _settings.Settings(**{
            **self.app.settings.to_dict(),
            "endpoint_url": _settings.check_endpoint(self.endpoint()),
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
            token = self.typed_token()
            if token and not new.uses_sandbox:
                self.app.set_token(new.endpoint_url, token)
            self.app.apply_settings(new)
        except Exception as exc:  # password storage missing, disk full: say so, stay open
            log.warning("saving the settings failed (%s)", type(exc).__name__)
            self.show_error(f"The settings could not be saved: {exc}")
            return
        self.ui.settings__token.clear()
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
