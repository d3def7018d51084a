"""No validator, parser or normaliser raises on arbitrary input (hypothesis).

Example counts are modest: the machine is shared.
"""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portwizard.domain import validation
from portwizard.domain.findings import Severity
from portwizard.domain.normalize import normalize_order
from portwizard.domain.order import (
    Carrier, Contact, Documents, Order, PartialPort, ServiceAddress, Target, field_paths,
)
from portwizard.domain.validation import Context, validate_field, validate_order

REALISTIC = ["", " ", "(212) 555-0123", "1-800-FLOWERS", "+1 416 555 0199", "555-0123",
             "single-line", "multi-line", "business-local", "business-toll-free", "residential",
             "keep", "disconnect", "Verizon Wireless", "google voice", "Bell", "P.O. Box 12",
             "North", "QC", "NY", "US", "CA", "H2X 3K8", "10001", "2026-12-07", "2026-02-30",
             "9999-12-31", "0001-01-01", "123-456 789", "x", "\x00", "é" * 30]
TEXT = st.one_of(st.sampled_from(REALISTIC), st.text(max_size=40))
ODD = st.one_of(TEXT, st.none(), st.integers(), st.booleans())  # what a buggy caller might set

orders = st.builds(
    Order,
    target=st.builds(Target, account_id=TEXT, line_id=TEXT, label=TEXT),
    numbers=st.one_of(st.lists(TEXT, max_size=6), st.lists(ODD, max_size=3)),
    carrier=st.builds(Carrier, name=TEXT, account_type=TEXT, number_type=TEXT,
                      customer_name=ODD, authorized_name=TEXT, account_number=ODD, btn=ODD,
                      pin=ODD, digital_unlocked=st.one_of(st.booleans(), st.none())),
    partial_port=st.one_of(st.none(), st.builds(PartialPort, remaining_numbers=TEXT,
                                                new_btn=ODD)),
    service_address=st.builds(ServiceAddress, street_number=TEXT, pre_direction=ODD,
                              street_name=TEXT, unit=TEXT, city=TEXT, state=ODD,
                              postal_code=ODD, country=ODD),
    requested_foc_date=st.one_of(st.none(), TEXT, st.integers()),
    documents=st.builds(Documents, loa=TEXT, invoice=ODD, csr=TEXT),
    contact=st.builds(Contact, name=TEXT, email=TEXT, phone=ODD),
)
contexts = st.builds(Context, today=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
                     foc_lead_business_days=st.integers(0, 30))

PATHS = field_paths() + ["numbers[0]", "numbers[3]", "numbers[99]"]
CTX = Context(today=dt.date(2026, 11, 23), check_documents=False)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _no_internal_failures(findings):
    bad = [f for f in findings if f.code.startswith("internal.")]
    assert not bad, bad


@FUZZ
@given(orders, contexts)
def test_validate_order_never_fails_on_arbitrary_orders(order, ctx):
    findings = validate_order(order, ctx)
    _no_internal_failures(findings)
    for f in findings:
        assert f.message and f.code and f.severity


def _no_internal_failures_on_any_path(order, ctx):
    for path in PATHS:
        _no_internal_failures(validate_field(order, path, ctx))


@FUZZ
@given(orders, contexts)
def test_validate_field_on_every_path(order, ctx):
    _no_internal_failures_on_any_path(order, ctx)


@pytest.fixture
def crashing_rule():
    """A rule reading two fields that raises on every order (removed afterwards)."""
    validation._load_rules()

    def broken(order, ctx):
        raise ZeroDivisionError("a bug in a rule")

    validation.rule("service_address.city", "carrier.customer_name")(broken)
    yield f"{broken.__module__}.broken"
    validation._RULES[:] = [r for r in validation._RULES if r.fn is not broken]


def test_a_crashing_rule_is_reported_on_each_field_it_reads(crashing_rule):
    order = Order()
    for path in ("service_address.city", "carrier.customer_name"):
        [internal] = [f for f in validate_field(order, path, CTX)
                      if f.code == "internal.rule_failed"]
        assert internal.field == path and crashing_rule in internal.message
        assert internal.severity is Severity.WARNING and internal.fix
    assert sorted(f.field for f in validate_order(order, CTX)
                  if f.code == "internal.rule_failed") == [
        "carrier.customer_name", "service_address.city"]
    # not on the fields the rule does not read
    assert not [f for f in validate_field(order, "service_address.state", CTX)
                if f.code == "internal.rule_failed"]
    # so the check the fuzz test makes on every path can fail
    with pytest.raises(AssertionError):
        _no_internal_failures_on_any_path(order, CTX)


@FUZZ
@given(orders)
def test_normalize_order_never_fails_and_does_not_touch_the_original(order):
    before = repr(order)
    new, notes = normalize_order(order)
    assert repr(order) == before
    assert isinstance(new, Order) and all(f.code for f in notes)


text_orders = st.builds(
    Order,
    numbers=st.lists(TEXT, max_size=4),
    carrier=st.builds(Carrier, name=TEXT, customer_name=TEXT, authorized_name=TEXT,
                      account_number=TEXT, btn=TEXT, pin=TEXT),
    partial_port=st.one_of(st.none(), st.builds(PartialPort, remaining_numbers=TEXT, new_btn=TEXT)),
    service_address=st.builds(ServiceAddress, street_number=TEXT, pre_direction=TEXT,
                              street_name=TEXT, city=TEXT, state=TEXT, postal_code=TEXT,
                              country=TEXT),
    requested_foc_date=st.one_of(st.none(), TEXT),
)


@FUZZ
@given(text_orders)
def test_normalizing_is_idempotent(order):
    once, _ = normalize_order(order)
    twice, notes = normalize_order(once)
    assert twice == once
    assert notes == []  # a tidy order has nothing left to tidy


@FUZZ
@given(text_orders, contexts)
def test_every_finding_is_found_again_by_validating_its_own_field(order, ctx):
    # The GUI validates one field per keystroke: it must see exactly what the full check
    # says about that field (every rule declares the fields it reports on).
    whole = validate_order(order, ctx)
    for f in whole:
        assert f in validate_field(order, f.field, ctx), f
    for path in {f.field for f in whole}:
        assert set(validate_field(order, path, ctx)) <= set(whole)
