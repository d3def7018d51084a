"""Telnyx porting orders (API v2, ``https://api.telnyx.com/v2``, bearer API key).

Built on the same ``requests`` stack as our own client (:class:`.plumbing.HttpPlumbing`) rather
than Telnyx's SDK: the SDK brings a second HTTP stack (httpx + pydantic) and ~14 MB into the
desktop bundle for the dozen calls below.

Filing one order (:meth:`TelnyxAdapter.create_order`), each step's result recorded in
``progress`` before the next (see the progress contract in :mod:`.base`):

1. ``POST /portability_checks``: a number Telnyx cannot take stops the order here, with a
   finding on that number, before anything is created;
2. ``POST /documents`` per file (LOA, invoice, CSR); a repeat after an unknown outcome only
   leaves an unlinked upload, which Telnyx deletes after 30 minutes;
3. ``POST /porting_orders {phone_numbers, customer_reference: our order id}``. Telnyx may
   split the numbers into SEVERAL draft orders ("parts"). No idempotency key exists, so an
   attempt whose outcome is unknown first looks for ``filter[customer_reference]`` =
   our order id before creating again;
4. per part: ``GET …/allowed_foc_windows`` (the requested date becomes the first allowed
   moment on that day or after it), ``PATCH`` with end user, address, port type, documents,
   FOC and target connection, then ``POST …/additional_documents`` for the CSR;
5. per part: ``POST …/actions/confirm`` (looked up first after an unknown outcome).

The order's remote id is OUR order id (the ``customer_reference`` of every part): stable
whatever Telnyx splits, and enough to find all parts with one list call. The parts' Telnyx
ids and support keys are in the order state's ``parts``.

Statuses and exception codes are translated by the explicit tables below; the generic text
matching of :mod:`portwizard.domain.lifecycle` only sees codes these tables do not know.
"""
from __future__ import annotations

import datetime as _dt
import logging
from pathlib import Path
from typing import Any, Iterable, Mapping

from portwizard.domain.dates import parse_moment
from portwizard.endpoint.errors import (
    Conflict, EndpointError, InvalidOrder, NotFound,
)
from portwizard.endpoint.providers.base import (
    MemoryProgress, PortabilityResult, Progress, least_advanced, order_state, read_attachment,
    seg, step_once,
)
from portwizard.endpoint.providers.plumbing import DEFAULT_TIMEOUT, BearerAuth, HttpPlumbing

log = logging.getLogger(__name__)

OFFICIAL_URL = "https://api.telnyx.com/v2"

#: Telnyx order status -> ours. ``draft`` is an order Telnyx holds until we confirm it (our
#: outbox confirms it in the same create, so to the user it is sent); ``in-process`` is
#: received and being checked by Telnyx; ``submitted`` means AT THE LOSING CARRIER.
STATUS = {
    "draft": "submitted",
    "in-process": "in_review",
    "submitted": "pending_carrier",
    "exception": "rejected",
    "foc-date-confirmed": "foc_confirmed",
    "ported": "completed",
    "cancel-pending": "cancel_pending",
    "cancelled": "cancelled",
}

#: Telnyx exception code -> our rejection code (resources/lifecycle.json); codes not listed
#: keep Telnyx's code and words (tracking then tries the generic text matching).
EXCEPTIONS = {
    "ACCOUNT_NUMBER_MISMATCH": "wrong_account_number",
    "AUTH_PERSON_MISMATCH": "authorized_person_mismatch",
    "BTN_ATN_MISMATCH": "wrong_btn",
    "ENTITY_NAME_MISMATCH": "name_mismatch",
    "LOCATION_MISMATCH": "address_mismatch",
    "POSTAL_CODE_MISMATCH": "address_mismatch",
    "PASSCODE_PIN_INVALID": "wrong_pin",
    "MAIN_BTN_PORTING": "partial_port_btn",
    "PHONE_NUMBER_HAS_SPECIAL_FEATURE": "line_features",
    "PHONE_NUMBER_NOT_PORTABLE": "not_portable",
    "RATE_CENTER_NOT_PORTABLE": "not_portable",
    "FOC_EXPIRED": "foc_date_not_allowed",
    "FOC_REJECTED": "foc_date_not_allowed",
    "LSR_PENDING": "pending_order",
}

