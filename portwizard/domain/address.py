"""Service addresses: states/provinces, postal codes, PO Boxes, directions, one-line split.

The service address is where the phones physically are, exactly as the current carrier has
it on file (the Customer Service Record shows it). Address mismatch is the most common
reason a port is rejected, so these helpers are strict about shape but forgiving about how
people type.

Splitting a pasted one-line address: US addresses go through ``usaddress`` (a trained
parser: it copes with "123 N Main St Apt 4 Springfield IL 62704" with or without commas far
better than hand-written patterns). ``usaddress`` knows nothing about Canada, so Canadian
addresses ("123 Rue Saint-Denis, Montréal, QC H2X 3K8", "5-123 King St W, Toronto ON
M5H 1A1") use the small parser below, which leans on the parts that have a fixed shape
(postal code, province) and reports what it had to guess.
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from portwizard.domain.fields import field_name
from portwizard.domain.order import ServiceAddress

US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "DC": "District of Columbia",
    # Territories: US numbering plan, US carriers.
    "PR": "Puerto Rico", "GU": "Guam", "VI": "U.S. Virgin Islands", "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}

CA_PROVINCES: dict[str, str] = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories",
    "NU": "Nunavut", "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec",
    "SK": "Saskatchewan", "YT": "Yukon",
}

COUNTRIES = {"US": "United States", "CA": "Canada"}

# Extra spellings people use for a state/province, beyond the code and the name above.
_REGION_ALIASES = {
    "US": {"WASHINGTON DC": "DC", "WASHINGTON D C": "DC", "D C": "DC", "PUERTO RICO": "PR",
           "VIRGIN ISLANDS": "VI", "US VIRGIN ISLANDS": "VI", "USVI": "VI"},
    "CA": {"QUEBEC": "QC", "QUE": "QC", "PQ": "QC", "ONT": "ON", "NFLD": "NL", "NEWFOUNDLAND": "NL",
           "LABRADOR": "NL", "PEI": "PE", "P E I": "PE", "ALTA": "AB", "SASK": "SK", "MAN": "MB",
           "YUKON TERRITORY": "YT", "NWT": "NT", "B C": "BC", "COLOMBIE BRITANNIQUE": "BC",
           "NOUVEAU BRUNSWICK": "NB", "NOUVELLE ECOSSE": "NS", "ILE DU PRINCE EDOUARD": "PE",
           "TERRE NEUVE ET LABRADOR": "NL", "TERRITOIRES DU NORD OUEST": "NT"},
}
_COUNTRY_ALIASES = {
    "US": "US", "USA": "US", "U S": "US", "U S A": "US", "UNITED STATES": "US",
    "UNITED STATES OF AMERICA": "US", "AMERICA": "US", "ETATS UNIS": "US",
    "CA": "CA", "CAN": "CA", "CANADA": "CA",
}

# First letter of a Canadian postal code by province (Canada Post's forward sortation areas).
CA_POSTAL_FIRST_LETTERS = {
    "NL": "A", "NS": "B", "PE": "C", "NB": "E", "QC": "GHJ", "ON": "KLMNP", "MB": "R",
    "SK": "S", "AB": "T", "BC": "V", "NU": "X", "NT": "X", "YT": "Y",
}

DIRECTIONS = ("N", "S", "E", "W", "NE", "NW", "SE", "SW")
_DIRECTION_WORDS = {
    "N": "N", "NORTH": "N", "NORD": "N",
    "S": "S", "SOUTH": "S", "SUD": "S",
    "E": "E", "EAST": "E", "EST": "E",
    "W": "W", "WEST": "W", "OUEST": "W", "O": "W",
    "NE": "NE", "NORTHEAST": "NE", "NORDEST": "NE",
    "NW": "NW", "NORTHWEST": "NW", "NORDOUEST": "NW", "NO": "NW",
    "SE": "SE", "SOUTHEAST": "SE", "SUDEST": "SE",
    "SW": "SW", "SOUTHWEST": "SW", "SUDOUEST": "SW", "SO": "SW",
}


def _fold(text: str) -> str:
    """Upper case, accents and punctuation removed, single spaces: "Québec." -> "QUEBEC"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^0-9A-Za-z]+", " ", text)
    return " ".join(text.upper().split())


