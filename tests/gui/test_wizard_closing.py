"""Closing the wizard never loses or half-does anything: not while the order is being sent,
not with numbers still in the paste box, not a resumed draft, not when the save failed."""
from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWizard

from portwizard.flow import Step
from portwizard.gui.autosave import DraftAutosaver
from portwizard.gui.wizard import PortWizard
from wizard_kit import WAIT, click, type_into, widget

pytestmark = pytest.mark.gui


def cancel(wiz) -> QWizard.WizardButton:
    return wiz.button(QWizard.WizardButton.CancelButton)


def test_cancel_and_escape_are_refused_while_the_order_is_being_sent(qtbot, services, monkeypatch):
    from portwizard.gui.pages import submit

    release = threading.Event()
    sent = []

    def slow_submit(_services, order, draft_id):
        assert release.wait(10), "the test never released the send"
        sent.append(draft_id)
        return SimpleNamespace(outcome="sent", ok=True, remote_id="R-0001", order_id="O-0001",
                               message="", findings=[])

    monkeypatch.setattr(submit, "submit_order", slow_submit)
    wiz = PortWizard(services=services)
    qtbot.addWidget(wiz)
    DraftAutosaver(wiz, services.store)
    asked = []
    wiz.ask_close = lambda: asked.append(1) or "discard"
    wiz.show()
    type_into(wiz, Step.NUMBERS, "numbers", "(212) 555-0123")
    click(wiz, Step.NUMBERS, "add_numbers")
    page = wiz.page_for(Step.SUBMIT)
    try:
        page.send()
        assert page.sending()
        assert not cancel(wiz).isEnabled()
        # Escape (and the window's close box) reach reject(): refused, with the reason shown
        QTest.keyClick(wiz, Qt.Key.Key_Escape)
        wiz.reject()
        assert wiz.isVisible()
        assert asked == []  # no Keep/Discard question while sending
        assert "Sending… please wait" in widget(wiz, Step.SUBMIT, "submit_status").text()
        assert services.store.latest_draft() is not None  # the draft was not discarded
    finally:
        release.set()
    with qtbot.waitSignal(wiz.submitted, timeout=WAIT) as got:
        pass
    assert got.args == ["O-0001"] and len(sent) == 1


def test_cancel_comes_back_when_sending_failed(qtbot, services, monkeypatch):
    from portwizard.gui.pages import submit

    release = threading.Event()

    def failing_submit(_services, order, draft_id):
        release.wait(10)
        raise OSError("network is down")

    monkeypatch.setattr(submit, "submit_order", failing_submit)
    wiz = PortWizard(services=services)
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "keep"
    wiz.show()
    page = wiz.page_for(Step.SUBMIT)
    page.send()
    assert not cancel(wiz).isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not page.sending(), timeout=WAIT)
    qtbot.waitUntil(cancel(wiz).isEnabled, timeout=WAIT)
    assert "network is down" in widget(wiz, Step.SUBMIT, "submit_status").text()
    wiz.reject()
    assert not wiz.isVisible()


def test_numbers_pasted_but_not_added_make_cancel_ask_and_are_kept(qtbot, services):
    wiz = PortWizard(services=services)
    qtbot.addWidget(wiz)
    DraftAutosaver(wiz, services.store, interval_ms=60_000)  # only the close path saves
    asked = []
    wiz.ask_close = lambda: asked.append(1) or "keep"
    wiz.show()
    type_into(wiz, Step.NUMBERS, "numbers", "(212) 555-0123\n212-555-0124")  # no "Add"
    assert wiz.dirty
    cancel(wiz).click()
    assert asked == [1]  # Cancel asked instead of silently closing
    assert not wiz.isVisible()
    info = services.store.latest_draft()
    assert info is not None
    assert services.store.load_draft(info.id).numbers == ["+12125550123", "+12125550124"]


