"""``portwizard inspect FILE [--as invoice|loa|csr] [--order ORDER.json] [--json]``:
check one document (a PDF or a JPEG/PNG photo); with ``--order``, also compare its text with
the order (names, account number, numbers, address, date). Exit codes as for ``validate``:
0 no errors, 1 errors found, 2 bad usage or an unreadable order file.
"""
from __future__ import annotations

KIND_HELP = ("what the document is (default: guessed from the file name, else invoice)")


def register(sub) -> None:
    p = sub.add_parser("inspect", help="check an invoice, LOA or CSR file (and compare it with an order)",
                       description="Check a document you want to attach: that it is a readable "
                                   "PDF or photo, not password-protected, not too big, and with "
                                   "--order that it matches the order. Exit 0: no errors; 1: "
                                   "errors found; 2: bad usage.")
    p.add_argument("file", help="the PDF or JPEG/PNG photo")
    p.add_argument("--as", dest="kind", choices=("invoice", "loa", "csr"), help=KIND_HELP)
    p.add_argument("--order", metavar="ORDER.json", help="compare the document with this order")
    p.add_argument("--max-mb", type=int, metavar="MB",
                   help="size limit in MB (default: from the settings, 10)")
    p.add_argument("--json", action="store_true", help="print findings as a JSON array")
    p.set_defaults(func=run)


def guess_kind(name: str) -> str:
    lowered = name.lower()
    if "loa" in lowered or "authori" in lowered:
        return "loa"
    if "csr" in lowered or "customer service record" in lowered or "customer_service_record" in lowered:
        return "csr"
    return "invoice"


def run(args) -> int:
    from pathlib import Path

    from portwizard.cli import CliError
    from portwizard.cli.common import print_findings, read_order
    from portwizard.documents import inspect as docs
    from portwizard.domain.order import document_name

    path = Path(args.file)
    kind = args.kind or guess_kind(path.name)
    order = read_order(args.order).order if args.order else None
    if args.max_mb is not None:
        if not 1 <= args.max_mb <= 1000:
            raise CliError("--max-mb must be between 1 and 1000")
        max_bytes = args.max_mb * 2**20
    else:
        max_bytes = docs._settings_max_bytes()
    findings = docs.inspect_file(path, kind, order, max_bytes=max_bytes)
    if not args.json:
        probe = docs.probe_file(path, kind=kind, max_bytes=max_bytes)  # cached: no second read
        if probe.usable and probe.format:
            what = ("a photo" if probe.format == "image"
                    else f"a PDF with {probe.pages} page{'s' if probe.pages != 1 else ''}")
            print(f"{path.name}: {document_name(kind)}, {what}.")
    return print_findings(findings, args.json)
