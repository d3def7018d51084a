"""The wizard's unfinished orders: drafts saved as the user types, their PIN kept apart.

:class:`DraftsMixin` is one part of :class:`~portwizard.store.db.Store` (which supplies the
connection, ``transaction``, ``_query`` and the secret helpers
``_put_secret``/``_get_secret``/``_drop_secret``).
A draft row keeps the order document without its PIN, the wizard step the user was on and
the orders-list columns (title, search text), so the dashboard lists drafts with the orders.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from portwizard import secrets as _secrets
from portwizard.store.listing import listing_columns
from portwizard.store.owner import random_hex
from portwizard.store.records import DraftInfo, _documents, _order_from_json, now_iso, strip_pin

if TYPE_CHECKING:
    from portwizard.domain.order import Order


class DraftsMixin:
    """Save, load, list and delete drafts (see the module doc)."""

    def save_draft(self, order: Order, draft_id: str | None = None, *, step: str | None = None) -> str:
        """Save (insert or replace) a draft; returns its id. The PIN goes to the secret store.

        ``step`` is the wizard step the user is on; None keeps the one saved before.
        """
        clean, pin = strip_pin(order)
        new = draft_id is None
        draft_id = draft_id or random_hex()
        text = _documents().dumps(clean, indent=None)
        cols = listing_columns(clean, draft_id)
        stamp = now_iso()
        self._put_secret(_secrets.draft_pin_key(draft_id), pin)
        try:
            with self.transaction() as db:
                db.execute(
                    """INSERT INTO drafts (id, step, order_json, created_at, updated_at,
                                           title, search_text, numbers_count)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT(id) DO UPDATE SET title = excluded.title,
                           step = CASE WHEN ? THEN excluded.step ELSE drafts.step END,
                           order_json = excluded.order_json, updated_at = excluded.updated_at,
                           search_text = excluded.search_text,
                           numbers_count = excluded.numbers_count""",
                    (draft_id, step or "", text, stamp, stamp, *cols.values(), step is not None))
        except Exception:
            if new:  # no draft, so no PIN for it either (the window still has both)
                self._drop_secret(_secrets.draft_pin_key(draft_id))
            raise
        return draft_id

    def load_draft(self, draft_id: str) -> Order:
        """The draft with its PIN put back; KeyError when there is no such draft."""
        rows = self._query("SELECT order_json FROM drafts WHERE id = ?", (draft_id,))
        if not rows:
            raise KeyError(f"there is no saved draft {draft_id!r}")
        order = _order_from_json(rows[0]["order_json"], "This unfinished order")
        order.carrier.pin = self._get_secret(_secrets.draft_pin_key(draft_id))
        return order

    def list_drafts(self) -> list[DraftInfo]:
        """Every draft, most recently changed first."""
        return [DraftInfo(r["id"], r["title"], r["updated_at"], r["step"]) for r in self._query(
            "SELECT id, title, updated_at, step FROM drafts ORDER BY updated_at DESC, rowid DESC")]

    def latest_draft(self) -> DraftInfo | None:
        drafts = self._query(
            "SELECT id, title, updated_at, step FROM drafts ORDER BY updated_at DESC, rowid DESC LIMIT 1")
        return DraftInfo(drafts[0]["id"], drafts[0]["title"], drafts[0]["updated_at"],
                         drafts[0]["step"]) if drafts else None

    def delete_draft(self, draft_id: str) -> bool:
        """Remove a draft and its PIN; True if it existed."""
        with self.transaction() as db:
            cur = db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
        self._drop_secret(_secrets.draft_pin_key(draft_id))
        return cur.rowcount > 0
