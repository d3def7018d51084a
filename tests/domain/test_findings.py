"""The one ordering and de-duplication of findings that every screen and command uses."""
from __future__ import annotations

from portwizard.domain.findings import by_severity, error, info, unique, warning


def test_errors_first_then_warnings_then_notes_keeping_their_order():
    found = [info("a", "n1", "x"), warning("b", "w1", "x"), error("c", "e1", "x"),
             warning("d", "w2", "x"), error("e", "e2", "x")]
    assert [f.code for f in by_severity(found)] == ["e1", "e2", "w1", "w2", "n1"]


def test_the_same_field_and_code_is_said_once_first_one_kept():
    first = error("carrier.pin", "pin.x", "first")
    found = [first, warning("carrier.pin", "pin.y", "other"), error("carrier.pin", "pin.x", "again")]
    assert unique(found) == [first, found[1]]
