"""A stateful fake of Twilio Port In on loopback, for tests and bench/ (test code).

In the manner of the built-in sandbox: a fast clock (one simulated day lasts
``seconds_per_day`` real seconds), lifecycles decided by the request's data, and every
request it receives is checked against Twilio's published description
(``../shared/provider-specs/twilio-porting-subset.yml``) with openapi-core, and every answer
it sends too. The Documents upload (``POST /v1/Documents``, on Twilio's other host, not in
the description) is served on the same port and checked against what Twilio's
documentation page says: multipart, ``document_type=utility_bill``, a ``File`` part (a PDF
here), an optional ``friendly_name``. Anything that breaks the rules is answered 400 and
kept in :attr:`FakeTwilio.violations`.

Lifecycle of a port-in request (simulated days):
  "Waiting for Signature" when filed, until the e-mailed LOA is signed (:meth:`sign`, the
  test's "the user signed"; or by itself after ``auto_sign_days``); then "In Progress"
  (numbers "Submitted"); 0.5 day later either "Action Required" (numbers "Rejected" with a
  ``rejection_reason``) or numbers "Pending" with a ``port_date`` (the target date, or one
  day after signing if later); "Completed" at the port date. DELETE: "Canceled".
Scripted rejections (from the request's data): PIN "9999" -> PIN; account number ending
  0000 -> account number; street containing WRONG -> address; customer name containing
  "CSR" -> words our table does not know.
Refusals (400 with Twilio's error shape, nothing filed): more than 1,000 numbers, toll-free
  numbers, Canadian area codes (not US), a number ending 0199 (21827 not portable), a
  number already in an open request (22137), a target date under 7 days, unknown or
  non-bill documents, another account's sid (403).
Faults (:class:`Faults`), per request, seeded: ``timeout`` (the work is done, the answer
  comes after the client gave up), ``drop`` (the work is done, the connection closes
  without an answer), ``500`` and ``429`` (nothing done).
Twilio echoes the PIN: every number in an answer carries ``port_out_pin``.
"""
from __future__ import annotations

import base64
import datetime as _dt
import email.parser
import json
import os
import random
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from fake_server import FakeServer

SPEC_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "provider-specs"
SPEC = SPEC_DIR / "twilio-porting-subset.yml"
SPEC_HOST = "https://numbers.twilio.com"
REQUIRE_ENV = "PORTWIZARD_REQUIRE_PROVIDER_SPECS"

FAKE_SID = "AC" + "5f3e" * 8
FAKE_AUTH_TOKEN = "tw-fake-auth-0c9a4e71b2"
FAKE_CREDENTIAL = f"{FAKE_SID}:{FAKE_AUTH_TOKEN}"

CANADIAN_AREA_CODES = {"204", "226", "236", "250", "289", "306", "403", "416", "418", "438",
                       "450", "506", "514", "519", "604", "613", "647", "705", "778", "780",
                       "807", "819", "867", "902", "905"}
TOLL_FREE = {"800", "833", "844", "855", "866", "877", "888"}
OPEN = {"Waiting for Signature", "In Review", "In Progress", "Action Required"}

_spec = None
_spec_lock = threading.Lock()


def require_spec() -> Path:
    """The description's path; skips the test with the reason when it is not next to the
    project, or FAILS it when ``PORTWIZARD_REQUIRE_PROVIDER_SPECS=1`` (CI)."""
    import pytest

    if SPEC.is_file():
        try:
            import openapi_core  # noqa: F401
        except ImportError:
            reason = "openapi-core is not installed (pip install -e '.[test]'): the Twilio " \
                     "contract tests need it"
        else:
            return SPEC
    else:
        reason = (f"Twilio's published API description is not at {SPEC}: the contract tests "
                  "need ../shared/provider-specs/twilio-porting-subset.yml")
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def spec():
    """Twilio's description loaded by openapi-core (once per process), with the two string
    formats it uses that openapi-core does not know."""
    global _spec
    with _spec_lock:
        if _spec is None:
            from openapi_core import Config, OpenAPI

            formats = {
                "phone-number": lambda v: bool(re.fullmatch(r"\+[1-9]\d{1,14}", v)),
                "iso-country-code": lambda v: bool(re.fullmatch(r"[A-Z]{2}", v)),
            }
            _spec = OpenAPI.from_file_path(
                str(SPEC), config=Config(extra_format_validators=formats))
        return _spec


