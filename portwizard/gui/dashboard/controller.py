"""What happens behind the main window, with no widgets: background refresh, notifications
and the order actions (cancel, duplicate, delete, export, import).

Every call to the application (SQL, HTTP, password storage) runs on a worker
(:func:`~portwizard.gui.workers.run_task`); results come back as signals, so the window only
redraws what changed (``ordersChanged``) and tells the user what happened
(``actionFinished``). Tested without a window (tests/gui/test_dashboard_controller.py).

Refresh: open orders are checked every ``Settings.refresh_interval_seconds()`` (0: only by
hand) and shortly after start. While the provider cannot be reached the pause doubles each
time, up to an hour, and goes back to normal after the next success.
"""
from __future__ import annotations

import datetime as _dt
import logging
from pathlib import Path
from typing import Any, Callable, NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal

from portwizard.gui.dashboard.notify import Notifier, notifications_for, reminder_for
from portwizard.gui.workers import run_task

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 3600
START_DELAY_MS = 1500


class ActionResult(NamedTuple):
    """What an order action did, in words for the user."""
    action: str        # cancel | duplicate | delete | export | import | comment
    ok: bool
    message: str
    item_id: str = ""  # the order or (new) draft concerned
    notes: str = ""    # what the user should read about it (e.g. a draft file's warnings)


