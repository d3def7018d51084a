"""Submitted orders and their append-only status history, as the store keeps them.

:class:`OrdersMixin` is one part of :class:`~portwizard.store.db.Store` (which supplies the
connection, ``transaction``, ``_query``, its lock and the secret helpers). Here: recording an
order (PIN to the secret store) with its first history entry, reading it back (a damaged row
is skipped and noted, never hiding the others), the document files drafts and orders refer
to, the orders list (paged by :mod:`portwizard.store.listing`) and its counts, and the
status history.
"""
from __future__ import annotations

import functools
import json
import logging
import sqlite3
from typing import TYPE_CHECKING, Any, Iterable

from portwizard import secrets as _secrets
from portwizard.domain.status import QUEUED
from portwizard.store import listing
from portwizard.store.listing import OrderQuery, OrderRow, listing_columns
from portwizard.store.records import (
    DamagedRecord, HistoryEntry, OrderRecord, _documents, _order_from_json, new_order_id,
    now_iso, provider_of, strip_pin,
)

if TYPE_CHECKING:
    from portwizard.domain.order import Order

log = logging.getLogger(__name__)


class OrdersMixin:
    """Orders, the document files they refer to, the orders list and the status history
    (see the module doc)."""

    def add_order(self, order: Order, endpoint: str, *, status: str = QUEUED,
                  order_id: str | None = None, note: str = "", provider: str | None = None) -> str:
        """Record a new order (PIN to the secret store) and its first history entry.
        ``provider``: who it is filed with (None: the portwizard API family, told apart by
        ``endpoint``)."""
        clean, pin = strip_pin(order)
        order_id = order_id or new_order_id()
        stamp = now_iso()
        self._put_secret(_secrets.order_pin_key(order_id), pin)
        cols = listing_columns(clean, order_id)
        with self.transaction(durable=True) as db:
            db.execute(
                """INSERT INTO orders (id, remote_id, endpoint, order_json, status, created_at,
                                       updated_at, title, search_text, numbers_count, provider)
                   VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (order_id, endpoint, _documents().dumps(clean, indent=None), status, stamp, stamp,
                 *cols.values(), provider or provider_of(endpoint)))
            self.append_history(order_id, status, "local", note, at=stamp)
        return order_id

    def order_document(self, order_id: str) -> Order:
        """The order as submitted, PIN included (for sending or for editing a resubmission)."""
        record = self.get_order(order_id)
        if record is None:
            raise KeyError(f"there is no order {order_id!r}")
        order = record.order.copy()
        order.carrier.pin = self._get_secret(_secrets.order_pin_key(order_id))
        return order

    def replace_order_document(self, order_id: str, order: Order) -> None:
        """Keep the corrected document after a resubmission (PIN to the secret store)."""
        clean, pin = strip_pin(order)
        self._put_secret(_secrets.order_pin_key(order_id), pin)
        record = self.get_order(order_id)
        self.update_order(order_id, order_json=_documents().dumps(clean, indent=None),
                          **listing_columns(clean, order_id, record.remote_id if record else None))

    _ORDER_COLUMNS = {"provider", "remote_id", "endpoint", "order_json", "status", "foc_date", "rejection_code",
                      "rejection_text", "remote_state", "last_checked_at", "title", "search_text",
                      "numbers_count"}

    def update_order(self, order_id: str, **fields: Any) -> None:
        bad = set(fields) - self._ORDER_COLUMNS
        if bad:
            raise ValueError(f"unknown order columns: {sorted(bad)}")
        if "remote_state" in fields and not isinstance(fields["remote_state"], (str, type(None))):
            fields["remote_state"] = json.dumps(fields["remote_state"], ensure_ascii=False)
        fields["updated_at"] = now_iso()
        cols = ", ".join(f"{k} = ?" for k in fields)
        if fields.get("remote_id") and "search_text" not in fields:
            # the provider's id becomes searchable as soon as it is known
            cols += ", search_text = COALESCE(search_text, '') || ' ' || lower(?)"
            fields["_remote"] = fields["remote_id"]
        with self.transaction() as db:
            db.execute(f"UPDATE orders SET {cols} WHERE id = ?", (*fields.values(), order_id))

    def _order(self, row: sqlite3.Row) -> OrderRecord:
        state = None
        if row["remote_state"]:
            try:
                state = json.loads(row["remote_state"])
            except ValueError:
                state = None
        return OrderRecord(
            id=row["id"], remote_id=row["remote_id"], endpoint=row["endpoint"],
            order=_order_from_json(row["order_json"], f"Order {row['id']}"), status=row["status"],
            foc_date=row["foc_date"], rejection_code=row["rejection_code"],
            rejection_text=row["rejection_text"], created_at=row["created_at"],
            updated_at=row["updated_at"], remote_state=state,
            last_checked_at=row["last_checked_at"],
            provider=row["provider"] or provider_of(row["endpoint"]))

    def get_order(self, order_id: str) -> OrderRecord | None:
        rows = self._query("SELECT * FROM orders WHERE id = ?", (order_id,))
        return self._order(rows[0]) if rows else None

    def find_order(self, id_or_remote_id: str) -> OrderRecord | None:
        """An order by our id or by the provider's id."""
        rows = self._query("SELECT * FROM orders WHERE id = ? OR remote_id = ? "
                           "ORDER BY id = ? DESC LIMIT 1",
                           (id_or_remote_id, id_or_remote_id, id_or_remote_id))
        return self._order(rows[0]) if rows else None

    def list_orders(self) -> list[OrderRecord]:
        """Every readable order, newest first. A damaged row is left out and noted in
        :attr:`skipped` (one damaged order must not hide all the others)."""
        records, skipped = [], []
        for row in self._query("SELECT * FROM orders ORDER BY created_at DESC, rowid DESC"):
            try:
                records.append(self._order(row))
            except DamagedRecord as exc:
                log.warning("order %s skipped: its row is damaged", row["id"])
                skipped.append(str(exc))
        self.skipped = skipped
        return records

    def order_numbers(self, exclude_statuses: Iterable[str] = ()) -> list[tuple[str, str, str]]:
        """(order id, status, number) for every number of every order whose status is not
        excluded; read with SQL, without building the order documents (fast)."""
        excluded = list(exclude_statuses)
        marks = ", ".join("?" * len(excluded)) or "''"
        return [(r[0], r[1], r[2]) for r in self._query(
            f"""SELECT o.id, o.status, j.value FROM orders o, json_each(CASE WHEN json_valid(o.order_json) THEN o.order_json ELSE '[]' END, '$.numbers') j
                WHERE o.status NOT IN ({marks}) AND j.type = 'text' ORDER BY o.created_at""",
            excluded)]

    # ---------------------------------------------------------------- documents on disk

    def document_paths(self, table: str, row_id: str) -> list[str]:
        """The document files (LOA, bill, CSR) a draft or an order refers to."""
        if table not in ("drafts", "orders"):
            raise ValueError(table)
        rows = self._query(f"SELECT {_documents_sql()} FROM {table} WHERE id = ?", (row_id,))
        return [v for v in (rows[0] if rows else ()) if isinstance(v, str) and v.strip()]

    def document_paths_in_use(self, finished: Iterable[str]) -> set[str]:
        """Every document file a draft or an order not yet ``finished`` refers to."""
        finished = list(finished)
        marks = ", ".join("?" * len(finished)) or "''"
        columns = _documents_sql()
        rows = self._query(f"SELECT {columns} FROM drafts UNION ALL "
                           f"SELECT {columns} FROM orders WHERE status NOT IN "
                           f"({marks})", finished)
        return {v for row in rows for v in row if isinstance(v, str) and v.strip()}

    # ---------------------------------------------------------------- the orders list

    def list_rows(self, query: OrderQuery, offset: int = 0, limit: int = 200,
                  matches: int | None = None, after: OrderRow | None = None) -> list[OrderRow]:
        """One page of the orders list (drafts and orders), searched, filtered and sorted;
        ``matches`` (the count, when known) helps choose how to search; ``after``: the last
        row shown, the page follows it (see listing.rows)."""
        with self._lock:
            return listing.rows(self._db, query, offset, limit, matches, after)

    def count_rows(self, query: OrderQuery, cap: int | None = None) -> int:
        with self._lock:
            return listing.count(self._db, query, cap)

    def status_counts(self) -> dict[str, int]:
        """How many orders are in each status, plus ``draft`` for the drafts."""
        counts = {r[0]: int(r[1]) for r in self._query(
            "SELECT status, COUNT(*) FROM orders GROUP BY status")}
        counts["draft"] = int(self._query("SELECT COUNT(*) FROM drafts")[0][0])
        return counts

    def orders_moving_on(self, day: str) -> list[tuple[str, str, str]]:
        """(id, title, status) of orders whose confirmed port date is ``day`` (YYYY-MM-DD)."""
        return [(r[0], r[1], r[2]) for r in self._query(
            "SELECT id, title, status FROM orders WHERE foc_date = ? AND status = 'foc_confirmed'",
            (day,))]

    # ---------------------------------------------------------------- status history

    def append_history(self, order_id: str, status: str, source: str, note: str = "",
                       at: str | None = None) -> int:
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO status_history (order_id, at, status, source, note) VALUES (?, ?, ?, ?, ?)",
                (order_id, at or now_iso(), status, source, note))
        return int(cur.lastrowid)

    def history(self, order_id: str) -> list[HistoryEntry]:
        return [HistoryEntry(r["id"], r["order_id"], r["at"], r["status"], r["source"], r["note"])
                for r in self._query("SELECT * FROM status_history WHERE order_id = ? ORDER BY id",
                                     (order_id,))]


@functools.cache
def _documents_sql() -> str:
    """The columns of a row's document paths (read on workers; the order model, which names
    the kinds, is not loaded on the way to the window)."""
    from portwizard.domain.order import DOCUMENT_KINDS

    return ", ".join(
        f"json_extract(CASE WHEN json_valid(order_json) THEN order_json ELSE '[]' END, "
        f"'$.documents.{kind}')" for kind in DOCUMENT_KINDS)
