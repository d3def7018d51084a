"""Who the new provider can contact about the order."""
from __future__ import annotations

import pytest

from rulekit import codes, findings, good_order


def test_good_order_has_a_reachable_contact():
    assert not {c for c in codes(good_order()) if c[0].startswith("contact.")}


def test_no_email_and_no_phone_is_an_error():
    order = good_order()
    order.contact.email = order.contact.phone = ""
    [f] = findings(order, "contact.email")
    assert f.code == "contact.missing" and f.is_error and "e-mail" in f.fix


def test_either_email_or_phone_is_enough():
    order = good_order()
    order.contact.phone = ""
    assert findings(order, "contact.email") == []
    order.contact.email, order.contact.phone = "", "(312) 555-0150"
    assert findings(order, "contact.email") == [] and findings(order, "contact.phone") == []


@pytest.mark.parametrize("email", ["pat", "pat@", "pat@example", "pat smith@example.com", "a@@b.com"])
def test_malformed_email_is_an_error(email):
    order = good_order()
    order.contact.email = email
    assert [f.code for f in findings(order, "contact.email")] == ["contact.email_invalid"]


def test_unusable_phone_says_why():
    order = good_order()
    order.contact.phone = "555-0150"
    [f] = findings(order, "contact.phone")
    assert f.code == "contact.phone_invalid" and "area code" in f.message + f.fix


def test_contact_phone_that_is_being_moved_is_a_warning():
    order = good_order()
    order.contact.phone = order.numbers[0]
    [f] = findings(order, "contact.phone")
    assert f.code == "contact.phone_is_ported" and not f.is_error


def test_missing_name_is_only_a_warning():
    order = good_order()
    order.contact.name = ""
    [f] = findings(order, "contact.name")
    assert f.code == "contact.name_missing" and not f.is_error


@pytest.mark.parametrize("contact", ["212.555.0123", "+1 212 555 0123", "(212) 555-0123"])
def test_ported_contact_phone_is_found_however_the_numbers_are_written(contact):
    order = good_order()
    order.numbers = ["(212) 555-0124", "(212) 555-0123"]  # as typed, before tidying
    order.contact.phone = contact
    [f] = findings(order, "contact.phone")
    assert f.code == "contact.phone_is_ported" and not f.is_error


def test_a_different_contact_phone_is_not_reported_as_ported():
    order = good_order()
    order.numbers = ["(212) 555-0124", "(212) 555-0123"]
    order.contact.phone = "(212) 555-0150"
    assert findings(order, "contact.phone") == []
