"""Cross-checks of invoice, LOA and CSR text against the order, on real PDFs built here."""
from __future__ import annotations

import datetime as dt

import pytest

import docfactory as F
from portwizard.documents.inspect import clear_cache, cross_check, inspect_file, inspect_order_documents
from portwizard.documents.loa import render_loa
from portwizard.domain.findings import Severity

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()


def _by_code(findings):
    return {f.code: f for f in findings}


def _invoice(tmp_path, name="bill.pdf", **kw):
    return F.build_invoice(tmp_path / name, **kw)


def test_matching_invoice_in_other_notations_is_clean(tmp_path):
    path = _invoice(tmp_path, account="1234-5678-9", btn="212.555.0100",
                    lines=("+1 212 555 0101", "(212) 555-0102"), date_line="Bill date 11/02/2026")
    assert inspect_file(path, "invoice", F.sample_order(3), today=TODAY) == []


def test_invoice_negatives_each_named(tmp_path):
    path = _invoice(tmp_path, customer="ACME ORTHODONTICS INC", account="1234 5678",
                    btn="(212) 555-0199", lines=("(212) 555-0101",))
    findings = _by_code(inspect_file(path, "invoice", F.sample_order(3), today=TODAY))
    assert set(findings) == {"documents.invoice_name_missing", "documents.invoice_account_missing",
                             "documents.invoice_btn_missing", "documents.invoice_number_missing"}
    assert all(f.field == "documents.invoice" and f.severity is Severity.WARNING for f in findings.values())
    account = findings["documents.invoice_account_missing"]
    assert "ending in 6789" in account.message and "123456789" not in account.message + account.fix
    assert "\"Acme Dental LLC\"" in findings["documents.invoice_name_missing"].message
    assert "(212) 555-0100" in findings["documents.invoice_btn_missing"].message
    missing = findings["documents.invoice_number_missing"].message
    assert missing.startswith("2 of the 3 numbers") and "(212) 555-0102" in missing
    assert "(212) 555-0101" not in missing


@pytest.mark.parametrize("date_line, code, severity", [
    ("Statement Date: Oct 30, 2026", None, None),                         # 24 days
    ("Statement Date: Oct 9, 2026", "documents.invoice_stale", Severity.WARNING),   # 45 days
    ("Invoice Date: 2026-09-09", "documents.invoice_too_old", Severity.ERROR),      # 75 days
    ("Bill date 12/01/2026", "documents.invoice_future_date", Severity.ERROR),
    ("", "documents.invoice_date_missing", Severity.WARNING),
])
def test_invoice_age(tmp_path, date_line, code, severity):
    path = _invoice(tmp_path, date_line=date_line)
    findings = inspect_file(path, "invoice", F.sample_order(3), today=TODAY)
    if code is None:
        assert findings == []
    else:
        assert [(f.code, f.severity) for f in findings] == [(code, severity)]


def test_stale_message_gives_date_and_age(tmp_path):
    path = _invoice(tmp_path, date_line="Statement Date: Oct 9, 2026")
    (finding,) = inspect_file(path, "invoice", F.sample_order(3), today=TODAY)
    assert "October 9, 2026, 45 days ago" in finding.message


def test_image_only_scan_is_an_honest_warning(tmp_path):
    path = F.build_scan(tmp_path / "scan.pdf")
    (finding,) = inspect_file(path, "invoice", F.sample_order(3), today=TODAY)
    assert finding.code == "documents.no_text" and finding.severity is Severity.WARNING
    assert "could not read any text" in finding.message and "by eye" in finding.fix


def test_structural_error_skips_cross_check(tmp_path):
    path = tmp_path / "bill.pdf"
    path.write_text("not a pdf")
    assert [f.code for f in inspect_file(path, "invoice", F.sample_order(3), today=TODAY)] == ["documents.not_pdf"]


# --------------------------------------------------------------------------- LOA


def test_our_own_signed_loa_passes_its_cross_check(tmp_path):
    order = F.sample_order(30)
    path = render_loa(order, tmp_path / "loa.pdf", provider_name="Sandbox Telecom (demo)",
                      typed_name="Dana Whitfield", signed_on=TODAY - dt.timedelta(days=3))
    assert inspect_file(path, "loa", order, today=TODAY) == []


