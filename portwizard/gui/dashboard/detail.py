"""One order, the way the user reads it on the dashboard: what it is and where it stands,
the port date, what to do now, why it was rejected and how to fix it, the numbers, the
history, the conversation with the provider and the documents that went with it.

:class:`OrderDetailView` reads ``App.order_detail(id)`` on a worker (never SQL on the GUI
thread) and shows it inside a scroll area, so nothing is cut off in a small window or at
200 % scale. It changes nothing itself except adding comments; fixing, cancelling,
duplicating and exporting are asked for by signal and done by the window around it.

Text that comes from the provider or the user (comments, notes, rejection words) is shown
as plain text, never as rich text.

This module is the pane itself: the heading (title, status, what it means), the ids, the
port date, the actions, what to do now, loading on a worker and late answers. Its sections
live next to it: ``detail_sections`` (the rejection, the checklist, the numbers, the
history), ``detail_comments`` (the conversation and sending a comment) and
``detail_documents`` (the documents and their preview window); ``detail_parts`` holds the
small widgets and wordings they share. The window imports this module only when it first
shows an order, and nothing else imports the others.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QSizePolicy, QStackedWidget,
    QVBoxLayout, QWidget,
)

from portwizard.gui import theme
from portwizard.gui.dashboard.detail_comments import EMPTY_COMMENT, Comments
from portwizard.gui.dashboard.detail_documents import (
    MISSING_FILE, DocumentPreviewDialog, Documents,
)
from portwizard.gui.dashboard.detail_parts import (
    _button, _Dot, _FlowLayout, _heading, _label, local_time, port_date_text, short_date,
    status_color,
)
from portwizard.gui.dashboard.detail_sections import (
    Checklist, NumbersTable, RejectionBox, Timeline,
)
from portwizard.gui.workers import TaskHandle, run_task
from portwizard.services.order_detail import OrderDetail
from portwizard.store import StoreError

__all__ = [  # with the names that lived here before the sections got their own modules
    "OrderDetailView", "DocumentPreviewDialog", "PLACEHOLDER", "LOADING", "MISSING_FILE",
    "EMPTY_COMMENT", "NO_REMOTE_ID", "status_color", "local_time", "short_date",
    "port_date_text",
]

PLACEHOLDER = "Select an order to see its details."
LOADING = "Loading\u2026"
NO_REMOTE_ID = "Not given yet: the order has not reached the provider."


class OrderDetailView(QWidget):
    """One order's detail. ``show_order(id)`` loads it on a worker; ``loaded(id)`` says it
    is on screen. Fix / cancel / duplicate / export are requested by signal."""

    loaded = Signal(str)
    fixRequested = Signal(str)
    cancelRequested = Signal(str)
    duplicateRequested = Signal(str)
    exportRequested = Signal(str)
    changed = Signal(str)  # a comment was added to this order

    def __init__(self, app, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detail")
        self._app = app
        self._order_id: str | None = None
        self._detail: OrderDetail | None = None
        self._generation = 0
        self._load_task: TaskHandle | None = None
        self._preview: DocumentPreviewDialog | None = None

        self._pages = QStackedWidget(self)
        self._message = _label(PLACEHOLDER, name="detail.message")
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setAccessibleName("Order details")
        self._scroll = QScrollArea()
        self._scroll.setObjectName("detail.scroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        body = QWidget()
        body.setObjectName("detail.body")
        self._scroll.setWidget(body)
        self._pages.addWidget(self._message)
        self._pages.addWidget(self._scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._pages)

        self._build(body)
        self._copied_timer = QTimer(self)
        self._copied_timer.setSingleShot(True)
        self._copied_timer.setInterval(3000)
        self._copied_timer.timeout.connect(lambda: self._copied.setText(""))

    # ------------------------------------------------------------------ building
    def _build(self, body: QWidget) -> None:
        gap = self.fontMetrics().height()
        lay = QVBoxLayout(body)
        lay.setSpacing(gap // 2)
        lay.setContentsMargins(gap, gap, gap, gap)

        # heading: title, status with its tone, what the status means
        self._title = _heading("", "detail.title", 1.4)
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._dot = _Dot()
        self._status = _label(name="detail.status")
        font = QFont(self._status.font())
        font.setBold(True)
        self._status.setFont(font)
        status_row = QHBoxLayout()
        status_row.setSpacing(gap // 3)
        status_row.addWidget(self._dot, 0, Qt.AlignmentFlag.AlignTop)
        status_row.addWidget(self._status, 1)
        self._meaning = _label(name="detail.meaning")
        lay.addWidget(self._title)
        lay.addLayout(status_row)
        lay.addWidget(self._meaning)

        # ids: the provider's (to quote on the phone) and ours
        remote_caption = QLabel("Provider\u2019s order number:")
        self._remote_id = QLineEdit()
        self._remote_id.setObjectName("detail.remote_id")
        self._remote_id.setReadOnly(True)
        self._remote_id.setAccessibleName("Provider's order number")
        self._remote_id.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._remote_id.setMinimumWidth(gap * 8)
        remote_caption.setBuddy(self._remote_id)
        self._copy = _button("Cop&y", "detail.copy_remote_id", "Copy the provider's order number",
                             "Copy the provider's order number, to paste it into an e-mail "
                             "or read it out on the phone.")
        self._copy.clicked.connect(self._copy_remote_id)
        self._copied = _label(name="detail.copied")
        remote_row = QHBoxLayout()
        remote_row.addWidget(self._remote_id, 1)
        remote_row.addWidget(self._copy)
        remote_row.addWidget(self._copied)
        self._no_remote = _label(NO_REMOTE_ID, name="detail.no_remote_id")
        self._local_id = _label(name="detail.local_id", selectable=True)
        lay.addWidget(remote_caption)
        lay.addLayout(remote_row)
        lay.addWidget(self._no_remote)
        lay.addWidget(self._local_id)

        # the port date
        self._foc = _label(name="detail.foc")
        font = QFont(self._foc.font())
        font.setBold(True)
        self._foc.setFont(font)
        lay.addWidget(self._foc)

        # what else can be done with the order
        self._cancel = _button("&Cancel order\u2026", "detail.cancel", "Cancel order",
                               "Ask the provider to cancel this order. Your numbers stay "
                               "with your old carrier.")
        self._cancel.clicked.connect(lambda: self._request(self.cancelRequested))
        self._duplicate = _button("Dup&licate as new draft", "detail.duplicate",
                                  "Duplicate as new draft",
                                  "Start a new order with the same details (without the PIN).")
        self._duplicate.clicked.connect(lambda: self._request(self.duplicateRequested))
        self._export = _button("Ex&port\u2026", "detail.export", "Export order",
                               "Save the order as a file (without the PIN).")
        self._export.clicked.connect(lambda: self._request(self.exportRequested))
        actions = _FlowLayout(gap // 2)
        actions.addWidget(self._cancel)
        actions.addWidget(self._duplicate)
        actions.addWidget(self._export)
        self._cancel_note = _label(name="detail.cancel_note")
        lay.addLayout(actions)
        lay.addWidget(self._cancel_note)

        # what to do now
        lay.addSpacing(gap // 2)
        lay.addWidget(_heading("What to do now", "detail.next_heading"))
        self._next = _label(name="detail.next_action", selectable=True)
        lay.addWidget(self._next)

        # a rejection: why, how to fix it, and the button that starts the fix
        self._rejection = RejectionBox(gap)
        self._rejection.fix.clicked.connect(lambda: self._request(self.fixRequested))
        lay.addWidget(self._rejection)

        # before the port date
        self._checklist = Checklist(gap)
        lay.addWidget(self._checklist)

        # numbers
        lay.addSpacing(gap // 2)
        lay.addWidget(_heading("Numbers", "detail.numbers_heading"))
        self._numbers = NumbersTable()
        lay.addWidget(self._numbers)

        # history, newest first
        lay.addSpacing(gap // 2)
        lay.addWidget(_heading("History", "detail.timeline_heading"))
        self._timeline = Timeline()
        lay.addWidget(self._timeline)

        # comments
        lay.addSpacing(gap // 2)
        lay.addWidget(_heading("Comments", "detail.comments_heading"))
        self._comments = Comments(self._app, gap)
        self._comments.sent.connect(self.changed)
        self._comments.answered.connect(self.reload)
        lay.addWidget(self._comments)

        # documents
        lay.addSpacing(gap // 2)
        lay.addWidget(_heading("Documents", "detail.documents_heading"))
        self._documents = Documents()
        self._documents.openRequested.connect(self._open)
        lay.addWidget(self._documents)
        lay.addStretch(1)

    # ------------------------------------------------------------------ public
    def current_order_id(self) -> str | None:
        return self._order_id

    def detail(self) -> OrderDetail | None:
        """The detail on screen (None while nothing or something else is shown)."""
        return self._detail

    def preview_dialog(self) -> DocumentPreviewDialog | None:
        return self._preview

    def show_order(self, order_id: str | None) -> None:
        """Show ``order_id`` (None: the placeholder). The same id again reloads it in
        place; another id shows "Loading…" until its detail arrives."""
        if order_id == self._order_id and order_id is not None and self._detail is not None:
            self.reload()
            return
        self._comments.show_order(order_id)
        self._order_id = order_id
        self._detail = None
        if order_id is None:
            self._generation += 1
            self._drop_load()
            self._show_message(PLACEHOLDER)
            return
        self._show_message(LOADING)
        self._load(order_id)

    def reload(self) -> None:
        """Read the current order again, keeping what is on screen until it arrives."""
        if self._order_id is not None:
            self._load(self._order_id)

    # ------------------------------------------------------------------ loading
    def _load(self, order_id: str) -> None:
        self._generation += 1
        generation = self._generation
        self._drop_load()
        self._load_task = run_task(
            self._app.order_detail, order_id,
            on_result=lambda d: self._loaded(generation, order_id, d),
            on_error=lambda e: self._load_failed(generation, order_id, e))

    def _drop_load(self) -> None:
        if self._load_task is not None:
            self._load_task.cancel()
            self._load_task = None

    def _loaded(self, generation: int, order_id: str, detail: OrderDetail) -> None:
        if generation != self._generation or order_id != self._order_id:
            return  # an earlier request, answered late
        self._load_task = None
        self._detail = detail
        self._fill(detail)
        self._pages.setCurrentWidget(self._scroll)
        self.loaded.emit(order_id)

    def _load_failed(self, generation: int, order_id: str, error: BaseException) -> None:
        if generation != self._generation or order_id != self._order_id:
            return
        self._load_task = None
        self._detail = None
        if isinstance(error, KeyError):
            self._show_message("This order is no longer on this computer. It may have been "
                               "deleted; choose another order from the list.")
        elif isinstance(error, StoreError):  # e.g. this one order's saved row is damaged
            self._show_message(str(error))
        else:
            self._show_message("The order could not be read from this computer's data file "
                               f"({type(error).__name__}). Close other copies of portwizard "
                               "and choose the order again.")

    def _show_message(self, text: str) -> None:
        self._message.setText(text)
        self._pages.setCurrentWidget(self._message)

    # ------------------------------------------------------------------ filling
    def _fill(self, d: OrderDetail) -> None:
        record = d.record
        self._title.setText(record.title or "Order")
        self._title.setAccessibleName(record.title or "Order")
        self._dot.set_tone(d.tone)
        self._status.setText(d.status_label)
        self._status.setAccessibleName(f"Status: {d.status_label}")
        self._meaning.setText(d.status_meaning)
        self._meaning.setVisible(bool(d.status_meaning))

        remote = record.remote_id or ""
        self._remote_id.setText(remote)
        self._remote_id.setCursorPosition(0)
        self._remote_id.setEnabled(bool(remote))
        self._copy.setEnabled(bool(remote))
        self._copied.setText("")
        self._no_remote.setVisible(not remote)
        self._local_id.setText(f"Order number on this computer: {record.id}")

        foc = port_date_text(record.foc_date, d.foc_countdown)
        self._foc.setText(foc)
        self._foc.setVisible(bool(foc))
        self._next.setText(d.next_action)
        # a rejection's next step is the box below (the same words, laid out); a blocked
        # request is news the box does not carry
        self._next.setVisible(record.status != "rejected"
                              or any(e.state == "blocked" for e in d.waiting))

        self._rejection.fill(d)
        self._checklist.fill(d)

        self._cancel.setEnabled(d.can_cancel)
        waiting_cancel = any(e.operation == "cancel" for e in d.waiting)
        if waiting_cancel:
            note = "Your request to cancel is waiting to be sent."
        elif record.status == "cancel_pending":
            note = "The provider is cancelling this order."
        else:
            note = ""
        self._cancel_note.setText(note)
        self._cancel_note.setVisible(bool(note))

        self._numbers.fill(d)
        self._timeline.fill(d)
        self._comments.fill(d)
        self._documents.fill(d)

    # ------------------------------------------------------------------ actions
    def _request(self, signal) -> None:
        if self._order_id is not None and self._detail is not None:
            signal.emit(self._order_id)

    def _copy_remote_id(self) -> None:
        remote = self._remote_id.text()
        if not remote:
            return
        QGuiApplication.clipboard().setText(remote)
        self._copied.setText("Copied.")
        self._copied_timer.start()

    def _open(self, label: str, path: str) -> None:
        if self._preview is None:
            self._preview = DocumentPreviewDialog(self)
        self._preview.show_document(label, path)

    # ------------------------------------------------------------------ Qt events
    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            theme.refresh_tones(self)
            self._rejection.update()
            self._dot.update()
        super().changeEvent(event)
