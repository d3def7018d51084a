"""Helpers shared by the sub-commands."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterable

from portwizard.cli import EXIT_FINDINGS, EXIT_OK, CliError
from portwizard.domain.findings import Finding, has_errors


def read_order(path: str):
    """Load an order file or raise :class:`CliError` with a one-line reason (exit 2)."""
    from portwizard.domain.order import loads

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None
    result = loads(raw)
    if result.order is None:
        raise CliError(f"{path}: {result.problems[0].message}")
    return result


def print_findings(findings: Iterable[Finding], as_json: bool, out=None) -> int:
    """Print findings (human lines or a JSON array) and return the exit code."""
    out = out or sys.stdout
    findings = list(findings)
    if as_json:
        json.dump([f.to_json() for f in findings], out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif not findings:
        out.write("No problems found.\n")
    else:
        for f in findings:
            out.write(f.describe() + "\n")
        errors = sum(f.is_error for f in findings)
        out.write(f"{errors} error(s), {len(findings) - errors} other finding(s).\n")
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK
