"""The read-only sections of the order detail pane, each filled from an
:class:`~portwizard.services.order_detail.OrderDetail`: why a rejected order was turned down
(and the button that starts the fix), the checklist before the port date, the numbers and
their status, and the history, newest first.

Each section is one widget with a ``fill(detail)`` method; the pane
(:mod:`portwizard.gui.dashboard.detail`) puts them under their headings and decides when they
are filled. What comes from the provider (its words, notes) is shown as plain text or
escaped.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QSizePolicy, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from portwizard.domain.status import Tone
from portwizard.gui.dashboard.detail_parts import (
    _Box, _button, _Callout, _clear, _heading, _label, _List, local_time,
)
from portwizard.services.order_detail import OrderDetail
from portwizard.services.tracking import describe_fields


class RejectionBox(_Callout):
    """A rejection: why, how to fix it, and the button that starts the fix (:attr:`fix`,
    connected by the pane)."""

    def __init__(self, gap: int, parent: QWidget | None = None) -> None:
        super().__init__(Tone.BAD, parent)
        self.setObjectName("detail.rejection")
        self.setAccessibleName("Why the order was rejected")
        box = QVBoxLayout(self)
        box.setSpacing(gap // 2)
        self._reason_title = _heading("", "detail.reason_title")
        self._reason_text = _label(name="detail.reason_explanation", selectable=True)
        self._reason_fix = _label(name="detail.reason_fix", selectable=True)
        self._provider_words = _label(name="detail.provider_words", selectable=True)
        self._reason_fields = _label(name="detail.reason_fields")
        self.fix = _button("Fix and &resubmit\u2026", "detail.fix", "Fix and resubmit",
                           "Open the order with the fields to correct marked, then send it "
                           "again.")
        font = QFont(self.fix.font())
        font.setBold(True)
        self.fix.setFont(font)
        self.fix.setDefault(True)
        self._fix_note = _label(name="detail.fix_note")
        fix_row = QHBoxLayout()
        fix_row.addWidget(self.fix)
        fix_row.addWidget(self._fix_note, 1)
        for w in (self._reason_title, self._reason_text, self._reason_fix, self._reason_fields,
                  self._provider_words):
            box.addWidget(w)
        box.addLayout(fix_row)

    def fill(self, d: OrderDetail) -> None:
        rejected = d.record.status == "rejected"
        self.setVisible(rejected)
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
        self.fix.setEnabled(d.can_resubmit)
        if any(e.operation == "resubmit" for e in d.waiting):
            note = "The corrected order is waiting to be sent."
        else:
            note = ""
        self._fix_note.setText(note)


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


class Checklist(_Box):
    """What to do before the port date, as boxes to tick; hidden when there is nothing."""

    def __init__(self, gap: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detail.checklist")
        self.setAccessibleName("Before the port date")
        checklist = QVBoxLayout(self)
        checklist.setContentsMargins(0, gap // 2, 0, 0)
        checklist.addWidget(_heading("Before the port date", "detail.checklist_heading"))
        self._items = QVBoxLayout()
        checklist.addLayout(self._items)

    def fill(self, d: OrderDetail) -> None:
        _clear(self._items)
        for i, item in enumerate(d.checklist):
            self._items.addWidget(_CheckItem(item, f"detail.checklist.{i}"))
        self.setVisible(bool(d.checklist))


class NumbersTable(QTableWidget):
    """The order's numbers and the status of each; as tall as its rows (up to ten)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setObjectName("detail.numbers")
        self.setAccessibleName("Numbers in this order and their status")
        self.setHorizontalHeaderLabels(["Number", "Status"])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def fill(self, d: OrderDetail) -> None:
        self.setRowCount(len(d.numbers))
        for row, n in enumerate(d.numbers):
            number = QTableWidgetItem(n.display)
            number.setToolTip(n.number)
            self.setItem(row, 0, number)
            status = QTableWidgetItem(n.label)
            status.setToolTip(n.label)
            self.setItem(row, 1, status)
        self.resizeColumnToContents(0)
        rows = min(len(d.numbers), 10) or 1
        height = (self.horizontalHeader().sizeHint().height()
                  + rows * self.verticalHeader().defaultSectionSize()
                  + 2 * self.frameWidth())
        self.setFixedHeight(height)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded
                                        if len(d.numbers) > 10
                                        else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


class Timeline(_List):
    """The order's history, newest first: when, what, from whom, and the note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("detail.timeline", "History of the order, newest first", parent)

    def fill(self, d: OrderDetail) -> None:
        self.restart(len(d.timeline), "Nothing has happened yet.")
        for i, entry in enumerate(reversed(d.timeline)):
            text = (f"<b>{html.escape(local_time(entry.at))}</b> \u2013 "
                    f"{html.escape(entry.label)} <i>({html.escape(entry.source)})</i>")
            if entry.note.strip():
                text += f"<br>{html.escape(entry.note.strip())}"
            label = _label(text, name=f"detail.timeline.{i}", rich=True, selectable=True)
            label.setAccessibleName(" ".join(x for x in (
                local_time(entry.at), entry.label, f"from {entry.source}", entry.note) if x))
            self.add(label)
