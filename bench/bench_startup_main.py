"""Benchmark: start-up to the interactive main window (the orders dashboard), with an empty
store and with 1,000 orders, against a bare QMainWindow with a QTableView, in the same run.

Run:  /work/venv/bin/python bench/bench_startup_main.py [--runs 9] [--orders 1000]

Each measurement is a fresh process (offscreen Qt), the two programs alternating; the clock
starts just before the process is launched and stops when it prints "ready", and the median
of ``--runs`` is reported with the resident memory (RSS) each process had at that moment:

  * portwizard: ``python -m portwizard --startup-probe``: exactly the start without a
    command (``portwizard.gui.app.run``: application, log file, settings, store with its
    schema check, main window with menus, search, quick filters, order detail pane, status
    bar and tray icon, shown); "ready" once the orders list holds its first page (read on a
    worker) and the event loop went idle twice after that (layout and paint done);
  * bare:       QApplication + a QMainWindow holding a QTableView over a minimal
    QAbstractTableModel that reads the first 200 rows (id, title, status, port date,
    updated) of the SAME SQLite file with ``sqlite3`` on the GUI thread, shown; "ready"
    after two chained zero-timers.

Both store folders are made before measuring (through ``App.create``; the 1,000 orders by
``bench_dashboard.generate_store``) and each program runs once first to warm the file cache.
Both use compiled bytecode (as an installed program does). What differs beyond the window
itself: portwizard also loads its settings file, opens a rotating log file, checks the
schema, counts the orders, reads drafts and orders in one query, formats the cells shown and
paints the status dots; the bare program does none of that. What portwizard's first screen
does not show starts after "ready" on purpose, on timers: the link-state and unfinished-draft
checks (100 ms after the first page), the tray icon (300 ms), the password-storage check
(600 ms). portwizard holds Python's cycle collector until its list shows the first page
(portwizard.startup_gc: about 50 collections, 6-8 ms, that find next to nothing); the bare
program runs with the collector as Python starts it. ``--bare-holds-gc`` also times the bare
program with the collector off from its first line, for reference (the target is judged on
the plain one).

``--instructions`` also counts the instructions each program runs to "ready" (valgrind's
cachegrind, one run each, PYTHONHASHSEED=0): a figure that does not move with the load of
a shared machine, for telling apart changes of a few tenths of a millisecond. It leaves
out what the kernel does (page faults, file system: about a sixth of either start) and
the cost of cache misses. Under valgrind a start takes some 50 times longer, so
portwizard runs through a wrapper that stretches its timers of 50 ms or more (the
link-state, tray and password-storage checks, the cycle collector's fallback) a
thousandfold: they start after "ready" in a real start and must not run inside it here.

Target (issue 10): portwizard / bare <= 1.25 for both stores.
"""
from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.25

BARE = r'''
import os, sqlite3, sys
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

COLUMNS = ("id", "title", "status", "foc_date", "updated_at")


class Orders(QAbstractTableModel):
    def __init__(self, path):
        super().__init__()
        db = sqlite3.connect(path)
        self.rows = db.execute("SELECT id, title, status, foc_date, updated_at FROM orders "
                               "ORDER BY updated_at DESC LIMIT 200").fetchall()
        db.close()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return len(COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.rows[index.row()][index.column()]
            return "" if value is None else str(value)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None


def rss_kib():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1100, 680)
model = Orders(sys.argv[1])
view = QTableView()
view.setModel(model)
window.setCentralWidget(view)
window.show()


def ready():
    sys.stdout.write(f"ready {rss_kib()} {model.rowCount()}\n")
    sys.stdout.flush()
    os._exit(0)


QTimer.singleShot(0, lambda: QTimer.singleShot(0, ready))
app.exec()
'''


# portwizard's probe with its timers stretched, for the instruction count (see the docstring)
STRETCHED_PROBE = r'''
import sys
import portwizard.startup_gc as startup_gc
startup_gc.hold()
import portwizard.cli as cli
import portwizard.gui.app  # Qt after the Qt-free modules, as a real start imports them
from PySide6.QtCore import QTimer

start, single_shot, set_interval = QTimer.start, QTimer.singleShot, QTimer.setInterval


def stretched_start(self, *args):
    if args and isinstance(args[0], int) and args[0] >= 50:
        args = (args[0] * 1000,) + args[1:]
    elif not args and self.interval() >= 50:
        set_interval(self, self.interval() * 1000)
    return start(self, *args)


def stretched_single_shot(ms, *args, **kwargs):
    return single_shot(ms * 1000 if isinstance(ms, int) and ms >= 50 else ms, *args, **kwargs)


QTimer.start = stretched_start
QTimer.singleShot = staticmethod(stretched_single_shot)
sys.exit(cli.main(["--startup-probe"]))
'''


