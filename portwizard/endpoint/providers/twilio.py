"""Twilio Port In (public beta, ``https://numbers.twilio.com``, HTTP Basic with the Account
SID and Auth Token; the credential is kept as ``ACCOUNT_SID:AUTH_TOKEN``).

Built on the same ``requests`` stack as our own client (:class:`.plumbing.HttpPlumbing`) rather
than Twilio's SDK: the SDK brings aiohttp and ~23 MB into the desktop bundle, and the bill
upload below is outside the description the SDK is generated from anyway.

What differs from the other providers
-------------------------------------
- Twilio writes the Letter of Authorization itself from the request and e-mails it to the
  authorized person for an e-signature (``authorized_representative_email``); our PDF LOA
  is NOT sent. Until it is signed the request is "Waiting for Signature" (our
  ``awaiting_signature``, whose next step tells the user to sign; plus a provider comment
  and a history note naming the e-mail address).
- Only the utility bill is sent, first, to the Documents API on ANOTHER host
  (``POST https://numbers-upload.twilio.com/v1/Documents``, multipart ``document_type=
  utility_bill``, ``friendly_name``, ``File``). That call is not in Twilio's published
  description: its request is built from Twilio's documentation page, and its answer is
  only trusted for a ``sid`` shaped like ``RD`` + 32 hex digits.
- US numbers only, no toll-free, at most 1,000 numbers, a target date at least 7 days out:
  :func:`refusals` says so in plain words BEFORE anything is sent.
- There is no update call: a correction is cancel + a NEW request (a new sid).

Filing one order (:meth:`TwilioAdapter.create_order`), each result recorded in ``progress``
before the next call (the progress contract of :mod:`.base`):

1. the refusals above (nothing sent);
2. ``document.invoice``: the bill's document sid (a repeat after an unknown outcome only
   leaves an unused upload behind);
3. ``port_in_request_sid``: ``POST /v1/Porting/PortIn``. Twilio has no idempotency key,
   so an attempt whose outcome is unknown first lists the port-in requests created since
   the first try (``GET /v1/Porting/PortIn/PortInRequests?CreatedAfter=``) and takes the
   one with exactly the same numbers; only when there is none is the request filed again.
   A 22137 answer ("already in a port-in request") after such an attempt triggers the
   same look-up; without one it is someone else's request and a refusal.

The remote id, and how it follows a correction
----------------------------------------------
The order's remote id is the sid of its FIRST port-in request and never changes (tracking
and the store key on it). :meth:`TwilioAdapter.resubmit` cancels the current request and
files a new one; the new sid goes into the resubmit's ``progress`` (``port_in_request_sid``,
with ``replaces``) and into the order state's ``parts`` (``[{id: current sid, status,
numbers, support_key: Twilio's support ticket}]``). A later :meth:`get_order` of the first
sid finds the current request by itself: a Canceled request is followed to the newest
request created after it that shares its numbers (remembered for the life of the adapter,
so a poll then costs one GET). :meth:`cancel` and another :meth:`resubmit` act on that
current request too.

Every answer passes through :func:`.base.scrub_pins` before anything reads it (Twilio
echoes the PIN as ``port_out_pin``); Twilio's own error words are shown with the
credential, the PIN and the account number blanked out.
"""
from __future__ import annotations

import base64
import datetime as _dt
import logging
import re
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import quote

from portwizard.domain.phone import TOLL_FREE_AREA_CODES, US_TERRITORIES, parse_number
from portwizard.domain.providers import TWILIO
from portwizard.endpoint.errors import (
    Conflict, EndpointError, InvalidOrder, NotFound,
)
from portwizard.endpoint.providers.base import (
    MemoryProgress, PortabilityResult, Progress, order_state, read_attachment, seg, step_once,
)
from portwizard.endpoint.providers.plumbing import DEFAULT_TIMEOUT, HttpPlumbing

log = logging.getLogger(__name__)

OFFICIAL_URL = "https://numbers.twilio.com"
#: the Documents API's host (not in Twilio's description; see the module doc)
OFFICIAL_UPLOAD_URL = "https://numbers-upload.twilio.com"

#: Twilio's limits for a port-in request made through the API
MAX_NUMBERS = TWILIO.max_numbers      # one place for Twilio's limits: its provider profile
MIN_LEAD_DAYS = TWILIO.min_days_to_foc

