"""What is on disk, seen without the program: the history through a plain ``sqlite3``
connection (another tool, another process), the PIN through the database files' raw bytes."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from orderkit import FAKE_TOKEN, make_service, valid_order
from portwizard import secrets
from portwizard.domain.order import Order
from portwizard.endpoint import Sandbox
from portwizard.services import submission as sub
from portwizard.services.tracking import TrackingService
from portwizard.store import QUEUED, Store

# Unusual letters-and-digits PINs (carriers allow both), so a raw-bytes search can only hit
# the PIN itself, never a date, a counter or an id.
FIRST_PIN = "PW7391QZ"
CORRECTED_PIN = "K8604ZW3"


def database_files(path: Path) -> dict[str, bytes]:
    """Every file of the database (the main file, -wal, -shm, any journal) as stored."""
    return {p.name: p.read_bytes() for p in sorted(path.parent.glob(path.name + "*"))
            if p.is_file()}


def plain(path: Path) -> sqlite3.Connection:
    """A connection that knows nothing of portwizard: no store code, no set-up."""
    return sqlite3.connect(str(path), timeout=5)


def test_history_cannot_be_changed_or_removed_through_any_connection(tmp_path):
    store = Store(tmp_path / "pw.sqlite3")
    order = Order(numbers=["+12125550123"])
    order.carrier.customer_name = "Acme Dental"
    order_id = store.add_order(order, "sandbox", note="saved")
    store.append_history(order_id, "submitted", "endpoint", "accepted")
    store.close()

    db = plain(tmp_path / "pw.sqlite3")
    try:
        before = db.execute("SELECT * FROM status_history ORDER BY id").fetchall()
        assert [r[3] for r in before] == [QUEUED, "submitted"]
        for sql in ("UPDATE status_history SET status = 'completed'",
                    "UPDATE status_history SET note = '' WHERE status = 'submitted'",
                    "DELETE FROM status_history",
                    f"DELETE FROM status_history WHERE order_id = '{order_id}'"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                with db:
                    db.execute(sql)
        # still possible: adding to it
        with db:
            db.execute("INSERT INTO status_history (order_id, at, status, source, note) "
                       "VALUES (?, '2026-11-23T10:00:00', 'in_review', 'endpoint', '')",
                       (order_id,))
    finally:
        db.close()

    store = Store(tmp_path / "pw.sqlite3")  # and the program sees the same history
    try:
        assert [h.status for h in store.history(order_id)] == [QUEUED, "submitted", "in_review"]
    finally:
        store.close()
    db = plain(tmp_path / "pw.sqlite3")
    try:
        assert db.execute("SELECT * FROM status_history ORDER BY id").fetchall()[:2] == before
    finally:
        db.close()


@pytest.mark.http
def test_no_pin_in_any_database_file_after_a_resubmission(tmp_path, memory_secrets):
    """Rejected, corrected with a new PIN and rejected again, corrected once more by a
    document saved without a PIN (the order's PIN is kept): the PINs are in the password
    storage and were sent, but no byte of the database holds them."""
    db_path = tmp_path / "pw.sqlite3"
    with Sandbox(tmp_path / "sandbox.db", seconds_per_day=0.2, token=FAKE_TOKEN) as sandbox:
        service = make_service(db_path, sandbox.url)
        tracking = TrackingService(service.store, service.connector)

        def rejected(order_id: str) -> None:
            deadline = time.monotonic() + 10
            while service.store.get_order(order_id).status != "rejected":
                assert time.monotonic() < deadline, "the sandbox never rejected the order"
                time.sleep(0.05)
                tracking.refresh(order_id)

        order = valid_order(tmp_path, pin=FIRST_PIN)
        order.carrier.customer_name = "Acme MISMATCH"  # the sandbox rejects it (name mismatch)
        first = service.submit(order)
        assert first.outcome == sub.SENT, first.message
        rejected(first.order_id)
        new_pin = valid_order(tmp_path, pin=CORRECTED_PIN, customer="Acme MISMATCH")
        assert service.resubmit(first.order_id, new_pin).outcome == sub.SENT
        rejected(first.order_id)
        assert service.store.order_document(first.order_id).carrier.pin == CORRECTED_PIN
        no_pin = valid_order(tmp_path, pin="")
        result = service.resubmit(first.order_id, no_pin)
        assert result.outcome == sub.SENT, result.message
        tracking.refresh(first.order_id)

        # The PIN did exist and went where it belongs ...
        assert service.store.order_document(first.order_id).carrier.pin == CORRECTED_PIN
        assert memory_secrets.get(secrets.order_pin_key(first.order_id)) == CORRECTED_PIN
        assert service.store.get_order(first.order_id).order.carrier.pin == ""
        # ... and in no file of the database: read while it is open (the WAL holds the
        # latest writes) and again after it is closed and checkpointed.
        files = database_files(db_path)
        assert files.get(f"{db_path.name}-wal"), list(files)
        service.close()
        service.store.close()
    for when, found in (("open", files), ("closed", database_files(db_path))):
        for name, data in found.items():
            for pin in (FIRST_PIN, CORRECTED_PIN):
                for encoded in (pin.encode("utf-8"), pin.encode("utf-16-le")):
                    assert encoded not in data, f"{pin} is in {name} ({when})"
