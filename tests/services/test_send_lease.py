"""The send lease, tested through two senders racing, not by calling the store directly.

Within one process every sender shares one lock, so the race that the lease
(``SEND_LEASE_SECONDS``) has to win is between two processes: the window's background
refresh and a ``portwizard status --refresh`` draining the same outbox while the provider
is slow to answer."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from orderkit import FAKE_PIN, FAKE_TOKEN, make_service, valid_order
from portwizard.endpoint import Sandbox
from portwizard.endpoint import sandbox as sandbox_module
from portwizard.services import submission as sub

pytestmark = pytest.mark.http

ROOT = Path(__file__).resolve().parents[2]

# The second sender: another process opening the same database and draining its outbox.
OTHER_SENDER = """
import json, sys
from orderkit import make_service
from portwizard import secrets

db, url, token, secret_ref, pin = sys.argv[1:6]
store = secrets.MemorySecretStore()
store.set(secret_ref, pin)
service = make_service(db, url, token=token, secrets=store, read_timeout=30.0)
report = service.drain_outbox()
print(json.dumps({"sent": report.sent, "queued": report.queued, "failed": report.failed,
                  "outcomes": [r.outcome for r in report.results]}))
service.close()
"""


class HeldCreates:
    """Holds every ``POST /v1/port-orders`` (a create) until released: a slow provider."""

    def __init__(self):
        self.creates: list[str] = []  # the Idempotency-Key of each create received
        self.lock = threading.Lock()
        self.release = threading.Event()

    def handler(self):
        held = self

        class Handler(sandbox_module._Handler):
            def do_POST(self):
                if self.path.rstrip("/") == "/v1/port-orders":
                    with held.lock:
                        held.creates.append(self.headers.get("Idempotency-Key", ""))
                    held.release.wait(30)
                super().do_POST()

        return Handler

    def count(self) -> int:
        with self.lock:
            return len(self.creates)


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_two_senders_racing_through_the_outbox_send_the_order_once(tmp_path, memory_secrets):
    held = HeldCreates()
    with Sandbox(tmp_path / "sandbox.db", seconds_per_day=0.2, token=FAKE_TOKEN) as sandbox:
        sandbox._server.RequestHandlerClass = held.handler()  # the sandbox, made slow
        db = tmp_path / "pw.db"
        first = make_service(db, sandbox.url, read_timeout=30.0)
        queued = first.submit(valid_order(tmp_path), send=False)
        [entry] = first.store.outbox(queued.order_id)
        assert entry.state == "pending" and entry.secret_ref

        # Sender 1 claims the entry and is stuck waiting for the provider's answer ...
        reports: list[sub.DrainReport] = []
        sender = threading.Thread(target=lambda: reports.append(first.drain_outbox()))
        sender.start()
        try:
            wait_for(lambda: held.count() == 1, 20, "the first sender's create")
            # ... when sender 2, another process, drains the same outbox.
            other = subprocess.Popen(
                [sys.executable, "-c", OTHER_SENDER, str(db), sandbox.url, FAKE_TOKEN,
                 entry.secret_ref, FAKE_PIN],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                env={**os.environ, "PYTHONPATH": os.pathsep.join(
                    [str(ROOT), str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")])})
            # It must finish without sending; if it sends, its create is held too.
            wait_for(lambda: other.poll() is not None or held.count() > 1, 60,
                     "the second sender to finish or to send")
        finally:
            held.release.set()
        out, err = other.communicate(timeout=60)
        sender.join(30)
        assert other.returncode == 0, err
        second = json.loads(out.strip().splitlines()[-1])

        assert held.count() == 1, f"the entry was sent {held.count()} times: {held.creates}"
        assert second["sent"] == 0 and sub.SENT not in second["outcomes"], second
        [report] = reports
        assert report.sent == 1, report
        assert sandbox.created_count() == 1
        [entry] = first.store.outbox(queued.order_id)
        assert entry.state == "done" and entry.attempts == 1
        assert first.store.get_order(queued.order_id).remote_id
        first.close()
