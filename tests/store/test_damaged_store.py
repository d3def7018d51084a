"""A damaged store: one damaged row hides nothing else; a damaged data file is copied aside
before anything else and the message says what happened and what to do; a data folder that
cannot be written gets a plain message naming the folder (no traceback, not "damaged").

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
from portwizard.store import DamagedRecord, OrderQuery, Store, StoreError
from portwizard.store import db as db_module

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
