"""Where the numbers go at the new provider: an existing line/sub-account, or a new one."""
from __future__ import annotations

from portwizard.domain.findings import error, warning
from portwizard.domain.validation import rule


@rule("target.account_id", "target.line_id", "target.label")
def target_chosen(order, ctx):
    t = order.target
    if t.account_id.strip():
        return
    if t.line_id.strip():
        yield error("target.account_id", "target.account_missing",
                    "A line was chosen without the account it belongs to.",
                    "Choose the line again from the list of your lines and sub-accounts.")
    elif not t.label.strip():
        yield error("target.account_id", "target.missing",
                    "You have not chosen where the numbers should go at your new provider.",
                    "Pick one of your lines or sub-accounts, or choose \"New sub-account\" "
                    "and give it a name.")
    elif len(t.label.strip()) > 40:
        yield warning("target.label", "target.label_too_long",
                      f"The new sub-account's name is {len(t.label.strip())} characters long; "
                      "providers usually show about 40.",
                      "Use a shorter name, e.g. the office or department it is for.")
