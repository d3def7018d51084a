"""Phone numbers: parse what people type into E.164, detect toll-free, show it nicely.

Only NANP numbers (+1: the US, Canada and the US territories such as Puerto Rico, Guam and
the US Virgin Islands) can be ported with portwizard; anything else is reported.

Notations accepted (decided here, tested in tests/domain/test_phone.py):

- ``(212) 555-0123``, ``212.555.0123``, ``212 555 0123``, ``2125550123``
- with the country code: ``1-212-555-0123``, ``+1 212.555.0123``, ``+1 (416) 555-0199``
- a label in front: ``Tel: 212-555-0123``
- vanity letters: ``1-800-FLOWERS`` becomes ``+18003569377`` and the user is told
  (``vanity_converted``); letters beyond the 7th after the area code are not dialled and
  are dropped (``1-800-FLOWERS-NOW``), the user is told that too.
- an extension (``212-555-0123 x12``, ``ext. 12``, ``#12``): the main number is kept and the
  extension is reported. Extensions live in the office phone system, not at the carrier,
  so they are not part of a port; the rule warns so the user knows nothing is lost.

Speed: :func:`parse_number` runs on every keystroke and on pasted lists of thousands of
numbers. Plain notations skip ``phonenumbers.parse`` (we only need the ten digits) and build
the ``PhoneNumber`` directly; validity still comes from phonenumbers' metadata. The region
(US/CA/PR ...) of an area code is looked up once and cached, so validity is one
``is_valid_number_for_region`` call instead of a scan over all 25 NANP regions. Results are
memoised per input text, so several rules reading the same list never parse twice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from portwizard.domain.phone_format import format_display, format_nanp  # noqa: F401 (offered here)

_phonenumbers = None  # the library, imported on first real parse (see _lib)


def _lib():
    """phonenumbers, imported when a number is first really checked: its import (~25 ms) is
    not paid by code that only formats stored numbers, e.g. the orders dashboard at start."""
    global _phonenumbers
    if _phonenumbers is None:
        import phonenumbers

        _phonenumbers = phonenumbers
    return _phonenumbers

# North American toll-free area codes in service (822, 880-887 and 889 are reserved).
TOLL_FREE_AREA_CODES = frozenset({"800", "833", "844", "855", "866", "877", "888"})

REGION_NAMES = {
    "US": "United States", "CA": "Canada", "PR": "Puerto Rico", "GU": "Guam",
    "VI": "US Virgin Islands", "AS": "American Samoa", "MP": "Northern Mariana Islands",
    # Other countries of the North American numbering plan (+1), which can't be ported here.
    "AG": "Antigua and Barbuda", "AI": "Anguilla", "BB": "Barbados", "BM": "Bermuda",
    "BS": "the Bahamas", "DM": "Dominica", "DO": "the Dominican Republic", "GD": "Grenada",
    "JM": "Jamaica", "KN": "Saint Kitts and Nevis", "KY": "the Cayman Islands",
    "LC": "Saint Lucia", "MS": "Montserrat", "SX": "Sint Maarten", "TC": "the Turks and Caicos Islands",
    "TT": "Trinidad and Tobago", "VC": "Saint Vincent and the Grenadines",
    "VG": "the British Virgin Islands",
}
# US territories count as US for porting purposes (same US carriers and rules).
US_TERRITORIES = frozenset({"PR", "GU", "VI", "AS", "MP"})
PORTABLE_REGIONS = frozenset({"US", "CA"}) | US_TERRITORIES


@dataclass(frozen=True)
class ParsedNumber:
    """What :func:`parse_number` made of one typed number.

    ``e164`` is None when the input is not a usable number; then ``error_code``,
    ``error_message`` and ``fix`` say why in plain words.
    """

    input: str
    e164: str | None = None
    kind: str | None = None  # "local" | "toll-free"
    display: str = ""  # "(212) 555-0123"
    vanity_converted: bool = False
    vanity_truncated: bool = False
    extension: str = ""
    region: str | None = None  # "US", "CA", "PR", ...
    error_code: str | None = None
    error_message: str | None = None
    fix: str = ""

    @property
    def ok(self) -> bool:
        return self.e164 is not None

    @property
    def area_code(self) -> str:
        return self.e164[2:5] if self.e164 else ""


_KEYPAD = str.maketrans({
    **{c: "2" for c in "ABC"}, **{c: "3" for c in "DEF"}, **{c: "4" for c in "GHI"},
    **{c: "5" for c in "JKL"}, **{c: "6" for c in "MNO"}, **{c: "7" for c in "PQRS"},
    **{c: "8" for c in "TUV"}, **{c: "9" for c in "WXYZ"},
})
_PLAIN = re.compile(r"\+?[\d\s().\-/]+")
_NON_DIGIT = re.compile(r"\D")
_LABEL = re.compile(r"^\s*(?:tel(?:ephone)?|phone|ph|cell|mobile|main|office|number|no)\s*[:.#-]?\s*",
                    re.IGNORECASE)
_EXTENSION = re.compile(
    r"^(?P<main>.*\d.*?)[\s,;]*(?:ext(?:ension)?\.?\s*#?|x\.?|#)\s*(?P<ext>\d{1,7})\s*$",
    re.IGNORECASE)
_VANITY_OK = re.compile(r"\+?[\dA-Za-z\s().\-/]+")


def parse_number(text: object, region: str = "US") -> ParsedNumber:
    """Parse one typed number; never raises. ``region`` is the default for numbers written
    without a country code (any NANP region gives the same result)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if len(text) > 200:  # nobody types a phone number this long; keep the work bounded
        return _fail(text[:200], "number.invalid", "This is far too long to be a phone number.",
                     "Enter one 10-digit number, e.g. (212) 555-0123.")
    return _parse_cached(text, region if isinstance(region, str) else "US")


