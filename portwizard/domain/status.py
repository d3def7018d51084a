"""One vocabulary for an order's status on this computer: words, tones and groups.

The lifecycle (``resources/lifecycle.json``, :mod:`portwizard.domain.lifecycle`) describes
the statuses a provider reports. This computer adds three of its own: ``draft`` (being
written), ``queued`` (saved, waiting to reach the provider) and ``not_sent`` (the provider
refused it before creating an order). Every screen, the command line and the services read
labels, tones, groups and "which actions are allowed" from here, nowhere else.

No Qt, no HTTP, no SQL.
"""
from __future__ import annotations

from enum import Enum

from portwizard.domain import lifecycle

DRAFT = "draft"
QUEUED = "queued"      # stored, waiting to reach the provider
NOT_SENT = "not_sent"  # the provider refused it before creating an order (fix and submit again)

#: over at the provider: nothing more will happen (no resubmission, no refresh)
FINISHED = frozenset({"cancelled", "completed"})
#: nothing to ask the provider about any more
CLOSED = FINISHED | {NOT_SENT}

_LOCAL_LABELS = {
    QUEUED: "Waiting to be sent",
    NOT_SENT: "Not sent (needs a fix)",
    DRAFT: "Unfinished (not sent)",
}


class Tone(str, Enum):
    """How a status should look: the dashboard turns each into a palette-aware colour."""
    MUTED = "muted"        # nothing happening, or over without result
    PROGRESS = "progress"  # moving along, nothing to do
    WAITING = "waiting"    # with the old carrier
    GOOD = "good"          # date confirmed, done
    BAD = "bad"            # needs the user


class Group(str, Enum):
    """The dashboard's quick filters."""
    DRAFTS = "drafts"
    ATTENTION = "attention"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return _GROUP_LABELS[self]


_GROUP_LABELS = {
    Group.DRAFTS: "Unfinished",
    Group.ATTENTION: "Needs your attention",
    Group.IN_PROGRESS: "In progress",
    Group.DONE: "Done",
}

_TONES = {
    DRAFT: Tone.MUTED, QUEUED: Tone.MUTED, NOT_SENT: Tone.BAD,
    "submitted": Tone.PROGRESS, "awaiting_signature": Tone.WAITING, "in_review": Tone.PROGRESS, "pending_carrier": Tone.WAITING,
    "foc_confirmed": Tone.GOOD, "rejected": Tone.BAD, "cancel_pending": Tone.MUTED,
    "cancelled": Tone.MUTED, "completed": Tone.GOOD,
}

#: statuses in each quick filter (drafts are their own table, not a status in ``orders``)
GROUP_STATUSES: dict[Group, frozenset[str]] = {
    Group.DRAFTS: frozenset({DRAFT}),
    Group.ATTENTION: frozenset({"rejected", NOT_SENT, "awaiting_signature"}),
    Group.IN_PROGRESS: frozenset({QUEUED, "submitted", "in_review", "pending_carrier",
                                  "foc_confirmed", "cancel_pending"}),
    Group.DONE: frozenset(FINISHED),
}

#: how far an order has come: "the least advanced part" of a split order, and the orders
#: list's sort by status (what needs the user first, what is over last)
PROGRESS_ORDER = (NOT_SENT, "rejected", "awaiting_signature", DRAFT, QUEUED, "submitted",
                  "in_review", "pending_carrier", "foc_confirmed", "cancel_pending", "completed",
                  "cancelled")


def label(status: str) -> str:
    """Plain words for any status word (lifecycle label, our local ones, or tidied text)."""
    if status in _LOCAL_LABELS:
        return _LOCAL_LABELS[status]
    try:
        return lifecycle.Status(status).label
    except ValueError:
        return str(status).replace("_", " ").capitalize()


def meaning(status: str) -> str:
    if status == QUEUED:
        return ("The order is saved on this computer and goes out as soon as the provider can "
                "be reached. Your phones are not affected.")
    if status == NOT_SENT:
        return ("The provider did not accept the order, so nothing is happening with your "
                "numbers. Correct the order and send it again.")
    try:
        return lifecycle.Status(status).meaning
    except ValueError:
        return ""


def tone(status: str) -> Tone:
    return _TONES.get(status, Tone.MUTED)


def group(status: str) -> Group:
    for g, statuses in GROUP_STATUSES.items():
        if status in statuses:
            return g
    return Group.IN_PROGRESS


def is_open(status: str) -> bool:
    """True while the provider may still report news (worth refreshing)."""
    return status not in CLOSED and status != DRAFT


def can_cancel(status: str) -> bool:
    """Whether "Cancel order" is offered: queued and not-sent orders are cancelled here,
    the rest as the lifecycle allows (the provider may still refuse close to the FOC date)."""
    if status in (QUEUED, NOT_SENT):
        return True
    return lifecycle.can_cancel(status) if status in _LIFECYCLE else False


def can_resubmit(status: str) -> bool:
    """Whether "Fix and resubmit" is offered."""
    return status in _LIFECYCLE and lifecycle.can_resubmit(status)


_LIFECYCLE = frozenset(s.value for s in lifecycle.Status)
