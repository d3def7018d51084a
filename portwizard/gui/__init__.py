"""The desktop GUI (PySide6). Importing this package imports no Qt module."""
from portwizard.gui.qtfix import make_none_immortal

# Before any Qt call can lose a reference to None (see qtfix).
make_none_immortal()
