"""``portwizard validate ORDER.json [--json]`` and ``portwizard validate --numbers FILE [--json]``.

Exit codes: 0 no errors (warnings and notes may be printed), 1 at least one error, 2 the file
cannot be read or parsed (one line on stderr, no traceback).

``--numbers FILE`` checks a list of phone numbers: a text file with one number per line, or a
CSV/TSV file (the column headed "phone", "number", "tel" … is used, else the column that
holds the most phone numbers). Each line is reported with its line number in the file.
With ``--json`` it prints ``{"numbers": [{line, input, e164, display, kind, findings}],
"findings": [...]}``; the top-level findings concern the list as a whole (for example
toll-free and local numbers mixed). Every finding has ``field, code, severity, message, fix``.
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


def _run_numbers(path: str, as_json: bool) -> int:
    import json
    import sys
    from pathlib import Path

    from portwizard.cli import EXIT_FINDINGS, EXIT_OK, CliError
    from portwizard.domain.order import Order
    from portwizard.domain.phone import parse_number
    from portwizard.domain.validation import validate_field

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None
    from portwizard.domain.numberlist import read_number_list

    entries = read_number_list(raw)
    if not entries:
        raise CliError(f"{path}: no phone numbers found (expected one per line, or a CSV "
                       "with a phone column)")
    order = Order(numbers=[cell for _, cell in entries])
    findings = validate_field(order, "numbers")
    by_index: dict[int, list] = {}
    overall = []
    for f in findings:
        m = re.fullmatch(r"numbers\[(\d+)\]", f.field)
        if m:
            by_index.setdefault(int(m[1]), []).append(f)
        else:
            overall.append(f)
    results = []
    for i, (line, cell) in enumerate(entries):
        p = parse_number(cell)
        results.append({"line": line, "input": cell, "e164": p.e164, "display": p.display,
                        "kind": p.kind,
                        "findings": [_file_lines(f.to_json(), entries) for f in by_index.get(i, [])]})
    errors = sum(f.is_error for f in findings)
    out = sys.stdout
    if as_json:
        json.dump({"numbers": results, "findings": [f.to_json() for f in overall]}, out,
                  indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        width = min(30, max(len(r["input"]) for r in results))
        for r in results:
            head = f"line {r['line']:<4} {r['input'][:30]:<{width}}"
            if r["e164"]:
                out.write(f"{head}  ok      {r['e164']}  {r['kind']}\n")
            for f in r["findings"]:
                label = f["severity"] if r["e164"] or f["severity"] != "error" else "error"
                line = f"{head}  {label:<8}{f['message']}"
                if f["fix"]:
                    line += f" {f['fix']}"
                out.write(line + "\n")
        for f in overall:
            out.write(f"{f.severity.value:<7} whole list: {f.message} {f.fix}".rstrip() + "\n")
        valid = [r for r in results if r["e164"]]
        toll_free = sum(1 for r in valid if r["kind"] == "toll-free")
        out.write(f"{len(results)} number(s): {len(valid)} valid ({len(valid) - toll_free} "
                  f"local, {toll_free} toll-free), {errors} error(s).\n")
    return EXIT_FINDINGS if errors else EXIT_OK
