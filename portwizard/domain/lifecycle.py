"""The life of a port order after the wizard: statuses, allowed moves, rejection reasons.

All of it is data in ``resources/lifecycle.json``, checked when first used:

* :class:`Status` is portwizard's own vocabulary (BRIEF section 2); ``.label`` and
  ``.meaning`` are plain words for the dashboard.
* :func:`allowed_next` / :func:`can_transition` say which status changes make sense, e.g.
  ``rejected -> submitted`` (resubmit) or ``cancel_pending -> cancelled``.
* :class:`RejectionReason` explains each way an order gets rejected, how to fix it, and which
  order fields (paths from :func:`portwizard.domain.order.field_paths`) the user must revisit.
* :func:`status_from_provider` and :func:`reason_from_text` translate what a provider's API
  says ("FOC", "exception", "port_in_progress", "End user address mismatch") into the above,
  so every adapter uses the same table.
"""
from __future__ import annotations

import json
import re
import unicodedata
from enum import Enum
from functools import lru_cache
from typing import Any, Iterable, NamedTuple

FORMAT = "portwizard.lifecycle/1"


class LifecycleDataError(ValueError):
    """``resources/lifecycle.json`` is malformed (a packaging bug, caught by a test)."""


class Status(str, Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    AWAITING_SIGNATURE = "awaiting_signature"
    IN_REVIEW = "in_review"
    PENDING_CARRIER = "pending_carrier"
    FOC_CONFIRMED = "foc_confirmed"
    REJECTED = "rejected"
    CANCEL_PENDING = "cancel_pending"
    CANCELLED = "cancelled"
    COMPLETED = "completed"

    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        """Plain words for the dashboard: "Waiting for your old carrier"."""
        return _data().labels[self]

    @property
    def meaning(self) -> str:
        """One or two sentences on what this status means for the user's phones."""
        return _data().meanings[self]

    @property
    def is_open(self) -> bool:
        """False once the order is over (cancelled or completed)."""
        return _data().open[self]

    @property
    def is_terminal(self) -> bool:
        return not allowed_next(self)


class RejectionReason(NamedTuple):
    code: str
    title: str
    explanation: str
    fix: str
    fields: tuple[str, ...]  # order field paths the user must revisit (may be empty)
    keywords: tuple[str, ...] = ()  # words in a provider's rejection text that point here


class _Lifecycle(NamedTuple):
    labels: dict[Status, str]
    meanings: dict[Status, str]
    open: dict[Status, bool]
    transitions: dict[Status, frozenset[Status]]
    reasons: dict[str, RejectionReason]
    exact_words: dict[str, Status]
    contains_words: tuple[tuple[str, Status], ...]


# --------------------------------------------------------------------------- loading


def _status(value: Any, where: str) -> Status:
    try:
        return Status(value)
    except ValueError:
        raise LifecycleDataError(f"{where}: {value!r} is not a status") from None


def _text(obj: dict, name: str, where: str) -> str:
    value = obj.get(name)
    if not isinstance(value, str) or not value.strip():
        raise LifecycleDataError(f"{where}: '{name}' must be non-empty text")
    return value.strip()


def parse_lifecycle(data: Any, *, check_fields: bool = True) -> _Lifecycle:
    """Check the parsed JSON and build the tables; raises :class:`LifecycleDataError`.
    ``check_fields=False`` leaves out checking that each reason's fields are order field
    paths (:func:`_check_fields`; the program does it when reasons are first asked for)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LifecycleDataError(f"lifecycle.json: format must be {FORMAT!r}")
    statuses = data.get("statuses")
    if not isinstance(statuses, dict) or set(statuses) != {s.value for s in Status}:
        raise LifecycleDataError("lifecycle.json: 'statuses' must describe exactly "
                                 + ", ".join(s.value for s in Status))
    labels, meanings, open_ = {}, {}, {}
    for value, item in statuses.items():
        s = Status(value)
        where = f"statuses.{value}"
        if not isinstance(item, dict) or not isinstance(item.get("open"), bool):
            raise LifecycleDataError(f"{where}: needs label, meaning and open (true/false)")
        labels[s] = _text(item, "label", where)
        meanings[s] = _text(item, "meaning", where)
        open_[s] = item["open"]

    raw = data.get("transitions")
    if not isinstance(raw, dict) or set(raw) != {s.value for s in Status}:
        raise LifecycleDataError("lifecycle.json: 'transitions' must list every status")
    transitions: dict[Status, frozenset[Status]] = {}
    for value, targets in raw.items():
        s = Status(value)
        if not isinstance(targets, list):
            raise LifecycleDataError(f"transitions.{value} must be a list")
        nexts = frozenset(_status(t, f"transitions.{value}") for t in targets)
        if s in nexts:
            raise LifecycleDataError(f"transitions.{value}: a status cannot follow itself")
        if not open_[s] and nexts:
            raise LifecycleDataError(f"transitions.{value}: a closed status has no next status")
        if open_[s] and not nexts:
            raise LifecycleDataError(f"transitions.{value}: an open status needs a way out")
        transitions[s] = nexts

    reasons: dict[str, RejectionReason] = {}
    items = data.get("rejection_reasons")
    if not isinstance(items, list) or not items:
        raise LifecycleDataError("lifecycle.json: 'rejection_reasons' must be a non-empty list")
    for i, item in enumerate(items):
        where = f"rejection_reasons[{i}]"
        if not isinstance(item, dict):
            raise LifecycleDataError(f"{where} must be an object")
        code = _text(item, "code", where)
        where = f"rejection_reasons[{i}] ({code})"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", code) or code in reasons:
            raise LifecycleDataError(f"{where}: code must be unique snake_case")
        fields = item.get("fields")
        if not isinstance(fields, list) or any(not isinstance(f, str) for f in fields):
            raise LifecycleDataError(f"{where}: fields must be order field paths; not: {fields}")
        keywords = item.get("keywords", [])
        if not isinstance(keywords, list) or any(not isinstance(k, str) or not _norm(k)
                                                 for k in keywords):
            raise LifecycleDataError(f"{where}: keywords must be a list of words")
        reasons[code] = RejectionReason(
            code=code, title=_text(item, "title", where),
            explanation=_text(item, "explanation", where), fix=_text(item, "fix", where),
            fields=tuple(fields), keywords=tuple(keywords))

    words = data.get("provider_status_words")
    if not isinstance(words, dict):
        raise LifecycleDataError("lifecycle.json: 'provider_status_words' is missing")
    exact_raw = words.get("exact")
    contains_raw = words.get("contains")
    if not isinstance(exact_raw, dict) or not isinstance(contains_raw, list):
        raise LifecycleDataError("provider_status_words needs 'exact' (object) and 'contains' "
                                 "(list of [fragment, status])")
    exact = {_status_key(k): _status(v, f"provider_status_words.exact.{k}")
             for k, v in exact_raw.items()}
    contains = []
    for pair in contains_raw:
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)
                and _status_key(pair[0])):
            raise LifecycleDataError(f"provider_status_words.contains: bad entry {pair!r}")
        contains.append((_status_key(pair[0]),
                         _status(pair[1], "provider_status_words.contains")))
    if check_fields:
        _check_fields(reasons.values())
    return _Lifecycle(labels, meanings, open_, transitions, reasons, exact, tuple(contains))


def _check_fields(reasons: Iterable[RejectionReason]) -> None:
    """Each reason's fields are paths into the order document (the wizard highlights them)."""
    from portwizard.domain.order import field_paths

    paths = set(field_paths())
    for r in reasons:
        bad = [f for f in r.fields if f not in paths]
        if bad:
            raise LifecycleDataError(f"rejection_reasons ({r.code}): fields must be order "
                                     f"field paths; not: {bad}")


def load() -> None:
    """Read and check ``resources/lifecycle.json`` now if not yet done (it is read once, the
    first time a status word or reason is needed; a worker calls this so that the first
    paint of a list of orders does not)."""
    _data()


@lru_cache(maxsize=1)
def _data() -> _Lifecycle:
    from portwizard.paths import resource

    path = resource("lifecycle.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise LifecycleDataError(f"cannot read {path.name}: {exc}") from exc
    # The reasons' field paths are checked when reasons are first needed (_reasons): the
    # check loads the order document's module, which listing orders never needs.
    return parse_lifecycle(data, check_fields=False)


@lru_cache(maxsize=1)
def _reasons() -> dict[str, RejectionReason]:
    reasons = _data().reasons
    _check_fields(reasons.values())
    return reasons


# --------------------------------------------------------------------------- transitions


def _as_status(status: Status | str) -> Status:
    return status if isinstance(status, Status) else Status(status)


def allowed_next(status: Status | str) -> frozenset[Status]:
    """Statuses that may follow ``status``; empty for cancelled and completed."""
    return _data().transitions[_as_status(status)]


def can_transition(a: Status | str, b: Status | str) -> bool:
    """True when an order may move from ``a`` to ``b``. Unknown status words give False."""
    try:
        return _as_status(b) in allowed_next(a)
    except ValueError:
        return False


def can_cancel(status: Status | str) -> bool:
    """The user may ask to cancel (the provider may still refuse close to the FOC date)."""
    return can_transition(status, Status.CANCEL_PENDING)


def can_resubmit(status: Status | str) -> bool:
    return _as_status(status) is Status.REJECTED


# --------------------------------------------------------------------------- reasons


def rejection_reasons() -> dict[str, RejectionReason]:
    """Every rejection reason by its stable code (a copy; safe to modify)."""
    return dict(_reasons())


def reason(code: str) -> RejectionReason | None:
    return _reasons().get(code) if isinstance(code, str) else None


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.findall(r"[0-9a-z#]+", text))


def reason_from_text(text: str) -> RejectionReason | None:
    """The reason a provider's free-text rejection most likely means, or None.

    A provider code that is already ours ("address_mismatch") wins; otherwise the reason with
    the longest keyword found as whole words (plural "s" allowed) in the text: "End user
    address does not match" -> address_mismatch; "Authorized name mismatch" ->
    authorized_person_mismatch rather than name_mismatch.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    text = text[:2000]
    reasons = _reasons()
    code = text.strip().casefold().replace("-", "_").replace(" ", "_")
    if code in reasons:
        return reasons[code]
    norm = _norm(text)
    best: tuple[int, int] | None = None
    best_reason = None
    for order, r in enumerate(reasons.values()):
        for kw in r.keywords:
            k = _norm(kw)
            if re.search(r"(?<![0-9a-z#])" + re.escape(k) + r"s?(?![0-9a-z#])", norm):
                score = (len(k), -order)
                if best is None or score > best:
                    best, best_reason = score, r
    return best_reason


# --------------------------------------------------------------------------- provider words


def _status_key(word: str) -> str:
    return "_".join(re.findall(r"[0-9a-z]+", word.casefold()))


def status_from_provider(word: str) -> Status | None:
    """Our status for a provider's status word ("FOC", "exception", "port_in_progress",
    "foc-date-confirmed", "Cancel Pending"), or None when it is not recognised."""
    if isinstance(word, Status):
        return word
    if not isinstance(word, str):
        return None
    key = _status_key(word[:200])
    if not key:
        return None
    data = _data()
    if key in data.exact_words:
        return data.exact_words[key]
    try:
        return Status(key)
    except ValueError:
        pass
    for fragment, status in data.contains_words:
        if fragment in key:
            return status
    return None
