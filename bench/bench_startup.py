"""Benchmark: start-up time to the first interactive wizard page.

Run:  /work/venv/bin/python bench/bench_startup.py [--runs 9]

Each measurement is a fresh process (offscreen Qt): the clock starts just before the
process is launched and stops when the process reports that its first page is shown and
the event loop has gone idle (two chained zero-timers after show(), so layout and the first
paint have run). Two programs are measured alternately in the same run:

  * bare:       a plain QWizard with the same number of simple pages (a label and a line
                edit each), no portwizard import at all;
  * portwizard: PortWizard() from portwizard.gui.wizard, exactly as the app creates it.

It prints the median of each and the ratio portwizard/bare (target: <= 1.25).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PRELUDE = """
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
"""

_READY = """
def _ready():
    sys.stdout.write("ready\\n")
    sys.stdout.flush()
    os._exit(0)
w.show()
QTimer.singleShot(0, lambda: QTimer.singleShot(0, _ready))
app.exec()
"""

BARE = _PRELUDE + """
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWizard, QWizardPage
w = QWizard()
w.resize(900, 680)
for i in range({pages}):
    p = QWizardPage()
    p.setTitle(f"Page {{i}}")
    lay = QVBoxLayout(p)
    lay.addWidget(QLabel("Type something:"))
    lay.addWidget(QLineEdit())
    w.addPage(p)
""" + _READY

PORTWIZARD = _PRELUDE + """
from portwizard.gui.wizard import PortWizard
w = PortWizard()
""" + _READY


def _page_count() -> int:
    sys.path.insert(0, str(ROOT))
    from portwizard.flow import Step

    return len(list(Step))


def measure(code: str, env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=60)
    if line.strip() != "ready":
        raise RuntimeError("the measured program did not start")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    pages = _page_count()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PORTWIZARD_HOME=tempfile.mkdtemp(prefix="pw-bench-"),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    bare_code = BARE.format(pages=pages)
    # one warm-up each so both start from a warm OS file cache
    measure(bare_code, env)
    measure(PORTWIZARD, env)
    bare, pw = [], []
    for _ in range(args.runs):
        bare.append(measure(bare_code, env))
        pw.append(measure(PORTWIZARD, env))
    b, p = statistics.median(bare), statistics.median(pw)
    print(f"pages: {pages}, runs: {args.runs} each (fresh process per run)")
    print(f"bare QWizard      median {b * 1000:7.1f} ms  (min {min(bare) * 1000:.1f})")
    print(f"PortWizard        median {p * 1000:7.1f} ms  (min {min(pw) * 1000:.1f})")
    print(f"ratio portwizard/bare: {p / b:.2f}  (target <= 1.25)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