def check_request(method: str, path: str, query: str, body: bytes, content_type: str,
                  authorization: str = "Basic x") -> list[str]:
    """Problems of one request against Twilio's description ([] when it keeps to it)."""
    from openapi_core.testing import MockRequest

    if path == "/v1/Documents":
        return check_upload(method, body, content_type)
    request = MockRequest(SPEC_HOST, method.lower(), path,
                          args=dict(parse_qsl(query, keep_blank_values=True)),
                          data=body or None, content_type=content_type or None,
                          headers={"Authorization": authorization})
    result = spec().unmarshal_request(request)
    return [f"{method} {path}: {_why(e)}" for e in result.errors]


def check_upload(method: str, body: bytes, content_type: str) -> list[str]:
    """The Documents upload as Twilio's documentation page describes it (the description
    has no such operation)."""
    if method != "POST":
        return [f"{method} /v1/Documents: only POST is documented"]
    if not content_type.startswith("multipart/form-data"):
        return ["/v1/Documents: the body must be multipart/form-data"]
    fields = multipart(body, content_type)
    problems = [f"/v1/Documents: unknown field {n!r}" for n in fields
                if n not in ("document_type", "friendly_name", "File")]
    if fields.get("document_type", (None, b""))[1] != b"utility_bill":
        problems.append("/v1/Documents: document_type must be utility_bill")
    if not fields.get("File", (None, b""))[1].startswith(b"%PDF"):
        problems.append("/v1/Documents: the File part is missing or not a PDF")
    return problems


def multipart(body: bytes, content_type: str) -> dict[str, tuple[str | None, bytes]]:
    msg = email.parser.BytesParser().parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    out = {}
    for part in msg.get_payload() if msg.is_multipart() else []:
        name = part.get_param("name", header="content-disposition")
        out[name] = (part.get_filename(), part.get_payload(decode=True) or b"")
    return out


def check_response(method: str, path: str, query: str, status: int, body: bytes) -> list[str]:
    from openapi_core.testing import MockRequest, MockResponse

    if path == "/v1/Documents":
        return []
    request = MockRequest(SPEC_HOST, method.lower(), path,
                          args=dict(parse_qsl(query, keep_blank_values=True)),
                          headers={"Authorization": "Basic x"})
    response = MockResponse(body, status_code=status,
                            content_type="application/json" if body else None)
    result = spec().unmarshal_response(request, response)
    return [f"answer {status} to {method} {path}: {_why(e)}" for e in result.errors]


def _why(error: Exception) -> str:
    """openapi-core's error with the schema's own words (short: not the whole value)."""
    cause = error.__cause__
    details = [getattr(e, "message", str(e)) for e in getattr(cause, "schema_errors", ())]
    if not details and cause is not None:
        details = [str(cause)[:300]]
    return f"{type(error).__name__}" + (f" ({'; '.join(details)})" if details else "")


@dataclass
class Faults:
    """Which requests fail and how (seeded, so a run can be repeated)."""

    rate: float = 0.0
    kinds: tuple[str, ...] = ("timeout", "drop", "500", "429")
    methods: tuple[str, ...] = ("POST", "DELETE")
    paths: tuple[str, ...] = ()  # only these paths (all when empty)
    seed: int = 11
    timeout_sleep: float = 0.3  # longer than the test client's read timeout
    counts: dict = field(default_factory=dict)

    def __post_init__(self):
        self._random = random.Random(self.seed)
        self._lock = threading.Lock()

    def pick(self, method: str, path: str = "") -> str | None:
        if method not in self.methods or self.rate <= 0 or (self.paths and path not in self.paths):
            return None
        with self._lock:
            if self._random.random() >= self.rate:
                return None
            kind = self._random.choice(self.kinds)
            self.counts[kind] = self.counts.get(kind, 0) + 1
            return kind


