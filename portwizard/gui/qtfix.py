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
