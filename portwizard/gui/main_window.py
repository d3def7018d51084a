"""The main window: the orders dashboard.

Two lists: unfinished orders (drafts, saved automatically) and orders already sent, with
their status in plain words, the date the numbers move and what to do now. From here the
user starts a new order, resumes a draft, exchanges drafts as one portable file, checks the
status with the provider and changes the settings.

The window is a thin view: the data comes from :class:`~portwizard.gui.services.App`
(store, tracking, submission); anything slow (talking to the provider, reading a big
draft file) runs on a worker thread. The order wizard is imported only when it is opened.
"""
from __future__ import annotations

import datetime as _dt
import logging
import re
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QDateTime, QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QDialog, QDialogButtonBox, QFileDialog,
    QFormLayout, QFrame, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMainWindow,
    QMessageBox, QPushButton, QRadioButton, QSizePolicy, QSpinBox, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from portwizard.services.app import App
from portwizard.gui.workers import run_task

log = logging.getLogger(__name__)

DRAFT_FILTER = "portwizard drafts (*.pwdraft)"
ID_ROLE = Qt.ItemDataRole.UserRole

# Status -> colour of the little dot in front of it.
_TONE = {
    "queued": "#8a8f98", "not_sent": "#c62828", "submitted": "#1565c0", "in_review": "#1565c0",
    "pending_carrier": "#ef8f00", "foc_confirmed": "#2e7d32", "rejected": "#c62828",
    "cancel_pending": "#8a8f98", "cancelled": "#8a8f98", "completed": "#2e7d32",
}


# --------------------------------------------------------------------------- formatting


def friendly_time(iso: str | None, now: _dt.datetime | None = None) -> str:
    """"Today, 3:05 PM" / "Yesterday, 9:12 AM" / "Nov 16, 2026, 4:30 PM" in local time."""
    if not iso:
        return ""
    try:
        moment = _dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    local = moment.astimezone()
    now = (now or _dt.datetime.now(_dt.timezone.utc)).astimezone()
    clock = QLocale().toString(QDateTime(local.date(), local.time()).time(),
                               QLocale.FormatType.ShortFormat)
    if local.date() == now.date():
        return f"Today, {clock}"
    if local.date() == now.date() - _dt.timedelta(days=1):
        return f"Yesterday, {clock}"
    return f"{local:%b} {local.day}, {local.year}, {clock}"


def friendly_date(iso_date: str | None) -> str:
    """"Mon, Dec 7, 2026" for a YYYY-MM-DD date; "" when there is none."""
    if not iso_date:
        return ""
    try:
        day = _dt.date.fromisoformat(iso_date[:10])
    except ValueError:
        return iso_date
    return f"{day:%a}, {day:%b} {day.day}, {day.year}"


def step_title(step: str) -> str:
    if not step:
        return ""
    try:
        from portwizard.flow import Step

        return Step(step).title
    except Exception:  # flow not available or an old step name: still say something
        return step.replace("_", " ").capitalize()


def numbers_text(numbers: list[str], limit: int = 3) -> str:
    try:
        from portwizard.domain.phone import format_display
    except ImportError:  # pragma: no cover - the phone module is part of the core
        def format_display(n):  # type: ignore[misc]
            return n
    shown = []
    for n in [n for n in numbers if n.strip()][:limit]:
        try:
            shown.append(format_display(n) or n)
        except Exception:
            shown.append(n)
    rest = len([n for n in numbers if n.strip()]) - len(shown)
    return ", ".join(shown) + (f" + {rest} more" if rest > 0 else "")


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


_DOT_ICONS: dict[str, QIcon] = {}


def _dot_icon(color: str) -> QIcon:
    """The little status dot; painted once per colour, then reused."""
    icon = _DOT_ICONS.get(color)
    if icon is None:
        icon = _DOT_ICONS[color] = _paint_dot(color)
    return icon


def _paint_dot(color: str) -> QIcon:
    pix = QPixmap(24, 24)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(5, 5, 14, 14)
    painter.end()
    return QIcon(pix)


def safe_file_stem(title: str) -> str:
    stem = re.sub(r"[^\w\- ]+", "", title).strip() or "port order"
    return stem[:60]


# --------------------------------------------------------------------------- settings dialog


