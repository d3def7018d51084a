"""Benchmark: the dashboard's orders list over 1,000 / 10,000 / 100,000 orders.

Run:  QT_QPA_PLATFORM=offscreen /work/venv/bin/python bench/bench_dashboard.py
          [--sizes 1000,10000,100000] [--runs 3] [--explain]

For each size a store is generated once (in a temporary folder, through ``App.create`` and
one ``executemany`` transaction, plus a few drafts saved the normal way and outbox entries
for the queued orders). Three programs then work on the SAME SQLite file, each measured in
a fresh process per run (in turn, ``--runs`` times, the median is printed):

  * portwizard: ``App.create`` + ``OrderListModel(app)`` + a shown ``QTableView``; every
    query goes through ``App.order_rows``/``count_orders`` on the worker (UNION ALL over
    drafts and orders, COUNT, outbox and numbers per page, formatted cells);
  * same work:  the target's baseline, a minimal ``QAbstractTableModel`` written here over
    ``sqlite3`` on the GUI thread doing the same SQL work: COUNT of drafts and orders per
    query (kept on a new sort), a page as each table's first rows in the wanted order merged
    by UNION ALL, the progress rank for the status sort, a LIKE on search_text, and the
    page's numbers and waiting requests; raw cells, no worker, no paging framework;
  * lean:       the same minimal model doing less (``SELECT ... FROM orders ORDER BY ...
    LIMIT 200``, raw status order, ``title LIKE ? OR search_text LIKE ?``; no COUNT, no
    drafts, no look-ups), shown for comparison.

The project's rule is that a baseline does the same work as what it is compared with, so
the 1.5x target is checked against "same work"; what portwizard adds over it is the worker
round trip (no SQL on the GUI thread), row objects, formatted cells and status icons.

Each step is timed from the call until its result is in the view and painted once
(``loaded``/``rowsInserted`` delivered, then ``processEvents()`` and a synchronous
``viewport().repaint()``):

  open          create the app (or connection) + model + view, show, first page painted
  fetch more    ``fetchMore()`` -> the next 200 rows inserted (default sort)
  sort title    ``model.sort(Order column)``, ascending
  sort status   ``model.sort(Status column)``, ascending
  search        ``set_search("555-01")`` (default sort)
  group         ``set_group(Group.ATTENTION)`` (search cleared; default sort)
  memory        RSS at the end of the scenario minus RSS of the same program run the same
                way over an EMPTY store (also a fresh process)

``--explain`` then prints where the time of each step goes (count, page SQL, numbers, outbox) for the
largest store's list runs, outside Qt.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

# portwizard and Qt are imported inside the functions that use them, on purpose: the parent
# process never loads Qt, and the baseline child never loads portwizard's GUI or store.
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PAGE = 200
SEARCH = "555-01"
STATUS_WEIGHTS = {  # a long-lived account: most orders are finished
    "completed": 40, "cancelled": 6, "submitted": 8, "in_review": 9, "pending_carrier": 9,
    "foc_confirmed": 10, "rejected": 7, "queued": 5, "not_sent": 1,
}
N_DRAFTS = 25

LEAVES_OUT = """\
Left out of these figures:
  * Python and Qt start-up and imports (each child imports everything, then starts the clock);
  * a cold disk: the store was just written, so its pages are in the OS cache (a first open
    after a reboot reads the file from disk: a full scan of the 100,000-order file is ~{mb} MB);
  * painting on a real display (offscreen platform: paint into a memory image, no GPU, no
    compositor, no font hinting cost of a real screen, no high-DPI);
  * contention with other work (status refresh, autosave) on the store's single connection;
  * the numbers go through one worker round trip each; a window that issues several queries
    while typing coalesces nothing here (each step waits for the previous one).
