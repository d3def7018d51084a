"""File locks that the operating system drops when their process ends, even when it is
killed: ``flock`` on macOS and Linux, ``msvcrt.locking`` on Windows. Taken on an open file
descriptor, so two opens of one file conflict even within one process, and no process id
is ever compared (a reused one cannot be mistaken for the owner). No Qt here.

Used by the store's run locks (``store.owner``: is a sender still alive?) and by the
window's one-instance-per-data-folder guard (``gui.single_instance``).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - exercised on Windows CI only
    import msvcrt

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


def hold_file(path: Path) -> int | None:
    """Open ``path`` (made with its folder when missing, readable by this user only) and
    lock it: the open descriptor, or None when another open holds the lock. OSError when
    the file cannot be made (a read-only or full folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    if not try_lock(fd):
        os.close(fd)
        return None
    return fd


def let_go(fd: int) -> None:
    """Unlock and close what :func:`hold_file` returned."""
    unlock(fd)
    os.close(fd)
