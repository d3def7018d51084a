"""The main window against a real store and the sandbox on loopback: orders move through
their states after refreshes, a notification is raised, rejected orders lead to Fix and
resubmit, cancel/duplicate/delete/export, search and quick filters, layout remembered."""
from __future__ import annotations

import json
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from orderkit import FAKE_PIN, FAKE_TOKEN, free_port, make_app, valid_order
from portwizard.domain import status as st
from portwizard.domain.order import Order
from portwizard.endpoint import Sandbox
from portwizard.gui.dashboard.models import ID_ROLE
from portwizard.gui.dashboard.notify import RecordingNotifier
from portwizard.gui.dashboard.window import MainWindow

pytestmark = pytest.mark.gui



@pytest.fixture
def window(qtbot):
    made = []

    def make(app, **kwargs):
        kwargs.setdefault("background", False)
        win = MainWindow(app, **kwargs)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        loaded(qtbot, win)
        return win
    yield make
    for win in made:
        win.controller.stop()


def loaded(qtbot, win):
    handle = win.model.pending()
    if handle is not None and not handle.done:
        with qtbot.waitSignal(handle.finished, timeout=5000):
            pass


def ids_in(win) -> list[str]:
    return [win.model.index(r, 0).data(ID_ROLE) for r in range(win.model.rowCount())]


def select(qtbot, win, item_id: str):
    row = win.model.row_of(item_id)
    assert row >= 0, f"{item_id} is not listed"
    win.table.selectRow(row)
    return row


def _order(name: str, number: str) -> Order:
    order = Order(numbers=[number])
    order.carrier.customer_name = name
    order.carrier.pin = FAKE_PIN
    return order


def test_empty_window_says_what_to_do(window, app):
    win = window(app)
    assert win.empty_hint.isVisible() and not win.table.isVisible()
    assert "New order" in win.empty_hint.text()
    assert "practice sandbox" in win.subtitle.text()


@pytest.mark.http
def test_orders_move_through_states_and_a_change_raises_a_notification(window, qtbot, tmp_path,
                                                                         memory_secrets):
    port = free_port()
    app = make_app(tmp_path / "home", f"http://127.0.0.1:{port}", secrets=memory_secrets)
    notifier = RecordingNotifier()
    try:
        with Sandbox(tmp_path / "sb.db", port=port, seconds_per_day=0.2, token=FAKE_TOKEN):
            result = app.submit(valid_order(tmp_path))
            assert result.outcome == "sent"
            win = window(app)
            win.set_notifier(notifier)
            seen = []
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and "completed" not in seen:
                with qtbot.waitSignal(win.controller.syncFinished, timeout=10000):
                    win.refresh_now()
                loaded(qtbot, win)
                row = win.model.row_at(win.model.row_of(result.order_id))
                if row.status not in seen:
                    seen.append(row.status)
                    assert win.model.index(win.model.row_of(result.order_id), 0).data() \
                        == st.label(row.status)
                QTest.qWait(100)
            assert seen[-1] == "completed" and len(seen) >= 2
            assert "online" in win.connection_label.text()
            texts = [m[0] for m in notifier.messages]
            assert any(st.label("completed") in t for t in texts)
            assert all(m[2] == result.order_id for m in notifier.messages)
            notifier.click()  # clicking the message shows that order
            loaded(qtbot, win)
            qtbot.waitUntil(lambda: win.selected() == ("order", result.order_id), timeout=5000)
    finally:
        app.close()


def test_offline_refresh_says_so_and_keeps_the_order_queued(window, qtbot, tmp_path,
                                                           memory_secrets):
    port = free_port()
    app = make_app(tmp_path / "home", f"http://127.0.0.1:{port}", secrets=memory_secrets)
    try:
        queued = app.submit(valid_order(tmp_path))
        win = window(app)
        qtbot.waitUntil(lambda: "offline" in win.connection_label.text(), timeout=5000)
        assert "1 request waiting" in win.outbox_label.text()
        time.sleep(0.3)
        with qtbot.waitSignal(win.controller.syncFinished, timeout=10000):
            win.refresh_now()
        assert "could not be reached" in win.statusBar().currentMessage()
        assert "No changes" not in win.statusBar().currentMessage()
        select(qtbot, win, queued.order_id)
        assert win.model.index(win.model.row_of(queued.order_id), 0).data() \
            == st.label(st.QUEUED)
    finally:
        app.close()


