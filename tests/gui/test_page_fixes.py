"""Fixes on the wizard pages: the switch date follows the service address's holidays, the
carrier picker asks instead of guessing, the address box's Enter only splits, the contact
details are asked for truthfully, and the review checklist keeps its place."""
from __future__ import annotations

import datetime as _dt

import pytest
from PySide6.QtCore import QDate, Qt

from portwizard.domain.order import Order
from portwizard.domain.validation import Context
from portwizard.flow import Step
from portwizard.gui.wizard import PortWizard
from wizard_kit import widget

pytestmark = pytest.mark.gui


def complete_order(*, country="US", state="NY", city="New York", postal="10001") -> Order:
    """Complete up to the review page (documents point nowhere: the check is not needed)."""
    o = Order(numbers=["+12125550123"])
    o.carrier.name = "Spectrum"
    o.target.account_id, o.target.line_id, o.target.label = "SBX-1001", "L-100", "Main office line"
    c = o.carrier
    c.account_type, c.number_type = "single-line", "business-local"
    c.customer_name, c.authorized_name = "Acme Dental", "Pat Smith"
    c.account_number, c.btn, c.pin = "123456789", "+12125550123", "1234"
    a = o.service_address
    a.country, a.street_number, a.street_name, a.city, a.state, a.postal_code = (
        country, "100", "Main St", city, state, postal)
    o.documents.loa, o.documents.invoice = "/nonexistent/loa.pdf", "/nonexistent/bill.pdf"
    return o


def open_wizard(qtbot, order: Order, step: Step, today: _dt.date | None = None) -> PortWizard:
    wiz = PortWizard(order)
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    if today is not None:  # the wizard's own seam for "today" (no services in these tests)
        wiz.context = lambda documents=True: Context(today=today, check_documents=documents)
    wiz.show()
    assert wiz.goto_step(step), wiz.current_step()
    return wiz


def struck(edit, d: _dt.date) -> bool:
    return edit.calendarWidget().dateTextFormat(QDate(d.year, d.month, d.day)).fontStrikeOut()


@pytest.mark.parametrize("country, state", [("CA", "QC"), ("ca", "Québec"), ("Canada", "qc")])
def test_quebec_address_greys_out_quebec_holidays_not_us_ones(qtbot, country, state):
    order = complete_order(country=country, state=state, city="Montréal", postal="H2X 1Y4")
    wiz = open_wizard(qtbot, order, Step.REVIEW, today=_dt.date(2027, 5, 20))
    page = wiz.page_for(Step.REVIEW)
    edit = widget(wiz, Step.REVIEW, "requested_foc_date")
    st_jean, us_july_4th = _dt.date(2027, 6, 24), _dt.date(2027, 7, 5)  # a Thursday, a Monday
    assert struck(edit, st_jean) and not page.is_allowed(st_jean)
    assert not struck(edit, us_july_4th) and page.is_allowed(us_july_4th)
    widget(wiz, Step.REVIEW, "foc_specific").click()
    edit.setDate(QDate(2027, 6, 24))
    assert wiz.order.requested_foc_date == "2027-06-25"
    assert "Saint John the Baptist" in page.ui.foc_note.text()


# --------------------------------------------------------------------------- address page


