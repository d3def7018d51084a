"""The fonts embedded in the PDFs portwizard writes.

We embed Bitstream Vera Sans (the TrueType files that ship inside reportlab, under the
permissive Bitstream Vera licence, ``reportlab/fonts/bitstream-vera-license.txt``) so the
LOA looks the same on every computer and accented names (François Lefèvre, Montréal,
Québec) print correctly; the 14 standard PDF fonts cannot be relied on for that.

Nothing is copied into the repository: the files are found next to reportlab at run time.
A frozen build must bundle them; :func:`font_files` lists exactly what to bundle (and
``resources/fonts/`` is searched first, so a build may also put them there).
"""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

# Family name registered with reportlab -> {style: file name}
FAMILY = "PortwizardSans"
_FILES = {
    "normal": "Vera.ttf",
    "bold": "VeraBd.ttf",
    "italic": "VeraIt.ttf",
    "boldItalic": "VeraBI.ttf",
}
LICENCE_FILE = "bitstream-vera-license.txt"

NORMAL = FAMILY
BOLD = FAMILY + "-Bold"
ITALIC = FAMILY + "-Italic"
BOLD_ITALIC = FAMILY + "-BoldItalic"
_NAMES = {"normal": NORMAL, "bold": BOLD, "italic": ITALIC, "boldItalic": BOLD_ITALIC}


class FontMissing(RuntimeError):
    """The font files are not where they should be (a broken install)."""


def _search_dirs() -> list[Path]:
    dirs: list[Path] = []
    try:
        from portwizard.paths import resource

        dirs.append(resource("fonts"))
    except FileNotFoundError:
        pass
    import reportlab

    dirs.append(Path(reportlab.__file__).resolve().parent / "fonts")
    return dirs


@lru_cache(maxsize=1)
def font_paths() -> dict[str, Path]:
    """``{"normal": Path, "bold": ..., "italic": ..., "boldItalic": ...}``; raises
    :class:`FontMissing` with a plain message when a file cannot be found."""
    found: dict[str, Path] = {}
    dirs = _search_dirs()
    for style, name in _FILES.items():
        for folder in dirs:
            candidate = folder / name
            if candidate.is_file():
                found[style] = candidate
                break
        else:
            raise FontMissing(
                f"The font file {name} is missing (looked in {', '.join(map(str, dirs))}); "
                "reinstall portwizard.")
    return found


def font_files() -> list[Path]:
    """Every file a frozen build must bundle for the PDFs: the fonts and their licence."""
    paths = list(font_paths().values())
    licence = paths[0].parent / LICENCE_FILE
    if licence.is_file():
        paths.append(licence)
    return paths


_lock = threading.Lock()
_registered = False


def register() -> str:
    """Register the family with reportlab once (thread-safe); returns the normal font name."""
    global _registered
    with _lock:
        if _registered:
            return NORMAL
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        paths = font_paths()
        for style, path in paths.items():
            pdfmetrics.registerFont(TTFont(_NAMES[style], str(path)))
        addMapping(FAMILY, 0, 0, NORMAL)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
        pdfmetrics.registerFontFamily(FAMILY, normal=NORMAL, bold=BOLD, italic=ITALIC,
                                      boldItalic=BOLD_ITALIC)
        _registered = True
        return NORMAL


def unprintable(text: str) -> str:
    """The characters of ``text`` the embedded font has no glyph for (in order, once each)."""
    register()
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(NORMAL).face
    missing: list[str] = []
    for ch in text:
        if ch.isspace() or ch in missing:
            continue
        if ord(ch) not in face.charToGlyph:
            missing.append(ch)
    return "".join(missing)
