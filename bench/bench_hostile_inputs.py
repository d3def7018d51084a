"""Benchmark: hostile inputs at full size, each through the real command line in a child
process, with its wall time and peak memory (RSS).

Run:  /work/venv/bin/python bench/bench_hostile_inputs.py [--lines 1000000] [--line-mb 200]

  * a number list of --lines lines (mixed notations, every 1000th a duplicate, one toll-free
    number at the end): ``portwizard validate --numbers`` (text and --json);
  * one line of --line-mb MB of digits and commas between two good numbers: the long line
    is reported "not checked", the others are checked;
  * an order file with a 5000-digit integer, and one with duplicate keys:
    ``portwizard validate`` (exit 2 with a message; exit 1 naming the key).
The limit from the issue: under 300 MB peak RSS. The files are written to a temporary
folder and removed afterwards.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT_MB = 300
NOTATIONS = ("({a}) 555-{n:04d}", "+1 {a}.555.{n:04d}", "{a}-555-{n:04d}", "1 {a} 555 {n:04d}")
AREAS = (212, 305, 415, 617, 312, 206, 416, 604, 718, 646, 917, 347, 929, 202, 303, 404,
         503, 602, 702, 713, 214, 512, 210, 469, 972, 281, 832, 619, 858, 213, 310, 323,
         424, 626, 714, 949, 951, 909, 805, 831, 408, 510, 650, 925, 707, 916, 530, 559,
         661, 760, 562, 657, 747, 818, 209, 341, 628, 669, 442, 279, 820, 840, 350, 369,
         480, 520, 623, 928, 501, 479, 870, 719, 720, 970, 860, 203, 475, 959, 302, 239,
         321, 352, 386, 407, 561, 727, 754, 772, 786, 813, 850, 863, 904, 941, 954,
         201, 207, 208, 215, 216, 217)
assert len(set(AREAS)) == len(AREAS) >= 100  # so the only duplicates are the planted ones

PROBE = ("import resource, sys\n"
         "from portwizard.cli import main\n"
         "rc = main(sys.argv[1:])\n"
         "sys.stdout.flush()\n"
         "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
         "try:  # this program's own peak (ru_maxrss may carry the parent's from fork)\n"
         "    peak = int(next(l for l in open('/proc/self/status') "
         "if l.startswith('VmHWM')).split()[1])\n"
         "except (OSError, StopIteration):\n"
         "    pass\n"
         "print('PEAK_RSS_KB', peak, file=sys.stderr)\n"
         "sys.exit(rc)\n")


def run(*args: str) -> dict:
    """The CLI in a child; its output goes to a file (a million result lines held in this
    process would only measure the benchmark)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, text=True,
                              stdout=out, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - started
        size = out.tell()
        out.seek(max(0, size - 4096))
        tail_text = out.read().strip()
    err = proc.stderr.splitlines()
    peak = next((int(l.split()[1]) for l in err if l.startswith("PEAK_RSS_KB")), 0) / 1024
    rest = [l for l in err if not l.startswith("PEAK_RSS_KB")]
    tail = tail_text.splitlines()[-1] if tail_text else ""
    return {"exit": proc.returncode, "seconds": seconds, "peak_mb": peak,
            "stdout_tail": tail, "stderr": rest, "stdout_bytes": size}


def write_list(path: Path, lines: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(lines):
            if i and i % 1000 == 0:
                j = i - 1  # the same number as the line before: a duplicate
            else:
                j = i
            area = AREAS[(j // 10000) % len(AREAS)]
            f.write(NOTATIONS[j % 4].format(a=area, n=j % 10000) + "\n")
        f.write("1-800-555-0100\n")


def write_long_line(path: Path, megabytes: int) -> int:
    block = b"2125550123," * 100_000
    written = 0
    with path.open("wb") as f:
        f.write(b"(212) 555-0100\n")
        while written < megabytes * 1024 * 1024:
            f.write(block)
            written += len(block)
        f.write(b"\n(212) 555-0101\n")
    return written


def report(name: str, result: dict) -> None:
    verdict = "ok" if result["peak_mb"] < LIMIT_MB else f"OVER {LIMIT_MB} MB"
    print(f"{name:<44} exit {result['exit']}  {result['seconds']:7.1f} s  "
          f"peak {result['peak_mb']:6.0f} MB  {verdict}  "
          f"(output {result['stdout_bytes'] / 2**20:.1f} MB)")
    if result["stdout_tail"]:
        print(f"{'':<44} last line: {result['stdout_tail'][:140]}")
    if result["stderr"]:
        print(f"{'':<44} stderr: {' | '.join(result['stderr'])[:140]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--line-mb", type=int, default=200)
    args = parser.parse_args()
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        listing = folder / "numbers.txt"
        write_list(listing, args.lines)
        size = listing.stat().st_size >> 20
        for extra in ((), ("--json",)):
            result = run("validate", "--numbers", str(listing), *extra)
            report(f"{args.lines:,}-line list ({size} MB) {' '.join(extra)}".rstrip(), result)
            worst = max(worst, result["peak_mb"])
        listing.unlink()

        long_line = folder / "one-line.csv"
        length = write_long_line(long_line, args.line_mb)
        result = run("validate", "--numbers", str(long_line))
        report(f"one {length / 2**20:.0f} MB line between two numbers", result)
        worst = max(worst, result["peak_mb"])
        long_line.unlink()

        digits = folder / "digits.json"
        digits.write_text('{"format": "portwizard.order/1", "carrier": {"pin": %s}}'
                          % ("1" * 5000), "utf-8")
        report("order file with a 5000-digit integer", run("validate", str(digits)))
        dup = folder / "dup.json"
        dup.write_text(json.dumps({"format": "portwizard.order/1"})[:-1]
                       + ', "carrier": {"pin": "1111", "pin": "2222"}}', "utf-8")
        report("order file with a duplicate key", run("validate", "--no-documents", str(dup)))
    print(f"worst peak RSS: {worst:.0f} MB (limit {LIMIT_MB} MB)")
    return 0 if worst < LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main())
