"""The local database: drafts, submitted orders, their status history and the outbox.

One SQLite file (``portwizard.sqlite3`` in :func:`portwizard.paths.data_dir`, or any path
for tests) in WAL mode, so the wizard's autosave, a background status refresh and a
command-line run in another process can all use it at once (``busy_timeout`` makes a
writer wait for another instead of failing).

Durability: drafts are written with ``synchronous=NORMAL`` (in WAL mode a crash of the
program never loses or corrupts a committed save; a power cut may lose the last second of
autosaves). Work that must survive a power cut - a submitted order and its outbox entry -
is committed with ``synchronous=FULL``.

Secrets: the PIN is removed from every order document before it is written here and kept
in the :class:`~portwizard.secrets.SecretStore` instead. If the password storage is broken
the PIN is kept in memory for this session (so nothing typed is lost while the program
runs) and :attr:`Store.secret_problem` holds a plain message for the user.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import json
import logging
import sqlite3
import threading
import time
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from portwizard import secrets as _secrets
from portwizard.domain.status import QUEUED
from portwizard.store import listing
from portwizard.store.listing import OrderQuery, OrderRow, listing_columns
from portwizard.store.owner import RunLock, random_hex
from portwizard.store.schema import CURRENT_VERSION, MIGRATIONS

if TYPE_CHECKING:
    from portwizard.domain.order import Order

log = logging.getLogger(__name__)

DB_NAME = "portwizard.sqlite3"
BUSY_TIMEOUT_MS = 5000



class StoreError(Exception):
    """The local database cannot be used; the message is plain and safe to show."""


class DamagedRecord(StoreError):
    """One saved draft or order cannot be read (the rest of the data file can)."""


# What SQLite says when the file itself is not a usable database (copied aside, then
# reported), as opposed to a folder that cannot be written (reported, nothing copied).
_DAMAGE_WORDS = ("file is not a database", "malformed", "corrupt", "not a database")
_FOLDER_WORDS = {"readonly": "it is read-only", "read-only": "it is read-only",
                 "disk is full": "the disk is full", "unable to open": "the file cannot be "
                 "created or opened there", "disk i/o error": "the disk could not be read or "
                 "written"}
_ERRNO_WORDS = {errno.EROFS: "it is read-only", errno.EACCES: "you may not write there",
                errno.EPERM: "you may not write there", errno.ENOSPC: "the disk is full",
                errno.EDQUOT: "your disk quota is used up",
                errno.ENOTDIR: "part of that path is a file, not a folder",
                errno.EEXIST: "part of that path is a file, not a folder"}


def folder_problem(folder: Path, why: str) -> StoreError:
    """The plain message for a data folder that cannot be written (nothing is damaged)."""
    return StoreError(
        f"portwizard cannot save its data in the folder {folder}: {why}. Nothing in it was "
        "changed. Free some space on that disk or make the folder writable (or start "
        "portwizard with PORTWIZARD_HOME set to a folder you can write), then start "
        "portwizard again.")


def folder_problem_from_os(folder: Path, exc: OSError) -> StoreError:
    why = _ERRNO_WORDS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()
    return folder_problem(folder, why)


def _folder_words(exc: sqlite3.Error) -> str | None:
    text = str(exc).lower()
    return next((why for words, why in _FOLDER_WORDS.items() if words in text), None)


def _is_damage(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return any(words in text for words in _DAMAGE_WORDS)


def copy_aside(path: Path) -> Path | None:
    """Copy a damaged data file (and its -wal/-shm companions) next to itself with a time
    stamp, before anything else touches it. Returns the copy of the main file (None when
    even the copy failed)."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    import shutil  # (rarely needed: kept off the start-up path, as uuid below)

    try:
        shutil.copy2(path, target)
        for suffix in ("-wal", "-shm"):
            extra = path.with_name(path.name + suffix)
            if extra.exists():
                shutil.copy2(extra, target.with_name(target.name + suffix))
    except OSError as exc:
        log.warning("the damaged data file could not be copied aside (%s)", type(exc).__name__)
        return None
    return target


