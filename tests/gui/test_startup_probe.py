"""``portwizard --startup-probe``: the start the start-up benchmarks time (bench/
bench_startup_main.py, bench/bench_bundle.py) still reaches an interactive window."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]


def test_the_probe_starts_the_window_and_says_when_it_is_listed(tmp_path):
    env = {**os.environ, "PORTWIZARD_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "portwizard",
                           "--startup-probe"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    word, rss_kib, rows = done.stdout.split()
    assert word == "ready" and int(rss_kib) > 10_000 and rows == "0"
    # no more than a plain start imports: not the self-test (argparse and logging.handlers
    # do load: PySide imports the one, and a new data folder logs its creation)
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    assert "portwizard.services.app" in imported
    assert "portwizard.selftest" not in imported
    # nothing heavy is loaded to show the list
    for heavy in HEAVY:
        assert heavy not in imported, heavy


HEAVY = ("portwizard.domain.order", "phonenumbers", "reportlab", "pypdf", "requests",
         "keyring")

# A plain start that runs until the window's first checks are done (they start after the
# first page), then says which modules it loaded.
AFTER_CHECKS = """
import sys
from PySide6.QtCore import QTimer
from portwizard.gui import app as gui_app
gui_app.run(sys.argv[:1], exec_loop=False)
from PySide6.QtWidgets import QApplication
qapp = QApplication.instance()
window = qapp._portwizard_window

def done():
    if window._at_first_page:
        return QTimer.singleShot(20, done)
    task = window.check_unfinished()
    task.finished.connect(lambda ok: (print(sorted(sys.modules)), qapp.exit(0)))

QTimer.singleShot(20, done)
QTimer.singleShot(20_000, lambda: qapp.exit(3))
sys.exit(qapp.exec())
"""


def test_the_first_checks_load_nothing_heavy(tmp_path):
    env = {**os.environ, "PORTWIZARD_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", AFTER_CHECKS], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = set(eval(done.stdout.strip().splitlines()[-1]))  # noqa: S307 (our own print)
    # the unfinished-draft check ran (on a worker) without loading the order model, its
    # rules or the phone number library
    assert "portwizard.services.drafts" in loaded
    for heavy in HEAVY:
        assert heavy not in loaded, heavy