#: Twilio request status (lower case) -> ours. "Waiting for Signature" needs the USER (sign
#: the e-mail from Twilio): ``awaiting_signature``, whose next step says so.
STATUS = {
    "waiting for signature": "awaiting_signature",
    "pending": "submitted",
    "in review": "in_review",
    "in progress": "pending_carrier",
    "action required": "rejected",
    "completed": "completed",
    "canceled": "cancelled",
    "cancelled": "cancelled",
    "expired": "cancelled",
}

#: Twilio per-number status (lower case, "_" read as " ") -> ours; a number with a
#: confirmed ``port_date`` that is not done yet is ``foc_confirmed``.
NUMBER_STATUS = {
    "waiting for signature": "awaiting_signature",
    "in review": "in_review",
    "pending": "pending_carrier",
    "submitted": "pending_carrier",
    "in progress": "pending_carrier",
    "action required": "rejected",
    "rejected": "rejected",
    "completed": "completed",
    "canceled": "cancelled",
    "cancelled": "cancelled",
    "expired": "cancelled",
}

#: statuses in which nothing more happens
_FINAL = {"completed", "canceled", "cancelled", "expired"}

#: Twilio error/rejection codes -> our rejection codes (resources/lifecycle.json)
ERROR_CODES = {
    "21827": "not_portable",
    "22137": "pending_order",
}

#: words in a number's rejection_reason -> our rejection code, first match wins; reasons
#: not listed keep Twilio's words (tracking's generic text matching is the last resort)
REJECTION_WORDS = (
    ("not portable", "not_portable"),
    ("portability", "not_portable"),
    ("pin", "wrong_pin"),
    ("passcode", "wrong_pin"),
    ("account number", "wrong_account_number"),
    ("address", "address_mismatch"),
    ("zip", "address_mismatch"),
    ("authorized", "authorized_person_mismatch"),
    ("btn", "wrong_btn"),
    ("billing telephone", "wrong_btn"),
    ("name", "name_mismatch"),
    ("signature", "loa_invalid"),
    ("utility bill", "invoice_invalid"),
)

#: where the signer's e-mail is read from: the order document's own field once it has one
#: (the provider profile's extension of resources/order.schema.json), else the contact's
SIGNER_EMAIL_PATHS = ("carrier.authorized_email", "contact.email")

_SID = {"AC": re.compile(r"AC[0-9a-fA-F]{32}"), "KW": re.compile(r"KW[0-9a-fA-F]{32}"),
        "RD": re.compile(r"RD[0-9a-fA-F]{32}")}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_LOOKUP_PAGES = 10  # at most 1,000 recent requests are compared after an unknown outcome


class BasicAuth:
    """``Authorization: Basic …`` on every request; never shows the token in a repr."""

    def __init__(self, account_sid: str, auth_token: str):
        raw = f"{account_sid}:{auth_token}".encode("utf-8")
        self.header = "Basic " + base64.b64encode(raw).decode("ascii")

    def __call__(self, request):
        request.headers["Authorization"] = self.header
        return request

    def __repr__(self) -> str:
        return "<Twilio BasicAuth ***>"


def parse_credential(credential: str | None) -> tuple[str, str]:
    """``ACCOUNT_SID:AUTH_TOKEN`` -> (sid, token), or ValueError in plain words."""
    sid, sep, token = (credential or "").strip().partition(":")
    if not sep or not token or ":" in token or not _SID["AC"].fullmatch(sid):
        raise ValueError(
            "The Twilio credential must be your Account SID (AC followed by 32 letters and "
            "digits) and Auth Token joined by one colon: ACCOUNT_SID:AUTH_TOKEN. Both are on "
            "the Twilio Console's start page.")
    return sid, token


