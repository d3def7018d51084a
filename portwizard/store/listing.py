"""The orders list as one SQL query: drafts and orders, searched, filtered and sorted by
SQLite, read a page at a time.

The dashboard shows 100,000 orders without building 100,000 order documents: each row keeps
a ``title`` and a ``search_text`` (lower-case name, ids and every number's digits, written
with the row), and the list is a ``UNION ALL`` over the two tables that SQLite sorts and cuts
into pages (``LIMIT``/``OFFSET``). A number can be searched in any notation: the query's
digits are matched against the digits of every number.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, NamedTuple

if TYPE_CHECKING:
    from portwizard.domain.order import Order

from portwizard.domain.status import GROUP_STATUSES, PROGRESS_ORDER, Group, label

#: sortable columns (the dashboard's keys)
SORT_KEYS = ("status", "title", "numbers", "remote_id", "foc_date", "updated_at", "id")


_DIGITS = re.compile(r"\d+")


def number_digits(numbers: Iterable[str]) -> list[str]:
    """Digits of each number as written, plus the ten-digit form of a +1 number."""
    out: list[str] = []
    for n in numbers:
        if not isinstance(n, str):
            continue
        digits = "".join(_DIGITS.findall(n))
        if not digits:
            continue
        out.append(digits)
        if len(digits) == 11 and digits[0] == "1":
            out.append(digits[1:])
    return out


def search_text(order: Order, title: str, *ids: str | None) -> str:
    """What a search box may match: the title, the names on the order, every number's
    digits, and our and the provider's order ids (one column, so one LIKE per search)."""
    parts = [title, order.carrier.customer_name, order.carrier.name, order.target.label,
             " ".join(number_digits(order.numbers)), *(i for i in ids if i)]
    return " ".join(p for p in parts if p).casefold()


def listing_columns(order: Order, *ids: str | None) -> dict[str, object]:
    """The orders-list columns stored with a draft or order row (see module doc);
    ``ids``: the order's own and the provider's ids."""
    from portwizard.store.db import order_title

    title = order_title(order)
    return {"title": title, "search_text": search_text(order, title, *ids),
            "numbers_count": sum(1 for n in order.numbers if isinstance(n, str) and n.strip())}


@dataclass(frozen=True)
class OrderQuery:
    """What the dashboard asks for: a quick filter, search text and a sort."""
    group: Group | None = None
    text: str = ""
    sort: str = "updated_at"
    descending: bool = True

    def __post_init__(self) -> None:
        if self.sort not in SORT_KEYS:
            raise ValueError(f"cannot sort by {self.sort!r}")


class OrderRow(NamedTuple):
    """One line of the orders list (drafts and orders alike)."""
    kind: str              # "draft" | "order"
    id: str
    title: str
    status: str            # "draft" for drafts
    remote_id: str | None
    foc_date: str | None
    updated_at: str
    numbers: tuple[str, ...] = ()
    step: str = ""         # drafts: the wizard step the user stopped at
    waiting: int = 0       # outbox entries not yet sent
    blocked: str = ""      # why the oldest waiting entry cannot be sent ("" when none)
    rejection_code: str | None = None

    @property
    def is_draft(self) -> bool:
        return self.kind == "draft"


RANK_SQL = "CASE status " + " ".join(
    f"WHEN '{s}' THEN {i}" for i, s in enumerate(PROGRESS_ORDER)) + f" ELSE {len(PROGRESS_ORDER)} END"
_DRAFT_RANK = PROGRESS_ORDER.index("draft")

# Each half of the list, with the sort expression per key. The ``orders`` expressions are
# the ones its indexes are built on (store/schema.py, migration 4), so SQLite reads the
# first page straight from an index instead of sorting every row; the few drafts are sorted.
_ORDERS_SORT = {"status": RANK_SQL, "title": "title COLLATE NOCASE", "numbers": "numbers_count",
                "remote_id": "remote_id COLLATE NOCASE", "foc_date": "foc_date",
                "updated_at": "updated_at", "id": "id"}
