"""What can go wrong when talking to the provider's endpoint, in the user's words.

Every exception carries a plain message an office manager can act on (what happened and
what to do). Messages never contain the access token, an account number or a PIN: the
client builds them from the HTTP status and the server's plain ``message`` field and scrubs
the token out of anything the server echoes.

``retryable`` tells the outbox whether sending the same request again later may succeed
(network down, provider overloaded) or whether the user has to change something first.
"""
from __future__ import annotations

from typing import Any


class EndpointError(Exception):
    """Base class. ``status`` is the HTTP status (None when no answer arrived); ``code`` the
    server's machine-readable error code, when it sent one."""

    retryable = False

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code

    def __str__(self) -> str:
        return self.message


class AuthError(EndpointError):
    """401/403: the access token is missing, wrong or no longer valid."""


class NotFound(EndpointError):
    """404: the order (or another resource) does not exist at this provider."""


class Conflict(EndpointError):
    """409: the order cannot do this now, e.g. cancel within 48 hours of the FOC date or
    after the numbers have moved; ``code`` says which (``too_close_to_foc``,
    ``already_completed``, ``not_rejected``, ``request_in_progress`` ...)."""


class InvalidOrder(EndpointError):
    """422 (or 413 for an attachment that is too large): the provider refused the order
    document or its files. ``findings`` is a list of ``{"field", "code", "message"}``
    dicts whose ``field`` is an order-document path such as ``carrier.account_number``
    or ``documents.invoice``."""

    def __init__(self, message: str, *, findings: list[dict[str, Any]] | None = None,
                 status: int | None = 422, code: str | None = None):
        super().__init__(message, status=status, code=code)
        self.findings = list(findings or [])


class IdempotencyMismatch(EndpointError):
    """409 ``idempotency_key_reused``: the Idempotency-Key was already used for a
    *different* request body. A programming error on our side (each new create or
    resubmit needs a fresh key; a retry must resend the identical body)."""


class Unavailable(EndpointError):
    """The provider could not be reached or answered 5xx/429 even after the retries.
    Sending the same request again later is safe (the Idempotency-Key prevents a double
    order)."""

    retryable = True


class UnexpectedAnswer(EndpointError):
    """An answer that cannot be trusted as one: a certificate nobody vouches for, a redirect
    (never followed: the token and PIN go only to the address the user set), a body that is
    not the JSON object the API promises, a success without the order's id, or an answer
    larger than :data:`~portwizard.endpoint.providers.plumbing.MAX_ANSWER_BYTES`. Sending again
    by itself does not help, and the provider may even have the order (a success without an
    id): the outbox keeps the entry, with its idempotency key, and waits for the user
    ("blocked") instead of calling it queued or sent."""


class InsecureURL(EndpointError):
    """The endpoint address would send the token unencrypted: ``http://`` to a host other
    than this computer (127.0.0.0/8, ::1, or ``localhost``/``*.localhost`` when every
    address it resolves to is one of those, checked again when connecting), or not an
    http(s) address at all."""


__all__ = [
    "EndpointError", "AuthError", "NotFound", "Conflict", "InvalidOrder",
    "IdempotencyMismatch", "Unavailable", "UnexpectedAnswer", "InsecureURL",
]
