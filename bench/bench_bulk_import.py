"""Benchmark: bulk number import, from a CSV file to a checked table in the wizard.

Run:  /work/venv/bin/python bench/bench_bulk_import.py [--sizes 100 500 1000]

For each size, a CSV export (header + one phone number per row, mixed notations) is written
to a temporary folder and measured twice:
  * domain: reading the CSV and checking every number the way `portwizard validate --numbers`
    does, no Qt: parse each cell, and run every rule that reads the numbers over the list
    (``validate_field(order, "numbers")``: validity, duplicates, toll-free/local mix ...);
  * wizard: the Numbers page's real path: read the CSV in a worker, add the numbers to the
    order and fill the table with each number's verdict, until the table shows every row.
Prints the median of --runs runs per size, and the time per number.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTATIONS = ("({a}) 555-{n:04d}", "+1 {a}.555.{n:04d}", "{a}-555-{n:04d}", "1 {a} 555 {n:04d}")
AREAS = (212, 305, 415, 617, 312, 206, 416, 604)


def write_csv(folder: Path, size: int) -> Path:
    path = folder / f"numbers-{size}.csv"
    rows = ["Name,Phone"]
    for i in range(size):
        fmt = NOTATIONS[i % len(NOTATIONS)]
        rows.append(f"Line {i},\"{fmt.format(a=AREAS[i % len(AREAS)], n=100 + i % 9000)}\"")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PORTWIZARD_HOME"] = tempfile.mkdtemp(prefix="pw-bench-")
    sys.path.insert(0, str(ROOT))

    from PySide6.QtWidgets import QApplication

    from portwizard.domain import phone, validation
    from portwizard.domain.numberlist import read_number_list
    from portwizard.domain.order import Order
    from portwizard.domain.phone import parse_number
    from portwizard.flow import Step
    from portwizard.gui.wizard import PortWizard

    # Loaded once, as in a running program (the wizard loads them right after it appears).
    number_rules = [r.name for r in validation.rules() if r.reads("numbers")]

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="pw-bulk-"))
    print(f"domain: parse + {len(number_rules)} rules reading the numbers")
    print(f"{'numbers':>8} {'domain median':>14} {'findings':>9} {'wizard median':>14} "
          f"{'wizard per number':>18}")
    for size in args.sizes:
        csv_path = write_csv(folder, size)
        domain, wizard = [], []
        for _ in range(args.runs):
            phone._parse_cached.cache_clear()  # every run checks the numbers afresh
            start = time.perf_counter()
            entries = read_number_list(csv_path.read_bytes())
            findings = validation.validate_field(Order(numbers=[c for _, c in entries]),
                                                 "numbers")
            for _line, text in entries:
                parse_number(text)  # the CLI's per-line display
            domain.append(time.perf_counter() - start)
            if len(entries) != size:
                raise SystemExit(f"only {len(entries)} of {size} numbers were read")

            phone._parse_cached.cache_clear()
            wiz = PortWizard()
            wiz.ask_close = lambda: "discard"
            wiz.show()
            page = wiz.page_for(Step.NUMBERS)
            table = page.ui.numbers_table
            wiz.ask_open_file = lambda *a, **k: str(csv_path)
            start = time.perf_counter()
            page.import_csv()
            deadline = start + 120
            while table.rowCount() < size and time.perf_counter() < deadline:
                app.processEvents()
            app.processEvents()
            wizard.append(time.perf_counter() - start)
            if table.rowCount() < size:
                raise SystemExit(f"only {table.rowCount()} of {size} rows appeared")
            wiz.close()
            wiz.deleteLater()
            app.processEvents()
        d, w = statistics.median(domain), statistics.median(wizard)
        print(f"{size:>8} {d * 1000:>11.1f} ms {len(findings):>9} {w * 1000:>11.1f} ms "
              f"{w / size * 1000:>15.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
