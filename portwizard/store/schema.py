"""The local database's schema as an ordered list of migrations.

The ``schema_version`` table holds one row per applied migration. A migration is a list of
SQL statements run in one transaction; never edit a released one, append a new one.
"""
from __future__ import annotations

from portwizard.store.listing import RANK_SQL

MIGRATIONS: list[tuple[int, str, tuple[str, ...]]] = [
    (1, "drafts, orders, status history, outbox", (
        """CREATE TABLE drafts (
            id          TEXT PRIMARY KEY,
            title       TEXT NOT NULL DEFAULT '',
            step        TEXT NOT NULL DEFAULT '',
            order_json  TEXT NOT NULL,          -- the order document WITHOUT the PIN
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        )""",
        "CREATE INDEX drafts_by_update ON drafts(updated_at)",
        """CREATE TABLE orders (
            id              TEXT PRIMARY KEY,   -- local id, shown to the user
            remote_id       TEXT,               -- the provider's id once it accepted the order
            endpoint        TEXT NOT NULL,      -- "sandbox" or the endpoint URL
            order_json      TEXT NOT NULL,      -- the order document WITHOUT the PIN
            status          TEXT NOT NULL,      -- lifecycle status, or "queued"/"not_sent"
            foc_date        TEXT,
            rejection_code  TEXT,
            rejection_text  TEXT,
            created_at      TEXT NOT NULL,
            updated_at      TEXT NOT NULL,
            UNIQUE (endpoint, remote_id)
        )""",
        """CREATE TABLE status_history (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id  TEXT NOT NULL REFERENCES orders(id),
            at        TEXT NOT NULL,
            status    TEXT NOT NULL,
            source    TEXT NOT NULL CHECK (source IN ('local', 'endpoint')),
            note      TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX status_history_by_order ON status_history(order_id, id)",
        # Append-only: the database itself refuses to change or remove history.
        """CREATE TRIGGER status_history_no_update BEFORE UPDATE ON status_history
           BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END""",
        """CREATE TRIGGER status_history_no_delete BEFORE DELETE ON status_history
           BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END""",
        """CREATE TABLE outbox (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id         TEXT NOT NULL REFERENCES orders(id),
            operation        TEXT NOT NULL
                             CHECK (operation IN ('create', 'resubmit', 'cancel', 'comment')),
            payload          TEXT,              -- JSON without secrets (order doc / comment text)
            idempotency_key  TEXT NOT NULL UNIQUE,
            attempts         INTEGER NOT NULL DEFAULT 0,
            next_attempt_at  REAL NOT NULL,     -- seconds since the epoch
            last_error       TEXT NOT NULL DEFAULT '',
            state            TEXT NOT NULL DEFAULT 'pending'
                             CHECK (state IN ('pending', 'blocked', 'done', 'failed')),
            created_at       TEXT NOT NULL,
            updated_at       TEXT NOT NULL
        )""",
    )),
    (2, "remote order state, secret references and attachments for queued work", (
        "ALTER TABLE orders ADD COLUMN remote_state TEXT",      # last order state JSON from the endpoint
        "ALTER TABLE orders ADD COLUMN last_checked_at TEXT",
        "ALTER TABLE outbox ADD COLUMN secret_ref TEXT",        # keyring key of the PIN to send
        "ALTER TABLE outbox ADD COLUMN attachments TEXT",       # JSON {kind: path of our copy}
        "CREATE INDEX outbox_due ON outbox(state, next_attempt_at)",
        "CREATE INDEX orders_by_remote ON orders(remote_id)",
    )),
    (3, "outbox and history looked up per order", (
        "CREATE INDEX outbox_by_order ON outbox(order_id, id)",
    )),
    (4, "orders list: titles and search text kept with each row, connection state", (
        # Filled by the store when a row is written (and for older rows right after this
        # migration): the dashboard searches and sorts 100,000 orders without parsing them.
        "ALTER TABLE orders ADD COLUMN title TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE orders ADD COLUMN search_text TEXT",
        "ALTER TABLE drafts ADD COLUMN search_text TEXT",
        "ALTER TABLE orders ADD COLUMN numbers_count INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE drafts ADD COLUMN numbers_count INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX orders_by_status ON orders(status)",
        # One index per way the list can be sorted: the first page comes from the index.
        "CREATE INDEX orders_by_update ON orders(updated_at, id)",
        "CREATE INDEX orders_by_title ON orders(title COLLATE NOCASE, id)",
        f"CREATE INDEX orders_by_rank ON orders(({RANK_SQL}), id)",
        "CREATE INDEX orders_by_foc ON orders(foc_date, id)",
        "CREATE INDEX orders_by_remote_id ON orders(remote_id COLLATE NOCASE, id)",
        "CREATE INDEX orders_by_count ON orders(numbers_count, id)",
        # Rows still to be given their list columns (after the upgrade): found without a scan.
        "CREATE INDEX orders_unlisted ON orders(id) WHERE search_text IS NULL",
        "CREATE INDEX drafts_unlisted ON drafts(id) WHERE search_text IS NULL",
        # Small facts about this computer's link to the provider (last contact and so on).
        """CREATE TABLE app_state (
            key    TEXT PRIMARY KEY,
            value  TEXT NOT NULL
        )""",
    )),
    (5, "real providers: multi-step progress per outbox entry, the provider of each order", (
        # JSON object the provider adapter fills step by step (uploaded document ids, the
        # provider's draft order ids, which split part is confirmed) so a create that stopped
        # half way resumes where it stopped instead of filing again. Never holds a secret.
        "ALTER TABLE outbox ADD COLUMN progress TEXT",
        # "sandbox", "portwizard", "telnyx" or "twilio"; NULL on older rows means the
        # portwizard API family ("sandbox" when endpoint is "sandbox").
        "ALTER TABLE orders ADD COLUMN provider TEXT",
    )),
    (6, "outbox claims name the sending process", (
        # The run token (portwizard.store.owner) of the process sending the entry: a claim
        # whose process is gone (killed mid-send) is free at once instead of after the lease.
        "ALTER TABLE outbox ADD COLUMN claimed_by TEXT",
    )),
]

CURRENT_VERSION = MIGRATIONS[-1][0]
