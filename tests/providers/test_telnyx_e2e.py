"""End to end with Telnyx: the command line, the local store and the outbox against the
stateful fake (which checks every request and answer against Telnyx's description)."""
from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest

from clikit import cli, status_json, wait_for_status, write_order
from fake_telnyx import FAKE_TELNYX_KEY
from orderkit import FAKE_PIN, make_service, valid_order
from portwizard import secrets
from portwizard.settings import Settings

pytestmark = pytest.mark.http


@pytest.fixture
def telnyx(fake_telnyx, memory_secrets):
    """A fake Telnyx whose key is saved; the settings still say "sandbox" (each command
    names the provider, as a user trying Telnyx for one order would)."""
    fake = fake_telnyx(seconds_per_day=0.4)
    memory_secrets.set(secrets.provider_token_key("telnyx", fake.url), FAKE_TELNYX_KEY)
    return fake






def submit(capsys, telnyx, order_file: Path) -> str:
    code, out, err = cli(capsys, "submit", str(order_file), "--provider", "telnyx",
                         "--endpoint", telnyx.url)
    assert code == 0, err
    first = out.splitlines()[0]
    assert first.startswith("Order PW-"), out
    return first.split()[1]


def test_token_command_saves_the_telnyx_key_under_its_own_name(monkeypatch, capsys,
                                                               memory_secrets):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(FAKE_TELNYX_KEY + "\n"))
    code, out, err = cli(capsys, "token", "--provider", "telnyx")
    assert code == 0, err
    assert memory_secrets.get("token:telnyx:https://api.telnyx.com/v2") == FAKE_TELNYX_KEY
    assert FAKE_TELNYX_KEY not in out + err
    monkeypatch.setattr("sys.stdin", io.StringIO("no-colon-here\n"))
    code, out, err = cli(capsys, "token", "--provider", "twilio")
    assert code == 1 and "ACCOUNT_SID:AUTH_TOKEN" in err


def test_a_clean_order_runs_to_completed_and_stays_with_telnyx(tmp_path, telnyx, capsys):
    order_id = submit(capsys, telnyx, write_order(tmp_path))
    data = wait_for_status(capsys, order_id, "completed")
    seen = [h["status"] for h in data["history"] if h["source"] == "endpoint"]
    assert seen[-3:] == ["pending_carrier", "foc_confirmed", "completed"]
    assert data["remote_id"] == order_id and data["foc_date"]
    assert data["endpoint"].startswith("Telnyx (")
    assert telnyx.created_count(order_id) == 1
    methods = [(m, p.split("/")[2]) for m, p in telnyx.requests]
    assert ("POST", "portability_checks") in methods and ("POST", "documents") in methods
    assert sum(1 for m, p in telnyx.requests if p.endswith("/actions/confirm")) == 1


def test_a_split_order_is_one_order_with_per_number_status(tmp_path, telnyx, capsys):
    from portwizard.services.app import App

    path = write_order(tmp_path)
    doc = json.loads(path.read_text("utf-8"))
    doc["numbers"] = ["+12125550123", "+13125550124"]  # two area codes: Telnyx splits
    doc["carrier"]["account_type"] = "multi-line"
    path.write_text(json.dumps(doc), "utf-8")
    order_id = submit(capsys, telnyx, path)
    assert len(telnyx.orders) == 2 and telnyx.created_count(order_id) == 1
    assert sum(1 for m, p in telnyx.requests if p.endswith("/actions/confirm")) == 2
    wait_for_status(capsys, order_id, "foc_confirmed")
    app = App.create()
    try:
        record = app.store.get_order(order_id)
        assert len(record.remote_state["parts"]) == 2
        assert {n["number"] for n in record.remote_state["numbers"]} == set(doc["numbers"])
        code, out, _ = cli(capsys, "status")
        # one order in the list, not one per part
        assert sum(order_id in line for line in out.splitlines()) == 1
    finally:
        app.close()


def test_an_exception_is_fixed_by_patch_and_confirm_again(tmp_path, telnyx, capsys):
    path = write_order(tmp_path, pin="9999")  # the fake's PASSCODE_PIN_INVALID trigger
    order_id = submit(capsys, telnyx, path)
    data = wait_for_status(capsys, order_id, "rejected")
    assert data["rejection"]["code"] == "wrong_pin"
    assert "PIN" in data["next_action"]
    fixed = tmp_path / "fixed.json"
    doc = json.loads(path.read_text("utf-8"))
    doc["carrier"]["pin"] = FAKE_PIN
    fixed.write_text(json.dumps(doc), "utf-8")
    code, out, err = cli(capsys, "resubmit", order_id, str(fixed))
    assert code == 0, err
    wait_for_status(capsys, order_id, "completed")
    (part_id,) = telnyx.orders
    patches = [p for m, p in telnyx.requests if m == "PATCH"]
    confirms = [p for m, p in telnyx.requests if p.endswith("/actions/confirm")]
    assert len(patches) == 2 and len(confirms) == 2 and telnyx.created_count(order_id) == 1
    assert telnyx.orders[part_id]["end_user"]["admin"]["pin_passcode"] == FAKE_PIN


