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


def _user_dir(kind: str) -> Path:
    """``$PORTWIZARD_HOME/<kind>`` when set, else the platform's folder; created on demand."""
    home = _home_override()
    if home is not None:
        path = home / kind
    else:
        import platformdirs

        where = platformdirs.user_data_dir if kind == "data" else platformdirs.user_config_dir
        path = Path(where(APP_NAME, APP_AUTHOR))
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
