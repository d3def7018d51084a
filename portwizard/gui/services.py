"""Everything the windows need, in one object: settings, local store, password storage,
endpoint connections, submission and tracking.

The app builds one :class:`AppServices` with :meth:`AppServices.create`; tests build their
own with a temporary home folder and in-memory secrets. Nothing slow happens here: the
database is opened (milliseconds), but the endpoint client, the built-in sandbox, the
submission and tracking services are created the first time they are used, so requests and
the sandbox server stay off the start-up path.

No Qt in this module: the same object works in a worker thread and in tests.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portwizard import secrets as _secrets
from portwizard.settings import SANDBOX, Settings
from portwizard.store import Store
from portwizard.store.db import DB_NAME

log = logging.getLogger(__name__)


@dataclass
class AppServices:
    settings: Settings
    store: Store
    secrets: _secrets.SecretStore
    home: Path | None = None  # the folder given to create(), None for the real user folders
    settings_path: Path | None = None
    _connector: Any = field(default=None, repr=False)
    _submission: Any = field(default=None, repr=False)
    _tracking: Any = field(default=None, repr=False)
    _closed: bool = field(default=False, repr=False)

    # ------------------------------------------------------------------ construction
    @classmethod
    def create(cls, home: str | Path | None = None,
               secrets: _secrets.SecretStore | None = None) -> "AppServices":
        """Open the store and load the settings.

        ``home``: a folder holding ``data/`` and ``config/`` (tests pass a temporary one);
        None uses the normal per-user folders (or ``PORTWIZARD_HOME``).
        ``secrets``: None uses the default secret store (the OS keyring; tests install a
        memory store in conftest).
        """
        if home is not None:
            home = Path(home)
            (home / "data").mkdir(parents=True, exist_ok=True)
            (home / "config").mkdir(parents=True, exist_ok=True)
            db_path = home / "data" / DB_NAME
            settings_path = home / "config" / "settings.json"
        else:
            db_path = None
            settings_path = None
        secret_store = secrets if secrets is not None else _secrets.default_secret_store()
        settings = Settings.load(settings_path)
        store = Store(db_path, secrets=secret_store)
        return cls(settings=settings, store=store, secrets=secret_store,
                   home=home, settings_path=settings_path)

    # ------------------------------------------------------------------ lazy parts
    @property
    def provider_name(self) -> str:
        return self.settings.provider_name

    @property
    def endpoint(self) -> str:
        """The endpoint setting: ``"sandbox"`` or the provider's https address."""
        return self.settings.endpoint_url

    @property
    def uses_sandbox(self) -> bool:
        return self.settings.endpoint_url == SANDBOX

    @property
    def connector(self):
        """Makes endpoint clients; starts the built-in sandbox on first use (loopback)."""
        if self._connector is None:
            from portwizard.services.connection import Connector

            self._connector = Connector(self.settings, self.secrets)
        return self._connector

    def endpoint_client(self):
        """A client for the configured endpoint (the sandbox is started if needed).

        Raises ``portwizard.services.connection.NotReady`` with a plain message when, for
        example, no token is saved for a real provider. Call it from a worker thread.
        """
        return self.connector.client(self.settings.endpoint_url)

    @property
    def tracking(self):
        if self._tracking is None:
            from portwizard.services.tracking import TrackingService

            self._tracking = TrackingService(self.store, self.connector)
        return self._tracking

    @property
    def submission(self):
        if self._submission is None:
            from portwizard.services import submission as _submission

            self._submission = _submission.SubmissionService(
                self.store, settings=self.settings, secrets=self.secrets,
                connector=self.connector, attachments_dir=self.data_dir / "attachments")
        return self._submission

    @property
    def data_dir(self) -> Path:
        """Folder for this app's files (attachments, opened draft files)."""
        if self.home is not None:
            return self.home / "data"
        from portwizard.paths import data_dir

        return data_dir()

    def validation_context(self, **overrides):
        return self.settings.validation_context(**overrides)

    # ------------------------------------------------------------------ settings and token
    def has_token(self, endpoint: str | None = None) -> bool:
        """Whether a token is saved for ``endpoint`` (the sandbox needs none)."""
        endpoint = endpoint or self.settings.endpoint_url
        if endpoint == SANDBOX:
            return True
        try:
            return bool(self.secrets.get(_secrets.token_key(endpoint)))
        except _secrets.SecretStoreError:
            return False

    def set_token(self, endpoint: str, token: str) -> None:
        """Keep ``token`` for ``endpoint`` in the password storage (never anywhere else)."""
        if endpoint == SANDBOX:
            return
        self.secrets.set(_secrets.token_key(endpoint), token.strip())
        if self._connector is not None:
            self._connector.forget(endpoint)

    def apply_settings(self, new: Settings) -> None:
        """Save ``new`` and make every part use it (the same Settings object is shared)."""
        old_endpoint = self.settings.endpoint_url
        for name, value in new.to_dict().items():
            setattr(self.settings, name, value)
        self.settings.save(self.settings_path)
        if self._connector is not None and old_endpoint != self.settings.endpoint_url:
            self._connector.forget(old_endpoint)

    # ------------------------------------------------------------------ shutdown
    def close(self) -> None:
        """Close connections and the store and stop the built-in sandbox (idempotent)."""
        if self._closed:
            return
        self._closed = True
        if self._connector is not None:
            try:
                self._connector.close()
            except Exception as exc:  # best effort at shutdown
                log.warning("closing the endpoint connections failed: %s", type(exc).__name__)
            try:
                from portwizard.services.connection import stop_builtin_sandboxes

                stop_builtin_sandboxes()
            except Exception as exc:
                log.warning("stopping the sandbox failed: %s", type(exc).__name__)
        try:
            self.store.close()
        except Exception as exc:
            log.warning("closing the database failed: %s", type(exc).__name__)
