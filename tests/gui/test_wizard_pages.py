"""The wizard's pages without a provider: inline validation, blocking, unlock branch,
Back/Next, FOC dates, accessibility, Cancel, light start-up."""
from __future__ import annotations

import datetime as _dt
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QWidget, QWizard

from portwizard.domain import dates
from portwizard.domain.findings import Severity
from portwizard.domain.order import Order
from portwizard.flow import Step
from portwizard.gui.wizard import PortWizard
from wizard_kit import choose, click, go_next, next_button, settle, type_into, widget

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def wizard(qtbot):
    wiz = PortWizard()
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    qtbot.waitExposed(wiz)
    return wiz


def order_up_to(step: Step, carrier: str = "Spectrum") -> Order:
    """An order complete up to (not including) ``step``."""
    o = Order(numbers=["+12125550123"])
    o.carrier.name = carrier
    o.target.account_id, o.target.line_id, o.target.label = "SBX-1001", "L-100", "Main office line"
    order_of_steps = list(Step)
    if order_of_steps.index(step) > order_of_steps.index(Step.ACCOUNT):
        c = o.carrier
        c.account_type, c.number_type = "single-line", "business-local"
        c.customer_name, c.authorized_name = "Acme Dental", "Pat Smith"
        c.account_number, c.btn, c.pin = "123456789", "+12125550123", "1234"
    if order_of_steps.index(step) > order_of_steps.index(Step.ADDRESS):
        a = o.service_address
        a.street_number, a.street_name, a.city, a.state, a.postal_code = (
            "100", "Main St", "New York", "NY", "10001")
    if order_of_steps.index(step) > order_of_steps.index(Step.DOCUMENTS):
        o.documents.loa, o.documents.invoice = "/nonexistent/loa.pdf", "/nonexistent/bill.pdf"
    return o


def at_account(qtbot, carrier="Spectrum") -> PortWizard:
    wiz = PortWizard(order_up_to(Step.ACCOUNT, carrier))
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    assert wiz.goto_step(Step.ACCOUNT)
    return wiz


def test_numbers_page_blocks_invalid_number_with_its_message(wizard, qtbot):
    type_into(wizard, Step.NUMBERS, "numbers", "555-0123\n(212) 555-0124, 1-800-FLOWERS")
    click(wizard, Step.NUMBERS, "add_numbers")
    table = widget(wizard, Step.NUMBERS, "numbers_table")
    assert table.rowCount() == 3
    assert "area code" in table.item(0, 2).text().lower()      # 7 digits: says what to add
    assert table.item(1, 1).text() == "Local"
    assert table.item(2, 1).text() == "Toll-free"
    assert "letters converted" in table.item(2, 2).text() or "toll" in table.item(2, 2).text().lower()
    settle(wizard, qtbot)
    assert not next_button(wizard).isEnabled()
    # removing the bad one (its own Remove button) leaves local + toll-free: mixing is an error
    click(wizard, Step.NUMBERS, "numbers[0].remove")
    assert wizard.order.numbers == ["+12125550124", "+18003569377"]
    click(wizard, Step.NUMBERS, "numbers[1].remove")
    settle(wizard, qtbot)
    assert next_button(wizard).isEnabled()


def test_duplicate_numbers_are_marked(wizard, qtbot):
    type_into(wizard, Step.NUMBERS, "numbers", "212 555 0123, (212) 555-0123")
    click(wizard, Step.NUMBERS, "add_numbers")
    table = widget(wizard, Step.NUMBERS, "numbers_table")
    statuses = [table.item(r, 2).text().lower() for r in range(table.rowCount())]
    assert any("twice" in s or "duplicate" in s or "already" in s for s in statuses), statuses


def test_typed_number_is_added_by_next(wizard, qtbot):
    type_into(wizard, Step.NUMBERS, "numbers", "(212) 555-0123")
    go_next(wizard, qtbot, Step.CARRIER)
    assert wizard.order.numbers == ["+12125550123"]


