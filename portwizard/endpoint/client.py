"""HTTP client for the port-order API described in ``resources/openapi.yaml``.

``requests`` is imported when a client is created, never at import time, so the GUI starts
without loading it. One :class:`EndpointClient` holds one ``requests.Session`` (connection
pooling, retries); it is safe to use from one worker thread at a time.
"""
from __future__ import annotations

import ipaddress
import json
import mimetypes
import uuid
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from portwizard.endpoint.errors import (
    AuthError, Conflict, EndpointError, IdempotencyMismatch, InsecureURL, InvalidOrder,
    NotFound, Unavailable,
)

DEFAULT_TIMEOUT = (3.05, 20)  # (connect, read) seconds
ATTACHMENT_KINDS = ("loa", "invoice", "csr")
_RETRY_STATUSES = (429, 500, 502, 503, 504)
MAX_RETRY_AFTER = 10.0  # seconds one call may wait for a Retry-After before giving up


def is_loopback_host(host: str) -> bool:
    """True for this computer: ``localhost``, 127.0.0.0/8 and ``::1``."""
    host = (host or "").strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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


class EndpointClient:
    """Talks to one provider endpoint.

    ``timeout`` is ``(connect, read)`` seconds per attempt; ``retries`` is how many times a
    failed attempt (connection error, timeout, 429 or 5xx) is repeated with backoff before
    :class:`Unavailable` is raised.
    """

    def __init__(self, base_url: str, token: str | None, *, timeout=DEFAULT_TIMEOUT,
                 retries: int = 3, session=None, backoff_factor: float = 0.3):
        self.base_url = check_url(base_url)
        self._token = token or None
        self.timeout = timeout
        self.retries = retries
        self._host = urlsplit(self.base_url).hostname or ""
        self._session = session if session is not None else self._make_session(
            retries, backoff_factor, loopback=is_loopback_host(self._host))
        # The token travels through a requests auth object, not a plain header: with a session
        # auth set, requests never swaps in credentials from ~/.netrc, and it strips the header
        # if a redirect ever pointed at another host (we do not follow redirects anyway).
        self._session.auth = _BearerAuth(self._token)

    # ------------------------------------------------------------------ set-up

    @staticmethod
    def _make_session(retries: int, backoff_factor: float, loopback: bool = False):
        import requests
        from requests.adapters import HTTPAdapter
        from urllib3.exceptions import MaxRetryError, ResponseError
        from urllib3.util.retry import Retry

        class _Retry(Retry):
            """Honour Retry-After, but never sit in one call for longer than
            MAX_RETRY_AFTER: a provider that asks for a longer pause gets it from the outbox,
            which tries again later, instead of freezing a worker thread."""

            def increment(self, method=None, url=None, response=None, error=None, _pool=None,
                          _stacktrace=None):
                if response is not None:
                    wait = self.get_retry_after(response)
                    if wait is not None and wait > MAX_RETRY_AFTER:
                        raise MaxRetryError(_pool, url, ResponseError(
                            f"the provider asked to wait {wait:.0f} s"))
                return super().increment(method, url, response, error, _pool, _stacktrace)

        # Retrying POST is normally unsafe: a request that timed out may have been carried
        # out, and sending it again would file a second port order. Every POST this client
        # makes carries an Idempotency-Key (create, resubmit, cancel and comment alike), and
        # the server answers a repeated key with the result of the first request instead of
        # doing it again. That makes every method safe to retry, so allowed_methods=None.
        retry = _Retry(
            total=retries, connect=retries, read=retries, status=retries, other=0,
            backoff_factor=backoff_factor, backoff_max=5.0,
            status_forcelist=_RETRY_STATUSES,
            allowed_methods=None,
            respect_retry_after_header=True,  # 429/503 with Retry-After: wait that long
            raise_on_status=False,  # hand back the last answer; we map it to an error below
            raise_on_redirect=False,
        )
        session = requests.Session()
        session.verify = True  # never switched off: the token must only go to the real host
        # Proxy settings from the environment are right for a provider on the internet, but
        # would send traffic for this computer (the sandbox) to the proxy.
        session.trust_env = not loopback
        adapter = HTTPAdapter(max_retries=retry)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        return session

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> "EndpointClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ API

    def list_targets(self) -> list[dict]:
        """Lines and sub-accounts at the new provider that can receive numbers."""
        return self._request("GET", "/v1/targets")["targets"]

    def create_order(self, order_doc: dict, attachments: Mapping[str, Path | str],
                     idempotency_key: str) -> dict:
        """File a port order; returns its state. Calling it again with the same key and the
        same document and files returns the same order (never a second one)."""
        return self._send_order("POST", "/v1/port-orders", order_doc, attachments,
                                idempotency_key)

    def get_order(self, order_id: str) -> dict:
        return self._request("GET", f"/v1/port-orders/{_seg(order_id)}")

    def list_orders(self) -> list[dict]:
        return self._request("GET", "/v1/port-orders")["orders"]

    def resubmit(self, order_id: str, order_doc: dict, attachments: Mapping[str, Path | str],
                 idempotency_key: str) -> dict:
        """Send a corrected document (and new files) for a rejected order."""
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
            file_path = Path(path_like)
            try:
                data = file_path.read_bytes()
            except OSError as exc:
                raise InvalidOrder(
                    f"The {_kind_label(kind)} file {file_path.name} cannot be read "
                    f"({exc.strerror or exc}). Choose the file again.",
                    findings=[{"field": f"documents.{kind}", "code": "attachment_unreadable",
                               "message": f"{file_path.name} cannot be read."}],
                    status=None, code="attachment_unreadable") from None
            ctype = mimetypes.guess_type(file_path.name)[0] or "application/octet-stream"
            files.append((kind, (file_path.name, data, ctype)))
        return self._request(method, path, files=files, idempotency_key=idempotency_key)

    def _request(self, method: str, path: str, *, json_body: Any = None, files=None,
                 idempotency_key: str | None = None) -> Any:
        import requests

        headers = {"Accept": "application/json"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        url = self.base_url + path
        try:
            response = self._session.request(method, url, headers=headers, json=json_body,
                                             files=files, timeout=self.timeout,
                                             allow_redirects=False)
        except requests.exceptions.SSLError:
            raise EndpointError(
                f"The secure connection to {self._host} could not be verified (its "
                "certificate is not trusted). Check the provider address; do not continue on "
                "a network you do not trust.") from None
        except requests.exceptions.RetryError as exc:
            raise Unavailable(self._unavailable_text(_status_from_retry(exc))) from None
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout):
            raise Unavailable(
                f"The provider at {self._host} did not answer (no connection or it took too "
                "long). Your order is kept and will be sent again; check the internet "
                "connection if this goes on.") from None
        except requests.exceptions.RequestException as exc:
            raise EndpointError(self._scrub(
                f"The request to {self._host} failed: {type(exc).__name__}.")) from None
        return self._handle(response)

    def _handle(self, response) -> Any:
        status = response.status_code
        body: Any = None
        try:
            body = response.json()
        except ValueError:
            body = None
        if 200 <= status < 300:
            if body is None:
                raise EndpointError(
                    f"The provider at {self._host} sent an answer portwizard cannot read. "
                    "Check the provider address in Settings.", status=status)
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

    def _unavailable_text(self, status: int | None) -> str:
        what = "is busy" if status == 429 else "has a problem"
        return (f"The provider at {self._host} {what} right now"
                + (f" (error {status})" if status else "")
                + ". Your order is kept and will be sent again later.")

    def _scrub(self, text: Any) -> str:
        text = str(text or "")
        if self._token and self._token in text:
            text = text.replace(self._token, "[token]")
        return text[:2000]

    def _scrub_finding(self, finding: dict) -> dict:
        return {k: self._scrub(finding.get(k, "")) for k in ("field", "code", "message")}


class _BearerAuth:
    """``Authorization: Bearer <token>`` on every request (nothing when there is no token)."""

    def __init__(self, token: str | None):
        self._token = token

    def __call__(self, request):
        if self._token:
            request.headers["Authorization"] = f"Bearer {self._token}"
        return request

    def __repr__(self) -> str:  # never show the token in a debugger or a log
        return "<BearerAuth ***>" if self._token else "<BearerAuth (no token)>"


def _seg(value: str) -> str:
    from urllib.parse import quote

    return quote(str(value), safe="")


def _new_key() -> str:
    return str(uuid.uuid4())


def _status_from_retry(exc) -> int | None:
    reason = getattr(getattr(exc, "args", [None])[0], "reason", None)
    text = str(reason or exc)
    for status in _RETRY_STATUSES:
        if str(status) in text:
            return status
    return None


def _kind_label(kind: str) -> str:
    return {"loa": "Letter of Authorization", "invoice": "invoice",
            "csr": "Customer Service Record"}.get(kind, kind)
