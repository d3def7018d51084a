"""The local SQLite store: schema and migrations, WAL, drafts without PINs, orders, history, outbox."""
from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from portwizard import secrets
from portwizard.domain.order import Order
from portwizard.store import CURRENT_VERSION, MIGRATIONS, QUEUED, Store, StoreError
from portwizard.store.db import default_db_path

FAKE_PIN = "7391582"  # 7 unusual digits: a raw-bytes search must not hit a timestamp or id
# (with 4 digits, a microsecond timestamp or a random hex id held them now and then)


def sample_order(pin: str = FAKE_PIN) -> Order:
    order = Order(numbers=["+12125550123", "+12125550124"])
    order.carrier.customer_name = "Acme Dental"
    order.carrier.account_number = "123456789"
    order.carrier.pin = pin
    order.service_address.city = "Springfield"
    return order


def raw_bytes(path) -> bytes:
    """The database file and its WAL/SHM side files, as stored on disk."""
    data = b""
    for suffix in ("", "-wal", "-shm"):
        p = path.parent / (path.name + suffix)
        if p.exists():
            data += p.read_bytes()
    return data


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "pw.sqlite3")
    yield s
    s.close()


def test_default_path_is_in_the_data_folder(private_home):
    s = Store()
    try:
        assert s.path == default_db_path()
        assert str(s.path).startswith(str(private_home))
        assert s.path.exists()
    finally:
        s.close()


def test_new_database_is_current_wal_with_foreign_keys(store):
    assert store.schema_version() == CURRENT_VERSION == MIGRATIONS[-1][0]
    db = sqlite3.connect(store.path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        versions = [r[0] for r in db.execute("SELECT version FROM schema_version ORDER BY version")]
        assert versions == [m[0] for m in MIGRATIONS]
    finally:
        db.close()
    with pytest.raises(sqlite3.IntegrityError):  # foreign keys are enforced
        store.append_history("no-such-order", "submitted", "local")
    assert int(store._query("PRAGMA busy_timeout")[0][0]) >= 1000


def test_upgrade_from_version_1_keeps_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
               "applied_at TEXT NOT NULL)")
    version, description, statements = MIGRATIONS[0]
    assert version == 1
    for sql in statements:
        db.execute(sql)
    db.execute("INSERT INTO schema_version VALUES (1, ?, '2026-01-01T00:00:00+00:00')", (description,))
    db.execute("INSERT INTO drafts VALUES ('d1', 'Old draft', 'carrier', '{\"numbers\": [\"+12125550150\"]}', "
               "'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')")
    db.execute("INSERT INTO orders (id, endpoint, order_json, status, created_at, updated_at) VALUES "
               "('PW-OLD', 'sandbox', '{}', 'submitted', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')")
    db.commit()
    db.close()

    s = Store(path)
    try:
        assert s.schema_version() == CURRENT_VERSION
        assert s.load_draft("d1").numbers == ["+12125550150"]
        assert s.list_drafts()[0].step == "carrier"
        record = s.get_order("PW-OLD")
        assert record.status == "submitted" and record.remote_state is None  # new column, empty
        s.update_order("PW-OLD", remote_state={"id": "R1"}, last_checked_at="2026-01-02T00:00:00+00:00")
        assert s.get_order("PW-OLD").remote_state == {"id": "R1"}
        entry = s.enqueue("PW-OLD", "cancel", secret_ref=None, attachments={"loa": "x.pdf"})
        assert entry.attachments == {"loa": "x.pdf"}
    finally:
        s.close()
    Store(path).close()  # opening again applies nothing twice


def test_database_from_a_newer_program_is_refused_plainly(tmp_path):
    path = tmp_path / "new.sqlite3"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO schema_version VALUES (999, 'future', 'x')")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer portwizard"):
        Store(path)


def test_damaged_file_is_a_plain_error(tmp_path):
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot be opened"):
        Store(path)


# --------------------------------------------------------------------------- drafts


def test_draft_round_trip_keeps_pin_out_of_the_file(store, memory_secrets):
    draft_id = store.save_draft(sample_order(), step="account")
    again = store.load_draft(draft_id)
    assert again == sample_order()  # PIN restored from the secret store
    assert memory_secrets.get(secrets.draft_pin_key(draft_id)) == FAKE_PIN
    row = store._query("SELECT order_json FROM drafts WHERE id = ?", (draft_id,))[0][0]
    assert FAKE_PIN not in row and "123456789" in row
    assert FAKE_PIN.encode() not in raw_bytes(store.path)


