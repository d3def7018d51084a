"""Order lifecycle: statuses, transitions, rejection reasons and provider words, all from data."""
from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portwizard.domain.lifecycle import (
    LifecycleDataError, RejectionReason, Status, allowed_next, can_cancel, can_resubmit,
    can_transition, parse_lifecycle, reason, reason_from_text, rejection_reasons,
    status_from_provider,
)
from portwizard.domain import lifecycle as lifecycle_module
from portwizard.domain.order import field_paths
from portwizard.paths import resource

S = Status
CODES = ["unpaid_balance", "pending_order", "address_mismatch", "name_mismatch",
         "authorized_person_mismatch", "number_inactive", "wrong_pin", "wrong_account_number",
         "wrong_btn", "not_portable", "partial_port_btn", "loa_invalid", "line_features"]


def _raw() -> dict:
    return json.loads(resource("lifecycle.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- statuses


def test_status_values_are_the_agreed_vocabulary():
    assert [s.value for s in Status] == [
        "draft", "submitted", "awaiting_signature", "in_review", "pending_carrier",
        "foc_confirmed", "rejected", "cancel_pending", "cancelled", "completed"]
    assert Status("in_review") is S.IN_REVIEW and str(S.REJECTED) == "rejected"


def test_every_status_has_plain_words():
    assert S.PENDING_CARRIER.label == "Waiting for your old carrier"
    labels = [s.label for s in Status]
    assert len(set(labels)) == len(labels)
    for s in Status:
        assert s.meaning.endswith(".") and len(s.meaning) > 40
        assert "FOC" not in s.label  # jargon stays out of the short label
    assert "new provider" in S.COMPLETED.meaning or "old carrier" in S.COMPLETED.meaning


def test_open_and_terminal():
    assert {s for s in Status if not s.is_open} == {S.CANCELLED, S.COMPLETED}
    assert S.REJECTED.is_open and S.DRAFT.is_open
    assert S.COMPLETED.is_terminal and S.CANCELLED.is_terminal and not S.REJECTED.is_terminal


# --------------------------------------------------------------------------- transitions


@pytest.mark.parametrize("a, b", [
    (S.DRAFT, S.SUBMITTED), (S.SUBMITTED, S.IN_REVIEW), (S.IN_REVIEW, S.PENDING_CARRIER),
    (S.PENDING_CARRIER, S.FOC_CONFIRMED), (S.FOC_CONFIRMED, S.COMPLETED),
    (S.IN_REVIEW, S.REJECTED), (S.PENDING_CARRIER, S.REJECTED), (S.FOC_CONFIRMED, S.REJECTED),
    (S.REJECTED, S.SUBMITTED), (S.SUBMITTED, S.CANCEL_PENDING),
    (S.PENDING_CARRIER, S.CANCEL_PENDING), (S.FOC_CONFIRMED, S.CANCEL_PENDING),
    (S.REJECTED, S.CANCEL_PENDING), (S.CANCEL_PENDING, S.CANCELLED),
    (S.PENDING_CARRIER, S.COMPLETED),  # a mobile port can finish without a separate FOC step
])
def test_allowed_transitions(a, b):
    assert can_transition(a, b)
    assert can_transition(a.value, b.value)  # plain strings from JSON work too


@pytest.mark.parametrize("a, b", [
    (S.DRAFT, S.COMPLETED), (S.DRAFT, S.REJECTED), (S.DRAFT, S.CANCEL_PENDING),
    (S.COMPLETED, S.SUBMITTED), (S.CANCELLED, S.SUBMITTED), (S.COMPLETED, S.CANCEL_PENDING),
    (S.SUBMITTED, S.SUBMITTED), (S.REJECTED, S.COMPLETED), (S.SUBMITTED, S.COMPLETED),
    (S.CANCEL_PENDING, S.REJECTED), ("draft", "nonsense"), ("nonsense", "draft"),
])
def test_forbidden_transitions(a, b):
    assert not can_transition(a, b)


def test_closed_statuses_go_nowhere_and_every_open_one_can_end():
    assert allowed_next(S.COMPLETED) == frozenset() == allowed_next("cancelled")
    # from every open status, some path reaches a closed one
    for start in Status:
        seen, todo = {start}, [start]
        while todo:
            for nxt in allowed_next(todo.pop()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        assert seen & {S.CANCELLED, S.COMPLETED}, start


def test_cancel_and_resubmit_helpers():
    assert [s for s in Status if can_cancel(s)] == [
        S.SUBMITTED, S.AWAITING_SIGNATURE, S.IN_REVIEW, S.PENDING_CARRIER, S.FOC_CONFIRMED,
        S.REJECTED]
    assert can_resubmit(S.REJECTED) and not can_resubmit(S.PENDING_CARRIER)


# --------------------------------------------------------------------------- reasons


def test_every_agreed_rejection_code_exists():
    reasons = rejection_reasons()
    assert set(CODES) <= set(reasons)
    assert all(isinstance(r, RejectionReason) and r.code == code for code, r in reasons.items())
    assert reason("address_mismatch").title == "Service address does not match"
    assert reason("nope") is None and reason(None) is None  # type: ignore[arg-type]


def test_reason_fields_are_real_order_paths():
    paths = set(field_paths())
    for r in rejection_reasons().values():
        assert set(r.fields) <= paths, r.code
        assert r.explanation and r.fix and r.title, r.code
    assert reason("address_mismatch").fields[:3] == (
        "service_address.street_number", "service_address.pre_direction",
        "service_address.street_name")
    assert "service_address.postal_code" in reason("address_mismatch").fields
    assert reason("wrong_pin").fields == ("carrier.pin",)
    assert reason("wrong_btn").fields[0] == "carrier.btn"
    assert "partial_port.new_btn" in reason("partial_port_btn").fields
    assert "documents.loa" in reason("loa_invalid").fields
    assert reason("unpaid_balance").fields == ()  # nothing in the order to change


def test_reason_texts_help_a_non_expert():
    assert "transfer PIN" in reason("wrong_pin").fix
    assert "0000" in reason("wrong_pin").fix
    assert "30" in reason("loa_invalid").explanation
    assert "DSL" in reason("line_features").explanation
    assert "most common" in reason("address_mismatch").explanation


def test_rejection_reasons_returns_a_copy():
    reasons = rejection_reasons()
    reasons.clear()
    assert rejection_reasons()


@pytest.mark.parametrize("text, code", [
    ("End user address mismatch", "address_mismatch"),
    ("ZIP code does not match", "address_mismatch"),
    ("Invalid PIN", "wrong_pin"),
    ("Passcode incorrect", "wrong_pin"),
    ("Account number mismatch", "wrong_account_number"),
    ("Acct # incorrect", "wrong_account_number"),
    ("BTN mismatch", "wrong_btn"),
    ("Partial port requires new BTN", "partial_port_btn"),
    ("Pending order exists on TN", "pending_order"),
    ("Customer has an outstanding balance", "unpaid_balance"),
    ("Number disconnected", "number_inactive"),
    ("Number not portable", "not_portable"),
    ("LOA expired", "loa_invalid"),
    ("Name mismatch", "name_mismatch"),
    ("Authorized name mismatch", "authorized_person_mismatch"),
    ("DSL on the line", "line_features"),
    ("Hunt groups must be removed first", "line_features"),
    ("Requested due date not available", "foc_date_not_allowed"),
    ("address_mismatch", "address_mismatch"),
    ("WRONG-PIN", "wrong_pin"),
])
def test_provider_rejection_text_maps_to_a_reason(text, code):
    assert reason_from_text(text).code == code


@pytest.mark.parametrize("text", ["", "   ", "something odd happened", "pinned", "urban"])
def test_unknown_rejection_text_gives_none(text):
    assert reason_from_text(text) is None


# --------------------------------------------------------------------------- provider words


@pytest.mark.parametrize("word, status", [
    ("FOC", S.FOC_CONFIRMED), ("foc-date-confirmed", S.FOC_CONFIRMED),
    ("exception", S.REJECTED), ("EXCEPTION", S.REJECTED), ("action_required", S.REJECTED),
    ("port_in_progress", S.PENDING_CARRIER), ("pending", S.PENDING_CARRIER),
    ("in-process", S.IN_REVIEW), ("in_review", S.IN_REVIEW),
    ("Cancel Pending", S.CANCEL_PENDING), ("REQUESTED_CANCEL", S.CANCEL_PENDING),
    ("canceled", S.CANCELLED), ("Cancelled", S.CANCELLED), ("expired", S.CANCELLED),
    ("ported", S.COMPLETED), ("COMPLETE", S.COMPLETED), ("submitted", S.SUBMITTED),
    ("Submitted to losing carrier", S.PENDING_CARRIER), ("draft", S.DRAFT),
    (S.REJECTED, S.REJECTED),
])
def test_provider_status_words(word, status):
    assert status_from_provider(word) is status


@pytest.mark.parametrize("word", ["", "xyz", "42", None, 3.5])
def test_unknown_provider_words_give_none(word):
    assert status_from_provider(word) is None


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_mappers_never_raise(text):
    assert status_from_provider(text) is None or isinstance(status_from_provider(text), Status)
    r = reason_from_text(text)
    assert r is None or isinstance(r, RejectionReason)


# --------------------------------------------------------------------------- the data file


def test_bundled_file_is_valid():
    parse_lifecycle(_raw())


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["statuses"].pop("draft"), "exactly"),
    (lambda d: d["statuses"]["draft"].update(label=""), "label"),
    (lambda d: d["transitions"]["draft"].append("shipped"), "not a status"),
    (lambda d: d["transitions"]["draft"].append("draft"), "itself"),
    (lambda d: d["transitions"]["completed"].append("submitted"), "closed status"),
    (lambda d: d["transitions"].update(rejected=[]), "way out"),
    (lambda d: d["rejection_reasons"][0].update(fields=["carrier.colour"]), "carrier.colour"),
    (lambda d: d["rejection_reasons"][1].update(code=d["rejection_reasons"][0]["code"]),
     "unique"),
    (lambda d: d["rejection_reasons"][0].update(fix=" "), "fix"),
    (lambda d: d["provider_status_words"]["exact"].update(foc="approved-ish"), "not a status"),
    (lambda d: d.update(format="x"), "format"),
])
def test_malformed_data_is_rejected(mutate, message):
    data = copy.deepcopy(_raw())
    mutate(data)
    with pytest.raises(LifecycleDataError, match=message):
        parse_lifecycle(data)


def test_the_program_checks_the_reasons_field_paths_when_reasons_are_first_asked_for(
        monkeypatch):
    """Listing orders needs the status words only: reading them must not load the order
    document's module; a reason that names no order field is still refused, when reasons
    are first used."""
    import subprocess
    import sys

    code = ("import sys; from portwizard.domain import lifecycle; lifecycle.load(); "
            "print('portwizard.domain.order' in sys.modules); lifecycle.rejection_reasons(); "
            "print('portwizard.domain.order' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True).stdout.split()
    assert out == ["False", "True"]

    data = copy.deepcopy(_raw())
    data["rejection_reasons"][0]["fields"] = ["carrier.colour"]
    parsed = parse_lifecycle(data, check_fields=False)  # what the program reads first
    monkeypatch.setattr(lifecycle_module, "_data", lambda: parsed)
    lifecycle_module._reasons.cache_clear()
    try:
        with pytest.raises(LifecycleDataError, match="carrier.colour"):
            rejection_reasons()
    finally:
        lifecycle_module._reasons.cache_clear()
