"""The fault test: 200 orders through a sandbox that mistreats 30% of all requests (late
answers after the order was created, dropped connections before and after, 500, 503, 429).
Every order must arrive exactly once and nothing may stay in the outbox."""
from __future__ import annotations

import time

import pytest

from orderkit import FAKE_TOKEN, make_service, valid_order
from portwizard.endpoint import Sandbox
from portwizard.endpoint.sandbox import FAULT_KINDS

pytestmark = [pytest.mark.http, pytest.mark.slow, pytest.mark.timeout(90)]

ORDERS = 200
AREAS = ("212", "312", "415")


def numbers():
    for area in AREAS:
        for last in range(2, 96):  # 555-0102 .. 555-0195: fake range, no sandbox trigger
            yield f"+1{area}55501{last:02d}"


def test_200_orders_with_30_percent_faults_arrive_exactly_once(tmp_path):
    template = valid_order(tmp_path)
    started = time.monotonic()
    with Sandbox(tmp_path / "sandbox.db", seconds_per_day=60, token=FAKE_TOKEN, fault_rate=0.3,
                 fault_seed=20261123, fault_delay=0.5) as sb:
        # Short timeouts and fast backoff so the test stays bounded; client-level retries are
        # off so every fault reaches the outbox.
        service = make_service(tmp_path / "pw.db", sb.url, read_timeout=0.25, retries=0,
                               backoff_base=0.01)
        local_ids = []
        outcomes = {}
        for number in list(numbers())[:ORDERS]:
            order = template.copy()
            order.numbers = [number]
            order.carrier.btn = number
            result = service.submit(order)
            assert result.order_id, result.message
            local_ids.append(result.order_id)
            outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1

        deadline = time.monotonic() + 45
        rounds = 0
        while service.store.unfinished_count() and time.monotonic() < deadline:
            service.drain_outbox()
            rounds += 1
            time.sleep(0.02)
        elapsed = time.monotonic() - started

        faults = dict(sb.faults_injected)
        created = sb.created_count()
        remote_ids = [service.store.get_order(i).remote_id for i in local_ids]
        server_numbers = [r[0] for r in sb.state.db.execute("SELECT numbers FROM orders")]
        stuck = service.store.outbox(states=("pending", "blocked", "failed"))
        print(f"\nfault test: {ORDERS} orders in {elapsed:.1f} s, first-try outcomes {outcomes}, "
              f"{rounds} drain rounds, faults injected {faults} (of {sb.requests_seen} requests)")

    assert stuck == []
    assert created == ORDERS
    assert None not in remote_ids and len(set(remote_ids)) == ORDERS
    assert len(set(server_numbers)) == ORDERS  # no order was filed twice
    assert sum(faults.values()) >= 0.2 * ORDERS  # the faults really happened ...
    assert all(faults[k] > 0 for k in FAULT_KINDS)  # ... of every kind
    assert outcomes.get("queued", 0) >= 30
    attempts = sum(e.attempts for e in service.store.outbox())
    assert attempts > ORDERS
