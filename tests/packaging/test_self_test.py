"""``portwizard --self-test`` as a user (or CI, on the frozen build) runs it: a separate
process, its own output, its exit code. The frozen build runs the same module (.ci/run)."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

STEPS = [
    "qt platform plugin", "qt application", "open the store", "main window", "wizard",
    "build an order", "split an address", "render the LOA", "preview the LOA",
    "inspect a PDF in the child process", "inspect an AES-encrypted PDF",
    "check a JPEG photo in the child process", "submit to the sandbox",
    "read the status back", "secret round trip",
]

pytestmark = pytest.mark.slow
LINE = re.compile(r"^(ok  |warn |FAIL )(.+?)(?: \(\d+ ms\))?(?::|$)")


def steps_of(output: str) -> dict[str, str]:
    """step name -> its line's verdict ("ok", "warn", "FAIL")."""
    out = {}
    for line in output.splitlines():
        match = LINE.match(line)
        if match:
            assert match.group(2) not in out, f"two lines for {match.group(2)!r}"
            out[match.group(2)] = match.group(1).strip()
    return out


def self_test_env(tmp_path, **extra) -> dict[str, str]:
    """The user's real keyring and folders stay out of it: a private HOME, no session bus
    (so no Secret Service), offscreen Qt."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DBUS_", "XDG_", "PYTHON_KEYRING", "PORTWIZARD_"))}
    home = tmp_path / "user-home"
    home.mkdir()
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_CONFIG_HOME=str(home / ".config"), QT_QPA_PLATFORM="offscreen",
               PYTHONIOENCODING="utf-8")
    env.update(extra)
    return env


def run_self_test(env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portwizard", "--self-test"], env=env,
                          capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)


def test_self_test_passes_with_one_line_per_step(tmp_path):
    proc = run_self_test(self_test_env(tmp_path))
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert lines[-1] == "self-test passed"
    verdicts = steps_of(proc.stdout)
    for step in STEPS:
        assert verdicts.get(step) in ("ok", "warn"), f"{step!r}:\n{proc.stdout}"
    # only the keyring may fall back (no password storage on a CI machine); said plainly
    assert [s for s, v in verdicts.items() if v == "warn"] in (
        [], ["secret round trip"], ["xcb libraries (for a real display)"],
        ["xcb libraries (for a real display)", "secret round trip"]), proc.stdout
    if verdicts["secret round trip"] == "warn":
        assert "FALLBACK" in proc.stdout
    # the throw-away home folder is gone afterwards
    home = lines[0].rsplit("home ", 1)[1]
    assert not os.path.exists(home)


def test_a_failing_step_fails_the_self_test(tmp_path):
    # The "null" keyring accepts a password and forgets it: the round trip must notice.
    env = self_test_env(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    proc = run_self_test(env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    fails = [line for line in proc.stdout.splitlines() if line.startswith("FAIL")]
    assert fails == ["FAIL secret round trip: the secret read back differs from the one stored"]
    assert "self-test FAILED: 1 step(s): secret round trip" in proc.stdout
    assert "ok  submit to the sandbox" in proc.stdout  # the other steps still ran


def test_a_missing_display_library_is_named_with_its_package(monkeypatch):
    """The check behind "FAIL qt platform plugin" on an X display without libxcb-icccm4."""
    from portwizard.selftest import qtplatform

    text = qtplatform.describe_missing(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert text == ("missing libxcb-icccm.so.4, libxcb-keysyms.so.1 "
                    "(Debian/Ubuntu: sudo apt install libxcb-icccm4 libxcb-keysyms1)")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd and xcb are Linux only")
def test_xcb_plugin_dependencies_are_checked_with_the_loader():
    from portwizard.selftest import qtplatform

    plugin = qtplatform.platform_plugin("xcb")
    assert plugin is not None and plugin.is_file()
    missing = qtplatform.missing_libraries(plugin)
    assert isinstance(missing, list)
    assert all(".so" in lib for lib in missing)


def test_without_password_storage_the_round_trip_falls_back_and_says_so(tmp_path):
    env = self_test_env(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    proc = run_self_test(env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    line = next(line for line in proc.stdout.splitlines() if "secret round trip" in line)
    assert line.startswith("warn secret round trip") and "FALLBACK" in line
    assert "password storage is not available" in line


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is checked on Linux")
def test_asking_for_an_x_display_without_one_fails_plainly_instead_of_aborting(tmp_path):
    env = self_test_env(tmp_path, QT_QPA_PLATFORM="xcb")
    env.pop("DISPLAY", None)
    proc = run_self_test(env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "FAIL qt platform plugin: no X display to open windows on" in proc.stdout
    assert steps_of(proc.stdout)["submit to the sandbox"] == "ok"  # the rest ran off screen
