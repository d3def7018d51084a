"""One window per data folder: a second ``portwizard`` brings the running one forward and
leaves, so the same draft is never edited in two windows (the later autosave would silently
overwrite the other window's typing).

The running instance holds a lock on a file in the data folder (:mod:`portwizard.oslock`:
the operating system drops it with the process, so the lock of one that crashed or was
killed is free at once) and listens on a local socket named after that folder. A second
start finds the lock taken, connects, asks the first to come forward and waits for its
answer; a first instance that does not answer is reported, never silently ignored.
"""
from __future__ import annotations

import functools
import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from portwizard import oslock

log = logging.getLogger(__name__)

LOCK_NAME = "portwizard.lock"
ACTIVATE = b"activate\n"
ANSWER = b"shown\n"
WAIT_MS = 3000  # how long a second start waits for the first one to answer


def server_name(data_dir: Path) -> str:
    """A local socket name for this data folder (short: Unix socket paths are limited)."""
    import hashlib  # (its OpenSSL library takes ~3 ms to load: not before the window shows)

    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()
    return f"portwizard-{digest[:20]}"


class SingleInstance(QObject):
    """``claim()`` once at start: True for the first instance (which then emits
    ``activated`` whenever a later start asks it to come forward)."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._fd: int | None = None  # the lock file, open and locked, while this one claims
        self._server = None  # the QLocalServer, once listening

    @functools.cached_property
    def name(self) -> str:
        """The local socket's name (needed once the window is up, or by a second start;
        worked out once: a second start asks for it on every attempt to connect)."""
        return server_name(self.data_dir)

    def claim(self) -> bool:
        """True when no other instance uses this data folder (this one now does). The
        first instance then calls :meth:`listen` once its window is up (QtNetwork stays off
        the start-up path; a second start keeps trying to connect until it listens)."""
        if self._fd is not None:
            return True
        try:
            # (a first start makes the folder here: two first starts must meet on one lock)
            self._fd = oslock.hold_file(self.data_dir / LOCK_NAME)
        except OSError as exc:
            # The folder cannot hold a lock (read-only, full): the store reports that
            # plainly when it opens; do not stop here.
            log.info("no single-instance lock in the data folder (%s)", type(exc).__name__)
            return True
        return self._fd is not None

    def listen(self) -> None:
        """Answer later starts' "come forward" (call after :meth:`claim` returned True)."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None or self._fd is None:
            return
        QLocalServer.removeServer(self.name)  # we hold the lock: any socket left is stale
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.info("no single-instance socket: %s", server.errorString())
            return
        server.newConnection.connect(self._answer)
        self._server = server

    def ask_running_to_show(self, wait_ms: int = WAIT_MS) -> bool:
        """Ask the instance holding the lock to bring its window forward; True when it
        answered within ``wait_ms``."""
        from PySide6.QtNetwork import QLocalSocket

        deadline = time.monotonic() + wait_ms / 1000
        while time.monotonic() < deadline:
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(200):
                socket.write(ACTIVATE)
                socket.waitForBytesWritten(500)
                answer = b""
                while ANSWER not in answer and time.monotonic() < deadline:
                    if socket.waitForReadyRead(100):
                        answer += bytes(socket.readAll().data())
                    elif socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
                        break
                socket.disconnectFromServer()
                if ANSWER in answer:
                    return True
            time.sleep(0.05)  # the first instance holds the lock but is not listening yet
        return False

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._fd is not None:  # (the file stays: another start may be opening it)
            fd, self._fd = self._fd, None
            oslock.let_go(fd)

    def _answer(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            socket.setParent(self)

            def read(s=socket) -> None:
                if ACTIVATE.strip() in bytes(s.readAll().data()):
                    self.activated.emit()
                    s.write(ANSWER)
                    s.flush()
                    s.disconnectFromServer()

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                read()


NOT_ANSWERING = ("portwizard is already open for this computer's orders, but it is not "
                 "answering. Switch to its window, or close it (if it does not close, end "
                 "it in the Task Manager or Activity Monitor) and start portwizard again.")
