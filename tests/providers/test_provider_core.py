"""The shared core of the provider connections: PIN scrubbing, the progress storage that
lets a multi-step create resume, and the helpers every adapter builds its answer with."""
from __future__ import annotations

import json
import sqlite3

import pytest

from portwizard.endpoint.providers.base import (
    MemoryProgress, PortabilityResult, ProviderClient, least_advanced, order_state, scrub_pins,
    step_once,
)
from portwizard.store import Store

FAKE_PIN = "7391"


def test_scrub_pins_removes_every_echoed_pin_at_any_depth():
    answer = {"data": [{"id": "a", "end_user": {"admin": {"pin_passcode": FAKE_PIN,
                                                          "entity_name": "Acme"}},
                        "phone_numbers": [{"phone_number": "+12125550123", "pin": FAKE_PIN,
                                           "extra": [{"port_out_pin": FAKE_PIN}]}]}],
              "pin": FAKE_PIN}
    clean = scrub_pins(answer)
    assert FAKE_PIN not in json.dumps(clean)
    assert clean["data"][0]["end_user"]["admin"] == {"entity_name": "Acme"}
    assert clean["data"][0]["phone_numbers"][0] == {"phone_number": "+12125550123",
                                                    "extra": [{}]}
    assert FAKE_PIN in json.dumps(answer)  # a copy: the caller's object is untouched
    assert scrub_pins("text") == "text" and scrub_pins(None) is None


def test_least_advanced_part_decides_a_split_orders_status():
    assert least_advanced(["foc_confirmed", "pending_carrier"]) == "pending_carrier"
    assert least_advanced(["completed", "rejected"]) == "rejected"
    assert least_advanced(["completed", "completed"]) == "completed"
    assert least_advanced([]) is None


def test_order_state_has_the_shape_tracking_reads():
    state = order_state("PW-1", "submitted", numbers=[("+12125550123", "submitted")],
                        created_at="2026-01-01T00:00:00.000Z")
    assert state["numbers"] == [{"number": "+12125550123", "status": "submitted"}]
    assert state["updated_at"] == state["created_at"] and state["rejection"] is None
    assert "parts" not in state


def test_step_once_looks_up_before_repeating_a_create_with_an_unknown_outcome():
    progress = MemoryProgress("PW-1")
    calls = []

    def create():
        calls.append("create")
        raise TimeoutError("the answer was lost")  # the provider may have done the work

    with pytest.raises(TimeoutError):
        step_once(progress, "create", create, lookup=lambda: calls.append("lookup"))
    assert calls == ["create"] and progress.get("create.tried")
    # next attempt: looked up first; found, so no second create
    assert step_once(progress, "create", create, lookup=lambda: ["remote-1"]) == ["remote-1"]
    assert calls == ["create"] and progress.get("create") == ["remote-1"]
    # recorded: neither looked up nor created again
    assert step_once(progress, "create", create, lookup=lambda: 1 / 0) == ["remote-1"]


def test_portability_result_and_the_interface_are_importable_facts():
    r = PortabilityResult("+12125550123", True, fast=True)
    assert r.reason == "" and r.checked
    from portwizard.endpoint.client import EndpointClient

    client = EndpointClient("http://127.0.0.1:9", "tok")
    try:
        assert isinstance(client, ProviderClient)
        assert client.check_portability(["+12125550123"])[0].checked is False
    finally:
        client.close()


def test_progress_is_stored_per_outbox_entry_and_survives_reopening(tmp_path):
    from orderkit import valid_order

    path = tmp_path / "pw.sqlite3"
    with Store(path) as store:
        order_id = store.add_order(valid_order(tmp_path), "https://api.telnyx.com/v2",
                                   provider="telnyx")
        entry = store.enqueue(order_id, "create", {"x": 1})
        assert entry.progress == {}
        store.set_progress(entry.id, "documents", {"loa": "doc-1"})
        store.set_progress(entry.id, "create.tried", True)
        store.set_progress(entry.id, "create.tried", None)
    with Store(path) as store:
        assert store.get_progress(entry.id) == {"documents": {"loa": "doc-1"}}
        assert store.outbox_entry(entry.id).progress == {"documents": {"loa": "doc-1"}}
        assert store.get_order(order_id).provider == "telnyx"
        with pytest.raises(KeyError):
            store.set_progress(99999, "k", 1)


def test_orders_from_before_providers_keep_their_endpoint_family(tmp_path):
    """An order row written before migration 5 has no provider: the endpoint tells."""
    from orderkit import valid_order

    path = tmp_path / "pw.sqlite3"
    with Store(path) as store:
        sandbox_id = store.add_order(valid_order(tmp_path), "sandbox")
        url_id = store.add_order(valid_order(tmp_path, number="+12125550124"),
                                 "https://porting.example.com")
    db = sqlite3.connect(path)
    db.execute("UPDATE orders SET provider = NULL")
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.get_order(sandbox_id).provider == "sandbox"
        assert store.get_order(url_id).provider == "portwizard"


def test_telnyx_port_moment_honours_the_preferred_time_within_allowed_windows():
    """A preferred 10:00 New York time on the requested day becomes 15:00 UTC when a window
    holds it; otherwise the next allowed window; without a time, the first window that day."""
    import datetime as _dt

    from portwizard.endpoint.providers.telnyx import pick_foc_moment, wanted_moment

    wanted = wanted_moment("2026-12-14", "10:00", "America/New_York")
    assert wanted == _dt.datetime(2026, 12, 14, 15, 0, tzinfo=_dt.timezone.utc)
    windows = [{"started_at": "2026-12-14T14:00:00Z", "ended_at": "2026-12-14T16:00:00Z"},
               {"started_at": "2026-12-14T20:00:00Z", "ended_at": "2026-12-14T22:00:00Z"}]
    assert pick_foc_moment("2026-12-14", wanted, windows) == "2026-12-14T15:00:00Z"
    late = wanted_moment("2026-12-14", "12:30", "America/New_York")  # 17:30 UTC: no window
    assert pick_foc_moment("2026-12-14", late, windows) == "2026-12-14T20:00:00Z"
    assert pick_foc_moment("2026-12-14", None, windows) == "2026-12-14T14:00:00Z"
    assert pick_foc_moment("2026-12-14", None, []) == "2026-12-14T17:00:00Z"
    assert wanted_moment("2026-12-14", "10:00", "Mars/Olympus") is None
    assert wanted_moment("2026-12-14", "", "America/New_York") is None

