"""Rules about the port date (FOC), documents, the carrier and names."""
from __future__ import annotations

import dataclasses

import pytest
from rulekit import CTX, codes, findings, good_order, one

from portwizard.domain.findings import Severity


def test_no_date_means_as_soon_as_possible():
    o = good_order()
    o.requested_foc_date = None
    assert findings(o, "requested_foc_date") == []


def test_weekend_is_refused_with_a_weekday_suggested():
    o = good_order()
    o.requested_foc_date = "2026-12-05"  # Saturday
    f = one(o, "requested_foc_date", "foc.not_business_day")
    assert "Saturday, December 5, 2026" in f.message and "Monday, December 7, 2026" in f.fix


def test_holiday_where_the_phones_are():
    o = good_order()
    o.requested_foc_date = "2026-12-25"
    f = one(o, "requested_foc_date", "foc.holiday")
    assert "Christmas" in f.message and "Monday, December 28, 2026" in f.fix


def test_provincial_holiday_counts_in_quebec_only():
    o = good_order()
    o.requested_foc_date = "2027-06-24"  # Thursday, Saint-Jean-Baptiste
    sa = o.service_address
    sa.state, sa.postal_code, sa.country, sa.pre_direction = "QC", "H2X 3K8", "CA", ""
    ctx = dataclasses.replace(CTX, today=__import__("datetime").date(2027, 6, 1))
    assert "foc.holiday" in {f.code for f in findings(o, "requested_foc_date", ctx)}
    sa.state, sa.postal_code = "ON", "M5H 1A1"
    assert findings(o, "requested_foc_date", ctx) == []


def test_too_soon_counts_business_days_and_explains_foc():
    o = good_order()
    o.requested_foc_date = "2026-11-30"  # 4 business days after Mon 23 (Thanksgiving skipped)
    f = one(o, "requested_foc_date", "foc.too_soon")
    assert "Tuesday, December 1, 2026" in f.fix
    assert "the day your numbers move" in f.message
    o.requested_foc_date = "2026-12-01"
    assert findings(o, "requested_foc_date") == []


def test_lead_time_is_configurable():
    o = good_order()
    o.requested_foc_date = "2026-12-01"
    ctx = dataclasses.replace(CTX, foc_lead_business_days=10)
    assert "foc.too_soon" in {f.code for f in findings(o, "requested_foc_date", ctx)}


@pytest.mark.parametrize("value", ["2026-11-23", "2020-01-01"])
def test_past_or_today_is_too_soon(value):
    o = good_order()
    o.requested_foc_date = value
    assert "not in the future" in one(o, "requested_foc_date", "foc.too_soon").message


@pytest.mark.parametrize("value", ["12/07/2026", "next week", "2026-02-30"])
def test_unreadable_date(value):
    o = good_order()
    o.requested_foc_date = value
    one(o, "requested_foc_date", "foc.invalid_date")


def test_far_future_warns():
    o = good_order()
    o.requested_foc_date = "2027-06-01"
    assert one(o, "requested_foc_date", "foc.far_future").severity is Severity.WARNING


def test_documents_loa_and_invoice_required_csr_optional():
    o = good_order()
    o.documents.loa = ""
    o.documents.invoice = " "
    assert "Letter of Authorization (LOA)" in one(o, "documents.loa", "documents.loa_missing").message
    one(o, "documents.invoice", "documents.invoice_missing")
    assert findings(o, "documents.csr") == []


def test_digital_carrier_must_be_unlocked():
    o = good_order()
    o.carrier.name = "google voice"
    o.carrier.digital_unlocked = False
    f = one(o, "carrier.digital_unlocked", "carrier.unlock_required")
    assert "Google Voice" in f.message and "voice.google.com" in f.fix
    o.carrier.digital_unlocked = True
    assert findings(o, "carrier.digital_unlocked") == []


def test_traditional_carrier_needs_no_unlock():
    o = good_order()
    o.carrier.name = "AT & T"
    assert ("carrier.digital_unlocked", "carrier.unlock_required") not in codes(o)


def test_carrier_missing_and_unknown():
    o = good_order()
    o.carrier.name = ""
    one(o, "carrier.name", "carrier.missing")
    o.carrier.name = "Zorblax Telephone of Mars"
    assert one(o, "carrier.name", "carrier.unknown").severity is Severity.WARNING


def test_port_out_lock_is_mentioned_for_carriers_that_have_one():
    o = good_order()
    o.carrier.name = "Verizon Wireless"
    f = one(o, "carrier.name", "carrier.port_lock")
    assert "Number Lock" in f.message and f.severity is Severity.WARNING


def test_names_rules_still_apply():
    o = good_order()
    o.carrier.customer_name = "Acme Dental and Orthodontics of Springfield"
    one(o, "carrier.customer_name", "name.too_long")
    o.carrier.authorized_name = ""
    one(o, "carrier.authorized_name", "name.missing")


def test_carrier_of_another_country_warns():
    o = good_order()
    o.carrier.name = "Bell"  # Canadian; the address is in New York
    f = one(o, "carrier.name", "carrier.country_mismatch")
    assert "Canada" in f.message and f.severity is Severity.WARNING


def test_numbers_of_another_country_than_the_address_warn():
    o = good_order()
    o.numbers = ["+1 416 555 0199", "(212) 555-0123"]
    f = one(o, "service_address.country", "address.country_numbers_mismatch")
    assert "(416) 555-0199 is a Canadian number" in f.message
    o.numbers = ["787-555-0123", "1-800-555-0100"]  # Puerto Rico is US; toll-free has no country
    assert "address.country_numbers_mismatch" not in {x.code for x in findings(o, "service_address.country")}
