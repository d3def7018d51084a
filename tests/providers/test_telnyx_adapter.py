"""The Telnyx adapter against Telnyx's published description: its tables, what it builds,
what it reads (the description's own examples), and a direct run against the fake."""
from __future__ import annotations

import json

import pytest

from fake_telnyx import FAKE_TELNYX_KEY, PORTING_SPEC, check_request
from orderkit import FAKE_ACCOUNT, FAKE_PIN, valid_order
from portwizard.domain.lifecycle import Status, rejection_reasons
from portwizard.domain.order import to_dict
from portwizard.endpoint import Conflict, InvalidOrder, NotFound
from portwizard.endpoint.providers.base import MemoryProgress, ProviderClient
from portwizard.endpoint.providers.telnyx import EXCEPTIONS, STATUS, TelnyxAdapter, update_body

OPTIONS = {"timeout": (0.5, 2.0), "retries": 1, "backoff_factor": 0.01}
PART_ID = "eef10fb8-f3df-4c67-97c5-e18179723222"


def description() -> dict:
    import yaml

    return yaml.safe_load(PORTING_SPEC.read_text("utf-8"))


def test_status_and_exception_tables_cover_the_description(telnyx_specs):
    schemas = description()["components"]["schemas"]
    assert set(STATUS) == set(schemas["PortingOrderStatus"]["properties"]["value"]["enum"])
    assert all(Status(v) for v in STATUS.values())
    assert STATUS["submitted"] == "pending_carrier"  # at the losing carrier, not "sent"
    codes = set(schemas["PortingOrdersExceptionType"]["properties"]["code"]["enum"])
    assert set(EXCEPTIONS) <= codes
    assert set(EXCEPTIONS.values()) <= set(rejection_reasons())


class _Offline(TelnyxAdapter):
    """The adapter reading given answers (no comments call)."""

    def _comments(self, part_id):
        return []


@pytest.mark.parametrize("path,method,status", [
    ("/porting_orders", "post", "201"),
    ("/porting_orders/{id}", "patch", "200"),
    ("/porting_orders/{id}/actions/confirm", "post", "200"),
    ("/porting_orders/{id}/actions/cancel", "post", "200"),
])
def test_the_descriptions_own_examples_become_our_order_state(telnyx_specs, path, method, status):
    example = description()["paths"][path][method]["responses"][status]["content"][
        "application/json"]["schema"]["example"]
    parts = example["data"] if isinstance(example["data"], list) else [example["data"]]
    adapter = _Offline("https://api.telnyx.com/v2", FAKE_TELNYX_KEY)
    try:
        state = adapter._state("PW-TEST", parts)
    finally:
        adapter.close()
    assert state["id"] == "PW-TEST"
    assert state["status"] == STATUS[parts[0]["status"]["value"]]
    assert [p["id"] for p in state["parts"]] == [p["id"] for p in parts]
    assert "1234" not in json.dumps(state)  # the examples' echoed pin_passcode is gone


def test_an_exception_part_gives_our_rejection_code_and_telnyxs_words():
    part = {"id": PART_ID, "created_at": "2026-01-01T00:00:00Z",
            "status": {"value": "exception", "details": [
                {"code": "PASSCODE_PIN_INVALID", "description": "The PIN is invalid"}]},
            "phone_numbers": [{"phone_number": "+12125550123",
                               "porting_order_status": "exception"}]}
    other = {"id": "aaaaaaaa-de31-4079-a536-992e0c98b037", "created_at": "2026-01-01T00:00:01Z",
             "status": {"value": "foc-date-confirmed", "details": []},
             "activation_settings": {"foc_datetime_actual": "2099-01-05T15:00:00Z"},
             "phone_numbers": [{"phone_number": "+13125550123",
                                "porting_order_status": "foc-date-confirmed"}]}
    adapter = _Offline("https://api.telnyx.com/v2", FAKE_TELNYX_KEY)
    try:
        state = adapter._state("PW-1", [part, other])
    finally:
        adapter.close()
    assert state["status"] == "rejected"  # the least advanced part decides
    assert state["rejection"] == {"code": "wrong_pin", "text": "The PIN is invalid"}
    assert state["numbers"] == [{"number": "+12125550123", "status": "rejected"},
                                {"number": "+13125550123", "status": "foc_confirmed"}]
    assert state["foc_date"] == "2099-01-05"