class SettingsDialog(QDialog):
    """Endpoint (built-in sandbox or the provider's address), token, provider name, lead time.

    A saved token is never shown back: the field stays empty and says a token is saved;
    typing a new one replaces it.
    """

    def __init__(self, services: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Settings")
        self.setObjectName("settings_dialog")
        settings = services.settings

        self.sandbox_radio = QRadioButton("Built-in sandbox (practice: nothing is really sent)")
        self.sandbox_radio.setObjectName("settings.sandbox")
        self.provider_radio = QRadioButton("My provider's porting address:")
        self.provider_radio.setObjectName("settings.provider")
        group = QButtonGroup(self)
        group.addButton(self.sandbox_radio)
        group.addButton(self.provider_radio)
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("settings.endpoint_url")
        self.url_edit.setAccessibleName("Provider's porting address")
        self.url_edit.setPlaceholderText("https://porting.example-provider.com/api")
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("settings.token")
        self.token_edit.setAccessibleName("Access token")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.provider_edit = QLineEdit(settings.provider_name)
        self.provider_edit.setObjectName("settings.provider_name")
        self.provider_edit.setAccessibleName("New provider's name")
        self.lead_spin = QSpinBox()
        self.lead_spin.setObjectName("settings.foc_lead_business_days")
        self.lead_spin.setAccessibleName("Lead time in business days")
        self.lead_spin.setRange(1, 30)
        self.lead_spin.setSuffix(" business days from today")
        self.lead_spin.setValue(settings.foc_lead_business_days)
        self.error_label = QLabel()
        self.error_label.setObjectName("settings.error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()

        if settings.uses_sandbox:
            self.sandbox_radio.setChecked(True)
        else:
            self.provider_radio.setChecked(True)
            self.url_edit.setText(settings.endpoint_url)
        # Asking the OS password storage can be slow (it may even unlock a keyring): ask once
        # per address, when the user has finished typing it, never on every keystroke.
        self._token_known: dict[str, bool] = {}
        self.sandbox_radio.toggled.connect(self._sync)
        self.url_edit.textChanged.connect(self._url_edited)
        self.url_edit.editingFinished.connect(self._sync)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        endpoint_box = QVBoxLayout()
        endpoint_box.setSpacing(4)
        endpoint_box.addWidget(self.sandbox_radio)
        endpoint_box.addWidget(self.provider_radio)
        endpoint_box.addWidget(self.url_edit)
        form.addRow("Send orders to:", endpoint_box)
        form.addRow("Access token:", self.token_edit)
        form.addRow("New provider's name:", self.provider_edit)
        form.addRow("Earliest move date:", self.lead_spin)
        hint = QLabel("The provider's name is printed on the Letter of Authorization. Most "
                      "providers need at least 5 business days before numbers can move.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self._sync()

    def _endpoint(self) -> str:
        from portwizard.settings import SANDBOX

        return SANDBOX if self.sandbox_radio.isChecked() else self.url_edit.text().strip()

    def _has_token(self, endpoint: str) -> bool:
        """Whether a token is saved for endpoint (asked once per address, then remembered)."""
        if not endpoint:
            return False
        if endpoint not in self._token_known:
            self._token_known[endpoint] = self.services.has_token(endpoint)
        return self._token_known[endpoint]

    def _url_edited(self, *_args) -> None:
        # While typing, the address is unfinished: no password-storage look-up yet.
        if not self.sandbox_radio.isChecked():
            self.token_edit.setPlaceholderText("Paste the access token from your provider")

    def _sync(self, *_args) -> None:
        sandbox = self.sandbox_radio.isChecked()
        self.url_edit.setEnabled(not sandbox)
        self.token_edit.setEnabled(not sandbox)
        if sandbox:
            self.token_edit.clear()
            self.token_edit.setPlaceholderText("Not needed for the sandbox")
        elif self._has_token(self._endpoint()):
            self.token_edit.setPlaceholderText("A token is saved. Type a new one to replace it.")
        else:
            self.token_edit.setPlaceholderText("Paste the access token from your provider")

    def problem(self) -> str | None:
        """What stops saving, in plain words (None when fine)."""
        from portwizard import settings as _settings

        endpoint = self._endpoint()
        if not self.sandbox_radio.isChecked() and not endpoint:
            return "Enter your provider's porting address, or choose the built-in sandbox."
        candidate = _settings.from_dict({
            "endpoint_url": endpoint,
            "provider_name": self.provider_edit.text(),
            "foc_lead_business_days": self.lead_spin.value(),
        })
        if candidate.warnings:
            text = candidate.warnings[0]
            if "endpoint_url" in text:
                return ("The porting address must start with https:// (ask your provider for "
                        "it), or choose the built-in sandbox.")
            if "provider_name" in text:
                return "Enter the new provider's name; it is printed on the Letter of Authorization."
            return text
        if not self.sandbox_radio.isChecked() and not self.token_edit.text().strip() \
                and not self._has_token(endpoint):
            return ("Paste the access token your provider gave you for this address. It is kept "
                    "in your computer's password storage, not in a file.")
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error_label.setText(problem)
            self.error_label.show()
            return
        from portwizard import settings as _settings

        new = _settings.Settings(**{**self.services.settings.to_dict(),
                                    "endpoint_url": _settings.check_endpoint(self._endpoint()),
                                    "provider_name": self.provider_edit.text().strip(),
                                    "foc_lead_business_days": self.lead_spin.value()})
        try:
            token = self.token_edit.text().strip()
            if token and not new.uses_sandbox:
                self.services.set_token(new.endpoint_url, token)
            self.services.apply_settings(new)
        except Exception as exc:  # keyring missing, disk full: say so, keep the dialog open
            self.error_label.setText(f"The settings could not be saved: {exc}")
            self.error_label.show()
            return
        self.token_edit.clear()
        super().accept()


# --------------------------------------------------------------------------- main window


class _Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resume_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#resume_banner { background: #fff4d6; border: 1px solid #e8c766;"
                           " border-radius: 6px; } #resume_banner QLabel { color: #3d3100; }")
        self.label = QLabel()
        self.label.setObjectName("resume_banner.text")
        self.label.setWordWrap(True)
        self.resume_button = QPushButton("Resume")
        self.resume_button.setObjectName("resume_banner.resume")
        self.later_button = QPushButton("Later")
        self.later_button.setObjectName("resume_banner.later")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 8, 8)
        row.addWidget(self.label, 1)
        row.addWidget(self.resume_button)
        row.addWidget(self.later_button)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.draft_id: str | None = None


class MainWindow(QMainWindow):
    """The orders dashboard. ``services`` is shared with the wizards it opens."""

    #: emitted after the lists were reloaded from the store
    reloaded = Signal()

    def __init__(self, services: App, parent: QWidget | None = None, *,
                 auto_refresh_ms: int = 0, check_unfinished: bool = True) -> None:
        super().__init__(parent)
        self.services = services
        self._wizard: Any = None
        self._autosaver: Any = None
        self._refreshing = None
        self.setObjectName("main_window")
        self.setWindowTitle("portwizard \u2013 your number transfers")
        self.resize(960, 640)
        self._build_actions()
        self._build_menus()
        self._build_body()
        self.statusBar().setObjectName("status_bar")
        self._auto_timer = QTimer(self)
        self._auto_timer.timeout.connect(self._auto_refresh)
        if auto_refresh_ms > 0:
            self._auto_timer.start(auto_refresh_ms)
        self.reload()
        if check_unfinished:
            self.check_unfinished()

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        def act(text: str, slot: Callable, keys=None, tip: str = "", name: str = "") -> QAction:
            action = QAction(text, self)
            if keys is not None:
                action.setShortcut(QKeySequence(keys))
            if tip:
                action.setStatusTip(tip)
                action.setToolTip(tip)
            action.setObjectName(name)
            action.triggered.connect(lambda *_: slot())
            self.addAction(action)
            return action

        self.new_action = act("&New order", self.new_order, QKeySequence.StandardKey.New,
                              "Start moving numbers to your new provider", "action.new")
        self.resume_action = act("&Resume", self.resume_selected, "Ctrl+R",
                                 "Continue the selected unfinished order", "action.resume")
        self.open_action = act("&Open draft file\u2026", self.open_draft_file,
                               QKeySequence.StandardKey.Open,
                               "Open an order someone saved as a .pwdraft file", "action.open")
        self.save_as_action = act("&Save draft as\u2026", self.save_draft_as,
                                  QKeySequence.StandardKey.SaveAs,
                                  "Save the selected order and its documents as one file",
                                  "action.save_as")
        self.delete_action = act("&Delete draft\u2026", self.delete_selected_draft, None,
                                 "Throw away the selected unfinished order", "action.delete")
        self.refresh_action = act("Refresh &status", self.refresh_status,
                                  QKeySequence.StandardKey.Refresh,
                                  "Ask the provider for the latest status of your orders",
                                  "action.refresh")
        self.settings_action = act("S&ettings\u2026", self.open_settings,
                                   QKeySequence.StandardKey.Preferences,
                                   "Where orders are sent, your provider's name, lead time",
                                   "action.settings")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = act("&Quit", self.close, QKeySequence.StandardKey.Quit, "", "action.quit")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.about_action = act("&About portwizard", self.show_about, None, "", "action.about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for action in (self.new_action, self.open_action, self.save_as_action, None,
                       self.settings_action, None, self.quit_action):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        orders = bar.addMenu("&Orders")
        for action in (self.resume_action, self.delete_action, None, self.refresh_action):
            orders.addSeparator() if action is None else orders.addAction(action)
        bar.addMenu("&Help").addAction(self.about_action)

    @staticmethod
    def _button(action: QAction, name: str, text: str | None = None) -> QPushButton:
        button = QPushButton(text or action.text().replace("&", ""))
        button.setObjectName(name)
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        action.changed.connect(lambda: button.setEnabled(action.isEnabled()))
        return button

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab moves on to the buttons, arrows move rows
        table.horizontalHeader().setHighlightSections(False)
        table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft
                                                     | Qt.AlignmentFlag.AlignVCenter)
        table.setIconSize(QSize(14, 14))
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return table

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        label.setFont(font)
        return label

    @staticmethod
    def _placeholder(text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setMinimumHeight(70)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        label.setStyleSheet("color: palette(placeholder-text); border: 1px dashed palette(mid);"
                            " border-radius: 6px; padding: 12px;")
        return label

    def _build_body(self) -> None:
        body = QWidget()
        body.setObjectName("dashboard")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.setSpacing(8)

        # Title row: what this is, and the main action.
        title = QLabel("Your number transfers")
        title.setObjectName("dashboard.title")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("dashboard.subtitle")
        self.subtitle.setWordWrap(True)
        self.new_button = self._button(self.new_action, "button.new", "New order")
        self.new_button.setDefault(True)
        self.new_button.setMinimumHeight(self.new_button.sizeHint().height() + 6)
        self.open_button = self._button(self.open_action, "button.open", "Open draft file\u2026")
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        head.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignBottom)
        head.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(head)

        self.banner = _Banner()
        self.banner.resume_button.clicked.connect(self._resume_from_banner)
        self.banner.later_button.clicked.connect(self.banner.hide)
        self.banner.hide()
        layout.addWidget(self.banner)

        # Drafts.
        layout.addSpacing(6)
        layout.addWidget(self._heading("Unfinished orders"))
        self.drafts_table = self._table("drafts_table", ["Order", "Where you stopped", "Last change"])
        self.drafts_table.setAccessibleName("Unfinished orders")
        header = self.drafts_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.drafts_table.doubleClicked.connect(lambda *_: self.resume_selected())
        self.drafts_table.itemSelectionChanged.connect(self._sync_actions)
        self.drafts_empty = self._placeholder(
            "No unfinished orders. Click \u201cNew order\u201d to start \u2013 have your latest "
            "phone bill at hand. Everything you type is saved as you go.", "drafts_empty")
        layout.addWidget(self.drafts_table)
        layout.addWidget(self.drafts_empty)
        row = QHBoxLayout()
        self.resume_button = self._button(self.resume_action, "button.resume", "Resume")
        self.save_as_button = self._button(self.save_as_action, "button.save_as",
                                           "Save draft as\u2026")
        self.delete_button = self._button(self.delete_action, "button.delete", "Delete\u2026")
        row.addWidget(self.resume_button)
        row.addWidget(self.save_as_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        layout.addLayout(row)

        # Sent orders.
        layout.addSpacing(6)
        layout.addWidget(self._heading("Sent orders"))
        self.orders_table = self._table(
            "orders_table", ["Order", "Numbers", "Status", "Numbers move on", "What to do now"])
        self.orders_table.setAccessibleName("Sent orders")
        header = self.orders_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.orders_table.itemSelectionChanged.connect(self._show_selected_order)
        self.orders_empty = self._placeholder(
            "Orders you send appear here, with their status and what to do next.", "orders_empty")
        layout.addWidget(self.orders_table)
        layout.addWidget(self.orders_empty)
        self.order_details = QLabel()
        self.order_details.setObjectName("order_details")
        self.order_details.setWordWrap(True)
        self.order_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.order_details.setAccessibleName("What to do now for the selected order")
        layout.addWidget(self.order_details)
        row = QHBoxLayout()
        self.refresh_button = self._button(self.refresh_action, "button.refresh", "Refresh status")
        self.refresh_label = QLabel()
        self.refresh_label.setObjectName("refresh_label")
        self.refresh_label.setWordWrap(True)
        self.settings_button = self._button(self.settings_action, "button.settings", "Settings\u2026")
        row.addWidget(self.refresh_button)
        row.addWidget(self.refresh_label, 1)
        row.addWidget(self.settings_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.setCentralWidget(body)

        # Keyboard order: main actions, the drafts and their buttons, then sent orders.
        chain = [self.open_button, self.new_button, self.banner.resume_button,
                 self.banner.later_button, self.drafts_table, self.resume_button,
                 self.save_as_button, self.delete_button, self.orders_table,
                 self.refresh_button, self.settings_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        """Read drafts and orders from the store and show them."""
        store = self.services.store
        provider = self.services.provider_name
        where = "the built-in sandbox (practice)" if self.services.uses_sandbox else provider
        self.subtitle.setText(f"Move your phone numbers to {provider} yourself. Orders are "
                              f"sent to {where}.")
        selected_draft = self.selected_draft_id()
        selected_order = self.selected_order_id()
        try:
            drafts = store.list_drafts()
            orders = store.list_orders()
        except Exception as exc:
            self.statusBar().showMessage(f"Your saved orders could not be read: {exc}")
            return
        self._fill_drafts(drafts, selected_draft)
        self._fill_orders(orders, selected_order)
        self._sync_actions()
        self.reloaded.emit()

    def _fill_drafts(self, drafts, keep: str | None) -> None:
        table = self.drafts_table
        table.setRowCount(len(drafts))
        for row, info in enumerate(drafts):
            cells = [info.title or "New order", step_title(info.step),
                     friendly_time(info.updated_at)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, info.id)
                table.setItem(row, col, item)
            if info.id == keep:
                table.selectRow(row)
        if drafts and table.currentRow() < 0:
            table.selectRow(0)
        table.setVisible(bool(drafts))
        self.drafts_empty.setVisible(not drafts)
        for button in (self.resume_button, self.save_as_button, self.delete_button):
            button.setVisible(bool(drafts))  # nothing to act on: less to read
        self._fit_height(table, drafts, max_rows=5)

    def _fill_orders(self, orders, keep: str | None) -> None:
        from portwizard.domain.status import label as status_label
        from portwizard.services.tracking import next_action

        table = self.orders_table
        table.setRowCount(len(orders))
        self._next_actions: dict[str, str] = {}
        for row, record in enumerate(orders):
            try:
                outbox = self.services.store.outbox(record.id)
            except Exception:
                outbox = []
            action = next_action(record, outbox=outbox, provider_name=self.services.provider_name)
            self._next_actions[record.id] = action
            label = status_label(record.status)
            name = " ".join(record.order.carrier.customer_name.split()) or record.title
            cells = [name, numbers_text(record.order.numbers, limit=1), label,
                     friendly_date(record.foc_date) or "\u2013", first_sentence(action)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, record.id)
                if col in (0, 1, 4):
                    item.setToolTip({0: record.title, 1: numbers_text(record.order.numbers, 50),
                                     4: action}[col])
                table.setItem(row, col, item)
            status_item = table.item(row, 2)
            status_item.setIcon(_dot_icon(_TONE.get(record.status, "#8a8f98")))
            if record.status == "rejected":
                f = status_item.font()
                f.setBold(True)
                status_item.setFont(f)
            if record.id == keep:
                table.selectRow(row)
        if orders and table.currentRow() < 0:
            table.selectRow(0)
        table.setVisible(bool(orders))
        self.orders_empty.setVisible(not orders)
        self.refresh_button.setVisible(bool(orders))
        self._fit_height(table, orders, max_rows=8)
        self._show_selected_order()

    @staticmethod
    def _fit_height(table: QTableWidget, rows, max_rows: int) -> None:
        """Tables no taller than their rows (up to max_rows), so short lists look tidy."""
        if not rows:
            return
        row_h = table.verticalHeader().defaultSectionSize()
        header_h = table.horizontalHeader().sizeHint().height()
        shown = min(len(rows), max_rows)
        table.setMinimumHeight(header_h + row_h * min(shown, 2) + 2 * table.frameWidth())
        table.setMaximumHeight(header_h + row_h * max(shown, 1) + 2 * table.frameWidth() + 2)

    def selected_draft_id(self) -> str | None:
        return self._selected_id(self.drafts_table)

    def selected_order_id(self) -> str | None:
        return self._selected_id(self.orders_table)

    @staticmethod
    def _selected_id(table: QTableWidget) -> str | None:
        if not table.isVisible() and table.rowCount() == 0:
            return None
        rows = table.selectionModel().selectedRows() if table.selectionModel() else []
        row = rows[0].row() if rows else table.currentRow()
        if row < 0 or row >= table.rowCount():
            return None
        item = table.item(row, 0)
        return item.data(ID_ROLE) if item is not None else None

    def _show_selected_order(self) -> None:
        order_id = self.selected_order_id()
        text = getattr(self, "_next_actions", {}).get(order_id or "", "")
        self.order_details.setText(f"<b>What to do now:</b> {_html(text)}" if text else "")
        self.order_details.setVisible(bool(text))

    def _sync_actions(self) -> None:
        has_draft = self.selected_draft_id() is not None
        self.resume_action.setEnabled(has_draft)
        self.save_as_action.setEnabled(has_draft)
        self.delete_action.setEnabled(has_draft)
        self.refresh_action.setEnabled(self._refreshing is None and self.orders_table.rowCount() > 0)

    # ------------------------------------------------------------------ unfinished order
    def check_unfinished(self) -> bool:
        """Show "You have an unfinished order from <date>" when a draft exists."""
        try:
            latest = self.services.store.latest_draft()
        except Exception:
            latest = None
        if latest is None:
            self.banner.hide()
            return False
        self.banner.draft_id = latest.id
        when = friendly_time(latest.updated_at)
        when = when[0].lower() + when[1:] if when.startswith(("Today", "Yesterday")) else when
        self.banner.label.setText(
            f"<b>You have an unfinished order</b> from {when}: {_html(latest.title)}. "
            "Pick up where you left off?")
        self.banner.show()
        return True

    def _resume_from_banner(self) -> None:
        draft_id = self.banner.draft_id
        self.banner.hide()
        if draft_id:
            self.resume(draft_id)

    # ------------------------------------------------------------------ the wizard
    def new_order(self) -> Any:
        return self._open_wizard(None, None)

    def resume_selected(self) -> Any:
        draft_id = self.selected_draft_id()
        return self.resume(draft_id) if draft_id else None

    def resume(self, draft_id: str) -> Any:
        try:
            order = self.services.store.load_draft(draft_id)
        except KeyError:
            self.statusBar().showMessage("That unfinished order no longer exists.", 8000)
            self.reload()
            return None
        except Exception as exc:
            self.inform("Cannot open the order", f"The saved order could not be read: {exc}. "
                        "Open a saved .pwdraft copy of it, or start a new order.", "warning")
            return None
        self.banner.hide()
        return self._open_wizard(order, draft_id)

    def current_wizard(self) -> Any:
        return self._wizard

    def _open_wizard(self, order, draft_id: str | None) -> Any:
        if self._wizard is not None:
            self._wizard.raise_()
            self._wizard.activateWindow()
            self.statusBar().showMessage(
                "An order is already open. Finish or close it before opening another.", 8000)
            return None
        try:
            from portwizard.gui.wizard import PortWizard
        except ImportError as exc:
            log.error("the order wizard cannot be loaded: %s", exc)
            self.inform("The order wizard is missing",
                        "This copy of portwizard cannot open the order wizard. "
                        "Reinstall portwizard to fix it.", "critical")
            return None
        from portwizard.gui.autosave import DraftAutosaver

        wizard = PortWizard(order=order, services=self.services, draft_id=draft_id, parent=self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        saver = DraftAutosaver(wizard, self.services.store, draft_id)
        # Autosave fires every ~0.5 s while typing: only the drafts list can have changed.
        saver.saved.connect(lambda *_: self._schedule_drafts_reload())
        saver.saveFailed.connect(
            lambda msg: self.statusBar().showMessage(f"Your changes could not be saved: {msg}"))
        submitted = getattr(wizard, "submitted", None)
        if submitted is not None:
            submitted.connect(lambda order_id, s=saver: self._on_submitted(s, order_id))
        wizard.finished.connect(lambda *_, w=wizard: self._wizard_closed(w))
        wizard.destroyed.connect(lambda *_, w=wizard: self._wizard_closed(w, gone=True))
        self._wizard, self._autosaver = wizard, saver
        if draft_id is not None and callable(getattr(wizard, "resume", None)):
            wizard.resume()  # open at the first step that still needs something
        wizard.show()
        return wizard

    def _schedule_drafts_reload(self) -> None:
        if not hasattr(self, "_drafts_timer"):
            self._drafts_timer = QTimer(self)
            self._drafts_timer.setSingleShot(True)
            self._drafts_timer.setInterval(300)
            self._drafts_timer.timeout.connect(self.reload_drafts)
        self._drafts_timer.start()

    def reload_drafts(self) -> None:
        """Read only the unfinished orders again (after an autosave): no sent-order queries."""
        try:
            drafts = self.services.store.list_drafts()
        except Exception as exc:
            self.statusBar().showMessage(f"Your saved orders could not be read: {exc}")
            return
        self._fill_drafts(drafts, self.selected_draft_id())
        self._sync_actions()

    def _on_submitted(self, saver, order_id: str) -> None:
        draft_id = saver.draft_id
        saver.stop(flush=False)
        if draft_id:  # the submission service removed it; a late autosave may have re-added it
            try:
                self.services.store.delete_draft(draft_id)
            except Exception:
                pass
        self.reload()
        self.statusBar().showMessage("Your order was sent. Its status is shown under "
                                     "\u201cSent orders\u201d.", 10000)

    def _wizard_closed(self, wizard, gone: bool = False) -> None:
        if wizard is not self._wizard:
            return  # an older wizard finishing late; the current one is unaffected
        if self._autosaver is not None and not gone:
            self._autosaver.flush()
        self._wizard = None
        self._autosaver = None
        self.reload()

    # ------------------------------------------------------------------ drafts as files
    def delete_selected_draft(self, *, confirm: bool = True) -> bool:
        draft_id = self.selected_draft_id()
        if not draft_id:
            return False
        if self._autosaver is not None and self._autosaver.draft_id == draft_id:
            self.statusBar().showMessage("Close the open order before deleting it.", 8000)
            return False
        if confirm:
            answer = self.ask(
                "Delete this unfinished order?",
                "The order and everything typed into it will be thrown away. This cannot be "
                "undone.", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.services.store.delete_draft(draft_id)
        self.reload()
        if self.banner.isVisible():
            self.check_unfinished()
        return True

    def save_draft_as(self, path: str | Path | None = None, include_pin: bool | None = None,
                      draft_id: str | None = None):
        """Save a draft and its documents as one .pwdraft file (asks where, and about
        the PIN, unless told). Returns the worker handle, or None when nothing to do."""
        draft_id = draft_id or self.selected_draft_id()
        if not draft_id:
            self.statusBar().showMessage("Select an unfinished order to save first.", 8000)
            return None
        if self._autosaver is not None and self._autosaver.draft_id == draft_id:
            self._autosaver.flush()
        try:
            order = self.services.store.load_draft(draft_id)
        except Exception as exc:
            self.inform("Cannot save the order", f"The order could not be read: {exc}. "
                        "Close portwizard, open it again and try once more.", "warning")
            return None
        if path is None:
            from portwizard.store import order_title

            suggested = Path.home() / (safe_file_stem(order_title(order)) + ".pwdraft")
            path = self.choose_path("save", "Save draft as", str(suggested), DRAFT_FILTER)
            if not path:
                return None
        path = Path(path)
        if path.suffix.lower() != ".pwdraft":
            path = path.with_name(path.name + ".pwdraft")
        if include_pin is None:
            include_pin = False
            if order.carrier.pin:
                answer = self.ask_include_pin()
                if answer is None:
                    return None
                include_pin = answer
        from portwizard.services.draft_file import save_draft_file

        self.statusBar().showMessage(f"Saving {path.name}\u2026")

        def done(problems):
            text = f"Saved {path.name}."
            if problems:
                text += " " + " ".join(f"{p.message} {p.fix}" for p in problems)
                self.inform("Draft saved, with a note", text)
            self.statusBar().showMessage(text, 10000)

        def failed(exc):
            self.inform("The draft was not saved",
                        f"{path.name} could not be written: {_plain_os_error(exc)} "
                        "Choose another folder and try again.", "warning")
            self.statusBar().clearMessage()

        return run_task(save_draft_file, path, order, None, include_pin,
                        on_result=done, on_error=failed)

    def open_draft_file(self, path: str | Path | None = None):
        """Open a .pwdraft file as a new unfinished order and resume it. Returns the worker
        handle, or None when cancelled."""
        if path is None:
            path = self.choose_path("open", "Open draft file", str(Path.home()),
                                    DRAFT_FILTER + ";;All files (*)")
            if not path:
                return None
        path = Path(path)
        import uuid

        from portwizard.services.draft_file import read_draft_file

        extract_to = self.services.data_dir / "opened-drafts" / uuid.uuid4().hex[:12]
        store = self.services.store

        def work():
            opened = read_draft_file(path, extract_to)
            draft_id = store.save_draft(opened.order)
            return draft_id, opened

        def done(result):
            draft_id, opened = result
            self.reload()
            notes = [f for f in opened.findings if f.severity.value in ("error", "warning")]
            if notes:
                self.inform("Draft opened, with notes",
                            "\n\n".join(f"{f.message} {f.fix}".strip() for f in notes))
            self.statusBar().showMessage(f"Opened {path.name}.", 8000)
            self.resume(draft_id)

        def failed(exc):
            self.inform("The draft file cannot be opened", str(exc)
                        if exc.__class__.__name__ == "DraftFileError"
                        else f"{path.name} could not be opened: {_plain_os_error(exc)}",
                        "warning")

        return run_task(work, on_result=done, on_error=failed)

    # ------------------------------------------------------------------ status
    def refresh_status(self):
        """Send what waits in the outbox and ask the provider for every open order's status
        (on a worker thread). Returns the worker handle."""
        if self._refreshing is not None:
            return self._refreshing
        services = self.services

        def work():
            report = services.submission.drain_outbox()
            results = services.tracking.refresh_all()
            return report, results

        self.refresh_label.setText("Checking with the provider\u2026")
        self._refreshing = run_task(work, on_result=self._refresh_done,
                                    on_error=self._refresh_failed)
        self._sync_actions()
        return self._refreshing

    def _refresh_done(self, result) -> None:
        self._refreshing = None
        report, results = result
        changed = sum(1 for r in results if r.changes)
        problems = [r.error for r in results if r.error] + [
            r.message for r in getattr(report, "results", []) if not r.ok]
        clock = QLocale().toString(QDateTime.currentDateTime().time(), QLocale.FormatType.ShortFormat)
        text = f"Checked at {clock}. "
        text += (f"{changed} order{'s' if changed != 1 else ''} changed." if changed
                 else "No changes.")
        if getattr(report, "sent", 0):
            text += f" {report.sent} waiting order{'s were' if report.sent != 1 else ' was'} sent."
        if problems:
            text += f" {problems[0]}"
        self.refresh_label.setText(text)
        self.reload()

    def _refresh_failed(self, exc: BaseException) -> None:
        self._refreshing = None
        self.refresh_label.setText(f"The status could not be checked: {exc} "
                                   "Your orders are safe; try again later.")
        self._sync_actions()

    def _auto_refresh(self) -> None:
        from portwizard.services.tracking import CLOSED

        try:
            open_orders = [o for o in self.services.store.list_orders() if o.status not in CLOSED]
        except Exception:
            return
        if open_orders and self._refreshing is None:
            self.refresh_status()

    # ------------------------------------------------------------------ settings, about
    def open_settings(self) -> bool:
        dialog = SettingsDialog(self.services, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted:
            self.reload()
            self.statusBar().showMessage("Settings saved.", 5000)
        return accepted

    def show_about(self) -> None:
        from portwizard import __version__

        self.inform("About portwizard",
                    f"<b>portwizard {__version__}</b><p>Move your business phone numbers "
                    "to a new provider yourself: a guided port-in wizard.</p>", "about")

    # ------------------------------------------------------------------ messages
    # Every message box and file dialog of the window goes through these methods, so tests
    # (and an embedding program) can replace them instead of waiting on a modal box.
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
        """Ask a question; returns the button the user chose."""
        return QMessageBox.question(self, title, text, buttons, default)

    def choose_path(self, mode: str, title: str, start: str, filters: str) -> str:
        """Ask for a file to save to (mode "save") or to open ("open"); "" when cancelled."""
        pick = QFileDialog.getSaveFileName if mode == "save" else QFileDialog.getOpenFileName
        path, _ = pick(self, title, start, filters)
        return path

    def ask_include_pin(self) -> bool | None:
        """Saving a draft file: put the carrier PIN in it? None when the user cancelled."""
        box = QMessageBox(QMessageBox.Icon.Question, "Include the PIN?",
                          "The file can be opened by anyone who gets it. Leave the "
                          "PIN out unless you are sure.", parent=self)
        check = QCheckBox("Include the PIN in the file")
        box.setCheckBox(check)
        box.setStandardButtons(QMessageBox.StandardButton.Save
                               | QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Save:
            return None
        return check.isChecked()

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event) -> None:  # noqa: N802
        if self._wizard is not None:
            if self._autosaver is not None:
                self._autosaver.flush()
            if not self._wizard.close():
                # The wizard asked "Keep / Discard / Keep editing" and the user chose to keep
                # editing: the order stays open, so the window must stay open too.
                event.ignore()
                return
        if self._refreshing is not None:
            self._refreshing.cancel()
        self._auto_timer.stop()
        super().closeEvent(event)


def _html(text: str) -> str:
    from html import escape

    return escape(text or "")


def _plain_os_error(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + "."
    return str(exc) or type(exc).__name__
