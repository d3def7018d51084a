"""The sandbox's simulated lifecycle, driven through the real client over loopback HTTP."""
from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from endpoint_kit import (
    PIN, FakeClock, assert_matches_schema, order_doc, wait_for_status, wait_until, write_pdf,
)
from portwizard.endpoint import Conflict, IdempotencyMismatch, InvalidOrder, NotFound

pytestmark = pytest.mark.http

HAPPY_PATH = ["submitted", "in_review", "pending_carrier", "foc_confirmed", "completed"]


def key() -> str:
    return str(uuid.uuid4())


def test_order_walks_every_state_to_completed(start_sandbox, make_client, files):
    sandbox = start_sandbox(seconds_per_day=0.5)  # FOC-confirmed lasts >= 0.4 s: polls see it
    client = make_client(sandbox)
    created = client.create_order(order_doc(), files, key())
    assert created["status"] == "submitted"
    assert created["numbers"] == [{"number": "+12125550123", "status": "submitted"}]
    assert created["foc_date"] is None and created["rejection"] is None
    assert created["cancellable"] is True
    assert sorted(a["kind"] for a in created["attachments"]) == ["invoice", "loa"]
    assert {a["filename"] for a in created["attachments"]} == {"loa-signed.pdf", "invoice.pdf"}
    assert_matches_schema(created, "OrderState")

    seen = wait_until(lambda: client.get_order(created["id"]),
                      lambda s: s["status"] == "completed", timeout=15, interval=0.01)
    observed = [s["status"] for s in seen]
    # Polling observes the states in lifecycle order (never backwards) ...
    order = [HAPPY_PATH.index(s) for s in observed]
    assert order == sorted(order)
    assert "foc_confirmed" in observed and observed[-1] == "completed"
    final = seen[-1]
    # ... and the history has every one of them, oldest first.
    assert [h["status"] for h in final["history"]] == HAPPY_PATH
    assert [h["at"] for h in final["history"]] == sorted(h["at"] for h in final["history"])
    assert final["numbers"] == [{"number": "+12125550123", "status": "completed"}]
    foc = date.fromisoformat(final["foc_date"])
    submitted_on = date.fromisoformat(final["created_at"][:10])
    assert foc >= submitted_on + timedelta(days=3) and foc.weekday() < 5
    assert any("FOC confirmed" in c["text"] for c in final["comments"])
    assert any("Call the old carrier" in c["text"] for c in final["comments"])
    assert final["cancellable"] is False
    assert_matches_schema(final, "OrderState")


def test_every_sandbox_transition_is_allowed_by_the_lifecycle(start_sandbox, make_client, files):
    from portwizard.domain.lifecycle import can_transition

    sandbox = start_sandbox(seconds_per_day=0.1)
    client = make_client(sandbox)
    done = client.create_order(order_doc(), files, key())
    rejected = client.create_order(order_doc(carrier__pin="9999"), files, key())
    cancelled = client.create_order(order_doc(numbers=["+12125550124"]), files, key())
    client.cancel(cancelled["id"])
    wait_for_status(client, done["id"], "completed")
    wait_for_status(client, rejected["id"], "rejected")
    client.resubmit(rejected["id"], order_doc(), {}, key())
    wait_for_status(client, rejected["id"], "completed")
    wait_for_status(client, cancelled["id"], "cancelled")
    for order in client.list_orders():
        statuses = [h["status"] for h in order["history"]]
        for a, b in zip(statuses, statuses[1:]):
            assert can_transition(a, b), f"{order['id']}: {a} -> {b} is not an allowed step"


