"""``portwizard --self-test``: prove that this installation works, one line per step.

Runs in the source checkout, in the installed package and in the frozen (PyInstaller)
programs ``portwizard`` and ``portwizard-cli``. It is the proof that packaging left nothing
out: every step uses the same code the program uses, with the libraries it bundles
(Qt widgets and its platform plugin, QtPdf, reportlab and Pillow, pypdf and its AES
backend in the inspection child process, usaddress's trained model, the SQLite store, the
built-in sandbox over loopback HTTP, keyring's back-ends).

Nothing touches the user's own files: the store, settings and attachments live in a
throw-away folder (``PORTWIZARD_HOME``), the order's PIN goes to an in-memory secret
store, and the password-storage round trip writes one made-up key and deletes it again.
The windows are drawn off screen unless a display is asked for with ``QT_QPA_PLATFORM``
(e.g. ``QT_QPA_PLATFORM=xcb portwizard --self-test``); then the Qt platform plugin and, on
Linux, the X11 (xcb) libraries it needs are checked before any window opens.

Output: ``ok  <step> (12 ms)`` or ``FAIL <step>: <reason>``; exit 0 only when every step
passed. Everything is built inside this package (no test helpers exist in a frozen app):
the sample files in :mod:`.samples`, the window-system checks in :mod:`.qtplatform`.
"""
from __future__ import annotations

import datetime as _dt
import os
import sys
import time
from pathlib import Path
from typing import Callable

from portwizard.selftest.qtplatform import (
    describe_missing, missing_libraries, platform_plugin, qt_plugin_dirs,
)
from portwizard.selftest.samples import (
    ACCOUNT, NUMBER, make_encrypted_pdf, make_order, make_photo, signature_png,
)

STEP_TIMEOUT_S = 30.0  # a step waiting on Qt (preview, events) gives up after this
OFFSCREEN = ("offscreen", "minimal")
SECRET_KEY_PREFIX = "self-test:"


class StepFailed(Exception):
    """A step's plain reason for failing."""


class Warned(Exception):
    """A step that could not check everything but did not fail (printed as ``warn``)."""


# --------------------------------------------------------------------------- output


def _stream():
    """Where the report goes. The windowed program on Windows has no stdout: attach to
    the console that started it, else write a file in the temp folder."""
    import tempfile

    if sys.stdout is not None:
        return sys.stdout
    if sys.platform == "win32":
        try:
            import ctypes

            if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
                return open("CONOUT$", "w", encoding="utf-8", errors="replace")
        except Exception:
            pass
    return open(Path(tempfile.gettempdir()) / "portwizard-self-test.txt", "w", encoding="utf-8")


