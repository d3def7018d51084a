"""Test documents built on the fly: orders, real-looking phone bills, CSRs, scans, and
broken or hostile files. All data is fake (555-01xx numbers, account 123456789)."""
from __future__ import annotations

import datetime as dt
import io
import struct
import time
import zlib
from pathlib import Path

from portwizard.domain.order import Carrier, Documents, Order, PartialPort, ServiceAddress

ACCOUNT = "123456789"
BTN = "+12125550100"


def numbers(count: int) -> list[str]:
    """``count`` distinct fictional numbers: 555-0100..0199 in several area codes."""
    out: list[str] = []
    if count == 0:
        return out
    for area in ("212", "646", "718", "917", "347"):
        for line in range(100, 200):
            out.append(f"+1{area}555{line:04d}")
            if len(out) == count:
                return out
    raise ValueError("at most 500 fictional numbers")


def sample_order(count: int = 3, **carrier) -> Order:
    fields = dict(name="Northwind Telecom", account_type="multi-line", number_type="business-local",
                  customer_name="Acme Dental LLC", authorized_name="Dana Whitfield",
                  account_number=ACCOUNT, btn=BTN, pin="1234")
    fields.update(carrier)
    return Order(
        numbers=numbers(count),
        carrier=Carrier(**fields),
        partial_port=PartialPort(remaining_numbers="keep"),
        service_address=ServiceAddress(street_number="350", pre_direction="N",
                                       street_name="Main Street", unit="Suite 200",
                                       city="Springfield", state="IL", postal_code="62701"),
        requested_foc_date="2026-12-07",
        documents=Documents(),
    )


def quebec_order() -> Order:
    return Order(
        numbers=["+15145550123", "+15145550124"],
        carrier=Carrier(name="Bell Canada", account_type="multi-line", number_type="business-local",
                        customer_name="Boulangerie Lefèvre", authorized_name="François Lefèvre",
                        account_number="987654321", btn="+15145550100", pin="1234"),
        service_address=ServiceAddress(street_number="1234", street_name="Rue Saint-Denis",
                                       unit="Bureau 200", city="Montréal", state="QC",
                                       postal_code="H2X 1Y4", country="CA"),
    )


# --------------------------------------------------------------------------- bills


def build_invoice(path: Path, *, customer="ACME DENTAL, L.L.C.", account="1234 5678 9",
                  btn="(212) 555-0100", lines=("(212) 555-0101", "212.555.0102", "+1 212 555 0103"),
                  date_line="Statement Date: Oct 30, 2026", pages=1,
                  address=("350 N MAIN ST STE 200", "SPRINGFIELD IL 62701"),
                  carrier="Northwind Telecom") -> Path:
    """A phone bill laid out like the real thing: header, account box, line charges, and
    optional call-detail pages."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=LETTER, invariant=1)
    w, h = LETTER
    c.setFont("Helvetica-Bold", 18)
    c.drawString(50, h - 60, carrier)
    c.setFont("Helvetica", 9)
    c.drawString(50, h - 75, "PO Box 4000, Anytown, ST 00000   |   northwind.example")
    y = h - 110
    c.setFont("Helvetica", 10)
    for text in (customer, *address):
        c.drawString(50, y, text)
        y -= 13
    y2 = h - 110
    for text in (date_line, f"Account Number: {account}", f"Billing Telephone Number: {btn}",
                 "Payment Due: upon receipt", "Amount Due: $312.40"):
        if text:
            c.drawString(340, y2, text)
            y2 -= 13
    y = min(y, y2) - 25
    c.setFont("Helvetica-Bold", 11)
    c.drawString(50, y, "Monthly charges by line")
    y -= 16
    c.setFont("Helvetica", 10)
    for i, line in enumerate(lines):
        c.drawString(60, y, line)
        c.drawString(220, y, "Business Line Unlimited")
        c.drawRightString(540, y, f"${39.95 + i:.2f}")
        y -= 13
    c.drawString(60, y - 10, "Taxes, fees and surcharges")
    c.drawRightString(540, y - 10, "$41.17")
    c.showPage()
    for page in range(2, pages + 1):
        c.setFont("Helvetica-Bold", 11)
        c.drawString(50, h - 60, f"Call detail - page {page} of {pages}")
        c.setFont("Helvetica", 8)
        yy = h - 80
        for row in range(50):
            c.drawString(50, yy, f"10/{(row % 28) + 1:02d}  09:{row % 60:02d}  to 312-555-01{row % 100:02d}"
                                 f"   {row % 17 + 1} min   $0.00")
            yy -= 12
        c.showPage()
    c.save()
    return path


def build_csr(path: Path, *, customer="ACME DENTAL LLC", address="350 N MAIN ST STE 200",
              city_line="SPRINGFIELD IL 62701", numbers_on=("2125550100", "2125550101",
                                                            "2125550102", "2125550103")) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), invariant=1)
    y = 760
    for text in ("CUSTOMER SERVICE RECORD", f"BILLING NAME: {customer}", "ACCOUNT: 123456789",
                 f"SERVICE ADDRESS: {address}", city_line, "LINES:", *numbers_on):
        c.drawString(50, y, text)
        y -= 14
    c.showPage()
    c.save()
    return path


def build_scan(path: Path) -> Path:
    """An image-only PDF, like a scanner makes: no text layer at all."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    img = Image.new("L", (850, 1100), 255)
    draw = ImageDraw.Draw(img)
    for y in range(80, 1000, 24):
        draw.rectangle([60, y, 60 + (y * 7) % 600 + 100, y + 9], fill=40)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c = Canvas(str(path), invariant=1)
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=612, height=792)
    c.showPage()
    c.save()
    return path


def photo(path: Path, size=(1200, 1600), fmt="JPEG") -> Path:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle([100, 100, size[0] - 100, 300], fill=(30, 30, 30))
    img.save(path, format=fmt)
    return path


def signature_png(size=(400, 120)) -> bytes:
    """A dark stroke on a transparent background, as the signature pad produces."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.line([(20, 90), (120, 20), (200, 100), (300, 30), (380, 80)], fill=(10, 10, 60, 255), width=6)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


# --------------------------------------------------------------------------- broken / hostile


def png_bomb(path: Path, width=100_000, height=100_000) -> Path:
    """A tiny PNG whose header claims a gigantic picture (10 gigapixels)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    return path


def zero_page_pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    with path.open("wb") as fh:
        PdfWriter().write(fh)
    return path


def many_pages_pdf(path: Path, pages=3000) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), invariant=1, pageCompression=1)
    for i in range(pages):
        c.drawString(72, 720, f"p{i}")
        c.showPage()
    c.save()
    return path


def encrypt_pdf(src: Path, dst: Path, *, user_password="s3cret", owner_password="owner") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(src)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    with dst.open("wb") as fh:
        writer.write(fh)
    return dst


def days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def sleep_for(seconds: float) -> str:
    """Target for the worker time-limit test (runs in the child process)."""
    time.sleep(seconds)
    return "woke"


def flate_bomb_pdf(path: Path, megabytes: int = 200) -> Path:
    """A one-page PDF whose content stream is ~0.3 MB compressed and ``megabytes`` MB
    once decompressed."""
    co = zlib.compressobj(9)
    chunk = b"0 0 m " * (2**20 // 6)
    data = b"".join(co.compress(chunk) for _ in range(megabytes)) + co.flush()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path
