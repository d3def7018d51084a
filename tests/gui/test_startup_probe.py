"""``portwizard --startup-probe``: the start the start-up benchmarks time (bench/
bench_startup_main.py, bench/bench_bundle.py) still reaches an interactive window."""
from __future__ import annotations

import os
import subprocess
import sys


def test_the_probe_starts_the_window_and_says_when_it_is_listed(tmp_path):
    env = {**os.environ, "PORTWIZARD_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "portwizard",
                           "--startup-probe"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    word, rss_kib, rows = done.stdout.split()
    assert word == "ready" and int(rss_kib) > 10_000 and rows == "0"
    # no more than a plain start imports: not the self-test (argparse and logging.handlers
    # do load: PySide imports the one, and a new data folder logs its creation)
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    assert "portwizard.services.app" in imported
    assert "portwizard.selftest" not in imported
    # the unfinished-draft check ran (on a worker) without loading the order model, its
    # rules or the phone number library: none of that is needed to show the list
    assert "portwizard.services.drafts" in imported
    for heavy in ("portwizard.domain.order", "phonenumbers", "reportlab", "pypdf",
                  "requests", "keyring"):
        assert heavy not in imported, heavy
