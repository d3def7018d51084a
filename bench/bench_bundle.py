"""Benchmark: the frozen bundle's size and start-up against a bare PySide6 program frozen
the same way, both built in the same run.

Run:  /work/venv/bin/python bench/bench_bundle.py [--runs 9] [--workdir DIR] [--no-build]
(PyInstaller must be installed in the same environment; takes about two minutes.)

Two one-folder bundles are built with the same PyInstaller, the same Python and the same
options (one folder, modules as .pyc files rather than in the compressed archive as
build.spec has it, no UPX, no strip, PyInstaller's own hooks):

  * portwizard: ``build.spec`` as CI and the README build it;
  * bare:       a tiny spec written to a temporary folder for a 9-page ``QWizard`` (a label
                and a line edit per page) whose last page holds a ``QPdfView`` over a
                ``QPdfDocument`` (so QtPdf and its pdfium are in it too), PyInstaller's
                defaults otherwise (no excludes, every Qt plugin its hooks collect).

Printed: both sizes (bytes of regular files, symlinks not counted twice), the ratio
(target <= 1.3), what costs most beyond Qt (per top-level entry of ``_internal`` plus the
executables, against the bare bundle; Qt itself, i.e. ``PySide6/``, ``libQt6*`` and
``libicu*``, is shown as one line), the frozen start-up to an interactive window and the
resident memory at that moment (median of ``--runs`` alternating fresh processes, offscreen):

  * portwizard: ``portwizard --startup-probe`` = exactly the start without a command
    (application, logging, store, main window with the orders list, tray icon, show) over
    an existing empty store; "ready" after two chained zero-timers after show();
  * bare:       the wizard above constructed and shown, "ready" the same way.

Sizes are in MiB (2**20 bytes), as ``du -sh`` reports them.

What differs: the bare program builds all 9 pages and the PDF view before "ready"; ours
shows the orders dashboard (its list filled by a worker) and loads QtPdf only when a
document is first previewed. Finally the frozen self-test of our bundle is run (the proof
that a shrink removed nothing needed).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.3

BARE_APP = r'''
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWizard, QWizardPage


def rss_kib():
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, AttributeError):
        return 0


def main():
    app = QApplication(sys.argv[:1])
    wizard = QWizard()
    wizard.resize(900, 680)
    for i in range(9):
        page = QWizardPage()
        page.setTitle(f"Step {i + 1}")
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(f"Field {i + 1}"))
        layout.addWidget(QLineEdit())
        if i == 8:
            document = QPdfDocument(page)
            view = QPdfView(page)
            view.setDocument(document)
            layout.addWidget(view, 1)
        wizard.addPage(page)
    wizard.show()
    if "--startup-probe" in sys.argv:
        def ready():
            sys.stdout.write(f"ready {rss_kib()}\n")
            sys.stdout.flush()
            os._exit(0)

        QTimer.singleShot(0, lambda: QTimer.singleShot(0, ready))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
'''

BARE_SPEC = r'''
a = Analysis([{script!r}], pathex=[], binaries=[], datas=[], hiddenimports=[], hookspath=[],
             runtime_hooks=[], excludes=[], noarchive=True)
pyz = PYZ(a.pure)
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name="bare", console=True, upx=False)
coll = COLLECT(exe, a.binaries, a.datas, strip=False, upx=False, name="bare")
'''


# --------------------------------------------------------------------------- building


def pyinstaller(spec: Path, work: Path, dist: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--workpath", str(work), "--distpath", str(dist), str(spec)],
                   check=True, cwd=spec.parent)
    return time.perf_counter() - started


def build(workdir: Path) -> dict[str, float]:
    bare = workdir / "bare-src"
    bare.mkdir(parents=True, exist_ok=True)
    (bare / "bare_app.py").write_text(BARE_APP, encoding="utf-8")
    (bare / "bare.spec").write_text(BARE_SPEC.format(script=str(bare / "bare_app.py")),
                                    encoding="utf-8")
    times = {}
    times["portwizard"] = pyinstaller(ROOT / "build.spec", workdir / "work-ours", workdir / "dist")
    times["bare"] = pyinstaller(bare / "bare.spec", workdir / "work-bare", workdir / "dist")
    return times


# --------------------------------------------------------------------------- sizes


def tree_bytes(path: Path) -> int:
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            p = Path(folder) / name
            if not p.is_symlink():
                total += p.stat().st_size
    return total


def is_qt(name: str) -> bool:
    return name.startswith(("PySide6", "shiboken6", "libQt6", "libicu", "libpyside6",
                            "libshiboken6"))


def entries(bundle: Path) -> dict[str, int]:
    """Bytes per top-level entry (the executables and what ``_internal`` holds)."""
    out: dict[str, int] = {}
    internal = bundle / "_internal"
    for entry in bundle.iterdir():
        if entry != internal:  # the executables (each holds the Python code archive)
            out["executables"] = out.get("executables", 0) + tree_bytes(entry)
    for entry in internal.iterdir():
        out[entry.name] = tree_bytes(entry)
    return out


def qt_parts(bundle: Path) -> dict[str, int]:
    """Qt's own share by kind: libraries, plugins, translations, bindings."""
    parts: dict[str, int] = defaultdict(int)
    qt = bundle / "_internal" / "PySide6" / "Qt"
    for sub in ("lib", "plugins", "translations", "resources"):
        parts[f"Qt {sub}"] = tree_bytes(qt / sub) if (qt / sub).exists() else 0
    parts["PySide6 bindings (*.so)"] = sum(
        tree_bytes(p) for p in (bundle / "_internal" / "PySide6").glob("*.so*"))
    return dict(parts)


def mb(n: float) -> str:
    return f"{n / 2**20:7.1f} MiB"  # as `du -sh` counts, like the 232 vs 164


def strip_debug_copy(bundle: Path, dest: Path) -> Path | None:
    """A copy of ``bundle`` with debug information stripped from every ELF file that has
    it, as build.spec does on Linux (None where there is no ``strip``)."""
    strip = shutil.which("strip")
    if strip is None or not sys.platform.startswith("linux"):
        return None
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(bundle, dest, symlinks=True)
    for folder, _dirs, files in os.walk(dest):
        for name in files:
            p = Path(folder) / name
            if p.is_symlink():
                continue
            data = p.read_bytes()
            if data[:4] == b"\x7fELF" and b".debug_info" in data:
                subprocess.run([strip, "--strip-debug", str(p)], check=True)
    return dest


def report_sizes(ours: Path, bare: Path) -> float:
    a, b = entries(ours), entries(bare)
    total_a, total_b = sum(a.values()), sum(b.values())
    ratio = total_a / total_b
    print(f"\nsize        portwizard {mb(total_a)}   bare {mb(total_b)}   "
          f"ratio {ratio:.2f} (target <= {TARGET_RATIO})  "
          f"{'OK' if ratio <= TARGET_RATIO else 'OVER'}")
    stripped = strip_debug_copy(bare, bare.parent / "bare-stripped")
    if stripped is not None:
        total_s = tree_bytes(stripped)
        print(f"  against the bare bundle with debug info stripped too (as build.spec does on "
              f"Linux): {mb(total_s)}, ratio {total_a / total_s:.2f}")
        shutil.rmtree(stripped, ignore_errors=True)
    qa = sum(v for k, v in a.items() if is_qt(k))
    qb = sum(v for k, v in b.items() if is_qt(k))
    print(f"  Qt (PySide6/, libQt6*, ICU)     {mb(qa)} vs {mb(qb)} bare")
    pa, pb = qt_parts(ours), qt_parts(bare)
    for key in pa:
        print(f"    {key:<30} {mb(pa[key])} vs {mb(pb.get(key, 0))}")
    extra = sorted(((v - b.get(k, 0), k, v) for k, v in a.items() if not is_qt(k)), reverse=True)
    print("  beyond Qt, most extra first (portwizard - bare):")
    for diff, name, size in extra[:14]:
        if diff < 200_000:
            break
        print(f"    {name:<40} {mb(diff)}   ({mb(size)} in portwizard)")
    rest = sum(d for d, _n, _s in extra[14:] if d > 0)
    print(f"    {'everything else':<40} {mb(rest)}")
    return ratio


# --------------------------------------------------------------------------- start-up


def start_once(cmd: list[str], env: dict) -> tuple[float, int]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    ready = [line for line in proc.stdout.splitlines() if line.startswith("ready")]
    if proc.returncode != 0 or not ready:
        raise RuntimeError(f"{cmd[0]} did not start: {proc.returncode}\n{proc.stdout}{proc.stderr}")
    return elapsed, int(ready[-1].split()[1])


def report_startup(ours: Path, bare: Path, runs: int, home: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PORTWIZARD_HOME=str(home))
    cmds = {"portwizard": [str(ours / "portwizard"), "--startup-probe"],
            "bare": [str(bare / "bare"), "--startup-probe"]}
    for cmd in cmds.values():  # warm the file cache; creates our (empty) store
        start_once(cmd, env)
    times: dict[str, list[float]] = defaultdict(list)
    rss: dict[str, list[int]] = defaultdict(list)
    for _ in range(runs):
        for name, cmd in cmds.items():
            t, r = start_once(cmd, env)
            times[name].append(t)
            rss[name].append(r)
    med = {k: statistics.median(v) for k, v in times.items()}
    mem = {k: statistics.median(v) for k, v in rss.items()}
    ratio = med["portwizard"] / med["bare"]
    print(f"\nstart-up to an interactive window, frozen, median of {runs} (offscreen):")
    print(f"  portwizard (main window, empty store) {med['portwizard'] * 1000:6.0f} ms  "
          f"RSS {mem['portwizard'] / 1024:5.0f} MiB")
    print(f"  bare (9-page QWizard + QPdfView)      {med['bare'] * 1000:6.0f} ms  "
          f"RSS {mem['bare'] / 1024:5.0f} MiB")
    print(f"  ratio {ratio:.2f}   (spread: portwizard {min(times['portwizard']) * 1000:.0f}-"
          f"{max(times['portwizard']) * 1000:.0f} ms, bare {min(times['bare']) * 1000:.0f}-"
          f"{max(times['bare']) * 1000:.0f} ms)")
    return ratio


def self_test(ours: Path) -> bool:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([str(ours / "portwizard-cli"), "--self-test"], env=env,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    bad = [line for line in proc.stdout.splitlines() if line.startswith(("FAIL", "warn"))]
    verdict = "passed" if proc.returncode == 0 else "FAILED"
    print(f"\nfrozen self-test {verdict}" + "".join(f"\n  {line}" for line in bad))
    return proc.returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="start-ups measured per program")
    parser.add_argument("--workdir", type=Path, help="keep the builds here (default: temporary)")
    parser.add_argument("--no-build", action="store_true",
                        help="measure the bundles already in --workdir")
    args = parser.parse_args(argv)
    if args.no_build and not args.workdir:
        parser.error("--no-build needs --workdir")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="pw-bench-bundle-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        if not args.no_build:
            times = build(workdir)
            print(f"built with PyInstaller: portwizard {times['portwizard']:.0f} s, "
                  f"bare {times['bare']:.0f} s  (in {workdir})")
        ours, bare = workdir / "dist" / "portwizard", workdir / "dist" / "bare"
        report_sizes(ours, bare)
        home = workdir / "home"
        shutil.rmtree(home, ignore_errors=True)
        report_startup(ours, bare, args.runs, home)
        ok = self_test(ours)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
