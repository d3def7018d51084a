"""The application: one object that the windows and the command line both use.

:class:`App` is the composition root. It owns the settings, the local store, the password
storage and the endpoint connections, and offers the use cases a front end needs:

* ``sync()``: send what waits in the outbox, then ask the provider about every open order
  (one place; it also records when the provider was last reached);
* the orders list (``order_rows`` / ``count_orders``: one SQL query a page) and one order's
  detail (``order_detail``: timeline, per-number status, comments, documents, next step);
* drafts (:class:`DraftService`: list, load, delete, duplicate, export, import);
* submit, resubmit, cancel and comment (through the outbox, so they work offline).

Nothing slow happens when it is created: the database is opened (milliseconds); the HTTP
client, the built-in sandbox and the services behind the use cases are created when first
used, so requests and the sandbox stay off the start-up path. No Qt here: the same object
works in a worker thread, in the CLI and in tests. Calls that reach the network or the
password storage must not be made on a GUI thread (the GUI runs them on workers).
"""
from __future__ import annotations

import datetime as _dt
import functools
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from portwizard import secrets as _secrets
from portwizard.domain import status as _status
from portwizard.settings import SANDBOX, Settings
from portwizard.store import DamagedFile, OrderQuery, OrderRow, Store, StoreError
from portwizard.store.db import DB_NAME, folder_problem_from_os, now_iso, set_damaged_file_aside

if TYPE_CHECKING:  # imported where first used: the window shows without them
    from portwizard.domain.order import Order
    from portwizard.services.drafts import DraftService
    from portwizard.services.order_detail import OrderDetail
    from portwizard.services.submission import SyncReport

log = logging.getLogger(__name__)

_LAST_CONTACT = "connection.last_contact_at"
_LAST_FAILURE = "connection.last_failure_at"
_LAST_PROBLEM = "connection.last_problem"


class ConnectionState(NamedTuple):
    """What the status bar says about the link to the provider."""
    online: bool | None          # None: not tried yet
    last_contact_at: str | None  # last successful contact (UTC ISO), ever
    last_failure_at: str | None
    problem: str                 # why the last attempt failed ("" when it did not)
    waiting: int                 # outbox requests not yet sent


