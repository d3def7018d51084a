"""Twilio Port In (public beta, ``https://numbers.twilio.com``, HTTP Basic with the Account
SID and Auth Token; the credential is kept as ``ACCOUNT_SID:AUTH_TOKEN``).

Built on the same ``requests`` stack as our own client (:class:`.plumbing.HttpPlumbing`) rather
than Twilio's SDK: the SDK brings aiohttp and ~23 MB into the desktop bundle, and the bill
upload below is outside the description the SDK is generated from anyway. What Twilio's
words mean in ours, and the request body, are :mod:`.twilio_mapping` (no HTTP there).

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
  :func:`~.twilio_mapping.refusals` says so in plain words BEFORE anything is sent.
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
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import quote

from portwizard.domain.dates import parse_moment
from portwizard.endpoint.errors import (
    Conflict, EndpointError, InvalidOrder, NotFound,
)
from portwizard.endpoint.providers.base import (
    MemoryProgress, PortabilityResult, Progress, read_attachment, seg, step_once,
)
from portwizard.endpoint.providers.plumbing import DEFAULT_TIMEOUT, HttpPlumbing
from portwizard.endpoint.providers.twilio_mapping import (
    FINAL, SID, create_body, order_secrets, reason_text, refusals, state_of, status_word,
    strictest_today,
)

log = logging.getLogger(__name__)

OFFICIAL_URL = "https://numbers.twilio.com"
#: the Documents API's host (not in Twilio's description; see the module doc)
OFFICIAL_UPLOAD_URL = "https://numbers-upload.twilio.com"

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
    if not sep or not token or ":" in token or not SID["AC"].fullmatch(sid):
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
        self._today = today or strictest_today
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
            reason = "" if portable else reason_text(
                answer.get("not_portable_reason") or "not portable",
                answer.get("not_portable_reason_code"))
            results.append(PortabilityResult(number, portable, False, reason))
        return results

    def create_order(self, order_doc: dict, attachments: Mapping[str, Path | str],
                     idempotency_key: str, *, progress: Progress | None = None) -> dict:
        progress = progress if progress is not None else MemoryProgress(idempotency_key)
        self._refuse_early(order_doc, attachments)
        sid = self._file(order_doc, attachments, progress, exclude=set())
        return state_of(sid, self._fetch(sid), [])

    def get_order(self, remote_id: str) -> dict:
        current, chain = self._current(remote_id)
        return state_of(remote_id, current, chain)

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
            word = status_word(current.get("port_in_request_status"))
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
        word = status_word(current.get("port_in_request_status"))
        if word == "completed":
            raise Conflict("Twilio has already ported these numbers, so the order cannot be "
                           "cancelled.", code="already_completed")
        if word not in FINAL:
            self._cancel_request(str(current["port_in_request_sid"]))
            current = self._fetch(str(current["port_in_request_sid"]))
        return state_of(remote_id, current, chain)

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
        if not SID["RD"].fullmatch(sid):
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
                            order_secrets=order_secrets(doc))
        sid = str(answer.get("port_in_request_sid") or "")
        if not SID["KW"].fullmatch(sid):
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
            now = status_word(self._fetch(sid).get("port_in_request_status"))
            if now not in FINAL - {"completed"}:
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
        while status_word(request.get("port_in_request_status")) in ("canceled", "cancelled"):
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
        created = parse_moment(request.get("date_created"))
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
            when = parse_moment(candidate.get("date_created"))
            if (when is not None and when >= best_time
                    and self._numbers_of.get(sid, frozenset()) & numbers):
                best, best_time = sid, when
        return best

    # ------------------------------------------------------------------ our order state

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