def test_search_any_notation_and_quick_filters(window, app, qtbot):
    app.store.add_order(_order("Acme Dental", "+12125550123"), "sandbox")
    rejected = app.store.add_order(_order("Baker Law", "+13125550188"), "sandbox")
    app.store.update_order(rejected, status="rejected", remote_id="PO-000042")
    app.drafts.save(_order("Corner Shop", "+16465550142"))
    win = window(app)
    assert win.model.rowCount() == 3
    with qtbot.waitSignal(win.model.loaded, timeout=5000):
        win.search.setText("(312) 555-0188")
    assert ids_in(win) == [rejected]
    with qtbot.waitSignal(win.model.loaded, timeout=5000):
        win.search.setText("po-000042")
    assert ids_in(win) == [rejected]
    with qtbot.waitSignal(win.model.loaded, timeout=5000):
        win.search.clear()
    with qtbot.waitSignal(win.model.loaded, timeout=5000):
        win.filter_buttons["filter.attention"].click()
    assert ids_in(win) == [rejected]
    with qtbot.waitSignal(win.model.loaded, timeout=5000):
        win.actions_by_name["show_drafts"].trigger()
    assert [win.model.row_at(0).kind] == ["draft"]
    assert win.filter_buttons["filter.drafts"].isChecked()


def test_context_menu_offers_only_what_the_order_allows(window, app, qtbot):
    done = app.store.add_order(_order("Done Deal", "+12125550111"), "sandbox")
    app.store.update_order(done, status="completed")
    rejected = app.store.add_order(_order("Baker Law", "+13125550188"), "sandbox")
    app.store.update_order(rejected, status="rejected", rejection_code="wrong_pin")
    draft = app.drafts.save(_order("Corner Shop", "+16465550142"))
    win = window(app)

    def offered(item_id):
        select(qtbot, win, item_id)
        return [a.objectName() for a in win.context_menu().actions()]

    assert offered(rejected) == ["action.open", "action.fix", "action.cancel",
                                 "action.duplicate", "action.export"]
    assert offered(done) == ["action.open", "action.duplicate", "action.export"]
    assert offered(draft) == ["action.open", "action.duplicate", "action.export",
                              "action.delete"]


def test_fix_and_resubmit_opens_the_wizard_on_the_refused_field(window, app, qtbot, tmp_path):
    order_id = app.store.add_order(valid_order(tmp_path), "sandbox")
    app.store.update_order(order_id, status="rejected", remote_id="PO-000007",
                           rejection_code="wrong_pin", rejection_text="PIN does not match")
    win = window(app)
    select(qtbot, win, order_id)
    win.fix_action.trigger()
    qtbot.waitUntil(lambda: win.current_wizard() is not None, timeout=5000)
    wizard = win.current_wizard()
    assert "carrier.pin" in wizard.highlighted_fields()
    assert wizard.order.carrier.pin == FAKE_PIN  # read back from the password storage
    wizard.ask_close = lambda: "discard"
    wizard.close()


def test_cancel_asks_with_the_question_in_the_text_and_no_keeps_it(window, app, qtbot, dialogs):
    order_id = app.store.add_order(_order("Acme Dental", "+12125550123"), "sandbox")
    win = window(app)
    select(qtbot, win, order_id)
    dialogs.answer("Cancel this order?", QMessageBox.StandardButton.No)
    assert win.cancel_order(order_id) is None
    assert "Cancel this order?" in dialogs.asked[-1][1]  # macOS shows no titles
    assert app.store.get_order(order_id).status == st.QUEUED


