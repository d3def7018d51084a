"""MainWindow: the orders dashboard (drafts, sent orders, banner, settings, draft files)."""
from __future__ import annotations

import json
import sys
import types

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox

from portwizard import secrets as _secrets
from portwizard.domain.order import Order
from portwizard.gui.main_window import MainWindow, SettingsDialog, friendly_date
from portwizard.services.app import App

pytestmark = pytest.mark.gui


class FakeWizard(QDialog):
    """Stands in for PortWizard: the part the main window and the autosaver use."""

    orderChanged = Signal()
    submitted = Signal(str)
    opened: list["FakeWizard"] = []

    def __init__(self, order=None, services=None, draft_id=None, parent=None):
        super().__init__(parent)
        self.order = order if order is not None else Order()
        self.services = services
        self.draft_id = draft_id
        self.resumed = False
        FakeWizard.opened.append(self)

    def resume(self):
        self.resumed = True

    def current_step(self):
        return "address"


@pytest.fixture
def fake_wizard(monkeypatch):
    module = types.ModuleType("portwizard.gui.wizard")
    module.PortWizard = FakeWizard
    monkeypatch.setitem(sys.modules, "portwizard.gui.wizard", module)
    FakeWizard.opened = []
    return FakeWizard


@pytest.fixture
def services(tmp_path, memory_secrets):
    svc = App.create(tmp_path / "home", secrets=memory_secrets)
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot, services):
    def make(**kwargs):
        win = MainWindow(services, **kwargs)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        return win
    return make


def draft_order(name="Bright Smile Dental"):
    order = Order()
    order.carrier.customer_name = name
    order.carrier.name = "Verizon"
    order.carrier.account_number = "123456789"
    order.carrier.pin = "1234"
    order.numbers = ["+12125550123", "+12125550124"]
    return order


def test_empty_dashboard(window):
    win = window()
    assert win.drafts_empty.isVisible() and not win.drafts_table.isVisible()
    assert win.orders_empty.isVisible() and not win.orders_table.isVisible()
    assert "New order" in win.drafts_empty.text()
    assert not win.banner.isVisible()
    assert not win.resume_button.isEnabled() and not win.resume_button.isVisible()
    assert not win.refresh_button.isEnabled() and not win.refresh_button.isVisible()
    assert "built-in sandbox" in win.subtitle.text()


def test_draft_listed_with_step_and_banner(window, services):
    services.store.save_draft(draft_order(), step="account")
    win = window()
    assert win.drafts_table.isVisible()
    assert win.drafts_table.rowCount() == 1
    assert win.drafts_table.item(0, 0).text() == "Bright Smile Dental (2 numbers)"
    from portwizard.flow import Step

    assert win.drafts_table.item(0, 1).text() == Step.ACCOUNT.title
    assert win.drafts_table.item(0, 2).text().startswith("Today, ")
    assert win.banner.isVisible()
    assert "You have an unfinished order" in win.banner.label.text()
    assert "from today" in win.banner.label.text()
    QTest.mouseClick(win.banner.later_button, Qt.MouseButton.LeftButton)
    assert not win.banner.isVisible()
    assert win.resume_button.isEnabled()


def test_resume_from_banner_opens_wizard_and_autosaves(window, services, fake_wizard, qtbot):
    draft_id = services.store.save_draft(draft_order(), step="account")
    win = window()
    QTest.mouseClick(win.banner.resume_button, Qt.MouseButton.LeftButton)
    assert len(fake_wizard.opened) == 1
    wizard = fake_wizard.opened[0]
    assert wizard.draft_id == draft_id and wizard.resumed
    assert wizard.order.carrier.pin == "1234"  # PIN back from the secret store
    assert not win.banner.isVisible()
    # A second open while one is open just raises the open one.
    assert win.new_order() is None
    assert len(fake_wizard.opened) == 1
    wizard.order.service_address.city = "Springfield"
    wizard.orderChanged.emit()
    wizard.reject()  # closing saves at once
    assert services.store.load_draft(draft_id).service_address.city == "Springfield"
    qtbot.waitUntil(lambda: win.current_wizard() is None, timeout=2000)
    assert win.drafts_table.rowCount() == 1


