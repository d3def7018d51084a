"""PdfPreview: pages shown, paging and zoom, plain messages for missing/broken files."""
from __future__ import annotations

import sys

import pytest

from portwizard.gui.widgets.pdf_preview import EMPTY_MESSAGE, PdfPreview

pytestmark = pytest.mark.gui


def make_pdf(path, pages=3):
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    for i in range(pages):
        c.drawString(72, 720, f"Test page {i + 1}")
        c.showPage()
    c.save()
    return path


@pytest.fixture
def preview(qtbot):
    widget = PdfPreview()
    qtbot.addWidget(widget)
    widget.resize(500, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_module_import_does_not_load_qtpdf():
    # The preview module alone must not pull in the PDF engine (start-up time).
    import subprocess

    code = ("import sys, portwizard.gui.widgets.pdf_preview; "
            "print('PySide6.QtPdf' in sys.modules, 'PySide6.QtPdfWidgets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.strip() == "False False", out.stderr


def test_load_shows_page_count_and_pages_through(preview, tmp_path, qtbot):
    pdf = make_pdf(tmp_path / "loa.pdf", pages=3)
    with qtbot.waitSignal(preview.loaded, timeout=5000) as blocker:
        assert preview.load(pdf) is True
    assert blocker.args == [3]
    assert preview.page_count() == 3
    assert preview.page_label_text() == "Page 1 of 3"
    assert not preview.previous_action.isEnabled()
    preview.next_page()
    qtbot.waitUntil(lambda: preview.page_label_text() == "Page 2 of 3", timeout=3000)
    preview.next_action.trigger()
    qtbot.waitUntil(lambda: preview.current_page() == 2, timeout=3000)
    assert not preview.next_action.isEnabled()
    preview.previous_action.trigger()
    qtbot.waitUntil(lambda: preview.page_label_text() == "Page 2 of 3", timeout=3000)


def test_zoom_in_out_and_fit_width(preview, tmp_path):
    preview.load(make_pdf(tmp_path / "invoice.pdf", pages=1))
    assert preview.is_fit_width()
    preview.zoom_in()
    assert not preview.is_fit_width()
    z1 = preview.zoom_factor()
    preview.zoom_in()
    assert preview.zoom_factor() > z1
    preview.zoom_out()
    preview.zoom_out()
    assert preview.zoom_factor() < z1
    preview.fit_width_action.trigger()
    assert preview.is_fit_width()
    assert preview.fit_width_action.isChecked()


def test_missing_file_gives_message(preview, tmp_path, qtbot):
    with qtbot.waitSignal(preview.failed, timeout=2000):
        assert preview.load(tmp_path / "gone.pdf") is False
    assert "could not be found" in preview.message_text()
    assert "gone.pdf" in preview.message_text()
    assert preview.page_label_text() == ""
    assert not preview.next_action.isEnabled()


def test_broken_file_gives_message_not_crash(preview, tmp_path):
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.4\n this is not really a pdf \x00\x01\x02")
    assert preview.load(broken) is False
    assert "not a PDF or it is damaged" in preview.message_text()
    assert not preview.has_document()


def test_good_after_broken_and_clear(preview, tmp_path):
    broken = tmp_path / "photo.pdf"
    broken.write_bytes(b"\xff\xd8\xff\xe0 jpeg bytes")
    assert preview.load(broken) is False
    assert preview.load(make_pdf(tmp_path / "ok.pdf", pages=2)) is True
    assert preview.message_text() == ""
    assert preview.page_label_text() == "Page 1 of 2"
    preview.clear()
    assert preview.message_text() == EMPTY_MESSAGE
    assert preview.page_count() == 0
