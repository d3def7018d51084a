"""The built-in sandbox: a real HTTP server on loopback that implements
``resources/openapi.yaml`` and plays the provider and the losing carrier.

- State lives in its own SQLite file (orders, history, comments, attachments, idempotency
  keys). Nothing here is shared with portwizard's own local store.
- The lifecycle runs on a fast clock (see :mod:`portwizard.endpoint.simulation`); the state
  of an order is brought up to date whenever it is read, so no background timer is needed
  and the history carries the wall-clock time each change became due.
- The customer's PIN is used to decide a ``wrong_pin`` rejection and then dropped: the
  stored copy of the order document has an empty ``carrier.pin``.
- Fault injection (``fault_rate``, deterministic with ``fault_seed``): a request may get a
  late answer after it was carried out (longer than the client's read timeout: the classic
  "accepted but timed out"), a dropped connection (before or after it was carried out), 500,
  503 or 429 with ``Retry-After: 1``.

Use it in-process::

    with Sandbox(tmp_path / "sandbox.db", seconds_per_day=0.2) as sb:
        client = EndpointClient(sb.url, SANDBOX_TOKEN)

or from the command line: ``portwizard sandbox --port 8765``.
"""
from __future__ import annotations

import email.parser
import email.policy
import hashlib
import hmac
import json
import logging
import random
import re
import socket
import sqlite3
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from portwizard.endpoint import SANDBOX_TOKEN
from portwizard.endpoint import simulation as sim

__all__ = ["Sandbox", "SANDBOX_TOKEN", "DEFAULT_TARGETS", "FAULT_KINDS"]

log = logging.getLogger("portwizard.sandbox")

SCHEMA_VERSION = 1
MAX_ATTACHMENT_BYTES = 10 * 2**20
MAX_COMMENT_CHARS = 2000
_KEY_RE = re.compile(r"^[\x21-\x7e]{1,255}$")  # same rule as the spec's Idempotency-Key
FAULT_KINDS = ("slow", "drop_before", "drop_after", "500", "503", "429")

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