def test_new_order_submitted_removes_draft_and_lists_order(window, services, fake_wizard, qtbot):
    win = window()
    win.new_order()
    wizard = fake_wizard.opened[0]
    wizard.order.carrier.customer_name = "Acme Law"
    wizard.order.numbers = ["+12125550150"]
    wizard.orderChanged.emit()
    qtbot.waitUntil(lambda: win.drafts_table.rowCount() == 1, timeout=3000)
    # What the submission service does: store the order, remove the draft.
    order_id = services.store.add_order(wizard.order, "sandbox", status="submitted")
    services.store.delete_draft(win._autosaver.draft_id)
    wizard.submitted.emit(order_id)
    wizard.orderChanged.emit()  # a late change must not bring the draft back
    wizard.accept()
    qtbot.wait(700)
    assert services.store.list_drafts() == []
    assert win.orders_table.rowCount() == 1
    assert "Acme Law" in win.orders_table.item(0, 0).text()


def add_tracked(services, name, status, foc=None, rejection=None):
    order = draft_order(name)
    order_id = services.store.add_order(order, "sandbox", status=status)
    fields = {"foc_date": foc}
    if rejection:
        fields.update(rejection_code=rejection, rejection_text="Address does not match")
    services.store.update_order(order_id, **fields)
    return order_id


def test_tracked_orders_show_status_date_and_next_action(window, services):
    from portwizard.domain.lifecycle import Status

    ids = {
        "foc": add_tracked(services, "Corner Shop", "foc_confirmed", foc="2026-12-07"),
        "rejected": add_tracked(services, "Law Firm", "rejected", rejection="address_mismatch"),
        "waiting": add_tracked(services, "Dental", "pending_carrier"),
        "done": add_tracked(services, "Bakery", "completed"),
    }
    win = window()
    table = win.orders_table
    assert table.rowCount() == 4
    rows = {table.item(r, 0).data(Qt.ItemDataRole.UserRole): r for r in range(4)}
    foc_row = rows[ids["foc"]]
    assert table.item(foc_row, 2).text() == Status.FOC_CONFIRMED.label
    assert table.item(foc_row, 3).text() == friendly_date("2026-12-07") == "Mon, Dec 7, 2026"
    assert table.item(foc_row, 1).text() == "(212) 555-0123 + 1 more"
    assert table.item(foc_row, 0).text() == "Corner Shop"
    assert "Dec" in table.item(foc_row, 4).text() or "December" in table.item(foc_row, 4).text()
    assert table.item(rows[ids["rejected"]], 2).text() == Status.REJECTED.label
    assert table.item(rows[ids["waiting"]], 3).text() == "\u2013"
    assert table.item(rows[ids["done"]], 2).text() == Status.COMPLETED.label
    table.selectRow(rows[ids["rejected"]])
    assert "rejected" in win.order_details.text().lower()
    assert win.refresh_button.isEnabled()


def test_settings_token_is_stored_and_never_shown(qtbot, services, memory_secrets):
    url = "https://porting.example-provider.test/api"
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.sandbox_radio.isChecked()
    assert not dialog.token_edit.isEnabled()
    dialog.provider_radio.setChecked(True)
    dialog.url_edit.setText(url)
    dialog.provider_edit.setText("Acme Telecom")
    dialog.lead_spin.setValue(7)
    dialog.accept()
    assert "access token" in dialog.error_label.text()  # no token yet: refused, plainly
    dialog.token_edit.setText("secret-token-abc")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert memory_secrets.get(_secrets.token_key(url)) == "secret-token-abc"
    saved = json.loads(services.settings_path.read_text())
    assert saved["endpoint_url"] == url and saved["provider_name"] == "Acme Telecom"
    assert saved["foc_lead_business_days"] == 7
    assert "secret-token-abc" not in services.settings_path.read_text()
    again = SettingsDialog(services)
    qtbot.addWidget(again)
    assert again.provider_radio.isChecked()
    assert again.token_edit.text() == ""
    assert "token is saved" in again.token_edit.placeholderText()
    assert again.token_edit.echoMode() == again.token_edit.EchoMode.Password


def test_settings_refuse_plain_http(qtbot, services):
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.provider_radio.setChecked(True)
    dialog.url_edit.setText("ftp://example.test")
    dialog.token_edit.setText("t")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "https://" in dialog.error_label.text()
    assert services.settings.uses_sandbox


