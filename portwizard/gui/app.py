"""Start the desktop application: ``portwizard`` with no command calls :func:`run`.

Start-up is kept light on purpose: this module and the main window import Qt widgets, the
order model and the SQLite store only. reportlab, pypdf, requests, keyring and QtPdf are
imported the first time something needs them (an LOA, a preview, a status check).
Check with ``python -X importtime -c "import portwizard.gui.app"``.
"""
from __future__ import annotations

import functools
import logging
import os
import re
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

# The Qt-free part of the start (domain, store, settings, the application facade) is imported
# before Qt on purpose: once PySide6 is loaded, its __feature__ import hook reads the source
# file of every module imported after it (about 0.1 ms a module; a frozen build has no
# sources to read) until skip_feature_scan() below turns that off.
from portwizard.services.app import App
from portwizard.store import DamagedFile, StoreError

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication  # (QMessageBox: where a box is shown)

from portwizard.gui.qtfix import skip_feature_scan

skip_feature_scan()  # before the window's modules are imported (see qtfix)

log = logging.getLogger("portwizard")

ORGANIZATION = "portwizard"
ORGANIZATION_DOMAIN = "portwizard.app"
APPLICATION = "portwizard"
ICON_SIZES = (16, 32, 48, 64, 128, 256)

# --------------------------------------------------------------------------- secrets out of logs

@functools.cache
def _secret_patterns() -> list[tuple[re.Pattern[str], str]]:
    # (compiled when the first log record is written: a start usually writes none)
    return [
        # "token=abc", "PIN: 1234", "Authorization: Bearer xyz", "password=..."
        (re.compile(r"(?i)\b(token|pin|password|passcode|authorization|secret|api[_-]?key)"
                    r"(\s*[:=]\s*|\s+)(bearer\s+)?[^\s,;'\"]+"), r"\1\2[hidden]"),
        # long digit runs: account numbers, PINs, phone numbers
        (re.compile(r"\d[\d\- ]{2,}\d"), "[digits]"),
    ]


def redact(text: str) -> str:
    """``text`` with anything that may be an account number, PIN, phone number or token
    replaced. Used for every log record and crash report."""
    for pattern, replacement in _secret_patterns():
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "redacted", False):  # a crash_report(): already safe
            return True
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = crash_report(*record.exc_info)  # type: ignore[arg-type]
            record.exc_info = None
        return True


def crash_report(exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> str:
    """Where it happened (files, lines, functions) and the redacted message. Source lines
    and local values are left out: they could hold what the user typed."""
    frames = traceback.extract_tb(tb) if tb is not None else []
    lines = ["Traceback (most recent call last):"]
    for frame in frames:
        lines.append(f'  File "{_short_path(frame.filename)}", line {frame.lineno}, in {frame.name}')
    lines.append(f"{exc_type.__name__}: {redact(str(exc))}")
    return "\n".join(lines)


def _short_path(path: str) -> str:
    parts = Path(path).parts
    for anchor in ("portwizard", "site-packages"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor):])
    return Path(path).name


def log_file() -> Path:
    from portwizard.paths import data_dir

    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "portwizard.log"


