"""The orders list model: checked by QAbstractItemModelTester, paged from the store on a
worker, sorted and filtered in SQL; status colours readable in light and dark."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QAbstractItemModelTester

from portwizard.domain import status as st
from portwizard.domain.order import Order
from portwizard.gui.dashboard import models as m



def _order(i: int) -> Order:
    order = Order(numbers=[f"+1212555{i:04d}"])
    order.carrier.customer_name = f"Business {i:03d}"
    return order


def _fill(app, n: int, status: str = "submitted") -> list[str]:
    ids = []
    for i in range(n):
        order_id = app.store.add_order(_order(i), "sandbox", status=status)
        ids.append(order_id)
    return ids


def _wait(qtbot, model):
    handle = model.pending()
    if handle is not None and not handle.done:
        with qtbot.waitSignal(handle.finished, timeout=5000):
            pass


def test_model_passes_the_item_model_tester_while_paging(qtbot, app):
    _fill(app, m.PAGE + 50)
    model = m.OrderListModel(app)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    with qtbot.waitSignal(model.loaded, timeout=5000) as got:
        model.reload()
    assert got.args == [m.PAGE + 50]
    assert model.rowCount() == m.PAGE and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())  # one page at a time
    _wait(qtbot, model)
    assert model.rowCount() == m.PAGE + 50 and not model.canFetchMore(QModelIndex())


def test_sort_and_search_run_in_sql_and_keep_roles(qtbot, app):
    ids = _fill(app, 30)
    app.store.update_order(ids[7], status="rejected", remote_id="PO-777")
    app.drafts.save(_order(500))
    model = m.OrderListModel(app)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.sort(1, Qt.SortOrder.AscendingOrder)
    titles = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold) and len(titles) == 31
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_search("(212) 555-0007")
    assert model.rowCount() == 1
    index = model.index(0, 0)
    assert index.data(m.ID_ROLE) == ids[7] and index.data(m.KIND_ROLE) == "order"
    assert index.data() == st.label("rejected") and index.data(m.TONE_ROLE) == st.Tone.BAD.value
    assert model.index(0, 3).data() == "PO-777"
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_search("")
        model.set_group(st.Group.DRAFTS)
    assert model.rowCount() == 1 and model.index(0, 0).data(m.KIND_ROLE) == "draft"


def test_a_late_answer_to_an_older_query_is_dropped(qtbot, app):
    _fill(app, 5)
    app.drafts.save(_order(99))
    model = m.OrderListModel(app)
    first = model.reload()
    model.set_group(st.Group.DRAFTS)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        pass
    if not first.done:
        with qtbot.waitSignal(first.finished, timeout=5000):
            pass
    assert model.rowCount() == 1 and model.total() == 1


def test_a_queued_or_blocked_order_is_never_called_sent(qtbot, app):
    order_id = app.store.add_order(_order(1), "sandbox")  # queued
    entry = app.store.enqueue(order_id, "create", {})
    model = m.OrderListModel(app)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    assert "sent" not in model.index(0, 0).data().lower().replace("to be sent", "")
    app.store.mark_blocked(entry.id, "No access token is saved.")
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    assert model.index(0, 0).data() == "Not sent yet: needs you"
    assert "No access token" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def _palette(window: str, text: str) -> QPalette:
    palette = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        palette.setColor(role, QColor(window))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, QColor(text))
    return palette


@pytest.mark.parametrize("tone", list(st.Tone))
@pytest.mark.parametrize("window, text", [("#ffffff", "#000000"), ("#202124", "#e8eaed")])
def test_status_colours_meet_wcag_aa_on_light_and_dark(tone, window, text):
    from portwizard.gui.theme import contrast_ratio, status_color

    palette = _palette(window, text)
    assert contrast_ratio(status_color(tone, palette), QColor(window)) >= 4.5


def test_a_broad_search_shows_its_page_first_and_counts_after(qtbot, app, monkeypatch):
    monkeypatch.setattr(m, "WALK_FACTOR", 0)  # any match is "broad" here
    _fill(app, 30)
    model = m.OrderListModel(app)
    with qtbot.waitSignal(model.counted, timeout=5000) as counted:
        model.set_search("business")
    assert counted.args == [30] and model.total() == 30 and model.rowCount() == 30


def test_a_new_sort_reuses_the_count_and_a_refresh_counts_again(qtbot, app, monkeypatch):
    _fill(app, 12)
    asked = []
    count = app.count_orders
    monkeypatch.setattr(app, "count_orders", lambda *a, **k: asked.append(a) or count(*a, **k))
    model = m.OrderListModel(app)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    assert len(asked) == 1
    with qtbot.waitSignal(model.loaded, timeout=5000) as got:
        model.sort(1, Qt.SortOrder.AscendingOrder)  # the same rows in another order
    assert got.args == [12] and len(asked) == 1
    _fill(app, 1)
    with qtbot.waitSignal(model.loaded, timeout=5000) as got:
        model.reload(keep_fetched=True)  # a refresh: what it finds may have changed
    assert got.args == [13] and len(asked) == 2
    with qtbot.waitSignal(model.loaded, timeout=5000) as got:
        model.set_group(st.Group.DRAFTS)  # other rows: counted again
    assert got.args == [0] and len(asked) == 3


def test_the_status_words_are_read_with_the_rows_not_at_the_first_paint(qtbot, app):
    from portwizard.domain import lifecycle

    _fill(app, 3)
    lifecycle._data.cache_clear()  # as in a new process
    model = m.OrderListModel(app)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    # Read on the worker with the page (about 5 ms: the file, its checks, their imports):
    # the view's first paint asks every visible row's status words.
    assert lifecycle._data.cache_info().currsize == 1
    assert model.index(0, 0).data() == st.label("submitted")


def test_an_order_added_above_while_scrolling_shows_no_row_twice(qtbot, app):
    _fill(app, m.PAGE + 30)
    model = m.OrderListModel(app)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    _fill(app, 1)  # a new order: the newest, above everything shown
    model.fetchMore(QModelIndex())
    _wait(qtbot, model)
    ids = [model.index(r, 0).data(m.ID_ROLE) for r in range(model.rowCount())]
    # The next page starts after the last row shown (OFFSET would repeat that row).
    assert len(ids) == len(set(ids)) == m.PAGE + 30


def _threads_calling(monkeypatch, name: str) -> set[int]:
    """The threads that call ``models.<name>`` from now on (the real function still runs)."""
    seen: set[int] = set()
    real = getattr(m, name)
    monkeypatch.setattr(m, name, lambda *a: seen.add(threading.get_ident()) or real(*a))
    return seen


def test_a_row_is_formatted_when_first_shown_and_only_once(qtbot, app, monkeypatch):
    _fill(app, m.PAGE + 20)
    model = m.OrderListModel(app)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    formatted = []
    real = m.display_text
    monkeypatch.setattr(m, "display_text", lambda row, *a: formatted.append(row.id) or
                        real(row, *a))
    # A first page is 200 rows and a screen shows about 20: nothing is worked out before
    # the view asks, then the row asked for, once.
    assert formatted == []
    first = [model.index(0, c).data() for c in range(6)]
    assert formatted == [model.row_at(0).id] * 6
    assert [model.index(0, c).data() for c in range(6)] == first
    assert model.index(0, 1).data(Qt.ItemDataRole.AccessibleTextRole) == first[1]
    assert len(formatted) == 6
    model.fetchMore(QModelIndex())
    _wait(qtbot, model)
    assert model.rowCount() == m.PAGE + 20
    last = model.index(m.PAGE + 19, 2).data()
    assert len(formatted) == 12  # the next page's rows too, only when asked
    assert first[2] == "(212) 555-0" + first[2][-3:] and last.startswith("(212) 555-")
    assert first == [m.display_text(model.row_at(0), c.key) for c in m.COLUMNS]


def test_every_row_of_a_read_says_today_from_the_same_moment(qtbot, app, monkeypatch):
    import datetime as dt

    _fill(app, 2)
    model = m.OrderListModel(app)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    moments = []
    real = m.display_text
    monkeypatch.setattr(m, "display_text", lambda row, key, now=None, locale=None:
                        moments.append(now) or real(row, key, now, locale))
    # rows painted later (scrolled to after midnight) keep the read's "now"
    monkeypatch.setattr(m, "now_local", lambda: dt.datetime(2030, 1, 1).astimezone())
    model.index(0, 5).data()
    model.index(1, 5).data()
    assert len(set(moments)) == 1 and moments[0].year != 2030
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    model.index(0, 5).data()
    assert moments[-1].year == 2030  # a new read: a new moment


def test_the_status_dots_of_a_page_are_painted_on_the_worker_in_the_tone_colour(qtbot, app,
                                                                               monkeypatch):
    from PySide6.QtGui import QGuiApplication

    from portwizard.gui.theme import status_color

    _fill(app, 3)
    monkeypatch.setattr(m, "_ICONS", {})  # as in a new process
    gui_thread, painted_on = threading.get_ident(), _threads_calling(monkeypatch, "dot_image")
    model = m.OrderListModel(app)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    icon = model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)  # what a paint asks
    assert painted_on and gui_thread not in painted_on
    image = icon.pixmap(24, 24).toImage()
    expected = status_color(m.tone_of(model.row_at(0)), QGuiApplication.palette())
    assert image.pixelColor(12, 12).name() == expected.name()
    assert image.pixelColor(1, 1).alpha() == 0  # a round dot, not a square
