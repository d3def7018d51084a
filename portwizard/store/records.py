"""The store's vocabulary: the records it hands out, its errors, and how a row keeps an
order document.

Everything here is shared by the parts of :class:`~portwizard.store.db.Store` (drafts,
orders, outbox): the frozen records read back from the tables, the errors a caller may
see, the UTC time stamps and ids written into rows, and the order document as stored (the
PIN stripped off, read back or reported damaged). :mod:`portwizard.domain.order` is imported
only when a document is first read or written: listing the orders, which the window does
first, never needs it.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from portwizard.store.owner import random_hex

if TYPE_CHECKING:
    from portwizard.domain.order import Order


class StoreError(Exception):
    """The local database cannot be used; the message is plain and safe to show."""


class DamagedRecord(StoreError):
    """One saved draft or order cannot be read (the rest of the data file can)."""


class DamagedFile(StoreError):
    """The data file itself cannot be opened because it is damaged. It was copied aside
    first (``copy``, None when even that failed); the message says what to do by hand, and
    :func:`portwizard.store.db.set_damaged_file_aside` does it (the window offers that)."""

    def __init__(self, path: Path, copy: Path | None, detail: str) -> None:
        self.path, self.copy = path, copy
        kept = (f" A copy of it was saved as {copy.name} in the same folder."
                if copy is not None else "")
        #: what happened (a front end that offers to start empty adds its own choice)
        self.what_happened = (f"portwizard's data file {path} is damaged and cannot be "
                              f"opened ({detail}).{kept}")
        #: what the damaged file still holds, whatever the user chooses
        self.keep_advice = ("Your saved drafts and orders are in the damaged file: keep it "
                            "and ask your provider's support whether they can be recovered "
                            "from it.")
        super().__init__(
            f"{self.what_happened} To start again with an empty data file, move {path.name} "
            "out of that folder (or rename it) and start portwizard again; the portwizard "
            f"window offers to do this for you. {self.keep_advice}")


def now_iso() -> str:
    """UTC time like the provider's: ``2026-11-23T11:32:35.141Z``."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --------------------------------------------------------------------------- records


class DraftInfo(NamedTuple):
    id: str
    title: str
    updated_at: str
    step: str


class OrderRecord(NamedTuple):
    id: str
    remote_id: str | None
    endpoint: str
    order: Order            # without the PIN
    status: str
    foc_date: str | None
    rejection_code: str | None
    rejection_text: str | None
    created_at: str
    updated_at: str
    remote_state: dict | None
    last_checked_at: str | None
    # Who the order was filed with: "sandbox", "portwizard", "telnyx" or "twilio" (status,
    # resubmit and cancel follow it even after the settings changed).
    provider: str = "portwizard"

    @property
    def title(self) -> str:
        return order_title(self.order)


class HistoryEntry(NamedTuple):
    id: int
    order_id: str
    at: str
    status: str
    source: str  # "local" | "endpoint"
    note: str


class OutboxEntry(NamedTuple):
    id: int
    order_id: str
    operation: str          # create | resubmit | cancel | comment
    payload: Any            # decoded JSON (order doc without PIN, comment text) or None
    idempotency_key: str
    attempts: int
    next_attempt_at: float
    last_error: str
    state: str              # pending | blocked | done | failed
    secret_ref: str | None  # secret-store key of the PIN to add before sending
    attachments: dict[str, str]
    created_at: str
    updated_at: str
    # What a multi-step provider call has done so far (see Store.set_progress); no secrets.
    progress: dict


def _documents():
    """:mod:`portwizard.domain.order`, imported when an order document is first read or
    written (listing the orders, which the window does first, never needs it)."""
    from portwizard.domain import order

    return order


def order_title(order: Order) -> str:
    """A short name for lists: the name on the bill and how many numbers."""
    name = " ".join((order.carrier.customer_name or "").split())
    numbers = [n for n in order.numbers if n.strip()]
    count = f"{len(numbers)} number{'s' if len(numbers) != 1 else ''}" if numbers else ""
    if name and count:
        return f"{name} ({count})"
    if name:
        return name
    if len(numbers) == 1:
        return numbers[0]
    return count or "New order"


def strip_pin(order: Order) -> tuple[Order, str]:
    """A copy of ``order`` without the PIN, and the PIN."""
    clean = order.copy()
    pin, clean.carrier.pin = clean.carrier.pin or "", ""
    return clean, pin


def _order_from_json(text: Any, what: str = "A saved order") -> Order:
    """The order document of one row; :class:`DamagedRecord` when it cannot be read."""
    result = _documents().loads(text) if isinstance(text, (str, bytes)) else None
    if result is None or result.order is None:
        raise DamagedRecord(f"{what} in portwizard's data file is damaged and cannot be read "
                            "(its saved text is not an order document). The other drafts and "
                            "orders are not affected.")
    return result.order


def provider_of(endpoint: str) -> str:
    """The provider of an order stored without one (before real providers existed): the
    built-in sandbox or an endpoint speaking the portwizard API."""
    return "sandbox" if endpoint == "sandbox" else "portwizard"


def new_order_id() -> str:
    """A local order id: short enough to type (``PW-`` and 10 hex digits)."""
    return "PW-" + random_hex()[:10].upper()


def new_idempotency_key() -> str:
    import uuid

    return str(uuid.uuid4())
