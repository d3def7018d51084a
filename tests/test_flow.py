"""The wizard's navigation map, tested without any widget."""
from __future__ import annotations

import datetime as dt

import pytest

from portwizard import flow
from portwizard.domain.findings import error, warning
from portwizard.domain.order import Order, field_paths, set_field
from portwizard.domain.validation import Context, validate_order
from portwizard.flow import (
    Step, fields_of, findings_for, first_incomplete, incomplete_steps, is_complete,
    next_step, previous_step, step_of_field, steps_for,
)

CTX = Context(today=dt.date(2026, 11, 23), check_documents=False)
ALL_BUT_UNLOCK = [Step.NUMBERS, Step.CARRIER, Step.TARGET, Step.ACCOUNT, Step.ADDRESS,
                  Step.DOCUMENTS, Step.REVIEW, Step.SUBMIT]


def complete_order(carrier: str = "Verizon Wireless") -> Order:
    """An order with every field a rule checks filled in (obviously fake data)."""
    o = Order(numbers=["+12125550123"])
    c = o.carrier
    c.name = carrier
    c.account_type = "single-line"
    c.number_type = "business-local"
    c.customer_name = "Acme Dental"
    c.authorized_name = "Jane Doe"
    c.account_number = "123456789"
    c.btn = "+12125550123"
    c.pin = "1234"
    a = o.service_address
    a.street_number, a.street_name, a.city, a.state, a.postal_code = (
        "100", "Main St", "New York", "NY", "10001")
    o.target.account_id, o.target.line_id, o.target.label = "acct-1", "line-1", "Main office"
    o.contact.name, o.contact.email = "Jane Doe", "jane@example.com"
    o.documents.loa = "loa.pdf"
    o.documents.invoice = "invoice.pdf"
    return o


def test_the_fixture_order_has_no_errors():
    assert [f for f in validate_order(complete_order(), CTX) if f.is_error] == []


# --------------------------------------------------------------------------- steps


def test_step_values_titles_and_subtitles():
    assert [s.value for s in Step] == ["numbers", "carrier", "unlock", "target", "account",
                                       "address", "documents", "review", "submit"]
    for s in Step:
        assert s.title and len(s.title) <= 40
        assert s.subtitle.endswith(".") and len(s.subtitle) < 140
        assert "FOC" not in s.title + s.subtitle and "BTN" not in s.title + s.subtitle
    assert len({s.title for s in Step}) == len(Step)


def test_fields_cover_every_path_exactly_once():
    listed = [p for s in Step for p in fields_of(s)]
    assert sorted(listed) == sorted(field_paths())
    assert len(listed) == len(set(listed))
    for s in Step:
        for p in fields_of(s):
            assert step_of_field(p) is s


@pytest.mark.parametrize("path, step", [
    ("numbers[3]", Step.NUMBERS), ("numbers", Step.NUMBERS),
    ("carrier.name", Step.CARRIER), ("carrier.digital_unlocked", Step.UNLOCK),
    ("carrier.pin", Step.ACCOUNT), ("carrier", Step.ACCOUNT),
    ("partial_port", Step.ACCOUNT), ("partial_port.new_btn", Step.ACCOUNT),
    ("service_address", Step.ADDRESS), ("service_address.postal_code", Step.ADDRESS),
    ("documents.invoice", Step.DOCUMENTS), ("target.line_id", Step.TARGET),
    ("requested_foc_date", Step.REVIEW), ("contact.email", Step.REVIEW),
    ("", Step.REVIEW), ("format", Step.REVIEW), ("carrier.nickname", Step.ACCOUNT),
    ("something.else", Step.REVIEW),
])
def test_step_of_field(path, step):
    assert step_of_field(path) is step


# --------------------------------------------------------------------------- navigation


def test_plain_carrier_skips_unlock():
    order = complete_order("Verizon Wireless")
    assert steps_for(order) == ALL_BUT_UNLOCK
    assert next_step(order, Step.CARRIER) is Step.TARGET
    assert previous_step(order, Step.TARGET) is Step.CARRIER


