"""Starting the app: main window, icon and names, crash hook, log redaction, exit."""
from __future__ import annotations

import sys

import pytest

from portwizard.domain.order import Order
from portwizard.services.app import App

pytestmark = pytest.mark.gui


def draft_order(name="Bright Smile Dental"):
    order = Order()
    order.carrier.customer_name = name
    order.numbers = ["+12125550123", "+12125550124"]
    return order


def test_app_import_keeps_heavy_modules_off_the_startup_path():
    import subprocess

    code = ("import sys, portwizard.gui.app, portwizard.gui.dashboard.window, "
            "portwizard.services.app; "
            "print(sorted(m for m in ('reportlab', 'pypdf', 'requests', 'keyring', "
            "'PySide6.QtPdf', 'PySide6.QtPdfWidgets', 'urllib3') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=str(__import__("pathlib").Path(__file__).parents[2]))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_run_shows_main_window_with_icon_and_names(qtbot, services, restore_hooks):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from portwizard.gui import app as app_module

    services.store.save_draft(draft_order(), step="numbers")
    assert app_module.run([], services=services, exec_loop=False) == 0
    assert isinstance(sys.excepthook, app_module.ExceptionHook)
    window = QApplication.instance()._portwizard_window
    qtbot.addWidget(window)
    assert window.isVisible()
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)  # the draft is read on a worker
    assert QCoreApplication.organizationName() == "portwizard"
    assert QCoreApplication.applicationName() == "portwizard"
    assert not app_module.app_icon().isNull()
    assert len(app_module.app_icon().availableSizes()) >= 4
    window.close()
    del QApplication.instance()._portwizard_window

@pytest.fixture
def held_collector():
    """A plain start's held cycle collector (startup_gc.hold), put back afterwards."""
    import gc

    from portwizard import startup_gc

    assert startup_gc.hold()
    yield startup_gc
    startup_gc.release()
    gc.unfreeze()


def test_the_collector_resumes_when_the_list_shows_its_first_page(qtbot, services,
                                                                   restore_hooks,
                                                                   held_collector):
    import gc

    from PySide6.QtWidgets import QApplication

    from portwizard.gui import app as app_module

    services.store.save_draft(draft_order(), step="numbers")
    assert app_module.run([], services=services, exec_loop=False) == 0
    window = QApplication.instance()._portwizard_window
    qtbot.addWidget(window)
    assert not gc.isenabled()  # the window is shown; its list is read on a worker
    with qtbot.waitSignal(window.reloaded, timeout=5000):
        pass
    assert gc.isenabled() and not held_collector.held()
    assert window.model.rowCount() == 1
    window.close()
    del QApplication.instance()._portwizard_window


def test_the_collector_resumes_even_when_the_list_never_comes(qtbot, services, restore_hooks,
                                                              held_collector, monkeypatch):
    import gc

    from PySide6.QtWidgets import QApplication

    from portwizard.gui import app as app_module
    from portwizard.gui.dashboard import models

    monkeypatch.setattr(held_collector, "LATEST_MS", 200)
    monkeypatch.setattr(models.OrderListModel, "reload", lambda self, **kw: None)  # stuck disk
    assert app_module.run([], services=services, exec_loop=False) == 0
    window = QApplication.instance()._portwizard_window
    qtbot.addWidget(window)
    assert not gc.isenabled()
    qtbot.waitUntil(gc.isenabled, timeout=3000)
    window.close()
    del QApplication.instance()._portwizard_window


def test_redact_hides_numbers_pins_and_tokens():
    from portwizard.gui.app import redact

    text = redact("account 123456789 pin=1234 token: abc.def Authorization: Bearer xyz "
                  "call (212) 555-0123")
    for secret in ("123456789", "1234", "abc.def", "xyz", "555-0123"):
        assert secret not in text
    assert "account" in text and "[hidden]" in text

