"""The Twilio adapter against the stateful fake on loopback: the lifecycle with the e-mailed
LOA, rejections in our words, refusals before anything is sent, a fix as cancel + new
request that tracking follows, and requests that are never filed twice."""
from __future__ import annotations

import datetime as _dt
import json
import time

import pytest

from fake_twilio import FAKE_AUTH_TOKEN, FAKE_CREDENTIAL, FakeTwilio, Faults
from orderkit import FAKE_ACCOUNT, FAKE_PIN, valid_order
from portwizard.domain.order import to_dict
from portwizard.endpoint.errors import AuthError, Conflict, InvalidOrder, Unavailable
from portwizard.endpoint.providers.base import MemoryProgress
from portwizard.endpoint.providers.twilio import TwilioAdapter, parse_credential

pytestmark = pytest.mark.http


@pytest.fixture
def fake():
    started = []

    def _start(**kwargs):
        f = FakeTwilio(**kwargs).start()
        started.append(f)
        return f

    yield _start
    for f in started:
        f.stop()
    for f in started:
        assert f.violations == [], f.violations[:5]


def adapter_for(fake, **kw) -> TwilioAdapter:
    kw.setdefault("retries", 0)
    kw.setdefault("timeout", (0.5, 0.2))
    return TwilioAdapter(fake.url, FAKE_CREDENTIAL, **kw)


def doc_and_files(tmp_path, *, days: int = 10, **changes):
    order = valid_order(tmp_path)
    order.requested_foc_date = (_dt.date.today() + _dt.timedelta(days=days)).isoformat()
    doc = to_dict(order)
    for path, value in changes.items():
        group, name = path.split("__")
        if group == "numbers":
            doc["numbers"] = value
        else:
            doc[group][name] = value
    return doc, {"loa": order.documents.loa, "invoice": order.documents.invoice}