def test_cancel_of_an_order_never_sent_happens_here(window, app, qtbot, dialogs):
    order_id = app.store.add_order(_order("Acme Dental", "+12125550123"), "sandbox")
    win = window(app)
    dialogs.answer("Cancel this order?", QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(win.controller.actionFinished, timeout=5000) as got:
        win.cancel_order(order_id)
    assert got.args[0].ok and app.store.get_order(order_id).status == "cancelled"


def test_duplicate_delete_and_export(window, app, qtbot, dialogs, tmp_path):
    order_id = app.store.add_order(valid_order(tmp_path), "sandbox")
    win = window(app)
    select(qtbot, win, order_id)
    with qtbot.waitSignal(win.controller.actionFinished, timeout=5000) as got:
        win.duplicate_action.trigger()
    copy_id = got.args[0].item_id
    assert app.drafts.load(copy_id).carrier.pin == ""  # never copied
    loaded(qtbot, win)
    qtbot.waitUntil(lambda: win.selected() == ("draft", copy_id), timeout=5000)

    target = tmp_path / "exported.json"
    dialogs.answer("Export order", str(target))
    select(qtbot, win, order_id)
    with qtbot.waitSignal(win.controller.actionFinished, timeout=5000):
        win.export_action.trigger()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["carrier"]["pin"] == "" and FAKE_PIN not in target.read_text(encoding="utf-8")

    select(qtbot, win, copy_id)
    pwdraft = tmp_path / "copy.pwdraft"
    dialogs.answer("Export order", str(pwdraft))
    dialogs.answer("Include the PIN?", False)
    with qtbot.waitSignal(win.controller.actionFinished, timeout=5000):
        win.export_action.trigger()
    assert pwdraft.is_file()

    dialogs.answer("Delete this unfinished order?", QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(win.controller.actionFinished, timeout=5000):
        win.delete_action.trigger()
    assert "cannot be undone" in dialogs.asked[-1][1]
    loaded(qtbot, win)
    assert copy_id not in ids_in(win)

    with qtbot.waitSignal(win.controller.actionFinished, timeout=5000):
        win.open_draft_file(pwdraft)
    qtbot.waitUntil(lambda: win.current_wizard() is not None, timeout=5000)
    wizard = win.current_wizard()
    wizard.ask_close = lambda: "keep"
    wizard.close()


def test_enter_and_double_click_open_a_draft(window, app, qtbot):
    draft = app.drafts.save(_order("Corner Shop", "+16465550142"))
    win = window(app, check_unfinished=False)
    select(qtbot, win, draft)
    win.table.setFocus()
    QTest.keyClick(win.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.current_wizard() is not None, timeout=5000)
    wizard = win.current_wizard()
    wizard.ask_close = lambda: "keep"
    wizard.close()


def test_geometry_splitter_and_columns_are_remembered(window, app, qtbot):
    win = window(app)
    win.resize(1000, 600)
    win.table.setColumnWidth(4, 222)
    [shown] = [a for a in win.columns_menu().actions() if a.text() == "Numbers"]
    assert not shown.isChecked()
    shown.setChecked(True)  # the hidden Numbers column is shown from the header's menu
    win.splitter.setSizes([500, 480])
    sizes = win.splitter.sizes()
    win.close()
    again = window(app)
    assert again.table.columnWidth(4) == 222
    assert not again.table.horizontalHeader().isSectionHidden(2)
    left, right = again.splitter.sizes()
    assert abs(left / (left + right) - sizes[0] / sum(sizes)) < 0.02  # the split is kept
    assert again.saveGeometry() == win.saveGeometry() or again.width() <= 1000


def test_no_mnemonic_is_shared_in_any_state_of_the_window(window, app, qtbot, tmp_path):
    """Menus, filters, banner, the detail of a rejected and of an FOC-confirmed order, the
    draft panel: every Alt+letter leads to one control."""
    from portwizard.gui.mnemonics import mnemonic_clashes

    rejected = app.store.add_order(valid_order(tmp_path), "sandbox")
    app.store.update_order(rejected, status="rejected", rejection_code="wrong_pin",
                           remote_id="PO-1")
    moving = app.store.add_order(valid_order(tmp_path, number="+12125550124"), "sandbox")
    app.store.update_order(moving, status="foc_confirmed", foc_date="2026-12-21",
                           remote_id="PO-2")
    draft = app.drafts.save(_order("Corner Shop", "+16465550142"))
    win = window(app)
    qtbot.waitUntil(win.banner.isVisible, timeout=5000)
    assert mnemonic_clashes(win) == []
    for item_id in (rejected, moving):
        with qtbot.waitSignal(win.detail.loaded, timeout=5000):
            select(qtbot, win, item_id)
        assert mnemonic_clashes(win) == [], item_id
    select(qtbot, win, draft)
    assert win.side.currentWidget() is win.draft_panel
    assert mnemonic_clashes(win) == []


@pytest.mark.http
def test_a_comment_written_offline_reaches_the_provider_when_it_is_back(window, qtbot, tmp_path,
                                                                        memory_secrets):
    """Comments round trip: typed offline in the detail, queued, sent by the next check once
    the provider answers, and then shown as the provider has it (no longer waiting)."""
    from PySide6.QtWidgets import QPlainTextEdit, QPushButton

    port = free_port()
    app = make_app(tmp_path / "home", f"http://127.0.0.1:{port}", secrets=memory_secrets)
    try:
        with Sandbox(tmp_path / "sb.db", port=port, seconds_per_day=50.0, token=FAKE_TOKEN):
            sent = app.submit(valid_order(tmp_path))
            assert sent.outcome == "sent"
        win = window(app)  # the provider is gone now
        with qtbot.waitSignal(win.detail.loaded, timeout=5000):
            select(qtbot, win, sent.order_id)
        box = win.detail.findChild(QPlainTextEdit, "detail.comment_text")
        box.setPlainText("The main line is also on our fax machine.")
        with qtbot.waitSignal(win.detail.changed, timeout=10000):
            win.detail.findChild(QPushButton, "detail.add_comment").click()
        qtbot.waitUntil(lambda: any(c.pending for c in win.detail.detail().comments),
                        timeout=5000)
        with Sandbox(tmp_path / "sb.db", port=port, seconds_per_day=50.0, token=FAKE_TOKEN) as sb:
            time.sleep(0.3)  # past the test back-off
            with qtbot.waitSignal(win.controller.syncFinished, timeout=10000) as done:
                win.refresh_now()
            assert done.args[0].sent == 1
            remote = sb.state.get(app.store.get_order(sent.order_id).remote_id)
            assert [c["text"] for c in remote["comments"]] == \
                ["The main line is also on our fax machine."]
        qtbot.waitUntil(lambda: win.detail.detail() is not None and [
            (c.text, c.pending) for c in win.detail.detail().comments] == [
            ("The main line is also on our fax machine.", False)], timeout=5000)
    finally:
        app.close()


def test_a_broken_draft_file_says_why_and_opens_nothing(window, app, qtbot, dialogs, tmp_path):
    broken = tmp_path / "broken.pwdraft"
    broken.write_bytes(b"this is not a zip file")
    win = window(app)
    with qtbot.waitSignal(win.controller.actionFinished, timeout=5000) as got:
        win.open_draft_file(broken)
    assert not got.args[0].ok
    [(kind, title, text)] = dialogs.shown
    assert kind == "warning" and title == "The draft file cannot be opened"
    assert "broken.pwdraft" in text
    assert win.current_wizard() is None and app.drafts.list() == []


def test_the_longest_dates_fit_their_columns_as_laid_out_at_first(window, app):
    import datetime as dt
    import sqlite3

    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))  # a 12-hour clock: "Yesterday, 11:45 PM"
    try:
        order_id = app.store.add_order(_order("Night Owl Bakery", "+12125550147"), "sandbox")
        late = (dt.datetime.now().astimezone() - dt.timedelta(days=1)).replace(
            hour=23, minute=45, second=0, microsecond=0)
        db = sqlite3.connect(app.store.path)
        db.execute("UPDATE orders SET updated_at = ?, foc_date = ? WHERE id = ?",
                   (late.astimezone(dt.timezone.utc).isoformat(), "2026-12-30", order_id))
        db.commit()
        db.close()
        win = window(app)
        row = win.model.row_of(order_id)
        assert win.model.index(row, 5).data() == "Yesterday, 11:45\u202fPM"
        assert win.model.index(row, 4).data() == "Wed, Dec 30, 2026"
        for column in (4, 5):  # (the width the cell's text and margins ask for)
            assert win.table.columnWidth(column) >= win.table.sizeHintForColumn(column), column
    finally:
        QLocale.setDefault(before)


def test_the_business_name_gets_room_in_the_first_layout(window, app):
    app.store.add_order(_order("Union Cafe and Bakery", "+12125550148"), "sandbox")
    win = window(app)
    win.resize(1200, 720)  # the window's first size
    QTest.qWait(50)
    assert win.table.columnWidth(1) >= 180  # "Union Cafe and Bakery (1 number)" elided, not gone
    assert [win.table.isColumnHidden(c) for c in range(6)] == [False, False, True, True,
                                                               False, False]
