"""What goes into the Letter of Authorization, checked before anything is drawn: the
service address as carriers print it, the account's words, the signature (read,
size-checked, trimmed to its strokes), the characters the letter's font can print, and
the fingerprint that makes a reproducible letter's document ID. Pure Python and Pillow;
:mod:`.loa` lays it out with reportlab."""
from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from portwizard.domain.fields import field_name

# A signature image larger than this is not a signature (and could be a decompression bomb).
MAX_SIGNATURE_PIXELS = 4096 * 4096


class LoaError(ValueError):
    """The LOA cannot be made from this input; the message says why and what to do."""


_US_SUFFIX = {
    "STREET": "ST", "AVENUE": "AVE", "ROAD": "RD", "BOULEVARD": "BLVD", "DRIVE": "DR",
    "LANE": "LN", "COURT": "CT", "PLACE": "PL", "PARKWAY": "PKWY", "HIGHWAY": "HWY",
    "CIRCLE": "CIR", "TERRACE": "TER", "SQUARE": "SQ", "TRAIL": "TRL", "EXPRESSWAY": "EXPY",
    "TURNPIKE": "TPKE", "CENTER": "CTR", "PLAZA": "PLZ",
}
_UNIT = {
    "APARTMENT": "APT", "APT": "APT", "SUITE": "STE", "STE": "STE", "UNIT": "UNIT",
    "FLOOR": "FL", "FL": "FL", "ROOM": "RM", "RM": "RM", "BUILDING": "BLDG", "BLDG": "BLDG",
    "DEPARTMENT": "DEPT", "DEPT": "DEPT", "OFFICE": "OFC", "OFC": "OFC", "BUREAU": "BUREAU",
    "APP": "APP", "APPARTEMENT": "APP", "#": "#",
}


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


def format_unit(unit: str) -> str:
    """``"Suite 200"`` -> ``"STE 200"``; ``"4B"`` -> ``"# 4B"``."""
    unit = clean(unit).upper().replace(".", "")
    if not unit:
        return ""
    m = re.match(r"^(#|[A-Z]+)\s*#?\s*(.*)$", unit)
    if m and m[1] in _UNIT and m[2]:
        return f"{_UNIT[m[1]]} {m[2]}"
    if m and m[1] in _UNIT:
        return unit
    return f"# {unit.lstrip('#').strip()}"


def format_postal(code: str, country: str) -> str:
    code = clean(code).upper()
    if country == "CA":
        compact = code.replace(" ", "").replace("-", "")
        if len(compact) == 6:
            return f"{compact[:3]} {compact[3:]}"
    return code


def address_lines(address) -> list[str]:
    """A :class:`~portwizard.domain.order.ServiceAddress` as carriers print it: upper case,
    pre-direction, abbreviated US street suffix and unit designator, then
    ``CITY ST ZIP`` (Canada: ``CITY QC  H2X 1Y4``, two spaces as Canada Post asks)."""
    country = (address.country or "US").upper()
    street_words = clean(address.street_name).upper().split()
    if country == "US" and street_words and street_words[-1] in _US_SUFFIX:
        street_words[-1] = _US_SUFFIX[street_words[-1]]
    first = " ".join(p for p in (
        clean(address.street_number).upper(),
        clean(address.pre_direction).upper().replace(".", ""),
        " ".join(street_words),
        format_unit(address.unit),
    ) if p)
    city = clean(address.city).upper()
    state = clean(address.state).upper()
    postal = format_postal(address.postal_code, country)
    gap = "  " if country == "CA" else " "
    second = " ".join(p for p in (city, state) if p)
    if postal:
        second = f"{second}{gap}{postal}" if second else postal
    lines = [line for line in (first, second) if line]
    if country == "CA":
        lines.append("CANADA")
    return lines


NUMBER_TYPE_WORDS = {
    "business-local": "Business, local numbers",
    "business-toll-free": "Business, toll-free numbers",
    "residential": "Residential",
}
ACCOUNT_TYPE_WORDS = {
    "single-line": "Single line (only this number is on the account)",
    "multi-line": "Several lines on one account",
}


