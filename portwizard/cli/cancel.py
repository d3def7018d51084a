"""``portwizard cancel ORDER_ID``: ask the provider to cancel an order."""
from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("cancel", help="cancel an order (not possible in the last 48 hours before the port date)")
    p.add_argument("order_id", metavar="ORDER_ID", help="the order's id (ours or the provider's)")
    p.set_defaults(func=run)


def run(args) -> int:
    from portwizard.cli.tracking_common import find_record, make_service, report_result

    service = make_service()
    try:
        record = find_record(service, args.order_id)
        result = service.cancel(record.id)
        if result.outcome == "sent":
            print(result.message)
        return report_result(service, result, "The cancel request")
    finally:
        service.close()
