"""Where portwizard keeps its files, and where its bundled resources live.

One place for both, so that tests (``PORTWIZARD_HOME``), a source checkout (editable
install) and a frozen PyInstaller build all resolve the same way.
"""
from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

APP_NAME = "portwizard"
APP_AUTHOR = "portwizard"
HOME_ENV = "PORTWIZARD_HOME"


def _home_override() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value) if value else None


def platform_dir(kind: str, *, platform: str | None = None,
                 environ: dict[str, str] | None = None, home: str | None = None) -> Path:
    """The folder each system expects a program's per-user ``kind`` ("data" or "config")
    files in. Written out here, not asked of a library, so that the folder holding the
    user's orders can never move under them with a dependency's new release (platformdirs
    moved macOS's config folder once), and so that naming it costs nothing at start-up:

    * Windows: ``%LOCALAPPDATA%\\portwizard\\portwizard`` for both (the local, not the
      roaming, application data: the database is not for syncing between machines);
    * macOS: ``~/Library/Application Support/portwizard`` for both;
    * elsewhere (XDG): ``$XDG_DATA_HOME/portwizard`` and ``$XDG_CONFIG_HOME/portwizard``,
      where a variable that is unset, empty or not an absolute path counts as unset
      (``~/.local/share`` and ``~/.config``), as the XDG specification says.

    ``platform``, ``environ`` and ``home`` stand in for this computer's in tests."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    home = os.path.expanduser("~") if home is None else home
    if platform == "win32":
        base = environ.get("LOCALAPPDATA", "").strip() or os.path.join(home, "AppData", "Local")
        return Path(base, APP_AUTHOR, APP_NAME)
    if platform == "darwin":
        return Path(home, "Library", "Application Support", APP_NAME)
    variable, default = (("XDG_DATA_HOME", (".local", "share")) if kind == "data"
                         else ("XDG_CONFIG_HOME", (".config",)))
    base = environ.get(variable, "")
    if not base.startswith("/"):
        base = os.path.join(home, *default)
    return Path(base, APP_NAME)


def _user_dir(kind: str) -> Path:
    """``$PORTWIZARD_HOME/<kind>`` when set, else the platform's folder; created on demand."""
    home = _home_override()
    path = home / kind if home is not None else platform_dir(kind)
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """Folder for the local database, drafts and caches (created on demand)."""
    return _user_dir("data")


def config_dir() -> Path:
    """Folder for settings shared by the GUI and the CLI (created on demand)."""
    return _user_dir("config")


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    """The bundled ``resources/`` folder: frozen build, or the checkout (editable install)."""
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    package_dir = Path(__file__).resolve().parent
    candidates.append(package_dir.parent / "resources")  # source checkout / editable install
    for candidate in candidates:
        if (candidate / "README.md").is_file():
            return candidate
    raise FileNotFoundError(
        "portwizard's resources folder is missing; reinstall the program. Looked in: "
        + ", ".join(str(c) for c in candidates)
    )


def resource(name: str) -> Path:
    """Path of one bundled resource file, e.g. ``resource("carriers.json")``."""
    return resources_dir() / name
