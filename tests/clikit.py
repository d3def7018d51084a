"""Driving the command line in tests: write an order file, run a command, read the status."""
from __future__ import annotations

import json
import time
from pathlib import Path

from orderkit import valid_order
from portwizard.cli import main
from portwizard.domain.order import dumps


def write_order(folder: Path, name: str = "order.json", **kw) -> Path:
    """A valid order file whose attachments are named relative to it, as a user writes them."""
    order = valid_order(folder, **kw)
    order.documents.loa = Path(order.documents.loa).name
    order.documents.invoice = Path(order.documents.invoice).name
    path = folder / name
    path.write_text(dumps(order), "utf-8")
    return path


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``portwizard ARGS`` in this process: (exit code, stdout, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def status_json(capsys, order_id: str, refresh: bool = True) -> dict:
    code, out, err = cli(capsys, "status", order_id, "--json", *(["--refresh"] if refresh else []))
    assert code == 0, err
    return json.loads(out)


def wait_for_status(capsys, order_id: str, wanted: str, timeout: float = 15.0) -> dict:
    """Refresh until the order is ``wanted``; fails after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        data = status_json(capsys, order_id)
        if data["status"] == wanted:
            return data
        time.sleep(0.05)
    raise AssertionError(f"order {order_id} never reached {wanted}: {data['status']}")


def submitted_id(out: str) -> str:
    """The local order id from the first line ``submit`` prints."""
    first = out.splitlines()[0]
    assert first.startswith("Order PW-"), out
    return first.split()[1]