def now_iso() -> str:
    """UTC time like the provider's: ``2026-11-23T11:32:35.141Z``."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def default_db_path() -> Path:
    from portwizard.paths import data_dir

    return data_dir() / DB_NAME


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class DraftInfo:
    id: str
    title: str
    updated_at: str
    step: str


@dataclass(frozen=True)
class OrderRecord:
    id: str
    remote_id: str | None
    endpoint: str
    order: Order            # without the PIN
    status: str
    foc_date: str | None
    rejection_code: str | None
    rejection_text: str | None
    created_at: str
    updated_at: str
    remote_state: dict | None
    last_checked_at: str | None
    # Who the order was filed with: "sandbox", "portwizard", "telnyx" or "twilio" (status,
    # resubmit and cancel follow it even after the settings changed).
    provider: str = "portwizard"

    @property
    def title(self) -> str:
        return order_title(self.order)


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    order_id: str
    at: str
    status: str
    source: str  # "local" | "endpoint"
    note: str


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    order_id: str
    operation: str          # create | resubmit | cancel | comment
    payload: Any            # decoded JSON (order doc without PIN, comment text) or None
    idempotency_key: str
    attempts: int
    next_attempt_at: float
    last_error: str
    state: str              # pending | blocked | done | failed
    secret_ref: str | None  # secret-store key of the PIN to add before sending
    attachments: dict[str, str]
    created_at: str
    updated_at: str
    # What a multi-step provider call has done so far (see Store.set_progress); no secrets.
    progress: dict = dataclasses.field(default_factory=dict)


def _documents():
    """:mod:`portwizard.domain.order`, imported when an order document is first read or
    written (listing the orders, which the window does first, never needs it)."""
    from portwizard.domain import order

    return order


def order_title(order: Order) -> str:
    """A short name for lists: the name on the bill and how many numbers."""
    name = " ".join((order.carrier.customer_name or "").split())
    numbers = [n for n in order.numbers if n.strip()]
    count = f"{len(numbers)} number{'s' if len(numbers) != 1 else ''}" if numbers else ""
    if name and count:
        return f"{name} ({count})"
    if name:
        return name
    if len(numbers) == 1:
        return numbers[0]
    return count or "New order"


def strip_pin(order: Order) -> tuple[Order, str]:
    """A copy of ``order`` without the PIN, and the PIN."""
    clean = order.copy()
    pin, clean.carrier.pin = clean.carrier.pin or "", ""
    return clean, pin


def _order_from_json(text: Any, what: str = "A saved order") -> Order:
    """The order document of one row; :class:`DamagedRecord` when it cannot be read."""
    result = _documents().loads(text) if isinstance(text, (str, bytes)) else None
    if result is None or result.order is None:
        raise DamagedRecord(f"{what} in portwizard's data file is damaged and cannot be read "
                            "(its saved text is not an order document). The other drafts and "
                            "orders are not affected.")
    return result.order


# --------------------------------------------------------------------------- the store


class Store:
    """The local database. Thread-safe (one connection behind a lock)."""

    def __init__(self, path: Path | str | None = None, *, secrets: _secrets.SecretStore | None = None,
                 timeout: float = BUSY_TIMEOUT_MS / 1000):
        try:
            self.path = Path(path) if path is not None else default_db_path()
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a read-only or full disk, a file where the folder should be
            folder = Path(path).parent if path is not None else Path(exc.filename or "?")
            raise folder_problem_from_os(folder, exc) from None
        #: plain notes about rows that could not be read (see :meth:`list_orders`)
        self.skipped: list[str] = []
        self._run = RunLock(self.path.parent)  # names this process in outbox claims
        self.secrets = secrets if secrets is not None else _secrets.default_secret_store()
        self.secret_problem: str | None = None
        self._session_secrets = _secrets.MemorySecretStore()
        self._written_secrets: dict[str, str] = {}  # what we already stored (skip re-writes)
        self._lock = threading.RLock()
        self._depth = 0
        try:
            self._db = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None,
                                       check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            mode = self._set_wal(timeout)
            if str(mode).lower() != "wal":
                log.warning("the database is not in WAL mode (%s)", mode)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except StoreError:
            self._db.close()
            raise
        except sqlite3.DatabaseError as exc:
            if hasattr(self, "_db"):
                self._db.close()
            raise self._open_problem(exc) from None

    def _open_problem(self, exc: sqlite3.DatabaseError) -> StoreError:
        """The plain message for a data file that cannot be opened; a damaged file is
        copied aside first (before anything else touches it)."""
        why = _folder_words(exc)
        if why is not None:
            return folder_problem(self.path.parent, why)
        if _is_damage(exc) and self.path.is_file():
            copy = copy_aside(self.path)
            kept = (f"A copy of it was saved as {copy.name} in the same folder. "
                    if copy is not None else "")
            log.error("the data file is damaged (%s); copied aside: %s", exc, bool(copy))
            return StoreError(
                f"portwizard's data file {self.path} is damaged and cannot be opened ({exc}). "
                f"{kept}To start again with an empty data file, move {self.path.name} out of "
                f"that folder (or rename it) and start portwizard again. Your saved drafts "
                "and orders are in the damaged file: keep the copy and ask your provider's "
                "support whether they can be recovered from it.")
        if "locked" in str(exc).lower():
            return StoreError(
                f"portwizard's data file {self.path} is in use by another program and cannot "
                "be opened now. Close that program (or the other portwizard window) and start "
                "portwizard again.")
        return StoreError(f"portwizard's data file {self.path} cannot be opened ({exc}).")

    # ---------------------------------------------------------------- plumbing

    def _set_wal(self, timeout: float) -> str:
        """Switch a new file to WAL. Another process doing the same at that moment makes
        SQLite answer "locked" at once (no busy wait for this pragma): try again briefly."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return str(self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0])
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def close(self) -> None:
        with self._lock:
            self._db.close()
            self._run.release()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self, *, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """One write transaction (nested calls join the outer one). ``durable`` commits
        with a full sync to disk."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._db
                finally:
                    self._depth -= 1
                return
            if durable:
                self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self._db
            except BaseException:
                self._depth = 0
                self._db.execute("ROLLBACK")
                raise
            else:
                self._depth = 0
                self._db.execute("COMMIT")
            finally:
                if durable:
                    self._db.execute("PRAGMA synchronous = NORMAL")

    def _query(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    def schema_version(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        """Bring the schema up to date, safely when two processes open a new data folder at
        the same moment: the version is read again and the migrations applied inside one
        ``BEGIN IMMEDIATE`` transaction, so the second process waits for the first and then
        finds nothing left to do (never "table already exists")."""
        with self._lock:
            current = self._version_or_none()
            if current is None or current < CURRENT_VERSION:
                with self.transaction(durable=True) as db:
                    db.execute("""CREATE TABLE IF NOT EXISTS schema_version (version INTEGER
                        PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)""")
                    current = self.schema_version()
                    self._refuse_newer(current)
                    for version, description, statements in MIGRATIONS:
                        if version <= current:
                            continue
                        for sql in statements:
                            db.execute(sql)
                        db.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                                   (version, description, now_iso()))
                        log.info("local database upgraded to version %d (%s)", version,
                                 description)
            self._refuse_newer(current)
            self._fill_listing()

    def _version_or_none(self) -> int | None:
        """The schema version, or None for a new file (no version table yet)."""
        try:
            return self.schema_version()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return None
            raise

    def _refuse_newer(self, current: int) -> None:
        if current > CURRENT_VERSION:
            raise StoreError(
                f"portwizard's data file {self.path} was written by a newer portwizard "
                f"(data version {current}, this one knows {CURRENT_VERSION}). "
                "Update portwizard to open it.")

    def _fill_listing(self) -> None:
        """Give rows written before the orders list existed their title and search text."""
        for table in ("drafts", "orders"):
            while True:
                remote = "remote_id" if table == "orders" else "NULL AS remote_id"
                found = self._db.execute(f"SELECT id, {remote}, order_json FROM {table} "
                                         "WHERE search_text IS NULL LIMIT 500").fetchall()
                if not found:
                    break
                with self.transaction() as db:
                    for row in found:
                        ids = (row["id"], row["remote_id"] if table == "orders" else None)
                        try:
                            order = _order_from_json(row["order_json"])
                        except DamagedRecord:  # listed by its id; opening it says why not
                            db.execute(f"UPDATE {table} SET search_text = '' WHERE id = ?",
                                       (row["id"],))
                            continue
                        cols = listing_columns(order, *ids)
                        db.execute(f"UPDATE {table} SET title = ?, search_text = ?, "
                                   "numbers_count = ? WHERE id = ?", (*cols.values(), row["id"]))

    # ---------------------------------------------------------------- secrets

    def _put_secret(self, key: str, value: str) -> None:
        if self._written_secrets.get(key) == value:
            return
        try:
            if value:
                self.secrets.set(key, value)
            else:
                self.secrets.delete(key)
        except _secrets.SecretStoreError as exc:
            self.secret_problem = str(exc)
            log.info("a PIN is kept for this session only: %s", exc)
            if value:
                self._session_secrets.set(key, value)
            else:
                self._session_secrets.delete(key)
            self._written_secrets.pop(key, None)
            return
        self._session_secrets.delete(key)
        self._written_secrets[key] = value

    def _get_secret(self, key: str) -> str:
        value = self._session_secrets.get(key)
        if value is not None:
            return value
        try:
            value = self.secrets.get(key)
        except _secrets.SecretStoreError as exc:
            self.secret_problem = str(exc)
            log.info("a PIN could not be read: %s", exc)
            return ""
        if value:
            self._written_secrets[key] = value
        return value or ""

    def _drop_secret(self, key: str) -> None:
        self._session_secrets.delete(key)
        self._written_secrets.pop(key, None)
        try:
            self.secrets.delete(key)
        except _secrets.SecretStoreError as exc:
            self.secret_problem = str(exc)

    def drop_secret(self, key: str) -> None:
        """Remove a secret that is no longer needed (a failure is noted, never raised)."""
        self._drop_secret(key)

    def get_secret(self, key: str) -> str:
        """A secret by key ("" when none), e.g. the PIN an outbox entry refers to."""
        return self._get_secret(key)

    def put_secret(self, key: str, value: str) -> None:
        self._put_secret(key, value)

    def session_only_secrets(self) -> list[str]:
        """Keys of the secrets (PINs) kept only in this process's memory because the
        password storage failed: they are lost when the program ends."""
        return self._session_secrets.keys()

    # ---------------------------------------------------------------- drafts

    def save_draft(self, order: Order, draft_id: str | None = None, *, step: str | None = None) -> str:
        """Save (insert or replace) a draft; returns its id. The PIN goes to the secret store.

        ``step`` is the wizard step the user is on; None keeps the one saved before.
        """
        clean, pin = strip_pin(order)
        draft_id = draft_id or random_hex()
        text = _documents().dumps(clean, indent=None)
        cols = listing_columns(clean, draft_id)
        stamp = now_iso()
        self._put_secret(_secrets.draft_pin_key(draft_id), pin)
        with self._lock:
            self._db.execute(
                """INSERT INTO drafts (id, step, order_json, created_at, updated_at,
                                       title, search_text, numbers_count)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET title = excluded.title,
                       step = CASE WHEN ? THEN excluded.step ELSE drafts.step END,
                       order_json = excluded.order_json, updated_at = excluded.updated_at,
                       search_text = excluded.search_text,
                       numbers_count = excluded.numbers_count""",
                (draft_id, step or "", text, stamp, stamp, *cols.values(), step is not None))
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
        with self._lock:
            cur = self._db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
        self._drop_secret(_secrets.draft_pin_key(draft_id))
        return cur.rowcount > 0

    # ---------------------------------------------------------------- orders

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

    _DOCUMENTS_SQL = ", ".join(
        f"json_extract(CASE WHEN json_valid(order_json) THEN order_json ELSE '[]' END, "
        f"'$.documents.{kind}')" for kind in ("loa", "invoice", "csr"))

    def document_paths(self, table: str, row_id: str) -> list[str]:
        """The document files (LOA, bill, CSR) a draft or an order refers to."""
        if table not in ("drafts", "orders"):
            raise ValueError(table)
        rows = self._query(f"SELECT {self._DOCUMENTS_SQL} FROM {table} WHERE id = ?", (row_id,))
        return [v for v in (rows[0] if rows else ()) if isinstance(v, str) and v.strip()]

    def document_paths_in_use(self, finished: Iterable[str]) -> set[str]:
        """Every document file a draft or an order not yet ``finished`` refers to."""
        finished = list(finished)
        marks = ", ".join("?" * len(finished)) or "''"
        rows = self._query(f"SELECT {self._DOCUMENTS_SQL} FROM drafts UNION ALL "
                           f"SELECT {self._DOCUMENTS_SQL} FROM orders WHERE status NOT IN "
                           f"({marks})", finished)
        return {v for row in rows for v in row if isinstance(v, str) and v.strip()}

    # ---------------------------------------------------------------- the orders list

    def list_rows(self, query: OrderQuery, offset: int = 0, limit: int = 200,
                  matches: int | None = None) -> list[OrderRow]:
        """One page of the orders list (drafts and orders), searched, filtered and sorted;
        ``matches`` (the count, when known) helps choose how to search."""
        with self._lock:
            return listing.rows(self._db, query, offset, limit, matches)

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

    # ---------------------------------------------------------------- small facts

    def get_state(self, key: str, default: str | None = None) -> str | None:
        rows = self._query("SELECT value FROM app_state WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    def set_state(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO app_state (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

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

    # ---------------------------------------------------------------- outbox

    def enqueue(self, order_id: str, operation: str, payload: Any = None, *,
                idempotency_key: str | None = None, secret_ref: str | None = None,
                attachments: dict[str, str] | None = None, not_before: float | None = None) -> OutboxEntry:
        """Add work for the endpoint; a fresh idempotency key unless one is given."""
        stamp = now_iso()
        with self.transaction(durable=True) as db:
            cur = db.execute(
                """INSERT INTO outbox (order_id, operation, payload, idempotency_key, attempts,
                       next_attempt_at, last_error, state, created_at, updated_at, secret_ref, attachments)
                   VALUES (?, ?, ?, ?, 0, ?, '', 'pending', ?, ?, ?, ?)""",
                (order_id, operation, None if payload is None else json.dumps(payload, ensure_ascii=False),
                 idempotency_key or new_idempotency_key(), time.time() if not_before is None else not_before,
                 stamp, stamp, secret_ref, json.dumps(attachments or {}, ensure_ascii=False)))
            entry_id = int(cur.lastrowid)
        return self.outbox_entry(entry_id)

    def _entry(self, row: sqlite3.Row) -> OutboxEntry:
        return OutboxEntry(
            id=row["id"], order_id=row["order_id"], operation=row["operation"],
            payload=None if row["payload"] is None else json.loads(row["payload"]),
            idempotency_key=row["idempotency_key"], attempts=row["attempts"],
            next_attempt_at=row["next_attempt_at"], last_error=row["last_error"], state=row["state"],
            secret_ref=row["secret_ref"], attachments=json.loads(row["attachments"] or "{}"),
            created_at=row["created_at"], updated_at=row["updated_at"],
            progress=json.loads(row["progress"] or "{}"))

    def outbox_entry(self, entry_id: int) -> OutboxEntry:
        rows = self._query("SELECT * FROM outbox WHERE id = ?", (entry_id,))
        if not rows:
            raise KeyError(f"there is no outbox entry {entry_id}")
        return self._entry(rows[0])

    def outbox(self, order_id: str | None = None, states: Iterable[str] | None = None) -> list[OutboxEntry]:
        sql, params = "SELECT * FROM outbox WHERE 1", []
        if order_id is not None:
            sql += " AND order_id = ?"
            params.append(order_id)
        if states is not None:
            states = list(states)
            sql += f" AND state IN ({', '.join('?' * len(states))})"
            params.extend(states)
        return [self._entry(r) for r in self._query(sql + " ORDER BY id", params)]

    def due_entries(self, now: float | None = None, *, include_blocked: bool = False) -> list[OutboxEntry]:
        """Entries to send now, oldest first; an entry waits while an older one of the same
        order is still unsent (a cancel never overtakes its create)."""
        now = time.time() if now is None else now
        states = ("pending", "blocked") if include_blocked else ("pending",)
        gone = self._gone_claimers(now)
        gone_marks = ", ".join("?" * len(gone)) or "''"
        rows = self._query(
            f"""SELECT * FROM outbox o WHERE state IN ({', '.join('?' * len(states))})
                  AND (next_attempt_at <= ? OR state = 'blocked'
                       OR claimed_by IN ({gone_marks}))
                  AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.order_id = o.order_id
                                  AND p.id < o.id AND p.state IN ('pending', 'blocked'))
                ORDER BY id""", (*states, now, *gone))
        return [self._entry(r) for r in rows]

    def _gone_claimers(self, now: float) -> list[str]:
        """Run tokens holding a claim whose process is no longer running (killed mid-send):
        those entries are free now, not when the lease ends."""
        return [token for (token,) in self._query(
            "SELECT DISTINCT claimed_by FROM outbox WHERE state = 'pending' "
            "AND next_attempt_at > ? AND claimed_by IS NOT NULL", (now,))
            if self._run.is_gone(token)]

    def unfinished_count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'blocked')")[0][0])

    def next_due_at(self) -> float | None:
        row = self._query("SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending'")[0]
        return row[0]

    def _set_entry(self, entry_id: int, **fields: Any) -> None:
        fields["updated_at"] = now_iso()
        fields["claimed_by"] = None  # the send is over, whatever its outcome
        cols = ", ".join(f"{k} = ?" for k in fields)
        with self.transaction(durable=True) as db:
            db.execute(f"UPDATE outbox SET {cols} WHERE id = ?", (*fields.values(), entry_id))

    def claim_entry(self, entry_id: int, now: float, lease: float) -> bool:
        """Take an entry for sending, atomically across threads and processes (the GUI's
        refresh and a ``portwizard status --refresh`` may both drain the outbox). True when
        this caller got it. The claim is a lease on ``next_attempt_at`` and names this
        process (its run token, see :mod:`portwizard.store.owner`): a sender that is killed
        mid-send leaves the entry due again at once for the next start or refresh (while a
        live sender keeps it for the whole lease); re-sent with the same idempotency key, so
        the provider never files it twice."""
        token = self._run.hold()
        with self.transaction(durable=True) as db:
            gone = self._gone_claimers(now)
            gone_marks = ", ".join("?" * len(gone)) or "''"
            cur = db.execute(
                f"""UPDATE outbox SET state = 'pending', next_attempt_at = ?, claimed_by = ?,
                          updated_at = ?
                   WHERE id = ? AND ((state = 'pending' AND (next_attempt_at <= ?
                                      OR claimed_by IN ({gone_marks})))
                                     OR state = 'blocked')""",
                (now + lease, token, now_iso(), entry_id, now, *gone))
            return cur.rowcount == 1

    def mark_attempt(self, entry_id: int) -> None:
        """Count an attempt before it is made (a crash mid-send is then still counted)."""
        with self.transaction(durable=True) as db:
            db.execute("UPDATE outbox SET attempts = attempts + 1, updated_at = ? WHERE id = ?",
                       (now_iso(), entry_id))

    def set_progress(self, entry_id: int, key: str, value: Any) -> dict:
        """Record one step of a multi-step provider call (``value``: JSON, None removes the
        key) with a full sync to disk before returning, so a crash right after the provider
        answered still finds the step's result. Returns the entry's whole progress."""
        with self.transaction(durable=True) as db:
            row = db.execute("SELECT progress FROM outbox WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                raise KeyError(f"there is no outbox entry {entry_id}")
            progress = json.loads(row[0] or "{}")
            if value is None:
                progress.pop(key, None)
            else:
                progress[key] = value
            db.execute("UPDATE outbox SET progress = ?, updated_at = ? WHERE id = ?",
                       (json.dumps(progress, ensure_ascii=False, sort_keys=True), now_iso(),
                        entry_id))
        return progress

    def get_progress(self, entry_id: int) -> dict:
        rows = self._query("SELECT progress FROM outbox WHERE id = ?", (entry_id,))
        if not rows:
            raise KeyError(f"there is no outbox entry {entry_id}")
        return json.loads(rows[0][0] or "{}")

    def mark_done(self, entry_id: int) -> None:
        self._set_entry(entry_id, state="done", last_error="")

    def mark_retry(self, entry_id: int, next_attempt_at: float, error: str) -> None:
        self._set_entry(entry_id, state="pending", next_attempt_at=next_attempt_at, last_error=error)

    def mark_blocked(self, entry_id: int, error: str) -> None:
        self._set_entry(entry_id, state="blocked", last_error=error)

    def mark_failed(self, entry_id: int, error: str) -> None:
        self._set_entry(entry_id, state="failed", last_error=error)


def provider_of(endpoint: str) -> str:
    """The provider of an order stored without one (before real providers existed): the
    built-in sandbox or an endpoint speaking the portwizard API."""
    return "sandbox" if endpoint == "sandbox" else "portwizard"


def new_order_id() -> str:
    """A local order id: short enough to type (``PW-`` and 10 hex digits)."""
    return "PW-" + random_hex()[:10].upper()


def new_idempotency_key() -> str:
    import uuid

    return str(uuid.uuid4())

