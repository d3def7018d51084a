"""Helpers for the endpoint tests: an order document the sandbox approves, PDF files, bounded
waits, a controllable clock and a check of answers against the OpenAPI document."""
from __future__ import annotations

import copy
import time
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

PIN = "7391582"  # 7 unusual digits: a byte search of the sandbox database cannot hit a
# timestamp or random id by chance (4 digits could)
ACCOUNT = "123456789"
PDF_BYTES = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
             b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

BASE_DOC = {
    "format": "portwizard.order/1",
    "target": {"account_id": "SBX-1001", "line_id": "L-100", "label": "Main office line"},
    "numbers": ["+12125550123"],
    "carrier": {
        "name": "Verizon", "account_type": "single-line", "number_type": "business-local",
        "customer_name": "Acme Dental", "authorized_name": "Pat Smith",
        "account_number": ACCOUNT, "btn": "+12125550123", "pin": PIN,
        "digital_unlocked": False,
    },
    "partial_port": None,
    "service_address": {
        "street_number": "100", "pre_direction": "N", "street_name": "Main", "unit": "",
        "city": "New York", "state": "NY", "postal_code": "10001", "country": "US",
    },
    "requested_foc_date": None,
    "documents": {"loa": "", "invoice": "", "csr": ""},
    "contact": {"name": "Pat Smith", "email": "pat@example.com", "phone": "+12125550150"},
}


def order_doc(**changes) -> dict:
    """BASE_DOC with changes given as ``carrier__pin="9999"`` (``__`` = ``.``)."""
    doc = copy.deepcopy(BASE_DOC)
    for key, value in changes.items():
        node = doc
        parts = key.split("__")
        for part in parts[:-1]:
            if node.get(part) is None:
                node[part] = {}
            node = node[part]
        node[parts[-1]] = value
    return doc


def write_pdf(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(PDF_BYTES)
    return path


def wait_until(fetch, done, timeout: float = 10.0, interval: float = 0.02):
    """Call ``fetch()`` until ``done(value)``; returns the values seen. Fails after ``timeout``."""
    seen = []
    deadline = time.monotonic() + timeout
    while True:
        value = fetch()
        seen.append(value)
        if done(value):
            return seen
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout} s; last value: {value!r}"[:2000])
        time.sleep(interval)


def wait_for_status(client, order_id: str, statuses, timeout: float = 10.0) -> dict:
    statuses = {statuses} if isinstance(statuses, str) else set(statuses)
    return wait_until(lambda: client.get_order(order_id),
                      lambda s: s["status"] in statuses, timeout)[-1]


class FakeClock:
    """A wall clock the test moves by hand (``advance(seconds)``)."""

    def __init__(self, start: datetime = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)):
        self.now = start.timestamp()  # a Monday, no holiday in sight

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def spec_path() -> Path:
    from portwizard.paths import resource

    return resource("openapi.yaml")


@lru_cache(maxsize=1)
def spec() -> dict:
    import yaml

    return yaml.safe_load(spec_path().read_text(encoding="utf-8"))


def assert_matches_schema(value, schema_name: str) -> None:
    """Validate ``value`` against ``#/components/schemas/<schema_name>`` of the spec."""
    from openapi_schema_validator import OAS30Validator

    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": spec()["components"]}
    OAS30Validator(schema).validate(value)