#: Telnyx request fields (JSON pointers in its 422 answers) -> our order field paths
FIELDS = {
    "/end_user/admin/entity_name": "carrier.customer_name",
    "/end_user/admin/auth_person_name": "carrier.authorized_name",
    "/end_user/admin/account_number": "carrier.account_number",
    "/end_user/admin/pin_passcode": "carrier.pin",
    "/end_user/admin/billing_phone_number": "carrier.btn",
    "/end_user/location/street_address": "service_address.street_name",
    "/end_user/location/extended_address": "service_address.unit",
    "/end_user/location/locality": "service_address.city",
    "/end_user/location/administrative_area": "service_address.state",
    "/end_user/location/postal_code": "service_address.postal_code",
    "/end_user/location/country_code": "service_address.country",
    "/misc/remaining_numbers_action": "partial_port.remaining_numbers",
    "/misc/new_billing_phone_number": "partial_port.new_btn",
    "/activation_settings/foc_datetime_requested": "requested_foc_date",
    "/documents/loa": "documents.loa",
    "/documents/invoice": "documents.invoice",
    "/phone_numbers": "numbers",
    "/phone_number_configuration/connection_id": "target.line_id",
}

#: parts in these Telnyx statuses can still be cancelled (outside the 48 h before FOC)
_CANCELLABLE = {"draft", "in-process", "submitted", "exception", "foc-date-confirmed"}
#: Telnyx refuses a cancel this close to the FOC moment
CANCEL_CUTOFF = _dt.timedelta(hours=48)
#: the moment asked for when no allowed FOC window is known (noon Eastern, in UTC)
DEFAULT_FOC_TIME = "17:00:00Z"


