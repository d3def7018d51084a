"""A damaged data file at start-up: the error dialog offers "Start with an empty data file"
and "Quit". Starting empty renames the damaged file and its -wal/-shm companions out of the
way (its time-stamped copy is already there; nothing is deleted), opens a fresh data file
and shows the window, and says where the old file is kept. Quit leaves everything as it was.
A data folder that cannot be written is not "damaged": it gets its plain message and Quit.

The dialog is replaced through its seam (``portwizard.gui.app.startup_problem``); the
damaged file is real garbage bytes in a temporary PORTWIZARD_HOME."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QApplication

from portwizard.domain.order import Order
from portwizard.gui import app as app_module
from portwizard.store import Store
from portwizard.store.db import DB_NAME

pytestmark = pytest.mark.gui

GARBAGE = b"this is not a database " * 300
COMPANIONS = {"-wal": b"not a write-ahead log " * 10, "-shm": b"\x00\x01" * 64}


@pytest.fixture
def damaged(private_home):
    """The data folder with a damaged data file (and -wal/-shm companions); returns it."""
    folder = private_home / "data"
    folder.mkdir(parents=True)
    (folder / DB_NAME).write_bytes(GARBAGE)
    for suffix, data in COMPANIONS.items():
        (folder / (DB_NAME + suffix)).write_bytes(data)
    return folder


@pytest.fixture
def answer(monkeypatch):
    """The start-up dialog's seam: records (text, offer_empty) and answers as told."""
    asked: list[tuple[str, bool]] = []

    def install(start_empty: bool):
        def seam(text: str, *, offer_empty: bool) -> bool:
            asked.append((text, offer_empty))
            return start_empty and offer_empty
        monkeypatch.setattr(app_module, "startup_problem", seam)
        return asked
    return install


def files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_start_with_an_empty_data_file_keeps_the_damaged_one(qtbot, damaged, answer,
                                                            restore_hooks, dialogs):
    asked = answer(True)
    assert app_module.run([], exec_loop=False) == 0
    window = QApplication.instance()._portwizard_window
    del QApplication.instance()._portwizard_window
    qtbot.addWidget(window)
    try:
        # the dialog: what happened, where the copy is, and the choice
        [(text, offer_empty)] = asked
        assert offer_empty
        assert "damaged" in text and str(damaged / DB_NAME) in text
        assert "Start with an empty data file" in text and "Quit" in text
        assert "nothing is deleted" in text

        # the window opens on an empty, working data file
        assert window.isVisible()
        qtbot.waitUntil(window.empty_hint.isVisible, timeout=5000)
        assert window.model.rowCount() == 0
        assert window.app.store.path == damaged / DB_NAME
        window.app.store.save_draft(Order(numbers=["+12125550123"]))

        # nothing was deleted: the copy made at the first failure, and the original with
        # its companions, renamed (a stale -wal must never sit next to the new file)
        kept = files(damaged)
        copies = [n for n in kept if n.startswith(DB_NAME + ".damaged-")
                  and not n.endswith(("-wal", "-shm"))]
        moved = [n for n in kept if n.startswith(DB_NAME + ".set-aside-")
                 and not n.endswith(("-wal", "-shm"))]
        assert len(copies) == 1 and len(moved) == 1, sorted(kept)
        for name in (copies[0], moved[0]):
            assert kept[name] == GARBAGE
            for suffix, data in COMPANIONS.items():
                assert kept[name + suffix] == data
        assert kept[DB_NAME] != GARBAGE  # a new, working data file
        assert kept.get(DB_NAME + "-wal") not in COMPANIONS.values()
        assert copies[0] in text

        # after the start, the window says where the old file is kept
        [said] = [t for kind, title, t in dialogs.shown if "empty data file" in title]
        assert moved[0] in said and copies[0] in said and str(damaged) in said
    finally:
        window.close()
        window.app.close()


def test_quit_leaves_everything_untouched(qtbot, damaged, answer, restore_hooks):
    before = files(damaged)
    asked = answer(False)
    assert app_module.run([], exec_loop=False) == 1
    assert not hasattr(QApplication.instance(), "_portwizard_window")
    [(text, offer_empty)] = asked
    assert offer_empty and "damaged" in text
    after = files(damaged)
    added = sorted(set(after) - set(before) - {"portwizard.lock"})  # (the one-window guard)
    # only the time-stamped copy (made before anything else touched the file) was added
    assert [n.replace(added[0], "COPY") for n in added] == ["COPY", "COPY-shm", "COPY-wal"]
    assert {n: after[n] for n in before} == before  # the file and its companions as they were


def test_a_folder_that_cannot_be_written_offers_only_quit(qtbot, tmp_path, monkeypatch,
                                                          answer, restore_hooks):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("PORTWIZARD_HOME", str(blocker / "home"))
    asked = answer(True)  # even if the seam would say yes, it is not offered
    assert app_module.run([], exec_loop=False) == 1
    [(text, offer_empty)] = asked
    assert not offer_empty
    assert str(blocker) in text and "damaged" not in text
    assert blocker.read_text() == "a file where the data folder should be"


def test_a_locked_data_file_offers_only_quit(qtbot, private_home, answer, restore_hooks,
                                            monkeypatch):
    """Another program holds a write lock on the file: not damaged, nothing to set aside."""
    folder = private_home / "data"
    Store(folder / DB_NAME).close()
    monkeypatch.setitem(Store.__init__.__kwdefaults__, "timeout", 0.2)  # wait less for it
    holder = sqlite3.connect(str(folder / DB_NAME), isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        asked = answer(True)
        assert app_module.run([], exec_loop=False) == 1
        [(text, offer_empty)] = asked
        assert not offer_empty and "damaged" not in text and "in use" in text
    finally:
        holder.close()
    assert not [p for p in folder.iterdir() if ".set-aside-" in p.name]


@pytest.mark.parametrize("press, chosen", [("Start with an empty data file", True),
                                           ("Quit", False)])
def test_the_dialog_itself_offers_both_buttons_with_quit_as_default(qtbot, press, chosen):
    """The seam's own dialog (a real QMessageBox, answered by clicking its button)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    seen = {}

    def click_when_shown():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return
        timer.stop()
        seen["buttons"] = sorted(b.text().replace("&", "") for b in box.buttons())
        seen["default"] = box.defaultButton().text().replace("&", "")
        next(b for b in box.buttons() if b.text().replace("&", "") == press).click()

    timer = QTimer()
    timer.timeout.connect(click_when_shown)
    timer.start(20)
    assert app_module.startup_problem("The data file is damaged.", offer_empty=True) is chosen
    assert seen == {"buttons": ["Quit", "Start with an empty data file"], "default": "Quit"}
