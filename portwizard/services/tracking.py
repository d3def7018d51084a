"""Keeping track of submitted orders: poll the provider, record every status change in the
append-only history (with time and source), and say in plain words what the user should
do now.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Iterable

from portwizard.domain.fields import field_name
from portwizard.domain.status import CLOSED, FINISHED, NOT_SENT, QUEUED
from portwizard.services import copies
from portwizard.store import OrderRecord, Store, now_iso

log = logging.getLogger(__name__)

# Keys of the provider's order state we keep (never the order document itself).
_STATE_KEYS = ("id", "status", "numbers", "foc_date", "rejection", "comments", "history",
               "created_at", "updated_at", "cancellable",
               "parts")  # a provider's own orders behind one split order (ids, no secrets)
TYPICAL_ANSWER = "2 to 15 business days"

def _reason(code: str | None):
    if not code:
        return None
    try:
        from portwizard.domain.lifecycle import reason
    except ImportError:
        return None
    return reason(code)


def _typical_days(record: OrderRecord | None) -> str:
    if record is None:
        return TYPICAL_ANSWER
    try:
        from portwizard.domain.carriers import match
    except ImportError:
        return TYPICAL_ANSWER
    try:
        info = match(record.order.carrier.name)
    except Exception:  # the directory is guidance only; never fail a status over it
        return TYPICAL_ANSWER
    days = (getattr(info, "typical_port_days", "") or "").strip()
    # The directory words it as guidance ("usually 1–3 business days"); we add our own "usually".
    days = re.sub(r"^(usually|typically|about)\s+", "", days, flags=re.I)
    return days or TYPICAL_ANSWER


def describe_fields(paths: Iterable[str]) -> str:
    """Field paths in the user's words, grouped by wizard page:
    ``street number, city (page "Service address"); latest bill (page "Documents")``
    (the names are :data:`~portwizard.domain.fields.FIELD_NAMES`)."""
    groups: dict[str, list[str]] = {}
    for path in paths:
        words = field_name(path)
        try:
            from portwizard.flow import step_of_field

            page = step_of_field(path).title
        except Exception:  # no flow map (or an unknown path): list the words only
            page = ""
        bucket = groups.setdefault(page, [])
        if words not in bucket:
            bucket.append(words)
    return "; ".join(", ".join(words) + (f' (page "{page}")' if page else "")
                     for page, words in groups.items())


def clean_state(state: dict) -> dict:
    """The provider's order state without anything but the documented status fields."""
    return {k: state[k] for k in _STATE_KEYS if k in state}


# --------------------------------------------------------------------------- applying states


def _our_status(word: Any, unknown: set[str]) -> str | None:
    """Our status for a provider's status word ("FOC" -> foc_confirmed), or None when the
    word is not recognised (it is then added to ``unknown`` for the log)."""
    from portwizard.domain.lifecycle import status_from_provider

    if not isinstance(word, str):
        return None
    status = status_from_provider(word)
    if status is None:
        unknown.add(word)
        return None
    return status.value


def _our_reason_code(code: Any, text: Any) -> str | None:
    """Our rejection reason code for the provider's code (or, failing that, its text);
    the provider's own code when neither is recognised, so nothing is lost."""
    from portwizard.domain.lifecycle import reason, reason_from_text

    if not isinstance(code, str) or not code.strip():
        code = None
    if code is not None and reason(code) is not None:
        return code
    for words in (code, text):
        found = reason_from_text(words) if isinstance(words, str) else None
        if found is not None:
            return found.code
    return code


def _printable(word: str) -> str:
    """A provider's status word for the log: shortened, plain characters only, and digits
    masked (a provider could echo a PIN or account number in a free-text status)."""
    return re.sub(r"[^A-Za-z _-]", lambda m: "#" if m.group().isdigit() else "?", word[:40])


