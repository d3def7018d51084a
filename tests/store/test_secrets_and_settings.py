"""Secret store (keyring wrapper) and the shared settings file."""
from __future__ import annotations

import json
import logging

import pytest

from portwizard import secrets, settings
from portwizard.settings import Settings


def test_tests_never_use_the_real_keyring(memory_secrets):
    assert secrets.default_secret_store() is memory_secrets


def test_memory_store_get_set_delete():
    store = secrets.MemorySecretStore()
    assert store.get("token:x") is None
    store.set("token:x", "abc")
    assert store.get("token:x") == "abc"
    store.delete("token:x")
    store.delete("token:x")  # deleting twice is fine
    assert store.get("token:x") is None
    assert "abc" not in repr(store)


def test_keyring_store_uses_the_portwizard_service(monkeypatch):
    import keyring

    calls = []
    monkeypatch.setattr(keyring, "set_password", lambda s, k, v: calls.append(("set", s, k)))
    monkeypatch.setattr(keyring, "get_password", lambda s, k: calls.append(("get", s, k)) or "v")
    store = secrets.KeyringSecretStore()
    store.set("pin:draft:1", "1234")
    assert store.get("pin:draft:1") == "v"
    assert calls == [("set", "portwizard", "pin:draft:1"), ("get", "portwizard", "pin:draft:1")]


def test_broken_keyring_backend_is_one_plain_message(monkeypatch):
    import keyring
    from keyring.errors import KeyringLocked, NoKeyringError, PasswordDeleteError

    def fail(*args):
        raise NoKeyringError("No recommended backend was available.")

    monkeypatch.setattr(keyring, "set_password", fail)
    monkeypatch.setattr(keyring, "get_password", fail)
    store = secrets.KeyringSecretStore()
    with pytest.raises(secrets.SecretStoreError) as info:
        store.set("token:https://x", "s3cret-token")
    text = str(info.value)
    assert text.startswith("your system's password storage is not available: No recommended backend")
    assert "s3cret-token" not in text and info.value.__cause__ is None
    with pytest.raises(secrets.SecretStoreError):
        store.get("k")

    def locked(*args):
        raise KeyringLocked("the keyring is locked")

    monkeypatch.setattr(keyring, "delete_password", locked)
    with pytest.raises(secrets.SecretStoreError, match="locked"):
        store.delete("k")

    def absent(*args):
        raise PasswordDeleteError("not found")

    monkeypatch.setattr(keyring, "delete_password", absent)
    store.delete("k")  # nothing stored: fine


def test_key_names_are_stable():
    assert secrets.token_key("https://api.example.com/ ") == "token:https://api.example.com"
    assert secrets.draft_pin_key("d1") == "pin:draft:d1"
    assert secrets.order_pin_key("PW-1") == "pin:order:PW-1"


# --------------------------------------------------------------------------- settings


def test_defaults_when_no_file():
    s = settings.load()
    assert s == Settings()
    assert s.endpoint_url == "sandbox" and s.uses_sandbox
    assert s.foc_lead_business_days == 5 and s.max_attachment_mb == 10
    assert s.provider_name and s.warnings == []


def test_save_and_load_round_trip(private_home):
    s = Settings(endpoint_url="https://porting.example.com/api/", provider_name="Example Tel",
                 foc_lead_business_days=7, max_attachment_mb=20, sandbox_seconds_per_day=0.5)
    path = s.save()
    assert path == private_home / "config" / "settings.json"
    data = json.loads(path.read_text("utf-8"))
    assert data["endpoint_url"] == "https://porting.example.com/api"
    assert "warnings" not in data
    again = Settings.load()
    assert again == s and again.warnings == []
    assert again.validation_context().foc_lead_business_days == 7
    assert not list(path.parent.glob(".settings-*"))  # no temporary file left behind


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00", b"[1, 2]", b"null"])
def test_damaged_file_gives_defaults_and_a_warning(content, caplog):
    settings.settings_path().write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="portwizard.settings"):
        s = settings.load()
    assert s.to_dict() == Settings().to_dict()
    assert len(s.warnings) == 1 and "defaults" in s.warnings[0]
    assert caplog.records


def test_one_bad_value_keeps_the_good_ones():
    settings.settings_path().write_text(json.dumps({
        "endpoint_url": "ftp://x", "provider_name": "Good Tel", "foc_lead_business_days": "five",
        "max_attachment_mb": 500, "sandbox_seconds_per_day": 1, "colour": "blue"}), "utf-8")
    s = settings.load()
    assert s.provider_name == "Good Tel" and s.sandbox_seconds_per_day == 1.0
    assert s.endpoint_url == "sandbox" and s.foc_lead_business_days == 5 and s.max_attachment_mb == 10
    text = " ".join(s.warnings)
    assert "endpoint_url" in text and "foc_lead_business_days" in text
    assert "max_attachment_mb" in text and "colour" in text
    assert len(s.warnings) == 4


def test_saving_an_invalid_value_is_refused_and_keeps_the_old_file():
    Settings(provider_name="First").save()
    with pytest.raises(ValueError):
        Settings(foc_lead_business_days=0).save()
    assert settings.load().provider_name == "First"


