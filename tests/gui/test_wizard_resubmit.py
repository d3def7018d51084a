"""Fix and resubmit: the wizard opens a rejected order where the refusal points, frames the
refused fields, sends the corrected order as the same order (submission.resubmit), keeps no
draft; and closing a wizard never makes PySide warn about orderChanged."""
from __future__ import annotations

import time
import warnings
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizard

from orderkit import valid_order
from portwizard.domain import lifecycle
from portwizard.flow import Step
from portwizard.gui.autosave import DraftAutosaver
from portwizard.gui.wizard import PortWizard
from portwizard.gui.wizard_resubmit import resubmit_start
from portwizard.services.app import App
from wizard_kit import WAIT, click, go_next, make_invoice, type_into, widget

pytestmark = pytest.mark.gui

FAKE_ORDER_ID = "PW-TEST-0001"
REFUSED_PIN = "9999"     # the sandbox's wrong-PIN trigger (README, "Try it in the sandbox")
CORRECTED_PIN = "4826"   # obviously made up


@pytest.fixture
def services(tmp_path, memory_secrets):
    svc = App.create(tmp_path / "home", secrets=memory_secrets)
    svc.settings.sandbox_seconds_per_day = 0.2  # the built-in sandbox's fast clock
    yield svc
    svc.close()


def complete_order(folder, **kw):
    """A complete, obviously fake order whose invoice the document check can read."""
    order = valid_order(folder, **kw)
    order.carrier.name = "Spectrum"  # no unlock step, no wireless transfer-PIN rule
    order.documents.invoice = str(make_invoice(folder, customer="Acme Dental",
                                               number="(212) 555-0123"))
    return order


def open_fix(qtbot, order, code: str | None, text: str = "", **kw) -> PortWizard:
    reason = lifecycle.reason(code) if code else None
    wiz = PortWizard(order, resubmit_of=FAKE_ORDER_ID, rejection=reason, rejection_text=text, **kw)
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    return wiz


# ---------------------------------------------------------------------- where it opens

@pytest.mark.parametrize("fields, start", [
    (("carrier.pin",), Step.ACCOUNT),
    (("service_address.street_name", "documents.csr"), Step.ADDRESS),
    (("documents.invoice", "carrier.customer_name"), Step.ACCOUNT),  # flow order, not list order
    (("numbers",), Step.NUMBERS),
    (("requested_foc_date",), Step.REVIEW),
    ((), Step.REVIEW),
])
def test_start_is_the_first_step_holding_a_refused_field(tmp_path, fields, start):
    assert resubmit_start(valid_order(tmp_path), fields) is start


def test_start_asks_the_pages_which_fields_they_hold(tmp_path):
    order = valid_order(tmp_path)
    holds = {(Step.CARRIER, "x.y"), (Step.ADDRESS, "x.y")}
    assert resubmit_start(order, ["x.y"], lambda step, path: (step, path) in holds) is Step.CARRIER
    assert resubmit_start(order, ["x.y"], lambda step, path: False) is Step.REVIEW


@pytest.mark.parametrize("code, start", [
    ("wrong_pin", Step.ACCOUNT), ("address_mismatch", Step.ADDRESS),
    ("name_mismatch", Step.ACCOUNT), ("pending_order", Step.NUMBERS),
    ("invoice_invalid", Step.DOCUMENTS), ("unpaid_balance", Step.REVIEW),
])
def test_wizard_opens_on_the_page_of_the_refused_fields(qtbot, tmp_path, code, start):
    wiz = open_fix(qtbot, valid_order(tmp_path), code)
    assert wiz.current_step() is start
    assert wiz.windowTitle() == f"Fix and resubmit order {FAKE_ORDER_ID}"


def test_a_refused_pin_of_a_locked_number_opens_on_the_unlock_page(qtbot, tmp_path):
    order = valid_order(tmp_path)
    order.carrier.name = "Google Voice"  # unlocks on its website; the code is the PIN
    order.carrier.digital_unlocked = True
    wiz = open_fix(qtbot, order, "wrong_pin")
    assert wiz.current_step() is Step.UNLOCK
    assert widget(wiz, Step.UNLOCK, "carrier.pin").property("resubmitHighlight") is True


# ---------------------------------------------------------------------- what it shows

def test_refused_fields_are_framed_and_explained_until_edited(qtbot, tmp_path):
    wiz = open_fix(qtbot, valid_order(tmp_path), "address_mismatch")
    reason = lifecycle.reason("address_mismatch")
    assert wiz.highlighted_fields() == set(reason.fields)
    wiz.show()
    qtbot.waitExposed(wiz)
    binder = wiz.page_for(Step.ADDRESS).binder
    qtbot.wait(50)
    first, *others = [p for p in reason.fields if p.startswith("service_address.")]
    # the reason is said once, under the page's first refused field; the others point to it
    assert binder.message_text(first) == f"Your old carrier refused this: {reason.title}."
    assert binder.message_text("service_address.street_name") == \
        "Check this one too (same refusal)."
    # validation runs (the page was entered) and the refusal stays on top
    binder.validate()
    assert "same refusal" in binder.message_text("service_address.city")
    type_into(wiz, Step.ADDRESS, "service_address.street_name", "Maple")
    binder.flush()
    assert "service_address.street_name" not in wiz.highlighted_fields()
    assert "refus" not in binder.message_text("service_address.street_name")
    assert widget(wiz, Step.ADDRESS, "service_address.street_name").styleSheet() == ""
    assert "service_address.city" in wiz.highlighted_fields()  # the others stay marked


