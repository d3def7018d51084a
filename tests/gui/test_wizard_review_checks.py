"""The review page's full document check: a failure is shown in the checklist and keeps
Next blocked until "Check again" succeeds."""
from __future__ import annotations

import pytest

from portwizard.flow import Step
from portwizard.gui.wizard import PortWizard
from wizard_kit import WAIT, next_button, settle, widget

pytestmark = pytest.mark.gui


def test_a_failed_document_check_is_shown_and_blocks_next_until_rechecked(
        qtbot, tmp_path, monkeypatch):
    from orderkit import valid_order

    from portwizard.gui.pages import review

    attempts = []

    def flaky_full_findings(order, ctx):
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("the bill could not be opened")
        return []

    monkeypatch.setattr(review, "full_findings", flaky_full_findings)
    order = valid_order(tmp_path / "docs")
    order.contact.name, order.contact.email = "Pat Smith", "pat@example.com"
    wiz = PortWizard(order)
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    assert wiz.goto_step(Step.REVIEW)
    page = wiz.page_for(Step.REVIEW)
    checklist = widget(wiz, Step.REVIEW, "checklist")
    qtbot.waitUntil(lambda: "could not be checked" in checklist.text(), timeout=WAIT)
    assert "the bill could not be opened" in checklist.text()
    assert "Check them by eye or try again" in checklist.text()
    settle(wiz, qtbot)
    qtbot.wait(50)
    assert not next_button(wiz).isEnabled()  # nothing says the documents are usable
    assert "Check again" in page.hint.text()

    checklist.linkActivated.emit("recheck")
    qtbot.waitUntil(lambda: page.full is not None, timeout=WAIT)
    assert len(attempts) == 2
    assert "could not be checked" not in checklist.text()
    qtbot.waitUntil(next_button(wiz).isEnabled, timeout=WAIT)


def test_coming_back_to_the_review_page_checks_again_without_the_old_failure(
        qtbot, tmp_path, monkeypatch):
    import threading

    from orderkit import valid_order

    from portwizard.gui.pages import review

    release = threading.Event()
    attempts = []

    def flaky_full_findings(order, ctx):
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("the bill could not be opened")
        release.wait(10)
        return []

    monkeypatch.setattr(review, "full_findings", flaky_full_findings)
    wiz = PortWizard(valid_order(tmp_path / "docs"))
    qtbot.addWidget(wiz)
    wiz.ask_close = lambda: "discard"
    wiz.show()
    assert wiz.goto_step(Step.REVIEW)
    page = wiz.page_for(Step.REVIEW)
    checklist = widget(wiz, Step.REVIEW, "checklist")
    try:
        qtbot.waitUntil(lambda: "could not be checked" in checklist.text(), timeout=WAIT)
        page.on_enter()  # as when the user comes back from another step
        assert "could not be checked" not in checklist.text()
        assert "Checking the documents" in page.hint.text()
    finally:
        release.set()
    qtbot.waitUntil(lambda: page.full is not None, timeout=WAIT)
