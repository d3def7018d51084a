"""What the chosen provider can take: the rules read the provider profile in the context
(:class:`portwizard.domain.providers.ProviderProfile`), never the provider's name.

With the practice sandbox or a provider speaking portwizard's own API nothing here fires;
with Twilio the signer's e-mail is required and toll-free numbers, numbers outside the US,
more than 1,000 numbers and port dates under 7 days away are refused before Send, each on
the field it concerns. Numbers the provider's portability check refused
(``ctx.not_portable``) are refused on their line of the numbers list.

The requested port time and its time zone are checked only with a provider that offers port
windows (Telnyx): the others ignore them, and the wizard does not show them.
"""
from __future__ import annotations

import datetime as _dt

from portwizard.domain import dates
from portwizard.domain.findings import error
from portwizard.domain.normalize import text
from portwizard.domain.order import FOC_TIMEZONES
from portwizard.domain.phone import US_TERRITORIES
from portwizard.domain.rules.contact import is_email
from portwizard.domain.rules.numbers import parsed_numbers
from portwizard.domain.validation import rule

#: the words for a number's region in "… is a number from …"
_REGION_WORDS = {"US": "the United States", "CA": "Canada"}
_ZONES = {zone for zone, _ in FOC_TIMEZONES}


def _country_of(region: str | None) -> str | None:
    """The country a number belongs to for a provider's limits: the US territories count
    as the United States."""
    return "US" if region in US_TERRITORIES else region


# --------------------------------------------------------------------------- the signer


def _contact_is_the_signer(order) -> bool:
    """The order's contact is the authorized person and has a usable e-mail: a document
    written before ``carrier.authorized_email`` existed says the signer's address there (the
    Twilio adapter reads it as the fallback)."""
    name = text(order.contact.name).strip().casefold()
    return bool(name) and name == text(order.carrier.authorized_name).strip().casefold() \
        and is_email(text(order.contact.email).strip())


@rule("carrier.authorized_email", "carrier.authorized_name", "contact.name", "contact.email")
def signer_email(order, ctx):
    email = text(order.carrier.authorized_email).strip()
    if email:
        if not is_email(email):
            yield error("carrier.authorized_email", "account.authorized_email_invalid",
                        f"\"{email[:60]}\" is not an e-mail address.",
                        "Enter it like name@example.com, without spaces.")
        return
    profile = ctx.provider
    if profile.needs_signer_email and not _contact_is_the_signer(order):
        who = text(order.carrier.authorized_name).strip() or "the authorized person"
        yield error("carrier.authorized_email", "provider.signer_email_missing",
                    f"{profile.name} e-mails the Letter of Authorization to the authorized "
                    "person, who signs it online, so it needs that person's e-mail address.",
                    f"Enter the e-mail address of {who}; an e-mail from {profile.name} "
                    "will ask them to sign.")


# --------------------------------------------------------------------------- the numbers


@rule("numbers")
def numbers_the_provider_takes(order, ctx):
    profile = ctx.provider
    if profile.allows_toll_free and not profile.countries:
        return
    for i, parsed in parsed_numbers(order):
        if not parsed.ok:
            continue
        if parsed.kind == "toll-free" and not profile.allows_toll_free:
            yield error(f"numbers[{i}]", "provider.toll_free",
                        f"{parsed.display} is a toll-free number; {profile.name} cannot "
                        "port toll-free numbers.",
                        "Remove it from this order and move it with a provider that takes "
                        "toll-free numbers (Settings, where orders go).")
            continue
        country = _country_of(parsed.region)
        if profile.countries and country not in profile.countries:
            where = _REGION_WORDS.get(country or "", "another country")
            allowed = " or ".join(_REGION_WORDS.get(c, c) for c in profile.countries)
            yield error(f"numbers[{i}]", "provider.country",
                        f"{parsed.display} is a number from {where}; {profile.name} ports "
                        f"numbers from {allowed} only.",
                        "Remove it from this order and move it with a provider that takes "
                        f"numbers from {where}.")


@rule("numbers")
def number_count(order, ctx):
    limit = ctx.provider.max_numbers
    numbers = order.numbers if isinstance(order.numbers, list) else []
    count = sum(1 for n in numbers if isinstance(n, str) and n.strip())
    if limit is not None and count > limit:
        yield error("numbers", "provider.too_many_numbers",
                    f"This order has {count:,} numbers; {ctx.provider.name} takes at most "
                    f"{limit:,} on one order.",
                    f"Keep {limit:,} here and move the other {count - limit:,} with a second "
                    "order.")


@rule("numbers")
def not_portable(order, ctx):
    refused = dict(ctx.not_portable)
    if not refused:
        return
    for i, parsed in parsed_numbers(order):
        if parsed.ok and parsed.e164 in refused:
            reason = refused[parsed.e164].strip().rstrip(".")
            yield error(f"numbers[{i}]", "provider.not_portable",
                        f"{ctx.provider.name} says it cannot take {parsed.display}"
                        + (f": {reason}." if reason else "."),
                        "Remove it from this order; it keeps working with your current "
                        "carrier.")


# --------------------------------------------------------------------------- the port date


@rule("requested_foc_date", "service_address.country", "service_address.state")
def provider_lead_time(order, ctx):
    earliest = ctx.provider.earliest_foc(ctx.today)
    if earliest is None:
        return
    d = dates.parse_date(order.requested_foc_date)
    if d is None or d <= ctx.today or ctx.provider.allows_date(ctx.today, d):
        return  # no date, an unreadable one or one in the past: the date rule says so
    try:
        country, sub = dates.place_of(order)
        suggestion = earliest
        for _ in range(31):
            if dates.is_business_day(suggestion, country, sub):
                break
            suggestion += _dt.timedelta(days=1)
    except (OverflowError, ValueError):
        suggestion = earliest
    days = ctx.provider.min_days_to_foc
    yield error("requested_foc_date", "provider.date_too_soon",
                f"{ctx.provider.name} needs the port date at least {days} days ahead; "
                f"{dates.spoken(d)} is only {(d - ctx.today).days} days away.",
                f"Choose {dates.spoken(suggestion)} or later.")


@rule("requested_foc_time", "requested_foc_timezone", "requested_foc_date")
def requested_time(order, ctx):
    if not ctx.provider.foc_windows:
        return  # the provider takes a day, not a moment: a time would be ignored
    time = text(order.requested_foc_time).strip()
    zone = text(order.requested_foc_timezone).strip()
    if not time:
        return
    try:
        _dt.time.fromisoformat(time)
        ok = len(time) == 5 and time[2] == ":"
    except ValueError:
        ok = False
    if not ok:
        yield error("requested_foc_time", "foc.time_invalid",
                    f"\"{time[:20]}\" is not a time of day portwizard can read.",
                    "Pick a time from the list, or \"Any time\".")
        return
    if not text(order.requested_foc_date).strip():
        yield error("requested_foc_time", "foc.time_without_date",
                    "A time was chosen but no port date.",
                    "Choose the date too, or set the time back to \"Any time\".")
    if not zone:
        yield error("requested_foc_timezone", "foc.timezone_missing",
                    f"The time {time} needs its time zone.",
                    "Choose the time zone the time is meant in (where the phones are).")
    elif zone not in _ZONES:
        yield error("requested_foc_timezone", "foc.timezone_unknown",
                    f"\"{zone[:40]}\" is not a time zone portwizard knows.",
                    "Choose one from the list.")