TRIGGERS = [
    ({"carrier__account_number": "55510000"}, "wrong_account_number", "carrier.account_number"),
    ({"carrier__account_number": "55519999"}, "unpaid_balance", None),
    ({"carrier__pin": "9999"}, "wrong_pin", None),
    ({"carrier__btn": "+12125550000"}, "wrong_btn", None),
    ({"carrier__customer_name": "Acme MISMATCH Dental"}, "name_mismatch", None),
    ({"carrier__authorized_name": "mismatch Pat"}, "authorized_person_mismatch", None),
    ({"service_address__street_name": "Wrong Street"}, "address_mismatch", None),
    ({"numbers": ["+12125550196"]}, "line_features", None),
    ({"numbers": ["+12125550197"]}, "number_inactive", None),
    ({"numbers": ["+12125550198"]}, "pending_order", None),
    ({"numbers": ["+12125550199"]}, "not_portable", None),
    ({"requested_foc_date": "2026-12-26"}, "foc_date_not_allowed", None),  # a Saturday
    ({"carrier__account_type": "multi-line", "numbers": ["+12125550123", "+12125550124"],
      "partial_port": {"remaining_numbers": "keep", "new_btn": ""}}, "partial_port_btn", None),
]


@pytest.mark.parametrize("changes,code,_field", TRIGGERS, ids=[t[1] for t in TRIGGERS])
def test_documented_data_triggers_each_rejection(start_sandbox, make_client, files, changes,
                                                 code, _field):
    from portwizard.domain.lifecycle import reason

    client = make_client(start_sandbox(seconds_per_day=0.05))
    created = client.create_order(order_doc(**changes), files, key())
    state = wait_for_status(client, created["id"], {"rejected", "foc_confirmed", "completed"})
    assert state["status"] == "rejected"
    assert state["rejection"]["code"] == code
    assert state["rejection"]["text"]
    assert reason(code) is not None, "the sandbox uses a code the lifecycle does not know"
    assert state["history"][-1]["status"] == "rejected"
    assert_matches_schema(state, "OrderState")


@pytest.mark.parametrize("name,code", [("LOA-unsigned.pdf", "loa_invalid"),
                                       ("invoice-EXPIRED.pdf", "invoice_invalid")])
def test_document_rejections_come_from_the_review(sandbox, client, files, tmp_path, name, code):
    kind = "loa" if code == "loa_invalid" else "invoice"
    attachments = dict(files, **{kind: write_pdf(tmp_path / "bad", name)})
    created = client.create_order(order_doc(), attachments, key())
    state = wait_for_status(client, created["id"], {"rejected", "foc_confirmed"})
    assert state["rejection"]["code"] == code
    # rejected straight from the provider's review, never sent to the losing carrier
    assert [h["status"] for h in state["history"]] == ["submitted", "in_review", "rejected"]


def test_number_level_rejection_marks_only_that_number(client, files):
    doc = order_doc(carrier__account_type="multi-line",
                    numbers=["+12125550123", "+12125550199"], carrier__btn="+12125550123",
                    partial_port=None)
    created = client.create_order(doc, files, key())
    state = wait_for_status(client, created["id"], "rejected")
    assert state["rejection"]["code"] == "not_portable"
    assert {n["number"]: n["status"] for n in state["numbers"]} == {
        "+12125550123": "pending_carrier", "+12125550199": "rejected"}


def test_rejection_fix_and_resubmit_completes(client, files, tmp_path):
    created = client.create_order(order_doc(service_address__street_name="Wrong Way"), files,
                                  key())
    rejected = wait_for_status(client, created["id"], "rejected")
    assert rejected["rejection"]["code"] == "address_mismatch"
    assert rejected["cancellable"] is True

    new_invoice = write_pdf(tmp_path / "new", "invoice-october.pdf")
    resubmit_key = key()
    again = client.resubmit(created["id"], order_doc(), {"invoice": new_invoice}, resubmit_key)
    assert again["status"] == "submitted" and again["rejection"] is None
    assert again["submission"] == 2
    files_now = {a["kind"]: a["filename"] for a in again["attachments"]}
    assert files_now == {"loa": "loa-signed.pdf", "invoice": "invoice-october.pdf"}
    # a retry of the same resubmission is a replay, not a third submission
    replay = client.resubmit(created["id"], order_doc(), {"invoice": new_invoice}, resubmit_key)
    assert replay["submission"] == 2

    final = wait_for_status(client, created["id"], "completed")
    statuses = [h["status"] for h in final["history"]]
    assert statuses == ["submitted", "in_review", "pending_carrier", "rejected",
                        "submitted", "in_review", "pending_carrier", "foc_confirmed",
                        "completed"]


