"""Rules about the numbers and the number type."""
from __future__ import annotations

from rulekit import codes, findings, good_order, one

from portwizard.domain.findings import Severity


def test_good_order_has_no_errors_or_warnings():
    assert codes(good_order()) == set()


def test_no_numbers():
    o = good_order()
    o.numbers = []
    f = one(o, "numbers", "number.missing")
    assert f.severity is Severity.ERROR and "CSV" in f.fix


def test_invalid_number_points_at_its_line():
    o = good_order()
    o.numbers = ["(212) 555-0123", "555-0124"]
    f = one(o, "numbers[1]", "number.invalid")
    assert "only 7 digits" in f.message and "area code" in f.fix
    assert findings(o, "numbers[0]") == []


def test_empty_line_in_the_list():
    o = good_order()
    o.numbers = ["(212) 555-0123", "  "]
    assert "empty" in one(o, "numbers[1]", "number.missing").message


def test_foreign_number():
    o = good_order()
    o.numbers = ["+44 20 7946 0958"]
    one(o, "numbers[0]", "number.not_nanp")


def test_duplicates_by_normalised_value():
    o = good_order()
    o.numbers = ["(212) 555-0123", "212-555-0124", "+1 212.555.0123"]
    f = one(o, "numbers[2]", "number.duplicate")
    assert "(212) 555-0123" in f.message and "entry 1" in f.message
    assert ("numbers[0]", "number.duplicate") not in codes(o)


def test_mixed_toll_free_and_local_is_an_error():
    o = good_order()
    o.numbers = ["(212) 555-0123", "1-800-555-0100"]
    f = one(o, "numbers", "number.mixed_kinds")
    assert f.severity is Severity.ERROR
    assert "(800) 555-0100" in f.message and "(212) 555-0123" in f.message
    assert "second order" in f.fix


def test_vanity_number_is_shown_to_the_user():
    o = good_order()
    o.numbers = ["1-800-FLOWERS"]
    o.carrier.number_type = "business-toll-free"
    o.carrier.account_type = "single-line"
    o.carrier.btn = "18003569377"
    f = one(o, "numbers[0]", "number.vanity_converted")
    assert f.severity is Severity.INFO
    assert "(800) 356-9377" in f.message and "1-800-FLOWERS" in f.message
    assert not any(x.is_error for x in findings(o, "numbers"))


def test_extension_is_a_warning_not_an_error():
    o = good_order()
    o.numbers = ["212-555-0123 x12", "212-555-0124"]
    f = one(o, "numbers[0]", "number.extension_ignored")
    assert f.severity is Severity.WARNING and "12" in f.message


def test_toll_free_number_filed_as_residential_is_an_error():
    o = good_order()
    o.numbers = ["1-888-555-0100"]
    o.carrier.account_type, o.carrier.btn = "single-line", "+18885550100"
    o.carrier.number_type = "residential"
    f = one(o, "carrier.number_type", "number_type.toll_free_mismatch")
    assert "Business Toll Free" in f.fix and "household" not in f.fix
    assert "even when it rings at home" in f.message
    o.carrier.number_type = "business-local"
    one(o, "carrier.number_type", "number_type.toll_free_mismatch")
    o.carrier.number_type = "business-toll-free"
    assert findings(o, "carrier.number_type") == []


def test_local_number_filed_as_toll_free_is_an_error():
    o = good_order()
    o.carrier.number_type = "business-toll-free"
    f = one(o, "carrier.number_type", "number_type.local_mismatch")
    assert "800, 833" in f.message


def test_number_type_missing_or_unknown():
    o = good_order()
    o.carrier.number_type = ""
    one(o, "carrier.number_type", "number_type.missing")
    o.carrier.number_type = "mobile"
    one(o, "carrier.number_type", "number_type.unknown")


def test_residential_local_is_fine():
    o = good_order()
    o.carrier.number_type = "residential"
    o.carrier.customer_name = "Pat Smith"
    assert codes(o) == set()


def test_number_type_mismatch_is_left_to_mixed_kinds():
    o = good_order()
    o.numbers = ["(212) 555-0123", "1-800-555-0100"]
    assert findings(o, "carrier.number_type") == []
