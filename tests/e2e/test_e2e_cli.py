"""End to end over real loopback HTTP: the command line, the local store and the sandbox."""
from __future__ import annotations

import json
import logging

import pytest

from clikit import cli, status_json, submitted_id, wait_for_status, write_order
from orderkit import FAKE_ACCOUNT, FAKE_PIN, FAKE_TOKEN, holds_secret
from portwizard import secrets
from portwizard.endpoint import Sandbox
from portwizard.domain.status import label as status_label
from portwizard.settings import Settings

pytestmark = pytest.mark.http

LIFECYCLE = ["submitted", "in_review", "pending_carrier", "foc_confirmed", "completed"]


@pytest.fixture
def sandbox(tmp_path, memory_secrets):
    with Sandbox(tmp_path / "sandbox.db", seconds_per_day=0.15, token=FAKE_TOKEN) as sb:
        Settings(endpoint_url=sb.url).save()
        memory_secrets.set(secrets.token_key(sb.url), FAKE_TOKEN)
        yield sb







def test_submit_runs_through_every_state_to_completed(tmp_path, sandbox, capsys):
    code, out, err = cli(capsys, "submit", str(write_order(tmp_path)))
    assert code == 0, err
    order_id = submitted_id(out)
    assert "provider's order number PO-" in out and "What to do now: Nothing to do yet" in out

    data = wait_for_status(capsys, order_id, "completed")
    endpoint_statuses = [h["status"] for h in data["history"] if h["source"] == "endpoint"]
    assert endpoint_statuses == LIFECYCLE
    assert data["history"][0] == {**data["history"][0], "status": "queued", "source": "local"}
    assert data["foc_date"] and data["rejection"] is None
    assert "call your old carrier" in data["next_action"].lower()
    times = [h["at"] for h in data["history"]]
    assert times == sorted(times)

    code, out, _ = cli(capsys, "status")
    assert code == 0 and order_id in out and "Done" in out
    code, out, _ = cli(capsys, "status", order_id)
    assert code == 0 and "Timeline" in out and "Port date confirmed" in out and "[provider]" in out


def test_foc_confirmed_says_to_set_up_the_new_line(tmp_path, capsys, memory_secrets):
    # A slower clock than the other tests: "FOC confirmed" lasts several seconds, so even a
    # busy machine's polling sees it before the port completes.
    with Sandbox(tmp_path / "slow.db", seconds_per_day=1.0, token=FAKE_TOKEN) as sb:
        Settings(endpoint_url=sb.url).save()
        memory_secrets.set(secrets.token_key(sb.url), FAKE_TOKEN)
        code, out, err = cli(capsys, "submit", str(write_order(tmp_path)))
        order_id = submitted_id(out)
        data = wait_for_status(capsys, order_id, "foc_confirmed", timeout=15)
    assert "set up your new line" in data["next_action"] and "Do not cancel your old service" in data["next_action"]
    assert data["foc_date"] and data["foc_date"][:4] in data["next_action"]


def test_rejection_fix_and_resubmit(tmp_path, sandbox, capsys):
    order_file = write_order(tmp_path)
    doc = json.loads(order_file.read_text("utf-8"))
    doc["service_address"]["street_name"] = "WRONG Main"  # the sandbox's address-mismatch trigger
    order_file.write_text(json.dumps(doc), "utf-8")
    code, out, err = cli(capsys, "submit", str(order_file))
    assert code == 0, err
    order_id = submitted_id(out)

    data = wait_for_status(capsys, order_id, "rejected")
    assert data["rejection"]["code"] == "address_mismatch"
    assert "street name" in data["next_action"] and "resubmit" in data["next_action"]

    doc["service_address"]["street_name"] = "Main"
    fixed = tmp_path / "fixed.json"
    fixed.write_text(json.dumps(doc), "utf-8")
    code, out, err = cli(capsys, "resubmit", order_id, str(fixed))
    assert code == 0, err
    assert f"Order {order_id}" in out
    data = wait_for_status(capsys, order_id, "completed")
    statuses = [h["status"] for h in data["history"] if h["source"] == "endpoint"]
    assert statuses[:statuses.index("rejected") + 1][-1] == "rejected"
    assert statuses[statuses.index("rejected") + 1:] == LIFECYCLE
    assert data["rejection"] is None


def test_cancel(tmp_path, sandbox, capsys):
    code, out, err = cli(capsys, "submit", str(write_order(tmp_path)))
    order_id = submitted_id(out)
    code, out, err = cli(capsys, "cancel", order_id)
    assert code == 0, err
    assert "The cancel request was sent." in out and status_label("cancel_pending") in out
    data = wait_for_status(capsys, order_id, "cancelled", timeout=10)
    assert "cancel_pending" in [h["status"] for h in data["history"]]
    assert "nothing else to do" in data["next_action"]
    code, out, err = cli(capsys, "cancel", order_id)
    assert code == 1 and "already cancelled" in err and "Traceback" not in err


