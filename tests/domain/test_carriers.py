"""The carrier directory: the data file is well-formed and typed names match forgivingly."""
from __future__ import annotations

import copy
import json
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portwizard.domain import carriers
from portwizard.domain.carriers import (
    CarrierDataError, CarrierInfo, by_key, directory, match, parse_directory, suggestions,
)
from portwizard.paths import resource


def _raw() -> dict:
    return json.loads(resource("carriers.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the data file


def test_bundled_file_loads_and_is_big_enough():
    entries = directory()
    assert len(entries) >= 35
    assert all(isinstance(c, CarrierInfo) for c in entries)
    assert len({c.key for c in entries}) == len(entries)
    kinds = {c.kind for c in entries}
    assert kinds == {"wireless", "landline", "digital"}
    assert sum(1 for c in entries if "CA" in c.countries) >= 10
    assert sum(1 for c in entries if c.kind == "digital") >= 10


def test_file_says_the_facts_are_guidance():
    note = _raw()["note"].lower()
    assert "guidance" in note and "check with" in note


@pytest.mark.parametrize("key", [
    "verizon-wireless", "att-wireless", "t-mobile", "us-cellular", "cricket", "metro-by-t-mobile",
    "boost-mobile", "visible", "mint-mobile", "google-fi", "consumer-cellular", "straight-talk",
    "xfinity-mobile", "spectrum-mobile", "rogers", "bell-mobility", "telus-mobility",
    "freedom-mobile", "fido", "koodo", "virgin-plus", "videotron", "att-landline",
    "verizon-landline", "lumen", "frontier", "windstream", "spectrum", "comcast", "cox", "optimum",
    "bell-canada", "telus-landline", "rogers-home-phone", "google-voice", "ringcentral", "vonage",
    "ooma", "8x8", "dialpad", "grasshopper", "zoom-phone", "teams-phone", "nextiva", "magicjack",
    "textnow",
])
def test_expected_carrier_is_present(key):
    assert by_key(key) is not None


def test_every_entry_reads_as_guidance_and_is_complete():
    hedges = re.compile(r"\b(usually|normally|check|may|rarely|ask|if)\b", re.I)
    for c in directory():
        assert c.pin_label and c.pin_howto and c.typical_port_days, c.key
        assert c.typical_port_days.startswith("usually"), c.key
        assert c.unlock_required == bool(c.unlock_howto), c.key
        assert c.aliases, c.key
        assert hedges.search(c.pin_howto), f"{c.key}: pin_howto should read as guidance"
        if c.unlock_howto:
            assert hedges.search(c.unlock_howto), c.key


def test_every_name_and_alias_matches_its_own_carrier():
    for c in directory():
        for text in (c.name, *c.aliases):
            found = match(text)
            assert found is not None and found.key == c.key, (text, c.key)


def test_small_mistakes_in_every_long_name_still_match():
    for c in directory():
        n = c.name
        if len(n) < 6:
            continue
        i = len(n) // 2
        for variant in (n[:i] + n[i + 1:],  # a letter left out
                        n[:i] + n[i + 1] + n[i] + n[i + 2:],  # two letters swapped
                        n.upper(), " ".join(reversed(n.split()))):  # shouting, word order
            found = match(variant)
            assert found is not None and found.key == c.key, (variant, c.key)


def test_wireless_transfer_pin_guidance_for_the_big_three():
    for key in ("verizon-wireless", "att-wireless", "t-mobile"):
        c = by_key(key)
        assert c.kind == "wireless" and not c.unlock_required
        assert c.pin_label == "Number Transfer PIN"
        assert "not your account" in c.pin_howto  # the classic confusion, said plainly
        assert c.port_lock, key
    assert "#PORT" in by_key("verizon-wireless").pin_howto
    assert "*PORT" in by_key("att-wireless").pin_howto
    assert "app" in by_key("t-mobile").pin_howto


def test_digital_numbers_need_an_unlock_with_instructions():
    gv = by_key("google-voice")
    assert gv.kind == "digital" and gv.unlock_required
    assert "voice.google.com" in gv.unlock_howto and "PIN" in gv.unlock_howto
    assert all(c.unlock_required for c in directory() if c.kind == "digital")
    assert not any(c.unlock_required for c in directory() if c.kind != "digital")


def test_directory_is_cached():
    assert directory() is directory()


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.pop("note"), "note"),
    (lambda d: d.update(format="portwizard.carriers/9"), "format"),
    (lambda d: d["carriers"][0].update(kind="satellite"), "kind"),
    (lambda d: d["carriers"][0].update(countries=["MX"]), "countries"),
    (lambda d: d["carriers"][0].update(countries=[]), "countries"),
    (lambda d: d["carriers"][0].update(unlock_required="no"), "unlock_required"),
    (lambda d: d["carriers"][0].update(unlock_required=True), "unlock_howto"),
    (lambda d: d["carriers"][0].update(pin_label=""), "pin_label"),
    (lambda d: d["carriers"][0].update(pin_howto=None), "pin_howto"),
    (lambda d: d["carriers"][0].update(key="Verizon Wireless"), "key"),
    (lambda d: d["carriers"][1].update(key=d["carriers"][0]["key"]), "duplicate key"),
    (lambda d: d["carriers"][1]["aliases"].append("V.Z.W."), "also a name or alias"),
    (lambda d: d["carriers"][0]["aliases"].append("&&"), "no letters"),
    (lambda d: d["carriers"][0].update(website="x"), "unknown field"),
    (lambda d: d.update(carriers=[]), "non-empty"),
])
def test_malformed_data_is_rejected_with_the_place(mutate, message):
    data = copy.deepcopy(_raw())
    mutate(data)
    with pytest.raises(CarrierDataError, match=message):
        parse_directory(data)


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize("typed, key", [
    ("Verizon Wireless", "verizon-wireless"),
    ("verizon wireless", "verizon-wireless"),
    ("VERIZON", "verizon-wireless"),
    ("vzw", "verizon-wireless"),
    ("wireless verizon", "verizon-wireless"),  # word order
    ("Verizon Wireless business account", "verizon-wireless"),  # extra generic words
    ("verizn", "verizon-wireless"),  # typo
    ("verizon wirless", "verizon-wireless"),
    ("AT&T", "att-wireless"),
    ("AT & T", "att-wireless"),
    ("at and t", "att-wireless"),
    ("att", "att-wireless"),
    ("a.t.t.", "att-wireless"),
    ("att wirless", "att-wireless"),
    ("AT&T U-verse", "att-landline"),
    ("tmobile", "t-mobile"),
    ("t mobile", "t-mobile"),
    ("T-Mobile", "t-mobile"),
    ("T‑Mobile", "t-mobile"),  # non-breaking hyphen
    ("Sprint", "t-mobile"),
    ("google voice", "google-voice"),
    ("Google Voice", "google-voice"),
    ("gv", "google-voice"),
    ("googel voice", "google-voice"),  # swapped letters
    ("Google Voce", "google-voice"),
    ("Google Fi", "google-fi"),
    ("Vidéotron", "videotron"),
    ("videotron", "videotron"),
    ("Cox Communications, Inc.", "cox"),
    ("CenturyLink", "lumen"),
    ("Century-Link", "lumen"),
    ("Comcast Business", "comcast"),
    ("xfinity voice", "comcast"),
    ("Xfinity Mobile", "xfinity-mobile"),
    ("Spectrum", "spectrum"),
    ("spectrum mobile", "spectrum-mobile"),
    ("Bell", "bell-canada"),
    ("bell mobility", "bell-mobility"),
    ("Telus", "telus-mobility"),
    ("telus home phone", "telus-landline"),
    ("Shaw", "rogers-home-phone"),
    ("ring central", "ringcentral"),
    ("8x8", "8x8"),
    ("Microsoft Teams", "teams-phone"),
    ("magic jack", "magicjack"),
    ("Straight Talk", "straight-talk"),
    ("windstrem", "windstream"),
    ("Metro PCS", "metro-by-t-mobile"),
    ("  us   cellular  ", "us-cellular"),
    ("my carrier is verizon", "verizon-wireless"),
])
def test_typed_names_match(typed, key):
    found = match(typed)
    assert found is not None, typed
    assert found.key == key


