"""The one interface every provider connection offers, and the plumbing adapters share.

Who uses it
-----------
The outbox (:meth:`portwizard.services.sending.OutboxSending._call`), tracking
(:meth:`portwizard.services.tracking.TrackingService.refresh`) and the wizard's numbers page
talk to *a client*; they never know which provider is behind it. A client is either
:class:`portwizard.endpoint.client.EndpointClient` (an endpoint speaking our own API,
``resources/openapi.yaml``, including the built-in sandbox) or a provider adapter in this
package (``telnyx.py``, ``twilio.py``). :class:`ProviderClient` below is that interface.

The methods (all blocking; call them from a worker thread, one thread per client at a time)::

    list_targets() -> list[dict]
        Lines/sub-accounts at the new provider that can receive numbers, each
        {account_id, line_id, label, kind ("line"|"sub-account"), numbers[]}.
    create_order(order_doc, attachments, idempotency_key, *, progress=None) -> dict
    get_order(remote_id) -> dict
    resubmit(remote_id, order_doc, attachments, idempotency_key, *, progress=None) -> dict
    cancel(remote_id, idempotency_key=None) -> dict
    add_comment(remote_id, text, idempotency_key=None) -> dict
    check_portability(numbers) -> list[PortabilityResult]
    close() -> None

Arguments
    ``order_doc``: our order document as a dict (format ``portwizard.order/1``, see
    ``resources/order.schema.json``) WITH the PIN in ``carrier.pin`` and ``documents`` holding
    bare file names. ``attachments``: ``{"loa"|"invoice"|"csr": path}`` of the files to send.
    ``idempotency_key``: one per outbox entry, the same on every retry of that entry.
    ``remote_id``: what the order state's ``id`` said when the order was created (each
    adapter documents what it chooses; it must be stable for the order's whole life,
    including split orders).

What every method that returns an order returns: OUR order state
    A dict in the shape of ``OrderState`` in ``resources/openapi.yaml``, in OUR vocabulary,
    so tracking, the store and the dashboard need no provider knowledge (build it with
    :func:`order_state`):

    - ``id``: the remote id (see above);
    - ``status``: a :class:`portwizard.domain.lifecycle.Status` value (``submitted``,
      ``in_review``, ``pending_carrier``, ``foc_confirmed``, ``rejected``, ``cancel_pending``,
      ``cancelled``, ``completed``), translated by the adapter's own explicit table; for a
      split order the least advanced part (:func:`least_advanced`);
    - ``numbers``: ``[{"number": E.164, "status": our status}]`` per number;
    - ``foc_date`` (``YYYY-MM-DD`` or None), ``rejection`` (``{"code": our rejection code
      from resources/lifecycle.json or the provider's own code, "text": their words}`` or
      None), ``comments`` (``[{at, author: customer|provider, text}]``), ``history``
      (``[{at, status, note}]``), ``cancellable`` (bool), ``created_at``, ``updated_at``;
    - optionally ``parts``: ``[{"id", "status", "numbers", "support_key"}]`` for the
      provider's own orders behind a split order (kept in the store, shown as references).

    Nothing the provider echoed back goes further than the adapter unless it passed through
    :func:`scrub_pins` first (Telnyx and Twilio both echo the PIN).

Errors (from :mod:`portwizard.endpoint.errors`, messages plain and safe to show)
    ``Unavailable`` (no answer, timeout, 429, 5xx: the outbox tries again later with the
    same ``progress``), ``AuthError`` (credential missing/refused: the entry waits for the
    user), ``InvalidOrder`` (the provider refused the content; ``findings`` point at our
    field paths), ``Conflict`` (not possible now, e.g. cancel within 48 h of the port date),
    ``NotFound``, ``EndpointError`` (anything else).

The progress contract (multi-step creates that never file twice)
----------------------------------------------------------------
Providers have no Idempotency-Key and need several calls per order (upload each document,
create, complete each split part, confirm each part). ``progress`` is a small object with

    ``progress.order_id``           our local order id (``PW-…``): a stable reference to
                                    give the provider (e.g. Telnyx ``customer_reference``)
                                    and to look the order up by after an unknown outcome;
    ``progress.get(key, default=None)``  a value recorded by an earlier attempt;
    ``progress.set(key, value)``    record a JSON value; it is durably written to the local
                                    database (full fsync) BEFORE ``set`` returns.

Rules for an adapter:

1. Record each call's result (document ids, the provider's order ids, "part X confirmed")
   with ``progress.set`` before making the next call; on entry, skip every step whose
   result is already recorded. :func:`step_once` does exactly this for one step.
2. Before a call that creates something and cannot be repeated safely, record that it is
   being tried. When a later attempt finds "tried" but no result, the outcome was unknown
   (a timeout after the provider did the work, a crash): LOOK THE THING UP at the provider
   (Telnyx: ``GET /porting_orders?filter[customer_reference]=<order_id>``) before creating
   it again. :func:`step_once` takes that look-up as ``lookup``.
3. Never put a secret (PIN, token, account number) into progress: it is stored as plain
   JSON.
4. ``progress`` may be None (a direct call, e.g. from a test or a one-off script): use
   ``MemoryProgress(order_id=idempotency_key)``; nothing is then resumable across
   processes, but the call still works.

The outbox gives a fresh, empty progress to each outbox entry (create, and each resubmit);
it keeps it until the entry is done. The HTTP plumbing shared by adapters (one
``requests`` session with retries, timeouts, TLS checks, no proxies for loopback, the
plain-words error mapping, the overall deadline of a call) is :mod:`.plumbing`'s
:class:`~.plumbing.HttpPlumbing`; retries of non-idempotent methods are limited to failed
connections (the request never left) unless the API has idempotency keys.
"""
from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Protocol, runtime_checkable
from urllib.parse import quote

