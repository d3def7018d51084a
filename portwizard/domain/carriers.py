"""The carrier directory: who the user's current carrier is, and what that means for the port.

The facts live in ``resources/carriers.json`` (data, not code) and are *guidance* the UI shows
("usually", "check with your carrier"). This module loads and validates that file once, and
matches what a user typed ("AT & T", "verizon wirless", "wireless verizon", "gv") to one entry.

Matching, from strongest to weakest evidence:

1. the whole text, folded (case, accents, punctuation, spacing, "&"/"and" ignored), equals the
   folded name or an alias;
2. the same words in another order ("wireless verizon");
3. a small typo: a Damerau-Levenshtein distance that grows with the length of the text
   (no typo allowed below 4 characters, so "at" or "tt" never match anything);
4. the name or an alias appears as whole words inside a longer text, and every other word is a
   generic one ("Verizon Wireless business account", "Cox Communications Inc.").

Anything else returns ``None``: unrelated text never produces a carrier.

Some brands are several entries ("AT&T" is AT&T Wireless and the AT&T landline, "Bell" is Bell
Mobility and Bell Canada). :func:`match` still returns the most common one, so callers that
can ask the user should call :func:`candidates` first and ask when it returns more than one.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

KINDS = ("wireless", "landline", "digital")
COUNTRIES = ("US", "CA")
FORMAT = "portwizard.carriers/1"
_KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Words that add nothing to identifying a carrier when they surround a name or alias.
_GENERIC_WORDS = frozenset("""
    a an the my our of by for co inc llc ltd ltee corp corporation company companies limited
    wireless mobile mobility cellular cell phone phones telephone voice home business landline
    line lines service services account communications communication telecom telecommunications
    network usa us canada ca old current carrier provider plan fiber digital
    is it its was were we i me use used using have has had with from to in on now currently
    called named name mobil wirless wireles wireleess celular cellullar
