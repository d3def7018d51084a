"""Pure text helpers: find what the user typed in the text of a bill, LOA or CSR.

Bills print the same thing in many ways: ``(212) 555-0123``, ``212.555.0123``,
``+1 212 555 0123``; ``1234-5678 9``; ``ACME DENTAL, L.L.C.``; ``Statement Date: Oct 30,
2026`` or ``Bill date 10/30/2026``. Everything here is forgiving about that notation and
strict about the content. No PDF library is used: the text comes from
:mod:`portwizard.documents.inspect`, which extracts it in a separate process.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass

from portwizard.domain.fields import field_name

# --------------------------------------------------------------------------- normalising


def strip_accents(text: str) -> str:
    """``"François Lefèvre"`` -> ``"Francois Lefevre"`` (bills often drop accents)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_words(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form with single spaces.

    Dots and apostrophes vanish (``L.L.C.`` -> ``llc``, ``O'Brien`` -> ``obrien``), ``&``
    becomes ``and``, every other non-letter/digit separates words.
    """
    text = strip_accents(text).casefold()
    text = re.sub(r"[.'’`]", "", text)
    text = text.replace("&", " and ")
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return text.strip()


def contains_words(haystack_normalized: str, needle: str) -> bool:
    """Whether the words of ``needle`` appear, in order and adjacent, in the normalized text."""
    words = normalize_words(needle)
    if not words:
        return False
    return f" {words} " in f" {haystack_normalized} "


# --------------------------------------------------------------------------- phone numbers


def nanp_digits(number: str) -> str | None:
    """The 10 digits of a North American number in any notation, else None."""
    digits = re.sub(r"\D", "", number or "")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits if len(digits) == 10 else None


def display_number(number: str) -> str:
    """``+12125550123`` -> ``(212) 555-0123``, the way US and Canadian bills print it;
    anything that is not a 10-digit NANP number is returned as typed."""
    digits = nanp_digits(number)
    if digits is None:
        return (number or "").strip()
    from portwizard.domain.phone_format import format_nanp  # the one place numbers are formatted

    return format_nanp(digits)


_SEP = r"[ \t\u00a0.\-]*"


def number_pattern(number: str) -> re.Pattern[str] | None:
    """A regex finding ``number`` as (212) 555-0123, 212.555.0123, 212-555-0123,
    2125550123, 1-212-555-0123 or +1 212 555 0123, but not inside a longer digit run."""
    digits = nanp_digits(number)
    if digits is None:
        return None
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    return re.compile(
        rf"(?<![\d])(?:\+?1{_SEP})?(?:\(\s*{area}\s*\)|{area}){_SEP}{exchange}{_SEP}{line}(?!\d)")


def find_number(text: str, number: str) -> bool:
    pattern = number_pattern(number)
    return bool(pattern and pattern.search(text))


_ANY_NUMBER = re.compile(
    rf"(?<![\d])(?:\+?1{_SEP})?(?:\(\s*(\d{{3}})\s*\)|(\d{{3}})){_SEP}(\d{{3}}){_SEP}(\d{{4}})(?!\d)")


def numbers_in(text: str) -> set[str]:
    """The 10 digits of every North American number in ``text`` (one pass, any notation):
    checking hundreds of numbers against a long bill stays fast."""
    return {(m[1] or m[2]) + m[3] + m[4] for m in _ANY_NUMBER.finditer(text)}


# --------------------------------------------------------------------------- account numbers


def compact_account(account: str) -> str:
    """The account number without spaces, dashes, dots or slashes, upper case."""
    return re.sub(r"[\s\-./]", "", account or "").upper()


def find_account(text: str, account: str) -> bool:
    """Whether ``account`` appears in ``text``, however it is grouped (``1234 5678-9``),
    as a whole token (``123`` is not found inside ``91234`` nor in ``123 4``)."""
    chars = compact_account(account)
    if not chars:
        return False
    sep = r"[ \t\u00a0\-./]{0,3}"
    body = sep.join(re.escape(c) for c in chars)
    # Not inside a longer token, and not one group of a longer grouped number
    # ("12345678" is not in "1234-5678 9": a typo that drops a digit must not pass).
    pattern = re.compile(rf"(?<![0-9A-Za-z])(?<!\d[ \-./]){body}"
                         rf"(?![0-9A-Za-z])(?![ \-./]\d)", re.IGNORECASE)
    return bool(pattern.search(text))


def mask_account(account: str) -> str:
    """``"ending in 6789"``: enough for the user to recognise it, never the whole number."""
    chars = compact_account(account)
    if len(chars) <= 4:
        return "you entered"
    return f"ending in {chars[-4:]}"


# --------------------------------------------------------------------------- addresses

_SUFFIXES = {
    "street": "st", "str": "st", "avenue": "ave", "av": "ave", "road": "rd", "boulevard": "blvd",
    "drive": "dr", "lane": "ln", "court": "ct", "place": "pl", "parkway": "pkwy",
    "highway": "hwy", "circle": "cir", "terrace": "ter", "square": "sq", "trail": "trl",
    "way": "way", "suite": "ste", "apartment": "apt", "floor": "fl", "room": "rm",
    "building": "bldg", "unit": "unit", "north": "n", "south": "s", "east": "e", "west": "w",
    "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw",
    "saint": "st", "mount": "mt", "fort": "ft",
}


def normalize_address_words(text: str) -> str:
    """Like :func:`normalize_words`, with USPS abbreviations applied to every word so that
    ``North Main Street`` and ``N MAIN ST`` compare equal."""
    return " ".join(_SUFFIXES.get(w, w) for w in normalize_words(text).split())


def compact_postal(code: str) -> str:
    return re.sub(r"[\s\-]", "", code or "").upper()


@dataclass(frozen=True)
class AddressPart:
    label: str  # the field's name (domain.fields): "street number", "city" …
    value: str


def missing_address_parts(text: str, address) -> list[AddressPart]:
    """The parts of ``address`` (a :class:`~portwizard.domain.order.ServiceAddress`) that
    do not appear in ``text``. Empty parts are not checked."""
    words = f" {normalize_address_words(text)} "
    missing: list[AddressPart] = []
    number = (address.street_number or "").strip()
    if number and f" {normalize_words(number)} " not in words:
        missing.append(AddressPart(field_name("service_address.street_number"), number))
    street = (address.street_name or "").strip()
    if street and f" {normalize_address_words(street)} " not in words:
        missing.append(AddressPart(field_name("service_address.street_name"), street))
    city = (address.city or "").strip()
    if city and f" {normalize_address_words(city)} " not in words:
        missing.append(AddressPart(field_name("service_address.city"), city))
    postal = compact_postal(address.postal_code)
    if postal:
        head = postal[:5] if postal[:5].isdigit() else postal  # ZIP+4: the 5 digits suffice
        compact_text = re.sub(r"[\s\-]", "", strip_accents(text).upper())
        if head not in compact_text:
            missing.append(AddressPart(field_name("service_address.postal_code"),
                                        address.postal_code.strip()))
    return missing


# --------------------------------------------------------------------------- dates

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
    # French (Quebec bills); accents are stripped before matching.
    "janv": 1, "janvier": 1, "fevr": 2, "fevrier": 2, "mars": 3, "avr": 4, "avril": 4,
    "mai": 5, "juin": 6, "juil": 7, "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10,
    "novembre": 11, "decembre": 12,
}
_MONTH = "(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_DATE_PATTERNS = [
    # 2026-10-30
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    # Oct 30, 2026 / October 30th 2026
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)",
               re.IGNORECASE),
    # 30 Oct 2026 / 30 octobre 2026 / 1er mars 2026
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?\s+{_MONTH},?\s+(?P<y>\d{{4}})(?!\d)",
               re.IGNORECASE),
    # 10/30/2026, 10-30-26, 30.10.2026 (month first unless that is impossible)
    re.compile(r"(?<![\d/.\-])(?P<a>\d{1,2})(?P<s>[/.\-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?![\d/])"),
]


@dataclass(frozen=True)
class FoundDate:
    date: _dt.date
    start: int  # offset in the text it was found in
    text: str


def _build_date(m: re.Match) -> _dt.date | None:
    groups = m.groupdict()
    try:
        year = int(groups["y"])
        if year < 100:
            year += 2000
        if groups.get("mon"):
            month = _MONTHS[groups["mon"].lower().rstrip(".")]
            day = int(groups["d"])
        elif groups.get("a"):
            a, b = int(groups["a"]), int(groups["b"])
            month, day = (a, b) if a <= 12 else (b, a)
        else:
            month, day = int(groups["m"]), int(groups["d"])
        if not 1990 <= year <= 2100:
            return None
        return _dt.date(year, month, day)
    except (ValueError, KeyError):
        return None


def long_date(d: _dt.date) -> str:
    """``November 23, 2026`` (English month names whatever the locale)."""
    return f"{_MONTH_NAMES[d.month - 1]} {d.day}, {d.year}"


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def find_dates(text: str) -> list[FoundDate]:
    """Every date in ``text``, in order of position (each position once)."""
    plain = strip_accents(text)
    found: dict[int, FoundDate] = {}
    taken = bytearray(len(plain) + 1)  # positions already inside a found date
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(plain):
            if taken[m.start()]:
                continue
            d = _build_date(m)
            if d is not None:
                found[m.start()] = FoundDate(d, m.start(), m.group(0))
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return [found[k] for k in sorted(found)]


BILL_DATE_LABELS = (
    r"statement\s+date", r"bill(?:ing)?\s+date", r"invoice\s+date", r"date\s+of\s+(?:bill|statement|invoice)",
    r"issue\s+date", r"date\s+issued", r"billed\s+on", r"statement\s+issued", r"invoice\s+issued",
    r"date\s+de\s+(?:la\s+)?facturation", r"date\s+de\s+la\s+facture", r"date\s+du\s+releve",
)
SIGNATURE_DATE_LABELS = (
    r"date\s+signed", r"signed(?:\s+electronically)?\s+on", r"signature\s+date",
    r"date\s+of\s+signature", r"(?<![A-Za-z] )(?<![A-Za-z])date",  # "Date:", not "transfer date"
)


def labelled_date(text: str, labels: tuple[str, ...], window: int = 60,
                  dates: list[FoundDate] | None = None) -> FoundDate | None:
    """The first date that follows one of ``labels`` within ``window`` characters (labels
    are tried in order, so put the most specific first). ``dates`` is
    :func:`find_dates` of ``text`` when the caller already has it."""
    plain = strip_accents(text)
    if dates is None:
        dates = find_dates(plain)
    starts = [d.start for d in dates]
    for label in labels:
        for m in re.finditer(rf"\b{label}\b", plain, re.IGNORECASE):
            i = bisect.bisect_left(starts, m.end())
            if i < len(dates) and dates[i].start <= m.end() + window:
                between = plain[m.end():dates[i].start]
                if re.fullmatch(r"[\s:\-–.,#]*(?:on\s*)?", between, re.IGNORECASE):
                    return dates[i]
    return None


def bill_date(text: str) -> FoundDate | None:
    """The statement/bill/invoice date of a bill; an unlabelled date counts only when it
    is the single date on the document."""
    dates = find_dates(text)
    found = labelled_date(text, BILL_DATE_LABELS, dates=dates)
    if found is not None:
        return found
    if len({d.date for d in dates}) == 1:
        return dates[0]
    return None


def signature_date(text: str, today: _dt.date | None = None) -> FoundDate | None:
    """The date an LOA was signed: a labelled date; else the latest date that is not after
    ``today`` (a letter also shows the requested transfer date, which is later); else
    None: an unlabelled future date is more likely a transfer date than a signature."""
    dates = find_dates(text)
    found = labelled_date(text, SIGNATURE_DATE_LABELS, window=40, dates=dates)
    if found is not None:
        return found
    if not dates:
        return None
    past = [d for d in dates if today is None or d.date <= today]
    return max(past, key=lambda d: d.date) if past else None


def meaningful_text(text: str) -> bool:
    """Whether extracted text is more than the scraps an image-only scan yields."""
    return len(re.findall(r"[0-9A-Za-z]", text or "")) >= 20
