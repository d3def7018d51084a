"""From the (provider, endpoint) of an order or the settings to a working client.

``"sandbox"`` (the default) means the built-in sandbox: it is started on demand, once per
process, on 127.0.0.1 with a free port and its own SQLite file in the data folder, and its
public demo token is used automatically. Any other endpoint is an https address (loopback
http for tests): of a server speaking our own API (provider "portwizard", token key
``token:<url>``) or of a real provider's API ("telnyx", "twilio": the adapters in
:mod:`portwizard.endpoint.providers`, credential key ``token:<provider>:<url>``). Every
client offers the same interface (:mod:`portwizard.endpoint.providers.base`).
"""
from __future__ import annotations

import atexit
import logging
import threading
from pathlib import Path
from typing import Any

from portwizard import secrets as _secrets
from portwizard.endpoint import SANDBOX_DB_NAME
from portwizard.endpoint.providers import ADAPTED, DISPLAY_NAMES, family_of, make_client
from portwizard.settings import SANDBOX, Settings

log = logging.getLogger(__name__)


class NotReady(Exception):
    """Sending is not possible until the user changes something (token, address, keyring).
    The message is plain and says what to do."""


_sandboxes: dict[tuple[str, float], Any] = {}
_sandbox_lock = threading.Lock()


def builtin_sandbox_db() -> Path:
    """The sandbox's orders file: ``sandbox.sqlite3`` in the data folder (also the default
    of ``portwizard sandbox``)."""
    from portwizard.paths import data_dir

    return data_dir() / SANDBOX_DB_NAME


def builtin_sandbox_url(seconds_per_day: float, db_path: Path | None = None) -> str:
    """Start (once per process and database) the built-in sandbox; returns its base URL."""
    from portwizard.endpoint import Sandbox

    db_path = Path(db_path) if db_path is not None else builtin_sandbox_db()
    key = (str(db_path), float(seconds_per_day))
    with _sandbox_lock:
        sandbox = _sandboxes.get(key)
        if sandbox is None:
            sandbox = Sandbox(db_path, host="127.0.0.1", port=0, seconds_per_day=seconds_per_day)
            sandbox.start()
            _sandboxes[key] = sandbox
            log.info("built-in sandbox started at %s", sandbox.url)
        return sandbox.url


def stop_builtin_sandboxes() -> None:
    """Stop every sandbox this process started (at exit, and between tests)."""
    with _sandbox_lock:
        items = list(_sandboxes.values())
        _sandboxes.clear()
    for sandbox in items:
        try:
            sandbox.stop()
        except Exception as exc:  # pragma: no cover - best effort at shutdown
            log.warning("the built-in sandbox did not stop cleanly: %s", type(exc).__name__)


atexit.register(stop_builtin_sandboxes)


def describe_endpoint(endpoint: str, provider: str | None = None) -> str:
    if provider in ADAPTED:
        return f"{DISPLAY_NAMES[provider]} ({endpoint})"
    return "the built-in sandbox" if endpoint == SANDBOX else endpoint


def client_for(connector, provider: str | None, endpoint: str):
    """The client for an order filed with ``provider`` at ``endpoint`` (the portwizard API
    family is asked for by endpoint alone, as connectors always have been)."""
    if provider in ADAPTED:
        return connector.client(endpoint, provider=provider)
    return connector.client(endpoint)


_CREDENTIAL_WORDS = {
    "telnyx": "Telnyx API key (Mission Control Portal, Auth, API Keys)",
    "twilio": "Twilio Account SID and Auth Token, entered as ACCOUNT_SID:AUTH_TOKEN",
}


class Connector:
    """Makes clients for endpoints; caches one client per endpoint."""

    def __init__(self, settings: Settings | None = None, secrets: _secrets.SecretStore | None = None,
                 *, client_options: dict | None = None, sandbox_db: Path | None = None):
        self.sandbox_db = sandbox_db  # None: sandbox.sqlite3 in the data folder
        self.settings = settings if settings is not None else Settings.load()
        self.secrets = secrets if secrets is not None else _secrets.default_secret_store()
        self.client_options = dict(client_options or {})
        self._clients: dict[str, Any] = {}
        self._lock = threading.Lock()

    def token_for(self, endpoint: str, provider: str | None = None) -> str | None:
        provider = provider or family_of(endpoint)
        if endpoint == SANDBOX and provider == SANDBOX:
            from portwizard.endpoint import SANDBOX_TOKEN

            return SANDBOX_TOKEN
        try:
            return self.secrets.get(_secrets.provider_token_key(provider, endpoint))
        except _secrets.SecretStoreError as exc:
            raise NotReady(f"The access token cannot be read: {exc}") from None

    @staticmethod
    def check_endpoint(endpoint: str) -> None:
        """Raise :class:`NotReady` when ``endpoint`` is not "sandbox" and not an address the
        client may use (https, or plain http only to this computer)."""
        if endpoint == SANDBOX:
            return
        from portwizard.endpoint import InsecureURL
        from portwizard.endpoint.client import check_url

        try:
            check_url(endpoint)
        except InsecureURL as exc:
            raise NotReady(str(exc)) from None

    def base_url(self, endpoint: str) -> str:
        if endpoint == SANDBOX:
            return builtin_sandbox_url(self.settings.sandbox_seconds_per_day, self.sandbox_db)
        return endpoint

    def client(self, endpoint: str, provider: str | None = None, *, shared: bool = True):
        """A client for ``endpoint`` (of ``provider``; None: the portwizard API family);
        raises :class:`NotReady` when it cannot be used yet. ``shared=False`` makes one
        for the caller alone (who closes it): a client serves one thread at a time, and the
        cached one belongs to the outbox and the background refresh."""
        provider = provider or family_of(endpoint)
        key = (provider, endpoint)
        with self._lock:
            cached = self._clients.get(key) if shared else None
            if cached is not None:
                return cached
        from portwizard.endpoint import InsecureURL

        if provider in ADAPTED and endpoint == SANDBOX:
            raise NotReady(f"{DISPLAY_NAMES[provider]} needs its web address, not the sandbox.")
        self.check_endpoint(endpoint)  # an unusable address is reported before the token
        token = (self.token_for(endpoint, provider) if provider in ADAPTED
                 else self.token_for(endpoint))
        if not token:
            if provider in ADAPTED:
                raise NotReady(
                    f"No {DISPLAY_NAMES[provider]} credential is saved for {endpoint}. Enter "
                    f"your {_CREDENTIAL_WORDS[provider]} in Settings, or save it with: "
                    f"portwizard token --provider {provider} --endpoint {endpoint}")
            raise NotReady(
                f"No access token is saved for {endpoint}. Get the porting API token from "
                f"your provider and save it with: portwizard token --endpoint {endpoint}")
        try:
            client = make_client(provider, self.base_url(endpoint), token, **self.client_options)
        except InsecureURL as exc:
            raise NotReady(str(exc)) from None
        except ValueError as exc:  # a malformed credential (e.g. Twilio without the colon)
            raise NotReady(str(exc)) from None
        if not shared:
            return client
        with self._lock:
            self._clients.setdefault(key, client)
            return self._clients[key]

    def forget(self, endpoint: str, provider: str | None = None) -> None:
        """Drop a cached client (e.g. after the token changed)."""
        with self._lock:
            client = self._clients.pop((provider or family_of(endpoint), endpoint), None)
        if client is not None:
            client.close()

    def close(self) -> None:
        with self._lock:
            clients = list(self._clients.values())
            self._clients.clear()
        for client in clients:
            client.close()
