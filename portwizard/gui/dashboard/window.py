"""The main window: every order in one list, the selected one's detail beside it.

Layout: a title row with *New order*; a banner when an unfinished order waits; a search box
and quick filters (all, unfinished, needs your attention, in progress, done); a splitter
with the orders table (a ``QTableView`` over :class:`~.models.OrderListModel`) and the
selected order's detail (:class:`~.detail.OrderDetailView`) or draft panel; a status bar
that says whether the provider was reached, how many requests wait, and when a check runs.

The window is a view: data comes from the application (``portwizard.services.app.App``)
through the model and the :class:`~.controller.DashboardController`, which run everything
slow on workers. Message boxes and file choosers go through :meth:`inform`, :meth:`ask`,
:meth:`ask_include_pin` and :meth:`choose_path`, so tests replace them.

This module keeps the list, the selection, the status and closing; :class:`MainWindow` takes
the rest from mixins: building the window and keeping its layout (:mod:`.window_build`), the
order actions and their questions and file choosers (:mod:`.window_orders`), the messages and
password-storage warnings (:mod:`.window_dialogs`).
"""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from portwizard.domain import status as _status
from portwizard.gui.dashboard.controller import DashboardController
from portwizard.gui.dashboard.models import ID_ROLE, KIND_ROLE, OrderListModel
from portwizard.gui.dashboard.notify import Notifier
from portwizard.gui.dashboard.sessions import WizardSessions
from portwizard.gui.dashboard.window_build import FILTERS, OrdersView, WindowBuilding
from portwizard.gui.dashboard.window_dialogs import Messages
from portwizard.gui.dashboard.window_orders import DRAFT_FILTER, JSON_FILTER, OrderActions
from portwizard.gui.workers import run_task

__all__ = ["DRAFT_FILTER", "FILTERS", "JSON_FILTER", "MainWindow", "OrdersView",
           "STORAGE_CHECK_DELAY_MS"]

log = logging.getLogger(__name__)

STORAGE_CHECK_DELAY_MS = 600
# What the first screen does not show waits this long after the list's first page (read or
# failed): the unfinished-draft check and the link state for the status bar. Their workers
# would otherwise compete with the first frames for Python's lock (~2-4 ms of the start).
SETTLE_MS = 100