# --------------------------------------------------------------------------- directions


def normalize_direction(text: object) -> str:
    """``North`` -> ``N``, ``North-East`` / ``N.E.`` -> ``NE``, ``"n."`` -> ``N``.

    Returns "" for blank input and the trimmed input unchanged when it is not a direction
    (so nothing the user typed is lost; the address rule reports it).
    """
    if not isinstance(text, str):
        return ""
    folded = _fold(text)
    if not folded:
        return ""
    key = folded.replace(" ", "")
    return _DIRECTION_WORDS.get(key, text.strip())


def is_direction(text: object) -> bool:
    return normalize_direction(text) in DIRECTIONS


# --------------------------------------------------------------------------- PO boxes

_PO_BOX = re.compile(
    r"""\b(?:
        G?P\s?O\s?(?:ST\s)?(?:OFFICE\s)?(?:B(?:OX|X)?)\b   # PO Box, P.O. Box, POBox, PO BX, POB, GPO Box
      | POST(?:AL)?\s(?:OFFICE\s)?B(?:OX|X)\b               # Post Office Box, Postal Box, Post Box
      | POSTOFFICE\sBOX\b
      | (?:LOCK\s?)?BOX\s(?:NO\s|NUMBER\s)?\d               # Box 12, Lockbox 5
      | BX\s\d
      | PMB\s?\d                                            # private mailbox
      | CASE\sPOSTALE\b | BOITE\sPOSTALE\b                 # Canada (French)
      | C\sP\s?\d | CP\s?\d                                 # CP 123, C.P. 123
      | (?:RR|R\sR|RURAL\sROUTE|HC|HIGHWAY\sCONTRACT)\s?\d+\sBOX\b
    )""",
    re.VERBOSE,
)


def is_po_box(text: object) -> bool:
    """True for a post-office box in any common spelling ("P.O. Box 12", "PO BX 3",
    "Post Office Box", "Box 12", "POB 7", "Postal Box", "CP 123", "Case postale 45",
    "PMB 9"); a street like "Boxwood Lane" or "Pobrecito Rd" is not one."""
    if not isinstance(text, str) or not text.strip():
        return False
    folded = _fold(text.replace("#", " "))
    # "P.O." folds to "P O"; also join "P O" so "POBOX" and "P O BOX" both match.
    return bool(_PO_BOX.search(folded) or _PO_BOX.search(folded.replace("P O ", "PO ")))


# --------------------------------------------------------------------------- states, countries


def normalize_country(text: object) -> str:
    """``USA`` / ``United States`` -> ``US``; ``Canada`` -> ``CA``; unknown: trimmed input."""
    if not isinstance(text, str):
        return ""
    folded = _fold(text)
    return _COUNTRY_ALIASES.get(folded, text.strip())


def normalize_state(text: object, country: str = "US") -> str:
    """A state/province code from a code or name in any case (``new york`` -> ``NY``,
    ``Québec`` -> ``QC``). Unknown input is returned trimmed so nothing is lost."""
    if not isinstance(text, str):
        return ""
    folded = _fold(text)
    if not folded:
        return ""
    country = normalize_country(country) if country else "US"
    order = ("CA", "US") if country == "CA" else ("US", "CA")
    for c in order:
        table = US_STATES if c == "US" else CA_PROVINCES
        code = folded.replace(" ", "") if len(folded.replace(" ", "")) == 2 else None
        if code and code in table:
            return code
        for k, name in table.items():
            if _fold(name) == folded:
                return k
        if folded in _REGION_ALIASES[c]:
            return _REGION_ALIASES[c][folded]
    return text.strip()


def region_country(code: str) -> str | None:
    """Which country a state/province code belongs to ("US", "CA" or None)."""
    if code in US_STATES:
        return "US"
    if code in CA_PROVINCES:
        return "CA"
    return None


