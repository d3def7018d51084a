"""``portwizard validate ORDER.json [--json]`` and ``portwizard validate --numbers FILE [--json]``.

Exit codes: 0 no errors (warnings and notes may be printed), 1 at least one error, 2 the file
cannot be read or parsed (one line on stderr, no traceback).

``--numbers FILE`` checks a list of phone numbers: a text file with one number per line, or a
CSV/TSV file (the column headed "phone", "number", "tel" … is used, else the column that
holds the most phone numbers). Each line is reported with its line number in the file.
With ``--json`` it prints ``{"numbers": [{line, input, e164, display, kind, findings}],
"findings": [...]}``; the top-level findings concern the list as a whole (for example
toll-free and local numbers mixed). Every finding has ``field, code, severity, message, fix``.

The list is read as a stream and checked in batches (duplicates and the toll-free/local mix
are followed across the whole list), so a list of a million lines stays well under 300 MB.
A line longer than any list has, or a cell longer than any phone number, is not read whole
and not checked: it is reported as ``number.not_checked`` (an error) with its length, and
``--json`` counts them in ``"not_checked"``.
"""
from __future__ import annotations

import re

NUMBERS_HELP = ("check a list of phone numbers instead of an order: one per line, or a CSV "
                "with a phone column")


def register(sub) -> None:
    p = sub.add_parser("validate", help="check an order file (or a list of numbers) for problems",
                       description="Check an order file, or with --numbers a list of phone "
                                   "numbers. Exit 0: no errors; 1: errors found; 2: the file "
                                   "could not be read.")
    p.add_argument("order", nargs="?", help="order file (JSON)")
    p.add_argument("--numbers", metavar="FILE", help=NUMBERS_HELP)
    p.add_argument("--json", action="store_true", help="print findings as JSON")
    p.add_argument("--no-documents", action="store_true",
                   help="don't open the attached files (only check that they are named)")
    p.set_defaults(func=run)


def run(args) -> int:
    from portwizard.cli import CliError
    from portwizard.cli.common import print_findings, read_order

    if args.numbers and args.order:
        raise CliError("give either an order file or --numbers FILE, not both")
    if args.numbers:
        return _run_numbers(args.numbers, args.json)
    if not args.order:
        raise CliError("name an order file, e.g. portwizard validate order.json "
                       "(or --numbers numbers.csv)")
    loaded = read_order(args.order)
    ctx = _context(check_documents=not args.no_documents)
    return print_findings(loaded.problems + _check(loaded.order, ctx, args.order), args.json)


def _context(check_documents: bool):
    """The validation context from the user's settings (lead time for port dates)."""
    from portwizard.domain.validation import Context

    try:
        from portwizard.settings import load as load_settings

        return load_settings().validation_context(check_documents=check_documents)
    except ImportError:  # pragma: no cover - settings ship with the program
        return Context(check_documents=check_documents)


def _check(order, ctx, order_path: str):
    """All rules plus the attached documents' content (full_check); attachment paths are
    relative to the order file's folder."""
    from pathlib import Path

    from portwizard.services.checks import full_check

    return full_check(order, ctx, base_dir=Path(order_path).resolve().parent)


# --------------------------------------------------------------------------- --numbers

def _file_lines(finding: dict, entries: list[tuple[int, str]]) -> dict:
    """Rules count list entries ("entry 3"); in a file the user looks for line numbers."""
    def to_line(m):
        n = int(m[1])
        return f"line {entries[n - 1][0]}" if 0 < n <= len(entries) else m[0]

    finding["message"] = re.sub(r"\bentry (\d+)\b", to_line, finding["message"])
    return finding


#: numbers checked together; the rules that look across the list (duplicates, toll-free
#: mixed with local) are kept across batches, so a long list is checked in bounded memory
DEFAULT_BATCH = 5000
BATCH = DEFAULT_BATCH


def _run_numbers(path: str, as_json: bool) -> int:
    import sys

    from portwizard.cli import CliError
    from portwizard.domain.numberlist import iter_number_list

    try:
        with open(path, "rb") as stream:
            report = _NumberReport(as_json, sys.stdout)
            batch = []
            for cell in iter_number_list(stream):
                batch.append(cell)
                if len(batch) >= BATCH:
                    report.add(batch)
                    batch = []
            if batch:
                report.add(batch)
    except BrokenPipeError:
        raise  # the reader of our output left (| head): main() ends quietly
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not report.rows:
        raise CliError(f"{path}: no phone numbers found (expected one per line, or a CSV "
                       "with a phone column)")
    return report.finish()


