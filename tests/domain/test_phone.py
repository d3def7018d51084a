"""Phone numbers: real-world notations, vanity letters, extensions, toll-free, regions."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portwizard.domain.phone import (
    TOLL_FREE_AREA_CODES, format_display, parse_number, same_number, split_number_list,
)


@pytest.mark.parametrize("text", [
    "(212) 555-0123", "212-555-0123", "212.555.0123", "212 555 0123", "2125550123",
    "1-212-555-0123", "1 (212) 555-0123", "+1 212.555.0123", "+1 (212) 555-0123",
    "+12125550123", "  212-555-0123  ", "Tel: 212-555-0123", "tel:+1-212-555-0123",
    "１２１２５５５０１２３",  # full-width digits from an Asian keyboard layout
])
def test_common_notations_give_the_same_e164(text):
    p = parse_number(text)
    assert p.ok, p.error_message
    assert p.e164 == "+12125550123"
    assert p.display == "(212) 555-0123"
    assert p.kind == "local" and p.region == "US"
    assert not p.vanity_converted and p.extension == ""


def test_canadian_number_is_nanp_and_canadian():
    p = parse_number("+1 416 555 0199")
    assert (p.e164, p.region, p.kind) == ("+14165550199", "CA", "local")


@pytest.mark.parametrize("text, region", [
    ("787-555-0123", "PR"), ("(671) 555-0123", "GU"), ("340 555 0123", "VI"),
    ("684-622-1234", "AS"), ("670-555-0123", "MP"),
])
def test_us_territories_are_portable(text, region):
    p = parse_number(text)
    assert p.ok and p.region == region


def test_vanity_number_is_converted_and_flagged():
    p = parse_number("1-800-FLOWERS")
    assert p.e164 == "+18003569377"
    assert p.vanity_converted and not p.vanity_truncated
    assert p.kind == "toll-free"
    assert p.display == "(800) 356-9377"


def test_vanity_letters_beyond_seven_are_dropped_and_flagged():
    p = parse_number("1-800-FLOWERS-NOW")
    assert p.e164 == "+18003569377" and p.vanity_truncated


@pytest.mark.parametrize("text", ["212-555-0123 x12", "212-555-0123 ext. 12", "212-555-0123 #12",
                                  "(212) 555-0123, extension 12", "2125550123x12"])
def test_extension_is_separated_from_the_main_number(text):
    p = parse_number(text)
    assert p.e164 == "+12125550123" and p.extension == "12"


@pytest.mark.parametrize("area", sorted(TOLL_FREE_AREA_CODES))
def test_every_toll_free_area_code_is_detected(area):
    p = parse_number(f"1-{area}-555-0100")
    assert p.ok and p.kind == "toll-free"


@pytest.mark.parametrize("text, code, words", [
    ("", "number.missing", "empty"),
    ("   ", "number.missing", "empty"),
    ("555-0123", "number.invalid", "only 7 digits"),
    ("21255501234567", "number.invalid", "14 digits"),
    ("(012) 555-0123", "number.invalid", "never start with 0 or 1"),
    ("(212) 055-0123", "number.invalid", "never starts with 0 or 1"),
    ("+1 822 555 0100", "number.invalid", "not in use yet"),
    ("+44 20 7946 0958", "number.not_nanp", "not a US or Canadian"),
    ("011 44 20 7946 0958", "number.not_nanp", "not a US or Canadian"),
    ("+1 876 555 0123", "number.not_portable_region", "can only move numbers"),
    ("hello", "number.invalid", ""),
])
def test_bad_numbers_say_why_and_how_to_fix(text, code, words):
    p = parse_number(text)
    assert not p.ok and p.e164 is None
    assert p.error_code == code
    assert words in p.error_message
    assert p.fix


def test_non_text_input_is_handled():
    assert parse_number(None).error_code == "number.missing"
    assert parse_number(2125550123).e164 == "+12125550123"
    assert parse_number("9" * 500).error_code == "number.invalid"


def test_format_display_and_same_number():
    assert format_display("+14165550199") == "(416) 555-0199"
    assert format_display("+442079460958") == "+442079460958"
    assert format_display(None) == ""
    assert same_number("(212) 555-0123", "+1 212.555.0123")
    assert not same_number("(212) 555-0123", "(212) 555-0124")
    assert not same_number("", "")


def test_split_number_list_keeps_spaces_inside_numbers():
    text = "212-555-0123, (416) 555-0199\n+1 800 555 0100; 212 555 0124\t212 555 0125 / 212 555 0126\n\n"
    assert split_number_list(text) == ["212-555-0123", "(416) 555-0199", "+1 800 555 0100",
                                       "212 555 0124", "212 555 0125", "212 555 0126"]
    assert split_number_list(None) == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_parse_number_never_raises(text):
    p = parse_number(text)
    assert p.ok == (p.e164 is not None)
    if p.ok:
        assert p.e164.startswith("+1") and len(p.e164) == 12
        assert p.kind in ("local", "toll-free")
    else:
        assert p.error_code and p.error_message


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789()-. +xX#ABCDEFGHIJKLMNOPQRSTUVWXYZ", max_size=25))
def test_phone_like_input_never_raises(text):
    parse_number(text)
    split_number_list(text)


def _bench():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "bench_validation.py"
    spec = importlib.util.spec_from_file_location("bench_validation", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fast_path_agrees_with_phonenumbers_on_the_bench_sample():
    # The speed-up (no re-parsing of plain notations, cached area-code regions) must not
    # change a single verdict: same validity and same E.164 as phonenumbers itself.
    bench = _bench()
    assert bench.agreement(bench.sample_numbers(800, seed=3)) == 0


def test_validate_field_is_fast_enough_for_keystrokes():
    import statistics

    bench = _bench()
    bench.warm_up()
    times = bench.keystrokes()
    assert statistics.median(times) < 0.005  # generous: the bench shows ~0.03 ms


@pytest.mark.parametrize("text, meant", [("212-555-O123", "212-555-0123"),
                                         ("2I2-555-0123", "212-555-0123"),
                                         ("212-555-0l23", "212-555-0123")])
def test_lookalike_letters_in_digits_are_typos_not_vanity(text, meant):
    p = parse_number(text)
    assert p.error_code == "number.letter_typo"
    assert meant in p.fix


@pytest.mark.parametrize("text, e164", [("1-800-4MY-HOME", "+18004694663"),
                                        ("1-800-GOT-JUNK", "+18004685865"),
                                        ("1-877-KARS-4-KIDS", "+18775277454")])
def test_vanity_words_with_digits_still_convert(text, e164):
    assert parse_number(text).e164 == e164


def test_other_nanp_countries_are_named():
    p = parse_number("+1 876 555 0123")
    assert "Jamaica" in p.error_message


def test_formatting_stored_numbers_does_not_load_phonenumbers():
    """The orders dashboard shows stored numbers at start-up; that must not cost the
    phonenumbers import (only checking a number does)."""
    import subprocess
    import sys

    code = ("import sys; from portwizard.domain.phone import format_display; "
            "assert format_display('+12125550123') == '(212) 555-0123'; "
            "print('phonenumbers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