def test_hiding_the_wizard_saves_numbers_left_in_the_box(qtbot, services):
    wiz = PortWizard(services=services)
    qtbot.addWidget(wiz)
    DraftAutosaver(wiz, services.store, interval_ms=60_000)
    wiz.show()
    type_into(wiz, Step.NUMBERS, "numbers", "212-555-0125")
    wiz.hide()  # e.g. the main window closing it: the autosaver flushes on Hide
    info = services.store.latest_draft()
    assert info is not None and services.store.load_draft(info.id).numbers == ["+12125550125"]


def test_discard_on_a_resumed_draft_undoes_only_this_session(qtbot, services):
    from portwizard.domain.order import Order

    saved = Order()
    saved.numbers = ["+12125550123"]
    saved.carrier.name = "Spectrum"
    saved.carrier.pin = "1234"
    draft_id = services.store.save_draft(saved, step="account")
    wiz = PortWizard(services.store.load_draft(draft_id), services=services, draft_id=draft_id)
    qtbot.addWidget(wiz)
    saver = DraftAutosaver(wiz, services.store, draft_id, interval_ms=50)
    words = wiz.close_prompt()
    assert words["discard"] == "Discard the changes made now"
    assert "as it was when you opened it" in words["info"]
    wiz.ask_close = lambda: "discard"
    wiz.show()
    type_into(wiz, Step.NUMBERS, "numbers", "212-555-0124")
    click(wiz, Step.NUMBERS, "add_numbers")
    click(wiz, Step.NUMBERS, "numbers[0].remove")
    qtbot.waitUntil(lambda: services.store.load_draft(draft_id).numbers == ["+12125550124"],
                    timeout=WAIT)  # autosaved meanwhile
    assert saver.save_count >= 1
    cancel(wiz).click()
    assert not wiz.isVisible()
    again = services.store.load_draft(draft_id)  # still there, as it was when opened
    assert again.numbers == ["+12125550123"]
    assert again.carrier.name == "Spectrum" and again.carrier.pin == "1234"


def test_discard_on_a_new_order_deletes_it_and_says_so(qtbot, services):
    wiz = PortWizard(services=services)
    qtbot.addWidget(wiz)
    DraftAutosaver(wiz, services.store, interval_ms=50)
    assert wiz.close_prompt()["discard"] == "Discard this order"
    wiz.ask_close = lambda: "discard"
    wiz.show()
    type_into(wiz, Step.NUMBERS, "numbers", "212-555-0124")
    click(wiz, Step.NUMBERS, "add_numbers")
    qtbot.waitUntil(lambda: services.store.latest_draft() is not None, timeout=WAIT)
    cancel(wiz).click()
    assert services.store.list_drafts() == []


class FlakyStore:
    """The real store, except that saving fails while ``fail`` is set (a full disk)."""

    def __init__(self, real):
        self.real, self.fail = real, True

    def save_draft(self, order, draft_id=None, *, step=None):
        if self.fail:
            raise OSError("the disk is full")
        return self.real.save_draft(order, draft_id, step=step)


def test_keep_as_draft_stays_open_and_says_so_when_the_save_fails(qtbot, services):
    flaky = FlakyStore(services.store)
    wiz = PortWizard(services=services)
    qtbot.addWidget(wiz)
    DraftAutosaver(wiz, flaky, interval_ms=60_000)
    told = []
    wiz.tell = lambda title, message: told.append((title, message))
    wiz.ask_close = lambda: "keep"
    wiz.show()
    type_into(wiz, Step.NUMBERS, "numbers", "212-555-0124")
    click(wiz, Step.NUMBERS, "add_numbers")
    cancel(wiz).click()
    assert wiz.isVisible()  # not closed: the typing would be lost
    assert len(told) == 1 and "disk is full" in told[0][1] and "stays open" in told[0][1]
    assert wiz.dirty and services.store.list_drafts() == []
    flaky.fail = False
    cancel(wiz).click()
    assert not wiz.isVisible()
    assert services.store.load_draft(services.store.latest_draft().id).numbers == ["+12125550124"]
