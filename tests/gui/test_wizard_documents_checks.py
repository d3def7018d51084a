"""The document check on the Documents page runs when the typing pauses, and only for
files (or an order) that changed since they were last checked."""
from __future__ import annotations

import os
import threading

import pytest

from portwizard.domain.order import Order
from portwizard.flow import Step
from portwizard.gui.wizard import PortWizard
from wizard_kit import WAIT, type_into

pytestmark = pytest.mark.gui


def documents_order() -> Order:
    o = Order(numbers=["+12125550123"])
    o.carrier.name = "Spectrum"
    o.target.account_id, o.target.line_id, o.target.label = "SBX-1001", "L-100", "Main office line"
    c = o.carrier
    c.account_type, c.number_type = "single-line", "business-local"
    c.customer_name, c.authorized_name = "Acme Dental", "Pat Smith"
    c.account_number, c.btn, c.pin = "123456789", "+12125550123", "1234"
    a = o.service_address
    a.street_number, a.street_name, a.city, a.state, a.postal_code = (
        "100", "Main St", "New York", "NY", "10001")
    return o


def test_typing_a_bill_path_checks_once_and_unchanged_files_are_not_read_again(
        qtbot, tmp_path, monkeypatch):
    from portwizard.gui.pages import documents

    kinds = ("loa", "invoice", "csr")
    calls: list[tuple] = []
    lock = threading.Lock()
    real = documents.inspect_documents

    def counting(order, *args):
        with lock:
            calls.append(tuple(args[0]) if args else kinds)
        return real(order, *args)

    monkeypatch.setattr(documents, "inspect_documents", counting)
    bill = tmp_path / "latest-bill.pdf"
    bill.write_bytes(b"%PDF-1.4\n% not really a bill\n%%EOF\n")
    wiz = PortWizard(documents_order())
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    assert wiz.goto_step(Step.DOCUMENTS)
    page = wiz.page_for(Step.DOCUMENTS)
    qtbot.wait(400)
    calls.clear()
    type_into(wiz, Step.DOCUMENTS, "documents.invoice", str(bill))  # one key at a time
    assert calls == []  # not one check per keystroke
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: page._inspect_handle.done, timeout=WAIT)
    qtbot.wait(400)
    assert calls == [("invoice",)]
    assert wiz.order.documents.invoice == str(bill)
    assert any(f.field == "documents.invoice" for f in page.inspection)

    page.on_enter()  # back on the page, nothing changed: no new child process
    qtbot.wait(50)
    assert len(calls) == 1
    stat = bill.stat()
    bill.write_bytes(b"%PDF-1.4\n% a newer scan of the bill\n%%EOF\n")
    os.utime(bill, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    page.inspect()  # the file changed: read again, only it
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=WAIT)
    assert calls[1] == ("invoice",)
