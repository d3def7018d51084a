"""Properties of the sandbox's simulation and of its HTTP layer under hostile input (hypothesis;
runs in CI without schemathesis)."""
from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endpoint_kit import assert_matches_schema, order_doc
from portwizard.endpoint import simulation as sim
from portwizard.endpoint.sandbox import DEFAULT_TARGETS

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_checking_any_json_never_raises(value):
    numbers, findings = sim.check_document(value, DEFAULT_TARGETS)
    assert isinstance(numbers, list) and isinstance(findings, list)
    if isinstance(value, dict):
        sim.find_trigger(value, numbers, {})
    if not findings:
        assert numbers  # an accepted order always has a number


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789+-(). 1", max_size=20))
def test_number_normalisation_agrees_with_the_spec_pattern(text):
    e164 = sim.normalize_number(text)
    assert (e164 is not None) == bool(re.match(sim.NUMBER_PATTERN, text.strip(" \t\r\n")))
    if e164 is not None:
        assert re.fullmatch(r"\+1[2-9]\d{9}", e164)
        assert e164[2:] == re.sub(r"\D", "", text)[-10:]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
       st.none() | st.dates(min_value=date(2024, 1, 1), max_value=date(2031, 3, 1)).map(str),
       st.sampled_from(["US", "CA"]))
def test_foc_date_is_a_business_day_at_least_three_days_out(submitted, requested, country):
    foc = sim.foc_date_for(submitted, requested, country)
    assert sim.is_business_day(foc, country)
    assert submitted + timedelta(days=3) <= foc <= submitted + timedelta(days=30)
    if requested is not None and foc != date.fromisoformat(requested):
        wanted = date.fromisoformat(requested)
        assert (not sim.is_business_day(wanted, country) or wanted < submitted + timedelta(3)
                or wanted > submitted + timedelta(30))


def test_known_holidays_are_not_business_days():
    assert not sim.is_business_day(date(2026, 11, 26))  # Thanksgiving (US)
    assert not sim.is_business_day(date(2026, 7, 1), "CA")  # Canada Day
    assert sim.is_business_day(date(2026, 7, 1), "US")
    assert not sim.is_business_day(date(2026, 3, 7))  # a Saturday


def test_plan_timeline_is_increasing_and_ends_on_the_foc_date():
    start = 1_772_445_600.0  # 2026-03-02 10:00 UTC, a Monday
    plan = sim.plan_submission(order_doc(), ["+12125550123"], {}, start)
    ats = [s.at for s in plan.steps]
    assert ats == sorted(ats)
    assert [s.status for s in plan.steps] == ["in_review", "pending_carrier", "foc_confirmed",
                                             "completed"]
    assert plan.foc_date == date(2026, 3, 5)
    assert plan.steps[-1].at == pytest.approx(2 + 22 / 24)  # Thu 08:00 is 2 d 22 h later


# ----------------------------------------------------------------------------- HTTP layer

bodies = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda doc: json.dumps(doc).encode(), json_values),
)
content_types = st.sampled_from([
    "multipart/form-data; boundary=xyz", "multipart/form-data", "application/json",
    "text/plain", "", "multipart/form-data; boundary=",
])


@pytest.mark.http
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=bodies, ctype=content_types, path=st.sampled_from([
    "/v1/port-orders", "/v1/port-orders/PO-000001/resubmit", "/v1/port-orders/PO-000001/comments",
    "/v1/port-orders/PO-000001/cancel", "/v1/nothing", "/v1/port-orders/a/b/c"]))
def test_garbage_requests_get_a_documented_json_error_never_a_crash(sandbox, body, ctype, path):
    import requests

    if sandbox.created_count() == 0:  # so that PO-000001 exists and its routes do real work
        order = [("order", ("o.json", json.dumps(order_doc(carrier__pin="9999")),
                            "application/json"))]
        requests.post(sandbox.url + "/v1/port-orders", files=order, timeout=5, headers={
            "Authorization": f"Bearer {sandbox.token}", "Idempotency-Key": "seed"}
        ).raise_for_status()
    headers = {"Authorization": f"Bearer {sandbox.token}", "Idempotency-Key": "fuzz-key"}
    if ctype:
        headers["Content-Type"] = ctype
    r = requests.post(sandbox.url + path, data=body, headers=headers, timeout=5)
    assert r.status_code < 500, r.text
    assert r.headers["Content-Type"] == "application/json"
    payload = r.json()
    if r.status_code >= 400:
        assert_matches_schema(payload, "Error")
        assert payload["message"]
    else:
        assert_matches_schema(payload, "OrderState")
