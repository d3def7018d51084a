"""Settings shared by the wizard window and the command line.

One small JSON file, ``settings.json`` in :func:`portwizard.paths.config_dir`. Loading is
tolerant: a missing, unreadable or hand-broken file, or one bad value, gives the defaults
for what could not be read plus a plain warning, never a crash. Saving is atomic (write a
temporary file next to it, then rename), so a crash mid-save never leaves half a file.

No secret is ever stored here: the endpoint token lives in the OS password storage
(:mod:`portwizard.secrets`).
"""
from __future__ import annotations

import dataclasses
import json
import logging
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

from portwizard.endpoint.providers import (
    ADAPTED, OFFICIAL_URLS, PORTWIZARD, PROVIDERS, family_of,
)

FILE_NAME = "settings.json"
SANDBOX = "sandbox"  # endpoint_url value meaning "the built-in sandbox on loopback"
# The provider the built-in sandbox plays; printed on the Letter of Authorization.
DEFAULT_PROVIDER_NAME = "Sandbox Telecom (demo)"
# How often open orders are checked with the provider, in minutes (0: only by hand).
DEFAULT_REFRESH_MINUTES = 15
MAX_REFRESH_MINUTES = 24 * 60
# The sandbox's days pass in seconds, so with the default interval it is checked this often.
SANDBOX_REFRESH_SECONDS = 20


@dataclass
class Settings:
    """``provider`` and ``endpoint_url`` together choose the connection:

    - "sandbox" / "portwizard" (our own API): ``endpoint_url`` decides between them, as it
      always has: "sandbox" is the built-in sandbox, a URL an endpoint speaking our API
      (settings files from before real providers have no ``provider`` and load unchanged);
    - "telnyx" / "twilio": ``endpoint_url`` is an override of the provider's official API
      address (a URL), and "sandbox" (the default) means the official address.

    Read the effective choice from :attr:`active_provider` and :attr:`active_endpoint`.
    """
    endpoint_url: str = SANDBOX
    provider: str = SANDBOX
    provider_name: str = DEFAULT_PROVIDER_NAME
    foc_lead_business_days: int = 5
    max_attachment_mb: int = 10
    sandbox_seconds_per_day: float = 2.0
    refresh_minutes: int = DEFAULT_REFRESH_MINUTES
    notifications: bool = True  # desktop notifications when an order changes
    # Problems found while loading (not saved); plain sentences for the user.
    warnings: list[str] = field(default_factory=list, compare=False, repr=False)

    @property
    def active_provider(self) -> str:
        """"sandbox", "portwizard", "telnyx" or "twilio" (see the class docstring)."""
        if self.provider in ADAPTED:
            return self.provider
        return family_of(self.endpoint_url)

    @property
    def active_endpoint(self) -> str:
        """The address orders go to: "sandbox", or the base URL (a provider's official one
        unless overridden)."""
        if self.provider in ADAPTED and self.endpoint_url == SANDBOX:
            return OFFICIAL_URLS[self.provider]
        return self.endpoint_url

    @property
    def uses_sandbox(self) -> bool:
        return self.active_provider == SANDBOX

    def refresh_interval_seconds(self) -> int:
        """Seconds between automatic checks of the open orders; 0 means only by hand.

        The one place for this rule: the built-in sandbox simulates a day in seconds, so with
        the default interval it is checked every :data:`SANDBOX_REFRESH_SECONDS` instead;
        any interval the user chose is kept as chosen."""
        if self.refresh_minutes <= 0:
            return 0
        if self.uses_sandbox and self.refresh_minutes == DEFAULT_REFRESH_MINUTES:
            return SANDBOX_REFRESH_SECONDS
        return self.refresh_minutes * 60

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if f.name != "warnings"}

    def validation_context(self, provider: str | None = None, **overrides):
        """A :class:`portwizard.domain.validation.Context` with these settings applied: the
        lead time and the profile of ``provider`` (None: the chosen one,
        :attr:`active_provider`), which the provider rules read."""
        from portwizard.domain.providers import profile_for
        from portwizard.domain.validation import Context

        profile = profile_for(provider or self.active_provider)
        return Context(foc_lead_business_days=self.foc_lead_business_days, provider=profile,
                       **overrides)

    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        return load(path)

    def save(self, path: Path | None = None) -> Path:
        return save(self, path)


