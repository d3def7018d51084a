"""Which process holds an outbox claim, and whether it is still running.

Each process that sends takes a *run lock*: a small file ``senders/<token>.lock`` next to the
database, locked by the operating system for as long as the process lives (``flock`` on
macOS and Linux, ``msvcrt.locking`` on Windows). A claim on an outbox entry records the
token. Another process can then tell a sender that is still busy (its file is locked: the
claim holds for the whole lease) from one that was killed mid-send (the OS dropped its lock:
the entry is free at once, and is sent again with the same idempotency key). The locks are
:mod:`portwizard.oslock`'s.

Per open file, not per process id, so a reused process id or a second store in the same
process can never be mistaken for the owner.
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from portwizard.oslock import hold_file, let_go, try_lock, unlock

log = logging.getLogger(__name__)

FOLDER = "senders"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def random_hex() -> str:
    """32 random hex digits: run tokens and draft ids (what ``uuid.uuid4().hex`` gives,
    without loading uuid and the platform module it imports on the way to the window)."""
    return os.urandom(16).hex()


class RunLock:
    """This process's run lock in ``folder`` (taken on first use)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder) / FOLDER
        self.token = random_hex()
        self._fd: int | None = None

    def hold(self) -> str:
        """Take the lock if not yet held; returns the token to record with a claim. When the
        folder cannot hold it (read-only), the claim falls back to the plain lease."""
        if self._fd is None:
            try:
                self._fd = hold_file(self._path(self.token))
            except OSError as exc:
                log.info("no run lock for outbox claims (%s)", type(exc).__name__)
        return self.token

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        let_go(fd)
        try:
            os.unlink(self._path(self.token))
        except OSError:
            pass

    def is_gone(self, token: str) -> bool:
        """True when the process that recorded ``token`` no longer runs (its lock file is
        free or absent). Our own token is never gone."""
        if token == self.token:
            return False
        if not _TOKEN.match(token or ""):
            return False  # not a run token (older claims): only the lease frees them
        path = self._path(token)
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            return True
        except OSError:
            return False
        try:
            if not try_lock(fd):
                return False  # held: that sender is alive
            try:
                os.unlink(path)  # its owner died: tidy up while we hold it
            except OSError:
                pass
            unlock(fd)
            return True
        finally:
            os.close(fd)

    def _path(self, token: str) -> Path:
        return self.folder / f"{token}.lock"
