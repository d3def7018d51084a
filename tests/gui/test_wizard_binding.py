"""The field binder on its own: names, two-way binding, debounce, message placement."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QRadioButton, QToolButton, QWidget

from portwizard.domain.findings import Severity
from portwizard.domain.order import Order
from portwizard.domain.validation import Context
from portwizard.gui.binding import DEBOUNCE_MS, Binder

pytestmark = pytest.mark.gui


@pytest.fixture
def form(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    lay = QFormLayout(host)
    name = QLineEdit(host)
    name.setObjectName("carrier__customer_name")
    name.setAccessibleName("Name on the bill")
    row = QHBoxLayout()
    acct = QLineEdit(host)
    acct.setObjectName("carrier__authorized_name")
    row.addWidget(acct)
    row.addWidget(QToolButton(host))
    lay.addRow("Name", name)
    lay.addRow("Authorized", row)
    order = Order()
    binder = Binder(lambda: order, Context, host)
    binder.bind(name)
    binder.bind(acct)
    host.show()
    return host, lay, binder, order, name, acct


def test_widgets_are_renamed_to_field_paths_and_messages_sit_under_them(form):
    host, lay, binder, order, name, acct = form
    assert name.objectName() == "carrier.customer_name"
    assert acct.objectName() == "carrier.authorized_name"
    # a message row right under each field row (also for a field inside a row layout)
    assert lay.getWidgetPosition(binder.binding("carrier.customer_name").message)[0] == 1
    assert lay.getWidgetPosition(binder.binding("carrier.authorized_name").message)[0] == 3


def test_typing_updates_the_order_at_once_and_validates_after_the_debounce(form, qtbot):
    host, lay, binder, order, name, acct = form
    binder.validate()
    QTest.keyClicks(name, "  Acme")
    assert order.carrier.customer_name == "  Acme"      # nothing typed is ever lost
    assert binder.message_text("carrier.customer_name") == ""  # not yet: debounced
    qtbot.wait(DEBOUNCE_MS + 100)
    assert binder.message_severity("carrier.customer_name") is Severity.WARNING
    assert "extra spaces" in binder.message_text("carrier.customer_name")
    assert name.accessibleDescription() == binder.message_text("carrier.customer_name")
    QTest.keyClick(name, Qt.Key.Key_Home)
    QTest.keyClick(name, Qt.Key.Key_Delete)
    QTest.keyClick(name, Qt.Key.Key_Delete)
    binder.flush()
    assert binder.message_text("carrier.customer_name") == ""
    assert name.accessibleDescription() == ""


def test_load_shows_the_order_without_counting_as_an_edit(form):
    host, lay, binder, order, name, acct = form
    edits = []
    binder.edited.connect(edits.append)
    order.carrier.authorized_name = "Pat Smith"
    binder.load()
    assert acct.text() == "Pat Smith" and edits == []


def test_untouched_empty_fields_stay_quiet_until_revealed(form):
    host, lay, binder, order, name, acct = form
    binder.validate()
    assert binder.message_text("carrier.authorized_name") == ""
    assert binder.pending_summary().startswith("To continue, complete:")
    binder.reveal_all()
    assert "missing" in binder.message_text("carrier.authorized_name")
    assert binder.message_severity("carrier.authorized_name") is Severity.ERROR


def test_a_crashing_rule_says_so_under_the_field_it_checks(form, qtbot):
    from portwizard.domain import validation

    host, lay, binder, order, name, acct = form
    validation._load_rules()

    def broken(order, ctx):
        raise ZeroDivisionError("a bug in a rule")

    validation.rule("carrier.customer_name")(broken)
    try:
        QTest.keyClicks(name, "Acme Dental")
        binder.flush()
        assert "A check could not run" in binder.message_text("carrier.customer_name")
        assert binder.message_severity("carrier.customer_name") is Severity.WARNING
        assert "could not run" not in binder.message_text("carrier.authorized_name")
    finally:
        validation._RULES[:] = [r for r in validation._RULES if r.fn is not broken]


def test_radio_choice_binding(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    box = QHBoxLayout(host)
    single, multi = QRadioButton("Single", host), QRadioButton("Multi", host)
    box.addWidget(single)
    box.addWidget(multi)
    order = Order()
    binder = Binder(lambda: order, Context, host)
    binder.bind_choice(host, "carrier.account_type", {"single-line": single, "multi-line": multi})
    assert multi.objectName() == "carrier.account_type=multi-line"
    multi.click()
    assert order.carrier.account_type == "multi-line"
    order.carrier.account_type = "single-line"
    binder.load()
    assert single.isChecked() and not multi.isChecked()
