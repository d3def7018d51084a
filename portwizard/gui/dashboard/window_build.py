"""Building the main window: its actions and menus, the body (title row, banners, search
and quick filters, the orders table beside the detail), the status bar, the signal wiring,
and the layout (geometry, splitter, columns) kept between runs.

:class:`WindowBuilding` is a mixin of :class:`~.window.MainWindow`; the order detail pane is
made on first use (:attr:`WindowBuilding.detail`), so its module stays off the start-up path.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QSplitter, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from portwizard.domain import status as _status
from portwizard.gui.dashboard import panels

if TYPE_CHECKING:  # built when a draft is first offered or selected
    from portwizard.gui.dashboard import draft_views

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


class WindowBuilding:
    """The parts of :class:`~.window.MainWindow` that make its widgets and keep its layout."""

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

        self._body_layout = layout
        self._banner: draft_views.ResumeBanner | None = None  # made when a draft is offered
        self._secrets_banner: QLabel | None = None  # made if the password storage fails

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
        for column, width in ((0, 215), (2, 150), (3, 135), (4, 130), (5, 140)):
            self.table.setColumnWidth(column, width)
        # Shown from the column titles' menu: the numbers are in the title's count, the search
        # and the detail; the provider's order number is in the detail, copyable. Hidden at
        # first so that the business name, the column people read, gets the room.
        header.hideSection(2)
        header.hideSection(3)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._columns_menu)
        self.empty_hint = panels.placeholder(
            "No orders yet. Click \u201cNew order\u201d to start \u2013 have your latest phone "
            "bill at hand.\nEverything you type is saved as you go.", "orders_empty")

        # The order detail and the draft panel are made when an order or a draft is first
        # shown (see detail and draft_panel).
        self._detail: Any = None
        self._draft_panel: draft_views.DraftPanel | None = None
        self.side = QStackedWidget()
        self.side.setObjectName("dashboard.side")
        self.side_hint = panels.placeholder("Select an order to see where it is and what to "
                                            "do now.", "side_hint")
        self.side.addWidget(self.side_hint)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.empty_hint)
        # Neither until the first page says which (the window is shown while it is read).
        self.table.hide()
        self.empty_hint.hide()
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
        chain = [self.new_button, self.search, *self.filter_buttons.values(), self.table,
                 self.side]
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

    @property
    def banner(self) -> draft_views.ResumeBanner:
        """"You have an unfinished order from ..." under the title row, built the first time
        a draft is offered (hidden until then); its buttons come between New order and the
        search box in the tab order."""
        if self._banner is None:
            from portwizard.gui.dashboard.draft_views import ResumeBanner

            banner = ResumeBanner()
            banner.hide()
            banner.resume_button.clicked.connect(self._resume_from_banner)
            banner.later_button.clicked.connect(banner.hide)
            self._body_layout.insertWidget(1, banner)  # below the title row
            QWidget.setTabOrder(self.new_button, banner.resume_button)
            QWidget.setTabOrder(banner.resume_button, banner.later_button)
            QWidget.setTabOrder(banner.later_button, self.search)
            self._banner = banner
        return self._banner

    @property
    def secrets_banner(self) -> QLabel:
        """"PINs cannot be kept on this computer ..." below the title row (and below the
        resume banner), built the first time the password storage is found not to work
        (check_password_storage); hidden until shown."""
        if self._secrets_banner is None:
            label = QLabel()
            label.setObjectName("secrets_banner")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setStyleSheet(
                "#secrets_banner { background: palette(alternate-base); padding: 8px 12px;"
                " border: 1px solid palette(mid); border-radius: 6px; }")
            label.hide()
            self._body_layout.insertWidget(1 if self._banner is None else 2, label)
            self._secrets_banner = label
        return self._secrets_banner

    def hide_banner(self) -> None:
        if self._banner is not None:
            self._banner.hide()

    @property
    def draft_panel(self) -> draft_views.DraftPanel:
        """The selected draft's panel (Continue, Duplicate, Export, Delete), built the first
        time a draft is shown."""
        if self._draft_panel is None:
            from portwizard.gui.dashboard.draft_views import DraftPanel

            panel = DraftPanel()
            panel.resumeRequested.connect(self.resume)
            panel.duplicateRequested.connect(lambda i: self.controller.duplicate("draft", i))
            panel.exportRequested.connect(self.export_item)
            panel.deleteRequested.connect(self.delete_draft)
            self.side.addWidget(panel)
            QWidget.setTabOrder(self.side, panel)
            self._draft_panel = panel
        return self._draft_panel

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


def _config_dir() -> Path:
    from portwizard.paths import config_dir

    return config_dir()