@lru_cache(maxsize=32768)
def _parse_cached(text: str, region: str) -> ParsedNumber:
    stripped = text.strip()
    if not stripped:
        return _fail(text, "number.missing", "The phone number is empty.",
                     "Type the 10-digit number with its area code, e.g. (212) 555-0123.")
    if _PLAIN.fullmatch(stripped):
        return _from_digits(text, stripped, _NON_DIGIT.sub("", stripped))
    return _parse_unusual(text, stripped, region)


def _parse_unusual(text: str, stripped: str, region: str) -> ParsedNumber:
    body = _LABEL.sub("", stripped, count=1) if not stripped[:1].isdigit() else stripped
    extension = ""
    m = _EXTENSION.match(body)
    if m:
        body, extension = m["main"].strip(), m["ext"]
    if _PLAIN.fullmatch(body):
        return _from_digits(text, body, _NON_DIGIT.sub("", body), extension=extension)
    if _VANITY_OK.fullmatch(body) and any(c.isascii() and c.isalpha() for c in body):
        typo = _letter_typo(body)
        if typo:
            return typo._replace_input(text)
        converted = body.upper().translate(_KEYPAD)
        digits = _NON_DIGIT.sub("", converted)
        nat = digits[1:] if digits.startswith("1") and len(digits) > 10 else digits
        truncated = False
        # Letters beyond the 7th after the area code are decoration ("1-800-FLOWERS-NOW").
        first_letter = next(i for i, c in enumerate(body) if c.isalpha())
        if len(nat) > 10 and len(_NON_DIGIT.sub("", body[:first_letter])) >= 3:
            nat, truncated = nat[:10], True
        return _from_digits(text, body, nat, extension=extension, vanity=True,
                            truncated=truncated)
    # Anything else (full-width digits, "tel:" URIs, odd punctuation): let phonenumbers try.
    phonenumbers = _lib()
    try:
        pn = phonenumbers.parse(body, region)
    except phonenumbers.NumberParseException:
        return _fail(text, "number.invalid",
                     "This doesn't look like a phone number.",
                     "Enter the 10-digit number with its area code, e.g. (212) 555-0123.")
    except Exception:  # pragma: no cover - defensive: phonenumbers on exotic input
        return _fail(text, "number.invalid", "This doesn't look like a phone number.",
                     "Enter the 10-digit number with its area code, e.g. (212) 555-0123.")
    if pn.country_code != 1:
        return _not_nanp(text)
    if pn.extension and not extension:
        extension = pn.extension
    return _from_digits(text, body, f"{pn.national_number:010d}", extension=extension)


_GROUPS = re.compile(r"[A-Za-z0-9]+")
_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "L": "1"})


class _Typo(NamedTuple):
    suggestion: str

    def _replace_input(self, text: str) -> ParsedNumber:
        return _fail(text, "number.letter_typo",
                     "This number has a letter where a digit belongs (the letter O looks like "
                     "a zero, I and l look like a one).",
                     f"Type digits only; did you mean {self.suggestion}?")


def _letter_typo(body: str) -> _Typo | None:
    """A letter O/I/l inside a group of digits ("212-555-O123") is a typo, not a vanity
    word: converting it on the keypad would silently give a different number."""
    for group in _GROUPS.findall(body):
        letters = [c for c in group if c.isalpha()]
        digits = sum(c.isdigit() for c in group)
        if letters and digits >= 2 and digits >= len(letters) and all(c in "OoIlL" for c in letters):
            return _Typo(body.translate(_LOOKALIKES))
    return None


