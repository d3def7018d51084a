"""The sandbox's HTTP server plumbing: sockets, threads, faults on the wire, JSON answers.

:class:`_Server` runs one thread per connection and keeps track of them, so that
:meth:`Sandbox.stop <portwizard.endpoint.sandbox.Sandbox.stop>` can wake idle keep-alive
connections and answers held back by a "slow" fault. :class:`_Handler` reads a request (the
body's size limits), draws the request's fault from the sandbox, hands the request to
:func:`portwizard.endpoint.sandbox_routes.route` and writes the answer as JSON, turning every
:class:`~portwizard.endpoint.sandbox_state.ApiError` (and any bug) into a JSON error answer.
Tests subclass :class:`_Handler` (imported from :mod:`portwizard.endpoint.sandbox`) to hold
or slow down requests.
"""
from __future__ import annotations

import json
import logging
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from portwizard.endpoint.sandbox_routes import route
from portwizard.endpoint.sandbox_state import ApiError

if TYPE_CHECKING:
    from portwizard.endpoint.sandbox import Sandbox

log = logging.getLogger("portwizard.sandbox")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # Quick restarts on the same port (TIME_WAIT) on Unix; on Windows SO_REUSEADDR would let
    # two servers share a port, so it stays off there.
    allow_reuse_address = sys.platform != "win32"

    def __init__(self, address, handler, sandbox: "Sandbox"):
        self.sandbox = sandbox
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        self._workers: set[threading.Thread] = set()
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        with self._open_lock:
            self._open.add(request)
        thread = threading.Thread(target=self._run, args=(request, client_address),
                                  daemon=True, name="sandbox-request")
        with self._open_lock:
            self._workers.add(thread)
        thread.start()

    def _run(self, request, client_address):
        try:
            self.process_request_thread(request, client_address)
        finally:
            with self._open_lock:
                self._open.discard(request)
                self._workers.discard(threading.current_thread())

    def close_all(self, timeout: float) -> None:
        """Wake every connection thread (idle keep-alive or mid-fault) and wait for them."""
        with self._open_lock:
            sockets = list(self._open)
            workers = list(self._workers)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        deadline = time.monotonic() + timeout
        for thread in workers:
            thread.join(max(0.0, deadline - time.monotonic()))

    def handle_error(self, request, client_address):  # a client hung up: not our problem
        log.debug("connection from %s ended with an error", client_address[0], exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "portwizard-sandbox"
    timeout = 30  # idle keep-alive connections close after this
    # Headers and body go out as separate writes; without TCP_NODELAY, Nagle's algorithm and
    # the client's delayed ACK add ~40 ms to every answer.
    disable_nagle_algorithm = True

    server: _Server

    def log_message(self, fmt, *args):  # the default writes every request to stderr
        log.debug("%s " + fmt, self.address_string(), *args)

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_PATCH(self):
        self._dispatch("PATCH")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def __getattr__(self, name: str):
        # Any other method (TRACE, CONNECT, made-up ones) gets a JSON 405, not a 501 page.
        if name.startswith("do_") and name[3:].isalpha():
            return lambda: self._dispatch(name[3:])
        raise AttributeError(name)

    def do_OPTIONS(self):
        self._dispatch("OPTIONS")

    def do_HEAD(self):
        self.close_connection = True  # an answer to HEAD has no body; do not reuse the socket
        self._dispatch("HEAD")

    # ------------------------------------------------------------------ dispatch

    def _dispatch(self, method: str) -> None:
        sandbox = self.server.sandbox
        sandbox._count_request()
        fault = sandbox._draw_fault()
        try:
            body = self._read_body()
            if fault in ("500", "503", "429"):
                headers = ({"Retry-After": str(sandbox.fault_retry_after)}
                           if fault in ("429", "503") else {})
                raise ApiError(int(fault), "simulated_fault",
                               "The sandbox simulated a provider fault; try again.",
                               headers=headers)
            if fault == "drop_before":
                self.close_connection = True
                return
            status, payload, headers = route(sandbox, method, self.path, self.headers, body)
        except ApiError as exc:
            status, payload, headers = exc.status, exc.body(), dict(exc.headers)
        except Exception:  # a bug must still give a JSON answer, never a hung client
            log.exception("sandbox request failed")
            status, payload, headers = 500, {"code": "internal_error",
                                             "message": "The sandbox had an internal error."}, {}
        if fault == "drop_after":
            self.close_connection = True
            return
        if fault == "slow":
            if sandbox._stopping.wait(sandbox.fault_delay):
                self.close_connection = True
                return
        self._send(status, payload, headers)

    def _send(self, status: int, payload: Any, headers: dict[str, str]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            # counted before the body goes out, so a client that got it finds it counted
            self.server.sandbox._count_answer(1)
            try:
                self.wfile.write(data)
            except OSError:
                self.server.sandbox._count_answer(-1)
                raise
        except OSError:  # the client gave up (e.g. its read timeout): nothing to answer
            self.close_connection = True

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self.close_connection = True
            raise ApiError(411, "length_required",
                           "Send the request with a Content-Length header.")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.close_connection = True
            raise ApiError(400, "bad_request", "The Content-Length header is not a number.")
        if length < 0:
            self.close_connection = True
            raise ApiError(400, "bad_request", "The Content-Length header is not valid.")
        limit = self.server.sandbox.max_request_bytes
        if length > limit:
            self.close_connection = True
            if length <= 4 * limit:  # read it so the client sees our answer, not a reset
                self._discard(length)
            raise ApiError(413, "request_too_large",
                           f"The request is larger than {limit // 2**20} MB. Send smaller "
                           "attachments (each at most "
                           f"{self.server.sandbox.max_attachment_bytes // 2**20} MB).")
        return self.rfile.read(length) if length else b""

    def _discard(self, length: int) -> None:
        while length > 0:
            chunk = self.rfile.read(min(length, 1 << 16))
            if not chunk:
                break
            length -= len(chunk)
