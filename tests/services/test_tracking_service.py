"""Tracking: recording the provider's states in the append-only history, and next steps."""
from __future__ import annotations

import pytest

from portwizard.domain.order import Order
from portwizard.domain.status import label as status_label
from portwizard.services.tracking import apply_state, next_action
from portwizard.store import NOT_SENT, QUEUED, Store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "t.sqlite3")
    yield s
    s.close()


def state(status, history, **extra):
    return {"id": "PO-000007", "status": status, "numbers": [{"number": "+12125550123", "status": status}],
            "foc_date": None, "rejection": None, "comments": [], "created_at": "2026-11-23T10:00:00.000Z",
            "updated_at": "2026-11-23T10:00:00.000Z",
            "history": [{"at": at, "status": s, "note": f"now {s}"} for at, s in history], **extra}


def test_every_change_between_polls_is_recorded_once_with_provider_time(store):
    order_id = store.add_order(Order(numbers=["+12125550123"]), "sandbox")
    first = state("in_review", [("2026-11-23T10:00:00.000Z", "submitted"),
                                ("2026-11-23T10:00:01.000Z", "in_review")])
    assert apply_state(store, order_id, first) == ["submitted", "in_review"]
    assert apply_state(store, order_id, first) == []  # polling again adds nothing
    later = state("foc_confirmed", [("2026-11-23T10:00:00.000Z", "submitted"),
                                    ("2026-11-23T10:00:01.000Z", "in_review"),
                                    ("2026-11-23T10:00:02.000Z", "pending_carrier"),
                                    ("2026-11-23T10:00:03.000Z", "foc_confirmed")],
                  foc_date="2026-12-04", order={"carrier": {"pin": "1234"}})
    assert apply_state(store, order_id, later) == ["pending_carrier", "foc_confirmed"]
    record = store.get_order(order_id)
    assert record.status == "foc_confirmed" and record.foc_date == "2026-12-04"
    assert record.remote_id == "PO-000007" and record.last_checked_at
    assert "order" not in record.remote_state  # only the documented status fields are kept
    history = store.history(order_id)
    assert [(h.status, h.source) for h in history] == [
        (QUEUED, "local"), ("submitted", "endpoint"), ("in_review", "endpoint"),
        ("pending_carrier", "endpoint"), ("foc_confirmed", "endpoint")]
    assert history[3].at == "2026-11-23T10:00:02.000Z" and history[3].note == "now pending_carrier"


def test_status_without_history_entry_is_still_recorded(store):
    order_id = store.add_order(Order(), "sandbox")
    apply_state(store, order_id, {"id": "PO-1", "status": "rejected",
                                  "rejection": {"code": "wrong_pin", "text": "PIN does not match"}})
    record = store.get_order(order_id)
    assert record.status == "rejected"
    assert (record.rejection_code, record.rejection_text) == ("wrong_pin", "PIN does not match")
    assert store.history(order_id)[-1].status == "rejected"
    apply_state(store, order_id, {"id": "PO-1", "status": "submitted", "rejection": None})
    assert store.get_order(order_id).rejection_code is None


@pytest.mark.parametrize("status, words", [
    (QUEUED, "will be sent as soon as the provider can be reached"),
    ("submitted", "Nothing to do yet"),
    ("in_review", "Keep your current service"),
    ("pending_carrier", "Do not cancel or change"),
    ("cancel_pending", "cancel request is being processed"),
    ("cancelled", "stay with your current carrier"),
    ("completed", "confirm the old service is disconnected and to stop billing"),
])
def test_next_action_for_each_state(status, words):
    assert words in next_action({"status": status})


def test_next_action_foc_gives_the_date_and_says_keep_the_old_service():
    text = next_action({"status": "foc_confirmed", "foc_date": "2026-12-04"}, provider_name="Acme Voice")
    assert "Friday, December 4, 2026" in text
    assert "set up your new line or app with Acme Voice" in text
    assert "Do not cancel your old service yet" in text


def test_next_action_for_a_rejection_uses_the_reason_and_its_fields():
    lifecycle = pytest.importorskip("portwizard.domain.lifecycle")
    info = lifecycle.reason("address_mismatch")
    text = next_action({"status": "rejected", "rejection": {"code": "address_mismatch", "text": "x"}})
    assert info.title in text and info.fix in text and "resubmit" in text
    assert "service_address." not in text  # the user's words, not field paths
    assert 'ZIP or postal code' in text and 'street number' in text and '(page "' in text