def _from_digits(text: str, shown: str, digits: str, *, extension: str = "",
                 vanity: bool = False, truncated: bool = False) -> ParsedNumber:
    if not digits.isascii():  # full-width or other script digits typed on some keyboards
        digits = "".join(str(int(c)) for c in digits)
    international = shown.lstrip().startswith("+")
    if international and not digits.startswith("1"):
        return _not_nanp(text)
    if digits.startswith("011"):
        return _not_nanp(text)
    if len(digits) == 11 and digits.startswith("1"):
        nat = digits[1:]
    elif len(digits) == 10 and not international:
        nat = digits
    else:
        count = len(digits) - (1 if international or (len(digits) > 10 and digits.startswith("1")) else 0)
        if count < 10:
            msg = (f"This number has only {count} digit{'s' if count != 1 else ''}; "
                   "US and Canadian numbers have 10 (a 3-digit area code and 7 digits).")
            fix = "Add the area code, e.g. (212) 555-0123."
        else:
            msg = (f"This number has {count} digits; US and Canadian numbers have 10 "
                   "(a 3-digit area code and 7 digits).")
            fix = ("Check for a typo. If it has an extension, write it after an x, e.g. "
                   "212-555-0123 x12.")
        return _fail(text, "number.invalid", msg, fix)
    if nat[0] in "01":
        return _fail(text, "number.invalid",
                     f"The area code {nat[:3]} can't be right: area codes never start with 0 or 1.",
                     "Check the area code on your phone bill.")
    if nat[3] in "01":
        return _fail(text, "number.invalid",
                     f"The number {format_nanp(nat)} can't be right: the 7-digit part never "
                     "starts with 0 or 1.",
                     "Check the number on your phone bill.")
    pn = _lib().PhoneNumber(country_code=1, national_number=int(nat))
    region = _region_of(pn, nat[:3])
    if region is None:
        if nat[:3] in _RESERVED_TOLL_FREE:
            msg = f"{nat[:3]} is a toll-free area code that is not in use yet."
        else:
            msg = f"{format_nanp(nat)} is not a phone number in use in North America."
        return _fail(text, "number.invalid", msg,
                     "Check the area code and number on your phone bill.")
    if region not in PORTABLE_REGIONS:
        return _fail(text, "number.not_portable_region",
                     f"{format_nanp(nat)} belongs to {region_name(region)}; portwizard can only "
                     "move numbers from the United States (with its territories) and Canada.",
                     "Remove this number and ask your new provider about it.",
                     region=region)
    return ParsedNumber(
        input=text, e164="+1" + nat,
        kind="toll-free" if nat[:3] in TOLL_FREE_AREA_CODES else "local",
        display=format_nanp(nat), vanity_converted=vanity, vanity_truncated=truncated,
        extension=extension, region=region)


_RESERVED_TOLL_FREE = frozenset({"822", "880", "881", "882", "883", "884", "885", "886", "887", "889"})
# Area code -> region, learnt from phonenumbers the first time an area code is seen.
_NPA_REGION: dict[str, str] = {}


def _region_of(pn, npa: str) -> str | None:
    """The region a valid number belongs to, or None when phonenumbers says it is invalid."""
    phonenumbers = _lib()
    region = _NPA_REGION.get(npa)
    if region is not None and phonenumbers.is_valid_number_for_region(pn, region):
        return region
    # First sighting of this area code, or not valid for the cached region: full check.
    region = phonenumbers.region_code_for_number(pn)
    if region is None or not phonenumbers.is_valid_number_for_region(pn, region):
        return None
    _NPA_REGION.setdefault(npa, region)
    return region


def _fail(text: str, code: str, message: str, fix: str, region: str | None = None) -> ParsedNumber:
    return ParsedNumber(input=text, error_code=code, error_message=message, fix=fix, region=region)


def _not_nanp(text: str) -> ParsedNumber:
    return _fail(text, "number.not_nanp",
                 "This is not a US or Canadian number; portwizard can only move numbers that "
                 "start with +1 (United States, its territories and Canada).",
                 "Remove it from this order, or write it without an international prefix if "
                 "it is a US or Canadian number.")


def region_name(region: str | None) -> str:
    if not region:
        return "an unknown country"
    return REGION_NAMES.get(region, f"the region {region}")


def same_number(a: object, b: object) -> bool:
    """True when two typed numbers are the same valid number in any notation."""
    pa, pb = parse_number(a), parse_number(b)
    return pa.ok and pa.e164 == pb.e164


_LIST_SPLIT = re.compile(r"[\r\n,;\t|]+|\s/\s")


def split_number_list(text: object) -> list[str]:
    """Split a pasted list or CSV cell into single numbers (newline, comma, semicolon, tab,
    ``|`` or `` / `` separate them); blanks are dropped, spaces inside a number are kept."""
    if not isinstance(text, str):
        return []
    return [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]
