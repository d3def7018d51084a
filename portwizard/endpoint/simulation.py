"""The sandbox's make-believe provider and losing carrier: pure functions, no I/O.

What the sandbox does with an order is decided here from the order's data alone, so a
user can rehearse a rejection on purpose and its fix (resubmit with the corrected field).

Rejection triggers (checked in this order; the first that matches wins; text matching
ignores upper/lower case). They are listed for users in ``resources/openapi.yaml`` and in
the README's "Try it in the sandbox" section:

==================================================  ==================================
order data                                          rejection code
==================================================  ==================================
LOA file name contains ``unsigned``                 ``loa_invalid`` (provider's review)
invoice file name contains ``expired``              ``invoice_invalid`` (review)
``requested_foc_date`` on a weekend or holiday      ``foc_date_not_allowed`` (review)
``carrier.account_number`` ends in ``0000``         ``wrong_account_number``
``carrier.account_number`` ends in ``9999``         ``unpaid_balance``
``carrier.pin`` is ``9999``                         ``wrong_pin``
``carrier.btn`` ends in ``0000``                    ``wrong_btn``
``carrier.customer_name`` contains ``MISMATCH``     ``name_mismatch``
``carrier.authorized_name`` contains ``MISMATCH``   ``authorized_person_mismatch``
``service_address.street_name`` contains ``WRONG``  ``address_mismatch``
partial port, BTN ported, rest kept, no new BTN     ``partial_port_btn``
a number ending in ``0196``                         ``line_features``
a number ending in ``0197``                         ``number_inactive``
a number ending in ``0198``                         ``pending_order``
a number ending in ``0199``                         ``not_portable``
==================================================  ==================================

Timeline on the fast clock (``seconds_per_day`` real seconds = one simulated day), counted
from each (re)submission: in review after 0.25 day, pending with the losing carrier after
0.75 day, then at 1.5 days either rejected or FOC confirmed. The FOC date is the requested
FOC date when it is a business day 3 to 30 days after the submission date, otherwise the
first business day at least 3 days after it; the order completes on that date (08:00 UTC of
the simulated calendar). Cancelling is refused from 48 simulated hours before that moment.
A cancel request is "cancel pending" for 0.5 day, then cancelled.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

DAY = 86400.0

IN_REVIEW_AT = 0.25
PENDING_AT = 0.75
ANSWER_AT = 1.5
CANCEL_TAKES = 0.5
CANCEL_LOCK_HOURS = 48
MIN_FOC_DAYS = 3
MAX_FOC_DAYS = 30
FOC_HOUR = time(8, 0)

# The API's document kinds (resources/openapi.yaml): the sandbox is a server of its own and
# imports nothing of the client's domain (tests/domain/test_order_schema.py checks they agree).
ATTACHMENT_KINDS = ("loa", "invoice", "csr")


@dataclass(frozen=True)
class Trigger:
    code: str
    field: str
    text: str  # what the losing carrier / provider "says", plain words
    stage: str = "pending_carrier"  # the status the rejection comes from
    number: str | None = None  # the one number concerned, for number-level reasons


@dataclass
class Step:
    """One scheduled change, ``at`` simulated days after the phase started."""

    at: float
    status: str
    note: str
    rejection: dict | None = None
    rejected_number: str | None = None
    comment: str | None = None
    foc_date: str | None = None  # set on the foc_confirmed step (YYYY-MM-DD)

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Step":
        return cls(**data)


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)
    foc_date: date | None = None
    foc_days: float | None = None  # simulated days from phase start to the port moment

    @property
    def cancel_lock_days(self) -> float | None:
        if self.foc_days is None:
            return None
        return self.foc_days - CANCEL_LOCK_HOURS / 24


# ---------------------------------------------------------------------------- helpers


def digits(text: Any) -> str:
    return re.sub(r"\D", "", str(text or ""))


# The number formats the provider takes (the same pattern is in resources/openapi.yaml):
# +12125550123, 12125550123, 2125550123, (212) 555-0123, 212.555.0123, +1 212-555-0123.
NUMBER_PATTERN = r"^\+?(1[ .-]?)?\(?[2-9][0-9]{2}\)?[ .-]?[0-9]{3}[ .-]?[0-9]{4}$"
_NUMBER_RE = re.compile(NUMBER_PATTERN)
# "Blank" means only spaces, tabs and line breaks, in every regex dialect alike.
BLANK_CHARS = " \t\r\n"


def is_blank(text: Any) -> bool:
    return not isinstance(text, str) or not text.strip(BLANK_CHARS)


def normalize_number(text: Any) -> str | None:
    """A NANP number in a common format -> E.164 (``+12125550123``), else None."""
    if not isinstance(text, str) or not _NUMBER_RE.match(text.strip(BLANK_CHARS)):
        return None
    d = digits(text)
    return "+1" + d[-10:]


def _get(doc: dict, path: str) -> Any:
    node: Any = doc
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _text(doc: dict, path: str) -> str:
    value = _get(doc, path)
    return value if isinstance(value, str) else ("" if value is None else str(value))


# ---------------------------------------------------------------------------- checks


# The shape of an order document as the provider takes it (the same types and choices as
# OrderDocument in resources/openapi.yaml; a test keeps the two in step). ``str`` = text,
# a tuple = one of these texts, ``bool`` = true/false, ``"date"`` = YYYY-MM-DD, "" or null.
# Unknown keys are allowed (newer portwizard versions may add fields).
TEXT = str
DOCUMENT_SHAPE: dict[str, Any] = {
    "format": ("portwizard.order/1",),
    "target": {"account_id": TEXT, "line_id": TEXT, "label": TEXT},
    "numbers": [TEXT],
    "carrier": {
        "name": TEXT, "account_type": ("", "single-line", "multi-line"),
        "number_type": ("", "business-local", "business-toll-free", "residential"),
        "customer_name": TEXT, "authorized_name": TEXT, "account_number": TEXT, "btn": TEXT,
        "pin": TEXT, "digital_unlocked": bool,
    },
    "partial_port": {"remaining_numbers": ("", "keep", "disconnect"), "new_btn": TEXT},
    "service_address": {
        "street_number": TEXT, "pre_direction": TEXT, "street_name": TEXT, "unit": TEXT,
        "city": TEXT, "state": TEXT, "postal_code": TEXT, "country": ("US", "CA"),
    },
    "requested_foc_date": "date",
    "documents": {"loa": TEXT, "invoice": TEXT, "csr": TEXT},
    "contact": {"name": TEXT, "email": TEXT, "phone": TEXT},
}
NULLABLE = {"partial_port", "requested_foc_date"}


def _shape_findings(value: Any, shape: Any, path: str, findings: list[dict]) -> None:
    def wrong(message: str) -> None:
        findings.append({"field": path, "code": "wrong_type", "message": message})

    if path in NULLABLE and value is None:
        return
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return wrong("This part of the order must be an object with its own fields.")
        for key, sub in shape.items():
            if key in value:
                _shape_findings(value[key], sub, f"{path}.{key}" if path else key, findings)
    elif isinstance(shape, list):
        if not isinstance(value, list):
            return wrong("This must be a list.")
        for i, item in enumerate(value):
            _shape_findings(item, shape[0], f"{path}[{i}]", findings)
    elif isinstance(shape, tuple):
        if value not in shape:
            choices = ", ".join(repr(c) for c in shape if c)
            return wrong(f"This must be one of: {choices}.")
    elif shape == "date":
        if value == "":
            return
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError(value)
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return wrong("This must be a date written as YYYY-MM-DD, or empty.")
    elif shape is bool:
        if not isinstance(value, bool):
            return wrong("This must be true or false.")
    elif not isinstance(value, str):
        return wrong("This must be text.")


def check_document(doc: Any, targets: list[dict]) -> tuple[list[str], list[dict]]:
    """Structural checks the provider makes before accepting an order.

    Returns (E.164 numbers, findings); any finding means 422. The full rule set lives in
    portwizard's own validation, which runs before anything is sent; this is the provider's
    last line of defence, so it only insists on what it cannot work without.
    """
    findings: list[dict] = []
    if not isinstance(doc, dict):
        return [], [{"field": "", "code": "order_not_object",
                     "message": "The order must be a JSON object (a portwizard order document)."}]
    if doc.get("format") != "portwizard.order/1":
        findings.append({"field": "format", "code": "unknown_format",
                         "message": "This is not a portwizard order document "
                                    "(format must be portwizard.order/1)."})
    shape_findings: list[dict] = []
    _shape_findings({k: v for k, v in doc.items() if k != "format"},
                    {k: v for k, v in DOCUMENT_SHAPE.items() if k != "format"}, "",
                    shape_findings)
    findings.extend(shape_findings)
    numbers: list[str] = []
    raw_numbers = doc.get("numbers")
    if not isinstance(raw_numbers, list) or not raw_numbers:
        findings.append({"field": "numbers", "code": "required",
                         "message": "Add at least one phone number to move."})
    else:
        for i, raw in enumerate(raw_numbers):
            if not isinstance(raw, str):
                continue  # already reported as wrong_type
            e164 = normalize_number(raw)
            if e164 is None:
                findings.append({"field": f"numbers[{i}]", "code": "number_invalid",
                                 "message": "This is not a 10-digit US or Canadian phone "
                                            "number."})
            elif e164 not in numbers:
                numbers.append(e164)
    for path, what in (("carrier.name", "the current carrier's name"),
                       ("carrier.customer_name", "the name on the bill"),
                       ("carrier.account_number", "the account number from the bill"),
                       ("service_address.street_name", "the street of the service address"),
                       ("service_address.postal_code", "the ZIP or postal code")):
        if is_blank(_text(doc, path)):
            findings.append({"field": path, "code": "required",
                             "message": f"The provider needs {what}."})
    account_id = _text(doc, "target.account_id").strip()
    line_id = _text(doc, "target.line_id").strip()
    if account_id:
        known = [t for t in targets if t["account_id"] == account_id]
        if not known:
            findings.append({"field": "target.account_id", "code": "target_unknown",
                             "message": "This account is not one of yours at the new provider; "
                                        "choose it again from the list."})
        elif line_id and not any(t["line_id"] == line_id for t in known):
            findings.append({"field": "target.line_id", "code": "target_unknown",
                             "message": "This line is not on the chosen account; choose it "
                                        "again from the list."})
    return numbers, findings


def is_pdf(content: bytes) -> bool:
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n\x00")
    return head.startswith(b"%PDF-")


def find_trigger(doc: dict, numbers: list[str], attachments: dict[str, str]) -> Trigger | None:
    """The deterministic rejection for this order, or None when it will be approved.

    ``attachments`` maps kind -> file name of the files on the order."""
    loa_name = (attachments.get("loa") or "").lower()
    if "unsigned" in loa_name:
        return Trigger("loa_invalid", "documents.loa",
                       "Review: the Letter of Authorization is not signed.", stage="in_review")
    if "expired" in (attachments.get("invoice") or "").lower():
        return Trigger("invoice_invalid", "documents.invoice",
                       "Review: the invoice is too old to prove the account.", stage="in_review")
    requested = _requested_date(doc)
    if requested is not None and not is_business_day(requested, _country(doc)):
        return Trigger("foc_date_not_allowed", "requested_foc_date",
                       "Review: the requested port date is a weekend day or a holiday.",
                       stage="in_review")
    account = digits(_text(doc, "carrier.account_number")) or _text(doc, "carrier.account_number")
    if account.endswith("0000"):
        return Trigger("wrong_account_number", "carrier.account_number",
                       "Losing carrier: the account number does not match our records.")
    if account.endswith("9999"):
        return Trigger("unpaid_balance", "carrier.account_number",
                       "Losing carrier: the account has an unpaid balance.")
    if _text(doc, "carrier.pin").strip() == "9999":
        return Trigger("wrong_pin", "carrier.pin",
                       "Losing carrier: the PIN / transfer PIN is not correct.")
    if digits(_text(doc, "carrier.btn")).endswith("0000"):
        return Trigger("wrong_btn", "carrier.btn",
                       "Losing carrier: the billing telephone number (BTN) does not match "
                       "the account.")
    if "mismatch" in _text(doc, "carrier.customer_name").lower():
        return Trigger("name_mismatch", "carrier.customer_name",
                       "Losing carrier: the customer name does not match the account.")
    if "mismatch" in _text(doc, "carrier.authorized_name").lower():
        return Trigger("authorized_person_mismatch", "carrier.authorized_name",
                       "Losing carrier: the authorized person is not on the account.")
    if "wrong" in _text(doc, "service_address.street_name").lower():
        return Trigger("address_mismatch", "service_address",
                       "Losing carrier: the service address does not match the address on "
                       "file.")
    partial = doc.get("partial_port") if isinstance(doc.get("partial_port"), dict) else None
    btn = normalize_number(_text(doc, "carrier.btn"))
    if (_text(doc, "carrier.account_type") == "multi-line" and partial is not None
            and btn is not None and btn in numbers
            and _text(doc, "partial_port.remaining_numbers") == "keep"
            and normalize_number(_text(doc, "partial_port.new_btn")) is None):
        return Trigger("partial_port_btn", "partial_port.new_btn",
                       "Losing carrier: the billing number is leaving but numbers stay on the "
                       "account and no new billing number was given.")
    for ending, code, text in (
        ("0196", "line_features", "Losing carrier: the line has features that block the "
                                  "port (DSL, hunt group or similar)."),
        ("0197", "number_inactive", "Losing carrier: the number is not active on the "
                                    "account."),
        ("0198", "pending_order", "Losing carrier: another order is pending on the number."),
        ("0199", "not_portable", "Losing carrier: the number cannot be moved to the new "
                                 "provider."),
    ):
        for number in numbers:
            if number.endswith(ending):
                return Trigger(code, "numbers", text, number=number)
    return None


# ---------------------------------------------------------------------------- calendar


def is_business_day(day: date, country: str = "US") -> bool:
    if day.weekday() >= 5:
        return False
    return day not in _holidays(country, day.year)


_HOLIDAY_CACHE: dict[tuple[str, int], Any] = {}


def _holidays(country: str, year: int):
    key = (country if country in ("US", "CA") else "US", year)
    if key not in _HOLIDAY_CACHE:
        try:
            import holidays

            _HOLIDAY_CACHE[key] = holidays.country_holidays(key[0], years=year)
        except Exception:  # pragma: no cover - holidays is a dependency; weekends still count
            _HOLIDAY_CACHE[key] = set()
    return _HOLIDAY_CACHE[key]


def _requested_date(doc: dict) -> date | None:
    value = doc.get("requested_foc_date")
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def _country(doc: dict) -> str:
    return _text(doc, "service_address.country") or "US"


def foc_date_for(submitted: date, requested: Any, country: str = "US") -> date:
    """The FOC date the losing carrier "confirms"."""
    earliest = submitted + timedelta(days=MIN_FOC_DAYS)
    if isinstance(requested, str):
        try:
            wanted = date.fromisoformat(requested.strip())
        except ValueError:
            wanted = None
        if (wanted is not None and earliest <= wanted <= submitted + timedelta(days=MAX_FOC_DAYS)
                and is_business_day(wanted, country)):
            return wanted
    day = earliest
    while not is_business_day(day, country):
        day += timedelta(days=1)
    return day


# ---------------------------------------------------------------------------- plans


def plan_submission(doc: dict, numbers: list[str], attachments: dict[str, str],
                    phase_start: float, resubmission: bool = False) -> Plan:
    """What will happen to a (re)submitted order, in simulated days from ``phase_start``."""
    trigger = find_trigger(doc, numbers, attachments)
    steps = [Step(IN_REVIEW_AT, "in_review",
                  "The provider is checking the order and documents.")]
    if trigger is not None and trigger.stage == "in_review":
        steps.append(Step(PENDING_AT, "rejected", trigger.text,
                          rejection={"code": trigger.code, "text": trigger.text},
                          comment="Please fix the order and resubmit it."))
        return Plan(steps)
    steps.append(Step(PENDING_AT, "pending_carrier",
                      "Sent to the losing carrier; waiting for its answer."))
    if trigger is not None:
        steps.append(Step(ANSWER_AT, "rejected", trigger.text,
                          rejection={"code": trigger.code, "text": trigger.text},
                          rejected_number=trigger.number,
                          comment="Please fix the order and resubmit it."))
        return Plan(steps)
    origin = datetime.fromtimestamp(phase_start, timezone.utc)
    country = _country(doc)
    foc = foc_date_for(origin.date(), doc.get("requested_foc_date"), country)
    foc_moment = datetime.combine(foc, FOC_HOUR, tzinfo=timezone.utc)
    foc_days = (foc_moment - origin).total_seconds() / DAY
    steps.append(Step(ANSWER_AT, "foc_confirmed",
                      f"The losing carrier confirmed the port for {foc.isoformat()}.",
                      comment=f"FOC confirmed for {foc.isoformat()}. Have your new line or app "
                              "ready before then; your old service keeps working until the "
                              "numbers move.",
                      foc_date=foc.isoformat()))
    steps.append(Step(foc_days, "completed", "The numbers moved to the new provider.",
                      comment="Your numbers are live with the new provider. Call the old "
                              "carrier to confirm the old service is closed and billing "
                              "stops."))
    return Plan(steps, foc, foc_days)


def plan_cancel() -> Plan:
    return Plan([Step(CANCEL_TAKES, "cancelled", "The order was cancelled.")])
