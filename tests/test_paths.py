"""Where portwizard keeps its files."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from portwizard import paths


def test_home_override_puts_data_and_config_under_it(private_home):
    assert paths.data_dir() == private_home / "data" and paths.data_dir().is_dir()
    assert paths.config_dir() == private_home / "config" and paths.config_dir().is_dir()


def test_platform_folders_without_override(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.HOME_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "d"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "w"))
    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    if sys.platform == "win32":
        expected = (tmp_path / "w" / "portwizard" / "portwizard",) * 2
    elif sys.platform == "darwin":
        expected = (Path.home() / "Library" / "Application Support" / "portwizard",) * 2
    else:
        expected = (tmp_path / "d" / "portwizard", tmp_path / "c" / "portwizard")
    assert (paths.data_dir(), paths.config_dir()) == expected
    assert paths.data_dir().is_dir() and paths.config_dir().is_dir()


@pytest.mark.parametrize("platform, environ, data, config", [
    ("win32", {"LOCALAPPDATA": r"C:\Users\ana\AppData\Local"},
     r"C:\Users\ana\AppData\Local/portwizard/portwizard",
     r"C:\Users\ana\AppData\Local/portwizard/portwizard"),
    ("win32", {}, "/home/ana/AppData/Local/portwizard/portwizard",
     "/home/ana/AppData/Local/portwizard/portwizard"),
    ("darwin", {"XDG_DATA_HOME": "/elsewhere"}, "/home/ana/Library/Application Support/portwizard",
     "/home/ana/Library/Application Support/portwizard"),
    ("linux", {}, "/home/ana/.local/share/portwizard", "/home/ana/.config/portwizard"),
    ("linux", {"XDG_DATA_HOME": "/data/ana", "XDG_CONFIG_HOME": "/etc/ana"},
     "/data/ana/portwizard", "/etc/ana/portwizard"),
    # empty or relative: not a valid XDG value, the defaults apply
    ("linux", {"XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "relative/conf"},
     "/home/ana/.local/share/portwizard", "/home/ana/.config/portwizard"),
    ("freebsd14", {}, "/home/ana/.local/share/portwizard", "/home/ana/.config/portwizard"),
])
def test_each_system_has_its_folder(platform, environ, data, config):
    def folder(kind):
        return paths.platform_dir(kind, platform=platform, environ=environ, home="/home/ana")

    assert (folder("data"), folder("config")) == (Path(data), Path(config))


@pytest.mark.parametrize("xdg", [None, "set", "relative"])
def test_the_folders_are_the_ones_platformdirs_names_here(monkeypatch, tmp_path, xdg):
    """The folders named by hand equal those of the well-known library on this system (CI
    runs this on Linux, and the workflows on Windows and macOS)."""
    platformdirs = pytest.importorskip("platformdirs")
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, str(tmp_path / variable) if xdg == "set" else "rel/dir")
    if sys.platform == "darwin" and xdg == "set":
        pytest.skip("platformdirs honours XDG variables on macOS too; portwizard does not")
    assert paths.platform_dir("data") == Path(platformdirs.user_data_dir("portwizard", "portwizard"))
    assert paths.platform_dir("config") == Path(
        platformdirs.user_config_dir("portwizard", "portwizard"))


def test_resources_are_found():
    assert paths.resource("carriers.json").is_file()
