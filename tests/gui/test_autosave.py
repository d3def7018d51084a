"""DraftAutosaver: saves at most every ~500 ms, on close, never the PIN into SQLite."""
from __future__ import annotations

import sqlite3
import threading
import time
from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from orderkit import FAKE_PIN
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


# --------------------------------------------------------------------------- off the GUI thread
# The architecture rule: no SQL, HTTP or keyring call on the GUI thread. save_draft writes
# SQLite (which can wait seconds on a busy lock) and puts the PIN into the OS keyring
# (hundreds of ms), so the autosaver hands a snapshot of the order to a worker.

GATE_S = 3.0  # a held save gives up after this: a test never hangs on a forgotten release


class ThreadRecordingStore:
    """The real store, noting the thread, the draft id asked for and the order of every
    draft write. While ``gate`` is set, save_draft waits for it (SQLite on a busy lock)."""

    def __init__(self, real):
        self.real = real
        self.calls: list[SimpleNamespace] = []
        self.gate: threading.Event | None = None
        self.entered = threading.Event()  # a save_draft call has started

    def save_draft(self, order, draft_id=None, *, step=None):
        call = SimpleNamespace(thread=threading.current_thread(), draft_id=draft_id,
                               order=order.copy(), result=None)
        self.calls.append(call)
        self.entered.set()
        if self.gate is not None:
            self.gate.wait(GATE_S)
        call.result = self.real.save_draft(order, draft_id, step=step)
        return call.result

    def on_gui_thread(self) -> list[SimpleNamespace]:
        return [c for c in self.calls if c.thread is threading.main_thread()]


def release_later(gate: threading.Event, seconds: float = 0.2) -> threading.Timer:
    """Open ``gate`` from another thread while the GUI thread waits for the save."""
    timer = threading.Timer(seconds, gate.set)
    timer.start()
    return timer


def test_timer_saves_run_on_a_worker_not_the_gui_thread(qtbot, services):
    wizard = FakeWizard()
    qtbot.addWidget(wizard)
    store = ThreadRecordingStore(services.store)
    saver = DraftAutosaver(wizard, store, interval_ms=50)
    with qtbot.waitSignal(saver.saved, timeout=3000) as first:
        wizard.type_into(lambda o: setattr(o.carrier, "customer_name", "Fake Dental One"))
    with qtbot.waitSignal(saver.saved, timeout=3000) as second:
        wizard.type_into(lambda o: setattr(o.carrier, "pin", FAKE_PIN))
    assert store.calls and store.on_gui_thread() == []
    assert first.args == second.args == [saver.draft_id]
    assert len(services.store.list_drafts()) == 1
    assert services.store.load_draft(saver.draft_id).carrier.pin == FAKE_PIN


@pytest.mark.parametrize("how", ["close", "hide", "flush", "stop"])
def test_close_flush_and_stop_save_on_a_worker_and_wait_for_it(qtbot, services, how):
    wizard = FakeWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    store = ThreadRecordingStore(services.store)
    saver = DraftAutosaver(wizard, store, interval_ms=60_000)  # only the explicit path saves
    wizard.type_into(lambda o: setattr(o.service_address, "city", "Fakeville"))
    {"close": wizard.close, "hide": wizard.hide, "flush": saver.flush,
     "stop": lambda: saver.stop(flush=True)}[how]()
    # saved by the time the call returns, as before: nothing typed is lost at close
    assert saver.draft_id is not None and not saver.dirty
    assert services.store.load_draft(saver.draft_id).service_address.city == "Fakeville"
    assert len(store.calls) == 1 and store.on_gui_thread() == []


def held_saves(qtbot, services, **options):
    """A fake wizard whose store holds each save until ``store.gate`` is set, and its
    autosaver (50 ms interval unless ``options`` say otherwise)."""
    wizard = FakeWizard()
    qtbot.addWidget(wizard)
    store = ThreadRecordingStore(services.store)
    store.gate = threading.Event()
    saver = DraftAutosaver(wizard, store, **{"interval_ms": 50, **options})
    return wizard, store, saver