class MainWindow(WindowBuilding, OrderActions, Messages, QMainWindow):
    """The orders dashboard. ``app`` is shared with the wizards it opens."""

    #: the list was (re)loaded from the store
    reloaded = Signal()

    def __init__(self, app: Any, parent: QWidget | None = None, *,
                 notifier: Notifier | None = None, check_unfinished: bool = True,
                 background: bool = True) -> None:
        super().__init__(parent)
        self.app = app
        self.setObjectName("main_window")
        self.setWindowTitle("portwizard \u2013 your number transfers")
        self.resize(1200, 720)
        self.controller = DashboardController(app, notifier, self)
        self.model = OrderListModel(app, self)
        self.sessions = WizardSessions(self)
        with self.model.held():  # the restored sort and the filter: one read, below
            self._build_actions()
            self._build_menus()
            self._build_body()
            self._build_status_bar()
            self._connect()
            self._restore_layout()
        self.reload()
        self._at_first_page = [self.check_unfinished] if check_unfinished else []
        if background:
            self._at_first_page.append(self.controller.start)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._after_first_page)
        self.model.loaded.connect(self._first_page_read)  # the first page is read first
        self.model.failed.connect(self._first_page_read)
        if background:
            # Loading the keyring library takes long and holds Python's lock: ask the
            # password storage once the list is up, not while the window is being shown.
            storage_timer = QTimer(self)
            storage_timer.setSingleShot(True)
            storage_timer.timeout.connect(self.check_password_storage)
            storage_timer.start(STORAGE_CHECK_DELAY_MS)
        else:
            self.controller.refresh_connection()

    def _first_page_read(self, *_) -> None:
        if self._at_first_page and not self._settle.isActive():
            self._settle.start()

    def _after_first_page(self) -> None:
        starts, self._at_first_page = self._at_first_page, []
        for start in starts:
            start()

    # ------------------------------------------------------------------ the list
    def reload(self):
        """Read the list again from the first page (on a worker)."""
        provider = self.app.provider_name
        where = ("the built-in practice sandbox (nothing is really ported)"
                 if self.app.uses_sandbox else provider)
        self.subtitle.setText(f"Move your phone numbers to {provider} yourself. Orders go to "
                              f"{where}.")
        return self.model.reload()

    def refresh_list(self):
        """Something changed: read the rows again, keeping the scroll position and selection."""
        handle = self.model.reload(keep_fetched=True)
        if self._detail is not None and self._detail.current_order_id():
            self._detail.show_order(self._detail.current_order_id())
        return handle

    def _loaded(self, _total: int) -> None:
        self._show_count()
        self._reselect()
        self.reloaded.emit()

    def _show_count(self) -> None:
        total, query = self.model.total(), self.model.query()
        filtered = query.group is not None or bool(query.text.strip())
        self.table.setVisible(total > 0 or filtered)
        self.empty_hint.setVisible(total == 0 and not filtered)
        noun = "order" if total == 1 else "orders"
        self.count_label.setText(f"{total} {noun}" + (" match" if filtered else ""))

    def select_when_listed(self, item_id: str) -> None:
        """Select ``item_id`` once the list (being read again) shows it."""
        self._wanted_id = item_id

    def _reselect(self) -> None:
        wanted = self._wanted_id or self._current_id
        row = self.model.row_of(wanted) if wanted else -1
        if row >= 0:
            self.table.selectRow(row)
            self._wanted_id = None
        self._selection_changed()

    _current_id: str | None = None
    _wanted_id: str | None = None

    def selected(self) -> tuple[str, str] | None:
        """(kind, id) of the selected row, or None."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return index.data(KIND_ROLE), index.data(ID_ROLE)

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self._current_id = chosen[1] if chosen else None
        if chosen is None:
            self.side.setCurrentWidget(self.side_hint)
            if self._detail is not None:
                self._detail.show_order(None)
        elif chosen[0] == "draft":
            self.draft_panel.show_row(self.model.row_at(self.table.currentIndex().row()))
            self.side.setCurrentWidget(self.draft_panel)
        else:
            self.detail.show_order(chosen[1])
            self.side.setCurrentWidget(self.detail)
        self._sync_actions()

    def _sync_actions(self) -> None:
        chosen = self.selected()
        row = self.model.row_at(self.table.currentIndex().row()) if chosen else None
        is_draft = bool(row and row.is_draft)
        status = row.status if row else ""
        self.open_action.setEnabled(row is not None)
        self.fix_action.setEnabled(bool(row) and not is_draft and _status.can_resubmit(status))
        self.cancel_action.setEnabled(bool(row) and not is_draft and _status.can_cancel(status))
        self.duplicate_action.setEnabled(row is not None)
        self.delete_action.setEnabled(is_draft)
        self.export_action.setEnabled(row is not None)

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = self.context_menu()
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def columns_menu(self) -> QMenu:
        """Right-click on the column titles: show or hide columns (kept with the layout)."""
        from portwizard.gui.dashboard.models import COLUMNS

        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for i, column in enumerate(COLUMNS):
            if i in (0, 1):
                continue  # status and name always show
            action = menu.addAction(column.title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(i))
            action.toggled.connect(lambda on, i=i: header.setSectionHidden(i, not on))
        return menu

    def _columns_menu(self, pos) -> None:
        self.columns_menu().exec(self.table.horizontalHeader().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        """The menu for the selected row: only what that order allows."""
        menu = QMenu(self)
        for action in (self.open_action, self.fix_action, self.cancel_action,
                       self.duplicate_action, self.export_action, self.delete_action):
            if action.isEnabled():
                menu.addAction(action)
        return menu

    def set_filter(self, group: _status.Group | None) -> None:
        index = next(i for i, f in enumerate(FILTERS) if f[2] == group)
        self.filter_group.button(index).setChecked(True)
        self.model.set_group(group)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_order(self, order_id: str) -> None:
        """Bring the window up with ``order_id`` selected (e.g. a notification was clicked)."""
        self.bring_up()
        self._wanted_id = order_id
        self.set_filter(None)
        self.search.setText(order_id)
        self.model.set_search(order_id)

    # ------------------------------------------------------------------ refresh and status
    def refresh_now(self):
        return self.controller.sync_now()

    def _sync_started(self) -> None:
        self.refresh_action.setEnabled(False)
        self.connection_label.setText("Checking with the provider\u2026")

    def _sync_finished(self, report) -> None:
        self.refresh_action.setEnabled(True)
        if report is None and self.controller.last_error:
            self.statusBar().showMessage(self.controller.last_error, 15000)
            return
        if report is None:
            return
        if report.reached is False:
            why = report.problems[0] if report.problems else "the provider did not answer."
            self.statusBar().showMessage(f"The provider could not be reached: {why} Your "
                                         "orders are safe; portwizard tries again by itself.", 15000)
        elif report.changed:
            n = len(report.changed)
            self.statusBar().showMessage(f"{n} order{'s' if n != 1 else ''} changed.", 10000)
        elif report.problems:
            self.statusBar().showMessage(report.problems[0], 15000)
        elif report.reached:
            self.statusBar().showMessage("Checked: no changes.", 8000)

    def _show_connection(self, state) -> None:
        from portwizard.gui.timetext import moment_text

        where = "Practice sandbox" if self.app.uses_sandbox else "Provider"
        if state.online is None:
            text = f"{where}: not contacted yet"
        elif state.online:
            text = f"{where}: online (last contact {moment_text(state.last_contact_at)})"
        else:
            last = (f"; last contact {moment_text(state.last_contact_at)}"
                    if state.last_contact_at else "")
            text = f"{where}: offline{last}"
        self.connection_label.setText(text)
        self.connection_label.setToolTip(state.problem or "")
        waiting = state.waiting
        self.outbox_label.setText(f"{waiting} request{'s' if waiting != 1 else ''} waiting to be "
                                  "sent" if waiting else "Nothing waiting to be sent")

    # ------------------------------------------------------------------ unfinished order
    def check_unfinished(self):
        """Offer "You have an unfinished order from <date>" when a draft exists."""
        def done(latest) -> None:
            if latest is None:
                self.hide_banner()
                return
            self.banner.show_draft(latest)

        app = self.app  # (app.drafts is made on first use: on the worker, not here)
        return run_task(lambda: app.drafts.latest(), on_result=done,
                        on_error=lambda exc: log.warning("latest draft: %s", exc))

    def _resume_from_banner(self) -> None:
        draft_id = self.banner.draft_id
        self.hide_banner()
        if draft_id:
            self.resume(draft_id)

    # ------------------------------------------------------------------ settings, about
    def open_settings(self) -> bool:
        from portwizard.gui.dashboard.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.app, self)
        accepted = dialog.exec() == SettingsDialog.DialogCode.Accepted
        if accepted:
            self.controller.settings_changed()
            self.reload()
            self.statusBar().showMessage("Settings saved.", 5000)
        return accepted

    def show_about(self) -> None:
        from portwizard import __version__

        self.inform("About portwizard",
                    f"<b>portwizard {__version__}</b><p>Move your business phone numbers "
                    "to a new provider yourself: a guided port-in wizard.</p>", "about")

    def set_notifier(self, notifier: Notifier) -> None:
        """Where desktop notifications go (the one seam: tests pass a RecordingNotifier)."""
        self.controller.notifier.activated.disconnect(self.show_order)
        self.controller.notifier = notifier
        notifier.activated.connect(self.show_order)

    def install_tray(self, icon) -> None:
        """A tray icon with Open, Check now and Quit, showing the notifications."""
        from portwizard.gui.dashboard.notify import TrayNotifier

        show = QAction("&Open portwizard", self)
        show.triggered.connect(lambda *_: self.bring_up())
        tray = TrayNotifier(icon, [show, self.refresh_action, self.quit_action], self)
        tray.iconActivated.connect(self.bring_up)
        self.set_notifier(tray)

    def bring_up(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.sessions.close_all():
            # The wizard asked "Keep / Discard / Keep editing" and the user chose to keep
            # editing: the order stays open, so the window must stay open too.
            event.ignore()
            return
        if self._pins_may_be_lost():  # the PINs stay in memory: reopen the draft to go on
            event.ignore()
            return
        self.save_layout()
        self.controller.stop()
        self.controller.notifier.hide()  # no icon lingers in the tray after quitting
        super().closeEvent(event)