def test_digital_carrier_adds_unlock_after_carrier():
    order = complete_order("google voice")
    assert steps_for(order) == [Step.NUMBERS, Step.CARRIER, Step.UNLOCK, *ALL_BUT_UNLOCK[2:]]
    assert next_step(order, Step.CARRIER) is Step.UNLOCK
    assert next_step(order, Step.UNLOCK) is Step.TARGET
    assert previous_step(order, Step.TARGET) is Step.UNLOCK
    assert previous_step(order, Step.UNLOCK) is Step.CARRIER


def test_switching_from_google_voice_to_verizon_removes_unlock():
    order = complete_order("Google Voice")
    assert Step.UNLOCK in steps_for(order)
    order.carrier.name = "Verizon"
    assert Step.UNLOCK not in steps_for(order)
    assert next_step(order, Step.CARRIER) is Step.TARGET
    # a user who was on UNLOCK when the carrier changed still moves on sensibly
    assert next_step(order, Step.UNLOCK) is Step.TARGET
    assert previous_step(order, Step.UNLOCK) is Step.CARRIER


def test_typo_in_a_digital_carrier_still_shows_unlock():
    assert Step.UNLOCK in steps_for(complete_order("googel voice"))
    assert Step.UNLOCK not in steps_for(complete_order(""))
    assert Step.UNLOCK not in steps_for(complete_order("Some Local Telco Nobody Knows"))


def test_ends_of_the_map():
    order = Order()
    assert previous_step(order, Step.NUMBERS) is None
    assert next_step(order, Step.SUBMIT) is None
    assert next_step(order, Step.REVIEW) is Step.SUBMIT
    assert next_step(order, "documents") is Step.REVIEW  # plain values work too
    walk, step = [], Step.NUMBERS
    while step is not None:
        walk.append(step)
        step = next_step(order, step)
    assert walk == steps_for(order)


def test_navigation_is_a_function_of_the_order_only():
    a, b = complete_order("Google Voice"), complete_order("Google Voice")
    assert steps_for(a) == steps_for(b)
    assert [next_step(a, s) for s in Step] == [next_step(b, s) for s in Step]


# --------------------------------------------------------------------------- completeness


def test_empty_order_is_incomplete_where_the_rules_say_so():
    order = Order()
    assert not is_complete(order, Step.NUMBERS, CTX)
    assert not is_complete(order, Step.CARRIER, CTX)
    assert not is_complete(order, Step.ACCOUNT, CTX)
    assert not is_complete(order, Step.ADDRESS, CTX)
    assert not is_complete(order, Step.DOCUMENTS, CTX)
    assert not is_complete(order, Step.REVIEW, CTX)
    assert first_incomplete(order, CTX) is Step.NUMBERS


def test_a_steps_completeness_flips_when_its_error_is_fixed():
    order = complete_order()
    order.service_address.postal_code = ""
    assert not is_complete(order, Step.ADDRESS, CTX)
    assert is_complete(order, Step.ACCOUNT, CTX)  # other steps unaffected
    assert not is_complete(order, Step.REVIEW, CTX)  # nothing with errors gets sent
    assert first_incomplete(order, CTX) is Step.ADDRESS
    order.service_address.postal_code = "10001"
    assert is_complete(order, Step.ADDRESS, CTX)
    assert is_complete(order, Step.REVIEW, CTX)
    assert first_incomplete(order, CTX) is Step.REVIEW


@pytest.mark.parametrize("part", ["street_name", "unit", "city"])
def test_po_box_blocks_the_address_step(part):
    order = complete_order()
    assert is_complete(order, Step.ADDRESS, CTX)
    set_field(order, f"service_address.{part}", "PO Box 12")  # every other part stays filled
    assert not is_complete(order, Step.ADDRESS, CTX)
    # blocked by the PO Box itself, not by some other part of the address
    blocking = [f for f in findings_for(order, Step.ADDRESS, validate_order(order, CTX))
                if f.is_error]
    assert [(f.field, f.code) for f in blocking] == [(f"service_address.{part}",
                                                      "address.po_box")]


