"""Who the new provider should contact about the order (questions, the port date)."""
from __future__ import annotations

import re

from portwizard.domain.findings import error, warning
from portwizard.domain.normalize import text
from portwizard.domain.validation import rule

# Deliberately simple: one @, something before it, a dotted domain after it, no spaces.
# Full RFC 5322 parsing would accept addresses no provider can write to.
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")

#: the longest customer reference kept (providers' reference fields are short)
MAX_REFERENCE = 50


def is_email(value: str) -> bool:
    """Whether ``value`` looks like an address a provider can write to (the one test used
    for every e-mail field of the order)."""
    return bool(_EMAIL.fullmatch(value))


@rule("contact.email", "contact.phone")
def contact_reachable(order, ctx):
    email, phone = text(order.contact.email).strip(), text(order.contact.phone).strip()
    if not email and not phone:
        yield error("contact.email", "contact.missing",
                    "There is no way for your new provider to reach you about this order.",
                    "Enter an e-mail address or a phone number (one that keeps working during "
                    "the move, e.g. a mobile).")
    if email and not is_email(email):
        yield error("contact.email", "contact.email_invalid",
                    f"\"{email[:60]}\" is not an e-mail address.",
                    "Enter it like name@example.com, without spaces.")


@rule("contact.phone")
def contact_phone(order, ctx):
    phone = text(order.contact.phone).strip()
    if not phone:
        return
    from portwizard.domain.phone import parse_number

    parsed = parse_number(phone)
    if not parsed.ok:
        yield error("contact.phone", "contact.phone_invalid",
                    f"The contact phone number can't be used: {parsed.error_message}",
                    parsed.fix or "Enter a 10-digit number, e.g. (212) 555-0123.")
    elif parsed.e164 in _ported_e164(order.numbers):
        yield warning("contact.phone", "contact.phone_is_ported",
                      "The contact phone number is one of the numbers being moved; on the "
                      "move day it may not ring for a while.",
                      "If you have another number (a mobile), give that one.")


def _ported_e164(numbers) -> set[str]:
    """The numbers being moved in E.164, however they were typed ("(212) 555-0123")."""
    from portwizard.domain.phone import parse_number

    if not isinstance(numbers, list):
        return set()
    return {p.e164 for p in map(parse_number, (text(n) for n in numbers)) if p.ok}


@rule("contact.name")
def contact_name(order, ctx):
    if not text(order.contact.name).strip():
        yield warning("contact.name", "contact.name_missing",
                      "No contact name is given; the provider will not know whom to ask for.",
                      "Enter the name of the person who answers questions about this order.")


@rule("customer_reference")
def customer_reference(order, ctx):
    ref = text(order.customer_reference).strip()
    if len(ref) > MAX_REFERENCE:
        yield error("customer_reference", "reference.too_long",
                    f"Your reference is {len(ref)} characters long; providers keep at most "
                    f"{MAX_REFERENCE}.",
                    f"Shorten it to {MAX_REFERENCE} characters or fewer (a ticket or order "
                    "number is enough).")
    elif any(ord(ch) < 32 for ch in ref):
        yield error("customer_reference", "reference.invalid",
                    "Your reference contains a line break or another invisible character.",
                    "Type it again on one line.")