def region_display(code: str) -> str:
    return US_STATES.get(code) or CA_PROVINCES.get(code) or code


# --------------------------------------------------------------------------- postal codes


class PostalCheck(NamedTuple):
    """Result of :func:`check_postal_code`: ``value`` is the tidied code; ``problem`` (None
    when fine) and ``fix`` are plain sentences."""

    value: str
    problem: str | None
    fix: str
    code: str = ""  # finding code when there is a problem


_ZIP = re.compile(r"(\d{5})(?:[\s-]?(\d{4}))?")
_CA_POSTAL = re.compile(r"([A-Za-z]\d[A-Za-z])[\s-]?(\d[A-Za-z]\d)")
_FORMAT = "address.postal_code_format"
_CA_VALID_LETTERS = "ABCEGHJKLMNPRSTVXY"  # D F I O Q U are never used; W Z not first


def check_postal_code(code: object, country: str = "US", state: str = "") -> PostalCheck:
    """Check a ZIP (``12345`` or ``12345-6789``) or Canadian postal code (``A1A 1A1``)
    against the country (and, for Canada, the province's first letter)."""
    if not isinstance(code, str) or not code.strip():
        return PostalCheck("", "The ZIP or postal code is missing.",
                           "Type it as it appears on your phone bill.", "address.missing_part")
    raw = code.strip()
    country = normalize_country(country) or "US"
    zip_m = _ZIP.fullmatch(raw)
    ca_m = _CA_POSTAL.fullmatch(raw)
    if country == "CA":
        if ca_m:
            value = f"{ca_m[1]} {ca_m[2]}".upper()
            if any(ch in "DFIOQU" for ch in value[::2]) or value[0] not in _CA_VALID_LETTERS:
                return PostalCheck(value, f"{value} is not a Canadian postal code that exists "
                                   "(Canada Post never uses some letters, such as O, I and U).",
                                   "Check for a mix-up of letter O and digit 0, or I and 1.", _FORMAT)
            first = CA_POSTAL_FIRST_LETTERS.get(state or "", "")
            if first and value[0] not in first:
                return PostalCheck(value, f"Postal codes in {CA_PROVINCES[state]} start with "
                                   f"{_join_words(list(first), 'or')}, but this one starts with {value[0]}.",
                                   "Check the postal code and the province.",
                                   "address.postal_code_province")
            return PostalCheck(value, None, "")
        if zip_m:
            return PostalCheck(raw, "This looks like a US ZIP code, but the country is Canada.",
                               "Set the country to United States, or type the Canadian postal "
                               "code (like H2X 3K8).", _FORMAT)
        return PostalCheck(raw, "A Canadian postal code has the form A1A 1A1 (letter, digit, "
                           "letter, space, digit, letter, digit).",
                           "Type it as on your bill, for example H2X 3K8.", _FORMAT)
    if country == "US":
        if zip_m:
            value = zip_m[1] + (f"-{zip_m[2]}" if zip_m[2] else "")
            if zip_m[1] == "00000":
                return PostalCheck(value, "00000 is not a ZIP code.",
                                   "Type the 5-digit ZIP code from your bill.", _FORMAT)
            return PostalCheck(value, None, "")
        if ca_m:
            return PostalCheck(raw, "This looks like a Canadian postal code, but the country is "
                               "United States.",
                               "Set the country to Canada, or type the 5-digit ZIP code.", _FORMAT)
        return PostalCheck(raw, "A ZIP code has 5 digits, optionally followed by a dash and "
                           "4 more (12345 or 12345-6789).",
                           "Type the ZIP code as it appears on your bill.", _FORMAT)
    return PostalCheck(raw, None, "")  # unknown country: the country rule reports it


# --------------------------------------------------------------------------- one-line split

_CA_POSTAL_SEARCH = re.compile(r"\b([A-Za-z]\d[A-Za-z])[\s-]?(\d[A-Za-z]\d)\b")
_UNIT_WORDS = (r"unit|suite|ste|apt|apartment|app|appartement|bureau|room|rm|floor|fl|"
               r"bldg|building|lot|office|penthouse|ph")
