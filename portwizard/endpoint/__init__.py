"""The provider endpoint: HTTP client, error types and the built-in sandbox server.

Importing this package is cheap (no ``requests``, no server code); the heavy parts load
when they are first used::

    from portwizard.endpoint import EndpointClient, Sandbox, SANDBOX_TOKEN
"""
from __future__ import annotations

from portwizard.endpoint.errors import (  # noqa: F401  (re-exported)
    AuthError, Conflict, EndpointError, IdempotencyMismatch, InsecureURL, InvalidOrder,
    NotFound, UnexpectedAnswer, Unavailable,
)

SANDBOX_TOKEN = "sandbox-demo-token"
# The sandbox's orders file in portwizard's data folder: the same for the built-in sandbox
# (wizard, ``submit``) and ``portwizard sandbox``, so each sees the orders of the other.
SANDBOX_DB_NAME = "sandbox.sqlite3"

_LAZY = {
    "EndpointClient": "portwizard.endpoint.client",
    "check_url": "portwizard.endpoint.client",
    "is_loopback_host": "portwizard.endpoint.client",
    "Sandbox": "portwizard.endpoint.sandbox",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'portwizard.endpoint' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