def missing_fields(order) -> list[str]:
    c, a = order.carrier, order.service_address
    checks = [
        ("carrier.name", c.name), ("carrier.customer_name", c.customer_name),
        ("carrier.authorized_name", c.authorized_name),
        ("carrier.account_number", c.account_number),
        *((f"service_address.{part}", getattr(a, part))
          for part in ("street_number", "street_name", "city", "state", "postal_code")),
    ]
    missing = [field_name(path) for path, value in checks if not clean(value)]
    if not [n for n in order.numbers if clean(n)]:
        missing.insert(0, field_name("numbers"))
    return missing


def billing_number(order) -> str:
    btn = clean(order.carrier.btn)
    if not btn and order.carrier.account_type == "single-line":
        numbers = [n for n in order.numbers if clean(n)]
        btn = numbers[0] if numbers else ""
    return btn


@dataclass(frozen=True)
class Signature:
    kind: str  # "image" | "typed" | "unsigned"
    png: bytes | None = None
    size: tuple[int, int] = (0, 0)
    typed: str = ""


def load_signature(signature_png, typed_name, unsigned) -> Signature:
    given = [signature_png is not None, bool(clean(typed_name)), bool(unsigned)]
    if sum(given) > 1:
        raise LoaError("Choose one way to sign: a drawn signature, a typed name, or unsigned "
                       "(to print and sign by hand).")
    if typed_name is not None and not clean(typed_name) and not any(given):
        raise LoaError("The typed signature is empty. Type the authorized person's full name.")
    if signature_png is None:
        if clean(typed_name):
            return Signature("typed", typed=clean(typed_name))
        return Signature("unsigned")
    if isinstance(signature_png, (str, Path)):
        try:
            data = Path(signature_png).read_bytes()
        except OSError as exc:
            raise LoaError(f"The signature image {signature_png} cannot be read "
                           f"({exc.strerror or exc}). Choose the file again.") from None
    else:
        data = bytes(signature_png)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as probe:
            w, h = probe.size
            if w * h > MAX_SIGNATURE_PIXELS:
                raise LoaError("The signature image is far too large to be a signature. "
                               "Draw the signature again or use a smaller picture.")
            probe.load()
            img = probe.convert("RGBA")
    except LoaError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise LoaError("The signature is not a readable PNG or JPEG picture. "
                       "Draw the signature again or choose another file.") from None
    box = img.getchannel("A").point(lambda v: 255 if v > 16 else 0).getbbox()
    if box is None:
        raise LoaError("The signature image is empty (fully transparent). Draw the signature again.")
    img = img.crop(box)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=False)
    return Signature("image", png=out.getvalue(), size=img.size)


def check_printable(values: dict[str, str]) -> None:
    from portwizard.documents import fonts

    problems = []
    for label, value in values.items():
        bad = fonts.unprintable(value)
        if bad:
            problems.append(f"{label} (\"{' '.join(bad)}\")")
    if problems:
        raise LoaError("The letter's font cannot print some characters in: " + "; ".join(problems)
                       + ". Type these as they appear on your phone bill (bills usually print "
                         "plain letters).")


def fingerprint(order, provider_name: str, sig: Signature, signed_on, fixed_timestamp) -> bytes:
    from portwizard.domain.order import to_dict

    doc = to_dict(order)
    doc.get("carrier", {}).pop("pin", None)
    payload = json.dumps({
        "order": doc, "provider": provider_name, "signature": sig.kind,
        "typed": sig.typed, "signed_on": signed_on.isoformat() if signed_on else None,
        "at": fixed_timestamp.isoformat() if fixed_timestamp else None,
    }, sort_keys=True, ensure_ascii=False).encode("utf-8")
    h = hashlib.sha256(payload)
    if sig.png:
        h.update(sig.png)
    return h.digest()
