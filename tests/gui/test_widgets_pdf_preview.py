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


def test_zoom_in_out_and_fit_width(preview, tmp_path, qtbot):
    preview.load(make_pdf(tmp_path / "invoice.pdf", pages=1))
    qtbot.waitUntil(preview.has_document, timeout=5000)
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


def test_broken_file_gives_message_not_crash(preview, tmp_path, qtbot):
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.4\n this is not really a pdf \x00\x01\x02")
    with qtbot.waitSignal(preview.failed, timeout=5000):
        preview.load(broken)
    assert "not a PDF or it is damaged" in preview.message_text()
    assert not preview.has_document()


def test_good_after_broken_and_clear(preview, tmp_path, qtbot):
    broken = tmp_path / "photo.pdf"
    broken.write_bytes(b"\xff\xd8\xff\xe0 jpeg bytes")
    with qtbot.waitSignal(preview.failed, timeout=5000):
        preview.load(broken)
    with qtbot.waitSignal(preview.loaded, timeout=5000):
        assert preview.load(make_pdf(tmp_path / "ok.pdf", pages=2)) is True
    assert preview.message_text() == ""
    assert preview.page_label_text() == "Page 1 of 2"
    preview.clear()
    assert preview.message_text() == EMPTY_MESSAGE
    assert preview.page_count() == 0


def make_photo(path, size=(800, 1000), fmt=None):
    from PySide6.QtGui import QColor, QImage

    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    image.fill(QColor("#f4f1e8"))
    assert image.save(str(path), fmt)
    return path


def test_photo_of_a_bill_is_shown_as_a_picture(preview, tmp_path, qtbot):
    for name in ("bill.jpg", "bill.jpeg", "bill.png"):
        photo = make_photo(tmp_path / name, fmt="PNG" if name.endswith("png") else "JPG")
        with qtbot.waitSignal(preview.loaded, timeout=5000) as blocker:
            preview.load(photo)
        assert blocker.args == [1]
        assert preview.has_document() and preview.is_image(), preview.message_text()
        assert preview.message_text() == ""
        assert preview.page_label_text() == "Page 1 of 1"
        assert not preview.next_action.isEnabled() and not preview.previous_action.isEnabled()
        shown = preview.image_size()
        assert 100 < shown.width() <= preview.width()  # fitted to the width, not 800 px
        assert shown.height() == pytest.approx(shown.width() * 1000 / 800, abs=2)


def test_picture_zoom_buttons_work(preview, tmp_path, qtbot):
    preview.load(make_photo(tmp_path / "bill.jpg"))
    qtbot.waitUntil(preview.is_image, timeout=5000)
    assert preview.is_fit_width() and preview.fit_width_action.isChecked()
    fitted = preview.image_size().width()
    assert preview.zoom_in_action.isEnabled()
    preview.zoom_in_action.trigger()
    assert not preview.is_fit_width()
    assert preview.image_size().width() > fitted
    preview.zoom_out_action.trigger()
    preview.zoom_out_action.trigger()
    assert preview.image_size().width() < fitted
    preview.fit_width_action.trigger()
    assert preview.is_fit_width() and preview.image_size().width() == fitted


def test_damaged_or_huge_picture_gives_message(preview, tmp_path, qtbot):
    import struct
    import zlib

    broken = tmp_path / "bill.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    with qtbot.waitSignal(preview.failed, timeout=5000):
        preview.load(broken)
    assert "not a picture that can be shown" in preview.message_text()
    assert "bill.png" in preview.message_text()
    assert not preview.has_document() and preview.page_label_text() == ""

    # A header that claims 30000 x 30000 pixels: refused before anything is decoded.
    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    huge = tmp_path / "huge.png"
    huge.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
                     + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))
    with qtbot.waitSignal(preview.failed, timeout=5000):
        preview.load(huge)
    assert "too large to show" in preview.message_text()
    assert not preview.is_image()


def test_file_is_read_off_the_gui_thread_with_loading_message(preview, tmp_path, qtbot,
                                                               monkeypatch):
    import threading

    from portwizard.gui.widgets import pdf_preview as module

    pdf = make_pdf(tmp_path / "loa.pdf", pages=2)
    threads = []
    real_read = module.read_file_limited

    def spy(path, limit):
        threads.append(threading.current_thread())
        return real_read(path, limit)

    monkeypatch.setattr(module, "read_file_limited", spy)
    with qtbot.waitSignal(preview.loaded, timeout=5000):
        assert preview.load(pdf) is True
        assert preview.is_loading()
        assert preview.message_text() == module.LOADING_MESSAGE
        assert preview.page_label_text() == ""
    assert threads and threads[0] is not threading.main_thread()
    assert not preview.is_loading() and preview.page_label_text() == "Page 1 of 2"


def test_file_over_the_limit_is_never_opened(qtbot, tmp_path, monkeypatch):
    from portwizard.gui.widgets import pdf_preview as module

    widget = PdfPreview(max_bytes=2 * 2**20)
    qtbot.addWidget(widget)
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (2 * 2**20 + 10))
    monkeypatch.setattr(module, "read_file_limited",
                        lambda *a: pytest.fail("a too large file must not be read"))
    with qtbot.waitSignal(widget.failed, timeout=2000):
        assert widget.load(big) is False
    assert "larger than 2 MB" in widget.message_text()
    assert not widget.has_document() and not widget.is_loading()


def test_a_later_choice_wins_over_a_slow_earlier_one(preview, tmp_path, qtbot):
    first = make_pdf(tmp_path / "first.pdf", pages=3)
    second = make_pdf(tmp_path / "second.pdf", pages=1)
    preview.load(first)
    with qtbot.waitSignal(preview.loaded, timeout=5000) as blocker:
        preview.load(second)
    assert blocker.args == [1]
    qtbot.wait(100)  # the first file's result, if it arrives now, is ignored
    assert preview.page_count() == 1 and preview.path.name == "second.pdf"
