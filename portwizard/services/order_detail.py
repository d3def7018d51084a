"""One order as the detail view and ``portwizard status ID`` show it: the timeline, each
number's status, comments (the provider's and ours, including those still waiting to be
sent), the documents that went with it, the port date with a countdown and what to do now.

Built from what the store holds (no network): :func:`build_detail` is pure apart from
checking whether the attached files are still on this computer.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from portwizard.domain import dates, lifecycle
from portwizard.domain import status as _status
from portwizard.domain.order import DOCUMENT_KINDS, document_name
from portwizard.domain.phone_format import format_display
from portwizard.store import HistoryEntry, OrderRecord, OutboxEntry


#: what to have done before the port date, in order
BEFORE_PORT_DATE = (
    "Have your new line, phone or app from your new provider set up and signed in, so calls "
    "work as soon as the numbers arrive.",
    "Do not cancel your old service: it ends by itself when the numbers move. Cancelling "
    "early can lose the numbers for good.",
    "Tell your staff the date; calls may take a few hours to arrive on the new line that day.",
    "After the move, call your old carrier to confirm the old service is disconnected and "
    "billing has stopped; ask for a final bill and keep it.",
)


@dataclass(frozen=True)
class TimelineEntry:
    at: str
    status: str
    label: str
    source: str   # "provider" | "this computer"
    note: str


@dataclass(frozen=True)
class NumberState:
    number: str      # as stored (E.164)
    display: str     # (212) 555-0123
    status: str
    label: str


@dataclass(frozen=True)
class Comment:
    at: str
    author: str      # "you" | "provider"
    text: str
    pending: bool = False  # still waiting in the outbox


@dataclass(frozen=True)
class Document:
    kind: str
    label: str
    path: str
    exists: bool


@dataclass(frozen=True)
class OrderDetail:
    record: OrderRecord
    status_label: str
    status_meaning: str
    tone: _status.Tone
    next_action: str
    timeline: list[TimelineEntry]
    numbers: list[NumberState]
    comments: list[Comment]
    documents: list[Document]
    waiting: list[OutboxEntry]
    reason: lifecycle.RejectionReason | None
    rejection_text: str
    foc_countdown: str
    checklist: tuple[str, ...] = field(default=())

    @property
    def provider(self):
        """The profile of the provider the order was filed with (domain.providers)."""
        from portwizard.domain.providers import profile_for

        return profile_for(self.record.provider)

    @property
    def can_comment(self) -> bool:
        return self.provider.takes_comments

    @property
    def can_cancel(self) -> bool:
        return _status.can_cancel(self.record.status) and not any(
            e.operation == "cancel" for e in self.waiting)

    @property
    def can_resubmit(self) -> bool:
        return _status.can_resubmit(self.record.status) and not any(
            e.operation == "resubmit" for e in self.waiting)


def countdown(foc: _dt.date, today: _dt.date, place: tuple[str, str | None] = ("US", None)) -> str:
    """"today", "tomorrow", "in 3 business days" (or "3 days ago") for a port date."""
    if foc == today:
        return "today"
    if foc < today:
        days = (today - foc).days
        return "yesterday" if days == 1 else f"{days} days ago"
    if foc == today + _dt.timedelta(days=1):
        return "tomorrow"
    business = sum(1 for i in range(1, (foc - today).days + 1)
                   if dates.is_business_day(today + _dt.timedelta(days=i), *place))
    return f"in {business} business day{'s' if business != 1 else ''}"


def build_detail(record: OrderRecord, history: list[HistoryEntry], outbox: list[OutboxEntry], *,
                 provider_name: str | None = None, today: _dt.date | None = None) -> OrderDetail:
    from portwizard.services.tracking import next_action

    today = today or _dt.date.today()
    state = record.remote_state or {}
    waiting = [e for e in outbox if e.state in ("pending", "blocked")]
    timeline = [TimelineEntry(h.at, h.status, _status.label(h.status),
                              "provider" if h.source == "endpoint" else "this computer", h.note)
                for h in history]
    numbers = _numbers(record, state)
    comments = _comments(state, waiting)
    files = [(kind, getattr(record.order.documents, kind)) for kind in DOCUMENT_KINDS]
    documents = [Document(kind, document_name(kind, label=True), value, Path(value).is_file())
                 for kind, value in files if value]
    foc = dates.parse_date(record.foc_date) if record.foc_date else None
    foc_text = countdown(foc, today, dates.place_of(record.order)) if foc else ""
    reason = lifecycle.reason(record.rejection_code or "") if record.status == "rejected" else None
    checklist = BEFORE_PORT_DATE if record.status == "foc_confirmed" else ()
    return OrderDetail(
        record=record, status_label=_status.label(record.status),
        status_meaning=_status.meaning(record.status), tone=_status.tone(record.status),
        next_action=next_action(record, outbox=outbox, provider_name=provider_name),
        timeline=timeline, numbers=numbers, comments=comments, documents=documents,
        waiting=waiting, reason=reason, rejection_text=record.rejection_text or "",
        foc_countdown=foc_text, checklist=checklist)


def _numbers(record: OrderRecord, state: dict) -> list[NumberState]:
    """Per-number status where the provider gives it; otherwise the order's status."""
    given: dict[str, str] = {}
    for item in state.get("numbers") or ():
        if isinstance(item, dict) and isinstance(item.get("number"), str):
            word = item.get("status")
            given[item["number"]] = word if isinstance(word, str) else record.status
    out = []
    for n in [n for n in record.order.numbers if isinstance(n, str) and n.strip()]:
        st = given.get(n, record.status)
        out.append(NumberState(n, format_display(n) or n, st, _status.label(st)))
    return out


def _comments(state: dict, waiting: list[OutboxEntry]) -> list[Comment]:
    out = []
    for c in state.get("comments") or ():
        if isinstance(c, dict) and isinstance(c.get("text"), str):
            author = "provider" if c.get("author") == "provider" else "you"
            out.append(Comment(str(c.get("at") or ""), author, c["text"]))
    for e in waiting:
        if e.operation == "comment":
            out.append(Comment(e.created_at, "you", str((e.payload or {}).get("text", "")),
                               pending=True))
    return out
