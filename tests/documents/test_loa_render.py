"""The Letter of Authorization: every field and number in the PDF text, accents, signatures,
reproducible bytes, and plain refusals."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader

import docfactory as F
from portwizard.documents import fonts
from portwizard.documents.loa import KEYWORD_SIGNED, KEYWORD_UNSIGNED, LoaError, render_loa
from portwizard.documents.loa_inputs import address_lines, format_unit
from portwizard.domain.order import ServiceAddress

FIXED = dt.datetime(2026, 11, 20, 9, 30)
PROVIDER = "Sandbox Telecom (demo)"


def _text(path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_field_is_in_the_letter(tmp_path):
    order = F.sample_order(3)
    out = render_loa(order, tmp_path / "loa.pdf", provider_name=PROVIDER, typed_name="Dana Whitfield",
                     fixed_timestamp=FIXED)
    reader = PdfReader(str(out))
    assert len(reader.pages) == 1
    flat = _flat(_text(out))
    for expected in ("Northwind Telecom", "Acme Dental LLC", "Dana Whitfield", "123456789",
                     "(212) 555-0100", "350 N MAIN ST STE 200", "SPRINGFIELD IL 62701",
                     PROVIDER, "December 7, 2026", "(212) 555-0101", "(212) 555-0102",
                     "Stay with Northwind Telecom", "November 20, 2026", "Page 1 of 1",
                     "Several lines on one account", "Business, local numbers"):
        assert expected in flat, expected
    assert "1234" not in flat.replace("123456789", "")  # the PIN is never printed
    assert reader.metadata["/Keywords"] == KEYWORD_SIGNED


def test_250_numbers_all_listed_in_a_numbered_annex(tmp_path):
    order = F.sample_order(250)
    out = render_loa(order, tmp_path / "loa.pdf", provider_name=PROVIDER, fixed_timestamp=FIXED)
    reader = PdfReader(str(out))
    pages = len(reader.pages)
    assert pages >= 3
    first = _flat(reader.pages[0].extract_text())
    assert "All 250 telephone numbers to move are listed in Annex A" in first
    text = _text(out)
    found = re.findall(r"\(\d{3}\) 555-01\d\d", text)
    expected = {f"({n[2:5]}) 555-{n[8:]}" for n in order.numbers}
    assert expected <= set(found)
    assert len(expected) == 250
    for i in (1, 125, 250):  # the annex is numbered
        assert re.search(rf"(?m)^{i}$", text), i
    assert f"Page {pages} of {pages}" in text
    annex_pages = [p.extract_text() for p in reader.pages[1:]]
    assert all("Telephone number" in p for p in annex_pages if "555-0" in p)  # heading repeats


def test_inline_list_up_to_the_limit_no_annex(tmp_path):
    out = render_loa(F.sample_order(15), tmp_path / "loa.pdf", provider_name=PROVIDER)
    text = _text(out)
    assert "Annex A" not in text
    assert "(646) 555-0104" not in text and "(212) 555-0114" in text


def test_accented_names_and_quebec_address_render_with_embedded_fonts(tmp_path):
    order = F.quebec_order()
    out = render_loa(order, tmp_path / "loa.pdf", provider_name="Télécom Démo Inc.",
                     typed_name="François Lefèvre", fixed_timestamp=FIXED)
    flat = _flat(_text(out))
    for expected in ("François Lefèvre", "Boulangerie Lefèvre", "MONTRÉAL QC H2X 1Y4",
                     "1234 RUE SAINT-DENIS BUREAU 200", "CANADA", "Télécom Démo Inc."):
        assert expected in flat, expected
    raw = out.read_bytes()
    assert b"/FontFile2" in raw  # TrueType embedded, not a base-14 font
    reader = PdfReader(str(out))
    font_names = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()
                  for f in [f.get_object()]}
    assert all("Helvetica" not in name for name in font_names)


def test_same_input_same_bytes_and_fixed_metadata(tmp_path):
    order = F.sample_order(40)
    sig = F.signature_png()
    a = render_loa(order, tmp_path / "a.pdf", provider_name=PROVIDER, signature_png=sig,
                   fixed_timestamp=FIXED).read_bytes()
    b = render_loa(order, tmp_path / "b.pdf", provider_name=PROVIDER, signature_png=sig,
                   fixed_timestamp=FIXED).read_bytes()
    assert a == b
    meta = PdfReader(str(tmp_path / "a.pdf")).metadata
    assert meta["/CreationDate"].startswith("D:20261120093000")
    order.carrier.customer_name = "Acme Dental Group"
    c = render_loa(order, tmp_path / "c.pdf", provider_name=PROVIDER, signature_png=sig,
                   fixed_timestamp=FIXED).read_bytes()
    id_of = lambda data: re.search(rb"/ID\s*\[<([0-9a-f]+)>", data).group(1)
    assert id_of(a) != id_of(c)


def test_drawn_signature_keeps_its_transparency(tmp_path):
    out = render_loa(F.sample_order(2), tmp_path / "loa.pdf", provider_name=PROVIDER,
                     signature_png=F.signature_png(), signed_on=dt.date(2026, 11, 2))
    reader = PdfReader(str(out))
    assert len(reader.pages) == 1
    xobjects = reader.pages[0]["/Resources"]["/XObject"]
    images = [x.get_object() for x in xobjects.values()]
    assert any("/SMask" in img for img in images)  # alpha channel kept as a soft mask
    flat = _flat(_text(out))
    assert "Signed electronically on November 2, 2026" in flat


def test_signature_from_file_path(tmp_path):
    sig = tmp_path / "sig.png"
    sig.write_bytes(F.signature_png())
    out = render_loa(F.sample_order(1), tmp_path / "loa.pdf", provider_name=PROVIDER, signature_png=sig)
    assert "Telephone number to move (1)" in _flat(_text(out))


def test_unsigned_letter_has_blank_lines_and_no_date(tmp_path):
    out = render_loa(F.sample_order(2), tmp_path / "loa.pdf", provider_name=PROVIDER, unsigned=True,
                     fixed_timestamp=FIXED)
    flat = _flat(_text(out))
    assert "Sign and date by hand" in flat
    assert "November 20, 2026" not in flat
    assert PdfReader(str(out)).metadata["/Keywords"] == KEYWORD_UNSIGNED


def test_markup_characters_in_names_are_printed_not_interpreted(tmp_path):
    order = F.sample_order(1, customer_name="Smith & Sons <Plumbing>")
    out = render_loa(order, tmp_path / "loa.pdf", provider_name=PROVIDER)
    assert "Smith & Sons <Plumbing>" in _flat(_text(out))


@pytest.mark.parametrize("kwargs, words", [
    ({"provider_name": "  "}, "provider's name is missing"),
    ({"provider_name": PROVIDER, "typed_name": "Dana", "unsigned": True}, "Choose one way to sign"),
    ({"provider_name": PROVIDER, "signature_png": b"not a picture"}, "not a readable PNG"),
    ({"provider_name": PROVIDER, "typed_name": "   "}, "typed signature is empty"),
])
def test_refusals_are_plain(tmp_path, kwargs, words):
    with pytest.raises(LoaError, match=re.escape(words)):
        render_loa(F.sample_order(1), tmp_path / "loa.pdf", **kwargs)
    assert not (tmp_path / "loa.pdf").exists()


def test_empty_signature_image_refused(tmp_path):
    from PIL import Image
    import io

    buf = io.BytesIO()
    Image.new("RGBA", (50, 20), (0, 0, 0, 0)).save(buf, format="PNG")
    with pytest.raises(LoaError, match="empty"):
        render_loa(F.sample_order(1), tmp_path / "loa.pdf", provider_name=PROVIDER,
                   signature_png=buf.getvalue())


def test_missing_fields_listed(tmp_path):
    order = F.sample_order(0)
    order.carrier.authorized_name = ""
    order.service_address.city = ""
    with pytest.raises(LoaError) as info:
        render_loa(order, tmp_path / "loa.pdf", provider_name=PROVIDER)
    message = str(info.value)
    assert "phone numbers" in message and "authorized person" in message and "city" in message


def test_characters_the_font_cannot_print_are_refused_by_name(tmp_path):
    order = F.sample_order(1, authorized_name="Dana 王")
    with pytest.raises(LoaError, match="authorized person's name"):
        render_loa(order, tmp_path / "loa.pdf", provider_name=PROVIDER)


def test_address_formatting_like_carriers():
    us = ServiceAddress(street_number="12", pre_direction="sw", street_name="Oak Avenue",
                        unit="Apt. 4B", city="Portland", state="or", postal_code="97205")
    assert address_lines(us) == ["12 SW OAK AVE APT 4B", "PORTLAND OR 97205"]
    assert format_unit("200") == "# 200"
    assert format_unit("Suite 200") == "STE 200"
    assert format_unit("Floor 3") == "FL 3"
    ca = ServiceAddress(street_number="88", street_name="Queen Street", city="Toronto", state="ON",
                        postal_code="m5h2n2", country="CA")
    assert address_lines(ca) == ["88 QUEEN STREET", "TORONTO ON  M5H 2N2", "CANADA"]


def test_font_files_for_the_frozen_build_exist():
    files = fonts.font_files()
    assert {p.name for p in files} >= {"Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf"}
    assert all(p.is_file() for p in files)
    assert any("license" in p.name for p in files)


def test_the_letter_shows_the_order_exactly_as_it_is_sent(tmp_path):
    from portwizard.domain.normalize import normalize_order

    order = F.sample_order(2, account_number="1234-5678 9", btn="212.555.0100")
    order.numbers = ["212 555 0101", "+1 (212) 555-0102"]
    order.service_address.pre_direction = "North"
    order.service_address.state = "Illinois"
    sent = normalize_order(order)[0]  # what submission sends
    assert sent.carrier.account_number == "123456789" and sent.service_address.pre_direction == "N"
    out = render_loa(order, tmp_path / "loa.pdf", provider_name=PROVIDER, typed_name="Dana Whitfield",
                     fixed_timestamp=FIXED)
    flat = _flat(_text(out))
    assert "Billing account number 123456789" in flat and "1234-5678 9" not in flat
    assert "350 N MAIN ST STE 200" in flat and "NORTH" not in flat
    assert "SPRINGFIELD IL 62701" in flat and "ILLINOIS" not in flat
    assert "(212) 555-0100" in flat and "(212) 555-0101" in flat and "(212) 555-0102" in flat
    # The caller's order is not changed: the user's own typing stays in the draft.
    assert order.carrier.account_number == "1234-5678 9"
    assert order.service_address.pre_direction == "North"
