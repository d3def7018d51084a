"""Portable draft files: round trip with attachments, PIN left out, hostile archives."""
from __future__ import annotations

import json
import zipfile

import pytest

from portwizard.domain.order import Order, dumps
from portwizard.services.draft_file import (
    MAX_ATTACHMENT_BYTES, DraftFileError, open_draft_file, read_draft_file, save_draft_file,
)

PDF = b"%PDF-1.4\n% fake test pdf\n%%EOF\n"


def sample_order(docs_dir):
    docs_dir.mkdir(parents=True, exist_ok=True)
    (docs_dir / "Phone bill March.pdf").write_bytes(PDF + b"invoice")
    (docs_dir / "loa.pdf").write_bytes(PDF + b"loa")
    order = Order()
    order.numbers = ["+12125550123", "+12125550124"]
    order.carrier.name = "Verizon Wireless"
    order.carrier.customer_name = "Bright Smile Dental"
    order.carrier.account_number = "123456789"
    order.carrier.pin = "1234"
    order.documents.invoice = str(docs_dir / "Phone bill March.pdf")
    order.documents.loa = "loa.pdf"  # relative to the attachments folder
    return order


def test_round_trip_without_pin(tmp_path):
    order = sample_order(tmp_path / "docs")
    target = tmp_path / "out" / "dental.pwdraft"
    problems = save_draft_file(target, order, tmp_path / "docs")
    assert problems == []
    with zipfile.ZipFile(target) as z:
        names = set(z.namelist())
        assert names == {"order.json", "manifest.json", "attachments/invoice-Phone_bill_March.pdf",
                         "attachments/loa-loa.pdf"}
        doc = json.loads(z.read("order.json"))
        assert doc["carrier"]["pin"] == ""
        assert doc["documents"]["invoice"] == "attachments/invoice-Phone_bill_March.pdf"
        assert b'"pin": "1234"' not in z.read("order.json")
        assert b'"pin": ""' in z.read("order.json")
        assert json.loads(z.read("manifest.json"))["pin_included"] is False

    findings = []
    opened = open_draft_file(target, tmp_path / "extracted", findings)
    assert opened.numbers == order.numbers
    assert opened.carrier.account_number == "123456789"
    assert opened.carrier.pin == ""
    assert any(f.code == "draft_file.pin_not_included" and f.field == "carrier.pin"
               for f in findings)
    invoice = tmp_path / "extracted" / "invoice-Phone_bill_March.pdf"
    assert opened.documents.invoice == str(invoice)
    assert invoice.read_bytes() == PDF + b"invoice"
    assert (tmp_path / "extracted" / "loa-loa.pdf").read_bytes() == PDF + b"loa"
    assert order.carrier.pin == "1234"  # the caller's order was not changed


def test_pin_included_only_on_request(tmp_path):
    order = sample_order(tmp_path / "docs")
    target = tmp_path / "with-pin.pwdraft"
    save_draft_file(target, order, tmp_path / "docs", include_pin=True)
    opened = read_draft_file(target, tmp_path / "x")
    assert opened.order.carrier.pin == "1234"
    assert opened.pin_included
    assert not any(f.code == "draft_file.pin_not_included" for f in opened.findings)


def test_missing_attachment_is_a_warning_and_order_still_saved(tmp_path):
    order = sample_order(tmp_path / "docs")
    order.documents.csr = str(tmp_path / "docs" / "nowhere.pdf")
    target = tmp_path / "d.pwdraft"
    problems = save_draft_file(target, order, tmp_path / "docs")
    assert [p.code for p in problems] == ["draft_file.attachment_missing"]
    assert problems[0].field == "documents.csr"
    assert "nowhere.pdf" in problems[0].message
    assert "The Customer Service Record file" in problems[0].message  # domain.order's name
    opened = read_draft_file(target, tmp_path / "x")
    assert opened.order.documents.csr == ""
    assert any(f.code == "draft_file.attachment_not_included" for f in opened.findings)


def test_open_twice_does_not_overwrite(tmp_path):
    order = sample_order(tmp_path / "docs")
    target = tmp_path / "d.pwdraft"
    save_draft_file(target, order, tmp_path / "docs")
    first = open_draft_file(target, tmp_path / "x")
    second = open_draft_file(target, tmp_path / "x")
    assert first.documents.invoice != second.documents.invoice
    assert second.documents.invoice.endswith("invoice-Phone_bill_March-2.pdf")


