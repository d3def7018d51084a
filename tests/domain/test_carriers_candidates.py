"""carriers.candidates(): a brand shared by several directory entries is never silently one."""
from __future__ import annotations

import pytest

from portwizard.domain.carriers import candidates, directory, match


@pytest.mark.parametrize("typed, keys", [
    ("AT&T", ["att-wireless", "att-landline"]),
    ("at and t", ["att-wireless", "att-landline"]),
    ("Verizon", ["verizon-wireless", "verizon-landline"]),
    ("verizon ", ["verizon-wireless", "verizon-landline"]),
    ("Bell", ["bell-mobility", "bell-canada"]),
    ("Rogers", ["rogers", "rogers-home-phone"]),
    ("Telus", ["telus-mobility", "telus-landline"]),
])
def test_a_shared_brand_gives_every_entry_in_directory_order(typed, keys):
    assert [c.key for c in candidates(typed)] == keys


@pytest.mark.parametrize("typed, key", [
    ("Verizon Wireless", "verizon-wireless"), ("Verizon Fios", "verizon-landline"),
    ("AT&T business", "att-landline"), ("att wireless", "att-wireless"),
    ("Google Voice", "google-voice"), ("verison", "verizon-wireless"), ("US Mobile", "us-mobile"),
])
def test_a_text_that_says_which_gives_one(typed, key):
    assert [c.key for c in candidates(typed)] == [key]


@pytest.mark.parametrize("typed", ["", "   ", "mobile", "business phone", "hello world", None, 42])
def test_no_brand_gives_none(typed):
    assert candidates(typed) == []


def test_every_canonical_name_is_unambiguous():
    # picking an entry stores its name: that name must not ask the question again
    for info in directory():
        assert candidates(info.name) == [info], info.name


def test_the_single_answer_is_what_match_returns():
    for typed in ("Cox", "Sprint", "T-Mobile", "magic jack"):
        assert candidates(typed) == [match(typed)]


def test_suggestions_start_at_the_first_letter():
    from portwizard.domain.carriers import suggestions

    assert [c.key for c in suggestions("v")][:2] == ["verizon-wireless", "visible"]
    assert {c.key for c in suggestions("A")} >= {"att-wireless", "att-landline"}
    assert all(c.name.lower().startswith("g") for c in suggestions("g"))
    assert suggestions("&") == [] and suggestions(" ") == []