"""


# --------------------------------------------------------------------------- the stores


_FIRST = ("Harbor", "Maple", "Summit", "Cedar", "Blue Ridge", "Lakeside", "Northwind", "Granite",
          "Riverside", "Oak Hill", "Pioneer", "Sunset", "Evergreen", "Union", "Liberty", "Bayview")
_SECOND = ("Dental", "Bakery", "Law Group", "Plumbing", "Realty", "Veterinary", "Auto Repair",
           "Pharmacy", "Insurance", "Books", "Fitness", "Florist", "Clinic", "Hardware", "Cafe")
_SUFFIX = ("LLC", "Inc.", "& Sons", "Co.", "", "", "PC")
_PEOPLE = ("Alex Morgan", "Sam Rivera", "Jordan Lee", "Taylor Kim", "Casey Nguyen", "Riley Patel",
           "Morgan Chen", "Jamie Smith", "Avery Johnson", "Quinn Garcia")
_CARRIERS = ("AT&T", "Verizon", "Comcast Business", "Spectrum", "Lumen", "Frontier", "Cox")
_CITIES = (("New York", "NY", "10001", "212"), ("San Francisco", "CA", "94103", "415"),
           ("Chicago", "IL", "60601", "312"), ("Boston", "MA", "02108", "617"),
           ("Seattle", "WA", "98101", "206"), ("Austin", "TX", "78701", "512"))
_STREETS = ("Main St", "Oak Ave", "Market St", "Elm St", "Broadway", "Park Ave", "1st Ave")


def _iso(moment: _dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _make_order(rnd: random.Random):
    from portwizard.domain.order import Order

    city, state, postal, area = rnd.choice(_CITIES)
    # Fictional numbers: 555-01xx for 3% of them, any 555-xxxx for the rest.
    lines = [rnd.randrange(100, 200) if rnd.random() < 0.03 else rnd.randrange(10000)
             for _ in range(rnd.choice((1, 1, 1, 2, 3, 5)))]
    numbers = [f"+1{area}555{line:04d}" for line in lines]
    order = Order(numbers=numbers)
    person = rnd.choice(_PEOPLE)
    order.target.account_id = f"ACC-{rnd.randrange(10**6):06d}"
    order.target.label = rnd.choice(("Main office", "Front desk", "Warehouse", "Fax", ""))
    c = order.carrier
    c.name = rnd.choice(_CARRIERS)
    c.account_type = "multi-line" if len(numbers) > 1 else "single-line"
    c.number_type = rnd.choice(("business-local", "business-local", "residential"))
    c.customer_name = " ".join(p for p in (rnd.choice(_FIRST), rnd.choice(_SECOND),
                                           rnd.choice(_SUFFIX)) if p)
    c.authorized_name = person
    c.account_number = f"{rnd.randrange(10**9):09d}"
    c.btn = numbers[0]
    a = order.service_address
    a.street_number, a.street_name = str(rnd.randrange(1, 9999)), rnd.choice(_STREETS)
    a.city, a.state, a.postal_code = city, state, postal
    order.contact.name = person
    order.contact.email = person.lower().replace(" ", ".") + "@example.com"
    order.contact.phone = numbers[0]
    return order


def generate_store(home: Path, n_orders: int, *, seed: int = 7) -> dict:
    """Write a store with ``n_orders`` orders (and a few drafts) under ``home``."""
    from portwizard.domain.order import dumps
    from portwizard.secrets import MemorySecretStore
    from portwizard.services.app import App
    from portwizard.store.listing import listing_columns

    rnd = random.Random(seed + n_orders)
    now = _dt.datetime.now(_dt.timezone.utc)
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    started = time.perf_counter()
    app = App.create(home, secrets=MemorySecretStore())
    try:
        rows, outbox = [], []
        for i in range(n_orders):
            order = _make_order(rnd)
            cols = listing_columns(order)
            status = rnd.choices(statuses, weights)[0]
            updated = now - _dt.timedelta(seconds=rnd.randrange(730 * 86400))
            created = updated - _dt.timedelta(seconds=rnd.randrange(30 * 86400))
            sent = status not in ("queued", "not_sent")
            foc = (updated + _dt.timedelta(days=rnd.randrange(3, 30))).date().isoformat() \
                if status in ("foc_confirmed", "completed") else None
            order_id = f"PW-{uuid.UUID(int=rnd.getrandbits(128)).hex[:10].upper()}"
            text = dumps(order, indent=None)
            rows.append((order_id, f"PO-{i + 1:07d}" if sent else None, "sandbox", text, status,
                         foc, "E-102" if status == "rejected" else None,
                         "The account number does not match." if status == "rejected" else None,
                         _iso(created), _iso(updated), cols["title"], cols["search_text"],
                         cols["numbers_count"]))
            if not sent:
                blocked = status == "not_sent"
                outbox.append((order_id, "create", text, str(uuid.UUID(int=rnd.getrandbits(128))),
                               time.time(), "The PIN was refused." if blocked else "",
                               "blocked" if blocked else "pending", _iso(updated), _iso(updated)))
        with app.store.transaction() as db:
            db.executemany(
                """INSERT INTO orders (id, remote_id, endpoint, order_json, status, foc_date,
                       rejection_code, rejection_text, created_at, updated_at, title,
                       search_text, numbers_count)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows)
            db.executemany(
                """INSERT INTO outbox (order_id, operation, payload, idempotency_key, attempts,
                       next_attempt_at, last_error, state, created_at, updated_at, secret_ref,
                       attachments)
                   VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, NULL, '{}')""", outbox)
        for _ in range(N_DRAFTS if n_orders else 0):
            app.store.save_draft(_make_order(rnd), step="numbers")
    finally:
        app.close()
    db_path = home / "data" / "portwizard.sqlite3"
    return {"seconds": time.perf_counter() - started,
            "mb": db_path.stat().st_size / 1e6 if db_path.exists() else 0.0}