_DRAFTS_SORT = {**_ORDERS_SORT, "status": "id", "remote_id": "id", "foc_date": "id"}
# A search that matches few rows is slower through a sort index (it walks most of the index
# to find them) than by scanning the table and sorting the matches; one that matches many
# finds a page early in the index. With the match count known (the model counts first), a
# search walks the index when it matches more than WALK_FACTOR times the rows wanted, and
# otherwise sorts by the same keys with the index turned off (a unary "+" does that).
WALK_FACTOR = 3
_SEARCH_SORT = {"status": f"+({RANK_SQL})", "title": "+title COLLATE NOCASE",
                "numbers": "+numbers_count", "remote_id": "+remote_id COLLATE NOCASE",
                "foc_date": "+foc_date", "updated_at": "+updated_at", "id": "+id"}
#: the same keys over the merged half-pages
_MERGED_SORT = {**_ORDERS_SORT, "status": "status_rank"}
# The next page after a row (scrolling down) starts right after that row's sort key and id
# ("keyset" paging: each half reads one page from its index wherever the list is) instead of
# reading and skipping every row above it (OFFSET: 120 ms a page 10,000 rows down in a
# 100,000-order list). Only for keys that are never NULL; the others page by OFFSET.
_AFTER_DRAFTS = {"status": str(_DRAFT_RANK), "title": "title COLLATE NOCASE",
                 "updated_at": "updated_at", "id": "id"}
KEYSET_KEYS = frozenset(_AFTER_DRAFTS)

_ORDERS_COLUMNS = (f"'order' AS kind, id, title, status, remote_id, foc_date, updated_at, "
                   f"numbers_count, '' AS step, rejection_code, {RANK_SQL} AS status_rank")
_DRAFTS_COLUMNS = ("'draft' AS kind, id, title, 'draft' AS status, NULL AS remote_id, "
                   "NULL AS foc_date, updated_at, numbers_count, step, NULL AS rejection_code, "
                   f"{_DRAFT_RANK} AS status_rank")


def _where(query: OrderQuery, table: str) -> tuple[str, list] | None:
    """The WHERE clause for one half of the list; None when no row of it can match."""
    clauses, params = [], []
    drafts = table == "drafts"
    if query.group is not None:
        statuses = sorted(GROUP_STATUSES[query.group])
        if drafts:
            if "draft" not in statuses:
                return None
        else:
            clauses.append(f"status IN ({', '.join('?' * len(statuses))})")
            params.extend(statuses)
    text = " ".join(query.text.split()).casefold()
    if text:
        pattern = "%" + _like(text) + "%"
        alternatives = ["search_text LIKE ? ESCAPE '\\'"]
        params.append(pattern)
        digits = "".join(_DIGITS.findall(text))
        if len(digits) >= 3 and digits != text and \
                len(digits) >= len(re.sub(r"\s", "", text)) // 2:
            alternatives.append("search_text LIKE ?")
            params.append("%" + digits + "%")
        statuses = [s for s in PROGRESS_ORDER if text in label(s).casefold()]
        if drafts and "draft" in statuses:
            alternatives.append("1")
        elif statuses and not drafts:
            alternatives.append(f"status IN ({', '.join('?' * len(statuses))})")
            params.extend(statuses)
        clauses.append("(" + " OR ".join(alternatives) + ")")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def count(db, query: OrderQuery, cap: int | None = None) -> int:
    """Rows matching ``query``: each table counted on its own (an index can answer).
    With ``cap``, counting stops there (a broad search is known to be broad quickly)."""
    total = 0
    for table in ("drafts", "orders"):
        where = _where(query, table)
        if where is None:
            continue
        if cap is None:
            sql, params = f"SELECT COUNT(*) FROM {table}{where[0]}", where[1]
        else:
            sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {table}{where[0]} LIMIT ?)"
            params = [*where[1], max(0, cap - total)]
        total += int(db.execute(sql, params).fetchone()[0])
    return total


def sort_value(row: OrderRow, key: str) -> object:
    """``row``'s value of sort key ``key`` (one of :data:`KEYSET_KEYS`), as SQL compares it."""
    if key == "status":
        status = "draft" if row.is_draft else row.status
        return PROGRESS_ORDER.index(status) if status in PROGRESS_ORDER else len(PROGRESS_ORDER)
    return getattr(row, key)


