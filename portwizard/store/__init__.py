"""The local SQLite store: drafts, orders, append-only status history, outbox."""
from portwizard.domain.status import NOT_SENT, QUEUED  # noqa: F401
from portwizard.store.db import (  # noqa: F401
    DamagedFile, DamagedRecord, DraftInfo, HistoryEntry, OrderRecord, OutboxEntry, Store,
    StoreError, default_db_path, new_idempotency_key, new_order_id, now_iso, order_title,
    strip_pin,
)
from portwizard.store.listing import OrderQuery, OrderRow  # noqa: F401
from portwizard.store.schema import CURRENT_VERSION, MIGRATIONS  # noqa: F401

__all__ = [
    "NOT_SENT", "QUEUED", "DamagedFile", "DamagedRecord", "DraftInfo", "HistoryEntry",
    "OrderRecord", "OutboxEntry", "Store", "StoreError", "default_db_path",
    "new_idempotency_key", "new_order_id", "now_iso", "order_title", "strip_pin",
    "CURRENT_VERSION", "MIGRATIONS", "OrderQuery", "OrderRow",
]