def apply_state(store: Store, order_id: str, state: dict, *, note: str = "") -> list[str]:
    """Record the provider's view of an order; returns the new statuses recorded.

    Every status change in the provider's history that we have not recorded yet is appended
    with the provider's time and source ``endpoint`` (so changes that happened between two
    polls are not lost); the current status, FOC date and rejection are stored on the order.
    The provider's status words and rejection codes are translated into ours
    (:mod:`portwizard.domain.lifecycle`); an unknown status word keeps the order's status.
    """
    record = store.get_order(order_id)
    if record is None:
        raise KeyError(f"there is no order {order_id!r}")
    state = clean_state(state)
    recorded = {(h.at, h.status) for h in store.history(order_id) if h.source == "endpoint"}
    new: list[str] = []
    unknown: set[str] = set()
    with store.transaction():
        last_status = record.status
        for item in state.get("history") or []:
            if not isinstance(item, dict):
                continue
            item_status = _our_status(item.get("status"), unknown)
            if item_status is None:
                continue
            at = str(item.get("at") or now_iso())
            if (at, item_status) in recorded:
                continue
            store.append_history(order_id, item_status, "endpoint",
                                 str(item.get("note") or ""), at=at)
            recorded.add((at, item_status))
            new.append(item_status)
            last_status = item_status
        status = _our_status(state.get("status"), unknown) or record.status
        if status != last_status:  # the provider's history did not mention it: record it now
            store.append_history(order_id, status, "endpoint", note)
            new.append(status)
        rejection = state.get("rejection") if isinstance(state.get("rejection"), dict) else None
        fields: dict[str, Any] = {
            "status": status,
            "foc_date": state.get("foc_date") or None,
            "rejection_code": (_our_reason_code(rejection.get("code"), rejection.get("text"))
                               if rejection else None),
            "rejection_text": rejection.get("text") if rejection else None,
            "remote_state": state,
            "last_checked_at": now_iso(),
        }
        if state.get("id") and not record.remote_id:
            fields["remote_id"] = str(state["id"])
        store.update_order(order_id, **fields)
    if status in FINISHED:  # the PIN has done its job: it leaves the password storage
        from portwizard import secrets as _secrets

        store.drop_secret(_secrets.order_pin_key(order_id))
        copies.after_order_finished(store, order_id)  # and the signed LOA, the bill copies
    for word in sorted(unknown):
        log.warning("order %s: the provider's status word %r is unknown; the status stays %s",
                    order_id, _printable(word), status)
    if new:
        log.info("order %s: status now %s", order_id, status)
    return new


@dataclass
class RefreshResult:
    order_id: str
    status: str
    changes: list[str]
    error: str = ""  # plain message when the provider could not be asked


def _unexpected(exc: BaseException) -> str:
    """Plain words for an unexpected failure while asking the provider (no traceback)."""
    if isinstance(exc, OSError) and exc.strerror:
        detail = exc.strerror + (f" ({exc.filename})" if exc.filename else "")
    else:
        detail = str(exc).strip() or type(exc).__name__
    return (f"Could not check this order with the provider: {detail}. Nothing was changed; "
            "try again later. If it keeps happening, check the provider address with "
            "`portwizard token` and that this computer can write to its data folder.")


class TrackingService:
    """Polls the provider for open orders."""

    def __init__(self, store: Store, connector):
        self.store = store
        self.connector = connector

    def refresh(self, order_id: str) -> RefreshResult:
        from portwizard.endpoint import EndpointError
        from portwizard.services.connection import NotReady, client_for

        record = self.store.find_order(order_id)
        if record is None:
            raise KeyError(f"there is no order {order_id!r}")
        if not record.remote_id:
            return RefreshResult(record.id, record.status, [],
                                 "" if record.status in (QUEUED, NOT_SENT) else "not sent yet")
        try:
            client = client_for(self.connector, record.provider, record.endpoint)
            state = client.get_order(record.remote_id)
        except NotReady as exc:
            return RefreshResult(record.id, record.status, [], str(exc))
        except EndpointError as exc:
            return RefreshResult(record.id, record.status, [], str(exc))
        except Exception as exc:  # e.g. the built-in sandbox could not start (OSError, sqlite3)
            log.warning("order %s: could not ask the provider (%s)", record.id,
                        type(exc).__name__)
            return RefreshResult(record.id, record.status, [], _unexpected(exc))
        if _our_status(state.get("status"), set()) == "cancelled" and any(
                e.operation == "resubmit"
                for e in self.store.outbox(record.id, states=("pending", "blocked"))):
            # Mid-fix: a provider without an update call (Twilio) cancels the refused request
            # before the corrected one is filed. That "cancelled" is not the order's end (it
            # would also drop the PIN the correction still needs): wait for the new request.
            log.info("order %s: the old request is cancelled; the corrected one is on its way",
                     record.id)
            return RefreshResult(record.id, record.status, [])
        changes = apply_state(self.store, record.id, state)
        return RefreshResult(record.id, self.store.get_order(record.id).status, changes)

    def refresh_all(self) -> list[RefreshResult]:
        """Refresh every open order that reached the provider. (Sending what waits in the
        outbox first is the application's ``sync``: :meth:`portwizard.services.app.App.sync`.)"""
        results = []
        for r in self.store.list_orders():
            if not r.remote_id or r.status in CLOSED:
                continue
            try:
                results.append(self.refresh(r.id))
            except Exception as exc:  # one broken order must not hide the others' news
                log.warning("order %s: refresh failed (%s)", r.id, type(exc).__name__)
                results.append(RefreshResult(r.id, r.status, [], _unexpected(exc)))
        return results


