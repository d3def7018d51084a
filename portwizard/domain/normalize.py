"""Tidying an order: one function per field, shared by the rules, the GUI and submission.

Each ``clean_*`` function takes what the user typed and returns ``(tidy value, findings)``
where the findings (``info``, sometimes ``warning``) tell the user what we changed and why.
The validation rules call the same functions, so the message the user sees while typing is
the same one they get when the order is tidied: one place for each rule.

:func:`normalize_order` applies them all to a copy of the order. It never loses anything the
user typed: a value that cannot be understood (an invalid number, an unknown state) is kept
as typed for the user to correct.
"""
from __future__ import annotations

import re
from typing import Any

from portwizard.domain import address as _addr
from portwizard.domain.findings import Finding, info, warning
from portwizard.domain.order import Order
from portwizard.domain.phone import ParsedNumber, parse_number

BTN_EXPLAINED = ("billing telephone number (BTN: the main number your phone bill is filed "
                 "under, usually printed near the account number)")
DEFAULT_PIN = "0000"
NOTHING_TO_DO = "Nothing to do, unless your bill shows it differently."


def text(value: Any) -> str:
    """A field as text: anything that is not a string counts as empty."""
    return value if isinstance(value, str) else ""


def carrier_info(name: Any):
    """The directory entry for a typed carrier name, or None (unknown carrier, or the
    directory is not available)."""
    name = text(name)
    if not name.strip():
        return None
    try:
        from portwizard.domain import carriers
    except ImportError:  # pragma: no cover - the directory ships with the program
        return None
    try:
        return carriers.match(name)
    except Exception:  # a broken data file must not stop validation
        return None


# --------------------------------------------------------------------------- numbers


def number_notes(parsed: ParsedNumber, path: str) -> list[Finding]:
    """What the user should know about how a valid number was read (vanity letters,
    an extension that is not part of the port)."""
    out: list[Finding] = []
    if not parsed.ok:
        return out
    if parsed.vanity_converted:
        msg = (f"\"{parsed.input.strip()}\" spells the number {parsed.display}; the digits are "
               "what gets moved.")
        if parsed.vanity_truncated:
            msg += (" Letters after the seventh one are not dialled, so they were left out.")
        out.append(info(path, "number.vanity_converted", msg,
                        "Nothing to do if that is your number; callers can still dial the "
                        "letters."))
    if parsed.extension:
        out.append(warning(path, "number.extension_ignored",
                           f"The extension {parsed.extension} is not part of the move: "
                           f"extensions live in your office phone system, so only the main "
                           f"number {parsed.display} moves.",
                           "Set the extension up again in your new phone system."))
    return out


def clean_number(value: Any, path: str) -> tuple[str, list[Finding]]:
    """A valid number in E.164 (``+12125550123``); anything else unchanged."""
    raw = text(value)
    parsed = parse_number(raw)
    if not parsed.ok:
        return raw, []
    return parsed.e164, number_notes(parsed, path)


# --------------------------------------------------------------------------- account number

_ACCOUNT_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.]+")


def clean_account_number(value: Any, path: str = "carrier.account_number"
                         ) -> tuple[str, list[Finding]]:
    """Spaces, dashes and dots removed (carriers compare the bare letters and digits)."""
    raw = text(value)
    cleaned = _ACCOUNT_SEPARATORS.sub("", raw)
    if cleaned and cleaned != raw.strip():
        return cleaned, [info(
            path, "account_number.stripped",
            "We removed the spaces, dashes and dots from the account number: carriers expect "
            "only its letters and digits.",
            "Check that the letters and digits are exactly as on your bill.")]
    return cleaned, []


# --------------------------------------------------------------------------- PIN


def needs_transfer_pin(carrier) -> bool:
    """US wireless carriers release a number only with their temporary transfer PIN (not
    the account PIN). Canadian wireless ports go by the account number (or IMEI) instead."""
    return (carrier is not None and carrier.kind == "wireless"
            and "US" in tuple(getattr(carrier, "countries", ()) or ()))


def pin_defaults_to_zero(carrier) -> bool:
    """An empty PIN becomes "0000" except where the carrier issues a code the port needs
    (US wireless transfer PIN, digital unlock code): there "0000" would only be rejected."""
    return carrier is None or not (needs_transfer_pin(carrier) or carrier.unlock_required)


def clean_pin(value: Any, carrier=None, path: str = "carrier.pin") -> tuple[str, list[Finding]]:
    raw = text(value)
    cleaned = raw.strip()
    if not cleaned and pin_defaults_to_zero(carrier):
        return DEFAULT_PIN, [info(
            path, "pin.defaulted",
            "No PIN entered, so we will send 0000: that is what carriers expect when no PIN or "
            "passcode was ever set on the account.",
            "If you did set a PIN or passcode with your current carrier, type it here instead.")]
    return cleaned, []