@pytest.mark.parametrize("raw", ["Infinity", "-Infinity", "1e400", "NaN", "1e308"])
def test_infinite_or_huge_numbers_give_the_default_and_a_warning(raw, caplog):
    # Python's json reads Infinity / NaN / 1e400 as float inf or nan; int(inf) overflows.
    settings.settings_path().write_text(
        '{"foc_lead_business_days": %s, "max_attachment_mb": %s, "provider_name": "Good Tel"}'
        % (raw, raw), "utf-8")
    with caplog.at_level(logging.WARNING, logger="portwizard.settings"):
        s = settings.load()
    assert s.foc_lead_business_days == 5 and s.max_attachment_mb == 10
    assert s.provider_name == "Good Tel"  # the good value is kept
    assert len(s.warnings) == 2
    assert "foc_lead_business_days" in s.warnings[0] and "the default 5 is used" in s.warnings[0]
    assert "from 1 to 30" in s.warnings[0] and "cannot convert" not in s.warnings[0]
    assert len(caplog.records) == 2


def test_endpoint_rule_is_the_clients_rule():
    from portwizard.endpoint import InsecureURL
    from portwizard.endpoint.client import check_url

    for bad in ("http://provider.example", "ftp://x", "https://", "porting.example.com"):
        with pytest.raises(InsecureURL) as client_says:
            check_url(bad)
        with pytest.raises(ValueError) as settings_say:
            settings.check_endpoint(bad)
        assert str(settings_say.value) == str(client_says.value)  # the same plain message
    assert "not encrypted" in str(pytest.raises(ValueError, settings.check_endpoint,
                                                "http://provider.example").value)
    assert settings.check_endpoint(" https://porting.example.com/api/ ") == "https://porting.example.com/api"
    assert settings.check_endpoint("http://127.0.0.1:8080/") == "http://127.0.0.1:8080"
    assert settings.check_endpoint("sandbox") == "sandbox"
    with pytest.raises(ValueError):
        settings.check_endpoint("")


def test_unencrypted_endpoint_in_the_file_gives_the_sandbox_and_a_warning():
    settings.settings_path().write_text('{"endpoint_url": "http://provider.example"}', "utf-8")
    s = settings.load()
    assert s.endpoint_url == "sandbox"
    assert len(s.warnings) == 1 and "not encrypted" in s.warnings[0]
    with pytest.raises(ValueError):
        Settings(endpoint_url="http://provider.example").save()


# --------------------------------------------------------------------------- refresh, notifications


def test_refresh_and_notification_defaults_round_trip():
    s = Settings()
    assert s.refresh_minutes == settings.DEFAULT_REFRESH_MINUTES == 15
    assert s.notifications is True
    s = Settings(endpoint_url="https://porting.example.com/api", refresh_minutes=0,
                 notifications=False)
    s.save()
    data = json.loads(settings.settings_path().read_text("utf-8"))
    assert data["refresh_minutes"] == 0 and data["notifications"] is False
    again = settings.load()
    assert again == s and again.warnings == []


@pytest.mark.parametrize("endpoint, minutes, seconds", [
    ("sandbox", 15, settings.SANDBOX_REFRESH_SECONDS),  # the default: the sandbox is fast
    ("sandbox", 5, 300),                                 # a chosen interval is kept
    ("sandbox", 0, 0),                                   # only by hand
    ("https://porting.example.com/api", 15, 900),
    ("https://porting.example.com/api", 1440, 86400),
    ("https://porting.example.com/api", 0, 0),
])
def test_refresh_interval_seconds(endpoint, minutes, seconds):
    s = Settings(endpoint_url=endpoint, refresh_minutes=minutes)
    assert s.refresh_interval_seconds() == seconds


@pytest.mark.parametrize("raw", ['-1', '1441', '"15"', '2.5', 'true', 'null', '1e400'])
def test_bad_refresh_minutes_give_the_default_and_a_warning(raw):
    settings.settings_path().write_text(
        '{"refresh_minutes": %s, "provider_name": "Good Tel"}' % raw, "utf-8")
    s = settings.load()
    assert s.refresh_minutes == 15 and s.provider_name == "Good Tel"
    assert len(s.warnings) == 1 and "refresh_minutes" in s.warnings[0]
    assert "from 0 to 1440" in s.warnings[0]


@pytest.mark.parametrize("raw", ['"no"', '0', '1', 'null', '[]'])
def test_bad_notifications_value_gives_the_default_and_a_warning(raw):
    settings.settings_path().write_text('{"notifications": %s}' % raw, "utf-8")
    s = settings.load()
    assert s.notifications is True
    assert len(s.warnings) == 1 and "notifications" in s.warnings[0]
    assert "true or false" in s.warnings[0]


def test_saving_an_out_of_range_refresh_is_refused():
    with pytest.raises(ValueError):
        Settings(refresh_minutes=-5).save()
    with pytest.raises(ValueError):
        Settings(notifications="yes").save()  # type: ignore[arg-type]
    assert not settings.settings_path().exists()