def test_save_and_open_draft_file(window, services, fake_wizard, qtbot, tmp_path):
    invoice = tmp_path / "bill.pdf"
    invoice.write_bytes(b"%PDF-1.4\n%%EOF\n")
    order = draft_order()
    order.documents.invoice = str(invoice)
    services.store.save_draft(order, step="documents")
    win = window(check_unfinished=False)
    target = tmp_path / "shared" / "dental"
    handle = win.save_draft_as(target, include_pin=False)
    with qtbot.waitSignal(handle.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [True]
    saved = target.with_name("dental.pwdraft")
    assert saved.is_file()
    assert "Saved dental.pwdraft" in win.statusBar().currentMessage()

    handle = win.open_draft_file(saved)
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    assert handle.error is None
    assert len(services.store.list_drafts()) == 2
    wizard = fake_wizard.opened[-1]
    assert wizard.order.carrier.customer_name == "Bright Smile Dental"
    assert wizard.order.carrier.pin == ""  # left out of the file
    assert wizard.order.documents.invoice.endswith("invoice-bill.pdf")
    assert str(services.data_dir) in wizard.order.documents.invoice


def test_open_broken_draft_file_says_why(window, qtbot, tmp_path, dialogs):
    bad = tmp_path / "holiday photos.pwdraft"
    bad.write_bytes(b"not a zip at all")
    win = window()
    handle = win.open_draft_file(bad)
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    assert dialogs.titles() == ["The draft file cannot be opened"]
    assert dialogs.shown[0][0] == "warning"
    assert "holiday photos.pwdraft" in dialogs.shown[0][2]
    assert "damaged or not a portwizard draft" in dialogs.shown[0][2]
    assert dialogs.asked == []


def test_delete_draft_asks_first_and_keeps_it_on_no(window, services, dialogs):
    services.store.save_draft(draft_order(), step="numbers")
    win = window(check_unfinished=False)
    dialogs.answer("Delete this unfinished order?", QMessageBox.StandardButton.No)
    assert win.delete_selected_draft() is False
    assert len(services.store.list_drafts()) == 1
    dialogs.answer("Delete this unfinished order?", QMessageBox.StandardButton.Yes)
    assert win.delete_selected_draft() is True
    assert services.store.list_drafts() == []
    assert [title for title, _ in dialogs.asked] == ["Delete this unfinished order?"] * 2


def test_save_draft_asks_about_the_pin_and_cancel_writes_nothing(window, services, dialogs,
                                                                 tmp_path):
    services.store.save_draft(draft_order(), step="numbers")
    win = window(check_unfinished=False)
    dialogs.answer("Include the PIN?", None)
    assert win.save_draft_as(tmp_path / "dental.pwdraft") is None
    assert not (tmp_path / "dental.pwdraft").exists()
    assert dialogs.asked == [("Include the PIN?", "")]


def test_an_unexpected_question_fails_the_test_instead_of_waiting(window, services):
    services.store.save_draft(draft_order(), step="numbers")
    win = window(check_unfinished=False)
    with pytest.raises(pytest.fail.Exception, match="unexpected question"):
        win.delete_selected_draft()
    assert len(services.store.list_drafts()) == 1


def test_about_goes_through_inform(window, dialogs):
    win = window(check_unfinished=False)
    win.show_about()
    assert dialogs.shown and dialogs.shown[0][0] == "about"
    assert "portwizard" in dialogs.shown[0][2]


@pytest.mark.http
def test_refresh_status_against_the_sandbox(window, services, qtbot):
    services.settings.sandbox_seconds_per_day = 0.02  # the sandbox's days fly by
    client = services.endpoint_client()  # starts the built-in sandbox on 127.0.0.1
    assert client.base_url.startswith("http://127.0.0.1:")
    order = draft_order("Quick Print Shop")
    order.service_address.street_number = "12"
    order.service_address.street_name = "Main St"
    order.service_address.postal_code = "10001"
    from portwizard.domain.order import to_dict

    state = client.create_order(to_dict(order), {}, "test-key-refresh-1")
    order_id = services.store.add_order(order, "sandbox", status=state["status"])
    services.store.update_order(order_id, remote_id=state["id"])
    win = window(check_unfinished=False)
    qtbot.wait(300)
    handle = win.refresh_status()
    assert not win.refresh_button.isEnabled()
    qtbot.waitUntil(lambda: handle.done, timeout=15000)
    assert handle.error is None, handle.error
    assert win.refresh_label.text().startswith("Checked at")
    record = services.store.get_order(order_id)
    assert record.last_checked_at is not None
    assert record.status != "submitted"  # days passed in the sandbox: it moved on
    assert win.refresh_button.isEnabled()
    row_status = win.orders_table.item(0, 2).text()
    from portwizard.domain.status import label as status_label

    assert row_status == status_label(record.status)


# --------------------------------------------------------------------------- app start-up


def test_app_import_keeps_heavy_modules_off_the_startup_path():
    import subprocess

    code = ("import sys, portwizard.gui.app, portwizard.gui.main_window, "
            "portwizard.services.app; "
            "print(sorted(m for m in ('reportlab', 'pypdf', 'requests', 'keyring', "
            "'PySide6.QtPdf', 'PySide6.QtPdfWidgets', 'urllib3') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=str(__import__("pathlib").Path(__file__).parents[2]))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.fixture
def restore_hooks(monkeypatch):
    """run() installs the crash hooks and a log file handler: undo both after the test."""
    import logging
    import threading

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    before = list(logging.getLogger().handlers)
    yield
    for handler in list(logging.getLogger().handlers):
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_run_shows_main_window_with_icon_and_names(qtbot, services, restore_hooks):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from portwizard.gui import app as app_module

    services.store.save_draft(draft_order(), step="numbers")
    assert app_module.run([], services=services, exec_loop=False) == 0
    assert isinstance(sys.excepthook, app_module.ExceptionHook)
    window = QApplication.instance()._portwizard_window
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.banner.isVisible()
    assert QCoreApplication.organizationName() == "portwizard"
    assert QCoreApplication.applicationName() == "portwizard"
    assert not app_module.app_icon().isNull()
    assert len(app_module.app_icon().availableSizes()) >= 4
    window.close()
    del QApplication.instance()._portwizard_window


def test_redact_hides_numbers_pins_and_tokens():
    from portwizard.gui.app import redact

    text = redact("account 123456789 pin=1234 token: abc.def Authorization: Bearer xyz "
                  "call (212) 555-0123")
    for secret in ("123456789", "1234", "abc.def", "xyz", "555-0123"):
        assert secret not in text
    assert "account" in text and "[hidden]" in text


def test_exception_hook_logs_redacted_and_shows_one_dialog(qtbot, tmp_path, monkeypatch):
    import logging

    from portwizard.gui.app import ExceptionHook, RedactingFilter

    shown = []
    monkeypatch.setattr(ExceptionHook, "show_dialog",
                        lambda self, exc_type: shown.append(self.message()))
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Collect()
    handler.addFilter(RedactingFilter())
    logging.getLogger().addHandler(handler)
    try:
        hook = ExceptionHook(tmp_path / "portwizard.log")
        try:
            raise ValueError("bad account 123456789 with PIN 1234")
        except ValueError as exc:
            hook(type(exc), exc, exc.__traceback__)
        logging.getLogger("portwizard.test").warning("saving pin=1234 for 2125550123")
    finally:
        logging.getLogger().removeHandler(handler)
    assert len(shown) == 1
    assert "portwizard.log" in shown[0] and "safe" in shown[0]
    joined = "\n".join(records)
    assert "ValueError" in joined and "test_main_window.py" in joined
    assert ", line " in joined and "[digits]" in joined
    assert "123456789" not in joined and "1234" not in joined
    assert "2125550123" not in joined


def test_close_keeps_window_open_when_the_wizard_refuses_to_close(window, fake_wizard, qtbot):
    class StubbornWizard(FakeWizard):
        refuse = True

        def closeEvent(self, event):  # noqa: N802 - the user chose "Keep editing"
            if StubbornWizard.refuse:
                event.ignore()
            else:
                event.accept()

    fake_wizard_module = sys.modules["portwizard.gui.wizard"]
    fake_wizard_module.PortWizard = StubbornWizard
    win = window()
    wizard = win.new_order()
    assert wizard is not None

    assert win.close() is False
    assert win.isVisible()
    assert win.current_wizard() is wizard and wizard.isVisible()

    StubbornWizard.refuse = False
    assert win.close() is True
    assert not win.isVisible()


def test_settings_ask_the_password_storage_once_per_address_not_per_keystroke(
        qtbot, services, memory_secrets, monkeypatch):
    url = "https://porting.example-provider.test/api"
    memory_secrets.set(_secrets.token_key(url), "saved-token-xyz")
    asked = []
    real = services.has_token
    monkeypatch.setattr(services, "has_token", lambda endpoint=None: asked.append(endpoint)
                        or real(endpoint))
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    asked.clear()
    dialog.provider_radio.setChecked(True)
    dialog.url_edit.setFocus()
    QTest.keyClicks(dialog.url_edit, url)
    assert asked == []  # typing asks nothing (before: one look-up per key)
    dialog.url_edit.editingFinished.emit()  # focus left the field / Return
    assert asked == [url]
    assert "token is saved" in dialog.token_edit.placeholderText()
    dialog.url_edit.editingFinished.emit()
    dialog.provider_edit.setText("Acme Telecom")
    assert dialog.problem() is None  # the saved token counts, without asking again
    assert asked == [url]


def test_autosave_refreshes_only_the_drafts_list(window, services, fake_wizard, qtbot,
                                                 monkeypatch):
    add_tracked(services, "Quick Print Shop", "submitted")
    add_tracked(services, "Corner Bakery", "foc_confirmed", foc="2026-12-07")
    win = window(check_unfinished=False)
    win.new_order()
    wizard = fake_wizard.opened[0]
    calls = []
    for name in ("list_orders", "outbox"):
        real = getattr(services.store, name)
        monkeypatch.setattr(services.store, name,
                            lambda *a, _real=real, _name=name: calls.append(_name) or _real(*a))
    for city in ("Springfield", "Shelbyville", "Capital City"):
        wizard.order.carrier.customer_name = f"Acme Law {city}"
        wizard.orderChanged.emit()
        with qtbot.waitSignal(win._autosaver.saved, timeout=3000):
            pass
    qtbot.waitUntil(lambda: win.drafts_table.rowCount() == 1
                    and "Capital City" in win.drafts_table.item(0, 0).text(), timeout=3000)
    qtbot.wait(400)  # any reload scheduled by the saves has run by now
    assert calls == []  # no sent-order or outbox queries per keystroke
    assert win.orders_table.rowCount() == 2


def test_status_dots_are_painted_once_per_colour(window, services):
    from portwizard.gui import main_window as module

    add_tracked(services, "Quick Print Shop", "submitted")
    win = window(check_unfinished=False)
    first = win.orders_table.item(0, 2).icon().cacheKey()
    win.reload()
    assert win.orders_table.item(0, 2).icon().cacheKey() == first
    assert module._dot_icon("#1565c0") is module._dot_icon("#1565c0")


@pytest.mark.parametrize("workers_finished", [True, False])
def test_exit_closes_services_only_when_workers_are_done(qtbot, services, restore_hooks,
                                                         monkeypatch, caplog,
                                                         workers_finished):
    import logging

    from PySide6.QtWidgets import QApplication

    from portwizard.gui import app as app_module
    from portwizard.gui import workers

    closed = []
    monkeypatch.setattr(services, "close", lambda: closed.append(True))
    monkeypatch.setattr(App, "create", classmethod(lambda cls, *a, **k: services))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(workers, "wait_all", lambda timeout_ms=5000: workers_finished)
    with caplog.at_level(logging.WARNING, logger="portwizard.gui.app"):
        assert app_module.run([]) == 0
    window = QApplication.instance()._portwizard_window
    qtbot.addWidget(window)
    del QApplication.instance()._portwizard_window
    if workers_finished:
        assert closed == [True]
    else:
        assert closed == []  # the store stays open under the still-running worker
        assert "still running" in caplog.text


def test_file_dialogs_go_through_choose_path(window, services, dialogs, tmp_path, qtbot):
    services.store.save_draft(draft_order(), step="numbers")
    win = window(check_unfinished=False)
    dialogs.answer("Open draft file", "")  # cancelled: nothing happens
    assert win.open_draft_file() is None
    target = tmp_path / "chosen.pwdraft"
    dialogs.answer("Save draft as", str(target))
    handle = win.save_draft_as(include_pin=False)
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    assert target.is_file()
    assert [title for title, _ in dialogs.asked] == ["Open draft file", "Save draft as"]
