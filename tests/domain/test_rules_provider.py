"""The provider profile in the validation context, and the rules that read it."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rulekit import CTX, TODAY, codes, good_order, one

from portwizard import flow
from portwizard.domain import providers
from portwizard.domain.order import FOC_TIMEZONES, Order
from portwizard.domain.validation import validate_field, validate_order
from portwizard.settings import Settings

TWILIO = dataclasses.replace(CTX, provider=providers.TWILIO)
TELNYX = dataclasses.replace(CTX, provider=providers.TELNYX)


def twilio_order() -> Order:
    o = good_order()
    o.carrier.authorized_email = "pat@example.com"
    o.requested_foc_date = "2026-12-07"  # two weeks after TODAY
    return o


def provider_codes(order: Order, ctx) -> set[tuple[str, str]]:
    return {c for c in codes(order, ctx) if c[1].startswith("provider.")}


# --------------------------------------------------------------------------- profiles as data


def test_each_provider_the_settings_offer_has_a_profile():
    from portwizard.endpoint.providers import PROVIDERS

    assert set(providers.PROFILES) == set(PROVIDERS)
    assert providers.profile_for(None) is providers.DEFAULT is providers.SANDBOX
    assert providers.profile_for("nonsense") is providers.DEFAULT


@pytest.mark.parametrize("key", ["sandbox", "portwizard", "telnyx", "twilio"])
def test_settings_put_the_chosen_providers_profile_in_the_context(key):
    s = Settings(provider=key, endpoint_url="sandbox" if key == "sandbox"
                 else "https://porting.example-provider.test/api")
    ctx = s.validation_context(check_documents=False)
    assert ctx.provider is providers.PROFILES[key]
    assert ctx.check_documents is False
    assert s.validation_context(provider="twilio").provider is providers.TWILIO


def test_old_settings_with_only_an_address_get_the_portwizard_profile():
    s = Settings(endpoint_url="https://porting.example-provider.test/api")
    assert s.validation_context().provider is providers.PORTWIZARD


# --------------------------------------------------------------------------- no limits


@pytest.mark.parametrize("profile", [providers.SANDBOX, providers.PORTWIZARD, providers.TELNYX])
def test_providers_without_limits_add_nothing(profile):
    o = good_order()
    o.numbers = ["+18005550100", "+14165550199"] + [f"+1212555{i:04d}" for i in range(1200)]
    o.requested_foc_date = (TODAY + dt.timedelta(days=3)).isoformat()
    assert provider_codes(o, dataclasses.replace(CTX, provider=profile)) == set()


def test_a_clean_order_passes_twilio():
    assert codes(twilio_order(), TWILIO) == set()


# --------------------------------------------------------------------------- Twilio's limits


def test_twilio_asks_for_the_signers_email_on_its_field():
    o = twilio_order()
    o.carrier.authorized_email = ""
    o.contact.name = "Front desk"
    f = one(o, "carrier.authorized_email", "provider.signer_email_missing", TWILIO)
    assert "Twilio" in f.message and "Pat Smith" in f.fix
    assert flow.step_of_field(f.field) is flow.Step.ACCOUNT
    # the sandbox does not need it
    assert not [x for x in validate_field(o, "carrier.authorized_email", CTX) if x.is_error]


def test_the_contacts_email_serves_when_the_contact_is_the_signer():
    """Documents from before the signer's field: the adapter then e-mails the contact, which
    is right only when the contact is the authorized person."""
    o = twilio_order()
    o.carrier.authorized_email = ""
    assert o.contact.name == o.carrier.authorized_name == "Pat Smith"
    assert ("carrier.authorized_email", "provider.signer_email_missing") not in codes(o, TWILIO)
    o.contact.name = "Sam Jones"  # someone else would get the letter to sign
    one(o, "carrier.authorized_email", "provider.signer_email_missing", TWILIO)


def test_a_mistyped_signer_email_is_refused_with_any_provider():
    o = twilio_order()
    o.carrier.authorized_email = "pat at example"
    for ctx in (CTX, TWILIO):
        one(o, "carrier.authorized_email", "account.authorized_email_invalid", ctx)


def test_twilio_refuses_toll_free_numbers_on_their_line():
    o = twilio_order()
    o.numbers = ["+18005550100"]
    o.carrier.number_type = "business-toll-free"
    o.carrier.btn = "+18005550100"
    f = one(o, "numbers[0]", "provider.toll_free", TWILIO)
    assert "toll-free" in f.message and "Twilio" in f.message
    assert "Remove it" in f.fix


def test_twilio_refuses_canadian_numbers_but_takes_us_territories():
    o = twilio_order()
    o.numbers = ["+12125550123", "+14165550199", "+17875550123"]  # NY, Toronto, Puerto Rico
    f = one(o, "numbers[1]", "provider.country", TWILIO)
    assert "Canada" in f.message and "the United States" in f.message
    assert ("numbers[2]", "provider.country") not in codes(o, TWILIO)
    assert ("numbers[0]", "provider.country") not in codes(o, TWILIO)


def test_twilio_takes_at_most_1000_numbers():
    o = twilio_order()
    o.numbers = [f"+1212555{i:04d}" for i in range(1000)]
    assert ("numbers", "provider.too_many_numbers") not in codes(o, TWILIO)
    o.numbers.append("+13125550100")
    f = one(o, "numbers", "provider.too_many_numbers", TWILIO)
    assert "1,001" in f.message and "1,000" in f.message and "second order" in f.fix


def test_twilio_needs_the_date_a_week_out_and_suggests_a_business_day():
    o = twilio_order()
    o.requested_foc_date = "2026-11-27"  # Friday, 4 days out (passes a 1-day lead)
    ctx = dataclasses.replace(TWILIO, foc_lead_business_days=1)
    f = one(o, "requested_foc_date", "provider.date_too_soon", ctx)
    assert "7 days" in f.message and "4 days away" in f.message
    # TODAY + 7 = Monday, November 30, 2026: a business day
    assert f.fix == "Choose Monday, November 30, 2026 or later."
    o.requested_foc_date = "2026-11-30"
    assert ("requested_foc_date", "provider.date_too_soon") not in codes(o, ctx)
    o.requested_foc_date = None  # as soon as possible: nothing to refuse
    assert ("requested_foc_date", "provider.date_too_soon") not in codes(o, ctx)


def test_twilio_needs_no_loa_of_ours_and_flow_agrees():
    o = twilio_order()
    o.documents.loa = ""
    assert ("documents.loa", "documents.loa_missing") in codes(o, CTX)
    assert ("documents.loa", "documents.loa_missing") not in codes(o, TWILIO)
    assert flow.is_complete(o, flow.Step.DOCUMENTS, TWILIO)
    assert not flow.is_complete(o, flow.Step.DOCUMENTS, CTX)
    assert "documents.loa" not in flow.fields_for(flow.Step.DOCUMENTS, TWILIO)
    assert "documents.loa" in flow.fields_for(flow.Step.DOCUMENTS, CTX)


@pytest.mark.parametrize("profile", list(providers.PROFILES.values()))
def test_flow_hides_only_fields_no_rule_requires(profile):
    """A field the flow does not show with a provider never holds an error of an empty order
    with it (the user could not see or fix it), and a field it shows as required does."""
    ctx = dataclasses.replace(CTX, provider=profile)
    empty = validate_order(Order(), ctx)
    for step in flow.Step:
        for path in flow.fields_of(step):
            if not flow.field_applies(path, ctx):
                assert not [f for f in empty if f.field == path and f.is_error], (profile, path)
    wants_email = flow.field_applies("carrier.authorized_email", ctx)
    assert wants_email == any(f.code == "provider.signer_email_missing" for f in empty)


# --------------------------------------------------------------------------- portability answers


def test_numbers_the_provider_refused_are_marked_on_their_line():
    o = twilio_order()
    ctx = dataclasses.replace(TWILIO, not_portable=(("+12125550124", "no coverage"),))
    f = one(o, "numbers[1]", "provider.not_portable", ctx)
    assert f.message == "Twilio says it cannot take (212) 555-0124: no coverage."
    assert ("numbers[0]", "provider.not_portable") not in codes(o, ctx)
    assert flow.is_complete(o, flow.Step.NUMBERS, TWILIO)
    assert not flow.is_complete(o, flow.Step.NUMBERS, ctx)


# --------------------------------------------------------------------------- port time


def test_a_port_time_is_checked_only_where_the_provider_takes_one():
    o = good_order()
    o.requested_foc_time = "25:00"
    assert ("requested_foc_time", "foc.time_invalid") not in codes(o, CTX)
    one(o, "requested_foc_time", "foc.time_invalid", TELNYX)
    o.requested_foc_time = "09:30"
    one(o, "requested_foc_timezone", "foc.timezone_missing", TELNYX)
    o.requested_foc_timezone = "Mars/Olympus"
    one(o, "requested_foc_timezone", "foc.timezone_unknown", TELNYX)
    o.requested_foc_timezone = FOC_TIMEZONES[0][0]
    assert not [c for c in codes(o, TELNYX) if c[0].startswith("requested_foc_t")]
    o.requested_foc_date = None
    one(o, "requested_foc_time", "foc.time_without_date", TELNYX)


def test_the_schema_lists_the_same_time_zones():
    import json

    from portwizard.paths import resource

    schema = json.loads(resource("order.schema.json").read_text(encoding="utf-8"))
    enum = schema["properties"]["requested_foc_timezone"]["enum"]
    assert enum == [""] + [zone for zone, _ in FOC_TIMEZONES]


def test_a_long_customer_reference_is_refused():
    o = good_order()
    o.customer_reference = "PO-" + "7" * 47
    assert ("customer_reference", "reference.too_long") not in codes(o)
    o.customer_reference += "7"
    one(o, "customer_reference", "reference.too_long")


# --------------------------------------------------------------------------- fuzz

profiles = st.sampled_from(list(providers.PROFILES.values()))
number_lists = st.lists(
    st.one_of(st.from_regex(r"\+1[2-9][0-9]{2}[2-9][0-9]{6}", fullmatch=True),
              st.sampled_from(["+18005550100", "+14165550199", "(212) 555-0123", "", "x"])),
    max_size=8)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles, number_lists, st.one_of(st.none(), st.dates(TODAY, TODAY + dt.timedelta(days=60))),
       st.text(max_size=30), st.text(max_size=8), st.text(max_size=25))
def test_provider_rules_never_fail_and_only_limit_what_the_profile_limits(
        profile, numbers, date, email, time, zone):
    o = good_order()
    o.numbers = numbers
    o.requested_foc_date = date.isoformat() if date else None
    o.carrier.authorized_email = email
    o.requested_foc_time, o.requested_foc_timezone = time, zone
    ctx = dataclasses.replace(CTX, provider=profile)
    found = validate_order(o, ctx)
    assert not [f for f in found if f.code.startswith("internal.")]
    kinds = {f.code for f in found if f.code.startswith("provider.")}
    if profile.allows_toll_free:
        assert "provider.toll_free" not in kinds
    if not profile.countries:
        assert "provider.country" not in kinds
    if not profile.needs_signer_email:
        assert "provider.signer_email_missing" not in kinds
    if profile.min_days_to_foc == 0:
        assert "provider.date_too_soon" not in kinds
    for f in found:
        assert f.message and f.fix