# --------------------------------------------------------------------------- memory


def rss_bytes() -> int:
    """Resident set size now (psutil if installed, else /proc, else the peak from getrusage)."""
    try:
        import psutil
    except ImportError:
        pass
    else:
        return int(psutil.Process().memory_info().rss)
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


def peak_rss_bytes() -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


# --------------------------------------------------------------------------- child: one run

# Steps in the order they run; the (portwizard, baseline) columns each step sorts by.
KINDS = ("portwizard", "same", "lean")
STEPS = ("open", "fetch", "sort_title", "sort_status", "search", "group")
LABELS = {"open": "open to interactive", "fetch": "fetch more (scroll)",
          "sort_title": "sort by title", "sort_status": "sort by status",
          "search": f"search '{SEARCH}'", "group": "group 'attention'"}
TARGETED = ("open", "sort_title", "sort_status", "search", "group")


def _child(kind: str, home: Path) -> dict:
    from PySide6.QtCore import QAbstractTableModel, QEventLoop, QModelIndex, Qt, QTimer, Signal
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    # The PySide6 6.12 / Python 3.11 None-refcount fix (portwizard.gui does it on import);
    # applied in both programs, it costs nothing measurable.
    from portwizard.gui.qtfix import make_none_immortal

    make_none_immortal()
    if kind == "portwizard":
        from portwizard.domain.status import Group
        from portwizard.gui.dashboard.models import OrderListModel
        from portwizard.secrets import MemorySecretStore
        from portwizard.services.app import App
    elif kind == "same":
        from portwizard.domain.status import PROGRESS_ORDER  # the words, in progress order
    import sqlite3

    qapp = QApplication.instance() or QApplication([sys.argv[0]])

    class BaselineModel(QAbstractTableModel):
        """One SELECT a page, on the GUI thread; cells are the raw column values."""
        loaded = Signal(int)
        COLUMNS = ("id", "title", "status", "remote_id", "foc_date", "updated_at")

        def __init__(self, db: sqlite3.Connection) -> None:
            super().__init__()
            self.db = db
            self.rows: list[tuple] = []
            self.more = False
            self.order_by = "updated_at DESC"
            self.where, self.params = "", ()

        def _page(self, offset: int) -> list[tuple]:
            return self.db.execute(
                f"SELECT id, title, status, remote_id, foc_date, updated_at FROM orders"
                f"{self.where} ORDER BY {self.order_by} LIMIT ? OFFSET ?",
                (*self.params, PAGE, offset)).fetchall()

        def reload(self) -> None:
            self.beginResetModel()
            self.rows = self._page(0)
            self.more = len(self.rows) == PAGE
            self.endResetModel()
            self.loaded.emit(len(self.rows))

        def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
            return not parent.isValid() and self.more

        def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
            if not self.canFetchMore(parent):
                return
            rows = self._page(len(self.rows))
            self.more = len(rows) == PAGE
            if rows:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
                self.rows.extend(rows)
                self.endInsertRows()

        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
            return 0 if parent.isValid() else len(self.COLUMNS)

        def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
            if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
                return self.COLUMNS[section]
            return None

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
                return None
            value = self.rows[index.row()][index.column()]
            return "" if value is None else value

        def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
            desc = order == Qt.SortOrder.DescendingOrder
            self.order_by = f"{self.COLUMNS[column]} {'DESC' if desc else 'ASC'}"
            self.reload()

        def set_search(self, text: str) -> None:
            if text:
                digits = "".join(ch for ch in text if ch.isdigit())
                self.where = " WHERE title LIKE ? OR search_text LIKE ?"
                self.params = (f"%{text}%", f"%{digits or text}%")
            else:
                self.where, self.params = "", ()
            self.reload()

        def set_statuses(self, statuses: tuple[str, ...]) -> None:
            self.where = f" WHERE status IN ({', '.join('?' * len(statuses))})"
            self.params = statuses
            self.reload()

    class SameWorkModel(BaselineModel):
        """portwizard's list work done the plainest way: on the GUI thread, one model, raw
        cells. Per query the drafts and orders are counted; a page is each table's first
        rows in the wanted order (ORDER BY + LIMIT inside each branch, so the sort indexes
        serve it) merged by UNION ALL and cut with OFFSET; then the page's numbers and its
        orders' waiting requests are read. Status sorts by the progress rank (the same
        expression index), search is a LIKE on search_text. A new sort keeps the count."""
        RANK = ("CASE status " + " ".join(f"WHEN '{w}' THEN {i}"
                                          for i, w in enumerate(PROGRESS_ORDER))
                + f" ELSE {len(PROGRESS_ORDER)} END") if kind == "same" else ""
        SORTS = {"updated_at": ("updated_at", "updated_at"),
                 "title": ("title COLLATE NOCASE", "title COLLATE NOCASE"),
                 "status": (RANK, "rank")}
        COLUMN_KEYS = ("id", "title", "status", "remote_id", "foc_date", "updated_at")

        def __init__(self, db: sqlite3.Connection) -> None:
            super().__init__(db)
            self.sort_key, self.desc = "updated_at", True
            self.text, self.statuses = "", ()
            self.total = 0

        def _filters(self, table: str) -> tuple[str, list] | None:
            clauses, params = [], []
            if self.statuses:
                if table == "drafts":
                    return None  # no draft is in a status group
                clauses.append(f"status IN ({', '.join('?' * len(self.statuses))})")
                params.extend(self.statuses)
            if self.text:
                digits = "".join(ch for ch in self.text if ch.isdigit())
                clauses.append("(search_text LIKE ? OR search_text LIKE ?)")
                params.extend((f"%{self.text}%", f"%{digits or self.text}%"))
            return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

        def _count(self) -> int:
            n = 0
            for table in ("drafts", "orders"):
                where = self._filters(table)
                if where is not None:
                    n += self.db.execute(f"SELECT COUNT(*) FROM {table}{where[0]}",
                                         where[1]).fetchone()[0]
            return n

        def _page(self, offset: int) -> list[tuple]:
            inner, outer = self.SORTS[self.sort_key]
            way = "DESC" if self.desc else "ASC"
            branches, params = [], []
            for table, cols in (
                    ("drafts", f"id, title, 'draft', NULL, NULL, updated_at, "
                               f"{PROGRESS_ORDER.index('draft')} AS rank"),
                    ("orders", f"id, title, status, remote_id, foc_date, updated_at, "
                               f"{self.RANK} AS rank")):
                where = self._filters(table)
                if where is None:
                    continue
                order = inner if table == "orders" or self.sort_key != "status" else "id"
                branches.append(f"SELECT * FROM (SELECT {cols} FROM {table}{where[0]} "
                                f"ORDER BY {order} {way}, id {way} LIMIT ?)")
                params.extend((*where[1], offset + PAGE))
            rows = self.db.execute(
                f"SELECT * FROM ({' UNION ALL '.join(branches)}) ORDER BY {outer} {way}, "
                f"id {way} LIMIT ? OFFSET ?", (*params, PAGE, offset)).fetchall()
            ids = [r[0] for r in rows]
            marks = ", ".join("?" * len(ids))
            numbers = {}
            for table in ("drafts", "orders"):
                for r in self.db.execute(
                        f"SELECT id, json_extract(order_json, '$.numbers') FROM {table} "
                        f"WHERE id IN ({marks})", ids):
                    numbers[r[0]] = json.loads(r[1] or "[]")
            waiting = dict(self.db.execute(
                f"SELECT order_id, COUNT(*) FROM outbox WHERE order_id IN ({marks}) AND "
                f"+state IN ('pending', 'blocked') GROUP BY order_id", ids).fetchall())
            return [(*r[:6], numbers.get(r[0]), waiting.get(r[0], 0)) for r in rows]

        def reload(self, count: bool = True) -> None:
            if count:
                self.total = self._count()
            self.beginResetModel()
            self.rows = self._page(0)
            self.more = len(self.rows) < self.total
            self.endResetModel()
            self.loaded.emit(self.total)

        def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
            if not self.canFetchMore(parent):
                return
            rows = self._page(len(self.rows))
            self.more = len(self.rows) + len(rows) < self.total
            if rows:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
                self.rows.extend(rows)
                self.endInsertRows()

        def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
            self.sort_key = self.COLUMN_KEYS[column] if self.COLUMN_KEYS[column] in self.SORTS \
                else "updated_at"
            self.desc = order == Qt.SortOrder.DescendingOrder
            self.reload(count=False)

        def set_search(self, text: str) -> None:
            self.text = text
            self.reload()

        def set_statuses(self, statuses: tuple[str, ...]) -> None:
            self.text, self.statuses = "", statuses
            self.reload()

    def wait(signal, trigger, timeout_s: float = 60.0):
        """Call ``trigger`` and return when ``signal`` was emitted (maybe synchronously)."""
        got: list = []
        loop = QEventLoop()

        def done(*args):
            got.append(args)
            loop.quit()

        signal.connect(done)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(int(timeout_s * 1000))
        trigger()
        if not got:
            loop.exec()
        timer.stop()
        signal.disconnect(done)
        if not got:
            raise TimeoutError(f"no {signal} within {timeout_s} s")
        return got[0]

    def settle(view, step: str | None = None) -> None:
        """Layout after the reset/insert, then one synchronous paint of what is on screen;
        with ``step``, records when the answer arrived and each of those two ended."""
        arrived = time.perf_counter()
        QApplication.processEvents()
        laid_out = time.perf_counter()
        view.viewport().repaint()
        if step is not None:
            out["phases"][step] = (arrived - start, laid_out - arrived,
                                   time.perf_counter() - laid_out)

    # Warm Qt's generic machinery (style, fonts, first paint of a table) for both programs:
    # the dashboard opens inside a window that has painted already.
    warm = QStandardItemModel(30, 6)
    for r in range(30):
        for c in range(6):
            warm.setItem(r, c, QStandardItem(f"warm {r} {c}"))
    warm_view = QTableView()
    warm_view.setModel(warm)
    warm_view.resize(1100, 700)
    warm_view.show()
    settle(warm_view)
    warm_view.close()
    del warm_view, warm
    QApplication.processEvents()
    gc.collect()

    def idle() -> None:
        """Untimed, before each step: what the last step left behind (paints Qt queued
        after the measured one, portwizard's exact count of a broad search still running
        on the worker) finishes first, so a step is timed from an idle window and its own
        work only. The exact count is timed on its own (``search_count``)."""
        handle = model.pending() if kind == "portwizard" else None
        if handle is not None and not handle.done:
            began = time.perf_counter()
            wait(handle.finished, lambda: None)
            out["search_count"] = time.perf_counter() - began
        for _ in range(3):
            QApplication.processEvents()

    db_path = home / "data" / "portwizard.sqlite3"
    out: dict = {"totals": {}, "phases": {}}
    t = time.perf_counter
    start = t()
    if kind == "portwizard":
        app = App.create(home, secrets=MemorySecretStore())
        model = OrderListModel(app)
    else:
        db = sqlite3.connect(str(db_path))
        model = SameWorkModel(db) if kind == "same" else BaselineModel(db)
    view = QTableView()
    view.setModel(model)
    view.resize(1100, 700)
    view.show()
    got = wait(model.loaded, model.reload)
    settle(view, "open")
    out["open"] = t() - start
    out["totals"]["all"] = got[0]

    if model.canFetchMore(QModelIndex()):
        idle()
        start = t()
        wait(model.rowsInserted, model.fetchMore)
        settle(view, "fetch")
        out["fetch"] = t() - start

    title_col, status_col, updated_col = (1, 0, 5) if kind == "portwizard" else (1, 2, 5)
    for step, column in (("sort_title", title_col), ("sort_status", status_col)):
        idle()
        start = t()
        wait(model.loaded, lambda c=column: model.sort(c, Qt.SortOrder.AscendingOrder))
        settle(view, step)
        out[step] = t() - start
    wait(model.loaded, lambda: model.sort(updated_col, Qt.SortOrder.DescendingOrder))
    settle(view)

    idle()
    start = t()
    got = wait(model.loaded, lambda: model.set_search(SEARCH))
    settle(view, "search")
    out["search"] = t() - start
    out["totals"]["search"] = got[0]
    idle()  # (times the exact count of the search, still running after its page showed)
    wait(model.loaded, lambda: model.set_search(""))
    settle(view)

    if kind == "portwizard":
        group = lambda: model.set_group(Group.ATTENTION)  # noqa: E731
    else:
        group = lambda: model.set_statuses(  # noqa: E731
            ("awaiting_signature", "not_sent", "rejected"))
    idle()
    start = t()
    got = wait(model.loaded, group)
    settle(view, "group")
    out["group"] = t() - start
    out["totals"]["group"] = got[0]

    gc.collect()
    out["rss"] = rss_bytes()
    out["peak"] = peak_rss_bytes()
    out["rows_held"] = model.rowCount()
    if kind == "portwizard":
        app.close()
    else:
        db.close()
    return out


# --------------------------------------------------------------------------- --explain


def explain(home: Path) -> None:
    """Where portwizard's time goes, part by part, outside Qt (best of 3): what the model's
    worker runs for each step (``listing.count`` then ``listing.rows``), and inside
    ``rows`` the page SELECT, the numbers and outbox look-ups and the row objects."""
    import sqlite3

    from portwizard.domain.status import Group
    from portwizard.secrets import MemorySecretStore
    from portwizard.store import listing
    from portwizard.store.db import Store
    from portwizard.store.listing import OrderQuery

    db_path = home / "data" / "portwizard.sqlite3"

    def best(fn, n: int = 3) -> float:
        times = []
        for _ in range(n):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times)

    print(f"\n== --explain: {db_path.stat().st_size / 1e6:.0f} MB store, best of 3, no Qt ==")
    opened = best(lambda: Store(db_path, secrets=MemorySecretStore()).close())
    print(f"Store() open (schema check, run lock): {opened * 1000:.1f} ms")
    db = sqlite3.connect(str(db_path))
    db.row_factory = sqlite3.Row
    cases = (("open (updated_at desc)", OrderQuery(), 0),
             ("fetch more (offset 200)", OrderQuery(), PAGE),
             ("sort by title", OrderQuery(sort="title", descending=False), 0),
             ("sort by status", OrderQuery(sort="status", descending=False), 0),
             (f"search '{SEARCH}'", OrderQuery(text=SEARCH), 0),
             ("group 'attention'", OrderQuery(group=Group.ATTENTION), 0))
    print(f"{'':26}{'count':>8}{'rows()':>8}{'page SQL':>10}{'numbers':>9}{'outbox':>8}   (ms)")
    for name, query, offset in cases:
        matches = listing.count(db, query)
        t_count = best(lambda: listing.count(db, query))
        t_rows = best(lambda: listing.rows(db, query, offset, PAGE, matches))
        found = listing.rows(db, query, offset, PAGE, matches)
        orders = [r.id for r in found if not r.is_draft]
        drafts = [r.id for r in found if r.is_draft]
        t_numbers = best(lambda: (listing._numbers(db, "orders", orders),
                                  listing._numbers(db, "drafts", drafts)))
        t_outbox = best(lambda: listing._waiting(db, orders))
        t_page = t_rows - t_numbers - t_outbox
        print(f"{name:26}{t_count * 1000:8.1f}{t_rows * 1000:8.1f}{t_page * 1000:10.1f}"
              f"{t_numbers * 1000:9.1f}{t_outbox * 1000:8.1f}")
    print("(page SQL = rows() minus the numbers and outbox look-ups: the UNION page SELECT "
          "and the row objects)")
    db.close()


