"""``portwizard token``: the provider's access token goes to the password storage only."""
from __future__ import annotations

import io

import pytest

from portwizard import secrets
from portwizard.cli import main

URL = "https://porting.example.com/api"


def run(monkeypatch, capsys, stdin: str, *args: str):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["token", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_save_and_delete_a_token(monkeypatch, capsys, memory_secrets, private_home):
    code, out, err = run(monkeypatch, capsys, "tok-abc-123\n", "--endpoint", URL + "/")
    assert code == 0 and "saved in your system's password storage" in out
    assert memory_secrets.get(secrets.token_key(URL)) == "tok-abc-123"
    assert "tok-abc-123" not in out + err
    config = private_home / "config"
    assert not config.exists() or all("tok-abc-123" not in p.read_text() for p in config.iterdir())
    code, out, err = run(monkeypatch, capsys, "", "--endpoint", URL, "--delete")
    assert code == 0 and memory_secrets.get(secrets.token_key(URL)) is None


def test_empty_token_and_sandbox_are_refused_plainly(monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, "\n", "--endpoint", URL)
    assert code == 1 and err.count("\n") == 1 and "no token was entered" in err
    code, out, err = run(monkeypatch, capsys, "x\n")  # the default endpoint is the sandbox
    assert code == 2 and "needs no token" in err


def test_broken_password_storage_is_one_line(monkeypatch, capsys):
    import keyring
    from keyring.errors import NoKeyringError

    def fail(*a):
        raise NoKeyringError("No recommended backend was available.")

    monkeypatch.setattr(keyring, "set_password", fail)
    secrets.install_secret_store(None)  # the real keyring wrapper over the broken backend
    code, out, err = run(monkeypatch, capsys, "tok-abc-123\n", "--endpoint", URL)
    assert code == 1 and err.count("\n") == 1
    assert "your system's password storage is not available" in err and "Traceback" not in err
    assert "tok-abc-123" not in err


def test_unencrypted_address_is_refused_before_the_token_is_read(monkeypatch, capsys,
                                                                 memory_secrets):
    from portwizard.endpoint import InsecureURL
    from portwizard.endpoint.client import check_url

    stdin = io.StringIO("tok-abc-123\n")
    monkeypatch.setattr("sys.stdin", stdin)
    code = main(["token", "--endpoint", "http://provider.example"])
    out, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "not encrypted" in err and "https://" in err
    with pytest.raises(InsecureURL) as refused:  # the client's own rule refuses it ...
        check_url("http://provider.example")
    assert str(refused.value) in err  # ... in the words shown, not a second wording
    assert stdin.read() == "tok-abc-123\n"  # the token was never asked for
    assert memory_secrets.get(secrets.token_key("http://provider.example")) is None
