"""How the windows write days and moments (portwizard.gui.timetext): English day and month
names whatever the system's language, the clock as the system's locale writes it."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QLocale

from portwizard.gui import timetext as tt

UTC = dt.timezone.utc


@pytest.fixture
def locale():
    """A known system locale for the clock (restored afterwards)."""
    before = QLocale()

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    use("en_US")
    yield use
    QLocale.setDefault(before)


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_day_text_names_the_weekday_and_month_in_english(day):
    # (the C library's English names, as a check: this process never sets LC_TIME)
    assert tt.day_text(day) == f"{day:%a}, {day:%b} {day.day}, {day.year}"


def test_a_stored_day():
    assert tt.iso_day_text("2026-12-14") == "Mon, Dec 14, 2026"
    assert tt.iso_day_text("2026-12-14T10:00:00Z") == "Mon, Dec 14, 2026"
    assert tt.iso_day_text(None) == tt.iso_day_text("") == ""
    assert tt.iso_day_text("next week") == "next week"


def test_moments_today_yesterday_and_older(locale):
    now = dt.datetime(2026, 12, 5, 15, 30).astimezone()  # local time
    today = now.replace(hour=15, minute=5)
    yesterday = (now - dt.timedelta(days=1)).replace(hour=9, minute=12)
    older = now.replace(month=11, day=16, hour=16, minute=30)
    assert tt.moment_text(stamp(today), now) == "Today, 3:05\u202fPM"  # (Qt's CLDR space)
    assert tt.moment_text(stamp(yesterday), now).startswith("Yesterday, 9:12")
    assert tt.moment_text(stamp(older), now) == "Nov 16, 2026"
    assert tt.moment_text(stamp(older), now, clock_on_older=True).startswith("Nov 16, 2026, 4:30")


def test_the_clock_follows_the_locale_but_the_words_stay_english(locale):
    locale("fr_FR")
    now = dt.datetime(2026, 12, 5, 15, 30).astimezone()
    assert tt.moment_text(stamp(now.replace(minute=5)), now) == "Today, 15:05"
    assert tt.moment_text(stamp(now.replace(day=1)), now, clock_on_older=True) == \
        "Dec 1, 2026, 15:30"


def test_a_stamp_without_zone_is_utc_and_nonsense_is_shown_as_it_is(locale):
    now = dt.datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    naive = "2026-11-16T16:30:00"
    expected = dt.datetime(2026, 11, 16, 16, 30, tzinfo=UTC).astimezone()
    assert tt.moment_text(naive, now) == f"{tt.MONTHS[expected.month - 1]} {expected.day}, 2026"
    assert tt.moment_text("soon", now) == "soon"
    assert tt.moment_text(None) == tt.moment_text("") == ""


def test_now_may_be_given_in_any_zone(locale):
    # "today" is the local day whatever zone the caller's now is in
    local_now = dt.datetime(2026, 12, 5, 12, 0).astimezone()
    earlier_today = local_now.replace(hour=0, minute=1)
    assert tt.moment_text(stamp(earlier_today), local_now.astimezone(UTC)).startswith("Today")
