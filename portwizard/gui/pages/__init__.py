"""The wizard's pages: one thin view per ``portwizard.flow.Step``.

Page modules are imported when their page is first built (see ``PortWizard.page_for``), so
only the first page's code is on the start-up path.
"""
from __future__ import annotations

import importlib

from portwizard.flow import Step

_CLASSES = {
    Step.NUMBERS: ("numbers", "NumbersPage"), Step.CARRIER: ("carrier", "CarrierPage"),
    Step.UNLOCK: ("carrier", "UnlockPage"), Step.TARGET: ("target", "TargetPage"),
    Step.ACCOUNT: ("account", "AccountPage"), Step.ADDRESS: ("address", "AddressPage"),
    Step.DOCUMENTS: ("documents", "DocumentsPage"), Step.REVIEW: ("review", "ReviewPage"),
    Step.SUBMIT: ("submit", "SubmitPage"),
}


def page_class(step: Step) -> type:
    module, name = _CLASSES[Step(step)]
    return getattr(importlib.import_module(f"portwizard.gui.pages.{module}"), name)
