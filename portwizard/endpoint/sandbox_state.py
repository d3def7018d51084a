"""The sandbox provider's books and its order state machine: no HTTP here.

:class:`SandboxState` owns the sandbox's own SQLite file (orders, history, comments,
attachments, idempotency keys) behind one lock and one connection, and carries out the API's
commands on it (create, resubmit, cancel, comment) with their idempotency replays. Each read
first brings the order up to date on the fast clock (:meth:`SandboxState._advance` applies
every step of the :mod:`portwizard.endpoint.simulation` plan whose time has come), so no
background timer is needed. :class:`ApiError` is how a refused command becomes an error
answer; the HTTP layer (:mod:`portwizard.endpoint.sandbox_http`) turns it into JSON.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from portwizard.endpoint import simulation as sim

SCHEMA_VERSION = 1
MAX_ATTACHMENT_BYTES = 10 * 2**20

# The lines and sub-accounts the demo customer has at the sandbox provider.
DEFAULT_TARGETS = [
    {"account_id": "SBX-1001", "line_id": "L-100", "label": "Main office line",
     "kind": "line", "numbers": ["+12125550100"]},
    {"account_id": "SBX-1001", "line_id": "L-101", "label": "Front desk",
     "kind": "line", "numbers": ["+12125550101"]},
    {"account_id": "SBX-1002", "line_id": "", "label": "New sub-account (Branch office)",
     "kind": "sub-account", "numbers": []},
]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS targets (
    account_id TEXT NOT NULL, line_id TEXT NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL,
    numbers TEXT NOT NULL, PRIMARY KEY (account_id, line_id));
CREATE TABLE IF NOT EXISTS orders (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL, updated_at REAL NOT NULL,
    status TEXT NOT NULL,
    doc TEXT NOT NULL,
    numbers TEXT NOT NULL,
    foc_date TEXT, rejection TEXT,
    submission INTEGER NOT NULL DEFAULT 1,
    phase_start REAL NOT NULL, plan TEXT NOT NULL, plan_pos INTEGER NOT NULL DEFAULT 0,
    foc_days REAL);
CREATE TABLE IF NOT EXISTS history (
    order_id TEXT NOT NULL, at REAL NOT NULL, status TEXT NOT NULL, note TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS history_order ON history(order_id);
CREATE TABLE IF NOT EXISTS comments (
    order_id TEXT NOT NULL, at REAL NOT NULL, author TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS comments_order ON comments(order_id);
CREATE TABLE IF NOT EXISTS attachments (
    order_id TEXT NOT NULL, kind TEXT NOT NULL, filename TEXT NOT NULL, size INTEGER NOT NULL,
    sha256 TEXT NOT NULL, content BLOB NOT NULL, PRIMARY KEY (order_id, kind));
CREATE TABLE IF NOT EXISTS idempotency (
    key TEXT PRIMARY KEY, operation TEXT NOT NULL, fingerprint TEXT NOT NULL,
    order_id TEXT NOT NULL, created_at REAL NOT NULL);
"""


def _iso(ts: float) -> str:
    """UTC time with milliseconds (fast-clock steps are often under a second apart)."""
    return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="milliseconds")[:-6] + "Z"


