"""The outbox: work for the provider (create, resubmit, cancel, comment) that survives a
crash, and the claims that let several senders drain it without sending anything twice.

:class:`OutboxMixin` is one part of :class:`~portwizard.store.db.Store` (which supplies the
connection, ``transaction``, ``_query`` and ``_run``, the :class:`~portwizard.store.owner.RunLock`
naming this process). Every write here is committed with a full sync to disk. An entry is
due when its ``next_attempt_at`` has come and no older entry of the same order is unsent; a
claim is a lease on ``next_attempt_at`` that names the sender, so an entry whose sender was
killed mid-send is due again at once (and re-sent with the same idempotency key).
"""
from __future__ import annotations

import json
import sqlite3
import time
from typing import Any, Iterable

from portwizard.store.records import OutboxEntry, new_idempotency_key, now_iso


class OutboxMixin:
    """Queue, claim, send-progress and outcome of outbox entries (see the module doc)."""

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
