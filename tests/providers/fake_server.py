"""What the fake providers (fake_telnyx, fake_twilio) share: a simulated clock that runs
``seconds_per_day`` real seconds to a day, and a threaded HTTP server on a free loopback
port that stops when the ``with`` block ends. Each fake keeps its own API: its handler, its
answers, its faults."""
from __future__ import annotations

import datetime as _dt
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeServer:
    """Base of a fake provider; the subclass calls :meth:`_start_clock` in ``__init__`` and
    :meth:`_serve` (with its request handler) in ``start``."""

    #: appended to the server's address to make :attr:`url` (the API's base path)
    URL_PATH = ""

    def _start_clock(self, seconds_per_day: float) -> None:
        self.seconds_per_day = seconds_per_day
        self._lock = threading.RLock()
        self._start_real = time.time()
        self._start_sim = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
        self._server: ThreadingHTTPServer | None = None

    # ------------------------------------------------------------------ clock

    def now(self) -> _dt.datetime:
        elapsed = (time.time() - self._start_real) * 86400.0 / self.seconds_per_day
        return self._start_sim + _dt.timedelta(seconds=elapsed)

    def advance(self, days: float) -> None:
        """Move the simulated clock forward."""
        with self._lock:
            self._start_sim += _dt.timedelta(days=days)

    # ------------------------------------------------------------------ server

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.URL_PATH}"

    def _serve(self, handler: type[BaseHTTPRequestHandler], name: str):
        """Serve ``handler`` (given this fake as ``fake``) on 127.0.0.1; returns self."""
        bound = type("Handler", (handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), bound)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True, name=name).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