def test_the_update_body_keeps_to_the_description(tmp_path, telnyx_specs):
    order = valid_order(tmp_path)
    order.carrier.account_type = "multi-line"
    order.partial_port = type(order).__dataclass_fields__["partial_port"].type  # placeholder
    from portwizard.domain.order import PartialPort

    order.partial_port = PartialPort(remaining_numbers="keep", new_btn="+12125550150")
    order.requested_foc_date = "2030-01-07"
    body = update_body(to_dict(order), {"loa": "64ffb720-04c7-455b-92d6-20fcca92e935",
                                        "invoice": "ce74b771-d23d-4960-81ec-8741b3862146"},
                       "2030-01-07T15:00:00Z")
    assert body["misc"] == {"type": "partial", "remaining_numbers_action": "keep",
                            "new_billing_phone_number": "+12125550150"}
    assert body["end_user"]["admin"]["pin_passcode"] == FAKE_PIN
    assert body["end_user"]["location"]["street_address"] == "100 N Main"
    assert check_request("PATCH", f"/v2/porting_orders/{PART_ID}", "",
                         json.dumps(body).encode(), "application/json") == []
    full = update_body(to_dict(valid_order(tmp_path)), {}, None)
    assert full["misc"] == {"type": "full"} and "activation_settings" not in full


def test_a_direct_create_against_the_fake(tmp_path, fake_telnyx):
    fake = fake_telnyx()
    order = valid_order(tmp_path)
    order.requested_foc_date = None
    adapter = TelnyxAdapter(fake.url, FAKE_TELNYX_KEY, **OPTIONS)
    try:
        assert isinstance(adapter, ProviderClient)
        assert adapter.list_targets()[0]["label"] == "Front desk"
        checks = adapter.check_portability(["+12125550123", "+12125550199"])
        assert [(c.portable, c.reason) for c in checks] == [(True, ""), (False, "No coverage")]
        progress = MemoryProgress("PW-DIRECT1")
        attachments = {"loa": order.documents.loa, "invoice": order.documents.invoice}
        state = adapter.create_order(to_dict(order), attachments, "key-1", progress=progress)
        assert state["id"] == "PW-DIRECT1" and state["status"] == "in_review"
        assert FAKE_PIN not in json.dumps(state) and FAKE_ACCOUNT not in json.dumps(state)
        # a repeat with the same progress files nothing again
        assert adapter.create_order(to_dict(order), attachments, "key-1",
                                    progress=progress)["id"] == "PW-DIRECT1"
        assert fake.created_count("PW-DIRECT1") == 1
        with pytest.raises(NotFound):
            adapter.get_order("PW-NOSUCH")
        bad = valid_order(tmp_path, number="+12125550199")
        with pytest.raises(InvalidOrder) as refused:
            adapter.create_order(to_dict(bad), attachments, "key-2",
                                 progress=MemoryProgress("PW-DIRECT2"))
        assert refused.value.findings[0]["field"] == "numbers[0]"
        assert fake.created_count("PW-DIRECT2") == 0
    finally:
        adapter.close()


def test_the_cancel_cutoff_is_refused_in_plain_words_by_telnyx_too(tmp_path, fake_telnyx):
    """The adapter's own 48 h check uses its clock; when Telnyx refuses anyway (clocks
    differ), the refusal is a Conflict in plain words, and nothing was cancelled."""
    fake = fake_telnyx(seconds_per_day=0.4)
    order = valid_order(tmp_path)
    adapter = TelnyxAdapter(fake.url, FAKE_TELNYX_KEY, **OPTIONS)
    try:
        adapter.create_order(to_dict(order), {"loa": order.documents.loa,
                                              "invoice": order.documents.invoice},
                             "k", progress=MemoryProgress("PW-CUT"))
        fake.advance(1.2)  # FOC confirmed, 1.3 days (< 48 h) before the port
        assert adapter.get_order("PW-CUT")["status"] == "foc_confirmed"
        with pytest.raises(Conflict) as refused:
            adapter.cancel("PW-CUT")
        assert "48 hours" in str(refused.value)
        assert adapter.get_order("PW-CUT")["status"] == "foc_confirmed"
    finally:
        adapter.close()
