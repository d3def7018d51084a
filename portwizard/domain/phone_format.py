"""How a stored number is written for people: ``+12125550123`` -> ``(212) 555-0123``.

Kept apart from :mod:`portwizard.domain.phone` (which parses what people type and loads
its patterns and the phonenumbers metadata) so that code which only shows stored numbers,
such as the orders list at start-up, loads nothing for it. :mod:`~portwizard.domain.phone`
offers the same two functions.
"""
from __future__ import annotations


def format_nanp(national: str) -> str:
    """``2125550123`` -> ``(212) 555-0123``."""
    return f"({national[:3]}) {national[3:6]}-{national[6:10]}"


def format_display(e164: str | None) -> str:
    """A number as people write it: ``+12125550123`` -> ``(212) 555-0123``; other input
    is returned unchanged (or "" for None)."""
    if not e164:
        return ""
    if len(e164) == 12 and e164.startswith("+1") and e164[2:].isdigit():
        return format_nanp(e164[2:])
    return e164