""".split())


class CarrierDataError(ValueError):
    """``resources/carriers.json`` is malformed (a packaging bug, caught by a test)."""


@dataclass(frozen=True)
class CarrierInfo:
    key: str  # stable id, "verizon-wireless"
    name: str  # canonical display name, "Verizon Wireless"
    kind: str  # "wireless" | "landline" | "digital"
    countries: tuple[str, ...]  # ("US",), ("CA",), ("US", "CA")
    unlock_required: bool  # digital providers that lock numbers (Google Voice ...)
    unlock_howto: str  # guidance: what to do on their site to unlock, what code they give
    pin_label: str  # what the carrier calls the code ("Number Transfer PIN")
    pin_howto: str  # how to get it (guidance wording)
    port_lock: str  # port-out lock to switch off ("Number Lock"), "" if none
    typical_port_days: str  # "usually 1–3 business days" (guidance)
    aliases: tuple[str, ...]

    @property
    def is_wireless(self) -> bool:
        return self.kind == "wireless"

    @property
    def is_digital(self) -> bool:
        return self.kind == "digital"


# --------------------------------------------------------------------------- loading

_STR_FIELDS = ("key", "name", "kind", "unlock_howto", "pin_label", "pin_howto", "port_lock",
               "typical_port_days")
_REQUIRED_TEXT = ("key", "name", "kind", "pin_label", "pin_howto", "typical_port_days")


def parse_directory(data: Any) -> tuple[CarrierInfo, ...]:
    """Check the parsed JSON and build the entries; raises :class:`CarrierDataError` naming
    the entry and field at fault."""
    if not isinstance(data, dict):
        raise CarrierDataError("carriers.json must hold a JSON object")
    if data.get("format") != FORMAT:
        raise CarrierDataError(f"carriers.json: format must be {FORMAT!r}")
    if not isinstance(data.get("note"), str) or not data["note"].strip():
        raise CarrierDataError("carriers.json: a top-level 'note' saying the facts are guidance "
                               "is required")
    items = data.get("carriers")
    if not isinstance(items, list) or not items:
        raise CarrierDataError("carriers.json: 'carriers' must be a non-empty list")
    out: list[CarrierInfo] = []
    seen_keys: set[str] = set()
    seen_forms: dict[str, str] = {}
    known = set(_STR_FIELDS) | {"countries", "unlock_required", "aliases"}
    for i, item in enumerate(items):
        where = f"carriers[{i}]"
        if not isinstance(item, dict):
            raise CarrierDataError(f"{where} must be an object")
        where = f"carriers[{i}] ({item.get('key', '?')})"
        unknown = set(item) - known
        if unknown:
            raise CarrierDataError(f"{where}: unknown field(s) {sorted(unknown)}")
        for name in _STR_FIELDS:
            if not isinstance(item.get(name), str):
                raise CarrierDataError(f"{where}: '{name}' must be text")
        for name in _REQUIRED_TEXT:
            if not item[name].strip():
                raise CarrierDataError(f"{where}: '{name}' must not be empty")
        if not _KEY_RE.match(item["key"]):
            raise CarrierDataError(f"{where}: key must be lower-case words joined by '-'")
        if item["key"] in seen_keys:
            raise CarrierDataError(f"{where}: duplicate key")
        seen_keys.add(item["key"])
        if item["kind"] not in KINDS:
            raise CarrierDataError(f"{where}: kind must be one of {KINDS}")
        countries = item.get("countries")
        if (not isinstance(countries, list) or not countries
                or any(c not in COUNTRIES for c in countries)
                or len(set(countries)) != len(countries)):
            raise CarrierDataError(f"{where}: countries must be a non-empty list from {COUNTRIES}")
        if not isinstance(item.get("unlock_required"), bool):
            raise CarrierDataError(f"{where}: unlock_required must be true or false")
        if item["unlock_required"] != bool(item["unlock_howto"].strip()):
            raise CarrierDataError(f"{where}: unlock_howto must be filled in exactly when "
                                   "unlock_required is true")
        aliases = item.get("aliases")
        if not isinstance(aliases, list) or any(not isinstance(a, str) or not a.strip()
                                                for a in aliases):
            raise CarrierDataError(f"{where}: aliases must be a list of non-empty texts")
        for text in [item["name"], *aliases]:
            form = _compact(text)
            if not form:
                raise CarrierDataError(f"{where}: {text!r} has no letters or digits")
            other = seen_forms.get(form)
            if other is not None and other != item["key"]:
                raise CarrierDataError(f"{where}: {text!r} is also a name or alias of {other}")
            seen_forms[form] = item["key"]
        out.append(CarrierInfo(
            key=item["key"], name=item["name"].strip(), kind=item["kind"],
            countries=tuple(countries), unlock_required=item["unlock_required"],
            unlock_howto=item["unlock_howto"].strip(), pin_label=item["pin_label"].strip(),
            pin_howto=item["pin_howto"].strip(), port_lock=item["port_lock"].strip(),
            typical_port_days=item["typical_port_days"].strip(),
            aliases=tuple(a.strip() for a in aliases),
        ))
    return tuple(out)


@lru_cache(maxsize=1)
def directory() -> tuple[CarrierInfo, ...]:
    """Every carrier, in the file's order (most common first). Loaded and checked once."""
    from portwizard.paths import resource

    path = resource("carriers.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CarrierDataError(f"cannot read {path.name}: {exc}") from exc
    return parse_directory(data)


def by_key(key: str) -> CarrierInfo | None:
    """The entry with this stable key, e.g. ``by_key("google-voice")``."""
    return _index().by_key.get(key)


# --------------------------------------------------------------------------- folding


def _words(text: str) -> list[str]:
    """Lower-case ASCII words; accents dropped, "&" and "+" read as "and", "and" itself dropped
    (so "AT&T", "AT & T", "at and t" all give ["at", "t"])."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("+", " and ")
    return [w for w in re.split(r"[^0-9a-z]+", text) if w and w != "and"]


def _compact(text: str) -> str:
    return "".join(_words(text))


def _strip_generic(words: list[str]) -> list[str]:
    return [w for w in words if w not in _GENERIC_WORDS]


# --------------------------------------------------------------------------- index


@dataclass(frozen=True)
class _Form:
    compact: str  # "verizonwireless"
    words: tuple[str, ...]  # ("verizon", "wireless")
    carrier: int  # index into the directory
    is_name: bool
    core: str  # compact form without generic words: "verizon"
    counts: tuple[tuple[str, int], ...]  # character counts of ``compact`` (typo pre-filter)


@dataclass(frozen=True)
class _Index:
    carriers: tuple[CarrierInfo, ...]
    forms: tuple[_Form, ...]
    exact: dict[str, int]  # compact form -> carrier index
    sorted_words: dict[str, int]  # sorted words joined -> carrier index
    by_key: dict[str, CarrierInfo]


@lru_cache(maxsize=1)
def _index() -> _Index:
    carriers = directory()
    forms: list[_Form] = []
    exact: dict[str, int] = {}
    sorted_words: dict[str, int] = {}
    core_owners: dict[str, set[int]] = {}
    for i, c in enumerate(carriers):
        for j, text in enumerate((c.name, *c.aliases)):
            words = tuple(_words(text))
            core = _strip_generic(list(words))
            compact = "".join(words)
            form = _Form(compact, words, i, j == 0, "".join(core),
                         tuple(sorted(Counter(compact).items())))
            forms.append(form)
            exact.setdefault(form.compact, i)
            sorted_words.setdefault(" ".join(sorted(words)), i)
            if core and core != list(words):
                core_owners.setdefault(" ".join(sorted(core)), set()).add(i)
    # "Cox Communications" is also found as "cox communications inc" or "cox": the generic
    # words carry no identity. Only when that shorter form is not shared by two carriers
    # ("Bell Mobility" and "Bell Canada" both reduce to "bell") and not already taken.
    for words_key, owners in core_owners.items():
        if len(owners) == 1 and words_key not in sorted_words:
            sorted_words[words_key] = next(iter(owners))
    return _Index(carriers, tuple(forms), exact, sorted_words, {c.key: c for c in carriers})


# --------------------------------------------------------------------------- distance


def _typo_budget(length: int) -> int:
    """How many single-character edits a text of this length may contain and still match."""
    if length < 4:
        return 0
    if length < 8:
        return 1
    if length < 13:
        return 2
    return 3


def _count_gap(counts: Counter, form_counts: tuple[tuple[str, int], ...]) -> int:
    """Sum of character-count differences: a lower bound of twice the edit distance."""
    gap = 0
    seen = 0
    for ch, n in form_counts:
        have = counts.get(ch, 0)
        gap += abs(have - n)
        seen += have
    return gap + (sum(counts.values()) - seen)


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (Levenshtein + adjacent swaps); returns ``limit + 1``
    as soon as the distance is known to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        best = cur[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if (prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2]
                    and a[i - 2] == b[j - 1]):
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[len(b)]


# --------------------------------------------------------------------------- matching


def _score(text: str) -> list[tuple[float, int]]:
    """(score, carrier index) for every carrier with any evidence; 1.0 is certain.

    Scores >= 0.8 are confident enough for :func:`match`; lower ones only feed
    :func:`suggestions`.
    """
    idx = _index()
    words = _words(text)
    if not words:
        return []
    compact = "".join(words)
    best: dict[int, float] = {}

    def offer(i: int, score: float) -> None:
        if score > best.get(i, 0.0):
            best[i] = score

    # 1. exact, 2. word order
    if compact in idx.exact:
        offer(idx.exact[compact], 1.0)
    key = " ".join(sorted(words))
    if key in idx.sorted_words:
        offer(idx.sorted_words[key], 0.97)
    core = _strip_generic(words)
    if core and core != words:
        ckey = " ".join(sorted(core))
        if ckey in idx.sorted_words:
            offer(idx.sorted_words[ckey], 0.9)
        elif "".join(core) in idx.exact:
            offer(idx.exact["".join(core)], 0.9)

    # 3. typos against every form. Text made only of generic words ("mobile", "wireless")
    # names no carrier, so it gets no typo or partial evidence.
    budget = _typo_budget(len(compact)) if core else 0
    counts = Counter(compact)
    for form in idx.forms:
        if budget and abs(len(form.compact) - len(compact)) <= budget and _count_gap(
                counts, form.counts) <= 2 * budget:
            d = _distance(compact, form.compact, budget)
            if d <= budget:
                offer(form.carrier, 0.93 - 0.05 * d)
        # 4. the form as whole consecutive words inside a longer text, the rest generic
        n = len(form.words)
        if core and n < len(words) and len(form.compact) >= 3:
            for start in range(len(words) - n + 1):
                if tuple(words[start:start + n]) == form.words:
                    rest = words[:start] + words[start + n:]
                    if all(w in _GENERIC_WORDS for w in rest):
                        offer(form.carrier, 0.88)
                    else:
                        offer(form.carrier, 0.6)  # a hint for the completer only
                    break
        # completer evidence: the text starts a form or one of its words
        if len(compact) >= 2 and form.compact.startswith(compact):
            offer(form.carrier, 0.7 + 0.1 * len(compact) / len(form.compact))
        elif len(compact) >= 2 and any(w.startswith(compact) for w in form.words[1:]):
            offer(form.carrier, 0.62)
        elif len(compact) >= 4 and core and compact in form.core:
            offer(form.carrier, 0.55)
    return sorted(((s, i) for i, s in best.items()), key=lambda t: (-t[0], t[1]))


MATCH_THRESHOLD = 0.8


@lru_cache(maxsize=2048)
def _match_key(text: str) -> str | None:
    scored = _score(text)
    if scored and scored[0][0] >= MATCH_THRESHOLD:
        return _index().carriers[scored[0][1]].key
    return None


def match(text: str) -> CarrierInfo | None:
    """The carrier the user most likely means by ``text``, or ``None``. Never raises."""
    if not isinstance(text, str):
        return None
    text = text[:200]  # a carrier name is short; do not spend time on a pasted essay
    key = _match_key(text)
    return by_key(key) if key else None


def suggestions(text: str, limit: int = 6) -> list[CarrierInfo]:
    """Carriers ranked for a completer: best evidence first, then the directory's order
    (more common carriers first). One letter gives the names starting with it; empty text
    gives no suggestions."""
    if not isinstance(text, str) or limit <= 0:
        return []
    carriers = _index().carriers
    first = _compact(text[:200])
    if len(first) == 1:  # the first letter typed: the names that start with it
        return [c for c in carriers if any(w.startswith(first) for w in _words(c.name)[:1])][:limit]
    return [carriers[i] for s, i in _score(text[:200]) if s >= 0.5][:limit]


def candidates(text: str) -> list[CarrierInfo]:
    """Every entry ``text`` could equally mean, in the directory's order (most common first).

    More than one when the text is a brand shared by several entries: "AT&T" names both
    "AT&T Wireless" and "AT&T (landline / business phone)", because each has a name or alias
    made of the typed words plus generic ones ("at&t wireless", "at&t business"). A text that
    already says which ("AT&T business", "Verizon Fios") gives one entry; text that names no
    carrier gives none. Never raises.
    """
    if not isinstance(text, str):
        return []
    text = text[:200]
    words = _words(text)
    best = match(text)
    if not _strip_generic(words):  # only generic words: "US Mobile" itself, or no brand
        return [best] if best is not None else []
    idx = _index()
    typed = set(words)
    found = {form.carrier for form in idx.forms
             if typed <= set(form.words)
             and all(w in typed or w in _GENERIC_WORDS for w in form.words)}
    if best is not None:
        found.add(idx.carriers.index(best))
    return [idx.carriers[i] for i in sorted(found)]
