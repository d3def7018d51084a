"""The orders list as a Qt table model over the store.

:class:`OrderListModel` holds only the rows fetched so far. SQLite searches, filters and
sorts (``App.order_rows``); the model asks for the first page when the query changes and
for more pages as the view scrolls (``canFetchMore``/``fetchMore``). Every query runs on a
worker thread, so a slow disk never freezes the window; results of an older query are
dropped. The view is a plain ``QTableView``: no widget per cell, no Python object per order
that is not on screen.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal,
)
from PySide6.QtGui import QGuiApplication

from portwizard.domain import lifecycle
from portwizard.domain import status as _status
from portwizard.domain.phone_format import format_display
from portwizard.gui.timetext import iso_day_text, moment_text, now_local
from portwizard.gui.workers import run_task
from portwizard.store import OrderQuery, OrderRow
from portwizard.store.listing import WALK_FACTOR

if TYPE_CHECKING:  # (loaded where a dot is drawn)
    from PySide6.QtGui import QIcon, QImage, QPalette


PAGE = 200

ID_ROLE = Qt.ItemDataRole.UserRole + 1      # str: order or draft id
KIND_ROLE = Qt.ItemDataRole.UserRole + 2    # "order" | "draft"
TONE_ROLE = Qt.ItemDataRole.UserRole + 3    # domain.status.Tone's value
ROW_ROLE = Qt.ItemDataRole.UserRole + 4     # the OrderRow
STATUS_ROLE = Qt.ItemDataRole.UserRole + 5  # the status word


class Column(NamedTuple):
    key: str      # sort key (store.listing.SORT_KEYS)
    title: str


COLUMNS = (
    Column("status", "Status"),
    Column("title", "Order"),
    Column("numbers", "Numbers"),
    Column("remote_id", "Provider's order no."),
    Column("foc_date", "Numbers move on"),
    Column("updated_at", "Last change"),
)

# The status dots: one icon per tone and palette. A page's dots are painted (as images) on
# the worker that reads it, so the first paint of a list does not load QPainter and the
# colour rules (~2.5 ms); tone_icon() paints any other on the GUI thread.
_ICONS: dict[tuple[_status.Tone, int], QIcon] = {}


def tone_icon(tone: _status.Tone) -> QIcon:
    """A round dot in the tone's colour (worked out and painted once per tone and palette)."""
    from PySide6.QtGui import QIcon, QPixmap

    palette = QGuiApplication.palette()
    key = (tone, palette.cacheKey())
    icon = _ICONS.get(key)
    if icon is None:
        icon = _ICONS[key] = QIcon(QPixmap.fromImage(dot_image(tone, palette)))
    return icon


def dot_image(tone: _status.Tone, palette: QPalette) -> QImage:
    """The dot of ``tone`` for ``palette`` as an image (safe on a worker thread)."""
    # (QPainter's class alone takes ~1 ms to load, QImage's 0.4: not for an empty list)
    from PySide6.QtGui import QColor, QImage, QPainter

    from portwizard.gui.theme import status_color

    image = QImage(24, 24, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(status_color(tone, palette).name()))
    painter.drawEllipse(5, 5, 14, 14)
    painter.end()
    return image


def page_dots(rows: list[OrderRow], palette: QPalette) -> dict[tuple[_status.Tone, int], QImage]:
    """Images of the dots ``rows`` show that are not made yet (on the worker, with the page)."""
    key = palette.cacheKey()
    return {(tone, key): dot_image(tone, palette) for tone in {tone_of(row) for row in rows}
            if (tone, key) not in _ICONS}


def _keep_dots(dots: dict[tuple[_status.Tone, int], QImage]) -> None:
    if not dots:
        return
    from PySide6.QtGui import QIcon, QPixmap

    for key, image in dots.items():
        _ICONS.setdefault(key, QIcon(QPixmap.fromImage(image)))


def numbers_text(numbers: tuple[str, ...] | list[str], limit: int = 2) -> str:
    shown = [format_display(n) or n for n in list(numbers)[:limit]]
    rest = len(numbers) - len(shown)
    return ", ".join(shown) + (f" + {rest} more" if rest > 0 else "")


