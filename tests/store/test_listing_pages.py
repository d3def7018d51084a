"""Paging the orders list: the page after a row (keyset) is exactly the page OFFSET would
give, for every sort the list offers, both directions, with ties, drafts and filters."""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portwizard.domain.order import Order
from portwizard.domain.status import Group
from portwizard.store import Store
from portwizard.store import listing
from portwizard.store.listing import SORT_KEYS, OrderQuery

STATUSES = ("queued", "submitted", "rejected", "foc_confirmed", "completed", "not_sent")
NAMES = ("acme", "Acme", "ACME", "bravo", "Bravo", "", "zulu")  # case ties and empties
STAMPS = ("2026-11-01T10:00:00+00:00", "2026-11-02T10:00:00+00:00")  # many equal keys


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "pw.sqlite3"
    store = Store(path)
    for i in range(90):
        order = Order(numbers=[f"+1212555{i:04d}"] * (i % 3))
        order.carrier.customer_name = NAMES[i % len(NAMES)]
        if i % 6 == 0:
            store.save_draft(order)
            continue
        order_id = store.add_order(order, "sandbox", status=STATUSES[i % len(STATUSES)])
        store.update_order(order_id, foc_date=None if i % 4 else "2026-12-10",
                           remote_id=None if i % 5 else f"{'rR'[i % 2]}{i // 10}")
    store.close()
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    connection.execute("UPDATE orders SET updated_at = CASE WHEN rowid % 2 THEN ? ELSE ? END",
                       STAMPS)
    connection.execute("UPDATE drafts SET updated_at = ?", (STAMPS[0],))
    yield connection
    connection.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sort=st.sampled_from(SORT_KEYS), descending=st.booleans(), page=st.integers(1, 17),
       group=st.sampled_from([None, Group.ATTENTION, Group.DONE]),
       text=st.sampled_from(["", "acme", "555"]))
def test_pages_after_a_row_are_the_pages_offset_gives(db, sort, descending, page, group, text):
    query = OrderQuery(group=group, text=text, sort=sort, descending=descending)
    total = listing.count(db, query)
    everything = [r.id for r in listing.rows(db, query, 0, 1000, total)]
    shown: list = []
    while True:
        after = shown[-1] if shown else None
        got = listing.rows(db, query, len(shown), page, total, after=after)
        assert [r.id for r in got] == \
            [r.id for r in listing.rows(db, query, len(shown), page, total)]
        if not got:
            break
        shown.extend(got)
    assert [r.id for r in shown] == everything and len(everything) == total
