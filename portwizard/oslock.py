"""File locks that the operating system drops when their process ends, even when it is
killed: ``flock`` on macOS and Linux, ``msvcrt.locking`` on Windows. Taken on an open file
descriptor, so two opens of one file conflict even within one process, and no process id
is ever compared (a reused one cannot be mistaken for the owner). No Qt here.

Used by the store's run locks (``store.owner``: is a sender still alive?) and by the
window's one-instance-per-data-folder guard (``gui.single_instance``).
"""
from __future__ import annotations

import sys

if sys.platform == "win32":  # pragma: no cover - exercised on Windows CI only
    import msvcrt
    import os

    def try_lock(fd: int) -> bool:
        """Lock ``fd`` at once; False when another open of the file holds it."""
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def try_lock(fd: int) -> bool:
        """Lock ``fd`` at once; False when another open of the file holds it."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
