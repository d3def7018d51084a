"""End to end with the Twilio fake on loopback: the command line and the outbox file real
orders with "Twilio", follow them through the e-mailed LOA to completion, fix a rejection
as cancel + new request, refuse what Twilio cannot take before anything is sent, file 200
orders through 30 % faults exactly once each, and keep every secret out of the store,
the logs, ``status --json`` and exports."""
from __future__ import annotations

import datetime as _dt
import json
import logging
import time
from pathlib import Path

import pytest

from clikit import cli, status_json, submitted_id, wait_for_status
from fake_twilio import FAKE_AUTH_TOKEN, FAKE_CREDENTIAL, FakeTwilio, Faults
from orderkit import FAKE_ACCOUNT, FAKE_PIN, holds_secret, make_service, valid_order
from portwizard import secrets
from portwizard.domain.order import dumps
from portwizard.settings import Settings

pytestmark = pytest.mark.http


@pytest.fixture
def twilio(memory_secrets):
    started = []

    def _start(**kwargs):
        fake = FakeTwilio(**kwargs).start()
        started.append(fake)
        memory_secrets.set(secrets.provider_token_key("twilio", fake.url), FAKE_CREDENTIAL)
        return fake

    yield _start
    for fake in started:
        fake.stop()
    for fake in started:
        assert fake.violations == [], fake.violations[:5]


def write_order(folder: Path, name: str = "order.json", *, days: int | None = 10,
                **kw) -> Path:
    changes = {k: kw.pop(k) for k in list(kw) if "__" in k}
    order = valid_order(folder, **kw)
    order.documents.loa = Path(order.documents.loa).name
    order.documents.invoice = Path(order.documents.invoice).name
    if days is not None:
        order.requested_foc_date = _business_day(days).isoformat()
    doc = json.loads(dumps(order))
    for path, value in changes.items():
        group, field = path.split("__")
        if group == "numbers":
            doc["numbers"] = value
        else:
            doc[group][field] = value
    path = folder / name
    path.write_text(json.dumps(doc), "utf-8")
    return path


def _business_day(days: int) -> _dt.date:
    from portwizard.domain.dates import is_business_day

    day = _dt.date.today() + _dt.timedelta(days=days)
    while not is_business_day(day, "US", "NY"):
        day += _dt.timedelta(days=1)
    return day



def submit(capsys, fake, order_file) -> tuple[int, str, str]:
    return cli(capsys, "submit", str(order_file), "--provider", "twilio", "--endpoint", fake.url)





def test_a_clean_order_goes_through_signature_to_completed(tmp_path, twilio, capsys):
    fake = twilio(seconds_per_day=0.3)
    code, out, err = submit(capsys, fake, write_order(tmp_path))
    assert code == 0, err
    order_id = submitted_id(out)
    data = status_json(capsys, order_id)
    assert data["status"] == "awaiting_signature" and data["remote_id"].startswith("KW")
    assert "sign" in data["next_action"] and "e-mail" in data["next_action"]
    assert any("Letter of Authorization to pat@example.com" in (h.get("note") or "")
               for h in data["history"])
    time.sleep(0.3)
    assert status_json(capsys, order_id)["status"] == "awaiting_signature"  # unsigned
    fake.sign()
    data = wait_for_status(capsys, order_id, "completed", timeout=10.0)
    statuses = [h["status"] for h in data["history"] if h["source"] == "endpoint"]
    assert statuses[0] == "submitted" and statuses[-1] == "completed"
    assert "foc_confirmed" in statuses and data["foc_date"]
    assert fake.created_count() == 1


def test_a_twilio_rejection_is_fixed_by_cancel_and_a_new_request(tmp_path, twilio, capsys):
    fake = twilio(seconds_per_day=0.3, auto_sign_days=0.0)
    code, out, err = submit(capsys, fake, write_order(tmp_path, pin="9999"))
    assert code == 0, err
    order_id = submitted_id(out)
    data = wait_for_status(capsys, order_id, "rejected", timeout=10.0)
    first = data["remote_id"]
    assert data["rejection"]["code"] == "wrong_pin" and "PIN" in data["next_action"]

    code, out, err = cli(capsys, "resubmit", order_id,
                         str(write_order(tmp_path, "fixed.json", pin="2468")))
    assert code == 0, err
    assert fake.requests_by_sid[first]["port_in_request_status"] == "Canceled"
    assert fake.created_count() == 2  # the same numbers, filed again once
    data = wait_for_status(capsys, order_id, "completed", timeout=10.0)
    assert data["remote_id"] == first  # the order keeps its id; the new request follows
    statuses = [h["status"] for h in data["history"] if h["source"] == "endpoint"]
    assert "rejected" in statuses and statuses[-1] == "completed"
    assert data["rejection"] is None


