"""HTTP client for the port-order API described in ``resources/openapi.yaml``.

``requests`` is imported when a client is created, never at import time, so the GUI starts
without loading it. One :class:`EndpointClient` holds one ``requests.Session`` (connection
pooling, retries); it is safe to use from one worker thread at a time.
"""
from __future__ import annotations

import ipaddress
import json
import socket
import uuid
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from portwizard.endpoint.errors import (
    AuthError, Conflict, EndpointError, IdempotencyMismatch, InsecureURL, InvalidOrder,
    NotFound, UnexpectedAnswer, Unavailable,
)

from portwizard.endpoint.providers.base import (  # noqa: F401  (re-exported)
    PortabilityResult, read_attachment, seg,
)
from portwizard.endpoint.providers.plumbing import (  # noqa: F401  (re-exported)
    DEFAULT_DEADLINE, DEFAULT_TIMEOUT, MAX_ANSWER_BYTES, MAX_RETRY_AFTER, BearerAuth,
    HttpPlumbing, make_session,
)


def is_loopback_host(host: str) -> bool:
    """True for this computer: 127.0.0.0/8 and ``::1`` (also IPv4-mapped), and ``localhost``
    or a ``*.localhost`` name only when EVERY address it resolves to is one of those (a
    name is a promise anyone's resolver or hosts file can break)."""
    return bool(loopback_addresses(host))


def loopback_addresses(host: str) -> list[str]:
    """The addresses of ``host`` when every one is loopback, else ``[]``. Only literal
    addresses and ``localhost``/``*.localhost`` names can qualify: no other name is
    looked up."""
    host = (host or "").strip("[]").lower().rstrip(".")
    if not host:
        return []
    try:
        literal = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        literal = None
    if literal is not None:
        return [str(literal)] if _loopback_ip(literal) else []
    if host != "localhost" and not host.endswith(".localhost"):
        return []
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    found: list[str] = []
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]
        try:
            if not _loopback_ip(ipaddress.ip_address(address)):
                return []
        except ValueError:
            return []
        if address not in found:
            found.append(address)
    return found


def _loopback_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped.is_loopback
    return ip.is_loopback


def check_url(base_url: str) -> str:
    """Return the normalised base URL or raise :class:`InsecureURL`.

    https is always fine; plain http only to this computer (the built-in sandbox), because
    anything else would send the access token and the customer's PIN unencrypted.
    """
    url = (base_url or "").strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        parts, host = None, ""
    if parts is None or parts.scheme not in ("http", "https") or not host:
        raise InsecureURL(
            "The provider address is not a web address. Enter it as https://… "
            "(ask your provider for their porting API address)."
        )
    if parts.scheme == "http" and not is_loopback_host(host):
        raise InsecureURL(
            f"The provider address {parts.scheme}://{host} is not encrypted, so your access "
            "token and PIN could be read on the way. Use the https:// address instead."
        )
    return url.rstrip("/")


