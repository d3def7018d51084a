"""The one interface every provider connection offers, and the plumbing adapters share.

Who uses it
-----------
The outbox (:meth:`portwizard.services.submission.SubmissionService._call`), tracking
(:meth:`portwizard.services.tracking.TrackingService.refresh`) and the wizard's numbers page
talk to *a client*; they never know which provider is behind it. A client is either
:class:`portwizard.endpoint.client.EndpointClient` (an endpoint speaking our own API,
``resources/openapi.yaml``, including the built-in sandbox) or a provider adapter in this
package (``telnyx.py``, ``twilio.py``). :class:`ProviderClient` below is that interface.

The methods (all blocking; call them from a worker thread, one thread per client at a time)::

    list_targets() -> list[dict]
        Lines/sub-accounts at the new provider that can receive numbers, each
        {account_id, line_id, label, kind ("line"|"sub-account"), numbers[]}.
    create_order(order_doc, attachments, idempotency_key, *, progress=None) -> dict
    get_order(remote_id) -> dict
    resubmit(remote_id, order_doc, attachments, idempotency_key, *, progress=None) -> dict
    cancel(remote_id, idempotency_key=None) -> dict
    add_comment(remote_id, text, idempotency_key=None) -> dict
    check_portability(numbers) -> list[PortabilityResult]
    close() -> None

Arguments
    ``order_doc``: our order document as a dict (format ``portwizard.order/1``, see
    ``resources/order.schema.json``) WITH the PIN in ``carrier.pin`` and ``documents`` holding
    bare file names. ``attachments``: ``{"loa"|"invoice"|"csr": path}`` of the files to send.
    ``idempotency_key``: one per outbox entry, the same on every retry of that entry.
    ``remote_id``: what the order state's ``id`` said when the order was created (each
    adapter documents what it chooses; it must be stable for the order's whole life,
    including split orders).

What every method that returns an order returns: OUR order state
    A dict in the shape of ``OrderState`` in ``resources/openapi.yaml``, in OUR vocabulary,
    so tracking, the store and the dashboard need no provider knowledge (build it with
    :func:`order_state`):

    - ``id``: the remote id (see above);
    - ``status``: a :class:`portwizard.domain.lifecycle.Status` value (``submitted``,
      ``in_review``, ``pending_carrier``, ``foc_confirmed``, ``rejected``, ``cancel_pending``,
      ``cancelled``, ``completed``), translated by the adapter's own explicit table; for a
      split order the least advanced part (:func:`least_advanced`);
    - ``numbers``: ``[{"number": E.164, "status": our status}]`` per number;
    - ``foc_date`` (``YYYY-MM-DD`` or None), ``rejection`` (``{"code": our rejection code
      from resources/lifecycle.json or the provider's own code, "text": their words}`` or
      None), ``comments`` (``[{at, author: customer|provider, text}]``), ``history``
      (``[{at, status, note}]``), ``cancellable`` (bool), ``created_at``, ``updated_at``;
    - optionally ``parts``: ``[{"id", "status", "numbers", "support_key"}]`` for the
      provider's own orders behind a split order (kept in the store, shown as references).

    Nothing the provider echoed back goes further than the adapter unless it passed through
    :func:`scrub_pins` first (Telnyx and Twilio both echo the PIN).

Errors (from :mod:`portwizard.endpoint.errors`, messages plain and safe to show)
    ``Unavailable`` (no answer, timeout, 429, 5xx: the outbox tries again later with the
    same ``progress``), ``AuthError`` (credential missing/refused: the entry waits for the
    user), ``InvalidOrder`` (the provider refused the content; ``findings`` point at our
    field paths), ``Conflict`` (not possible now, e.g. cancel within 48 h of the port date),
    ``NotFound``, ``EndpointError`` (anything else).

The progress contract (multi-step creates that never file twice)
----------------------------------------------------------------
Providers have no Idempotency-Key and need several calls per order (upload each document,
create, complete each split part, confirm each part). ``progress`` is a small object with

    ``progress.order_id``           our local order id (``PW-…``): a stable reference to
                                    give the provider (e.g. Telnyx ``customer_reference``)
                                    and to look the order up by after an unknown outcome;
    ``progress.get(key, default=None)``  a value recorded by an earlier attempt;
    ``progress.set(key, value)``    record a JSON value; it is durably written to the local
                                    database (full fsync) BEFORE ``set`` returns.

Rules for an adapter:

1. Record each call's result (document ids, the provider's order ids, "part X confirmed")
   with ``progress.set`` before making the next call; on entry, skip every step whose
   result is already recorded. :func:`step_once` does exactly this for one step.
2. Before a call that creates something and cannot be repeated safely, record that it is
   being tried. When a later attempt finds "tried" but no result, the outcome was unknown
   (a timeout after the provider did the work, a crash): LOOK THE THING UP at the provider
   (Telnyx: ``GET /porting_orders?filter[customer_reference]=<order_id>``) before creating
   it again. :func:`step_once` takes that look-up as ``lookup``.
3. Never put a secret (PIN, token, account number) into progress: it is stored as plain
   JSON.
4. ``progress`` may be None (a direct call, e.g. from a test or a one-off script): use
   ``MemoryProgress(order_id=idempotency_key)``; nothing is then resumable across
   processes, but the call still works.

The outbox gives a fresh, empty progress to each outbox entry (create, and each resubmit);
it keeps it until the entry is done. The HTTP plumbing shared by adapters (one
``requests`` session with retries, timeouts, TLS checks, no proxies for loopback, the
plain-words error mapping) is :class:`HttpPlumbing`; retries of non-idempotent methods are
limited to failed connections (the request never left) unless the API has idempotency keys.
"""
from __future__ import annotations

