"""Figures for the real-provider adapters against their loopback fakes.

    python bench/bench_providers.py [--orders 50] [--fault-orders 500] [--faults 0.3]

1. create-to-confirmed latency: the Telnyx adapter files ``--orders`` one-number orders
   (portability check, LOA + invoice upload, create, allowed FOC windows, PATCH, confirm,
   then the merged state) and as many two-part split orders, against the fake Telnyx with
   request and answer validation against the published description switched on;
2. the fault run: ``--fault-orders`` orders through the real outbox while ``--faults`` of
   the POSTs fail (late answer after the work, dropped connection after it, 500, 429);
   prints how many the fake created per order (must be exactly 1 each), faults by kind,
   attempts and wall time.

Needs ../shared/provider-specs (the descriptions) and the test extras (openapi-core).
Exit code 1 when an order was created twice or not at all.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "providers"), str(ROOT / "tests"), str(ROOT)]


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def latency(orders: int, folder: Path) -> None:
    from conftest import FAKE_TELNYX_KEY
    from fake_telnyx import FakeTelnyx
    from orderkit import valid_order
    from portwizard.domain.order import to_dict
    from portwizard.endpoint.providers.base import MemoryProgress
    from portwizard.endpoint.providers.telnyx import TelnyxAdapter

    template = valid_order(folder)
    template.requested_foc_date = "2030-01-07"
    attachments = {"loa": template.documents.loa, "invoice": template.documents.invoice}
    with FakeTelnyx(token=FAKE_TELNYX_KEY, seconds_per_day=3600) as fake:
        adapter = TelnyxAdapter(fake.url, FAKE_TELNYX_KEY, timeout=(1, 5), retries=0)
        for label, numbers in (("one number", lambda i: [f"+1212555{1000 + i:04d}"]),
                               ("split in 2", lambda i: [f"+1212555{3000 + i:04d}",
                                                         f"+1312555{3000 + i:04d}"])):
            times, before = [], len(fake.requests)
            for i in range(orders):
                doc = to_dict(template)
                doc["numbers"] = numbers(i)
                started = time.perf_counter()
                state = adapter.create_order(doc, attachments, f"key-{label}-{i}",
                                             progress=MemoryProgress(f"PW-{label[0]}{i}"))
                times.append((time.perf_counter() - started) * 1000)
                assert state["status"] == "in_review", state["status"]
            per_order = (len(fake.requests) - before) / orders
            print(f"create-to-confirmed, {label}: median {statistics.median(times):.1f} ms, "
                  f"p95 {percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms over "
                  f"{orders} orders ({per_order:.0f} requests each, every one validated)")
        adapter.close()
        if fake.violations:
            print("DESCRIPTION VIOLATIONS:", fake.violations[:3])
            raise SystemExit(1)


def fault_run(orders: int, rate: float, folder: Path) -> bool:
    from fake_telnyx import FakeTelnyx
    from portwizard import secrets
    from test_telnyx_e2e import run_fault_run

    store = secrets.MemorySecretStore()
    secrets.install_secret_store(store)
    fakes = []

    def start(**kwargs):
        from conftest import FAKE_TELNYX_KEY

        fake = FakeTelnyx(token=FAKE_TELNYX_KEY, **kwargs).start()
        fakes.append(fake)
        return fake

    try:
        r = run_fault_run(folder, start, store, orders=orders, rate=rate)
    finally:
        for fake in fakes:
            fake.stop()
    print(f"fault run: {r['orders']} orders, {rate:.0%} of POSTs faulty -> {r['faults']} faults "
          f"{r['kinds']} in {r['requests']} requests ({r['posts']} POSTs); outbox attempts "
          f"{r['attempts']}; created per order {sorted(r['creates'])}; left in the outbox "
          f"{r['stuck']}; {r['elapsed']:.1f} s")
    return r["creates"] == {1} and r["stuck"] == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=50)
    parser.add_argument("--fault-orders", type=int, default=500)
    parser.add_argument("--faults", type=float, default=0.3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        latency(args.orders, Path(tmp) / "latency")
        ok = fault_run(args.fault_orders, args.faults, Path(tmp) / "faults")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