def test_exception_hook_logs_redacted_and_shows_one_dialog(qtbot, tmp_path, monkeypatch):
    import logging

    from portwizard.gui.app import ExceptionHook, RedactingFilter

    shown = []
    monkeypatch.setattr(ExceptionHook, "show_dialog",
                        lambda self, exc_type: shown.append(self.message()))
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Collect()
    handler.addFilter(RedactingFilter())
    logging.getLogger().addHandler(handler)
    try:
        hook = ExceptionHook(tmp_path / "portwizard.log")
        try:
            raise ValueError("bad account 123456789 with PIN 1234")
        except ValueError as exc:
            hook(type(exc), exc, exc.__traceback__)
        logging.getLogger("portwizard.test").warning("saving pin=1234 for 2125550123")
    finally:
        logging.getLogger().removeHandler(handler)
    assert len(shown) == 1
    assert "portwizard.log" in shown[0] and "safe" in shown[0]
    joined = "\n".join(records)
    assert "ValueError" in joined and "test_app_run.py" in joined
    assert ", line " in joined and "[digits]" in joined
    assert "123456789" not in joined and "1234" not in joined
    assert "2125550123" not in joined

@pytest.mark.parametrize("workers_finished", [True, False])
def test_exit_closes_services_only_when_workers_are_done(qtbot, services, restore_hooks,
                                                         monkeypatch, caplog,
                                                         workers_finished):
    import logging

    from PySide6.QtWidgets import QApplication

    from portwizard.gui import app as app_module
    from portwizard.gui import workers

    closed = []
    monkeypatch.setattr(services, "close", lambda: closed.append(True))
    monkeypatch.setattr(App, "create", classmethod(lambda cls, *a, **k: services))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(workers, "wait_all", lambda timeout_ms=5000: workers_finished)
    exited = []
    monkeypatch.setattr(app_module, "_exit_now", exited.append)
    with caplog.at_level(logging.WARNING, logger="portwizard.gui.app"):
        assert app_module.run([]) == 0
    window = QApplication.instance()._portwizard_window
    qtbot.addWidget(window)
    del QApplication.instance()._portwizard_window
    if workers_finished:
        assert closed == [True] and exited == []
    else:
        assert closed == []  # the store stays open under the still-running worker
        assert "still running" in caplog.text
        # ... and the process ends anyway: Qt's thread pool would otherwise wait for that
        # worker forever when the process exits, with no window left to show for it
        assert exited == [0]


@pytest.mark.http
def test_closing_the_window_ends_a_send_stuck_on_a_trickling_provider(
        qtbot, services, restore_hooks, monkeypatch):
    """A worker is in a provider call whose answer trickles in one byte at a time (under the
    read timeout, far under the call's deadline): closing the window ends that call at once,
    the workers finish and the services close, instead of the exit waiting on it."""
    import time

    from PySide6.QtWidgets import QApplication

    from hostile_kit import HostileServer, trickle_answer
    from portwizard.endpoint.client import EndpointClient
    from portwizard.gui import app as app_module
    from portwizard.gui.workers import run_task

    closed, outcome = [], []
    monkeypatch.setattr(services, "close", lambda: closed.append(True))
    monkeypatch.setattr(App, "create", classmethod(lambda cls, *a, **k: services))
    monkeypatch.setattr(app_module, "_exit_now", lambda code: pytest.fail("hard exit"))
    with HostileServer(trickle_answer(0.3, in_headers=False)) as server:
        client = EndpointClient(server.url, "tok", timeout=(1.0, 2.0), retries=0, deadline=600)

        def exec_(self):  # the user starts a refresh, then closes the window
            run_task(client.get_order, "PO-1", on_error=lambda exc: outcome.append(exc))
            time.sleep(0.8)
            return 0

        monkeypatch.setattr(QApplication, "exec", exec_)
        started = time.monotonic()
        assert app_module.run([]) == 0
        seconds = time.monotonic() - started
        window = QApplication.instance()._portwizard_window
        qtbot.addWidget(window)
        del QApplication.instance()._portwizard_window
        client.close()
    assert closed == [True]
    assert seconds < 2.5