def test_enter_in_the_paste_box_splits_and_stays_on_the_page(qtbot):
    wiz = open_wizard(qtbot, complete_order(), Step.ADDRESS)  # complete: Next is enabled
    paste = widget(wiz, Step.ADDRESS, "address_paste")
    paste.setFocus()
    qtbot.keyClicks(paste, "1200 SW Oak Street Suite 5, Portland, OR 97205")
    qtbot.keyClick(paste, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert wiz.current_step() is Step.ADDRESS
    sa = wiz.order.service_address
    assert (sa.street_number, sa.pre_direction, sa.street_name, sa.city) == (
        "1200", "SW", "Oak Street", "Portland")
    qtbot.keyClick(paste, Qt.Key.Key_Enter)  # the keypad's Enter too
    qtbot.wait(20)
    assert wiz.current_step() is Step.ADDRESS


def test_a_po_box_split_clears_the_old_street_number(qtbot):
    wiz = open_wizard(qtbot, complete_order(), Step.ADDRESS)
    assert wiz.order.service_address.street_number == "100"
    paste = widget(wiz, Step.ADDRESS, "address_paste")
    paste.setFocus()
    qtbot.keyClicks(paste, "PO Box 123, Springfield, IL 62701")
    qtbot.keyClick(paste, Qt.Key.Key_Return)
    sa = wiz.order.service_address
    assert (sa.street_number, sa.street_name, sa.city) == ("", "PO Box 123", "Springfield")
    assert widget(wiz, Step.ADDRESS, "service_address.street_number").text() == ""
    assert "PO Box" in widget(wiz, Step.ADDRESS, "split_notes").text()
    assert wiz.current_step() is Step.ADDRESS


# --------------------------------------------------------------------------- carrier page


def at_carrier(qtbot) -> PortWizard:
    return open_wizard(qtbot, Order(numbers=["+12125550123"]), Step.CARRIER)


def test_a_name_that_is_two_companies_is_asked_about_not_picked(qtbot):
    from wizard_kit import click, next_button, settle, type_into

    wiz = at_carrier(qtbot)
    page = wiz.page_for(Step.CARRIER)
    type_into(wiz, Step.CARRIER, "carrier.name", "AT&T")
    settle(wiz, qtbot)
    choice = widget(wiz, Step.CARRIER, "carrier_choice")
    assert choice.isVisible()
    wireless = widget(wiz, Step.CARRIER, "carrier_choice=att-wireless")
    landline = widget(wiz, Step.CARRIER, "carrier_choice=att-landline")
    assert wireless.text() == "AT&&T Wireless (mobile phones)"  # "&&": shown as one "&"
    assert landline.accessibleName() == "AT&T (landline / business phone)"
    assert not wireless.isChecked() and not landline.isChecked()
    guidance = widget(wiz, Step.CARRIER, "guidance").text()
    assert "more than one company" in guidance and "mobile" not in guidance
    # said, not silently picked: an old draft naming just "AT&T" must still open
    assert page.hint.text() == ("Choose which company sends your bill (under the carrier's "
                                "name); until you do, the next steps assume AT&T Wireless.")

    click(wiz, Step.CARRIER, "carrier_choice=att-landline")
    settle(wiz, qtbot)
    assert wiz.order.carrier.name == "AT&T (landline / business phone)"
    assert widget(wiz, Step.CARRIER, "carrier.name").text() == wiz.order.carrier.name
    assert choice.isVisible() and landline.isChecked()  # the answer stays in view
    assert "landline" in widget(wiz, Step.CARRIER, "guidance").text()
    assert not page.hint.isVisible()
    assert next_button(wiz).isEnabled()

    type_into(wiz, Step.CARRIER, "carrier.name", "Google Voice")  # one company: no question
    settle(wiz, qtbot)
    assert not choice.isVisible()


def test_the_carrier_suggestions_pop_up_from_the_first_letter(qtbot):
    wiz = at_carrier(qtbot)
    page = wiz.page_for(Step.CARRIER)
    field = widget(wiz, Step.CARRIER, "carrier.name")
    field.setFocus()
    qtbot.keyClicks(field, "v")
    popup = page.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    shown = [page.completer.completionModel().index(r, 0).data()
             for r in range(page.completer.completionModel().rowCount())]
    assert shown[0] == "Verizon Wireless" and "Verizon Fios / landline" in shown
    qtbot.keyClicks(field, "ERIZ")  # case does not matter
    shown = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert shown[:2] == ["Verizon Wireless", "Verizon Fios / landline"]
    assert popup.isVisible()


# --------------------------------------------------------------------------- review page


def at_review(qtbot, order: Order | None = None) -> PortWizard:
    wiz = open_wizard(qtbot, order or complete_order(), Step.REVIEW)
    wiz.resize(900, 680)
    page = wiz.page_for(Step.REVIEW)
    qtbot.waitUntil(lambda: page.full is not None, timeout=15_000)  # the document check
    qtbot.wait(20)
    return wiz


def test_contact_details_say_they_are_needed_and_are_checked_on_the_spot(qtbot):
    from wizard_kit import settle, type_into

    wiz = at_review(qtbot)
    page = wiz.page_for(Step.REVIEW)
    box = widget(wiz, Step.REVIEW, "contact_box")
    assert box.isVisible() and box.title() == "How your new provider reaches you"
    intro = widget(wiz, Step.REVIEW, "contact_intro").text()
    assert intro.startswith("Contact e-mail or phone (one is needed so the provider can reach you")
    for path in ("contact.name", "contact.email", "contact.phone"):
        field = widget(wiz, Step.REVIEW, path)
        assert "optional" not in (field.placeholderText() + field.accessibleName()).lower()
    assert "needed" in widget(wiz, Step.REVIEW, "contact.email").accessibleName()
    # inline, under the field, as soon as it is touched
    type_into(wiz, Step.REVIEW, "contact.email", "pat@")
    settle(wiz, qtbot)
    assert "not an e-mail address" in page.binder.message_text("contact.email")
    type_into(wiz, Step.REVIEW, "contact.email", "")
    settle(wiz, qtbot)
    assert "no way for your new provider to reach you" in page.binder.message_text("contact.email")
    type_into(wiz, Step.REVIEW, "contact.phone", "(212) 555-0150")
    settle(wiz, qtbot)
    assert page.binder.message_text("contact.email") == ""


def test_fixing_a_checklist_item_moves_nothing_below_it(qtbot):
    from wizard_kit import settle, type_into

    wiz = at_review(qtbot)
    page = wiz.page_for(Step.REVIEW)
    checklist = widget(wiz, Step.REVIEW, "checklist")
    contents = page.ui.summary_contents
    email = widget(wiz, Step.REVIEW, "contact.email")
    assert "There is no way for your new provider to reach you" in checklist.text()

    def places():
        return (checklist.geometry().top(), checklist.height(),
                email.mapTo(contents, email.rect().topLeft()).y(),
                page.ui.summary.mapTo(contents, page.ui.summary.rect().topLeft()).y())

    before = places()
    type_into(wiz, Step.REVIEW, "contact.email", "pat@example.com")
    settle(wiz, qtbot)
    qtbot.wait(50)  # layouts settle
    assert "Fixed: There is no way for your new provider to reach you" in checklist.text()
    assert "1 fixed" in checklist.text()
    assert places() == before
    assert email.hasFocus()

    page.on_enter()  # coming back later: a fresh list without the ticked-off rows
    qtbot.wait(50)
    assert "Fixed:" not in checklist.text()
