"""The HTTP plumbing provider connections share: one ``requests`` session with our retry
policy, the overall deadline of a call (a server that trickles its answer cannot hold a send
or the window's exit), plain http only to this computer, answers capped in size before they
are read, and transport errors in plain words (:class:`HttpPlumbing`).

``requests`` and urllib3 are imported when the first session is made, never at start-up.
Used by our own API's client (:mod:`portwizard.endpoint.client`) and by the provider
adapters (:mod:`.telnyx`, :mod:`.twilio`); the interface they offer is :mod:`.base`'s.
"""
from __future__ import annotations

import socket
import threading
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

from portwizard.endpoint.errors import (
    AuthError, EndpointError, InsecureURL, NotFound, UnexpectedAnswer, Unavailable,
)
from portwizard.endpoint.providers.base import scrub_pins

DEFAULT_TIMEOUT = (3.05, 20)  # (connect, read) seconds per attempt
#: Seconds one call may take IN ALL: every retry, its pauses and the whole answer. The read
#: timeout alone is per gap between two bytes, so a server trickling a byte every few seconds
#: would hold a send (and the window's exit) forever without it.
DEFAULT_DEADLINE = 120.0
#: The largest answer read (bytes, after decompression): an order state or a page of a list
#: is a few kB; anything near this is not an answer to our request and is refused unread.
MAX_ANSWER_BYTES = 8 * 1024 * 1024
RETRY_STATUSES = (429, 500, 502, 503, 504)
MAX_RETRY_AFTER = 10.0  # seconds one call may wait for a Retry-After before giving up
#: HTTP methods a retry cannot turn into a second action (RFC 9110 idempotent methods).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"})


def make_session(retries: int, backoff_factor: float, *, loopback: bool = False,
                 retry_methods: frozenset[str] | None = None):
    """A ``requests`` session with our retry policy (imported here, never at start-up).

    ``retry_methods``: methods whose read errors and 429/5xx answers are retried (None: all,
    for an API where every POST carries an Idempotency-Key). Failed *connections* are retried
    for every method: the request never reached the provider."""
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.exceptions import MaxRetryError, ResponseError
    from urllib3.util.retry import Retry

    class _Retry(Retry):
        """Honour Retry-After, but never sit in one call for longer than MAX_RETRY_AFTER: a
        provider asking for a longer pause gets it from the outbox, which tries again later,
        instead of freezing a worker thread."""

        def increment(self, method=None, url=None, response=None, error=None, _pool=None,
                      _stacktrace=None):
            if response is not None:
                wait = self.get_retry_after(response)
                if wait is not None and wait > MAX_RETRY_AFTER:
                    raise MaxRetryError(_pool, url, ResponseError(
                        f"the provider asked to wait {wait:.0f} s"))
            return super().increment(method, url, response, error, _pool, _stacktrace)

    retry = _Retry(
        total=retries, connect=retries, read=retries, status=retries, other=0,
        backoff_factor=backoff_factor, backoff_max=5.0,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=retry_methods,
        respect_retry_after_header=True,
        raise_on_status=False,  # hand back the last answer; it is mapped to an error
        raise_on_redirect=False,
    )
    class _WatchedAdapter(HTTPAdapter):
        """Connections whose socket the call's deadline can cut (see :class:`_Deadline`)."""

        def init_poolmanager(self, *args, **kwargs):
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = _watched_pools()

        def proxy_manager_for(self, proxy, **proxy_kwargs):
            manager = super().proxy_manager_for(proxy, **proxy_kwargs)
            manager.pool_classes_by_scheme = _watched_pools()
            return manager

    session = requests.Session()
    session.verify = True  # never switched off: the credential must only go to the real host
    # Proxy settings from the environment suit a provider on the internet, but would send
    # traffic meant for this computer (the sandbox, test fakes) to the proxy.
    session.trust_env = not loopback
    adapter = _WatchedAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


# --------------------------------------------------------------------------- deadlines


class _DeadlinePassed(Exception):
    """Raised inside urllib3 when a call's deadline has passed. Deliberately not an OSError
    or an urllib3 error: urllib3 would retry those, this must end the call."""


