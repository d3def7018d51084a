"""The sample files and order the self-test works with, made on the spot (no test
helpers exist in a frozen app): a signature, a phone bill matching the order, the same
bill AES-encrypted, a photographed bill. Fictional details (555-01xx numbers); the
sandbox approves this order."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from portwizard.domain.dates import MONTHS

NUMBER = "+12125550123"
ACCOUNT = "123456789"
CUSTOMER = "Acme Dental"
PIN = "7391"


def signature_png() -> bytes:
    """A pen stroke on a transparent background, as the signature pad makes (Pillow)."""
    import io

    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (400, 120), (0, 0, 0, 0))
    ImageDraw.Draw(img).line([(20, 90), (120, 20), (200, 100), (300, 30), (380, 80)],
                             fill=(10, 10, 60, 255), width=6)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def make_invoice(path: Path, today: _dt.date) -> Path:
    """A one-page phone bill that matches :func:`make_order` (reportlab)."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=LETTER, invariant=1)
    _w, h = LETTER
    c.setFont("Helvetica-Bold", 18)
    c.drawString(50, h - 60, "Verizon")
    c.setFont("Helvetica", 10)
    y = h - 110
    for text in (CUSTOMER.upper(), "100 N MAIN ST", "NEW YORK NY 10001"):
        c.drawString(50, y, text)
        y -= 13
    y = h - 110
    month = MONTHS[today.month - 1][:3]  # an English bill on any system (not strftime's %b)
    for text in (f"Statement Date: {month} {today.day:02d}, {today.year}",
                 f"Account Number: {ACCOUNT}", "Billing Telephone Number: (212) 555-0123",
                 "Amount Due: $52.40"):
        c.drawString(340, y, text)
        y -= 13
    c.drawString(60, h - 200, "(212) 555-0123   Business Line Unlimited   $39.95")
    c.showPage()
    c.save()
    return path


def make_encrypted_pdf(plain: Path, path: Path) -> Path:
    """``plain`` protected with AES-256 and an empty open password (as many carriers send
    bills): the inspection child must open it, which needs pypdf's AES backend."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(plain)))
    writer.encrypt(user_password="", owner_password="self-test-owner", algorithm="AES-256")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def make_photo(path: Path) -> Path:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (900, 1200), "white")
    ImageDraw.Draw(img).rectangle([80, 80, 820, 260], fill=(30, 30, 30))
    img.save(path, format="JPEG", quality=85)
    return path


def make_order(folder: Path, today: _dt.date):
    """A complete single-line order with its invoice (the signed LOA is attached later)."""
    from portwizard.domain.order import Order

    order = Order(numbers=[NUMBER])
    order.target.account_id = "SBX-1001"
    order.target.line_id = "L-100"
    order.target.label = "Main office line"
    c = order.carrier
    c.name, c.account_type, c.number_type = "Verizon", "single-line", "business-local"
    c.customer_name, c.authorized_name = CUSTOMER, "Pat Smith"
    c.account_number, c.btn, c.pin = ACCOUNT, NUMBER, PIN
    order.contact.name, order.contact.email = "Pat Smith", "pat@example.com"
    order.contact.phone = "+12125550150"
    a = order.service_address
    a.street_number, a.pre_direction, a.street_name = "100", "N", "Main"
    a.city, a.state, a.postal_code, a.country = "New York", "NY", "10001", "US"
    order.documents.invoice = str(make_invoice(folder / "invoice.pdf", today))
    return order