def test_cancel_inside_the_cutoff_is_refused_in_plain_words(tmp_path, telnyx, capsys):
    order_id = submit(capsys, telnyx, write_order(tmp_path))
    wait_for_status(capsys, order_id, "foc_confirmed")
    code, out, err = cli(capsys, "cancel", order_id)
    assert code == 1 and "48 hours" in err and "Traceback" not in err
    assert status_json(capsys, order_id)["status"] in ("foc_confirmed", "completed")


def test_cancel_before_the_cutoff_cancels_every_part(tmp_path, telnyx, capsys):
    order_id = submit(capsys, telnyx, write_order(tmp_path))
    code, out, err = cli(capsys, "cancel", order_id)
    assert code == 0, err
    wait_for_status(capsys, order_id, "cancelled")


def test_no_telnyx_secret_in_the_store_logs_status_or_exports(tmp_path, telnyx, capsys, caplog,
                                                              private_home):
    from portwizard.services.app import App

    caplog.set_level(logging.DEBUG)
    order_id = submit(capsys, telnyx, write_order(tmp_path))
    data = wait_for_status(capsys, order_id, "foc_confirmed")
    assert telnyx.orders  # the fake echoed pin_passcode in every answer ...
    assert any(FAKE_PIN.encode() in b for b in telnyx.received_bodies)  # ... it was sent
    _, listing, _ = cli(capsys, "status", "--json")
    app = App.create()
    try:
        export = app.export_order_json(order_id, tmp_path / "export.json").read_text("utf-8")
        app.store.close()
    finally:
        app.close()
    stored = b"".join(p.read_bytes() for p in (private_home / "data").rglob("*") if p.is_file())
    texts = [json.dumps(data), listing, export, caplog.text]
    for secret in (FAKE_PIN, FAKE_TELNYX_KEY):
        assert secret.encode() not in stored, secret
        assert all(secret not in t for t in texts), secret


def numbers(count: int):
    for i in range(count):
        # 555-2xxx: never the fake's "not portable" ending 0199
        yield f"+1{('212', '312', '415')[i % 3]}555{2000 + i // 3:04d}"


@pytest.mark.slow
@pytest.mark.timeout(60)
def test_200_orders_with_30_percent_faults_are_each_created_exactly_once(tmp_path,
                                                                         fake_telnyx,
                                                                         memory_secrets):
    result = run_fault_run(tmp_path, fake_telnyx, memory_secrets, orders=200)
    print(f"\ntelnyx fault run: {result}")
    assert result["stuck"] == 0 and result["creates"] == {1}
    assert result["faults"] >= 0.2 * result["posts"] and len(result["kinds"]) == 4
    assert result["elapsed"] < 40


def run_fault_run(tmp_path, start_fake, memory_secrets, *, orders: int, rate: float = 0.3,
                  seed: int = 20261123) -> dict:
    """File ``orders`` one-number orders through the outbox while 30 % of the POSTs fail
    (late answers after the work was done, dropped connections after it, 500, 429); drain
    until nothing waits. Shared with bench/bench_providers.py."""
    from fake_telnyx import Faults

    fake = start_fake(seconds_per_day=600, faults=Faults(rate=rate, seed=seed,
                                                          timeout_sleep=0.15),
                      validate_responses=False)
    memory_secrets.set(secrets.provider_token_key("telnyx", fake.url), FAKE_TELNYX_KEY)
    settings = Settings(provider="telnyx", endpoint_url=fake.url)
    service = make_service(tmp_path / "pw.db", fake.url, token=None, secrets=memory_secrets,
                           settings=settings, read_timeout=0.08, retries=0,
                           checker=lambda order, ctx: [])
    template = valid_order(tmp_path)
    started = time.monotonic()
    ids = []
    try:
        for number in numbers(orders):
            order = template.copy()
            order.numbers, order.carrier.btn = [number], number
            result = service.submit(order)
            assert result.order_id, result.message
            ids.append(result.order_id)
        deadline = time.monotonic() + max(40.0, orders * 0.2)
        while service.store.unfinished_count() and time.monotonic() < deadline:
            service.drain_outbox()
            time.sleep(0.01)
        elapsed = time.monotonic() - started
        stuck = len(service.store.outbox(states=("pending", "blocked", "failed")))
        attempts = sum(e.attempts for e in service.store.outbox())
    finally:
        service.close()
    posts = sum(1 for m, _ in fake.requests if m == "POST")
    return {"orders": orders, "elapsed": elapsed, "stuck": stuck, "attempts": attempts,
            "creates": {fake.created_count(i) for i in ids}, "posts": posts,
            "requests": len(fake.requests), "faults": sum(fake.faults.counts.values()),
            "kinds": dict(fake.faults.counts)}
