"""Validation: one pure entry point that returns findings for an order.

Every rule lives in exactly one function in ``portwizard.domain.rules`` and declares which
field paths it reads. :func:`validate_order` runs them all; :func:`validate_field` runs only
the rules that read one field, so the GUI can call it on every keystroke.

A rule is ``fn(order, ctx) -> Iterable[Finding]``; it must not raise on any input (the
framework turns an unexpected exception into an ``internal`` finding rather than crash, but
tests treat that as a bug).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Callable, Iterable

from portwizard.domain.findings import Finding, Severity, by_severity, unique
from portwizard.domain.order import Order
from portwizard.domain.providers import DEFAULT as _DEFAULT_PROVIDER
from portwizard.domain.providers import ProviderProfile


@dataclass(frozen=True)
class Context:
    """Everything a rule may need besides the order; pure data so tests can pin it."""

    today: _dt.date = field(default_factory=_dt.date.today)
    foc_lead_business_days: int = 5
    max_customer_name: int = 25
    max_authorized_name: int = 15
    check_documents: bool = True  # content checks of attachments (documents module)
    #: what the provider the order goes to can take (rules.provider reads it)
    provider: ProviderProfile = _DEFAULT_PROVIDER
    #: numbers that provider said it cannot take, as (E.164, its reason) pairs: the
    #: answers of its portability check (the wizard's numbers page asks it)
    not_portable: tuple[tuple[str, str], ...] = ()


RuleFn = Callable[[Order, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    name: str
    fields: tuple[str, ...]  # field paths (or path prefixes such as "numbers") it reads
    fn: RuleFn

    def reads(self, path: str) -> bool:
        base = path.split("[", 1)[0]
        return any(base == f or base.startswith(f + ".") or f.startswith(base + ".")
                   for f in self.fields)


_RULES: list[Rule] = []


def rule(*fields: str) -> Callable[[RuleFn], RuleFn]:
    """Register a rule reading ``fields``."""

    def register(fn: RuleFn) -> RuleFn:
        _RULES.append(Rule(f"{fn.__module__}.{fn.__name__}", tuple(fields), fn))
        return fn

    return register


def rules() -> list[Rule]:
    _load_rules()
    return list(_RULES)


_loaded = False


def _load_rules() -> None:
    global _loaded
    if not _loaded:
        import portwizard.domain.rules  # noqa: F401  (registers every rule)

        _loaded = True


def _run(r: Rule, order: Order, ctx: Context) -> list[Finding]:
    try:
        return list(r.fn(order, ctx))
    except Exception as exc:  # a rule bug must never take the program down
        # One finding on each field the rule reads, so the wizard shows under each of them
        # that its check did not run (a finding on no field would be seen by no field).
        return [Finding(path, "internal.rule_failed", Severity.WARNING,
                        f"A check could not run ({r.name}: {type(exc).__name__}).",
                        "Please report this; the order itself is not affected.")
                for path in r.fields]


def validate_order(order: Order, ctx: Context | None = None) -> list[Finding]:
    """All findings for the whole order, errors first, in document order within severity."""
    _load_rules()
    ctx = ctx or Context()
    return by_severity(unique(f for r in _RULES for f in _run(r, order, ctx)))


def validate_field(order: Order, path: str, ctx: Context | None = None) -> list[Finding]:
    """Findings about ``path`` only (``numbers`` also returns ``numbers[i]`` findings)."""
    _load_rules()
    ctx = ctx or Context()
    base = path.split("[", 1)[0]
    out: list[Finding] = []
    for r in _RULES:
        if r.reads(path):
            for f in _run(r, order, ctx):
                fbase = f.field.split("[", 1)[0]
                if f.field == path or (fbase == base and "[" not in path):
                    out.append(f)
    return unique(out)
