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
