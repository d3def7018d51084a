"""Benchmark: number validation through portwizard vs. bare phonenumbers, and the latency of
validate_field() on every keystroke.

Run:  /work/venv/bin/python bench/bench_validation.py [--count 10000] [--repeat 5]

Part 1 validates N distinct inputs (fictional 555-01xx numbers in every valid NANP area code,
realistic notations: brackets, dots, +1, vanity letters, extensions, some invalid; some
numbers recur in another notation, so the duplicate rule has work) in one process, twice per round, interleaved:
  * bare:    phonenumbers.parse(text, "US") + phonenumbers.is_valid_number() per number;
  * project: portwizard.domain.phone.parse_number() per number, then the number rules on an
             order holding all of them (validate_field(order, "numbers"): invalid entries,
             duplicates, toll-free/local mix, as ``portwizard validate --numbers`` does).
Every project round starts with empty caches (parse memo and area-code regions), so no round
profits from the one before. The median of the rounds is printed with the ratio
project/bare (target: <= 1.3).

Part 2 first does the one-time warm-up the GUI does at start-up in a worker (holiday
calendars, carrier directory; its time is printed), then types a complete order character by character and times validate_field(order, path)
after each keystroke; it prints p50, p99 and max in milliseconds.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import phonenumbers  # noqa: E402

from portwizard.domain import phone  # noqa: E402
from portwizard.domain.order import Order, set_field  # noqa: E402
from portwizard.domain.validation import Context, validate_field  # noqa: E402

def area_codes() -> list[str]:
    """Every area code in which (NPA) 555-0123 is a valid US, Canadian or territory number
    (a few hundred), so the sample is mostly distinct numbers."""
    out = []
    for npa in range(201, 990):
        n = phonenumbers.PhoneNumber(country_code=1, national_number=int(f"{npa}5550123"))
        if phonenumbers.region_code_for_number(n) in phone.PORTABLE_REGIONS:
            out.append(str(npa))
    return out

NOTATIONS = ["({a}) {e}-{l}", "{a}-{e}-{l}", "+1 {a}.{e}.{l}", "1{a}{e}{l}", "{a} {e} {l}",
             "+1 ({a}) {e}-{l}"]


def sample_numbers(count: int, seed: int = 7) -> list[str]:
    """Distinct, fictional (555-01xx) numbers in mixed notations; ~2% vanity, ~2% with an
    extension, ~3% invalid."""
    rnd = random.Random(seed)
    codes = area_codes()
    out: set[str] = set()
    while len(out) < count:
        a = rnd.choice(codes)
        line = f"01{rnd.randrange(100):02d}"
        roll = rnd.random()
        if roll < 0.02:
            text = f"1-{a}-555-{rnd.choice(['FLOW', 'CALL', 'HELP', 'TAXI'])}"
        elif roll < 0.04:
            text = f"{a}-555-{line} x{rnd.randrange(1, 999)}"
        elif roll < 0.07:
            text = rnd.choice([f"555-{line}", f"({a}) 555-{line}9", f"(1{a[1:]}) 555-{line}"])
        else:
            text = rnd.choice(NOTATIONS).format(a=a, e="555", l=line)
        out.add(text)
    items = sorted(out)
    rnd.shuffle(items)
    return items


def bare(numbers: list[str]) -> float:
    t0 = time.perf_counter()
    for text in numbers:
        try:
            n = phonenumbers.parse(text, "US")
        except phonenumbers.NumberParseException:
            continue
        phonenumbers.is_valid_number(n)
    return time.perf_counter() - t0


def project(numbers: list[str]) -> tuple[float, int]:
    phone._parse_cached.cache_clear()
    phone._NPA_REGION.clear()
    t0 = time.perf_counter()
    for text in numbers:
        phone.parse_number(text)
    findings = validate_field(Order(numbers=numbers), "numbers", CTX)
    return time.perf_counter() - t0, len(findings)


CTX = Context()


def agreement(numbers: list[str]) -> int:
    """How many inputs portwizard and bare phonenumbers judge differently (valid or not, and
    which E.164 number); the speed-up must not come from checking less."""
    differ = 0
    for text in numbers:
        try:
            n = phonenumbers.parse(text, "US")
            want = (phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
                    if phonenumbers.is_valid_number(n) else None)
        except phonenumbers.NumberParseException:
            want = None
        differ += phone.parse_number(text).e164 != want
    return differ

TYPING = [
    ("carrier.name", "Verizon Wireless"),
    ("carrier.customer_name", "Acme Dental Group"),
    ("carrier.authorized_name", "Pat Smith"),
    ("carrier.account_number", "1234-5678-9012"),
    ("carrier.btn", "(212) 555-0123"),
    ("carrier.pin", "482913"),
    ("service_address.street_number", "1200"),
    ("service_address.pre_direction", "North"),
    ("service_address.street_name", "Main Street"),
    ("service_address.unit", "Suite 300"),
    ("service_address.city", "Springfield"),
    ("service_address.state", "Illinois"),
    ("service_address.postal_code", "62704-1234"),
    ("requested_foc_date", "2027-01-12"),
    ("numbers[49]", "+1 (212) 555-0199"),
]


def warm_up() -> None:
    """What the GUI does once at start-up, off the GUI thread."""
    from portwizard.domain import carriers, dates

    dates.warm_up()
    carriers.directory()
    carriers.match("verizon")
    validate_field(Order(), "numbers", CTX)  # imports and registers every rule


def keystrokes() -> list[float]:
    order = Order(numbers=[f"(212) 555-01{i:02d}" for i in range(49)] + [""])
    order.carrier.account_type = "multi-line"
    order.carrier.number_type = "business-local"
    times = []
    for path, value in TYPING:
        for i in range(1, len(value) + 1):
            set_field(order, path, value[:i])
            t0 = time.perf_counter()
            validate_field(order, path, CTX)
            times.append(time.perf_counter() - t0)
    return times


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    numbers = sample_numbers(args.count)
    # Warm both sides once (phonenumbers loads its region metadata on first use).
    bare(numbers[:200])
    project(numbers[:200])
    bare_t, proj_t, nfind = [], [], 0
    for _ in range(args.repeat):
        bare_t.append(bare(numbers))
        t, nfind = project(numbers)
        proj_t.append(t)
    b, p = statistics.median(bare_t), statistics.median(proj_t)
    print(f"numbers: {len(numbers)} inputs, median of {args.repeat} rounds")
    print(f"  bare phonenumbers parse+is_valid: {b * 1000:8.1f} ms  ({b / len(numbers) * 1e6:.1f} us/number)")
    print(f"  portwizard parse_number + rules:  {p * 1000:8.1f} ms  ({p / len(numbers) * 1e6:.1f} us/number, {nfind} findings)")
    print(f"  ratio project/bare: {p / b:.2f}  (target <= 1.3)")
    print(f"  inputs judged differently from bare phonenumbers: {agreement(numbers)}")
    t0 = time.perf_counter()
    warm_up()
    print(f"one-time warm-up at start-up (holiday calendars, carrier directory, rules): "
          f"{(time.perf_counter() - t0) * 1000:.1f} ms")
    times = sorted(keystrokes())
    p50 = times[len(times) // 2] * 1000
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000
    print(f"validate_field per keystroke: {len(times)} keystrokes, p50 {p50:.3f} ms, "
          f"p99 {p99:.3f} ms, max {times[-1] * 1000:.3f} ms")
    return 0 if p / b <= 1.3 else 1


if __name__ == "__main__":
    raise SystemExit(main())
