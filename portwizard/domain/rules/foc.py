"""The requested port date (FOC, "firm order commitment": the day the numbers move)."""
from __future__ import annotations

import datetime as _dt

from portwizard.domain import address as addr
from portwizard.domain import dates
from portwizard.domain.findings import error, warning
from portwizard.domain.validation import rule

PATH = "requested_foc_date"
FOC = "port date (the day your numbers move to the new provider)"


def _next_allowed(d: _dt.date, earliest: _dt.date, country: str, sub: str | None) -> _dt.date:
    d = max(d, earliest)
    while not dates.is_business_day(d, country, sub):
        d += _dt.timedelta(days=1)
    return d


@rule(PATH, "service_address.country", "service_address.state")
def requested_foc_date(order, ctx):
    raw = order.requested_foc_date
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return  # no date: the port happens on the first date the carriers agree on
    d = dates.parse_date(raw)
    if d is None:
        shown = raw.strip()[:40] if isinstance(raw, str) else "this value"
        yield error(PATH, "foc.invalid_date",
                    f"\"{shown}\" is not a date portwizard can read for the {FOC}.",
                    "Pick the date from the calendar, or leave it empty to move as soon as "
                    "possible.")
        return
    country, sub = dates.place_of(order)
    lead = max(0, int(ctx.foc_lead_business_days))
    try:
        earliest = dates.earliest_foc_date(ctx.today, lead, country, sub)
    except (OverflowError, ValueError):
        return
    if d <= ctx.today:
        yield error(PATH, "foc.too_soon",
                    f"The {FOC} {dates.spoken(d)} is not in the future.",
                    f"Choose {dates.spoken(earliest)} or later.")
        return
    try:
        holiday = dates.holiday_name(d, country, sub)
        suggestion = _next_allowed(d, earliest, country, sub)
    except (OverflowError, ValueError):  # dates beyond the calendar's range
        yield error(PATH, "foc.invalid_date", f"{d.isoformat()} is too far in the future.",
                    f"Choose a date between {dates.spoken(earliest)} and "
                    f"{dates.spoken(ctx.today + _dt.timedelta(days=dates.HORIZON_DAYS))}.")
        return
    if d.weekday() >= 5:
        yield error(PATH, "foc.not_business_day",
                    f"{dates.spoken(d)} is a weekend day; carriers only move numbers on business "
                    "days (Monday to Friday).",
                    f"Choose a weekday, such as {dates.spoken(suggestion)}.")
    elif holiday:
        place = addr.region_display(sub) if sub else ("the United States" if country == "US"
                                                      else addr.COUNTRIES[country])
        yield error(PATH, "foc.holiday",
                    f"{dates.spoken(d)} is {holiday}, a public holiday in {place}; carriers "
                    "don't move numbers on holidays.",
                    f"Choose another business day, such as {dates.spoken(suggestion)}.")
    if d < earliest:
        yield error(PATH, "foc.too_soon",
                    f"{dates.spoken(d)} is too soon: carriers need at least {lead} business days "
                    f"to prepare, so the earliest {FOC} is {dates.spoken(earliest)}.",
                    f"Choose {dates.spoken(earliest)} or later.")
    elif (d - ctx.today).days > dates.HORIZON_DAYS:
        yield warning(PATH, "foc.far_future",
                      f"{dates.spoken(d)} is more than {dates.HORIZON_DAYS} days away; many "
                      "carriers won't accept a port date that far ahead.",
                      "Choose a date within the next three months, or submit the order later.")
