"""A stateful fake of Telnyx's porting API on loopback, for tests and bench/ (test code).

In the manner of the built-in sandbox: a fast clock (one simulated day lasts
``seconds_per_day`` real seconds), lifecycles decided by the order's data, and it checks
every request it receives against Telnyx's published description
(``../shared/provider-specs/telnyx-porting-subset.yml``; ``/connections`` against the
targets subset) with openapi-core, and every answer it sends too. Anything that breaks the
description is answered 422 and kept in :attr:`FakeTelnyx.violations`.

Behaviour (counted from each confirm, in simulated days):
  in-process at once; submitted (at the losing carrier) after 0.25; after 1.0 either an
  exception or foc-date-confirmed; ported at the FOC moment (the requested one if it is
  later than that, otherwise 2.5 days after confirm). Cancel: cancel-pending, then
  cancelled 0.2 day later; refused within 48 h of a confirmed FOC.
Scripted exceptions (from the PATCHed data, so a corrected PATCH + confirm clears them):
  pin_passcode "9999" -> PASSCODE_PIN_INVALID; account number ending in 0000 ->
  ACCOUNT_NUMBER_MISMATCH; street containing WRONG -> LOCATION_MISMATCH.
Splits: one part per area code (+1 NPA) in POST /porting_orders.
Portability: a number ending in 0199 is not portable ("No coverage").
Faults (:class:`Faults`): per request, with a seeded random rate: ``timeout`` (the work is
done, the answer comes after the client gave up), ``drop`` (the work is done, the
connection closes without an answer), ``500`` and ``429`` (nothing done).
"""
from __future__ import annotations

import datetime as _dt
import email.parser
import hashlib
import json
import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from fake_server import FakeServer

#: the API key the fake accepts (obviously fake)
FAKE_TELNYX_KEY = "KEYfake0000TELNYX0000test"
SPEC_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "provider-specs"
PORTING_SPEC = SPEC_DIR / "telnyx-porting-subset.yml"
TARGETS_SPEC = SPEC_DIR / "telnyx-targets-subset.yml"
SPEC_HOST = "https://api.telnyx.com"

_specs: dict[str, object] = {}
_specs_lock = threading.Lock()


def spec(path: Path = PORTING_SPEC):
    """The description loaded by openapi-core (once per process)."""
    with _specs_lock:
        if str(path) not in _specs:
            from openapi_core import Config, OpenAPI

            # The targets subset trips openapi-core's check of the description itself on a
            # `default: null` of a query parameter we never send; requests are still
            # validated against it.
            config = Config(spec_validator_cls=None) if path == TARGETS_SPEC else None
            _specs[str(path)] = OpenAPI.from_file_path(str(path), config=config)
        return _specs[str(path)]


def check_request(method: str, path: str, query: str, body: bytes, content_type: str) -> list[str]:
    """Problems of one request against the description ([] when it keeps to it). Multipart
    bodies are checked by field names and the file part (openapi-core cannot validate
    binary parts of an OpenAPI 3.1 description)."""
    from openapi_core.testing import MockRequest

    the_spec = spec(TARGETS_SPEC if path.startswith("/v2/connections") else PORTING_SPEC)
    args = dict(parse_qsl(query, keep_blank_values=True))
    if content_type.startswith("multipart/form-data"):
        problems = _check_multipart(path, body, content_type)
        request = MockRequest(SPEC_HOST, method.lower(), path, args=args,
                              headers={"Authorization": "Bearer x"})
        result = the_spec.unmarshal_request(request)
        return problems + [str(e) for e in result.errors
                           if type(e).__name__ not in ("MissingRequestBody", "InvalidRequestBody",
                                                       "MissingRequiredRequestBody")]
    request = MockRequest(SPEC_HOST, method.lower(), path, args=args, data=body or None,
                          content_type=content_type or "application/json",
                          headers={"Authorization": "Bearer x"})
    try:
        the_spec.validate_request(request)
    except Exception as exc:  # the validator's own words are the test's evidence
        cause = exc.__cause__ or exc.__context__
        return [f"{method} {path}: {exc}" + (f" ({cause})" if cause else "")]
    return []


