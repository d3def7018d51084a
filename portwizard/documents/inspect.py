"""Inspect an attached document (LOA, invoice, CSR) and cross-check it against the order.

Two stages:

1. **Is it a usable file?** Cheap checks in this process (exists, not empty, size limit,
   PDF/JPEG/PNG by content rather than by name, cut-off PDF), then the file is opened in a
   separate process with a hard time limit (:mod:`portwizard.documents.worker`):
   password protection (an empty password is tried), damage, page count, text.
2. **Does it match the order?** Pure text matching (:mod:`portwizard.documents.text`):
   account number, billing telephone number and ported numbers in any notation, names,
   address parts, and the bill / signature date against ``today``.

Every outcome is a :class:`~portwizard.domain.findings.Finding` on ``documents.<kind>``;
nothing here raises for a bad file and nothing waits longer than the time limit.
"""
from __future__ import annotations

import datetime as _dt
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from portwizard.documents import text as T
from portwizard.domain.findings import Finding, error, warning
from portwizard.domain.order import DOCUMENT_KINDS, document_name

DEFAULT_MAX_BYTES = 10 * 2**20
DEFAULT_MAX_PAGES = 100  # a bill, CSR or LOA with more pages is not what it claims to be
TEXT_PAGES = 30  # pages whose text is read for the cross-check
TIME_LIMIT = 6.0  # seconds before a file is given up on
INVOICE_WARN_DAYS = 30
INVOICE_MAX_DAYS = 60
LOA_MAX_DAYS = 30

PROBE_PDF = "portwizard.documents.worker:probe_pdf"
PROBE_IMAGE = "portwizard.documents.worker:probe_image"

@dataclass
class Probe:
    """What reading the file told us (cached per file version)."""

    format: str = ""  # "pdf" | "image" | ""
    pages: int = 0
    text: str = ""
    keywords: str = ""
    findings: list[tuple[str, str, str, str]] = field(default_factory=list)  # (severity, code, message, fix)

    @property
    def usable(self) -> bool:
        return not any(sev == "error" for sev, *_ in self.findings)


# --------------------------------------------------------------------------- stage 1: the file


def _describe_other(head: bytes, name: str) -> str:
    """What a file that is neither PDF nor JPEG/PNG seems to be, in plain words."""
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc", b"ftypheim"):
        return "an iPhone photo in HEIC format"
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP archive (perhaps a Word or Excel document)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Word or Excel document"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "a GIF picture"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "a TIFF picture"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "a WebP picture"
    if head.startswith(b"BM"):
        return "a BMP picture"
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "a web page (HTML)"
    try:
        sample = head.decode("utf-8")
    except UnicodeDecodeError:
        return "a file of an unknown kind"
    if all(ch.isprintable() or ch in "\r\n\t" for ch in sample[:-4]):
        return "plain text"
    return "a file of an unknown kind"


