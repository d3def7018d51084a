"""Document preview with zoom and paging: PDFs (QtPdf) and photos of a bill (JPEG/PNG), and a
plain message instead of a crash.

QtPdf is imported when the first preview is built, not when this module is imported, so
the application starts without loading the PDF engine.

An attachment may come from anywhere (a draft file someone sent), so the file is read and a
picture decoded on a worker thread, never larger than MAX_FILE_BYTES; the PDF is then opened
from memory. The preview says "Loading…" meanwhile, and the result arrives as ``loaded`` or
``failed``.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QImage, QImageReader, QKeySequence, QPixmap
from shiboken6 import isValid

from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QStackedWidget, QToolButton, QVBoxLayout,
    QWidget,
)

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)

EMPTY_MESSAGE = "Nothing to preview yet."
LOADING_MESSAGE = "Loading\u2026"

#: The biggest file the preview reads: the largest attachment a draft file may carry
#: (services.draft_file.MAX_ATTACHMENT_BYTES); providers accept far less.
MAX_FILE_BYTES = 25 * 2**20

#: Attachments that are pictures (a photo of the bill), shown as an image, not as a PDF.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
#: A picture bigger than this (width x height) is not decoded: a real photo of a bill is
#: far smaller, and a hostile file must not make the program allocate gigabytes.
MAX_IMAGE_PIXELS = 60_000_000
IMAGE_ALLOCATION_LIMIT_MB = 256


def _image_error_message(name: str) -> str:
    return (f"\u201c{name}\u201d is not a picture that can be shown, or it is damaged. Open it on "
            "your computer to check it, then take the photo again or scan the bill as a PDF and "
            "attach the new file.")


def _too_big_message(name: str, limit: int) -> str:
    return (f"\u201c{name}\u201d is larger than {limit // 2**20} MB, too large to preview or "
            "send. Scan or photograph the document again at a lower resolution (or save it as "
            "a smaller PDF) and attach the new file.")


def read_file_limited(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing (ValueError, plain words) anything larger than limit."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(_too_big_message(path.name, limit))
    return data


def read_image(data: bytes, name: str) -> QImage:
    """Decode a picture with a size limit. Raises ValueError with plain words when it
    cannot be shown (safe to call on a worker thread: QImage, not QPixmap)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # phone photos carry their rotation in EXIF
    reader.setAllocationLimit(IMAGE_ALLOCATION_LIMIT_MB)
    size = reader.size()
    if size.isValid() and size.width() * size.height() > MAX_IMAGE_PIXELS:
        raise ValueError(f"\u201c{name}\u201d is a very large picture "
                         f"({size.width()} \u00d7 {size.height()} pixels), too large to show. "
                         "Take the photo again at a normal size, or scan the bill as a PDF, "
                         "and attach the new file.")
    image = reader.read()
    if image.isNull():
        raise ValueError(_image_error_message(name))
    return image


def _read_attachment(path: Path, limit: int, is_image: bool):
    """Worker thread: ("image", QImage) or ("pdf", bytes)."""
    data = read_file_limited(path, limit)
    if is_image:
        return "image", read_image(data, path.name)
    return "pdf", data


def _error_message(name: str, error_name: str) -> str:
    """Plain words for a QPdfDocument.Error: what is wrong and what to do."""
    if error_name == "FileNotFound":
        return (f"\u201c{name}\u201d could not be found. It may have been moved, renamed or "
                "deleted. Attach the file again.")
    if error_name == "InvalidFileFormat":
        return (f"\u201c{name}\u201d is not a PDF or it is damaged, so it cannot be shown. "
                "Open it on your computer to check it, then save or scan it again as a PDF "
                "and attach the new file.")
    if error_name in ("IncorrectPassword", "UnsupportedSecurityScheme"):
        return (f"\u201c{name}\u201d is protected with a password, so it cannot be shown or "
                "sent. Open it, print it to a new PDF without a password, and attach that.")
    return (f"\u201c{name}\u201d could not be opened. Try attaching it again; if that does not "
            "help, save or scan it again as a PDF.")