def _sid(prefix: str) -> str:
    return prefix + uuid.uuid4().hex


class FakeTwilio(FakeServer):
    """``with FakeTwilio() as fake: fake.url`` -> ``http://127.0.0.1:<port>`` (both the
    API and the Documents host)."""

    def __init__(self, *, account_sid: str = FAKE_SID, auth_token: str = FAKE_AUTH_TOKEN,
                 seconds_per_day: float = 0.5, auto_sign_days: float | None = None,
                 faults: Faults | None = None, validate_responses: bool = True):
        self._start_clock(seconds_per_day)
        self.account_sid = account_sid
        self.auth = "Basic " + base64.b64encode(f"{account_sid}:{auth_token}".encode()).decode()
        self.auto_sign_days = auto_sign_days
        self.faults = faults or Faults()
        self.validate_responses = validate_responses
        self.requests_by_sid: dict[str, dict] = {}
        self.documents: dict[str, dict] = {}
        self.creates: dict[frozenset, int] = {}   # numbers -> port-in requests filed
        self.requests: list[tuple[str, str]] = []
        self.violations: list[str] = []
        self.received: list[bytes] = []

    # ------------------------------------------------------------------ hooks

    def sign(self, sid: str | None = None) -> None:
        """The authorized person signed the LOA Twilio e-mailed (every waiting request
        when ``sid`` is None)."""
        with self._lock:
            for r in self.requests_by_sid.values():
                if (sid is None or r["port_in_request_sid"] == sid) \
                        and r["_sim"]["signed"] is None:
                    r["_sim"]["signed"] = self.now()

    def created_count(self, numbers: list[str] | None = None) -> int:
        with self._lock:
            if numbers is not None:
                return self.creates.get(frozenset(numbers), 0)
            return sum(self.creates.values())

    def start(self) -> "FakeTwilio":
        require_spec()
        return self._serve(_Handler, "fake-twilio")

    # ------------------------------------------------------------------ lifecycle

    @staticmethod
    def _iso(moment: _dt.datetime) -> str:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def _refresh(self, r: dict) -> None:
        now, sim = self.now(), r["_sim"]
        if sim["signed"] is None and self.auto_sign_days is not None \
                and now >= sim["created"] + _dt.timedelta(days=self.auto_sign_days):
            sim["signed"] = sim["created"] + _dt.timedelta(days=self.auto_sign_days)
        port_date, reason = None, None
        if sim["cancelled"] is not None:
            status, number_status, since = "Canceled", "Canceled", sim["cancelled"]
        elif sim["signed"] is None:
            status, number_status, since = "Waiting for Signature", "Waiting for Signature", \
                sim["created"]
        else:
            decided = sim["signed"] + _dt.timedelta(days=0.5)
            port_date = max(sim["target"], sim["signed"] + _dt.timedelta(days=1))
            if now < decided:
                status, number_status, since = "In Progress", "Submitted", sim["signed"]
            elif sim["reject"]:
                status, number_status, since = "Action Required", "Rejected", decided
                reason = sim["reject"]
            elif now < port_date:
                status, number_status, since = "In Progress", "Pending", decided
            else:
                status, number_status, since = "Completed", "Completed", port_date
        r["port_in_request_status"] = status
        for n in r["phone_numbers"]:
            n["port_in_phone_number_status"] = number_status
            n["status_last_time_updated_timestamp"] = self._iso(since)
            n["rejection_reason"] = reason
            n["port_date"] = self._iso(port_date) if port_date and number_status in (
                "Pending", "Completed") else None

    @staticmethod
    def _rejection_for(body: dict) -> str | None:
        info = body["losing_carrier_information"]
        pins = {n.get("pin") for n in body["phone_numbers"]}
        if "9999" in pins:
            return "Port out PIN is incorrect"
        if str(info.get("account_number") or "").endswith("0000"):
            return "Account number does not match the losing carrier's records"
        if "WRONG" in str((info.get("address") or {}).get("street") or "").upper():
            return "Service address does not match the losing carrier's records"
        if "CSR" in str(info.get("customer_name") or ""):
            return "Losing carrier asks for a copy of the customer service record"
        return None

    def _refuse(self, body: dict) -> tuple[int, dict] | None:
        if body["account_sid"] != self.account_sid:
            return _error(403, 20003, "The account sid is not yours.")
        numbers = [n["phone_number"] for n in body.get("phone_numbers") or []]
        if not numbers:
            return _error(400, 20001, "At least one phone number is required.")
        if len(numbers) > 1000:
            return _error(400, 20001, "A port in request takes at most 1000 phone numbers.")
        for n in numbers:
            if n[2:5] in TOLL_FREE:
                return _error(400, 20001, f"Toll-free numbers are not supported: {n}.")
            if not n.startswith("+1") or n[2:5] in CANADIAN_AREA_CODES:
                return _error(400, 20001, f"Only US numbers can be ported: {n}.")
            if n.endswith("0199"):
                return _error(400, 21827, f"Phone number {n} is not portable.")
        for r in self.requests_by_sid.values():
            self._refresh(r)
        busy = {n["phone_number"] for r in self.requests_by_sid.values()
                if r["port_in_request_status"] in OPEN for n in r["phone_numbers"]}
        if busy & set(numbers):
            return _error(400, 22137, "A port in request for this phone number is already in "
                                      "progress with one of your accounts.")
        target = body.get("target_port_in_date")
        # Counted from the real date: the fast clock must not refuse what the client allowed.
        if target and _dt.date.fromisoformat(target) < _dt.date.today() + _dt.timedelta(days=7):
            return _error(400, 20001, "target_port_in_date must be at least 7 days in the "
                                      "future for US ports.")
        docs = body.get("documents") or []
        if not docs or any(self.documents.get(d, {}).get("document_type") != "utility_bill"
                           for d in docs):
            return _error(400, 20001, "At least one Utility Bill document sid is required.")
        return None

    def _new_request(self, body: dict) -> dict:
        now = self.now()
        sid = _sid("KW")
        info = body["losing_carrier_information"]
        target = body.get("target_port_in_date")
        target_at = (_dt.datetime.fromisoformat(target + "T16:00:00+00:00") if target
                     else now + _dt.timedelta(days=7))
        return {
            "port_in_request_sid": sid, "url": f"{SPEC_HOST}/v1/Porting/PortIn/{sid}",
            "account_sid": body["account_sid"],
            "notification_emails": body.get("notification_emails"),
            "target_port_in_date": target, "target_port_in_time_range_start": None,
            "target_port_in_time_range_end": None,
            "port_in_request_status": "Waiting for Signature", "order_cancellation_reason": None,
            "losing_carrier_information": dict(info),
            "phone_numbers": [{
                "phone_number": n["phone_number"], "number_type": "LOCAL",
                "port_in_phone_number_sid": _sid("PU"),
                "port_in_phone_number_status": "Waiting for Signature",
                "portable": True, "not_portability_reason": None,
                "not_portability_reason_code": None, "rejection_reason": None,
                "rejection_reason_code": None, "port_date": None,
                "status_last_time_updated_timestamp": self._iso(now),
                "external_porting_vendor_phone_number_id": None,
                "port_out_pin": n.get("pin"),  # Twilio echoes the PIN
            } for n in body["phone_numbers"]],
            "bundle_sid": None, "portability_advance_carrier": None,
            "auto_cancel_approval_numbers": None, "documents": list(body["documents"]),
            "date_created": self._iso(now),
            "support_ticket_id": random.Random(sid).randint(100000, 999999),
            "signature_request_url": f"https://sign.example.invalid/{sid}",
            "_sim": {"created": now, "signed": None, "cancelled": None,
                     "target": target_at, "reject": self._rejection_for(body)},
        }

    @staticmethod
    def public(r: dict) -> dict:
        return {k: v for k, v in r.items() if not k.startswith("_")}

    # ------------------------------------------------------------------ routes

    def handle(self, method: str, path: str, query: dict, body: bytes, ctype: str):
        """(status, answer or None) for one request that passed the checks."""
        now = self.now()
        with self._lock:
            if path == "/v1/Documents":
                fields = multipart(body, ctype)
                sid = _sid("RD")
                self.documents[sid] = {
                    "sid": sid, "document_type": "utility_bill",
                    "friendly_name": fields.get("friendly_name", (None, b""))[1].decode(),
                    "mime_type": "application/pdf", "status": "uploaded",
                    "date_created": self._iso(now), "size": len(fields["File"][1])}
                return 201, self.documents[sid]
            if path.startswith("/v1/Porting/Portability/PhoneNumber/"):
                number = unquote(path.rsplit("/", 1)[1])
                toll_free = number[2:5] in TOLL_FREE
                canadian = number[2:5] in CANADIAN_AREA_CODES
                portable = not (toll_free or canadian or number.endswith("0199"))
                reason, code = ((None, None) if portable else
                                ("MANUAL_PORTING_AVAILABLE", 22133) if toll_free else
                                ("NOT_SUPPORTED_COUNTRY", 22131) if canadian else
                                ("NOT_PORTABLE", 21827))
                return 200, {"phone_number": number, "account_sid": None, "portable": portable,
                             "pin_and_account_number_required": portable,
                             "not_portable_reason": reason, "not_portable_reason_code": code,
                             "number_type": "TOLL-FREE" if toll_free else "LOCAL",
                             "country": "CA" if canadian else "US",
                             "url": f"{SPEC_HOST}{path}"}
            if path == "/v1/Porting/PortIn" and method == "POST":
                req = json.loads(body)
                refusal = self._refuse(req)
                if refusal is not None:
                    return refusal
                r = self._new_request(req)
                self.requests_by_sid[r["port_in_request_sid"]] = r
                key = frozenset(n["phone_number"] for n in req["phone_numbers"])
                self.creates[key] = self.creates.get(key, 0) + 1
                return 202, self.public(r)
            if path == "/v1/Porting/PortIn/PortInRequests":
                return 200, self._list(query)
            sid = path.rsplit("/", 1)[1]
            r = self.requests_by_sid.get(sid)
            if r is None:
                return _error(404, 20404, f"The requested resource {path} was not found")
            self._refresh(r)
            if method == "GET":
                return 200, self.public(r)
            if method == "DELETE":
                if r["port_in_request_status"] not in OPEN:
                    return _error(400, 20001, "The port in request cannot be canceled in "
                                              f"status {r['port_in_request_status']}.")
                r["_sim"]["cancelled"] = now
                self._refresh(r)
                return 204, None
        return _error(404, 20404, "No such route in the fake.")

    def _list(self, query: dict) -> dict:
        items = []
        for r in sorted(self.requests_by_sid.values(), key=lambda r: r["_sim"]["created"],
                        reverse=True):
            self._refresh(r)
            created = r["_sim"]["created"].date().isoformat()
            if query.get("CreatedAfter") and created < query["CreatedAfter"]:
                continue
            if query.get("CreatedBefore") and created > query["CreatedBefore"]:
                continue
            if query.get("PortInRequestStatus") and \
                    r["port_in_request_status"] != query["PortInRequestStatus"]:
                continue
            if query.get("PortInRequestSid") and r["port_in_request_sid"] not in \
                    query["PortInRequestSid"].split(","):
                continue
            stamps = [n["status_last_time_updated_timestamp"] for n in r["phone_numbers"]]
            items.append({"port_in_request_sid": r["port_in_request_sid"],
                          "port_in_request_status": r["port_in_request_status"],
                          "status_last_updated_timestamp": max(stamps),
                          "phone_numbers_requested": len(r["phone_numbers"]),
                          "phone_numbers_ported": sum(
                              n["port_in_phone_number_status"] == "Completed"
                              for n in r["phone_numbers"]),
                          "suggested_action": None})
        size = int(query.get("Size") or 20)
        start = 0
        if query.get("Token"):
            sids = [i["port_in_request_sid"] for i in items]
            start = sids.index(query["Token"]) if query["Token"] in sids else len(items)
        page = items[start:start + size]
        following = items[start + size:start + size + 1]
        return {"port_in_requests": page,
                "meta": {"next_token": following[0]["port_in_request_sid"] if following
                         else None, "previous_token": None}}


