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

This module opens the file and keeps it usable: the connection and its transactions, the
schema migrations, the plain messages for a damaged file or an unwritable folder (a damaged
file is copied aside first) and for a write the folder refuses later (a full disk, a folder
made read-only: every write goes through :meth:`Store.transaction`, which says so), the
PIN's way to and from the secret store, and small facts (``app_state``). :class:`Store`
gets the rest from one module per kind of row:

- :mod:`portwizard.store.drafts`: the wizard's unfinished orders;
- :mod:`portwizard.store.orders`: submitted orders, the orders list and the status history;
- :mod:`portwizard.store.outbox`: work for the provider and the senders' claims on it;
- :mod:`portwizard.store.records`: what they share (records, errors, ids, the stored order
  document), re-exported here.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import logging
import sqlite3
import threading
import time
from pathlib import Path
from typing import Iterable, Iterator

from portwizard import secrets as _secrets
from portwizard.store.drafts import DraftsMixin
from portwizard.store.listing import listing_columns
from portwizard.store.orders import OrdersMixin
from portwizard.store.outbox import OutboxMixin
from portwizard.store.owner import RunLock
from portwizard.store.records import (
    DamagedFile, DamagedRecord, DraftInfo, HistoryEntry, OrderRecord, OutboxEntry, StoreError,
    _order_from_json, new_idempotency_key, new_order_id, now_iso, order_title, provider_of,
    strip_pin,
)
from portwizard.store.schema import CURRENT_VERSION, MIGRATIONS

__all__ = [  # with the names of portwizard.store.records that lived here before
    "Store", "StoreError", "DamagedRecord", "DamagedFile", "DB_NAME", "default_db_path",
    "copy_aside", "set_damaged_file_aside", "folder_problem", "folder_problem_from_os",
    "write_problem", "DraftInfo", "OrderRecord", "HistoryEntry", "OutboxEntry", "now_iso",
    "order_title", "strip_pin", "provider_of", "new_order_id", "new_idempotency_key",
]

log = logging.getLogger(__name__)

DB_NAME = "portwizard.sqlite3"
BUSY_TIMEOUT_MS = 5000


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


#: how a refused write ends: nothing the user typed is lost
NOT_LOST = ("What you typed is not lost: the portwizard window keeps it and saves it again "
            "with your next change (a command can simply be run again).")


def write_problem(folder: Path, why: str) -> StoreError:
    """The plain message for a write that the data folder refused while portwizard runs
    (the disk filled up, the folder became read-only): nothing was written, and what the
    user typed is still in the window, which saves it again with the next change."""
    return StoreError(
        f"portwizard could not save your last change in its data folder {folder}: {why}. "
        "Free some space on that disk or make the folder writable (or ask whoever looks "
        f"after this computer). {NOT_LOST}")


def busy_problem(path: Path, seconds: float) -> StoreError:
    """The plain message for a write that waited in vain for another program writing to
    the data file (SQLite's "database is locked" after its busy timeout)."""
    return StoreError(
        f"portwizard could not save your last change: its data file {path} was kept busy by "
        f"another program for more than {seconds:g} seconds (another portwizard command, a "
        f"backup or a sync tool). {NOT_LOST}")


def _is_busy(exc: sqlite3.Error) -> bool:
    words = str(exc).lower()
    return "database is locked" in words or "database is busy" in words


def folder_problem_from_os(folder: Path, exc: OSError) -> StoreError:
    why = _ERRNO_WORDS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()
    return folder_problem(folder, why)


def _folder_words(exc: sqlite3.Error) -> str | None:
    text = str(exc).lower()
    return next((why for words, why in _FOLDER_WORDS.items() if words in text), None)


