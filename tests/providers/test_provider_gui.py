"""End to end with Telnyx and Twilio through the REAL main window and wizard: the settings
choose the provider at its fake's loopback address, New order opens the real PortWizard, its
pages are filled by objectName (the numbers page shows the provider's portability answer),
the submit page sends, the window lists the order and refreshes it until it is completed on
the fake's fast clock. The fakes check every request and answer against the published
descriptions (skipped, or failed in CI, when ../shared/provider-specs is absent)."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gui"))

from fake_telnyx import FAKE_TELNYX_KEY  # noqa: E402
from orderkit import make_app  # noqa: E402
from portwizard import secrets  # noqa: E402
from portwizard.flow import Step  # noqa: E402
from portwizard.gui.dashboard.models import ID_ROLE, STATUS_ROLE  # noqa: E402
from portwizard.gui.dashboard.window import MainWindow  # noqa: E402
from portwizard.gui.pages import numbers as numbers_page  # noqa: E402
from portwizard.settings import Settings  # noqa: E402
from wizard_kit import (  # noqa: E402
    WAIT, choose, click, draw_signature, go_next, make_invoice, next_button, settle, type_into,
    widget,
)

pytestmark = [pytest.mark.gui, pytest.mark.http, pytest.mark.timeout(60)]


# --------------------------------------------------------------------------- set-up


@pytest.fixture
def messages(monkeypatch):
    """The main window's message seams (tests/gui's ``dialogs`` does not reach here): every
    message is recorded; a question fails the test instead of waiting for a click."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(MainWindow, "inform",
                        lambda self, title, text, kind="information": shown.append((title, text)))

    def ask(self, title, text, *a, **k):
        pytest.fail(f"unexpected question {title!r}: {text!r}", pytrace=False)

    monkeypatch.setattr(MainWindow, "ask", ask)
    monkeypatch.setattr(MainWindow, "ask_include_pin", lambda self: ask(self, "PIN", ""))
    monkeypatch.setattr(MainWindow, "choose_path", lambda self, *a: ask(self, "path", str(a)))
    return shown


@pytest.fixture
def window(qtbot, messages):
    made = []

    def make(app):
        win = MainWindow(app, background=False, check_unfinished=False)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        wait_loaded(qtbot, win)
        return win

    yield make
    for win in made:
        wiz = win.current_wizard()
        if wiz is not None:
            wiz.ask_close = lambda: "discard"
        win.controller.stop()


@pytest.fixture
def provider_app(tmp_path, memory_secrets):
    """``provider_app(provider, fake, credential)`` -> an App whose settings choose that
    provider at the fake's loopback address, the credential in the memory password store."""
    made = []

    def make(provider: str, fake, credential: str):
        memory_secrets.set(secrets.provider_token_key(provider, fake.url), credential)
        settings = Settings(provider=provider, endpoint_url=fake.url,
                            provider_name=provider.title())
        app = make_app(tmp_path / "home", fake.url, secrets=memory_secrets, token=None,
                       settings=settings)
        made.append(app)
        return app

    yield make
    for app in made:
        app.close()


@pytest.fixture
def twilio(memory_secrets):
    from fake_twilio import FakeTwilio, require_spec

    require_spec()
    started = []

    def start(**kwargs):
        fake = FakeTwilio(**kwargs).start()
        started.append(fake)
        return fake

    yield start
    for fake in started:
        fake.stop()
    for fake in started:
        assert fake.violations == [], fake.violations[:5]


# --------------------------------------------------------------------------- helpers


def wait_loaded(qtbot, win) -> None:
    handle = win.model.pending()
    if handle is not None and not handle.done:
        with qtbot.waitSignal(handle.finished, timeout=WAIT):
            pass


def rows(win) -> list[tuple[str, str]]:
    """(id, status word) of every listed row."""
    return [(win.model.index(r, 0).data(ID_ROLE), win.model.index(r, 0).data(STATUS_ROLE))
            for r in range(win.model.rowCount())]


def refresh_until(qtbot, win, order_id: str, wanted: str, timeout: float = 15.0) -> None:
    """Press Refresh (the controller's sync on a worker) until the order's row says wanted."""
    deadline = time.monotonic() + timeout
    seen = None
    while time.monotonic() < deadline:
        with qtbot.waitSignal(win.controller.syncFinished, timeout=WAIT):
            win.refresh_now()
        wait_loaded(qtbot, win)
        qtbot.wait(20)
        wait_loaded(qtbot, win)
        seen = dict(rows(win)).get(order_id)
        if seen == wanted:
            return
        qtbot.wait(50)
    raise AssertionError(f"{order_id} never reached {wanted!r} in the window (last: {seen!r})")


def portability_column(wiz) -> list[str]:
    table = wiz.page_for(Step.NUMBERS).ui.numbers_table
    return [table.item(r, numbers_page.PORTABILITY_COLUMN).text() for r in range(table.rowCount())]


def open_new_order(qtbot, win):
    win.new_order()
    wiz = win.current_wizard()
    assert wiz is not None
    wiz.ask_close = lambda: "discard"
    wiz.ask_open_file = lambda *a: ""
    qtbot.waitExposed(wiz)
    qtbot.waitUntil(lambda: wiz._ready, timeout=WAIT)
    return wiz


