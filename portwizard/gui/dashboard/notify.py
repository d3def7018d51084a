"""Desktop notifications: which changes deserve one, and the one seam that shows them.

* :func:`notifications_for` and :func:`reminder_for` are pure: they decide whether a status
  change (or tomorrow's move) is worth interrupting the user for, and say it in plain words.
* :class:`Notifier` is what the rest of the program talks to. :class:`TrayNotifier` shows
  the messages from the system tray (and owns the tray icon and its menu);
  :class:`RecordingNotifier` only records them, for tests. The base class shows nothing
  (notifications switched off).

A click on a shown message emits ``activated(order_id)`` so the window can open that order.
"""
from __future__ import annotations

import datetime as _dt
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu

from portwizard.domain import dates, status

log = logging.getLogger(__name__)

#: how long a tray message stays up (the system may shorten it)
MESSAGE_MS = 15_000


# --------------------------------------------------------------------------- what to say


def _as_date(value: object) -> _dt.date | None:
    """A date from a date or an ISO text (``2026-12-07`` or ``2026-12-07T…``)."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        return dates.parse_date(value.strip()[:10])
    return None


def notifications_for(old_status: str, new_status: str, title: str,
                      foc_date: str | None) -> tuple[str, str] | None:
    """``(heading, text)`` when going from ``old_status`` to ``new_status`` deserves a
    desktop notification, else None. ``title`` names the order (e.g. the business name);
    ``foc_date`` is the confirmed moving date (``YYYY-MM-DD``) when known.

    Only what the user must act on or wants to know: a rejection, the confirmed moving
    date, and the numbers having moved. Routine steps (sent, in review) stay quiet."""
    if old_status == new_status:
        return None
    heading = f"{title}: {status.label(new_status)}" if title else status.label(new_status)
    if new_status == "awaiting_signature":
        return heading, ("Your new provider e-mailed the Letter of Authorization for an "
                         "electronic signature. Sign it: nothing moves until you do.")
    if new_status == "rejected":
        return heading, ("Your old carrier turned the order down; your phones still work with "
                         "them. Open the order to see what to fix, then send it again.")
    if new_status == "foc_confirmed":
        day = _as_date(foc_date)
        if day is None:
            return heading, ("Your old carrier confirmed the date your numbers move. Open the "
                             "order to see it, and have your new lines or app ready before then.")
        return heading, (f"Your numbers move on {dates.spoken(day)}. Have your new lines or "
                         "app ready before then; until that day nothing changes.")
    if new_status == "completed":
        return heading, ("Your numbers have moved to your new provider. Call your old carrier "
                         "to confirm the old service is disconnected so you are not billed "
                         "for it any more.")
    return None


def reminder_for(foc_date: str | _dt.date | None, today: _dt.date, *,
                 title: str = "") -> tuple[str, str] | None:
    """``(heading, text)`` on the calendar day before the moving date, else None."""
    day = _as_date(foc_date)
    if day is None or day - _dt.timedelta(days=1) != today:
        return None
    heading = f"{title}: your numbers move tomorrow" if title else "Your numbers move tomorrow"
    return heading, (f"Your numbers move tomorrow, {dates.spoken(day)}. Have your new lines "
                     "or app ready; your old lines keep working until the switch.")


# --------------------------------------------------------------------------- where to say it


class Notifier(QObject):
    """The seam for desktop notifications. This base shows nothing (notifications off)."""

    #: the user clicked the message about this order
    activated = Signal(str)

    def notify(self, title: str, text: str, order_id: str) -> None:
        log.debug("notifications are off; one was not shown")

    def hide(self) -> None:
        """Take down whatever shows notifications (nothing here)."""


class RecordingNotifier(Notifier):
    """Records ``(title, text, order_id)`` in :attr:`messages` instead of showing anything."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.messages: list[tuple[str, str, str]] = []

    def notify(self, title: str, text: str, order_id: str) -> None:
        self.messages.append((title, text, order_id))

    def click(self, index: int = -1) -> None:
        """Act as if the user clicked a recorded message (the last one by default)."""
        self.activated.emit(self.messages[index][2])


class TrayNotifier(Notifier):
    """Shows notifications from a system tray icon with a context menu of ``actions``
    (e.g. open window, refresh now, quit). Where the system has no tray (some Linux
    desktops, offscreen tests) it shows nothing and logs that at debug level."""

    #: the tray icon itself was clicked (not a message): typically "show the window"
    iconActivated = Signal()

    def __init__(self, icon: QIcon, actions: list[QAction], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._last_order_id: str | None = None
        self.menu = QMenu()
        self.menu.setObjectName("tray.menu")
        self.menu.addActions(list(actions))
        self.destroyed.connect(self.menu.deleteLater)  # a QMenu cannot have a QObject parent
        from PySide6.QtWidgets import QSystemTrayIcon  # (made after the window is up)

        self.tray = QSystemTrayIcon(icon, self)
        self.tray.setObjectName("tray")
        self.tray.setToolTip("portwizard")
        self.tray.setContextMenu(self.menu)
        self.tray.messageClicked.connect(self._message_clicked)
        self.tray.activated.connect(self._icon_activated)
        if self.tray_available():
            self.tray.show()

    def tray_available(self) -> bool:
        """Whether this desktop has a system tray (replaceable in tests)."""
        return self.tray.isSystemTrayAvailable()

    def notify(self, title: str, text: str, order_id: str) -> None:
        if not self.tray_available():
            log.debug("no system tray on this desktop; a notification was not shown")
            return
        if not self.tray.isVisible():
            self.tray.show()
        self._last_order_id = order_id
        self.tray.showMessage(title, text, self.tray.icon(), MESSAGE_MS)

    def hide(self) -> None:
        """Take the icon out of the tray (on quit, so none lingers on Windows)."""
        self.tray.hide()

    def _message_clicked(self) -> None:
        if self._last_order_id:
            self.activated.emit(self._last_order_id)

    def _icon_activated(self, reason) -> None:
        activation = type(self.tray).ActivationReason
        if reason in (activation.Trigger, activation.DoubleClick):
            self.iconActivated.emit()