import mimetypes
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Protocol, runtime_checkable
from urllib.parse import quote, urlsplit

from portwizard.domain.status import PROGRESS_ORDER
from portwizard.endpoint.errors import (
    AuthError, EndpointError, InsecureURL, InvalidOrder, NotFound, UnexpectedAnswer, Unavailable,
)

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

#: keys under which providers echo a PIN back (removed at any depth by scrub_pins)
PIN_KEYS = frozenset({"pin_passcode", "pin", "port_out_pin"})

ATTACHMENT_KINDS = ("loa", "invoice", "csr")


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class PortabilityResult:
    """One number's answer from a provider's portability check.

    ``portable``: the provider can take the number; ``fast``: it can be moved quickly
    (Telnyx FastPort); ``reason``: why not, in the provider's words ("" when portable);
    ``checked``: False when the provider offers no check (then ``portable`` is only
    "not known to be impossible")."""

    number: str
    portable: bool
    fast: bool = False
    reason: str = ""
    checked: bool = True


@runtime_checkable
class Progress(Protocol):
    """See "The progress contract" in this module's docstring."""

    order_id: str

    def get(self, key: str, default: Any = None) -> Any: ...

    def set(self, key: str, value: Any) -> None: ...


class MemoryProgress:
    """Progress kept in memory (direct calls and tests); see the module docstring."""

    def __init__(self, order_id: str = "", initial: Mapping[str, Any] | None = None):
        self.order_id = order_id
        self.data: dict[str, Any] = dict(initial or {})

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def set(self, key: str, value: Any) -> None:
        if value is None:
            self.data.pop(key, None)
        else:
            self.data[key] = value

    def __repr__(self) -> str:
        return f"MemoryProgress({self.order_id!r}, {sorted(self.data)})"


@runtime_checkable
class ProviderClient(Protocol):
    """What the outbox, tracking and the wizard call; see the module docstring."""

    def list_targets(self) -> list[dict]: ...

    def create_order(self, order_doc: dict, attachments: Mapping[str, Path | str],
                     idempotency_key: str, *, progress: Progress | None = None) -> dict: ...

    def get_order(self, remote_id: str) -> dict: ...

    def resubmit(self, remote_id: str, order_doc: dict, attachments: Mapping[str, Path | str],
                 idempotency_key: str, *, progress: Progress | None = None) -> dict: ...

    def cancel(self, remote_id: str, idempotency_key: str | None = None) -> dict: ...

    def add_comment(self, remote_id: str, text: str,
                    idempotency_key: str | None = None) -> dict: ...

    def check_portability(self, numbers: Iterable[str]) -> list[PortabilityResult]: ...

    def close(self) -> None: ...


