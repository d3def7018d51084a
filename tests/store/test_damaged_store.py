"""A damaged store: one damaged row hides nothing else; a damaged data file is copied aside
(with its -wal/-shm, as found) before anything else and the message says what happened and
what to do; setting it aside renames it with its companions and deletes nothing; a data
folder that cannot be written gets a plain message naming the folder (no traceback, not
"damaged").

Tests run as root, where a read-only folder (chmod) still accepts writes, so "cannot be
written" is made two ways: for real, with the data folder under a regular file (ENOTDIR);
and by making SQLite or the folder creation answer as a read-only or full disk does
(monkeypatched ``sqlite3.connect`` / ``Path.mkdir`` raising EROFS / ENOSPC)."""
from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from portwizard import secrets
from portwizard.domain.order import Order
from portwizard.services.app import App
from portwizard.store import DamagedFile, DamagedRecord, OrderQuery, Store, StoreError
from portwizard.store import db as db_module
from portwizard.store.db import DB_NAME

ROOT = Path(__file__).resolve().parents[2]


def _order(i: int) -> Order:
    order = Order(numbers=[f"+1212555013{i}"])
    order.carrier.customer_name = f"Corner Shop {i}"
    return order


def _damage(db_path: Path, table: str, row_id: str, value) -> None:
    db = sqlite3.connect(str(db_path))
    with db:
        db.execute(f"UPDATE {table} SET order_json = ? WHERE id = ?", (value, row_id))
    db.close()


@pytest.mark.parametrize("damage", ["{not json", b"\x00\xff\xfe garbage", 12345, "[1, 2]"],
                         ids=["bad-json", "blob", "integer", "not-an-object"])
def test_one_damaged_row_hides_no_other_draft_or_order(tmp_path, memory_secrets, damage,
                                                       monkeypatch, capsys):
    app = App.create(tmp_path / "home", secrets=memory_secrets)
    orders = [app.store.add_order(_order(i), "sandbox") for i in range(3)]
    drafts = [app.store.save_draft(_order(i)) for i in range(3)]
    db_path = app.store.path
    _damage(db_path, "orders", orders[1], damage)
    _damage(db_path, "drafts", drafts[1], damage)

    # the list (SQL, as the window reads it) still has all six rows
    rows = app.order_rows(OrderQuery())
    assert {r.id for r in rows} == set(orders) | set(drafts)
    # the tracked orders: the two others, and a note naming the damaged one
    assert {r.id for r in app.store.list_orders()} == {orders[0], orders[2]}
    assert len(app.store.skipped) == 1 and orders[1] in app.store.skipped[0]
    assert "damaged" in app.store.skipped[0]
    # details: the others open; the damaged one says so plainly
    assert app.order_detail(orders[0]).record.id == orders[0]
    with pytest.raises(DamagedRecord, match="damaged.*other drafts and orders are not"):
        app.order_detail(orders[1])
    assert app.drafts.load(drafts[2]).carrier.customer_name == "Corner Shop 2"
    with pytest.raises(DamagedRecord):
        app.drafts.load(drafts[1])
    # a new order's duplicate-number check still reads every readable order
    assert {n for _i, _s, n in app.store.order_numbers()} == {"+12125550130", "+12125550132"}
    app.close()

    # reopening (the listing columns are refilled at start) works too
    Store(db_path, secrets=memory_secrets).close()

    # the command line: the other orders, a note about the damaged one, no traceback
    from portwizard.cli import main

    monkeypatch.setenv("PORTWIZARD_HOME", str(tmp_path / "home"))
    assert main(["status"]) == 0
    out, err = capsys.readouterr()
    assert orders[0] in out and orders[2] in out and orders[1] not in out
    assert f"note: Order {orders[1]}" in err and "Traceback" not in err
    assert main(["status", orders[1]]) == 1
    out, err = capsys.readouterr()
    assert "damaged" in err and "Traceback" not in err


def _filled_store(path: Path) -> None:
    store = Store(path, secrets=secrets.MemorySecretStore())
    for i in range(40):
        store.save_draft(_order(i % 10))
    store.close()