def test_list_latest_and_delete_drafts(store, memory_secrets):
    first = store.save_draft(sample_order(), step="numbers")
    time.sleep(0.002)
    other = Order(numbers=["+13125550101"])
    second = store.save_draft(other)
    infos = store.list_drafts()
    assert [i.id for i in infos] == [second, first]
    assert infos[1].title == "Acme Dental (2 numbers)" and infos[1].step == "numbers"
    assert infos[0].title == "+13125550101"
    assert store.latest_draft().id == second
    time.sleep(0.002)
    store.save_draft(sample_order(pin="0000"), first)  # step=None keeps the saved step
    assert store.latest_draft() == store.list_drafts()[0]
    assert store.latest_draft().id == first and store.latest_draft().step == "numbers"
    assert store.load_draft(first).carrier.pin == "0000"
    assert store.delete_draft(first) is True
    assert memory_secrets.get(secrets.draft_pin_key(first)) is None
    assert store.delete_draft(first) is False
    with pytest.raises(KeyError):
        store.load_draft(first)
    assert [i.id for i in store.list_drafts()] == [second]


def test_clearing_the_pin_removes_it_from_the_secret_store(store, memory_secrets):
    draft_id = store.save_draft(sample_order())
    store.save_draft(sample_order(pin=""), draft_id)
    assert memory_secrets.get(secrets.draft_pin_key(draft_id)) is None
    assert store.load_draft(draft_id).carrier.pin == ""


class BrokenKeyring:
    def get(self, key):
        raise secrets.SecretStoreError("your system's password storage is not available: locked")

    set = delete = lambda self, *a: self.get("")


def test_broken_keyring_keeps_the_pin_for_the_session_only(tmp_path):
    s = Store(tmp_path / "k.sqlite3", secrets=BrokenKeyring())
    try:
        draft_id = s.save_draft(sample_order())  # does not raise: the draft is saved
        assert s.load_draft(draft_id).carrier.pin == FAKE_PIN
        assert "password storage is not available" in s.secret_problem
        assert FAKE_PIN.encode() not in raw_bytes(s.path)
    finally:
        s.close()


def test_save_draft_is_fast(store):
    order = sample_order()
    draft_id = store.save_draft(order)
    times = []
    for i in range(1000):
        order.service_address.street_name = f"Main {i}"
        start = time.perf_counter()
        store.save_draft(order, draft_id)
        times.append(time.perf_counter() - start)
    times.sort()
    p99 = times[int(len(times) * 0.99) - 1]
    print(f"save_draft p99 over 1000 saves: {p99 * 1000:.2f} ms (median {times[500] * 1000:.2f} ms)")
    assert p99 < 0.05  # the GUI autosaves every second; 50 ms would already be visible
    assert store.load_draft(draft_id).service_address.street_name == "Main 999"


def test_draft_survives_a_crash_without_close(tmp_path):
    path = tmp_path / "crash.sqlite3"
    s = Store(path)
    draft_id = s.save_draft(sample_order())
    # No close(): another connection (as after a crash and restart) sees the committed save.
    other = Store(path)
    try:
        assert other.load_draft(draft_id).carrier.customer_name == "Acme Dental"
    finally:
        other.close()
        s.close()


