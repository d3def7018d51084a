"""The wizard's steps as a pure navigation map over the order (no Qt).

Which steps exist, their order, and whether each one is complete are functions of the
:class:`~portwizard.domain.order.Order` alone, so the QWizard, a future second GUI and the tests
all ask this module instead of deciding themselves.

* Every order field path belongs to exactly one step (:func:`fields_of`, :func:`step_of_field`).
* ``UNLOCK`` appears only when the current carrier (matched through the carrier directory)
  locks its numbers, e.g. Google Voice. Switching the carrier to Verizon removes it.
* Some fields apply only with some providers (:func:`field_applies`, a table over the
  provider profile in the validation context): the signer's e-mail with a provider that has
  the LOA e-signed (Twilio), our own LOA only with a provider that takes it, a port time
  only with one that offers port windows (Telnyx). Pages show what :func:`fields_for` lists.
* A step is complete when validation reports no *error* on its fields (warnings never block).
  ``UNLOCK`` also needs ``carrier.digital_unlocked``. ``REVIEW`` and ``SUBMIT`` need the whole
  order to be free of errors: nothing may be sent that would be refused.
"""
from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Iterable

from portwizard.domain.findings import Finding
from portwizard.domain.order import DOCUMENT_KINDS, Order

if TYPE_CHECKING:  # pragma: no cover
    from portwizard.domain.validation import Context

# portwizard.domain.validation is imported by the functions that validate: the wizard's first
# page needs the step map before it needs any rule (it loads them once it is shown).


class Step(str, Enum):
    NUMBERS = "numbers"
    CARRIER = "carrier"
    UNLOCK = "unlock"
    TARGET = "target"
    ACCOUNT = "account"
    ADDRESS = "address"
    DOCUMENTS = "documents"
    REVIEW = "review"
    SUBMIT = "submit"

    def __str__(self) -> str:
        return self.value

    @property
    def title(self) -> str:
        """Short page title."""
        return _TEXTS[self][0]

    @property
    def subtitle(self) -> str:
        """One plain sentence under the title."""
        return _TEXTS[self][1]


_TEXTS: dict[Step, tuple[str, str]] = {
    Step.NUMBERS: (
        "Numbers to move",
        "Type or paste the phone numbers you want to bring over, or import them from a "
        "spreadsheet."),
    Step.CARRIER: (
        "Your current phone company",
        "Tell us who bills you for these numbers today, and we will show what that company "
        "needs from you."),
    Step.UNLOCK: (
        "Unlock your numbers",
        "Your current provider locks its numbers: unlock them on its website first and note "
        "the code it gives you."),
    Step.TARGET: (
        "Where the numbers go",
        "Choose the line or account at your new provider that should receive the numbers."),
    Step.ACCOUNT: (
        "Your account with the current company",
        "Copy these details exactly from your latest phone bill; small differences are the "
        "usual cause of rejections."),
    Step.ADDRESS: (
        "Service address",
        "Where the phone service is installed, exactly as your current company has it on "
        "file."),
    Step.DOCUMENTS: (
        "Documents",
        "Sign the letter of authorization and attach a recent bill so the move can be "
        "approved."),
    Step.REVIEW: (
        "Check everything and pick a date",
        "Look the order over, choose the day the numbers should move, and fix anything "
        "still marked as a problem."),
    Step.SUBMIT: (
        "Send the order",
        "Send the order to your new provider; your phones keep working with the old company "
        "until the move date."),
}

# Every field path of the order document belongs to exactly one step (tested against
# order.field_paths()). Paths are leaves; "numbers" covers "numbers[i]".
_FIELDS: dict[Step, tuple[str, ...]] = {
    Step.NUMBERS: ("numbers",),
    Step.CARRIER: ("carrier.name",),
    Step.UNLOCK: ("carrier.digital_unlocked",),
    Step.TARGET: ("target.account_id", "target.line_id", "target.label"),
    Step.ACCOUNT: (
        "carrier.account_type", "carrier.number_type", "carrier.customer_name",
        "carrier.authorized_name", "carrier.authorized_email", "carrier.account_number",
        "carrier.btn", "carrier.pin",
        "partial_port.remaining_numbers", "partial_port.new_btn"),
    Step.ADDRESS: (
        "service_address.country", "service_address.street_number",
        "service_address.pre_direction", "service_address.street_name", "service_address.unit",
        "service_address.city", "service_address.state", "service_address.postal_code"),
    Step.DOCUMENTS: tuple(f"documents.{kind}" for kind in DOCUMENT_KINDS),
    Step.REVIEW: ("requested_foc_date", "requested_foc_time", "requested_foc_timezone",
                  "contact.name", "contact.email", "contact.phone", "customer_reference"),
    Step.SUBMIT: (),
}

_STEP_OF: dict[str, Step] = {path: step for step, paths in _FIELDS.items() for path in paths}

# Findings may name a whole group ("service_address") rather than a leaf.
_GROUPS: dict[str, Step] = {
    "target": Step.TARGET,
    "carrier": Step.ACCOUNT,
    "partial_port": Step.ACCOUNT,
    "service_address": Step.ADDRESS,
    "documents": Step.DOCUMENTS,
    "contact": Step.REVIEW,
}

# Fields asked for only when the provider's profile (portwizard.domain.providers) says so;
# every other field applies with every provider.
_APPLIES_WHEN: dict[str, str] = {
    "carrier.authorized_email": "needs_signer_email",  # the provider e-mails the LOA to sign
    "documents.loa": "sends_loa",  # our LOA goes with the order
    "requested_foc_time": "foc_windows",  # the provider offers port moments, not just days
    "requested_foc_timezone": "foc_windows",
}

