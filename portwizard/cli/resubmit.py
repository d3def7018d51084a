"""``portwizard resubmit ORDER_ID ORDER.json``: send the corrected order after a rejection."""
from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("resubmit", help="send a corrected order after a rejection")
    p.add_argument("order_id", metavar="ORDER_ID", help="the order's id (ours or the provider's)")
    p.add_argument("order", help="the corrected order file (JSON)")
    p.set_defaults(func=run)


def run(args) -> int:
    from portwizard.cli.tracking_common import (
        find_record, make_service, read_order_for_sending, report_result,
    )

    order = read_order_for_sending(args.order)
    service = make_service()
    try:
        record = find_record(service, args.order_id)
        return report_result(service, service.resubmit(record.id, order), "The corrected order")
    finally:
        service.close()
