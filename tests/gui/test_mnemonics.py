"""Every Alt+letter on every wizard page reaches one control: Alt+N is Next, Alt+B is Back.

mnemonic_clashes() is generic (the main window and its dialogs can use it too); here it walks
a real PortWizard through every page and the states that show more controls."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from portwizard.flow import Step
from portwizard.gui.mnemonics import mnemonic_clashes, mnemonic_of, mnemonics
from portwizard.gui.wizard import PortWizard
from wizard_kit import WAIT, click, widget

pytestmark = pytest.mark.gui


# --------------------------------------------------------------------------- the function


@pytest.mark.parametrize("text, letter", [
    ("&Next >", "n"), ("Account num&ber:", "b"), ("AT&&T Wireless", None), ("Rock && &roll", "r"),
    ("no mnemonic", None), ("trailing &", None), ("& space", None), ("", None),
])
def test_mnemonic_of(text, letter):
    assert mnemonic_of(text) == letter


def test_clashes_count_visible_controls_and_labels_with_buddies_only(qtbot):
    root = QWidget()
    qtbot.addWidget(root)
    field = QLineEdit(root)
    buddy_label = QLabel("&Name:", root)
    buddy_label.setBuddy(field)
    QLabel("&Nothing to focus", root)  # no buddy: Alt+N does nothing for it
    button = QPushButton("&Next", root)
    hidden = QCheckBox("&Hidden", root)
    hidden.hide()
    QGroupBox("&Hours", root)
    root.show()
    clashes = mnemonic_clashes(root)
    assert len(clashes) == 1 and clashes[0].startswith("Alt+N: ")
    assert "'&Name:' (QLabel" in clashes[0] and "'&Next' (QPushButton" in clashes[0]
    assert set(mnemonics(root)) == {"n", "h"}
    button.hide()
    assert mnemonic_clashes(root) == []


# --------------------------------------------------------------------------- every page


def clashes_on(wiz) -> list[str]:
    wiz.repaint()
    return [f"{wiz.current_step().value}: {c}" for c in mnemonic_clashes(wiz)]


def open_at(qtbot, order) -> PortWizard:
    wiz = PortWizard(order)
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    qtbot.waitExposed(wiz)
    return wiz


def test_no_page_of_the_wizard_has_two_controls_on_one_alt_letter(qtbot, tmp_path):
    from orderkit import valid_order

    order = valid_order(tmp_path / "docs")
    order.carrier.name = "Verizon Wireless"
    order.service_address.country, order.service_address.state = "US", "NY"
    wiz = open_at(qtbot, order)
    found: list[str] = []
    for step in (Step.NUMBERS, Step.CARRIER, Step.TARGET, Step.ACCOUNT, Step.ADDRESS,
                 Step.DOCUMENTS):
        assert wiz.goto_step(step), step
        found += clashes_on(wiz)
    # the states that show more controls
    assert wiz.goto_step(Step.TARGET)
    wiz.page_for(Step.TARGET).ui.form.setRowVisible(0, True)  # "name of the new sub-account"
    assert widget(wiz, Step.TARGET, "target.label").isVisible()
    found += clashes_on(wiz)
    wiz.page_for(Step.TARGET).ui.form.setRowVisible(0, False)
    assert wiz.goto_step(Step.ACCOUNT)
    click(wiz, Step.ACCOUNT, "carrier.account_type=multi-line")
    found += clashes_on(wiz)
    partial = wiz.page_for(Step.ACCOUNT).partial
    partial.setChecked(True)
    found += clashes_on(wiz)
    partial.setChecked(False)
    click(wiz, Step.ACCOUNT, "carrier.account_type=single-line")
    assert wiz.goto_step(Step.DOCUMENTS)
    page = wiz.page_for(Step.DOCUMENTS)
    for mode in ("sign", "print", "own", "sign"):
        page.set_mode(mode)
        found += clashes_on(wiz)
    assert wiz.goto_step(Step.ADDRESS)
    from wizard_kit import choose

    choose(wiz, Step.ADDRESS, "service_address.country", "CA")
    found += clashes_on(wiz)
    choose(wiz, Step.ADDRESS, "service_address.country", "US")
    widget(wiz, Step.ADDRESS, "service_address.state").setCurrentIndex(
        widget(wiz, Step.ADDRESS, "service_address.state").findData("NY"))
    assert wiz.goto_step(Step.REVIEW)
    review = wiz.page_for(Step.REVIEW)
    qtbot.waitUntil(lambda: review.full is not None, timeout=WAIT)
    found += clashes_on(wiz)
    assert wiz.goto_step(Step.SUBMIT)
    found += clashes_on(wiz)
    assert found == []


def test_the_unlock_page_has_no_clash_either(qtbot, tmp_path):
    from orderkit import valid_order

    order = valid_order(tmp_path / "docs")
    order.carrier.name = "Google Voice"
    wiz = open_at(qtbot, order)
    assert wiz.goto_step(Step.UNLOCK)
    assert clashes_on(wiz) == []
