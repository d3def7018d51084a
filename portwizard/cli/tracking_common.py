"""Helpers shared by ``submit``, ``status``, ``resubmit``, ``cancel`` and ``token``.

Everything printed here is free of PINs, account numbers and tokens: orders are shown by
their ids, title (name on the bill and how many numbers), phone numbers and status.
"""
from __future__ import annotations

import sys
from pathlib import Path

from portwizard.cli import EXIT_FINDINGS, EXIT_USAGE, CliError


def warn_settings(settings) -> None:
    for text in settings.warnings:
        print(f"warning: {text}", file=sys.stderr)


def make_service(endpoint: str | None = None, provider: str | None = None):
    """The application for the command line (settings file, local store, keyring): the same
    :class:`~portwizard.services.app.App` the window uses. ``endpoint`` and ``provider``
    override the settings for this run only (they are not saved)."""
    from portwizard.secrets import SecretStoreError
    from portwizard.services.app import App
    from portwizard.store import StoreError

    try:
        app = App.create()
    except (StoreError, SecretStoreError) as exc:
        raise CliError(str(exc), EXIT_FINDINGS) from None
    warn_settings(app.settings)
    try:
        choose_provider(app.settings, provider, endpoint)
    except CliError:
        app.close()
        raise
    return app


def choose_provider(settings, provider: str | None, endpoint: str | None) -> None:
    """Apply ``--provider`` / ``--endpoint`` to ``settings`` (in memory only). A provider
    without an endpoint uses its official address; "portwizard" needs one."""
    from portwizard.endpoint.providers import ADAPTED, PORTWIZARD, SANDBOX
    from portwizard.settings import check_endpoint

    try:
        url = check_endpoint(endpoint) if endpoint else None
    except ValueError as exc:  # the client's own message (it names the address)
        raise CliError(f"{exc} Nothing was saved or sent.") from None
    if provider is None:
        if url:
            if settings.provider in ADAPTED and url == SANDBOX:
                settings.provider = SANDBOX
            settings.endpoint_url = url
        return
    if provider == SANDBOX:
        settings.provider, settings.endpoint_url = SANDBOX, SANDBOX
    elif provider == PORTWIZARD:
        if not url or url == SANDBOX:
            raise CliError("--provider portwizard needs the provider's address: "
                           "--endpoint https://...")
        settings.provider, settings.endpoint_url = PORTWIZARD, url
    elif provider in ADAPTED:
        settings.provider, settings.endpoint_url = provider, url or SANDBOX  # official URL
    else:
        raise CliError(f"unknown provider {provider!r}")


PROVIDER_CHOICES = ("sandbox", "portwizard", "telnyx", "twilio")


def add_provider_options(parser, what: str) -> None:
    parser.add_argument("--provider", choices=PROVIDER_CHOICES,
                        help=f"who {what} (default: the settings; \"sandbox\" unless changed)")
    parser.add_argument("--endpoint", metavar="URL",
                        help="the provider's address (default: the settings, or the "
                             "provider's official address; https, or loopback for tests)")


def read_order_for_sending(path: str):
    """Read an order file; relative attachment paths are taken relative to the file."""
    from portwizard.cli.common import print_findings, read_order
    from portwizard.domain.order import DOCUMENT_KINDS

    loaded = read_order(path)
    errors = [p for p in loaded.problems if p.is_error]
    if errors:
        print_findings(errors, False, out=sys.stderr)
        raise CliError(f"{path} cannot be sent as it is; fix the problems above.", EXIT_FINDINGS)
    order = loaded.order
    base = Path(path).resolve().parent
    for kind in DOCUMENT_KINDS:
        value = getattr(order.documents, kind)
        if value and not Path(value).expanduser().is_absolute():
            setattr(order.documents, kind, str(base / value))
    return order


def find_record(service, order_id: str):
    record = service.store.find_order(order_id)
    if record is None:
        raise CliError(f"there is no order {order_id} on this computer; "
                       "`portwizard status` lists the orders", EXIT_FINDINGS)
    return record


def report_result(service, result, verb: str) -> int:
    """Print the outcome of submit/resubmit/cancel; returns the exit code."""
    from portwizard.cli.common import print_findings
    from portwizard.services import submission as sub
    from portwizard.domain.status import label as status_label
    from portwizard.services.tracking import next_action

    if result.outcome == sub.INVALID and all(f.code.startswith("endpoint.") for f in result.findings):
        raise CliError(f"{result.message} Nothing was saved or sent.", EXIT_USAGE)
    if result.outcome == sub.INVALID:
        print_findings(result.findings, False, out=sys.stderr)
        raise CliError(f"{result.message} Nothing was sent.", EXIT_FINDINGS)
    if result.outcome == sub.BLOCKED:
        raise CliError(f"{result.message} (Order {result.order_id} is saved and will be sent "
                       "once this is fixed; then run: portwizard status --refresh)", EXIT_FINDINGS)
    if result.outcome == sub.FAILED:
        if result.findings:
            print_findings(result.findings, False, out=sys.stderr)
        raise CliError(result.message, EXIT_FINDINGS)
    if service.store.secret_problem:  # the window's banner says the same
        from portwizard.secrets import no_storage_message

        print(f"warning: {no_storage_message(service.store.secret_problem)} If this order "
              "has to be sent again later, you will be asked for its PIN.", file=sys.stderr)
    record = service.store.get_order(result.order_id)
    remote = f" (provider's order number {record.remote_id})" if record.remote_id else ""
    print(f"Order {record.id}{remote}: {status_label(record.status)}.")
    if result.outcome == sub.QUEUED_OUTCOME:
        print(f"{verb} is queued: it will be sent when the provider can be reached "
              "(portwizard status --refresh tries again).")
    print("What to do now: " + next_action(record, outbox=service.store.outbox(record.id),
                                           provider_name=service.settings.provider_name))
    return 0