def fill_numbers(qtbot, wiz, typed: str, expected: list[str]) -> None:
    assert wiz.current_step() is Step.NUMBERS
    type_into(wiz, Step.NUMBERS, "numbers", typed)
    click(wiz, Step.NUMBERS, "add_numbers")
    assert wiz.order.numbers == expected
    handle = wiz.page_for(Step.NUMBERS).portability_handle
    assert handle is not None, "the provider's portability check did not start"
    qtbot.waitUntil(lambda: handle.done, timeout=WAIT)
    qtbot.waitUntil(lambda: numbers_page.CHECKING not in portability_column(wiz), timeout=WAIT)


def fill_carrier_target_account(qtbot, wiz, *, multi: bool, email: str | None = None) -> None:
    go_next(wiz, qtbot, Step.CARRIER)
    type_into(wiz, Step.CARRIER, "carrier.name", "verizon wireless")
    go_next(wiz, qtbot, Step.TARGET)
    target = wiz.page_for(Step.TARGET)
    lst = widget(wiz, Step.TARGET, "target.account_id")
    qtbot.waitUntil(lambda: lst.count() >= 1 or next_button(wiz).isEnabled(), timeout=WAIT)
    if lst.count() and not next_button(wiz).isEnabled():
        target.choose(0)
    go_next(wiz, qtbot, Step.ACCOUNT)
    click(wiz, Step.ACCOUNT, f"carrier.account_type={'multi-line' if multi else 'single-line'}")
    choose(wiz, Step.ACCOUNT, "carrier.number_type", "business-local")
    type_into(wiz, Step.ACCOUNT, "carrier.customer_name", "Acme Dental")
    type_into(wiz, Step.ACCOUNT, "carrier.authorized_name", "Pat Smith")
    type_into(wiz, Step.ACCOUNT, "carrier.account_number", "123456789")
    type_into(wiz, Step.ACCOUNT, "carrier.btn", "2125550123")
    type_into(wiz, Step.ACCOUNT, "carrier.pin", "7391")
    if email is not None:
        type_into(wiz, Step.ACCOUNT, "carrier.authorized_email", email)
    go_next(wiz, qtbot, Step.ADDRESS)
    type_into(wiz, Step.ADDRESS, "address_paste", "100 N Main St, New York, NY 10001")
    click(wiz, Step.ADDRESS, "split_address")
    go_next(wiz, qtbot, Step.DOCUMENTS)


def attach_bill(qtbot, wiz, tmp_path) -> None:
    page = wiz.page_for(Step.DOCUMENTS)
    invoice = make_invoice(tmp_path / "docs")
    wiz.ask_open_file = lambda *a: str(invoice)
    click(wiz, Step.DOCUMENTS, "choose_invoice")
    assert wiz.order.documents.invoice == str(invoice)
    qtbot.waitUntil(lambda: page._inspect_handle is not None and page._inspect_handle.done,
                    timeout=WAIT)


def review_and_send(qtbot, wiz) -> str:
    go_next(wiz, qtbot, Step.REVIEW)
    review = wiz.page_for(Step.REVIEW)
    qtbot.waitUntil(lambda: review.full is not None, timeout=WAIT)
    type_into(wiz, Step.REVIEW, "contact.name", "Pat Smith")
    type_into(wiz, Step.REVIEW, "contact.email", "pat@example.com")
    settle(wiz, qtbot)
    go_next(wiz, qtbot, Step.SUBMIT)
    with qtbot.waitSignal(wiz.submitted, timeout=WAIT) as sent:
        click(wiz, Step.SUBMIT, "submit_order")
    order_id = sent.args[0]
    assert order_id
    status = widget(wiz, Step.SUBMIT, "submit_status").text()
    assert "Sent" in status, status
    return order_id


def close_wizard(qtbot, win, wiz) -> None:
    wiz.ask_close = lambda: "discard"
    wiz.accept()
    qtbot.waitUntil(lambda: win.current_wizard() is None, timeout=WAIT)


def listed_once(qtbot, win, order_id: str) -> None:
    win.refresh_list()
    wait_loaded(qtbot, win)
    qtbot.waitUntil(lambda: [i for i, _ in rows(win)].count(order_id) == 1, timeout=WAIT)
    assert [i for i, _ in rows(win)] == [order_id], rows(win)  # the draft became the order


def detail_numbers(qtbot, win, order_id: str) -> dict[str, str]:
    row = win.model.row_of(order_id)
    win.table.selectRow(row)
    detail = win.detail
    qtbot.waitUntil(lambda: detail.current_order_id() == order_id
                    and detail.detail() is not None
                    and detail.detail().record.id == order_id, timeout=WAIT)
    table = detail._numbers
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=WAIT)
    return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}


# --------------------------------------------------------------------------- Telnyx