_UNIT_AT_END = re.compile(rf"[\s,]*\b(?:{_UNIT_WORDS})\b\.?\s*#?\s*([\w-]+)\s*$|[\s,]*#\s*([\w-]+)\s*$",
                          re.IGNORECASE)
_UNIT_AT_START = re.compile(rf"^\s*(?:(?:{_UNIT_WORDS})\b\.?\s*#?\s*|#\s*)([\w-]+)\s*[,\-]?\s*",
                            re.IGNORECASE)
_UNIT_DASH = re.compile(r"^\s*([A-Za-z]?\d+[A-Za-z]?)\s*-\s*(\d+[A-Za-z]?)\s+(.+)$")
_STREET_NUMBER = re.compile(r"^\s*(\d+(?:[A-Za-z]|\s?1/2)?)\b[\s,]+(.+)$")
_STREET_TYPES = {
    "ST", "STREET", "AVE", "AV", "AVENUE", "RD", "ROAD", "BLVD", "BOUL", "BOULEVARD", "DR",
    "DRIVE", "CRES", "CRESCENT", "CRT", "CT", "COURT", "WAY", "LANE", "LN", "PL", "PLACE",
    "TERR", "TERRACE", "HWY", "HIGHWAY", "PKWY", "PARKWAY", "CIR", "CIRCLE", "SQ", "SQUARE",
    "TRAIL", "TRL", "LINE", "SIDEROAD", "CONCESSION", "GATE", "GDNS", "GARDENS", "GROVE",
    "HEIGHTS", "HTS", "PROMENADE", "QUAY", "ROW", "RUN", "VIEW", "WALK",
}


def _province_at_end(text: str) -> tuple[str, str] | None:
    """(code, text without it) when ``text`` ends with a province code or name."""
    words = text.rstrip(" ,").split()
    for n in (5, 4, 3, 2, 1):  # longest names first ("Newfoundland and Labrador")
        if len(words) < n:
            continue
        tail = " ".join(words[-n:])
        folded = _fold(tail)
        code = None
        if n == 1 and folded in CA_PROVINCES:
            code = folded
        else:
            for k, name in CA_PROVINCES.items():
                if _fold(name) == folded:
                    code = k
            code = code or _REGION_ALIASES["CA"].get(folded)
        if code:
            rest = text.rstrip(" ,")
            rest = rest[: len(rest) - len(tail)] if rest.endswith(tail) else " ".join(words[:-n])
            return code, rest.rstrip(" ,")
    return None


def looks_canadian(text: str) -> bool:
    folded = _fold(text)
    if folded.endswith(" CANADA") or folded == "CANADA":
        return True
    if _CA_POSTAL_SEARCH.search(text):
        return True
    stripped = re.sub(r"[\s,]*\b(?:\d{5}(?:-\d{4})?)\s*$", "", text)
    return _province_at_end(stripped) is not None and not _us_state_at_end(stripped)


def _us_state_at_end(text: str) -> bool:
    words = _fold(text).split()
    return bool(words) and words[-1] in US_STATES and words[-1] not in CA_PROVINCES


def split_address(text: object) -> tuple[ServiceAddress, list[str]]:
    """Split a pasted one-line address into the service-address parts; never raises.

    Returns the parts and notes (plain sentences) about anything the user should check:
    parts that could not be found, guesses, a PO Box, text that was left out.
    """
    if not isinstance(text, str) or not text.strip():
        return ServiceAddress(), ["There is no address to split."]
    text = " ".join(text.replace("\n", ", ").split())[:300]
    try:
        if looks_canadian(text):
            addr, notes = _split_canadian(text)
        else:
            addr, notes = _split_us(text)
    except Exception:  # a parser hiccup must never lose the user's paste
        addr, notes = ServiceAddress(street_name=text), [
            "We could not split this address; it was put in the street name. Please move "
            "the parts into the right boxes."]
    if any(is_po_box(v) for v in (text,)):
        notes.append("This is a PO Box. Carriers need the street address where the phones "
                     "are installed, not a mailing address.")
    missing = [field_name(f"service_address.{part}")
               for part in ("street_number", "street_name", "city", "state", "postal_code")
               if not getattr(addr, part)]
    if missing:
        notes.append("We couldn't find the " + _join_words(missing) + "; please fill "
                     + ("it" if len(missing) == 1 else "them") + " in.")
    return addr, notes