# --------------------------------------------------------------------------- names


def clean_name(value: Any) -> str:
    """Spaces trimmed and runs of spaces collapsed."""
    return " ".join(text(value).split())


# --------------------------------------------------------------------------- address


def clean_direction(value: Any, path: str = "service_address.pre_direction"
                    ) -> tuple[str, list[Finding]]:
    raw = text(value)
    norm = _addr.normalize_direction(raw)
    if norm in _addr.DIRECTIONS and norm != raw:
        return norm, [info(path, "address.direction_normalized",
                           f"\"{raw.strip()}\" is written as {norm}, the way carriers store "
                           "directions.", NOTHING_TO_DO)]
    return (norm if norm in _addr.DIRECTIONS else raw), []


def clean_country(value: Any, path: str = "service_address.country"
                  ) -> tuple[str, list[Finding]]:
    raw = text(value)
    norm = _addr.normalize_country(raw)
    if norm in _addr.COUNTRIES and norm != raw:
        return norm, [info(path, "address.country_normalized",
                           f"\"{raw.strip()}\" is written as {norm}.", NOTHING_TO_DO)]
    return (norm if norm in _addr.COUNTRIES else raw), []


def clean_state(value: Any, country: Any, path: str = "service_address.state"
                ) -> tuple[str, list[Finding]]:
    raw = text(value)
    norm = _addr.normalize_state(raw, _addr.normalize_country(text(country)) or "US")
    if _addr.region_country(norm) and norm != raw:
        return norm, [info(path, "address.state_normalized",
                           f"\"{raw.strip()}\" is written as {norm}, the 2-letter code carriers "
                           "use.", NOTHING_TO_DO)]
    return raw, []


def clean_postal_code(value: Any, country: Any, path: str = "service_address.postal_code"
                      ) -> tuple[str, list[Finding]]:
    raw = text(value)
    country = _addr.normalize_country(text(country))
    check = _addr.check_postal_code(raw, country)
    if check.problem is None and check.value and check.value != raw:
        return check.value, [info(path, "address.postal_code_normalized",
                                  f"\"{raw.strip()}\" is written as {check.value}.", NOTHING_TO_DO)]
    return raw, []


# --------------------------------------------------------------------------- whole order


def normalize_order(order: Order) -> tuple[Order, list[Finding]]:
    """A tidied copy of ``order`` and the findings that say what changed; never raises and
    never modifies ``order`` itself."""
    new = order.copy()
    notes: list[Finding] = []

    def apply(obj, attr, result):
        value, findings = result
        try:
            setattr(obj, attr, value)
        except Exception:  # pragma: no cover - dataclasses accept any value
            return
        notes.extend(findings)

    if isinstance(new.numbers, list):
        new.numbers = list(new.numbers)
        for i, raw in enumerate(new.numbers):
            value, findings = clean_number(raw, f"numbers[{i}]")
            if isinstance(raw, str):
                new.numbers[i] = value
                notes.extend(findings)
    c = new.carrier
    if c is not None:
        for attr in ("customer_name", "authorized_name", "name"):
            if isinstance(getattr(c, attr, None), str):
                setattr(c, attr, clean_name(getattr(c, attr)))
        if isinstance(c.btn, str):
            apply(c, "btn", clean_number(c.btn, "carrier.btn"))
        if isinstance(c.account_number, str):
            apply(c, "account_number", clean_account_number(c.account_number))
        if isinstance(c.pin, str):
            apply(c, "pin", clean_pin(c.pin, carrier_info(c.name)))
    pp = new.partial_port
    if pp is not None and isinstance(getattr(pp, "new_btn", None), str) and pp.new_btn.strip():
        apply(pp, "new_btn", clean_number(pp.new_btn, "partial_port.new_btn"))
    sa = new.service_address
    if sa is not None:
        for attr in ("street_number", "street_name", "unit", "city"):
            if isinstance(getattr(sa, attr, None), str):
                setattr(sa, attr, " ".join(getattr(sa, attr).split()))
        if isinstance(sa.country, str):
            apply(sa, "country", clean_country(sa.country))
        if isinstance(sa.pre_direction, str):
            apply(sa, "pre_direction", clean_direction(sa.pre_direction))
        if isinstance(sa.state, str):
            apply(sa, "state", clean_state(sa.state, sa.country))
        if isinstance(sa.postal_code, str):
            apply(sa, "postal_code", clean_postal_code(sa.postal_code, sa.country))
    ct = new.contact
    if ct is not None and isinstance(getattr(ct, "phone", None), str) and ct.phone.strip():
        parsed = parse_number(ct.phone)
        if parsed.ok and not parsed.extension:  # a contact's extension matters: keep it
            ct.phone = parsed.e164
    if isinstance(new.requested_foc_date, str):
        new.requested_foc_date = new.requested_foc_date.strip() or None
    return new, notes