class _NotLoopback(Exception):
    """A plain-http connection was about to go to an address that is not this computer
    (not retried either)."""

    def __init__(self, host: str):
        super().__init__(host)
        self.host = host


_calls = threading.local()  # .deadline: the _Deadline of the call this thread is making
_active: set["_Deadline"] = set()
_active_lock = threading.Lock()


class _Deadline:
    """The overall deadline of one call (:meth:`HttpPlumbing._send` and its answer).

    Every connection the call uses registers itself (:func:`_watch`); when the time is up a
    timer shuts their sockets down, which ends a blocked read at once (a trickling server
    included), and any retry urllib3 then starts raises :class:`_DeadlinePassed`.
    :func:`abort_all_requests` does the same for every call in flight (the window closing)."""

    def __init__(self, seconds: float):
        self.expired = False
        self._lock = threading.Lock()
        self._connections: list = []
        self._timer = threading.Timer(max(0.0, seconds), self.expire)
        self._timer.daemon = True  # never keeps the process alive

    def __enter__(self) -> "_Deadline":
        with _active_lock:
            _active.add(self)
        _calls.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()
        _calls.deadline = None
        with _active_lock:
            _active.discard(self)

    def check(self, connection=None) -> None:
        """Raise :class:`_DeadlinePassed` if the time is up; else note ``connection``."""
        with self._lock:
            if self.expired:
                raise _DeadlinePassed()
            if connection is not None and connection not in self._connections:
                self._connections.append(connection)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            connections = list(self._connections)
        for connection in connections:
            sock = connection.sock
            if sock is None:
                continue
            try:  # the plain socket under TLS too: the blocked read ends with an EOF
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
            except OSError:
                pass


def _watch(connection) -> None:
    deadline = getattr(_calls, "deadline", None)
    if deadline is not None:
        deadline.check(connection)


def abort_all_requests() -> int:
    """End every provider call in flight now (they raise :class:`Unavailable`, so each send
    stays queued with its idempotency key); returns how many there were. The window calls it
    when it closes, so a provider that trickles its answer cannot hold the exit."""
    with _active_lock:
        deadlines = list(_active)
    for deadline in deadlines:
        deadline.expire()
    return len(deadlines)


_pools: dict | None = None


def _watched_pools() -> dict:
    """urllib3 pool classes whose connections register with the calling thread's deadline
    (on each request, and again once connected: a deadline that passed while connecting
    must not let the read start)."""
    global _pools
    if _pools is None:
        from urllib3.connection import HTTPConnection, HTTPSConnection
        from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

        def watched(base):
            class Watched(base):
                def connect(self):
                    super().connect()
                    _watch(self)

                def request(self, *args, **kwargs):
                    _watch(self)
                    return super().request(*args, **kwargs)

            Watched.__name__ = f"Watched{base.__name__}"
            return Watched

        class LoopbackOnlyHTTPConnection(watched(HTTPConnection)):
            """Plain http goes only to this computer: the name is resolved again as the
            connection is made (it may have resolved to loopback when the address was
            checked, and elsewhere now) and the connection goes to those checked addresses,
            so nothing, the token least of all, leaves unencrypted."""

            def _new_conn(self):
                from portwizard.endpoint.client import loopback_addresses

                name = self._dns_host
                addresses = loopback_addresses(name)
                if not addresses:
                    raise _NotLoopback(name)
                error = None
                for address in addresses:
                    self._dns_host = address
                    try:
                        return super()._new_conn()
                    except Exception as exc:  # the next address; the last error if none
                        error = exc
                    finally:
                        self._dns_host = name
                raise error

        class WatchedHTTPPool(HTTPConnectionPool):
            ConnectionCls = LoopbackOnlyHTTPConnection

        class WatchedHTTPSPool(HTTPSConnectionPool):
            ConnectionCls = watched(HTTPSConnection)

        _pools = {"http": WatchedHTTPPool, "https": WatchedHTTPSPool}
    return _pools


