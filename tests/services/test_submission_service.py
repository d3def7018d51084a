"""Submission through the outbox, against the real sandbox over loopback HTTP."""
from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from orderkit import FAKE_PIN, FAKE_TOKEN, make_service, valid_order
from portwizard import secrets
from portwizard.endpoint import Sandbox
from portwizard.services import submission as sub
from portwizard.services.tracking import TrackingService
from portwizard.store import NOT_SENT, QUEUED, Store

pytestmark = pytest.mark.http


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def sandbox(tmp_path):
    with Sandbox(tmp_path / "sandbox.db", seconds_per_day=0.2, token=FAKE_TOKEN) as sb:
        yield sb


def wait_until(predicate, timeout: float = 10.0, step: float = 0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("condition not reached in time")


def test_errors_block_and_nothing_is_stored(tmp_path, sandbox):
    service = make_service(tmp_path / "pw.db", sandbox.url)
    order = valid_order(tmp_path)
    order.carrier.customer_name = ""
    result = service.submit(order)
    assert result.outcome == sub.INVALID and not result.ok
    assert "carrier.customer_name" in [f.field for f in result.findings]
    assert service.store.list_orders() == [] and service.store.outbox() == []
    assert sandbox.created_count() == 0


def test_submit_sends_and_records_the_provider_state(tmp_path, sandbox, memory_secrets):
    service = make_service(tmp_path / "pw.db", sandbox.url)
    draft_id = service.store.save_draft(valid_order(tmp_path))
    result = service.submit(service.store.load_draft(draft_id), draft_id=draft_id)
    assert result.outcome == sub.SENT and result.ok
    assert result.remote_id and result.remote_id.startswith("PO-")
    assert result.status == "submitted"
    record = service.store.get_order(result.order_id)
    assert record.endpoint == sandbox.url and record.order.carrier.pin == ""
    assert memory_secrets.get(secrets.order_pin_key(record.id)) == FAKE_PIN
    assert [(h.status, h.source) for h in service.store.history(record.id)] == [
        (QUEUED, "local"), ("submitted", "endpoint")]
    assert [e.state for e in service.store.outbox(record.id)] == ["done"]
    assert service.store.list_drafts() == []  # the draft became the order
    assert sandbox.created_count() == 1


def test_offline_stays_queued_then_is_sent_later(tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    service = make_service(tmp_path / "pw.db", url, backoff_base=0.05)
    order = valid_order(tmp_path)
    result = service.submit(order)
    assert result.outcome == sub.QUEUED_OUTCOME and result.ok
    assert result.message == "Queued: it will be sent when the provider can be reached."
    assert result.status == QUEUED and result.remote_id is None
    # Written to disk before sending: another connection sees the order and its outbox entry.
    other = Store(tmp_path / "pw.db")
    try:
        (entry,) = other.outbox(result.order_id)
        assert entry.state == "pending" and entry.attempts == 1 and entry.operation == "create"
        assert "did not answer" in entry.last_error
        assert entry.next_attempt_at > time.time() - 1
        entry_copies = list(entry.attachments.values())
        assert sorted(Path(p).name for p in entry_copies) == ["invoice.pdf", "loa-signed.pdf"]
        assert all(Path(p).is_file() for p in entry_copies)
    finally:
        other.close()
    # Originals moved away: the queued copy of the attachments is still sent.
    for name in ("loa-signed.pdf", "invoice.pdf"):
        (tmp_path / name).unlink()
    assert service.drain_outbox().queued in (0, 1)  # still offline (if it was due)

    with Sandbox(tmp_path / "sandbox.db", port=port, seconds_per_day=0.2, token=FAKE_TOKEN) as sb:
        def drained():
            service.drain_outbox()
            return service.store.unfinished_count() == 0
        wait_until(drained, timeout=10)
        record = service.store.get_order(result.order_id)
        assert record.remote_id and record.status == "submitted"
        assert sb.created_count() == 1
        assert sb.state.db.execute("SELECT COUNT(*) FROM attachments").fetchone()[0] == 2
        # Once the provider has the files, the queued copies are removed.
        copies = service.attachments_dir / result.order_id
        assert entry_copies and not any(Path(p).exists() for p in entry_copies)
        assert not copies.exists()
        (entry,) = service.store.outbox(result.order_id)
        assert entry.state == "done" and entry.attempts >= 2


@pytest.mark.parametrize("fault", ["slow", "drop_after"])
def test_answer_lost_after_the_provider_accepted_never_files_twice(tmp_path, fault):
    with Sandbox(tmp_path / "sandbox.db", seconds_per_day=0.2, token=FAKE_TOKEN, fault_rate=1.0,
                 fault_kinds=(fault,), fault_delay=1.0) as sb:
        service = make_service(tmp_path / "pw.db", sb.url, read_timeout=0.3)
        result = service.submit(valid_order(tmp_path))
        assert result.outcome == sub.QUEUED_OUTCOME
        assert sb.created_count() == 1  # the provider did create it; we just never heard back
        key = service.store.outbox(result.order_id)[0].idempotency_key
        sb.fault_rate = 0.0

        def drained():
            service.drain_outbox()
            return service.store.unfinished_count() == 0
        wait_until(drained)
        assert sb.created_count() == 1
        (entry,) = service.store.outbox(result.order_id)
        assert entry.state == "done" and entry.idempotency_key == key and entry.attempts >= 2
        assert service.store.get_order(result.order_id).remote_id == "PO-000001"


def test_missing_token_blocks_until_one_is_saved(tmp_path, sandbox, memory_secrets):
    service = make_service(tmp_path / "pw.db", sandbox.url, token=None)
    result = service.submit(valid_order(tmp_path))
    assert result.outcome == sub.BLOCKED and not result.ok
    assert result.message.startswith("No access token is saved for http://127.0.0.1:")
    assert "portwizard token" in result.message
    assert service.drain_outbox().sent == 0  # blocked work waits for the user
    memory_secrets.set(secrets.token_key(sandbox.url), FAKE_TOKEN)
    report = service.drain_outbox(retry_blocked=True)
    assert report.sent == 1 and report.remaining == 0
    assert sandbox.created_count() == 1


def test_wrong_token_is_a_plain_message_and_the_order_is_kept(tmp_path, sandbox, memory_secrets):
    service = make_service(tmp_path / "pw.db", sandbox.url, token="not-the-right-token")
    result = service.submit(valid_order(tmp_path))
    assert result.outcome == sub.BLOCKED
    assert "did not accept the access token" in result.message
    assert "not-the-right-token" not in result.message
    assert service.store.get_order(result.order_id).status == QUEUED
    memory_secrets.set(secrets.token_key(sandbox.url), FAKE_TOKEN)
    assert service.drain_outbox(retry_blocked=True).sent == 1


def test_provider_refusal_is_reported_with_fields(tmp_path, sandbox):
    service = make_service(tmp_path / "pw.db", sandbox.url, checker=lambda order, ctx: [])
    order = valid_order(tmp_path)
    order.carrier.account_number = ""  # our checks are bypassed; the provider insists on it
    result = service.submit(order)
    assert result.outcome == sub.FAILED
    assert "carrier.account_number" in [f.field for f in result.findings]
    assert service.store.get_order(result.order_id).status == NOT_SENT
    assert service.store.unfinished_count() == 0
    assert sandbox.created_count() == 0


def test_cancel_before_it_was_sent_is_local(tmp_path):
    service = make_service(tmp_path / "pw.db", f"http://127.0.0.1:{free_port()}")
    result = service.submit(valid_order(tmp_path), send=False)
    assert result.outcome == sub.QUEUED_OUTCOME
    cancelled = service.cancel(result.order_id)
    assert cancelled.outcome == sub.SENT and cancelled.status == "cancelled"
    assert "never saw it" in cancelled.message
    assert service.store.unfinished_count() == 0
    assert [h.status for h in service.store.history(result.order_id)] == [QUEUED, "cancelled"]


def test_cancel_after_an_unanswered_send_waits_behind_the_create(tmp_path):
    # The create timed out: the provider may have the order, so it must not be dropped
    # locally; the cancel goes out after the create.
    port = free_port()
    service = make_service(tmp_path / "pw.db", f"http://127.0.0.1:{port}", backoff_base=0.01)
    result = service.submit(valid_order(tmp_path))
    assert result.outcome == sub.QUEUED_OUTCOME
    cancel = service.cancel(result.order_id)
    assert cancel.outcome == sub.QUEUED_OUTCOME and cancel.status == QUEUED
    assert [e.operation for e in service.waiting(result.order_id)] == ["create", "cancel"]
    with Sandbox(tmp_path / "sandbox.db", port=port, seconds_per_day=0.2, token=FAKE_TOKEN) as sb:
        def drained():
            service.drain_outbox()
            return service.store.unfinished_count() == 0
        wait_until(drained)
        assert sb.created_count() == 1
        record = service.store.get_order(result.order_id)
        assert record.status in ("cancel_pending", "cancelled") and record.remote_id


def test_cancel_and_comment_go_through_the_outbox(tmp_path, sandbox):
    service = make_service(tmp_path / "pw.db", sandbox.url)
    result = service.submit(valid_order(tmp_path))
    comment = service.comment(result.order_id, "Please call before 5 pm.")
    assert comment.outcome == sub.SENT
    assert service.store.get_order(result.order_id).remote_state["comments"][-1]["text"] == \
        "Please call before 5 pm."
    cancel = service.cancel(result.order_id)
    assert cancel.outcome == sub.SENT and cancel.status == "cancel_pending"
    assert [e.operation for e in service.store.outbox(result.order_id)] == ["create", "comment", "cancel"]
    again = service.cancel(result.order_id)  # asking twice is harmless
    assert again.status in ("cancel_pending", "cancelled")


def test_resubmit_only_after_rejection(tmp_path, sandbox):
    service = make_service(tmp_path / "pw.db", sandbox.url)
    result = service.submit(valid_order(tmp_path))
    refused = service.resubmit(result.order_id, valid_order(tmp_path))
    assert refused.outcome == sub.FAILED and "Only a rejected order" in refused.message


def test_backoff_grows_and_is_capped():
    b = sub.Backoff(base=1, factor=2, maximum=10, jitter=0)
    assert [b.delay(n) for n in (1, 2, 3, 4, 5, 9)] == [1, 2, 4, 8, 10, 10]
    jittered = sub.Backoff(base=10, jitter=0.2)
    assert all(8 <= jittered.delay(1) <= 12 for _ in range(50))


@pytest.mark.parametrize("operation", ["comment", "cancel"])
def test_lost_answer_to_a_comment_or_cancel_is_not_repeated(tmp_path, operation):
    with Sandbox(tmp_path / "sandbox.db", seconds_per_day=5, token=FAKE_TOKEN,
                 fault_kinds=("drop_after",)) as sb:
        service = make_service(tmp_path / "pw.db", sb.url)
        result = service.submit(valid_order(tmp_path))
        assert result.outcome == sub.SENT
        sb.fault_rate = 1.0  # the provider carries the request out, the answer is lost
        if operation == "comment":
            first = service.comment(result.order_id, "Please call before 5 pm.")
        else:
            first = service.cancel(result.order_id)
        assert first.outcome == sub.QUEUED_OUTCOME
        sb.fault_rate = 0.0

        def drained():
            service.drain_outbox()
            return service.store.unfinished_count() == 0
        wait_until(drained)
        state = service.store.get_order(result.order_id).remote_state
        if operation == "comment":
            assert [c["text"] for c in state["comments"]].count("Please call before 5 pm.") == 1
        else:
            assert [h["status"] for h in state["history"]].count("cancel_pending") == 1


def test_connection_set_up_failure_keeps_the_order_queued(tmp_path, monkeypatch):
    service = make_service(tmp_path / "pw.db", "sandbox")

    def broken(*args, **kw):
        raise OSError("address already in use")

    monkeypatch.setattr("portwizard.services.connection.builtin_sandbox_url", broken)
    result = service.submit(valid_order(tmp_path))
    assert result.outcome == sub.QUEUED_OUTCOME and result.order_id
    (entry,) = service.store.outbox(result.order_id)
    assert entry.state == "pending" and "could not be set up" in entry.last_error


def test_a_number_already_in_an_open_order_is_refused(tmp_path, sandbox):
    service = make_service(tmp_path / "pw.db", sandbox.url)
    first = service.submit(valid_order(tmp_path))
    assert first.outcome == sub.SENT
    again = valid_order(tmp_path)
    again.numbers = ["(212) 555-0123"]
    result = service.submit(again)
    assert result.outcome == sub.INVALID and result.order_id is None
    (finding,) = result.findings
    assert finding.field == "numbers[0]" and first.order_id in finding.message
    assert f"portwizard cancel {first.order_id}" in finding.fix
    assert sandbox.created_count() == 1
    service.cancel(first.order_id)
    def cancelled():
        TrackingService(service.store, service.connector).refresh(first.order_id)
        return service.store.get_order(first.order_id).status == "cancelled"
    wait_until(cancelled, timeout=10)
    assert service.submit(again).outcome == sub.SENT  # once the first is closed it is fine


def test_resubmit_without_pin_keeps_the_orders_pin(tmp_path, sandbox, memory_secrets):
    service = make_service(tmp_path / "pw.db", sandbox.url)
    order = valid_order(tmp_path)
    order.carrier.customer_name = "Acme MISMATCH"  # the sandbox's name-mismatch trigger
    first = service.submit(order)

    def rejected():
        TrackingService(service.store, service.connector).refresh(first.order_id)
        return service.store.get_order(first.order_id).status == "rejected"
    wait_until(rejected)
    fixed = valid_order(tmp_path, pin="")
    result = service.resubmit(first.order_id, fixed)
    assert result.outcome == sub.SENT, result.message
    assert service.store.order_document(first.order_id).carrier.pin == FAKE_PIN
    assert service.store.get_order(first.order_id).order.carrier.customer_name == "Acme Dental"
    assert [k for k in memory_secrets.keys() if k.startswith("pin:outbox:")] == []  # cleaned up


class LockedKeyring:
    def get(self, key):
        raise secrets.SecretStoreError("your system's password storage is not available: locked")

    def set(self, key, value):
        self.get(key)

    def delete(self, key):
        self.get(key)


def test_pin_unreadable_after_restart_blocks_instead_of_sending_a_blank_pin(tmp_path, sandbox):
    port = free_port()
    service = make_service(tmp_path / "pw.db", f"http://127.0.0.1:{port}")
    queued = service.submit(valid_order(tmp_path))
    assert queued.outcome == sub.QUEUED_OUTCOME
    # Restart with a locked password storage, the provider now reachable.
    locked = LockedKeyring()
    restarted = make_service(tmp_path / "pw.db", sandbox.url, secrets=locked, token=None,
                             connector=None)
    restarted.connector.token_for = lambda endpoint: FAKE_TOKEN
    with restarted.store.transaction() as db:
        db.execute("UPDATE orders SET endpoint = ?", (sandbox.url,))
    time.sleep(0.25)  # past the (test-sized) backoff
    report = restarted.drain_outbox(retry_blocked=True)
    assert report.blocked == 1 and report.sent == 0
    (entry,) = restarted.store.outbox(queued.order_id)
    assert entry.state == "blocked" and "password storage is not available" in entry.last_error
    assert sandbox.created_count() == 0


def test_photo_of_the_bill_is_sent_as_a_pdf(tmp_path, sandbox):
    """Providers take PDFs only: a phone photo of the bill is converted before sending."""
    from PIL import Image

    service = make_service(tmp_path / "pw.db", sandbox.url)
    order = valid_order(tmp_path)
    photo = tmp_path / "bill-photo.jpg"
    Image.new("RGB", (1200, 1600), "white").save(photo, quality=80)
    order.documents.invoice = str(photo)
    result = service.submit(order)
    assert result.outcome == sub.SENT, result.message
    state = sandbox_order(sandbox, result.remote_id)
    names = {a["kind"]: a["filename"] for a in state["attachments"]}
    assert names["invoice"] == "bill-photo.pdf"
    record = service.store.get_order(result.order_id)
    assert record.order.documents.invoice == str(photo)  # the user's own file is untouched


def test_order_is_tidied_before_it_is_stored_and_sent(tmp_path, sandbox):
    service = make_service(tmp_path / "pw.db", sandbox.url)
    order = valid_order(tmp_path)
    order.carrier.account_number = "1234-5678 9"
    order.numbers = ["(212) 555-0123"]
    order.service_address.pre_direction = "North"
    result = service.submit(order)
    assert result.outcome == sub.SENT, result.message
    stored = service.store.get_order(result.order_id).order
    assert stored.carrier.account_number == "123456789"
    assert stored.numbers == ["+12125550123"]
    assert stored.service_address.pre_direction == "N"


def sandbox_order(sandbox, remote_id: str) -> dict:
    from portwizard.endpoint import EndpointClient

    with EndpointClient(sandbox.url, FAKE_TOKEN) as client:
        return client.get_order(remote_id)


def test_a_stale_send_never_undoes_an_accepted_order(tmp_path, sandbox):
    """The GUI's refresh and the CLI may drain the same outbox: a sender holding an old copy
    of the entry must not send it again nor mark the accepted order as not sent."""
    service = make_service(tmp_path / "pw.db", sandbox.url)
    queued = service.submit(valid_order(tmp_path), send=False)
    [stale] = service.store.outbox(queued.order_id)
    service.drain_outbox()  # someone else sends it (and removes the queued file copies)
    result = service._send(stale)
    assert result.outcome == sub.SENT and "PO-" in result.message
    record = service.store.get_order(queued.order_id)
    assert record.status != NOT_SENT and record.remote_id
    assert sandbox.created_count() == 1


def test_an_entry_is_claimed_by_one_sender_across_connections(tmp_path, sandbox):
    service = make_service(tmp_path / "pw.db", sandbox.url)
    queued = service.submit(valid_order(tmp_path), send=False)
    [entry] = service.store.outbox(queued.order_id)
    other = Store(tmp_path / "pw.db")  # another process's connection
    now = time.time()
    assert other.claim_entry(entry.id, now, 300) is True
    assert service.store.claim_entry(entry.id, now, 300) is False  # leased by the other
    assert service.store.claim_entry(entry.id, now + 301, 300) is True  # lease ran out
    other.close()


def test_a_lost_pin_blocks_the_order_instead_of_sending_it_blank(tmp_path, sandbox, memory_secrets):
    service = make_service(tmp_path / "pw.db", sandbox.url)
    queued = service.submit(valid_order(tmp_path), send=False)
    [entry] = service.store.outbox(queued.order_id)
    memory_secrets.delete(entry.secret_ref)  # e.g. queued in a session whose keyring failed
    report = service.drain_outbox()
    assert sandbox.created_count() == 0
    [entry] = service.store.outbox(queued.order_id)
    assert entry.state == "blocked" and "PIN" in entry.last_error
    assert report is not None


def test_cancel_is_not_asked_twice(tmp_path, sandbox):
    service = make_service(tmp_path / "pw.db", sandbox.url)
    sent = service.submit(valid_order(tmp_path))
    assert sent.outcome == sub.SENT
    first = service.cancel(sent.order_id, send=False)
    assert first.outcome == sub.QUEUED_OUTCOME
    again = service.cancel(sent.order_id, send=False)
    assert "already waiting" in again.message
    cancels = [e for e in service.store.outbox(sent.order_id) if e.operation == "cancel"]
    assert len(cancels) == 1


def test_closing_the_service_closes_the_store_it_opened(tmp_path, sandbox, monkeypatch):
    from portwizard import paths

    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "home"))
    service = sub.SubmissionService(settings=make_service(tmp_path / "x.db", sandbox.url).settings)
    store = service.store
    service.close()
    import sqlite3

    with pytest.raises(sqlite3.ProgrammingError):
        store._db.execute("SELECT 1")