class TwilioAdapter(HttpPlumbing):
    """Twilio Port In behind :class:`.base.ProviderClient` (see the module doc).

    ``base_url``: the API host (official: :data:`OFFICIAL_URL`). ``upload_url``: the
    Documents host; by default the official one for the official API and THE SAME address
    for an overridden one (a test fake serves both). ``today``: a callable giving today's
    date for the 7-day rule (tests)."""

    def __init__(self, base_url: str, credential: str | None, *, timeout=DEFAULT_TIMEOUT,
                 retries: int = 3, session=None, backoff_factor: float = 0.3,
                 upload_url: str | None = None, today=None):
        self.account_sid, token = parse_credential(credential)
        secrets = [token, f"{self.account_sid}:{token}"]
        auth = BasicAuth(self.account_sid, token)
        secrets.append(auth.header.split(" ", 1)[1])
        # No idempotency keys: only calls that cannot act twice (GET, DELETE) are retried on
        # a lost answer or 429/5xx; a POST only when its connection failed, else the outbox
        # tries again later after looking the result up.
        super().__init__(base_url, timeout=timeout, retries=retries, session=session,
                         backoff_factor=backoff_factor, auth=auth, secrets=secrets)
        if upload_url is None:
            upload_url = OFFICIAL_UPLOAD_URL if self.base_url == OFFICIAL_URL else self.base_url
        self._upload_host = HttpPlumbing(upload_url, timeout=timeout, retries=retries,
                                         session=self._session, auth=auth, secrets=secrets)
        self._today = today or _today
        self._numbers_of: dict[str, frozenset[str]] = {}  # sid -> its numbers (never change)
        self._successor: dict[str, str] = {}  # a replaced request's sid -> its replacement
        self._replaced: dict[str, list[dict]] = {}  # first sid -> the cancelled requests

    # ------------------------------------------------------------------ interface

    def list_targets(self) -> list[dict]:
        """The Twilio account the numbers go to (sub-accounts are not listed: that API is
        outside the porting description). One list call proves the credential works."""
        self._call("GET", "/v1/Porting/PortIn/PortInRequests", params={"Size": 1})
        return [{"account_id": self.account_sid, "line_id": "",
                 "label": f"Twilio account …{self.account_sid[-6:]}", "kind": "sub-account",
                 "numbers": []}]

    def check_portability(self, numbers: Iterable[str]) -> list[PortabilityResult]:
        results = []
        for number in (str(n) for n in numbers):
            answer = self._call("GET", "/v1/Porting/Portability/PhoneNumber/"
                                + quote(number, safe="+"))
            portable = answer.get("portable") is True
            reason = "" if portable else _words(
                answer.get("not_portable_reason") or "not portable",
                answer.get("not_portable_reason_code"))
            results.append(PortabilityResult(number, portable, False, reason))
        return results

    def create_order(self, order_doc: dict, attachments: Mapping[str, Path | str],
                     idempotency_key: str, *, progress: Progress | None = None) -> dict:
        progress = progress if progress is not None else MemoryProgress(idempotency_key)
        self._refuse_early(order_doc, attachments)
        sid = self._file(order_doc, attachments, progress, exclude=set())
        return self._state(sid, self._fetch(sid), [])

    def get_order(self, remote_id: str) -> dict:
        current, chain = self._current(remote_id)
        return self._state(remote_id, current, chain)

    def resubmit(self, remote_id: str, order_doc: dict, attachments: Mapping[str, Path | str],
                 idempotency_key: str, *, progress: Progress | None = None) -> dict:
        """Cancel the current request and file the corrected order as a NEW request; returns
        the order's state (``id`` still ``remote_id``; the new sid in ``parts`` and in
        ``progress['port_in_request_sid']``)."""
        progress = progress if progress is not None else MemoryProgress(idempotency_key)
        self._refuse_early(order_doc, attachments)
        replaces = progress.get("replaces")
        if replaces is None:
            current, chain = self._current(remote_id)
            word = _word(current.get("port_in_request_status"))
            if word == "completed":
                raise Conflict("Twilio has already ported these numbers; there is nothing to "
                               "correct.", code="already_completed")
            replaces = str(current["port_in_request_sid"])
            progress.set("replaces", replaces)
            progress.set("replaced", [remote_id] + [str(r["port_in_request_sid"])
                                                    for r in chain])
        self._upload_bill(progress, attachments)
        step_once(progress, "cancelled", lambda: self._cancel_request(replaces))
        new_sid = self._file(order_doc, attachments, progress,
                             exclude=set(progress.get("replaced") or []) | {replaces})
        self._successor[replaces] = new_sid
        self._successor.pop(remote_id, None)  # walked again from the first request once
        self._replaced.pop(remote_id, None)
        log.info("Twilio order %s: request %s replaced by %s", remote_id, replaces, new_sid)
        return self.get_order(remote_id)

    def cancel(self, remote_id: str, idempotency_key: str | None = None) -> dict:
        current, chain = self._current(remote_id)
        word = _word(current.get("port_in_request_status"))
        if word == "completed":
            raise Conflict("Twilio has already ported these numbers, so the order cannot be "
                           "cancelled.", code="already_completed")
        if word not in _FINAL:
            self._cancel_request(str(current["port_in_request_sid"]))
            current = self._fetch(str(current["port_in_request_sid"]))
        return self._state(remote_id, current, chain)

    def add_comment(self, remote_id: str, text: str,
                    idempotency_key: str | None = None) -> dict:
        current, _ = self._current(remote_id)
        ticket = current.get("support_ticket_id")
        raise Conflict("Twilio's Port In API takes no notes. Write to Twilio support"
                       + (f" and quote ticket {ticket}" if ticket else "")
                       + "; the note was not sent.", code="comments_unsupported")

    # ------------------------------------------------------------------ steps

    def _refuse_early(self, doc: dict, attachments: Mapping[str, Path | str]) -> None:
        findings = refusals(doc, self._today())
        if not (attachments or {}).get("invoice"):
            findings.append({"field": "documents.invoice", "code": "invoice_required",
                             "message": "Twilio needs a recent bill from your current carrier "
                                        "(a PDF); attach it and send the order again."})
        if findings:
            raise InvalidOrder("Twilio cannot take this order as it is: "
                               + " ".join(f["message"] for f in findings)
                               + " Nothing was sent to Twilio.",
                               findings=findings, status=None, code=findings[0]["code"])

    def _upload_bill(self, progress: Progress, attachments: Mapping[str, Path | str]) -> str:
        return step_once(progress, "document.invoice",
                         lambda: self._upload(progress.order_id, attachments["invoice"]))

    def _upload(self, ref: str, path: Path | str) -> str:
        name, data, ctype = read_attachment("invoice", path)
        answer = self._call("POST", "/v1/Documents", host=self._upload_host,
                            data={"document_type": "utility_bill",
                                  "friendly_name": f"{ref} bill"[:64]},
                            files=[("File", (name, data, ctype))])
        sid = str(answer.get("sid") or "")
        if not _SID["RD"].fullmatch(sid):
            raise EndpointError("Twilio's document upload gave an answer portwizard cannot "
                                "read (no document id). Check the Twilio address in Settings.")
        return sid

    def _file(self, doc: dict, attachments: Mapping[str, Path | str], progress: Progress, *,
              exclude: set[str]) -> str:
        """Upload the bill and file the port-in request once (see the module doc)."""
        document = self._upload_bill(progress, attachments)
        numbers = frozenset(n for n in doc.get("numbers") or [] if n)
        if progress.get("since") is None:
            progress.set("since", self._today().isoformat())
        since = _dt.date.fromisoformat(progress.get("since")) - _dt.timedelta(days=1)

        def lookup():
            return self._find_request(numbers, since, exclude)

        tried_before = bool(progress.get("port_in_request_sid.tried"))

        def create():
            try:
                return self._create(doc, document)
            except InvalidOrder as exc:
                if exc.code != "22137" or not tried_before:
                    raise
                # "Already in a port-in request" after an attempt whose answer was lost:
                # maybe ours (the list did not show it yet). Without an earlier attempt it
                # is someone else's request, and a refusal.
                found = lookup()
                if found is None:
                    raise
                return found

        sid = step_once(progress, "port_in_request_sid", create, lookup=lookup)
        self._numbers_of[sid] = numbers
        return sid

    def _create(self, doc: dict, document: str) -> str:
        answer = self._call("POST", "/v1/Porting/PortIn",
                            json_body=create_body(doc, self.account_sid, [document]),
                            order_secrets=_order_secrets(doc))
        sid = str(answer.get("port_in_request_sid") or "")
        if not _SID["KW"].fullmatch(sid):
            raise EndpointError("Twilio accepted the port-in request but its answer has no "
                                "request id portwizard can read.")
        self._remember(answer)
        log.info("Twilio port-in request %s filed", sid)
        return sid

    def _find_request(self, numbers: frozenset[str], since: _dt.date,
                      exclude: set[str]) -> str | None:
        """The newest port-in request created since ``since`` with exactly ``numbers``
        (None: there is none). Requests already seen by this adapter are compared from
        memory; the others are fetched."""
        token = None
        for _ in range(_LOOKUP_PAGES):
            params = {"Size": 100, "CreatedAfter": since.isoformat()}
            if token:
                params["Token"] = token
            answer = self._call("GET", "/v1/Porting/PortIn/PortInRequests", params=params)
            items = [i for i in answer.get("port_in_requests") or [] if isinstance(i, dict)]
            for item in sorted(items, key=lambda i: str(i.get("status_last_updated_timestamp")
                                                        or ""), reverse=True):
                sid = str(item.get("port_in_request_sid") or "")
                if not sid or sid in exclude:
                    continue
                count = item.get("phone_numbers_requested")
                if isinstance(count, int) and count != len(numbers):
                    continue
                if self._numbers_of.get(sid) is None:
                    self._fetch(sid)
                if self._numbers_of.get(sid) == numbers:
                    log.info("Twilio port-in request %s found after an unknown outcome", sid)
                    return sid
            token = (answer.get("meta") or {}).get("next_token")
            if not token:
                return None
        return None

    def _cancel_request(self, sid: str) -> bool:
        """Cancel one request; True also when it was already cancelled (a repeat after a
        lost answer)."""
        try:
            self._call("DELETE", f"/v1/Porting/PortIn/{seg(sid)}", refused=Conflict)
        except (Conflict, NotFound):
            if _word(self._fetch(sid).get("port_in_request_status")) not in _FINAL - {"completed"}:
                raise
        return True

    def _fetch(self, sid: str) -> dict:
        answer = self._call("GET", f"/v1/Porting/PortIn/{seg(sid)}")
        self._remember(answer)
        return answer

    def _remember(self, request: dict) -> None:
        sid = request.get("port_in_request_sid")
        numbers = [n.get("phone_number") for n in request.get("phone_numbers") or []
                   if isinstance(n, dict)]
        if sid and numbers:
            self._numbers_of[str(sid)] = frozenset(str(n) for n in numbers if n)

    def _current(self, remote_id: str) -> tuple[dict, list[dict]]:
        """The request this order stands on now, and the replaced ones (oldest first).
        Both are remembered, so the next poll costs one GET."""
        chain = list(self._replaced.get(remote_id, []))
        request = self._fetch(self._successor.get(remote_id, remote_id))
        seen = {remote_id} | {str(r.get("port_in_request_sid")) for r in chain}
        while _word(request.get("port_in_request_status")) in ("canceled", "cancelled"):
            sid = str(request.get("port_in_request_sid"))
            seen.add(sid)
            successor = self._successor.get(sid) or self._find_successor(request, seen)
            if successor is None or successor in seen:
                break
            self._successor[sid] = successor
            chain.append(request)
            request = self._fetch(successor)
        current = str(request.get("port_in_request_sid") or remote_id)
        if current != remote_id:
            self._successor[remote_id] = current
            self._replaced[remote_id] = chain
        return request, chain

    def _find_successor(self, request: dict, exclude: set[str]) -> str | None:
        """The newest request created after ``request`` sharing one of its numbers."""
        created = _parse_time(request.get("date_created"))
        numbers = self._numbers_of.get(str(request.get("port_in_request_sid")), frozenset())
        if created is None or not numbers:
            return None
        answer = self._call("GET", "/v1/Porting/PortIn/PortInRequests",
                            params={"Size": 100, "CreatedAfter": created.date().isoformat()})
        best, best_time = None, created
        for item in answer.get("port_in_requests") or []:
            sid = str((item or {}).get("port_in_request_sid") or "")
            if not sid or sid in exclude:
                continue
            candidate = self._fetch(sid)
            when = _parse_time(candidate.get("date_created"))
            if (when is not None and when >= best_time
                    and self._numbers_of.get(sid, frozenset()) & numbers):
                best, best_time = sid, when
        return best

    # ------------------------------------------------------------------ our order state

    def _state(self, remote_id: str, request: dict, replaced: list[dict]) -> dict:
        sid = str(request.get("port_in_request_sid") or remote_id)
        word = _word(request.get("port_in_request_status"))
        entries = [n for n in request.get("phone_numbers") or [] if isinstance(n, dict)]
        numbers, focs, rejection, stamps = [], [], None, []
        for n in entries:
            ours = _number_status(n, word)
            numbers.append((str(n.get("phone_number")), ours))
            if n.get("port_date") and ours in ("foc_confirmed", "completed"):
                focs.append(str(n["port_date"])[:10])
            if ours == "rejected" and rejection is None and (
                    n.get("rejection_reason") or n.get("rejection_reason_code")):
                rejection = _rejection(n)
            stamp = _stamp(n.get("status_last_time_updated_timestamp"))
            if stamp:
                stamps.append(stamp)
        status = STATUS.get(word) or (request.get("port_in_request_status") or "submitted")
        if status == "pending_carrier" and numbers and all(
                s in ("foc_confirmed", "completed") for _, s in numbers):
            status = "foc_confirmed"
        if status == "rejected" and rejection is None:
            rejection = {"code": None, "text": "Twilio says an action is required but gave no "
                                               "reason; ask Twilio support."}
        created = _stamp(request.get("date_created")) or ""
        first_created = (_stamp(replaced[0].get("date_created")) if replaced else None) or created
        changed = max(stamps) if stamps else created
        history = [{"at": first_created, "status": "submitted",
                    "note": f"Twilio port-in request {remote_id} filed"}]
        if replaced:
            history.append({"at": created, "status": "submitted",
                            "note": f"corrected request {sid} filed; it replaces "
                                    f"{replaced[-1].get('port_in_request_sid')}, cancelled"})
        comments = []
        if word == "waiting for signature":
            signer = str((request.get("losing_carrier_information") or {})
                         .get("authorized_representative_email") or "the authorized person")
            note = (f"Twilio has e-mailed the Letter of Authorization to {signer} for an "
                    "e-signature. The port does not start until it is signed: open that "
                    "e-mail from Twilio and sign.")
            comments.append({"at": created, "author": "provider", "text": note})
            history.append({"at": max(changed, created), "status": "awaiting_signature",
                            "note": "waiting for signature: " + note})
        elif status != "submitted":
            history.append({"at": max(changed, created), "status": status,
                            "note": f"Twilio: {request.get('port_in_request_status')}"})
        return order_state(
            remote_id, status, numbers=numbers, foc_date=max(focs) if focs else None,
            rejection=rejection, comments=comments, history=_dedupe(history),
            cancellable=word not in _FINAL, created_at=first_created, updated_at=changed,
            parts=[{"id": sid, "status": status, "numbers": [n for n, _ in numbers],
                    "support_key": str(request.get("support_ticket_id") or "")}])

    # ------------------------------------------------------------------ HTTP

    def _call(self, method: str, path: str, *, params=None, json_body: Any = None,
              files=None, data=None, host: HttpPlumbing | None = None,
              refused: type[EndpointError] = InvalidOrder,
              order_secrets: Iterable[str] = ()) -> dict:
        """Twilio's answer as parsed JSON WITHOUT any echoed PIN (``{}`` for 204), or our
        error in plain words. ``order_secrets``: the PIN and account number of the order
        sent, blanked out of Twilio's error words."""
        response = (host or self)._send(method, path, params=params, json_body=json_body,
                                        files=files, data=data)
        status = response.status_code
        body = self._answer_body("Twilio", response, empty_is_ok=True)
        if 200 <= status < 300:
            return body
        err = body if isinstance(body, dict) else {}
        code = str(err["code"]) if isinstance(err.get("code"), (int, str)) else None
        words = self._scrub(err.get("message") or "")
        for secret in order_secrets:
            if secret and len(secret) >= 3:
                words = words.replace(secret, "[hidden]")
        self._raise_for_shared_status(
            "Twilio", status, code, words,
            refused="Twilio did not accept the Account SID and Auth Token. Copy both again "
                    "from the Twilio Console and enter them as ACCOUNT_SID:AUTH_TOKEN in "
                    "Settings.",
            forbidden="Twilio accepted the credential but it may not do this (Port In). Use "
                      "the main account's Account SID and Auth Token.")
        if 400 <= status < 500:
            if code == "21827":
                raise InvalidOrder(
                    "Twilio cannot port one or more of these numbers (error 21827: not "
                    f"portable{': ' + words if words else ''}). Remove them from the order or "
                    "port them to another provider.",
                    findings=[{"field": "numbers", "code": "not_portable",
                               "message": words or "not portable to Twilio"}],
                    status=status, code=code)
            if code == "22137":
                raise InvalidOrder(
                    "One of these numbers is already in a port-in request with one of your "
                    "Twilio accounts (error 22137). Cancel that request in the Twilio Console "
                    "or wait until it is finished; this order was not filed.",
                    findings=[{"field": "numbers", "code": "pending_order",
                               "message": words or "already in a port-in request"}],
                    status=status, code=code)
            if refused is Conflict or status == 409:
                raise Conflict(f"Twilio refused: {words or 'not possible now'}.",
                               status=status, code=code)
            raise InvalidOrder(f"Twilio refused the order: {words or 'no reason given'}"
                               f"{f' (error {code})' if code else ''}. Correct it and send it "
                               "again.", findings=[{"field": "", "code": code or "refused",
                                                    "message": words}],
                               status=status, code=code)
        raise EndpointError(f"Twilio answered with an unexpected error ({status}"
                            + (f": {words}" if words else "") + ").", status=status, code=code)