def test_edits_during_a_slow_save_make_exactly_one_more_save_with_the_same_id(qtbot, services):
    wizard, store, saver = held_saves(qtbot, services)
    try:
        wizard.type_into(lambda o: setattr(o.carrier, "customer_name", "F"))
        qtbot.waitUntil(store.entered.is_set, timeout=3000)  # the first save is held
        for text in ("Fa", "Fak", "Fake Dental"):
            wizard.type_into(lambda o, t=text: setattr(o.carrier, "customer_name", t))
            qtbot.wait(80)  # longer than the interval: the timer fires during the save
        assert len(store.calls) == 1, "a second save started while the first was running"
        assert saver.draft_id is None  # the first save has not answered yet
    finally:
        store.gate.set()
    qtbot.waitUntil(lambda: saver.save_count == 2, timeout=3000)
    qtbot.wait(200)  # no third save follows
    assert len(store.calls) == 2 and store.on_gui_thread() == []
    first, second = store.calls
    assert first.draft_id is None and first.order.carrier.customer_name == "F"
    assert second.draft_id == first.result  # the id the first save created, no new draft
    assert second.order.carrier.customer_name == "Fake Dental"
    assert saver.draft_id == first.result and not saver.dirty
    assert [d.id for d in services.store.list_drafts()] == [first.result]
    assert services.store.load_draft(first.result).carrier.customer_name == "Fake Dental"


def test_flush_during_a_slow_first_save_waits_and_reuses_its_id(qtbot, services):
    wizard, store, saver = held_saves(qtbot, services)
    try:
        wizard.type_into(lambda o: setattr(o.carrier, "customer_name", "Fake"))
        qtbot.waitUntil(store.entered.is_set, timeout=3000)
        wizard.type_into(lambda o: setattr(o.carrier, "customer_name", "Fake Clinic"))
        release_later(store.gate)
        assert saver.flush() is True  # waits for the held save, then saves the rest
    finally:
        store.gate.set()
    assert not saver.dirty and saver.draft_id is not None
    assert [c.draft_id for c in store.calls] == [None, saver.draft_id]
    assert store.on_gui_thread() == []
    assert [d.id for d in services.store.list_drafts()] == [saver.draft_id]
    assert services.store.load_draft(saver.draft_id).carrier.customer_name == "Fake Clinic"
    qtbot.wait(150)  # the first save's own (late) answer starts nothing more
    assert len(store.calls) == 2


def test_closing_during_a_slow_save_keeps_the_last_edit(qtbot, services):
    wizard, store, saver = held_saves(qtbot, services)
    wizard.show()
    try:
        wizard.type_into(lambda o: o.numbers.append("+12125550100"))
        qtbot.waitUntil(store.entered.is_set, timeout=3000)
        wizard.type_into(lambda o: o.numbers.append("+12125550101"))
        release_later(store.gate)
        wizard.close()
    finally:
        store.gate.set()
    [draft] = services.store.list_drafts()
    assert services.store.load_draft(draft.id).numbers == ["+12125550100", "+12125550101"]
    assert saver.draft_id == draft.id and not saver.dirty
    assert store.on_gui_thread() == []


def test_a_save_that_outlasts_the_bounded_wait_is_reported_and_still_lands(qtbot, services,
                                                                          caplog):
    wizard, store, saver = held_saves(qtbot, services, interval_ms=60_000, wait_ms=200)
    failures = []
    saver.saveFailed.connect(failures.append)
    try:
        wizard.type_into(lambda o: setattr(o.carrier, "customer_name", "Fake Slow Disk"))
        started = time.monotonic()
        assert saver.flush() is False  # the GUI thread is not held for long
        assert time.monotonic() - started < 2.0
        assert failures and "took longer" in failures[-1]
        assert "still running" in caplog.text
    finally:
        store.gate.set()
    with qtbot.waitSignal(saver.saved, timeout=3000) as blocker:
        pass
    assert blocker.args == [saver.draft_id]
    assert services.store.load_draft(saver.draft_id).carrier.customer_name == "Fake Slow Disk"
    assert saver.flush() is True and len(store.calls) == 1