class Report:
    def __init__(self, out) -> None:
        self.out = out
        self.failed: list[str] = []

    def line(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def run(self, name: str, fn: Callable[[], str | None]) -> bool:
        start = time.perf_counter()
        try:
            note = fn()
        except Warned as exc:
            ms = (time.perf_counter() - start) * 1000
            self.line(f"warn {name} ({ms:.0f} ms): {exc}")
            return True
        except StepFailed as exc:
            self.failed.append(name)
            self.line(f"FAIL {name}: {exc}")
            return False
        except Exception as exc:  # a bug or a missing piece: say where, briefly
            import traceback

            self.failed.append(name)
            where = traceback.extract_tb(exc.__traceback__)[-1]
            self.line(f"FAIL {name}: {type(exc).__name__}: {exc} "
                      f"[{Path(where.filename).name}:{where.lineno}]")
            return False
        ms = (time.perf_counter() - start) * 1000
        self.line(f"ok  {name} ({ms:.0f} ms)" + (f": {note}" if note else ""))
        return True

    def skip(self, name: str, why: str) -> None:
        self.failed.append(name)
        self.line(f"FAIL {name}: not run ({why})")


# --------------------------------------------------------------------------- Qt helpers


def wait_until(predicate: Callable[[], bool], timeout: float = STEP_TIMEOUT_S) -> bool:
    """Run the Qt event loop until ``predicate()`` is true or ``timeout`` seconds pass."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QThread

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        QThread.msleep(2)
    return True



# --------------------------------------------------------------------------- the steps


class SelfTest:
    def __init__(self, report: Report, home: Path) -> None:
        self.report = report
        self.home = home
        self.files = home / "files"
        self.files.mkdir(parents=True, exist_ok=True)
        self.today = _dt.date.today()
        self.requested = os.environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
        self.display = bool(self.requested) and self.requested not in OFFSCREEN
        self.qapp = None
        self.app = None
        self.order = None
        self.loa: Path | None = None
        self.order_id: str | None = None
        self._keep: list = []  # widgets kept alive until the end

    # ---------------------------------------------------------------- Qt
    def qt_platform(self) -> str:
        if not self.display:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
            name = "offscreen"
        else:
            name = self.requested
        plugin = platform_plugin(name)
        if plugin is None:
            raise StepFailed(f"Qt's '{name}' platform plugin is not in "
                             + (", ".join(str(d) for d in qt_plugin_dirs()) or "any plugin folder"))
        if sys.platform.startswith("linux") and name == "xcb":
            missing = missing_libraries(plugin)
            problem = (f"the window cannot open on this X display: {describe_missing(missing)}"
                       if missing else "" if os.environ.get("DISPLAY") else
                       "no X display to open windows on (DISPLAY is not set)")
            if problem:  # Qt would abort: run the other steps off screen instead
                os.environ["QT_QPA_PLATFORM"] = "offscreen"
                self.display = False
                raise StepFailed(problem)
        return f"{name} ({plugin.name})"

    def xcb_libraries(self) -> str:
        """Offscreen on Linux: say whether a real X display would work (never fails)."""
        plugin = platform_plugin("xcb")
        if plugin is None:
            raise Warned("Qt's xcb platform plugin is not bundled: no window on an X display")
        missing = missing_libraries(plugin)
        if missing:
            raise Warned(f"on an X display the window would not open: {describe_missing(missing)}")
        return f"{plugin.name}: every library found"

    def qt_application(self) -> str:
        from PySide6.QtCore import qInstallMessageHandler

        from portwizard.gui.app import create_application

        def quiet(mode, context, message, _previous=[None]) -> None:
            # The offscreen platform warns about window hints it ignores; say the rest.
            if "does not support propagateSizeHints" not in message:
                sys.stderr.write(message + "\n")

        if not self.display:
            qInstallMessageHandler(quiet)
        self.qapp = create_application(["portwizard"])
        name = self.qapp.platformName()
        if name != os.environ.get("QT_QPA_PLATFORM", name).split(":", 1)[0]:
            raise StepFailed(f"Qt started the '{name}' platform instead of the one asked for")
        return f"Qt {self._qt_version()} on '{name}', style {self.qapp.style().name()}"

    @staticmethod
    def _qt_version() -> str:
        from PySide6.QtCore import qVersion

        return qVersion()

    # ---------------------------------------------------------------- the application
    def store(self) -> str:
        from portwizard import secrets
        from portwizard.services.app import App

        # The order's PIN goes to memory: the self-test never leaves secrets behind.
        self.app = App.create(self.home, secrets=secrets.MemorySecretStore())
        self.app.settings.sandbox_seconds_per_day = 0.2
        return f"new database in {self.app.data_dir}"

    def main_window(self) -> str:
        from portwizard.gui.dashboard.window import MainWindow

        window = MainWindow(self.app, check_unfinished=False, background=False)
        self._keep.append(window)
        window.show()
        if not wait_until(lambda: window.isVisible() and window.windowHandle() is not None
                          and window.windowHandle().isExposed(), 10):
            raise StepFailed("the main window was not shown within 10 s")
        QApplication = type(self.qapp)
        QApplication.processEvents()
        if window.centralWidget() is None:
            raise StepFailed("the main window has no content")
        return f"'{window.windowTitle()}', {window.model.rowCount()} orders listed"

    def wizard(self) -> str:
        from portwizard import flow
        from portwizard.gui.wizard import PortWizard

        wizard = PortWizard(services=self.app)
        self._keep.append(wizard)
        wizard.show()
        if not wait_until(lambda: wizard.isVisible() and wizard.currentPage() is not None, 10):
            raise StepFailed("the wizard's first page did not appear within 10 s")
        for step in flow.Step:  # every page's form is bundled and builds
            wizard.page_for(step)
        type(self.qapp).processEvents()
        wizard.hide()
        return f"{len(wizard.pages)} pages built"

    # ---------------------------------------------------------------- documents
    def address(self) -> str:
        from portwizard.domain.address import split_address

        parts, notes = split_address("100 N Main St Apt 4, New York NY 10001")
        got = (parts.street_number, parts.pre_direction, parts.city, parts.postal_code)
        if got != ("100", "N", "New York", "10001"):
            raise StepFailed(f"the address parser split it wrongly: {got} {notes}")
        return "usaddress model loaded"

    def build_order(self) -> str:
        self.order = make_order(self.files, self.today)
        return f"{NUMBER[:-4]}XXXX, invoice {Path(self.order.documents.invoice).name}"

    def render_loa(self) -> str:
        from portwizard.documents.loa import render_loa

        self.loa = render_loa(self.order, self.files / "loa-signed.pdf",
                              provider_name=self.app.settings.provider_name,
                              signature_png=signature_png())
        data = self.loa.read_bytes()
        if not data.startswith(b"%PDF") or len(data) < 1000:
            raise StepFailed("the LOA file is not a PDF")
        self.order.documents.loa = str(self.loa)
        return f"{len(data) // 1024} KB, signed with a PNG signature"

    def preview_loa(self) -> str:
        from PySide6.QtCore import QSize
        from PySide6.QtPdf import QPdfDocument

        from portwizard.gui.widgets.pdf_preview import PdfPreview

        preview = PdfPreview()
        self._keep.append(preview)
        preview.resize(600, 800)
        preview.show()
        outcome: list = []
        preview.loaded.connect(lambda pages: outcome.append(("loaded", pages)))
        preview.failed.connect(lambda message: outcome.append(("failed", message)))
        if not preview.load(self.loa):
            raise StepFailed(preview.message_text())
        if not wait_until(lambda: bool(outcome)):
            raise StepFailed(f"the preview did not finish loading in {STEP_TIMEOUT_S:.0f} s")
        kind, value = outcome[0]
        if kind != "loaded":
            raise StepFailed(f"the preview failed: {value}")
        type(self.qapp).processEvents()
        doc = QPdfDocument()
        doc.load(str(self.loa))
        image = doc.render(0, QSize(306, 396))
        if image.isNull() or _blank(image):
            raise StepFailed("QtPdf drew an empty page")
        doc.close()
        preview.hide()
        return f"{value} page(s), first page drawn"

    def inspect_invoice(self) -> str:
        from portwizard.documents import inspect, worker

        result = worker.run_isolated(inspect.PROBE_PDF, [self.order.documents.invoice, 10, 10], 60)
        if result.get("problem"):
            raise StepFailed(f"the invoice was read as {result['problem']}")
        if ACCOUNT not in result.get("text", "").replace(" ", ""):
            raise StepFailed("the account number was not found in the invoice's text")
        findings = inspect.inspect_file(self.order.documents.invoice, "invoice", self.order,
                                        today=self.today, time_limit=60)
        errors = [f"{f.code}: {f.message}" for f in findings if f.is_error]
        if errors:
            raise StepFailed("; ".join(errors))
        where = "frozen child" if worker._frozen() else "child interpreter"
        return f"{result['pages']} page, text read in a {where}, cross-check clean"

    def inspect_encrypted(self) -> str:
        from portwizard.documents import inspect, worker

        path = make_encrypted_pdf(Path(self.order.documents.invoice), self.files / "aes.pdf")
        result = worker.run_isolated(inspect.PROBE_PDF, [str(path), 10, 10], 60)
        if not result.get("encrypted"):
            raise StepFailed("the test file was not encrypted")
        if result.get("problem"):
            detail = " (no AES backend for pypdf)" if result.get("detail") == "unsupported" else ""
            raise StepFailed(f"an AES-256 PDF could not be opened: {result['problem']}{detail}")
        if ACCOUNT not in result.get("text", "").replace(" ", ""):
            raise StepFailed("the AES-256 PDF opened but its text was not read")
        return "AES-256 PDF opened and read in the child"

    def inspect_photo(self) -> str:
        from portwizard.documents import inspect, worker

        path = make_photo(self.files / "bill-photo.jpg")
        result = worker.run_isolated(inspect.PROBE_IMAGE, [str(path), 50_000_000], 60)
        if result.get("problem"):
            raise StepFailed(f"a JPEG photo was refused: {result.get('message')}")
        return f"{result.get('format')} {result.get('width')}x{result.get('height')} decoded"

    # ---------------------------------------------------------------- sandbox
    def submit(self) -> str:
        from portwizard.services import submission as sub

        result = self.app.submit(self.order, endpoint="sandbox")
        if result.outcome != sub.SENT:
            detail = "; ".join(f"{f.field}: {f.message}" for f in result.findings[:3])
            raise StepFailed(f"{result.outcome}: {result.message}" + (f" ({detail})" if detail else ""))
        self.order_id = result.order_id
        return f"order {result.order_id} -> sandbox {result.remote_id}"

    def status(self) -> str:
        report = self.app.sync(order_id=self.order_id)
        if report.problems:
            raise StepFailed("; ".join(report.problems[:2]))
        detail = self.app.order_detail(self.order_id)
        if not detail.record.remote_id:
            raise StepFailed("the order has no provider id after the status check")
        if not detail.timeline:
            raise StepFailed("the order has no history")
        return f"'{detail.status_label}', {len(detail.timeline)} history entries"

    # ---------------------------------------------------------------- secrets
    def secrets(self) -> str:
        from importlib import metadata

        from portwizard import secrets

        expected = {"win32": "Windows", "darwin": "macOS"}.get(sys.platform, "SecretService")
        points = {ep.name: ep for ep in metadata.entry_points(group="keyring.backends")}
        if expected not in points:
            raise StepFailed(f"keyring's '{expected}' back-end is not installed "
                             f"(found: {', '.join(sorted(points)) or 'none'})")
        try:
            points[expected].load()  # its module and what it imports are bundled
        except ImportError as exc:
            raise StepFailed(f"keyring's '{expected}' back-end cannot be loaded: {exc}") from None
        key = f"{SECRET_KEY_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
        value = f"pw-{os.urandom(8).hex()}"
        store = secrets.KeyringSecretStore()
        backend = "OS password storage"
        try:
            import keyring

            backend = type(keyring.get_keyring()).__module__.rsplit(".", 1)[-1] + \
                "." + type(keyring.get_keyring()).__name__
            store.set(key, value)
        except secrets.SecretStoreError as exc:
            fallback = secrets.MemorySecretStore()
            _round_trip(fallback, key, value)
            raise Warned(f"FALLBACK: round trip through the in-memory store only; {exc}") from None
        try:
            _round_trip(store, key, value, already_set=True)
        finally:
            try:
                store.delete(key)
            except secrets.SecretStoreError:
                pass
        return f"set/get/delete through {backend}"

    # ---------------------------------------------------------------- all of it
    def run(self) -> int:
        r = self.report
        r.line(f"portwizard self-test: {'frozen ' if getattr(sys, 'frozen', False) else ''}"
               f"{sys.platform}, Python {sys.version.split()[0]}, home {self.home}")
        asked_for_display = self.display
        r.run("qt platform plugin", self.qt_platform)
        if sys.platform.startswith("linux") and not asked_for_display:
            r.run("xcb libraries (for a real display)", self.xcb_libraries)
        if not r.run("qt application", self.qt_application):
            r.line("(the other steps need Qt)")
            return 1
        stored = r.run("open the store", self.store)
        for name, fn in (("main window", self.main_window), ("wizard", self.wizard)):
            r.run(name, fn) if stored else r.skip(name, "no store")
        built = r.run("build an order", self.build_order)
        r.run("split an address", self.address)
        rendered = built and stored and r.run("render the LOA", self.render_loa)
        if rendered:
            r.run("preview the LOA", self.preview_loa)
        else:
            r.skip("preview the LOA", "no LOA")
        if built:
            r.run("inspect a PDF in the child process", self.inspect_invoice)
            r.run("inspect an AES-encrypted PDF", self.inspect_encrypted)
        r.run("check a JPEG photo in the child process", self.inspect_photo)
        if rendered and r.run("submit to the sandbox", self.submit):
            r.run("read the status back", self.status)
        elif not rendered:
            r.skip("submit to the sandbox", "no LOA")
        r.run("secret round trip", self.secrets)
        self.close()
        if r.failed:
            r.line(f"self-test FAILED: {len(r.failed)} step(s): {', '.join(r.failed)}")
            return 1
        r.line("self-test passed")
        return 0

    def close(self) -> None:
        for widget in self._keep:
            try:
                widget.hide()
                widget.deleteLater()
            except Exception:
                pass
        if self.qapp is not None:
            type(self.qapp).processEvents()
        if self.app is not None:
            try:
                from portwizard.gui.workers import wait_all

                wait_all(5000)
            except Exception:
                pass
            self.app.close()


def _round_trip(store, key: str, value: str, already_set: bool = False) -> None:
    if not already_set:
        store.set(key, value)
    if store.get(key) != value:
        raise StepFailed("the secret read back differs from the one stored")
    store.delete(key)
    if store.get(key) is not None:
        raise StepFailed("the secret is still there after deleting it")


def _blank(image) -> bool:
    """True when every sampled pixel has the same colour (nothing was drawn)."""
    first = image.pixel(0, 0)
    for y in range(0, image.height(), 7):
        for x in range(0, image.width(), 7):
            if image.pixel(x, y) != first:
                return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Run every step; returns the exit code (0: all passed)."""
    import shutil
    import tempfile

    report = Report(_stream())
    home = Path(tempfile.mkdtemp(prefix="portwizard-self-test-"))
    previous = os.environ.get("PORTWIZARD_HOME")
    os.environ["PORTWIZARD_HOME"] = str(home)
    try:
        return SelfTest(report, home).run()
    finally:
        if previous is None:
            os.environ.pop("PORTWIZARD_HOME", None)
        else:
            os.environ["PORTWIZARD_HOME"] = previous
        shutil.rmtree(home, ignore_errors=True)