def test_invalid_input_blocks_next_with_the_right_message(qtbot):
    wiz = at_account(qtbot)
    settle(wiz, qtbot)
    assert not next_button(wiz).isEnabled()
    page = wiz.page_for(Step.ACCOUNT)
    # untouched empty fields are not shouted at; the footer says what is missing
    assert page.binder.message_text("carrier.customer_name") == ""
    assert "name on the bill" in page.hint.text()
    btn = type_into(wiz, Step.ACCOUNT, "carrier.btn", "212555")
    # debounced: nothing yet right after the keystroke, the message after ~150 ms
    qtbot.waitUntil(lambda: page.binder.message_text("carrier.btn") != "", timeout=2000)
    assert page.binder.message_severity("carrier.btn") is Severity.ERROR
    text = page.binder.message_text("carrier.btn")
    assert "billing telephone number" in text.lower()
    assert btn.accessibleDescription() == text and btn.toolTip() == text
    assert not next_button(wiz).isEnabled()


def test_warning_does_not_block(qtbot):
    wiz = at_account(qtbot)
    click(wiz, Step.ACCOUNT, "carrier.account_type=single-line")
    choose(wiz, Step.ACCOUNT, "carrier.number_type", "business-local")
    type_into(wiz, Step.ACCOUNT, "carrier.customer_name", "Acme Family Dental Practice of Springfield")
    type_into(wiz, Step.ACCOUNT, "carrier.authorized_name", "Pat Smith")
    type_into(wiz, Step.ACCOUNT, "carrier.account_number", "123456789")
    type_into(wiz, Step.ACCOUNT, "carrier.btn", "(212) 555-0123")
    type_into(wiz, Step.ACCOUNT, "carrier.pin", "1234")
    settle(wiz, qtbot)
    page = wiz.page_for(Step.ACCOUNT)
    assert page.binder.message_severity("carrier.customer_name") is Severity.WARNING
    assert "characters" in page.binder.message_text("carrier.customer_name")
    assert next_button(wiz).isEnabled()
    go_next(wiz, qtbot, Step.ADDRESS)


def test_partial_port_questions_only_for_multi_line(qtbot):
    wiz = at_account(qtbot)
    partial = widget(wiz, Step.ACCOUNT, "partial_port")
    assert not partial.isVisible()
    click(wiz, Step.ACCOUNT, "carrier.account_type=multi-line")
    assert partial.isVisible()
    remaining = widget(wiz, Step.ACCOUNT, "partial_port.remaining_numbers")
    assert not remaining.isVisible()
    partial.click()
    assert remaining.isVisible() and wiz.order.partial_port is not None
    partial.click()
    assert wiz.order.partial_port is None


def test_pin_is_masked_with_a_show_toggle(qtbot):
    wiz = at_account(qtbot)
    pin = type_into(wiz, Step.ACCOUNT, "carrier.pin", "1234")
    assert pin.echoMode() == pin.EchoMode.Password
    click(wiz, Step.ACCOUNT, "show_pin")
    assert pin.echoMode() == pin.EchoMode.Normal


def test_help_buttons_explain_in_plain_words(qtbot):
    wiz = at_account(qtbot, carrier="Verizon Wireless")
    page = wiz.page_for(Step.ACCOUNT)
    assert "top of your bill" in page.help_text("carrier.account_number")
    assert "#PORT" in page.help_text("carrier.pin")  # the carrier's own how-to for its PIN
    assert widget(wiz, Step.ACCOUNT, "help_carrier__pin").accessibleName().startswith("Where do I find")


