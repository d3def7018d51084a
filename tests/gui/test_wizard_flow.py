"""Drive the real PortWizard by objectName from an empty order to a sent order, against the
built-in sandbox on loopback (App.create with a temporary home)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from portwizard.flow import Step
from portwizard.services.app import App
from portwizard.gui.wizard import PortWizard
from wizard_kit import (
    WAIT, choose, click, draw_signature, go_next, make_invoice, next_button, settle, type_into,
    widget,
)

pytestmark = [pytest.mark.gui, pytest.mark.http]


@pytest.fixture
def services(tmp_path, memory_secrets):
    svc = App.create(tmp_path / "home", secrets=memory_secrets)
    svc.settings.sandbox_seconds_per_day = 0.5
    yield svc
    svc.close()


@pytest.fixture
def wizard(qtbot, services, tmp_path):
    wiz = PortWizard(services=services)
    qtbot.addWidget(wiz)
    wiz.ask_open_file = lambda *a: ""  # replaced per test; never a real dialog
    wiz.ask_close = lambda: "discard"
    wiz.show()
    qtbot.waitExposed(wiz)
    return wiz


def fill_to_documents(wiz, qtbot, tmp_path) -> None:
    # 1. numbers
    assert wiz.current_step() is Step.NUMBERS
    type_into(wiz, Step.NUMBERS, "numbers", "212-555-0123")
    click(wiz, Step.NUMBERS, "add_numbers")
    assert wiz.order.numbers == ["+12125550123"]
    table = widget(wiz, Step.NUMBERS, "numbers_table")
    assert table.item(0, 0).text() == "(212) 555-0123"
    assert table.item(0, 1).text() == "Local"
    go_next(wiz, qtbot, Step.CARRIER)
    # 2. carrier (wireless: transfer-PIN guidance)
    type_into(wiz, Step.CARRIER, "carrier.name", "verizon wireless")
    settle(wiz, qtbot)
    guidance = widget(wiz, Step.CARRIER, "guidance").text()
    assert "Number Transfer PIN" in guidance and "Number Lock" in guidance
    go_next(wiz, qtbot, Step.TARGET)
    assert wiz.order.carrier.name == "Verizon Wireless"
    # 3. target: the list comes from the sandbox through a worker
    lst = widget(wiz, Step.TARGET, "target.account_id")
    qtbot.waitUntil(lambda: lst.count() >= 2, timeout=WAIT)
    assert "Main office line" in lst.item(0).text()
    wiz.page_for(Step.TARGET).choose(0)
    assert wiz.order.target.account_id == "SBX-1001"
    go_next(wiz, qtbot, Step.ACCOUNT)
    # 4. account
    click(wiz, Step.ACCOUNT, "carrier.account_type=single-line")
    choose(wiz, Step.ACCOUNT, "carrier.number_type", "business-local")
    type_into(wiz, Step.ACCOUNT, "carrier.customer_name", "Acme Dental")
    type_into(wiz, Step.ACCOUNT, "carrier.authorized_name", "Pat Smith")
    type_into(wiz, Step.ACCOUNT, "carrier.account_number", "1234-5678 9")
    type_into(wiz, Step.ACCOUNT, "carrier.btn", "2125550123")
    type_into(wiz, Step.ACCOUNT, "carrier.pin", "7391")
    go_next(wiz, qtbot, Step.ADDRESS)
    assert wiz.order.carrier.account_number == "123456789"  # spaces/dashes stripped
    # 5. address: paste the whole address and split it
    type_into(wiz, Step.ADDRESS, "address_paste", "100 N Main St, New York, NY 10001")
    click(wiz, Step.ADDRESS, "split_address")
    sa = wiz.order.service_address
    assert (sa.street_number, sa.pre_direction, sa.street_name, sa.city, sa.state, sa.postal_code) == (
        "100", "N", "Main St", "New York", "NY", "10001")
    assert widget(wiz, Step.ADDRESS, "service_address.city").text() == "New York"
    assert widget(wiz, Step.ADDRESS, "service_address.state").currentData() == "NY"
    go_next(wiz, qtbot, Step.DOCUMENTS)


def sign_and_attach(wiz, qtbot, tmp_path) -> None:
    page = wiz.page_for(Step.DOCUMENTS)
    pad = widget(wiz, Step.DOCUMENTS, "signature")
    draw_signature(pad)
    assert not pad.is_empty()
    click(wiz, Step.DOCUMENTS, "generate_loa")
    qtbot.waitUntil(lambda: bool(wiz.order.documents.loa), timeout=WAIT)
    invoice = make_invoice(tmp_path / "docs")
    wiz.ask_open_file = lambda *a: str(invoice)
    click(wiz, Step.DOCUMENTS, "choose_invoice")
    assert wiz.order.documents.invoice == str(invoice)
    assert widget(wiz, Step.DOCUMENTS, "documents.invoice").text() == str(invoice)
    qtbot.waitUntil(lambda: page._inspect_handle is not None and page._inspect_handle.done, timeout=WAIT)


def test_empty_to_submitted_against_sandbox(wizard, qtbot, tmp_path, services):
    wiz = wizard
    fill_to_documents(wiz, qtbot, tmp_path)
    sign_and_attach(wiz, qtbot, tmp_path)

    # the drawn signature is in the LOA as an image
    from pypdf import PdfReader

    reader = PdfReader(wiz.order.documents.loa)
    images = [img for page in reader.pages for img in page.images]
    assert images, "the signed LOA has no signature image"
    go_next(wiz, qtbot, Step.REVIEW)

    review = wiz.page_for(Step.REVIEW)
    qtbot.waitUntil(lambda: review.full is not None, timeout=WAIT)
    summary = widget(wiz, Step.REVIEW, "summary").text()
    assert "Acme Dental" in summary and "Verizon Wireless" in summary and "Change…" in summary
    assert "7391" not in summary  # the PIN is masked
    preview = widget(wiz, Step.REVIEW, "preview")
    qtbot.waitUntil(lambda: preview.page_count() >= 1, timeout=WAIT)  # loads on a worker
    # the provider needs a way to reach us: Next waits for it, with the reason under the field
    settle(wiz, qtbot)
    assert not next_button(wiz).isEnabled()
    checklist = widget(wiz, Step.REVIEW, "checklist")
    assert "field:contact.email" in checklist.text()  # its Fix… link leads to the field
    wiz.activateWindow()
    checklist.linkActivated.emit("field:contact.email")
    qtbot.waitUntil(widget(wiz, Step.REVIEW, "contact.email").hasFocus, timeout=2000)
    type_into(wiz, Step.REVIEW, "contact.name", "Pat Smith")
    type_into(wiz, Step.REVIEW, "contact.email", "pat@example")
    settle(wiz, qtbot)
    assert not next_button(wiz).isEnabled()
    type_into(wiz, Step.REVIEW, "contact.email", "pat@example.com")
    go_next(wiz, qtbot, Step.SUBMIT)

    with qtbot.waitSignal(wiz.submitted, timeout=WAIT) as sent:
        click(wiz, Step.SUBMIT, "submit_order")
    order_id = sent.args[0]
    assert order_id
    status = widget(wiz, Step.SUBMIT, "submit_status").text()
    assert "Sent" in status and "What happens next" in status
    assert wiz.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert wiz.button(QWizard.WizardButton.FinishButton).text() == "Close"
    assert not wiz.button(QWizard.WizardButton.BackButton).isVisible()  # sent: no way back
    record = services.store.get_order(order_id)
    assert record is not None


def test_review_change_link_goes_back_and_keeps_data(wizard, qtbot, tmp_path):
    wiz = wizard
    fill_to_documents(wiz, qtbot, tmp_path)
    wiz.goto_step(Step.CARRIER)
    assert wiz.current_step() is Step.CARRIER
    assert widget(wiz, Step.CARRIER, "carrier.name").text() == "Verizon Wireless"
    go_next(wiz, qtbot, Step.TARGET)
    go_next(wiz, qtbot, Step.ACCOUNT)
    assert widget(wiz, Step.ACCOUNT, "carrier.customer_name").text() == "Acme Dental"
    assert widget(wiz, Step.ACCOUNT, "carrier.pin").text() == "7391"
    assert next_button(wiz).isEnabled()


def test_offline_submit_is_queued_and_said_plainly(qtbot, tmp_path, memory_secrets):
    from orderkit import valid_order
    from portwizard import secrets as _secrets
    from wizard_kit import make_invoice

    svc = App.create(tmp_path / "home", secrets=memory_secrets)
    url = "https://127.0.0.1:9"  # nothing listens there: the provider is unreachable
    svc.settings.endpoint_url = url
    memory_secrets.set(_secrets.token_key(url), "tok-gui-test-0001")
    try:
        order = valid_order(tmp_path / "docs")
        order.carrier.name = "Spectrum"
        order.documents.invoice = str(make_invoice(tmp_path / "docs", customer="Acme Dental",
                                                   number="(212) 555-0123"))
        wiz = PortWizard(order, services=svc)
        qtbot.addWidget(wiz)
        wiz.ask_close = lambda: "discard"
        wiz.show()
        review = wiz.page_for(Step.REVIEW)
        assert wiz.goto_step(Step.REVIEW)
        qtbot.waitUntil(lambda: review.full is not None, timeout=WAIT)
        assert not [f for f in review.findings if f.is_error], review.findings
        go_next(wiz, qtbot, Step.SUBMIT)
        with qtbot.waitSignal(wiz.submitted, timeout=60_000):
            click(wiz, Step.SUBMIT, "submit_order")
        status = widget(wiz, Step.SUBMIT, "submit_status").text()
        assert "queued" in status and "sent automatically" in status
        assert svc.store.list_orders()[0].status == "queued"
    finally:
        svc.close()
