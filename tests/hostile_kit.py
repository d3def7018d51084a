"""Tiny hostile HTTP servers on 127.0.0.1 for the "answers that are not what they seem" tests.

``HostileServer(answer)`` runs a threaded ``http.server`` on a free loopback port; ``answer``
is called for every request with the handler and writes whatever it likes (a success without
an order id, a redirect, HTML, one byte every second, far too much). The server stops by
itself: ``stop()`` (or leaving the ``with`` block) shuts it down and tells trickling answers
to give up, so no test waits on it.
"""
from __future__ import annotations

import datetime
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet test output
        pass

    def _any(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.server.requests.append((self.command, self.path))  # type: ignore[attr-defined]
        try:
            self.server.answer(self)  # type: ignore[attr-defined]
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            pass  # the client gave up: that is what the tests want to see
        self.close_connection = True

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _any


class HostileServer:
    def __init__(self, answer: Callable[[BaseHTTPRequestHandler], None], *,
                 tls: tuple[Path, Path] | None = None):
        self.stopping = threading.Event()
        self.written = 0  # bytes the answers wrote (trickle/flood helpers count them)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.answer = answer  # type: ignore[attr-defined]
        self._server.requests = []  # type: ignore[attr-defined]
        self._server.hostile = self  # type: ignore[attr-defined]
        scheme = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(str(tls[0]), str(tls[1]))
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    @property
    def requests(self) -> list[tuple[str, str]]:
        return self._server.requests  # type: ignore[attr-defined]

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


# --------------------------------------------------------------------------- answers


def json_answer(status: int, body, headers: dict | None = None):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()

    def answer(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    return answer


def trickle_answer(every: float, *, in_headers: bool):
    """One byte every ``every`` seconds, forever (until the server stops): in the status line
    and headers (``in_headers``) or in the body after proper headers."""
    def answer(h: BaseHTTPRequestHandler) -> None:
        server = h.server.hostile  # type: ignore[attr-defined]
        if in_headers:
            prefix = b""
        else:
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", "100000")
            h.end_headers()
            h.wfile.flush()
            prefix = b"{"
        h.wfile.write(prefix)
        pattern = b"HTTP/1.1 200 OK\r\nX-Slow: " if in_headers else b' "a": "'
        i = 0
        while not server.stopping.is_set():
            h.wfile.write(pattern[i % len(pattern):i % len(pattern) + 1] if i < len(pattern)
                          else b"a")
            h.wfile.flush()
            server.written += 1
            i += 1
            server.stopping.wait(every)

    return answer


def flood_answer(total: int, *, declare_length: bool, chunk: int = 64 * 1024):
    """A 200 whose body is ``total`` bytes of JSON-ish filler, with or without Content-Length
    (without: chunked, so only reading it tells how big it is)."""
    def answer(h: BaseHTTPRequestHandler) -> None:
        server = h.server.hostile  # type: ignore[attr-defined]
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        if declare_length:
            h.send_header("Content-Length", str(total))
        else:
            h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        block = b" " * chunk
        sent = 0
        while sent < total and not server.stopping.is_set():
            piece = block[:min(chunk, total - sent)]
            if declare_length:
                h.wfile.write(piece)
            else:
                h.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            sent += len(piece)
            server.written = sent
        if not declare_length:
            h.wfile.write(b"0\r\n\r\n")

    return answer


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 that nobody trusts (cert file, key file)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def elapsed(fn: Callable[[], object]) -> tuple[float, object]:
    """(seconds, result or the exception raised) of ``fn()``."""
    start = time.monotonic()
    try:
        result: object = fn()
    except Exception as exc:  # noqa: BLE001 - the tests look at it
        result = exc
    return time.monotonic() - start, result