def _multipart_fields() -> set[str]:
    import yaml

    with _specs_lock:
        if "multipart" not in _specs:
            doc = yaml.safe_load(PORTING_SPEC.read_text("utf-8"))
            _specs["multipart"] = set(doc["components"]["schemas"][
                "CreateMultiPartDocServiceDocumentRequest"]["properties"])
        return _specs["multipart"]


def _check_multipart(path: str, body: bytes, content_type: str) -> list[str]:
    msg = email.parser.BytesParser().parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    names = {}
    for part in msg.get_payload() if msg.is_multipart() else []:
        disp = part.get("Content-Disposition", "")
        name = part.get_param("name", header="content-disposition")
        names[name] = part.get_payload(decode=True) or b""
        if not disp.startswith("form-data"):
            return [f"{path}: a multipart part is not form-data"]
    allowed = _multipart_fields()
    problems = [f"{path}: unknown multipart field {n!r}" for n in names if n not in allowed]
    if not names.get("file", b"").startswith(b"%PDF"):
        problems.append(f"{path}: the 'file' part is missing or not a PDF")
    return problems


def check_response(method: str, path: str, query: str, status: int, body: bytes) -> list[str]:
    from openapi_core.testing import MockRequest, MockResponse

    the_spec = spec(TARGETS_SPEC if path.startswith("/v2/connections") else PORTING_SPEC)
    request = MockRequest(SPEC_HOST, method.lower(), path,
                          args=dict(parse_qsl(query, keep_blank_values=True)))
    try:
        the_spec.validate_response(request, MockResponse(body, status_code=status))
    except Exception as exc:
        return [f"answer to {method} {path}: {exc}"]
    return []


@dataclass
class Faults:
    """Which requests fail and how (seeded, so a run can be repeated)."""

    rate: float = 0.0
    kinds: tuple[str, ...] = ("timeout", "drop", "500", "429")
    methods: tuple[str, ...] = ("POST",)
    seed: int = 9
    timeout_sleep: float = 0.3  # longer than the test client's read timeout
    counts: dict = field(default_factory=dict)

    def __post_init__(self):
        self._random = random.Random(self.seed)
        self._lock = threading.Lock()

    def pick(self, method: str) -> str | None:
        if method not in self.methods or self.rate <= 0:
            return None
        with self._lock:
            if self._random.random() >= self.rate:
                return None
            kind = self._random.choice(self.kinds)
            self.counts[kind] = self.counts.get(kind, 0) + 1
            return kind


