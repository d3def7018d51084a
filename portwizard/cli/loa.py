"""``portwizard loa ORDER.json -o loa.pdf [--signature sig.png | --typed-name NAME | --unsigned]
[--provider NAME] [--date YYYY-MM-DD]``: write the Letter of Authorization.

Without a signature option the letter is unsigned, with blank lines to sign and date by hand.
The new provider's name comes from ``--provider``, else from the settings. Exit codes: 0
written, 1 the order lacks something the letter needs, 2 bad usage or an unreadable file.
"""
from __future__ import annotations

FALLBACK_PROVIDER = "portwizard sandbox provider"


def register(sub) -> None:
    p = sub.add_parser("loa", help="write the Letter of Authorization (PDF) for an order",
                       description="Write the Letter of Authorization for an order file. Sign it "
                                   "with a signature picture or a typed name, or leave it "
                                   "unsigned to print and sign by hand.")
    p.add_argument("order", help="order file (JSON)")
    p.add_argument("-o", "--output", required=True, metavar="PDF", help="where to write the letter")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--signature", metavar="PNG", help="signature picture (PNG with a transparent "
                                                        "background, or JPEG)")
    how.add_argument("--typed-name", metavar="NAME", help="sign by typing the authorized person's name")
    how.add_argument("--unsigned", action="store_true",
                     help="leave blank lines to sign and date by hand (the default)")
    p.add_argument("--provider", metavar="NAME",
                   help="the new provider receiving the numbers (default: from the settings)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="signing date (default: today)")
    p.set_defaults(func=run)


def default_provider() -> str:
    try:
        from portwizard.settings import load
    except ImportError:
        return FALLBACK_PROVIDER
    return (load().provider_name or "").strip() or FALLBACK_PROVIDER


def run(args) -> int:
    import datetime as dt
    from pathlib import Path

    from portwizard.cli import EXIT_FINDINGS, CliError
    from portwizard.cli.common import read_order
    from portwizard.documents.loa import LoaError, render_loa

    loaded = read_order(args.order)
    signed_on = None
    if args.date:
        try:
            signed_on = dt.date.fromisoformat(args.date)
        except ValueError:
            raise CliError(f"--date {args.date!r} is not a date like 2026-11-23") from None
    provider = args.provider if args.provider is not None else default_provider()
    out = Path(args.output)
    if out.is_dir():
        raise CliError(f"{out} is a folder; give a file name such as {out / 'loa.pdf'}")
    signature = None
    if args.signature:
        signature = Path(args.signature)
        if not signature.is_file():
            raise CliError(f"cannot read the signature picture {signature}")
    try:
        render_loa(loaded.order, out, provider_name=provider, signature_png=signature,
                   typed_name=args.typed_name, unsigned=args.unsigned, signed_on=signed_on)
    except LoaError as exc:
        raise CliError(str(exc), EXIT_FINDINGS) from None
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}", EXIT_FINDINGS) from None
    numbers = len([n for n in loaded.order.numbers if n.strip()])
    how = ("signed with the picture" if signature else
           "signed with the typed name" if args.typed_name else
           "unsigned: print it, sign and date it by hand")
    print(f"Wrote {out} ({numbers} number{'s' if numbers != 1 else ''}, new provider: "
          f"{provider}; {how}).")
    return 0
