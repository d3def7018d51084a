"""The orders list's look-ups read what they need through the right index (checked on the
query plan, which SQLite picks from the schema alone: no statistics are gathered)."""
from __future__ import annotations

import sqlite3

from portwizard.store import Store
from portwizard.store import listing
from portwizard.domain.order import Order


def _plan(db: sqlite3.Connection, sql: str) -> list[str]:
    return [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]


def test_the_waiting_requests_of_a_page_are_looked_up_by_order(tmp_path):
    path = tmp_path / "pw.sqlite3"
    store = Store(path)
    ids = [store.add_order(Order(numbers=[f"+1212555010{i}"]), "sandbox") for i in range(3)]
    for order_id in ids:
        store.enqueue(order_id, "create", {})
    store.close()
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    statements: list[str] = []
    db.set_trace_callback(statements.append)  # the statement with its values filled in
    page = ids + [f"PW-{n:010d}" for n in range(200 - len(ids))]  # a page: 200 orders
    assert {k: n for k, (n, _) in listing._waiting(db, page).items()} == {i: 1 for i in ids}
    db.set_trace_callback(None)
    plan = _plan(db, statements[-1])
    # Through the state index SQLite would read every waiting request of every order
    # (3.6 ms a page with 6,000 waiting, bench/bench_dashboard.py --explain) instead of 0.1.
    assert plan[0].startswith("SEARCH o USING INDEX outbox_by_order"), plan
    db.close()