class ApiError(Exception):
    """An error answer: HTTP status, machine code, plain message, optional findings."""

    def __init__(self, status: int, code: str, message: str, findings: list[dict] | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.findings = findings
        self.headers = headers or {}

    def body(self) -> dict:
        data: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.findings:
            data["findings"] = self.findings
        return data


class SandboxState:
    """The provider's database and business logic (thread-safe: one lock, one connection)."""

    def __init__(self, db_path: str | Path | None, seconds_per_day: float, clock=time.time,
                 max_attachment_bytes: int = MAX_ATTACHMENT_BYTES):
        if seconds_per_day <= 0:
            raise ValueError("seconds_per_day must be positive")
        self.seconds_per_day = float(seconds_per_day)
        self.clock = clock
        self.max_attachment_bytes = max_attachment_bytes
        self.lock = threading.RLock()
        path = ":memory:" if db_path is None else str(db_path)
        if db_path is not None:
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        with self.lock:
            if path != ":memory:":
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                            (str(SCHEMA_VERSION),))
            if self.db.execute("SELECT COUNT(*) FROM targets").fetchone()[0] == 0:
                for t in DEFAULT_TARGETS:
                    self.db.execute("INSERT INTO targets VALUES (?,?,?,?,?)",
                                    (t["account_id"], t["line_id"], t["label"], t["kind"],
                                     json.dumps(t["numbers"])))

    def close(self) -> None:
        with self.lock:
            self.db.close()

    # ------------------------------------------------------------------ queries

    def targets(self) -> list[dict]:
        with self.lock:
            rows = self.db.execute(
                "SELECT * FROM targets ORDER BY account_id, line_id").fetchall()
        return [{"account_id": r["account_id"], "line_id": r["line_id"], "label": r["label"],
                 "kind": r["kind"], "numbers": json.loads(r["numbers"])} for r in rows]

    def created_count(self) -> int:
        with self.lock:
            return self.db.execute("SELECT COUNT(*) FROM orders").fetchone()[0]

    def get(self, order_id: str) -> dict:
        with self.lock, self._tx():
            row = self._row(order_id)
            row = self._advance(row)
            return self._state(row)

    def list(self) -> list[dict]:
        with self.lock, self._tx():
            ids = [r[0] for r in self.db.execute("SELECT id FROM orders ORDER BY seq")]
            return [self._state(self._advance(self._row(i))) for i in ids]

    # ------------------------------------------------------------------ commands

    def create(self, key: str, doc: Any, files: dict[str, tuple[str, bytes]]) -> tuple[int, dict]:
        fingerprint = _fingerprint("create", "", doc, files)
        with self.lock, self._tx():
            replay = self._replay(key, "create", fingerprint)
            if replay is not None:
                return 200, replay
            numbers, attach_meta = self._check(doc, files)
            now = self.clock()
            seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM orders").fetchone()[0]
            order_id = f"PO-{seq:06d}"
            plan = sim.plan_submission(doc, numbers, attach_meta, now)
            self.db.execute(
                "INSERT INTO orders (seq, id, created_at, updated_at, status, doc, numbers, "
                "submission, phase_start, plan, plan_pos, foc_days) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (seq, order_id, now, now, "submitted", _stored_doc(doc),
                 json.dumps([{"number": n, "status": "submitted"} for n in numbers]),
                 1, now, _plan_json(plan), 0, plan.foc_days))
            self._history(order_id, now, "submitted", "The order was received.")
            self._store_files(order_id, files)
            self.db.execute("INSERT INTO idempotency VALUES (?,?,?,?,?)",
                            (key, "create", fingerprint, order_id, now))
            return 201, self._state(self._row(order_id))

    def resubmit(self, order_id: str, key: str, doc: Any,
                 files: dict[str, tuple[str, bytes]]) -> tuple[bool, dict]:
        fingerprint = _fingerprint("resubmit", order_id, doc, files)
        with self.lock, self._tx():
            row = self._advance(self._row(order_id))
            replay = self._replay(key, "resubmit", fingerprint)
            if replay is not None:
                return True, replay
            if row["status"] != "rejected":
                raise ApiError(409, "not_rejected",
                               f"Only a rejected order can be resubmitted; this one is "
                               f"{row['status'].replace('_', ' ')}.")
            kept = {r["kind"]: r["filename"] for r in self.db.execute(
                "SELECT kind, filename FROM attachments WHERE order_id=?", (order_id,))}
            numbers, attach_meta = self._check(doc, files)
            attach_meta = {**kept, **attach_meta}
            now = self.clock()
            plan = sim.plan_submission(doc, numbers, attach_meta, now, resubmission=True)
            self.db.execute(
                "UPDATE orders SET status='submitted', doc=?, numbers=?, foc_date=NULL, "
                "rejection=NULL, submission=submission+1, phase_start=?, plan=?, plan_pos=0, "
                "foc_days=?, updated_at=? WHERE id=?",
                (_stored_doc(doc),
                 json.dumps([{"number": n, "status": "submitted"} for n in numbers]),
                 now, _plan_json(plan), plan.foc_days, now, order_id))
            self._history(order_id, now, "submitted", "The corrected order was resubmitted.")
            self._store_files(order_id, files)
            self.db.execute("INSERT INTO idempotency VALUES (?,?,?,?,?)",
                            (key, "resubmit", fingerprint, order_id, now))
            return False, self._state(self._row(order_id))

    def cancel(self, order_id: str, key: str | None) -> dict:
        fingerprint = _fingerprint("cancel", order_id, None, {})
        with self.lock, self._tx():
            row = self._advance(self._row(order_id))
            if key:
                replay = self._replay(key, "cancel", fingerprint)
                if replay is not None:
                    return replay
            status = row["status"]
            if status in ("cancel_pending", "cancelled"):
                return self._state(row)  # asking again changes nothing
            if status == "completed":
                raise ApiError(409, "already_completed",
                               "The numbers have already moved, so the order cannot be "
                               "cancelled. To go back, ask your old carrier to port them back.")
            now = self.clock()
            if status == "foc_confirmed" and not self._cancellable(row, now):
                raise ApiError(409, "too_close_to_foc",
                               f"The port is due on {row['foc_date']}; within 48 hours of that "
                               "date it can no longer be cancelled or changed. Call the "
                               "provider if this is an emergency.")
            plan = sim.plan_cancel()
            self.db.execute(
                "UPDATE orders SET status='cancel_pending', numbers=?, phase_start=?, plan=?, "
                "plan_pos=0, foc_days=NULL, updated_at=? WHERE id=?",
                (_numbers_with(row, "cancel_pending"), now, _plan_json(plan), now, order_id))
            self._history(order_id, now, "cancel_pending", "Cancellation requested.")
            if key:
                self.db.execute("INSERT INTO idempotency VALUES (?,?,?,?,?)",
                                (key, "cancel", fingerprint, order_id, now))
            return self._state(self._row(order_id))

    def comment(self, order_id: str, key: str | None, text: str) -> tuple[int, dict]:
        fingerprint = _fingerprint("comment", order_id, {"text": text}, {})
        with self.lock, self._tx():
            row = self._advance(self._row(order_id))
            if key:
                replay = self._replay(key, "comment", fingerprint)
                if replay is not None:
                    return 200, replay
            now = self.clock()
            self.db.execute("INSERT INTO comments VALUES (?,?,?,?)", (order_id, now, "customer", text))
            self.db.execute("UPDATE orders SET updated_at=? WHERE id=?", (now, order_id))
            if key:
                self.db.execute("INSERT INTO idempotency VALUES (?,?,?,?,?)",
                                (key, "comment", fingerprint, order_id, now))
            return 201, self._state(self._row(row["id"]))

    # ------------------------------------------------------------------ internals

    def _tx(self):
        return _Transaction(self.db)

    def _row(self, order_id: str) -> sqlite3.Row:
        row = self.db.execute("SELECT * FROM orders WHERE id=?", (order_id,)).fetchone()
        if row is None:
            raise ApiError(404, "order_not_found",
                           "There is no order with this id at the provider.")
        return row

    def _replay(self, key: str, operation: str, fingerprint: str) -> dict | None:
        hit = self.db.execute("SELECT * FROM idempotency WHERE key=?", (key,)).fetchone()
        if hit is None:
            return None
        if hit["operation"] != operation or hit["fingerprint"] != fingerprint:
            raise ApiError(409, "idempotency_key_reused",
                           "This Idempotency-Key was already used for a different request. "
                           "Send a new key for a new or changed order; resend the identical "
                           "request to repeat it.")
        return self._state(self._advance(self._row(hit["order_id"])))

    def _check(self, doc: Any, files: dict[str, tuple[str, bytes]]):
        numbers, findings = sim.check_document(doc, self.targets())
        too_big = []
        for kind, (filename, content) in files.items():
            label = _KIND_LABEL.get(kind, kind)
            if kind not in sim.ATTACHMENT_KINDS:
                findings.append({"field": "documents", "code": "attachment_unknown",
                                 "message": f"The file part '{kind}' is not one the provider "
                                            "takes; send loa, invoice or csr."})
            elif len(content) > self.max_attachment_bytes:
                too_big.append({"field": f"documents.{kind}", "code": "attachment_too_large",
                                "message": f"The {label} file {filename} is "
                                           f"{len(content) / 2**20:.1f} MB; the limit is "
                                           f"{self.max_attachment_bytes / 2**20:.0f} MB. Scan it "
                                           "at a lower resolution or send fewer pages."})
            elif not sim.is_pdf(content):
                findings.append({"field": f"documents.{kind}", "code": "attachment_not_pdf",
                                 "message": f"The {label} file {filename} is not a PDF. Save or "
                                            "convert it to PDF (portwizard can turn a photo "
                                            "into a PDF) and send it again."})
        if too_big:
            raise ApiError(413, "attachment_too_large", too_big[0]["message"], too_big)
        if findings:
            raise ApiError(422, "order_invalid",
                           "The provider cannot accept the order: " + findings[0]["message"]
                           + (f" ({len(findings) - 1} more problem(s) listed.)"
                              if len(findings) > 1 else ""),
                           findings)
        return numbers, {kind: name for kind, (name, _c) in files.items()}

    def _store_files(self, order_id: str, files: dict[str, tuple[str, bytes]]) -> None:
        for kind, (filename, content) in files.items():
            self.db.execute(
                "INSERT OR REPLACE INTO attachments VALUES (?,?,?,?,?,?)",
                (order_id, kind, filename, len(content), hashlib.sha256(content).hexdigest(),
                 content))

    def _history(self, order_id: str, at: float, status: str, note: str) -> None:
        self.db.execute("INSERT INTO history VALUES (?,?,?,?)", (order_id, at, status, note))

    def _advance(self, row: sqlite3.Row) -> sqlite3.Row:
        """Apply every scheduled step whose time has come."""
        steps = [sim.Step.from_json(s) for s in json.loads(row["plan"])]
        pos = row["plan_pos"]
        now = self.clock()
        changed = False
        numbers = json.loads(row["numbers"])
        status, foc_date, rejection = row["status"], row["foc_date"], row["rejection"]
        updated = row["updated_at"]
        while pos < len(steps):
            step = steps[pos]
            at = row["phase_start"] + step.at * self.seconds_per_day
            if at > now:
                break
            status = step.status
            for entry in numbers:
                entry["status"] = status
            if step.rejection is not None:
                rejection = json.dumps(step.rejection)
                if step.rejected_number:
                    for entry in numbers:
                        entry["status"] = ("rejected" if entry["number"] == step.rejected_number
                                           else "pending_carrier")
            if step.foc_date:
                foc_date = step.foc_date
            self._history(row["id"], at, status, step.note)
            if step.comment:
                self.db.execute("INSERT INTO comments VALUES (?,?,?,?)",
                                (row["id"], at, "provider", step.comment))
            updated = at
            pos += 1
            changed = True
        if not changed:
            return row
        self.db.execute(
            "UPDATE orders SET status=?, numbers=?, foc_date=?, rejection=?, plan_pos=?, "
            "updated_at=? WHERE id=?",
            (status, json.dumps(numbers), foc_date, rejection, pos, updated, row["id"]))
        return self._row(row["id"])

    def _cancellable(self, row: sqlite3.Row, now: float) -> bool:
        status = row["status"]
        if status in ("submitted", "in_review", "pending_carrier", "rejected"):
            return True
        if status == "foc_confirmed" and row["foc_days"] is not None:
            lock_at = row["phase_start"] + (
                row["foc_days"] - sim.CANCEL_LOCK_HOURS / 24) * self.seconds_per_day
            return now < lock_at
        return False

    def _state(self, row: sqlite3.Row) -> dict:
        oid = row["id"]
        history = [{"at": _iso(r["at"]), "status": r["status"], "note": r["note"]}
                   for r in self.db.execute(
                       "SELECT * FROM history WHERE order_id=? ORDER BY at, rowid", (oid,))]
        comments = [{"at": _iso(r["at"]), "author": r["author"], "text": r["text"]}
                    for r in self.db.execute(
                        "SELECT * FROM comments WHERE order_id=? ORDER BY at, rowid", (oid,))]
        attachments = [{"kind": r["kind"], "filename": r["filename"], "size": r["size"]}
                       for r in self.db.execute(
                           "SELECT kind, filename, size FROM attachments WHERE order_id=? "
                           "ORDER BY kind", (oid,))]
        doc = json.loads(row["doc"])
        target = doc.get("target") if isinstance(doc.get("target"), dict) else {}
        return {
            "id": oid,
            "status": row["status"],
            "numbers": json.loads(row["numbers"]),
            "foc_date": row["foc_date"],
            "rejection": json.loads(row["rejection"]) if row["rejection"] else None,
            "comments": comments,
            "history": history,
            "created_at": _iso(row["created_at"]),
            "updated_at": _iso(row["updated_at"]),
            "cancellable": self._cancellable(row, self.clock()),
            "submission": row["submission"],
            "target": {"account_id": str(target.get("account_id") or ""),
                       "line_id": str(target.get("line_id") or "")},
            "attachments": attachments,
        }