def status_text(row: OrderRow) -> str:
    """The status column's words: a queued order is never called sent."""
    if row.is_draft:
        return _status.label(_status.DRAFT)
    if row.blocked:
        return "Not sent yet: needs you"
    return _status.label(row.status)


def tone_of(row: OrderRow) -> _status.Tone:
    return _status.Tone.BAD if row.blocked else _status.tone(row.status)


def tooltip_of(row: OrderRow) -> str:
    if row.is_draft:
        return "Not sent yet. Open it to continue where you stopped."
    if row.blocked:
        return f"Not sent yet: {row.blocked}"
    text = _status.meaning(row.status)
    if row.waiting:
        text += (f" {row.waiting} request{'s' if row.waiting != 1 else ''} from this computer "
                 "still wait to be sent.")
    return text


def display_text(row: OrderRow, key: str, now: _dt.datetime | None = None,
                 locale: QLocale | None = None) -> str:
    """The text of ``row``'s cell in the column ``key`` (``now``, ``locale``: see
    :func:`~portwizard.gui.timetext.moment_text`)."""
    if key == "status":
        return status_text(row)
    if key == "title":
        return row.title
    if key == "numbers":
        return numbers_text(row.numbers)
    if key == "remote_id":
        return row.remote_id or ("\u2013" if not row.is_draft else "")
    if key == "foc_date":
        return iso_day_text(row.foc_date)
    if key == "updated_at":
        return moment_text(row.updated_at, now, locale=locale)
    return ""


def row_cells(row: OrderRow, now: _dt.datetime, locale: QLocale) -> tuple[str, ...]:
    """The texts of ``row``'s cells, one per column."""
    return tuple(display_text(row, c.key, now, locale) for c in COLUMNS)


_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole,
                    ID_ROLE, KIND_ROLE, TONE_ROLE, STATUS_ROLE, ROW_ROLE})


_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # (asked per cell painted)


