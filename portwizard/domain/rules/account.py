"""The account at the current carrier: account type, BTN, partial port, account number, PIN."""
from __future__ import annotations

import re

from portwizard.domain.findings import error, warning
from portwizard.domain.normalize import (
    BTN_EXPLAINED, carrier_info, clean_account_number, clean_pin, needs_transfer_pin,
    number_notes, text,
)
from portwizard.domain.order import ACCOUNT_TYPES, REMAINING_CHOICES
from portwizard.domain.phone import parse_number
from portwizard.domain.rules.numbers import valid_numbers
from portwizard.domain.validation import rule

_ALNUM = re.compile(r"[A-Za-z0-9]+")


def _account_type(order) -> str:
    return text(order.carrier.account_type)


@rule("carrier.account_type", "numbers")
def account_type(order, ctx):
    kind = _account_type(order)
    path = "carrier.account_type"
    if not kind:
        yield error(path, "account_type.missing",
                    "Choose whether the account with your current carrier has one phone number "
                    "(single-line) or several (multi-line).",
                    "Look at your phone bill: if it lists more than one phone number, choose "
                    "multi-line.")
        return
    if kind not in ACCOUNT_TYPES:
        yield error(path, "account_type.unknown", f"\"{kind[:40]}\" is not an account type.",
                    "Choose single-line or multi-line.")
        return
    numbers = order.numbers if isinstance(order.numbers, list) else []
    count = sum(1 for n in numbers if isinstance(n, str) and n.strip())
    if kind == "single-line" and count > 1:
        yield error(path, "account.single_line_count",
                    f"A single-line account has only one phone number, but this order lists "
                    f"{count}.",
                    "If these numbers are on one bill, choose multi-line. If each has its own "
                    "bill, make one order per bill.")


@rule("carrier.btn", "carrier.account_type", "numbers")
def btn(order, ctx):
    path = "carrier.btn"
    raw = text(order.carrier.btn)
    kind = _account_type(order)
    valid = valid_numbers(order)
    if not raw.strip():
        if kind == "single-line" and len(valid) == 1:
            fix = (f"On a single-line account it is the number you are moving: "
                   f"{valid[0].display}.")
        else:
            fix = ("Copy it from your bill. On a multi-line account it is the account's main "
                   "number, even if you are not moving that number.")
        yield error(path, "btn.missing", f"The {BTN_EXPLAINED} is missing.", fix)
        return
    parsed = parse_number(raw)
    if not parsed.ok:
        yield error(path, "btn.invalid",
                    f"The billing telephone number (BTN) can't be right: {parsed.error_message}",
                    parsed.fix)
        return
    yield from number_notes(parsed, path)
    if kind == "single-line" and len(valid) == 1 and parsed.e164 != valid[0].e164:
        yield error(path, "btn.must_match_single",
                    f"On a single-line account the {BTN_EXPLAINED} is the number being moved, "
                    f"but the BTN here is {parsed.display} and the number is {valid[0].display}.",
                    f"Change the BTN to {valid[0].display}, or choose multi-line if your bill "
                    "lists more numbers.")


@rule("partial_port.remaining_numbers", "partial_port.new_btn", "carrier.btn",
      "carrier.account_type", "numbers")