# Steps whose completeness means "the whole order can be sent".
_WHOLE_ORDER = (Step.REVIEW, Step.SUBMIT)


# --------------------------------------------------------------------------- the map


def needs_unlock(order: Order) -> bool:
    """True when the order's carrier locks numbers (Google Voice and similar)."""
    name = getattr(getattr(order, "carrier", None), "name", "")
    if not isinstance(name, str) or not name.strip():
        return False  # no carrier yet: no need to load the directory (start-up path)
    from portwizard.domain.normalize import carrier_info  # the rules' own lookup

    info = carrier_info(name)
    return bool(info and info.unlock_required)


def steps_for(order: Order) -> list[Step]:
    """The steps this order goes through, in order."""
    unlock = needs_unlock(order)
    return [s for s in Step if s is not Step.UNLOCK or unlock]


def next_step(order: Order, step: Step) -> Step | None:
    """The step after ``step`` for this order; None after the last one.

    Works even when ``step`` itself no longer applies (the user is on UNLOCK and the carrier
    was changed to one that needs no unlock): the next applicable step in the usual order.
    """
    steps = steps_for(order)
    position = list(Step).index(Step(step))
    for s in list(Step)[position + 1:]:
        if s in steps:
            return s
    return None


def previous_step(order: Order, step: Step) -> Step | None:
    """The step before ``step`` for this order; None before the first one."""
    steps = steps_for(order)
    position = list(Step).index(Step(step))
    for s in reversed(list(Step)[:position]):
        if s in steps:
            return s
    return None


def fields_of(step: Step) -> tuple[str, ...]:
    """The order field paths the user fills in on ``step`` (with any provider)."""
    return _FIELDS[Step(step)]


def field_applies(path: str, ctx: Context | None = None) -> bool:
    """Whether the provider of ``ctx`` asks for ``path`` (its profile decides; without a
    context, the default profile: the practice sandbox)."""
    flag = _APPLIES_WHEN.get(path.split("[", 1)[0])
    if flag is None:
        return True
    if ctx is None:
        from portwizard.domain.providers import DEFAULT

        return bool(getattr(DEFAULT, flag))
    return bool(getattr(ctx.provider, flag))


def fields_for(step: Step, ctx: Context | None = None) -> tuple[str, ...]:
    """The fields of ``step`` the user is asked for with the provider of ``ctx``."""
    return tuple(p for p in _FIELDS[Step(step)] if field_applies(p, ctx))


def step_of_field(path: str) -> Step:
    """The step where the user edits ``path`` (``numbers[3]`` -> NUMBERS,
    ``service_address`` -> ADDRESS). Anything about the order as a whole goes to REVIEW."""
    if not isinstance(path, str):
        return Step.REVIEW
    parts = [p.split("[", 1)[0] for p in path.split(".")]
    while parts:
        key = ".".join(parts)
        if key in _STEP_OF:
            return _STEP_OF[key]
        if key in _GROUPS:
            return _GROUPS[key]
        parts.pop()
    return Step.REVIEW


# --------------------------------------------------------------------------- completeness


def _home(order: Order, path: str, steps: list[Step]) -> Step:
    step = step_of_field(path)
    return step if step in steps else Step.REVIEW


def findings_for(order: Order, step: Step, findings: Iterable[Finding]) -> list[Finding]:
    """The findings shown on ``step``: those about its fields. REVIEW also gets findings about
    the order as a whole and about steps this order skips."""
    step = Step(step)
    steps = steps_for(order)
    return [f for f in findings if _home(order, f.field, steps) is step]


def is_complete(order: Order, step: Step, ctx: Context | None = None, *,
                findings: Iterable[Finding] | None = None) -> bool:
    """True when ``step`` has no error finding (warnings do not block).

    ``findings`` lets a caller pass results it already has (for example the full check with
    document inspection); otherwise :func:`validate_order` runs with ``ctx``.
    UNLOCK additionally needs the user's confirmation (``carrier.digital_unlocked``), even when
    a caller's findings lack the rule's error; REVIEW and SUBMIT are complete only when the
    whole order has no errors.
    """
    step = Step(step)
    found = list(findings) if findings is not None else _validate(order, ctx)
    if step in _WHOLE_ORDER:
        return not any(f.is_error for f in found)
    if step is Step.UNLOCK and needs_unlock(order) and order.carrier.digital_unlocked is not True:
        return False
    return not any(f.is_error for f in findings_for(order, step, found))


def incomplete_steps(order: Order, ctx: Context | None = None, *,
                     findings: Iterable[Finding] | None = None) -> list[Step]:
    """Every step of this order (except REVIEW and SUBMIT) that still has an error, in order:
    the "what is left" list for a draft. Validation runs once."""
    found = list(findings) if findings is not None else _validate(order, ctx)
    return [s for s in steps_for(order)
            if s not in _WHOLE_ORDER and not is_complete(order, s, findings=found)]


def first_incomplete(order: Order, ctx: Context | None = None, *,
                     findings: Iterable[Finding] | None = None) -> Step:
    """Where a resumed draft should open: the first step that still needs something, or
    REVIEW when every step is complete (the user checks the order before sending it)."""
    left = incomplete_steps(order, ctx, findings=findings)
    return left[0] if left else Step.REVIEW


def _validate(order: Order, ctx: Context | None) -> list[Finding]:
    from portwizard.domain.validation import validate_order

    return validate_order(order, ctx)
