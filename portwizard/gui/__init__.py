"""The desktop GUI (PySide6). Importing this package imports no Qt module."""