def hostile(tmp_path, order_dict, members):
    path = tmp_path / "evil.pwdraft"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("order.json", json.dumps(order_dict))
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_hostile_zip_path_traversal_is_never_written(tmp_path):
    order = json.loads(dumps(Order()))
    order["documents"]["invoice"] = "attachments/../../evil.pdf"
    order["documents"]["loa"] = "/etc/passwd"
    order["documents"]["csr"] = "attachments/sub/dir.pdf"
    path = hostile(tmp_path, order, {
        "attachments/../../evil.pdf": PDF, "../../outside.txt": b"x",
        "attachments/sub/dir.pdf": PDF})
    extract = tmp_path / "extract"
    opened = read_draft_file(path, extract)
    assert not (tmp_path / "evil.pdf").exists()
    assert not (tmp_path.parent / "evil.pdf").exists()
    assert not (tmp_path.parent / "outside.txt").exists()
    assert list(extract.iterdir()) == []
    codes = {f.field: f.code for f in opened.findings if f.field.startswith("documents.")}
    assert codes["documents.invoice"] == "draft_file.unsafe_name"
    assert codes["documents.csr"] == "draft_file.unsafe_name"
    assert codes["documents.loa"] == "draft_file.attachment_not_included"
    assert opened.order.documents.loa == "" and opened.order.documents.invoice == ""


def test_zip_bomb_attachment_is_refused(tmp_path):
    order = json.loads(dumps(Order()))
    order["documents"]["invoice"] = "attachments/invoice-bomb.pdf"
    path = hostile(tmp_path, order, {"attachments/invoice-bomb.pdf": b"\0" * (2 * 2**20)})
    with pytest.raises(DraftFileError) as exc:
        read_draft_file(path, tmp_path / "x", max_attachment_bytes=2**20)
    assert "larger than" in str(exc.value)
    assert MAX_ATTACHMENT_BYTES >= 2**20


def test_lying_size_header_is_caught_while_reading(tmp_path):
    order = json.loads(dumps(Order()))
    order["documents"]["invoice"] = "attachments/invoice-a.pdf"
    path = hostile(tmp_path, order, {"attachments/invoice-a.pdf": b"A" * 300_000})
    # Patch the declared size in both headers to claim 10 bytes.
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("attachments/invoice-a.pdf")
    import struct
    local = info.header_offset
    struct.pack_into("<I", data, local + 22, 10)
    for pos in [i for i in range(len(data)) if data[i:i + 4] == b"PK\x01\x02"]:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + name_len] == b"attachments/invoice-a.pdf":
            struct.pack_into("<I", data, pos + 24, 10)
    path.write_bytes(bytes(data))
    with pytest.raises(DraftFileError):
        read_draft_file(path, tmp_path / "x", max_attachment_bytes=100_000)
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())


@pytest.mark.parametrize("content, expected", [
    (b"just some text, not a zip", "damaged or not a portwizard draft"),
    (b"", "damaged or not a portwizard draft"),
])
def test_not_a_zip(tmp_path, content, expected):
    path = tmp_path / "bad.pwdraft"
    path.write_bytes(content)
    with pytest.raises(DraftFileError) as exc:
        open_draft_file(path, tmp_path / "x")
    assert expected in str(exc.value)
    assert "bad.pwdraft" in str(exc.value)


def test_zip_without_order(tmp_path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.jpg", b"x")
    with pytest.raises(DraftFileError, match="has no order inside"):
        open_draft_file(path, tmp_path / "x")


def test_duplicate_order_member_refused(tmp_path):
    path = tmp_path / "dup.pwdraft"
    with pytest.warns(UserWarning):
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("order.json", dumps(Order()))
            z.writestr("order.json", "{}")
    with pytest.raises(DraftFileError, match="twice"):
        open_draft_file(path, tmp_path / "x")


def test_broken_order_json(tmp_path):
    path = tmp_path / "b.pwdraft"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("order.json", "{not json")
    with pytest.raises(DraftFileError, match="cannot be read"):
        open_draft_file(path, tmp_path / "x")


def test_missing_file(tmp_path):
    with pytest.raises(DraftFileError, match="could not be found"):
        open_draft_file(tmp_path / "nope.pwdraft", tmp_path / "x")


def test_atomic_save_keeps_old_file_on_failure(tmp_path, monkeypatch):
    order = sample_order(tmp_path / "docs")
    target = tmp_path / "d.pwdraft"
    save_draft_file(target, order, tmp_path / "docs")
    before = target.read_bytes()
    import portwizard.services.draft_file as df

    def boom(_order, **_kw):
        raise OSError("disk full")

    monkeypatch.setattr(df, "dumps", boom)
    with pytest.raises(OSError):
        save_draft_file(target, order, tmp_path / "docs")
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".pwdraft-")] == []