class OrderListModel(QAbstractTableModel):
    """Drafts and orders, one row each, read from the store a page at a time."""

    #: the first page of a new query arrived (rows are reset); argument: total rows
    loaded = Signal(int)
    #: the exact number of matches arrived after the first page (broad searches)
    counted = Signal(int)
    #: a query failed (plain message)
    failed = Signal(str)

    def __init__(self, app: Any, parent=None) -> None:
        super().__init__(parent)
        self.app = app
        self._query = OrderQuery()
        self._rows: list[OrderRow] = []
        # Each row's cell texts, worked out when the view first asks for one of them (about
        # 14 us a row: a first page is 200 rows, a screen shows 20) and kept, all with the
        # moment the rows were read: a "Today, 3:05 PM" stays until the list is read again.
        self._cells: list[tuple[str, ...] | None] = []
        self._now, self._locale = now_local(), QLocale()
        self._total = 0
        self._generation = 0
        self._fetching = False
        self._pending: Any = None
        self._held = 0
        self._counted_query: OrderQuery | None = None  # the query self._total counts exactly

    # ---------------------------------------------------------------- queries
    def query(self) -> OrderQuery:
        return self._query

    def set_query(self, query: OrderQuery) -> None:
        self._query = query
        self.reload(reuse_count=True)

    def set_search(self, text: str) -> None:
        self.set_query(dataclasses.replace(self._query, text=text))

    def set_group(self, group: _status.Group | None) -> None:
        self.set_query(dataclasses.replace(self._query, group=group))

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Queries asked for inside are not run (the caller reloads once after): building
        a window sets the sort (restored columns) and the filter before the first read."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1

    def reload(self, *, keep_fetched: bool = False, reuse_count: bool = False):
        """Ask for the first page again (on a worker); returns the task handle (None while
        :meth:`held`). ``keep_fetched``: read as many rows as are loaded now (a refresh of
        the same query keeps the user's scroll position). ``reuse_count``: when only the
        sort changed since the rows were last counted, the count is not asked again (a
        refresh asks: what it finds may have changed)."""
        if self._held:
            return None
        self._generation += 1
        generation, query = self._generation, self._query
        limit = max(PAGE, len(self._rows)) if keep_fetched else PAGE
        app = self.app
        counted, palette = self._counted_query, QGuiApplication.palette()
        known = self._total if reuse_count and counted is not None and \
            dataclasses.replace(counted, sort=query.sort, descending=query.descending) == query \
            else None
        self._counted_query = None

        def read():
            if known is not None:  # the same rows in another order
                return known, True, app.order_rows(query, 0, limit, known)
            if not query.text.strip():  # an index counts these in a millisecond or two
                total = app.count_orders(query)
                return total, True, app.order_rows(query, 0, limit, total)
            # A search: first learn whether it is broad (stop counting at the cap), pick
            # the faster way to read the page from that, count exactly afterwards.
            cap = WALK_FACTOR * limit + 1
            found = app.count_orders(query, cap)
            return found, found < cap, app.order_rows(query, 0, limit, found)

        def work():
            total, exact, rows = read()
            if any(not row.is_draft for row in rows):
                lifecycle.load()  # the status words, read here rather than at the first paint
            return total, exact, rows, now_local(), page_dots(rows, palette)

        self._fetching = True
        self._pending = run_task(work, on_result=lambda r: self._first_page(generation, query, r),
                                 on_error=lambda e: self._failed(generation, e))
        return self._pending

    def pending(self):
        """The running query's task handle (tests wait on its ``finished``)."""
        return self._pending

    def _first_page(self, generation: int, query: OrderQuery, result) -> None:
        if generation != self._generation:
            return  # an older query answered late
        total, exact, rows, now, dots = result
        _keep_dots(dots)
        self.beginResetModel()
        self._rows, self._cells, self._total = list(rows), [None] * len(rows), total
        self._now, self._locale = now, QLocale()
        self._fetching = False
        self._counted_query = query if exact else None
        self.endResetModel()
        self.loaded.emit(total)
        if not exact:  # a broad search: the exact number follows (the page is already shown)
            self._pending = run_task(self.app.count_orders, query,
                                     on_result=lambda n: self._counted(generation, query, n),
                                     on_error=lambda e: self._failed(generation, e))

    def _counted(self, generation: int, query: OrderQuery, total: int) -> None:
        if generation != self._generation:
            return
        self._total = max(total, len(self._rows))
        self._counted_query = query
        self.counted.emit(self._total)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self.failed.emit(f"Your orders could not be read: {exc}")

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        generation, query, offset = self._generation, self._query, len(self._rows)
        self._fetching = True
        app, total, after = self.app, self._total, self._rows[-1] if self._rows else None
        palette = QGuiApplication.palette()

        def work():
            rows = app.order_rows(query, offset, PAGE, total, after)
            return rows, page_dots(rows, palette)

        self._pending = run_task(work, on_result=lambda r: self._more(generation, offset, *r),
                                 on_error=lambda e: self._failed(generation, e))

    def _more(self, generation: int, offset: int, rows: list[OrderRow], dots: dict) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        _keep_dots(dots)
        self._fetching = False
        if not rows:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self._cells.extend([None] * len(rows))
        self.endInsertRows()

    # ---------------------------------------------------------------- table model
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def total(self) -> int:
        """Rows matching the query (fetched or not)."""
        return self._total

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section].title
        return None

    def row_at(self, row: int) -> OrderRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == item_id:
                return i
        return -1

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None  # most calls (font, alignment, colours...) end here, cheaply
        r = index.row()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            cells = self._cells[r]
            if cells is None:
                cells = self._cells[r] = row_cells(self._rows[r], self._now, self._locale)
            return cells[index.column()]
        row = self._rows[r]
        if role == Qt.ItemDataRole.DecorationRole:
            return tone_icon(tone_of(row)) if index.column() == 0 else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_of(row)
        if role == ID_ROLE:
            return row.id
        if role == KIND_ROLE:
            return row.kind
        if role == TONE_ROLE:
            return tone_of(row).value
        if role == STATUS_ROLE:
            return row.status
        return row  # ROW_ROLE

    def flags(self, index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.set_query(dataclasses.replace(
            self._query, sort=COLUMNS[column].key,
            descending=order == Qt.SortOrder.DescendingOrder))
