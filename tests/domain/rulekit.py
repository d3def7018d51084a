"""Helpers for the rule tests: a complete, obviously fake order that passes every rule."""
from __future__ import annotations

import datetime as dt

from portwizard.domain.order import Order
from portwizard.domain.validation import Context, validate_field, validate_order

TODAY = dt.date(2026, 11, 23)  # a Monday; US Thanksgiving is Thursday 26
CTX = Context(today=TODAY)


def good_order() -> Order:
    o = Order(numbers=["+12125550123", "+12125550124"])
    o.target.account_id, o.target.line_id, o.target.label = "SBX-1001", "L-100", "Main office"
    o.contact.name, o.contact.email, o.contact.phone = "Pat Smith", "pat@example.com", "+13125550150"
    c = o.carrier
    c.name = "Spectrum"
    c.account_type = "multi-line"
    c.number_type = "business-local"
    c.customer_name = "Acme Dental"
    c.authorized_name = "Pat Smith"
    c.account_number = "123456789"
    c.btn = "+12125550123"
    c.pin = "1234"
    a = o.service_address
    a.street_number, a.pre_direction, a.street_name = "100", "N", "Main St"
    a.city, a.state, a.postal_code, a.country = "New York", "NY", "10001", "US"
    o.requested_foc_date = "2026-12-07"
    o.documents.loa = "loa.pdf"
    o.documents.invoice = "invoice.pdf"
    return o


def codes(order: Order, ctx: Context = CTX) -> set[tuple[str, str]]:
    return {(f.field, f.code) for f in validate_order(order, ctx)}


def findings(order: Order, path: str, ctx: Context = CTX):
    return validate_field(order, path, ctx)


def one(order: Order, path: str, code: str, ctx: Context = CTX):
    """The single finding with ``code`` on ``path`` (validated alone and in the whole order)."""
    alone = [f for f in validate_field(order, path, ctx) if f.code == code]
    whole = [f for f in validate_order(order, ctx) if f.code == code and f.field == path]
    assert len(alone) == 1, validate_field(order, path, ctx)
    assert alone == whole
    f = alone[0]
    assert f.message and f.fix, f  # every finding says what is wrong and how to fix it
    return f