def settings_path() -> Path:
    from portwizard.paths import config_dir

    return config_dir() / FILE_NAME


# --------------------------------------------------------------------------- checks per key


def check_endpoint(value: Any) -> str:
    """``value`` as a usable ``endpoint_url``: "sandbox", or the provider address normalised
    by the client's own rule (:func:`portwizard.endpoint.client.check_url`: https, or plain
    http only to this computer). Raises ValueError with the client's plain message."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("it must be \"sandbox\" or a web address starting with https://")
    value = value.strip()
    if value == SANDBOX:
        return value
    from portwizard.endpoint import InsecureURL
    from portwizard.endpoint.client import check_url  # pure: no requests at import time

    try:
        return check_url(value)
    except InsecureURL as exc:
        raise ValueError(str(exc)) from None




def check_provider(value: Any) -> str:
    if value not in PROVIDERS:
        raise ValueError("it must be one of " + ", ".join(f'"{p}"' for p in PROVIDERS))
    return value


def _check_text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("it must be a non-empty text")
    return value.strip()


def _int_between(low: int, high: int):
    def check(value: Any) -> int:
        # json reads Infinity, NaN and 1e400 as floats that int() cannot convert.
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or (isinstance(value, float) and not math.isfinite(value))
                or int(value) != value):
            raise ValueError(f"it must be a whole number from {low} to {high}")
        if not low <= value <= high:
            raise ValueError(f"it must be from {low} to {high}")
        return int(value)
    return check


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.01 <= value <= 86400:
        raise ValueError("it must be a number of seconds from 0.01 to 86400")
    return float(value)


def _check_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("it must be true or false")
    return value


_CHECKS = {
    "endpoint_url": check_endpoint,
    "provider": check_provider,
    "provider_name": _check_text,
    "foc_lead_business_days": _int_between(1, 30),
    "max_attachment_mb": _int_between(1, 100),
    "sandbox_seconds_per_day": _seconds,
    "refresh_minutes": _int_between(0, MAX_REFRESH_MINUTES),
    "notifications": _check_bool,
}


def from_dict(data: Any) -> Settings:
    """Settings from parsed JSON; every bad or unknown value becomes a warning."""
    settings = Settings()
    if not isinstance(data, dict):
        settings.warnings.append("The settings file does not hold settings; the defaults are used.")
        return settings
    for key, value in data.items():
        check = _CHECKS.get(key)
        if check is None:
            settings.warnings.append(f"The setting \"{key}\" is unknown and was ignored.")
            continue
        try:
            setattr(settings, key, check(value))
        except (ValueError, TypeError, OverflowError) as exc:  # loading never raises
            default = getattr(Settings(), key)
            settings.warnings.append(
                f"The setting \"{key}\" has a value portwizard cannot use ({exc}); "
                f"the default {default!r} is used instead.")
    return settings


def load(path: Path | None = None) -> Settings:
    """Read the settings; never raises. Problems are in ``.warnings`` and the log."""
    path = Path(path) if path is not None else settings_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        settings = Settings()
        settings.warnings.append(
            f"The settings file {path} cannot be read ({exc.strerror or exc}); the defaults are used.")
    else:
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            settings = Settings()
            settings.warnings.append(
                f"The settings file {path} is damaged; the defaults are used. "
                "Saving the settings again will repair it.")
        else:
            settings = from_dict(data)
    for text in settings.warnings:
        log.warning("%s", text)
    return settings


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically; returns the file's path."""
    path = Path(path) if path is not None else settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for key, check in _CHECKS.items():  # never write a value we would refuse to load
        setattr(settings, key, check(getattr(settings, key)))
    settings.provider = settings.active_provider  # the file says what is used
    text = json.dumps(settings.to_dict(), indent=2, ensure_ascii=False) + "\n"
    import tempfile  # only when saving (it loads shutil and random)

    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path