class DashboardController(QObject):
    #: the orders list may have changed: reload it
    ordersChanged = Signal()
    #: a sync started / finished (argument: the SyncReport, or None when it failed)
    syncStarted = Signal()
    syncFinished = Signal(object)
    #: the link to the provider (argument: services.app.ConnectionState)
    connectionChanged = Signal(object)
    #: an order action finished (argument: ActionResult)
    actionFinished = Signal(object)

    def __init__(self, app: Any, notifier: Notifier | None = None, parent: QObject | None = None,
                 *, today: Callable[[], _dt.date] = _dt.date.today) -> None:
        super().__init__(parent)
        self.app = app
        self.notifier = notifier if notifier is not None else Notifier(self)
        self._today = today
        self._sync_task: Any = None
        self._failures = 0
        self.last_report: Any = None
        self.last_error = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_sync)

    # ---------------------------------------------------------------- refresh
    def start(self, delay_ms: int = START_DELAY_MS) -> None:
        """Begin background refreshes: the first one after ``delay_ms``."""
        self.refresh_connection()
        self._timer.start(max(0, delay_ms))

    def stop(self) -> None:
        self._timer.stop()
        if self._sync_task is not None:
            self._sync_task.cancel()
            self._sync_task = None

    def next_interval_seconds(self) -> int:
        """Pause before the next automatic check (0: none), with the offline back-off."""
        base = self.app.settings.refresh_interval_seconds()
        if base <= 0:
            return 0
        return int(min(MAX_BACKOFF_SECONDS, base * 2 ** self._failures)) if self._failures \
            else base

    def settings_changed(self) -> None:
        """The interval may be different now."""
        self._failures = 0
        self._schedule()

    def _schedule(self) -> None:
        seconds = self.next_interval_seconds()
        if seconds > 0:
            self._timer.start(seconds * 1000)
        else:
            self._timer.stop()

    def is_syncing(self) -> bool:
        return self._sync_task is not None

    def _timed_sync(self) -> None:
        self.sync_now(automatic=True)

    def sync_now(self, *, automatic: bool = False):
        """Send what waits and ask the provider about open orders (on a worker). Returns
        the task handle (the running one when a sync is already going)."""
        if self._sync_task is not None:
            return self._sync_task
        app, today = self.app, self._today()

        def work():
            if automatic and not app.store.unfinished_count() and not app.has_open_orders():
                return None, [], {}, app.connection_state()  # nothing to ask about
            report = app.sync(retry_blocked=not automatic)
            reminders = app.due_reminders(today)
            titles = app.titles(list(report.changed))
            return report, reminders, titles, app.connection_state()

        self.syncStarted.emit()
        self._sync_task = run_task(work, on_result=self._synced, on_error=self._sync_failed)
        return self._sync_task

    def _synced(self, result) -> None:
        self._sync_task = None
        report, reminders, titles, state = result
        self.last_report, self.last_error = report, ""
        if report is not None:
            self._failures = self._failures + 1 if report.reached is False else 0
            self._notify(report, reminders, titles)
        self._schedule()
        self.connectionChanged.emit(state)
        self.syncFinished.emit(report)
        if report is None or report.changed or report.sent:
            self.ordersChanged.emit()

    def _sync_failed(self, exc: BaseException) -> None:
        self._sync_task = None
        self.last_error = f"The status could not be checked: {exc}"
        log.warning("sync failed (%s)", type(exc).__name__)
        self._failures += 1
        self._schedule()
        self.syncFinished.emit(None)

    def _notify(self, report, reminders, titles) -> None:
        if not self.app.settings.notifications:
            return
        for order_id, statuses in report.changed.items():
            title, foc = titles.get(order_id, ("", None))
            old = statuses[-2] if len(statuses) > 1 else ""
            message = notifications_for(old, statuses[-1], title, foc)
            if message is not None:
                self.notifier.notify(message[0], message[1], order_id)
        for order_id, title, foc in reminders:
            message = reminder_for(foc, self._today(), title=title)
            if message is not None:
                self.notifier.notify(message[0], message[1], order_id)

    def refresh_connection(self):
        """Read the link state (last contact, waiting requests) for the status bar."""
        return run_task(self.app.connection_state, on_result=self.connectionChanged.emit,
                        on_error=lambda exc: log.warning("connection state: %s", exc))

    # ---------------------------------------------------------------- order actions
    def _act(self, action: str, work: Callable[[], ActionResult], *, changes: bool = True):
        def done(result: ActionResult) -> None:
            self.actionFinished.emit(result)
            if changes and result.ok:
                self.ordersChanged.emit()
            self.refresh_connection()

        def failed(exc: BaseException) -> None:
            self.actionFinished.emit(ActionResult(action, False, _plain(exc)))

        return run_task(work, on_result=done, on_error=failed)

    def cancel_order(self, order_id: str):
        def work() -> ActionResult:
            from portwizard.services import submission as sub

            result = self.app.cancel(order_id)
            ok = result.outcome in (sub.SENT, sub.QUEUED_OUTCOME)
            message = result.message
            if not ok and result.outcome == sub.FAILED:
                message = cancel_refusal_text(result.message)
            return ActionResult("cancel", ok, message, order_id)

        return self._act("cancel", work)

    def duplicate(self, kind: str, item_id: str):
        def work() -> ActionResult:
            if kind == "draft":
                new_id = self.app.drafts.duplicate(item_id)
            else:
                new_id = self.app.duplicate_order(item_id)
            return ActionResult("duplicate", True, "A copy was saved as a new unfinished order "
                                "(without the PIN: you will be asked for it).", new_id)

        return self._act("duplicate", work)

    def delete_draft(self, draft_id: str):
        def work() -> ActionResult:
            gone = self.app.drafts.delete(draft_id)
            return ActionResult("delete", gone, "The unfinished order was deleted." if gone
                                else "That unfinished order was already gone.", draft_id)

        return self._act("delete", work)

    def export_json(self, item_id: str, path: str | Path):
        def work() -> ActionResult:
            written = self.app.export_order_json(item_id, path)
            return ActionResult("export", True, f"Saved {written.name} (without the PIN).",
                                item_id)

        return self._act("export", work, changes=False)

    def export_draft_file(self, draft_id: str, path: str | Path, include_pin: bool):
        def work() -> ActionResult:
            notes = self.app.drafts.export(draft_id, path, include_pin=include_pin)
            text = f"Saved {Path(path).name}."
            if notes:
                text += " " + " ".join(f"{n.message} {n.fix}".strip() for n in notes)
            return ActionResult("export", True, text, draft_id)

        return self._act("export", work, changes=False)

    def import_draft_file(self, path: str | Path):
        def work() -> ActionResult:
            draft_id, notes = self.app.drafts.import_file(path)
            important = [n for n in notes if n.severity.value in ("error", "warning")]
            return ActionResult("import", True, f"Opened {Path(path).name}.", draft_id,
                                "\n\n".join(f"{n.message} {n.fix}".strip() for n in important))

        return self._act("import", work)


def cancel_refusal_text(message: str) -> str:
    """The provider's refusal to cancel, with what it means for the user."""
    text = message.strip()
    lowered = text.lower()
    if "48" in lowered or "too close" in lowered or "port date" in lowered or "foc" in lowered:
        return (f"The order can no longer be cancelled: {text} The numbers will move on the "
                "confirmed date. If you must stop it, call your new provider today.")
    return f"The order was not cancelled: {text}"


def _plain(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}."
    return str(exc) or type(exc).__name__
