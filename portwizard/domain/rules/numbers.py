"""The numbers to move and their kind (local or toll-free)."""
from __future__ import annotations

from portwizard.domain.findings import Finding, error
from portwizard.domain.normalize import number_notes, text
from portwizard.domain.order import NUMBER_TYPES
from portwizard.domain.phone import ParsedNumber, parse_number
from portwizard.domain.validation import rule

TOLL_FREE_LIST = "800, 833, 844, 855, 866, 877 or 888"


def parsed_numbers(order) -> list[tuple[int, ParsedNumber]]:
    """(index, parsed) for every entry of ``order.numbers`` that is text. Parsing is
    memoised in :mod:`portwizard.domain.phone`, so every rule may call this freely."""
    numbers = order.numbers if isinstance(order.numbers, list) else []
    return [(i, parse_number(raw)) for i, raw in enumerate(numbers) if isinstance(raw, str)]


def valid_numbers(order) -> list[ParsedNumber]:
    return [p for _, p in parsed_numbers(order) if p.ok]


def _examples(items: list[ParsedNumber], limit: int = 2, count: int | None = None) -> str:
    """The first ``limit`` distinct numbers of ``items`` and how many more there are (of
    ``count`` distinct ones when the caller only kept examples)."""
    items = list({p.e164: p for p in items}.values())
    total = len(items) if count is None else count
    shown = ", ".join(p.display for p in items[:limit])
    return shown + (f" and {total - limit} more" if total > limit else "")


def duplicate_finding(path: str, parsed: ParsedNumber, where: str) -> Finding:
    """``parsed`` came earlier in the list too, at ``where`` ("entry 3", "line 7")."""
    return error(path, "number.duplicate",
                 f"{parsed.display} is already in the list ({where}).",
                 "Remove this line; each number is moved once.")


def mixed_kinds_finding(toll_free: list[ParsedNumber], local: list[ParsedNumber], *,
                        toll_free_count: int | None = None,
                        local_count: int | None = None) -> Finding:
    """Toll-free and local numbers on one order (examples of each; the counts of distinct
    numbers when only examples were kept, as ``validate --numbers`` does for long lists)."""
    return error("numbers", "number.mixed_kinds",
                 f"This order mixes toll-free numbers "
                 f"({_examples(toll_free, count=toll_free_count)}) with local numbers "
                 f"({_examples(local, count=local_count)}). Carriers handle the two kinds "
                 "separately, so they can't be moved on one order.",
                 "Keep one kind on this order and move the others with a second order.")


@rule("numbers")
def numbers_present(order, ctx):
    numbers = order.numbers if isinstance(order.numbers, list) else []
    if not any(isinstance(n, str) and n.strip() for n in numbers):
        yield error("numbers", "number.missing", "There are no phone numbers to move yet.",
                    "Type or paste the numbers you want to move (one per line), or import a "
                    "list from a spreadsheet (CSV).")


@rule("numbers")
def each_number(order, ctx):
    numbers = order.numbers if isinstance(order.numbers, list) else []
    if len(numbers) <= 1 and not any(isinstance(n, str) and n.strip() for n in numbers):
        return  # nothing typed yet: numbers_present says so once
    for i, raw in enumerate(numbers):
        path = f"numbers[{i}]"
        if not isinstance(raw, str):
            yield error(path, "number.invalid", "This entry is not a phone number.",
                        "Type the number again, e.g. (212) 555-0123.")
            continue
        parsed = parse_number(raw)
        if parsed.ok:
            yield from number_notes(parsed, path)
        elif parsed.error_code == "number.missing":
            yield error(path, "number.missing", f"Entry {i + 1} of the number list is empty.",
                        "Type a number there or remove the empty line.")
        else:
            yield error(path, parsed.error_code or "number.invalid",
                        f"\"{raw.strip()[:40]}\": {parsed.error_message}", parsed.fix)


@rule("numbers")
def duplicates(order, ctx):
    first: dict[str, int] = {}
    for i, parsed in parsed_numbers(order):
        if not parsed.ok:
            continue
        if parsed.e164 in first:
            yield duplicate_finding(f"numbers[{i}]", parsed, f"entry {first[parsed.e164] + 1}")
        else:
            first[parsed.e164] = i


@rule("numbers")
def mixed_kinds(order, ctx):
    valid = valid_numbers(order)
    toll_free = [p for p in valid if p.kind == "toll-free"]
    local = [p for p in valid if p.kind == "local"]
    if toll_free and local:
        yield mixed_kinds_finding(toll_free, local)


@rule("carrier.number_type", "numbers")
def number_type(order, ctx):
    kind = text(order.carrier.number_type)
    if not kind:
        yield error("carrier.number_type", "number_type.missing",
                    "Choose what kind of number this is: Business Local, Business Toll Free "
                    "or Residential.",
                    f"Toll-free numbers start with {TOLL_FREE_LIST}; a home line is Residential; "
                    "any other business number is Business Local.")
        return
    if kind not in NUMBER_TYPES:
        yield error("carrier.number_type", "number_type.unknown",
                    f"\"{kind[:40]}\" is not a number type portwizard knows.",
                    "Choose Business Local, Business Toll Free or Residential.")
        return
    valid = valid_numbers(order)
    toll_free = [p for p in valid if p.kind == "toll-free"]
    local = [p for p in valid if p.kind == "local"]
    if toll_free and local:
        return  # mixed_kinds reports it; the type can only be right for one half
    if toll_free and kind != "business-toll-free":
        why = ("even when it rings at home" if kind == "residential"
               else "not as Business Local")
        yield error("carrier.number_type", "number_type.toll_free_mismatch",
                    f"{_examples(toll_free)} {'is a toll-free number' if len(toll_free) == 1 else 'are toll-free numbers'}"
                    f"; toll-free numbers are always filed as Business Toll Free, {why}.",
                    "Choose Business Toll Free.")
    if local and kind == "business-toll-free":
        yield error("carrier.number_type", "number_type.local_mismatch",
                    f"Business Toll Free is only for numbers starting with {TOLL_FREE_LIST}, "
                    f"but {_examples(local)} {'is a local number' if len(local) == 1 else 'are local numbers'}.",
                    "Choose Business Local (or Residential for a home line).")
