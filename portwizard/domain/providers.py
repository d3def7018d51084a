"""What each provider can take, as data: one :class:`ProviderProfile` per provider.

The validation context carries the profile of the provider the order will be filed with
(:attr:`portwizard.domain.validation.Context.provider`); the rules in
:mod:`portwizard.domain.rules.provider` and the wizard's pages read it instead of asking which
provider it is, so a new provider is a new row here, not an ``if`` in a page.

The limits come from the providers' published descriptions and documentation
(``../shared/provider-specs/``): Twilio's Port In API takes US numbers only, no toll-free
numbers, at most 1,000 numbers, a target date at least 7 days out, and e-mails its own Letter
of Authorization to the authorized person for an e-signature. Telnyx checks portability
(FastPort included) and offers allowed FOC windows per order. The sandbox and a provider
speaking portwizard's own API add no limits.

No Qt, no HTTP here.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ProviderProfile:
    """What one provider needs from an order and what it refuses.

    - ``key``: the settings' provider value ("sandbox", "portwizard", "telnyx", "twilio");
    - ``name``: how messages name it ("Twilio");
    - ``needs_signer_email``: the provider e-mails the authorized person (the order's
      ``carrier.authorized_email`` is required);
    - ``emails_loa``: the provider writes the Letter of Authorization itself and has it
      e-signed by e-mail: our LOA is neither needed nor sent (only the bill is);
    - ``allows_toll_free``: toll-free numbers can be ported with it;
    - ``countries``: the number regions it takes ("US" includes the US territories); empty:
      every region portwizard supports;
    - ``max_numbers``: the most numbers on one order (None: no limit);
    - ``min_days_to_foc``: the requested port date must be at least this many calendar
      days after today (0: only the settings' business-day lead applies);
    - ``foc_windows``: the provider names the allowed port moments per order (Telnyx's
      allowed FOC windows), so a time of day can be asked for;
    - ``checks_portability``: the provider answers a portability check per number before
      an order exists (the numbers page asks it);
    - ``takes_comments``: notes to the provider can be added to an order through its API.
    """

    key: str
    name: str
    needs_signer_email: bool = False
    emails_loa: bool = False
    allows_toll_free: bool = True
    countries: tuple[str, ...] = ()
    max_numbers: int | None = None
    min_days_to_foc: int = 0
    foc_windows: bool = False
    checks_portability: bool = False
    takes_comments: bool = True

    def earliest_foc(self, today: _dt.date) -> _dt.date | None:
        """The first calendar day this provider accepts as the port date (None: no rule of
        its own)."""
        if self.min_days_to_foc <= 0:
            return None
        return today + _dt.timedelta(days=self.min_days_to_foc)

    def allows_date(self, today: _dt.date, d: _dt.date) -> bool:
        earliest = self.earliest_foc(today)
        return earliest is None or d >= earliest

    @property
    def sends_loa(self) -> bool:
        """Whether our Letter of Authorization goes with the order."""
        return not self.emails_loa


SANDBOX = ProviderProfile("sandbox", "the practice sandbox")
PORTWIZARD = ProviderProfile("portwizard", "your new provider")
TELNYX = ProviderProfile("telnyx", "Telnyx", foc_windows=True, checks_portability=True)
TWILIO = ProviderProfile(
    "twilio", "Twilio", needs_signer_email=True, emails_loa=True, allows_toll_free=False,
    countries=("US",), max_numbers=1000, min_days_to_foc=7, checks_portability=True,
    takes_comments=False)

#: the profile of each provider the settings can choose
PROFILES: dict[str, ProviderProfile] = {p.key: p for p in (SANDBOX, PORTWIZARD, TELNYX, TWILIO)}

#: the profile used when nothing says otherwise (tests, a Context built by hand)
DEFAULT = SANDBOX


def profile_for(provider: str | None) -> ProviderProfile:
    """The profile of ``provider``; an unknown or empty one gets :data:`DEFAULT`."""
    return PROFILES.get(provider or "", DEFAULT)
