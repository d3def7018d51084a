"""``portwizard --startup-probe`` (for bench/bench_startup_main.py): the plain start of the
window, reporting when it is interactive. A module of its own so that the probe loads
nothing a plain ``portwizard`` start does not (the self-test module imports more)."""
from __future__ import annotations

import os
import sys


def rss_kib() -> int:
    """This process's resident memory in KiB (0 where it cannot be read)."""
    try:
        with open("/proc/self/statm", encoding="utf-8") as fh:  # (the bare reads it so)
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, AttributeError):
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak // 1024 if sys.platform == "darwin" else peak
    except (ImportError, OSError):
        return 0



def startup_probe() -> int:
    """``portwizard --startup-probe`` (for bench/): start exactly as ``portwizard`` without a
    command does (:func:`portwizard.gui.app.run`: application, logging, store, main window,
    tray icon, show), wait until the orders list has its first page from the store (read on
    a worker), let the event loop go idle twice (layout and paint done), print
    ``ready <RSS KiB> <rows listed>`` and leave at once."""
    from portwizard.gui.app import run  # first, as a plain start imports it (see its top)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    code = run(sys.argv[:1], exec_loop=False)
    if code:
        return code
    qapp = QApplication.instance()
    window = qapp._portwizard_window

    def ready() -> None:
        sys.stdout.write(f"ready {rss_kib()} {window.model.rowCount()}\n")
        sys.stdout.flush()
        os._exit(0)

    def listed() -> None:
        QTimer.singleShot(0, lambda: QTimer.singleShot(0, ready))

    window.reloaded.connect(listed)
    QTimer.singleShot(30_000, ready)  # never hang a benchmark
    return qapp.exec()
