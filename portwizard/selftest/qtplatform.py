"""Whether Qt can open a window here: where its plugins are, and which shared libraries a
platform plugin needs that this system lacks (on Linux: the X11 xcb libraries, named with
the Debian/Ubuntu package to install)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

# The Debian/Ubuntu packages holding the libraries Qt's xcb plugin loads beyond the usual
# X11 ones (libxcb-cursor0 since Qt 6.5). Keys are the sonames ldd reports.
XCB_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
}


def qt_plugin_dirs() -> list[Path]:
    """Where Qt looks for plugins in this installation (frozen or not)."""
    from PySide6.QtCore import QLibraryInfo

    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))]
    for entry in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep):
        if entry:
            dirs.append(Path(entry))
    import PySide6

    dirs.append(Path(PySide6.__file__).resolve().parent / "Qt" / "plugins")
    dirs.append(Path(PySide6.__file__).resolve().parent / "plugins")
    return [d for d in dict.fromkeys(dirs) if d.is_dir()]


def platform_plugin(name: str) -> Path | None:
    prefix = {"win32": "q", "darwin": "libq"}.get(sys.platform, "libq")
    for folder in qt_plugin_dirs():
        for candidate in sorted((folder / "platforms").glob(f"{prefix}{name}.*")):
            return candidate
    return None


def missing_libraries(library: Path) -> list[str]:
    """Shared libraries ``library`` needs that the dynamic loader cannot find (Linux)."""
    import shutil
    import subprocess

    ldd = shutil.which("ldd")
    if ldd is None:
        # No ldd (a minimal system): loading it names the first missing library.
        import ctypes

        try:
            ctypes.CDLL(str(library), mode=getattr(os, "RTLD_LAZY", 1))
        except OSError as exc:
            text = str(exc)
            return [text.split(":", 1)[0].strip()] if ".so" in text else [text]
        return []
    out = subprocess.run([ldd, str(library)], capture_output=True, text=True, timeout=30).stdout
    return sorted({line.split("=>")[0].strip() for line in out.splitlines() if "not found" in line})


def describe_missing(libs: list[str]) -> str:
    packages = sorted({XCB_PACKAGES[lib] for lib in libs if lib in XCB_PACKAGES})
    text = "missing " + ", ".join(libs)
    if packages:
        text += f" (Debian/Ubuntu: sudo apt install {' '.join(packages)})"
    return text
