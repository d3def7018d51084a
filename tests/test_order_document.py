"""The order document: round trip, forgiving loading, field paths."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portwizard.domain.order import (
    FORMAT, Order, dumps, field_paths, get_field, load_order, loads, set_field, to_dict,
)


def test_new_order_round_trips_through_json():
    order = Order(numbers=["+12125550123"])
    order.carrier.name = "Verizon"
    order.service_address.city = "Montréal"
    again = loads(dumps(order))
    assert again.ok and again.problems == []
    assert again.order == order
    assert to_dict(again.order)["format"] == FORMAT


def test_every_documented_key_is_present():
    doc = to_dict(Order())
    assert set(doc) == {"format", "target", "numbers", "carrier", "partial_port",
                        "service_address", "requested_foc_date", "requested_foc_time",
                        "requested_foc_timezone", "documents", "contact", "customer_reference"}
    assert set(doc["carrier"]) == {"name", "account_type", "number_type", "customer_name",
                                   "authorized_name", "authorized_email", "account_number",
                                   "btn", "pin", "digital_unlocked"}


def test_a_document_from_before_the_provider_fields_loads_without_a_word():
    """The signer's e-mail, the customer reference and the port time were added to format 1
    later: a document written before them is still a complete, silent load."""
    old = {"format": FORMAT, "numbers": ["+12125550123"],
           "carrier": {"name": "Verizon", "authorized_name": "Pat Smith"},
           "requested_foc_date": "2026-12-07", "contact": {"email": "pat@example.com"}}
    result = load_order(old)
    assert result.ok and result.problems == []
    order = result.order
    assert order.carrier.authorized_email == "" and order.customer_reference == ""
    assert (order.requested_foc_time, order.requested_foc_timezone) == ("", "")
    again = loads(dumps(order))
    assert again.order == order and again.problems == []


def test_the_new_fields_round_trip():
    order = Order(numbers=["+12125550123"], requested_foc_date="2026-12-07",
                  requested_foc_time="09:30", requested_foc_timezone="America/Chicago",
                  customer_reference="PO-4471")
    order.carrier.authorized_email = "pat@example.com"
    again = loads(dumps(order))
    assert again.ok and again.problems == [] and again.order == order


@pytest.mark.parametrize("text, code", [
    ("{", "document.invalid_json"),
    ("[1, 2]", "document.not_an_object"),
    ("null", "document.not_an_object"),
    (b"\xff\xfe{", "document.not_utf8"),
    ("[" * 100000, "document.invalid_json"),
])
def test_unreadable_files_give_one_clear_problem(text, code):
    result = loads(text)
    assert result.order is None
    assert [p.code for p in result.problems] == [code]


def test_wrong_types_and_unknown_keys_are_reported_by_path():
    result = load_order({
        "numbers": ["+12125550123", {"x": 1}],
        "carrier": {"pin": 1234, "digital_unlocked": "yes", "nickname": "x"},
        "service_address": "12 Main St",
    })
    codes = {(p.field, p.code) for p in result.problems}
    assert ("numbers[1]", "document.wrong_type") in codes
    assert ("carrier.digital_unlocked", "document.wrong_type") in codes
    assert ("carrier.nickname", "document.unknown_key") in codes
    assert ("service_address", "document.wrong_type") in codes
    assert result.order.carrier.pin == "1234"  # numbers written without quotes are kept
    assert result.order.numbers == ["+12125550123"]


def test_newer_format_is_an_error_but_keeps_what_it_can():
    result = load_order({"format": "portwizard.order/7", "numbers": ["2125550123"]})
    assert not result.ok
    assert result.problems[0].code == "document.newer_format"
    assert result.order.numbers == ["2125550123"]


def test_foreign_format_is_reported():
    result = load_order({"format": "something-else/1"})
    assert result.problems[0].code == "document.unknown_format"


def test_field_paths_cover_the_document():
    paths = field_paths()
    assert "carrier.account_number" in paths
    assert "partial_port.new_btn" in paths
    assert "numbers" in paths and "requested_foc_date" in paths
    assert "format" not in paths


def test_get_and_set_by_path():
    order = Order()
    set_field(order, "partial_port.new_btn", "+12125550100")
    assert order.partial_port.new_btn == "+12125550100"
    set_field(order, "numbers[1]", "+12125550199")
    assert order.numbers == ["", "+12125550199"]
    assert get_field(order, "numbers[1]") == "+12125550199"
    assert get_field(order, "numbers[9]") is None
    assert get_field(Order(), "partial_port.new_btn") is None
    with pytest.raises(KeyError):
        set_field(order, "carrier.nope", "x")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
keys = st.sampled_from(["format", "target", "numbers", "carrier", "partial_port", "service_address",
                        "requested_foc_date", "documents", "contact", "extra"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(keys, json_values, max_size=9))
def test_loading_never_raises(data):
    result = load_order(data)
    assert result.order is not None
    json.loads(dumps(result.order))  # whatever was loaded can be saved again
