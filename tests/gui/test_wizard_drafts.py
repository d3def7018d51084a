"""Drafts survive the wizard: autosave (gui-shell's DraftAutosaver) while typing, destroy
the wizard mid-way, restore the draft into a new wizard that opens where the user was."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from portwizard.flow import Step
from portwizard.gui.autosave import DraftAutosaver
from portwizard.gui.wizard import PortWizard
from wizard_kit import click, go_next, type_into, widget, wizard_with_a_number

pytestmark = pytest.mark.gui


def test_draft_restored_after_the_wizard_is_destroyed_mid_way(qtbot, services):
    wiz = PortWizard(services=services)  # not given to qtbot: this test destroys it
    wiz.ask_close = lambda: "keep"
    saver = DraftAutosaver(wiz, services.store)
    wiz.show()
    type_into(wiz, Step.NUMBERS, "numbers", "(212) 555-0123")
    go_next(wiz, qtbot, Step.CARRIER)
    type_into(wiz, Step.CARRIER, "carrier.name", "Spectrum")
    go_next(wiz, qtbot, Step.TARGET)
    wiz.page_for(Step.TARGET).choose_new()
    type_into(wiz, Step.TARGET, "target.label", "Branch office")
    go_next(wiz, qtbot, Step.ACCOUNT)
    type_into(wiz, Step.ACCOUNT, "carrier.customer_name", "Acme Dental")
    type_into(wiz, Step.ACCOUNT, "carrier.pin", "1234")
    # the autosaver saves within about half a second of the last keystroke
    qtbot.waitUntil(lambda: services.store.latest_draft() is not None and
                    services.store.load_draft(services.store.latest_draft().id).carrier.pin == "1234",
                    timeout=5000)
    # destroyed without any goodbye (no Cancel, no close event)
    saver.stop(flush=False)
    destroyed = []
    wiz.destroyed.connect(lambda *_: destroyed.append(1))
    wiz.deleteLater()
    del wiz
    qtbot.waitUntil(lambda: bool(destroyed), timeout=2000)

    info = services.store.latest_draft()
    order = services.store.load_draft(info.id)
    again = PortWizard(order, services=services, draft_id=info.id)
    qtbot.addWidget(again)
    again.ask_close = lambda: "keep"
    again.resume()  # the main window resumes before it shows the wizard
    again.show()
    assert again.current_step() is Step.ACCOUNT  # the first step that still needs something
    assert widget(again, Step.ACCOUNT, "carrier.customer_name").text() == "Acme Dental"
    assert widget(again, Step.ACCOUNT, "carrier.pin").text() == "1234"
    assert again.order.numbers == ["+12125550123"]
    assert again.order.target.label == "Branch office"
    # Back shows the earlier answers too
    again.back()
    assert widget(again, Step.TARGET, "target.label").text() == "Branch office"


def test_cancel_keep_as_draft_and_discard(qtbot, services):
    wiz = wizard_with_a_number(qtbot, services)
    wiz.button(QWizard.WizardButton.CancelButton).click()
    assert not wiz.isVisible()
    info = services.store.latest_draft()
    assert info is not None and wiz.draft_id == info.id
    assert services.store.load_draft(info.id).numbers == ["+12125550123"]

    other = PortWizard(services.store.load_draft(info.id), services=services, draft_id=info.id)
    qtbot.addWidget(other)
    other.show()
    click(other, Step.NUMBERS, "numbers[0].remove")
    other.ask_close = lambda: "discard"
    other.button(QWizard.WizardButton.CancelButton).click()
    # a resumed draft: "Discard" undoes this session's change, the saved draft stays
    assert [d.id for d in services.store.list_drafts()] == [info.id]
    assert services.store.load_draft(info.id).numbers == ["+12125550123"]


def test_main_window_opens_the_real_wizard_and_resumes_its_draft(qtbot, services):
    from portwizard.gui.dashboard.window import MainWindow

    win = MainWindow(services, background=False)
    qtbot.addWidget(win)
    win.show()
    wiz = win.new_order()
    assert isinstance(wiz, PortWizard)
    wiz.ask_close = lambda: "keep"
    qtbot.waitUntil(wiz.isVisible, timeout=5000)
    type_into(wiz, Step.NUMBERS, "numbers", "(212) 555-0123")
    go_next(wiz, qtbot, Step.CARRIER)
    type_into(wiz, Step.CARRIER, "carrier.name", "Spectrum")
    go_next(wiz, qtbot, Step.TARGET)
    wiz.button(QWizard.WizardButton.CancelButton).click()  # "Keep as draft"
    qtbot.waitUntil(lambda: services.store.latest_draft() is not None, timeout=5000)
    info = services.store.latest_draft()
    assert services.store.load_draft(info.id).carrier.name == "Spectrum"  # as typed
    qtbot.waitUntil(lambda: win.current_wizard() is None, timeout=5000)
    win.resume(info.id)  # the draft and its PIN are read on a worker
    qtbot.waitUntil(lambda: win.current_wizard() is not None, timeout=5000)
    again = win.current_wizard()
    assert isinstance(again, PortWizard)
    again.ask_close = lambda: "keep"
    qtbot.waitUntil(again.isVisible, timeout=5000)
    assert again.current_step() is Step.TARGET
    assert again.order.numbers == ["+12125550123"]
    again.button(QWizard.WizardButton.CancelButton).click()
