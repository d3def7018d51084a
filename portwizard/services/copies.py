"""Our copies of the user's documents: made when an order is queued, gone once nothing
needs them.

Two kinds of copies live in the data folder: documents a draft refers to (the LOA signed
in the wizard under ``attachments/<draft or session>/``, the files of an opened ``.pwdraft``
under ``opened-drafts/``), and the files queued with an order (:func:`queue`:
``attachments/<order id>/<request>/<kind>/``), so that a queued order still goes out if the
user moves or deletes the originals. They hold signatures, account numbers and bills, so
they go away when the provider has them (:func:`remove_sent`), when the draft is deleted or
the order is finished (completed or cancelled) - unless another draft or an open order still
refers to the same file (a duplicated draft, the order a draft became).

Only files inside those two folders of the store's own data folder are ever removed; the
user's own files elsewhere are never touched.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from portwizard.domain.findings import Finding, error
from portwizard.domain.status import FINISHED
from portwizard.store import Store, StoreError

if TYPE_CHECKING:
    from portwizard.domain.order import Order

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
    remove_queued(_roots(store)[0], order_id)  # attachments/<order id>/
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
    except OSError as exc:
        log.info("a queued copy could not be removed (%s)", type(exc).__name__)
        return
    _prune(path.parent, order_dir.parent)


# --------------------------------------------------------------------------- the queue


class AttachmentProblem(Exception):
    """An attachment cannot be queued; ``finding`` says which, why and how to fix it."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def queue(order: Order, folder: Path, max_mb: int) -> tuple[dict[str, str], dict[str, str]]:
    """Copy the order's files into ``folder`` (``attachments/<order id>/<request>``), one
    folder per kind; returns ({kind: copy}, {kind: file name as sent}). A photo of a bill
    is placed on a one-page PDF (providers accept PDFs only). AttachmentProblem when a file
    is missing, too large or unreadable."""
    from portwizard.domain.order import DOCUMENT_KINDS  # (not loaded by a draft check)

    limit = max_mb * 1024 * 1024
    copies: dict[str, str] = {}
    names: dict[str, str] = {}
    for kind in DOCUMENT_KINDS:
        value = getattr(order.documents, kind, "") or ""
        if not value.strip():
            continue
        source = Path(value).expanduser()
        field = f"documents.{kind}"
        if not source.is_file():
            raise AttachmentProblem(error(
                field, "attachment.missing", f"The file {source.name} cannot be found.",
                "Choose the file again (it may have been moved or renamed)."))
        if source.stat().st_size > limit:
            raise AttachmentProblem(error(
                field, "attachment.too_large",
                f"The file {source.name} is larger than {max_mb} MB.",
                "Scan it again at a lower resolution or save it as a smaller PDF."))
        target_dir = folder / kind
        target_dir.mkdir(parents=True, exist_ok=True)
        target = _copy_as_pdf(source, target_dir, field)
        copies[kind] = str(target)
        names[kind] = target.name
    return copies, names


def _copy_as_pdf(source: Path, target_dir: Path, field: str) -> Path:
    """Copy an attachment into the queue folder; a JPEG or PNG goes onto a one-page PDF.
    The user's own file is left as it is."""
    from portwizard.documents.images import ImageProblem, image_to_pdf, sniff_image

    with open(source, "rb") as fh:
        kind = sniff_image(fh.read(16))
    if kind is None:
        target = target_dir / source.name
        shutil.copyfile(source, target)
        return target
    try:
        return image_to_pdf(source, target_dir / (source.stem + ".pdf"))
    except ImageProblem as exc:
        raise AttachmentProblem(error(field, exc.code, str(exc), exc.fix)) from None


def remove_sent(order_id: str, attachments: Mapping[str, str]) -> None:
    """The provider has the files: our copies of them (bills with account numbers) go.
    Only files in the queue layout ``attachments/<order id>/<request>/<kind>/`` are touched."""
    for kind, value in attachments.items():
        path = Path(value)
        if path.parent.name == kind:
            _remove_queued_copy(path, order_id)


def remove_queued(attachments_dir: Path, order_id: str, tag: str = "") -> bool:
    """Remove every queued copy of an order's files (``attachments/<order id>/``: the order
    was never filed), or with ``tag`` those of one request only (``attachments/<order
    id>/<tag>/``: a correction that was never queued). True when something was removed."""
    order_folder = Path(attachments_dir) / order_id
    folder = order_folder / tag if tag else order_folder
    if not order_id or order_folder.parent != Path(attachments_dir) or \
            folder.parent not in (order_folder, Path(attachments_dir)) or not folder.is_dir():
        return False
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        log.info("could not remove the queued copies of an order")
        return False
    return True
