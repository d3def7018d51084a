"""Twilio's Port In in our words, and our order in Twilio's: pure data, no HTTP.

- what Twilio will not take, said before anything is sent (:func:`refusals`);
- the ``POST /v1/Porting/PortIn`` body for our order document (:func:`create_body`);
- Twilio's request and number statuses, error codes and rejection words in our vocabulary,
  and a port-in request as our order state (:func:`state_of`).

The adapter that makes the calls is :mod:`.twilio`.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from portwizard.domain.dates import parse_moment
from portwizard.domain.phone import TOLL_FREE_AREA_CODES, US_TERRITORIES, parse_number
from portwizard.domain.providers import TWILIO
from portwizard.endpoint.providers.base import order_state

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
FINAL = {"completed", "canceled", "cancelled", "expired"}

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

#: the shapes of Twilio's ids: account, port-in request, uploaded document
SID = {"AC": re.compile(r"AC[0-9a-fA-F]{32}"), "KW": re.compile(r"KW[0-9a-fA-F]{32}"),
        "RD": re.compile(r"RD[0-9a-fA-F]{32}")}
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


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
    if not EMAIL.fullmatch(email):
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
        "account_sid": account if SID["AC"].fullmatch(account) else account_sid,
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


def order_secrets(doc: dict) -> list[str]:
    """The PIN and account number of the order sent (blanked out of Twilio's error words)."""
    carrier = doc.get("carrier") or {}
    return [str(carrier.get("pin") or ""), str(carrier.get("account_number") or "")]


def status_word(value: Any) -> str:
    """A Twilio status as the tables above spell it (lower case, "_" read as " ")."""
    return str(value or "").strip().lower().replace("_", " ")


def _number_status(entry: dict, request_word: str) -> str:
    word = status_word(entry.get("port_in_phone_number_status")) or request_word
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


def reason_text(reason: Any, code: Any) -> str:
    """Twilio's reason (``not_portable``...) and code as a sentence fragment."""
    text = str(reason).replace("_", " ").strip().capitalize()
    return f"{text} (Twilio code {code})" if code else text


def _stamp(value: Any) -> str | None:
    """Twilio's time in our format (``2026-11-23T11:32:35.000Z``), so history sorts."""
    moment = parse_moment(value)
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


def strictest_today() -> _dt.date:
    """Today where the 7-day rule is strictest: this computer's date or UTC's, the later."""
    return max(_dt.date.today(), _dt.datetime.now(_dt.timezone.utc).date())


def state_of(remote_id: str, request: dict, replaced: list[dict]) -> dict:
    """Our order state for Twilio's port-in ``request`` (the current one) of the order
    ``remote_id``; ``replaced``: the requests it replaced (corrections), oldest first."""
    sid = str(request.get("port_in_request_sid") or remote_id)
    word = status_word(request.get("port_in_request_status"))
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
        cancellable=word not in FINAL, created_at=first_created, updated_at=changed,
        parts=[{"id": sid, "status": status, "numbers": [n for n, _ in numbers],
                "support_key": str(request.get("support_ticket_id") or "")}])
