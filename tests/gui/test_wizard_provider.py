"""The wizard follows the chosen provider's profile: the signer's e-mail and Twilio's e-mailed
LOA, the port time for Telnyx, and the portability check on the numbers page."""
from __future__ import annotations

import datetime as _dt

import pytest
from PySide6.QtWidgets import QWidget

from portwizard.endpoint.errors import Unavailable
from portwizard.endpoint.providers.base import PortabilityResult
from portwizard.flow import Step
from portwizard.gui.mnemonics import mnemonic_clashes
from portwizard.gui.pages import numbers as numbers_page
from portwizard.gui.wizard import PortWizard
from wizard_kit import WAIT, next_button, settle, type_into, widget

pytestmark = pytest.mark.gui


def choose_provider(app, provider: str) -> None:
    app.settings.provider = provider
    app.settings.endpoint_url = "sandbox"  # telnyx/twilio: their official address


def open_wizard(qtbot, app, order=None) -> PortWizard:
    wiz = PortWizard(order, services=app)
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    qtbot.waitExposed(wiz)
    return wiz


def twilio_ready(order):
    order.carrier.authorized_email = "pat@example.com"
    order.requested_foc_date = None
    return order


# --------------------------------------------------------------------------- the signer's e-mail


def test_the_signers_email_is_asked_only_when_the_provider_needs_it(qtbot, app, tmp_path):
    from orderkit import valid_order

    app.check_portability = lambda numbers: []  # Twilio's answers are not the point here
    for provider, shown in (("sandbox", False), ("twilio", True)):
        choose_provider(app, provider)
        order = valid_order(tmp_path / provider)
        order.contact.name = "Front desk"  # not the signer: the contact's e-mail won't do
        wiz = open_wizard(qtbot, app, order)
        assert wiz.goto_step(Step.ACCOUNT)
        email = widget(wiz, Step.ACCOUNT, "carrier.authorized_email")
        assert email.isVisible() is shown, provider
        assert next_button(wiz).isEnabled() is not shown  # Twilio: the e-mail is missing
        assert mnemonic_clashes(wiz) == []
        if shown:
            wiz.page_for(Step.ACCOUNT).binder.reveal_all()
            settle(wiz, qtbot)
            message = wiz.page_for(Step.ACCOUNT).findChild(
                QWidget, "carrier.authorized_email.message")
            assert message is not None and message.isVisible()
            assert "Twilio e-mails the Letter of Authorization" in message.text()
            type_into(wiz, Step.ACCOUNT, "carrier.authorized_email", "pat@example.com")
            settle(wiz, qtbot)
            qtbot.waitUntil(next_button(wiz).isEnabled, timeout=WAIT)
            assert wiz.order.carrier.authorized_email == "pat@example.com"
        wiz.reject()


# --------------------------------------------------------------------------- Twilio's LOA


def test_with_twilio_the_documents_page_says_the_loa_is_emailed_and_needs_only_the_bill(
        qtbot, app, tmp_path):
    from orderkit import valid_order

    choose_provider(app, "twilio")
    app.check_portability = lambda numbers: []
    order = twilio_ready(valid_order(tmp_path))
    order.documents.loa = ""  # nothing signed here
    wiz = open_wizard(qtbot, app, order)
    assert wiz.goto_step(Step.DOCUMENTS)
    page = wiz.page_for(Step.DOCUMENTS)
    intro = page.ui.loa_intro.text()
    assert "Twilio writes the Letter of Authorization" in intro
    assert "Pat Smith (pat@example.com)" in intro and "only your bill is sent" in intro
    for name in ("loa_mode", "generate_loa", "save_unsigned", "choose_loa", "loa_status"):
        assert not getattr(page.ui, name).isVisible(), name
    assert page.pad is None  # the signature pad is not even built
    qtbot.waitUntil(next_button(wiz).isEnabled, timeout=WAIT)
    assert mnemonic_clashes(wiz) == []
    wiz.next()
    assert wiz.current_step() is Step.REVIEW
    review = wiz.page_for(Step.REVIEW)
    qtbot.waitUntil(lambda: review.full is not None, timeout=WAIT)
    assert "Twilio e-mails it to the signer" in review.ui.summary.text()
    qtbot.waitUntil(next_button(wiz).isEnabled, timeout=WAIT)  # nothing blocks the order


def test_twilio_dates_start_a_week_out(qtbot, app, tmp_path):
    from orderkit import valid_order

    choose_provider(app, "twilio")
    app.settings.foc_lead_business_days = 1
    app.check_portability = lambda numbers: []
    wiz = open_wizard(qtbot, app, twilio_ready(valid_order(tmp_path)))
    assert wiz.goto_step(Step.REVIEW)
    page = wiz.page_for(Step.REVIEW)
    assert page.allowed and page.allowed[0] >= _dt.date.today() + _dt.timedelta(days=7)
    assert "Twilio needs the date at least 7 days ahead" in page.ui.foc_note.text()
    assert not page.ui.requested_foc_time.isVisible()  # Twilio takes a day, not a time


