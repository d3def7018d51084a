"""``portwizard token [--endpoint URL] [--delete]``: save the provider's access token in the
system's password storage (read from standard input, never from the command line)."""
from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("token", help="save (or --delete) the provider's access token in the password storage")
    p.add_argument("--endpoint", metavar="URL", help="provider address (default: the one in the settings)")
    p.add_argument("--delete", action="store_true", help="remove the saved token")
    p.set_defaults(func=run)


def run(args) -> int:
    from portwizard.cli import EXIT_FINDINGS, CliError
    from portwizard.secrets import SecretStoreError, default_secret_store, token_key
    from portwizard.settings import SANDBOX, Settings, check_endpoint

    endpoint = args.endpoint or Settings.load().endpoint_url
    try:
        endpoint = check_endpoint(endpoint)
    except ValueError as exc:  # the client's own message (it names the address)
        raise CliError(f"{exc} The token was not saved.") from None
    if endpoint == SANDBOX:
        raise CliError("the built-in sandbox needs no token (it uses its public demo token); "
                       "name the provider with --endpoint https://...")
    store = default_secret_store()
    try:
        if args.delete:
            store.delete(token_key(endpoint))
            print(f"The token for {endpoint} was removed.")
            return 0
        if sys.stdin.isatty():
            import getpass

            value = getpass.getpass(f"Access token for {endpoint} (not shown): ")
        else:
            value = sys.stdin.readline()
        value = value.strip()
        if not value:
            raise CliError("no token was entered; paste the token from your provider's portal",
                           EXIT_FINDINGS)
        store.set(token_key(endpoint), value)
    except SecretStoreError as exc:
        raise CliError(str(exc), EXIT_FINDINGS) from None
    print(f"The token for {endpoint} is saved in your system's password storage. "
          "Queued orders are sent with `portwizard status --refresh`.")
    return 0