class LogFile(logging.Handler):
    """The small rotating log file, opened with the first record: ``logging.handlers``
    loads socket, pickle and queue (about 5 ms), and a start usually logs nothing."""

    MAX_BYTES = 512_000
    BACKUPS = 2

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.baseFilename = str(path)
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._file is None:
                import logging.handlers

                self._file = logging.handlers.RotatingFileHandler(
                    self.baseFilename, maxBytes=self.MAX_BYTES, backupCount=self.BACKUPS,
                    encoding="utf-8")
                self._file.setFormatter(self.formatter)
            self._file.emit(record)  # (this handler's filters already ran)
        except Exception:
            self.handleError(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def setup_logging() -> Path | None:
    """Log to a small rotating file in the data folder (redacted); returns its path."""
    root = logging.getLogger()
    if any(getattr(h, "_portwizard", False) for h in root.handlers):
        return Path(next(h.baseFilename for h in root.handlers if getattr(h, "_portwizard", False)))
    try:
        path = log_file()
        with open(path, "a", encoding="utf-8"):  # writable? (the handler opens it when used)
            pass
        handler = LogFile(path)
    except OSError:
        return None
    handler._portwizard = True  # type: ignore[attr-defined]
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    return path


# --------------------------------------------------------------------------- crash dialog


class ExceptionHook:
    """sys.excepthook / threading.excepthook: log (redacted) and show one plain dialog."""

    def __init__(self, log_path: Path | None = None) -> None:
        self.log_path = log_path
        self._showing = False
        self.shown = 0  # dialogs shown (tests)

    def install(self) -> None:
        sys.excepthook = self
        threading.excepthook = self._thread_hook

    def _thread_hook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        log.error("Unexpected problem in a background thread:\n%s",
                  crash_report(args.exc_type, args.exc_value, args.exc_traceback),
                  extra={"redacted": True})

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        log.error("Unexpected problem:\n%s", crash_report(exc_type, exc, tb),
                  extra={"redacted": True})
        app = QApplication.instance()
        if app is None or self._showing or QCoreApplication.closingDown():
            return
        self._showing = True
        try:
            self.show_dialog(exc_type)
        except Exception:  # never let the hook itself crash the program
            pass
        finally:
            self._showing = False

    def message(self) -> str:
        where = f" The details are in the log file:\n{self.log_path}" if self.log_path else ""
        return ("portwizard ran into an unexpected problem. What you typed is saved as you go, "
                "so your orders are safe. If it happens again, restart portwizard; if it keeps "
                "happening, send the log file to your provider's support (it holds no account "
                "numbers, PINs or passwords)." + where)

    def show_dialog(self, exc_type) -> None:
        self.shown += 1
        from PySide6.QtWidgets import QMessageBox

        parent = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Warning, "Something went wrong", self.message(),
                          QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("crash_dialog")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()


# --------------------------------------------------------------------------- application


def app_icon() -> QIcon:
    from portwizard.paths import resource

    icon = QIcon()
    for size in ICON_SIZES:
        path = resource(f"icons/portwizard-{size}.png")
        if path.is_file():  # (with its size, Qt need not open the file to learn it)
            icon.addFile(str(path), QSize(size, size))
    return icon


def style_arguments() -> list[str]:
    """``-style NAME`` for QApplication's command line: PORTWIZARD_STYLE when set; else the
    native look on Windows and macOS (nothing to add), and Fusion on Linux and other
    systems, where the only other style in Qt's wheel is the bare "Windows" look (a
    QT_STYLE_OVERRIDE set by the user is kept). Given on the command line rather than by
    asking ``app.style()`` afterwards: touching the QStyle object from Python builds its
    class with a few hundred enum values first (about 5 ms of the start)."""
    chosen = os.environ.get("PORTWIZARD_STYLE")
    if chosen:
        return ["-style", chosen]
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_STYLE_OVERRIDE"):
        return []
    return ["-style", "Fusion"]


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names (for QSettings), icon and sensible defaults."""
    from portwizard import __version__

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setOrganizationDomain(ORGANIZATION_DOMAIN)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    if existing is not None:  # tests, or an embedding program: keep its settings
        existing.setWindowIcon(app_icon())
        return existing  # type: ignore[return-value]
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication((list(argv) if argv else [APPLICATION]) + style_arguments())
    if sys.platform.startswith("linux"):
        QGuiApplication.setDesktopFileName("portwizard")
    app.setWindowIcon(app_icon())
    return app


_guard = None  # this process's single-instance guard (see _claim_data_folder)


def _claim_data_folder(app: QApplication, services):
    """The single-instance guard for the data folder this start will use (None when the
    folder cannot even be named: opening the store then says why)."""
    from portwizard.gui.single_instance import SingleInstance
    from portwizard.paths import data_dir

    try:
        folder = services.data_dir if services is not None else data_dir()
    except OSError:
        return None
    global _guard
    if _guard is not None:  # an earlier run() in this process (tests)
        _guard.release()
    _guard = SingleInstance(folder, app)
    return _guard


def _bring_forward(window) -> None:
    """A second start asked for this window: show it, and the open wizard above it."""
    window.bring_up()
    wizard = window.sessions.wizard
    if wizard is not None:
        wizard.showNormal()
        wizard.raise_()
        wizard.activateWindow()


STARTUP_TITLE = "portwizard cannot start"
START_EMPTY = "Start with an empty data file"


def startup_problem(text: str, *, offer_empty: bool = False) -> bool:  # a seam: tests replace it
    """The start-up error dialog: why portwizard cannot start, and Quit. With
    ``offer_empty`` (the data file is damaged) it also offers "Start with an empty data
    file"; True when the user chose that."""
    from PySide6.QtWidgets import QMessageBox

    if not offer_empty:
        QMessageBox.critical(None, STARTUP_TITLE, text)
        return False
    box = QMessageBox(QMessageBox.Icon.Critical, STARTUP_TITLE, text)
    box.setObjectName("startup_problem")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    start_empty = box.addButton(f"&{START_EMPTY}", QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_button)
    box.setEscapeButton(quit_button)
    box.exec()
    return box.clickedButton() is start_empty


def damaged_file_text(problem: DamagedFile) -> str:
    """The start-up dialog's words for a damaged data file (it offers to start empty)."""
    return (f"{problem.what_happened}\n\nChoose \u201c{START_EMPTY}\u201d to put the damaged "
            "file aside (it is renamed and stays in the same folder: nothing is deleted) and "
            "start portwizard with an empty one, or Quit to leave everything as it is.\n\n"
            f"{problem.keep_advice}")


def started_empty_text(problem: DamagedFile, kept: Path) -> str:
    """What the window says once it started with an empty data file: where the old one is."""
    copy = f", and a copy of it as {problem.copy.name}," if problem.copy is not None else ""
    return (f"portwizard started with an empty data file. The damaged one is kept as "
            f"{kept.name}{copy} in the folder {kept.parent}. {problem.keep_advice}")


def run(argv: list[str] | None = None, *, services=None, exec_loop: bool = True) -> int:
    """Start the app: services, main window, event loop. Returns the exit code.

    When the data file cannot be opened the start-up dialog says why; for a damaged file it
    offers to set it aside and start with an empty one (see :func:`startup_problem`)."""
    app = create_application(argv or sys.argv[:1])
    from portwizard import startup_gc

    # The cycle collector held since the first line (startup_gc.hold; a plain start) resumes
    # when the list shows its first page, and after LATEST_MS whatever happened (a dialog).
    QTimer.singleShot(startup_gc.LATEST_MS, startup_gc.release)
    log_path = setup_logging()
    hook = ExceptionHook(log_path)
    hook.install()

    from portwizard.gui.dashboard.window import MainWindow

    guard = _claim_data_folder(app, services)
    if guard is not None and not guard.claim():
        # Another window already works on this data folder: bring it forward and leave
        # (two windows on one draft would overwrite each other's typing).
        from portwizard.gui.single_instance import NOT_ANSWERING

        if guard.ask_running_to_show():
            log.info("portwizard is already open: its window was brought forward")
            return 0
        from PySide6.QtWidgets import QMessageBox

        log.warning("portwizard is already open but did not answer")
        QMessageBox.warning(None, "portwizard is already open", NOT_ANSWERING)
        return 1
    owns_services = services is None
    set_aside: tuple[DamagedFile, Path] | None = None
    while services is None:
        try:
            services = App.create()
        except Exception as exc:  # the database cannot be opened: say so plainly
            log.error("start-up failed: %s", type(exc).__name__)
            if not isinstance(exc, DamagedFile):  # locked, read-only, full: nothing to offer
                startup_problem(str(exc), offer_empty=False)
                return 1
            if not startup_problem(damaged_file_text(exc), offer_empty=True):
                return 1  # Quit: everything stays as it is
            try:
                set_aside = (exc, App.set_damaged_file_aside(exc))
            except StoreError as problem:
                startup_problem(str(problem), offer_empty=False)
                return 1
    for text in getattr(services.settings, "warnings", []):
        log.warning("%s", text)
    window = MainWindow(services)  # refreshes open orders by itself (settings' interval)
    window.reloaded.connect(startup_gc.release, Qt.ConnectionType.SingleShotConnection)
    window.show()
    if set_aside is not None:
        window.inform("Started with an empty data file", started_empty_text(*set_aside))
    if guard is not None:
        guard.activated.connect(lambda: _bring_forward(window))
    # The tray icon (it may ask the desktop over D-Bus) and the single-instance socket
    # (QtNetwork) wait until the window is up; the timer belongs to the window.
    def after_show() -> None:
        window.install_tray(app_icon())
        if guard is not None:
            guard.listen()

    later = QTimer(window)
    later.setSingleShot(True)
    later.timeout.connect(after_show)
    later.start(300)
    app._portwizard_window = window  # type: ignore[attr-defined]  # keep it alive
    if not exec_loop:
        return 0
    code = 1
    try:
        code = app.exec()
        return code
    finally:
        _finish_workers(services if owns_services else None, code)


def _finish_workers(services, code: int) -> None:
    """The window is closed: end provider calls in flight (their sends stay queued with
    the same idempotency key), give the workers a moment, then close the services. A
    provider trickling its answer would otherwise hold the exit until its deadline."""
    from portwizard.endpoint.providers.plumbing import abort_all_requests
    from portwizard.gui.workers import wait_all

    aborted = abort_all_requests()
    if aborted:
        log.info("closing: %d provider call(s) in flight were ended", aborted)
    if wait_all(3000):
        if services is not None:
            services.close()
        return
    # A worker (a big draft file, a stuck disk) is still running and may be using the store:
    # closing it under the worker could corrupt or crash. Qt's thread pool would wait for it
    # forever when the process exits, with no window left: end the process now. The
    # database is made to survive that (each write is a transaction; WAL).
    log.warning("background work still running at exit; ending the process without it")
    for handler in logging.getLogger().handlers:
        handler.flush()  # the log file keeps the line above
    _exit_now(code)


def _exit_now(code: int) -> None:  # a seam: tests replace it
    os._exit(code)

