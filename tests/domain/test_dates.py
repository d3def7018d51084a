"""Business days and allowed port (FOC) dates, with US and Canadian holidays."""
from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from portwizard.domain.dates import (
    allowed_foc_dates, earliest_foc_date, holiday_name, is_business_day, parse_date, spoken,
)

MON = dt.date(2026, 11, 23)  # the Monday of US Thanksgiving week


def test_weekends_and_holidays_are_not_business_days():
    assert is_business_day(MON)
    assert not is_business_day(dt.date(2026, 11, 28))  # Saturday
    assert not is_business_day(dt.date(2026, 11, 26))  # US Thanksgiving
    assert is_business_day(dt.date(2026, 11, 26), "CA")  # a normal Thursday in Canada
    assert not is_business_day(dt.date(2026, 7, 1), "CA")  # Canada Day
    assert is_business_day(dt.date(2026, 7, 1), "US")


def test_state_and_province_holidays_count():
    st_jean = dt.date(2026, 6, 24)
    assert holiday_name(st_jean, "CA", "QC")
    assert holiday_name(st_jean, "CA", "ON") is None
    assert holiday_name(dt.date(2026, 7, 25), "US", "PR")  # Puerto Rico Constitution Day
    assert holiday_name(dt.date(2026, 11, 26), "US", "ZZ") == "Thanksgiving Day"  # unknown state


def test_earliest_foc_date_skips_weekend_and_thanksgiving():
    # Tue 24, Wed 25, (Thu 26 holiday), Fri 27, Mon 30, Tue Dec 1
    assert earliest_foc_date(MON, 5) == dt.date(2026, 12, 1)
    assert earliest_foc_date(MON, 5, "CA") == dt.date(2026, 11, 30)
    assert earliest_foc_date(dt.date(2026, 11, 28), 0) == dt.date(2026, 11, 30)
    assert earliest_foc_date(MON, 0) == dt.date(2026, 11, 24)  # never the same day


def test_allowed_dates_are_business_days_in_the_window():
    days = allowed_foc_dates(MON, 5, horizon_days=40)
    assert days[0] == dt.date(2026, 12, 1)
    assert all(is_business_day(d) for d in days)
    assert days[-1] <= MON + dt.timedelta(days=40)
    assert dt.date(2026, 12, 25) not in days and dt.date(2026, 12, 24) in days


def test_parse_and_speak_dates():
    assert parse_date("2026-12-01") == dt.date(2026, 12, 1)
    assert parse_date("12/01/2026") is None
    assert parse_date(20261201) is None
    assert parse_date("2026-02-30") is None
    assert spoken(dt.date(2026, 12, 1)) == "Tuesday, December 1, 2026"


def test_allowed_dates_for_an_order_use_its_service_address():
    from portwizard.domain.dates import allowed_foc_dates_for, place_of
    from portwizard.domain.order import Order

    o = Order()
    o.service_address.country, o.service_address.state = "Canada", "Québec"
    assert place_of(o) == ("CA", "QC")
    days = allowed_foc_dates_for(o, dt.date(2027, 6, 1), 5, horizon_days=40)
    assert dt.date(2027, 6, 24) not in days and dt.date(2027, 6, 23) in days
    o.service_address.state = "TX"  # a US state with country Canada: national calendar
    assert place_of(o) == ("CA", None)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None)
@given(st.dates(dt.date(1950, 1, 1), dt.date(2150, 12, 31)), st.integers(0, 20),
       st.sampled_from([("US", None), ("US", "CA"), ("US", "PR"), ("CA", "QC"), ("CA", "NL"),
                        ("XX", "ZZ")]))
def test_date_helpers_never_raise(today, lead, place):
    country, sub = place
    first = earliest_foc_date(today, lead, country, sub)
    assert first > today
    assert is_business_day(first, country, sub)
    days = allowed_foc_dates(today, lead, 20, country, sub)
    assert all(d >= first for d in days)


class _NoStrftime(dt.date):
    """A date whose strftime would answer in the C library's locale (which Qt sets from the
    system): spoken dates must not ask it."""

    def strftime(self, fmt):
        raise AssertionError(f"strftime({fmt!r}) used")

    def __format__(self, spec):
        if spec:
            raise AssertionError(f"format spec {spec!r} used")
        return super().__format__(spec)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_spoken_dates_are_english_whatever_the_locale(day):
    expected = f"{day:%A}, {day:%B} {day.day}, {day.year}"  # (this process's C locale)
    assert spoken(_NoStrftime(day.year, day.month, day.day)) == expected


def test_time_stamps_are_read_one_way_ours_and_providers():
    import datetime as dt

    from portwizard.domain.dates import parse_moment

    utc = dt.timezone.utc
    assert parse_moment("2026-11-23T11:32:35Z") == dt.datetime(2026, 11, 23, 11, 32, 35,
                                                              tzinfo=utc)
    assert parse_moment("2026-11-23T11:32:35") == dt.datetime(2026, 11, 23, 11, 32, 35,
                                                             tzinfo=utc)
    assert parse_moment("2026-11-23T06:32:35-05:00") == dt.datetime(2026, 11, 23, 11, 32, 35,
                                                                     tzinfo=utc)
    for nonsense in (None, "", "yesterday", 1700000000, "2026-13-45T00:00:00Z"):
        assert parse_moment(nonsense) is None
