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
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QMainWindow, QMenu, QMessageBox, QPushButton, QSplitter, QStackedWidget,
    QTableView, QVBoxLayout, QWidget,
)

from portwizard import secrets as _secrets
from portwizard.domain import status as _status
from portwizard.gui.dashboard import panels
from portwizard.gui.dashboard.controller import ActionResult, DashboardController
from portwizard.gui.dashboard.models import ID_ROLE, KIND_ROLE, OrderListModel
from portwizard.gui.dashboard.notify import Notifier
from portwizard.gui.dashboard.sessions import WizardSessions
from portwizard.gui.workers import run_task

log = logging.getLogger(__name__)

DRAFT_FILTER = "portwizard drafts (*.pwdraft)"
STORAGE_CHECK_DELAY_MS = 600
JSON_FILTER = "Order document for the command line (*.json)"

#: quick filters: (object name, text with mnemonic, group)
FILTERS = (
    ("filter.all", "&All", None),
    ("filter.drafts", "&Unfinished", _status.Group.DRAFTS),
    ("filter.attention", "Needs your a&ttention", _status.Group.ATTENTION),
    ("filter.in_progress", "&In progress", _status.Group.IN_PROGRESS),
    ("filter.done", "&Done", _status.Group.DONE),
)


class OrdersView(QTableView):
    """The orders table; Enter opens the current row like a double-click."""
    openRequested = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.openRequested.emit()
            return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
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
        if check_unfinished:  # once the list is up: the first page is read first
            self.model.loaded.connect(lambda _total: self.check_unfinished(),
                                      Qt.ConnectionType.SingleShotConnection)
        if background:
            self.controller.start()
            # Loading the keyring library takes long and holds Python's lock: ask the
            # password storage once the list is up, not while the window is being shown.
            storage_timer = QTimer(self)
            storage_timer.setSingleShot(True)
            storage_timer.timeout.connect(self.check_password_storage)
            storage_timer.start(STORAGE_CHECK_DELAY_MS)
        else:
            self.controller.refresh_connection()

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}

        def act(name: str, text: str, slot, keys=None, tip: str = "") -> QAction:
            action = QAction(text, self)
            action.setObjectName(f"action.{name}")
            if keys is not None:
                action.setShortcut(QKeySequence(keys))
            if tip:
                action.setStatusTip(tip)
                action.setToolTip(tip)
            action.triggered.connect(lambda *_: slot())
            self.addAction(action)
            self.actions_by_name[name] = action
            return action

        self.new_action = act("new", "&New order", self.new_order, QKeySequence.StandardKey.New,
                              "Start moving numbers to your new provider")
        self.import_action = act("open_file", "&Open draft file\u2026", self.open_draft_file,
                                 QKeySequence.StandardKey.Open,
                                 "Open an order someone saved as a .pwdraft file")
        self.export_action = act("export", "&Export selected order\u2026", self.export_selected,
                                 "Ctrl+Shift+E",
                                 "Save the order as a portable draft file or an order document")
        self.settings_action = act("settings", "Se&ttings\u2026", self.open_settings,
                                   QKeySequence.StandardKey.Preferences,
                                   "Where orders go, your provider's name, how often to check")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = act("quit", "&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.open_action = act("open", "&Open", self.open_selected, None,
                               "Continue the unfinished order, or show the order's details")
        self.fix_action = act("fix", "&Fix and resubmit\u2026", self.fix_selected, "Ctrl+Shift+F",
                              "Correct what the old carrier refused and send the order again")
        self.cancel_action = act("cancel", "&Cancel order\u2026", self.cancel_selected, None,
                                 "Ask the provider to stop this order")
        self.duplicate_action = act("duplicate", "D&uplicate", self.duplicate_selected, "Ctrl+D",
                                    "Start a new order with the same details")
        self.delete_action = act("delete", "De&lete unfinished order\u2026",
                                 self.delete_selected, QKeySequence.StandardKey.Delete,
                                 "Throw away the selected unfinished order")
        self.refresh_action = act("refresh", "&Check for news now", self.refresh_now,
                                  QKeySequence.StandardKey.Refresh,
                                  "Send what waits and ask the provider about open orders")
        self.search_action = act("search", "&Search orders", self.focus_search,
                                 QKeySequence.StandardKey.Find)
        self.about_action = act("about", "&About portwizard", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.filter_actions = []
        for i, (name, text, group) in enumerate(FILTERS):
            action = act(name.replace("filter.", "show_"), f"Show: {text}",
                         lambda g=group: self.set_filter(g), f"Ctrl+{i + 1}")
            self.filter_actions.append(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        menus = {
            "&File": [self.new_action, self.import_action, self.export_action, None,
                      self.settings_action, None, self.quit_action],
            "&Orders": [self.open_action, self.fix_action, self.cancel_action,
                        self.duplicate_action, self.delete_action, None, self.refresh_action],
            "&View": [self.search_action, None, *self.filter_actions],
            "&Help": [self.about_action],
        }
        for title, items in menus.items():
            menu = bar.addMenu(title)
            for action in items:
                menu.addSeparator() if action is None else menu.addAction(action)

    def _build_body(self) -> None:
        body = QWidget()
        body.setObjectName("dashboard")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 6)
        layout.setSpacing(8)

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(panels.title_label("Your number transfers", "dashboard.title"))
        self.subtitle = QLabel()
        self.subtitle.setObjectName("dashboard.subtitle")
        self.subtitle.setWordWrap(True)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        self.new_button = panels.action_button(self.new_action, "button.new", "&New order")
        self.new_button.setDefault(True)
        head.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(head)

        self.banner = panels.ResumeBanner()
        self.banner.resume_button.clicked.connect(self._resume_from_banner)
        self.banner.later_button.clicked.connect(self.banner.hide)
        self.banner.hide()
        layout.addWidget(self.banner)

        # Shown when the password storage does not answer (check_password_storage).
        self.secrets_banner = QLabel()
        self.secrets_banner.setObjectName("secrets_banner")
        self.secrets_banner.setWordWrap(True)
        self.secrets_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.secrets_banner.setStyleSheet(
            "#secrets_banner { background: palette(alternate-base); padding: 8px 12px;"
            " border: 1px solid palette(mid); border-radius: 6px; }")
        self.secrets_banner.hide()
        layout.addWidget(self.secrets_banner)

        filters = QHBoxLayout()
        search_label = QLabel("&Search:")
        self.search = QLineEdit()
        self.search.setObjectName("dashboard.search")
        self.search.setAccessibleName("Search orders")
        self.search.setPlaceholderText("Business name, any phone number, order number or status")
        self.search.setClearButtonEnabled(True)
        search_label.setBuddy(self.search)
        filters.addWidget(search_label)
        filters.addWidget(self.search, 2)
        self.filter_group = QButtonGroup(self)
        self.filter_buttons: dict[str, QPushButton] = {}
        for i, (name, text, _group) in enumerate(FILTERS):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setCheckable(True)
            button.setChecked(i == 0)
            button.setAccessibleName(text.replace("&", ""))
            self.filter_group.addButton(button, i)
            self.filter_buttons[name] = button
            filters.addWidget(button)
        layout.addLayout(filters)

        self.table = OrdersView()
        self.table.setObjectName("orders_table")
        self.table.setAccessibleName("Your orders")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        for column, width in ((0, 215), (2, 150), (3, 135), (4, 130), (5, 110)):
            self.table.setColumnWidth(column, width)
        header.hideSection(2)  # the numbers are in the title's count, the search and the detail
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._columns_menu)
        self.empty_hint = panels.placeholder(
            "No orders yet. Click \u201cNew order\u201d to start \u2013 have your latest phone "
            "bill at hand. Everything you type is saved as you go.", "orders_empty")

        self._detail: Any = None  # the order detail, made when an order is first shown
        self.draft_panel = panels.DraftPanel()
        self.side = QStackedWidget()
        self.side.setObjectName("dashboard.side")
        self.side_hint = panels.placeholder("Select an order to see where it is and what to "
                                            "do now.", "side_hint")
        for widget in (self.side_hint, self.draft_panel):
            self.side.addWidget(widget)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.empty_hint)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("dashboard.splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([700, 470])
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(body)
        chain = [self.new_button, self.banner.resume_button, self.banner.later_button,
                 self.search, *self.filter_buttons.values(), self.table, self.side]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("status_bar")
        self.connection_label = QLabel()
        self.connection_label.setObjectName("status.connection")
        self.outbox_label = QLabel()
        self.outbox_label.setObjectName("status.outbox")
        self.count_label = QLabel()
        self.count_label.setObjectName("status.count")
        bar.addWidget(self.count_label)
        bar.addPermanentWidget(self.outbox_label)
        bar.addPermanentWidget(self.connection_label)

    def _connect(self) -> None:
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(lambda: self.model.set_search(self.search.text()))
        self.search.textChanged.connect(lambda *_: self._search_timer.start())
        self.filter_group.idClicked.connect(lambda i: self.model.set_group(FILTERS[i][2]))
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(lambda msg: self.statusBar().showMessage(msg, 10000))
        self.model.rowsInserted.connect(lambda *_: self._show_count())
        self.model.counted.connect(lambda *_: self._show_count())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda *_: self.open_selected())
        self.table.openRequested.connect(self.open_selected)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.controller.ordersChanged.connect(self.refresh_list)
        self.controller.syncStarted.connect(self._sync_started)
        self.controller.syncFinished.connect(self._sync_finished)
        self.controller.connectionChanged.connect(self._show_connection)
        self.controller.actionFinished.connect(self._action_finished)
        self.controller.notifier.activated.connect(self.show_order)
        self.draft_panel.resumeRequested.connect(self.resume)
        self.draft_panel.duplicateRequested.connect(lambda i: self.controller.duplicate("draft", i))
        self.draft_panel.exportRequested.connect(self.export_item)
        self.draft_panel.deleteRequested.connect(self.delete_draft)

    @property
    def detail(self):
        """The order detail pane (:class:`~.detail.OrderDetailView`), built the first time an
        order is shown: its module and widgets stay off the start-up path."""
        if self._detail is None:
            from portwizard.gui.dashboard.detail import OrderDetailView

            detail = OrderDetailView(self.app)
            detail.setObjectName("order_detail")
            detail.fixRequested.connect(self.fix_and_resubmit)
            detail.cancelRequested.connect(self.cancel_order)
            detail.duplicateRequested.connect(lambda i: self.controller.duplicate("order", i))
            detail.exportRequested.connect(self.export_item)
            detail.changed.connect(lambda *_: self.refresh_list())
            self.side.addWidget(detail)
            QWidget.setTabOrder(self.side, detail)
            self._detail = detail
        return self._detail

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

    # ------------------------------------------------------------------ opening
    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        kind, item_id = chosen
        if kind == "draft":
            self.resume(item_id)
        else:
            self.side.setCurrentWidget(self.detail)
            self.detail.setFocus(Qt.FocusReason.OtherFocusReason)

    def new_order(self) -> Any:
        return self.sessions.open(None, None)

    def resume(self, draft_id: str):
        """Open an unfinished order in the wizard (its PIN is read on a worker)."""
        return self.sessions.resume(draft_id)

    def fix_selected(self) -> None:
        chosen = self.selected()
        if chosen and chosen[0] == "order":
            self.fix_and_resubmit(chosen[1])

    def fix_and_resubmit(self, order_id: str):
        return self.sessions.fix_and_resubmit(order_id)

    def current_wizard(self) -> Any:
        return self.sessions.wizard

    # ------------------------------------------------------------------ actions
    def cancel_selected(self) -> None:
        chosen = self.selected()
        if chosen and chosen[0] == "order":
            self.cancel_order(chosen[1])

    def cancel_order(self, order_id: str, *, confirm: bool = True):
        if confirm:
            answer = self.ask(
                "Cancel this order?",
                "Cancel this order? Your new provider is asked to stop the transfer; your "
                "numbers stay with your current carrier and keep working. To move them later "
                "you would start a new order. Cancelling is not possible in the last 48 hours "
                "before the port date.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return None
        self.statusBar().showMessage("Asking the provider to cancel\u2026")
        return self.controller.cancel_order(order_id)

    def duplicate_selected(self):
        chosen = self.selected()
        return self.controller.duplicate(*chosen) if chosen else None

    def delete_selected(self):
        chosen = self.selected()
        if chosen and chosen[0] == "draft":
            return self.delete_draft(chosen[1])
        return None

    def delete_draft(self, draft_id: str, *, confirm: bool = True):
        if self.sessions.is_open(draft_id):
            self.statusBar().showMessage("Close the open order before deleting it.", 8000)
            return None
        if confirm:
            answer = self.ask(
                "Delete this unfinished order?",
                "Delete this unfinished order? Everything typed into it is thrown away. This "
                "cannot be undone.", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return None
        return self.controller.delete_draft(draft_id)

    def export_selected(self):
        chosen = self.selected()
        return self.export_item(chosen[1]) if chosen else None

    def export_item(self, item_id: str, path: str | Path | None = None,
                    include_pin: bool | None = None):
        """Save a draft as a .pwdraft file (or any order as an order document)."""
        row = self.model.row_at(self.model.row_of(item_id))
        is_draft = bool(row and row.is_draft)
        if path is None:
            from portwizard.gui.dashboard.panels import safe_file_stem

            stem = safe_file_stem(row.title if row else "port order")
            suffix, filters = ((".pwdraft", f"{DRAFT_FILTER};;{JSON_FILTER}") if is_draft
                               else (".json", JSON_FILTER))
            path = self.choose_path("save", "Export order", str(Path.home() / (stem + suffix)),
                                    filters)
            if not path:
                return None
        path = Path(path)
        if is_draft and path.suffix.lower() != ".json":
            if path.suffix.lower() != ".pwdraft":
                path = path.with_name(path.name + ".pwdraft")
            self.sessions.flush(item_id)
            if include_pin is None:
                include_pin = self.ask_include_pin()
                if include_pin is None:
                    return None
            return self.controller.export_draft_file(item_id, path, include_pin)
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        return self.controller.export_json(item_id, path)

    def open_draft_file(self, path: str | Path | None = None):
        if path is None:
            path = self.choose_path("open", "Open draft file", str(Path.home()),
                                    DRAFT_FILTER + ";;All files (*)")
            if not path:
                return None
        return self.controller.import_draft_file(path)

    def _action_finished(self, result: ActionResult) -> None:
        if result.action == "import" and result.ok:
            self.statusBar().showMessage(result.message, 10000)
            if result.notes:
                self.inform("Draft opened, with notes", result.notes)
            self.resume(result.item_id)
            return
        if result.action == "duplicate" and result.ok:
            self._wanted_id = result.item_id
        if result.ok:
            self.statusBar().showMessage(result.message, 10000)
        else:
            titles = {"cancel": "The order was not cancelled", "export": "Nothing was saved",
                      "import": "The draft file cannot be opened",
                      "delete": "Nothing was deleted", "duplicate": "No copy was made"}
            self.statusBar().clearMessage()
            self.inform(titles.get(result.action, "That did not work"), result.message, "warning")

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
        from portwizard.gui.dashboard.models import friendly_time

        where = "Practice sandbox" if self.app.uses_sandbox else "Provider"
        if state.online is None:
            text = f"{where}: not contacted yet"
        elif state.online:
            text = f"{where}: online (last contact {friendly_time(state.last_contact_at)})"
        else:
            last = (f"; last contact {friendly_time(state.last_contact_at)}"
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
                self.banner.hide()
                return
            self.banner.show_draft(latest)

        app = self.app  # (app.drafts is made on first use: on the worker, not here)
        return run_task(lambda: app.drafts.latest(), on_result=done,
                        on_error=lambda exc: log.warning("latest draft: %s", exc))

    def _resume_from_banner(self) -> None:
        draft_id = self.banner.draft_id
        self.banner.hide()
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

    # ------------------------------------------------------------------ window state
    def _layout_settings(self) -> QSettings:
        folder = (self.app.settings_path.parent if self.app.settings_path is not None
                  else _config_dir())
        return QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)

    def _restore_layout(self) -> None:
        state = self._layout_settings()
        for key, restore in (("geometry", self.restoreGeometry), ("state", self.restoreState),
                             ("splitter", self.splitter.restoreState),
                             ("columns", self.table.horizontalHeader().restoreState)):
            value = state.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                restore(value)

    def save_layout(self) -> None:
        state = self._layout_settings()
        state.setValue("geometry", self.saveGeometry())
        state.setValue("state", self.saveState())
        state.setValue("splitter", self.splitter.saveState())
        state.setValue("columns", self.table.horizontalHeader().saveState())
        state.sync()

    # ------------------------------------------------------------------ messages
    # Every message box and file dialog goes through these methods, so tests (and an
    # embedding program) replace them instead of waiting on a modal box.
    def inform(self, title: str, text: str, kind: str = "information") -> None:
        """Tell the user something; kind is information, warning, critical or about."""
        if kind == "about":
            QMessageBox.about(self, title, text)
            return
        show = {"warning": QMessageBox.warning, "critical": QMessageBox.critical}.get(
            kind, QMessageBox.information)
        show(self, title, text)

    def ask(self, title: str, text: str, buttons: QMessageBox.StandardButton,
            default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
            ) -> QMessageBox.StandardButton:
        """Ask a question (the question is in ``text``: macOS shows no titles)."""
        return QMessageBox.question(self, title, text, buttons, default)

    def choose_path(self, mode: str, title: str, start: str, filters: str) -> str:
        """A file to save to (mode "save") or to open ("open"); "" when cancelled."""
        pick = QFileDialog.getSaveFileName if mode == "save" else QFileDialog.getOpenFileName
        path, _ = pick(self, title, start, filters)
        return path

    def ask_include_pin(self) -> bool | None:
        """Exporting a draft file: put the carrier PIN in it? None when cancelled."""
        box = QMessageBox(QMessageBox.Icon.Question, "Include the PIN?",
                          "Include the PIN in the file? Anyone who gets the file can read it. "
                          "Leave the PIN out unless you are sure.", parent=self)
        check = QCheckBox("&Include the PIN in the file")
        box.setCheckBox(check)
        box.setStandardButtons(QMessageBox.StandardButton.Save
                               | QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Save:
            return None
        return check.isChecked()

    # ------------------------------------------------------------------ password storage
    def check_password_storage(self) -> None:
        """Ask (on a worker: a keyring may be slow) whether PINs can be kept; if not, the
        banner says so for as long as the window is open."""
        known = self.app.store.secret_problem
        if known:
            self._show_storage_problem(known)
            return
        run_task(_secrets.storage_problem, self.app.store.secrets,
                 on_result=lambda problem: problem and self._show_storage_problem(problem))

    def _show_storage_problem(self, problem: str) -> None:
        self.secrets_banner.setText(_secrets.no_storage_message(problem))
        self.secrets_banner.show()

    def _pins_may_be_lost(self) -> bool:
        """True when closing would lose a PIN kept only in this session and the user chose
        not to close."""
        kept = self.app.store.session_only_secrets()
        if not kept:
            return False
        n = len(kept)
        answer = self.ask(
            "Close and lose the PIN?",
            f"{_secrets.NO_STORAGE_TEXT}\n\n{n} PIN{'s' if n != 1 else ''} typed in this "
            "session will be lost if portwizard closes now: an unfinished order, or an order "
            "that has to be sent (or sent again after a rejection), will ask for it again. "
            "Close anyway?",
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer != QMessageBox.StandardButton.Close

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


def _config_dir() -> Path:
    from portwizard.paths import config_dir

    return config_dir()