def _join_words(items: list[str], conj: str = "and") -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conj} " + items[-1]


def _split_us(text: str) -> tuple[ServiceAddress, list[str]]:
    import usaddress  # imported here: only needed when the user pastes an address

    notes: list[str] = []
    cleaned = re.sub(r"[\s,]*\b(?:USA|U\.S\.A\.|United States(?: of America)?)\.?\s*$", "", text,
                     flags=re.IGNORECASE)
    try:
        tagged, _kind = usaddress.tag(cleaned)
        parts: dict[str, str] = dict(tagged)
    except usaddress.RepeatedLabelError as exc:
        parts = {}
        for token, label in exc.parsed_string:
            parts[label] = (parts[label] + " " + token) if label in parts else token
        notes.append("Parts of this address were ambiguous; please check each box.")
    addr = ServiceAddress(country="US")
    addr.street_number = parts.get("AddressNumber", "").strip(" ,")
    if parts.get("AddressNumberPrefix") or parts.get("AddressNumberSuffix"):
        addr.street_number = " ".join(x for x in (parts.get("AddressNumberPrefix", ""),
                                                  addr.street_number,
                                                  parts.get("AddressNumberSuffix", "")) if x)
    pre = parts.get("StreetNamePreDirectional", "").strip(" ,")
    addr.pre_direction = normalize_direction(pre)
    if pre and addr.pre_direction not in DIRECTIONS:
        addr.pre_direction = ""
        notes.append(f"\"{pre}\" was read as part of the street name.")
    street_labels = ("StreetNamePreModifier", "StreetNamePreType", "StreetName",
                     "StreetNamePostType", "StreetNamePostDirectional", "StreetNamePostModifier")
    if not addr.pre_direction and pre and pre not in DIRECTIONS:
        street_labels = ("StreetNamePreDirectional",) + street_labels
    addr.street_name = " ".join(parts[k].strip(" ,") for k in street_labels if parts.get(k))
    unit = " ".join(parts[k].strip(" ,") for k in ("OccupancyType", "OccupancyIdentifier",
                                                    "SubaddressType", "SubaddressIdentifier")
                    if parts.get(k))
    addr.unit = unit
    addr.city = parts.get("PlaceName", "").strip(" ,")
    state = parts.get("StateName", "").strip(" ,")
    addr.state = normalize_state(state, "US") if state else ""
    if state and addr.state not in US_STATES:
        notes.append(f"\"{state}\" is not a US state code we know; please check the state.")
    addr.postal_code = parts.get("ZipCode", "").strip(" ,")
    if parts.get("ZipPlus4"):
        addr.postal_code += "-" + parts["ZipPlus4"].strip(" ,")
    used = {"AddressNumber", "AddressNumberPrefix", "AddressNumberSuffix",
            "StreetNamePreDirectional", "OccupancyType", "OccupancyIdentifier", "SubaddressType",
            "SubaddressIdentifier", "PlaceName", "StateName", "ZipCode", "ZipPlus4",
            "USPSBoxType", "USPSBoxID", "CountryName"} | set(street_labels)
    # Whatever the parser put elsewhere (a business name, a second street, "c/o") is
    # reported, never silently dropped.
    ignored = [v.strip(" ,") for k, v in parts.items() if k not in used and v.strip(" ,&")]
    if ignored:
        notes.append("Left out (not part of a service address): " + " ".join(ignored) + ".")
    if parts.get("USPSBoxType") or parts.get("USPSBoxID"):
        addr.street_name = addr.street_name or " ".join(
            parts[k] for k in ("USPSBoxType", "USPSBoxID") if parts.get(k))
    return addr, notes