def test_every_page_has_the_banner_in_plain_words(qtbot, tmp_path):
    wiz = open_fix(qtbot, valid_order(tmp_path), "wrong_pin", "PIN does not match")
    reason = lifecycle.reason("wrong_pin")
    for step, page in wiz.all_pages().items():
        banner = page.findChild(QLabel, "resubmit_banner")
        assert banner is not None and page.layout().indexOf(banner) == 0, step
    text = wiz.rejection_message()
    assert reason.title in text and reason.explanation in text and reason.fix in text
    assert "carrier.pin" not in text  # the user's words, not field paths
    assert wiz.highlighted_fields() == {"carrier.pin"}
    submit = wiz.page_for(Step.SUBMIT)
    assert submit.title() == "Send the corrected order"
    assert "corrected order" in widget(wiz, Step.SUBMIT, "submit_order").text()


def test_an_unknown_rejection_shows_the_providers_words(qtbot, tmp_path):
    wiz = open_fix(qtbot, valid_order(tmp_path), None, "Account on hold <call billing>")
    assert wiz.current_step() is Step.REVIEW
    assert "Account on hold <call billing>" in wiz.rejection_message()
    assert wiz.highlighted_fields() == set()


def test_a_normal_wizard_has_no_banner(qtbot, tmp_path):
    wiz = PortWizard(valid_order(tmp_path))
    qtbot.addWidget(wiz)
    assert wiz.windowTitle() == "Move your phone numbers"
    assert all(p.findChild(QLabel, "resubmit_banner") is None for p in wiz.all_pages().values())
    assert wiz.rejection_message() == "" and wiz.highlighted_fields() == set()


# ---------------------------------------------------------------------- closing, drafts

def test_closing_with_corrections_asks_and_leaves_no_draft(qtbot, tmp_path, services):
    wiz = open_fix(qtbot, valid_order(tmp_path), "wrong_pin", services=services)
    DraftAutosaver(wiz, services.store, interval_ms=10)  # as the main window attaches one
    asked = []
    wiz.ask_close = lambda: asked.append(wiz.close_prompt()) or "stay"
    wiz.show()
    type_into(wiz, Step.ACCOUNT, "carrier.pin", CORRECTED_PIN)
    qtbot.wait(100)  # longer than the autosaver's interval
    wiz.reject()
    assert wiz.isVisible() and asked[0]["text"] == "Discard your corrections?"
    assert asked[0]["keep"] == ""  # nothing to keep: there is no draft
    wiz.ask_close = lambda: "discard"
    wiz.reject()
    assert not wiz.isVisible()
    assert services.store.list_drafts() == []


def test_closing_any_wizard_never_warns_about_orderchanged(qtbot, services, monkeypatch):
    """PySide printed 'Failed to disconnect ... orderChanged()' when a closed wizard's
    autosaver was stopped twice (the submit page, then the main window)."""
    from portwizard.gui.pages import submit

    monkeypatch.setattr(submit, "submit_order", lambda *_a: SimpleNamespace(
        outcome="sent", ok=True, remote_id="R-0001", order_id="O-0001", message="", findings=[]))
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        for ending in ("discard", "keep", "sent"):
            wiz = PortWizard(services=services)
            wiz.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)  # as the main window
            saver = DraftAutosaver(wiz, services.store)
            wiz.ask_close = lambda ending=ending: ending
            wiz.show()
            type_into(wiz, Step.NUMBERS, "numbers", "(212) 555-0123")
            click(wiz, Step.NUMBERS, "add_numbers")
            if ending == "sent":
                with qtbot.waitSignal(wiz.submitted, timeout=WAIT):
                    wiz.page_for(Step.SUBMIT).send()
                wiz.accept()
            else:
                wiz.reject()
            saver.stop(flush=False)  # what the main window does after a send
            assert not wiz.isVisible()
            gone = []
            wiz.destroyed.connect(lambda *_: gone.append(True))
            qtbot.waitUntil(lambda: bool(gone), timeout=WAIT)


# ---------------------------------------------------------------------- the round trip

