"""``portwizard validate ORDER.json [--json]``."""
from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("validate", help="check an order file (or a list of numbers) for problems")
    p.add_argument("order", nargs="?", help="order file (JSON)")
    p.add_argument("--json", action="store_true", help="print findings as a JSON array")
    p.set_defaults(func=run)


def run(args) -> int:
    from portwizard.cli import CliError
    from portwizard.cli.common import print_findings, read_order
    from portwizard.domain.validation import validate_order

    if not args.order:
        raise CliError("name an order file, e.g. portwizard validate order.json")
    loaded = read_order(args.order)
    findings = loaded.problems + validate_order(loaded.order)
    return print_findings(findings, args.json)
