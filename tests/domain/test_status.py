"""The one status vocabulary: every status has words, a tone and a group; actions follow
the lifecycle (pure, no Qt)."""
from __future__ import annotations

import pytest

from portwizard.domain import lifecycle
from portwizard.domain import status as st

ALL = [st.DRAFT, st.QUEUED, st.NOT_SENT, *(s.value for s in lifecycle.Status if s.value != "draft")]


@pytest.mark.parametrize("word", ALL)
def test_every_status_has_plain_words_and_a_group(word):
    assert st.label(word) and "_" not in st.label(word)
    assert isinstance(st.tone(word), st.Tone)
    assert isinstance(st.group(word), st.Group)


def test_groups_do_not_overlap_and_cover_every_status():
    seen = [s for statuses in st.GROUP_STATUSES.values() for s in statuses]
    assert len(seen) == len(set(seen))
    assert set(ALL) <= set(seen)


def test_a_queued_order_is_never_called_sent():
    assert "sent" not in st.label(st.QUEUED).lower().replace("to be sent", "")
    assert st.group(st.QUEUED) is st.Group.IN_PROGRESS and st.tone(st.QUEUED) is st.Tone.MUTED


@pytest.mark.parametrize("word, cancel, resubmit", [
    (st.QUEUED, True, False), (st.NOT_SENT, True, False), ("submitted", True, False),
    ("pending_carrier", True, False), ("foc_confirmed", True, False), ("rejected", True, True),
    ("cancel_pending", False, False), ("cancelled", False, False), ("completed", False, False),
    (st.DRAFT, False, False), ("something-new", False, False),
])
def test_actions_offered_follow_the_lifecycle(word, cancel, resubmit):
    assert st.can_cancel(word) is cancel
    assert st.can_resubmit(word) is resubmit


def test_open_statuses_are_worth_refreshing():
    assert st.is_open("pending_carrier") and st.is_open(st.QUEUED)
    assert not st.is_open("completed") and not st.is_open(st.NOT_SENT)
    assert not st.is_open(st.DRAFT)