def wait_for_status(services, order_id: str, wanted: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    status = None
    while time.monotonic() < deadline:
        services.tracking.refresh(order_id)
        status = services.store.get_order(order_id).status
        if status == wanted:
            return
        time.sleep(0.05)
    raise AssertionError(f"order {order_id} never reached {wanted}: still {status}")


@pytest.mark.http
def test_rejected_for_the_pin_fixed_in_the_wizard_and_completed(qtbot, tmp_path, services):
    sent = services.submission.submit(complete_order(tmp_path / "docs", pin=REFUSED_PIN))
    assert sent.outcome == "sent", sent.message
    order_id = sent.order_id
    wait_for_status(services, order_id, "rejected")
    assert services.store.get_order(order_id).rejection_code == "wrong_pin"

    # what the Orders screen passes: the id; the wizard reads the order and the rejection
    wiz = PortWizard(services=services, resubmit_of=order_id)
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: pytest.fail("nothing left to ask after the resubmission")
    wiz.show()
    qtbot.waitExposed(wiz)
    assert wiz.current_step() is Step.ACCOUNT
    assert wiz.highlighted_fields() == {"carrier.pin"}
    assert "PIN" in wiz.rejection_message()
    pin = widget(wiz, Step.ACCOUNT, "carrier.pin")
    assert pin.text() == REFUSED_PIN and pin.property("resubmitHighlight") is True

    type_into(wiz, Step.ACCOUNT, "carrier.pin", CORRECTED_PIN)
    assert wiz.highlighted_fields() == set()
    go_next(wiz, qtbot, Step.ADDRESS)
    go_next(wiz, qtbot, Step.DOCUMENTS)
    go_next(wiz, qtbot, Step.REVIEW)
    review = wiz.page_for(Step.REVIEW)
    qtbot.waitUntil(lambda: review.full is not None, timeout=WAIT)
    go_next(wiz, qtbot, Step.SUBMIT)
    with qtbot.waitSignal(wiz.resubmitted, timeout=WAIT) as got:
        click(wiz, Step.SUBMIT, "submit_order")
    assert got.args == [order_id]  # the same order, not a new one
    assert "Sent again" in widget(wiz, Step.SUBMIT, "submit_status").text()
    finish = wiz.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled() and not wiz.button(QWizard.WizardButton.BackButton).isVisible()
    finish.click()
    assert not wiz.isVisible()

    assert [o.id for o in services.store.list_orders()] == [order_id]
    assert services.store.list_drafts() == []
    notes = [h.note for h in services.store.history(order_id)]
    assert "corrected order queued" in notes
    assert services.store.order_document(order_id).carrier.pin == CORRECTED_PIN
    wait_for_status(services, order_id, "completed")
    statuses = [h.status for h in services.store.history(order_id) if h.source == "endpoint"]
    assert statuses.index("rejected") < statuses.index("completed")


@pytest.mark.http
def test_offline_the_corrected_order_is_queued_not_filed_anew(qtbot, tmp_path, memory_secrets):
    from portwizard import secrets as _secrets

    app = App.create(tmp_path / "home", secrets=memory_secrets)
    url = "https://127.0.0.1:9"  # nothing listens there: the provider is unreachable
    app.settings.endpoint_url = url
    memory_secrets.set(_secrets.token_key(url), "tok-gui-test-0002")
    try:
        order = complete_order(tmp_path / "docs", pin=REFUSED_PIN)
        order_id = app.store.add_order(order, url)
        app.store.update_order(order_id, remote_id="PO-TEST-1", status="rejected",
                               rejection_code="wrong_pin", rejection_text="PIN does not match")
        wiz = PortWizard(services=app, resubmit_of=order_id)
        qtbot.addWidget(wiz)
        assert wiz.current_step() is Step.ACCOUNT and wiz.highlighted_fields() == {"carrier.pin"}
        type_into(wiz, Step.ACCOUNT, "carrier.pin", CORRECTED_PIN)
        wiz.submitted.connect(lambda *_: pytest.fail("a correction is not a new order"))
        with qtbot.waitSignal(wiz.resubmitted, timeout=60_000) as got:
            wiz.page_for(Step.SUBMIT).send()
        assert got.args == [order_id]
        status = widget(wiz, Step.SUBMIT, "submit_status").text()
        assert "queued" in status and "corrected order will be sent automatically" in status
        assert [e.operation for e in app.store.outbox(order_id, states=("pending",))] == ["resubmit"]
        assert [o.id for o in app.store.list_orders()] == [order_id]
        assert app.store.list_drafts() == []
    finally:
        app.close()


def test_the_banner_follows_a_switch_to_a_dark_palette(qtbot, qapp, tmp_path):
    from PySide6.QtGui import QColor, QPalette

    from portwizard.gui.theme import tone_color

    wiz = open_fix(qtbot, valid_order(tmp_path), "wrong_pin")
    page = wiz.page_for(Step.ACCOUNT)
    banner = page.findChild(QLabel, "resubmit_banner")
    light = tone_color("warning").name()
    assert light in banner.styleSheet() and "palette(window-text)" in banner.styleSheet()
    before = QPalette(qapp.palette())
    dark = QPalette(before)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase):
        dark.setColor(role, QColor("#202124"))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        dark.setColor(role, QColor("#e8eaed"))
    qapp.setPalette(dark)  # the system switched to dark mode
    try:
        qtbot.wait(10)
        shade = tone_color("warning").name()
        assert shade != light and shade in banner.styleSheet()
    finally:
        qapp.setPalette(before)
