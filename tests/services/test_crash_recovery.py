"""After a crash: an order whose sender was killed mid-send goes out on the next refresh,
not five minutes later (the send lease), and is still filed once."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from orderkit import FAKE_PIN, FAKE_TOKEN, make_service
from portwizard import secrets
from portwizard.endpoint import Sandbox
from portwizard.endpoint import sandbox as sandbox_module
from portwizard.store import Store

pytestmark = pytest.mark.http

ROOT = Path(__file__).resolve().parents[2]

# The sender that will be killed: submits one order and is stuck sending it.
SENDER = """
import sys
from pathlib import Path
from orderkit import make_service, valid_order
from portwizard import secrets

db, url, token, folder = sys.argv[1:5]
service = make_service(Path(db), url, token=token, secrets=secrets.MemorySecretStore(),
                       read_timeout=60.0)
service.submit(valid_order(Path(folder)))
"""


def held_creates():
    """A sandbox handler class that holds every create until ``release`` is set."""
    creates, release = [], threading.Event()

    class Handler(sandbox_module._Handler):
        def do_POST(self):
            if self.path.rstrip("/") == "/v1/port-orders":
                creates.append(self.headers.get("Idempotency-Key", ""))
                release.wait(30)
            super().do_POST()

    return Handler, creates, release


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_an_order_whose_sender_was_killed_mid_send_goes_out_on_the_next_refresh(tmp_path):
    handler, creates, release = held_creates()
    with Sandbox(tmp_path / "sandbox.db", seconds_per_day=0.2, token=FAKE_TOKEN) as sandbox:
        sandbox._server.RequestHandlerClass = handler
        db = tmp_path / "pw.db"
        Store(db, secrets=secrets.MemorySecretStore()).close()
        (tmp_path / "docs").mkdir()
        child = subprocess.Popen(
            [sys.executable, "-c", SENDER, str(db), sandbox.url, FAKE_TOKEN,
             str(tmp_path / "docs")], cwd=ROOT, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(
                [str(ROOT), str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")])})
        try:
            wait_for(lambda: len(creates) == 1 or child.poll() is not None, 30,
                     "the sender's create")
            assert child.poll() is None, child.stderr.read()
        finally:
            child.send_signal(signal.SIGKILL)  # killed while the provider has the request
            child.wait(10)
        release.set()

        memory = secrets.MemorySecretStore()
        service = make_service(db, sandbox.url, secrets=memory)
        [order] = service.store.list_orders()
        memory.set(secrets.order_pin_key(order.id), FAKE_PIN)  # the killed one's keyring
        started = time.monotonic()
        report = service.drain_outbox()  # the next start's refresh: at once, not in 5 min
        assert report.sent == 1, report
        assert time.monotonic() - started < 10
        [entry] = service.store.outbox(order.id)
        assert entry.state == "done" and entry.attempts == 2
        assert len(creates) == 2 and creates[0] == creates[1]  # the same idempotency key
        assert sandbox.created_count() == 1  # filed once
        service.close()


def test_a_live_senders_claim_still_holds(tmp_path, memory_secrets):
    """The claim of a process that is alive is kept for the whole lease (another store on
    the same database, in this process, cannot take it)."""
    from orderkit import valid_order

    first = make_service(tmp_path / "pw.db", "http://127.0.0.1:9", secrets=memory_secrets)
    queued = first.submit(valid_order(tmp_path), send=False)
    [entry] = first.store.outbox(queued.order_id)
    now = time.time()
    assert first.store.claim_entry(entry.id, now, 300)
    second = Store(tmp_path / "pw.db", secrets=memory_secrets)
    assert second.due_entries(now + 1) == []
    assert not second.claim_entry(entry.id, now + 1, 300)
    first.close()
    first.store.close()  # its process is done with the database: the claim is free
    assert [e.id for e in second.due_entries(now + 1)] == [entry.id]
    assert second.claim_entry(entry.id, now + 1, 300)
    second.close()
