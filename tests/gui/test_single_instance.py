"""Two instances on one data folder: the second brings the first forward and leaves, so one
draft is never open in two windows whose autosaves overwrite each other."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portwizard.domain.order import Order

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]

# Holds the data folder's guard without ever answering (a hung first instance), or is
# killed while holding it (a crashed one).
HOLDER = """
import sys, time
from PySide6.QtCore import QCoreApplication
from portwizard.gui.single_instance import SingleInstance
app = QCoreApplication([])
guard = SingleInstance(sys.argv[1])
print("claimed" if guard.claim() else "refused", flush=True)
time.sleep(60)
"""


def _env(home: Path) -> dict:
    return {**os.environ, "PORTWIZARD_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def test_a_second_start_brings_the_open_wizard_forward_and_leaves(qtbot, services,
                                                                   restore_hooks, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from portwizard.gui import app as app_module
    from portwizard.gui.dashboard.window import MainWindow

    order = Order(numbers=["+12125550123"])
    order.carrier.customer_name = "Bright Smile Dental"
    draft_id = services.store.save_draft(order, step="numbers")
    assert app_module.run([], services=services, exec_loop=False) == 0
    window = QApplication.instance()._portwizard_window
    qtbot.addWidget(window)
    brought = []
    monkeypatch.setattr(MainWindow, "bring_up", lambda self: brought.append(self))
    window.sessions.open(services.drafts.load(draft_id), draft_id)
    wizard = window.sessions.wizard
    try:
        second = subprocess.Popen([sys.executable, "-m", "portwizard"], cwd=ROOT,
                                  env=_env(services.home), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        try:
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=20_000)
        finally:
            if second.poll() is None:  # it opened a window of its own: the old behaviour
                second.kill()
            out, err = second.communicate(timeout=10)
        assert second.returncode == 0, err
        assert brought == [window]
        assert wizard.isVisible() and window.sessions.wizard is wizard
        # The second start never opened the store's draft for editing: the draft is the
        # first window's alone.
        assert services.drafts.list()[0].id == draft_id
    finally:
        wizard.close()
        window.close()
        del QApplication.instance()._portwizard_window
        app_module._guard.release()


def _holder(tmp_path: Path) -> subprocess.Popen:
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], cwd=ROOT,
                             env=_env(tmp_path), stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "claimed"
    return child


def test_the_lock_of_a_killed_instance_is_taken_over_at_once(qtbot, tmp_path):
    from portwizard.gui.single_instance import SingleInstance

    child = _holder(tmp_path)
    try:
        assert not SingleInstance(tmp_path / "data").claim()  # alive: refused
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    started = time.monotonic()
    guard = SingleInstance(tmp_path / "data")
    assert guard.claim()
    assert time.monotonic() - started < 1.0
    guard.release()


def test_a_first_instance_that_does_not_answer_is_reported(qtbot, tmp_path):
    from portwizard.gui.single_instance import SingleInstance

    child = _holder(tmp_path)
    try:
        guard = SingleInstance(tmp_path / "data")
        assert not guard.claim()
        started = time.monotonic()
        assert not guard.ask_running_to_show(wait_ms=800)
        assert time.monotonic() - started < 3
    finally:
        child.kill()
        child.wait(10)


def test_two_first_starts_on_a_new_data_folder_meet_on_one_lock(tmp_path):
    from portwizard.gui.single_instance import SingleInstance

    folder = tmp_path / "new" / "data"  # not made yet: the first start of all
    first, second = SingleInstance(folder), SingleInstance(folder)
    try:
        assert first.claim()
        assert not second.claim()  # one window, not two
    finally:
        first.release()
    assert second.claim()  # the first one closed
    second.release()


def test_a_folder_that_cannot_hold_the_lock_does_not_stop_the_start(tmp_path):
    from portwizard.gui.single_instance import SingleInstance

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    guard = SingleInstance(blocked / "data")
    assert guard.claim()  # the store then says plainly why it cannot open
    guard.listen()  # nothing to listen for without the lock
    guard.release()
