"""Sample light and dark palettes for checking colours (tests and screenshot scripts)."""
from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def dark_palette() -> QPalette:
    """A dark mode like the ones macOS and Windows apply to Qt applications."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, color in ((roles.Window, "#202124"), (roles.WindowText, "#e8eaed"),
                        (roles.Base, "#17181a"), (roles.AlternateBase, "#2a2b2e"),
                        (roles.Text, "#e8eaed"), (roles.Button, "#303134"),
                        (roles.ButtonText, "#e8eaed"), (roles.PlaceholderText, "#9aa0a6"),
                        (roles.Mid, "#5f6368"), (roles.Highlight, "#8ab4f8"),
                        (roles.HighlightedText, "#202124"), (roles.Link, "#8ab4f8"),
                        (roles.ToolTipBase, "#303134"), (roles.ToolTipText, "#e8eaed")):
        p.setColor(role, QColor(color))
    p.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor("#80868b"))
    p.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor("#80868b"))
    return p


def light_palette() -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, color in ((roles.Window, "#f3f3f3"), (roles.WindowText, "#1f1f1f"),
                        (roles.Base, "#ffffff"), (roles.Text, "#1f1f1f")):
        p.setColor(role, QColor(color))
    return p
