"""normalize_order: a tidied copy plus info findings, from the same helpers the rules use."""
from __future__ import annotations

from rulekit import codes, good_order

from portwizard.domain.findings import Severity
from portwizard.domain.normalize import (
    clean_account_number, clean_pin, normalize_order,
)
from portwizard.domain.order import PartialPort


def messy():
    o = good_order()
    o.numbers = ["(212) 555-0123", "1-800-FLOWERS", "212-555-0125 x12", "555-01"]
    o.carrier.btn = "212.555.0123"
    o.carrier.account_number = "123-456 789"
    o.carrier.pin = ""
    o.carrier.customer_name = "  Acme   Dental "
    o.partial_port = PartialPort("keep", "(212) 555-0199")
    sa = o.service_address
    sa.pre_direction, sa.state, sa.postal_code, sa.country = "North", "new york", "100011234", "usa"
    o.contact.phone = "212 555 0150 x7"
    o.requested_foc_date = " "
    return o


def test_normalize_returns_a_tidy_copy_and_leaves_the_original():
    o = messy()
    before = o.copy()
    new, notes = normalize_order(o)
    assert o == before
    assert new.numbers == ["+12125550123", "+18003569377", "+12125550125", "555-01"]
    assert new.carrier.btn == "+12125550123"
    assert new.carrier.account_number == "123456789"
    assert new.carrier.pin == "0000"
    assert new.carrier.customer_name == "Acme Dental"
    assert new.partial_port.new_btn == "+12125550199"
    sa = new.service_address
    assert (sa.pre_direction, sa.state, sa.postal_code, sa.country) == ("N", "NY", "10001-1234", "US")
    assert new.contact.phone == "212 555 0150 x7"  # a contact's extension is kept
    assert new.requested_foc_date is None
    got = {(f.field, f.code) for f in notes}
    assert got == {
        ("numbers[1]", "number.vanity_converted"), ("numbers[2]", "number.extension_ignored"),
        ("carrier.account_number", "account_number.stripped"), ("carrier.pin", "pin.defaulted"),
        ("service_address.pre_direction", "address.direction_normalized"),
        ("service_address.state", "address.state_normalized"),
        ("service_address.postal_code", "address.postal_code_normalized"),
        ("service_address.country", "address.country_normalized"),
    }
    assert all(f.severity in (Severity.INFO, Severity.WARNING) for f in notes)


def test_rules_report_the_same_notes_the_normaliser_makes():
    o = messy()
    _, notes = normalize_order(o)
    assert {(f.field, f.code) for f in notes} <= codes(o)


def test_normalising_twice_changes_nothing_more():
    once, _ = normalize_order(messy())
    twice, notes = normalize_order(once)
    assert twice == once
    assert notes == []


def test_a_clean_order_is_unchanged_and_silent():
    o = good_order()
    new, notes = normalize_order(o)
    assert new == o and notes == []


def test_wireless_empty_pin_is_not_defaulted():
    o = good_order()
    o.carrier.name = "Verizon Wireless"
    o.carrier.pin = ""
    new, notes = normalize_order(o)
    assert new.carrier.pin == "" and "pin.defaulted" not in {f.code for f in notes}


def test_helpers():
    assert clean_account_number("12.34-56 78")[0] == "12345678"
    assert clean_account_number(None) == ("", [])
    assert clean_pin(" 1234 ")[0] == "1234"
    assert clean_pin("")[0] == "0000"