class TelnyxAdapter(HttpPlumbing):
    """The Telnyx porting API behind :class:`.base.ProviderClient` (see the module doc)."""

    def __init__(self, base_url: str, token: str | None, *, timeout=DEFAULT_TIMEOUT,
                 retries: int = 3, session=None, backoff_factor: float = 0.3,
                 clock=None):
        self._token = token or None
        # Telnyx has no idempotency keys: only calls that cannot act twice are retried on a
        # lost answer or 429/5xx (GET, PATCH); a POST is retried only when the connection
        # failed, and otherwise left to the outbox, which looks the result up first.
        super().__init__(base_url, timeout=timeout, retries=retries, session=session,
                         backoff_factor=backoff_factor, auth=BearerAuth(self._token),
                         secrets=[self._token or ""])
        self._now = clock or (lambda: _dt.datetime.now(_dt.timezone.utc))

    # ------------------------------------------------------------------ interface

    def list_targets(self) -> list[dict]:
        """Telnyx connections (where ported numbers are attached) as target lines."""
        data = self._call("GET", "/connections", params={"page[size]": 250})["data"]
        return [{"account_id": "telnyx", "line_id": str(c.get("id", "")),
                 "label": str(c.get("connection_name") or c.get("id") or ""),
                 "kind": "line", "numbers": []}
                for c in data if isinstance(c, dict) and c.get("active", True)]

    def check_portability(self, numbers: Iterable[str]) -> list[PortabilityResult]:
        numbers = [str(n) for n in numbers]
        if not numbers:
            return []
        data = self._call("POST", "/portability_checks",
                          json_body={"phone_numbers": numbers})["data"]
        found = {str(d.get("phone_number")): d for d in data if isinstance(d, dict)}
        results = []
        for n in numbers:
            d = found.get(n)
            if d is None:
                results.append(PortabilityResult(n, False, False, "Telnyx gave no answer "
                                                  "for this number", checked=False))
                continue
            portable = bool(d.get("portable"))
            results.append(PortabilityResult(
                n, portable, bool(d.get("fast_portable")) and portable,
                "" if portable else str(d.get("not_portable_reason") or "not portable")))
        return results

    def create_order(self, order_doc: dict, attachments: Mapping[str, Path | str],
                     idempotency_key: str, *, progress: Progress | None = None) -> dict:
        progress = progress if progress is not None else MemoryProgress(idempotency_key)
        ref = progress.order_id or idempotency_key
        numbers = [n for n in order_doc.get("numbers") or [] if n]
        step_once(progress, "portability", lambda: self._portable_or_refuse(numbers))
        documents = self._upload_all(ref, attachments, progress)
        parts = step_once(progress, "parts", lambda: self._create_parts(ref, numbers),
                          lookup=lambda: self._find_parts(ref))
        for part_id in parts:
            self._complete_part(part_id, order_doc, documents, progress)
        for part_id in parts:
            self._confirm_part(part_id, progress)
        return self.get_order(ref)

    def get_order(self, remote_id: str) -> dict:
        parts = self._parts(remote_id)
        if not parts:
            raise NotFound("Telnyx does not know this order (no porting order carries its "
                           "reference). It may have been filed with another Telnyx account.")
        return self._state(remote_id, parts)

    def resubmit(self, remote_id: str, order_doc: dict, attachments: Mapping[str, Path | str],
                 idempotency_key: str, *, progress: Progress | None = None) -> dict:
        """Fix every part Telnyx put in exception (PATCH with the corrected order and new
        files) and confirm it again; parts going well are left alone."""
        progress = progress if progress is not None else MemoryProgress(idempotency_key)
        if progress.get("to_fix") is None:
            to_fix = [p["id"] for p in self._parts(remote_id)
                      if p.get("status", {}).get("value") in ("exception", "draft")]
            if not to_fix:
                raise Conflict("Telnyx has no part of this order waiting for a correction; "
                               "refresh the order to see where it stands.")
            progress.set("to_fix", to_fix)
        documents = self._upload_all(progress.order_id or remote_id, attachments, progress)
        for part_id in progress.get("to_fix"):
            self._complete_part(part_id, order_doc, documents, progress)
        for part_id in progress.get("to_fix"):
            self._confirm_part(part_id, progress, again=True)
        return self.get_order(remote_id)

    def cancel(self, remote_id: str, idempotency_key: str | None = None) -> dict:
        """Cancel every part, or none: Telnyx refuses within 48 hours of a part's FOC."""
        parts = self._parts(remote_id)
        if not parts:
            raise NotFound("Telnyx does not know this order.")
        for part in parts:
            foc = _foc_moment(part)
            if foc is not None and foc - self._now() < CANCEL_CUTOFF \
                    and _status_word(part) == "foc-date-confirmed":
                raise Conflict(
                    f"Telnyx cannot cancel this order any more: the numbers move on "
                    f"{foc.date().isoformat()}, and cancelling is closed in the last 48 hours "
                    "before that. Nothing was cancelled. If it must be stopped, call Telnyx "
                    "support now.")
        for part in parts:
            if _status_word(part) in _CANCELLABLE:
                try:
                    self._call("POST", f"/porting_orders/{seg(part['id'])}/actions/cancel",
                               refused=Conflict)
                except Conflict as exc:
                    raise Conflict(
                        "Telnyx would not cancel the order now. Cancelling is closed in the "
                        "last 48 hours before the port date and after the numbers moved; if "
                        f"it must be stopped, call Telnyx support. (Telnyx said: {exc})",
                        status=exc.status, code=exc.code) from None
        return self.get_order(remote_id)

    def add_comment(self, remote_id: str, text: str,
                    idempotency_key: str | None = None) -> dict:
        """A note on the order (on its first part). Telnyx has no idempotency key, so the
        same words already posted in the last day are not posted again."""
        parts = self._parts(remote_id)
        if not parts:
            raise NotFound("Telnyx does not know this order.")
        first = parts[0]["id"]
        since = self._now() - _dt.timedelta(days=1)
        existing = self._call("GET", f"/porting_orders/{seg(first)}/comments")["data"]
        if not any(c.get("body") == text and (parse_moment(c.get("created_at")) or since) >= since
                   for c in existing if isinstance(c, dict)):
            self._call("POST", f"/porting_orders/{seg(first)}/comments",
                       json_body={"body": text})
        return self.get_order(remote_id)

    # ------------------------------------------------------------------ steps

    def _portable_or_refuse(self, numbers: list[str]) -> bool:
        refused = [(i, r) for i, r in enumerate(self.check_portability(numbers))
                   if r.checked and not r.portable]
        if refused:
            raise InvalidOrder(
                "Telnyx cannot take " + ", ".join(r.number for _, r in refused) + ". Remove "
                "the number(s) from the order, or port them to another provider.",
                findings=[{"field": f"numbers[{i}]", "code": "not_portable",
                           "message": f"{r.number}: {r.reason}"} for i, r in refused],
                status=422, code="not_portable")
        return True

    def _upload_all(self, ref: str, attachments: Mapping[str, Path | str],
                    progress: Progress) -> dict[str, str]:
        ids = {}
        for kind, path in (attachments or {}).items():
            if path:
                ids[kind] = step_once(progress, f"document.{kind}",
                                      lambda k=kind, p=path: self._upload(ref, k, p))
        return ids

    def _upload(self, ref: str, kind: str, path) -> str:
        name, data, ctype = read_attachment(kind, path)
        answer = self._call("POST", "/documents", files=[("file", (name, data, ctype))],
                            data={"customer_reference": f"{ref} {kind}"})
        return str(answer["data"]["id"])

    def _create_parts(self, ref: str, numbers: list[str]) -> list[str]:
        answer = self._call("POST", "/porting_orders",
                            json_body={"phone_numbers": numbers, "customer_reference": ref})
        ids = [str(p["id"]) for p in answer["data"]]
        if len(ids) > 1:
            log.info("Telnyx split order %s into %d parts", ref, len(ids))
        return ids

    def _find_parts(self, ref: str) -> list[str] | None:
        ids = [str(p["id"]) for p in self._parts(ref)]
        return ids or None

    def _complete_part(self, part_id: str, doc: dict, documents: Mapping[str, str],
                       progress: Progress) -> None:
        key = f"part.{part_id}.patched"
        if progress.get(key):
            return
        foc = self._foc_requested(part_id, doc.get("requested_foc_date"),
                                  wanted_moment(doc.get("requested_foc_date"),
                                                doc.get("requested_foc_time"),
                                                doc.get("requested_foc_timezone")))
        self._call("PATCH", f"/porting_orders/{seg(part_id)}",
                   json_body=update_body(doc, documents, foc))
        progress.set(key, True)
        if documents.get("csr"):
            step_once(progress, f"part.{part_id}.csr",
                      lambda: self._attach_csr(part_id, documents["csr"]),
                      lookup=lambda: self._csr_attached(part_id, documents["csr"]))

    def _attach_csr(self, part_id: str, document_id: str) -> bool:
        self._call("POST", f"/porting_orders/{seg(part_id)}/additional_documents",
                   json_body={"additional_documents": [
                       {"document_id": document_id, "document_type": "csr"}]})
        return True

    def _csr_attached(self, part_id: str, document_id: str) -> bool | None:
        data = self._call("GET", f"/porting_orders/{seg(part_id)}/additional_documents")["data"]
        return True if any(d.get("document_id") == document_id for d in data) else None

    def _confirm_part(self, part_id: str, progress: Progress, *, again: bool = False) -> None:
        def confirmed_already():
            part = self._call("GET", f"/porting_orders/{seg(part_id)}")["data"]
            return True if _status_word(part) not in ("draft", "exception") else None

        step_once(progress, f"part.{part_id}.confirmed" + (".again" if again else ""),
                  lambda: bool(self._call("POST",
                                          f"/porting_orders/{seg(part_id)}/actions/confirm")),
                  lookup=confirmed_already)

    def _foc_requested(self, part_id: str, date: str | None,
                       wanted: _dt.datetime | None = None) -> str | None:
        """The requested date as a moment Telnyx allows (see :func:`pick_foc_moment`)."""
        if not date:
            return None
        windows = self._call("GET", f"/porting_orders/{seg(part_id)}/allowed_foc_windows")
        return pick_foc_moment(date, wanted, windows.get("data") or [])

    def _parts(self, ref: str) -> list[dict]:
        answer = self._call("GET", "/porting_orders",
                            params={"filter[customer_reference]": ref, "page[size]": 50})
        return sorted((p for p in answer.get("data") or [] if isinstance(p, dict)),
                      key=lambda p: (str(p.get("created_at") or ""), str(p.get("id"))))

    # ------------------------------------------------------------------ our order state

    def _state(self, ref: str, parts: list[dict]) -> dict:
        numbers: list[tuple[str, str]] = []
        part_states, comments, rejection, focs = [], [], None, []
        for part in parts:
            ours = STATUS.get(_status_word(part), _status_word(part))
            part_numbers = []
            for n in part.get("phone_numbers") or []:
                word = n.get("porting_order_status") or _status_word(part)
                part_numbers.append(str(n.get("phone_number")))
                numbers.append((str(n.get("phone_number")), STATUS.get(word, ours)))
            part_states.append({"id": str(part.get("id")), "status": ours,
                                "numbers": part_numbers,
                                "support_key": part.get("support_key") or ""})
            if ours == "rejected" and rejection is None:
                rejection = _rejection(part)
            foc = _foc_moment(part)
            if foc is not None and ours in ("foc_confirmed", "completed"):
                focs.append(foc.date().isoformat())
            comments += self._comments(str(part["id"]))
        cancellable = all(
            _status_word(p) in _CANCELLABLE and not (
                _status_word(p) == "foc-date-confirmed" and _foc_moment(p) is not None
                and _foc_moment(p) - self._now() < CANCEL_CUTOFF)
            for p in parts)
        created = min(str(p.get("created_at") or "") for p in parts)
        updated = max(str(p.get("updated_at") or p.get("created_at") or "") for p in parts)
        return order_state(
            ref, least_advanced(s["status"] for s in part_states) or "submitted",
            numbers=numbers,
            # A split order is done when its last part is: the latest confirmed date.
            foc_date=max(focs) if focs else None,
            rejection=rejection, comments=sorted(comments, key=lambda c: c["at"]),
            cancellable=cancellable, created_at=created, updated_at=updated,
            parts=part_states)

    def _comments(self, part_id: str) -> list[dict]:
        data = self._call("GET", f"/porting_orders/{seg(part_id)}/comments")["data"]
        return [{"at": str(c.get("created_at") or ""),
                 "author": "customer" if c.get("user_type") == "user" else "provider",
                 "text": str(c.get("body") or "")} for c in data if isinstance(c, dict)]

    # ------------------------------------------------------------------ HTTP

    def _call(self, method: str, path: str, *, params=None, json_body: Any = None,
              files=None, data=None, refused: type[EndpointError] = InvalidOrder) -> dict:
        """Telnyx's answer as parsed JSON WITHOUT any echoed PIN, or our error in plain
        words. ``refused``: the error for a 422 (InvalidOrder for order content, Conflict
        for an action Telnyx will not do now)."""
        response = self._send(method, path, params=params, json_body=json_body, files=files,
                              data=data)
        status = response.status_code
        body = self._answer_body("Telnyx", response)
        if 200 <= status < 300:
            return body
        errors = [e for e in (body or {}).get("errors") or [] if isinstance(e, dict)] \
            if isinstance(body, dict) else []
        words = "; ".join(self._scrub(e.get("detail") or e.get("title") or "")
                          for e in errors if e.get("detail") or e.get("title"))
        code = str(errors[0].get("code")) if errors and errors[0].get("code") else None
        self._raise_for_shared_status(
            "Telnyx", status, code, words,
            refused="Telnyx did not accept the API key. Create a key in the Telnyx Mission "
                    "Control Portal (Auth, API Keys) and enter it in Settings.",
            forbidden="Telnyx accepted the API key but it may not do this (porting). Use a "
                      "key of the account that owns the porting orders.")
        if status in (400, 409, 422):
            if refused is Conflict or status == 409:
                raise Conflict(f"Telnyx refused: {words or 'not possible now'}.",
                               status=status, code=code)
            findings = [{"field": FIELDS.get(str((e.get("source") or {}).get("pointer")), ""),
                         "code": str(e.get("code") or "refused"),
                         "message": self._scrub(e.get("detail") or e.get("title") or "")}
                        for e in errors]
            raise InvalidOrder(f"Telnyx refused the order: {words or 'no reason given'}. "
                               "Correct it and send it again.",
                               findings=findings, status=status, code=code)
        raise EndpointError(f"Telnyx answered with an unexpected error ({status}"
                            + (f": {words}" if words else "") + ").", status=status, code=code)


