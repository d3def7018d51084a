"""Rules about the service address."""
from __future__ import annotations

import pytest
from rulekit import codes, findings, good_order, one

from portwizard.domain.findings import Severity


@pytest.mark.parametrize("part", ["street_number", "street_name", "city", "state", "postal_code"])
def test_every_part_is_required(part):
    o = good_order()
    setattr(o.service_address, part, "  ")
    f = one(o, f"service_address.{part}", "address.missing_part")
    assert "service address is where the phones are" in f.fix


def test_unit_and_direction_are_optional():
    o = good_order()
    o.service_address.unit = ""
    o.service_address.pre_direction = ""
    assert codes(o) == set()


@pytest.mark.parametrize("part, value", [
    ("street_name", "P.O. Box 12"), ("street_name", "Post Office Box 7"), ("street_name", "POB 7"),
    ("unit", "PO BX 3"), ("street_number", "Box 12"), ("street_name", "Postal Box 9"),
    ("city", "PO Box 12"), ("city", "P.O. Box 12 Springfield"), ("city", "Case postale 45"),
])
def test_po_box_is_an_error(part, value):
    o = good_order()
    setattr(o.service_address, part, value)
    f = one(o, f"service_address.{part}", "address.po_box")
    assert f.severity is Severity.ERROR and "street address" in f.fix


def test_canadian_case_postale_is_a_po_box():
    o = good_order()
    sa = o.service_address
    sa.street_number, sa.street_name, sa.city, sa.state, sa.postal_code, sa.country = (
        "", "Case postale 45", "Montréal", "QC", "H2X 3K8", "CA")
    one(o, "service_address.street_name", "address.po_box")


@pytest.mark.parametrize("typed, stored", [("North", "N"), ("Northeast", "NE"), ("N.", "N"),
                                           ("south west", "SW")])
def test_direction_words_are_accepted_and_user_told(typed, stored):
    o = good_order()
    o.service_address.pre_direction = typed
    f = one(o, "service_address.pre_direction", "address.direction_normalized")
    assert f.severity is Severity.INFO and f"as {stored}" in f.message


def test_not_a_direction():
    o = good_order()
    o.service_address.pre_direction = "Main"
    one(o, "service_address.pre_direction", "address.pre_direction_unknown")


def test_street_number_without_digits_warns():
    o = good_order()
    o.service_address.street_number = "Main St"
    assert one(o, "service_address.street_number",
               "address.street_number_format").severity is Severity.WARNING


@pytest.mark.parametrize("state, country", [("NY", "US"), ("dc", "US"), ("PR", "US"),
                                            ("GU", "US"), ("QC", "CA"), ("Ontario", "CA")])
def test_known_states_and_provinces(state, country):
    o = good_order()
    o.service_address.state, o.service_address.country = state, country
    assert not [f for f in findings(o, "service_address.state") if f.severity is not Severity.INFO]


@pytest.mark.parametrize("state, country, words", [
    ("ZZ", "US", "not a US state"), ("XX", "CA", "not a Canadian province"),
    ("QC", "US", "is a Canadian province"), ("TX", "CA", "is a US state"),
])
def test_unknown_or_wrong_country_state(state, country, words):
    o = good_order()
    o.service_address.state, o.service_address.country = state, country
    assert words in one(o, "service_address.state", "address.state_unknown").message


@pytest.mark.parametrize("code, country", [("1000", "US"), ("H2X 3K8", "US"), ("10001", "CA"),
                                           ("ABC 123", "CA")])
def test_postal_code_checked_against_country(code, country):
    o = good_order()
    o.service_address.postal_code, o.service_address.country = code, country
    if country == "CA":
        o.service_address.state = "QC"
    one(o, "service_address.postal_code", "address.postal_code_format")


def test_zip_plus_four_and_canadian_codes_are_fine():
    o = good_order()
    o.service_address.postal_code = "10001-1234"
    assert findings(o, "service_address.postal_code") == []
    sa = o.service_address
    sa.state, sa.postal_code, sa.country, sa.city = "QC", "h2x3k8", "CA", "Montréal"
    f = one(o, "service_address.postal_code", "address.postal_code_normalized")
    assert "H2X 3K8" in f.message and f.severity is Severity.INFO


def test_canadian_postal_code_province_mismatch_warns():
    o = good_order()
    sa = o.service_address
    sa.state, sa.postal_code, sa.country = "ON", "H2X 3K8", "CA"
    assert one(o, "service_address.postal_code",
               "address.postal_code_province").severity is Severity.WARNING


def test_country_must_be_us_or_canada():
    o = good_order()
    o.service_address.country = "Mexico"
    one(o, "service_address.country", "address.country_unknown")
    o.service_address.country = ""
    one(o, "service_address.country", "address.country_missing")
    o.service_address.country = "usa"
    assert one(o, "service_address.country",
               "address.country_normalized").severity is Severity.INFO
