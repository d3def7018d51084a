"""One order, the way the user reads it on the dashboard: what it is and where it stands,
the port date, what to do now, why it was rejected and how to fix it, the numbers, the
history, the conversation with the provider and the documents that went with it.

:class:`OrderDetailView` reads ``App.order_detail(id)`` on a worker (never SQL on the GUI
thread) and shows it inside a scroll area, so nothing is cut off in a small window or at
200 % scale. It changes nothing itself except adding comments; fixing, cancelling,
duplicating and exporting are asked for by signal and done by the window around it.

Text that comes from the provider or the user (comments, notes, rejection words) is shown
as plain text, never as rich text.
"""
from __future__ import annotations

import datetime as _dt
import html
from pathlib import Path

from PySide6.QtCore import (
    QEvent, QLocale, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTime, QTimer, Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QHeaderView,
    QLabel, QLayout, QLineEdit, QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy, QStackedWidget,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from portwizard.domain import dates
from portwizard.domain.status import Tone
from portwizard.gui import theme
from portwizard.gui.widgets.pdf_preview import PdfPreview
from portwizard.gui.workers import TaskHandle, run_task
from portwizard.services.order_detail import OrderDetail
from portwizard.services.tracking import describe_fields
from portwizard.store import StoreError

PLACEHOLDER = "Select an order to see its details."
LOADING = "Loading\u2026"
MISSING_FILE = "This file is no longer on this computer."
EMPTY_COMMENT = "Type your comment in the box first, then press Add comment."
NO_REMOTE_ID = "Not given yet: the order has not reached the provider."

#: the theme's tone names for the status vocabulary's tones (see portwizard.domain.status)
_THEME_TONES = {Tone.BAD: "error", Tone.WAITING: "warning", Tone.GOOD: "ok",
                Tone.PROGRESS: "info", Tone.MUTED: "muted"}


# --------------------------------------------------------------------------- small helpers

def status_color(tone: Tone, palette: QPalette | None = None) -> QColor:
    """The colour of a status tone on ``palette`` (the theme's, readable in dark mode)."""
    return theme.tone_color(_THEME_TONES[tone], palette)


def local_time(iso: str, now: _dt.datetime | None = None) -> str:
    """``Today, 3:05 PM`` / ``Yesterday, 9:12 AM`` / ``Nov 16, 2026, 4:30 PM`` in local time
    for a stored UTC stamp; the text itself when it is not a time."""
    if not iso:
        return ""
    try:
        moment = _dt.datetime.fromisoformat(iso.strip().replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    local = moment.astimezone()
    today = (now or _dt.datetime.now(_dt.timezone.utc)).astimezone().date()
    clock = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if local.date() == today:
        return f"Today, {clock}"
    if local.date() == today - _dt.timedelta(days=1):
        return f"Yesterday, {clock}"
    return f"{local:%b} {local.day}, {local.year}, {clock}"


def short_date(day: _dt.date) -> str:
    """``Mon, Dec 14, 2026``."""
    return f"{day:%a}, {day:%b} {day.day}, {day.year}"


def port_date_text(foc_date: str | None, countdown: str) -> str:
    """``Numbers move on Mon, Dec 14, 2026 (in 3 business days)``; "" without a date."""
    day = dates.parse_date(foc_date)
    if day is None:
        return ""
    when = f" ({countdown})" if countdown else ""
    if countdown.endswith("ago") or countdown == "yesterday":
        return f"Port date was {short_date(day)}{when}"
    return f"Numbers move on {short_date(day)}{when}"


def _label(text: str = "", *, name: str = "", rich: bool = False,
           selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    policy.setHeightForWidth(True)
    label.setSizePolicy(policy)  # before setWordWrap: a new policy would drop its hfw flag
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    if name:
        label.setObjectName(name)
    return label


def _heading(text: str, name: str, scale: float = 1.15) -> QLabel:
    label = _label(text, name=name)
    font = QFont(label.font())
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def _button(text: str, name: str, accessible: str, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    if tip:
        button.setToolTip(tip)
    return button


def _clear(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())


class _Box(QWidget):
    """A container of word-wrapped labels. The layout's height for the actual width is what
    counts: a wrapped QLabel's minimum height is a guess for a narrow width, and adding those
    up made the scroll area's page far taller than its content (blank space to scroll)."""

    def minimumSizeHint(self):  # noqa: N802
        return QSize(super().minimumSizeHint().width(), 0)


class _FlowLayout(QLayout):
    """Buttons in a row that wraps onto the next line when the pane is narrow (a side panel
    at 200 % scale), instead of forcing a horizontal scroll bar."""

    def __init__(self, spacing: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = sum(i.sizeHint().width() for i in self._items) + self._gap * max(
            0, len(self._items) - 1)
        return QSize(width, max((i.sizeHint().height() for i in self._items), default=0))

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


class _Callout(QFrame):
    """A box with a tone-coloured border on the palette's alternate background; follows
    palette changes (dark mode) because it paints itself."""

    def __init__(self, tone: Tone, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tone = tone
        margin = self.fontMetrics().height() // 2 + 2
        self.setContentsMargins(margin, margin, margin, margin)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(status_color(self.tone, self.palette()))
        pen.setWidthF(max(1.5, self.fontMetrics().height() / 10))
        painter.setPen(pen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.AlternateBase))
        half = pen.widthF() / 2
        radius = self.fontMetrics().height() / 3
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half),
                                radius, radius)
        painter.end()

    def minimumSizeHint(self):  # noqa: N802 - see _Box
        return QSize(super().minimumSizeHint().width(), 0)


class _Dot(QWidget):
    """The status tone as a small filled circle beside the status words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tone = Tone.MUTED
        side = self.fontMetrics().height()
        self.setFixedSize(side, side)
        self.setAccessibleName("")  # the words next to it say the same

    def set_tone(self, tone: Tone) -> None:
        self.tone = tone
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(status_color(self.tone, self.palette()))
        r = self.height() * 0.3
        painter.drawEllipse(QPointF(self.width() / 2, self.height() / 2), r, r)
        painter.end()


class _CheckItem(_Box):
    """A check box whose long text wraps (QCheckBox's own text never does)."""

    def __init__(self, text: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.box.setObjectName(name)
        self.box.setAccessibleName(text)
        self.text = _label(text)
        self.text.setBuddy(self.box)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        self.text.mousePressEvent = lambda _e: self.box.toggle()  # the words toggle it too


class DocumentPreviewDialog(QDialog):
    """A non-modal window showing one of the order's documents in the PDF preview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detail.preview_dialog")
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.preview = PdfPreview(self)
        self.preview.setObjectName("detail.preview")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            "Close the document")
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        height = self.fontMetrics().height()
        self.resize(height * 40, height * 48)

    def show_document(self, label: str, path: str) -> None:
        self.setWindowTitle(f"{label} \u2013 {Path(path).name}")
        self.setAccessibleName(label)
        self.preview.load(path)
        self.show()
        self.raise_()
        self.activateWindow()


# --------------------------------------------------------------------------- the view

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
        self._comment_tasks: dict[str, TaskHandle] = {}  # order id -> comment being sent
        self._unsent: dict[str, str] = {}   # what was typed for other orders
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
        self._rejection = _Callout(Tone.BAD)
        self._rejection.setObjectName("detail.rejection")
        self._rejection.setAccessibleName("Why the order was rejected")
        box = QVBoxLayout(self._rejection)
        box.setSpacing(gap // 2)
        self._reason_title = _heading("", "detail.reason_title")
        self._reason_text = _label(name="detail.reason_explanation", selectable=True)
        self._reason_fix = _label(name="detail.reason_fix", selectable=True)
        self._provider_words = _label(name="detail.provider_words", selectable=True)
        self._reason_fields = _label(name="detail.reason_fields")
        self._fix = _button("Fix and &resubmit\u2026", "detail.fix", "Fix and resubmit",
                            "Open the order with the fields to correct marked, then send it "
                            "again.")
        font = QFont(self._fix.font())
        font.setBold(True)
        self._fix.setFont(font)
        self._fix.setDefault(True)
        self._fix.clicked.connect(lambda: self._request(self.fixRequested))
        self._fix_note = _label(name="detail.fix_note")
        fix_row = QHBoxLayout()
        fix_row.addWidget(self._fix)
        fix_row.addWidget(self._fix_note, 1)
        for w in (self._reason_title, self._reason_text, self._reason_fix, self._reason_fields,
                  self._provider_words):
            box.addWidget(w)
        box.addLayout(fix_row)
        lay.addWidget(self._rejection)

        # before the port date
        self._checklist = _Box()
        self._checklist.setObjectName("detail.checklist")
        self._checklist.setAccessibleName("Before the port date")
        checklist = QVBoxLayout(self._checklist)
        checklist.setContentsMargins(0, gap // 2, 0, 0)
        checklist.addWidget(_heading("Before the port date", "detail.checklist_heading"))
        self._checklist_items = QVBoxLayout()
        checklist.addLayout(self._checklist_items)
        lay.addWidget(self._checklist)


        # numbers
        lay.addSpacing(gap // 2)
        lay.addWidget(_heading("Numbers", "detail.numbers_heading"))
        self._numbers = QTableWidget(0, 2)
        self._numbers.setObjectName("detail.numbers")
        self._numbers.setAccessibleName("Numbers in this order and their status")
        self._numbers.setHorizontalHeaderLabels(["Number", "Status"])
        self._numbers.verticalHeader().hide()
        self._numbers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._numbers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._numbers.setWordWrap(False)
        header = self._numbers.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._numbers.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        lay.addWidget(self._numbers)

        # history, newest first
        lay.addSpacing(gap // 2)
        lay.addWidget(_heading("History", "detail.timeline_heading"))
        self._timeline = _Box()
        self._timeline.setObjectName("detail.timeline")
        self._timeline.setAccessibleName("History of the order, newest first")
        self._timeline_items = QVBoxLayout(self._timeline)
        self._timeline_items.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self._timeline)

        # comments
        lay.addSpacing(gap // 2)
        lay.addWidget(_heading("Comments", "detail.comments_heading"))
        self._comments = _Box()
        self._comments.setObjectName("detail.comments")
        self._comments.setAccessibleName("Comments between you and the provider")
        self._comment_items = QVBoxLayout(self._comments)
        self._comment_items.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self._comments)
        write = _label("&Write to the provider:")
        self._comment_text = QPlainTextEdit()
        self._comment_text.setObjectName("detail.comment_text")
        self._comment_text.setAccessibleName("Comment to the provider")
        self._comment_text.setTabChangesFocus(True)
        self._comment_text.setPlaceholderText("For example: the old carrier says the account "
                                              "number on the bill is the right one.")
        line = self._comment_text.fontMetrics().lineSpacing()
        self._comment_text.setMinimumHeight(line * 3 + gap)
        self._comment_text.setMaximumHeight(line * 6 + gap)
        write.setBuddy(self._comment_text)
        self._add_comment = _button("Add co&mment", "detail.add_comment", "Add comment",
                                    "Send the comment to the provider (it waits on this "
                                    "computer while the provider cannot be reached).")
        self._add_comment.clicked.connect(self._send_comment)
        self._comment_message = _label(name="detail.comment_message")
        comment_row = QHBoxLayout()
        comment_row.addWidget(self._add_comment, 0, Qt.AlignmentFlag.AlignTop)
        comment_row.addWidget(self._comment_message, 1)
        self._write_label = write
        self._no_comments_note = _label(name="detail.comments_unsupported")
        lay.addWidget(write)
        lay.addWidget(self._comment_text)
        lay.addLayout(comment_row)
        lay.addWidget(self._no_comments_note)

        # documents
        lay.addSpacing(gap // 2)
        lay.addWidget(_heading("Documents", "detail.documents_heading"))
        self._documents = _Box()
        self._documents.setObjectName("detail.documents")
        self._documents.setAccessibleName("Documents sent with the order")
        self._document_items = QVBoxLayout(self._documents)
        self._document_items.setContentsMargins(0, 0, 0, 0)
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
        self._keep_typed_comment()
        self._order_id = order_id
        self._detail = None
        self._comment_message.setText("")
        self._comment_text.setPlainText(self._unsent.pop(order_id, "") if order_id else "")
        self._set_sending(order_id in self._comment_tasks)
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

        self._fill_rejection(d)
        self._fill_checklist(d)

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

        self._fill_numbers(d)
        self._fill_timeline(d)
        self._fill_comments(d)
        self._fill_documents(d)

    def _fill_rejection(self, d: OrderDetail) -> None:
        rejected = d.record.status == "rejected"
        self._rejection.setVisible(rejected)
        if not rejected:
            return
        reason = d.reason
        if reason is not None:
            self._reason_title.setText(reason.title)
            self._reason_text.setText(reason.explanation)
            self._reason_fix.setText(f"How to fix it: {reason.fix}")
            fields = describe_fields(reason.fields) if reason.fields else ""
            self._reason_fields.setText(f"Check these fields: {fields}." if fields else "")
            self._reason_fields.setVisible(bool(fields))
        else:
            self._reason_title.setText("The old carrier rejected the order")
            self._reason_text.setText("The provider did not say why in words this program "
                                      "knows. Their message is below.")
            self._reason_fix.setText("How to fix it: read the provider\u2019s words, correct "
                                     "the order and send it again, or ask the provider in a "
                                     "comment.")
            self._reason_fields.setVisible(False)
        self._reason_title.setAccessibleName(self._reason_title.text())
        words = d.rejection_text.strip()
        self._provider_words.setText(f"The provider wrote: \u201c{words}\u201d" if words else "")
        self._provider_words.setVisible(bool(words))
        self._fix.setEnabled(d.can_resubmit)
        if any(e.operation == "resubmit" for e in d.waiting):
            note = "The corrected order is waiting to be sent."
        else:
            note = ""
        self._fix_note.setText(note)

    def _fill_checklist(self, d: OrderDetail) -> None:
        _clear(self._checklist_items)
        for i, item in enumerate(d.checklist):
            self._checklist_items.addWidget(_CheckItem(item, f"detail.checklist.{i}"))
        self._checklist.setVisible(bool(d.checklist))

    def _fill_numbers(self, d: OrderDetail) -> None:
        table = self._numbers
        table.setRowCount(len(d.numbers))
        for row, n in enumerate(d.numbers):
            number = QTableWidgetItem(n.display)
            number.setToolTip(n.number)
            table.setItem(row, 0, number)
            status = QTableWidgetItem(n.label)
            status.setToolTip(n.label)
            table.setItem(row, 1, status)
        table.resizeColumnToContents(0)
        rows = min(len(d.numbers), 10) or 1
        height = (table.horizontalHeader().sizeHint().height()
                  + rows * table.verticalHeader().defaultSectionSize()
                  + 2 * table.frameWidth())
        table.setFixedHeight(height)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded
                                         if len(d.numbers) > 10
                                         else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _fill_timeline(self, d: OrderDetail) -> None:
        _clear(self._timeline_items)
        if not d.timeline:
            self._timeline_items.addWidget(_label("Nothing has happened yet."))
        for i, entry in enumerate(reversed(d.timeline)):
            text = (f"<b>{html.escape(local_time(entry.at))}</b> \u2013 "
                    f"{html.escape(entry.label)} <i>({html.escape(entry.source)})</i>")
            if entry.note.strip():
                text += f"<br>{html.escape(entry.note.strip())}"
            label = _label(text, name=f"detail.timeline.{i}", rich=True, selectable=True)
            label.setAccessibleName(" ".join(x for x in (
                local_time(entry.at), entry.label, f"from {entry.source}", entry.note) if x))
            self._timeline_items.addWidget(label)

    def _fill_comments(self, d: OrderDetail) -> None:
        # A provider without notes in its API (Twilio): no box that could only fail later.
        for widget in (self._write_label, self._comment_text, self._add_comment,
                       self._comment_message):
            widget.setVisible(d.can_comment)
        self._no_comments_note.setVisible(not d.can_comment)
        self._no_comments_note.setText(
            "" if d.can_comment else f"{d.provider.name} takes no notes through its porting "
            f"system: to tell them something about this order, contact {d.provider.name}'s "
            "support and give them the provider's order number above.")
        _clear(self._comment_items)
        if not d.comments:
            self._comment_items.addWidget(_label("No comments yet.", name="detail.no_comments"))
        for i, c in enumerate(d.comments):
            who = "You" if c.author == "you" else "Provider"
            parts = [who, local_time(c.at)]
            if c.pending:
                parts.append("waiting to be sent")
            head = _label(" \u00b7 ".join(p for p in parts if p), name=f"detail.comment.{i}.head")
            font = QFont(head.font())
            font.setBold(True)
            head.setFont(font)
            body = _label(c.text, name=f"detail.comment.{i}", selectable=True)
            body.setAccessibleName(f"{' '.join(parts)}: {c.text}")
            item = _Box()
            item.setObjectName(f"detail.comment_item.{i}")
            box = QVBoxLayout(item)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(head)
            box.addWidget(body)
            self._comment_items.addWidget(item)

    def _fill_documents(self, d: OrderDetail) -> None:
        _clear(self._document_items)
        if not d.documents:
            self._document_items.addWidget(_label("No documents were attached."))
        for doc in d.documents:
            name = Path(doc.path).name
            row = QHBoxLayout()
            text = _label(f"{doc.label}: {name}", name=f"detail.document.{doc.kind}",
                          selectable=True)
            text.setToolTip(doc.path)
            row.addWidget(text, 1)
            if doc.exists:
                button = _button("Open", f"detail.open_document.{doc.kind}",
                                 f"Open {doc.label}", f"Show {name}")
                button.clicked.connect(
                    lambda _=False, label=doc.label, path=doc.path: self._open(label, path))
                row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            holder = _Box()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addLayout(row)
            if not doc.exists:
                missing = _label(MISSING_FILE, name=f"detail.document.{doc.kind}.missing")
                theme.set_tone(missing, "warning")
                box.addWidget(missing)
            self._document_items.addWidget(holder)

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

    # ------------------------------------------------------------------ comments
    def _send_comment(self) -> None:
        order_id = self._order_id
        if order_id is None or order_id in self._comment_tasks:
            return
        text = self._comment_text.toPlainText()
        if not text.strip():
            self._comment_message.setText(EMPTY_COMMENT)
            self._comment_text.setFocus()
            return
        self._set_sending(True)
        self._comment_message.setText("Sending\u2026")
        self._comment_tasks[order_id] = run_task(
            self._app.comment, order_id, text,
            on_result=lambda r: self._comment_done(order_id, text, r),
            on_error=lambda e: self._comment_failed(order_id, text, e))

    def _comment_done(self, order_id: str, text: str, result) -> None:
        self._comment_tasks.pop(order_id, None)
        here = order_id == self._order_id
        if result.ok:
            if here:
                self._comment_text.clear()
            else:
                self._unsent.pop(order_id, None)
            self.changed.emit(order_id)
        elif not here:
            self._unsent[order_id] = text
        if here:
            self._set_sending(False)
            self._comment_message.setText(result.message)
            self.reload()

    def _comment_failed(self, order_id: str, text: str, error: BaseException) -> None:
        self._comment_tasks.pop(order_id, None)
        if order_id != self._order_id:
            self._unsent[order_id] = text  # back in the box when that order is shown again
            return
        self._set_sending(False)
        words = str(error) if isinstance(error, ValueError) else (
            f"The comment could not be saved ({type(error).__name__}).")
        self._comment_message.setText(f"{words} Your text is still in the box.")

    def _set_sending(self, sending: bool) -> None:
        self._comment_text.setReadOnly(sending)
        self._add_comment.setEnabled(not sending)

    def _keep_typed_comment(self) -> None:
        if self._order_id is not None and self._order_id not in self._comment_tasks:
            typed = self._comment_text.toPlainText()
            if typed.strip():
                self._unsent[self._order_id] = typed

    # ------------------------------------------------------------------ Qt events
    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            theme.refresh_tones(self)
            self._rejection.update()
            self._dot.update()
        super().changeEvent(event)