def test_resubmit_is_only_for_rejected_orders(client, files):
    created = client.create_order(order_doc(), files, key())
    with pytest.raises(Conflict) as err:
        client.resubmit(created["id"], order_doc(), {}, key())
    assert err.value.code == "not_rejected"
    assert "Only a rejected order" in str(err.value)


def test_resubmit_with_still_wrong_data_is_rejected_again(client, files):
    created = client.create_order(order_doc(carrier__pin="9999"), files, key())
    wait_for_status(client, created["id"], "rejected")
    client.resubmit(created["id"], order_doc(carrier__pin="9999"), {}, key())
    state = wait_until(lambda: client.get_order(created["id"]),
                       lambda s: s["submission"] == 2 and s["status"] == "rejected")[-1]
    assert state["rejection"]["code"] == "wrong_pin"


def test_cancel_early_goes_through_cancel_pending(start_sandbox, make_client, files):
    # A hand-moved clock: on the real one "cancel pending" lasts 0.1 s, and a slow request
    # sometimes saw the order already cancelled (about one run in six).
    clock = FakeClock()  # one simulated day = 1 s of this clock
    client = make_client(start_sandbox(seconds_per_day=1.0, clock=clock))
    created = client.create_order(order_doc(), files, key())
    clock.advance(0.1)  # still "submitted"
    state = client.cancel(created["id"])
    assert state["status"] == "cancel_pending"
    assert all(n["status"] == "cancel_pending" for n in state["numbers"])
    clock.advance(0.2)  # cancelling takes half a day
    assert client.cancel(created["id"])["status"] == "cancel_pending"  # again: a no-op
    assert client.get_order(created["id"])["status"] == "cancel_pending"
    clock.advance(0.31)
    final = client.get_order(created["id"])
    assert final["status"] == "cancelled"
    assert [h["status"] for h in final["history"]][-2:] == ["cancel_pending", "cancelled"]
    assert final["cancellable"] is False


def test_cancel_within_48_hours_of_foc_is_refused(start_sandbox, make_client, files):
    clock = FakeClock()  # Monday 2026-03-02 10:00 UTC; one simulated day = 1 s of this clock
    sandbox = start_sandbox(seconds_per_day=1.0, clock=clock)
    client = make_client(sandbox)
    created = client.create_order(order_doc(), files, key())
    clock.advance(1.6)  # 1.6 days later: FOC confirmed
    state = client.get_order(created["id"])
    assert state["status"] == "foc_confirmed"
    assert state["foc_date"] == "2026-03-05"  # first business day 3 days after Monday
    assert state["cancellable"] is False  # FOC is 2.9 days after submission: inside 48 h
    with pytest.raises(Conflict) as err:
        client.cancel(created["id"])
    assert err.value.code == "too_close_to_foc"
    assert "2026-03-05" in str(err.value) and "48 hours" in str(err.value)
    assert client.get_order(created["id"])["status"] == "foc_confirmed"  # nothing changed

    clock.advance(2.0)
    assert client.get_order(created["id"])["status"] == "completed"
    with pytest.raises(Conflict) as err:
        client.cancel(created["id"])
    assert err.value.code == "already_completed"


def test_cancel_after_foc_confirmed_but_before_the_lock(start_sandbox, make_client, files):
    clock = FakeClock()
    sandbox = start_sandbox(seconds_per_day=1.0, clock=clock)
    client = make_client(sandbox)
    # requested FOC Thursday next week: confirmed after 1.5 days, locked only from Tuesday
    created = client.create_order(order_doc(requested_foc_date="2026-03-12"), files, key())
    clock.advance(1.6)
    state = client.get_order(created["id"])
    assert (state["status"], state["foc_date"], state["cancellable"]) == (
        "foc_confirmed", "2026-03-12", True)
    assert client.cancel(created["id"])["status"] == "cancel_pending"
    clock.advance(0.6)
    assert client.get_order(created["id"])["status"] == "cancelled"