def test_unknown_order_id_is_one_line(capsys, sandbox):
    code, out, err = cli(capsys, "status", "PW-NOPE")
    assert code == 1 and err.count("\n") == 1 and "no order PW-NOPE" in err


@pytest.mark.parametrize("token, expected", [
    (None, "No access token is saved for"),
    ("wrong-token-0000", "did not accept the access token"),
])
def test_token_missing_or_wrong_is_one_clear_line(tmp_path, sandbox, capsys, memory_secrets,
                                                   token, expected):
    key = secrets.token_key(sandbox.url)
    if token is None:
        memory_secrets.delete(key)
    else:
        memory_secrets.set(key, token)
    code, out, err = cli(capsys, "submit", str(write_order(tmp_path)))
    assert code == 1
    assert err.count("\n") == 1 and expected in err and "Traceback" not in err
    assert "is saved and will be sent once this is fixed" in err
    assert "wrong-token-0000" not in err + out
    assert sandbox.created_count() == 0

    memory_secrets.set(key, FAKE_TOKEN)  # the user saves the right token ...
    code, out, err = cli(capsys, "status", "--refresh")  # ... and the order goes out
    assert code == 0 and "PO-000001" in out
    assert sandbox.created_count() == 1


def test_unencrypted_provider_address_is_refused_before_anything_is_saved(tmp_path, sandbox, capsys):
    code, out, err = cli(capsys, "submit", str(write_order(tmp_path)), "--endpoint", "http://example.com")
    assert code == 2 and err.count("\n") == 1
    assert "not encrypted" in err and "https://" in err and "Nothing was saved or sent." in err
    code, out, err = cli(capsys, "status")
    assert "No orders yet" in out


def test_bad_order_file_is_refused_before_anything_is_sent(tmp_path, sandbox, capsys):
    path = tmp_path / "order.json"
    path.write_text('{"numbers": ["+12125550123"]}', "utf-8")
    code, out, err = cli(capsys, "submit", str(path))
    assert code == 1 and "Nothing was sent." in err and "error" in err
    assert sandbox.created_count() == 0


def test_no_pin_or_token_in_database_logs_or_status_json(tmp_path, sandbox, capsys, caplog,
                                                         private_home):
    caplog.set_level(logging.DEBUG)
    code, out, err = cli(capsys, "submit", str(write_order(tmp_path)))
    assert code == 0, err
    order_id = submitted_id(out)
    status_json(capsys, order_id)
    rejected = write_order(tmp_path, "rejected.json", pin="9999",  # the sandbox's wrong-PIN trigger
                           number="+12125550124")
    code, out, err = cli(capsys, "submit", str(rejected))
    second = submitted_id(out)
    wait_for_status(capsys, second, "rejected")
    code, out, err = cli(capsys, "resubmit", second,
                         str(write_order(tmp_path, "fixed.json", number="+12125550124")))
    assert code == 0, err
    code, out_all, _ = cli(capsys, "status", "--json", "--refresh")
    code, out_one, _ = cli(capsys, "status", second, "--json")
    code, out_text, _ = cli(capsys, "status", second)

    db_dir = private_home / "data"
    raw = b"".join(p.read_bytes() for p in db_dir.glob("portwizard.sqlite3*"))
    # every file of the database: the main file and, while a connection is open, -wal/-shm
    # (each command closes its store, which checkpoints the WAL into the main file)
    assert b"Acme Dental" in raw  # the search does find what is there
    assert f"order {order_id} queued for" in caplog.text  # and the logs were captured
    for secret in (FAKE_PIN, FAKE_TOKEN):
        assert not holds_secret(raw, secret)
        assert secret not in caplog.text
        for text in (out_all, out_one, out_text):
            assert secret not in text
    for text in (out_all, out_one, out_text, caplog.text):
        assert FAKE_ACCOUNT not in text  # account numbers are never printed or logged
    assert len(json.loads(out_all)) == 2


def test_default_endpoint_starts_the_builtin_sandbox_on_demand(tmp_path, capsys, private_home):
    from portwizard.services.connection import _sandboxes, stop_builtin_sandboxes

    Settings(sandbox_seconds_per_day=0.15).save()  # endpoint_url stays "sandbox"
    try:
        code, out, err = cli(capsys, "submit", str(write_order(tmp_path)))
        assert code == 0, err
        order_id = submitted_id(out)
        assert (private_home / "data" / "sandbox.sqlite3").exists()
        assert not _sandboxes  # the command stops the sandbox it started when it ends
        data = status_json(capsys, order_id)
        assert data["endpoint"] == "the built-in sandbox" and data["remote_id"] == "PO-000001"
        stop_builtin_sandboxes()  # as when the program ends: the next run starts it again
        data = wait_for_status(capsys, order_id, "completed")
        assert [h["status"] for h in data["history"] if h["source"] == "endpoint"] == LIFECYCLE
    finally:
        stop_builtin_sandboxes()
