"""The dashboard controller without a window: refresh timing with back-off while offline,
notifications on status changes and the day-before reminder, cancel refused in plain words."""
from __future__ import annotations

import datetime as _dt
import time

import pytest

from orderkit import free_port, make_app, valid_order
from portwizard.gui.dashboard.controller import DashboardController, cancel_refusal_text
from portwizard.gui.dashboard.notify import RecordingNotifier
from portwizard.services.submission import SyncReport

pytestmark = pytest.mark.gui



def test_offline_doubles_the_pause_and_a_success_resets_it(qtbot, offline_app, tmp_path):
    app = offline_app
    app.settings.refresh_minutes = 1
    controller = DashboardController(app)
    assert controller.next_interval_seconds() == 60
    app.submit(valid_order(tmp_path))  # queued: the provider is not there
    for expected in (120, 240):
        time.sleep(0.3)
        with qtbot.waitSignal(controller.syncFinished, timeout=10000) as got:
            controller.sync_now()
        assert got.args[0].reached is False
        assert controller.next_interval_seconds() == expected
    controller._synced((SyncReport(reached=True), [], {}, app.connection_state()))
    assert controller.next_interval_seconds() == 60
    app.settings.refresh_minutes = 0
    controller.settings_changed()
    assert controller.next_interval_seconds() == 0 and not controller._timer.isActive()
    controller.stop()


def test_back_off_never_exceeds_an_hour(offline_app):
    offline_app.settings.refresh_minutes = 30
    controller = DashboardController(offline_app)
    controller._failures = 10
    assert controller.next_interval_seconds() == 3600


def test_a_rejection_and_the_day_before_raise_notifications(qtbot, offline_app, tmp_path):
    app = offline_app
    notifier = RecordingNotifier()
    today = _dt.date(2026, 12, 10)
    controller = DashboardController(app, notifier, today=lambda: today)
    rejected = app.store.add_order(valid_order(tmp_path), "sandbox")
    moving = app.store.add_order(valid_order(tmp_path, number="+12125550124",
                                             customer="Moving Co"), "sandbox")
    app.store.update_order(moving, status="foc_confirmed", foc_date="2026-12-11")
    report = SyncReport(reached=True, changed={rejected: ["pending_carrier", "rejected"]})
    reminders = app.due_reminders(today)
    assert [r[0] for r in reminders] == [moving] and app.due_reminders(today) == []  # once
    controller._synced((report, reminders, app.titles([rejected]), app.connection_state()))
    assert [m[2] for m in notifier.messages] == [rejected, moving]
    assert "tomorrow" in notifier.messages[1][0].lower()
    app.settings.notifications = False
    controller._synced((report, [], app.titles([rejected]), app.connection_state()))
    assert len(notifier.messages) == 2  # switched off in the settings: nothing more
    controller.stop()


def test_cancel_refused_close_to_the_port_date_is_said_plainly():
    text = cancel_refusal_text("The port is due on 2026-12-14; within 48 hours of that date "
                               "the losing carrier no longer accepts a cancellation.")
    assert text.startswith("The order can no longer be cancelled")
    assert "numbers will move" in text
    assert cancel_refusal_text("Something else.").startswith("The order was not cancelled")


@pytest.mark.http
def test_cancel_inside_and_outside_the_cutoff_against_the_sandbox(qtbot, tmp_path,
                                                                   memory_secrets):
    """Outside the 48 hours: the cancel is accepted. Inside: refused in plain words."""
    from orderkit import FAKE_TOKEN
    from portwizard.endpoint import Sandbox

    port = free_port()
    app = make_app(tmp_path / "home", f"http://127.0.0.1:{port}", secrets=memory_secrets)
    controller = DashboardController(app)
    try:
        now = [time.time()]
        with Sandbox(tmp_path / "sb.db", port=port, seconds_per_day=1.0, token=FAKE_TOKEN,
                     clock=lambda: now[0]):
            early = app.submit(valid_order(tmp_path))
            with qtbot.waitSignal(controller.actionFinished, timeout=10000) as got:
                controller.cancel_order(early.order_id)
            assert got.args[0].ok, got.args[0].message
            late = app.submit(valid_order(tmp_path, number="+12125550124"))
            for _ in range(200):  # the sandbox's days pass until cancelling is refused
                now[0] += 0.25
                app.sync(order_id=late.order_id)
                record = app.store.get_order(late.order_id)
                if record.status == "foc_confirmed" and \
                        record.remote_state.get("cancellable") is False:
                    break
            assert record.status == "foc_confirmed"
            with qtbot.waitSignal(controller.actionFinished, timeout=10000) as got:
                controller.cancel_order(late.order_id)
            result = got.args[0]
            assert not result.ok
            assert result.message.startswith("The order can no longer be cancelled"), \
                result.message
            assert app.store.get_order(late.order_id).status == "foc_confirmed"
    finally:
        controller.stop()
        app.close()