class PdfPreview(QWidget):
    """Shows one PDF. ``load(path) -> bool``; ``clear()``.

    Signals ``loaded(int pages)`` after a successful load and ``failed(str message)`` when a
    file cannot be shown (the same message is displayed in the widget).
    """

    loaded = Signal(int)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, max_bytes: int = MAX_FILE_BYTES) -> None:
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument  # lazy: keep QtPdf off the start-up path
        from PySide6.QtPdfWidgets import QPdfView

        self._QPdfDocument = QPdfDocument
        self._QPdfView = QPdfView
        self._path: Path | None = None
        self.max_bytes = max_bytes
        self._generation = 0  # bumps on every load/clear: late worker results are ignored
        self._task = None
        self._loading = False
        self._buffer: QBuffer | None = None  # the PDF's bytes; lives as long as the document
        self.setObjectName("pdf_preview")
        self.setAccessibleName("Document preview")

        self._document = QPdfDocument(self)
        self._view = QPdfView(self)
        self._view.setObjectName("pdf_preview.view")
        self._view.setAccessibleName("Document pages")
        self._view.setDocument(self._document)
        self._view.setPageMode(QPdfView.PageMode.MultiPage)
        self._view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._navigator = self._view.pageNavigator()
        self._navigator.currentPageChanged.connect(self._update_controls)

        self._message = QLabel(EMPTY_MESSAGE, self)
        self._message.setObjectName("pdf_preview.message")
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._message.setMargin(24)
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        # Pictures (a photo of the bill): a label in a scroll area, scaled to fit the width
        # or to the chosen zoom.
        self._image = QImage()
        self._image_zoom: float | None = None  # None: fit to width
        self._image_label = QLabel(self)
        self._image_label.setObjectName("pdf_preview.image")
        self._image_label.setAccessibleName("Picture of the document")
        self._image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._image_scroll = QScrollArea(self)
        self._image_scroll.setObjectName("pdf_preview.image_area")
        self._image_scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._image_scroll.setWidgetResizable(False)
        self._image_scroll.setWidget(self._image_label)

        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._message)
        self._stack.addWidget(self._view)
        self._stack.addWidget(self._image_scroll)

        # Toolbar: zoom out / in / fit width ... previous / "Page i of n" / next
        def action(text: str, tip: str, keys: list, slot) -> QAction:
            act = QAction(text, self)
            act.setToolTip(tip)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.zoom_out_action = action("\u2212", "Zoom out (Ctrl+-)",
                                      [QKeySequence.StandardKey.ZoomOut], self.zoom_out)
        self.zoom_in_action = action("+", "Zoom in (Ctrl++)",
                                     [QKeySequence.StandardKey.ZoomIn], self.zoom_in)
        self.fit_width_action = action("Fit width", "Fit the page to the width of the preview",
                                       [], self.fit_width)
        self.fit_width_action.setCheckable(True)
        self.previous_action = action("\u25c0 Previous", "Previous page (Page Up)",
                                      [], self.previous_page)
        self.next_action = action("Next \u25b6", "Next page (Page Down)", [], self.next_page)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(4)
        names = {
            self.zoom_out_action: ("pdf_preview.zoom_out", "Zoom out"),
            self.zoom_in_action: ("pdf_preview.zoom_in", "Zoom in"),
            self.fit_width_action: ("pdf_preview.fit_width", "Fit width"),
            self.previous_action: ("pdf_preview.previous", "Previous page"),
            self.next_action: ("pdf_preview.next", "Next page"),
        }
        self._buttons: dict[str, QToolButton] = {}

        def button(act: QAction) -> QToolButton:
            btn = QToolButton(self)
            btn.setDefaultAction(act)
            btn.setObjectName(names[act][0])
            btn.setAccessibleName(names[act][1])
            btn.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            btn.setAutoRaise(True)
            self._buttons[names[act][0]] = btn
            return btn

        bar.addWidget(button(self.zoom_out_action))
        bar.addWidget(button(self.zoom_in_action))
        bar.addWidget(button(self.fit_width_action))
        bar.addStretch(1)
        bar.addWidget(button(self.previous_action))
        self._page_label = QLabel("", self)
        self._page_label.setObjectName("pdf_preview.page")
        self._page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._page_label.setMinimumWidth(self._page_label.fontMetrics()
                                         .horizontalAdvance("Page 888 of 888") + 8)
        bar.addWidget(self._page_label)
        bar.addWidget(button(self.next_action))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self._stack, 1)
        self._update_controls()

    # ------------------------------------------------------------------ loading
    def load(self, path: str | Path) -> bool:
        """Start showing ``path``: "Loading…" at once, then the document (``loaded``) or a
        message saying why it cannot be shown (``failed``). Returns False when it fails at
        once (missing or too large), True when loading has started."""
        path = Path(path)
        self._close_document()
        self._path = path
        try:
            if not path.is_file():
                return self._fail(_error_message(path.name, "FileNotFound"))
            if path.stat().st_size > self.max_bytes:
                return self._fail(_too_big_message(path.name, self.max_bytes))
        except OSError:
            return self._fail(_error_message(path.name, "FileNotFound"))
        from portwizard.gui.workers import run_task

        generation = self._generation
        self._loading = True
        self._message.setText(LOADING_MESSAGE)
        self._stack.setCurrentWidget(self._message)
        self._update_controls()
        self._task = run_task(
            _read_attachment, path, self.max_bytes, path.suffix.lower() in IMAGE_SUFFIXES,
            on_result=lambda result: self._read_done(generation, path, result),
            on_error=lambda exc: self._read_failed(generation, path, exc))
        return True

    def is_loading(self) -> bool:
        return self._loading

    def _read_failed(self, generation: int, path: Path, exc: BaseException) -> None:
        if generation != self._generation or not isValid(self):
            return  # another file was chosen meanwhile, or the preview is gone
        self._loading = False
        if isinstance(exc, ValueError):
            self._fail(str(exc))
        elif isinstance(exc, FileNotFoundError):
            self._fail(_error_message(path.name, "FileNotFound"))
        else:
            self._fail(_error_message(path.name, "Unknown"))

    def _read_done(self, generation: int, path: Path, result) -> None:
        if generation != self._generation or not isValid(self):
            return
        self._loading = False
        kind, payload = result
        if kind == "image":
            self._show_image(payload)
            return
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(payload))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._document.load(self._buffer)
        status = self._document.status()
        if status == self._QPdfDocument.Status.Loading:  # finishes later on this thread
            def on_status(_status, generation=generation) -> None:
                if self._document.status() == self._QPdfDocument.Status.Loading:
                    return
                self._document.statusChanged.disconnect(on_status)
                if generation == self._generation:
                    self._pdf_opened(path)
            self._document.statusChanged.connect(on_status)
            return
        self._pdf_opened(path)

    def _pdf_opened(self, path: Path) -> None:
        error = self._document.error()
        if error != self._QPdfDocument.Error.None_ \
                or self._document.status() != self._QPdfDocument.Status.Ready:
            self._close_document(keep_generation=True)
            name = error.name if error != self._QPdfDocument.Error.None_ else "InvalidFileFormat"
            self._fail(_error_message(path.name, name))
            return
        if self._document.pageCount() < 1:
            self._close_document(keep_generation=True)
            self._fail(f"\u201c{path.name}\u201d has no pages. Choose another file.")
            return
        self._stack.setCurrentWidget(self._view)
        self.fit_width()
        self._navigator.jump(0, QPointF(), self._navigator.currentZoom())
        self._update_controls()
        self.loaded.emit(self._document.pageCount())

    def _show_image(self, image: QImage) -> bool:
        self._image = image
        self._image_zoom = None
        self._stack.setCurrentWidget(self._image_scroll)
        self._render_image()
        self._update_controls()
        self.loaded.emit(1)
        return True

    def _render_image(self) -> None:
        if self._image.isNull():
            self._image_label.clear()
            return
        pixmap = QPixmap.fromImage(self._image)
        width = max(1, round(self._image.width() * self.zoom_factor()))
        scaled = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self._image_label.setPixmap(scaled)
        self._image_label.resize(scaled.size())

    def _fit_width_px(self) -> int:
        bar = self._image_scroll.verticalScrollBar()
        width = self._image_scroll.viewport().width()
        if not bar.isVisible():  # leave room for the scroll bar a tall photo will need
            width -= bar.sizeHint().width()
        return max(50, width - 4)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.is_image() and self._image_zoom is None:
            self._render_image()

    def clear(self) -> None:
        """Show nothing (and release the file)."""
        self._close_document()
        self._path = None
        self._message.setText(EMPTY_MESSAGE)
        self._stack.setCurrentWidget(self._message)
        self._update_controls()

    # ------------------------------------------------------------------ state (tests, callers)
    @property
    def path(self) -> Path | None:
        return self._path

    def page_count(self) -> int:
        if self.is_image():
            return 1
        return self._document.pageCount() if self.has_document() else 0

    def current_page(self) -> int:
        """0-based index of the page shown at the top of the view."""
        if self.is_image():
            return 0
        return self._navigator.currentPage() if self.has_document() else 0

    def has_document(self) -> bool:
        return self._stack.currentWidget() in (self._view, self._image_scroll)

    def is_image(self) -> bool:
        """True when a picture (not a PDF) is shown."""
        return self._stack.currentWidget() is self._image_scroll

    def image_size(self):
        """Size of the picture as shown (QSize), empty when no picture."""
        pixmap = self._image_label.pixmap()
        return pixmap.size() if self.is_image() and pixmap is not None else None

    def message_text(self) -> str:
        return "" if self.has_document() else self._message.text()

    def page_label_text(self) -> str:
        return self._page_label.text()

    def zoom_factor(self) -> float:
        if self.is_image():
            if self._image_zoom is not None:
                return self._image_zoom
            return self._fit_width_px() / max(1, self._image.width())
        return self._view.zoomFactor()

    def is_fit_width(self) -> bool:
        if self.is_image():
            return self._image_zoom is None
        return self._view.zoomMode() == self._QPdfView.ZoomMode.FitToWidth

    # ------------------------------------------------------------------ actions
    def zoom_in(self) -> None:
        self._set_zoom(next((z for z in ZOOM_STEPS if z > self.zoom_factor() + 1e-3),
                            ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self._set_zoom(next((z for z in reversed(ZOOM_STEPS)
                             if z < self.zoom_factor() - 1e-3), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        if self.is_image():
            self._image_zoom = None
            self._render_image()
        else:
            self._view.setZoomMode(self._QPdfView.ZoomMode.FitToWidth)
        self._update_controls()

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def go_to_page(self, index: int) -> None:
        if not self.has_document():
            return
        index = max(0, min(index, self.page_count() - 1))
        self._navigator.jump(index, QPointF(), self._navigator.currentZoom())
        self._update_controls()

    # ------------------------------------------------------------------ internals
    def _set_zoom(self, factor: float) -> None:
        if self.is_image():
            self._image_zoom = factor
            self._render_image()
            self._update_controls()
            return
        self._view.setZoomMode(self._QPdfView.ZoomMode.Custom)
        self._view.setZoomFactor(factor)
        self._update_controls()

    def _close_document(self, keep_generation: bool = False) -> None:
        if not keep_generation:
            self._generation += 1
            self._loading = False
            if self._task is not None:
                self._task.cancel()
                self._task = None
        self._image = QImage()
        self._image_label.clear()
        if self._document.status() != self._QPdfDocument.Status.Null:
            self._document.close()
        if self._buffer is not None:  # only after the document let go of it
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def _fail(self, message: str) -> bool:
        self._message.setText(message)
        self._stack.setCurrentWidget(self._message)
        self._update_controls()
        self.failed.emit(message)
        return False

    def _update_controls(self, *_args) -> None:
        has = self.has_document()
        count = self.page_count()
        page = self.current_page()
        self._page_label.setText(f"Page {page + 1} of {count}" if has else "")
        self._page_label.setAccessibleName(self._page_label.text() or "No document")
        self.previous_action.setEnabled(has and page > 0)
        self.next_action.setEnabled(has and page < count - 1)
        self.zoom_in_action.setEnabled(has and (self.is_fit_width()
                                                or self.zoom_factor() < ZOOM_STEPS[-1] - 1e-3))
        self.zoom_out_action.setEnabled(has and (self.is_fit_width()
                                                 or self.zoom_factor() > ZOOM_STEPS[0] + 1e-3))
        self.fit_width_action.setEnabled(has)
        self.fit_width_action.setChecked(has and self.is_fit_width())
