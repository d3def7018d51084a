"""One portable draft file: the order document plus the documents it names.

The file is a zip archive (suffix ``.pwdraft``)::

    manifest.json            format, when it was saved, whether the PIN is inside, file list
    order.json               the order document; document paths rewritten to attachments/...
    attachments/<name>       the LOA, invoice and CSR named by order.documents

The PIN is left out unless ``include_pin=True`` (the user has to ask for it): a draft file
is the kind of thing that gets e-mailed around.

Opening treats the file as untrusted: only ``order.json`` and the attachments it names are
read, every size is capped while reading (zip bombs), names are checked (no ``..``, no
absolute paths, no backslashes) and attachments are written under new names chosen here,
so nothing can land outside ``extract_to``. Problems that make the file unusable raise
:class:`DraftFileError` with a plain message; smaller problems are returned as findings.

Pure: no Qt, no HTTP, no database.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from portwizard import __version__
from portwizard.domain.findings import Finding, error, info, warning
from portwizard.domain.order import DOCUMENT_KINDS, Order, document_name, dumps, loads

SUFFIX = ".pwdraft"
FILE_FORMAT = "portwizard.draft/1"

MAX_ARCHIVE_BYTES = 120 * 2**20  # the .pwdraft file itself
MAX_ORDER_BYTES = 1 * 2**20  # order.json / manifest.json
MAX_ATTACHMENT_BYTES = 25 * 2**20  # each document (providers take far less)
MAX_TOTAL_BYTES = 80 * 2**20  # everything extracted from one file
MAX_MEMBERS = 64


class DraftFileError(Exception):
    """The draft file cannot be used; the message says why and what to do."""


@dataclass
class OpenedDraft:
    order: Order
    findings: list[Finding] = field(default_factory=list)
    attachments: dict[str, Path] = field(default_factory=dict)  # field -> extracted file
    pin_included: bool = False
    saved_at: str = ""


# --------------------------------------------------------------------------- saving


def _safe_name(name: str) -> str:
    """A harmless file name: letters, digits, dot, dash, underscore; never hidden/empty."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "file"
    return stem[:80]


def _resolve(path_text: str, attachments_dir: Path | None) -> Path:
    path = Path(path_text).expanduser()
    if not path.is_absolute() and attachments_dir is not None:
        path = Path(attachments_dir) / path
    return path


