"""The command-line entry point itself."""
from __future__ import annotations

import subprocess
import sys


def test_reader_leaving_early_gives_no_traceback(tmp_path):
    numbers = tmp_path / "numbers.txt"
    numbers.write_text("".join(f"(212) 555-01{i % 90 + 10}\n" for i in range(5000)))
    proc = subprocess.Popen([sys.executable, "-m", "portwizard", "validate", "--numbers", str(numbers)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline().startswith(b"line 1")
    proc.stdout.close()  # like `| head -1`
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err
    assert proc.returncode == 1


def test_version_and_help_do_not_load_heavy_libraries():
    code = ("import sys; from portwizard.cli import build_parser; build_parser(); "
            "heavy = [m for m in ('reportlab', 'pypdf', 'requests', 'keyring', 'PySide6') if m in sys.modules]; "
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
