"""The documents that went with an order, in the order detail pane: one line each (LOA,
bill, CSR) with an Open button while the file is still on this computer, and the
non-modal window that shows one of them in the PDF preview.

:class:`Documents` only lists them; it asks for a document to be shown with
:attr:`Documents.openRequested`, and the pane keeps the one preview window.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QVBoxLayout, QWidget

from portwizard.gui import theme
from portwizard.gui.dashboard.detail_parts import _Box, _button, _label, _List
from portwizard.gui.widgets.pdf_preview import PdfPreview
from portwizard.services.order_detail import OrderDetail

MISSING_FILE = "This file is no longer on this computer."


class DocumentPreviewDialog(QDialog):
    """A non-modal window showing one of the order's documents in the PDF preview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detail.preview_dialog")
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.preview = PdfPreview(self)
        self.preview.setObjectName("detail.preview")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            "Close the document")
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        height = self.fontMetrics().height()
        self.resize(height * 40, height * 48)

    def show_document(self, label: str, path: str) -> None:
        self.setWindowTitle(f"{label} \u2013 {Path(path).name}")
        self.setAccessibleName(label)
        self.preview.load(path)
        self.show()
        self.raise_()
        self.activateWindow()


class Documents(_List):
    """The order's documents; a missing file says so instead of offering Open."""

    openRequested = Signal(str, str)  # the document's label and path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("detail.documents", "Documents sent with the order", parent)

    def fill(self, d: OrderDetail) -> None:
        self.restart(len(d.documents), "No documents were attached.")
        for doc in d.documents:
            name = Path(doc.path).name
            row = QHBoxLayout()
            text = _label(f"{doc.label}: {name}", name=f"detail.document.{doc.kind}",
                          selectable=True)
            text.setToolTip(doc.path)
            row.addWidget(text, 1)
            if doc.exists:
                button = _button("Open", f"detail.open_document.{doc.kind}",
                                 f"Open {doc.label}", f"Show {name}")
                button.clicked.connect(
                    lambda _=False, label=doc.label, path=doc.path:
                    self.openRequested.emit(label, path))
                row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            holder = _Box()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addLayout(row)
            if not doc.exists:
                missing = _label(MISSING_FILE, name=f"detail.document.{doc.kind}.missing")
                theme.set_tone(missing, "warning")
                box.addWidget(missing)
            self.add(holder)