def _size_text(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{max(1, size // 1024)} KB"


def _stat_checks(path: Path, label: str, max_bytes: int) -> tuple[list, bytes, bytes, int] | list:
    """Cheap checks; returns findings (list) or (findings, head, tail, size)."""
    name = path.name
    try:
        st = path.stat()
    except FileNotFoundError:
        return [("error", "documents.missing_file",
                 f"The {label} file \"{name}\" cannot be found; it may have been moved or deleted.",
                 "Attach the file again.")]
    except OSError as exc:
        return [("error", "documents.unreadable",
                 f"The {label} file \"{name}\" cannot be opened ({exc.strerror or 'no access'}).",
                 "Copy it to your Documents folder and attach it again.")]
    if not path.is_file():
        return [("error", "documents.not_a_file", f"\"{name}\" is a folder, not a file.",
                 f"Attach the {label} file itself.")]
    if st.st_size == 0:
        return [("error", "documents.empty", f"The {label} file \"{name}\" is empty (0 bytes).",
                 "Download or scan it again; the copy you have is blank.")]
    if st.st_size > max_bytes:
        return [("error", "documents.too_large",
                 f"The {label} file is {_size_text(st.st_size)}; the limit is {_size_text(max_bytes)}.",
                 "Scan it again at a lower resolution (150–200 dpi, black and white is fine) or "
                 "send only the pages that show the account details.")]
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
            fh.seek(max(0, st.st_size - 2048))
            tail = fh.read(2048)
    except OSError as exc:
        return [("error", "documents.unreadable",
                 f"The {label} file \"{name}\" cannot be read ({exc.strerror or 'read error'}).",
                 "Copy it to your Documents folder and attach it again.")]
    return [], head, tail, st.st_size


def probe_file(path, *, kind: str = "invoice", max_bytes: int = DEFAULT_MAX_BYTES,
               max_pages: int = DEFAULT_MAX_PAGES, time_limit: float = TIME_LIMIT) -> Probe:
    """Read ``path`` safely (see module docs); the result is cached per file version."""
    path = Path(path)
    label = document_name(kind) if kind in DOCUMENT_KINDS else "document"
    checked = _stat_checks(path, label, max_bytes)
    if isinstance(checked, list):
        return Probe(findings=checked)
    _, head, tail, size = checked
    from portwizard.documents.images import sniff_image

    image_kind = sniff_image(head)
    is_pdf = b"%PDF-" in head[:1024]
    if not is_pdf and image_kind is None:
        what = _describe_other(head, path.name)
        return Probe(findings=[("error", "documents.not_pdf",
                                f"\"{path.name}\" is not a PDF or a photo: it looks like {what}.",
                                f"Attach the {label} as a PDF (or a JPEG/PNG photo). From a web "
                                "page or a document, use Print > Save as PDF.")])
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = 0
    key = (str(path.resolve()), size, mtime, max_pages, kind)
    cached = _cache_get(key)
    if cached is not None:
        return cached
    probe = _probe_image(path, label, time_limit) if image_kind else _probe_pdf(path, label, tail, max_pages, time_limit)
    if not any(code == "documents.timeout" for _, code, *_ in probe.findings):
        _cache_put(key, probe)  # a time-out may be a busy machine: try again next time
    return probe


def _probe_image(path: Path, label: str, time_limit: float) -> Probe:
    from portwizard.documents import worker
    from portwizard.documents.images import MAX_PIXELS

    probe = Probe(format="image", pages=1)
    try:
        result = worker.run_isolated(PROBE_IMAGE, [str(path), MAX_PIXELS], time_limit)
    except worker.WorkerTimeout:
        probe.findings.append(_timeout_finding(label))
        return probe
    except (worker.WorkerCrashed, RuntimeError):
        probe.findings.append(("error", "documents.damaged",
                               f"The {label} photo could not be read; it is damaged or too large.",
                               "Take the photo again or scan the bill to PDF."))
        return probe
    if result["problem"]:
        probe.findings.append(("error", result["problem"], result["message"], result["fix"]))
    return probe


def _timeout_finding(label: str) -> tuple[str, str, str, str]:
    return ("error", "documents.timeout",
            f"The {label} file took too long to open and was given up on; it is probably "
            "damaged or unusually built.",
            "Open it on your computer and use Print > Save as PDF to make a clean copy, then "
            "attach that copy.")


def _probe_pdf(path: Path, label: str, tail: bytes, max_pages: int, time_limit: float) -> Probe:
    probe = _probe_pdf_content(path, label, max_pages, time_limit)
    if b"%%EOF" not in tail:  # the more specific explanation of "damaged"
        probe.findings = [f for f in probe.findings if f[1] != "documents.damaged"]
        probe.findings.append((
            "error", "documents.truncated",
            f"The {label} PDF is incomplete: its end is missing (an interrupted download or copy?).",
            "Download or save it again, then attach the new copy."))
    return probe


def _probe_pdf_content(path: Path, label: str, max_pages: int, time_limit: float) -> Probe:
    from portwizard.documents import worker

    probe = Probe(format="pdf")
    try:
        result = worker.run_isolated(PROBE_PDF, [str(path), max_pages, TEXT_PAGES], time_limit)
    except worker.WorkerTimeout:
        probe.findings.append(_timeout_finding(label))
        return probe
    except (worker.WorkerCrashed, RuntimeError) as exc:
        too_big = isinstance(exc, RuntimeError) and "MemoryError" in str(exc)
        probe.findings.append((
            "error", "documents.damaged",
            f"The {label} PDF could not be read: it is damaged"
            + (" or needs far too much memory to open." if too_big else "."),
            "Open it on your computer and use Print > Save as PDF to make a clean copy, or "
            "download it again."))
        return probe
    probe.pages = result["pages"]
    probe.text = result["text"]
    probe.keywords = result["keywords"]
    problem = result["problem"]
    if problem == "documents.encrypted" and result.get("detail") == "unsupported":
        probe.findings.append((
            "error", "documents.encrypted",
            f"The {label} PDF is locked with an encryption this computer cannot open.",
            "Open it in your PDF reader and use Print > Save as PDF to save an unlocked copy, "
            "then attach that copy."))
    elif problem == "documents.encrypted":
        probe.findings.append((
            "error", "documents.encrypted",
            f"The {label} PDF is protected by a password, so the new provider cannot open it.",
            "Open it with its password and use Print > Save as PDF to save a copy without a "
            "password, then attach that copy. (Many carriers let you download the bill again "
            "without protection.)"))
    elif problem == "documents.no_pages":
        probe.findings.append(("error", "documents.no_pages",
                               f"The {label} PDF has no pages.",
                               "Download or scan it again; this copy is empty."))
    elif problem == "documents.too_many_pages":
        probe.findings.append((
            "error", "documents.too_many_pages",
            f"The {label} PDF has {probe.pages:,} pages; at most {max_pages} are accepted.",
            "Attach only the pages that show the account holder, account number, address and "
            "date (usually the first one or two)."))
    elif problem == "documents.damaged":
        probe.findings.append(("error", "documents.damaged",
                               f"The {label} PDF is damaged and cannot be read.",
                               "Download it again, or open it and use Print > Save as PDF to "
                               "make a clean copy."))
    return probe


_cache: OrderedDict = OrderedDict()
_cache_lock = threading.Lock()
_CACHE_SIZE = 32


def _cache_get(key):
    with _cache_lock:
        value = _cache.get(key)
        if value is not None:
            _cache.move_to_end(key)
        return value


def _cache_put(key, value) -> None:
    with _cache_lock:
        _cache[key] = value
        _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


# --------------------------------------------------------------------------- stage 2: the content


def _list_numbers(numbers: list[str], limit: int = 5) -> str:
    shown = ", ".join(T.display_number(n) for n in numbers[:limit])
    more = len(numbers) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def _date_findings(fld: str, kind: str, found, today: _dt.date) -> list[Finding]:
    label = document_name(kind)
    if found is None:
        if kind == "invoice":
            return [warning(fld, "documents.invoice_date_missing",
                            f"portwizard could not find the statement date on the {label}.",
                            "Check by eye that the bill is less than 30 days old; carriers "
                            "refuse bills older than 30–60 days.")]
        return [warning(fld, f"documents.{kind}_date_missing",
                        f"No signing date was found on the {label}.",
                        "Make sure the letter is dated: carriers refuse an undated LOA or one "
                        "signed more than 30 days ago.")]
    when = T.long_date(found.date)
    age = (today - found.date).days
    if age < 0:
        return [error(fld, f"documents.{kind}_future_date",
                      f"The {label} is dated {when}, which is in the future.",
                      "Check the date on the document (and your computer's date); attach the "
                      "right document." if kind == "invoice"
                      else "Date the letter with the day it is signed and sign it again.")]
    if kind == "invoice":
        if age > INVOICE_MAX_DAYS:
            return [error(fld, "documents.invoice_too_old",
                          f"The {label} is dated {when}, {age} days ago; carriers accept bills "
                          f"up to {INVOICE_WARN_DAYS}–{INVOICE_MAX_DAYS} days old.",
                          "Attach your latest bill (download it from the carrier's website or app).")]
        if age > INVOICE_WARN_DAYS:
            return [warning(fld, "documents.invoice_stale",
                            f"The {label} is dated {when}, {age} days ago; many carriers want a "
                            f"bill less than {INVOICE_WARN_DAYS} days old.",
                            "If a newer bill has arrived, attach that one instead.")]
        return []
    if kind == "loa" and age > LOA_MAX_DAYS:
        return [error(fld, "documents.loa_stale",
                      f"The LOA was signed on {when}, {age} days ago; carriers refuse an LOA "
                      f"older than {LOA_MAX_DAYS} days.",
                      "Sign a new LOA today (portwizard can print a fresh one).")]
    return []


def cross_check(kind: str, text: str, order, *, today: _dt.date | None = None,
                keywords: str = "") -> list[Finding]:
    """Compare a document's text with the order; findings on ``documents.<kind>``."""
    from portwizard.documents.loa import KEYWORD_UNSIGNED

    today = today or _dt.date.today()
    fld = f"documents.{kind}"
    label = document_name(kind)
    out: list[Finding] = []
    if kind == "loa" and KEYWORD_UNSIGNED in (keywords or ""):
        out.append(error(fld, "documents.loa_unsigned",
                         "This is the unsigned LOA printed by portwizard.",
                         "Sign it on screen in portwizard, or print it, sign and date it by hand "
                         "and attach the signed scan or photo."))
    c = order.carrier
    if not T.meaningful_text(text):
        out.append(warning(
            fld, "documents.no_text",
            f"portwizard could not read any text in the {label} (it looks like a scan or a "
            "photo), so it could not compare it with your order.",
            "Check by eye that it shows the account holder's name, the account number, the "
            "phone numbers and the service address exactly as you entered them"
            + (", and that it is less than 30 days old." if kind == "invoice"
               else ", and that it is signed and dated within the last 30 days." if kind == "loa"
               else ".")))
        return out
    words = T.normalize_words(text)
    name = " ".join((c.customer_name or "").split())
    if name and not T.contains_words(words, name):
        out.append(warning(
            fld, f"documents.{kind}_name_missing",
            f"The name \"{name}\" was not found on the {label}.",
            f"Type the business or account holder's name exactly as the {label} shows it; a "
            "different name is a common reason for rejection."))
    if kind == "loa":
        who = " ".join((c.authorized_name or "").split())
        if who and not T.contains_words(words, who):
            out.append(warning(
                fld, "documents.loa_authorized_missing",
                f"The authorized person \"{who}\" was not found on the LOA.",
                "The LOA must be signed by the authorized person you entered; correct the name "
                "or have that person sign."))
    account = c.account_number or ""
    if T.compact_account(account) and not T.find_account(text, account):
        out.append(warning(
            fld, f"documents.{kind}_account_missing",
            f"The account number you entered ({T.mask_account(account)}) does not appear on the {label}.",
            f"Compare it digit by digit with the account number on the {label}; a wrong account "
            "number is a common reason for rejection."))
    if kind == "invoice":
        btn = c.btn or ""
        if T.nanp_digits(btn) and T.nanp_digits(btn) not in T.numbers_in(text):
            out.append(warning(
                fld, "documents.invoice_btn_missing",
                f"The billing telephone number {T.display_number(btn)} does not appear on the "
                f"{label}.",
                "The BTN is the account's main number, usually printed near the account number; "
                "check the one you entered."))
    ported = [n for n in order.numbers if T.nanp_digits(n)]
    on_document = T.numbers_in(text)
    missing = [n for n in ported if T.nanp_digits(n) not in on_document]
    if missing:
        every = len(missing) == len(ported)
        fix = {
            "invoice": "Check these numbers belong to this account. Some bills show only the main "
                       "number; if so, a Customer Service Record (CSR) from the carrier lists them all.",
            "loa": "Every number to move must be listed on the LOA; make a new LOA that lists them all.",
            "csr": "Numbers missing from the CSR may belong to another account; check with the carrier.",
        }[kind]
        out.append(warning(
            fld, f"documents.{kind}_number_missing",
            (f"None of the {len(ported)} numbers to move appear" if every and len(ported) > 1 else
             f"{len(missing)} of the {len(ported)} numbers to move do not appear" if len(ported) > 1
             else "The number to move does not appear")
            + f" on the {label}: {_list_numbers(missing)}.", fix))
    if kind in ("loa", "csr"):
        parts = T.missing_address_parts(text, order.service_address)
        if parts:
            listed = ", ".join(f"{p.label} \"{p.value}\"" for p in parts)
            out.append(warning(
                fld, f"documents.{kind}_address_mismatch",
                f"The service address you entered does not match the {label}: {listed} not found.",
                f"Copy the service address exactly as the {label} shows it; an address mismatch "
                "is the most common reason carriers reject a port."))
    if kind == "invoice":
        out += _date_findings(fld, kind, T.bill_date(text), today)
    elif kind == "loa":
        out += _date_findings(fld, kind, T.signature_date(text, today), today)
    return out


# --------------------------------------------------------------------------- entry points


def _finding(fld: str, item: tuple[str, str, str, str]) -> Finding:
    from portwizard.domain.findings import Severity

    sev, code, message, fix = item
    return Finding(fld, code, Severity(sev), message, fix)


def inspect_file(path, kind: str, order=None, *, today: _dt.date | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, max_pages: int = DEFAULT_MAX_PAGES,
                 time_limit: float = TIME_LIMIT) -> list[Finding]:
    """Findings for one attachment; with ``order``, the cross-checks too. Never raises for a
    bad file; returns within about ``time_limit`` seconds (plus process start-up)."""
    if kind not in DOCUMENT_KINDS:
        raise ValueError(f"kind must be one of {', '.join(DOCUMENT_KINDS)}")
    try:
        return _inspect_file(path, kind, order, today, max_bytes, max_pages, time_limit)
    except Exception as exc:  # a bug here must not take the wizard or the CLI down
        return [warning(f"documents.{kind}", "documents.check_failed",
                        f"The {document_name(kind)} could not be checked ({type(exc).__name__}).",
                        "Check it by eye; please report this problem.")]


def _inspect_file(path, kind, order, today, max_bytes, max_pages, time_limit) -> list[Finding]:
    fld = f"documents.{kind}"
    probe = probe_file(path, kind=kind, max_bytes=max_bytes, max_pages=max_pages,
                       time_limit=time_limit)
    findings = [_finding(fld, item) for item in probe.findings]
    if not probe.usable:
        return findings
    if probe.format == "image" and order is None:
        findings.append(warning(
            fld, "documents.no_text",
            f"The {document_name(kind)} is a photo, so portwizard cannot read its text.",
            "Check by eye that the photo is sharp and shows the whole page."))
        return findings
    if order is not None:
        findings += cross_check(kind, probe.text, order, today=today, keywords=probe.keywords)
    return findings


def _settings_max_bytes() -> int:
    try:
        from portwizard.settings import load

        return int(load().max_attachment_mb) * 2**20
    except Exception:  # settings missing or unreadable: the documented default
        return DEFAULT_MAX_BYTES


def inspect_order_documents(order, today: _dt.date | None = None, *, base_dir=None,
                            max_bytes: int | None = None) -> list[Finding]:
    """Inspect every document the order names (``documents.loa/invoice/csr``); relative
    paths are taken from ``base_dir`` (e.g. the order file's folder)."""
    max_bytes = max_bytes or _settings_max_bytes()
    findings: list[Finding] = []
    for kind in DOCUMENT_KINDS:
        raw = (getattr(order.documents, kind, "") or "").strip()
        if not raw:
            continue
        path = Path(raw).expanduser()
        if not path.is_absolute() and base_dir is not None:
            path = Path(base_dir) / path
        findings += inspect_file(path, kind, order, today=today, max_bytes=max_bytes)
    return findings