# --------------------------------------------------------------------------- helpers


def scrub_pins(obj: Any) -> Any:
    """A copy of ``obj`` (parsed JSON) without any PIN the provider echoed back: every key in
    :data:`PIN_KEYS`, at any depth, is removed. Call it on every response before anything
    stores, logs or shows it."""
    if isinstance(obj, dict):
        return {k: scrub_pins(v) for k, v in obj.items() if k not in PIN_KEYS}
    if isinstance(obj, list):
        return [scrub_pins(v) for v in obj]
    return obj


def least_advanced(statuses: Iterable[str]) -> str | None:
    """The status of the part that has come least far (``PROGRESS_ORDER``): a split order is
    only as far as its slowest part, and a rejected part needs the user whatever the rest
    does. Unknown words rank first (shown as they are rather than hidden)."""
    rank = {s: i for i, s in enumerate(PROGRESS_ORDER)}
    items = [s for s in statuses if s]
    if not items:
        return None
    return min(items, key=lambda s: rank.get(s, -1))


def order_state(remote_id: str, status: str, *, numbers: Iterable[tuple[str, str]] = (),
                foc_date: str | None = None, rejection: dict | None = None,
                comments: Iterable[dict] = (), history: Iterable[dict] = (),
                cancellable: bool = False, created_at: str = "", updated_at: str = "",
                parts: Iterable[dict] | None = None) -> dict:
    """Our order state (``OrderState`` of resources/openapi.yaml) from an adapter's parts."""
    state = {
        "id": remote_id, "status": status,
        "numbers": [{"number": n, "status": s} for n, s in numbers],
        "foc_date": foc_date or None, "rejection": rejection,
        "comments": list(comments), "history": list(history), "cancellable": bool(cancellable),
        "created_at": created_at, "updated_at": updated_at or created_at,
    }
    if parts is not None:
        state["parts"] = list(parts)
    return state


def step_once(progress: Progress, key: str, action: Callable[[], Any],
              lookup: Callable[[], Any] | None = None) -> Any:
    """Run one non-repeatable provider call at most once across attempts (rule 1 and 2 of
    the progress contract): the recorded result if there is one; else, when an earlier
    attempt got as far as trying, ``lookup()`` (None: not found at the provider); else
    ``action()``. The result (JSON) is recorded before it is returned."""
    done = progress.get(key)
    if done is not None:
        return done
    tried = key + ".tried"
    if progress.get(tried) and lookup is not None:
        found = lookup()
        if found is not None:
            progress.set(key, found)
            return found
    progress.set(tried, True)
    result = action()
    progress.set(key, result)
    return result


def read_attachment(kind: str, path_like: Path | str) -> tuple[str, bytes, str]:
    """(file name, bytes, content type) of an attachment, or InvalidOrder in plain words."""
    file_path = Path(path_like)
    try:
        data = file_path.read_bytes()
    except OSError as exc:
        raise InvalidOrder(
            f"The {kind_label(kind)} file {file_path.name} cannot be read "
            f"({exc.strerror or exc}). Choose the file again.",
            findings=[{"field": f"documents.{kind}", "code": "attachment_unreadable",
                       "message": f"{file_path.name} cannot be read."}],
            status=None, code="attachment_unreadable") from None
    ctype = mimetypes.guess_type(file_path.name)[0] or "application/octet-stream"
    return file_path.name, data, ctype


def kind_label(kind: str) -> str:
    return {"loa": "Letter of Authorization", "invoice": "invoice",
            "csr": "Customer Service Record"}.get(kind, kind)


def seg(value: str) -> str:
    """One URL path segment, escaped."""
    return quote(str(value), safe="")


# --------------------------------------------------------------------------- HTTP plumbing


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