def _error(status: int, code: int, message: str) -> tuple[int, dict]:
    return status, {"code": code, "message": message,
                    "more_info": f"https://www.twilio.com/docs/errors/{code}", "status": status}


class _Handler(BaseHTTPRequestHandler):
    fake: FakeTwilio
    protocol_version = "HTTP/1.0"
    # Headers and body go out as two writes: without TCP_NODELAY, Nagle's algorithm and the
    # client's delayed ACK add ~40 ms to every answer.
    disable_nagle_algorithm = True

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self):
        self._serve()

    def do_POST(self):
        self._serve()

    def do_DELETE(self):
        self._serve()

    def _serve(self) -> None:
        try:
            self._serve_checked()
        except Exception as exc:  # a bug in the fake: visible in the test, not a hang
            self.fake.violations.append(f"fake failed: {type(exc).__name__}: {exc}")
            self._send(500, {"code": 20500, "message": "fake failed", "status": 500})

    def _serve_checked(self) -> None:
        fake = self.fake
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        ctype = self.headers.get("Content-Type", "")
        method = self.command
        with fake._lock:
            fake.requests.append((method, split.path))
            fake.received.append(body)
        if self.headers.get("Authorization") != fake.auth:
            return self._send(*_error(401, 20003, "Authenticate"))
        fault = fake.faults.pick(method, split.path)
        if fault == "500":
            return self._send(*_error(500, 20500, "Internal Server Error"))
        if fault == "429":
            return self._send(*_error(429, 20429, "Too Many Requests"), {"Retry-After": "0"})
        problems = check_request(method, split.path, split.query, body, ctype,
                                 self.headers.get("Authorization"))
        if problems:
            with fake._lock:
                fake.violations.extend(problems)
            return self._send(*_error(400, 20001, "; ".join(problems)[:500]))
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        status, answer = fake.handle(method, split.path, query, body, ctype)
        payload = json.dumps(answer).encode() if answer is not None else b""
        if fake.validate_responses and status < 400:
            problems = check_response(method, split.path, split.query, status, payload)
            if problems:
                with fake._lock:
                    fake.violations.extend(problems)
        if fault == "timeout":
            time.sleep(fake.faults.timeout_sleep)  # done, but the client has given up
        if fault == "drop":
            self.close_connection = True
            try:
                self.connection.shutdown(2)
            except OSError:
                pass
            return None
        return self._send(status, answer)

    def _send(self, status: int, answer: dict | None, headers: dict | None = None) -> None:
        payload = json.dumps(answer).encode() if answer is not None else b""
        try:
            self.send_response(status)
            if answer is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the client gave up (its read timeout)
            self.close_connection = True
