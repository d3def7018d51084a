"""``portwizard status [ORDER_ID] [--refresh] [--json]``: the tracked orders, or one order's
timeline and what to do now. Never prints a PIN, account number or token."""
from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("status", help="show your orders, or one order's timeline and next step")
    p.add_argument("order_id", nargs="?", metavar="ORDER_ID", help="one order (ours or the provider's id)")
    p.add_argument("--refresh", action="store_true",
                   help="send queued work and ask the provider for the latest status first")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=run)


def _when(stamp: str | None) -> str:
    return (stamp or "")[:16].replace("T", " ")


def order_json(service, record) -> dict:
    from portwizard.services.connection import describe_endpoint
    from portwizard.domain.status import label as status_label
    from portwizard.services.tracking import next_action

    outbox = service.store.outbox(record.id)
    return {
        "id": record.id,
        "remote_id": record.remote_id,
        "endpoint": describe_endpoint(record.endpoint, record.provider),
        "provider": record.provider,
        "title": record.title,
        "numbers": [n for n in record.order.numbers if n],
        "status": record.status,
        "status_label": status_label(record.status),
        "foc_date": record.foc_date,
        "rejection": ({"code": record.rejection_code, "text": record.rejection_text}
                      if record.rejection_code or record.rejection_text else None),
        "next_action": next_action(record, outbox=outbox,
                                   provider_name=service.settings.provider_name),
        "created_at": record.created_at,
        "updated_at": record.updated_at,
        "last_checked_at": record.last_checked_at,
        "history": [{"at": h.at, "status": h.status, "source": h.source, "note": h.note}
                    for h in service.store.history(record.id)],
        "outbox": [{"operation": e.operation, "state": e.state, "attempts": e.attempts,
                    "last_error": e.last_error} for e in outbox if e.state != "done"],
    }


def _refresh(service, order_id: str | None) -> list[str]:
    report = service.sync(retry_blocked=True, order_id=order_id)
    return report.problems


def _print_table(service, records) -> None:
    from portwizard.domain.status import label as status_label

    if not records:
        print("No orders yet. Send one with: portwizard submit ORDER.json")
        return
    rows = [("ORDER", "PROVIDER ID", "STATUS", "PORT DATE", "ORDER FOR")]
    for r in records:
        rows.append((r.id, r.remote_id or "-", status_label(r.status), r.foc_date or "-", r.title))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    waiting = service.store.unfinished_count()
    if waiting:
        print(f"\n{waiting} request(s) waiting to be sent; `portwizard status --refresh` tries now.")


def _print_timeline(data: dict) -> None:
    remote = f", provider's number {data['remote_id']}" if data["remote_id"] else ""
    print(f"Order {data['id']}{remote} at {data['endpoint']}")
    print(f"For: {data['title']}: {', '.join(data['numbers'])}")
    status = data["status_label"]
    if data["foc_date"]:
        status += f" (port date {data['foc_date']})"
    print(f"Status: {status}")
    if data["rejection"]:
        print(f"Rejection: {data['rejection']['text'] or data['rejection']['code']}")
    print("Timeline (times in UTC):")
    from portwizard.domain.status import label as status_label

    for h in data["history"]:
        source = "provider" if h["source"] == "endpoint" else "this computer"
        note = f"  {h['note']}" if h["note"] else ""
        print(f"  {_when(h['at'])}  {status_label(h['status']):<34} [{source}]{note}")
    for e in data["outbox"]:
        extra = f", last problem: {e['last_error']}" if e["last_error"] else ""
        print(f"Waiting to send: {e['operation']} ({e['state']}, {e['attempts']} attempt(s){extra})")
    print(f"What to do now: {data['next_action']}")


def run(args) -> int:
    from portwizard.cli.tracking_common import find_record, make_service

    service = make_service()
    try:
        record = find_record(service, args.order_id) if args.order_id else None
        if args.refresh:
            for problem in _refresh(service, record.id if record else None):
                print(f"note: {problem}", file=sys.stderr)
        if record is not None:
            data = order_json(service, service.store.get_order(record.id))
            if args.json:
                json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
                sys.stdout.write("\n")
            else:
                _print_timeline(data)
            return 0
        records = service.store.list_orders()
        for note in service.store.skipped:  # a damaged row: the others are still listed
            print(f"note: {note}", file=sys.stderr)
        if args.json:
            json.dump([order_json(service, r) for r in records], sys.stdout, indent=2,
                      ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            _print_table(service, records)
        return 0
    finally:
        service.close()
