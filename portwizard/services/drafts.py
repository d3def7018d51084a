"""Unfinished orders (drafts): the one place the windows and the CLI list, open, copy,
delete and exchange them as portable ``.pwdraft`` files.

Drafts are saved as the user types (the wizard's autosave calls :meth:`DraftService.save`);
the PIN goes to the password storage, never into the database or a file unless the user
asks for it when exporting.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from portwizard.services import copies
from portwizard.store import DraftInfo, Store

if TYPE_CHECKING:  # (the window asks for the latest draft at start: no order model needed)
    from portwizard.domain.findings import Finding
    from portwizard.domain.order import Order


class DraftService:
    def __init__(self, store: Store, data_dir: Path) -> None:
        self.store = store
        self.data_dir = Path(data_dir)

    def list(self) -> list[DraftInfo]:
        return self.store.list_drafts()

    def latest(self) -> DraftInfo | None:
        return self.store.latest_draft()

    def load(self, draft_id: str) -> Order:
        """The draft with its PIN; KeyError when there is no such draft."""
        return self.store.load_draft(draft_id)

    def save(self, order: Order, draft_id: str | None = None, *, step: str | None = None) -> str:
        return self.store.save_draft(order, draft_id, step=step)

    def delete(self, draft_id: str) -> bool:
        """Remove a draft, its PIN and its document copies in the data folder (the LOA
        signed in the wizard) unless another draft or an open order uses them."""
        paths = self.store.document_paths("drafts", draft_id)
        removed = self.store.delete_draft(draft_id)
        copies.after_draft_deleted(self.store, paths)
        return removed

    def duplicate(self, draft_id: str) -> str:
        """A copy of a draft as a new draft, without the PIN (it is asked again)."""
        order = self.store.load_draft(draft_id)
        order.carrier.pin = ""
        return self.store.save_draft(order)

    def export(self, draft_id: str, path: str | Path, *, include_pin: bool = False) -> list[Finding]:
        """Write the draft and its documents as one ``.pwdraft`` file; returns warnings
        about documents that could not be included. Slow for big documents: run on a worker."""
        from portwizard.services.draft_file import save_draft_file

        return save_draft_file(path, self.store.load_draft(draft_id), None, include_pin)

    def import_file(self, path: str | Path) -> tuple[str, list[Finding]]:
        """Open a ``.pwdraft`` file as a new draft (its documents are copied into the data
        folder). Returns the new draft's id and notes about the file. Raises
        ``DraftFileError`` with a plain message for an unusable file."""
        from portwizard.services.draft_file import read_draft_file
        from portwizard.store.owner import random_hex

        extract_to = self.data_dir / "opened-drafts" / random_hex()[:12]
        opened = read_draft_file(path, extract_to)
        return self.store.save_draft(opened.order), list(opened.findings)
