"""Throughput and exactly-once figures for the endpoint client against the sandbox.

    python bench/api_bench.py [--orders 200] [--faults 0.3] [--seed 1]

Files ``--orders`` orders (each with a small LOA and invoice PDF) through
:class:`EndpointClient` while the sandbox injects faults into that fraction of requests
(late answers after the work was done, dropped connections, 500, 503, 429 + Retry-After).
Each order keeps its Idempotency-Key across the client's own retries and up to 10 further
attempts (what the outbox does). Prints: orders filed, orders the sandbox really created,
faults by kind, requests received and answered, wall time, and then
a fault-free latency figure for create and get. Exit code 1 if any order is missing or duplicated.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def doc(i: int) -> dict:
    number = f"+1212555{1000 + i % 9000:04d}"
    return {
        "format": "portwizard.order/1",
        "target": {"account_id": "SBX-1001", "line_id": "L-100", "label": ""},
        "numbers": [number],
        "carrier": {"name": "Verizon", "account_type": "single-line",
                    "number_type": "business-local", "customer_name": f"Bench Shop {i}",
                    "authorized_name": "Pat Smith", "account_number": "123456789",
                    "btn": number, "pin": "1234", "digital_unlocked": False},
        "service_address": {"street_number": "1", "street_name": "Main", "city": "New York",
                            "state": "NY", "postal_code": "10001", "country": "US"},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--faults", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from portwizard.endpoint import SANDBOX_TOKEN, EndpointClient, Unavailable
    from portwizard.endpoint.sandbox import Sandbox

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = {"loa": tmp / "loa.pdf", "invoice": tmp / "invoice.pdf"}
        for path in files.values():
            path.write_bytes(PDF)

        with Sandbox(tmp / "bench.db", seconds_per_day=60, fault_rate=args.faults,
                     fault_seed=args.seed, fault_delay=0.6) as sandbox:
            client = EndpointClient(sandbox.url, SANDBOX_TOKEN, timeout=(0.5, 0.3), retries=3,
                                    backoff_factor=0.01)
            started = time.monotonic()
            ids, gave_up, outer_retries = [], 0, 0
            for i in range(args.orders):
                for attempt in range(11):
                    try:
                        ids.append(client.create_order(doc(i), files, f"bench-{i}")["id"])
                        break
                    except Unavailable:
                        outer_retries += 1
                else:
                    gave_up += 1
            elapsed = time.monotonic() - started
            created = sandbox.created_count()
            faults = dict(sandbox.faults_injected)
            requests_seen = sandbox.requests_seen
            answers_sent = sandbox.answers_sent

            sandbox.fault_rate = 0.0
            create_ms, get_ms = [], []
            for i in range(50):
                t = time.perf_counter()
                state = client.create_order(doc(10000 + i), files, f"latency-{i}")
                create_ms.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                client.get_order(state["id"])
                get_ms.append((time.perf_counter() - t) * 1000)
            client.close()

    ok = len(ids) == args.orders and len(set(ids)) == args.orders and created == args.orders
    print(f"orders filed: {len(ids)}/{args.orders} (distinct ids {len(set(ids))}, gave up "
          f"{gave_up}); sandbox created: {created} -> {'EXACTLY ONCE' if ok else 'MISMATCH'}")
    print(f"faults injected ({args.faults:.0%} of requests): {sum(faults.values())} "
          + ", ".join(f"{k}={v}" for k, v in faults.items()))
    # Answered: the sandbox wrote the whole answer. Unanswered: dropped connections, and
    # "slow" answers due 0.6 s later, after the client's 0.3 s read timeout had closed it.
    print(f"requests received: {requests_seen}; answered: {answers_sent}; unanswered: "
          f"{requests_seen - answers_sent} (faults that give no answer: "
          f"{sum(faults.get(k, 0) for k in ('drop_before', 'drop_after', 'slow'))})")
    print(f"outbox-style re-sends after the client gave up: {outer_retries}; "
          f"wall time {elapsed:.1f} s")
    print(f"fault-free latency over loopback (50 each): create median "
          f"{statistics.median(create_ms):.1f} ms, p95 {sorted(create_ms)[47]:.1f} ms; "
          f"get median {statistics.median(get_ms):.1f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
