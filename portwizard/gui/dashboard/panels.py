"""Small pieces of the main window: the title, the buttons that follow an action, the
placeholders, a file name from an order's title. (The unfinished-order banner and panel,
built only when a draft is offered or selected, are in draft_views.)"""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QLabel, QPushButton


def title_label(text: str, name: str, scale: float = 1.6) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def action_button(action: QAction, name: str, text: str) -> QPushButton:
    """A button that triggers ``action`` and follows its enabled state."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(action.toolTip())
    button.clicked.connect(action.trigger)
    action.changed.connect(lambda: button.setEnabled(action.isEnabled()))
    return button


def placeholder(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setMinimumHeight(70)
    label.setStyleSheet("color: palette(placeholder-text); border: 1px dashed palette(mid);"
                        " border-radius: 6px; padding: 12px;")
    return label


def safe_file_stem(title: str) -> str:
    stem = re.sub(r"[^\w\- ]+", "", title).strip() or "port order"
    return stem[:60]