class FakeTelnyx(FakeServer):
    """``with FakeTelnyx(token=...) as fake: fake.url`` -> ``http://127.0.0.1:<port>/v2``."""

    URL_PATH = "/v2"

    def __init__(self, *, token: str, seconds_per_day: float = 0.5, faults: Faults | None = None,
                 validate_responses: bool = True):
        self._start_clock(seconds_per_day)
        self.token = token
        self.faults = faults or Faults()
        self.validate_responses = validate_responses
        self.orders: dict[str, dict] = {}
        self.documents: dict[str, dict] = {}
        self.comments: dict[str, list[dict]] = {}
        self.additional: dict[str, list[dict]] = {}
        self.creates: dict[str, int] = {}     # customer_reference -> POST /porting_orders done
        self.requests: list[tuple[str, str]] = []
        self.violations: list[str] = []
        self.received_bodies: list[bytes] = []

    def start(self) -> "FakeTelnyx":
        return self._serve(_Handler, "fake-telnyx")

    def created_count(self, ref: str | None = None) -> int:
        with self._lock:
            return self.creates.get(ref, 0) if ref else sum(self.creates.values())

    # ------------------------------------------------------------------ lifecycle

    def _iso(self, moment: _dt.datetime) -> str:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"

    def _refresh(self, order: dict) -> None:
        now = self.now()
        sim = order["_sim"]
        if sim.get("cancel_at") is not None:
            order["status"] = {"value": "cancel-pending" if now < sim["cancel_at"]
                               + _dt.timedelta(days=0.2) else "cancelled", "details": []}
        elif sim.get("confirmed_at") is not None:
            t0 = sim["confirmed_at"]
            days = (now - t0).total_seconds() / 86400
            if days < 0.25:
                value, details = "in-process", []
            elif days < 1.0:
                value, details = "submitted", []
            elif sim["exception"]:
                value, details = "exception", [sim["exception"]]
            else:
                foc = sim["foc"]
                order["activation_settings"]["foc_datetime_actual"] = self._iso(foc)
                value = "ported" if now >= foc else "foc-date-confirmed"
                details = []
            order["status"] = {"value": value, "details": details}
        for n in order["phone_numbers"]:
            n["porting_order_status"] = order["status"]["value"]
            n["activation_status"] = "Active" if order["status"]["value"] == "ported" else "New"

    def _exception_for(self, order: dict) -> dict | None:
        admin = order["end_user"]["admin"]
        street = order["end_user"]["location"].get("street_address") or ""
        if admin.get("pin_passcode") == "9999":
            return {"code": "PASSCODE_PIN_INVALID", "description": "The PIN/passcode is invalid"}
        if (admin.get("account_number") or "").endswith("0000"):
            return {"code": "ACCOUNT_NUMBER_MISMATCH",
                    "description": "Account number does not match the losing carrier's record"}
        if "WRONG" in street.upper():
            return {"code": "LOCATION_MISMATCH", "description": "Service address does not match"}
        return None

    def _new_order(self, ref: str | None, numbers: list[str]) -> dict:
        oid = str(uuid.uuid4())
        stamp = self._iso(self.now())
        return {
            "id": oid, "record_type": "porting_order", "customer_reference": ref,
            "customer_group_reference": None, "created_at": stamp, "updated_at": stamp,
            "description": "portwizard fake", "old_service_provider_ocn": "Fake Telephone Co",
            "parent_support_key": None, "support_key": None,
            "phone_number_type": "local", "porting_phone_numbers_count": len(numbers),
            "requirements": [], "requirements_met": True, "webhook_url": None,
            "user_id": "40d68ba2-0847-4df2-be9c-b0e0cb673e75",
            "user_feedback": {"user_comment": None, "user_rating": None},
            "messaging": {"enable_messaging": False, "messaging_capable": False,
                          "messaging_port_completed": False,
                          "messaging_port_status": "not_applicable"},
            "activation_settings": {"activation_status": None, "fast_port_eligible": False,
                                    "foc_datetime_actual": None,
                                    "foc_datetime_requested": None},
            "documents": {"loa": None, "invoice": None},
            "end_user": {"admin": {k: None for k in (
                "account_number", "auth_person_name", "billing_phone_number",
                "business_identifier", "entity_name", "pin_passcode", "tax_identifier")},
                "location": {k: None for k in (
                    "administrative_area", "country_code", "extended_address", "locality",
                    "postal_code", "street_address")}},
            "misc": None,
            "phone_number_configuration": {"billing_group_id": None, "connection_id": None,
                                           "emergency_address_id": None,
                                           "messaging_profile_id": None, "tags": []},
            "phone_numbers": [{"phone_number": n, "phone_number_type": "local",
                               "portability_status": "confirmed", "porting_order_id": oid,
                               "porting_order_status": "draft", "record_type":
                               "porting_phone_number", "activation_status": "New",
                               "requirements_status": "approved",
                               "support_key": "sr_" + oid[:6]} for n in numbers],
            "status": {"value": "draft", "details": []},
            "_sim": {"confirmed_at": None, "cancel_at": None, "exception": None, "foc": None},
        }

    @staticmethod
    def public(order: dict) -> dict:
        return {k: v for k, v in order.items() if not k.startswith("_")}

    # ------------------------------------------------------------------ routes

    def handle(self, method: str, path: str, query: dict, body: bytes, ctype: str):
        """(status, answer) for one request that passed the checks."""
        parts = path.split("/")[2:]  # after "", "v2"
        now = self.now()
        with self._lock:
            if parts == ["connections"]:
                return 200, {"data": [{"id": "1752379429071357070", "record_type":
                                       "ip_connection", "connection_name": "Front desk",
                                       "active": True}],
                             "meta": {"page_number": 1, "page_size": 250, "total_pages": 1,
                                      "total_results": 1}}
            if parts == ["portability_checks"]:
                numbers = json.loads(body)["phone_numbers"]
                return 201, {"data": [{
                    "phone_number": n, "portable": not n.endswith("0199"),
                    "fast_portable": not n.endswith("0199") and n.endswith("7"),
                    "not_portable_reason": "No coverage" if n.endswith("0199") else "",
                    "record_type": "portability_check_result"} for n in numbers]}
            if parts == ["documents"]:
                msg = email.parser.BytesParser().parsebytes(
                    b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + body)
                fields = {p.get_param("name", header="content-disposition"): p
                          for p in msg.get_payload()}
                data = fields["file"].get_payload(decode=True)
                doc_id = str(uuid.uuid4())
                stamp = self._iso(now)
                self.documents[doc_id] = {
                    "id": doc_id, "record_type": "document", "created_at": stamp,
                    "updated_at": stamp, "filename": fields["file"].get_filename() or "",
                    "customer_reference": (fields["customer_reference"].get_payload(decode=True)
                                           or b"").decode() if "customer_reference" in fields
                    else "", "content_type": "application/pdf", "status": "pending",
                    "av_scan_status": "scanned", "sha256": hashlib.sha256(data).hexdigest(),
                    "size": {"amount": len(data), "unit": "bytes"}}
                return 200, {"data": self.documents[doc_id]}
            if parts == ["porting_orders"] and method == "POST":
                req = json.loads(body)
                groups: dict[str, list[str]] = {}
                for n in req["phone_numbers"]:
                    groups.setdefault(n[:5], []).append(n)
                created = [self._new_order(req.get("customer_reference"), g)
                           for g in groups.values()]
                for o in created:
                    self.orders[o["id"]] = o
                ref = req.get("customer_reference") or ""
                self.creates[ref] = self.creates.get(ref, 0) + 1
                return 201, {"data": [self.public(o) for o in created]}
            if parts == ["porting_orders"] and method == "GET":
                ref = query.get("filter[customer_reference]")
                found = [o for o in self.orders.values()
                         if ref is None or o["customer_reference"] == ref]
                for o in found:
                    self._refresh(o)
                return 200, {"data": [self.public(o) for o in found],
                             "meta": {"page_number": 1, "page_size": 50, "total_pages": 1,
                                      "total_results": len(found)}}
            order = self.orders.get(parts[1]) if len(parts) > 1 else None
            if order is None:
                return 404, {"errors": [{"code": "10005", "title": "Resource not found",
                                         "detail": "The porting order does not exist."}]}
            self._refresh(order)
            sub = parts[2:]
            value = order["status"]["value"]
            if sub == [] and method == "GET":
                return 200, {"data": self.public(order)}
            if sub == [] and method == "PATCH":
                if value not in ("draft", "exception"):
                    return 422, _error("Only a draft or an order in exception can be changed.")
                req = json.loads(body)
                for key in ("end_user",):
                    for group, values in (req.get(key) or {}).items():
                        order[key][group].update(values)
                for key in ("documents", "activation_settings", "phone_number_configuration"):
                    if key in req:
                        order[key].update(req[key])
                if "misc" in req:
                    order["misc"] = {"type": "full", "remaining_numbers_action": None,
                                     "new_billing_phone_number": None, **(req["misc"] or {})}
                order["updated_at"] = self._iso(now)
                return 200, {"data": self.public(order)}
            if sub == ["allowed_foc_windows"]:
                day = (now + _dt.timedelta(days=3)).replace(hour=15, minute=0, second=0,
                                                           microsecond=0)
                windows = []
                while len(windows) < 10:
                    if day.weekday() < 5:
                        windows.append({"record_type": "allowed_foc_window",
                                        "started_at": self._iso(day),
                                        "ended_at": self._iso(day + _dt.timedelta(hours=4))})
                    day += _dt.timedelta(days=1)
                return 200, {"data": windows, "meta": {"page_number": 1, "page_size": 10,
                                                       "total_pages": 1, "total_results": 10}}
            if sub == ["additional_documents"]:
                if method == "POST":
                    items = []
                    for d in json.loads(body)["additional_documents"]:
                        items.append({"id": str(uuid.uuid4()), "document_id": d["document_id"],
                                      "document_type": d["document_type"],
                                      "porting_order_id": order["id"],
                                      "record_type": "porting_additional_document",
                                      "created_at": self._iso(now), "updated_at": self._iso(now)})
                    self.additional.setdefault(order["id"], []).extend(items)
                    return 201, {"data": items}
                return 200, {"data": self.additional.get(order["id"], []),
                             "meta": {"page_number": 1, "page_size": 20, "total_pages": 1,
                                      "total_results": len(self.additional.get(order["id"], []))}}
            if sub == ["comments"]:
                if method == "POST":
                    item = {"id": str(uuid.uuid4()), "porting_order_id": order["id"],
                            "body": json.loads(body)["body"], "user_type": "user",
                            "record_type": "porting_comment", "created_at": self._iso(now)}
                    self.comments.setdefault(order["id"], []).append(item)
                    return 201, {"data": item}
                items = self.comments.get(order["id"], [])
                return 200, {"data": items, "meta": {"page_number": 1, "page_size": 20,
                                                     "total_pages": 1,
                                                     "total_results": len(items)}}
            if sub == ["actions", "confirm"]:
                if value not in ("draft", "exception"):
                    return 422, _error("The porting order is not in draft or exception.")
                admin = order["end_user"]["admin"]
                if not (order["documents"]["loa"] and order["documents"]["invoice"]
                        and admin["entity_name"] and admin["account_number"]):
                    return 422, _error("The porting order is missing required information.")
                sim = order["_sim"]
                sim["confirmed_at"] = now
                sim["exception"] = self._exception_for(order)
                requested = order["activation_settings"].get("foc_datetime_requested")
                foc = now + _dt.timedelta(days=2.5)
                if requested:
                    asked = _dt.datetime.fromisoformat(requested.replace("Z", "+00:00"))
                    foc = max(foc, asked)
                sim["foc"] = foc
                order["support_key"] = "sr_" + order["id"][:6]
                order["parent_support_key"] = "pr_" + order["id"][:6]
                self._refresh(order)
                return 200, {"data": self.public(order)}
            if sub == ["actions", "cancel"]:
                foc = order["_sim"]["foc"]
                if value in ("cancelled", "cancel-pending", "ported"):
                    return 422, _error(f"The porting order is already {value}.")
                if value == "foc-date-confirmed" and foc - now < _dt.timedelta(hours=48):
                    return 422, _error("Porting orders cannot be cancelled within 48 hours of "
                                       "the FOC date.")
                order["_sim"]["cancel_at"] = now
                self._refresh(order)
                return 200, {"data": self.public(order)}
        return 404, _error("No such route in the fake.")


