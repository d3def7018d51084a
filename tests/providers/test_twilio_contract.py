"""The Twilio adapter against Twilio's published description
(../shared/provider-specs/twilio-porting-subset.yml): every request it builds keeps to it,
and what it reads from Twilio's answers is read from the description's own examples."""
from __future__ import annotations

import datetime as _dt
import json

import pytest
import requests
import yaml

from fake_twilio import FAKE_CREDENTIAL, FAKE_SID, SPEC, check_request, require_spec
from orderkit import FAKE_ACCOUNT, FAKE_PIN, valid_order
from portwizard.domain.order import to_dict
from portwizard.endpoint.providers.base import scrub_pins
from portwizard.endpoint.providers.twilio import TwilioAdapter
from portwizard.endpoint.providers.twilio_mapping import create_body

TODAY = _dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def twilio_spec():
    return require_spec()


def examples() -> dict:
    """operationId -> {status: example value} from the description itself."""
    doc = yaml.safe_load(SPEC.read_text("utf-8"))
    out = {}
    for item in doc["paths"].values():
        for op in item.values():
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            for status, resp in op.get("responses", {}).items():
                for media in (resp.get("content") or {}).values():
                    for ex in (media.get("examples") or {}).values():
                        out.setdefault(op["operationId"], {})[int(status)] = ex["value"]
    return out


class ReplaySession:
    """A requests.Session stand-in answering from recorded (status, JSON) pairs; it keeps
    every prepared request so the test can validate what the adapter sent."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.sent: list[requests.PreparedRequest] = []
        self.auth = None

    def request(self, method, url, params=None, headers=None, json=None, files=None,
                data=None, timeout=None, allow_redirects=False, stream=False):
        prepared = requests.Request(method, url, params=params, headers=headers, json=json,
                                    files=files, data=data, auth=self.auth).prepare()
        self.sent.append(prepared)
        status, body = self.answers.pop(0)
        response = requests.Response()
        response.status_code = status
        response._content = b"" if body is None else _json(body)
        response.headers["Content-Type"] = "application/json"
        return response

    def close(self):
        pass


def _json(value) -> bytes:
    return json.dumps(value).encode()


def validate_sent(prepared: requests.PreparedRequest) -> list[str]:
    from urllib.parse import urlsplit

    split = urlsplit(prepared.url)
    body = prepared.body.encode() if isinstance(prepared.body, str) else prepared.body or b""
    return check_request(prepared.method, split.path, split.query, body,
                         prepared.headers.get("Content-Type", ""),
                         prepared.headers.get("Authorization", ""))


def order_doc(tmp_path, **changes) -> dict:
    order = valid_order(tmp_path)
    order.requested_foc_date = (TODAY + _dt.timedelta(days=10)).isoformat()
    doc = to_dict(order)
    for path, value in changes.items():
        group, name = path.split("__")
        doc[group][name] = value
    return doc


@pytest.mark.parametrize("changes", [
    {},
    {"carrier__number_type": "residential", "service_address__unit": "Suite 300"},
    {"carrier__account_number": "", "carrier__pin": "", "contact__email": "pat@example.com"},
    {"target__account_id": "AC" + "0123456789abcdef" * 2},
])
def test_every_port_in_body_keeps_to_the_description(tmp_path, changes):
    doc = order_doc(tmp_path, **changes)
    body = create_body(doc, FAKE_SID, ["RD" + "ab" * 16])
    problems = check_request("POST", "/v1/Porting/PortIn", "", json.dumps(body).encode(),
                             "application/json", "Basic eDp5")
    assert problems == []
    assert body["losing_carrier_information"]["authorized_representative_email"] == "pat@example.com"


def test_the_validator_does_refuse_a_broken_request():
    """Negative control: the check above would see a missing account_sid or a bad sid."""
    assert check_request("POST", "/v1/Porting/PortIn", "", b'{"documents": []}',
                         "application/json")
    assert check_request("GET", "/v1/Porting/PortIn/KW123", "", b"", "")
    assert check_request("GET", "/v1/Porting/Portability/PhoneNumber/2125550123", "", b"", "")


def test_requests_built_by_the_adapter_validate_and_answers_come_from_the_examples(tmp_path):
    ex = examples()
    create = ex["CreatePortingPortIn"][202]
    fetch = ex["FetchPortingPortIn"][200]
    listing = ex["ListPortInRequests"][200]
    portability = ex["FetchPortingPortability"][200]
    upload = {"sid": "RD" + "cd" * 16, "document_type": "utility_bill"}  # not in the description
    session = ReplaySession([
        (200, listing),                          # list_targets
        (200, portability),                      # check_portability
        (201, upload),                           # the bill
        (202, create),                           # the port-in request
        (200, fetch),                            # its state
        (200, fetch),                            # cancel: where it stands
        (204, None),                             # cancel
        (200, {**fetch, "port_in_request_status": "Canceled"}),
    ])
    adapter = TwilioAdapter("https://numbers.twilio.com", FAKE_CREDENTIAL, session=session,
                            today=lambda: TODAY)
    doc = order_doc(tmp_path)
    targets = adapter.list_targets()
    result = adapter.check_portability(["+18001234567"])
    state = adapter.create_order(doc, {"invoice": doc["documents"]["invoice"],
                                       "loa": doc["documents"]["loa"]}, "key-1")
    cancelled = adapter.cancel(state["id"])

    assert [validate_sent(p) for p in session.sent if "/v1/Documents" not in p.url] \
        == [[]] * 7
    hosts = [p.url.split("/v1/")[0] for p in session.sent]
    assert hosts[2] == "https://numbers-upload.twilio.com"  # the Documents host
    assert set(hosts) - {hosts[2]} == {"https://numbers.twilio.com"}
    upload_body = session.sent[2].body
    assert b'name="document_type"\r\n\r\nutility_bill' in upload_body
    assert b'name="File"; filename="invoice.pdf"' in upload_body and b"%PDF" in upload_body
    assert b"Letter of Authorization" not in b"".join(p.body or b"" for p in session.sent
                                                      if isinstance(p.body, bytes))

    assert targets[0]["account_id"] == FAKE_SID
    assert result[0].portable is False and "22133" in result[0].reason
    assert state["id"] == create["port_in_request_sid"]
    assert state["status"] == "submitted"  # the example's request status "pending"
    assert state["numbers"] == [{"number": "+16175551212", "status": "in_review"}]
    assert state["parts"][0]["support_key"] == "123456"
    assert cancelled["status"] == "cancelled" and not cancelled["cancellable"]


def test_the_pin_twilio_echoes_never_leaves_the_adapter():
    ex = examples()["FetchPortingPortInPhoneNumber"][200]
    assert ex["port_out_pin"] == 1234 and "port_out_pin" not in scrub_pins(ex)
    fetch = examples()["FetchPortingPortIn"][200]
    echoed = json.loads(json.dumps(fetch))
    echoed["phone_numbers"][0]["port_out_pin"] = FAKE_PIN
    echoed["losing_carrier_information"]["account_number"] = FAKE_ACCOUNT
    session = ReplaySession([(200, echoed)])
    adapter = TwilioAdapter("https://numbers.twilio.com", FAKE_CREDENTIAL, session=session)
    state = adapter.get_order(fetch["port_in_request_sid"])
    text = json.dumps(state)
    assert FAKE_PIN not in text and FAKE_ACCOUNT not in text