class BearerAuth:
    """``Authorization: Bearer <token>`` on every request (nothing when there is no token).
    A requests auth object, not a plain header: requests then never swaps in ~/.netrc
    credentials, and drops it if a redirect pointed elsewhere (none are followed anyway)."""

    def __init__(self, token: str | None):
        self._token = token

    def __call__(self, request):
        if self._token:
            request.headers["Authorization"] = f"Bearer {self._token}"
        return request

    def __repr__(self) -> str:  # never show the token in a debugger or a log
        return "<BearerAuth ***>" if self._token else "<BearerAuth (no token)>"


class HttpPlumbing:
    """One provider host: base URL check, session, timeouts, transport errors in plain words.

    Subclasses call :meth:`_send` and map the answer's status to our errors themselves
    (each provider words its errors differently)."""

    def __init__(self, base_url: str, *, timeout=DEFAULT_TIMEOUT, retries: int = 3,
                 session=None, backoff_factor: float = 0.3,
                 retry_methods: frozenset[str] | None = IDEMPOTENT_METHODS, auth=None,
                 secrets: Iterable[str] = (), deadline: float = DEFAULT_DEADLINE,
                 max_answer_bytes: int = MAX_ANSWER_BYTES):
        from portwizard.endpoint.client import check_url, is_loopback_host

        self.base_url = check_url(base_url)
        self.timeout = timeout
        self.deadline = deadline
        self.max_answer_bytes = max_answer_bytes
        self.retries = retries
        self._host = urlsplit(self.base_url).hostname or ""
        self._secrets = [s for s in secrets if s]
        self._session = session if session is not None else make_session(
            retries, backoff_factor, loopback=is_loopback_host(self._host),
            retry_methods=retry_methods)
        self._session.auth = auth

    def close(self) -> None:
        self._session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _send(self, method: str, path: str, *, params=None, json_body: Any = None,
              files=None, data=None, headers: Mapping[str, str] | None = None):
        """The provider's answer (any status but a redirect), its body already read (at most
        ``max_answer_bytes``) within ``deadline`` seconds for the whole call; or
        Unavailable/UnexpectedAnswer/EndpointError in plain words when there was none."""
        import requests

        all_headers = {"Accept": "application/json", **(headers or {})}
        url = self.base_url + path
        with _Deadline(self.deadline) as deadline:
            try:
                response = self._session.request(
                    method, url, params=params, headers=all_headers, json=json_body,
                    files=files, data=data, timeout=self.timeout, allow_redirects=False,
                    stream=True)
                try:
                    if 300 <= response.status_code < 400:
                        raise self._redirected(response)
                    self._read_capped(response)
                finally:
                    response.close()
            except (UnexpectedAnswer, Unavailable):
                raise
            except requests.exceptions.SSLError:
                raise UnexpectedAnswer(
                    f"The secure connection to {self._host} could not be verified (its "
                    "certificate is not trusted), so nothing was sent. Check the provider "
                    "address in Settings; do not continue on a network you do not "
                    "trust.") from None
            except _NotLoopback as exc:
                raise InsecureURL(
                    f"The provider address {exc.host} no longer leads only to this computer, "
                    "so nothing was sent over the unencrypted connection. Use the https:// "
                    "address of your provider in Settings.") from None
            except Exception as exc:
                if deadline.expired:
                    raise Unavailable(self._too_long_text()) from None
                if isinstance(exc, requests.exceptions.RetryError):
                    raise Unavailable(self._unavailable_text(status_from_retry(exc))) from None
                if isinstance(exc, (requests.exceptions.ConnectionError,
                                    requests.exceptions.Timeout)):
                    raise Unavailable(
                        f"The provider at {self._host} did not answer (no connection or it "
                        "took too long). Your order is kept and will be sent again; check the "
                        "internet connection if this goes on.") from None
                if isinstance(exc, requests.exceptions.RequestException):
                    raise EndpointError(self._scrub(
                        f"The request to {self._host} failed: {type(exc).__name__}.")) from None
                raise
        return response

    def _read_capped(self, response) -> None:
        """Read the body into ``response`` (so ``.json()``/``.content`` work) without ever
        holding more than ``max_answer_bytes``: a declared larger size is refused unread,
        an undeclared one as soon as it is passed."""
        limit = self.max_answer_bytes
        if response._content is not False:  # already read (a stand-in session in tests)
            response._content_consumed = True
            if len(response._content or b"") > limit:
                raise self._too_large()
            return
        declared = response.headers.get("Content-Length", "")
        if declared.strip().isdigit() and int(declared) > limit:
            raise self._too_large()
        chunks, size = [], 0
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > limit:
                raise self._too_large()
            chunks.append(chunk)
        response._content = b"".join(chunks)
        response._content_consumed = True

    def _too_large(self) -> UnexpectedAnswer:
        return UnexpectedAnswer(
            f"The provider at {self._host} sent an answer far too large to be one "
            f"(more than {self.max_answer_bytes // (1024 * 1024) or 1} MB); portwizard did "
            "not read it. Check the provider address in Settings.")

    def _redirected(self, response) -> UnexpectedAnswer:
        location = response.headers.get("Location", "")
        try:
            where = urlsplit(location).hostname or ""
        except ValueError:
            where = ""
        where = self._scrub(where or "another address")[:100]
        return UnexpectedAnswer(
            f"The provider at {self._host} answered with a redirect to {where} instead of an "
            "answer (error " f"{response.status_code}). portwizard does not follow redirects: "
            "your token and PIN go only to the address in Settings. Check that address (the "
            "provider may have moved it); on a hotel or guest network, sign in to the "
            "network first.", status=response.status_code)

    def _too_long_text(self) -> str:
        return (f"The provider at {self._host} took too long to answer (more than "
                f"{self.deadline:.0f} seconds in all). Your order is kept and will be sent "
                "again; check the internet connection if this goes on.")

    def _unavailable_text(self, status: int | None) -> str:
        what = "is busy" if status == 429 else "has a problem"
        return (f"The provider at {self._host} {what} right now"
                + (f" (error {status})" if status else "")
                + ". Your order is kept and will be sent again later.")

    def _answer_body(self, provider: str, response, *, empty_is_ok: bool = False) -> Any:
        """The answer's JSON without any echoed PIN (None when it is not JSON; ``{}`` for an
        empty answer when ``empty_is_ok``). A success whose body is not a JSON object is
        :class:`UnexpectedAnswer`; for other statuses the caller maps the error."""
        status = response.status_code
        try:
            body = {} if empty_is_ok and not response.content else scrub_pins(response.json())
        except ValueError:
            body = None
        if 200 <= status < 300 and not isinstance(body, dict):
            raise UnexpectedAnswer(f"{provider} sent an answer portwizard cannot read "
                                   f"({status}). Check the {provider} address in Settings.",
                                   status=status)
        return body

    def _raise_for_shared_status(self, provider: str, status: int, code: str | None,
                                 words: str, *, refused: str, forbidden: str) -> None:
        """The answers every provider means the same way, in our errors: 401 the credential
        is refused (``refused`` says how to fix it), 403 it may not do this (``forbidden``),
        404 nothing there, 429 and 5xx busy or down (the order is kept and sent later).
        Returns for any other status: the provider's own mapping goes on."""
        if status in (401, 403):
            raise AuthError(refused if status == 401 else forbidden, status=status, code=code)
        if status == 404:
            raise NotFound(f"{provider} does not know this ({words or 'not found'}).",
                           status=status, code=code)
        if status == 429 or status >= 500:
            raise Unavailable(self._unavailable_text(status), status=status, code=code)

    def _scrub(self, text: Any) -> str:
        """Text safe to show: no credential of ours in it, and not endless."""
        text = str(text or "")
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, "[secret]")
        return text[:2000]


def status_from_retry(exc) -> int | None:
    reason = getattr(getattr(exc, "args", [None])[0], "reason", None)
    text = str(reason or exc)
    for status in RETRY_STATUSES:
        if str(status) in text:
            return status
    return None