class EndpointClient(HttpPlumbing):
    """Talks to one endpoint speaking portwizard's own API (the built-in sandbox included).

    It offers the interface every provider connection offers
    (:class:`portwizard.endpoint.providers.base.ProviderClient`). ``timeout`` is
    ``(connect, read)`` seconds per attempt; ``retries`` is how many times a failed attempt
    (connection error, timeout, 429 or 5xx) is repeated with backoff before
    :class:`Unavailable` is raised. ``deadline`` bounds a whole call (retries and answer
    included) and ``max_answer_bytes`` the answer read (:class:`HttpPlumbing`).
    """

    def __init__(self, base_url: str, token: str | None, *, timeout=DEFAULT_TIMEOUT,
                 retries: int = 3, session=None, backoff_factor: float = 0.3,
                 deadline: float = DEFAULT_DEADLINE, max_answer_bytes: int = MAX_ANSWER_BYTES):
        self._token = token or None
        # Retrying POST is normally unsafe: a request that timed out may have been carried
        # out, and sending it again would file a second port order. Every POST this client
        # makes carries an Idempotency-Key (create, resubmit, cancel and comment alike), and
        # the server answers a repeated key with the result of the first request instead of
        # doing it again. That makes every method safe to retry (retry_methods=None).
        super().__init__(base_url, timeout=timeout, retries=retries, session=session,
                         backoff_factor=backoff_factor, retry_methods=None,
                         auth=BearerAuth(self._token), secrets=[self._token or ""],
                         deadline=deadline, max_answer_bytes=max_answer_bytes)

    # ------------------------------------------------------------------ set-up

    @staticmethod
    def _make_session(retries: int, backoff_factor: float, loopback: bool = False):
        return make_session(retries, backoff_factor, loopback=loopback, retry_methods=None)

    # ------------------------------------------------------------------ API

    def list_targets(self) -> list[dict]:
        """Lines and sub-accounts at the new provider that can receive numbers."""
        return self._request("GET", "/v1/targets")["targets"]

    def create_order(self, order_doc: dict, attachments: Mapping[str, Path | str],
                     idempotency_key: str, *, progress=None) -> dict:
        """File a port order; returns its state. Calling it again with the same key and the
        same document and files returns the same order (never a second one). ``progress`` is
        accepted for the common interface and not needed: this API takes the order in one
        idempotent request."""
        return self._send_order("POST", "/v1/port-orders", order_doc, attachments,
                                idempotency_key)

    def get_order(self, order_id: str) -> dict:
        return self._request("GET", f"/v1/port-orders/{_seg(order_id)}")

    def list_orders(self) -> list[dict]:
        return self._request("GET", "/v1/port-orders")["orders"]

    def resubmit(self, order_id: str, order_doc: dict, attachments: Mapping[str, Path | str],
                 idempotency_key: str, *, progress=None) -> dict:
        """Send a corrected document (and new files) for a rejected order (``progress``:
        as for :meth:`create_order`)."""
        return self._send_order("POST", f"/v1/port-orders/{_seg(order_id)}/resubmit",
                                order_doc, attachments, idempotency_key)

    def cancel(self, order_id: str, idempotency_key: str | None = None) -> dict:
        """Ask to cancel; :class:`Conflict` when it is too late (48 h before FOC, done).

        Pass the same ``idempotency_key`` when an outbox re-sends the request later; without
        one, a fresh key still makes the client's own retries safe."""
        return self._request("POST", f"/v1/port-orders/{_seg(order_id)}/cancel",
                             idempotency_key=idempotency_key or _new_key())

    def add_comment(self, order_id: str, text: str, idempotency_key: str | None = None) -> dict:
        """Add a note for the provider; returns the order state with its comments. A re-sent
        comment with the same ``idempotency_key`` is not added twice."""
        return self._request("POST", f"/v1/port-orders/{_seg(order_id)}/comments",
                             json_body={"text": text},
                             idempotency_key=idempotency_key or _new_key())

    def check_portability(self, numbers) -> list[PortabilityResult]:
        """Our API has no portability check: every number comes back unchecked (the
        provider's review answers instead)."""
        return [PortabilityResult(str(n), True, False, "", checked=False) for n in numbers]

    # ------------------------------------------------------------------ plumbing

    def _send_order(self, method: str, path: str, order_doc: dict,
                    attachments: Mapping[str, Path | str], idempotency_key: str) -> dict:
        if not idempotency_key:
            raise ValueError("idempotency_key is required")
        files: list[tuple[str, tuple]] = [
            ("order", ("order.json", json.dumps(order_doc, ensure_ascii=False,
                                                sort_keys=True).encode("utf-8"),
                       "application/json")),
        ]
        for kind, path_like in (attachments or {}).items():
            if not path_like:
                continue
            files.append((kind, read_attachment(kind, path_like)))
        state = self._request(method, path, files=files, idempotency_key=idempotency_key)
        if not isinstance(state.get("id"), str) or not state["id"].strip():
            # Accepted or not? Without its number the order cannot be tracked, and calling it
            # sent would leave the user waiting for nothing: the outbox holds it (same key).
            raise UnexpectedAnswer(
                f"The provider at {self._host} said it accepted the order but sent no order "
                "number, so portwizard cannot tell whether it has the order; it is not marked "
                "as sent. Check the provider address in Settings, then send it again (it "
                "will not be filed twice).", status=None)
        return state

    def _request(self, method: str, path: str, *, json_body: Any = None, files=None,
                 idempotency_key: str | None = None) -> Any:
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        return self._handle(self._send(method, path, json_body=json_body, files=files,
                                       headers=headers))

    def _handle(self, response) -> Any:
        status = response.status_code
        body: Any = None
        try:
            body = response.json()
        except ValueError:
            body = None
        if 200 <= status < 300:
            if not isinstance(body, dict):  # every answer of our API is a JSON object
                raise UnexpectedAnswer(
                    f"The provider at {self._host} sent an answer portwizard cannot read "
                    "(not the porting API's answer), so nothing is taken as done. Check the "
                    "provider address in Settings.", status=status)
            return body
        err = body if isinstance(body, dict) else {}
        code = err.get("code") if isinstance(err.get("code"), str) else None
        server_msg = self._scrub(err.get("message")) if isinstance(err.get("message"), str) else ""
        findings = [self._scrub_finding(f) for f in err.get("findings") or []
                    if isinstance(f, dict)]

        if status in (401, 403):
            if code == "token_missing" or not self._token:
                msg = ("No access token is set for the provider, so it refused the request. "
                       "Enter the token from your provider in Settings (the built-in sandbox "
                       "uses its demo token).")
            elif status == 403:
                msg = ("The provider accepted the access token but it may not do this. Ask "
                       "your provider for a token with porting rights and enter it in Settings.")
            else:
                msg = ("The provider did not accept the access token. Copy the token again "
                       "from your provider's portal and enter it in Settings.")
            raise AuthError(msg, status=status, code=code)
        if status == 404:
            raise NotFound(server_msg or (
                "The provider does not know this order. It may have been filed with another "
                "provider address; check Settings."), status=status, code=code)
        if status == 409 and code == "idempotency_key_reused":
            raise IdempotencyMismatch(server_msg or (
                "This request reused the key of a different request."), status=status, code=code)
        if status == 409:
            raise Conflict(server_msg or "The provider cannot do this for the order right now.",
                           status=status, code=code)
        if status in (400, 413, 415, 422):
            raise InvalidOrder(server_msg or (
                "The provider refused the order. Check the order and its files, then send "
                "it again."), findings=findings, status=status, code=code)
        if status == 429 or status >= 500:
            raise Unavailable(self._unavailable_text(status), status=status, code=code)
        raise EndpointError(server_msg or (
            f"The provider at {self._host} answered with an unexpected error ({status})."),
            status=status, code=code)

    def _scrub_finding(self, finding: dict) -> dict:
        return {k: self._scrub(finding.get(k, "")) for k in ("field", "code", "message")}


def _seg(value: str) -> str:
    return seg(value)


def _new_key() -> str:
    return str(uuid.uuid4())
