"""Test set-up shared by every test: headless Qt and a private home folder per test."""
from __future__ import annotations

import os

# Before anything imports Qt: no display in CI, and the same pixels everywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Each test gets its own data/config folders (database, settings, drafts)."""
    home = tmp_path / "portwizard-home"
    monkeypatch.setenv("PORTWIZARD_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def memory_secrets():
    """Each test gets an empty in-memory password store; no test touches the real OS keyring."""
    from portwizard import secrets

    store = secrets.MemorySecretStore()
    previous = secrets.install_secret_store(store)
    yield store
    secrets.install_secret_store(previous)