# --------------------------------------------------------------------------- what to do now


def _fmt_date(value: str | None) -> str:
    if not value:
        return "the date your provider confirms"
    import datetime as _dt

    from portwizard.domain.dates import spoken

    try:
        return spoken(_dt.date.fromisoformat(value[:10]))
    except ValueError:
        return value


def next_action(order_state: OrderRecord | dict, *, outbox: Iterable = (),
                provider_name: str | None = None) -> str:
    """Plain text of what the user should do now for this order.

    ``order_state`` is a stored :class:`OrderRecord` or the provider's order state dict;
    ``outbox`` the order's outbox entries (to explain why something is not sent yet).
    """
    if isinstance(order_state, OrderRecord):
        record = order_state
        status, foc = record.status, record.foc_date
        code, text = record.rejection_code, record.rejection_text
    else:
        record = None
        status = str(order_state.get("status") or "")
        foc = order_state.get("foc_date")
        rej = order_state.get("rejection") or {}
        code, text = rej.get("code"), rej.get("text")
    provider = provider_name or "your new provider"
    waiting = [e for e in outbox if getattr(e, "state", "") in ("pending", "blocked")]
    blocked = [e for e in waiting if e.state == "blocked"]
    failed = [e for e in outbox if getattr(e, "state", "") == "failed"]

    if blocked:
        return (f"Not sent yet: {blocked[-1].last_error} Your order is saved; it is sent as "
                "soon as this is fixed.")
    if status == QUEUED:
        return ("Your order is saved on this computer and will be sent as soon as the provider "
                "can be reached. Nothing to do; keep your current service as it is.")
    if status == NOT_SENT:
        why = failed[-1].last_error if failed else "the provider refused it."
        return (f"The provider did not accept the order: {why} Correct the order and submit "
                "it again; your numbers stay with your current carrier meanwhile.")
    pending_ops = {e.operation for e in waiting}
    if "cancel" in pending_ops:
        return ("Your request to cancel is saved and will be sent as soon as the provider can "
                "be reached. Your numbers stay with your current carrier.")
    if status == "awaiting_signature":
        signer = ""
        if record is not None:
            signer = record.order.carrier.authorized_name.strip()
        who = f"{signer} (the person who signs for the account)" if signer else \
            "the person who signs for the account"
        return (f"Action needed: {provider[0].upper() + provider[1:]} e-mailed the Letter of "
                f"Authorization to {who} for an electronic signature. Open that e-mail and "
                "sign it (check the spam folder too); nothing goes to your old carrier until it "
                "is signed. Keep your current service as it is.")
    if status in ("submitted", "in_review"):
        return (f"Nothing to do yet. {provider[0].upper() + provider[1:]} is checking the order; "
                f"your old carrier usually answers within {_typical_days(record)}. "
                "Keep your current service and do not cancel it.")
    if status == "pending_carrier":
        return ("Nothing to do yet. Your old carrier is reviewing the request; they usually "
                f"answer within {_typical_days(record)}. Do not cancel or change your "
                "current account meanwhile, or the port can be rejected.")
    if status == "foc_confirmed":
        return (f"Your numbers move on {_fmt_date(foc)}. Before that day, set up your new line "
                f"or app with {provider} so calls work as soon as the numbers arrive. Do not "
                "cancel your old service yet: it ends by itself when the numbers move. Changes "
                "and cancelling are no longer possible in the last 48 hours before that date.")
    if status == "rejected":
        info = _reason(code)
        if info is not None:
            fields = describe_fields(info.fields) if info.fields else "the whole order"
            return (f"Your old carrier rejected the order: {info.title}. {info.explanation} "
                    f"How to fix it: {info.fix} Check these fields: {fields}. Then resubmit the "
                    "corrected order.")
        detail = text or "no reason was given"
        return (f"Your old carrier rejected the order ({detail}). Compare the order with "
                "your latest bill or Customer Service Record, correct it and resubmit it.")
    if status == "cancel_pending":
        return ("Your cancel request is being processed. Nothing to do; your numbers stay with "
                "your current carrier.")
    if status == "cancelled":
        return ("The order is cancelled. Your numbers stay with your current carrier; there is "
                "nothing else to do.")
    if status == "completed":
        return ("Your numbers have moved. Call your old carrier to confirm the old service is "
                "disconnected and to stop billing; ask for a final bill and keep it.")
    return "Check the order's status again later."
