"""Benchmark: start-up time to the first interactive wizard page.

Run:  /work/venv/bin/python bench/bench_startup.py [--runs 9]

Each measurement is a fresh process (offscreen Qt): the clock starts just before the
process is launched and stops when the process reports that its first page is shown and
the event loop has gone idle (two chained zero-timers after show(), so layout and the first
paint have run). Two programs are measured alternately in the same run:

  * bare:       a plain QWizard with the same number of simple pages (a label and a line
                edit each), no portwizard import at all;
  * portwizard: PortWizard() from portwizard.gui.wizard, exactly as the app creates it.

It prints the median of each and the ratio portwizard/bare (target: <= 1.25). Both run
with compiled bytecode, as an installed or frozen program does; ``--from-source`` measures
the case where portwizard's sources are compiled on every start instead.

With ``--phases`` it then runs both programs again with timestamps inserted between their
lines (the measured runs above are not instrumented) and prints where the time goes: Python
start, PySide import + QApplication, importing the wizard, constructing, show(), and the
event loop's first turns (layout and first paint).
"""
from __future__ import annotations

import argparse
import ast
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


# Where the phase programs take a timestamp: (line of the measured program, phase name,
# "before"/"after" that line). The last phase ends where the program would print "ready".
_PHASES_PORTWIZARD = [
    ("app = QApplication(sys.argv[:1])", "PySide import + QApplication", "after"),
    ("from portwizard.gui.wizard import PortWizard", "import portwizard.gui.wizard", "after"),
    ("w = PortWizard()", "construct", "after"),
    ("w.show()", "show()", "after"),
]
_PHASES_BARE = [
    ("app = QApplication(sys.argv[:1])", "PySide import + QApplication", "after"),
    ("w = QWizard()", "import portwizard.gui.wizard", "before"),  # bare: imports widgets only
    ("w.show()", "construct", "before"),
    ("w.show()", "show()", "after"),
]
PHASE_NAMES = ["Python start", "PySide import + QApplication", "import portwizard.gui.wizard",
               "construct", "show()", "idle (layout, first paint)"]


def with_marks(code: str, marks: list[tuple[str, str, str]]) -> str:
    """``code`` with a timestamp before/after the given lines; prints them instead of "ready"."""
    lines = code.split("\n")
    for anchor, name, where in marks:
        index = lines.index(anchor)  # ValueError if the measured program changed
        stamp = f"_marks.append(({name!r}, _time.perf_counter()))"
        lines.insert(index + (where == "after"), stamp)
    out = "\n".join(lines)
    ready = '    sys.stdout.write("ready\\n")'
    assert ready in out
    out = out.replace(ready, "    _marks.append(('idle (layout, first paint)', _time.perf_counter()))\n"
                             "    sys.stdout.write(repr(_marks) + '\\n')")
    return "import time as _time\n_marks = [('Python start', _time.perf_counter())]\n" + out


def measure_phases(code: str, env: dict) -> dict[str, float]:
    """Seconds per phase of one fresh process. perf_counter is the system's monotonic clock,
    so the child's first timestamp minus the launch time is the interpreter's start-up."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    proc.wait(timeout=60)
    marks = ast.literal_eval(line.strip())
    out, previous = {}, start
    for name, stamp in marks:
        out[name] = out.get(name, 0.0) + stamp - previous
        previous = stamp
    return out


def print_phases(bare_code: str, env: dict, runs: int) -> None:
    programs = {"bare": with_marks(bare_code, _PHASES_BARE),
                "portwizard": with_marks(PORTWIZARD, _PHASES_PORTWIZARD)}
    results: dict[str, list[dict[str, float]]] = {"bare": [], "portwizard": []}
    for _ in range(runs):
        for key, code in programs.items():
            results[key].append(measure_phases(code, env))
    print(f"\nphase breakdown, median of {runs} instrumented runs each (ms):")
    print(f"  {'':32s} {'bare':>8s} {'PortWizard':>11s} {'extra':>8s}")
    totals = {"bare": 0.0, "portwizard": 0.0}
    for name in PHASE_NAMES:
        b = statistics.median(r.get(name, 0.0) for r in results["bare"]) * 1000
        p = statistics.median(r.get(name, 0.0) for r in results["portwizard"]) * 1000
        totals["bare"] += b
        totals["portwizard"] += p
        print(f"  {name:32s} {b:8.1f} {p:11.1f} {p - b:+8.1f}")
    print(f"  {'sum of medians':32s} {totals['bare']:8.1f} {totals['portwizard']:11.1f} "
          f"{totals['portwizard'] - totals['bare']:+8.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--phases", action="store_true",
                        help="also print where the time goes (separate, instrumented runs)")
    parser.add_argument("--from-source", action="store_true",
                        help="compile portwizard's sources on every run (no bytecode cache), "
                             "instead of loading bytecode as an installed or frozen program does")
    args = parser.parse_args()
    pages = _page_count()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PORTWIZARD_HOME=tempfile.mkdtemp(prefix="pw-bench-"),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    if args.from_source:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
        print("bytecode: none for portwizard (sources compiled on every run)")
    else:
        # Users run bytecode: pip compiles on install and PyInstaller ships .pyc files. Some
        # environments (like this project's CI machines) set PYTHONDONTWRITEBYTECODE, which
        # would make every measured run recompile portwizard while PySide and the standard
        # library come precompiled. Both programs therefore run with a private bytecode
        # cache, filled by the warm-up runs below.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="pw-bench-pyc-")
        print("bytecode: cached, as installed (use --from-source to compile on every run)")
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
    if args.phases:
        print_phases(bare_code, env, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