def test_digital_carrier_requires_the_unlock_step(wizard, qtbot):
    wiz = wizard
    type_into(wiz, Step.NUMBERS, "numbers", "(212) 555-0123")
    go_next(wiz, qtbot, Step.CARRIER)
    type_into(wiz, Step.CARRIER, "carrier.name", "google voice")
    settle(wiz, qtbot)
    assert "unlock" in widget(wiz, Step.CARRIER, "guidance").text().lower()
    go_next(wiz, qtbot, Step.UNLOCK)
    assert "Google Voice" in widget(wiz, Step.UNLOCK, "unlock_howto").text()
    type_into(wiz, Step.UNLOCK, "carrier.pin", "482913")
    settle(wiz, qtbot)
    assert not next_button(wiz).isEnabled()  # the confirmation is required
    click(wiz, Step.UNLOCK, "carrier.digital_unlocked")
    assert wiz.order.carrier.digital_unlocked is True
    go_next(wiz, qtbot, Step.TARGET)
    # switching to a carrier without a lock removes the step
    wiz.back()
    wiz.back()
    assert wiz.current_step() is Step.CARRIER
    type_into(wiz, Step.CARRIER, "carrier.name", "Spectrum")
    go_next(wiz, qtbot, Step.TARGET)


def test_back_and_next_keep_data(qtbot):
    wiz = at_account(qtbot)
    type_into(wiz, Step.ACCOUNT, "carrier.customer_name", "Acme Dental")
    type_into(wiz, Step.ACCOUNT, "carrier.pin", "1234")
    wiz.back()
    wiz.back()
    assert wiz.current_step() is Step.CARRIER
    wiz.next()
    wiz.next()
    assert wiz.current_step() is Step.ACCOUNT
    assert widget(wiz, Step.ACCOUNT, "carrier.customer_name").text() == "Acme Dental"
    assert widget(wiz, Step.ACCOUNT, "carrier.pin").text() == "1234"
    assert wiz.order.carrier.customer_name == "Acme Dental"


def test_paste_and_split_address_and_po_box_refused(qtbot):
    o = order_up_to(Step.ADDRESS)
    wiz = PortWizard(o)
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    wiz.goto_step(Step.ADDRESS)
    assert wiz.current_step() is Step.ADDRESS
    type_into(wiz, Step.ADDRESS, "address_paste", "1200 SW Oak Street Suite 5, Portland, OR 97205")
    click(wiz, Step.ADDRESS, "split_address")
    sa = wiz.order.service_address
    assert (sa.street_number, sa.pre_direction, sa.city, sa.state, sa.postal_code) == (
        "1200", "SW", "Portland", "OR", "97205")
    assert widget(wiz, Step.ADDRESS, "service_address.pre_direction").currentData() == "SW"
    page = wiz.page_for(Step.ADDRESS)
    type_into(wiz, Step.ADDRESS, "service_address.street_name", "PO Box 123")
    settle(wiz, qtbot)
    msg = page.binder.message_text("service_address.street_name") or page.binder.message_text(
        "service_address.street_number")
    assert "PO Box" in msg or "P.O." in msg
    assert not next_button(wiz).isEnabled()


def test_po_box_typed_in_the_city_box_is_refused(qtbot):
    wiz = PortWizard(order_up_to(Step.DOCUMENTS))  # the whole street address is filled in
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    assert wiz.goto_step(Step.ADDRESS)
    settle(wiz, qtbot)
    assert next_button(wiz).isEnabled()
    page = wiz.page_for(Step.ADDRESS)
    type_into(wiz, Step.ADDRESS, "service_address.city", "PO Box 12")
    settle(wiz, qtbot)
    assert "PO Box" in page.binder.message_text("service_address.city")
    assert not next_button(wiz).isEnabled()
    type_into(wiz, Step.ADDRESS, "service_address.city", "New York")
    settle(wiz, qtbot)
    assert next_button(wiz).isEnabled()


def test_canadian_address_offers_provinces(qtbot):
    wiz = PortWizard(order_up_to(Step.ADDRESS))
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    wiz.goto_step(Step.ADDRESS)
    choose(wiz, Step.ADDRESS, "service_address.country", "CA")
    state = widget(wiz, Step.ADDRESS, "service_address.state")
    assert state.findData("QC") >= 0 and state.findData("NY") < 0


