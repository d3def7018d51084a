"""Our copies of the user's documents (the LOA signed in the wizard, the files queued with
an order) leave the data folder once the draft is deleted or the order is finished; the
user's own files elsewhere are never touched."""
from __future__ import annotations

from pathlib import Path

import pytest

from orderkit import make_pdf, valid_order
from portwizard.services.tracking import apply_state


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) \
        if folder.exists() else []


def _order_with_signed_loa(app, tmp_path: Path, folder_name: str):
    """A complete order whose LOA was signed in the wizard (written into the data folder)
    and whose bill is the user's own file."""
    order = valid_order(tmp_path / "users-documents")
    signed = make_pdf(app.data_dir / "attachments" / folder_name / "loa-signed.pdf",
                      "Letter of Authorization", "Acme Dental")
    order.documents.loa = str(signed)
    return order, signed


def test_deleting_a_draft_removes_its_signed_loa_once_no_other_draft_uses_it(app, tmp_path):
    order, signed = _order_with_signed_loa(app, tmp_path, "session-1")
    draft_id = app.drafts.save(order)
    copy_id = app.drafts.duplicate(draft_id)  # refers to the same signed LOA
    bill = Path(order.documents.invoice)

    assert app.drafts.delete(draft_id)
    assert signed.is_file()  # the duplicate still needs it
    assert app.drafts.delete(copy_id)
    assert not signed.exists() and not signed.parent.exists()
    assert _files(app.data_dir / "attachments") == []
    assert bill.is_file()  # the user's own file stays


def test_a_cancelled_order_leaves_no_copies(offline_app, tmp_path):
    app = offline_app
    order, signed = _order_with_signed_loa(app, tmp_path, "session-2")
    draft_id = app.drafts.save(order)
    result = app.submit(order, draft_id=draft_id, send=False)
    assert result.outcome == "queued"
    assert any(result.order_id in f for f in _files(app.data_dir / "attachments"))
    assert signed.is_file()  # the order refers to it now: kept for a resubmission

    cancelled = app.cancel(result.order_id)
    assert cancelled.status == "cancelled"
    assert _files(app.data_dir / "attachments") == []
    assert Path(order.documents.invoice).is_file()


@pytest.mark.parametrize("final", ["completed", "cancelled"])
def test_an_order_finished_at_the_provider_leaves_no_copies(offline_app, tmp_path, final):
    app = offline_app
    order, signed = _order_with_signed_loa(app, tmp_path, "session-3")
    other, other_signed = _order_with_signed_loa(app, tmp_path, "session-4")
    other.numbers = ["+12125550199"]
    other.carrier.btn = "+12125550199"
    result = app.submit(order, send=False)
    still_open = app.submit(other, send=False)
    for order_id in (result.order_id, still_open.order_id):
        [entry] = app.store.outbox(order_id)
        app.store.mark_done(entry.id)  # as if the provider had taken it
    history = [("2026-11-23T10:00:00.000Z", "submitted")]
    apply_state(app.store, result.order_id, {"id": "PO-1", "status": "submitted",
                                              "history": [{"at": at, "status": s}
                                                          for at, s in history]})
    assert signed.is_file()  # open: kept
    history.append(("2026-11-30T10:00:00.000Z", final))
    apply_state(app.store, result.order_id, {"id": "PO-1", "status": final,
                                              "history": [{"at": at, "status": s}
                                                          for at, s in history]})
    left = _files(app.data_dir / "attachments")
    assert not signed.exists()
    assert not any(result.order_id in f for f in left), left
    assert other_signed.is_file() and any(still_open.order_id in f for f in left)


def test_a_finished_order_takes_its_whole_queue_folder_with_it(offline_app, tmp_path):
    """Also what no outbox entry names: a copy left by a correction that was interrupted."""
    app = offline_app
    order, _signed = _order_with_signed_loa(app, tmp_path, "session-5")
    result = app.submit(order, send=False)
    [entry] = app.store.outbox(result.order_id)
    app.store.mark_done(entry.id)
    stray = make_pdf(app.data_dir / "attachments" / result.order_id / "0badc0de" / "invoice"
                     / "bill.pdf", "interrupted correction")
    apply_state(app.store, result.order_id, {"id": "PO-9", "status": "cancelled", "history": [
        {"at": "2026-11-30T10:00:00.000Z", "status": "cancelled"}]})
    assert not stray.exists()
    assert not (app.data_dir / "attachments" / result.order_id).exists()
