"""A data folder that stops taking writes while portwizard runs (the disk fills up, the folder
becomes read-only): every store write says so plainly - what happened, which folder, what to
do, and that what the user typed is not lost - instead of SQLite's own words, and the store
keeps working once the cause is gone.

The errors are SQLite's own, made for real on the store's connection: ``PRAGMA
max_page_count`` at the file's current size makes SQLite answer SQLITE_FULL ("database or
disk is full") to a write that needs one more page, and ``PRAGMA query_only`` makes it answer
as for a read-only file ("attempt to write a readonly database")."""
from __future__ import annotations

import json
import sqlite3
import time

import pytest

from clikit import cli, write_order
from orderkit import FAKE_ACCOUNT, FAKE_PIN
from portwizard.domain.order import Order
from portwizard.services.app import App
from portwizard.store import DamagedRecord, Store, StoreError

BIG = "x" * 200_000  # more than the pages the file has free: the write must grow the file

SQLITE_WORDS = ("database or disk is full", "attempt to write a readonly database",
                "disk I/O error", "OperationalError")


def make_full(store: Store) -> None:
    with store._lock:
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")


def make_read_only(store: Store) -> None:
    with store._lock:
        store._db.execute("PRAGMA query_only = 1")


def make_writable_again(store: Store) -> None:
    with store._lock:
        store._db.execute("PRAGMA query_only = 0")
        store._db.execute("PRAGMA max_page_count = 1073741823")


FAULTS = {"full": (make_full, "the disk is full"),
          "read-only": (make_read_only, "it is read-only")}


def _order(name: str = "Corner Shop", pin: str = FAKE_PIN) -> Order:
    order = Order(numbers=["+12125550123"])
    order.carrier.customer_name = name
    order.carrier.account_number = FAKE_ACCOUNT
    order.carrier.pin = pin
    return order


@pytest.fixture
def filled(tmp_path, memory_secrets):
    """A store with one draft, one order and one outbox entry."""
    store = Store(tmp_path / "data" / "portwizard.sqlite3", secrets=memory_secrets)
    ids = {"draft": store.save_draft(_order("Draft Shop")),
           "order": store.add_order(_order("Order Shop"), "sandbox")}
    ids["entry"] = store.enqueue(ids["order"], "comment", {"text": "hello"}).id
    yield store, ids
    store.close()


# Each write path of the store, as the program uses it. The "grows" ones write enough to need
# new pages (so a full disk stops them); the others only change rows in place.
WRITES = {
    "save a new draft": (True, lambda s, ids: s.save_draft(_order(BIG))),
    "save the draft again": (True, lambda s, ids: s.save_draft(_order(BIG), ids["draft"])),
    "delete a draft": (False, lambda s, ids: s.delete_draft(ids["draft"])),
    "add an order": (True, lambda s, ids: s.add_order(_order(BIG), "sandbox")),
    "update an order": (True, lambda s, ids: s.update_order(ids["order"], rejection_text=BIG)),
    "record history": (True, lambda s, ids: s.append_history(ids["order"], "submitted",
                                                              "endpoint", BIG)),
    "queue a request": (True, lambda s, ids: s.enqueue(ids["order"], "comment", {"text": BIG})),
    "claim a request": (False, lambda s, ids: s.claim_entry(ids["entry"], time.time(), 60)),
    "count an attempt": (False, lambda s, ids: s.mark_attempt(ids["entry"])),
    "record progress": (True, lambda s, ids: s.set_progress(ids["entry"], "step", BIG)),
    "record a retry": (True, lambda s, ids: s.mark_retry(ids["entry"], time.time(), BIG)),
    "note a small fact": (True, lambda s, ids: s.set_state("reminded:x", BIG)),
}
CASES = [(fault, write) for write, (grows, _) in WRITES.items()
         for fault in ("full", "read-only") if grows or fault == "read-only"]


def assert_plain(message: str, folder, words: str) -> None:
    assert words in message, message
    assert str(folder) in message, message
    assert "Free some space" in message and "writable" in message, message
    assert "not lost" in message, message
    assert "\n" not in message  # one line for the command line and the status bar
    for raw in SQLITE_WORDS:
        assert raw not in message, message
    assert FAKE_PIN not in message and FAKE_ACCOUNT not in message