def rows(db, query: OrderQuery, offset: int = 0, limit: int = 200,
         matches: int | None = None, after: OrderRow | None = None) -> list[OrderRow]:
    """One page of the list. Each table gives its first ``offset + limit`` rows in the
    wanted order (from an index), and only those are merged and cut into the page.
    ``matches``: how many rows the query matches, when known (see WALK_FACTOR).
    ``after``: the last row already shown (the page at ``offset`` follows it): for the
    keys in :data:`KEYSET_KEYS` the page is read from right after it, whatever ``offset``."""
    direction = "DESC" if query.descending else "ASC"
    offset, limit = max(0, int(offset)), max(0, int(limit))
    keyset = after is not None and query.sort in KEYSET_KEYS
    skip = 0 if keyset else offset
    halves, params = [], []
    searching = bool(query.text.strip()) and (
        matches is None or matches <= WALK_FACTOR * (offset + limit))
    for table, columns, sort in (("drafts", _DRAFTS_COLUMNS, _DRAFTS_SORT),
                                 ("orders", _ORDERS_COLUMNS,
                                  _SEARCH_SORT if searching else _ORDERS_SORT)):
        where = _where(query, table)
        if where is None:
            continue
        where_sql, where_params = where
        if keyset:
            key = sort[query.sort] if table == "orders" else _AFTER_DRAFTS[query.sort]
            op = "<" if query.descending else ">"
            # (not the row value "(key, id) > (?, ?)": SQLite reads an index range for this
            # form whatever the key's collation or expression, and scans for that one)
            where_sql += (" AND " if where_sql else " WHERE ") + \
                f"{key} {op}= ? AND ({key} {op} ? OR id {op} ?)"
            value = sort_value(after, query.sort)
            where_params = [*where_params, value, value, after.id]
        halves.append(f"SELECT * FROM (SELECT {columns} FROM {table}{where_sql} ORDER BY "
                      f"{sort[query.sort]} {direction}, id {direction} LIMIT ?)")
        params.extend((*where_params, skip + limit))
    if not halves:
        return []
    sql = (f"SELECT * FROM ({' UNION ALL '.join(halves)}) ORDER BY "
           f"{_MERGED_SORT[query.sort]} {direction}, id {direction} LIMIT ? OFFSET ?")
    found = db.execute(sql, (*params, limit, skip)).fetchall()
    order_ids = [r["id"] for r in found if r["kind"] == "order"]
    waiting = _waiting(db, order_ids)
    numbers_of = _numbers(db, "orders", order_ids)
    numbers_of.update(_numbers(db, "drafts", [r["id"] for r in found if r["kind"] == "draft"]))
    out = []
    for r in found:
        numbers = numbers_of.get(r["id"], ())
        count_, blocked = waiting.get(r["id"], (0, ""))
        out.append(OrderRow(kind=r["kind"], id=r["id"], title=r["title"] or "",
                            status=r["status"], remote_id=r["remote_id"], foc_date=r["foc_date"],
                            updated_at=r["updated_at"], numbers=numbers, step=r["step"] or "",
                            waiting=count_, blocked=blocked, rejection_code=r["rejection_code"]))
    return out


def _numbers(db, table: str, ids: list[str]) -> dict[str, tuple[str, ...]]:
    """The numbers of a page of rows (read only for the rows shown)."""
    if not ids:
        return {}
    result = {}
    for r in db.execute(f"SELECT id, json_extract(CASE WHEN json_valid(order_json) THEN order_json ELSE '[]' END, '$.numbers') FROM {table} "
                        f"WHERE id IN ({', '.join('?' * len(ids))})", ids):
        try:
            numbers = json.loads(r[1] or "[]")
        except ValueError:
            numbers = []
        result[r[0]] = tuple(n for n in numbers if isinstance(n, str)) \
            if isinstance(numbers, list) else ()
    return result


def _waiting(db, order_ids: list[str]) -> dict[str, tuple[int, str]]:
    """For a page of orders: how many outbox entries wait, and why the oldest is blocked.
    Looked up by order (``+state`` keeps SQLite off the state index, which would read every
    waiting entry of every order: 3.6 ms instead of 0.1 ms a page with 6,000 waiting)."""
    if not order_ids:
        return {}
    marks = ", ".join("?" * len(order_ids))
    result: dict[str, tuple[int, str]] = {}
    for r in db.execute(
            f"""SELECT order_id, COUNT(*) AS n,
                       (SELECT last_error FROM outbox b WHERE b.order_id = o.order_id
                        AND b.state = 'blocked' ORDER BY id LIMIT 1) AS blocked
                FROM outbox o WHERE order_id IN ({marks}) AND +state IN ('pending', 'blocked')
                GROUP BY order_id""", order_ids):
        result[r["order_id"]] = (int(r["n"]), r["blocked"] or "")
    return result