@pytest.mark.parametrize("typed, expected", [
    ("212-555-0123", ["+12125550123"]),
    ("212-555-0123\n312-555-0124", ["+12125550123", "+13125550124"]),  # the fake splits
], ids=["one-number", "split"])
def test_telnyx_order_through_the_window_to_completed(qtbot, tmp_path, fake_telnyx, provider_app,
                                                      window, messages, typed, expected):
    fake = fake_telnyx(seconds_per_day=0.4)
    app = provider_app("telnyx", fake, FAKE_TELNYX_KEY)
    assert app.provider == "telnyx" and app.endpoint == fake.url
    win = window(app)
    assert "Telnyx" in win.subtitle.text()

    wiz = open_new_order(qtbot, win)
    fill_numbers(qtbot, wiz, typed, expected)
    assert portability_column(wiz) == ["Portable"] * len(expected)  # the fake's answer
    assert ("POST", "/v2/portability_checks") in fake.requests
    fill_carrier_target_account(qtbot, wiz, multi=len(expected) > 1)
    # Telnyx gets our signed LOA and the bill
    draw_signature(widget(wiz, Step.DOCUMENTS, "signature"))
    click(wiz, Step.DOCUMENTS, "generate_loa")
    qtbot.waitUntil(lambda: bool(wiz.order.documents.loa), timeout=WAIT)
    attach_bill(qtbot, wiz, tmp_path)
    order_id = review_and_send(qtbot, wiz)
    close_wizard(qtbot, win, wiz)

    assert fake.created_count(order_id) == 1
    assert len(fake.orders) == len({n[:5] for n in expected})  # one part per area code
    assert sum(1 for m, p in fake.requests if p.endswith("/actions/confirm")) == len(fake.orders)
    listed_once(qtbot, win, order_id)

    refresh_until(qtbot, win, order_id, "completed")
    assert [i for i, _ in rows(win)] == [order_id]  # still ONE row, however many parts
    per_number = detail_numbers(qtbot, win, order_id)
    assert set(per_number) == {f"({n[2:5]}) {n[5:8]}-{n[8:]}" for n in expected}, per_number
    assert set(per_number.values()) == {"Done: your numbers have moved"}, per_number
    assert win.detail._status.text() == "Done: your numbers have moved"
    assert messages == []  # nothing went wrong along the way
    record = app.store.get_order(order_id)
    assert record.status == "completed"
    if len(expected) > 1:
        assert len(record.remote_state["parts"]) == 2
        assert {n["number"] for n in record.remote_state["numbers"]} == set(expected)


# --------------------------------------------------------------------------- Twilio


def test_twilio_order_through_the_window_waits_for_the_signature_then_completes(
        qtbot, tmp_path, twilio, provider_app, window, messages):
    from fake_twilio import FAKE_CREDENTIAL

    fake = twilio(seconds_per_day=0.3)
    app = provider_app("twilio", fake, FAKE_CREDENTIAL)
    app.settings.foc_lead_business_days = 1
    win = window(app)

    wiz = open_new_order(qtbot, win)
    fill_numbers(qtbot, wiz, "212-555-0123", ["+12125550123"])
    assert portability_column(wiz) == ["Portable"]
    # the account page asks for the signer's e-mail (Twilio e-mails the LOA)
    fill_carrier_target_account(qtbot, wiz, multi=False, email="pat@example.com")
    assert wiz.order.carrier.authorized_email == "pat@example.com"
    # the documents page asks only for the bill
    page = wiz.page_for(Step.DOCUMENTS)
    assert "Twilio writes the Letter of Authorization" in page.ui.loa_intro.text()
    assert page.pad is None and not page.ui.generate_loa.isVisible()
    attach_bill(qtbot, wiz, tmp_path)
    order_id = review_and_send(qtbot, wiz)
    close_wizard(qtbot, win, wiz)
    assert fake.created_count() == 1
    listed_once(qtbot, win, order_id)

    refresh_until(qtbot, win, order_id, "awaiting_signature", timeout=8)
    win.set_filter(_attention_group())
    wait_loaded(qtbot, win)
    qtbot.waitUntil(lambda: order_id in [i for i, _ in rows(win)], timeout=WAIT)
    row = win.model.row_of(order_id)
    shown = " ".join(str(win.model.index(row, c).data()) for c in range(win.model.columnCount()))
    assert "Waiting for your signature" in shown, shown
    waiting = detail_numbers(qtbot, win, order_id)
    assert list(waiting) == ["(212) 555-0123"], waiting
    assert win.detail._status.text() == "Waiting for your signature"
    assert "e-mail" in win.detail._next.text(), win.detail._next.text()
    qtbot.wait(700)  # two simulated days later, unsigned: it still waits
    refresh_until(qtbot, win, order_id, "awaiting_signature", timeout=1)

    fake.sign()  # the user signed the e-mail from Twilio
    win.set_filter(None)
    wait_loaded(qtbot, win)
    refresh_until(qtbot, win, order_id, "completed")
    assert [i for i, _ in rows(win)] == [order_id]
    per_number = detail_numbers(qtbot, win, order_id)
    assert per_number == {"(212) 555-0123": "Done: your numbers have moved"}, per_number
    assert messages == []
    assert fake.created_count() == 1


def _attention_group():
    from portwizard.domain import status as st

    return st.Group.ATTENTION