@pytest.mark.parametrize("fault, write", CASES)
def test_a_write_to_a_folder_that_stopped_taking_writes_says_so_plainly(filled, fault, write):
    store, ids = filled
    before = store.load_draft(ids["draft"]).carrier.customer_name
    history = len(store.history(ids["order"]))
    apply, words = FAULTS[fault]
    apply(store)

    with pytest.raises(StoreError) as caught:
        WRITES[write][1](store, ids)
    assert not isinstance(caught.value, DamagedRecord)
    assert_plain(str(caught.value), store.path.parent, words)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__

    # nothing half-written, and the store works again as soon as the cause is gone
    make_writable_again(store)
    assert store.load_draft(ids["draft"]).carrier.customer_name == before
    assert len(store.history(ids["order"])) == history
    WRITES[write][1](store, ids)
    store.save_draft(_order("After Shop"), ids["draft"])
    assert store.load_draft(ids["draft"]).carrier.customer_name == "After Shop"


def test_a_new_draft_that_could_not_be_saved_leaves_no_pin_behind(filled, memory_secrets):
    store, ids = filled
    pins_before = memory_secrets.keys()
    make_read_only(store)
    with pytest.raises(StoreError):
        store.save_draft(_order("New Shop", pin=FAKE_PIN))
    assert memory_secrets.keys() == pins_before  # no PIN of a draft that does not exist
    assert store.session_only_secrets() == []


def test_a_write_inside_a_callers_transaction_says_so_once_and_rolls_back(filled):
    """The submission files an order and its request in one transaction: the nested writes
    fail as one, with the plain message, and leave nothing behind."""
    store, ids = filled
    orders_before = len(store.list_orders())
    make_full(store)
    with pytest.raises(StoreError) as caught:
        with store.transaction(durable=True):
            order_id = store.add_order(_order(BIG), "sandbox")
            store.enqueue(order_id, "create", {"doc": BIG})
    assert_plain(str(caught.value), store.path.parent, "the disk is full")
    make_writable_again(store)
    assert len(store.list_orders()) == orders_before
    with store.transaction():  # not left inside a transaction
        store.set_state("after", "yes")
    assert store.get_state("after") == "yes"


@pytest.mark.parametrize("fault", ["full", "read-only"])
def test_the_command_line_prints_it_as_one_line_without_a_traceback(tmp_path, monkeypatch,
                                                                     capsys, fault):
    real_create = App.create.__func__

    def create(cls, *args, **kwargs):  # the CLI's own App, then the disk fills up
        app = real_create(cls, *args, **kwargs)
        FAULTS[fault][0](app.store)
        return app

    monkeypatch.setattr(App, "create", classmethod(create))
    order_file = write_order(tmp_path)
    if fault == "full":  # a name that needs new pages (the checks cap it: skip them)
        data = json.loads(order_file.read_text("utf-8"))
        data["service_address"]["city"] = "Springfield " + "y" * 20_000
        order_file.write_text(json.dumps(data), "utf-8")
        monkeypatch.setattr("portwizard.services.submission.SubmissionService.check",
                            lambda self, order, provider=None: [])
    code, out, err = cli(capsys, "submit", str(order_file))
    assert code == 1
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("portwizard submit: portwizard could not save")
    assert_plain(lines[0], tmp_path / "portwizard-home" / "data", FAULTS[fault][1])
    assert FAKE_PIN not in out + err


def test_a_refresh_whose_sending_the_folder_refuses_reports_the_stores_words_once(app):
    order_id = app.store.add_order(_order(), "sandbox")
    app.store.enqueue(order_id, "comment", {"text": "hello"})
    make_read_only(app.store)
    try:
        report = app.sync()
    finally:
        make_writable_again(app.store)
    [problem] = [p for p in report.problems if "could not save" in p]
    assert problem.startswith("portwizard could not save")  # not wrapped in a second sentence
    assert_plain(problem, app.store.path.parent, "it is read-only")


def test_a_write_kept_waiting_by_another_program_says_so_plainly(tmp_path, memory_secrets):
    path = tmp_path / "data" / "portwizard.sqlite3"
    store = Store(path, secrets=memory_secrets, timeout=0.2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writing (a backup, another portwizard)
    try:
        with pytest.raises(StoreError) as raised:
            store.save_draft(_order("Kept Waiting"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    message = str(raised.value)
    assert "busy" in message and str(path) in message and "0.2 seconds" in message
    assert "not lost" in message and "database is locked" not in message
    assert FAKE_PIN not in message
    assert store.save_draft(_order("Kept Waiting"))  # once the other is done, it saves
    store.close()
