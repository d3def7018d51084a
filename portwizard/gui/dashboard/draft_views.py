"""The unfinished-order views of the main window: the banner under the title ("You have an
unfinished order from …") and the panel beside the list when a draft is selected. Both are
built the first time a draft is offered or selected, so this module stays off the start-up
path (see WindowBuilding.banner and WindowBuilding.draft_panel)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from portwizard.gui.dashboard.models import numbers_text
from portwizard.gui.dashboard.panels import title_label
from portwizard.gui.timetext import moment_text
from portwizard.store import OrderRow


def step_title(step: str) -> str:
    from portwizard.flow import Step

    try:
        return Step(step).title
    except ValueError:  # a step of an older version: still say something
        return step.replace("_", " ").capitalize()


class ResumeBanner(QFrame):
    """"You have an unfinished order from …" with Resume and Later."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resume_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#resume_banner { background: palette(alternate-base);"
                           " border: 1px solid palette(mid); border-radius: 6px; }")
        self.label = QLabel()
        self.label.setObjectName("resume_banner.text")
        self.label.setWordWrap(True)
        self.resume_button = QPushButton("R&esume")
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

    def show_draft(self, info) -> None:
        from html import escape  # not at start-up: html.entities is large

        self.draft_id = info.id
        when = moment_text(info.updated_at)
        when = when[0].lower() + when[1:] if when.startswith(("Today", "Yesterday")) else when
        self.label.setText(f"<b>You have an unfinished order</b> from {when}: "
                           f"{escape(info.title)}. Pick up where you left off?")
        self.show()


class DraftPanel(QWidget):
    """Beside the list when an unfinished order is selected: where the user stopped."""
    resumeRequested = Signal(str)
    duplicateRequested = Signal(str)
    exportRequested = Signal(str)
    deleteRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draft_panel")
        self.row: OrderRow | None = None
        self.heading = title_label("", "draft_panel.title", 1.25)
        self.heading.setWordWrap(True)
        self.text = QLabel()
        self.text.setObjectName("draft_panel.text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, signal in (("resume", "&Resume", self.resumeRequested),
                                   ("duplicate", "Du&plicate", self.duplicateRequested),
                                   ("export", "E&xport\u2026", self.exportRequested),
                                   ("delete", "De&lete\u2026", self.deleteRequested)):
            button = QPushButton(label)
            button.setObjectName(f"draft_panel.{key}")
            button.clicked.connect(lambda *_, s=signal: self.row and s.emit(self.row.id))
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_row(self, row: OrderRow | None) -> None:
        self.row = row
        if row is None:
            return
        from html import escape
        self.heading.setText(row.title or "New order")
        numbers = numbers_text(row.numbers, limit=5) or "no numbers yet"
        where = step_title(row.step) if row.step else "the first step"
        self.text.setText(
            f"<p>Not sent yet. Everything typed is saved on this computer.</p>"
            f"<p><b>Numbers:</b> {escape(numbers)}<br><b>You stopped at:</b> {escape(where)}"
            f"<br><b>Last change:</b> {escape(moment_text(row.updated_at))}</p>"
            "<p>Resume to continue where you stopped; nothing goes to the provider until you "
            "press Send on the last step.</p>")
