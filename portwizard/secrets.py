"""Secrets (the endpoint token, each order's PIN) live in the OS password storage, never in
the SQLite file, settings or logs.

:class:`SecretStore` is the small interface the rest of the program uses; the real one sits
on ``keyring`` (service name ``portwizard``; imported lazily so start-up stays fast), tests
install :class:`MemorySecretStore` (see ``tests/conftest.py``) so no test touches the real
keyring. A broken or missing keyring backend becomes :class:`SecretStoreError` with one
plain sentence, never a traceback.

Key names used by the program (values never appear anywhere else):
    ``token:<endpoint url>``   the access token for one endpoint speaking our own API
    ``token:<provider>:<url>`` the credential for a real provider's API (Telnyx: the API
                               key; Twilio: ``ACCOUNT_SID:AUTH_TOKEN``)
    ``pin:draft:<draft id>``   the PIN of a saved draft
    ``pin:order:<order id>``   the PIN of a submitted order
    ``pin:outbox:<entry id>``  the PIN of a queued resubmission
"""
from __future__ import annotations

import logging
import threading
from typing import Protocol, runtime_checkable

SERVICE = "portwizard"

log = logging.getLogger(__name__)


class SecretStoreError(Exception):
    """The password storage could not be used. The message is safe to show (no secret)."""


def _unavailable(exc: BaseException) -> SecretStoreError:
    # Keep only the backend's explanation; exception texts from keyring backends describe
    # the backend problem and never carry the password itself.
    text = " ".join(str(exc).split())
    detail = text.split(". ")[0].rstrip(".") if text else type(exc).__name__
    if len(detail) > 120:
        detail = detail[:117] + "..."
    return SecretStoreError(
        f"your system's password storage is not available: {detail} "
        "(on Linux install and unlock a keyring such as GNOME Keyring or KWallet; "
        "on Windows and macOS sign in to your user account normally)")


@runtime_checkable
class SecretStore(Protocol):
    """get/set/delete strings by key. ``get`` returns None when nothing is stored."""

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def delete(self, key: str) -> None: ...


class KeyringSecretStore:
    """The OS password storage (Windows Credential Locker, macOS Keychain, Secret Service)."""

    def __init__(self, service: str = SERVICE):
        self.service = service

    @staticmethod
    def _keyring():
        try:
            import keyring
        except Exception as exc:  # pragma: no cover - keyring is a hard dependency
            raise _unavailable(exc) from None
        return keyring

    def get(self, key: str) -> str | None:
        kr = self._keyring()
        try:
            return kr.get_password(self.service, key)
        except Exception as exc:
            raise _unavailable(exc) from None

    def set(self, key: str, value: str) -> None:
        kr = self._keyring()
        try:
            kr.set_password(self.service, key, value)
        except Exception as exc:
            raise _unavailable(exc) from None

    def delete(self, key: str) -> None:
        kr = self._keyring()
        try:
            kr.delete_password(self.service, key)
        except Exception as exc:
            from keyring.errors import PasswordDeleteError

            if isinstance(exc, PasswordDeleteError):
                return  # nothing stored under that key: deleting is already done
            raise _unavailable(exc) from None


class MemorySecretStore:
    """In-process secrets for tests (and a fallback that keeps a PIN for this session)."""

    def __init__(self, initial: dict[str, str] | None = None):
        self._data: dict[str, str] = dict(initial or {})
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._data.get(key)

    def set(self, key: str, value: str) -> None:
        with self._lock:
            self._data[key] = value

    def delete(self, key: str) -> None:
        with self._lock:
            self._data.pop(key, None)

    def keys(self) -> list[str]:
        with self._lock:
            return sorted(self._data)

    def __repr__(self) -> str:  # never show the values
        return f"MemorySecretStore({len(self._data)} secrets)"


#: a key nothing is stored under: asking for it shows whether the storage answers at all
PROBE_KEY = "portwizard.probe"

#: what the window and the command line say when PINs cannot be kept (one wording)
NO_STORAGE_TEXT = ("Your PINs cannot be kept between sessions because this computer has no "
                   "password storage; a PIN you type is kept only while portwizard is open. "
                   "Send your orders before closing portwizard, or type the PIN again next "
                   "time.")


def no_storage_message(problem: str) -> str:
    """:data:`NO_STORAGE_TEXT` with the system's reason (a :class:`SecretStoreError`'s
    message): the main window's banner and the command line's warning both say this."""
    reason = problem.strip().rstrip(".")
    return f"{NO_STORAGE_TEXT} ({reason[:1].upper()}{reason[1:]}.)"


def storage_problem(store: SecretStore) -> str | None:
    """Why ``store`` cannot keep secrets (a plain message), or None when it answers. Slow on
    some systems (D-Bus, a keychain): call it off the GUI thread."""
    try:
        store.get(PROBE_KEY)
    except SecretStoreError as exc:
        return str(exc)
    return None


_override: SecretStore | None = None


def default_secret_store() -> SecretStore:
    """The store the program uses: the one installed by :func:`install_secret_store`
    (tests), else the OS keyring."""
    return _override if _override is not None else KeyringSecretStore()


def install_secret_store(store: SecretStore | None) -> SecretStore | None:
    """Make ``store`` the default (None restores the OS keyring); returns the previous one."""
    global _override
    previous, _override = _override, store
    return previous


# --------------------------------------------------------------------------- key names


def token_key(endpoint_url: str) -> str:
    return f"token:{endpoint_url.strip().rstrip('/')}"


def provider_token_key(provider: str, endpoint_url: str) -> str:
    """The key of the credential for ``provider`` at ``endpoint_url``. An endpoint speaking
    our own API keeps its old key (:func:`token_key`), so saved tokens keep working."""
    if provider in ("sandbox", "portwizard"):
        return token_key(endpoint_url)
    return f"token:{provider}:{endpoint_url.strip().rstrip('/')}"


def draft_pin_key(draft_id: str) -> str:
    return f"pin:draft:{draft_id}"


def order_pin_key(order_id: str) -> str:
    return f"pin:order:{order_id}"


def outbox_pin_key(entry_id: int | str) -> str:
    return f"pin:outbox:{entry_id}"