def _split_canadian(text: str) -> tuple[ServiceAddress, list[str]]:
    notes: list[str] = []
    addr = ServiceAddress(country="CA")
    rest = re.sub(r"[\s,]*\bCanada\.?\s*$", "", text, flags=re.IGNORECASE).strip(" ,")
    postal = list(_CA_POSTAL_SEARCH.finditer(rest))
    if postal:
        m = postal[-1]
        addr.postal_code = f"{m[1]} {m[2]}".upper()
        rest = (rest[: m.start()] + rest[m.end():]).strip(" ,")
    found = _province_at_end(rest)
    if found:
        addr.state, rest = found
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    # A part that is only a unit ("Suite 200") anywhere before the city.
    unit = ""
    for i, part in enumerate(parts[:-1] if len(parts) > 1 else []):
        m = _UNIT_AT_START.fullmatch(part + " ") or _UNIT_AT_START.fullmatch(part)
        if m and not _STREET_NUMBER.match(part):
            unit = part
            parts.pop(i)
            break
    if len(parts) >= 2:
        addr.city = parts[-1]
        before = parts[:-1]
        first = next((i for i, p in enumerate(before)
                      if _STREET_NUMBER.match(p) or _UNIT_DASH.match(p) or _UNIT_AT_START.match(p)), 0)
        if first:  # a business name or "c/o ..." before the street: reported, not lost
            notes.append("Left out (not part of a service address): "
                         + ", ".join(before[:first]) + ".")
        street = ", ".join(before[first:])
    elif parts:
        street, addr.city = _guess_city(parts[0])
        if addr.city:
            notes.append(f"We guessed the city is \"{addr.city}\"; please check it (a comma "
                         "before the city makes this certain).")
    else:
        street = ""
    # Unit written before the number: "5-123 King St", "Unit 5, 123 King St", "#5 123 King".
    m = _UNIT_DASH.match(street)
    if m:
        unit, street = unit or m[1], f"{m[2]} {m[3]}"
        notes.append(f"\"{m[1]}-{m[2]}\" was read as unit {m[1]} at number {m[2]}.")
    m = _UNIT_AT_START.match(street)
    if m and not unit and _STREET_NUMBER.match(street[m.end():]):
        unit, street = street[: m.end()].strip(" ,-"), street[m.end():]
    m = _UNIT_AT_END.search(street)
    if m and not unit:
        unit, street = street[m.start():].strip(" ,"), street[: m.start()]
    addr.unit = unit.strip(" ,")
    m = _STREET_NUMBER.match(street)
    if m:
        addr.street_number, street = m[1], m[2]
    words = street.strip(" ,").split()
    if len(words) >= 2 and is_direction(words[0]) and _fold(words[1]) not in _STREET_TYPES | {"RUE", "CHEMIN"}:
        addr.pre_direction = normalize_direction(words[0])
        words = words[1:]
    addr.street_name = " ".join(words)
    if not found:
        notes.append("We couldn't tell the province; please choose it.")
    return addr, notes


def _guess_city(chunk: str) -> tuple[str, str]:
    """Split "123 King St W Toronto" into street and city at the last street type or
    direction word; ("", "") parts when there is nothing to go on."""
    words = chunk.split()
    cut = None
    for i, w in enumerate(words):
        f = _fold(w)
        if i > 0 and (f in _STREET_TYPES or (f in _DIRECTION_WORDS and cut is not None)):
            cut = i + 1
    if cut is None or cut >= len(words):
        return chunk, ""
    return " ".join(words[:cut]), " ".join(words[cut:])


def format_address(addr: ServiceAddress) -> str:
    """One line, as carriers print it: "123 N Main St Apt 4, Springfield, IL 62704"."""
    street = " ".join(x for x in (addr.street_number, addr.pre_direction, addr.street_name) if x)
    if addr.unit:
        street += f" {addr.unit}" if not addr.unit[:1].isdigit() else f" #{addr.unit}"
    tail = " ".join(x for x in (addr.state, addr.postal_code) if x)
    return ", ".join(x for x in (street, addr.city, tail) if x)