def test_a_number_already_in_an_open_order_is_refused_in_any_notation(tmp_path, sandbox):
    service = make_service(tmp_path / "pw.db", sandbox.url)
    first = service.submit(valid_order(tmp_path))
    assert first.outcome == sub.SENT
    again = valid_order(tmp_path, number="1 (212) 555-0123")
    result = service.submit(again)
    assert result.outcome == sub.INVALID
    assert [(f.field, f.code) for f in result.findings] == [("numbers[0]", "order.number_in_open_order")]
    assert first.order_id in result.message
    other = service.submit(valid_order(tmp_path, number="(212) 555-0124"))
    assert other.outcome == sub.SENT  # a different number is not held up
    service.cancel(first.order_id)
    wait_until(lambda: service.store.get_order(first.order_id).status in ("cancel_pending", "cancelled"))


def test_an_order_the_store_could_not_file_leaves_no_copies_of_its_files(tmp_path, sandbox):
    """A full disk or a read-only folder while filing: the copies made for the order (a bill
    with account numbers) are removed with it, for a new order and for a correction."""
    from portwizard.store import StoreError

    service = make_service(tmp_path / "pw.sqlite3", sandbox.url)
    order = valid_order(tmp_path)
    with service.store._lock:
        service.store._db.execute("PRAGMA query_only = 1")
    with pytest.raises(StoreError):
        service.submit(order, send=False)
    assert not (service.attachments_dir.exists() and any(service.attachments_dir.iterdir()))

    with service.store._lock:
        service.store._db.execute("PRAGMA query_only = 0")
    filed = service.submit(order, send=False)
    service.store.update_order(filed.order_id, status="rejected")
    kept = sorted(p for p in (service.attachments_dir / filed.order_id).rglob("*") if p.is_file())
    with service.store._lock:
        service.store._db.execute("PRAGMA query_only = 1")
    try:
        with pytest.raises(StoreError):
            service.resubmit(filed.order_id, order, send=False)
    finally:
        with service.store._lock:
            service.store._db.execute("PRAGMA query_only = 0")
    assert kept and sorted(
        p for p in (service.attachments_dir / filed.order_id).rglob("*") if p.is_file()) == kept
