"""How the windows write days and moments: the one place for those formats.

* a day:    ``Mon, Dec 14, 2026`` (:func:`day_text`, :func:`iso_day_text`);
* a moment: ``Today, 3:05 PM``, ``Yesterday, 9:12 AM``, ``Nov 16, 2026`` (the orders list)
  or ``Nov 16, 2026, 4:30 PM`` (the order detail) in local time (:func:`moment_text`).

The clock follows the system's locale (``3:05 PM`` or ``15:05``, through :class:`QLocale`);
day and month names are English, like every other word of the program (the names come
from :mod:`portwizard.domain.dates`, which writes dates in messages). They are spelt out
rather than with ``strftime``: Qt sets the C library's locale from the system, which
would mix a French ``déc.`` into English sentences, and each ``strftime`` call imports the
``time`` module through PySide's import hook (the orders list formats 200 rows a page).
Safe on worker threads: the list's cells are worked out there.
"""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QLocale, QTime

from portwizard.domain import dates

MONTHS = tuple(name[:3] for name in dates.MONTHS)  # "Jan" ... "Dec"
WEEKDAYS = tuple(name[:3] for name in dates.WEEKDAYS)  # "Mon" ... "Sun"


def day_text(day: _dt.date) -> str:
    """``Mon, Dec 14, 2026``."""
    return f"{WEEKDAYS[day.weekday()]}, {MONTHS[day.month - 1]} {day.day}, {day.year}"


def iso_day_text(iso_date: str | None) -> str:
    """:func:`day_text` of a stored ``YYYY-MM-DD`` date; "" when there is none, the text
    itself when it is not a date."""
    if not iso_date:
        return ""
    day = dates.parse_date(iso_date[:10])  # (as the order detail reads the same date)
    return day_text(day) if day is not None else iso_date


def clock_text(moment: _dt.datetime, locale: QLocale | None = None) -> str:
    """``3:05 PM`` or ``15:05``: the hour and minute as the system's locale writes them."""
    return (locale or QLocale()).toString(QTime(moment.hour, moment.minute),
                                          QLocale.FormatType.ShortFormat)


def now_local() -> _dt.datetime:
    """This moment in local time (pass it to :func:`moment_text` for many rows)."""
    return _dt.datetime.now(_dt.timezone.utc).astimezone()


def moment_text(iso: str | None, now: _dt.datetime | None = None, *,
                clock_on_older: bool = False, locale: QLocale | None = None) -> str:
    """A stored UTC time stamp in local time: ``Today, 3:05 PM``, ``Yesterday, 9:12 AM``,
    else ``Nov 16, 2026`` (with ``, 4:30 PM`` when ``clock_on_older``). "" for none; the
    text itself when it is not a time. ``now`` (local, see :func:`now_local`) and
    ``locale`` are worked out once by callers that format many rows."""
    if not iso:
        return ""
    moment = dates.parse_moment(iso.strip())
    if moment is None:
        return iso
    local = moment.astimezone()
    today = (now or now_local()).astimezone().date()
    if local.date() == today:
        return f"Today, {clock_text(local, locale)}"
    if local.date() == today - _dt.timedelta(days=1):
        return f"Yesterday, {clock_text(local, locale)}"
    day = f"{MONTHS[local.month - 1]} {local.day}, {local.year}"
    return f"{day}, {clock_text(local, locale)}" if clock_on_older else day