def test_next_action_for_an_unknown_rejection_shows_the_providers_text():
    text = next_action({"status": "rejected", "rejection": {"code": "zz_new", "text": "Call us"}})
    assert "(Call us)" in text and "resubmit" in text


def test_next_action_explains_blocked_and_refused_work(store):
    order_id = store.add_order(Order(), "sandbox")
    entry = store.enqueue(order_id, "create")
    store.mark_blocked(entry.id, "No access token is saved for https://x.")
    blocked = store.outbox_entry(entry.id)
    assert next_action(store.get_order(order_id), outbox=[blocked]).startswith(
        "Not sent yet: No access token is saved")
    failed = blocked._replace(state="failed", last_error="The account number is missing.")
    record = store.get_order(order_id)._replace(status=NOT_SENT)
    assert "The account number is missing." in next_action(record, outbox=[failed])


def test_status_labels_are_plain_words():
    assert status_label(QUEUED) == "Waiting to be sent"
    assert status_label("pending_carrier") != "pending_carrier"
    assert "_" not in status_label("foc_confirmed")


def test_describe_fields_groups_plain_words_by_page():
    from portwizard.services.tracking import describe_fields

    text = describe_fields(["service_address.street_number", "service_address.postal_code",
                            "documents.csr", "numbers[2]"])
    assert "street number, ZIP or postal code" in text
    assert "Customer Service Record" in text and "phone numbers" in text
    assert text.count("(page ") == 3 and "." not in text.replace("...", "")


class _BrokenConnector:
    """A connector whose client cannot even be created (e.g. the built-in sandbox's data
    folder is not writable)."""

    settings = None

    def __init__(self, exc: Exception):
        self.exc = exc
        self.calls = 0

    def client(self, endpoint):
        self.calls += 1
        raise self.exc


def test_refresh_reports_an_unexpected_client_failure_in_plain_words(store):
    from portwizard.services.tracking import TrackingService

    order_id = store.add_order(Order(numbers=["+12125550123"]), "sandbox")
    store.update_order(order_id, remote_id="PO-000001", status="submitted")
    connector = _BrokenConnector(OSError(13, "Permission denied"))
    result = TrackingService(store, connector).refresh(order_id)
    assert connector.calls == 1
    assert result.order_id == order_id and result.status == "submitted" and result.changes == []
    assert "Permission denied" in result.error and "try again" in result.error.lower()
    assert "Traceback" not in result.error and "OSError" not in result.error
    assert store.get_order(order_id).status == "submitted"  # nothing recorded


def test_refresh_all_goes_on_after_one_order_fails(store):
    import sqlite3

    from portwizard.services.tracking import TrackingService

    ids = []
    for n in ("PO-000001", "PO-000002"):
        order_id = store.add_order(Order(numbers=["+12125550123"]), "sandbox")
        store.update_order(order_id, remote_id=n, status="submitted")
        ids.append(order_id)
    connector = _BrokenConnector(sqlite3.OperationalError("database is locked"))
    results = TrackingService(store, connector).refresh_all()
    assert sorted(r.order_id for r in results) == sorted(ids)
    assert connector.calls == 2
    assert all("database is locked" in r.error for r in results)


def test_refresh_all_goes_on_when_recording_one_order_fails(store):
    from portwizard.services.tracking import TrackingService

    first = store.add_order(Order(numbers=["+12125550123"]), "sandbox")
    store.update_order(first, remote_id="PO-000001", status="submitted")
    second = store.add_order(Order(numbers=["+12125550124"]), "sandbox")
    store.update_order(second, remote_id="PO-000002", status="submitted")

    class Client:
        def get_order(self, remote_id):
            if remote_id == "PO-000001":
                return None  # a broken answer: recording it fails
            return {"id": remote_id, "status": "in_review"}

    class Connector:
        settings = None

        def client(self, endpoint):
            return Client()

    results = {r.order_id: r for r in TrackingService(store, Connector()).refresh_all()}
    assert set(results) == {first, second}
    assert results[first].error and results[first].status == "submitted"
    assert results[second].error == "" and results[second].status == "in_review"
    assert store.get_order(second).status == "in_review"


def test_provider_status_words_are_stored_in_our_vocabulary(store):
    order_id = store.add_order(Order(numbers=["+12125550123"]), "sandbox")
    got = apply_state(store, order_id, state("FOC", [("2026-11-23T10:00:00.000Z", "Submitted"),
                                                     ("2026-11-23T10:00:01.000Z", "port_in_progress"),
                                                     ("2026-11-23T10:00:02.000Z", "FOC")],
                                             foc_date="2026-12-04"))
    assert got == ["submitted", "pending_carrier", "foc_confirmed"]
    assert store.get_order(order_id).status == "foc_confirmed"
    assert [h.status for h in store.history(order_id)][-3:] == got
    # The same provider history polled again adds nothing.
    assert apply_state(store, order_id, state("FOC", [("2026-11-23T10:00:02.000Z", "FOC")])) == []


