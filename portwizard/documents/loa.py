"""The Letter of Authorization (LOA): the signed letter that lets the new provider move the
numbers away from the current carrier.

:func:`render_loa` writes it as a PDF with reportlab (imported only when called). The
wording is portwizard's own, in plain language. Layout:

- the current account exactly as on the bill (carrier, account holder, authorized person,
  billing account number, billing telephone number, service address printed the way
  carriers print it: upper case, USPS / Canada Post abbreviations);
- the new provider (a required parameter: a signed legal letter must name who receives
  the numbers);
- the numbers, every one of them: in the letter itself when there are few, otherwise in a
  numbered Annex A that flows over as many pages as needed (column headings repeat);
- the authorization text and a signature block: a drawn signature (PNG with transparency,
  as the signature pad produces), a typed name, or a blank line to sign by hand;
- a footer on every page with the account holder, a reference and "page i of n", so a
  loose annex page can be matched to its letter.

The PIN is never printed: it travels with the order, not on paper.

With ``fixed_timestamp`` the output is byte-for-byte reproducible (reportlab's invariant
mode, that timestamp as creation date, a document ID derived from the content).
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
from pathlib import Path
from xml.sax.saxutils import escape

from portwizard.documents.loa_inputs import (
    ACCOUNT_TYPE_WORDS, NUMBER_TYPE_WORDS, LoaError, address_lines, billing_number,
    check_printable, clean, fingerprint, load_signature, missing_fields,
)
from portwizard.documents.text import display_number, long_date

# Up to this many numbers are listed in the letter; more go to Annex A.
INLINE_MAX = 15
# Pairs of (#, number) columns per table row.
COLUMNS = 3

KEYWORD_SIGNED = "portwizard:loa:signed"
KEYWORD_UNSIGNED = "portwizard:loa:unsigned"


def render_loa(order, out_path, *, provider_name: str, signature_png=None, typed_name=None,
               unsigned: bool = False, signed_on: _dt.date | None = None,
               fixed_timestamp: _dt.datetime | None = None) -> Path:
    """Write the LOA for ``order`` to ``out_path`` and return the path.

    Sign with ``signature_png`` (PNG/JPEG bytes or a file path), or ``typed_name``, or
    nothing / ``unsigned=True`` for a blank signature line. ``signed_on`` defaults to today
    (to ``fixed_timestamp``'s date when that is given). Raises :class:`LoaError` with a plain
    message when the order lacks something a carrier needs on the letter.

    The letter shows the order tidied exactly as it is sent to the provider (account
    number "1234-5678 9" -> 123456789, "North" -> N), so the two always match; ``order``
    itself is not changed.
    """
    from portwizard.domain.normalize import normalize_order

    order = normalize_order(order)[0]
    provider = clean(provider_name)
    if not provider:
        raise LoaError("The new provider's name is missing; the letter must say who receives "
                       "the numbers. Set it in the settings (or pass --provider).")
    missing = missing_fields(order)
    if missing:
        raise LoaError("The letter cannot be made yet; these are missing: " + ", ".join(missing)
                       + ". Fill them in (portwizard validate lists every problem).")
    sig = load_signature(signature_png, typed_name, unsigned)
    if signed_on is None:
        signed_on = fixed_timestamp.date() if fixed_timestamp else _dt.date.today()
    c = order.carrier
    numbers = [clean(n) for n in order.numbers if clean(n)]
    check_printable({
        "the business name": c.customer_name, "the authorized person's name": c.authorized_name,
        "the carrier name": c.name, "the provider name": provider,
        "the service address": " ".join(address_lines(order.service_address)),
        "the typed signature": sig.typed, "the account number": c.account_number,
    })
    seed = fingerprint(order, provider, sig, signed_on, fixed_timestamp)
    out_path = Path(out_path)
    data = _build_pdf(order, numbers, provider, sig, signed_on, fixed_timestamp, seed)
    tmp = out_path.with_name(out_path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out_path)
    return out_path


def _build_pdf(order, numbers, provider, sig, signed_on, fixed_timestamp, seed) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate,
                                    Spacer, Table, TableStyle)

    from portwizard import __version__
    from portwizard.documents import fonts

    fonts.register()
    c = order.carrier
    customer = clean(c.customer_name)
    authorized = clean(c.authorized_name)
    carrier = clean(c.name)
    reference = "PW-" + seed[:5].hex().upper()

    base = ParagraphStyle("body", fontName=fonts.NORMAL, fontSize=9.5, leading=12.2)
    small = ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#444444"))
    title = ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=16, leading=19,
                           alignment=TA_CENTER, spaceAfter=2)
    subtitle = ParagraphStyle("subtitle", parent=base, alignment=TA_CENTER, fontSize=10,
                              spaceAfter=8)
    heading = ParagraphStyle("heading", parent=base, fontName=fonts.BOLD, fontSize=11,
                             leading=14, spaceBefore=8, spaceAfter=3)
    label = ParagraphStyle("label", parent=base, fontName=fonts.BOLD, fontSize=9)
    bullet = ParagraphStyle("bullet", parent=base, leftIndent=14, bulletIndent=4, spaceBefore=1,
                            bulletFontName=fonts.NORMAL)
    typed_style = ParagraphStyle("typed", parent=base, fontName=fonts.ITALIC, fontSize=18, leading=22)

    def P(text: str, style=base) -> Paragraph:
        return Paragraph(text, style)

    def E(text: str) -> str:
        return escape(text)

    story: list = []
    story.append(P("Letter of Authorization", title))
    story.append(P(f"to move (port) telephone numbers to {E(provider)}", subtitle))

    # 1. the account, exactly as on the bill
    story.append(P("1. Current account (as shown on the phone bill)", heading))
    rows = [
        ("Current carrier", carrier),
        ("Account holder", customer),
        ("Authorized person", authorized),
        ("Billing account number", clean(c.account_number)),
    ]
    btn = billing_number(order)
    if btn:
        rows.append(("Billing telephone number (BTN)", display_number(btn)))
    if c.account_type in ACCOUNT_TYPE_WORDS:
        rows.append(("Account type", ACCOUNT_TYPE_WORDS[c.account_type]))
    if c.number_type in NUMBER_TYPE_WORDS:
        rows.append(("Type of service", NUMBER_TYPE_WORDS[c.number_type]))
    rows.append(("Service address", "<br/>".join(E(line) for line in address_lines(order.service_address))))
    pp = order.partial_port
    if c.account_type == "multi-line" and pp is not None and pp.remaining_numbers:
        if pp.remaining_numbers == "keep":
            rest = f"Stay with {E(carrier)} on this account"
        else:
            rest = f"To be disconnected by {E(carrier)}"
        rows.append(("Numbers not listed here", rest))
        if clean(pp.new_btn):
            rows.append(("New BTN for the numbers that stay",
                         E(display_number(pp.new_btn))))
    cells = []
    for key, value in rows:
        value_text = value if key == "Service address" or key.startswith(("Numbers not", "New billing")) else E(value)
        cells.append([P(E(key), label), P(value_text)])
    story.append(_kv_table(Table, TableStyle, colors, fonts, cells, inch))

    # 2. the new provider
    story.append(P("2. New provider", heading))
    rows2 = [[P("Receiving provider", label), P(E(provider))]]
    if order.requested_foc_date:
        try:
            when = long_date(_dt.date.fromisoformat(order.requested_foc_date))
        except ValueError:
            when = order.requested_foc_date
        rows2.append([P("Requested transfer date", label), P(E(when))])
    story.append(_kv_table(Table, TableStyle, colors, fonts, rows2, inch))

    # 3. the numbers
    count = len(numbers)
    noun = "number" if count == 1 else "numbers"
    story.append(P(f"3. Telephone {noun} to move ({count})", heading))
    annex = count > INLINE_MAX
    if annex:
        story.append(P(f"All {count} telephone numbers to move are listed in <b>Annex A</b>, "
                       "which is part of this letter."))
    else:
        story.append(_numbers_table(Table, TableStyle, colors, numbers, fonts, P, inch))

    # 4. authorization, kept on one page with the signature it belongs to
    auth: list = [P("4. Authorization", heading)]
    auth.append(P(
        f"I, {E(authorized)}, am authorized to make changes to the account of {E(customer)} "
        f"with {E(carrier)}. I ask {E(carrier)} to release the telephone {noun} in this letter "
        f"and I authorize {E(provider)}, and anyone it appoints for this purpose, to move "
        f"{'it' if count == 1 else 'them'} to {E(provider)} and to deal with {E(carrier)} on my "
        "behalf to do so. I understand that:"))
    for text in (
        f"service from {E(carrier)} for these numbers ends when the move is complete, and "
        "services that depend on them there (for example voicemail, call forwarding, alarm or "
        "internet on the same line) may stop;",
        f"this letter does not cancel anything I owe {E(carrier)}, such as an unpaid balance or "
        "an early-termination charge;",
        f"the details above match the records of {E(carrier)} to the best of my knowledge, and "
        "a difference may delay the move;",
        "a copy, scan or electronic version of this signed letter is as valid as the original.",
    ):
        auth.append(Paragraph(text, bullet, bulletText="•"))

    # signature block
    block: list = auth + [Spacer(1, 4)]
    if sig.kind == "image":
        w, h = sig.size
        box_w, box_h = 2.8 * inch, 0.75 * inch
        scale = min(box_w / w, box_h / h)
        img = Image(io.BytesIO(sig.png), width=w * scale, height=h * scale)
        img.hAlign = "LEFT"
        mark = img
    elif sig.kind == "typed":
        mark = P(E(sig.typed), typed_style)
    else:
        mark = Spacer(1, 0.55 * inch)
    date_text = long_date(signed_on) if sig.kind != "unsigned" else ""
    sig_rows = [
        [mark, P(E(date_text)) if date_text else Spacer(1, 0.55 * inch)],
        [P("Signature of the authorized person", small), P("Date signed", small)],
        [P(f"Name: {E(authorized)}"), ""],
        [P(f"For: {E(customer)}"), ""],
    ]
    if sig.kind == "typed":
        sig_rows.append([P(f"Signed electronically on {E(date_text)} by typing the name above.",
                           small), ""])
    elif sig.kind == "image":
        sig_rows.append([P(f"Signed electronically on {E(date_text)}.", small), ""])
    else:
        sig_rows.append([P("Sign and date by hand on the lines above, then scan or photograph "
                           "the signed letter.", small), ""])
    sig_table = Table(sig_rows, colWidths=[4.2 * inch, 2.6 * inch])
    sig_table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.NORMAL),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LINEBELOW", (0, 0), (0, 0), 0.8, colors.black),
        ("LINEBELOW", (1, 0), (1, 0), 0.8, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 18),
        ("TOPPADDING", (0, 1), (-1, -1), 1),
    ]))
    block.append(sig_table)
    story.append(KeepTogether(block))

    if annex:
        story.append(PageBreak())
        story.append(P(f"Annex A: telephone numbers to move ({count})", heading))
        story.append(P(f"Part of the Letter of Authorization of {E(customer)} "
                       f"(current carrier: {E(carrier)}), reference {reference}.", small))
        story.append(Spacer(1, 6))
        story.append(_numbers_table(Table, TableStyle, colors, numbers, fonts, P, inch))

    footer_left = f"Letter of Authorization - {customer} - {reference}"
    keyword = KEYWORD_SIGNED if sig.kind != "unsigned" else KEYWORD_UNSIGNED
    date_formatter = None
    if fixed_timestamp is not None:
        ts = fixed_timestamp
        if ts.tzinfo is not None:
            ts = ts.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        stamp = f"D:{ts:%Y%m%d%H%M%S}+00'00'"

        def date_formatter(*_args):
            return stamp

    canvas_cls = _numbered_canvas(Canvas, fonts, footer_left, seed, date_formatter)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=LETTER, leftMargin=0.85 * inch, rightMargin=0.85 * inch,
        topMargin=0.6 * inch, bottomMargin=0.7 * inch,
        title=f"Letter of Authorization - {customer}",
        author=authorized, subject=f"Move {count} {noun} from {carrier} to {provider}",
        creator=f"portwizard {__version__}", producer=f"portwizard {__version__}",
        keywords=keyword, invariant=1 if fixed_timestamp is not None else 0,
    )
    doc.build(story, canvasmaker=canvas_cls)
    return buf.getvalue()


def _kv_table(Table, TableStyle, colors, fonts, cells, inch):
    table = Table(cells, colWidths=[2.45 * inch, 4.35 * inch])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.NORMAL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#BBBBBB")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _numbers_table(Table, TableStyle, colors, numbers, fonts, P, inch):
    """Numbered table, COLUMNS pairs per row, heading row repeated on every page."""
    header = []
    for _ in range(COLUMNS):
        header += ["#", "Telephone number"]
    rows = [header]
    for start in range(0, len(numbers), COLUMNS):
        row = []
        for i in range(start, start + COLUMNS):
            if i < len(numbers):
                row += [str(i + 1), display_number(numbers[i])]
            else:
                row += ["", ""]
        rows.append(row)
    widths = []
    for _ in range(COLUMNS):
        widths += [0.45 * inch, 1.8 * inch]
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.NORMAL),
        ("FONTNAME", (0, 0), (-1, 0), fonts.BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("TEXTCOLOR", (0, 1), (0, -1), colors.HexColor("#555555")),
        ("ALIGN", (0, 0), (0, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for col in range(2, 2 * COLUMNS, 2):
        style.append(("TEXTCOLOR", (col, 1), (col, -1), colors.HexColor("#555555")))
        style.append(("ALIGN", (col, 0), (col, -1), "RIGHT"))
    for r in range(2, len(rows), 2):
        style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#F6F6F6")))
    table.setStyle(TableStyle(style))
    table.hAlign = "LEFT"
    return table


def _numbered_canvas(Canvas, fonts, footer_left: str, seed: bytes, date_formatter):
    """A canvas class that writes "page i of n" on every page once n is known, and fixes
    the document ID (and, when asked, the creation date) for reproducible output."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            if not kwargs.get("initialFontName"):  # no stray Helvetica resource
                kwargs["initialFontName"] = fonts.NORMAL
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            if date_formatter is not None:
                self.setDateFormatter(date_formatter)
            # The file ID normally mixes in the time; derive it from the content instead.
            self._doc.signature = hashlib.md5(seed, usedforsecurity=False)

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            width, _height = self._pagesize
            self.saveState()
            self.setFont(fonts.NORMAL, 7.5)
            self.setFillGray(0.35)
            self.drawString(0.85 * 72, 0.45 * 72, footer_left)
            self.drawRightString(width - 0.85 * 72, 0.45 * 72,
                                 f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas
