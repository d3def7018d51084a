"""Broken and hostile attachments: each gets its own plain finding, quickly, never a traceback."""
from __future__ import annotations

import datetime as dt
import sys
import time

import pytest
from pypdf import PdfReader

import docfactory as F
from portwizard.documents import worker
from portwizard.documents.images import ImageProblem, image_to_pdf
from portwizard.documents.inspect import TIME_LIMIT, clear_cache, inspect_file, probe_file
from portwizard.domain.findings import Severity

# Hard bound for one inspection, including starting the reader process on a busy CI box.
BOUND = 10.0


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()
    yield
    clear_cache()


def _inspect(path, kind="invoice", **kw):
    start = time.monotonic()
    findings = inspect_file(path, kind, **kw)
    elapsed = time.monotonic() - start
    assert elapsed < BOUND, f"took {elapsed:.1f} s"
    return findings


def _codes(findings):
    return [f.code for f in findings]


def test_good_invoice_has_no_findings_and_reports_pages(tmp_path):
    path = F.build_invoice(tmp_path / "bill.pdf", pages=3)
    assert _inspect(path) == []
    probe = probe_file(path)
    assert probe.format == "pdf" and probe.pages == 3
    assert "Account Number" in probe.text


def test_truncated_pdf(tmp_path):
    good = F.build_invoice(tmp_path / "bill.pdf", pages=2).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good[: len(good) * 2 // 3])
    findings = _inspect(cut)
    assert _codes(findings) == ["documents.truncated"]
    assert findings[0].severity is Severity.ERROR
    assert "incomplete" in findings[0].message and "again" in findings[0].fix


def test_damaged_pdf_with_an_intact_ending(tmp_path):
    path = tmp_path / "mangled.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage " * 500 + b"\n%%EOF\n")
    assert _codes(_inspect(path)) == ["documents.damaged"]


def test_password_protected_pdf(tmp_path):
    src = F.build_invoice(tmp_path / "bill.pdf")
    locked = F.encrypt_pdf(src, tmp_path / "locked.pdf", user_password="s3cret")
    assert PdfReader(str(locked)).is_encrypted
    findings = _inspect(locked)
    assert _codes(findings) == ["documents.encrypted"]
    assert "password" in findings[0].message and "Save as PDF" in findings[0].fix


def test_pdf_restricted_only_by_owner_password_opens_with_empty_password(tmp_path):
    src = F.build_invoice(tmp_path / "bill.pdf")
    restricted = F.encrypt_pdf(src, tmp_path / "restricted.pdf", user_password="")
    assert PdfReader(str(restricted)).is_encrypted
    assert _inspect(restricted, order=F.sample_order(3), today=dt.date(2026, 11, 2)) == []


def test_text_file_named_pdf(tmp_path):
    path = tmp_path / "bill.pdf"
    path.write_text("Account 123456789\nThis is not really a PDF.\n")
    findings = _inspect(path)
    assert _codes(findings) == ["documents.not_pdf"]
    assert "plain text" in findings[0].message


def test_heic_photo_is_named(tmp_path):
    path = tmp_path / "IMG_0001.pdf"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 200)
    findings = _inspect(path)
    assert _codes(findings) == ["documents.not_pdf"] and "HEIC" in findings[0].message


def test_empty_file(tmp_path):
    path = tmp_path / "bill.pdf"
    path.write_bytes(b"")
    findings = _inspect(path)
    assert _codes(findings) == ["documents.empty"]
    assert "0 bytes" in findings[0].message


def test_missing_file(tmp_path):
    assert _codes(_inspect(tmp_path / "gone.pdf")) == ["documents.missing_file"]


def test_zero_page_pdf(tmp_path):
    assert _codes(_inspect(F.zero_page_pdf(tmp_path / "zero.pdf"))) == ["documents.no_pages"]


def test_pdf_with_thousands_of_pages(tmp_path):
    path = F.many_pages_pdf(tmp_path / "huge.pdf", pages=3000)
    findings = _inspect(path)
    assert _codes(findings) == ["documents.too_many_pages"]
    assert "3,000 pages" in findings[0].message


def test_too_large_file_is_refused_before_reading(tmp_path):
    path = F.build_invoice(tmp_path / "bill.pdf", pages=2)
    findings = _inspect(path, max_bytes=1024)
    assert _codes(findings) == ["documents.too_large"]
    assert "limit is 1 KB" in findings[0].message


def test_decompression_bomb_image_is_refused_quickly(tmp_path):
    bomb = F.png_bomb(tmp_path / "bill.png")
    assert bomb.stat().st_size < 2000
    start = time.monotonic()
    findings = _inspect(bomb)
    assert time.monotonic() - start < 5
    assert _codes(findings) == ["documents.image_too_large"]
    assert "10,000 megapixels" in findings[0].message
    with pytest.raises(ImageProblem) as info:
        image_to_pdf(bomb, tmp_path / "out.pdf")
    assert info.value.code == "documents.image_too_large"
    assert not (tmp_path / "out.pdf").exists()


def test_damaged_photo(tmp_path):
    good = F.photo(tmp_path / "good.jpg").read_bytes()
    bad = tmp_path / "bill.jpg"
    bad.write_bytes(good[:200])
    assert _codes(_inspect(bad)) == ["documents.damaged"]


