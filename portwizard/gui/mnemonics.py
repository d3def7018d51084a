"""Find keyboard mnemonics (the underlined letter, Alt+letter on Windows and Linux) that two
visible controls of one window share.

When two controls share Alt+N, Qt cycles between them, so on a wizard page Alt+N lands in a
field instead of pressing "Next". Call :func:`mnemonic_clashes` on any top-level widget (the
wizard, the main window, a dialog)::

    mnemonic_clashes(root: QWidget) -> list[str]   # [] when every Alt+letter is unique

It looks at what is visible in ``root`` (hidden pages, tabs and widgets do not count):

* buttons of every kind (push, tool, check and radio buttons; a QWizard's own Back / Next /
  Cancel / Finish buttons are ordinary children, so they are included),
* labels with a buddy (a label's mnemonic only works with one),
* group box titles, the tab titles of tab bars, and the titles of a menu bar's menus.

Each clash reads ``"Alt+N: 'Account &number:' (QLabel carrier.account_number_label),
'&Next >' (QPushButton wizard.next)"``, sorted by letter.
"""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton, QGroupBox, QLabel, QMenuBar, QTabBar, QWidget,
)


def mnemonic_of(text: str) -> str | None:
    """The mnemonic letter of a control's text, lower-case (``"Account num&ber"`` -> ``"b"``),
    or None. ``"&&"`` is a literal ampersand (``"AT&&T"`` has none)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            if not text[i + 1].isspace():
                return text[i + 1].lower()
        i += 1
    return None


def _describe(kind: QWidget, text: str) -> str:
    name = kind.objectName() or "(no name)"
    return f"{text!r} ({type(kind).__name__} {name})"


def _texts(widget: QWidget) -> list[str]:
    """The texts of ``widget`` whose mnemonics are live."""
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QLabel):
        buddy = widget.buddy()
        return [widget.text()] if buddy is not None and buddy.isEnabled() else []
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count())
                if widget.isTabVisible(i) and widget.isTabEnabled(i)]
    if isinstance(widget, QMenuBar):
        return [a.text() for a in widget.actions() if a.isVisible()]
    return []


def mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Every live mnemonic letter under ``root`` and the controls using it (described)."""
    found: dict[str, list[str]] = {}
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if widget is root and not isinstance(widget, (QAbstractButton, QGroupBox)):
            continue
        for text in _texts(widget):
            letter = mnemonic_of(text)
            if letter:
                found.setdefault(letter, []).append(_describe(widget, text))
    return found


def mnemonic_clashes(root: QWidget) -> list[str]:
    """One description per Alt+letter used by two or more visible controls under ``root``."""
    return [f"Alt+{letter.upper()}: " + ", ".join(users)
            for letter, users in sorted(mnemonics(root).items()) if len(users) > 1]