def count_instructions(cmd: list[str], env: dict) -> int:
    """Instructions ``cmd`` runs (valgrind cachegrind, without cache simulation)."""
    proc = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                           "--cachegrind-out-file=/dev/null", *cmd],
                          env=dict(env, PYTHONHASHSEED="0"), capture_output=True, text=True,
                          timeout=600, stdin=subprocess.DEVNULL)
    found = [line for line in proc.stderr.splitlines() if "I refs:" in line or "I   refs:" in line]
    if proc.returncode != 0 or not found:
        raise RuntimeError(f"valgrind {cmd} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return int(found[-1].split(":")[-1].strip().replace(",", ""))


def make_homes(workdir: Path, orders: int) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_dashboard import generate_store

    from portwizard.secrets import MemorySecretStore
    from portwizard.services.app import App

    homes = {"empty": workdir / "empty", f"{orders} orders": workdir / f"orders-{orders}"}
    App.create(homes["empty"], secrets=MemorySecretStore()).close()
    info = generate_store(homes[f"{orders} orders"], orders)
    print(f"stores ready: empty, and {orders} orders ({info['mb']:.1f} MB SQLite file, made in "
          f"{info['seconds']:.1f} s)")
    return homes


def start_once(cmd: list[str], env: dict) -> tuple[float, int, int]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    ready = [line.split() for line in proc.stdout.splitlines() if line.startswith("ready")]
    if proc.returncode != 0 or not ready:
        raise RuntimeError(f"{cmd} did not start ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return elapsed, int(ready[-1][1]), int(ready[-1][2])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--bare-holds-gc", action="store_true",
                        help="also time the bare program with the cycle collector off")
    parser.add_argument("--instructions", action="store_true",
                        help="also count each start's instructions with valgrind (slow)")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="pw-bench-startup-main-"))
    try:
        homes = make_homes(workdir, args.orders)
        bare = workdir / "bare_main.py"
        bare.write_text(BARE, encoding="utf-8")
        bare_gc = workdir / "bare_main_gc_held.py"
        bare_gc.write_text("import gc\ngc.disable()\n" + BARE, encoding="utf-8")
        # compiled bytecode for both (CI machines may set PYTHONDONTWRITEBYTECODE)
        compileall.compile_dir(str(ROOT / "portwizard"), quiet=1)
        compileall.compile_file(str(bare), quiet=1)
        compileall.compile_file(str(bare_gc), quiet=1)
        probe = workdir / "stretched_probe.py"
        probe.write_text(STRETCHED_PROBE, encoding="utf-8")
        if args.instructions and shutil.which("valgrind") is None:
            parser.error("--instructions needs valgrind")
        base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        base_env.update(QT_QPA_PLATFORM="offscreen",
                        PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        ok = True
        print(f"start-up to the interactive main window, median of {args.runs} fresh processes "
              f"each (offscreen, same run):")
        for label, home in homes.items():
            env = dict(base_env, PORTWIZARD_HOME=str(home))
            db = home / "data" / "portwizard.sqlite3"
            cmds = {"portwizard": [sys.executable, "-m", "portwizard", "--startup-probe"],
                    "bare": [sys.executable, str(bare), str(db)]}
            if args.bare_holds_gc:
                cmds["bare, gc held"] = [sys.executable, str(bare_gc), str(db)]
            for cmd in cmds.values():
                start_once(cmd, env)  # warm the file cache
            times = {name: [] for name in cmds}
            rss = {name: [] for name in cmds}
            rows = {}
            for _ in range(args.runs):
                for name, cmd in cmds.items():
                    t, r, n = start_once(cmd, env)
                    times[name].append(t)
                    rss[name].append(r)
                    rows[name] = n
            med = {k: statistics.median(v) for k, v in times.items()}
            mem = {k: statistics.median(v) / 1024 for k, v in rss.items()}
            ratio = med["portwizard"] / med["bare"]
            ok = ok and ratio <= TARGET
            print(f"  {label:<12} portwizard {med['portwizard'] * 1000:5.0f} ms "
                  f"({rows['portwizard']} rows shown, RSS {mem['portwizard']:.0f} MB)   "
                  f"bare {med['bare'] * 1000:5.0f} ms ({rows['bare']} rows, RSS "
                  f"{mem['bare']:.0f} MB)   ratio {ratio:.3f} (target <= {TARGET}) "
                  f"{'OK' if ratio <= TARGET else 'OVER'}   RSS +{mem['portwizard'] - mem['bare']:.0f} MB")
            if "bare, gc held" in med:
                held = med["bare, gc held"]
                print(f"  {'':<12} for reference: bare with the collector held too "
                      f"{held * 1000:5.0f} ms, ratio {med['portwizard'] / held:.2f}")
            if args.instructions:
                ours = count_instructions([sys.executable, str(probe)], env)
                theirs = count_instructions(cmds["bare"], env)
                print(f"  {'':<12} instructions to ready: portwizard {ours / 1e6:.1f} M, bare "
                      f"{theirs / 1e6:.1f} M, ratio {ours / theirs:.3f} (user space only)")
        return 0 if ok else 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