def test_provider_exception_is_stored_as_rejected_with_our_reason_code(store):
    order_id = store.add_order(Order(numbers=["+12125550123"]), "sandbox")
    store.update_order(order_id, status="pending_carrier")
    got = apply_state(store, order_id, {"id": "PO-9", "status": "exception",
                                        "rejection": {"code": "E-7731",
                                                      "text": "End user address does not match"}})
    record = store.get_order(order_id)
    assert got == ["rejected"] and record.status == "rejected"
    assert record.rejection_code == "address_mismatch"
    assert record.rejection_text == "End user address does not match"  # the provider's words kept
    assert "ZIP or postal code" in next_action(record)  # so the user is told which fields


def test_provider_rejection_code_that_is_a_known_phrase_is_mapped(store):
    order_id = store.add_order(Order(), "sandbox")
    apply_state(store, order_id, {"id": "PO-9", "status": "rejected",
                                  "rejection": {"code": "PIN does not match", "text": ""}})
    assert store.get_order(order_id).rejection_code == "wrong_pin"


def test_unknown_provider_status_word_keeps_the_status_and_is_logged(store, caplog):
    import logging

    order_id = store.add_order(Order(), "sandbox")
    store.update_order(order_id, status="in_review")
    caplog.set_level(logging.WARNING, logger="portwizard.services.tracking")
    got = apply_state(store, order_id, state("zz_mystery_9", [("2026-11-23T10:00:00.000Z",
                                                               "zz_mystery_9")]))
    assert got == [] and store.get_order(order_id).status == "in_review"
    assert "zz_mystery_#" in caplog.text and "+12125550123" not in caplog.text
    assert [h.status for h in store.history(order_id)] == [QUEUED]  # nothing invented
    caplog.clear()
    apply_state(store, order_id, {"status": "held: PIN 1234 / acct 123456789"})
    assert "PIN ####" in caplog.text and "1234" not in caplog.text  # digits never logged
    assert store.get_order(order_id).status == "in_review"


@pytest.mark.parametrize("final", ["completed", "cancelled"])
def test_the_pin_leaves_the_password_storage_once_the_order_is_over(store, memory_secrets, final):
    """Nothing needs the PIN after the numbers moved (or the order was cancelled); until then
    a rejected order keeps it for its resubmission."""
    from portwizard import secrets

    order = Order(numbers=["+12125550123"])
    order.carrier.pin = "7391"
    order_id = store.add_order(order, "sandbox")
    key = secrets.order_pin_key(order_id)
    apply_state(store, order_id, state("rejected", [("2026-11-23T10:00:00.000Z", "rejected")]))
    assert memory_secrets.get(key) == "7391"
    apply_state(store, order_id, state(final, [("2026-11-23T10:00:00.000Z", "rejected"),
                                               ("2026-11-23T10:00:09.000Z", final)]))
    assert not memory_secrets.get(key)


class _OneAnswer:
    """A connector whose client answers every get_order with the same state."""

    settings = None

    def __init__(self, state: dict):
        self.state = state

    def client(self, endpoint):
        return self

    def get_order(self, remote_id):
        return dict(self.state, id=remote_id)


def test_a_cancelled_request_mid_fix_does_not_end_the_order(store):
    """Twilio fixes a rejection by cancel + new request: while the corrected order waits in
    the outbox, the old request's 'cancelled' must not close the order or drop its PIN."""
    from portwizard import secrets as _secrets
    from portwizard.services.tracking import TrackingService

    order = Order(numbers=["+12125550123"])
    order.carrier.pin = "7391"
    order_id = store.add_order(order, "sandbox")
    store.update_order(order_id, remote_id="KW-1", status="rejected")
    entry = store.enqueue(order_id, "resubmit", {})
    cancelled = {"status": "cancelled", "numbers": [], "history": [], "comments": []}
    result = TrackingService(store, _OneAnswer(cancelled)).refresh(order_id)
    assert result.status == "rejected" and result.changes == []
    assert store.get_order(order_id).status == "rejected"
    assert store.get_secret(_secrets.order_pin_key(order_id)) == "7391"
    store.mark_done(entry.id)  # once nothing is on its way, a cancel is the order's end
    assert TrackingService(store, _OneAnswer(cancelled)).refresh(order_id).status == "cancelled"