def test_foc_picker_only_allows_business_days(qtbot):
    wiz = PortWizard(order_up_to(Step.REVIEW))
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    wiz.goto_step(Step.REVIEW)
    assert wiz.current_step() is Step.REVIEW
    page = wiz.page_for(Step.REVIEW)
    widget(wiz, Step.REVIEW, "foc_specific").click()
    edit = widget(wiz, Step.REVIEW, "requested_foc_date")
    allowed = dates.allowed_foc_dates(_dt.date.today(), 5)
    assert wiz.order.requested_foc_date == allowed[0].isoformat()
    assert edit.minimumDate() == QDate(allowed[0].year, allowed[0].month, allowed[0].day)
    saturday = next(d for d in (allowed[0] + _dt.timedelta(days=i) for i in range(14)) if d.weekday() == 5)
    edit.setDate(QDate(saturday.year, saturday.month, saturday.day))
    picked = _dt.date.fromisoformat(wiz.order.requested_foc_date)
    assert picked > saturday and picked in allowed
    assert "weekend" in page.ui.foc_note.text()
    fmt = edit.calendarWidget().dateTextFormat(QDate(saturday.year, saturday.month, saturday.day))
    assert fmt.fontStrikeOut()


def test_every_input_is_named_by_its_field_path_and_accessible(qtbot):
    from portwizard.domain.order import field_paths

    wiz = PortWizard()
    qtbot.addWidget(wiz)
    known = set(field_paths())
    seen = set()
    for step, page in wiz.all_pages().items():
        for path in page.binder.paths:
            w = page.binder.widget(path)
            assert w.objectName() == path
            assert path in known, path
            name = w.accessibleName()
            assert name, f"{path} on {step.value} has no accessible name"
            seen.add(path)
    # the numbers list is edited through its paste box + table, named after the field too
    box = wiz.page_for(Step.NUMBERS).findChild(QWidget, "numbers")
    assert box is not None and box.accessibleName()
    # every field of the document can be edited somewhere (line_id comes with the choice)
    assert known - seen <= {"target.line_id", "numbers"}


def test_cancel_asks_before_discarding(qtbot):
    wiz = at_account(qtbot)
    asked = []
    wiz.ask_close = lambda: asked.append(1) or "stay"
    type_into(wiz, Step.ACCOUNT, "carrier.customer_name", "Acme")
    wiz.button(QWizard.WizardButton.CancelButton).click()
    assert asked and wiz.isVisible()
    wiz.ask_close = lambda: "discard"
    wiz.button(QWizard.WizardButton.CancelButton).click()
    assert not wiz.isVisible()


def test_unchanged_wizard_closes_without_asking(qtbot):
    wiz = PortWizard()
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.ask_close = lambda: pytest.fail("asked although nothing changed")
    wiz.button(QWizard.WizardButton.CancelButton).click()
    assert not wiz.isVisible()


def test_start_up_imports_no_heavy_libraries():
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen';"
        "from PySide6.QtWidgets import QApplication; app=QApplication([]);"
        "from portwizard.gui.wizard import PortWizard; w=PortWizard(); w.show(); app.processEvents();"
        "heavy=[m for m in ('reportlab','pypdf','requests','keyring','PySide6.QtPdf','PySide6.QtPdfWidgets') if m in sys.modules];"
        "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_target_offline_keeps_the_earlier_choice_and_focus_does_not_choose(qtbot):
    o = order_up_to(Step.TARGET)
    wiz = PortWizard(o)  # no services: offline, nothing cached
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    assert wiz.goto_step(Step.TARGET)
    lst = widget(wiz, Step.TARGET, "target.account_id")
    status = widget(wiz, Step.TARGET, "targets_status").text()
    assert "could not be loaded" in status and "Reload" in status
    assert "your earlier choice" in lst.item(0).text()
    assert lst.currentRow() == 0
    lst.setFocus()
    qtbot.wait(10)
    assert (wiz.order.target.account_id, wiz.order.target.line_id) == ("SBX-1001", "L-100")
    # choosing "New sub-account…" asks for its name
    wiz.page_for(Step.TARGET).choose_new()
    assert wiz.order.target.account_id == ""
    settle(wiz, qtbot)
    assert not next_button(wiz).isEnabled()
    type_into(wiz, Step.TARGET, "target.label", "Branch office")
    settle(wiz, qtbot)
    assert next_button(wiz).isEnabled()