def test_autosave_from_two_threads_and_a_second_process_connection(tmp_path):
    path = tmp_path / "busy.sqlite3"
    a, b = Store(path), Store(path)
    errors = []

    def work(s, tag):
        try:
            for i in range(100):
                s.save_draft(Order(numbers=[f"+1212555{i:04d}"]), f"{tag}-{i % 5}")
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(a, "a")), threading.Thread(target=work, args=(b, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    try:
        assert errors == []
        assert len(a.list_drafts()) == 10
    finally:
        a.close()
        b.close()


# --------------------------------------------------------------------------- orders and history


def test_order_keeps_pin_in_secret_store_and_history_is_append_only(store, memory_secrets):
    order_id = store.add_order(sample_order(), "sandbox", note="saved")
    record = store.get_order(order_id)
    assert record.status == QUEUED and record.order.carrier.pin == ""
    assert record.title == "Acme Dental (2 numbers)"
    assert store.order_document(order_id).carrier.pin == FAKE_PIN
    assert memory_secrets.get(secrets.order_pin_key(order_id)) == FAKE_PIN

    store.update_order(order_id, remote_id="R-1", status="submitted")
    store.append_history(order_id, "submitted", "endpoint", "accepted")
    assert store.find_order("R-1").id == order_id
    assert store.find_order(order_id).remote_id == "R-1"
    assert [(h.status, h.source) for h in store.history(order_id)] == [
        (QUEUED, "local"), ("submitted", "endpoint")]
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        with store.transaction() as db:
            db.execute("UPDATE status_history SET status = 'completed'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        with store.transaction() as db:
            db.execute("DELETE FROM status_history")
    with pytest.raises(sqlite3.IntegrityError):
        store.append_history(order_id, "submitted", "somebody")  # source is checked
    assert len(store.history(order_id)) == 2
    assert FAKE_PIN.encode() not in raw_bytes(store.path)


def test_outbox_order_keys_and_states(store):
    order_id = store.add_order(sample_order(), "sandbox")
    create = store.enqueue(order_id, "create", secret_ref=secrets.order_pin_key(order_id))
    cancel = store.enqueue(order_id, "cancel")
    assert create.idempotency_key != cancel.idempotency_key
    assert len(create.idempotency_key) == 36 and create.state == "pending"
    # The cancel waits behind its order's create.
    assert [e.id for e in store.due_entries()] == [create.id]
    store.mark_attempt(create.id)
    store.mark_retry(create.id, time.time() + 60, "offline")
    assert store.due_entries() == []  # create not due yet, cancel still waits behind it
    assert store.outbox_entry(create.id).attempts == 1
    assert store.due_entries(time.time() + 61)[0].id == create.id
    store.mark_done(create.id)
    assert [e.id for e in store.due_entries()] == [cancel.id]
    store.mark_blocked(cancel.id, "token")
    assert store.due_entries() == [] and store.unfinished_count() == 1
    assert [e.id for e in store.due_entries(include_blocked=True)] == [cancel.id]
    store.mark_failed(cancel.id, "too late")
    assert store.unfinished_count() == 0
    with pytest.raises(sqlite3.IntegrityError):
        store.enqueue(order_id, "create", idempotency_key=create.idempotency_key)  # keys are unique
    with pytest.raises(sqlite3.IntegrityError):
        store.enqueue(order_id, "delete-everything")


def test_autosave_survives_the_program_being_killed(tmp_path):
    """A process autosaving as fast as it can is killed (SIGKILL, no clean-up): the file is
    intact and holds at least the last save the process reported as done."""
    import os
    import signal
    import subprocess
    import sys

    if not hasattr(signal, "SIGKILL"):
        pytest.skip("needs SIGKILL")
    path = tmp_path / "killed.sqlite3"
    script = (
        "import sys\n"
        "from portwizard import secrets\n"
        "from portwizard.domain.order import Order\n"
        "from portwizard.store import Store\n"
        "s = Store(sys.argv[1], secrets=secrets.MemorySecretStore())\n"
        "o = Order(numbers=['+12125550123'])\n"
        "i = 0\n"
        "while True:\n"
        "    o.service_address.street_name = f'Main {i}'\n"
        "    s.save_draft(o, 'd1')\n"
        "    print(i, flush=True)\n"
        "    i += 1\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE,
                            text=True, env=env)
    last = -1
    try:
        for line in proc.stdout:
            last = int(line)
            if last >= 300:
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert last >= 300
    s = Store(path)
    try:
        assert s._query("PRAGMA integrity_check")[0][0] == "ok"
        saved = int(s.load_draft("d1").service_address.street_name.split()[1])
        assert saved >= last
    finally:
        s.close()


def test_order_numbers_reads_numbers_of_orders_not_excluded(store):
    a = store.add_order(Order(numbers=["+12125550123", "+12125550124"]), "sandbox")
    b = store.add_order(Order(numbers=["+13125550150"]), "sandbox")
    store.update_order(b, status="completed")
    assert store.order_numbers(exclude_statuses=("completed",)) == [
        (a, QUEUED, "+12125550123"), (a, QUEUED, "+12125550124")]
    assert len(store.order_numbers()) == 3
