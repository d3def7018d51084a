"""``portwizard token [--provider NAME] [--endpoint URL] [--delete]``: save the provider's
credential in the system's password storage (read from standard input, never from the
command line). Telnyx: the API key; Twilio: ``ACCOUNT_SID:AUTH_TOKEN``; an endpoint speaking
the portwizard API: its access token."""
from __future__ import annotations

import sys


def register(sub) -> None:
    from portwizard.cli.tracking_common import add_provider_options

    p = sub.add_parser("token", help="save (or --delete) the provider's access token in the password storage")
    add_provider_options(p, "the credential is for")
    p.add_argument("--delete", action="store_true", help="remove the saved token")
    p.set_defaults(func=run)


_PROMPTS = {
    "telnyx": "Telnyx API key",
    "twilio": "Twilio ACCOUNT_SID:AUTH_TOKEN",
}


def run(args) -> int:
    from portwizard.cli import EXIT_FINDINGS, CliError
    from portwizard.cli.tracking_common import choose_provider
    from portwizard.secrets import SecretStoreError, default_secret_store, provider_token_key
    from portwizard.settings import SANDBOX, Settings

    settings = Settings.load()
    try:
        choose_provider(settings, args.provider, args.endpoint)
    except CliError as exc:
        raise CliError(str(exc).replace("Nothing was saved or sent.",
                                        "The token was not saved.")) from None
    provider, endpoint = settings.active_provider, settings.active_endpoint
    if endpoint == SANDBOX:
        raise CliError("the built-in sandbox needs no token (it uses its public demo token); "
                       "name the provider with --provider telnyx|twilio or --endpoint https://...")
    what = _PROMPTS.get(provider, "Access token")
    store = default_secret_store()
    key = provider_token_key(provider, endpoint)
    try:
        if args.delete:
            store.delete(key)
            print(f"The {what.lower() if what == 'Access token' else what} for {endpoint} "
                  "was removed." if provider in _PROMPTS else f"The token for {endpoint} was removed.")
            return 0
        if sys.stdin.isatty():
            import getpass

            value = getpass.getpass(f"{what} for {endpoint} (not shown): ")
        else:
            value = sys.stdin.readline()
        value = value.strip()
        if not value:
            raise CliError("no token was entered; paste the token from your provider's portal",
                           EXIT_FINDINGS)
        if provider == "twilio" and (value.count(":") != 1 or not all(value.split(":"))):
            raise CliError("enter the Twilio credential as ACCOUNT_SID:AUTH_TOKEN (both from "
                           "the Twilio Console, joined by one colon)", EXIT_FINDINGS)
        store.set(key, value)
    except SecretStoreError as exc:
        raise CliError(str(exc), EXIT_FINDINGS) from None
    name = "token" if provider not in _PROMPTS else _PROMPTS[provider]
    print(f"The {name} for {endpoint} is saved in your system's password storage. "
          "Queued orders are sent with `portwizard status --refresh`.")
    return 0