from portwizard.domain.order import document_name
from portwizard.domain.status import PROGRESS_ORDER
from portwizard.endpoint.errors import InvalidOrder

#: keys under which providers echo a PIN back (removed at any depth by scrub_pins)
PIN_KEYS = frozenset({"pin_passcode", "pin", "port_out_pin"})


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class PortabilityResult:
    """One number's answer from a provider's portability check.

    ``portable``: the provider can take the number; ``fast``: it can be moved quickly
    (Telnyx FastPort); ``reason``: why not, in the provider's words ("" when portable);
    ``checked``: False when the provider offers no check (then ``portable`` is only
    "not known to be impossible")."""

    number: str
    portable: bool
    fast: bool = False
    reason: str = ""
    checked: bool = True


@runtime_checkable
class Progress(Protocol):
    """See "The progress contract" in this module's docstring."""

    order_id: str

    def get(self, key: str, default: Any = None) -> Any: ...

    def set(self, key: str, value: Any) -> None: ...


class MemoryProgress:
    """Progress kept in memory (direct calls and tests); see the module docstring."""

    def __init__(self, order_id: str = "", initial: Mapping[str, Any] | None = None):
        self.order_id = order_id
        self.data: dict[str, Any] = dict(initial or {})

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def set(self, key: str, value: Any) -> None:
        if value is None:
            self.data.pop(key, None)
        else:
            self.data[key] = value

    def __repr__(self) -> str:
        return f"MemoryProgress({self.order_id!r}, {sorted(self.data)})"


@runtime_checkable
class ProviderClient(Protocol):
    """What the outbox, tracking and the wizard call; see the module docstring."""

    def list_targets(self) -> list[dict]: ...

    def create_order(self, order_doc: dict, attachments: Mapping[str, Path | str],
                     idempotency_key: str, *, progress: Progress | None = None) -> dict: ...

    def get_order(self, remote_id: str) -> dict: ...

    def resubmit(self, remote_id: str, order_doc: dict, attachments: Mapping[str, Path | str],
                 idempotency_key: str, *, progress: Progress | None = None) -> dict: ...

    def cancel(self, remote_id: str, idempotency_key: str | None = None) -> dict: ...

    def add_comment(self, remote_id: str, text: str,
                    idempotency_key: str | None = None) -> dict: ...

    def check_portability(self, numbers: Iterable[str]) -> list[PortabilityResult]: ...

    def close(self) -> None: ...


