"""The application facade that the window and the CLI share: sync, the orders list, the
order detail, duplicate and export (real store, real sandbox on loopback)."""
from __future__ import annotations

import datetime as _dt
import json
import time

import pytest

from orderkit import FAKE_ACCOUNT, FAKE_PIN, FAKE_TOKEN, valid_order
from portwizard.domain.order import Order
from portwizard.domain.status import Group
from portwizard.endpoint import Sandbox
from portwizard.services.order_detail import countdown
from portwizard.store import OrderQuery




@pytest.mark.http
def test_sync_sends_queued_orders_then_asks_about_open_ones(offline_app, tmp_path):
    app = offline_app
    queued = app.submit(valid_order(tmp_path))
    assert queued.outcome == "queued"
    state = app.connection_state()
    assert state.online is False and state.waiting == 1 and state.problem
    time.sleep(0.3)  # past the test back-off
    offline = app.sync()
    assert offline.reached is False and offline.sent == 0 and offline.remaining == 1
    assert offline.problems == [] or all("PIN" not in p for p in offline.problems)
    with Sandbox(tmp_path / "sb.db", port=app.port, seconds_per_day=0.2, token=FAKE_TOKEN) as sb:
        time.sleep(0.3)
        report = app.sync()
        assert report.sent == 1 and report.reached is True and report.remaining == 0
        assert sb.created_count() == 1
    state = app.connection_state()
    assert state.online is True and state.last_contact_at and state.waiting == 0
    assert app.store.get_order(queued.order_id).remote_id


@pytest.mark.http
def test_sync_reports_changes_by_order(offline_app, tmp_path):
    app = offline_app
    with Sandbox(tmp_path / "sb.db", port=app.port, seconds_per_day=0.2, token=FAKE_TOKEN):
        sent = app.submit(valid_order(tmp_path))
        assert sent.outcome == "sent"
        deadline = time.monotonic() + 10
        changed = {}
        while time.monotonic() < deadline and not changed:
            time.sleep(0.1)
            changed = app.sync().changed
        assert sent.order_id in changed


def _order(name: str, number: str) -> Order:
    order = Order(numbers=[number])
    order.carrier.customer_name = name
    order.carrier.pin = FAKE_PIN
    return order


def test_orders_list_searches_numbers_in_any_notation_and_filters(offline_app):
    app = offline_app
    app.store.add_order(_order("Acme Dental", "+12125550123"), "sandbox")
    rejected = app.store.add_order(_order("Baker Law", "+13125550188"), "sandbox")
    app.store.update_order(rejected, status="rejected", remote_id="SBX-ORDER-77")
    app.drafts.save(_order("Corner Shop", "(646) 555-0142"))
    assert app.count_orders(OrderQuery()) == 3
    for text in ("(212) 555-0123", "212.555.0123", "2125550123", "+1 212 555 0123"):
        assert [r.title for r in app.order_rows(OrderQuery(text=text))] == ["Acme Dental (1 number)"]
    assert [r.id for r in app.order_rows(OrderQuery(text="sbx-order-77"))] == [rejected]
    assert [r.id for r in app.order_rows(OrderQuery(text="needs your attention"))] == [rejected]
    assert [r.title for r in app.order_rows(OrderQuery(text="646-555-0142"))] == ["Corner Shop (1 number)"]
    assert [r.id for r in app.order_rows(OrderQuery(group=Group.ATTENTION))] == [rejected]
    assert [r.kind for r in app.order_rows(OrderQuery(group=Group.DRAFTS))] == ["draft"]
    names = [r.title for r in app.order_rows(OrderQuery(sort="title", descending=False))]
    assert names == sorted(names, key=str.casefold)
    assert app.order_rows(OrderQuery(text="%_")) == []  # LIKE wildcards are literal (no digits:
    # digits alone would also be looked for in the numbers and the random order ids)


def test_orders_list_fills_rows_written_before_it_existed(tmp_path, memory_secrets):
    import sqlite3

    from portwizard.store import Store

    path = tmp_path / "old.sqlite3"
    Store(path, secrets=memory_secrets).add_order(_order("Old Order", "+12125550123"), "sandbox")
    with sqlite3.connect(path) as db:  # as a version-3 database would have it
        db.execute("UPDATE orders SET title = '', search_text = NULL, numbers_count = 0")
    store = Store(path, secrets=memory_secrets)
    [row] = store.list_rows(OrderQuery(text="212-555-0123"))
    assert row.title == "Old Order (1 number)" and row.numbers == ("+12125550123",)
    store.close()


def test_duplicate_and_export_leave_the_pin_out(offline_app, tmp_path):
    app = offline_app
    order_id = app.store.add_order(valid_order(tmp_path), "sandbox")
    draft_id = app.duplicate_order(order_id)
    copy = app.drafts.load(draft_id)
    assert copy.carrier.pin == "" and copy.carrier.account_number == FAKE_ACCOUNT
    path = app.export_order_json(order_id, tmp_path / "order.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["carrier"]["pin"] == "" and data["numbers"] == ["+12125550123"]
    assert FAKE_PIN not in path.read_text(encoding="utf-8")
    again = app.drafts.duplicate(draft_id)
    assert again != draft_id and app.drafts.load(again).numbers == copy.numbers


def test_order_detail_shows_a_comment_waiting_offline(offline_app, tmp_path):
    app = offline_app
    order_id = app.store.add_order(valid_order(tmp_path), "sandbox")
    app.store.update_order(order_id, status="pending_carrier", remote_id="R1")
    app.comment(order_id, "Please call before noon.", send=False)
    detail = app.order_detail(order_id)
    assert [c.text for c in detail.comments if c.pending] == ["Please call before noon."]
    assert detail.can_cancel and not detail.can_resubmit
    assert [n.display for n in detail.numbers] == ["(212) 555-0123"]
    assert detail.timeline and detail.timeline[0].source == "this computer"
    with pytest.raises(ValueError):
        app.comment(order_id, "   ")


def test_countdown_counts_business_days():
    friday = _dt.date(2026, 12, 4)
    assert countdown(friday, friday) == "today"
    assert countdown(_dt.date(2026, 12, 5), friday) == "tomorrow"
    assert countdown(_dt.date(2026, 12, 9), friday) == "in 3 business days"  # Mon, Tue, Wed
    assert countdown(_dt.date(2026, 12, 28), _dt.date(2026, 12, 22)) == "in 3 business days"  # Christmas
    assert countdown(_dt.date(2026, 12, 1), friday) == "3 days ago"
