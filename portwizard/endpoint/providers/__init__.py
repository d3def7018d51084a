"""Connections to real porting providers behind one interface (see :mod:`.base`).

``PROVIDERS`` names every kind of connection the settings can choose; :func:`make_client`
builds the client for one (provider, base URL, credential). Adapter modules are imported
only when used (they load ``requests``).

- ``sandbox``: the built-in sandbox (our own API on loopback, demo token);
- ``portwizard``: any endpoint speaking our own API (``resources/openapi.yaml``);
- ``telnyx``: Telnyx porting orders v2 (:mod:`.telnyx`), credential = API key;
- ``twilio``: Twilio Port In (:mod:`.twilio`), credential = ``ACCOUNT_SID:AUTH_TOKEN``.
"""
from __future__ import annotations

import importlib

SANDBOX = "sandbox"
PORTWIZARD = "portwizard"
TELNYX = "telnyx"
TWILIO = "twilio"
PROVIDERS = (SANDBOX, PORTWIZARD, TELNYX, TWILIO)
#: providers reached through an adapter in this package (not our own API)
ADAPTED = (TELNYX, TWILIO)

#: the provider's official API address, used unless the settings override it
OFFICIAL_URLS = {
    TELNYX: "https://api.telnyx.com/v2",
    TWILIO: "https://numbers.twilio.com",
}

#: how each provider is named to the user
DISPLAY_NAMES = {
    SANDBOX: "the built-in sandbox",
    PORTWIZARD: "a provider using the portwizard API",
    TELNYX: "Telnyx",
    TWILIO: "Twilio",
}

_ADAPTERS = {
    TELNYX: ("portwizard.endpoint.providers.telnyx", "TelnyxAdapter"),
    TWILIO: ("portwizard.endpoint.providers.twilio", "TwilioAdapter"),
}


def family_of(endpoint: str) -> str:
    """The provider of an endpoint speaking our own API: the sandbox or portwizard."""
    return SANDBOX if endpoint == SANDBOX else PORTWIZARD


def make_client(provider: str, base_url: str, credential: str | None, **options):
    """A client for ``provider`` at ``base_url`` (already a real URL; the sandbox's too).

    ``options`` are the client options (``timeout``, ``retries``, ``session``,
    ``backoff_factor``); every adapter accepts the same ones as EndpointClient."""
    if provider in (SANDBOX, PORTWIZARD):
        from portwizard.endpoint.client import EndpointClient

        return EndpointClient(base_url, credential, **options)
    try:
        module_name, class_name = _ADAPTERS[provider]
    except KeyError:
        raise ValueError(f"unknown provider {provider!r}") from None
    adapter = getattr(importlib.import_module(module_name), class_name)
    return adapter(base_url, credential, **options)