# --------------------------------------------------------------------------- helpers


def scrub_pins(obj: Any) -> Any:
    """A copy of ``obj`` (parsed JSON) without any PIN the provider echoed back: every key in
    :data:`PIN_KEYS`, at any depth, is removed. Call it on every response before anything
    stores, logs or shows it."""
    if isinstance(obj, dict):
        return {k: scrub_pins(v) for k, v in obj.items() if k not in PIN_KEYS}
    if isinstance(obj, list):
        return [scrub_pins(v) for v in obj]
    return obj


def least_advanced(statuses: Iterable[str]) -> str | None:
    """The status of the part that has come least far (``PROGRESS_ORDER``): a split order is
    only as far as its slowest part, and a rejected part needs the user whatever the rest
    does. Unknown words rank first (shown as they are rather than hidden)."""
    rank = {s: i for i, s in enumerate(PROGRESS_ORDER)}
    items = [s for s in statuses if s]
    if not items:
        return None
    return min(items, key=lambda s: rank.get(s, -1))


def order_state(remote_id: str, status: str, *, numbers: Iterable[tuple[str, str]] = (),
                foc_date: str | None = None, rejection: dict | None = None,
                comments: Iterable[dict] = (), history: Iterable[dict] = (),
                cancellable: bool = False, created_at: str = "", updated_at: str = "",
                parts: Iterable[dict] | None = None) -> dict:
    """Our order state (``OrderState`` of resources/openapi.yaml) from an adapter's parts."""
    state = {
        "id": remote_id, "status": status,
        "numbers": [{"number": n, "status": s} for n, s in numbers],
        "foc_date": foc_date or None, "rejection": rejection,
        "comments": list(comments), "history": list(history), "cancellable": bool(cancellable),
        "created_at": created_at, "updated_at": updated_at or created_at,
    }
    if parts is not None:
        state["parts"] = list(parts)
    return state


def step_once(progress: Progress, key: str, action: Callable[[], Any],
              lookup: Callable[[], Any] | None = None) -> Any:
    """Run one non-repeatable provider call at most once across attempts (rule 1 and 2 of
    the progress contract): the recorded result if there is one; else, when an earlier
    attempt got as far as trying, ``lookup()`` (None: not found at the provider); else
    ``action()``. The result (JSON) is recorded before it is returned."""
    done = progress.get(key)
    if done is not None:
        return done
    tried = key + ".tried"
    if progress.get(tried) and lookup is not None:
        found = lookup()
        if found is not None:
            progress.set(key, found)
            return found
    progress.set(tried, True)
    result = action()
    progress.set(key, result)
    return result


def read_attachment(kind: str, path_like: Path | str) -> tuple[str, bytes, str]:
    """(file name, bytes, content type) of an attachment, or InvalidOrder in plain words."""
    file_path = Path(path_like)
    try:
        data = file_path.read_bytes()
    except OSError as exc:
        raise InvalidOrder(
            f"The {document_name(kind)} file {file_path.name} cannot be read "
            f"({exc.strerror or exc}). Choose the file again.",
            findings=[{"field": f"documents.{kind}", "code": "attachment_unreadable",
                       "message": f"{file_path.name} cannot be read."}],
            status=None, code="attachment_unreadable") from None
    ctype = mimetypes.guess_type(file_path.name)[0] or "application/octet-stream"
    return file_path.name, data, ctype


def seg(value: str) -> str:
    """One URL path segment, escaped."""
    return quote(str(value), safe="")