# --------------------------------------------------------------------------- building


def update_body(doc: dict, documents: Mapping[str, str], foc_requested: str | None) -> dict:
    """The PATCH /porting_orders/{id} body for our order document (PIN included: this is
    the one request that must carry it)."""
    carrier = doc.get("carrier") or {}
    address = doc.get("service_address") or {}
    partial = doc.get("partial_port") or None
    street = " ".join(str(address.get(k) or "").strip()
                      for k in ("street_number", "pre_direction", "street_name")
                      if str(address.get(k) or "").strip())
    body: dict[str, Any] = {
        "end_user": {
            "admin": {
                "entity_name": carrier.get("customer_name") or None,
                "auth_person_name": carrier.get("authorized_name") or None,
                "account_number": carrier.get("account_number") or None,
                "pin_passcode": carrier.get("pin") or None,
                "billing_phone_number": carrier.get("btn") or None,
            },
            "location": {
                "street_address": street or None,
                "extended_address": address.get("unit") or None,
                "locality": address.get("city") or None,
                "administrative_area": address.get("state") or None,
                "postal_code": address.get("postal_code") or None,
                "country_code": address.get("country") or "US",
            },
        },
        "misc": {"type": "full"},
        "documents": {k: documents[k] for k in ("loa", "invoice") if documents.get(k)},
    }
    if partial and carrier.get("account_type") == "multi-line":
        remaining = partial.get("remaining_numbers") or None
        body["misc"] = {"type": "partial", "remaining_numbers_action": remaining,
                        "new_billing_phone_number": (partial.get("new_btn") or None)
                        if remaining == "keep" else None}
    if foc_requested:
        body["activation_settings"] = {"foc_datetime_requested": foc_requested}
    line = (doc.get("target") or {}).get("line_id")
    if line:
        body["phone_number_configuration"] = {"connection_id": line}
    return body


