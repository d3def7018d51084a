"""DraftAutosaver: saves at most every ~500 ms, on close, never the PIN into SQLite."""
from __future__ import annotations

import sqlite3
import time

import pytest
import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from portwizard.domain.order import Order
from portwizard.gui.autosave import DraftAutosaver

pytestmark = pytest.mark.gui


class FakeWizard(QWidget):
    """Just the part of PortWizard the autosaver uses: ``draft_order()`` and ``orderChanged``."""

    orderChanged = Signal()

    def __init__(self, order=None):
        super().__init__()
        self.order = order or Order()
        self.step = "numbers"

    def current_step(self):
        return self.step

    def draft_order(self):
        return self.order

    def type_into(self, path_setter):
        path_setter(self.order)
        self.orderChanged.emit()


def test_change_wait_destroy_reopen_restores(qtbot, services):
    wizard = FakeWizard()
    saver = DraftAutosaver(wizard, services.store, interval_ms=200)
    with qtbot.waitSignal(saver.saved, timeout=3000) as blocker:
        wizard.type_into(lambda o: setattr(o.carrier, "customer_name", "Bright Smile Dental"))
    draft_id = blocker.args[0]
    # The process "dies": the wizard is destroyed without close() or any flush.
    shiboken6.delete(wizard)
    restored = services.store.load_draft(draft_id)
    assert restored.carrier.customer_name == "Bright Smile Dental"
    assert services.store.list_drafts()[0].step == "numbers"


def test_continuous_typing_is_saved_every_interval(qtbot, services):
    wizard = FakeWizard()
    qtbot.addWidget(wizard)
    saver = DraftAutosaver(wizard, services.store, interval_ms=100)
    text = ""
    deadline = time.monotonic() + 0.75
    while time.monotonic() < deadline:  # one keystroke every 20 ms for 0.75 s
        text += "a"
        wizard.type_into(lambda o, t=text: setattr(o.carrier, "customer_name", t))
        qtbot.wait(20)
    # Throttled, not debounced: saves happened while typing went on, not only at the end.
    assert saver.save_count >= 3
    saved = services.store.load_draft(saver.draft_id).carrier.customer_name
    assert len(text) - len(saved) <= 8  # at most ~100 ms (+ a save) of typing behind


def test_many_changes_one_save(qtbot, services):
    wizard = FakeWizard()
    qtbot.addWidget(wizard)
    saver = DraftAutosaver(wizard, services.store, interval_ms=150)
    for digit in "2125550123":
        wizard.type_into(lambda o, d=digit: o.numbers.append(d))
    qtbot.waitUntil(lambda: saver.save_count == 1, timeout=3000)
    qtbot.wait(300)
    assert saver.save_count == 1


def test_close_saves_immediately(qtbot, services):
    wizard = FakeWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    saver = DraftAutosaver(wizard, services.store, interval_ms=60_000)
    wizard.type_into(lambda o: setattr(o.service_address, "city", "Springfield"))
    assert saver.draft_id is None  # the long timer has not fired
    wizard.close()
    assert saver.draft_id is not None
    assert services.store.load_draft(saver.draft_id).service_address.city == "Springfield"


def test_untouched_wizard_leaves_no_draft(qtbot, services):
    wizard = FakeWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    saver = DraftAutosaver(wizard, services.store, interval_ms=50)
    wizard.orderChanged.emit()  # e.g. a page initialising itself with defaults
    qtbot.wait(150)
    wizard.close()
    assert saver.draft_id is None
    assert services.store.list_drafts() == []


def test_pin_goes_to_secret_store_not_sqlite(qtbot, services, memory_secrets):
    wizard = FakeWizard()
    qtbot.addWidget(wizard)
    saver = DraftAutosaver(wizard, services.store, interval_ms=50)
    with qtbot.waitSignal(saver.saved, timeout=3000):
        wizard.type_into(lambda o: (setattr(o.carrier, "pin", "1234"),
                                    setattr(o.carrier, "account_number", "123456789")))
    db = sqlite3.connect(services.store.path)
    try:
        rows = db.execute("SELECT order_json FROM drafts").fetchall()
    finally:
        db.close()
    assert rows and '"pin": ""' in rows[0][0].replace('"pin":""', '"pin": ""')
    assert '"1234"' not in rows[0][0]
    assert "1234" in [memory_secrets.get(k) for k in memory_secrets.keys()]
    assert services.store.load_draft(saver.draft_id).carrier.pin == "1234"


def test_existing_draft_keeps_its_id(qtbot, services):
    order = Order()
    order.carrier.name = "Spectrum"
    draft_id = services.store.save_draft(order)
    wizard = FakeWizard(services.store.load_draft(draft_id))
    qtbot.addWidget(wizard)
    saver = DraftAutosaver(wizard, services.store, draft_id, interval_ms=50)
    with qtbot.waitSignal(saver.saved, timeout=3000) as blocker:
        wizard.type_into(lambda o: setattr(o.carrier, "btn", "+12125550199"))
    assert blocker.args == [draft_id]
    assert len(services.store.list_drafts()) == 1


