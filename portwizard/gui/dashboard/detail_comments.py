"""The conversation with the provider in the order detail pane: the comments so far, the box
to write a new one, and sending it.

A comment is handed to ``App.comment`` on a worker; it waits on this computer while the
provider cannot be reached. What was typed is never lost: it stays in the box when saving
fails, and it follows its order when the user looks at another one meanwhile (back in the
box when that order is shown again). A provider whose porting API takes no notes (Twilio)
gets a sentence saying whom to contact instead of a box that could only fail later.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from portwizard.gui.dashboard.detail_parts import _Box, _button, _label, _List, local_time
from portwizard.gui.workers import TaskHandle, run_task
from portwizard.services.order_detail import OrderDetail

EMPTY_COMMENT = "Type your comment in the box first, then press Add comment."


class Comments(QWidget):
    """The comments of the order on screen and the box to add one. The pane tells it which
    order that is (:meth:`show_order`) and fills it (:meth:`fill`)."""

    sent = Signal(str)    # a comment was added to this order
    answered = Signal()   # adding a comment to the order on screen is over: read it again

    def __init__(self, app, gap: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._order_id: str | None = None
        self._comment_tasks: dict[str, TaskHandle] = {}  # order id -> comment being sent
        self._unsent: dict[str, str] = {}   # what was typed for other orders
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(gap // 2)

        self._comments = _List("detail.comments", "Comments between you and the provider")
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

    def show_order(self, order_id: str | None) -> None:
        """Another order is shown (None: none): keep what was typed for the one before and
        put back what was typed for this one."""
        self._keep_typed_comment()
        self._order_id = order_id
        self._comment_message.setText("")
        self._comment_text.setPlainText(self._unsent.pop(order_id, "") if order_id else "")
        self._set_sending(order_id in self._comment_tasks)

    def fill(self, d: OrderDetail) -> None:
        # A provider without notes in its API (Twilio): no box that could only fail later.
        for widget in (self._write_label, self._comment_text, self._add_comment,
                       self._comment_message):
            widget.setVisible(d.can_comment)
        self._no_comments_note.setVisible(not d.can_comment)
        self._no_comments_note.setText(
            "" if d.can_comment else f"{d.provider.name} takes no notes through its porting "
            f"system: to tell them something about this order, contact {d.provider.name}'s "
            "support and give them the provider's order number above.")
        self._comments.restart(len(d.comments), "No comments yet.", "detail.no_comments")
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
            self._comments.add(item)

    # ------------------------------------------------------------------ sending
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
            self.sent.emit(order_id)
        elif not here:
            self._unsent[order_id] = text
        if here:
            self._set_sending(False)
            self._comment_message.setText(result.message)
            self.answered.emit()

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