def partial_port(order, ctx):
    pp = order.partial_port
    if pp is None:
        return
    kind = _account_type(order)
    if kind == "single-line":
        yield warning("partial_port.remaining_numbers", "partial_port.not_multi_line",
                      "You answered what happens to the other numbers on the account, but a "
                      "single-line account has no other numbers, so that answer is ignored.",
                      "Choose multi-line if your bill lists more numbers; otherwise clear the "
                      "partial-port answers.")
        return
    remaining = text(pp.remaining_numbers)
    if not remaining:
        yield error("partial_port.remaining_numbers", "partial_port.remaining_missing",
                    "Tell us what should happen to the numbers on this account that you are "
                    "not moving.",
                    "Choose 'keep' to keep them with your current carrier, or 'disconnect' to "
                    "have them cancelled.")
    elif remaining not in REMAINING_CHOICES:
        yield error("partial_port.remaining_numbers", "partial_port.remaining_unknown",
                    f"\"{remaining[:40]}\" is not one of the choices.",
                    "Choose 'keep' or 'disconnect'.")
    elif remaining == "disconnect":
        yield warning("partial_port.remaining_numbers", "partial_port.disconnect",
                      "The numbers on this account that you are not moving will be disconnected "
                      "by your current carrier, and a disconnected number usually can't be "
                      "recovered.",
                      "If you need any of them, add them to this order or choose 'keep'.")
    ported = {p.e164 for p in valid_numbers(order)}
    btn_parsed = parse_number(text(order.carrier.btn))
    btn_leaves = btn_parsed.ok and btn_parsed.e164 in ported
    new_raw = text(pp.new_btn)
    path = "partial_port.new_btn"
    if remaining == "keep" and btn_leaves and not new_raw.strip():
        yield error(path, "partial_port.new_btn_required",
                    f"Your {BTN_EXPLAINED}, {btn_parsed.display}, is moving, but other numbers "
                    "stay on the old account. That account then needs a new main number, or "
                    "the old carrier will reject the order.",
                    "Enter one of the numbers that stay as the new BTN (your current carrier "
                    "can confirm which one to use).")
        return
    if not new_raw.strip():
        return
    new_parsed = parse_number(new_raw)
    if not new_parsed.ok:
        yield error(path, "partial_port.new_btn_invalid",
                    f"The new billing telephone number (BTN) can't be right: "
                    f"{new_parsed.error_message}", new_parsed.fix)
    elif new_parsed.e164 in ported:
        yield error(path, "partial_port.new_btn_is_ported",
                    f"The new BTN must be a number that stays with your current carrier, but "
                    f"{new_parsed.display} is on this order and is moving.",
                    "Choose a number that stays on the old account.")


@rule("carrier.account_number", "numbers")
def account_number(order, ctx):
    path = "carrier.account_number"
    cleaned, notes = clean_account_number(order.carrier.account_number, path)
    if not cleaned:
        valid = valid_numbers(order)
        fix = "Copy it from the top of your current phone bill."
        if valid:
            fix += (" If your bill shows no account number, use the phone number you are "
                    f"moving, digits only: {valid[0].e164[2:]}.")
        yield error(path, "account_number.missing",
                    "The account number with your current carrier is missing.", fix)
        return
    yield from notes
    if not _ALNUM.fullmatch(cleaned):
        yield error(path, "account_number.invalid_characters",
                    "The account number can only contain letters and digits, but it has other "
                    "characters (such as / or #).",
                    "Type only the letters and digits, exactly as on your bill.")
    elif len(cleaned) < 4:
        yield warning(path, "account_number.too_short",
                      f"The account number has only {len(cleaned)} characters; account numbers "
                      "are usually longer.",
                      "Check that you copied the whole account number from your bill.")


@rule("carrier.pin", "carrier.name")
def pin(order, ctx):
    path = "carrier.pin"
    raw = text(order.carrier.pin).strip()
    carrier = carrier_info(order.carrier.name)
    if not raw:
        _, notes = clean_pin(raw, carrier, path)
        yield from notes
        if needs_transfer_pin(carrier):
            yield error(path, "pin.transfer_pin_required",
                        f"{carrier.name} needs its {carrier.pin_label} to release a mobile "
                        "number; without it (or with 0000) the move will be refused.",
                        carrier.pin_howto)
        elif carrier is not None and carrier.unlock_required:
            yield error(path, "pin.unlock_code_required",
                        f"{carrier.name} gives (or asks you to set) a {carrier.pin_label} when "
                        "you unlock the number; the move needs that code.",
                        carrier.pin_howto)
        return
    if not _ALNUM.fullmatch(raw):
        yield error(path, "pin.invalid_characters",
                    "The PIN can only contain letters and digits.",
                    "Type it without spaces or symbols, exactly as your carrier gave it.")
        return
    if not 4 <= len(raw) <= 15:
        yield warning(path, "pin.unusual_length",
                      f"Carrier PINs are usually 4 to 15 letters or digits; this one has "
                      f"{len(raw)}.",
                      "Check the PIN with your current carrier.")
    if needs_transfer_pin(carrier):
        yield warning(path, "pin.wireless_transfer_pin",
                      f"{carrier.name} needs the {carrier.pin_label} here, not the PIN or "
                      "passcode you use to sign in or to call customer service: they are "
                      "different codes.",
                      carrier.pin_howto)