def test_only_the_first_page_is_built_at_start(qtbot):
    wiz = PortWizard()
    qtbot.addWidget(wiz)
    assert list(wiz.pages) == [Step.NUMBERS]
    wiz.show()
    qtbot.waitUntil(lambda: len(wiz.pages) == len(list(Step)), timeout=10_000)


def test_keyboard_only_tab_order_radios_and_combo(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    wiz = at_account(qtbot)
    wiz.activateWindow()
    name = widget(wiz, Step.ACCOUNT, "carrier.customer_name")
    name.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is name, timeout=2000)
    order = []
    for _ in range(4):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget().objectName())
    assert order == ["help_carrier__customer_name", "carrier.authorized_name",
                     "help_carrier__authorized_name", "carrier.account_number"]
    # the radio buttons and the combo work from the keyboard too
    single = widget(wiz, Step.ACCOUNT, "carrier.account_type=single-line")
    single.setFocus()
    QTest.keyClick(single, Qt.Key.Key_Space)
    assert wiz.order.carrier.account_type == "single-line"
    combo = widget(wiz, Step.ACCOUNT, "carrier.number_type")
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)
    assert wiz.order.carrier.number_type == "business-local"


def test_csv_import_runs_in_a_worker_and_adds_every_number(wizard, qtbot, tmp_path):
    csv_file = tmp_path / "numbers.csv"
    csv_file.write_text("Name,Phone\nFront desk,(212) 555-0123\nFax,212.555.0124\nNotes,call back\n",
                        encoding="utf-8")
    wizard.ask_open_file = lambda *a: str(csv_file)
    page = wizard.page_for(Step.NUMBERS)
    click(wizard, Step.NUMBERS, "import_csv")
    qtbot.waitUntil(lambda: page._import_handle is not None and page._import_handle.done, timeout=5000)
    assert wizard.order.numbers == ["+12125550123", "+12125550124"]
    assert widget(wizard, Step.NUMBERS, "numbers_summary").text().startswith("2 numbers to move")


def test_csv_import_takes_the_phone_column_only(wizard, qtbot, tmp_path):
    """A bill-portal export also has account numbers and fax lines: only the phone column
    is imported, the same column `portwizard validate --numbers` reads."""
    csv_file = tmp_path / "export.csv"
    csv_file.write_text("Account;Phone number;Fax\n"
                        "123456789;(212) 555-0123;(212) 555-0190\n"
                        "123456789;212.555.0124;\n", encoding="cp1252")
    wizard.ask_open_file = lambda *a: str(csv_file)
    page = wizard.page_for(Step.NUMBERS)
    click(wizard, Step.NUMBERS, "import_csv")
    qtbot.waitUntil(lambda: page._import_handle is not None and page._import_handle.done, timeout=5000)
    assert wizard.order.numbers == ["+12125550123", "+12125550124"]


def test_print_sign_scan_saves_an_unsigned_letter_and_attaches_the_scan(qtbot, tmp_path):
    o = order_up_to(Step.DOCUMENTS)
    wiz = PortWizard(o)
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    assert wiz.goto_step(Step.DOCUMENTS)
    page = wiz.page_for(Step.DOCUMENTS)
    click(wiz, Step.DOCUMENTS, "loa_mode=print")
    assert not widget(wiz, Step.DOCUMENTS, "signature").isVisible()
    target = tmp_path / "to-print.pdf"
    wiz.ask_save_file = lambda *a: str(target)
    click(wiz, Step.DOCUMENTS, "save_unsigned")
    qtbot.waitUntil(lambda: page._render_handle is not None and page._render_handle.done, timeout=15000)
    from pypdf import PdfReader

    reader = PdfReader(str(target))
    assert "Acme Dental" in reader.pages[0].extract_text()
    assert not any(p.images for p in reader.pages)  # unsigned: no signature image
    assert wiz.order.documents.loa == ""  # not attached until the signed scan comes back
    scan = tmp_path / "signed-scan.pdf"
    scan.write_bytes(target.read_bytes())
    wiz.ask_open_file = lambda *a: str(scan)
    click(wiz, Step.DOCUMENTS, "choose_loa")
    assert wiz.order.documents.loa == str(scan)
    assert "signed-scan.pdf" in widget(wiz, Step.DOCUMENTS, "documents.loa").text()