@pytest.mark.parametrize("changes, words", [
    ({"numbers__": ["+18005550123"], "carrier__btn": "+18005550123",
      "carrier__number_type": "business-toll-free"}, "toll-free"),
    ({"numbers__": ["+14165550123"], "carrier__btn": "+14165550123",
      "service_address__state": "ON", "service_address__postal_code": "M5V 2T6",
      "service_address__country": "CA", "service_address__city": "Toronto"}, "United States"),
    ({"numbers__": [f"+1212555{i:04d}" for i in range(1000, 2001)],
      "carrier__account_type": "multi-line"}, "at most 1,000"),
])
def test_what_twilio_cannot_take_is_refused_before_anything_is_sent(tmp_path, twilio, capsys,
                                                                     changes, words):
    fake = twilio()
    code, out, err = submit(capsys, fake, write_order(tmp_path, **changes))
    assert code == 1 and "Traceback" not in err
    assert words in err, err
    assert fake.requests == []


def test_a_date_under_seven_days_is_refused_before_anything_is_sent(tmp_path, twilio, capsys):
    fake = twilio()
    Settings(foc_lead_business_days=1).save()  # our own rule allows it; Twilio's does not
    days = next(d for d in range(2, 7) if _business_day(d) < _dt.date.today()
                + _dt.timedelta(days=7))
    code, out, err = submit(capsys, fake, write_order(tmp_path, days=days))
    assert code == 1 and "at least 7 days ahead" in err and "Nothing was sent" in err
    assert fake.requests == []


@pytest.mark.slow
@pytest.mark.timeout(45)
def test_200_orders_with_30_percent_faults_are_each_filed_once(tmp_path, twilio, memory_secrets):
    orders = 200
    # Answers are checked against the description in the other tests; here only requests.
    fake = twilio(seconds_per_day=60, validate_responses=False,
                  faults=Faults(rate=0.3, seed=20261123, timeout_sleep=0.15))
    settings = Settings(provider="twilio", endpoint_url=fake.url)
    service = make_service(tmp_path / "pw.db", fake.url, token=None, secrets=memory_secrets,
                           settings=settings, read_timeout=0.1, retries=0,
                           attachments_dir=tmp_path / "attachments")
    template = valid_order(tmp_path)
    numbers = [f"+1{area}55501{last:02d}" for area in ("212", "312", "415")
               for last in range(2, 96)][:orders]
    started = time.monotonic()
    local_ids, outcomes = [], {}
    for number in numbers:
        order = template.copy()
        order.numbers, order.carrier.btn = [number], number
        result = service.submit(order, endpoint=fake.url, provider="twilio")
        assert result.order_id, result.message
        local_ids.append(result.order_id)
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
    rounds = 0
    while service.store.unfinished_count() and time.monotonic() - started < 30:
        service.drain_outbox()
        rounds += 1
        time.sleep(0.01)
    elapsed = time.monotonic() - started
    stuck = service.store.outbox(states=("pending", "blocked", "failed"))
    remote = [service.store.get_order(i).remote_id for i in local_ids]
    print(f"\ntwilio fault run: {orders} orders in {elapsed:.1f} s, first-try outcomes "
          f"{outcomes}, {rounds} drain rounds, faults {fake.faults.counts} "
          f"(of {len(fake.requests)} requests)")
    service.close()

    assert stuck == [] and None not in remote and len(set(remote)) == orders
    assert all(fake.created_count([n]) == 1 for n in numbers)  # each filed exactly once
    assert fake.created_count() == orders
    assert set(fake.faults.counts) == {"timeout", "drop", "500", "429"}
    assert outcomes.get("queued", 0) >= 30


def test_no_secret_in_store_logs_status_json_or_exports(tmp_path, twilio, capsys, caplog,
                                                        private_home):
    caplog.set_level(logging.DEBUG)
    fake = twilio(seconds_per_day=0.3, auto_sign_days=0.0)
    code, out, err = submit(capsys, fake, write_order(tmp_path, pin="9999"))
    assert code == 0, err
    order_id = submitted_id(out)
    wait_for_status(capsys, order_id, "rejected", timeout=10.0)
    code, out, err = cli(capsys, "resubmit", order_id,
                         str(write_order(tmp_path, "fixed.json", pin=FAKE_PIN)))
    assert code == 0, err
    assert any(FAKE_PIN.encode() in body for body in fake.received)  # it did go to Twilio
    code, out_all, _ = cli(capsys, "status", "--json", "--refresh")
    code, out_one, _ = cli(capsys, "status", order_id, "--json")
    code, out_text, _ = cli(capsys, "status", order_id)

    from portwizard.services.app import App

    app = App.create()
    try:
        exported = app.export_order_json(order_id, tmp_path / "export.json").read_text("utf-8")
    finally:
        app.close()
    raw = b"".join(p.read_bytes() for p in (private_home / "data").glob("portwizard.sqlite3*"))
    assert b"Acme Dental" in raw and b"port_in_request_sid" in raw  # progress was stored
    for secret in (FAKE_PIN, "9999", FAKE_AUTH_TOKEN, FAKE_CREDENTIAL):
        assert not holds_secret(raw, secret)
        for text in (caplog.text, out_all, out_one, out_text, exported):
            assert secret not in text
    for text in (out_all, out_one, out_text, caplog.text):
        assert FAKE_ACCOUNT not in text
