"""Choosing where the numbers go at the new provider."""
from __future__ import annotations

from rulekit import codes, findings, good_order


def test_good_order_has_a_target():
    assert not {c for c in codes(good_order()) if c[0].startswith("target.")}


def test_nothing_chosen_is_an_error_that_says_how_to_choose():
    order = good_order()
    order.target.account_id = order.target.line_id = order.target.label = ""
    [f] = findings(order, "target.account_id")
    assert f.code == "target.missing" and f.is_error
    assert "New sub-account" in f.fix


def test_new_sub_account_needs_only_a_name():
    order = good_order()
    order.target.account_id, order.target.line_id, order.target.label = "", "", "Front desk"
    assert findings(order, "target.account_id") == []
    order.target.label = "x" * 41
    assert [f.code for f in findings(order, "target.label")] == ["target.label_too_long"]


def test_line_without_its_account_is_an_error():
    order = good_order()
    order.target.account_id = ""
    assert ("target.account_id", "target.account_missing") in codes(order)