def _is_damage(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return any(words in text for words in _DAMAGE_WORDS)


def _stamped(path: Path, label: str) -> Path:
    """A name next to ``path`` that nothing has yet: ``<name>.<label>-<date>-<time>``."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while any(p.exists() for p in _with_companions(target)):
        n += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
    return target


def _with_companions(path: Path) -> list[Path]:
    """``path`` and its SQLite companions (-wal, -shm) by name, whether they exist or not."""
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))]


_SQLITE_HEADER = b"SQLite format 3\x00"
_WAL_HEADERS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")  # a -wal SQLite can read


def _head(path: Path, size: int) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read(size)
    except OSError:  # none yet, or unreadable: SQLite's own answer says which
        return b""


def _foreign_bytes(path: Path) -> bool:
    """True when ``path`` starts with something other than an SQLite header (written over,
    or cut short) and has no write-ahead log SQLite could read its pages from instead.
    Checked before SQLite opens the file: opening and closing a database removes its -wal
    and -shm files, and a damaged file's must be copied aside as they were found."""
    head = _head(path, len(_SQLITE_HEADER))
    if not head or head == _SQLITE_HEADER:
        return False
    return _head(path.with_name(path.name + "-wal"), 4) not in _WAL_HEADERS


def copy_aside(path: Path) -> Path | None:
    """Copy a damaged data file (and its -wal/-shm companions) next to itself with a time
    stamp, before anything else touches it. Returns the copy of the main file (None when
    even the copy failed)."""
    target = _stamped(path, "damaged")
    import shutil  # (rarely needed: kept off the start-up path, as uuid below)

    try:
        for source, copy in zip(_with_companions(path), _with_companions(target)):
            if source.exists():
                shutil.copy2(source, copy)
    except OSError as exc:
        log.warning("the damaged data file could not be copied aside (%s)", type(exc).__name__)
        return None
    return target


def set_damaged_file_aside(path: Path) -> Path:
    """Rename a damaged data file and its -wal/-shm companions out of the way, so the next
    start creates an empty one; nothing is deleted. Returns the new name of the main file
    (``<name>.set-aside-<date>-<time>``, in the same folder).

    The companions go first: a stale -wal left next to a new file would be read into it.
    When a rename fails, the ones already done are undone and :class:`StoreError` says
    why (the folder cannot be written); the files are then as they were."""
    target = _stamped(path, "set-aside")
    moves = [(old, new) for old, new in zip(_with_companions(path), _with_companions(target))
             if old.exists()]
    moves.reverse()  # -shm, -wal, then the file itself
    done: list[tuple[Path, Path]] = []
    try:
        for old, new in moves:
            old.rename(new)
            done.append((old, new))
    except OSError as exc:
        for old, new in reversed(done):
            try:
                new.rename(old)
            except OSError:
                log.error("a renamed companion of the damaged data file stays as %s", new.name)
        log.warning("the damaged data file could not be set aside (%s)", type(exc).__name__)
        raise folder_problem_from_os(path.parent, exc) from None
    log.info("the damaged data file was set aside as %s", target.name)
    return target


def default_db_path() -> Path:
    from portwizard.paths import data_dir

    return data_dir() / DB_NAME


# --------------------------------------------------------------------------- the store


class Store(DraftsMixin, OrdersMixin, OutboxMixin):
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
        self._running = False  # opened: see _writing
        self._busy_seconds = timeout  # how long a write waits for another writer
        try:
            if _foreign_bytes(self.path):  # say so before SQLite touches the file or its -wal
                raise sqlite3.DatabaseError("file is not a database")
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
            self._running = True  # from now on a refused write is reported by _writing
        except StoreError:
            self._db.close()
            raise
        except sqlite3.DatabaseError as exc:
            # The problem first: a damaged file is copied aside while the connection is
            # still open, because closing it removes the -wal/-shm files (the last commits).
            problem = self._open_problem(exc)
            if hasattr(self, "_db"):
                self._db.close()
            raise problem from None

    def _open_problem(self, exc: sqlite3.DatabaseError) -> StoreError:
        """The plain message for a data file that cannot be opened; a damaged file is
        copied aside first (before anything else touches it)."""
        why = _folder_words(exc)
        if why is not None:
            return folder_problem(self.path.parent, why)
        if _is_damage(exc) and self.path.is_file():
            copy = copy_aside(self.path)
            log.error("the data file is damaged (%s); copied aside: %s", exc, bool(copy))
            return DamagedFile(self.path, copy, str(exc))
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
        with a full sync to disk. Every write of the store goes through here, so a data
        folder that stops taking writes is reported the same way everywhere (see
        :meth:`_writing`)."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._db
                finally:
                    self._depth -= 1
                return
            with self._writing():
                if durable:
                    self._db.execute("PRAGMA synchronous = FULL")
                try:
                    self._db.execute("BEGIN IMMEDIATE")
                    self._depth = 1
                    try:
                        yield self._db
                        self._db.execute("COMMIT")
                    except BaseException:
                        self._rollback()
                        raise
                    finally:
                        self._depth = 0
                finally:
                    if durable:
                        self._db.execute("PRAGMA synchronous = NORMAL")

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Around every write transaction: a data folder that stopped taking writes while
        portwizard runs (a full disk, a folder made read-only, a failing disk) becomes a
        :class:`StoreError` with a plain message naming the folder, instead of SQLite's
        words. (While the file is being opened, :meth:`_open_problem` says it instead.)"""
        try:
            yield
        except sqlite3.OperationalError as exc:
            if self._running and _is_busy(exc):
                log.warning("a write waited too long for the data file: %s", exc)
                raise busy_problem(self.path, self._busy_seconds) from None
            why = _folder_words(exc) if self._running else None
            if why is None:
                raise
            log.warning("a write to the data folder was refused: %s", why)
            raise write_problem(self.path.parent, why) from None

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already done so (it rolls back by
        itself after some errors, such as a full disk): the first error is the one to
        report, never "cannot rollback - no transaction is active"."""
        if not self._db.in_transaction:
            return
        try:
            self._db.execute("ROLLBACK")
        except sqlite3.Error as exc:
            log.warning("rolling back failed: %s", exc)

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

    # ---------------------------------------------------------------- small facts

    def get_state(self, key: str, default: str | None = None) -> str | None:
        rows = self._query("SELECT value FROM app_state WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    def set_state(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO app_state (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))
