"""The complete check of an order: the validation rules plus the attached documents.

:func:`full_check` is what ``portwizard validate``, the wizard's review page and the
submission use before anything is sent. The document part opens files in a separate,
time-bounded process, so call it from a worker thread in the GUI (it takes a fraction of a
second per attachment; unchanged files are cached).
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from portwizard.domain.findings import Finding, by_severity, unique
from portwizard.domain.order import Order
from portwizard.domain.validation import Context, validate_order

def full_check(order: Order, ctx: Context | None = None, *, base_dir: str | Path | None = None,
               max_bytes: int | None = None) -> list[Finding]:
    """Findings of :func:`validate_order` and of every document the order names, errors
    first. ``ctx.check_documents=False`` skips the documents; ``base_dir`` is where
    relative attachment paths start (the order file's folder); ``max_bytes`` overrides the
    attachment size limit from the settings."""
    ctx = ctx or Context()
    findings = list(validate_order(order, ctx))
    if ctx.check_documents:
        from portwizard import flow
        from portwizard.documents.inspect import inspect_order_documents

        if order.documents.loa and not flow.field_applies("documents.loa", ctx):
            order = order.copy()  # the provider has its own LOA e-signed: ours is not sent
            order.documents.loa = ""
        findings += inspect_order_documents(order, today=ctx.today or _dt.date.today(),
                                            base_dir=base_dir, max_bytes=max_bytes)
    return by_severity(unique(findings))
