"""The PySide6 6.12 / Python 3.11 None-reference bug cannot abort the program."""
from __future__ import annotations

import subprocess
import sys

import pytest

from portwizard.gui import qtfix

SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
{fix}
from PySide6.QtWidgets import QApplication, QLineEdit
app = QApplication([])
edit = QLineEdit()
for _ in range(60000):
    edit.setText("x")  # a Qt method that returns nothing
print("survived")
"""


def run(fix: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT.format(fix=fix)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not qtfix.needs_none_fix(), reason="None is immortal on this Python")
def test_the_bug_is_real_without_the_fix():
    out = run("")
    if out.returncode == 0:
        pytest.skip("this PySide6 no longer loses references to None")
    assert "none_dealloc" in out.stderr


def test_many_void_qt_calls_survive_with_the_fix():
    out = run("import portwizard.gui")
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.strip() == "survived"


def test_fix_is_applied_once_and_reports_how():
    import portwizard.gui  # noqa: F401  (applies it)

    expected = "already" if qtfix.needs_none_fix() else "not needed"
    assert qtfix.make_none_immortal() == expected


def test_reserve_fallback_survives_the_calls_and_interpreter_exit():
    # Force the fallback path as on a CPython build whose refcount field is elsewhere.
    fix = ("from portwizard.gui import qtfix\n"
           "qtfix.IMMORTAL_BOOST = 1 << 62\n"  # 'already' check stays false ...
           "qtfix.sys = type('S', (), {'version_info': (3, 11), 'implementation': qtfix.sys.implementation,"
           " 'getrefcount': staticmethod(lambda o: 0)})\n"  # ... and the boost looks ineffective
           "assert qtfix.make_none_immortal() == 'reserve'\n")
    if not qtfix.needs_none_fix():
        pytest.skip("None is immortal on this Python")
    out = run(fix)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.strip() == "survived"


# PySide6's __feature__ import hook reads each newly imported module's source (see
# qtfix.skip_feature_scan). Counted through inspect.getsource, which the hook calls.
SCAN = """
import inspect, os, sys, tempfile
os.environ["QT_QPA_PLATFORM"] = "offscreen"
reads = []
_getsource = inspect.getsource
inspect.getsource = lambda obj: reads.append(obj.__name__) or _getsource(obj)
folder = tempfile.mkdtemp()
with open(os.path.join(folder, "pw_fresh_module.py"), "w") as fh:
    fh.write("VALUE = 1\\n")
sys.path.insert(0, folder)
{first}
import pw_fresh_module
print("read:" + ",".join(name for name in reads if name == "pw_fresh_module"))
"""


def scan(first: str) -> str:
    out = subprocess.run([sys.executable, "-c", SCAN.format(first=first)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-800:]
    return out.stdout.strip()


def test_pyside_reads_sources_of_later_imports_without_the_fix():
    # (if a PySide6 release drops the scan, the fix below has nothing to do: say so)
    assert scan("import PySide6.QtCore") == "read:pw_fresh_module"


@pytest.mark.parametrize("first", [
    "import PySide6.QtCore\nimport portwizard.gui",  # a program that loaded Qt first (tests)
    "import portwizard.gui.app",  # the app's own start: Qt is imported inside
])
def test_no_source_is_read_after_the_gui_is_imported(first):
    assert scan(first) == "read:"


def test_feature_scan_fix_does_nothing_before_pyside_and_is_idempotent():
    out = subprocess.run([sys.executable, "-c",
                          "from portwizard.gui import qtfix\n"
                          "print(qtfix.skip_feature_scan())\n"
                          "import PySide6.QtCore\n"
                          "print(qtfix.skip_feature_scan(), qtfix.skip_feature_scan())"],
                         capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["False", "True", "True"], out.stderr[-500:]
