"""The current carrier: known to us, and unlocked where the carrier locks numbers."""
from __future__ import annotations

from portwizard.domain.findings import error, warning
from portwizard.domain.normalize import carrier_info, text
from portwizard.domain.validation import rule


@rule("carrier.name")
def carrier_name(order, ctx):
    name = text(order.carrier.name).strip()
    if not name:
        yield error("carrier.name", "carrier.missing",
                    "The name of your current phone company is missing.",
                    "Type it as it appears on your phone bill, e.g. Verizon Wireless or Bell.")
        return
    info = carrier_info(name)
    if info is None:
        yield warning("carrier.name", "carrier.unknown",
                      f"We don't recognise \"{name[:40]}\", so we can't show that company's "
                      "specific instructions.",
                      "Check the spelling against your bill. You can still continue.")
    elif info.port_lock:
        yield warning("carrier.name", "carrier.port_lock",
                      f"{info.name} may have a port-out lock switched on: {info.port_lock}. "
                      "While it is on, the move is refused.",
                      "Check that it is switched off before you submit.")


@rule("carrier.digital_unlocked", "carrier.name")
def unlocked(order, ctx):
    info = carrier_info(order.carrier.name)
    if info is None or not info.unlock_required or order.carrier.digital_unlocked is True:
        return
    yield error("carrier.digital_unlocked", "carrier.unlock_required",
                f"{info.name} locks its numbers: they can't be moved until you unlock them on "
                f"{info.name}'s website.",
                (info.unlock_howto + " " if info.unlock_howto else "")
                + "Then confirm here that the number is unlocked.")


@rule("carrier.name", "service_address.country")
def carrier_country(order, ctx):
    from portwizard.domain.address import COUNTRIES, normalize_country

    info = carrier_info(order.carrier.name)
    country = normalize_country(text(order.service_address.country))
    if info is None or country not in COUNTRIES or not info.countries:
        return
    if country not in info.countries:
        served = " and ".join(COUNTRIES.get(c, c) for c in info.countries)
        yield warning("carrier.name", "carrier.country_mismatch",
                      f"{info.name} serves {served}, but the service address is in "
                      f"{'the United States' if country == 'US' else COUNTRIES[country]}.",
                      "Check the carrier's name on your bill and the country of the service "
                      "address; both must be what your current carrier has on file.")
