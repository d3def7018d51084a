"""Business days for the requested port date (FOC: "firm order commitment", the day the
numbers move).

Carriers only move numbers on business days: not on weekends and not on public holidays.
Holidays come from the ``holidays`` library (maintained federal, state and provincial
calendars, including moving feasts such as Thanksgiving and Good Friday), picked by the
service address: country plus state/province, so Quebec's Saint-Jean-Baptiste Day or a
state holiday counts where the phones are.
"""
from __future__ import annotations

import datetime as _dt
from functools import lru_cache

HORIZON_DAYS = 90


@lru_cache(maxsize=64)
def _calendar(country: str, subdivision: str | None, year: int) -> dict[_dt.date, str]:
    import holidays  # imported on first use: only date checks need it

    country = country if country in ("US", "CA") else "US"
    try:
        cal = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    except (NotImplementedError, KeyError, ValueError):  # unknown state: national holidays
        cal = holidays.country_holidays(country, years=year)
    return dict(cal)


def holiday_name(d: _dt.date, country: str = "US", subdivision: str | None = None) -> str | None:
    """The holiday's name on ``d`` where the phones are, or None."""
    return _calendar(country or "US", subdivision or None, d.year).get(d)


def is_business_day(d: _dt.date, country: str = "US", subdivision: str | None = None) -> bool:
    """Monday to Friday and not a public holiday in that country/state/province."""
    return d.weekday() < 5 and holiday_name(d, country, subdivision) is None


def earliest_foc_date(today: _dt.date, lead: int, country: str = "US",
                      subdivision: str | None = None) -> _dt.date:
    """The first date that is at least ``lead`` business days after ``today`` (and is
    itself a business day). Never today itself: a lead of 0 means the next business day."""
    d, counted = today, 0
    lead = max(1, int(lead))
    while counted < lead or not is_business_day(d, country, subdivision):
        d += _dt.timedelta(days=1)
        if is_business_day(d, country, subdivision):
            counted += 1
    return d


def allowed_foc_dates(today: _dt.date, lead: int, horizon_days: int = HORIZON_DAYS,
                      country: str = "US", subdivision: str | None = None) -> list[_dt.date]:
    """Every date the user may request, for the GUI's date picker: business days from
    :func:`earliest_foc_date` up to ``today + horizon_days``."""
    first = earliest_foc_date(today, lead, country, subdivision)
    last = today + _dt.timedelta(days=horizon_days)
    out = []
    d = first
    while d <= last:
        if is_business_day(d, country, subdivision):
            out.append(d)
        d += _dt.timedelta(days=1)
    return out


def place_of(order) -> tuple[str, str | None]:
    """(country, state/province) whose holidays count for an order: where the phones are.
    Unknown or mismatched values fall back to the national calendar."""
    from portwizard.domain import address as addr

    sa = order.service_address
    country = addr.normalize_country(sa.country if isinstance(sa.country, str) else "")
    country = country if country in addr.COUNTRIES else "US"
    state = addr.normalize_state(sa.state if isinstance(sa.state, str) else "", country)
    return country, (state if addr.region_country(state) == country else None)


def allowed_foc_dates_for(order, today: _dt.date, lead: int,
                          horizon_days: int = HORIZON_DAYS) -> list[_dt.date]:
    """:func:`allowed_foc_dates` for an order's service address (the date picker)."""
    country, sub = place_of(order)
    return allowed_foc_dates(today, lead, horizon_days, country, sub)


def parse_date(text: object) -> _dt.date | None:
    """``YYYY-MM-DD`` -> date; None for anything else."""
    if not isinstance(text, str):
        return None
    try:
        return _dt.date.fromisoformat(text.strip()) if len(text.strip()) == 10 else None
    except ValueError:
        return None


def parse_moment(text: object) -> _dt.datetime | None:
    """An ISO 8601 time stamp (ours, or a provider's) as an aware datetime: "Z" is UTC, and
    so is a stamp that names no zone; None for anything else."""
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=_dt.timezone.utc)


#: day and month names, in English like every other word of the program (not through
#: strftime: a GUI's toolkit sets the C library's locale from the system, which would put
#: "lundi" or "décembre" into English sentences)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def spoken(d: _dt.date) -> str:
    """``Monday, December 7, 2026``: how a date is shown in messages."""
    return f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}"


def warm_up(today: _dt.date | None = None) -> None:
    """Load the holiday calendars ahead of time (importing ``holidays`` and building the
    first calendar takes ~100 ms, later look-ups well under a millisecond). Call it once at
    start-up off the GUI thread so the first keystroke in the date field is instant."""
    year = (today or _dt.date.today()).year
    for country in ("US", "CA"):
        for y in (year, year + 1):
            _calendar(country, None, y)