# ============================================================================ HTTP layer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # Quick restarts on the same port (TIME_WAIT) on Unix; on Windows SO_REUSEADDR would let
    # two servers share a port, so it stays off there.
    allow_reuse_address = sys.platform != "win32"

    def __init__(self, address, handler, sandbox: "Sandbox"):
        self.sandbox = sandbox
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        self._workers: set[threading.Thread] = set()
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        with self._open_lock:
            self._open.add(request)
        thread = threading.Thread(target=self._run, args=(request, client_address),
                                  daemon=True, name="sandbox-request")
        with self._open_lock:
            self._workers.add(thread)
        thread.start()

    def _run(self, request, client_address):
        try:
            self.process_request_thread(request, client_address)
        finally:
            with self._open_lock:
                self._open.discard(request)
                self._workers.discard(threading.current_thread())

    def close_all(self, timeout: float) -> None:
        """Wake every connection thread (idle keep-alive or mid-fault) and wait for them."""
        with self._open_lock:
            sockets = list(self._open)
            workers = list(self._workers)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        deadline = time.monotonic() + timeout
        for thread in workers:
            thread.join(max(0.0, deadline - time.monotonic()))

    def handle_error(self, request, client_address):  # a client hung up: not our problem
        log.debug("connection from %s ended with an error", client_address[0], exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "portwizard-sandbox"
    timeout = 30  # idle keep-alive connections close after this
    # Headers and body go out as separate writes; without TCP_NODELAY, Nagle's algorithm and
    # the client's delayed ACK add ~40 ms to every answer.
    disable_nagle_algorithm = True

    server: _Server

    def log_message(self, fmt, *args):  # the default writes every request to stderr
        log.debug("%s " + fmt, self.address_string(), *args)

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_PATCH(self):
        self._dispatch("PATCH")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def __getattr__(self, name: str):
        # Any other method (TRACE, CONNECT, made-up ones) gets a JSON 405, not a 501 page.
        if name.startswith("do_") and name[3:].isalpha():
            return lambda: self._dispatch(name[3:])
        raise AttributeError(name)

    def do_OPTIONS(self):
        self._dispatch("OPTIONS")

    def do_HEAD(self):
        self.close_connection = True  # an answer to HEAD has no body; do not reuse the socket
        self._dispatch("HEAD")

    # ------------------------------------------------------------------ dispatch

    def _dispatch(self, method: str) -> None:
        sandbox = self.server.sandbox
        sandbox._count_request()
        fault = sandbox._draw_fault()
        try:
            body = self._read_body()
            if fault in ("500", "503", "429"):
                headers = ({"Retry-After": str(sandbox.fault_retry_after)}
                           if fault in ("429", "503") else {})
                raise ApiError(int(fault), "simulated_fault",
                               "The sandbox simulated a provider fault; try again.",
                               headers=headers)
            if fault == "drop_before":
                self.close_connection = True
                return
            status, payload, headers = self._route(method, body)
        except ApiError as exc:
            status, payload, headers = exc.status, exc.body(), dict(exc.headers)
        except Exception:  # a bug must still give a JSON answer, never a hung client
            log.exception("sandbox request failed")
            status, payload, headers = 500, {"code": "internal_error",
                                             "message": "The sandbox had an internal error."}, {}
        if fault == "drop_after":
            self.close_connection = True
            return
        if fault == "slow":
            if sandbox._stopping.wait(sandbox.fault_delay):
                self.close_connection = True
                return
        self._send(status, payload, headers)

    def _send(self, status: int, payload: Any, headers: dict[str, str]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            # counted before the body goes out, so a client that got it finds it counted
            self.server.sandbox._count_answer(1)
            try:
                self.wfile.write(data)
            except OSError:
                self.server.sandbox._count_answer(-1)
                raise
        except OSError:  # the client gave up (e.g. its read timeout): nothing to answer
            self.close_connection = True

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self.close_connection = True
            raise ApiError(411, "length_required",
                           "Send the request with a Content-Length header.")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.close_connection = True
            raise ApiError(400, "bad_request", "The Content-Length header is not a number.")
        if length < 0:
            self.close_connection = True
            raise ApiError(400, "bad_request", "The Content-Length header is not valid.")
        limit = self.server.sandbox.max_request_bytes
        if length > limit:
            self.close_connection = True
            if length <= 4 * limit:  # read it so the client sees our answer, not a reset
                self._discard(length)
            raise ApiError(413, "request_too_large",
                           f"The request is larger than {limit // 2**20} MB. Send smaller "
                           "attachments (each at most "
                           f"{self.server.sandbox.max_attachment_bytes // 2**20} MB).")
        return self.rfile.read(length) if length else b""

    def _discard(self, length: int) -> None:
        while length > 0:
            chunk = self.rfile.read(min(length, 1 << 16))
            if not chunk:
                break
            length -= len(chunk)

    def _route(self, method: str, body: bytes):
        sandbox = self.server.sandbox
        path = urlsplit(self.path).path
        parts = [unquote(p) for p in path.strip("/").split("/")] if path.strip("/") else []
        if len(parts) < 2 or parts[0] != "v1" or parts[1] not in ("targets", "port-orders"):
            raise ApiError(404, "not_found", "There is no such address in the porting API.")
        route, allowed = self._match(parts)
        if route is None:
            raise ApiError(404, "not_found", "There is no such address in the porting API.")
        if method not in allowed:
            raise ApiError(405, "method_not_allowed",
                           f"{method} is not possible here; use {', '.join(allowed)}.",
                           headers={"Allow": ", ".join(allowed)})
        self._auth()
        state = sandbox.state
        if route == "targets":
            return 200, {"targets": state.targets()}, {}
        if route == "orders" and method == "GET":
            return 200, {"orders": state.list()}, {}
        if route == "orders":
            key = self._idempotency_key(required=True)
            doc, files = self._parse_order_body(body)
            status, data = state.create(key, doc, files)
            headers = {"Location": f"/v1/port-orders/{data['id']}"}
            if status == 200:
                headers["Idempotent-Replayed"] = "true"
            return status, data, headers
        order_id = parts[2]
        if route == "order":
            return 200, state.get(order_id), {}
        if route == "resubmit":
            key = self._idempotency_key(required=True)
            state.get(order_id)  # 404 before parsing the body
            doc, files = self._parse_order_body(body)
            replayed, data = state.resubmit(order_id, key, doc, files)
            return 200, data, ({"Idempotent-Replayed": "true"} if replayed else {})
        if route == "cancel":
            return 200, state.cancel(order_id, self._idempotency_key(required=False)), {}
        if route == "comments":
            text = self._comment_text(body)
            return (*state.comment(order_id, self._idempotency_key(required=False), text), {})
        raise ApiError(404, "not_found", "There is no such address in the porting API.")

    @staticmethod
    def _match(parts: list[str]):
        n = len(parts)
        if parts[1] == "targets":
            return ("targets", ("GET",)) if n == 2 else (None, ())
        if n == 2:
            return "orders", ("GET", "POST")
        if n == 3 and parts[2]:
            return "order", ("GET",)
        if n == 4 and parts[2] and parts[3] in ("resubmit", "cancel", "comments"):
            return parts[3], ("POST",)
        return None, ()

    def _auth(self) -> None:
        header = self.headers.get("Authorization") or ""
        if not header.strip():
            raise ApiError(401, "token_missing",
                           "No access token was sent. Send 'Authorization: Bearer <token>'.",
                           headers={"WWW-Authenticate": 'Bearer realm="portwizard-sandbox"'})
        scheme, _, token = header.strip().partition(" ")
        expected = self.server.sandbox.token
        if scheme.lower() != "bearer" or not hmac.compare_digest(
                token.strip().encode("utf-8", "replace"), expected.encode("utf-8")):
            raise ApiError(401, "token_invalid", "The access token was not accepted.",
                           headers={"WWW-Authenticate":
                                    'Bearer realm="portwizard-sandbox", error="invalid_token"'})

    def _idempotency_key(self, required: bool) -> str | None:
        key = self.headers.get("Idempotency-Key")
        if key is None:
            if required:
                raise ApiError(400, "idempotency_key_missing",
                               "Send an Idempotency-Key header (a new random id per order) so "
                               "a repeated request never files the order twice.")
            return None
        if not _KEY_RE.match(key):
            raise ApiError(400, "idempotency_key_invalid",
                           "The Idempotency-Key must be 1 to 255 visible ASCII characters "
                           "(no spaces), e.g. a UUID.")
        return key

    def _parse_order_body(self, body: bytes):
        ctype = self.headers.get("Content-Type") or ""
        if not ctype.lower().startswith("multipart/form-data"):
            raise ApiError(415, "unsupported_media_type",
                           "Send the order as multipart/form-data: an 'order' part with the "
                           "JSON document and one part per PDF file (loa, invoice, csr).")
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + ctype.encode("latin-1", "replace") + b"\r\n\r\n" + body)
        if not msg.is_multipart():
            raise ApiError(400, "bad_multipart", "The multipart body could not be read.")
        doc: Any = None
        seen_order = False
        files: dict[str, tuple[str, bytes]] = {}
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                continue
            content = part.get_payload(decode=True) or b""
            if name == "order":
                seen_order = True
                try:
                    doc = json.loads(content.decode("utf-8-sig"))
                except (UnicodeDecodeError, ValueError, RecursionError):
                    raise ApiError(422, "order_not_json",
                                   "The 'order' part is not a JSON order document.",
                                   [{"field": "", "code": "order_not_json",
                                     "message": "The order is not valid JSON."}]) from None
            else:
                filename = part.get_filename() or f"{name}.pdf"
                files[name] = (Path(filename).name[:200], content)
        if not seen_order:
            raise ApiError(422, "order_missing",
                           "The request has no 'order' part with the order document.",
                           [{"field": "", "code": "order_missing",
                             "message": "The order document is missing."}])
        return doc, files

    def _comment_text(self, body: bytes) -> str:
        ctype = (self.headers.get("Content-Type") or "").lower()
        if not ctype.startswith("application/json"):
            raise ApiError(415, "unsupported_media_type",
                           "Send the comment as JSON: {\"text\": \"...\"}.")
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            data = None
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or sim.is_blank(text):
            raise ApiError(422, "comment_empty", "Write the comment text first.",
                           [{"field": "text", "code": "required",
                             "message": "The comment is empty."}])
        if len(text) > MAX_COMMENT_CHARS:
            raise ApiError(422, "comment_too_long",
                           f"A comment can have at most {MAX_COMMENT_CHARS} characters.",
                           [{"field": "text", "code": "too_long",
                             "message": "The comment is too long."}])
        return text.strip(sim.BLANK_CHARS)


# ============================================================================ public class


class Sandbox:
    """The sandbox provider as a background HTTP server on loopback.

    ``port=0`` picks a free port. ``fault_rate`` (0..1) of requests get a fault from
    :data:`FAULT_KINDS`; the sequence is fixed by ``fault_seed``. ``fault_delay`` is how long
    a "slow" answer waits (set it above the client's read timeout).
    """

    def __init__(self, db_path: str | Path | None, *, host: str = "127.0.0.1", port: int = 0,
                 seconds_per_day: float = 2.0, fault_rate: float = 0.0,
                 token: str = SANDBOX_TOKEN, fault_seed: int = 1, fault_delay: float = 21.0,
                 fault_kinds: tuple[str, ...] = FAULT_KINDS,
                 max_attachment_bytes: int = MAX_ATTACHMENT_BYTES, clock=time.time,
                 fault_retry_after: int = 1):
        if not 0.0 <= fault_rate <= 1.0:
            raise ValueError("fault_rate must be between 0 and 1")
        unknown = set(fault_kinds) - set(FAULT_KINDS)
        if unknown or not fault_kinds:
            raise ValueError(f"fault_kinds must be a non-empty subset of {FAULT_KINDS}")
        if not token:
            raise ValueError("the sandbox needs a token")
        self.db_path = db_path
        self.host = host
        self.port = port
        self.seconds_per_day = seconds_per_day
        self.fault_rate = fault_rate
        self.fault_delay = fault_delay
        self.fault_kinds = tuple(fault_kinds)
        self.fault_retry_after = fault_retry_after  # seconds, sent with 429/503 faults
        self.token = token
        self.max_attachment_bytes = max_attachment_bytes
        self.max_request_bytes = 3 * max_attachment_bytes + 2**20
        self._clock = clock
        self._rng = random.Random(fault_seed)
        self._counter_lock = threading.Lock()
        self.requests_seen = 0  # requests received
        self.answers_sent = 0   # answers written out whole (a dropped connection has none)
        self.faults_injected: dict[str, int] = {k: 0 for k in FAULT_KINDS}
        self._stopping = threading.Event()
        self.state: SandboxState | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the sandbox is not running; call start() first")
        host, port = self._server.server_address[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}"

    def start(self) -> str:
        if self._server is not None:
            return self.url
        self._stopping.clear()
        self.state = SandboxState(self.db_path, self.seconds_per_day, self._clock,
                                  self.max_attachment_bytes)
        try:
            server_cls = _Server
            if ":" in self.host:
                server_cls = type("_Server6", (_Server,), {"address_family": socket.AF_INET6})
            self._server = server_cls((self.host, self.port), _Handler, self)
        except OSError:
            self.state.close()
            self.state = None
            raise
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.1},
                                        name="portwizard-sandbox", daemon=True)
        self._thread.start()
        return self.url

    def stop(self, timeout: float = 5.0) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        server.close_all(timeout)
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if self.state is not None:
            with self.state.lock:
                self.state.close()
            self.state = None

    def __enter__(self) -> "Sandbox":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def created_count(self) -> int:
        """Orders really created (replays and failed requests do not count)."""
        if self.state is None:
            state = SandboxState(self.db_path, self.seconds_per_day, self._clock)
            try:
                return state.created_count()
            finally:
                state.close()
        return self.state.created_count()

    # ------------------------------------------------------------------ internals

    def _count_request(self) -> None:
        with self._counter_lock:
            self.requests_seen += 1

    def _count_answer(self, step: int) -> None:
        with self._counter_lock:
            self.answers_sent += step

    def _draw_fault(self) -> str | None:
        if self.fault_rate <= 0:
            return None
        with self._counter_lock:
            if self._rng.random() >= self.fault_rate:
                return None
            kind = self._rng.choice(self.fault_kinds)
            self.faults_injected[kind] += 1
            return kind
