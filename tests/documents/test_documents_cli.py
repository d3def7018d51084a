"""`portwizard loa`, `portwizard inspect`, and `validate`/full_check with documents."""
from __future__ import annotations

import datetime as dt
import json

from pypdf import PdfReader

import docfactory as F
from portwizard.cli import main
from portwizard.documents.inspect import clear_cache
from portwizard.domain.order import dumps
from portwizard.domain.validation import Context
from portwizard.services.checks import full_check


def _order_file(tmp_path, order=None, name="order.json"):
    path = tmp_path / name
    path.write_text(dumps(order or F.sample_order(3)), encoding="utf-8")
    return path


def _text(path):
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def test_loa_command_typed_signature_and_provider(tmp_path, capsys):
    order = _order_file(tmp_path)
    out = tmp_path / "loa.pdf"
    code = main(["loa", str(order), "-o", str(out), "--typed-name", "Dana Whitfield",
                 "--provider", "Example Voice Co", "--date", "2026-11-20"])
    assert code == 0
    said = capsys.readouterr().out
    assert "Wrote" in said and "Example Voice Co" in said and "123456789" not in said
    text = _text(out)
    assert "Example Voice Co" in text and "November 20, 2026" in text and "Dana Whitfield" in text


def test_loa_command_provider_defaults_to_settings(tmp_path):
    from portwizard.settings import Settings

    settings = Settings()
    settings.provider_name = "Riverside Phone Cooperative"
    settings.save()
    out = tmp_path / "loa.pdf"
    assert main(["loa", str(_order_file(tmp_path)), "-o", str(out)]) == 0
    text = _text(out)
    assert "Riverside Phone Cooperative" in text and "Sign and date by hand" in text


def test_loa_command_signature_picture(tmp_path):
    sig = tmp_path / "sig.png"
    sig.write_bytes(F.signature_png())
    out = tmp_path / "loa.pdf"
    assert main(["loa", str(_order_file(tmp_path)), "-o", str(out), "--signature", str(sig)]) == 0
    assert "Signed electronically on" in _text(out)


def test_loa_command_refuses_incomplete_order_with_one_line(tmp_path, capsys):
    order = F.sample_order(2)
    order.carrier.customer_name = ""
    code = main(["loa", str(_order_file(tmp_path, order)), "-o", str(tmp_path / "loa.pdf")])
    err = capsys.readouterr().err
    assert code == 1
    assert "name on the bill" in err and "Traceback" not in err
    assert not (tmp_path / "loa.pdf").exists()


def test_loa_command_usage_errors(tmp_path, capsys):
    order = _order_file(tmp_path)
    assert main(["loa", str(order), "-o", str(tmp_path / "x.pdf"), "--date", "20/11/2026"]) == 2
    assert main(["loa", str(order), "-o", str(tmp_path / "x.pdf"), "--signature",
                 str(tmp_path / "missing.png")]) == 2
    assert main(["loa", str(tmp_path / "nope.json"), "-o", str(tmp_path / "x.pdf")]) == 2


def test_inspect_command_exit_codes_and_json(tmp_path, capsys):
    clear_cache()
    good = F.build_invoice(tmp_path / "bill.pdf", date_line=f"Statement Date: {dt.date.today():%m/%d/%Y}")
    assert main(["inspect", str(good), "--order", str(_order_file(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "latest bill, a PDF with 1 page" in out and "No problems found" in out

    bad = tmp_path / "bill2.pdf"
    bad.write_text("hello")
    assert main(["inspect", str(bad), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in data] == ["documents.not_pdf"]
    assert data[0]["field"] == "documents.invoice"


def test_inspect_command_guesses_kind_and_takes_size_limit(tmp_path, capsys):
    clear_cache()
    loa = tmp_path / "signed_LOA.pdf"
    from portwizard.documents.loa import render_loa

    render_loa(F.sample_order(2), loa, provider_name="P", unsigned=True)
    assert main(["inspect", str(loa), "--order", str(_order_file(tmp_path)), "--json"]) == 1
    codes = [d["code"] for d in json.loads(capsys.readouterr().out)]
    assert "documents.loa_unsigned" in codes
    assert main(["inspect", str(loa), "--max-mb", "0"]) == 2


def test_full_check_adds_document_findings_unless_switched_off(tmp_path):
    clear_cache()
    order = F.sample_order(3)
    (tmp_path / "bill.pdf").write_bytes(b"")
    order.documents.invoice = "bill.pdf"
    ctx = Context(today=dt.date(2026, 11, 23))
    codes = [(f.field, f.code) for f in full_check(order, ctx, base_dir=tmp_path)]
    assert ("documents.invoice", "documents.empty") in codes
    off = Context(today=dt.date(2026, 11, 23), check_documents=False)
    assert all(f.code != "documents.empty" for f in full_check(order, off, base_dir=tmp_path))
    severities = [f.severity.value for f in full_check(order, ctx, base_dir=tmp_path)]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)


def test_validate_command_reports_a_broken_attachment(tmp_path, capsys):
    clear_cache()
    order = F.sample_order(3)
    order.documents.invoice = "bill.pdf"
    (tmp_path / "bill.pdf").write_text("just text")
    path = _order_file(tmp_path, order)
    assert main(["validate", str(path), "--json"]) == 1
    codes = [(d["field"], d["code"]) for d in json.loads(capsys.readouterr().out)]
    assert ("documents.invoice", "documents.not_pdf") in codes


def test_reportlab_pypdf_and_pillow_stay_off_the_start_up_path():
    import subprocess
    import sys

    code = ("import sys; from portwizard.cli import build_parser; build_parser(); "
            "import portwizard.services.checks, portwizard.documents.inspect, portwizard.documents.loa; "
            "print(sorted(m for m in ('reportlab', 'pypdf', 'PIL') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
