"""The built-in sandbox: a real HTTP server on loopback that implements
``resources/openapi.yaml`` and plays the provider and the losing carrier.

- State lives in its own SQLite file (orders, history, comments, attachments, idempotency
  keys). Nothing here is shared with portwizard's own local store.
- The lifecycle runs on a fast clock (see :mod:`portwizard.endpoint.simulation`); the state
  of an order is brought up to date whenever it is read, so no background timer is needed
  and the history carries the wall-clock time each change became due.
- The customer's PIN is used to decide a ``wrong_pin`` rejection and then dropped: the
  stored copy of the order document has an empty ``carrier.pin``.
- Fault injection (``fault_rate``, deterministic with ``fault_seed``): a request may get a
  late answer after it was carried out (longer than the client's read timeout: the classic
  "accepted but timed out"), a dropped connection (before or after it was carried out), 500,
  503 or 429 with ``Retry-After: 1``.

Use it in-process::

    with Sandbox(tmp_path / "sandbox.db", seconds_per_day=0.2) as sb:
        client = EndpointClient(sb.url, SANDBOX_TOKEN)

or from the command line: ``portwizard sandbox --port 8765``.

This module is the public face (:class:`Sandbox`: start, stop, fault drawing, counters); the
rest lives next to it, one job a module:

- :mod:`portwizard.endpoint.sandbox_state`: the provider's SQLite books and the order state
  machine (create, resubmit, cancel, comment, idempotency replays, catching up on the clock);
- :mod:`portwizard.endpoint.sandbox_routes`: request routing and the request rules of the
  contract (addresses, methods, token, Idempotency-Key, multipart and comment bodies);
- :mod:`portwizard.endpoint.sandbox_http`: the HTTP server plumbing (connection threads,
  faults on the wire, JSON answers).
"""
from __future__ import annotations

import random
import socket
import threading
import time
from pathlib import Path

from portwizard.endpoint import SANDBOX_TOKEN
from portwizard.endpoint.sandbox_http import _Handler, _Server
from portwizard.endpoint.sandbox_state import DEFAULT_TARGETS, MAX_ATTACHMENT_BYTES, SandboxState

__all__ = ["Sandbox", "SANDBOX_TOKEN", "DEFAULT_TARGETS", "FAULT_KINDS"]

FAULT_KINDS = ("slow", "drop_before", "drop_after", "500", "503", "429")


class Sandbox:
    """The sandbox provider as a background HTTP server on loopback.

    ``port=0`` picks a free port. ``fault_rate`` (0..1) of requests get a fault from
    :data:`FAULT_KINDS`; the sequence is fixed by ``fault_seed``. ``fault_delay`` is how long
    a "slow" answer waits (set it above the client's read timeout).
    """

    def __init__(self, db_path: str | Path | None, *, host: str = "127.0.0.1", port: int = 0,
                 seconds_per_day: float = 2.0, fault_rate: float = 0.0,
                 token: str = SANDBOX_TOKEN, fault_seed: int = 1, fault_delay: float = 21.0,
                 fault_kinds: tuple[str, ...] = FAULT_KINDS,
                 max_attachment_bytes: int = MAX_ATTACHMENT_BYTES, clock=time.time,
                 fault_retry_after: int = 1):
        if not 0.0 <= fault_rate <= 1.0:
            raise ValueError("fault_rate must be between 0 and 1")
        unknown = set(fault_kinds) - set(FAULT_KINDS)
        if unknown or not fault_kinds:
            raise ValueError(f"fault_kinds must be a non-empty subset of {FAULT_KINDS}")
        if not token:
            raise ValueError("the sandbox needs a token")
        self.db_path = db_path
        self.host = host
        self.port = port
        self.seconds_per_day = seconds_per_day
        self.fault_rate = fault_rate
        self.fault_delay = fault_delay
        self.fault_kinds = tuple(fault_kinds)
        self.fault_retry_after = fault_retry_after  # seconds, sent with 429/503 faults
        self.token = token
        self.max_attachment_bytes = max_attachment_bytes
        self.max_request_bytes = 3 * max_attachment_bytes + 2**20
        self._clock = clock
        self._rng = random.Random(fault_seed)
        self._counter_lock = threading.Lock()
        self.requests_seen = 0  # requests received
        self.answers_sent = 0   # answers written out whole (a dropped connection has none)
        self.faults_injected: dict[str, int] = {k: 0 for k in FAULT_KINDS}
        self._stopping = threading.Event()
        self.state: SandboxState | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the sandbox is not running; call start() first")
        host, port = self._server.server_address[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}"

    def start(self) -> str:
        if self._server is not None:
            return self.url
        self._stopping.clear()
        self.state = SandboxState(self.db_path, self.seconds_per_day, self._clock,
                                  self.max_attachment_bytes)
        try:
            server_cls = _Server
            if ":" in self.host:
                server_cls = type("_Server6", (_Server,), {"address_family": socket.AF_INET6})
            self._server = server_cls((self.host, self.port), _Handler, self)
        except OSError:
            self.state.close()
            self.state = None
            raise
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.1},
                                        name="portwizard-sandbox", daemon=True)
        self._thread.start()
        return self.url

    def stop(self, timeout: float = 5.0) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        server.close_all(timeout)
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if self.state is not None:
            with self.state.lock:
                self.state.close()
            self.state = None

    def __enter__(self) -> "Sandbox":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def created_count(self) -> int:
        """Orders really created (replays and failed requests do not count)."""
        if self.state is None:
            state = SandboxState(self.db_path, self.seconds_per_day, self._clock)
            try:
                return state.created_count()
            finally:
                state.close()
        return self.state.created_count()

    # ------------------------------------------------------------------ internals

    def _count_request(self) -> None:
        with self._counter_lock:
            self.requests_seen += 1

    def _count_answer(self, step: int) -> None:
        with self._counter_lock:
            self.answers_sent += step

    def _draw_fault(self) -> str | None:
        if self.fault_rate <= 0:
            return None
        with self._counter_lock:
            if self._rng.random() >= self.fault_rate:
                return None
            kind = self._rng.choice(self.fault_kinds)
            self.faults_injected[kind] += 1
            return kind