def test_warnings_do_not_block():
    order = complete_order("Verizon Wireless")
    found = validate_order(order, CTX)
    assert any(f.field == "carrier.pin" and not f.is_error for f in found)  # transfer-PIN hint
    assert is_complete(order, Step.ACCOUNT, CTX)
    assert is_complete(order, Step.CARRIER, CTX)


def test_unlock_step_needs_the_confirmation():
    order = complete_order("Google Voice")
    assert not is_complete(order, Step.UNLOCK, CTX)
    assert first_incomplete(order, CTX) is Step.UNLOCK
    assert not is_complete(order, Step.REVIEW, CTX)
    order.carrier.digital_unlocked = True
    assert is_complete(order, Step.UNLOCK, CTX)
    assert first_incomplete(order, CTX) is Step.REVIEW


def test_unlock_is_complete_without_validation_errors_only_when_confirmed():
    order = complete_order("Google Voice")
    # even if a caller passes findings without the unlock error, the flag decides
    assert not is_complete(order, Step.UNLOCK, findings=[])
    order.carrier.digital_unlocked = True
    assert is_complete(order, Step.UNLOCK, findings=[])


def test_missing_documents_block_the_documents_step():
    order = complete_order()
    order.documents.invoice = ""
    assert not is_complete(order, Step.DOCUMENTS, CTX)
    assert incomplete_steps(order, CTX) == [Step.DOCUMENTS]


def test_each_step_is_judged_by_its_own_fields():
    order = complete_order()
    for path in ("numbers", "carrier.name", "carrier.customer_name", "service_address.city",
                 "documents.loa"):
        broken = complete_order()
        set_field(broken, path, [] if path == "numbers" else "")
        step = step_of_field(path)
        assert not is_complete(broken, step, CTX), path
        assert [s for s in steps_for(broken)
                if s not in (Step.REVIEW, Step.SUBMIT)
                and not is_complete(broken, s, CTX)] == [step], path
    assert incomplete_steps(order, CTX) == []


def test_findings_for_routes_each_finding_to_one_step():
    order = complete_order("Verizon")
    found = [
        error("numbers[2]", "number.invalid", "x"),
        warning("carrier.pin", "pin.wireless_transfer_pin", "x"),
        error("service_address", "address.po_box", "x"),
        error("", "document.newer_format", "x"),
        error("carrier.digital_unlocked", "carrier.unlock_required", "x"),
        error("requested_foc_date", "foc.weekend", "x"),
    ]
    routed = {s: [f.code for f in findings_for(order, s, found)] for s in Step}
    assert routed[Step.NUMBERS] == ["number.invalid"]
    assert routed[Step.ACCOUNT] == ["pin.wireless_transfer_pin"]
    assert routed[Step.ADDRESS] == ["address.po_box"]
    # the order as a whole, the FOC date, and a step this order skips: shown on review
    assert routed[Step.REVIEW] == ["document.newer_format", "carrier.unlock_required",
                                   "foc.weekend"]
    assert routed[Step.UNLOCK] == []
    assert sum(len(v) for v in routed.values()) == len(found)
    assert not is_complete(order, Step.NUMBERS, findings=found)
    assert is_complete(order, Step.ACCOUNT, findings=found)  # a warning only


def test_precomputed_findings_are_used_instead_of_validation():
    order = Order()  # full of errors, but the caller says otherwise
    assert is_complete(order, Step.ADDRESS, findings=[])
    doc_problem = [error("documents.invoice", "invoice.too_old", "x")]
    assert not is_complete(complete_order(), Step.DOCUMENTS, findings=doc_problem)
    assert first_incomplete(complete_order(), findings=doc_problem) is Step.DOCUMENTS


def test_flow_and_domain_import_no_qt_http_or_sql():
    import subprocess
    import sys

    code = ("import sys, portwizard.flow, portwizard.domain.lifecycle, portwizard.domain.carriers;"
            "from portwizard import flow; flow.first_incomplete(flow.Order()); bad = [m for m in ('PySide6', 'requests', 'sqlite3', 'reportlab', "
            "'pypdf') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_target_step_waits_for_a_choice():
    order = Order()
    assert not flow.is_complete(order, Step.TARGET)
    order.target.label = "Front desk"  # a new sub-account with its name
    assert flow.is_complete(order, Step.TARGET)