_KIND_LABEL = {"loa": "Letter of Authorization", "invoice": "invoice",
               "csr": "Customer Service Record"}


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.db.execute("COMMIT")
        else:
            self.db.execute("ROLLBACK")
        return False


def _plan_json(plan: sim.Plan) -> str:
    return json.dumps([s.to_json() for s in plan.steps])


def _numbers_with(row: sqlite3.Row, status: str) -> str:
    numbers = json.loads(row["numbers"])
    for entry in numbers:
        entry["status"] = status
    return json.dumps(numbers)


def _stored_doc(doc: dict) -> str:
    """The order document as kept by the provider: without the PIN."""
    copy = json.loads(json.dumps(doc))
    carrier = copy.get("carrier")
    if isinstance(carrier, dict) and "pin" in carrier:
        carrier["pin"] = ""
    return json.dumps(copy, sort_keys=True)


def _fingerprint(operation: str, order_id: str, doc: Any,
                 files: dict[str, tuple[str, bytes]]) -> str:
    """Identity of a request body for idempotency: the canonical order JSON and each file's
    content hash (not the multipart bytes, whose boundary changes with every send).

    The PIN is left out: a hash over a document whose other fields are stored would let
    anyone with this file try all 10,000 four-digit PINs against it."""
    h = hashlib.sha256()
    h.update(f"{operation}\0{order_id}\0".encode())
    h.update(_stored_doc(doc).encode("utf-8") if isinstance(doc, dict)
             else json.dumps(doc, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    for kind in sorted(files):
        h.update(f"\0{kind}\0".encode())
        h.update(hashlib.sha256(files[kind][1]).digest())
    return h.hexdigest()