# --------------------------------------------------------------------------- parent


def run_child(kind: str, home: Path) -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", kind,
                           str(home)], capture_output=True, text=True, timeout=240, env=env)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"{kind} child over {home} failed (exit {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:8.1f} ms"


def _median(results: list[dict], key: str) -> float | None:
    values = [r[key] for r in results if r.get(key) is not None]
    return statistics.median(values) if values else None


def report(size: int, info: dict, runs: dict[str, list[dict]],
           empty: dict[str, list[dict]]) -> list[str]:
    """Print one size's table; returns the failed targets. The target ratio is against the
    same-work baseline; the lean one is shown for comparison."""
    pw, same, lean = runs["portwizard"], runs["same"], runs["lean"]
    totals = pw[0]["totals"]
    if any(same[0]["totals"][k] != totals[k] for k in ("all", "group")):  # the same rows
        raise SystemExit(f"the same-work baseline found {same[0]['totals']}, "
                         f"portwizard {totals}")
    print(f"\n== {size:,} orders (+{N_DRAFTS} drafts; file {info['mb']:.1f} MB, written in "
          f"{info['seconds']:.1f} s; list {totals['all']:,} rows, search "
          f"{same[0]['totals']['search']:,} (portwizard shows its page once it knows there are at "
          f"least {totals['search']:,}, the exact count follows), "
          f"attention {totals['group']:,}) ==")
    print(f"{'':22}{'portwizard':>12}{'(min..max)':>14}{'same work':>12}{'ratio':>8}"
          f"{'lean':>12}{'ratio':>8}  target (ratio to the same work)")
    failed: list[str] = []
    for step in STEPS:
        p, b, c = _median(pw, step), _median(same, step), _median(lean, step)
        values = [r[step] for r in pw if r.get(step) is not None]
        spread = f"({min(values) * 1000:.0f}..{max(values) * 1000:.0f})" if values else ""
        ratio = p / b if p is not None and b else None
        lean_ratio = p / c if p is not None and c else None
        target = ""
        if step in TARGETED and p is not None:
            target = "<300 ms, <=1.5x"
            why = []
            if p >= 0.300:
                why.append(f"{p * 1000:.0f} ms")
            if ratio is not None and ratio > 1.5:
                why.append(f"{ratio:.2f}x")
            if why:
                failed.append(f"{LABELS[step]} ({', '.join(why)})")
                target += "  FAIL"
            else:
                target += "  ok"
        print(f"{LABELS[step]:22}{_ms(p):>12}{spread:>14}{_ms(b):>12}"
              f"{'' if ratio is None else f'{ratio:7.2f}x':>8}{_ms(c):>12}"
              f"{'' if lean_ratio is None else f'{lean_ratio:7.2f}x':>8}  {target}")
    for key, label in (("rss", "memory (end, RSS)"), ("peak", "memory (peak RSS)")):
        grown = {kind: statistics.median(r[key] for r in runs[kind])
                 - statistics.median(r[key] for r in empty[kind]) for kind in runs}
        p, b, c = grown["portwizard"], grown["same"], grown["lean"]
        ratio = f"{p / b:7.2f}x" if b > 1e6 else "      -"
        lean_ratio = f"{p / c:7.2f}x" if c > 1e6 else "      -"
        target = ""
        if key == "rss":
            target = "<+100 MB over empty store"
            if p >= 100e6:
                failed.append(f"memory (+{p / 1e6:.0f} MB)")
                target += "  FAIL"
            else:
                target += "  ok"
        print(f"{label:22}{f'{p / 1e6:+8.1f} MB':>12}{'':>14}{f'{b / 1e6:+8.1f} MB':>12}"
              f"{ratio:>8}{f'{c / 1e6:+8.1f} MB':>12}{lean_ratio:>8}  {target}")
    counts = _median(pw, "search_count")
    if counts is not None:
        print(f"(portwizard's exact count of the broad search, run on the worker after its "
              f"page showed and not in any figure above: {counts * 1000:.1f} ms)")
    print("where each step's time goes (medians, ms): answer in the model / layout "
          "(processEvents) / one paint")
    for step in STEPS:
        parts = []
        for kind in KINDS:
            phases = [r["phases"][step] for r in runs[kind] if step in r["phases"]]
            if phases:
                parts.append(f"{kind} " + " / ".join(
                    f"{statistics.median(p[i] for p in phases) * 1000:.1f}" for i in range(3)))
        print(f"  {LABELS[step]:22}" + "   ".join(parts))
    verdict = "PASS" if not failed else "FAIL: " + "; ".join(failed)
    print(f"{size:,} orders: {verdict}")
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated numbers of orders (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median printed)")
    parser.add_argument("--explain", action="store_true",
                        help="then print query plans and per-statement times for the largest size")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "HOME"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, home = args.child
        result = _child(kind, Path(home))
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        os._exit(0)  # skip Qt's teardown: it is not part of any figure

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    began = time.perf_counter()
    print("bench_dashboard: the orders list (OrderListModel in a QTableView) vs a bare "
          "QTableView + SQL model")
    print(f"Python {sys.version.split()[0]}, Qt platform "
          f"{os.environ.get('QT_QPA_PLATFORM', 'offscreen')}, {os.cpu_count()} CPUs; "
          f"median of {args.runs} runs, each a fresh process; page = {PAGE} rows; "
          f"load average {os.getloadavg()[0]:.2f} at start.")
    print("Every time runs until the result is in the view and painted once. Targets apply "
          "as stated for 100,000 orders and are checked at every size.")
    print("Baselines: 'same work' runs the same SQL work as portwizard on the GUI thread in one "
          "plain model (the target's reference); 'lean' does less (no COUNT, no drafts, no "
          "numbers or outbox look-ups, raw status order) and is shown for comparison.")
    with tempfile.TemporaryDirectory(prefix="pw-bench-dashboard-") as tmp:
        stores: dict[int, tuple[Path, dict]] = {}

        def store(n: int) -> tuple[Path, dict]:
            if n not in stores:
                home = Path(tmp) / f"home-{n}"
                stores[n] = (home, generate_store(home, n))
            return stores[n]

        largest_mb = store(max(sizes))[1]["mb"] if sizes else 0.0
        print(LEAVES_OUT.format(mb=f"{largest_mb:.0f}"), end="")

        def measure(n: int) -> dict[str, list[dict]]:
            home, _ = store(n)
            out: dict[str, list[dict]] = {kind: [] for kind in KINDS}
            for run in range(args.runs):  # in turn, each starting first once in a while
                for kind in KINDS[run % 3:] + KINDS[:run % 3]:
                    out[kind].append(run_child(kind, home))
            return out

        empty = measure(0)
        all_failed = {}
        for n in sizes:
            res = measure(n)
            all_failed[n] = report(n, stores[n][1], res, empty)
        print(f"\nEmpty-store RSS (the memory zero): portwizard "
              f"{statistics.median(r['rss'] for r in empty['portwizard']) / 1e6:.1f} MB, "
              f"same work {statistics.median(r['rss'] for r in empty['same']) / 1e6:.1f} MB, "
              f"lean {statistics.median(r['rss'] for r in empty['lean']) / 1e6:.1f} MB.")
        print(f"Total {time.perf_counter() - began:.0f} s; load average "
              f"{os.getloadavg()[0]:.2f} at the end (other work on this machine adds noise).")
        if args.explain and sizes:
            explain(store(max(sizes))[0])
    return 1 if any(all_failed.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
