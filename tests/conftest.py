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


@pytest.fixture
def app(tmp_path, memory_secrets):
    """The application (portwizard.services.app.App) in a fresh home folder."""
    from portwizard.services.app import App

    application = App.create(tmp_path / "home", secrets=memory_secrets)
    yield application
    application.close()


@pytest.fixture
def offline_app(tmp_path, memory_secrets):
    """An App whose provider is a closed loopback port (nothing answers); ``.port`` is it,
    so a test can start a sandbox there later. Sending uses short test timeouts."""
    from orderkit import free_port, make_app

    port = free_port()
    application = make_app(tmp_path / "home", f"http://127.0.0.1:{port}", secrets=memory_secrets)
    application.port = port
    yield application
    application.close()


_real_connect = None


def _loopback_only(address) -> bool:
    import ipaddress

    if not isinstance(address, tuple):  # AF_UNIX paths and the like stay on this machine
        return True
    host = str(address[0]).strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False  # a name other than localhost would need DNS: not loopback


def pytest_configure(config):
    """Tests talk only to this machine (127.0.0.0/8, ::1): a connection anywhere else fails
    at once with a clear error instead of leaving the sandbox. Enforced in this process;
    child processes started by tests get only loopback addresses from their tests."""
    import socket

    global _real_connect
    if _real_connect is not None:
        return
    _real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def connect(self, address):
        if not _loopback_only(address):
            raise ConnectionRefusedError(f"tests may only connect to loopback, not {address!r}")
        return _real_connect(self, address)

    def connect_ex(self, address):
        if not _loopback_only(address):
            raise ConnectionRefusedError(f"tests may only connect to loopback, not {address!r}")
        return real_connect_ex(self, address)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
