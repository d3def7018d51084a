"""Step 6: the Letter of Authorization (signed on screen, printed and scanned, or the
user's own) and the bill / CSR attachments, with every finding of the document checks.

The signature pad and everything that renders or reads PDFs is created or imported only
when this page is first shown, and all rendering and inspection runs in worker threads.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QVBoxLayout

from portwizard import flow
from portwizard.domain.findings import Finding, by_severity
from portwizard.domain.order import DOCUMENT_KINDS, document_name
from portwizard.domain.validation import validate_order
from portwizard.gui.binding import finding_html
from portwizard.gui.pages.base import StepPage, alive
from portwizard.gui.ui.ui_documents import Ui_DocumentsPage

DOC_FILTER = "PDF or photo (*.pdf *.png *.jpg *.jpeg);;All files (*)"
MODES = ("sign", "print", "own")


def render_signed_loa(order, out_path: Path, provider_name: str, png: bytes | None,
                      unsigned: bool = False) -> Path:
    from portwizard.documents.loa import render_loa  # reportlab: only when really needed

    return render_loa(order, out_path, provider_name=provider_name, signature_png=png,
                      unsigned=unsigned)


#: what the LOA box says when the provider writes and e-signs the LOA itself
EMAILED_LOA = ("{provider} writes the Letter of Authorization from this order and e-mails it "
               "to {signer}, who signs it online; the port starts once it is signed. You do "
               "not sign anything here: only your bill is sent with the order.")
RECHECK_DELAY_MS = 300  # after the last keystroke in a path field


def inspect_documents(order, kinds=DOCUMENT_KINDS) -> list[Finding]:
    """The document check of ``kinds`` only (each file read in a child process)."""
    from portwizard.documents.inspect import inspect_order_documents

    if tuple(kinds) != DOCUMENT_KINDS:
        order = order.copy()
        for kind in DOCUMENT_KINDS:
            if kind not in kinds:
                setattr(order.documents, kind, "")
    return inspect_order_documents(order)


def file_version(raw: str) -> tuple:
    """(path, mtime, size) of an attached file: a changed file gets a new version."""
    try:
        st = Path(raw).expanduser().stat()
    except (OSError, ValueError):
        return (raw, None, None)
    return (raw, st.st_mtime_ns, st.st_size)


def order_fingerprint(order) -> str:
    """What the cross-checks compare a document with: the order without its documents."""
    from portwizard.domain.order import dumps

    bare = order.copy()
    for kind in DOCUMENT_KINDS:
        setattr(bare.documents, kind, "")
    return dumps(bare, indent=None)


def findings_html(findings: list[Finding]) -> str:
    return "".join(finding_html(f) for f in findings)


class DocumentsPage(StepPage):
    step = flow.Step.DOCUMENTS
    ui_class = Ui_DocumentsPage
    labels = {"documents.loa": f"signed {document_name('loa')}"}

    def setup(self) -> None:
        ui = self.ui
        self.pad = None
        self.inspection: list[Finding] = []
        self._inspect_handle = None
        self._render_handle = None
        # kind -> (version of the file and of the order it was checked against, findings)
        self._checked: dict[str, tuple[tuple, list[Finding]]] = {}
        self._asked: dict[str, tuple] = {}  # kind -> the version a running check answers for
        from PySide6.QtCore import QTimer

        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(RECHECK_DELAY_MS)
        self._recheck.timeout.connect(self.inspect)
        self.mode = "sign"
        ui.loa_mode.setObjectName("loa_mode")
        self.mode_buttons = {"sign": ui.loa_sign, "print": ui.loa_print, "own": ui.loa_own}
        for mode, button in self.mode_buttons.items():
            button.setObjectName(f"loa_mode={mode}")
            button.toggled.connect(self._mode_toggled)
        ui.loa_sign.setChecked(True)
        self._our_intro = ui.loa_intro.text()
        # documents.loa has no text box: the buttons fill it in. Its message goes under the
        # status line.
        ui.loa_status.setAccessibleName("Letter of Authorization")
        self.binder.bind_custom(ui.loa_status, "documents.loa",
                                lambda: self.wiz.order.documents.loa, lambda _v: self._show_loa())
        self.binder.bind(ui.documents__invoice)
        self.binder.bind(ui.documents__csr)
        ui.generate_loa.clicked.connect(self.generate_signed)
        ui.save_unsigned.clicked.connect(self.save_unsigned)
        ui.choose_loa.clicked.connect(lambda: self.choose("loa"))
        ui.choose_invoice.clicked.connect(lambda: self.choose("invoice"))
        ui.choose_csr.clicked.connect(lambda: self.choose("csr"))
        self.binder.edited.connect(self._edited)

    def _edited(self, path: str) -> None:
        # typing a path: check once the typing pauses, not on every keystroke
        if path.startswith("documents."):
            self._recheck.start()

    def _mode_toggled(self, on: bool) -> None:
        if on:
            for mode, button in self.mode_buttons.items():
                if button.isChecked():
                    self.set_mode(mode)

    # ------------------------------------------------------------------ lazy signature pad
    def ensure_pad(self):
        if self.pad is None:
            from portwizard.gui.widgets.signature_pad import SignaturePad

            host = self.ui.signature_host
            lay = QVBoxLayout(host)
            lay.setContentsMargins(0, 0, 0, 0)
            self.pad = SignaturePad(host)
            self.pad.setObjectName("signature")
            self.pad.setAccessibleName("Sign here with the mouse, a pen or your finger")
            self.pad.setMinimumHeight(110)
            lay.addWidget(self.pad)
            self.pad.changed.connect(self._pad_changed)
            self.setTabOrder(self.ui.loa_own, self.pad)
            self.setTabOrder(self.pad, self.ui.generate_loa)
        return self.pad

    def _pad_changed(self) -> None:
        self.ui.generate_loa.setEnabled(not self.pad.is_empty())

    # ------------------------------------------------------------------ modes
    def set_mode(self, mode: str) -> None:
        self.mode = mode
        ui = self.ui
        ui.signature_host.setVisible(mode == "sign")
        ui.generate_loa.setVisible(mode == "sign")
        ui.save_unsigned.setVisible(mode == "print")
        ui.choose_loa.setVisible(mode in ("print", "own"))
        ui.choose_loa.setText("&Attach the signed scan…" if mode == "print" else "Attach my &LOA…")
        if mode == "sign" and self.pad is not None:
            self._pad_changed()

    def sends_loa(self) -> bool:
        """Whether our LOA goes with the order (the provider's profile, through the flow)."""
        return flow.field_applies("documents.loa", self.context())

    def _show_loa_box(self) -> None:
        """Our LOA's controls, or, with a provider that has its own LOA e-signed, what that
        provider will do instead."""
        ui = self.ui
        ours = self.sends_loa()
        for widget in (ui.loa_mode, ui.loa_status):
            widget.setVisible(ours)
        if ours:
            ui.loa_intro.setText(self._our_intro)
            self.setSubTitle(self.step.subtitle)
            self.set_mode(self.mode)
            return
        self.setSubTitle("Attach a recent bill so the move can be approved; the letter of "
                         "authorization is signed by e-mail.")
        for widget in (ui.signature_host, ui.generate_loa, ui.save_unsigned, ui.choose_loa):
            widget.setVisible(False)
        order = self.wiz.order
        email = order.carrier.authorized_email.strip()
        name = order.carrier.authorized_name.strip()
        signer = (f"{name} ({email})" if name and email else email or name
                  or "the authorized person")
        ui.loa_intro.setText(EMAILED_LOA.format(provider=self.context().provider.name,
                                                signer=signer))

    def on_enter(self) -> None:
        if self.sends_loa():
            self.ensure_pad()
        self._show_loa_box()
        self._show_loa()
        self.inspect()

    def _show_loa(self) -> None:
        loa = self.wiz.order.documents.loa
        if loa:
            self.ui.loa_status.setText(f"LOA attached: {Path(loa).name}")
        else:
            self.ui.loa_status.setText({
                "sign": "Sign in the box above, then press Create signed LOA.",
                "print": "Save the letter, print it, sign it, scan or photograph it, then attach the scan.",
                "own": "Attach your signed LOA as a PDF or a photo.",
            }[self.mode])

    # ------------------------------------------------------------------ actions
    def generate_signed(self) -> None:
        pad = self.ensure_pad()
        if pad.is_empty():
            self.ui.loa_status.setText("Sign in the box first (with the mouse, a pen or a finger).")
            return
        out = self.wiz.attachments_dir() / "loa-signed.pdf"
        self._render(out, pad.to_png_bytes(), unsigned=False, attach=True)

    def save_unsigned(self) -> None:
        path = self.wiz.ask_save_file("Save the LOA to print", "letter-of-authorization.pdf",
                                      "PDF (*.pdf)")
        if path:
            self._render(Path(path), None, unsigned=True, attach=False)

    def _render(self, out: Path, png: bytes | None, *, unsigned: bool, attach: bool) -> None:
        from portwizard.gui.workers import run_task

        self.ui.loa_status.setText("Creating the letter…")
        self.ui.generate_loa.setEnabled(False)
        order = self.wiz.order.copy()
        self._render_handle = run_task(
            render_signed_loa, order, out, self.wiz.provider_name, png, unsigned,
            on_result=lambda p: self._rendered(Path(p), attach),
            on_error=self._render_failed)

    @alive
    def _rendered(self, path: Path, attach: bool) -> None:
        self.ui.generate_loa.setEnabled(self.pad is not None and not self.pad.is_empty())
        if attach:
            self.wiz.order.documents.loa = str(path)
            self.binder.notify_changed("documents.loa", now=True)
            self.inspect()
            self._show_loa()
        else:
            self.ui.loa_status.setText(
                f"Saved {path.name}. Print it, sign it, then scan or photograph it and attach it "
                "with “Attach the signed scan”.")

    @alive
    def _render_failed(self, exc: BaseException) -> None:
        self.ui.generate_loa.setEnabled(self.pad is not None and not self.pad.is_empty())
        self.ui.loa_status.setText(f"The letter could not be created: {exc}")

    def choose(self, kind: str) -> None:
        title = {"loa": f"Choose the signed {document_name('loa')}",
                 "invoice": f"Choose your {document_name('invoice')}"}.get(
                     kind, f"Choose the {document_name(kind)}")
        path = self.wiz.ask_open_file(title, DOC_FILTER)
        if not path:
            return
        setattr(self.wiz.order.documents, kind, path)
        self.binder.load()
        self.binder.notify_changed(f"documents.{kind}", now=True)
        self._show_loa()
        self.inspect()

    # ------------------------------------------------------------------ checks
    def _versions(self) -> dict[str, tuple]:
        docs = self.wiz.order.documents
        fingerprint = None
        out = {}
        sends_loa = self.sends_loa()
        for kind in DOCUMENT_KINDS:
            raw = (getattr(docs, kind, "") or "").strip()
            if raw and (kind != "loa" or sends_loa):
                if fingerprint is None:
                    fingerprint = order_fingerprint(self.wiz.order)
                out[kind] = file_version(raw) + (fingerprint,)
        return out

    def inspect(self) -> None:
        """Check the attached documents; a file (and order) checked before is not read again."""
        self._recheck.stop()
        versions = self._versions()
        todo = [kind for kind, version in versions.items()
                if self._checked.get(kind, (None,))[0] != version
                and self._asked.get(kind) != version]
        if not todo:
            if all(self._checked.get(k, (None,))[0] == v for k, v in versions.items()):
                self._compose(versions)
            return  # else: the running check answers for these versions
        from portwizard.gui.workers import run_task

        self.ui.document_findings.setText("Checking the documents…")
        asked = {kind: versions[kind] for kind in todo}
        self._asked.update(asked)
        order = self.wiz.order.copy()
        self._inspect_handle = run_task(
            inspect_documents, order, tuple(todo),
            on_result=lambda fs, a=asked: self._inspected(a, fs),
            on_error=lambda _exc, a=asked: self._inspected(a, []))

    @alive
    def _inspected(self, asked: dict[str, tuple], findings: list[Finding]) -> None:
        for kind, version in asked.items():
            self._checked[kind] = (version, [f for f in findings if f.field == f"documents.{kind}"])
            if self._asked.get(kind) == version:
                del self._asked[kind]
        versions = self._versions()
        if all(self._checked.get(k, (None,))[0] == v for k, v in versions.items()):
            self._compose(versions)
        # else: an older answer; a newer check is on its way (or starts after the typing)

    def _compose(self, versions: dict[str, tuple]) -> None:
        self.inspection = [f for kind in versions for f in self._checked[kind][1]]
        self._show_findings()
        self.refresh_complete()

    def _show_findings(self) -> None:
        shown = by_severity(self.inspection)
        if shown:
            self.ui.document_findings.setText("<p><b>What the document check found:</b></p>"
                                              + findings_html(shown))
        else:
            self.ui.document_findings.setText("")

    def compute_complete(self) -> bool:
        found = validate_order(self.wiz.order, self.context()) + self.inspection
        return flow.is_complete(self.wiz.order, self.step, findings=found)
