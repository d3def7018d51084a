"""``portwizard submit ORDER.json [--endpoint URL]``: check, queue and send a new order."""
from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("submit", help="check an order file and send it to the provider")
    p.add_argument("order", help="order file (JSON)")
    p.add_argument("--endpoint", metavar="URL",
                   help='provider address for this order (default: the settings, "sandbox")')
    p.set_defaults(func=run)


def run(args) -> int:
    from portwizard.cli.tracking_common import make_service, read_order_for_sending, report_result

    order = read_order_for_sending(args.order)
    service = make_service(args.endpoint)
    try:
        result = service.submit(order)
        return report_result(service, result, "Sending")
    finally:
        service.close()
