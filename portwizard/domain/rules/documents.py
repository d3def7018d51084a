"""Documents: are the required attachments there? (Their content is checked by
``portwizard.documents.inspect``.)"""
from __future__ import annotations

from portwizard.domain.findings import error
from portwizard.domain.normalize import text
from portwizard.domain.validation import rule


@rule("documents.loa")
def loa_present(order, ctx):
    if ctx.provider.emails_loa:
        return  # the provider writes the LOA itself and has it e-signed (flow.field_applies)
    if not text(order.documents.loa).strip():
        yield error("documents.loa", "documents.loa_missing",
                    "The Letter of Authorization (LOA) is missing. It is the signed letter that "
                    "allows your new provider to move your numbers.",
                    "Create it on the Documents step and sign it on screen, or attach a signed "
                    "copy.")


@rule("documents.invoice")
def invoice_present(order, ctx):
    if not text(order.documents.invoice).strip():
        yield error("documents.invoice", "documents.invoice_missing",
                    "A recent phone bill from your current carrier is missing. The carrier "
                    "compares it with this order (account name, account number, address).",
                    "Attach your latest bill: a PDF or a clear photo, ideally less than 30 days "
                    "old.")
