"""Findings: what validation (and document inspection) says about an order."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterable


class Severity(str, Enum):
    """``error`` blocks submission, ``warning`` does not, ``info`` reports a change we made."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:  # "error", not "Severity.ERROR", in messages and JSON
        return self.value


@dataclass(frozen=True)
class Finding:
    """One thing to tell the user about one field.

    ``field`` is a path in the order document (``carrier.account_number``, ``numbers[3]``,
    ``documents.invoice``); ``""`` means the document as a whole. ``code`` is stable and
    machine-readable (``address.po_box``); ``message`` says what is wrong and ``fix`` how to
    put it right, both in the user's words.
    """

    field: str
    code: str
    severity: Severity
    message: str
    fix: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict:
        return {
            "field": self.field,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "fix": self.fix,
        }

    def describe(self) -> str:
        """One human line, e.g. for the CLI: ``error  carrier.pin: ... Fix: ...``."""
        text = f"{self.severity.value:<7} {self.field or '(order)'}: {self.message}"
        if self.fix:
            text += f" {self.fix}"
        return text


def error(field: str, code: str, message: str, fix: str = "") -> Finding:
    return Finding(field, code, Severity.ERROR, message, fix)


def warning(field: str, code: str, message: str, fix: str = "") -> Finding:
    return Finding(field, code, Severity.WARNING, message, fix)


def info(field: str, code: str, message: str, fix: str = "") -> Finding:
    return Finding(field, code, Severity.INFO, message, fix)


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then notes; the order within each is kept."""
    return sorted(findings, key=lambda f: _RANK[f.severity])


def unique(findings: Iterable[Finding]) -> list[Finding]:
    """The first finding of each (field, code): two checks saying the same thing say it once."""
    seen: set[tuple[str, str]] = set()
    out: list[Finding] = []
    for f in findings:
        if (f.field, f.code) not in seen:
            seen.add((f.field, f.code))
            out.append(f)
    return out


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)
