"""Sending one outbox entry, and what the provider's answer does to it and to the order.

:class:`OutboxSending` is a mixin of :class:`~.submission.SubmissionService` (it uses the
service's ``store``, ``connector``, ``clock``, ``backoff``, ``waiting()`` and ``_lock``):
it claims the entry for :data:`SEND_LEASE_SECONDS`, makes the call with the entry's own
idempotency key, and turns the answer into one of the outcomes below: sent (the
provider's state recorded), queued again after a growing pause, blocked until the user
acts, or failed with the provider's findings. The module docstring of
:mod:`.submission` says which answer leads where.
"""
from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from portwizard import secrets as _secrets
from portwizard.domain.findings import Finding, error
from portwizard.domain.order import load_order
from portwizard.domain.status import NOT_SENT
from portwizard.services import copies
from portwizard.services.connection import NotReady, client_for
from portwizard.services.tracking import apply_state
from portwizard.store import OutboxEntry, Store

log = logging.getLogger(__name__)

# How long a sender holds an outbox entry it is sending; longer than one send with all its
# retries. If the sender dies, the entry is due again afterwards (same idempotency key).
SEND_LEASE_SECONDS = 300.0
MAX_UNEXPECTED_ATTEMPTS = 8  # unexplained failures (not "unavailable") before giving up

SENT = "sent"          # the provider has it
QUEUED_OUTCOME = "queued"    # saved, will be sent later
BLOCKED = "blocked"    # saved, needs the user to fix a setting/token first
FAILED = "failed"      # the provider refused it
INVALID = "invalid"    # our own checks found errors: nothing was saved or sent

QUEUED_MESSAGE = "Queued: it will be sent when the provider can be reached."

# One send at a time in this process, whichever service object asks (the GUI's, a refresh
# worker's): the clients are not shared between threads and an entry is never sent twice
# at the same moment.
SEND_LOCK = threading.RLock()


@dataclass
class Backoff:
    """Pause before retry number ``attempts`` (1, 2, ...): base * factor**(n-1), capped,
    with +-``jitter`` so many queued orders do not all retry at the same instant."""

    base: float = 5.0
    factor: float = 2.0
    maximum: float = 900.0
    jitter: float = 0.2

    def delay(self, attempts: int) -> float:
        raw = min(self.maximum, self.base * self.factor ** max(0, attempts - 1))
        return raw * (1 + random.uniform(-self.jitter, self.jitter))


@dataclass
class SubmitResult:
    order_id: str | None
    outcome: str              # sent | queued | blocked | failed | invalid
    status: str | None        # the order's status afterwards
    message: str              # plain words for the user
    remote_id: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome in (SENT, QUEUED_OUTCOME)


def _findings_from_server(items: list[dict]) -> list[Finding]:
    return [error(str(f.get("field", "")), f"provider.{f.get('code') or 'refused'}",
                  str(f.get("message", "")), "Correct it and send the order again.")
            for f in items]


