"""Which order changes give a desktop notification, and the notifiers that show them."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QAction, QIcon

from portwizard.gui.dashboard import notify
from portwizard.gui.dashboard.notify import (Notifier, RecordingNotifier, TrayNotifier,
                                             notifications_for, reminder_for)


# --------------------------------------------------------------------------- pure rules


def test_rejection_is_announced_with_the_status_words():
    heading, text = notifications_for("pending_carrier", "rejected", "Smith Dental", None)
    assert heading == "Smith Dental: Needs your attention (rejected)"
    assert "still work" in text and "fix" in text


def test_confirmed_date_is_spoken():
    heading, text = notifications_for("pending_carrier", "foc_confirmed", "Smith Dental",
                                      "2026-12-07")
    assert heading == "Smith Dental: Port date confirmed"
    assert "Your numbers move on Monday, December 7, 2026." in text


def test_confirmed_without_a_readable_date_still_says_something_plain():
    for foc in (None, "", "soon", "2026-13-40"):
        heading, text = notifications_for("in_review", "foc_confirmed", "Shop", foc)
        assert "confirmed the date" in text and "None" not in text


def test_completion_says_the_numbers_have_moved():
    heading, text = notifications_for("foc_confirmed", "completed", "Law Office", "2026-12-07")
    assert heading == "Law Office: Done: your numbers have moved"
    assert text.startswith("Your numbers have moved") and "old carrier" in text


@pytest.mark.parametrize("old, new", [
    ("queued", "submitted"), ("submitted", "in_review"), ("in_review", "pending_carrier"),
    ("foc_confirmed", "cancel_pending"), ("cancel_pending", "cancelled"),
    ("rejected", "rejected"), ("foc_confirmed", "foc_confirmed"), ("completed", "completed"),
])
def test_routine_or_unchanged_statuses_stay_quiet(old, new):
    assert notifications_for(old, new, "Shop", "2026-12-07") is None


def test_a_title_is_optional():
    heading, _text = notifications_for("submitted", "rejected", "", None)
    assert heading == "Needs your attention (rejected)"


def test_reminder_only_on_the_calendar_day_before():
    foc = "2026-12-07"  # a Monday: the day before is a Sunday, and that is fine
    heading, text = reminder_for(foc, dt.date(2026, 12, 6))
    assert heading == "Your numbers move tomorrow"
    assert "Monday, December 7, 2026" in text
    assert reminder_for(foc, dt.date(2026, 12, 5)) is None
    assert reminder_for(foc, dt.date(2026, 12, 7)) is None
    assert reminder_for(dt.date(2026, 12, 7), dt.date(2026, 12, 6)) is not None
    assert reminder_for("2026-12-07T00:00:00Z", dt.date(2026, 12, 6)) is not None
    assert reminder_for(None, dt.date(2026, 12, 6)) is None
    assert reminder_for("not a date", dt.date(2026, 12, 6)) is None
    assert reminder_for(foc, dt.date(2026, 12, 6), title="Shop")[0] == \
        "Shop: your numbers move tomorrow"


def test_reminder_across_a_month_and_year_end():
    assert reminder_for("2027-01-01", dt.date(2026, 12, 31)) is not None
    assert reminder_for("2026-03-01", dt.date(2026, 2, 28)) is not None


# --------------------------------------------------------------------------- notifiers


def test_base_notifier_shows_nothing(qtbot):
    n = Notifier()
    n.notify("t", "x", "PW-1")  # notifications off: nothing happens, nothing breaks


def test_recording_notifier_records_and_clicks(qtbot):
    n = RecordingNotifier()
    n.notify("Smith Dental: Port date confirmed", "Your numbers move on …", "PW-1")
    n.notify("Shop: Needs your attention (rejected)", "…", "PW-2")
    assert [m[2] for m in n.messages] == ["PW-1", "PW-2"]
    with qtbot.waitSignal(n.activated) as blocker:
        n.click(0)
    assert blocker.args == ["PW-1"]


def _actions(parent):
    return [QAction(text, parent) for text in ("&Open portwizard", "&Refresh now", "&Quit")]


def test_tray_notifier_builds_offscreen_without_crashing(qtbot):
    # Offscreen there is usually no system tray: the notifier must still build and
    # notify() must quietly do nothing.
    owner = QAction("owner")
    actions = _actions(owner)
    tray = TrayNotifier(QIcon(), actions)
    assert [a.text() for a in tray.menu.actions()] == ["&Open portwizard", "&Refresh now", "&Quit"]
    assert tray.tray.contextMenu() is tray.menu
    with qtbot.assertNotEmitted(tray.activated):
        tray.notify("Shop: Port date confirmed", "Your numbers move on …", "PW-9")
    tray.hide()
    tray.deleteLater()


class _AlwaysTray(TrayNotifier):
    def tray_available(self) -> bool:
        return True


class _NeverTray(TrayNotifier):
    def tray_available(self) -> bool:
        return False


def test_clicking_the_message_names_the_last_order(qtbot):
    from portwizard.gui.app import app_icon

    tray = _AlwaysTray(app_icon(), [])
    tray.notify("A", "first", "PW-1")
    tray.notify("B", "second", "PW-2")
    with qtbot.waitSignal(tray.activated) as blocker:
        tray.tray.messageClicked.emit()
    assert blocker.args == ["PW-2"]
    tray.hide()


def test_without_a_tray_nothing_is_shown_and_a_click_names_nothing(qtbot, caplog):
    import logging

    tray = _NeverTray(QIcon(), [])
    with caplog.at_level(logging.DEBUG, logger=notify.__name__):
        tray.notify("Secretive Title", "text", "PW-3")
    assert not tray.tray.isVisible()
    assert any("no system tray" in r.getMessage() for r in caplog.records)
    with qtbot.assertNotEmitted(tray.activated):
        tray.tray.messageClicked.emit()


def test_clicking_the_icon_is_its_own_signal(qtbot):
    from PySide6.QtWidgets import QSystemTrayIcon

    tray = _NeverTray(QIcon(), [])
    with qtbot.waitSignal(tray.iconActivated):
        tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    with qtbot.assertNotEmitted(tray.iconActivated):
        tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.Context)
