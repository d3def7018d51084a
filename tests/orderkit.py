"""Test helpers shared by tests/services and tests/e2e: a complete, obviously fake order with
real PDF attachments, and a submission service wired to a sandbox with fast timings."""
from __future__ import annotations

from pathlib import Path

from portwizard.domain.order import Order

FAKE_PIN = "7391"          # unusual digits, so a search of raw bytes cannot hit anything else
FAKE_ACCOUNT = "123456789"
FAKE_TOKEN = "tok-e2e-5b7f0c2a9d"


def make_pdf(path: Path, *lines: str) -> Path:
    """A small real PDF with some text (reportlab)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    y = 720
    for line in lines or ("portwizard test document",):
        c.drawString(72, y, line)
        y -= 18
    c.showPage()
    c.save()
    return path


def valid_order(folder: Path, *, number: str = "+12125550123", pin: str = FAKE_PIN,
                loa_name: str = "loa-signed.pdf", customer: str = "Acme Dental",
                street: str = "Main") -> Order:
    """A complete single-line order that the sandbox approves (see endpoint/simulation.py)."""
    order = Order(numbers=[number])
    order.target.account_id = "SBX-1001"
    order.target.line_id = "L-100"
    order.target.label = "Main office line"
    c = order.carrier
    c.name = "Verizon"
    c.account_type = "single-line"
    c.number_type = "business-local"
    c.customer_name = customer
    c.authorized_name = "Pat Smith"
    c.account_number = FAKE_ACCOUNT
    c.btn = number
    c.pin = pin
    a = order.service_address
    a.street_number, a.pre_direction, a.street_name = "100", "N", street
    a.city, a.state, a.postal_code, a.country = "New York", "NY", "10001", "US"
    order.contact.name, order.contact.email, order.contact.phone = "Pat Smith", "pat@example.com", "+12125550150"
    order.documents.loa = str(make_pdf(folder / loa_name, "Letter of Authorization", customer))
    order.documents.invoice = str(make_pdf(folder / "invoice.pdf", "Invoice", customer))
    return order


def domain_checker(order, ctx):
    """The program's own checks without document-content inspection (fake PDFs)."""
    import dataclasses

    from portwizard.services.submission import _default_checker

    return _default_checker(order, dataclasses.replace(ctx, check_documents=False))


def make_service(store_path: Path, endpoint: str, *, token: str | None = FAKE_TOKEN, secrets=None,
                 read_timeout: float = 2.0, retries: int = 0, backoff_base: float = 0.01, **kw):
    from portwizard import secrets as _secrets
    from portwizard.services.submission import Backoff, SubmissionService
    from portwizard.settings import Settings
    from portwizard.store import Store

    secrets = secrets if secrets is not None else _secrets.default_secret_store()
    if token is not None and endpoint != "sandbox":
        secrets.set(_secrets.token_key(endpoint), token)
    settings = kw.pop("settings", None) or Settings(endpoint_url=endpoint, sandbox_seconds_per_day=0.2)
    return SubmissionService(
        Store(store_path, secrets=secrets), settings=settings, secrets=secrets,
        checker=kw.pop("checker", domain_checker),
        backoff=Backoff(base=backoff_base, factor=2.0, maximum=0.2, jitter=0.1),
        client_options={"timeout": (0.5, read_timeout), "retries": retries, "backoff_factor": 0.01},
        **kw)


def holds_secret(raw: bytes, secret: str) -> bool:
    """Whether ``secret`` stands in ``raw`` (a database file's bytes) as a value of its own:
    not inside a longer run of hex digits, where random ids (idempotency keys, provider
    ids, run tokens) contain any four digits now and then (about 1 run in 50 here)."""
    import re

    return re.search(rb"(?<![0-9A-Fa-f])" + re.escape(secret.encode()) + rb"(?![0-9A-Fa-f])",
                     raw) is not None


def free_port() -> int:
    """A loopback port nothing listens on (a provider that is not there)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_app(home: Path, endpoint: str, *, secrets=None, **kw):
    """An :class:`~portwizard.services.app.App` in ``home`` whose sending uses
    :func:`make_service`'s short timeouts and back-off (same store, same settings)."""
    from portwizard import secrets as _secrets
    from portwizard.services.app import App
    from portwizard.settings import Settings

    secrets = secrets if secrets is not None else _secrets.default_secret_store()
    (home / "data").mkdir(parents=True, exist_ok=True)
    settings = kw.pop("settings", None) or Settings(endpoint_url=endpoint, sandbox_seconds_per_day=0.2)
    service = make_service(home / "data" / "portwizard.sqlite3", endpoint, secrets=secrets,
                           settings=settings, attachments_dir=home / "data" / "attachments", **kw)
    return App(settings, service.store, secrets, home=home, submission=service)
