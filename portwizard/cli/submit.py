"""``portwizard submit ORDER.json [--provider NAME] [--endpoint URL]``: check, queue and
send a new order (to the provider in the settings unless told otherwise)."""
from __future__ import annotations


def register(sub) -> None:
    from portwizard.cli.tracking_common import add_provider_options

    p = sub.add_parser("submit", help="check an order file and send it to the provider")
    p.add_argument("order", help="order file (JSON)")
    add_provider_options(p, "the order is filed with")
    p.set_defaults(func=run)


def run(args) -> int:
    from portwizard.cli.tracking_common import make_service, read_order_for_sending, report_result

    order = read_order_for_sending(args.order)
    service = make_service(args.endpoint, args.provider)
    try:
        result = service.submit(order)
        return report_result(service, result, "Sending")
    finally:
        service.close()
