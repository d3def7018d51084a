"""The desktop GUI (PySide6). Importing this package imports no Qt module."""
from portwizard.gui.qtfix import make_none_immortal, skip_feature_scan

# Before any Qt call can lose a reference to None (see qtfix).
make_none_immortal()
# When PySide6 is already loaded, before the GUI modules are imported (see qtfix; the main
# start imports PySide6 later, in portwizard.gui.app, and calls it there).
skip_feature_scan()
