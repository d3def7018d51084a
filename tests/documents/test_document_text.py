"""Pure text matching: numbers, account numbers, names, addresses and dates as bills print them."""
from __future__ import annotations

import datetime as dt

import pytest

from portwizard.documents import text as T
from portwizard.domain.order import ServiceAddress


@pytest.mark.parametrize("printed", [
    "(212) 555-0123", "212.555.0123", "212-555-0123", "+1 212 555 0123", "1-212-555-0123",
    "2125550123", "( 212 ) 555 0123", "Tel: +1 (212) 555-0123.",
])
def test_number_found_in_any_common_notation(printed):
    assert T.find_number(f"Line {printed} Business", "+12125550123")
    assert T.find_number(f"Line {printed} Business", "(212) 555-0123")


@pytest.mark.parametrize("printed", [
    "(212) 555-0124", "212-555-01234", "9212-555-0123", "312-555-0123",
])
def test_number_not_found_when_different_or_part_of_longer_run(printed):
    assert not T.find_number(f"Line {printed}", "+12125550123")


def test_display_number():
    assert T.display_number("+12125550123") == "(212) 555-0123"
    assert T.display_number("212.555.0123") == "(212) 555-0123"
    assert T.display_number("+44 20 7946 0000") == "+44 20 7946 0000"


@pytest.mark.parametrize("printed", ["123456789", "1234 5678 9", "123-456-789", "12345-6789",
                                     "Acct#123456789.", "123.456.789"])
def test_account_found_ignoring_spaces_and_dashes(printed):
    assert T.find_account(f"Account number: {printed} Page 1 of 2", "1234-56789")


@pytest.mark.parametrize("printed", ["12345678", "1234567890", "1234 5678 90", "9 123456789",
                                     "A123456789"])
def test_account_typo_or_longer_number_is_not_a_match(printed):
    assert not T.find_account(f"Account number: {printed}", "123456789")


def test_mask_account_never_shows_the_whole_number():
    assert T.mask_account("123456789") == "ending in 6789"
    assert "123456789" not in T.mask_account("123456789")


@pytest.mark.parametrize("printed", ["ACME DENTAL, L.L.C.", "Acme  Dental\nLLC", "acme dental llc"])
def test_names_case_space_punctuation_insensitive(printed):
    assert T.contains_words(T.normalize_words(f"Bill to: {printed} 350 N Main"), "Acme Dental LLC")


def test_names_accent_insensitive_but_not_partial_words():
    words = T.normalize_words("FRANCOIS LEFEVRE, 1234 RUE SAINT-DENIS")
    assert T.contains_words(words, "François Lefèvre")
    assert not T.contains_words(T.normalize_words("Acme Dentalcare LLC"), "Acme Dental LLC")
    assert T.contains_words(T.normalize_words("Smith and Sons"), "Smith & Sons")


@pytest.mark.parametrize("text, expected", [
    ("Statement Date: Oct 30, 2026", dt.date(2026, 10, 30)),
    ("STATEMENT DATE Oct. 30, 2026", dt.date(2026, 10, 30)),
    ("Bill date 10/30/2026", dt.date(2026, 10, 30)),
    ("Billing Date: 2026-10-30", dt.date(2026, 10, 30)),
    ("Invoice Date: October 30th, 2026", dt.date(2026, 10, 30)),
    ("Invoice date 30 Oct 2026", dt.date(2026, 10, 30)),
    ("Date de facturation : 30 octobre 2026", dt.date(2026, 10, 30)),
    ("Date of bill: 10-30-26", dt.date(2026, 10, 30)),
    ("Statement date 30/10/2026", dt.date(2026, 10, 30)),  # day first when month-first is impossible
])
def test_bill_date_formats(text, expected):
    found = T.bill_date(f"Northwind Telecom\nDue date: 12/15/2026\n{text}\nService period Oct 1 - Oct 31")
    assert found is not None and found.date == expected


def test_bill_date_prefers_label_over_other_dates_and_refuses_to_guess():
    text = "Due Date: 11/20/2026  Statement Date: 10/30/2026  Period 10/01/2026 - 10/31/2026"
    assert T.bill_date(text).date == dt.date(2026, 10, 30)
    assert T.bill_date("Period 10/01/2026 - 10/31/2026") is None  # two dates, no label
    assert T.bill_date("Printed 10/30/2026").date == dt.date(2026, 10, 30)  # the only date
    assert T.bill_date("no dates here, 13/45/2026") is None


def test_signature_date_labelled_or_latest():
    assert T.signature_date("Signed on November 2, 2026. Transfer date: 2026-12-07").date == dt.date(2026, 11, 2)
    assert T.signature_date("Jan 5, 2026 and 2026-02-01").date == dt.date(2026, 2, 1)
    assert T.signature_date("Date: ______") is None


def test_missing_address_parts_uses_abbreviations_and_postal_compaction():
    addr = ServiceAddress(street_number="350", pre_direction="N", street_name="Main Street",
                          city="Springfield", state="IL", postal_code="62701-1234")
    assert T.missing_address_parts("350 NORTH MAIN ST SPRINGFIELD IL 62701", addr) == []
    missing = T.missing_address_parts("305 N MAIN AVE SPRINGFIELD IL 62702", addr)
    assert [p.label for p in missing] == ["street number", "street name", "ZIP or postal code"]
    ca = ServiceAddress(street_number="1234", street_name="Rue Saint-Denis", city="Montréal",
                        postal_code="H2X 1Y4", country="CA")
    assert T.missing_address_parts("1234 RUE ST-DENIS MONTREAL QC H2X1Y4", ca) == []


def test_meaningful_text():
    assert not T.meaningful_text("  \n 1 \n")
    assert T.meaningful_text("Account number 123456789 Statement date")


@pytest.mark.parametrize("printed", [
    "(212) 555-0123", "212.555.0123", "212-555-0123", "+1 212 555 0123", "1-212-555-0123",
    "2125550123", "( 212 ) 555 0123",
])
def test_numbers_in_agrees_with_find_number(printed):
    assert T.numbers_in(f"x {printed} y 312-555-0199") == {"2125550123", "3125550199"}
    assert T.numbers_in("92125550123 and 212-555-01234") == set()


def test_long_hostile_text_is_checked_quickly():
    import time

    from portwizard.documents.inspect import cross_check
    import docfactory as F

    text = ("date date 10/30/2026 " * 8000 + "1-2-3-4-5-6-7-8-9 " * 5000 + "(212) 555-01" * 5000)[:400_000]
    start = time.monotonic()
    cross_check("invoice", text, F.sample_order(250))
    cross_check("loa", text, F.sample_order(250))
    assert time.monotonic() - start < 3


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_text_helpers_never_raise(text):
    T.find_dates(text)
    T.bill_date(text)
    T.signature_date(text, dt.date(2026, 11, 23))
    T.find_account(text, text[:12] or "1")
    T.numbers_in(text)
    T.contains_words(T.normalize_words(text), text[:20])
    T.missing_address_parts(text, ServiceAddress(street_number=text[:3], street_name=text[3:9],
                                                 city=text[9:14], postal_code=text[14:20]))
