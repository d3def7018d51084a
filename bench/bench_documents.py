"""Document timings: LOA render for 1 and 250 numbers, and inspecting a 10-page invoice.

    python bench/bench_documents.py [--runs 7]

Prints the median (and min/max) of several runs in milliseconds. The inspection figure is
the full user-visible cost: a fresh reader process, pypdf parsing, text of every page, and
the cross-check against an order (the per-file cache is cleared before each run).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "documents"))  # the test document builders

import docfactory as F  # noqa: E402

from portwizard.documents.inspect import clear_cache, cross_check, inspect_file, probe_file  # noqa: E402
from portwizard.documents.loa import render_loa  # noqa: E402


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(label: str, samples: list[float]) -> None:
    print(f"{label:<48} median {statistics.median(samples):7.1f} ms   "
          f"(min {min(samples):.1f}, max {max(samples):.1f}, n={len(samples)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        one, many = F.sample_order(1), F.sample_order(250)
        render_loa(one, tmp / "warm.pdf", provider_name="Bench", typed_name="Dana Whitfield")  # fonts
        report("LOA render, 1 number (typed signature)",
               timed(lambda: render_loa(one, tmp / "one.pdf", provider_name="Bench",
                                        typed_name="Dana Whitfield"), args.runs))
        report("LOA render, 250 numbers (annex)",
               timed(lambda: render_loa(many, tmp / "many.pdf", provider_name="Bench",
                                        signature_png=F.signature_png()), args.runs))
        invoice = F.build_invoice(tmp / "invoice.pdf", pages=10)
        order = F.sample_order(3)

        def inspect_cold():
            clear_cache()
            inspect_file(invoice, "invoice", order)

        report("inspect 10-page invoice (cold, incl. process)", timed(inspect_cold, args.runs))
        text = probe_file(invoice).text
        report("cross-check only (text already extracted)",
               timed(lambda: cross_check("invoice", text, order), args.runs))
        pages = len(F.many_pages_pdf(tmp / "huge.pdf", pages=3000).read_bytes()) and 3000

        def inspect_huge():
            clear_cache()
            inspect_file(tmp / "huge.pdf", "invoice")

        report(f"refuse a {pages}-page PDF", timed(inspect_huge, max(3, args.runs // 2)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