@pytest.mark.parametrize("typed", [
    "", "   ", "hello world", "pizza", "my dentist", "12345", "at", "tt", "the", "mobile",
    "wireless", "phone company", "vodafone", "orange", "o2", "cellular one", "bob",
    "virgin media", "555-0123", "!!!", "Dr. Smith Family Dentistry",
])
def test_unrelated_text_matches_nothing(typed):
    assert match(typed) is None


def test_match_accepts_non_text_without_raising():
    assert match(None) is None  # type: ignore[arg-type]
    assert match(123) is None  # type: ignore[arg-type]


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_match_and_suggestions_never_raise(text):
    result = match(text)
    assert result is None or isinstance(result, CarrierInfo)
    ranked = suggestions(text, limit=5)
    assert len(ranked) <= 5
    if result is not None and ranked:
        assert ranked[0] == result  # the completer's first choice is the match


def test_suggestions_rank_the_likely_carrier_first():
    assert [c.key for c in suggestions("verizon")][:2] == ["verizon-wireless", "verizon-landline"]
    assert suggestions("ver")[0].key == "verizon-wireless"  # prefix while typing
    assert suggestions("goog")[0].key in {"google-voice", "google-fi"}
    assert {c.key for c in suggestions("goog")} >= {"google-voice", "google-fi"}
    assert [c.key for c in suggestions("bell")][:2] == ["bell-canada", "bell-mobility"]
    assert suggestions("verizon", limit=1)[0].key == "verizon-wireless"
    assert suggestions("") == [] and suggestions("hello world") == []
    assert suggestions("verizon", limit=0) == []


def test_matching_is_fast_enough_for_every_keystroke():
    match("warm up the index")
    texts = [f"verizon wireles{'s' * (i % 3)} {i}" for i in range(200)]
    start = time.perf_counter()
    for t in texts:
        carriers._score(t)
    per_call = (time.perf_counter() - start) / len(texts)
    assert per_call < 0.005  # 5 ms, generous for a shared CI machine
