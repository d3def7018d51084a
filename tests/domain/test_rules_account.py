"""Rules about the account: type, BTN, partial port, account number, PIN."""
from __future__ import annotations

import pytest
from rulekit import codes, findings, good_order, one

from portwizard.domain.findings import Severity
from portwizard.domain.order import PartialPort


def single(o=None):
    o = o or good_order()
    o.numbers = ["(212) 555-0123"]
    o.carrier.account_type = "single-line"
    o.carrier.btn = "212-555-0123"
    return o


def test_single_line_with_matching_btn_is_fine():
    assert codes(single()) == set()


def test_single_line_with_several_numbers():
    o = single()
    o.numbers = ["(212) 555-0123", "(212) 555-0124", "(212) 555-0125"]
    f = one(o, "carrier.account_type", "account.single_line_count")
    assert "3" in f.message and "multi-line" in f.fix


def test_single_line_btn_must_be_the_number():
    o = single()
    o.carrier.btn = "(212) 555-0199"
    f = one(o, "carrier.btn", "btn.must_match_single")
    assert "(212) 555-0123" in f.fix
    assert "billing telephone number (BTN" in f.message  # jargon explained


def test_multi_line_btn_may_be_a_number_not_ported():
    o = good_order()
    o.carrier.btn = "(212) 555-0199"
    assert findings(o, "carrier.btn") == []


def test_btn_missing_suggests_the_number_on_single_line():
    o = single()
    o.carrier.btn = ""
    f = one(o, "carrier.btn", "btn.missing")
    assert "(212) 555-0123" in f.fix
    o = good_order()
    o.carrier.btn = ""
    assert "main number" in one(o, "carrier.btn", "btn.missing").fix


def test_btn_invalid():
    o = good_order()
    o.carrier.btn = "555-01"
    assert "can't be right" in one(o, "carrier.btn", "btn.invalid").message


def test_account_type_missing_or_unknown():
    o = good_order()
    o.carrier.account_type = ""
    one(o, "carrier.account_type", "account_type.missing")
    o.carrier.account_type = "family plan"
    one(o, "carrier.account_type", "account_type.unknown")


def partial(remaining="keep", new_btn="", btn="+12125550123"):
    o = good_order()  # numbers 0123 and 0124 leave; the account has more numbers
    o.carrier.btn = btn
    o.partial_port = PartialPort(remaining_numbers=remaining, new_btn=new_btn)
    return o


def test_partial_port_btn_leaves_and_others_stay_needs_new_btn():
    f = one(partial(), "partial_port.new_btn", "partial_port.new_btn_required")
    assert "(212) 555-0123" in f.message and "BTN" in f.message
    assert codes(partial(new_btn="(212) 555-0199")) == set()


def test_partial_port_btn_stays_needs_nothing():
    o = partial(btn="(212) 555-0199")
    assert codes(o) == set()


def test_partial_port_new_btn_must_stay_and_be_valid():
    one(partial(new_btn="(212) 555-0124"), "partial_port.new_btn", "partial_port.new_btn_is_ported")
    one(partial(new_btn="12"), "partial_port.new_btn", "partial_port.new_btn_invalid")


def test_partial_port_disconnect_warns_and_needs_no_new_btn():
    o = partial(remaining="disconnect")
    f = one(o, "partial_port.remaining_numbers", "partial_port.disconnect")
    assert f.severity is Severity.WARNING
    assert ("partial_port.new_btn", "partial_port.new_btn_required") not in codes(o)


def test_partial_port_answer_required():
    one(partial(remaining=""), "partial_port.remaining_numbers", "partial_port.remaining_missing")
    one(partial(remaining="sell"), "partial_port.remaining_numbers", "partial_port.remaining_unknown")


def test_partial_port_only_for_multi_line():
    o = single()
    o.partial_port = PartialPort(remaining_numbers="keep")
    f = one(o, "partial_port.remaining_numbers", "partial_port.not_multi_line")
    assert f.severity is Severity.WARNING


@pytest.mark.parametrize("typed", ["123-456-789", "123 456 789", "123.456.789", " 12 3456-789 "])
def test_account_number_separators_stripped_and_user_told(typed):
    o = good_order()
    o.carrier.account_number = typed
    f = one(o, "carrier.account_number", "account_number.stripped")
    assert f.severity is Severity.INFO
    assert "123" not in f.message  # the account number itself is never echoed


def test_account_number_missing_suggests_the_ported_number():
    o = good_order()
    o.carrier.account_number = " - "
    f = one(o, "carrier.account_number", "account_number.missing")
    assert "2125550123" in f.fix


def test_account_number_bad_characters_and_short():
    o = good_order()
    o.carrier.account_number = "1234/56#"
    one(o, "carrier.account_number", "account_number.invalid_characters")
    o.carrier.account_number = "12"
    assert one(o, "carrier.account_number", "account_number.too_short").severity is Severity.WARNING


def test_empty_pin_defaults_to_0000_with_explanation():
    o = good_order()
    o.carrier.pin = ""
    f = one(o, "carrier.pin", "pin.defaulted")
    assert f.severity is Severity.INFO and "0000" in f.message


def test_pin_letters_and_digits_only():
    o = good_order()
    o.carrier.pin = "12 34!"
    one(o, "carrier.pin", "pin.invalid_characters")
    o.carrier.pin = "Ab12cD"
    assert findings(o, "carrier.pin") == []
    o.carrier.pin = "12"
    one(o, "carrier.pin", "pin.unusual_length")


def test_wireless_carrier_warns_about_transfer_pin():
    o = good_order()
    o.carrier.name = "verizon wireless"
    f = one(o, "carrier.pin", "pin.wireless_transfer_pin")
    assert f.severity is Severity.WARNING
    assert "Number Transfer PIN" in f.message  # the carrier's own word for it
    assert "#PORT" in f.fix or "transfer" in f.fix.lower()
    assert "1234" not in f.message + f.fix


def test_wireless_carrier_without_pin_is_an_error_not_0000():
    o = good_order()
    o.carrier.name = "T-Mobile"
    o.carrier.pin = ""
    f = one(o, "carrier.pin", "pin.transfer_pin_required")
    assert f.severity is Severity.ERROR
    assert ("carrier.pin", "pin.defaulted") not in codes(o)


def test_landline_carrier_has_no_transfer_pin_warning():
    o = good_order()
    o.carrier.name = "Bell"
    assert not [f for f in findings(o, "carrier.pin") if f.code.startswith("pin.")]


def test_digital_carrier_needs_the_unlock_code_not_0000():
    o = good_order()
    o.carrier.name = "Google Voice"
    o.carrier.digital_unlocked = True
    o.carrier.pin = ""
    f = one(o, "carrier.pin", "pin.unlock_code_required")
    assert "unlock" in f.message and f.severity is Severity.ERROR
    assert ("carrier.pin", "pin.defaulted") not in codes(o)


def test_canadian_wireless_needs_no_transfer_pin():
    o = good_order()
    o.carrier.name = "Rogers"
    o.carrier.pin = ""
    got = {f.code for f in findings(o, "carrier.pin")}
    assert "pin.transfer_pin_required" not in got and "pin.wireless_transfer_pin" not in got
    assert "pin.defaulted" in got