class OutboxSending:
    """Sending outbox entries and recording what came of it (see the module docstring)."""

    # provided by the service this is mixed into (with its waiting() method)
    store: Store
    connector: Any
    backoff: Backoff
    clock: Callable[[], float]
    _lock: Any

    def _cancel_locally(self, order_id: str) -> None:
        with self.store.transaction(durable=True):
            for e in self.store.outbox(order_id, states=("pending", "blocked")):
                if e.operation == "cancel":
                    self.store.mark_done(e.id)
                else:
                    self.store.mark_failed(e.id, "cancelled before it was sent")
            self.store.update_order(order_id, status="cancelled")
            self.store.append_history(order_id, "cancelled", "local", "cancelled before it was sent")
        self.store.drop_secret(_secrets.order_pin_key(order_id))
        copies.after_order_finished(self.store, order_id)  # the queued files, the signed LOA

    def _has_waiting(self, order_id: str, operation: str) -> bool:
        return any(e.operation == operation for e in self.waiting(order_id))

    def _result(self, order_id: str, outcome: str, message: str, findings=None) -> SubmitResult:
        record = self.store.get_order(order_id)
        return SubmitResult(order_id, outcome, record.status if record else None, message,
                            remote_id=record.remote_id if record else None,
                            findings=list(findings or []))

    def _send(self, entry: OutboxEntry) -> SubmitResult:
        from portwizard.endpoint import (
            AuthError, Conflict, EndpointError, InsecureURL, InvalidOrder, NotFound,
            UnexpectedAnswer, Unavailable,
        )

        with self._lock:
            record = self.store.get_order(entry.order_id)
            if entry.operation != "create" and not record.remote_id:
                if self._has_waiting(record.id, "create"):
                    # Goes out after the order itself (the outbox keeps each order's order).
                    return self._result(record.id, QUEUED_OUTCOME, QUEUED_MESSAGE)
                # Its create was refused (or cancelled), so the provider has no such order.
                if entry.operation == "cancel":
                    self._cancel_locally(record.id)
                    return self._result(record.id, SENT, "Cancelled. The provider never had "
                                        "this order.")
                return self._fail(entry, "The provider never received this order, so this "
                                  "cannot be sent; submit the order again.")
            if not self.store.claim_entry(entry.id, self.clock(), SEND_LEASE_SECONDS):
                # Sent (or being sent) by someone else meanwhile, e.g. the other front end
                # draining the same outbox: report where it stands, never send it again.
                return self._outcome_of(self.store.outbox_entry(entry.id))
            entry = self.store.outbox_entry(entry.id)
            try:
                client = client_for(self.connector, record.provider, record.endpoint)
            except NotReady as exc:
                return self._block(entry, str(exc))
            except Exception as exc:  # e.g. the built-in sandbox could not start: try later
                log.warning("no connection for outbox entry %s: %s", entry.id, type(exc).__name__)
                return self._retry(entry, entry.attempts + 1,
                                   "The connection to the provider could not be set up; "
                                   "it will be tried again.")
            self.store.mark_attempt(entry.id)
            attempts = entry.attempts + 1
            try:
                state = self._call(client, entry, record)
            except AuthError as exc:
                self.connector.forget(record.endpoint, record.provider)
                return self._block(entry, str(exc))
            except Unavailable as exc:
                return self._retry(entry, attempts, str(exc))
            except (UnexpectedAnswer, InsecureURL) as exc:
                # Not an answer to trust (no order id, a redirect, an untrusted certificate,
                # an unreadable or oversized body), or a plain-http address that no longer
                # leads to this computer: never "queued, nothing to do". The entry keeps its
                # idempotency key and waits for the user to check the address.
                return self._block(entry, str(exc))
            except InvalidOrder as exc:
                return self._fail(entry, str(exc), _findings_from_server(exc.findings))
            except (Conflict, NotFound) as exc:
                return self._fail(entry, str(exc))
            except EndpointError as exc:
                if type(exc) is EndpointError and attempts < MAX_UNEXPECTED_ATTEMPTS:
                    return self._retry(entry, attempts, str(exc))
                return self._fail(entry, str(exc))
            except _secrets.SecretStoreError as exc:
                return self._block(entry, f"The PIN cannot be read: {exc}")
            except Exception as exc:  # a bug or an unexpected library error: keep the work
                log.warning("sending outbox entry %s failed unexpectedly: %s", entry.id,
                            type(exc).__name__)
                if attempts < MAX_UNEXPECTED_ATTEMPTS:
                    return self._retry(entry, attempts, "An unexpected problem occurred while "
                                       "sending; it will be tried again.")
                return self._fail(entry, "Sending failed repeatedly for an unexpected reason. "
                                  "Please report this problem.")
            return self._done(entry, record, state)

    def _outcome_of(self, entry: OutboxEntry) -> SubmitResult:
        record = self.store.get_order(entry.order_id)
        if entry.state == "done":
            return self._result(record.id, SENT, f"Sent. The provider's order number is "
                                f"{record.remote_id}." if record.remote_id else "Sent.")
        if entry.state == "failed":
            return self._result(record.id, FAILED, entry.last_error or "It could not be sent.")
        if entry.state == "blocked":
            return self._result(record.id, BLOCKED, entry.last_error or "Waiting for you.")
        return self._result(record.id, QUEUED_OUTCOME, QUEUED_MESSAGE)

    def _call(self, client, entry: OutboxEntry, record) -> dict:
        op = entry.operation
        if op in ("create", "resubmit"):
            doc = dict(entry.payload)
            pin = self.store.get_secret(entry.secret_ref) if entry.secret_ref else ""
            if entry.secret_ref and not pin:
                # Never send an order with a blank PIN (it would be rejected weeks later as
                # "wrong PIN"): tidying always fills one in, so a blank one means the password
                # storage lost it, in this session or the one that queued the order.
                raise _secrets.SecretStoreError(
                    self.store.secret_problem or "it is no longer in this computer's password "
                    "storage. Cancel this order and submit it again with the PIN")
            doc["carrier"] = dict(doc.get("carrier") or {}, pin=pin)
            progress = StoreProgress(self.store, entry.id, record.id)
            if op == "create":
                return client.create_order(doc, entry.attachments, entry.idempotency_key,
                                           progress=progress)
            return client.resubmit(record.remote_id, doc, entry.attachments,
                                   entry.idempotency_key, progress=progress)
        # Cancel and comment re-use the entry's key too, so a re-send after a lost answer is
        # answered with the first result instead of adding a second comment.
        if op == "cancel":
            return client.cancel(record.remote_id, idempotency_key=entry.idempotency_key)
        if op == "comment":
            return client.add_comment(record.remote_id, str((entry.payload or {}).get("text", "")),
                                      idempotency_key=entry.idempotency_key)
        raise ValueError(f"unknown outbox operation {op!r}")

    def _done(self, entry: OutboxEntry, record, state: dict) -> SubmitResult:
        with self.store.transaction(durable=True):
            if entry.operation == "resubmit":
                corrected = load_order(entry.payload).order or record.order
                corrected.carrier.pin = self.store.get_secret(entry.secret_ref or "")
                self.store.replace_order_document(record.id, corrected)
            apply_state(self.store, record.id, state,
                        note={"create": "accepted by the provider",
                              "resubmit": "corrected order accepted",
                              "cancel": "cancel accepted",
                              "comment": "comment added"}[entry.operation])
            self.store.mark_done(entry.id)
        if entry.operation == "resubmit" and entry.secret_ref:
            self.store.drop_secret(entry.secret_ref)
        copies.remove_sent(entry.order_id, entry.attachments or {})
        record = self.store.get_order(record.id)
        message = {
            "create": f"Sent. The provider's order number is {record.remote_id}.",
            "resubmit": "The corrected order was sent.",
            "cancel": "The cancel request was sent.",
            "comment": "The comment was sent.",
        }[entry.operation]
        return self._result(record.id, SENT, message)

    def _retry(self, entry: OutboxEntry, attempts: int, why: str) -> SubmitResult:
        self.store.mark_retry(entry.id, self.clock() + self.backoff.delay(attempts), why)
        log.info("outbox entry %s (%s) queued for retry after attempt %d", entry.id,
                 entry.operation, attempts)
        return self._result(entry.order_id, QUEUED_OUTCOME, QUEUED_MESSAGE)

    def _block(self, entry: OutboxEntry, why: str) -> SubmitResult:
        self.store.mark_blocked(entry.id, why)
        log.info("outbox entry %s (%s) blocked until the user acts", entry.id, entry.operation)
        return self._result(entry.order_id, BLOCKED, why)

    def _fail(self, entry: OutboxEntry, why: str, findings: list[Finding] | None = None) -> SubmitResult:
        with self.store.transaction(durable=True):
            self.store.mark_failed(entry.id, why)
            record = self.store.get_order(entry.order_id)
            if entry.operation == "create" and not record.remote_id:
                self.store.update_order(entry.order_id, status=NOT_SENT)
                self.store.append_history(entry.order_id, NOT_SENT, "local", why)
            else:
                self.store.append_history(entry.order_id, record.status, "local",
                                          f"{entry.operation} refused: {why}")
        return self._result(entry.order_id, FAILED, why, findings)


class StoreProgress:
    """The progress of one outbox entry (see the progress contract in
    :mod:`portwizard.endpoint.providers.base`): each ``set`` is committed to the local
    database with a full sync before it returns, so a multi-step create that stops (crash,
    timeout, closed laptop) resumes at the step after the last one recorded."""

    def __init__(self, store: Store, entry_id: int, order_id: str):
        self.store = store
        self.entry_id = entry_id
        self.order_id = order_id
        self._data = store.get_progress(entry_id)

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, default)

    def set(self, key: str, value: Any) -> None:
        self._data = self.store.set_progress(self.entry_id, key, value)

    def __repr__(self) -> str:
        return f"StoreProgress(entry {self.entry_id}, {sorted(self._data)})"
