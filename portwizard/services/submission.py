"""Sending orders to the provider through the outbox.

The order and an outbox entry (with a fresh idempotency key) are committed to the local
database *before* anything is sent. Then the entry is sent:

- accepted: the provider's state is recorded and the entry is done;
- provider unreachable, timeout, 5xx/429: the entry stays queued and is retried later with
  growing pauses (:meth:`SubmissionService.drain_outbox`). A retry uses the *same*
  idempotency key and the identical body, so a request the provider already carried out
  (answer lost on the way back) is answered with the existing order, never a second one;
- token missing or wrong, insecure address, password storage broken, or an answer that
  cannot be trusted (a success without the order's id, a redirect, an untrusted
  certificate, an unreadable or oversized body): the entry is "blocked" until the user
  fixes that (explicit retries only; the same idempotency key, so never filed twice);
- the provider refuses the content (422): the entry fails with the provider's findings.

Attachments are copied into the data folder when the order is queued, so a queued order
still goes out if the user moves or deletes the original files (:mod:`.copies`).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from portwizard import secrets as _secrets
from portwizard.domain.findings import Finding, error, has_errors
from portwizard.domain.order import DOCUMENT_KINDS, Order, to_dict
from portwizard.services import copies
from portwizard.services.connection import Connector, NotReady, describe_endpoint
from portwizard.domain.status import CLOSED, NOT_SENT, can_cancel, can_resubmit
from portwizard.endpoint.providers import ADAPTED, OFFICIAL_URLS, family_of
from portwizard.domain.status import label as _label
from portwizard.services.sending import (  # (the outcomes and results are this module's too)
    SEND_LOCK, BLOCKED, FAILED, INVALID, QUEUED_MESSAGE, QUEUED_OUTCOME, SENT, Backoff,
    OutboxSending, SubmitResult,
)
from portwizard.settings import Settings
from portwizard.store import OutboxEntry, Store, strip_pin

log = logging.getLogger(__name__)


@dataclass
class DrainReport:
    """What one pass over the outbox did (:meth:`SubmissionService.drain_outbox`)."""
    sent: int = 0
    queued: int = 0
    blocked: int = 0
    failed: int = 0
    remaining: int = 0  # entries still pending or blocked afterwards
    results: list[SubmitResult] = field(default_factory=list)


@dataclass
class SyncReport(DrainReport):
    """What one ``App.sync()`` did: its pass over the outbox (the counts and results above),
    then what the provider said of the open orders."""
    changed: dict[str, list[str]] = field(default_factory=dict)  # order id -> new statuses
    problems: list[str] = field(default_factory=list)
    reached: bool | None = None  # None: nothing needed the provider

    @property
    def changed_count(self) -> int:
        return len(self.changed)


def _default_checker(order: Order, ctx) -> list[Finding]:
    try:
        from portwizard.services.checks import full_check
    except ImportError:
        from portwizard.domain.validation import validate_order

        return validate_order(order, ctx)
    return full_check(order, ctx)


class SubmissionService(OutboxSending):
    """Submit, resubmit, cancel and comment through the outbox; thread-safe."""

    def __init__(self, store: Store | None = None, *, settings: Settings | None = None,
                 secrets: _secrets.SecretStore | None = None, connector: Connector | None = None,
                 checker: Callable[[Order, Any], list[Finding]] | None = None,
                 backoff: Backoff | None = None, clock: Callable[[], float] = time.time,
                 client_options: dict | None = None, attachments_dir: Path | None = None):
        self.settings = settings if settings is not None else Settings.load()
        self._owns_store = store is None
        self.store = store if store is not None else Store(secrets=secrets)
        self.connector = connector or Connector(self.settings, secrets or self.store.secrets,
                                                client_options=client_options)
        self.checker = checker or _default_checker
        self.backoff = backoff or Backoff()
        self.clock = clock
        if attachments_dir is None:
            from portwizard.paths import data_dir

            attachments_dir = data_dir() / "attachments"
        self.attachments_dir = Path(attachments_dir)
        self._lock = SEND_LOCK

    def close(self) -> None:
        self.connector.close()
        if self._owns_store:
            self.store.close()

    # ---------------------------------------------------------------- public operations

    def check(self, order: Order, provider: str | None = None) -> list[Finding]:
        """The order's problems as ``provider`` (None: the settings' choice) would see them."""
        return self.checker(order, self.settings.validation_context(provider=provider))

    def submit(self, order: Order, *, endpoint: str | None = None, draft_id: str | None = None,
               send: bool = True, provider: str | None = None) -> SubmitResult:
        """Validate, store and queue a new order, then try to send it now.

        Errors from the checks block: nothing is stored and the findings are returned. A
        draft named by ``draft_id`` is removed once the order is safely stored. The order is
        filed with ``provider`` at ``endpoint`` (None: the settings' choice; an endpoint
        alone means an endpoint speaking our own API) and stays with them for its life."""
        order = _tidy(order)
        findings = self.check(order, provider)
        if has_errors(findings):
            return SubmitResult(None, INVALID, None,
                                "The order has problems to fix before it can be sent.",
                                findings=[f for f in findings if f.is_error])
        duplicates = self._numbers_in_open_orders(order)
        if duplicates:
            return SubmitResult(None, INVALID, None, duplicates[0].message, findings=duplicates)
        if endpoint is None and provider is None:
            endpoint, provider = self.settings.active_endpoint, self.settings.active_provider
        elif endpoint is None:
            endpoint = OFFICIAL_URLS.get(provider, self.settings.endpoint_url)
        provider = provider or family_of(endpoint)
        try:
            if provider in ADAPTED and endpoint == "sandbox":
                raise NotReady("Choose the provider's web address, not the sandbox.")
            self.connector.check_endpoint(endpoint)
        except NotReady as exc:  # an order for an unusable address could never be sent
            return SubmitResult(None, INVALID, None, str(exc), findings=[error(
                "", "endpoint.unusable", str(exc),
                "Correct the provider address in Settings (or --endpoint) and submit again.")])
        from portwizard.store import new_order_id

        order_id = new_order_id()
        try:
            attachments, doc_names = self._queue_copies(order, order_id, "create")
        except copies.AttachmentProblem as exc:
            return SubmitResult(None, INVALID, None, exc.finding.message, findings=[exc.finding])
        payload = self._payload(order, doc_names)
        # The duplicate check again, inside the write transaction that files the order
        # (BEGIN IMMEDIATE: one writer at a time across processes), so the same order file
        # submitted twice at the same moment files one order, not two.
        try:
            with self.store.transaction(durable=True):
                duplicates = self._numbers_in_open_orders(order)
                if not duplicates:
                    self.store.add_order(order, endpoint, order_id=order_id, provider=provider,
                                         note="saved, to be sent to "
                                              + describe_endpoint(endpoint, provider))
                    entry = self.store.enqueue(order_id, "create", payload,
                                               secret_ref=_secrets.order_pin_key(order_id),
                                               attachments=attachments, not_before=self.clock())
        except BaseException:  # not filed (a full disk...): its copies have no order to serve
            copies.remove_queued(self.attachments_dir, order_id)
            raise
        if duplicates:
            copies.remove_queued(self.attachments_dir, order_id)
            return SubmitResult(None, INVALID, None, duplicates[0].message, findings=duplicates)
        if draft_id:
            self.store.delete_draft(draft_id)
        log.info("order %s queued for %s", order_id, describe_endpoint(endpoint, provider))
        if not send:
            return self._result(order_id, QUEUED_OUTCOME, QUEUED_MESSAGE)
        return self._send(entry)

    def resubmit(self, order_id: str, order: Order, *, send: bool = True) -> SubmitResult:
        """Send a corrected order for a rejected one (through the outbox). A corrected
        document without a PIN (e.g. a file saved without it) keeps the order's PIN."""
        record = self._record(order_id)
        if not order.carrier.pin:
            order = order.copy()
            order.carrier.pin = self.store.order_document(record.id).carrier.pin
        order = _tidy(order)
        findings = self.check(order, record.provider)
        if has_errors(findings):
            return SubmitResult(record.id, INVALID, record.status,
                                "The corrected order still has problems to fix.",
                                findings=[f for f in findings if f.is_error])
        if not can_resubmit(record.status):
            return self._result(record.id, FAILED,
                                f"Only a rejected order can be resubmitted; this one is "
                                f"\"{_label(record.status)}\".")
        from portwizard.store import new_idempotency_key

        key = new_idempotency_key()
        try:
            attachments, doc_names = self._queue_copies(order, record.id, key[:8])
        except copies.AttachmentProblem as exc:
            return SubmitResult(record.id, INVALID, record.status, exc.finding.message,
                                findings=[exc.finding])
        clean, pin = strip_pin(order)
        try:
            with self.store.transaction(durable=True):
                entry = self.store.enqueue(record.id, "resubmit", self._payload(clean, doc_names),
                                           idempotency_key=key, attachments=attachments,
                                           not_before=self.clock())
                secret_ref = _secrets.outbox_pin_key(entry.id)
                self.store.put_secret(secret_ref, pin)
                with self.store.transaction() as db:
                    db.execute("UPDATE outbox SET secret_ref = ? WHERE id = ?",
                               (secret_ref, entry.id))
                self.store.append_history(record.id, record.status, "local",
                                          "corrected order queued")
        except BaseException:  # not queued: this correction's copies go (the order's stay)
            copies.remove_queued(self.attachments_dir, record.id, key[:8])
            raise
        entry = self.store.outbox_entry(entry.id)
        if not send:
            return self._result(record.id, QUEUED_OUTCOME, QUEUED_MESSAGE)
        return self._send(entry)

    def cancel(self, order_id: str, *, send: bool = True) -> SubmitResult:
        """Ask to cancel. An order the provider never received is cancelled right here."""
        record = self._record(order_id)
        if record.status in CLOSED and record.status != NOT_SENT:
            return self._result(record.id, FAILED,
                                f"This order is already {_label(record.status).lower()}; "
                                "there is nothing to cancel.")
        if not can_cancel(record.status):
            return self._result(record.id, FAILED,
                                f"This order cannot be cancelled now: it is "
                                f"\"{_label(record.status)}\".")
        if any(e.operation == "cancel" for e in self.store.outbox(record.id, states=("pending", "blocked"))):
            return self._result(record.id, QUEUED_OUTCOME,
                                "The cancel request is already waiting to be sent.")
        with self._lock:
            record = self.store.get_order(record.id)
            if not record.remote_id and self._never_reached_provider(record):
                self._cancel_locally(record.id)
                return self._result(record.id, SENT,
                                    "Cancelled. The order had not been sent, so the provider "
                                    "never saw it.")
            # Otherwise the provider has (or may have) the order: the cancel request waits in
            # the outbox behind the create, so it goes out once the order's number is known.
            entry = self.store.enqueue(record.id, "cancel", None, not_before=self.clock())
            self.store.append_history(record.id, record.status, "local", "cancel requested")
        if not send:
            return self._result(record.id, QUEUED_OUTCOME, QUEUED_MESSAGE)
        return self._send(entry)

    def comment(self, order_id: str, text: str, *, send: bool = True) -> SubmitResult:
        record = self._record(order_id)
        entry = self.store.enqueue(record.id, "comment", {"text": text}, not_before=self.clock())
        if not send:
            return self._result(record.id, QUEUED_OUTCOME, QUEUED_MESSAGE)
        return self._send(entry)

    def drain_outbox(self, *, retry_blocked: bool = False, limit: int | None = None) -> DrainReport:
        """Send every entry that is due (and blocked ones when ``retry_blocked``)."""
        report = DrainReport()
        with self._lock:
            entries = self.store.due_entries(self.clock(), include_blocked=retry_blocked)
            for entry in entries[:limit] if limit else entries:
                current = self.store.outbox_entry(entry.id)
                if current.state not in ("pending", "blocked"):
                    continue  # handled meanwhile (e.g. cancelled before it was sent)
                result = self._send(current)
                report.results.append(result)
                name = {SENT: "sent", QUEUED_OUTCOME: "queued", BLOCKED: "blocked"}.get(
                    result.outcome, "failed")
                setattr(report, name, getattr(report, name) + 1)
        report.remaining = self.store.unfinished_count()
        return report

    def waiting(self, order_id: str | None = None) -> list[OutboxEntry]:
        return self.store.outbox(order_id, states=("pending", "blocked"))

    # ---------------------------------------------------------------- internals

    def _record(self, order_id: str):
        record = self.store.find_order(order_id)
        if record is None:
            raise KeyError(f"there is no order {order_id!r} on this computer")
        return record

    def _numbers_in_open_orders(self, order: Order) -> list[Finding]:
        """A number may be in one open order only: a second order for it is rejected by the
        old carrier ("another order is pending") and can delay the first."""
        from portwizard.domain.phone import parse_number

        def key(number: str) -> str | None:
            return parse_number(number).e164

        wanted = {key(n): i for i, n in enumerate(order.numbers) if key(n)}
        findings = []
        for order_id, status, number in self.store.order_numbers(exclude_statuses=CLOSED):
            i = wanted.pop(key(number), None)
            if i is not None:
                findings.append(error(
                    f"numbers[{i}]", "order.number_in_open_order",
                    f"{order.numbers[i]} is already in order {order_id}, which is still "
                    f"open ({_label(status).lower()}).",
                    f"Wait until that order is finished, or cancel it first "
                    f"(portwizard cancel {order_id}); a second order for the same number "
                    "would be rejected."))
        return findings

    def _never_reached_provider(self, record) -> bool:
        """True when no request for this order can have created it at the provider: refused
        outright, never attempted, or only refused for the token. (A create that timed out
        may have been carried out, so it is never assumed lost.)"""
        if record.status == NOT_SENT:
            return True
        creates = [e for e in self.store.outbox(record.id) if e.operation == "create"]
        return all(e.state == "failed" or e.attempts == 0
                   or (e.state == "blocked" and e.attempts <= 1) for e in creates)

    @staticmethod
    def _payload(order: Order, doc_names: dict[str, str]) -> dict:
        """The document as sent (PIN removed; added back from the secret store when sending).
        Attachment fields carry the file names only, not this computer's folders."""
        clean, _ = strip_pin(order)
        doc = to_dict(clean)
        doc["documents"] = {k: doc_names.get(k, "") for k in DOCUMENT_KINDS}
        return doc

    def _queue_copies(self, order: Order, order_id: str, tag: str) -> tuple[dict, dict]:
        return copies.queue(order, self.attachments_dir / order_id / tag,
                            self.settings.max_attachment_mb)

def _tidy(order: Order) -> Order:
    """The order as it is stored and sent: the same tidying the wizard shows while typing
    (account number without spaces or dashes, numbers in +1 form, N/NE directions …)."""
    from portwizard.domain.normalize import normalize_order

    return normalize_order(order)[0]