def test_telnyx_offers_a_preferred_time_once_a_date_is_chosen(qtbot, app, tmp_path):
    from orderkit import valid_order

    choose_provider(app, "telnyx")
    app.check_portability = lambda numbers: []
    wiz = open_wizard(qtbot, app, valid_order(tmp_path))
    assert wiz.goto_step(Step.REVIEW)
    page = wiz.page_for(Step.REVIEW)
    time, zone = page.ui.requested_foc_time, page.ui.requested_foc_timezone
    assert time.isVisible() and not time.isEnabled()
    page.ui.foc_specific.setChecked(True)
    assert time.isEnabled() and zone.isEnabled()
    time.setCurrentIndex(time.findData("09:30"))
    settle(wiz, qtbot)
    assert wiz.order.requested_foc_time == "09:30"
    assert any(f.code == "foc.timezone_missing" for f in page.findings)
    zone.setCurrentIndex(zone.findData("America/New_York"))
    settle(wiz, qtbot)
    assert wiz.order.requested_foc_timezone == "America/New_York"
    assert not any(f.field.startswith("requested_foc_t") for f in page.findings)
    assert mnemonic_clashes(wiz) == []
    page.ui.foc_specific.setChecked(False)  # no date: no time either
    assert wiz.order.requested_foc_time == ""


# --------------------------------------------------------------------------- portability


def add_numbers(qtbot, wiz, text: str) -> None:
    type_into(wiz, Step.NUMBERS, "numbers", text)
    wiz.page_for(Step.NUMBERS).add_from_box()


def wait_portability(qtbot, wiz) -> None:
    handle = wiz.page_for(Step.NUMBERS).portability_handle
    assert handle is not None
    if not handle.done:
        with qtbot.waitSignal(handle.finished, timeout=WAIT):
            pass


def column(wiz, col: int) -> list[str]:
    table = wiz.page_for(Step.NUMBERS).ui.numbers_table
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_numbers_are_checked_with_the_provider_as_soon_as_they_are_added(qtbot, app):
    choose_provider(app, "telnyx")
    asked: list[list[str]] = []

    def check(numbers):
        asked.append(list(numbers))
        return [PortabilityResult(n, not n.endswith("0199"), n.endswith("0127"),
                                  "" if not n.endswith("0199") else "no coverage")
                for n in numbers]

    app.check_portability = check
    wiz = open_wizard(qtbot, app)
    qtbot.waitUntil(lambda: wiz._ready, timeout=WAIT)
    add_numbers(qtbot, wiz, "(212) 555-0123\n212-555-0127")
    page = wiz.page_for(Step.NUMBERS)
    assert not page.ui.numbers_table.isColumnHidden(numbers_page.PORTABILITY_COLUMN)
    assert column(wiz, numbers_page.PORTABILITY_COLUMN) == [numbers_page.CHECKING] * 2
    wait_portability(qtbot, wiz)
    assert column(wiz, numbers_page.PORTABILITY_COLUMN) == ["Portable",
                                                            "Portable, fast (FastPort)"]
    assert next_button(wiz).isEnabled()
    add_numbers(qtbot, wiz, "2125550199")
    wait_portability(qtbot, wiz)
    assert asked == [["+12125550123", "+12125550127"], ["+12125550199"]]  # each once
    assert column(wiz, numbers_page.PORTABILITY_COLUMN)[2] == "Not portable: no coverage"
    check_text = column(wiz, 2)[2]
    assert check_text.startswith("Telnyx says it cannot take (212) 555-0199: no coverage.")
    assert "Remove it" in check_text
    assert not next_button(wiz).isEnabled()  # a number the provider refused blocks
    page.remove_at(2)
    assert next_button(wiz).isEnabled()
    assert mnemonic_clashes(wiz) == []


def test_without_an_answer_the_numbers_say_so_quietly_and_nothing_blocks(qtbot, app):
    choose_provider(app, "twilio")
    calls = []

    def offline(numbers):
        calls.append(list(numbers))
        raise Unavailable("The provider at numbers.twilio.com did not answer.")

    app.check_portability = offline
    wiz = open_wizard(qtbot, app)
    qtbot.waitUntil(lambda: wiz._ready, timeout=WAIT)
    add_numbers(qtbot, wiz, "(212) 555-0123")
    wait_portability(qtbot, wiz)
    page = wiz.page_for(Step.NUMBERS)
    assert column(wiz, numbers_page.PORTABILITY_COLUMN) == [numbers_page.NOT_CHECKED]
    assert column(wiz, 2) == ["OK"]
    assert next_button(wiz).isEnabled()
    page.refresh()  # not asked again during this visit
    assert len(calls) == 1
    page.on_enter()  # coming back to the page asks once more
    wait_portability(qtbot, wiz)
    assert len(calls) == 2


def test_no_portability_column_with_a_provider_that_has_no_check(qtbot, app):
    asked = []
    app.check_portability = lambda numbers: asked.append(numbers) or []
    wiz = open_wizard(qtbot, app)  # the practice sandbox
    qtbot.waitUntil(lambda: wiz._ready, timeout=WAIT)
    add_numbers(qtbot, wiz, "(212) 555-0123")
    page = wiz.page_for(Step.NUMBERS)
    assert page.ui.numbers_table.isColumnHidden(numbers_page.PORTABILITY_COLUMN)
    assert page.portability_handle is None and asked == []
