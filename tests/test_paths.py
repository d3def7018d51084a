"""Where portwizard keeps its files."""
from __future__ import annotations

from portwizard import paths


def test_home_override_puts_data_and_config_under_it(private_home):
    assert paths.data_dir() == private_home / "data" and paths.data_dir().is_dir()
    assert paths.config_dir() == private_home / "config" and paths.config_dir().is_dir()


def test_platform_folders_without_override(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.delenv(paths.HOME_ENV)
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda app, author: str(tmp_path / "d" / app))
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda app, author: str(tmp_path / "c" / app))
    assert paths.data_dir() == tmp_path / "d" / "portwizard"
    assert paths.config_dir() == tmp_path / "c" / "portwizard"


def test_resources_are_found():
    assert paths.resource("carriers.json").is_file()
