"""Our copies of the user's documents leave the data folder once nothing needs them.

Two kinds of copies live in the data folder: documents a draft refers to (the LOA signed
in the wizard under ``attachments/<draft or session>/``, the files of an opened ``.pwdraft``
under ``opened-drafts/``), and the files queued with an order (``attachments/<order id>/``,
see :class:`~portwizard.services.submission.SubmissionService`). They hold signatures,
account numbers and bills, so they go away when the draft is deleted or the order is
finished (completed or cancelled) - unless another draft or an open order still refers to
the same file (a duplicated draft, the order a draft became).

Only files inside those two folders of the store's own data folder are ever removed; the
user's own files elsewhere are never touched.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

from portwizard.domain.status import FINISHED
from portwizard.store import Store, StoreError

log = logging.getLogger(__name__)

OWNED_FOLDERS = ("attachments", "opened-drafts")


def _roots(store: Store) -> list[Path]:
    base = store.path.parent.resolve()
    return [base / name for name in OWNED_FOLDERS]


def _owned_root(path: Path, roots: list[Path]) -> Path | None:
    for root in roots:
        if path != root and path.is_relative_to(root):
            return root
    return None


def _resolved(value: str) -> Path | None:
    try:
        return Path(value).expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def _prune(folder: Path, root: Path) -> None:
    """Remove ``folder`` and its parents up to (not including) ``root`` while empty."""
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def remove_unused(store: Store, paths: list[str]) -> int:
    """Remove those of ``paths`` that are our copies and that no draft and no unfinished
    order refers to any more; returns how many files were removed."""
    roots = _roots(store)
    in_use = {p for p in map(_resolved, store.document_paths_in_use(FINISHED)) if p}
    removed = 0
    for value in paths:
        path = _resolved(value)
        root = _owned_root(path, roots) if path is not None else None
        if root is None or path in in_use or not path.is_file():
            continue
        try:
            path.unlink()
            removed += 1
        except OSError as exc:
            log.info("a document copy could not be removed (%s)", type(exc).__name__)
            continue
        _prune(path.parent, root)
    return removed


def after_draft_deleted(store: Store, paths: list[str]) -> int:
    """The draft is gone: its document copies go unless something else uses them."""
    return remove_unused(store, paths)


def after_order_finished(store: Store, order_id: str) -> int:
    """Once an order is completed or cancelled (and nothing for it waits in the outbox):
    remove its queued copies (``attachments/<order id>/``) and the document copies its
    document refers to. Returns how many document files were removed (besides the queue
    folder)."""
    try:
        record = store.get_order(order_id)
    except StoreError:  # a damaged row: leave its files for support to look at
        return 0
    if record is None or record.status not in FINISHED:
        return 0
    if store.outbox(order_id, states=("pending", "blocked")):
        return 0
    for root in _roots(store)[:1]:
        queued = root / order_id
        if queued.is_dir() and queued.parent == root:
            shutil.rmtree(queued, ignore_errors=True)
    for entry in store.outbox(order_id):  # copies queued into another folder (tests, moves)
        for value in entry.attachments.values():
            _remove_queued_copy(Path(value), order_id)
    return remove_unused(store, store.document_paths("orders", order_id))


def _remove_queued_copy(path: Path, order_id: str) -> None:
    """A file in the queue layout ``attachments/<order id>/<tag>/<kind>/<file>`` only."""
    order_dir = path.parent.parent.parent
    if order_dir.name != order_id or order_dir.parent.name != "attachments":
        return
    try:
        path.unlink(missing_ok=True)
    except OSError:
        return
    _prune(path.parent, order_dir.parent)