class App:
    """Settings, store, secrets and connections, and the use cases over them."""

    def __init__(self, settings: Settings, store: Store, secrets: _secrets.SecretStore, *,
                 home: Path | None = None, settings_path: Path | None = None,
                 submission: Any = None) -> None:
        """``submission``: a ready SubmissionService over the same store (tests pass one
        with short timeouts); None makes the usual one when first needed."""
        self.settings = settings
        self.store = store
        self.secrets = secrets
        self.home = home
        self.settings_path = settings_path
        self._submission: Any = submission
        self._connector: Any = submission.connector if submission is not None else None
        self._tracking: Any = None
        self._sync_lock = threading.Lock()
        self._closed = False

    # ------------------------------------------------------------------ construction
    @classmethod
    def create(cls, home: str | Path | None = None,
               secrets: _secrets.SecretStore | None = None) -> "App":
        """Open the store and load the settings.

        ``home``: a folder holding ``data/`` and ``config/`` (tests pass a temporary one);
        None uses the normal per-user folders (or ``PORTWIZARD_HOME``).
        ``secrets``: None uses the OS password storage (tests install a memory store).
        Raises :class:`portwizard.store.StoreError` with a plain message when the data file
        cannot be opened.
        """
        try:
            if home is not None:
                home = Path(home)
                (home / "data").mkdir(parents=True, exist_ok=True)
                (home / "config").mkdir(parents=True, exist_ok=True)
                db_path = home / "data" / DB_NAME
                settings_path = home / "config" / "settings.json"
            else:
                db_path = None
                settings_path = None
            secret_store = secrets if secrets is not None else _secrets.default_secret_store()
            settings = Settings.load(settings_path)
        except OSError as exc:  # read-only or full disk, a file where a folder should be
            raise folder_problem_from_os(Path(exc.filename or home or "."), exc) from None
        store = Store(db_path, secrets=secret_store)
        return cls(settings, store, secret_store, home=home, settings_path=settings_path)

    @staticmethod
    def set_damaged_file_aside(problem: DamagedFile) -> Path:
        """After :meth:`create` failed with ``problem`` (a damaged data file, already copied
        aside): rename the damaged file and its -wal/-shm companions out of the way, so the
        next :meth:`create` starts with an empty data file. Nothing is deleted. Returns
        where the damaged file is kept (same folder); raises
        :class:`~portwizard.store.StoreError` when the folder cannot be written."""
        return set_damaged_file_aside(problem.path)

    # ------------------------------------------------------------------ parts, made lazily
    @functools.cached_property
    def drafts(self) -> DraftService:
        """The drafts use cases (list, load, delete, duplicate, export, import)."""
        from portwizard.services.drafts import DraftService

        return DraftService(self.store, self.data_dir)

    @property
    def provider_name(self) -> str:
        return self.settings.provider_name

    @property
    def endpoint(self) -> str:
        """Where new orders go: ``"sandbox"`` or the provider's https address."""
        return self.settings.active_endpoint

    @property
    def provider(self) -> str:
        """Who new orders are filed with: "sandbox", "portwizard", "telnyx" or "twilio"."""
        return self.settings.active_provider

    @property
    def uses_sandbox(self) -> bool:
        return self.settings.uses_sandbox

    @property
    def connector(self):
        """Makes endpoint clients; starts the built-in sandbox on first use (loopback)."""
        if self._connector is None:
            from portwizard.services.connection import Connector

            self._connector = Connector(self.settings, self.secrets)
        return self._connector

    def endpoint_client(self):
        """A client for the configured provider (call from a worker thread)."""
        from portwizard.services.connection import client_for

        return client_for(self.connector, self.provider, self.endpoint)

    def check_portability(self, numbers: list[str]):
        """The configured provider's portability answer per number (a list of
        :class:`~portwizard.endpoint.providers.base.PortabilityResult`; call from a worker)."""
        from portwizard.services.connection import ADAPTED

        provider = self.provider if self.provider in ADAPTED else None
        client = self.connector.client(self.endpoint, provider, shared=False)
        try:  # a client of its own: the cached one may be busy with a background refresh
            return client.check_portability(numbers)
        finally:
            client.close()

    @property
    def tracking(self):
        if self._tracking is None:
            from portwizard.services.tracking import TrackingService

            self._tracking = TrackingService(self.store, self.connector)
        return self._tracking

    @property
    def submission(self):
        if self._submission is None:
            from portwizard.services.submission import SubmissionService

            self._submission = SubmissionService(
                self.store, settings=self.settings, secrets=self.secrets,
                connector=self.connector, attachments_dir=self.data_dir / "attachments")
        return self._submission

    @property
    def data_dir(self) -> Path:
        """Folder for this app's files (database, attachments, opened draft files)."""
        if self.home is not None:
            return self.home / "data"
        from portwizard.paths import data_dir

        return data_dir()

    def validation_context(self, provider: str | None = None, **overrides):
        return self.settings.validation_context(provider, **overrides)

    # ------------------------------------------------------------------ sending
    def submit(self, order: Order, *, draft_id: str | None = None, endpoint: str | None = None,
               send: bool = True, provider: str | None = None):
        return self._noted(self.submission.submit(order, endpoint=endpoint, draft_id=draft_id,
                                                  send=send, provider=provider), send)

    def resubmit(self, order_id: str, order: Order, *, send: bool = True):
        return self._noted(self.submission.resubmit(order_id, order, send=send), send)

    def cancel(self, order_id: str, *, send: bool = True):
        return self._noted(self.submission.cancel(order_id, send=send), send)

    def comment(self, order_id: str, text: str, *, send: bool = True):
        text = text.strip()
        if not text:
            raise ValueError("Type the comment first.")
        return self._noted(self.submission.comment(order_id, text, send=send), send)

    def _noted(self, result, sent: bool):
        """Remember whether that request reached the provider (for the status bar)."""
        from portwizard.services import submission as sub

        if sent and result.outcome in (sub.SENT, sub.FAILED):
            self._note_contact(True, "")
        elif sent and result.outcome == sub.QUEUED_OUTCOME and result.order_id:
            waiting = self.store.outbox(result.order_id, states=("pending",))
            self._note_contact(False, waiting[-1].last_error if waiting else result.message)
        return result

    def sync(self, *, retry_blocked: bool = False, order_id: str | None = None) -> SyncReport:
        """Send what is due in the outbox, then ask the provider about every open order (or
        just ``order_id``). Never raises for a provider problem: it is in ``problems``."""
        from portwizard.services.submission import SyncReport

        with self._sync_lock:
            report = SyncReport()
            try:
                drained = self.submission.drain_outbox(retry_blocked=retry_blocked)
            except Exception as exc:  # sending failed: still ask about the rest
                log.warning("sending queued work failed (%s)", type(exc).__name__)
                report.problems.append(str(exc) if isinstance(exc, StoreError) else
                                       f"Queued work could not be sent: {exc}")
                drained = None
            if drained is not None:
                report.sent, report.queued = drained.sent, drained.queued
                report.blocked, report.failed = drained.blocked, drained.failed
                report.results = drained.results
                report.problems += [r.message for r in drained.results
                                    if r.outcome in ("blocked", "failed")]
            if order_id is not None:
                results = [self.tracking.refresh(order_id)]
            else:
                results = self.tracking.refresh_all()
            for r in results:
                if r.changes:
                    report.changed[r.order_id] = list(r.changes)
                if r.error and r.error != "not sent yet":
                    report.problems.append(r.error)
            asked = [r for r in results if r.error != "not sent yet"]
            tried = bool(asked) or (drained is not None and bool(drained.results))
            if tried:
                reached = any(not r.error for r in asked) or (
                    drained is not None and drained.sent > 0)
                report.reached = reached
                self._note_contact(reached, report.problems[0] if report.problems else "")
            report.remaining = self.store.unfinished_count()
            report.problems = list(dict.fromkeys(report.problems))
            return report

    def _note_contact(self, reached: bool, problem: str) -> None:
        try:
            if reached:
                self.store.set_state(_LAST_CONTACT, now_iso())
                self.store.set_state(_LAST_PROBLEM, "")
            else:
                self.store.set_state(_LAST_FAILURE, now_iso())
                self.store.set_state(_LAST_PROBLEM, problem[:500])
        except Exception as exc:  # the link state is a nicety; never fail a sync over it
            log.warning("could not note the connection state (%s)", type(exc).__name__)

    def connection_state(self) -> ConnectionState:
        contact = self.store.get_state(_LAST_CONTACT)
        failure = self.store.get_state(_LAST_FAILURE)
        problem = self.store.get_state(_LAST_PROBLEM, "") or ""
        if contact is None and failure is None:
            online = None
        else:
            online = bool(contact) and (failure is None or contact >= failure)
        return ConnectionState(online, contact, failure, problem if not online else "",
                               self.store.unfinished_count())

    def test_connection(self, endpoint: str | None = None, token: str | None = None,
                        provider: str | None = None) -> str:
        """Try the provider with the given (or saved) credential: lists the target lines.
        Returns a plain success sentence; raises an exception with a plain message on
        failure. ``provider`` None: the settings' one when ``endpoint`` is None too, else
        an endpoint speaking our own API."""
        from portwizard.endpoint.providers import family_of, make_client
        from portwizard.services.connection import NotReady

        if endpoint is None and provider is None:
            endpoint, provider = self.endpoint, self.provider
        endpoint = endpoint or self.endpoint
        provider = provider or family_of(endpoint)
        self.connector.check_endpoint(endpoint)
        if endpoint == SANDBOX:
            targets = self.connector.client(SANDBOX).list_targets()
        else:
            token = (token or "").strip() or self.connector.token_for(endpoint, provider)
            if not token:
                raise NotReady("Paste the access token your provider gave you, then test again.")
            client = make_client(provider, endpoint, token, **self.connector.client_options)
            try:
                targets = client.list_targets()
            finally:
                client.close()
        lines = len(targets)
        where = "The practice sandbox" if endpoint == SANDBOX else "Your provider"
        return (f"{where} answered: connected, {lines} line{'s' if lines != 1 else ''} or "
                "sub-account" + ("s" if lines != 1 else "") + " can receive numbers.")

    # ------------------------------------------------------------------ reading
    def order_rows(self, query: OrderQuery, offset: int = 0, limit: int = 200,
                   matches: int | None = None, after: OrderRow | None = None) -> list[OrderRow]:
        """A page of the orders list; ``after``: the last row shown (the next page)."""
        return self.store.list_rows(query, offset, limit, matches, after)

    def count_orders(self, query: OrderQuery, cap: int | None = None) -> int:
        """How many rows match (counting stops at ``cap`` when given)."""
        return self.store.count_rows(query, cap)

    def open_order_ids(self) -> list[str]:
        """Orders worth asking the provider about."""
        return [r.id for r in self.store.list_orders() if _status.is_open(r.status)]

    def has_open_orders(self) -> bool:
        counts = self.store.status_counts()
        return any(n and _status.is_open(s) for s, n in counts.items())

    def order_detail(self, order_id: str, *, today: _dt.date | None = None) -> OrderDetail:
        record = self.store.find_order(order_id)
        if record is None:
            raise KeyError(f"there is no order {order_id!r} on this computer")
        from portwizard.services.order_detail import build_detail

        return build_detail(record, self.store.history(record.id), self.store.outbox(record.id),
                            provider_name=self.settings.provider_name, today=today)

    def titles(self, order_ids: list[str]) -> dict[str, tuple[str, str | None]]:
        """(title, port date) of some orders, e.g. those a sync changed (for notifications)."""
        out = {}
        for order_id in order_ids:
            record = self.store.get_order(order_id)
            if record is not None:
                out[order_id] = (record.title, record.foc_date)
        return out

    def due_reminders(self, today: _dt.date) -> list[tuple[str, str, str]]:
        """Orders whose numbers move tomorrow and that were not reminded of it yet, as
        (id, title, port date); each is returned once (noted in the store)."""
        tomorrow = (today + _dt.timedelta(days=1)).isoformat()
        due = []
        for order_id, title, _status_word in self.store.orders_moving_on(tomorrow):
            key = f"reminded:{order_id}"
            if self.store.get_state(key) == tomorrow:
                continue
            self.store.set_state(key, tomorrow)
            due.append((order_id, title, tomorrow))
        return due

    def duplicate_order(self, order_id: str) -> str:
        """A new draft with the order's details, without the PIN; returns its draft id."""
        record = self.store.find_order(order_id)
        if record is None:
            raise KeyError(f"there is no order {order_id!r} on this computer")
        copy = record.order.copy()
        copy.carrier.pin = ""
        return self.store.save_draft(copy)

    def export_order_json(self, order_id: str, path: str | Path) -> Path:
        """Write an order (sent or draft) as an order document file, without the PIN, so
        the command line can be used on it (``portwizard resubmit ID FILE``)."""
        from portwizard.domain.order import dumps

        record = self.store.find_order(order_id)
        if record is not None:
            order = record.order.copy()
        else:
            order = self.store.load_draft(order_id)
        order.carrier.pin = ""
        path = Path(path)
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(dumps(order) + "\n", encoding="utf-8")
        tmp.replace(path)
        return path

    # ------------------------------------------------------------------ settings and token
    def has_token(self, endpoint: str | None = None, provider: str | None = None) -> bool:
        """Whether a token is saved for ``endpoint`` of ``provider`` (None: the settings'
        provider for the settings' endpoint, else our own API); the sandbox needs none."""
        from portwizard.endpoint.providers import family_of

        if endpoint is None and provider is None:
            endpoint, provider = self.endpoint, self.provider
        endpoint = endpoint or self.endpoint
        provider = provider or family_of(endpoint)
        if endpoint == SANDBOX:
            return True
        try:
            return bool(self.secrets.get(_secrets.provider_token_key(provider, endpoint)))
        except _secrets.SecretStoreError:
            return False

    def set_token(self, endpoint: str, token: str, provider: str | None = None) -> None:
        """Keep ``token`` (Twilio: ``ACCOUNT_SID:AUTH_TOKEN``) for ``endpoint`` of
        ``provider`` (None: our own API) in the password storage, never anywhere else."""
        from portwizard.endpoint.providers import family_of

        provider = provider or family_of(endpoint)
        if endpoint == SANDBOX:
            return
        self.secrets.set(_secrets.provider_token_key(provider, endpoint), token.strip())
        if self._connector is not None:
            self._connector.forget(endpoint, provider)

    def apply_settings(self, new: Settings) -> None:
        """Save ``new`` and make every part use it (the same Settings object is shared)."""
        old = (self.endpoint, self.provider)
        for name, value in new.to_dict().items():
            setattr(self.settings, name, value)
        self.settings.save(self.settings_path)
        if self._connector is not None and old != (self.endpoint, self.provider):
            self._connector.forget(*old)

    # ------------------------------------------------------------------ shutdown
    def close(self) -> None:
        """Close connections and the store and stop the built-in sandbox (idempotent)."""
        if self._closed:
            return
        self._closed = True
        if self._connector is not None:
            try:
                self._connector.close()
            except Exception as exc:  # best effort at shutdown
                log.warning("closing the endpoint connections failed: %s", type(exc).__name__)
            try:
                from portwizard.services.connection import stop_builtin_sandboxes

                stop_builtin_sandboxes()
            except Exception as exc:
                log.warning("stopping the sandbox failed: %s", type(exc).__name__)
        try:
            self.store.close()
        except Exception as exc:
            log.warning("closing the database failed: %s", type(exc).__name__)
