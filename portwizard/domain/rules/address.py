"""The service address: where the phones are, exactly as the current carrier has it."""
from __future__ import annotations

from portwizard.domain import address as addr
from portwizard.domain.fields import field_name
from portwizard.domain.findings import error, warning
from portwizard.domain.normalize import (
    clean_country, clean_direction, clean_postal_code, clean_state, text,
)
from portwizard.domain.validation import rule

SA = "service_address"
WHERE = ("The service address is where the phones are installed, exactly as your current "
         "carrier has it on file (your Customer Service Record, or CSR, shows it).")

_EXAMPLES = {
    "street_number": "e.g. 123",
    "street_name": "e.g. Main St",
    "city": "e.g. Springfield",
    "state": "the 2-letter code, e.g. NY or QC",
    "postal_code": "e.g. 62704 or H2X 3K8",
}


def _missing(part: str):
    label, example = field_name(f"{SA}.{part}"), _EXAMPLES[part]
    return error(f"{SA}.{part}", "address.missing_part",
                 f"The {label} of the service address is missing.",
                 f"Type it ({example}). {WHERE}")


def _country(order) -> str:
    return addr.normalize_country(text(order.service_address.country))


@rule(f"{SA}.street_number", f"{SA}.street_name", f"{SA}.unit")
def street(order, ctx):
    sa = order.service_address
    for part in ("street_number", "street_name", "unit"):
        value = text(getattr(sa, part))
        path = f"{SA}.{part}"
        if part != "unit" and not value.strip():
            yield _missing(part)
        elif addr.is_po_box(value):
            yield error(path, "address.po_box",
                        "A PO Box can't be the service address: carriers need the street "
                        "address where the phones are installed.",
                        "Enter the building's street address. Your PO Box can stay the mailing "
                        "address on your bill.")
    number = text(sa.street_number).strip()
    if number and not any(c.isdigit() for c in number) and not addr.is_po_box(number):
        yield warning(f"{SA}.street_number", "address.street_number_format",
                      f"\"{number[:40]}\" doesn't look like a street number (it has no digits).",
                      "Put only the building number here (e.g. 123) and the street in the "
                      "street name box.")


@rule(f"{SA}.pre_direction")
def pre_direction(order, ctx):
    path = f"{SA}.pre_direction"
    raw = text(order.service_address.pre_direction)
    if not raw.strip():
        return
    value, notes = clean_direction(raw, path)
    if value not in addr.DIRECTIONS:
        yield error(path, "address.pre_direction_unknown",
                    f"\"{raw.strip()[:40]}\" is not a direction. This box is only for a "
                    "direction written before the street name, like the N in 123 N Main St.",
                    "Use N, S, E, W, NE, NW, SE or SW, or leave it empty and keep the whole "
                    "name in the street name box.")
        return
    yield from notes


@rule(f"{SA}.city")
def city(order, ctx):
    value = text(order.service_address.city).strip()
    if not value:
        yield _missing("city")
    elif addr.is_po_box(value):
        yield error(f"{SA}.city", "address.po_box",
                    "The city box contains a PO Box; carriers need the street address where "
                    "the phones are installed.",
                    "Type only the city here, and the street address in the street boxes.")


@rule(f"{SA}.state", f"{SA}.country")
def state(order, ctx):
    path = f"{SA}.state"
    raw = text(order.service_address.state)
    if not raw.strip():
        yield _missing("state")
        return
    country = _country(order)
    value, notes = clean_state(raw, country, path)
    if country not in addr.COUNTRIES:
        return  # the country rule explains; a state can't be checked against it
    belongs = addr.region_country(value)
    if belongs == country:
        yield from notes
    elif belongs is not None:
        other = "a Canadian province" if belongs == "CA" else "a US state"
        yield error(path, "address.state_unknown",
                    f"{value} ({addr.region_display(value)}) is {other}, but the country is "
                    f"{addr.COUNTRIES[country]}.",
                    f"Set the country to {addr.COUNTRIES[belongs]}, or correct the "
                    f"{'province' if country == 'CA' else 'state'}.")
    elif country == "US":
        yield error(path, "address.state_unknown",
                    f"\"{raw.strip()[:40]}\" is not a US state or territory.",
                    "Use the 2-letter code, e.g. NY or TX (DC, PR, GU, VI, AS and MP work too).")
    else:
        yield error(path, "address.state_unknown",
                    f"\"{raw.strip()[:40]}\" is not a Canadian province or territory.",
                    "Use the 2-letter code, e.g. ON, QC or BC.")


@rule(f"{SA}.postal_code", f"{SA}.country", f"{SA}.state")
def postal_code(order, ctx):
    path = f"{SA}.postal_code"
    raw = text(order.service_address.postal_code)
    if not raw.strip():
        yield _missing("postal_code")
        return
    country = _country(order)
    if country not in addr.COUNTRIES:
        return
    state_code = addr.normalize_state(text(order.service_address.state), country)
    check = addr.check_postal_code(raw, country, state_code)
    if check.problem is None:
        yield from clean_postal_code(raw, country, path)[1]
    elif check.code == "address.postal_code_province":
        yield warning(path, check.code, check.problem, check.fix)
    else:
        yield error(path, check.code, check.problem, check.fix)


@rule(f"{SA}.country")
def country(order, ctx):
    path = f"{SA}.country"
    raw = text(order.service_address.country)
    if not raw.strip():
        yield error(path, "address.country_missing", "The country of the service address is "
                    "missing.", "Choose United States or Canada.")
        return
    value, notes = clean_country(raw, path)
    if value not in addr.COUNTRIES:
        yield error(path, "address.country_unknown",
                    f"\"{raw.strip()[:40]}\": portwizard can only move numbers whose service "
                    "address is in the United States (with its territories) or Canada.",
                    "Choose United States or Canada (use United States for Puerto Rico, Guam "
                    "and the other US territories).")
        return
    yield from notes


@rule(f"{SA}.country", "numbers")
def numbers_match_country(order, ctx):
    from portwizard.domain.rules.numbers import valid_numbers

    country = _country(order)
    if country not in addr.COUNTRIES:
        return
    # Toll-free numbers belong to no country; territories count as the United States.
    other = [p for p in valid_numbers(order) if p.kind == "local"
             and ("CA" if p.region == "CA" else "US") != country]
    if other:
        where = "Canadian" if country == "US" else "US"
        shown = ", ".join(p.display for p in other[:2]) + (
            f" and {len(other) - 2} more" if len(other) > 2 else "")
        yield warning(f"{SA}.country", "address.country_numbers_mismatch",
                      f"{shown} {'is a' if len(other) == 1 else 'are'} {where} "
                      f"number{'s' if len(other) > 1 else ''}, but the service address is in "
                      f"{'the United States' if country == 'US' else 'Canada'}.",
                      "The service address must be the one your current carrier has on file "
                      "for these numbers; check the country and the address.")