def _status_word(part: dict) -> str:
    status = part.get("status")
    return str(status.get("value") or "") if isinstance(status, dict) else str(status or "")


def _rejection(part: dict) -> dict:
    details = [d for d in (part.get("status") or {}).get("details") or [] if isinstance(d, dict)]
    if not details:
        return {"code": None, "text": "Telnyx reported an exception without a reason."}
    first = details[0]
    code = str(first.get("code") or "")
    text = "; ".join(str(d.get("description") or d.get("code") or "") for d in details)
    return {"code": EXCEPTIONS.get(code, code or None), "text": text}


def wanted_moment(date: Any, time: Any, zone: Any) -> _dt.datetime | None:
    """The user's preferred moment on the requested day (``HH:MM`` in an IANA zone) in UTC,
    or None when no time was chosen or it cannot be read (then any allowed time will do)."""
    if not (isinstance(date, str) and isinstance(time, str) and isinstance(zone, str)
            and date and time and zone):
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        local = _dt.datetime.fromisoformat(f"{date[:10]}T{time[:5]}")
        return local.replace(tzinfo=ZoneInfo(zone)).astimezone(_dt.timezone.utc)
    except (ValueError, ZoneInfoNotFoundError):
        return None


def pick_foc_moment(date: str, wanted: _dt.datetime | None, windows: Iterable[Any]) -> str:
    """The moment to ask Telnyx for: the user's preferred time when an allowed window holds
    it, else the first allowed window starting after it (or on the requested day or later,
    without a preferred time); with no windows, the preferred time or the day at
    :data:`DEFAULT_FOC_TIME` (our wizard already keeps to business days and lead time)."""
    spans = sorted((start, parse_moment(w.get("ended_at")))
                   for w in windows if isinstance(w, dict)
                   for start in (parse_moment(w.get("started_at")),) if start is not None)
    if wanted is not None:
        for start, end in spans:
            if start <= wanted and (end is None or wanted < end):
                return _iso(wanted)
        for start, _end in spans:
            if start >= wanted:
                return _iso(start)
        return _iso(wanted)
    for start, _end in spans:
        if start.date().isoformat() >= date:
            return _iso(start)
    return f"{date}T{DEFAULT_FOC_TIME}"


def _foc_moment(part: dict) -> _dt.datetime | None:
    settings = part.get("activation_settings") or {}
    return parse_moment(settings.get("foc_datetime_actual"))


def _iso(moment: _dt.datetime) -> str:
    return moment.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
