"""What the main window's first screen does not show waits for the list's first page."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from portwizard.domain.order import Order
from portwizard.gui.dashboard import window as window_module
from portwizard.gui.dashboard.window import MainWindow

pytestmark = pytest.mark.gui


def _recording(monkeypatch, app) -> list[tuple[str, float]]:
    seen: list[tuple[str, float]] = []
    state, latest = app.connection_state, app.drafts.latest
    monkeypatch.setattr(app, "connection_state",
                        lambda: seen.append(("link", time.monotonic())) or state())
    monkeypatch.setattr(app.drafts, "latest",
                        lambda: seen.append(("drafts", time.monotonic())) or latest())
    return seen


def _open(qtbot, app) -> MainWindow:
    win = MainWindow(app)  # as run() makes it: background checks on
    qtbot.addWidget(win)
    win.show()
    return win


def test_the_background_checks_start_once_the_first_page_is_listed(qtbot, app, monkeypatch):
    order = Order(numbers=["+12125550123"])
    order.carrier.customer_name = "Bright Smile Dental"
    app.store.save_draft(order, step="numbers")
    seen = _recording(monkeypatch, app)
    win = _open(qtbot, app)
    try:
        with qtbot.waitSignal(win.model.loaded, timeout=5000):
            pass
        listed = time.monotonic()
        assert seen == []  # their workers would compete with the first frames
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
        assert {what for what, _ in seen} == {"link", "drafts"}
        assert min(at for _, at in seen) - listed >= window_module.SETTLE_MS / 1000 * 0.8
        qtbot.waitUntil(win.banner.isVisible, timeout=5000)  # the unfinished draft is offered
        with qtbot.waitSignal(win.model.loaded, timeout=5000):
            win.refresh_list()
        qtbot.wait(window_module.SETTLE_MS * 2)
        assert len(seen) == 2  # once per window, not per reading of the list
    finally:
        win.controller.stop()


def test_they_start_even_when_the_first_page_cannot_be_read(qtbot, app, monkeypatch):
    seen = _recording(monkeypatch, app)

    def broken(*args, **kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(app, "order_rows", broken)
    win = _open(qtbot, app)
    try:
        with qtbot.waitSignal(win.model.failed, timeout=5000):
            pass
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    finally:
        win.controller.stop()


@pytest.mark.parametrize("drafts", [0, 1])
def test_the_list_area_shows_the_list_or_the_hint_only_once_it_is_known(qtbot, app, drafts):
    for _ in range(drafts):
        app.store.save_draft(Order(numbers=["+12125550123"]), step="numbers")
    win = MainWindow(app, background=False, check_unfinished=False)
    qtbot.addWidget(win)
    win.show()
    # the first frame: neither an empty table over the hint nor a hint that then goes
    assert not win.table.isVisibleTo(win) and not win.empty_hint.isVisibleTo(win)
    with qtbot.waitSignal(win.model.loaded, timeout=5000):
        pass
    assert win.table.isVisibleTo(win) is bool(drafts)
    assert win.empty_hint.isVisibleTo(win) is not bool(drafts)


def test_the_draft_panel_is_built_when_a_draft_is_first_shown(qtbot, app):
    app.store.save_draft(Order(numbers=["+12125550123"]), step="numbers")
    win = MainWindow(app, background=False, check_unfinished=False)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.model.loaded, timeout=5000):
        pass
    assert win._draft_panel is None  # not on the way to the first frame
    win.table.selectRow(0)
    assert win.side.currentWidget() is win.draft_panel is win._draft_panel
    assert win.draft_panel.isVisible()


def _tab_stops_after(widget, count: int) -> list:
    """The next ``count`` widgets Tab moves to from ``widget`` (labels take no Tab focus)."""
    stops: list = []
    while len(stops) < count:
        widget = widget.nextInFocusChain()
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible():
            stops.append(widget)
    return stops


def test_the_resume_banner_is_built_when_a_draft_is_offered_and_tabs_in_order(qtbot, app):
    empty = MainWindow(app, background=False)
    qtbot.addWidget(empty)
    empty.show()
    with qtbot.waitSignal(empty.model.loaded, timeout=5000):
        pass
    qtbot.wait(window_module.SETTLE_MS * 3)
    assert empty._banner is None  # no draft: never built

    app.store.save_draft(Order(numbers=["+12125550123"]), step="numbers")
    win = MainWindow(app, background=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win._banner is not None and win.banner.isVisible(), timeout=5000)
    # below the title row, and its buttons between New order and the search box
    layout = win.centralWidget().layout()
    assert layout.indexOf(win.banner) == 1
    assert _tab_stops_after(win.new_button, 3) == [
        win.banner.resume_button, win.banner.later_button, win.search]


@pytest.mark.parametrize("first", ["resume", "storage"])
def test_the_two_banners_stack_under_the_title_in_either_order_of_need(qtbot, app, first):
    win = MainWindow(app, background=False)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.model.loaded, timeout=5000):
        pass
    assert win._secrets_banner is None  # the password storage was not found failing
    if first == "resume":
        resume, storage = win.banner, win.secrets_banner
    else:
        storage, resume = win.secrets_banner, win.banner
    layout = win.centralWidget().layout()
    # the title row, the two banners, the search row, the list beside the detail
    assert [layout.indexOf(resume), layout.indexOf(storage)] == [1, 2]
    assert layout.count() == 5
    assert layout.indexOf(win.splitter) == 4
    assert not storage.isVisible()
