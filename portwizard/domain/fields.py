"""Every order field the user fills in, named in the user's words.

One place for the name of each field wherever a sentence needs it: the wizard's "To
continue, complete: …" line, the reasons a provider refused an order (listed by page), the
rules' and the address splitter's messages, the letter's list of what it lacks and the
cross-check of an attached bill. A page may still word a field its own way where the page
says more (the unlock step asks for "the code they gave you"); the labels on the forms
themselves are in ``forms/*.ui``.
"""
from __future__ import annotations

from portwizard.domain.order import DOCUMENT_NAMES

#: field path (as in findings and ``flow``) -> the field's name in a sentence
FIELD_NAMES = {
    "numbers": "phone numbers",
    "carrier.name": "current carrier",
    "carrier.digital_unlocked": "confirmation that the numbers are unlocked",
    "target.account_id": "where the numbers should go",
    "target.line_id": "line or sub-account",
    "target.label": "name of the new sub-account",
    "carrier.account_type": "account type",
    "carrier.number_type": "number type",
    "carrier.customer_name": "name on the bill",
    "carrier.authorized_name": "authorized person",
    "carrier.authorized_email": "signer's e-mail",
    "carrier.account_number": "account number",
    "carrier.btn": "billing telephone number (BTN)",
    "carrier.pin": "PIN or transfer PIN",
    "partial_port.remaining_numbers": "what happens to the other numbers",
    "partial_port.new_btn": "new billing telephone number",
    "service_address.country": "country",
    "service_address.street_number": "street number",
    "service_address.pre_direction": "direction (N, S, E, W …)",
    "service_address.street_name": "street name",
    "service_address.unit": "suite or unit",
    "service_address.city": "city",
    "service_address.state": "state or province",
    "service_address.postal_code": "ZIP or postal code",
    **{f"documents.{kind}": name for kind, name in DOCUMENT_NAMES.items()},
    "requested_foc_date": "switch date",
    "requested_foc_time": "preferred time",
    "requested_foc_timezone": "time zone",
    "contact.name": "contact name",
    "contact.email": "contact e-mail",
    "contact.phone": "contact phone",
    "customer_reference": "your reference",
}


def field_name(path: str) -> str:
    """The name of the field at ``path`` (``numbers[2]`` is the phone numbers); a path
    not listed is named after its last part (``carrier.foo_bar`` -> "foo bar")."""
    bare = path.split("[", 1)[0]
    return FIELD_NAMES.get(bare) or bare.rsplit(".", 1)[-1].replace("_", " ")