def test_review_lists_document_problems_and_blocks_sending(qtbot):
    o = order_up_to(Step.REVIEW)  # its documents point at files that do not exist
    wiz = PortWizard(o)
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    assert wiz.goto_step(Step.REVIEW)
    review = wiz.page_for(Step.REVIEW)
    qtbot.waitUntil(lambda: review.full is not None, timeout=15000)
    checklist = widget(wiz, Step.REVIEW, "checklist").text()
    assert "to fix before sending" in checklist
    assert "<b>Documents</b> <a href='documents'>Fix…</a>" in checklist
    settle(wiz, qtbot)
    assert not next_button(wiz).isEnabled()
    # the Fix… link goes back to the documents step
    widget(wiz, Step.REVIEW, "checklist").linkActivated.emit("documents")
    assert wiz.current_step() is Step.DOCUMENTS


def test_numbers_keyboard_shortcuts(wizard, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    box = type_into(wizard, Step.NUMBERS, "numbers", "(212) 555-0123, (212) 555-0124")
    QTest.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert wizard.order.numbers == ["+12125550123", "+12125550124"]
    table = widget(wizard, Step.NUMBERS, "numbers_table")
    table.setFocus()
    table.selectRow(0)
    QTest.keyClick(table, Qt.Key.Key_Delete)
    assert wizard.order.numbers == ["+12125550124"]


def test_target_offline_with_a_saved_list_says_when_it_was_saved(qtbot, monkeypatch, tmp_path):
    import time as _time

    from PySide6.QtCore import QLocale

    from portwizard.gui.pages import target

    monkeypatch.setattr(target, "_cache_path", lambda: tmp_path / target.CACHE_NAME)
    target.save_cached_targets("offline", [{"kind": "line", "account_id": "SBX-1001",
                                            "line_id": "L-100", "label": "Front desk"}])
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    try:
        saved = _time.localtime(target.load_cached_targets("offline")[1])
        clock = QLocale().toString(QTime(saved.tm_hour, saved.tm_min),
                                   QLocale.FormatType.ShortFormat)
        wiz = PortWizard(order_up_to(Step.TARGET))  # no services: offline
        qtbot.addWidget(wiz)
        wiz.ask_close = lambda: "discard"
        wiz.show()
        assert wiz.goto_step(Step.TARGET)
        status = widget(wiz, Step.TARGET, "targets_status").text()
    finally:
        QLocale.setDefault(before)
    assert f"this is the list saved earlier (Today, {clock}); it may be out of date" in status
    assert target.saved_when(None) == target.saved_when("not a time") == "earlier"


def test_the_still_needed_line_names_fields_as_everywhere_else(qtbot):
    """The page footer's "To continue, complete: …" takes the fields' names from
    domain.fields, as the rules and the refusal reasons do: a Canadian postal code is not
    called a "ZIP code" there."""
    from portwizard.domain.fields import field_name

    o = order_up_to(Step.ADDRESS)
    o.service_address.country = "CA"
    wiz = PortWizard(o)
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    assert wiz.goto_step(Step.ADDRESS)
    type_into(wiz, Step.ADDRESS, "service_address.city", "Montreal")  # (QTest types ASCII only)
    type_into(wiz, Step.ADDRESS, "service_address.postal_code", "H2X")
    settle(wiz, qtbot)
    hint = wiz.page_for(Step.ADDRESS).hint
    assert hint.isVisible() and hint.text().startswith("To continue, complete:")
    assert field_name("service_address.postal_code") == "ZIP or postal code"
    assert "ZIP or postal code" in hint.text() and "ZIP code" not in hint.text()