def test_discarding_a_new_order_while_its_first_save_runs_leaves_no_draft(qtbot, services):
    from wizard_kit import click, type_into

    from portwizard.flow import Step
    from portwizard.gui.wizard import PortWizard

    wiz = PortWizard(services=services)
    qtbot.addWidget(wiz)
    store = ThreadRecordingStore(services.store)
    store.gate = threading.Event()
    DraftAutosaver(wiz, store, interval_ms=50)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    try:
        type_into(wiz, Step.NUMBERS, "numbers", "212-555-0124")
        click(wiz, Step.NUMBERS, "add_numbers")
        qtbot.waitUntil(store.entered.is_set, timeout=3000)  # the draft is being created
        release_later(store.gate)
        wiz.reject()
    finally:
        store.gate.set()
    assert not wiz.isVisible()
    qtbot.wait(150)  # no late save brings the draft back
    assert services.store.list_drafts() == []
    assert store.on_gui_thread() == []


class RecordingThreads:
    """Wraps one method of the real store to note the thread each call ran on."""

    def __init__(self, monkeypatch, store, name):
        self.threads: list[threading.Thread] = []
        real = getattr(store, name)

        def wrapper(*args, **kwargs):
            self.threads.append(threading.current_thread())
            return real(*args, **kwargs)

        monkeypatch.setattr(store, name, wrapper)

    def on_gui_thread(self) -> bool:
        return threading.main_thread() in self.threads


def test_the_wizards_own_close_saves_run_on_a_worker(qtbot, services, monkeypatch):
    """Without an autosaver the wizard saves (Keep), restores (Discard on a resumed draft)
    and deletes (Discard on a new order) the draft itself: none of it on the GUI thread."""
    from wizard_kit import click, type_into, wizard_with_a_number

    from portwizard.flow import Step
    from portwizard.gui.wizard import PortWizard

    saves = RecordingThreads(monkeypatch, services.store, "save_draft")
    deletes = RecordingThreads(monkeypatch, services.store, "delete_draft")

    wiz = wizard_with_a_number(qtbot, services)
    wiz.reject()
    assert not wiz.isVisible() and len(saves.threads) == 1
    [info] = services.store.list_drafts()
    assert wiz.draft_id == info.id

    other = PortWizard(services.store.load_draft(info.id), services=services, draft_id=info.id)
    qtbot.addWidget(other)
    other.show()
    click(other, Step.NUMBERS, "numbers[0].remove")
    other.ask_close = lambda: "discard"
    other.reject()  # a resumed draft: put back as it was opened
    assert len(saves.threads) == 2
    assert services.store.load_draft(info.id).numbers == ["+12125550123"]

    new = PortWizard(services=services)  # a new order with its autosaver, as the main window opens it
    qtbot.addWidget(new)
    saver = DraftAutosaver(new, services.store, interval_ms=50)
    new.show()
    type_into(new, Step.NUMBERS, "numbers", "(212) 555-0126")
    click(new, Step.NUMBERS, "add_numbers")
    qtbot.waitUntil(lambda: saver.draft_id is not None, timeout=3000)
    new.ask_close = lambda: "discard"
    new.reject()  # a new order: its draft is deleted
    assert [d.id for d in services.store.list_drafts()] == [info.id]
    assert deletes.threads and not deletes.on_gui_thread()
    assert not saves.on_gui_thread()


def test_failure_words_are_one_whole_sentence():
    from portwizard.gui.autosave import SaveTimeout, _too_long, failure_text
    from portwizard.store import StoreError

    store_words = "portwizard could not save your last change in its data folder /x: full."
    assert failure_text(StoreError(store_words)) == store_words
    slow = failure_text(SaveTimeout(_too_long(6000)))
    assert slow.startswith("Your changes could not be saved yet") and slow.count("saved") == 2
    assert failure_text(OSError("boom")) == "Your changes could not be saved (boom)."