def test_comments_are_kept_in_order(client, files):
    created = client.create_order(order_doc(), files, key())
    client.add_comment(created["id"], "Please port after 5 pm.")
    state = client.add_comment(created["id"], "  Second note  ")
    mine = [c for c in state["comments"] if c["author"] == "customer"]
    assert [c["text"] for c in mine] == ["Please port after 5 pm.", "Second note"]
    with pytest.raises(InvalidOrder) as err:
        client.add_comment(created["id"], "   ")
    assert err.value.findings[0]["field"] == "text"


def test_idempotent_create_never_files_twice(sandbox, client, files):
    k = key()
    first = client.create_order(order_doc(), files, k)
    second = client.create_order(order_doc(), files, k)  # e.g. the retry after a timeout
    assert second["id"] == first["id"]
    assert sandbox.created_count() == 1
    with pytest.raises(IdempotencyMismatch) as err:
        client.create_order(order_doc(carrier__customer_name="Other Name"), files, k)
    assert err.value.status == 409 and err.value.code == "idempotency_key_reused"
    assert sandbox.created_count() == 1
    third = client.create_order(order_doc(), files, key())  # a new key is a new order
    assert third["id"] != first["id"] and sandbox.created_count() == 2
    assert [o["id"] for o in client.list_orders()] == [first["id"], third["id"]]


def test_replay_has_status_200_and_the_replay_header(sandbox, client, files):
    import requests

    doc = order_doc()
    headers = {"Authorization": f"Bearer {sandbox.token}", "Idempotency-Key": "abc-123"}
    def post():
        parts = [("order", ("order.json", __import__("json").dumps(doc), "application/json")),
                 ("loa", ("loa.pdf", files["loa"].read_bytes(), "application/pdf"))]
        return requests.post(sandbox.url + "/v1/port-orders", headers=headers, files=parts,
                             timeout=5)
    first, second = post(), post()  # different multipart boundaries, same content
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.headers["Idempotent-Replayed"] == "true"
    assert first.headers["Location"] == f"/v1/port-orders/{first.json()['id']}"
    assert second.json()["id"] == first.json()["id"]
    assert sandbox.created_count() == 1


def test_refused_orders_point_at_the_fields(client, files, tmp_path):
    bad = order_doc(numbers=["555-01"], carrier__account_number="  ",
                    target__account_id="NOPE-1")
    with pytest.raises(InvalidOrder) as err:
        client.create_order(bad, files, key())
    fields = {f["field"]: f["code"] for f in err.value.findings}
    assert fields == {"numbers[0]": "number_invalid", "carrier.account_number": "required",
                      "target.account_id": "target_unknown"}
    assert err.value.status == 422


def test_non_pdf_attachment_is_refused_with_a_clear_message(sandbox, client, files, tmp_path):
    photo = tmp_path / "bill.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0fake jpeg")
    with pytest.raises(InvalidOrder) as err:
        client.create_order(order_doc(), dict(files, invoice=photo), key())
    assert err.value.findings == [{
        "field": "documents.invoice", "code": "attachment_not_pdf",
        "message": "The invoice file bill.jpg is not a PDF. Save or convert it to PDF "
                   "(portwizard can turn a photo into a PDF) and send it again."}]
    assert sandbox.created_count() == 0


def test_oversized_attachment_is_refused(start_sandbox, make_client, files, tmp_path):
    sandbox = start_sandbox(max_attachment_bytes=2000)
    client = make_client(sandbox)
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 5000)
    with pytest.raises(InvalidOrder) as err:
        client.create_order(order_doc(), dict(files, loa=big), key())
    assert err.value.status == 413
    assert err.value.findings[0]["code"] == "attachment_too_large"
    assert "scan.pdf" in str(err.value) and "limit" in str(err.value)
    # a request far over the total limit is refused before it is read
    huge = tmp_path / "huge.pdf"
    huge.write_bytes(b"%PDF-1.4\n" + b"0" * 9000)
    with pytest.raises(InvalidOrder) as err:
        client.create_order(order_doc(), {"loa": huge, "invoice": huge, "csr": huge}, key())
    assert err.value.status == 413
    assert sandbox.created_count() == 0


