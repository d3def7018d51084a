"""The account page keeps what was typed for the numbers that stay (new billing number)
when the user unticks "Some numbers are not moving" or switches to single line."""
from __future__ import annotations

import pytest

from portwizard.domain.order import Order
from portwizard.flow import Step
from portwizard.gui.wizard import PortWizard
from wizard_kit import choose, click, settle, type_into, widget

pytestmark = pytest.mark.gui


def at_account(qtbot) -> PortWizard:
    o = Order(numbers=["+12125550123"])
    o.carrier.name = "Spectrum"
    o.target.account_id, o.target.line_id, o.target.label = "SBX-1001", "L-100", "Main office line"
    wiz = PortWizard(o)
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    assert wiz.goto_step(Step.ACCOUNT)
    return wiz


def fill_partial(wiz, qtbot) -> None:
    click(wiz, Step.ACCOUNT, "carrier.account_type=multi-line")
    click(wiz, Step.ACCOUNT, "partial_port")
    choose(wiz, Step.ACCOUNT, "partial_port.remaining_numbers", "keep")
    type_into(wiz, Step.ACCOUNT, "partial_port.new_btn", "2125550124")
    settle(wiz, qtbot)
    assert "5550124" in wiz.order.partial_port.new_btn.replace("-", "").replace(" ", "")


def new_btn_text(wiz) -> str:
    return widget(wiz, Step.ACCOUNT, "partial_port.new_btn").text()


def test_unticking_and_ticking_again_brings_back_the_new_billing_number(qtbot):
    wiz = at_account(qtbot)
    fill_partial(wiz, qtbot)
    click(wiz, Step.ACCOUNT, "partial_port")  # untick: the order drops the section
    assert wiz.order.partial_port is None
    click(wiz, Step.ACCOUNT, "partial_port")  # tick again: what was typed is back
    assert wiz.order.partial_port is not None
    assert "555" in wiz.order.partial_port.new_btn and "0124" in wiz.order.partial_port.new_btn
    assert wiz.order.partial_port.remaining_numbers == "keep"
    assert "0124" in new_btn_text(wiz)


def test_switching_to_single_line_and_back_keeps_the_typed_number(qtbot):
    wiz = at_account(qtbot)
    fill_partial(wiz, qtbot)
    click(wiz, Step.ACCOUNT, "carrier.account_type=single-line")
    assert wiz.order.partial_port is None  # a single-line order has no numbers that stay
    click(wiz, Step.ACCOUNT, "carrier.account_type=multi-line")
    partial = widget(wiz, Step.ACCOUNT, "partial_port")
    assert partial.isVisible() and not partial.isChecked()
    click(wiz, Step.ACCOUNT, "partial_port")
    assert "0124" in wiz.order.partial_port.new_btn
    assert "0124" in new_btn_text(wiz)
