"""Work-arounds for bugs in the Qt bindings we ship with. No Qt import here.

PySide6 6.12.0 on CPython 3.10/3.11 drops one reference to ``None`` on (nearly) every call of
a Qt method that returns nothing (and, seen at interpreter exit, to ``True``/``False``). On
those Pythons these singletons are ordinary objects, so after a few tens of thousands of such
calls (minutes of typing) the count reaches zero and the interpreter aborts ("none_dealloc").
From Python 3.12 on they are immortal (PEP 683) and the bug is harmless. We cannot move to an
older PySide6: the separate QtPdf wheel exists only from 6.12 on, and the alternative is the
660 MB Addons package.

So on 3.10/3.11 we do once what 3.12 does: give each singleton a reference count so large
that no number of lost references can bring it to zero. They are never freed anyway, so
this changes nothing else. If the count cannot be raised that way (an unusual CPython
build), we fall back to holding a large reserve of real references that is never released.
"""
from __future__ import annotations

import sys

IMMORTAL_BOOST = 1 << 60  # lost at ~10 per keystroke, this lasts longer than the universe
SINGLETONS = (None, True, False)
_fallback_reserve: list = []


def needs_none_fix() -> bool:
    return sys.version_info < (3, 12) and sys.implementation.name == "cpython"


def _refcount_field(obj):
    """``obj``'s reference count (``ob_refcnt``, the first field of every PyObject, a
    Py_ssize_t) as a writable C value. Made with ctypes' C module: importing the ctypes
    package takes ~1.5 ms more, and this runs on the way to the first window."""
    import _ctypes
    import struct

    class PySsizeT(_ctypes._SimpleCData):
        _type_ = "q" if struct.calcsize("P") == 8 else "i"

    return PySsizeT.from_address(id(obj))


def make_none_immortal() -> str:
    """Apply the fix once; returns how ("not needed", "boosted", "reserve", "already")."""
    if not needs_none_fix():
        return "not needed"
    if sys.getrefcount(None) > IMMORTAL_BOOST:
        return "already"
    how = "boosted"
    for obj in SINGLETONS:
        before = sys.getrefcount(obj)
        count = _refcount_field(obj)
        count.value += IMMORTAL_BOOST
        if sys.getrefcount(obj) - before > IMMORTAL_BOOST // 2:  # others come and go meanwhile
            continue
        count.value -= IMMORTAL_BOOST  # not the refcount field on this build: undo
        _fallback_reserve.extend([obj] * 2_000_000)  # ~200,000 keystrokes
        how = "reserve"
    if _fallback_reserve:
        import ctypes

        # The reserve must outlive interpreter shutdown too: freeing it then would hand back
        # its references all at once, after the lost ones, and abort at exit.
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(_fallback_reserve))
    return how


# --------------------------------------------------------------------------- feature scan

def skip_feature_scan() -> bool:
    """Stop PySide6 reading the source of every module imported after it.

    PySide6 (6.x) wraps ``__import__`` for its opt-in ``from __feature__ import ...``
    switches (snake_case, true_property). After each import of a module name it has not met
    yet, it reads that module's whole source file to see whether the word "PySide6" occurs
    in it, and records 0 ("uses Qt, default features") or -1 ("does not use Qt"). portwizard
    selects no feature anywhere, so both answers behave the same for every module, and the
    reading is pure start-up cost: on this start, ~40 files (os, typing, logging and our own
    modules), 5 ms with a warm disk cache and over 10 ms with a cold one. A frozen build has
    no sources to read.

    This answers "uses Qt, default features" without reading. It takes effect once PySide6 is
    imported (call it again after the first PySide6 import; it does nothing twice) and does
    nothing if a PySide6 release no longer has that scan. Returns True when it is in place.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    if getattr(feature._mod_uses_pyside, "_portwizard", False):
        return True

    def uses_pyside(module) -> bool:  # noqa: ARG001 (the module need not be read)
        return True

    uses_pyside._portwizard = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside
    return True