@pytest.mark.parametrize("how", ["garbage", "torn-pages"])
def test_a_damaged_data_file_is_copied_aside_before_anything_else(tmp_path, how):
    path = tmp_path / "data" / "portwizard.sqlite3"
    path.parent.mkdir()
    if how == "garbage":
        path.write_bytes(b"this is not a database " * 300)
    else:  # a real file whose schema page was overwritten
        _filled_store(path)
        raw = bytearray(path.read_bytes())
        raw[100:3000] = b"\xa5" * 2900
        path.write_bytes(bytes(raw))
    before = path.read_bytes()

    with pytest.raises(StoreError) as caught:
        Store(path, secrets=secrets.MemorySecretStore())
    message = str(caught.value)
    copies = sorted(path.parent.glob("portwizard.sqlite3.damaged-*"))
    copies = [c for c in copies if not c.name.endswith(("-wal", "-shm"))]
    assert len(copies) == 1, list(path.parent.iterdir())
    assert copies[0].read_bytes() == before  # the copy is the file as it was found
    assert "damaged" in message and copies[0].name in message
    assert "move portwizard.sqlite3 out of that folder" in message  # what to do
    assert str(path) in message


def test_a_data_folder_under_a_file_gets_a_plain_message_in_app_and_cli(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    home = blocker / "home"

    with pytest.raises(StoreError) as caught:
        App.create(home, secrets=secrets.MemorySecretStore())
    message = str(caught.value)
    assert str(blocker) in message and "damaged" not in message
    assert "a file, not a folder" in message

    env = {**os.environ, "PORTWIZARD_HOME": str(home),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    for command in (["status"], ["submit", str(tmp_path / "order.json")]):
        (tmp_path / "order.json").write_text('{"format": "portwizard.order/1"}')
        out = subprocess.run([sys.executable, "-m", "portwizard", *command], env=env,
                             capture_output=True, text=True, timeout=60, cwd=ROOT)
        assert "Traceback" not in out.stderr, out.stderr
        assert str(blocker) in out.stderr and "damaged" not in out.stderr, out.stderr
        assert out.returncode == 1


@pytest.mark.parametrize("sqlite_says, words", [
    ("attempt to write a readonly database", "read-only"),
    ("database or disk is full", "disk is full"),
    ("unable to open database file", "cannot be created or opened"),
])
def test_sqlite_refusing_to_write_names_the_folder_and_copies_nothing(tmp_path, monkeypatch,
                                                                      sqlite_says, words):
    path = tmp_path / "data" / "portwizard.sqlite3"
    _filled_store(path)

    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError(sqlite_says)

    monkeypatch.setattr(db_module.sqlite3, "connect", refuse)
    with pytest.raises(StoreError) as caught:
        Store(path, secrets=secrets.MemorySecretStore())
    message = str(caught.value)
    assert str(path.parent) in message and words in message
    assert "damaged" not in message and "Traceback" not in message
    assert not list(path.parent.glob("*.damaged-*"))


@pytest.mark.parametrize("code, words", [(errno.EROFS, "read-only"), (errno.ENOSPC, "disk is full")])
def test_a_folder_that_cannot_be_created_names_it(tmp_path, monkeypatch, code, words):
    def refuse(self, *args, **kwargs):
        raise OSError(code, os.strerror(code), str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(StoreError) as caught:
        App.create(tmp_path / "home", secrets=secrets.MemorySecretStore())
    assert str(tmp_path / "home") in str(caught.value) and words in str(caught.value)


@pytest.mark.gui
def test_the_window_says_it_plainly_at_start(tmp_path, monkeypatch, qtbot):
    from PySide6.QtWidgets import QMessageBox

    from portwizard.gui import app as app_module

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("PORTWIZARD_HOME", str(blocker / "home"))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda parent, title, text: shown.append((title, text))))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert app_module.run([], exec_loop=False) == 1
    [(title, text)] = shown
    assert str(blocker) in text and "damaged" not in text and "Traceback" not in text
    assert "a file, not a folder" in text and "Errno" not in text


def _wal_left_by_a_crash(folder: Path) -> bytes:
    """A real data file whose last commit is still in its -wal (as a crash leaves it), with
    pages of the file itself then damaged: returns the -wal's bytes."""
    live = folder / "live"
    live.mkdir()
    store = Store(live / DB_NAME, secrets=secrets.MemorySecretStore())
    for i in range(60):
        order = _order(i % 10)
        order.carrier.customer_name += " " + "z" * 300
        store.save_draft(order)
    with store._lock:
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store._db.execute("PRAGMA wal_autocheckpoint = 0")
    store.save_draft(_order(1))
    # copied while it is open: the file and its -wal as a crash would leave them
    for suffix in ("", "-wal"):
        (folder / (DB_NAME + suffix)).write_bytes((live / (DB_NAME + suffix)).read_bytes())
    store.close()
    raw = bytearray((folder / DB_NAME).read_bytes())
    raw[4096:4096 * 12] = b"\xa5" * (4096 * 11)  # torn pages after the first
    (folder / DB_NAME).write_bytes(bytes(raw))
    return (folder / (DB_NAME + "-wal")).read_bytes()


def test_a_damaged_files_wal_is_copied_as_it_was_found(tmp_path):
    """The -wal holds the last commits: it is copied with the file while SQLite still has
    it open (closing the file removes the -wal)."""
    wal = _wal_left_by_a_crash(tmp_path)
    assert wal
    with pytest.raises(StoreError) as caught:
        Store(tmp_path / DB_NAME, secrets=secrets.MemorySecretStore())
    assert "malformed" in str(caught.value)  # found by SQLite, not by the header check
    [copy] = [p for p in tmp_path.glob(DB_NAME + ".damaged-*")
              if not p.name.endswith(("-wal", "-shm"))]
    assert (tmp_path / (copy.name + "-wal")).read_bytes() == wal


def test_a_file_written_over_is_copied_before_sqlite_touches_it(tmp_path):
    """Not an SQLite file at all (and no -wal SQLite could read): reported without opening
    it, so its -wal and -shm stay exactly as they were."""
    found = {DB_NAME: b"written over by a sync tool " * 200, DB_NAME + "-wal": b"junk " * 9,
             DB_NAME + "-shm": b"\x00" * 64}
    for name, data in found.items():
        (tmp_path / name).write_bytes(data)
    with pytest.raises(StoreError) as caught:
        Store(tmp_path / DB_NAME, secrets=secrets.MemorySecretStore())
    assert "damaged" in str(caught.value)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert {n: after.get(n) for n in found} == found
    [copy] = [n for n in after if n.startswith(DB_NAME + ".damaged-")
              and not n.endswith(("-wal", "-shm"))]
    assert {n: after[n.replace(DB_NAME, copy)] for n in found} == found


def test_setting_a_damaged_file_aside_renames_it_with_its_companions(tmp_path):
    found = {DB_NAME: b"garbage " * 100, DB_NAME + "-wal": b"wal " * 10, DB_NAME + "-shm": b"s"}
    for name, data in found.items():
        (tmp_path / name).write_bytes(data)
    kept = db_module.set_damaged_file_aside(tmp_path / DB_NAME)
    assert kept.parent == tmp_path and kept.name.startswith(DB_NAME + ".set-aside-")
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert after == {n.replace(DB_NAME, kept.name): d for n, d in found.items()}  # none lost
    # a second damaged file in the same second gets a name of its own
    (tmp_path / DB_NAME).write_bytes(b"garbage again")
    again = db_module.set_damaged_file_aside(tmp_path / DB_NAME)
    assert again != kept and again.read_bytes() == b"garbage again"
    assert kept.read_bytes() == found[DB_NAME]


def test_a_rename_that_fails_half_way_puts_everything_back(tmp_path, monkeypatch):
    found = {DB_NAME: b"garbage", DB_NAME + "-wal": b"wal", DB_NAME + "-shm": b"shm"}
    for name, data in found.items():
        (tmp_path / name).write_bytes(data)
    real_rename = Path.rename

    def rename(self, target):
        if self.name == DB_NAME:  # the companions moved, then the file itself cannot
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(StoreError) as caught:
        db_module.set_damaged_file_aside(tmp_path / DB_NAME)
    assert str(tmp_path) in str(caught.value) and "you may not write there" in str(caught.value)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == found


def test_the_app_sets_a_damaged_file_aside_and_the_cli_says_what_to_do(tmp_path, monkeypatch,
                                                                      capsys, memory_secrets):
    home = tmp_path / "home"
    path = home / "data" / DB_NAME
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database " * 300)

    # the command line: one line, the copy, and what to do
    from portwizard.cli import main

    monkeypatch.setenv("PORTWIZARD_HOME", str(home))
    assert main(["status"]) == 1
    _out, err = capsys.readouterr()
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert f"move {DB_NAME} out of that folder" in err and "start portwizard again" in err
    assert "the portwizard window offers to do this for you" in err

    with pytest.raises(DamagedFile) as caught:
        App.create(home, secrets=memory_secrets)
    assert caught.value.path == path and caught.value.copy is not None
    kept = App.set_damaged_file_aside(caught.value)
    assert kept.read_bytes() == b"this is not a database " * 300 and caught.value.copy.exists()
    app = App.create(home, secrets=memory_secrets)
    try:
        assert app.store.list_drafts() == [] and app.store.path == path
    finally:
        app.close()