def wait_for(adapter, remote_id, wanted, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = adapter.get_order(remote_id)
        if state["status"] == wanted:
            return state
        time.sleep(0.05)
    raise AssertionError(f"never {wanted}: {state['status']}")


def test_waiting_for_signature_then_signed_then_completed(tmp_path, fake):
    tw = fake(seconds_per_day=0.4)
    adapter = adapter_for(tw)
    doc, files = doc_and_files(tmp_path)
    state = adapter.create_order(doc, files, "k1")
    assert state["status"] == "awaiting_signature" and state["id"].startswith("KW")
    assert "sign" in state["comments"][0]["text"] and "pat@example.com" in state["comments"][0]["text"]
    assert "waiting for signature" in state["history"][-1]["note"]
    time.sleep(0.2)
    assert adapter.get_order(state["id"])["status"] == "awaiting_signature"  # unsigned: waits
    tw.sign()
    assert adapter.get_order(state["id"])["status"] == "pending_carrier"
    confirmed = wait_for(adapter, state["id"], "foc_confirmed")
    assert confirmed["foc_date"] == doc["requested_foc_date"]
    done = wait_for(adapter, state["id"], "completed")
    assert done["numbers"][0]["status"] == "completed" and not done["cancellable"]
    assert tw.created_count() == 1 and len(tw.documents) == 1
    assert all(b"Letter of Authorization" not in body for body in tw.received)  # no PDF LOA
    assert FAKE_PIN not in json.dumps(done) and FAKE_ACCOUNT not in json.dumps(done)


@pytest.mark.parametrize("changes, code", [
    ({"carrier__pin": "9999"}, "wrong_pin"),
    ({"carrier__account_number": "555550000"}, "wrong_account_number"),
    ({"service_address__street_name": "WRONG Main"}, "address_mismatch"),
    ({"carrier__customer_name": "Acme CSR Dental"}, None),  # Twilio's words are kept
])
def test_action_required_is_a_rejection_in_our_words(tmp_path, fake, changes, code):
    tw = fake(seconds_per_day=0.2, auto_sign_days=0.0)
    adapter = adapter_for(tw)
    doc, files = doc_and_files(tmp_path, **changes)
    state = adapter.create_order(doc, files, "k1")
    rejected = wait_for(adapter, state["id"], "rejected")
    assert rejected["rejection"]["code"] == code
    assert rejected["rejection"]["text"] and rejected["numbers"][0]["status"] == "rejected"
    assert "9999" not in json.dumps(rejected)


@pytest.mark.parametrize("changes, field, words", [
    ({"numbers__": ["+18005550123"]}, "numbers[0]", "toll-free"),
    ({"carrier__number_type": "business-toll-free"}, "carrier.number_type", "toll-free"),
    ({"numbers__": ["+14165550123"]}, "numbers[0]", "United States"),
    ({"numbers__": [f"+1212555{i:04d}" for i in range(1001)]}, "numbers", "at most 1,000"),
    ({"contact__email": ""}, "contact.email", "e-mail"),
])
def test_refused_before_anything_is_sent(tmp_path, fake, changes, field, words):
    tw = fake()
    adapter = adapter_for(tw)
    doc, files = doc_and_files(tmp_path, **changes)
    with pytest.raises(InvalidOrder) as caught:
        adapter.create_order(doc, files, "k1")
    assert field in [f["field"] for f in caught.value.findings]
    assert words in str(caught.value) and "Nothing was sent to Twilio" in str(caught.value)
    assert tw.requests == []


def test_a_date_under_seven_days_is_refused_in_plain_words(tmp_path, fake):
    tw = fake()
    adapter = adapter_for(tw)
    doc, files = doc_and_files(tmp_path, days=6)
    with pytest.raises(InvalidOrder) as caught:
        adapter.create_order(doc, files, "k1")
    assert caught.value.findings[0]["field"] == "requested_foc_date"
    assert "at least 7 days ahead" in str(caught.value) and tw.requests == []
    doc, files = doc_and_files(tmp_path, days=7)
    assert adapter.create_order(doc, files, "k2")["status"] == "awaiting_signature"


def test_twilio_error_codes_in_plain_words(tmp_path, fake):
    tw = fake()
    adapter = adapter_for(tw)
    doc, files = doc_and_files(tmp_path, numbers__=["+12125550199"], carrier__btn="+12125550199")
    with pytest.raises(InvalidOrder) as caught:
        adapter.create_order(doc, files, "k1")
    assert "21827" in str(caught.value) and "cannot port" in str(caught.value)
    assert caught.value.findings[0]["code"] == "not_portable"

    doc, files = doc_and_files(tmp_path)
    adapter.create_order(doc, files, "k2")
    other = adapter_for(tw)  # another order with the same numbers: Twilio says 22137
    with pytest.raises(InvalidOrder) as caught:
        other.create_order(doc, files, "k3", progress=MemoryProgress("PW-other"))
    assert "22137" in str(caught.value) and "already in a port-in request" in str(caught.value)
    assert caught.value.findings[0]["code"] == "pending_order" and tw.created_count() == 1


def test_an_unknown_outcome_is_looked_up_not_filed_twice(tmp_path, fake):
    tw = fake(faults=Faults(rate=1.0, kinds=("timeout",), methods=("POST",),
                            paths=("/v1/Porting/PortIn",)))
    adapter = adapter_for(tw)
    doc, files = doc_and_files(tmp_path)
    progress = MemoryProgress("PW-1")
    with pytest.raises(Unavailable):  # filed, but the answer is lost on the way back
        adapter.create_order(doc, files, "k1", progress=progress)
    assert tw.created_count() == 1 and progress.get("port_in_request_sid.tried")
    fresh = adapter_for(tw)  # e.g. after a restart: nothing remembered but the progress
    state = fresh.create_order(doc, files, "k1", progress=progress)  # faults still on
    assert tw.created_count() == 1 and state["id"] == progress.get("port_in_request_sid")
    assert [m for m, p in tw.requests if p == "/v1/Porting/PortIn/PortInRequests"]


def test_a_fix_is_cancel_and_a_new_request_and_tracking_follows_it(tmp_path, fake):
    tw = fake(seconds_per_day=0.2, auto_sign_days=0.0)
    adapter = adapter_for(tw)
    doc, files = doc_and_files(tmp_path, carrier__pin="9999")
    first = adapter.create_order(doc, files, "k1")["id"]
    wait_for(adapter, first, "rejected")

    doc["carrier"]["pin"] = "2468"
    progress = MemoryProgress("PW-1")
    state = adapter.resubmit(first, doc, files, "k2", progress=progress)
    new_sid = progress.get("port_in_request_sid")
    assert new_sid and new_sid != first and progress.get("replaces") == first
    assert state["id"] == first and state["parts"][0]["id"] == new_sid
    assert state["status"] in ("awaiting_signature", "in_review", "pending_carrier")
    assert tw.requests_by_sid[first]["port_in_request_status"] == "Canceled"
    assert tw.created_count() == 2 and len(tw.documents) == 2

    later = adapter_for(tw)  # tracking in another process knows only the first sid
    followed = wait_for(later, first, "completed")
    assert followed["parts"][0]["id"] == new_sid and followed["id"] == first
    assert any("replaces" in h["note"] for h in followed["history"]), followed["history"]
    with pytest.raises(Conflict):
        later.cancel(first)


def test_a_repeated_fix_after_a_lost_answer_files_once(tmp_path, fake):
    tw = fake(seconds_per_day=0.2, auto_sign_days=0.0)
    adapter = adapter_for(tw)
    doc, files = doc_and_files(tmp_path, carrier__pin="9999")
    first = adapter.create_order(doc, files, "k1")["id"]
    wait_for(adapter, first, "rejected")
    doc["carrier"]["pin"] = "2468"
    progress = MemoryProgress("PW-1")
    tw.faults.rate, tw.faults.kinds, tw.faults.methods = 1.0, ("drop",), ("DELETE", "POST")
    for _ in range(3):  # upload, cancel, new request: each done, each answer lost
        with pytest.raises(Unavailable):
            adapter.resubmit(first, doc, files, "k2", progress=progress)
    tw.faults.rate = 0.0
    state = adapter_for(tw).resubmit(first, doc, files, "k2", progress=progress)
    assert tw.created_count() == 2 and state["parts"][0]["id"] == progress.get(
        "port_in_request_sid")


def test_cancel_and_comments(tmp_path, fake):
    tw = fake()
    adapter = adapter_for(tw)
    doc, files = doc_and_files(tmp_path)
    sid = adapter.create_order(doc, files, "k1")["id"]
    with pytest.raises(Conflict) as caught:
        adapter.add_comment(sid, "hello")
    assert "no notes" in str(caught.value)
    state = adapter.cancel(sid)
    assert state["status"] == "cancelled" and not state["cancellable"]
    assert adapter.cancel(sid)["status"] == "cancelled"  # again: nothing more to do


def test_reads_survive_faults_with_the_clients_retries(tmp_path, fake):
    tw = fake()
    adapter = adapter_for(tw)
    doc, files = doc_and_files(tmp_path)
    sid = adapter.create_order(doc, files, "k1")["id"]
    tw.faults.rate, tw.faults.methods, tw.faults.timeout_sleep = 0.5, ("GET",), 0.25
    retrying = adapter_for(tw, retries=6, backoff_factor=0.0)
    for _ in range(10):
        assert retrying.get_order(sid)["id"] == sid
    assert set(tw.faults.counts) == {"timeout", "drop", "500", "429"}


def test_credentials_and_secrets_in_error_words(tmp_path, fake):
    with pytest.raises(ValueError, match="ACCOUNT_SID:AUTH_TOKEN"):
        parse_credential("SKabc:secret")
    with pytest.raises(ValueError):
        parse_credential("AC" + "0" * 32)
    tw = fake()
    wrong = TwilioAdapter(tw.url, FAKE_CREDENTIAL.replace(FAKE_AUTH_TOKEN, "nope"), retries=0)
    with pytest.raises(AuthError) as caught:
        wrong.list_targets()
    assert "Account SID and Auth Token" in str(caught.value)
    assert FAKE_AUTH_TOKEN not in repr(adapter_for(tw)._session.auth)