# --------------------------------------------------------------------------- building


def refusals(doc: dict, today: _dt.date) -> list[dict]:
    """What Twilio's Port In API will not take in this order, as findings on our field
    paths ([] when nothing): more than 1,000 numbers, toll-free or non-US numbers, a target
    date under 7 days away, no e-mail for the person who signs. Usable by the wizard's
    provider profile too."""
    findings: list[dict] = []
    numbers = [str(n) for n in doc.get("numbers") or [] if n]
    if len(numbers) > MAX_NUMBERS:
        findings.append({"field": "numbers", "code": "too_many_numbers",
                         "message": f"Twilio takes at most {MAX_NUMBERS:,} numbers in one "
                                    f"request; this order has {len(numbers):,}. Split it "
                                    "into several orders."})
    carrier = doc.get("carrier") or {}
    if carrier.get("number_type") == "business-toll-free":
        findings.append({"field": "carrier.number_type", "code": "toll_free_unsupported",
                         "message": "Twilio cannot port toll-free numbers through its API."})
    for i, number in enumerate(numbers):
        parsed = parse_number(number)
        if parsed.e164 and parsed.e164[2:5] in TOLL_FREE_AREA_CODES:
            findings.append({"field": f"numbers[{i}]", "code": "toll_free_unsupported",
                             "message": f"{parsed.display} is a toll-free number; Twilio "
                                        "cannot port toll-free numbers through its API."})
        elif parsed.region not in {"US"} | US_TERRITORIES:
            where = parsed.region or "outside the United States"
            findings.append({"field": f"numbers[{i}]", "code": "not_us",
                             "message": f"{parsed.display or number} is not a United States "
                                        f"number ({where}); Twilio ports US numbers only."})
    date = doc.get("requested_foc_date")
    if date:
        earliest = today + _dt.timedelta(days=MIN_LEAD_DAYS)
        try:
            too_soon = _dt.date.fromisoformat(str(date)) < earliest
        except ValueError:
            too_soon = True
        if too_soon:
            findings.append({"field": "requested_foc_date", "code": "date_too_soon",
                             "message": f"Twilio needs the switch date at least "
                                        f"{MIN_LEAD_DAYS} days ahead: {earliest.isoformat()} "
                                        "or later."})
    field, email = signer_email(doc)
    if not _EMAIL.fullmatch(email):
        findings.append({"field": field, "code": "signer_email_required",
                         "message": "Twilio e-mails the Letter of Authorization to the person "
                                    "who signs it: enter that person's e-mail address."})
    return findings


