"""Addresses: PO Boxes, directions, states/provinces, postal codes, one-line split."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portwizard.domain.address import (
    CA_PROVINCES, US_STATES, check_postal_code, format_address, is_po_box, normalize_country,
    normalize_direction, normalize_state, split_address,
)


@pytest.mark.parametrize("text", [
    "P.O. Box 12", "PO Box 12", "po box 12", "P O Box 12", "POBox 12", "PO BX 3", "POB 7",
    "P.O.B. 7", "Post Office Box 7", "Postal Box 9", "Post Box 9", "Box 12", "BOX #12",
    "GPO Box 4", "PMB 9", "RR 2 Box 5", "Rural Route 2 Box 5", "CP 123", "C.P. 45",
    "Case postale 45", "Boîte postale 12", "123 Main St, PO Box 5",
])
def test_po_box_in_any_spelling(text):
    assert is_po_box(text)


@pytest.mark.parametrize("text", [
    "123 Main St", "Boxwood Lane", "Box Canyon Rd", "Pobrecito Rd", "Apollo Blvd", "Post Road",
    "Polk St", "Postal Way", "12 Cp Rd", "", None,
])
def test_streets_are_not_po_boxes(text):
    assert not is_po_box(text)


@pytest.mark.parametrize("text, expected", [
    ("North", "N"), ("n", "N"), ("N.", "N"), ("south", "S"), ("East", "E"), ("W.", "W"),
    ("Northeast", "NE"), ("North East", "NE"), ("North-East", "NE"), ("N.E.", "NE"),
    ("northwest", "NW"), ("SE", "SE"), ("Southwest", "SW"), ("Ouest", "W"), ("Nord", "N"),
    ("", ""), ("Main", "Main"),
])
def test_normalize_direction(text, expected):
    assert normalize_direction(text) == expected


def test_state_and_country_tables():
    assert len(US_STATES) == 56  # 50 states + DC + 5 inhabited territories
    assert {"DC", "PR", "GU", "VI", "AS", "MP"} <= set(US_STATES)
    assert len(CA_PROVINCES) == 13


@pytest.mark.parametrize("text, country, expected", [
    ("ny", "US", "NY"), ("New York", "US", "NY"), ("Washington DC", "US", "DC"),
    ("Puerto Rico", "US", "PR"), ("Québec", "CA", "QC"), ("Quebec", "CA", "QC"),
    ("ontario", "CA", "ON"), ("PEI", "CA", "PE"), ("Newfoundland and Labrador", "CA", "NL"),
    ("Atlantis", "US", "Atlantis"), ("", "US", ""),
])
def test_normalize_state(text, country, expected):
    assert normalize_state(text, country) == expected


def test_normalize_country():
    assert normalize_country("USA") == "US"
    assert normalize_country("United States") == "US"
    assert normalize_country("canada") == "CA"
    assert normalize_country("Mexico") == "Mexico"


@pytest.mark.parametrize("code, country, value", [
    ("62704", "US", "62704"), ("62704-1234", "US", "62704-1234"),
    ("627041234", "US", "62704-1234"), ("62704 1234", "US", "62704-1234"),
    ("H2X 3K8", "CA", "H2X 3K8"), ("h2x3k8", "CA", "H2X 3K8"), ("H2X-3K8", "CA", "H2X 3K8"),
])
def test_good_postal_codes_are_tidied(code, country, value):
    check = check_postal_code(code, country)
    assert check.problem is None and check.value == value


@pytest.mark.parametrize("code, country, words", [
    ("6270", "US", "5 digits"), ("H2X 3K8", "US", "Canadian postal code"),
    ("62704", "CA", "US ZIP code"), ("H2X 3K", "CA", "A1A 1A1"), ("00000", "US", "not a ZIP"),
    ("Q2X 3K8", "CA", "not a Canadian postal code that exists"), ("", "US", "missing"),
])
def test_bad_postal_codes_explain(code, country, words):
    check = check_postal_code(code, country)
    assert check.problem and words in check.problem and check.fix


def test_canadian_postal_code_must_fit_the_province():
    check = check_postal_code("H2X 3K8", "CA", "ON")
    assert check.code == "address.postal_code_province"
    assert "K, L, M, N or P" in check.problem
    assert check_postal_code("H2X 3K8", "CA", "QC").problem is None


@pytest.mark.parametrize("text, parts", [
    ("123 N Main St Apt 4, Springfield, IL 62704",
     dict(street_number="123", pre_direction="N", street_name="Main St", unit="Apt 4",
          city="Springfield", state="IL", postal_code="62704", country="US")),
    ("350 Fifth Avenue Suite 3300 New York NY 10118-0110",
     dict(street_number="350", street_name="Fifth Avenue", unit="Suite 3300", city="New York",
          state="NY", postal_code="10118-0110")),
    ("1600 Pennsylvania Ave NW, Washington, DC 20500",
     dict(street_number="1600", pre_direction="", street_name="Pennsylvania Ave NW",
          city="Washington", state="DC", postal_code="20500")),
    ("456 Northeast Blvd, Austin, TX 78701, USA",
     dict(street_number="456", street_name="Northeast Blvd", city="Austin", state="TX")),
    ("123 Rue Saint-Denis, Montréal, QC H2X 3K8",
     dict(street_number="123", street_name="Rue Saint-Denis", city="Montréal", state="QC",
          postal_code="H2X 3K8", country="CA")),
    ("5-123 King St W, Toronto ON M5H 1A1",
     dict(unit="5", street_number="123", street_name="King St W", city="Toronto", state="ON",
          postal_code="M5H 1A1", country="CA")),
    ("456 Main Street West, Suite 200, Toronto, Ontario, M5V 2T6, Canada",
     dict(street_number="456", street_name="Main Street West", unit="Suite 200",
          city="Toronto", state="ON", postal_code="M5V 2T6", country="CA")),
    ("Unit 5, 123 King St W, Toronto, ON M5H 1A1",
     dict(unit="Unit 5", street_number="123", street_name="King St W", city="Toronto")),
    ("1200 Rue Sherbrooke O, Bureau 300, Montréal, QC H3A 1H6",
     dict(street_number="1200", street_name="Rue Sherbrooke O", unit="Bureau 300",
          city="Montréal", state="QC")),
    ("12 Main St, Halifax, Nova Scotia B3H 1A1",
     dict(street_number="12", street_name="Main St", city="Halifax", state="NS")),
])
def test_split_address(text, parts):
    addr, notes = split_address(text)
    for key, value in parts.items():
        assert getattr(addr, key) == value, (key, addr)


def test_split_notes_guesses_and_gaps():
    addr, notes = split_address("123 King St W Toronto ON M5H 1A1")
    assert addr.city == "Toronto" and any("guessed the city" in n for n in notes)
    addr, notes = split_address("PO Box 12, Springfield, IL 62704")
    assert any("PO Box" in n for n in notes)
    assert any("street number" in n for n in notes)
    addr, notes = split_address("5-123 King St W, Toronto ON M5H 1A1")
    assert any("unit 5 at number 123" in n for n in notes)
    assert split_address("")[1] == ["There is no address to split."]


def test_format_address_round_trip():
    addr, _ = split_address("123 N Main St Apt 4, Springfield, IL 62704")
    assert format_address(addr) == "123 N Main St Apt 4, Springfield, IL 62704"


@settings(max_examples=120, deadline=None)
@given(st.text(max_size=80))
def test_address_helpers_never_raise(text):
    addr, notes = split_address(text)
    assert isinstance(notes, list)
    is_po_box(text)
    normalize_direction(text)
    normalize_state(text, "CA")
    check_postal_code(text, "US")
    check_postal_code(text, "CA", "QC")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["123", "N", "Main", "St", "Apt", "4", ",", "Toronto", "ON",
                                 "M5H 1A1", "QC", "Box", "PO", "#5", "-", "Rue", "Canada",
                                 "62704", "IL"]), max_size=12))
def test_address_like_input_never_raises(words):
    split_address(" ".join(words))


@pytest.mark.parametrize("text, left_out", [
    ("Acme Dental, 123 Main St, Springfield, IL 62704", "Acme Dental"),
    ("123 Main St & 456 Oak Ave, Springfield, IL 62704", "456 Oak Ave"),
    ("c/o Pat Smith, 123 Main St, Springfield IL 62704", "c/o Pat Smith"),
    ("Acme Dental, 123 King St W, Toronto, ON M5H 1A1", "Acme Dental"),
])
def test_split_never_silently_drops_text(text, left_out):
    addr, notes = split_address(text)
    assert addr.street_number == "123"
    assert any(left_out in n and n.startswith("Left out") for n in notes), notes