def test_accented_loa_matches_its_order(tmp_path):
    order = F.quebec_order()
    path = render_loa(order, tmp_path / "loa.pdf", provider_name="Télécom Démo",
                      typed_name="François Lefèvre", signed_on=TODAY)
    assert inspect_file(path, "loa", order, today=TODAY) == []


def test_loa_for_a_different_order(tmp_path):
    order = F.sample_order(3)
    path = render_loa(order, tmp_path / "loa.pdf", provider_name="Sandbox Telecom (demo)",
                      typed_name="Dana Whitfield", signed_on=TODAY)
    other = F.sample_order(5, customer_name="Acme Dental Group", authorized_name="Lee Park")
    other.service_address.street_number = "530"
    other.service_address.postal_code = "62704"
    findings = _by_code(inspect_file(path, "loa", other, today=TODAY))
    assert set(findings) == {"documents.loa_name_missing", "documents.loa_authorized_missing",
                             "documents.loa_number_missing", "documents.loa_address_mismatch"}
    assert "(212) 555-0103, (212) 555-0104" in findings["documents.loa_number_missing"].message
    assert "street number \"530\"" in findings["documents.loa_address_mismatch"].message
    assert "ZIP or postal code \"62704\"" in findings["documents.loa_address_mismatch"].message


def test_loa_signed_too_long_ago_or_in_the_future(tmp_path):
    order = F.sample_order(2)
    old = render_loa(order, tmp_path / "old.pdf", provider_name="P", typed_name="Dana Whitfield",
                     signed_on=TODAY - dt.timedelta(days=40))
    (finding,) = inspect_file(old, "loa", order, today=TODAY)
    assert finding.code == "documents.loa_stale" and finding.severity is Severity.ERROR
    assert "40 days ago" in finding.message
    future = render_loa(order, tmp_path / "future.pdf", provider_name="P", typed_name="Dana Whitfield",
                        signed_on=TODAY + dt.timedelta(days=2))
    assert [f.code for f in inspect_file(future, "loa", order, today=TODAY)] == ["documents.loa_future_date"]


def test_unsigned_printout_attached_as_the_loa(tmp_path):
    order = F.sample_order(2)
    path = render_loa(order, tmp_path / "loa.pdf", provider_name="P", unsigned=True)
    codes = [f.code for f in inspect_file(path, "loa", order, today=TODAY)]
    assert codes == ["documents.loa_unsigned", "documents.loa_date_missing"]


# --------------------------------------------------------------------------- CSR


def test_csr_matching_and_address_mismatch(tmp_path):
    order = F.sample_order(3)
    good = F.build_csr(tmp_path / "csr.pdf")
    assert inspect_file(good, "csr", order, today=TODAY) == []
    bad = F.build_csr(tmp_path / "csr2.pdf", address="350 S MAIN ST", city_line="SPRINGFIELD IL 62703",
                      numbers_on=("2125550100", "2125550101"))
    findings = _by_code(inspect_file(bad, "csr", order, today=TODAY))
    assert set(findings) == {"documents.csr_address_mismatch", "documents.csr_number_missing"}
    assert "most common reason" in findings["documents.csr_address_mismatch"].fix


# --------------------------------------------------------------------------- whole order


def test_inspect_order_documents_resolves_relative_paths(tmp_path):
    order = F.sample_order(3)
    _invoice(tmp_path, date_line="Statement Date: Jul 1, 2026")
    (tmp_path / "loa.pdf").write_bytes(b"")
    order.documents.invoice = "bill.pdf"
    order.documents.loa = "loa.pdf"
    findings = inspect_order_documents(order, today=TODAY, base_dir=tmp_path)
    assert [(f.field, f.code) for f in findings] == [
        ("documents.loa", "documents.empty"), ("documents.invoice", "documents.invoice_too_old")]
    order.documents.csr = str(tmp_path / "nope.pdf")
    assert ("documents.csr", "documents.missing_file") in [
        (f.field, f.code) for f in inspect_order_documents(order, today=TODAY, base_dir=tmp_path)]


def test_cross_check_is_pure_on_text():
    order = F.sample_order(1)
    text = ("Acme Dental LLC  Account 123456789  BTN (212) 555-0100  Statement Date: Nov 20, 2026")
    assert cross_check("invoice", text, order, today=TODAY) == []