def test_store_failure_is_reported_and_retried(qtbot, services):
    wizard = FakeWizard()
    qtbot.addWidget(wizard)

    class FlakyStore:
        def __init__(self, real):
            self.real, self.fail = real, True

        def save_draft(self, order, draft_id=None, *, step=None):
            if self.fail:
                raise OSError("The disk is full. Free some space and portwizard saves again.")
            return self.real.save_draft(order, draft_id, step=step)

    flaky = FlakyStore(services.store)
    saver = DraftAutosaver(wizard, flaky, interval_ms=50)
    with qtbot.waitSignal(saver.saveFailed, timeout=3000) as blocker:
        wizard.type_into(lambda o: setattr(o.carrier, "customer_name", "Acme"))
    assert "disk is full" in blocker.args[0]
    assert saver.dirty
    flaky.fail = False
    assert saver.flush() is True
    assert services.store.load_draft(saver.draft_id).carrier.customer_name == "Acme"


def test_real_wizard_typing_survives_abrupt_destruction(qtbot, services):
    """The wizard dies (like a killed process) while the user is still typing: what was
    typed more than one save interval before is in the draft, whatever was unsaved."""
    from PySide6.QtTest import QTest

    from portwizard.flow import Step
    from portwizard.gui.autosave import INTERVAL_MS
    from portwizard.gui.wizard import PortWizard
    from wizard_kit import widget

    order = Order(numbers=["+12125550123"])
    order.carrier.name = "Spectrum"
    order.target.account_id, order.target.line_id = "SBX-1001", "L-100"
    wizard = PortWizard(order, services=services)  # not handed to qtbot: destroyed below
    saver = DraftAutosaver(wizard, services.store)  # the real interval
    wizard.show()
    assert wizard.goto_step(Step.ACCOUNT)
    name = widget(wizard, Step.ACCOUNT, "carrier.customer_name")
    name.setFocus()
    typed, at = "", {}  # at[len(typed)] = when that keystroke was made
    text = "Bright Smile Family Dental and Orthodontics of Springfield Illinois"
    start = time.monotonic()
    while time.monotonic() - start < 3 * INTERVAL_MS / 1000 and len(typed) < len(text):
        qtbot.wait(25)  # a fast typist: the save timer never finds a pause
        QTest.keyClick(name, text[len(typed)])
        typed += text[len(typed)]
        at[len(typed)] = time.monotonic()
    assert wizard.order.carrier.customer_name == typed
    assert saver.dirty  # the last keystrokes are not saved yet: they are what is at risk
    killed_at = time.monotonic()
    shiboken6.delete(wizard)  # no close, no cancel, no flush: like a killed process
    drafts = services.store.list_drafts()
    assert len(drafts) == 1, "nothing typed in the wizard was saved while the user typed"
    draft = drafts[0]
    restored = services.store.load_draft(draft.id).carrier.customer_name
    assert typed.startswith(restored) and restored, (restored, typed)
    # Everything typed up to one interval (plus a save and a slow CI tick) before the end
    # was saved; only the last moments were lost.
    must_have = max(n for n, t in at.items() if t <= killed_at - INTERVAL_MS / 1000 - 0.25)
    assert len(restored) >= must_have, (restored, typed, must_have)
    assert draft.step == "account"


def test_numbers_typed_but_not_added_are_in_the_draft_after_abrupt_destruction(qtbot, services):
    """Numbers typed (or pasted) in the numbers box, never added with Add or Next, are
    saved too: a crash after a pause loses none of them."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from portwizard.flow import Step
    from portwizard.gui.wizard import PortWizard

    wizard = PortWizard(Order(numbers=["+12125550123"]), services=services)
    saver = DraftAutosaver(wizard, services.store, interval_ms=100)
    wizard.show()
    box = wizard.page_for(Step.NUMBERS).ui.numbers
    box.setFocus()
    with qtbot.waitSignal(saver.saved, timeout=3000):
        QTest.keyClicks(box, "(212) 555-0124")
        QTest.keyClick(box, Qt.Key.Key_Return)
        QTest.keyClicks(box, "212.555.0125")
    qtbot.wait(300)  # a pause: every save is done
    assert box.toPlainText()  # still only typed: not in the wizard's own order
    assert wizard.order.numbers == ["+12125550123"]
    shiboken6.delete(wizard)  # killed: no close, no flush, no take_typed_input
    [draft] = services.store.list_drafts()
    assert services.store.load_draft(draft.id).numbers == [
        "+12125550123", "+12125550124", "+12125550125"]
