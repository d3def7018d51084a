"""Python's cycle collector waits while the window starts. No Qt here.

A window start creates about 39,000 objects that live as long as the program: modules,
classes, Qt's enums, the window's widgets. Each time enough new objects pile up, the cycle
collector walks them looking for garbage cycles, about 50 times during a start, ~6 ms of
it, and it finds next to nothing (a few hundred objects). So the plain start (``portwizard``
without a command) holds the collector from its first line (:func:`hold`) until the orders
list shows its first page (:func:`release`, called by ``gui.app.run``; a timer there
releases it in any case, e.g. when a start-up dialog is up instead).

On release everything made so far is moved to the collector's permanent generation
(``gc.freeze``): later full collections skip it (one took ~4 ms over those objects), and the
little start-up garbage it holds stays allocated. Commands and tests never hold it.
"""
from __future__ import annotations

import gc

LATEST_MS = 3000  # released by then whatever happened (gui.app.run's timer)

_held = False


def hold() -> bool:
    """Stop automatic collection for the start; False when it was already off (then
    :func:`release` leaves it off too)."""
    global _held
    if _held or not gc.isenabled():
        return False
    gc.disable()
    _held = True
    return True


def release() -> bool:
    """Keep what the start made (``gc.freeze``) and collect automatically again. Does
    nothing unless :func:`hold` stopped it; True when it did something."""
    global _held
    if not _held:
        return False
    _held = False
    gc.freeze()
    gc.enable()
    return True


def held() -> bool:
    return _held