def _error(detail: str) -> dict:
    return {"errors": [{"code": "10015", "title": "Unprocessable entity", "detail": detail}]}


class _Handler(BaseHTTPRequestHandler):
    fake: FakeTelnyx
    protocol_version = "HTTP/1.0"

    def log_message(self, *args) -> None:  # quiet
        pass

    def _serve(self) -> None:
        try:
            self._serve_checked()
        except Exception as exc:  # a bug in the fake: visible in the test, not a hang
            self.fake.violations.append(f"fake failed: {type(exc).__name__}: {exc}")
            self._send(500, {"errors": [{"code": "0", "title": "fake failed"}]})

    def _serve_checked(self) -> None:
        fake = self.fake
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        ctype = self.headers.get("Content-Type", "")
        method = self.command
        with fake._lock:
            fake.requests.append((method, split.path))
            fake.received_bodies.append(body)
        if self.headers.get("Authorization") != f"Bearer {fake.token}":
            return self._send(401, {"errors": [{"code": "10009", "title":
                                                "Authentication failed"}]})
        fault = fake.faults.pick(method)
        if fault == "500":
            return self._send(500, {"errors": [{"code": "10007", "title": "Unexpected error"}]})
        if fault == "429":
            return self._send(429, {"errors": [{"code": "10011", "title": "Too many requests"}]},
                              {"Retry-After": "0"})
        problems = check_request(method, split.path, split.query, body, ctype)
        if problems:
            with fake._lock:
                fake.violations.extend(problems)
            return self._send(422, _error("; ".join(problems)[:500]))
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        status, answer = fake.handle(method, split.path, query, body, ctype)
        payload = json.dumps(answer).encode()
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

    def _send(self, status: int, answer: dict, headers: dict | None = None) -> None:
        payload = json.dumps(answer).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the client left (its read timed out)
            pass

    do_GET = do_POST = do_PATCH = do_DELETE = _serve