def test_unknown_order_is_not_found(client):
    with pytest.raises(NotFound):
        client.get_order("PO-999999")
    with pytest.raises(NotFound):
        client.cancel("PO-999999")


def test_targets_match_the_spec(client):
    targets = client.list_targets()
    assert {(t["account_id"], t["line_id"], t["kind"]) for t in targets} == {
        ("SBX-1001", "L-100", "line"), ("SBX-1001", "L-101", "line"),
        ("SBX-1002", "", "sub-account")}
    for t in targets:
        assert_matches_schema(t, "Target")


def test_sandbox_keeps_no_pin_and_survives_a_restart(start_sandbox, make_client, files,
                                                     tmp_path):
    sandbox = start_sandbox()
    client = make_client(sandbox)
    created = client.create_order(order_doc(), files, key())
    db_path = sandbox.db_path
    sandbox.stop()
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    assert PIN.encode() not in raw
    assert sandbox.created_count() == 1  # read from the file while stopped

    from portwizard.endpoint.sandbox import Sandbox

    again = Sandbox(db_path, seconds_per_day=0.2)
    try:
        again.start()
        state = make_client(again).get_order(created["id"])
        assert state["id"] == created["id"]
    finally:
        again.stop()


def test_a_resent_comment_with_its_key_is_added_once(client, files):
    created = client.create_order(order_doc(), files, key())
    client.add_comment(created["id"], "Call before noon.", idempotency_key="c-1")
    state = client.add_comment(created["id"], "Call before noon.", idempotency_key="c-1")
    assert [c["text"] for c in state["comments"] if c["author"] == "customer"] == [
        "Call before noon."]
    with pytest.raises(IdempotencyMismatch):
        client.add_comment(created["id"], "Another text.", idempotency_key="c-1")
    assert client.cancel(created["id"], idempotency_key="x-1")["status"] == "cancel_pending"
    assert client.cancel(created["id"], idempotency_key="x-1")["status"] == "cancel_pending"


def test_concurrent_requests_with_one_key_create_one_order(sandbox, make_client, files):
    import threading

    results, errors = [], []

    def send():
        try:
            results.append(make_client(sandbox).create_order(order_doc(), files, "same-key"))
        except Exception as exc:  # collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert not errors and len(results) == 8
    assert len({r["id"] for r in results}) == 1
    assert sandbox.created_count() == 1


def test_replay_ignores_file_names_but_not_file_contents(sandbox, client, files, tmp_path):
    first = client.create_order(order_doc(), files, "k-files")
    renamed = tmp_path / "renamed.pdf"
    renamed.write_bytes(files["loa"].read_bytes())
    assert client.create_order(order_doc(), dict(files, loa=renamed), "k-files")["id"] == first["id"]
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(files["loa"].read_bytes() + b"% another page\n")
    with pytest.raises(IdempotencyMismatch):
        client.create_order(order_doc(), dict(files, loa=changed), "k-files")
    assert sandbox.created_count() == 1


def test_fields_of_the_wrong_type_are_refused(client, files):
    bad = order_doc(documents__loa={"path": "x"}, carrier__digital_unlocked="yes",
                    carrier__account_type="several", requested_foc_date="next week",
                    numbers=["+12125550123", 2125550124])
    with pytest.raises(InvalidOrder) as err:
        client.create_order(bad, files, key())
    assert {f["field"]: f["code"] for f in err.value.findings} == {
        "documents.loa": "wrong_type", "carrier.digital_unlocked": "wrong_type",
        "carrier.account_type": "wrong_type", "requested_foc_date": "wrong_type",
        "numbers[1]": "wrong_type"}
    ok = client.create_order(order_doc(requested_foc_date="", partial_port=None), files, key())
    assert ok["status"] == "submitted"


def test_the_pin_is_not_part_of_the_stored_fingerprint(sandbox, client, files):
    first = client.create_order(order_doc(carrier__pin="1234"), files, "k-pin")
    again = client.create_order(order_doc(carrier__pin="5678"), files, "k-pin")
    assert again["id"] == first["id"] and sandbox.created_count() == 1
