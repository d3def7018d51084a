"""Time filing with Twilio against the fake on loopback (tests/providers/fake_twilio.py).

    python bench/bench_twilio.py [--orders 50] [--fault-orders 200]

1. create latency: ``TwilioAdapter.create_order`` (bill upload, port-in request, its state:
   3 requests) per order, no faults, every request and answer checked against Twilio's
   description by the fake (that check is part of the time);
2. the fault run: orders through the outbox (SubmissionService) with 30 % of POST/DELETE
   requests mistreated (timeout after the work, dropped answer, 500, 429); prints the time,
   requests, faults, and whether every order was filed exactly once.

Needs ../shared/provider-specs/twilio-porting-subset.yml and openapi-core. Loopback only.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "providers"), str(ROOT / "tests"), str(ROOT)]


def create_latency(orders: int, folder: Path) -> dict:
    from fake_twilio import FAKE_CREDENTIAL, FakeTwilio
    from orderkit import valid_order
    from portwizard.domain.order import to_dict
    from portwizard.endpoint.providers.twilio import TwilioAdapter

    template = valid_order(folder)
    template.requested_foc_date = (_dt.date.today() + _dt.timedelta(days=14)).isoformat()
    files = {"loa": template.documents.loa, "invoice": template.documents.invoice}
    times = []
    with FakeTwilio(seconds_per_day=3600) as fake:
        adapter = TwilioAdapter(fake.url, FAKE_CREDENTIAL, retries=0)
        for i in range(orders):
            doc = to_dict(template)
            doc["numbers"] = [f"+1212555{1000 + i:04d}"]
            started = time.perf_counter()
            adapter.create_order(doc, files, f"bench-{i}")
            times.append(time.perf_counter() - started)
        poll, first = [], next(iter(fake.requests_by_sid))
        for _ in range(20):
            started = time.perf_counter()
            adapter.get_order(first)
            poll.append(time.perf_counter() - started)
        adapter.close()
        assert not fake.violations, fake.violations[:3]
    times.sort()
    return {"orders": orders, "p50_ms": 1000 * statistics.median(times),
            "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))],
            "poll_p50_ms": 1000 * statistics.median(poll)}


def fault_run(orders: int, folder: Path) -> dict:
    from fake_twilio import FAKE_CREDENTIAL, FakeTwilio, Faults
    from orderkit import make_service, valid_order
    from portwizard import secrets
    from portwizard.settings import Settings

    memory = secrets.MemorySecretStore()
    secrets.install_secret_store(memory)
    template = valid_order(folder)
    numbers = [f"+1{area}55501{last:02d}" for area in ("212", "312", "415")
               for last in range(2, 96)][:orders]
    with FakeTwilio(seconds_per_day=60, validate_responses=False,
                    faults=Faults(rate=0.3, seed=20261123, timeout_sleep=0.15)) as fake:
        memory.set(secrets.provider_token_key("twilio", fake.url), FAKE_CREDENTIAL)
        service = make_service(folder / "pw.db", fake.url, token=None, secrets=memory,
                               settings=Settings(provider="twilio", endpoint_url=fake.url),
                               read_timeout=0.1, retries=0,
                               attachments_dir=folder / "attachments")
        started = time.perf_counter()
        for number in numbers:
            order = template.copy()
            order.numbers, order.carrier.btn = [number], number
            service.submit(order, endpoint=fake.url, provider="twilio")
        while service.store.unfinished_count() and time.perf_counter() - started < 120:
            service.drain_outbox()
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        once = all(fake.created_count([n]) == 1 for n in numbers)
        result = {"orders": orders, "seconds": round(elapsed, 1),
                  "left_in_outbox": service.store.unfinished_count(),
                  "requests": len(fake.requests), "faults": dict(fake.faults.counts),
                  "each_filed_exactly_once": once}
        service.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=50)
    parser.add_argument("--fault-orders", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("PORTWIZARD_HOME", tempfile.mkdtemp(prefix="pw-bench-twilio-"))
    with tempfile.TemporaryDirectory() as tmp:
        latency = create_latency(args.orders, Path(tmp))
        print(f"create (upload + port-in request + state): {latency['orders']} orders, "
              f"p50 {latency['p50_ms']:.1f} ms, p95 {latency['p95_ms']:.1f} ms; "
              f"a poll (get_order) p50 {latency['poll_p50_ms']:.1f} ms")
        faults = fault_run(args.fault_orders, Path(tmp))
        print(f"fault run: {faults}")
    return 0 if faults["each_filed_exactly_once"] and not faults["left_in_outbox"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
