"""Two processes at the same moment on the same data folder: both start, and the same order
file submitted twice at once files one order.

Each trial is two child processes that wait for the same wall-clock instant and then do the
same thing. One child pair runs many trials (one fresh folder each) so the race gets many
chances while the test stays fast."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Opens a Store on each fresh folder at its own instant; prints one JSON line per folder.
OPENER = """
import json, sys, time
from portwizard import secrets
from portwizard.store import Store

start, gap = float(sys.argv[1]), float(sys.argv[2])
for i, folder in enumerate(sys.argv[3:]):
    while time.time() < start + i * gap:
        time.sleep(0.0005)
    try:
        store = Store(folder + "/portwizard.sqlite3", secrets=secrets.MemorySecretStore())
        version = store.schema_version()
        store.close()
        print(json.dumps({"ok": True, "version": version}), flush=True)
    except Exception as exc:
        print(json.dumps({"ok": False, "error": f"{type(exc).__name__}: {exc}"}), flush=True)
"""

# Submits the same order (queued, not sent) into each folder's database at its instant.
SUBMITTER = """
import json, os, sys, time
from orderkit import make_service, valid_order
from pathlib import Path
from portwizard import secrets

start, gap = float(sys.argv[1]), float(sys.argv[2])
for i, folder in enumerate(sys.argv[3:]):
    service = make_service(Path(folder) / "pw.db", "http://127.0.0.1:9",
                           secrets=secrets.MemorySecretStore())
    documents = Path(folder) / f"documents-{os.getpid()}"
    documents.mkdir()
    order = valid_order(documents)
    while time.time() < start + i * gap:
        time.sleep(0.0005)
    result = service.submit(order, send=False)
    service.close()
    print(json.dumps({"outcome": result.outcome, "order_id": result.order_id}), flush=True)
"""


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")])}


def _run_pair(script: str, folders: list[Path], gap: float, lead: float = 3.0) -> list[list[dict]]:
    """Both children do the same trials at the same instants; returns each one's results."""
    start = time.time() + lead  # time for both interpreters to start and import
    args = [sys.executable, "-c", script, repr(start), repr(gap), *map(str, folders)]
    children = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, cwd=ROOT, env=_env()) for _ in range(2)]
    results = []
    for child in children:
        out, err = child.communicate(timeout=lead + gap * len(folders) + 60)
        assert child.returncode == 0, err
        results.append([json.loads(line) for line in out.splitlines() if line.startswith("{")])
    return results


def test_two_processes_starting_at_once_on_a_new_data_folder_both_start(tmp_path):
    folders = [tmp_path / f"home{i}" for i in range(40)]
    for folder in folders:
        folder.mkdir()
    first, second = _run_pair(OPENER, folders, gap=0.05)
    failed = [r["error"] for r in first + second if not r["ok"]]
    assert not failed, f"{len(failed)} of {2 * len(folders)} starts failed: {failed[:3]}"
    assert {r["version"] for r in first + second} == {_current_version()}


def test_the_same_order_submitted_twice_at_once_files_one_order(tmp_path):
    from portwizard import secrets
    from portwizard.store import Store

    folders = [tmp_path / f"home{i}" for i in range(30)]
    for folder in folders:
        folder.mkdir()
        Store(folder / "pw.db", secrets=secrets.MemorySecretStore()).close()  # migrated
    first, second = _run_pair(SUBMITTER, folders, gap=0.08)
    twice = []
    for folder, a, b in zip(folders, first, second):
        with Store(folder / "pw.db", secrets=secrets.MemorySecretStore()) as store:
            filed = store.list_orders()
        if len(filed) != 1:
            twice.append((folder.name, a, b))
        # one of the two was told why nothing was filed
        assert sorted((a["outcome"], b["outcome"])) in (["invalid", "queued"], ["queued", "queued"])
    assert not twice, f"{len(twice)} of {len(folders)} pairs filed two orders: {twice[:3]}"


def _current_version() -> int:
    from portwizard.store.schema import CURRENT_VERSION

    return CURRENT_VERSION
