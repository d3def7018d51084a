"""``portwizard sandbox``: starts on loopback, answers, stops cleanly on Ctrl+C."""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from portwizard.cli import main

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def sandbox_process(tmp_path):
    procs = []

    def _start(*args):
        env = dict(os.environ, PYTHONPATH=str(REPO), PORTWIZARD_HOME=str(tmp_path / "home"))
        proc = subprocess.Popen(
            [sys.executable, "-m", "portwizard", "sandbox", *args], cwd=REPO, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        procs.append(proc)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout] and None,
                         daemon=True).start()
        return proc, lines

    yield _start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)


@pytest.mark.http
@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
def test_sandbox_command_serves_and_stops_on_ctrl_c(sandbox_process, make_client, tmp_path):
    proc, lines = sandbox_process("--port", "0", "--seconds-per-day", "0.5")
    first = lines.get(timeout=20)
    assert first.startswith("Sandbox provider running at http://127.0.0.1:")
    url = first.split(" at ", 1)[1].strip()
    assert "sandbox-demo-token" in lines.get(timeout=5)
    assert len(make_client(url).list_targets()) == 3
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=15) == 0
    rest = []
    while not lines.empty():
        rest.append(lines.get_nowait())
    assert "Sandbox stopped.\n" in rest
    assert proc.stderr.read() == ""
    # The same file as the built-in sandbox, so orders placed against either are seen by both.
    assert (tmp_path / "home" / "data" / "sandbox.sqlite3").is_file()
    assert not (tmp_path / "home" / "data" / "sandbox.db").exists()


@pytest.mark.parametrize("args,message", [
    (["--faults", "1.5"], "--faults must be between 0 and 1"),
    (["--seconds-per-day", "0"], "--seconds-per-day must be more than 0"),
    (["--port", "70000"], "--port must be between 0 and 65535"),
])
def test_sandbox_command_explains_bad_options(capsys, args, message):
    assert main(["sandbox", *args]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.http
def test_sandbox_command_reports_a_busy_port(sandbox, capsys):
    port = sandbox.url.rsplit(":", 1)[1]
    assert main(["sandbox", "--port", port]) == 1
    err = capsys.readouterr().err
    assert f"cannot listen on port {port}" in err and "--port 0" in err


def test_sandbox_command_uses_the_built_in_sandbox_file(monkeypatch, capsys):
    from portwizard.paths import data_dir
    from portwizard.services.connection import builtin_sandbox_db

    seen = {}

    class FakeSandbox:  # records where the command keeps its orders, then "fails" to listen
        def __init__(self, db, **options):
            seen["db"] = Path(db)

        def start(self):
            raise OSError(98, "Address already in use")

    monkeypatch.setattr("portwizard.endpoint.sandbox.Sandbox", FakeSandbox)
    assert main(["sandbox", "--port", "8765"]) == 1
    assert seen["db"] == builtin_sandbox_db() == data_dir() / "sandbox.sqlite3"


def test_sandbox_help_says_where_the_file_is(capsys):
    with pytest.raises(SystemExit) as done:
        main(["sandbox", "--help"])
    assert done.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "sandbox.sqlite3" in out and "data folder" in out and "PORTWIZARD_HOME" in out
    assert "same file" in out