class _NumberReport:
    """Prints ``validate --numbers`` as it goes (text lines, or one JSON document written
    piece by piece); remembers only what the whole-list rules need: the line where each
    number was first seen, and examples of each kind."""

    def __init__(self, as_json: bool, out):
        self.as_json, self.out = as_json, out
        self.rows = self.valid = self.toll_free = self.errors = self.not_checked = 0
        self.first_line: dict[int, int] = {}  # E.164 digits -> the line it was first on
        self.examples: dict[str, list] = {"toll-free": [], "local": []}
        self.distinct = {"toll-free": 0, "local": 0}
        self._started = False
        self.overall: dict[tuple[str, str], object] = {}
        if as_json:
            out.write('{"numbers": [')

    def add(self, batch) -> None:
        from portwizard.domain.findings import error
        from portwizard.domain.order import Order
        from portwizard.domain.phone import parse_number
        from portwizard.domain.rules.numbers import duplicate_finding
        from portwizard.domain.validation import validate_field

        checked = [c for c in batch if not c.skipped]
        entries = [(c.line, c.text) for c in checked]
        by_index: dict[int, list] = {}
        if checked:
            for f in validate_field(Order(numbers=[c.text for c in checked]), "numbers"):
                m = re.fullmatch(r"numbers\[(\d+)\]", f.field)
                if f.code in ("number.duplicate", "number.mixed_kinds"):
                    continue  # across the whole list, below and in finish()
                if m:
                    by_index.setdefault(int(m[1]), []).append(f)
                else:
                    self.overall.setdefault((f.code, f.message), f)
        rows, i = [], 0
        for cell in batch:
            if cell.skipped:
                what = "line" if cell.skipped.startswith("the line") else "cell"
                findings = [error("numbers", "number.not_checked",
                                  f"This {what} was not checked: {cell.skipped}.",
                                  "Put one phone number on each line (or in each cell of "
                                  "the phone column), or remove this line.")]
                parsed = None
                self.not_checked += 1
            else:
                parsed = parse_number(cell.text)
                findings = by_index.get(i, [])
                if parsed.ok:
                    key = int(parsed.e164[1:])
                    first = self.first_line.setdefault(key, cell.line)
                    if first != cell.line:
                        findings.append(duplicate_finding(f"numbers[{i}]", parsed,
                                                          f"line {first}"))
                    elif parsed.kind in self.examples:
                        self.distinct[parsed.kind] += 1
                        if len(self.examples[parsed.kind]) < 2:
                            self.examples[parsed.kind].append(parsed)
                    self.valid += 1
                    self.toll_free += parsed.kind == "toll-free"
                i += 1
            self.rows += 1
            self.errors += sum(f.is_error for f in findings)
            rows.append({"line": cell.line, "input": cell.text,
                         "e164": parsed.e164 if parsed else None,
                         "display": parsed.display if parsed else None,
                         "kind": parsed.kind if parsed else None,
                         "findings": [_file_lines(f.to_json(), entries) for f in findings]})
        self._write(rows)

    def _write(self, rows: list[dict]) -> None:
        import json

        out = self.out
        if self.as_json:
            for row in rows:
                out.write((",\n  " if self._started else "\n  ")
                          + json.dumps(row, ensure_ascii=False))
                self._started = True
            return
        width = min(30, max(len(r["input"]) for r in rows))
        for r in rows:
            head = f"line {r['line']:<4} {r['input'][:30]:<{width}}"
            if r["e164"]:
                out.write(f"{head}  ok      {r['e164']}  {r['kind']}\n")
            for f in r["findings"]:
                label = f["severity"] if r["e164"] or f["severity"] != "error" else "error"
                line = f"{head}  {label:<8}{f['message']}"
                if f["fix"]:
                    line += f" {f['fix']}"
                out.write(line + "\n")

    def finish(self) -> int:
        import json

        from portwizard.cli import EXIT_FINDINGS, EXIT_OK
        from portwizard.domain.rules.numbers import mixed_kinds_finding

        overall = list(self.overall.values())
        tf, local = self.examples["toll-free"], self.examples["local"]
        if tf and local:
            overall.append(mixed_kinds_finding(
                tf, local, toll_free_count=self.distinct["toll-free"],
                local_count=self.distinct["local"]))
        self.errors += sum(f.is_error for f in overall)
        out = self.out
        if self.as_json:
            out.write("\n],\n\"findings\": ")
            json.dump([f.to_json() for f in overall], out, indent=2, ensure_ascii=False)
            out.write(f',\n"not_checked": {self.not_checked}}}\n')
        else:
            for f in overall:
                out.write(f"{f.severity.value:<7} whole list: {f.message} {f.fix}".rstrip()
                          + "\n")
            checked = self.rows - self.not_checked
            out.write(f"{checked} number(s): {self.valid} valid ({self.valid - self.toll_free} "
                      f"local, {self.toll_free} toll-free), {self.errors} error(s)."
                      + (f" {self.not_checked} line(s) not checked." if self.not_checked
                         else "") + "\n")
        return EXIT_FINDINGS if self.errors else EXIT_OK

