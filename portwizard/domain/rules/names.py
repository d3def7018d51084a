"""Customer and authorized-person names."""
from __future__ import annotations

from portwizard.domain.findings import error, warning
from portwizard.domain.normalize import clean_name, text as _text
from portwizard.domain.validation import rule


def _name_rule(order, path: str, value: str, label: str, limit: int, where: str):
    text = _text(value)  # a non-text value (from a buggy caller) counts as empty
    stripped = clean_name(text)
    if not stripped:
        yield error(path, "name.missing", f"The {label} is missing.",
                    f"Type it exactly as it appears {where}.")
        return
    if stripped != text:
        yield warning(path, "name.whitespace",
                      f"The {label} has extra spaces at the start, end or in between.",
                      "Remove them so it matches the bill exactly.")
    if len(stripped) > limit:
        yield warning(path, "name.too_long",
                      f"The {label} is {len(stripped)} characters long; many carriers keep "
                      f"only the first {limit}, which can cause a name-mismatch rejection.",
                      f"If your bill shows a shorter form, use that (at most {limit} characters).")


@rule("carrier.customer_name", "carrier.number_type")
def customer_name(order, ctx):
    residential = order.carrier.number_type == "residential"
    label = "subscriber's full name" if residential else "business name"
    yield from _name_rule(order, "carrier.customer_name", order.carrier.customer_name, label,
                          ctx.max_customer_name, "on your current phone bill")


@rule("carrier.authorized_name")
def authorized_name(order, ctx):
    yield from _name_rule(order, "carrier.authorized_name", order.carrier.authorized_name,
                          "authorized person's name", ctx.max_authorized_name,
                          "on the account (the person allowed to make changes)")