def signer_email(doc: dict) -> tuple[str, str]:
    """(field path, e-mail) of the person who signs Twilio's e-mailed LOA."""
    for path in SIGNER_EMAIL_PATHS:
        group, name = path.split(".")
        value = str((doc.get(group) or {}).get(name) or "").strip()
        if value:
            return path, value
    return SIGNER_EMAIL_PATHS[-1], ""


def create_body(doc: dict, account_sid: str, documents: list[str]) -> dict:
    """The ``POST /v1/Porting/PortIn`` body for our order document (PIN included: this is
    the one request that must carry it)."""
    carrier = doc.get("carrier") or {}
    address = doc.get("service_address") or {}
    target = doc.get("target") or {}
    street = " ".join(str(address.get(k) or "").strip()
                      for k in ("street_number", "pre_direction", "street_name")
                      if str(address.get(k) or "").strip())
    _, signer = signer_email(doc)
    pin = str(carrier.get("pin") or "")
    losing: dict[str, Any] = {
        "customer_name": str(carrier.get("customer_name") or ""),
        "authorized_representative": str(carrier.get("authorized_name") or ""),
        "authorized_representative_email": signer,
        "customer_type": "Individual" if carrier.get("number_type") == "residential"
        else "Business",
        "address": {"street": street, "city": str(address.get("city") or ""),
                    "state": str(address.get("state") or ""),
                    "zip": str(address.get("postal_code") or ""),
                    "country": str(address.get("country") or "US")},
    }
    if address.get("unit"):
        losing["address"]["street_2"] = str(address["unit"])
    if carrier.get("account_number"):
        losing["account_number"] = str(carrier["account_number"])
    if carrier.get("btn"):
        losing["account_telephone_number"] = str(carrier["btn"])
    account = str(target.get("account_id") or "")
    body: dict[str, Any] = {
        "account_sid": account if _SID["AC"].fullmatch(account) else account_sid,
        "documents": list(documents),
        "losing_carrier_information": losing,
        "phone_numbers": [{"phone_number": n, **({"pin": pin} if pin else {})}
                          for n in doc.get("numbers") or [] if n],
    }
    contact = str((doc.get("contact") or {}).get("email") or "").strip()
    if contact and contact.lower() != signer.lower():
        body["notification_emails"] = [contact]  # a copy of the signed LOA
    if doc.get("requested_foc_date"):
        body["target_port_in_date"] = str(doc["requested_foc_date"])
    return body