def save_draft_file(path: str | Path, order: Order, attachments_dir: str | Path | None = None,
                    include_pin: bool = False) -> list[Finding]:
    """Write ``order`` and its documents to ``path`` (atomically: all or nothing).

    Relative document paths are resolved against ``attachments_dir``. Returns warnings
    about documents that could not be included (the order itself is always saved).
    """
    path = Path(path)
    base = Path(attachments_dir) if attachments_dir is not None else None
    findings: list[Finding] = []
    doc = order.copy()
    if not include_pin:
        doc.carrier.pin = ""
    files: list[tuple[str, Path]] = []  # (archive name, source file)
    used: set[str] = set()
    for name in DOCUMENT_KINDS:
        value = getattr(doc.documents, name)
        if not value:
            continue
        source = _resolve(value, base)
        label = document_name(name)
        if not source.is_file():
            findings.append(warning(
                f"documents.{name}", "draft_file.attachment_missing",
                f"The {label} file \u201c{source.name}\u201d could not be found, so it is not "
                "inside the draft file.",
                f"Attach the {label} again after opening the draft."))
            continue
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            findings.append(warning(
                f"documents.{name}", "draft_file.attachment_too_large",
                f"The {label} file \u201c{source.name}\u201d is {size / 2**20:.0f} MB, too large "
                "to put in a draft file.",
                f"Use a smaller file (a PDF under {MAX_ATTACHMENT_BYTES // 2**20} MB), "
                "or attach it again after opening the draft."))
            continue
        arcname = f"attachments/{name}-{_safe_name(source.name)}"
        while arcname in used:  # the same file used for two fields still gets two names
            arcname = arcname.replace(f"attachments/{name}-", f"attachments/{name}-x", 1)
        used.add(arcname)
        files.append((arcname, source))
        setattr(doc.documents, name, arcname)

    manifest = {
        "format": FILE_FORMAT,
        "saved_at": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "saved_by": f"portwizard {__version__}",
        "pin_included": bool(include_pin and order.carrier.pin),
        "files": {},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".pwdraft-", suffix=".tmp", dir=str(path.parent))
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp_name, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for arcname, source in files:
                data = source.read_bytes()
                manifest["files"][arcname] = {
                    "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                archive.writestr(arcname, data)
            archive.writestr("order.json", dumps(doc))
            archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    return findings


# --------------------------------------------------------------------------- opening


def _bad(message: str) -> DraftFileError:
    return DraftFileError(message)


def _member_name_ok(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if re.match(r"^[A-Za-z]:", name):
        return False
    parts = PurePosixPath(name).parts
    return ".." not in parts and "." not in parts


def _read_capped(archive: zipfile.ZipFile, info_: zipfile.ZipInfo, limit: int) -> bytes:
    """Read one member, refusing to inflate more than ``limit`` bytes whatever the header says."""
    if info_.file_size > limit:
        raise _bad_size(info_.filename, limit)
    chunks = []
    total = 0
    with archive.open(info_) as stream:
        while True:
            chunk = stream.read(65536)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise _bad_size(info_.filename, limit)
            chunks.append(chunk)
    return b"".join(chunks)


def _bad_size(name: str, limit: int) -> DraftFileError:
    return _bad(f"\u201c{name}\u201d inside the draft file is larger than "
                f"{limit // 2**20 or 1} MB, which is more than a draft can hold. "
                "The file may be damaged or not a portwizard draft; ask for a new copy.")


def read_draft_file(path: str | Path, extract_to: str | Path, *,
                    max_attachment_bytes: int = MAX_ATTACHMENT_BYTES) -> OpenedDraft:
    """Open a draft file; attachments are written into ``extract_to`` and the order's
    document paths point at them. Raises :class:`DraftFileError` for unusable files."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise _bad(f"\u201c{name}\u201d could not be found. Check where it was saved and "
                   "choose it again.")
    if path.stat().st_size > MAX_ARCHIVE_BYTES:
        raise _bad(f"\u201c{name}\u201d is too large to be a portwizard draft "
                   f"(over {MAX_ARCHIVE_BYTES // 2**20} MB). Choose the .pwdraft file "
                   "that portwizard saved.")
    try:
        with zipfile.ZipFile(path) as archive:
            return _read_archive(archive, name, Path(extract_to), max_attachment_bytes)
    except DraftFileError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, OSError,
            NotImplementedError, RuntimeError, ValueError) as exc:
        # RuntimeError: encrypted members; NotImplementedError: unknown compression.
        detail = "it is damaged or not a portwizard draft"
        if isinstance(exc, RuntimeError) and "encrypt" in str(exc).lower():
            detail = "it is protected with a password"
        raise _bad(f"\u201c{name}\u201d could not be opened: {detail}. Choose the .pwdraft "
                   "file that portwizard saved, or ask for a new copy.") from None


def _read_archive(archive: zipfile.ZipFile, name: str, extract_to: Path,
                  max_attachment_bytes: int) -> OpenedDraft:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _bad(f"\u201c{name}\u201d holds {len(members)} files; a portwizard draft holds "
                   "only a few. It is not a draft file portwizard can open.")
    by_name: dict[str, zipfile.ZipInfo] = {}
    for member in members:
        if member.filename in by_name:
            raise _bad(f"\u201c{name}\u201d contains \u201c{member.filename}\u201d twice, so it "
                       "is not clear which one to use. Ask for a new copy of the draft.")
        by_name[member.filename] = member
    if "order.json" not in by_name:
        raise _bad(f"\u201c{name}\u201d is not a portwizard draft (it has no order inside). "
                   "Choose the .pwdraft file that portwizard saved.")
    findings: list[Finding] = []
    manifest: dict = {}
    if "manifest.json" in by_name:
        try:
            loaded = json.loads(_read_capped(archive, by_name["manifest.json"], MAX_ORDER_BYTES))
            manifest = loaded if isinstance(loaded, dict) else {}
        except (ValueError, UnicodeDecodeError):
            findings.append(warning("", "draft_file.manifest_unreadable",
                                    "The draft file's table of contents is damaged; the order "
                                    "was read without it.",
                                    "Check the documents before you submit."))
    fmt = manifest.get("format", FILE_FORMAT)
    if isinstance(fmt, str) and fmt.startswith("portwizard.draft/"):
        version = fmt.rsplit("/", 1)[-1]
        if version.isdigit() and int(version) > 1:
            findings.append(warning("", "draft_file.newer_format",
                                    "This draft was saved by a newer portwizard; some parts "
                                    "may be missing.", "Update portwizard to open it fully."))

    result = loads(_read_capped(archive, by_name["order.json"], MAX_ORDER_BYTES))
    findings.extend(result.problems)
    if result.order is None:
        message = result.problems[0].message if result.problems else "it is unreadable"
        raise _bad(f"The order inside \u201c{name}\u201d cannot be read: {message} "
                   "Ask for a new copy of the draft.")
    order = result.order

    extract_to.mkdir(parents=True, exist_ok=True)
    attachments: dict[str, Path] = {}
    total = 0
    expected = manifest.get("files") if isinstance(manifest.get("files"), dict) else {}
    for field_name in DOCUMENT_KINDS:
        value = getattr(order.documents, field_name)
        if not value:
            continue
        label = document_name(field_name)
        fpath = f"documents.{field_name}"
        if not value.startswith("attachments/") or value not in by_name:
            if value.startswith("attachments/"):
                findings.append(warning(fpath, "draft_file.attachment_missing",
                                        f"The {label} named in the draft is not inside the file.",
                                        f"Attach the {label} again."))
                setattr(order.documents, field_name, "")
            else:
                # a path from the machine that saved it (the file was missing there)
                findings.append(warning(fpath, "draft_file.attachment_not_included",
                                        f"The {label} was not inside the draft file.",
                                        f"Attach the {label} again."))
                setattr(order.documents, field_name, "")
            continue
        if not _member_name_ok(value) or len(PurePosixPath(value).parts) != 2:
            findings.append(error(fpath, "draft_file.unsafe_name",
                                  f"The {label} inside the draft has an unsafe name and was "
                                  "not opened.",
                                  f"Attach the {label} again from a file you trust."))
            setattr(order.documents, field_name, "")
            continue
        member = by_name[value]
        if member.is_dir() or (member.external_attr >> 16) & 0o170000 == 0o120000:
            findings.append(error(fpath, "draft_file.unsafe_name",
                                  f"The {label} inside the draft is not a regular file and was "
                                  "not opened.", f"Attach the {label} again."))
            setattr(order.documents, field_name, "")
            continue
        limit = min(max_attachment_bytes, MAX_TOTAL_BYTES - total)
        data = _read_capped(archive, member, max(limit, 0))
        total += len(data)
        entry = expected.get(value)
        digest = entry.get("sha256") if isinstance(entry, dict) else None
        if digest and digest != hashlib.sha256(data).hexdigest():
            findings.append(warning(fpath, "draft_file.attachment_changed",
                                    f"The {label} inside the draft does not match what was "
                                    "saved; it may be damaged.",
                                    f"Open the {label} to check it, or attach it again."))
        target = _unique(extract_to, PurePosixPath(value).name)
        with open(target, "xb") as out:  # never follows or overwrites an existing file
            out.write(data)
        attachments[field_name] = target
        setattr(order.documents, field_name, str(target))

    pin_included = bool(manifest.get("pin_included")) and bool(order.carrier.pin)
    if not order.carrier.pin:
        findings.append(info("carrier.pin", "draft_file.pin_not_included",
                             "The PIN was not saved in the draft file.",
                             "Enter the PIN again on the carrier account step."))
    return OpenedDraft(order=order, findings=findings, attachments=attachments,
                       pin_included=pin_included, saved_at=str(manifest.get("saved_at", "")))


def _unique(folder: Path, name: str) -> Path:
    name = _safe_name(name)
    candidate = folder / name
    stem, suffix = os.path.splitext(name)
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def open_draft_file(path: str | Path, extract_to: str | Path,
                    findings: list[Finding] | None = None) -> Order:
    """The order from a draft file (see :func:`read_draft_file`); pass ``findings`` to
    collect the warnings. Raises :class:`DraftFileError` with a plain message."""
    opened = read_draft_file(path, extract_to)
    if findings is not None:
        findings.extend(opened.findings)
    return opened.order
