"""The cycle collector waits while the window starts (portwizard.startup_gc)."""
from __future__ import annotations

import gc

import pytest

from portwizard import startup_gc


@pytest.fixture(autouse=True)
def _collector_back():
    yield
    startup_gc._held = False
    gc.unfreeze()
    gc.enable()


def test_hold_stops_collection_and_release_freezes_the_start_and_resumes():
    assert startup_gc.hold() is True
    assert not gc.isenabled() and startup_gc.held()
    assert startup_gc.hold() is False  # once
    assert gc.get_freeze_count() == 0
    made = [{"made": "during the start"} for _ in range(100)]
    assert startup_gc.release() is True
    assert gc.isenabled() and not startup_gc.held()
    # what the start made is in the permanent generation: later collections skip it
    assert gc.get_freeze_count() >= len(made)
    assert not any(o is made for o in gc.get_objects())
    assert startup_gc.release() is False  # once


def test_release_without_hold_changes_nothing():
    assert startup_gc.release() is False
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_collector_switched_off_by_someone_else_stays_off():
    gc.disable()
    assert startup_gc.hold() is False
    assert startup_gc.release() is False
    assert not gc.isenabled()


def test_only_the_window_start_holds_it(monkeypatch):
    import portwizard.cli as cli

    seen = []
    monkeypatch.setattr(cli, "_start_gui", lambda: seen.append(startup_gc.held()) or 0)
    assert cli.main([]) == 0
    assert seen == [True]
    startup_gc.release()
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert gc.isenabled() and not startup_gc.held()