def _order_secrets(doc: dict) -> list[str]:
    carrier = doc.get("carrier") or {}
    return [str(carrier.get("pin") or ""), str(carrier.get("account_number") or "")]


def _word(value: Any) -> str:
    return str(value or "").strip().lower().replace("_", " ")


def _number_status(entry: dict, request_word: str) -> str:
    word = _word(entry.get("port_in_phone_number_status")) or request_word
    ours = NUMBER_STATUS.get(word) or STATUS.get(request_word) or "submitted"
    if ours == "pending_carrier" and entry.get("port_date"):
        return "foc_confirmed"
    return ours


def _rejection(entry: dict) -> dict:
    text = str(entry.get("rejection_reason") or "")
    code = str(entry.get("rejection_reason_code") or "") or None
    ours = ERROR_CODES.get(code or "")
    if ours is None:
        lowered = text.lower()
        ours = next((c for words, c in REJECTION_WORDS
                     if re.search(r"\b" + re.escape(words) + r"\b", lowered)), None)
    return {"code": ours or code, "text": text or f"Twilio rejection code {code}"}


def _words(reason: Any, code: Any) -> str:
    text = str(reason).replace("_", " ").strip().capitalize()
    return f"{text} (Twilio code {code})" if code else text


def _parse_time(value: Any) -> _dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=_dt.timezone.utc)


def _stamp(value: Any) -> str | None:
    """Twilio's time in our format (``2026-11-23T11:32:35.000Z``), so history sorts."""
    moment = _parse_time(value)
    if moment is None:
        return None
    return moment.astimezone(_dt.timezone.utc).isoformat(
        timespec="milliseconds").replace("+00:00", "Z")


def _dedupe(history: list[dict]) -> list[dict]:
    seen, out = set(), []
    for item in sorted(history, key=lambda h: h["at"]):
        key = (item["at"], item["status"])
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _today() -> _dt.date:
    """Today where the 7-day rule is strictest: this computer's date or UTC's, the later."""
    return max(_dt.date.today(), _dt.datetime.now(_dt.timezone.utc).date())