def test_photo_is_usable_but_cannot_be_read_by_machine(tmp_path):
    path = F.photo(tmp_path / "bill.jpg")
    findings = _inspect(path)
    assert _codes(findings) == ["documents.no_text"]
    assert findings[0].severity is Severity.WARNING
    findings = _inspect(path, order=F.sample_order(2))
    assert _codes(findings) == ["documents.no_text"]
    assert "check by eye" in (findings[0].message + findings[0].fix).lower()


@pytest.mark.parametrize("fmt, size, landscape", [("JPEG", (1200, 1600), False),
                                                  ("PNG", (1600, 900), True)])
def test_photo_becomes_a_one_page_pdf(tmp_path, fmt, size, landscape):
    src = F.photo(tmp_path / f"bill.{fmt.lower()}", size=size, fmt=fmt)
    out = image_to_pdf(src, tmp_path / "bill.pdf")
    reader = PdfReader(str(out))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (box.width > box.height) is landscape
    assert _codes(_inspect(out)) == []  # a readable PDF (no order to compare with)


def test_worker_time_limit_kills_a_stuck_reader():
    start = time.monotonic()
    with pytest.raises(worker.WorkerTimeout):
        worker.run_isolated("docfactory:sleep_for", [60], time_limit=1.5)
    assert time.monotonic() - start < 5


def test_worker_returns_results_and_hides_exception_details():
    assert worker.run_isolated("docfactory:sleep_for", [0], time_limit=BOUND) == "woke"
    with pytest.raises(RuntimeError, match="^TypeError$"):
        worker.run_isolated("docfactory:sleep_for", ["not a number"], time_limit=BOUND)


def test_a_stuck_pdf_becomes_a_timeout_finding(tmp_path, monkeypatch):
    path = F.build_invoice(tmp_path / "bill.pdf")
    real = worker.run_isolated
    monkeypatch.setattr(worker, "run_isolated",
                        lambda target, args, time_limit: real("docfactory:sleep_for", [60], time_limit))
    start = time.monotonic()
    findings = inspect_file(path, "invoice", time_limit=1.0)
    assert time.monotonic() - start < 5
    assert _codes(findings) == ["documents.timeout"]
    assert "too long" in findings[0].message
    monkeypatch.setattr(worker, "run_isolated", real)
    assert inspect_file(path, "invoice") == []  # a time-out is not cached


def test_an_internal_bug_becomes_a_finding_not_a_traceback(tmp_path, monkeypatch):
    import portwizard.documents.inspect as inspect_mod

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(inspect_mod, "cross_check", broken)
    path = F.build_invoice(tmp_path / "bill.pdf")
    (finding,) = inspect_file(path, "invoice", F.sample_order(1))
    assert finding.code == "documents.check_failed" and "KeyError" in finding.message


def test_the_child_is_the_program_started_with_the_worker_flag_and_keeps_the_time_limit():
    """``portwizard --document-worker`` (what a frozen build runs: its own executable) gives
    the result, hides exception details, and is killed at the time limit."""
    assert worker._program() == [sys.executable, "-m", "portwizard"]  # from source
    assert worker.run_isolated("docfactory:sleep_for", [0], time_limit=BOUND) == "woke"
    with pytest.raises(RuntimeError, match="^TypeError$"):
        worker.run_isolated("docfactory:sleep_for", ["x"], time_limit=BOUND)
    start = time.monotonic()
    with pytest.raises(worker.WorkerTimeout):
        worker.run_isolated("docfactory:sleep_for", [60], time_limit=1.5)
    assert time.monotonic() - start < 6


@pytest.mark.parametrize("platform, files, expected", [
    ("linux", ["portwizard"], "portwizard"),
    ("darwin", ["portwizard"], "portwizard"),
    # Windows: the windowed executable may have no standard input/output: use the console twin
    ("win32", ["portwizard.exe", "portwizard-cli.exe"], "portwizard-cli.exe"),
    ("win32", ["portwizard-cli.exe"], "portwizard-cli.exe"),
])
def test_a_frozen_build_starts_its_own_executable(monkeypatch, tmp_path, platform, files,
                                                  expected):
    for name in files:
        (tmp_path / name).write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / files[0]))
    monkeypatch.setattr(sys, "platform", platform)
    assert worker._program() == [str(tmp_path / expected)]


def test_compressed_content_bomb_is_defused_quickly(tmp_path):
    """Defused means the reader refuses to inflate it: not killed by the watchdog at the
    time limit, nor run out of memory."""
    path = F.flate_bomb_pdf(tmp_path / "bill.pdf")
    assert path.stat().st_size < 1_000_000
    start = time.monotonic()
    findings = inspect_file(path, "invoice", F.sample_order(1))
    elapsed = time.monotonic() - start
    # well inside the inspection's own limit (a defused bomb takes a fraction of a second)
    assert elapsed < TIME_LIMIT / 2, f"took {elapsed:.1f} s of the {TIME_LIMIT:.0f} s limit"
    # Nothing readable comes out of it: the honest answer is "check by eye", not a crash.
    assert _codes(findings) in (["documents.no_text"], ["documents.damaged"]), findings
    assert not any("memory" in f.message for f in findings), findings
