"""The order document (format ``portwizard.order/1``): the single source of truth.

Drafts, saved files, the endpoint payload and the CLI all use this one structure. It is
documented field by field in ``resources/order.schema.json``.

Design notes
- Plain mutable dataclasses with string fields ("" means "not filled in yet"), so a
  half-finished draft is always representable and the GUI can bind every input to a
  field path such as ``carrier.account_number``.
- :func:`load_order` never raises on bad input: it returns the best order it could read
  plus findings that say what was wrong and where.
"""
from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, Union, get_args, get_origin, get_type_hints

from portwizard.domain.findings import Finding, error, warning

FORMAT = "portwizard.order/1"
FORMAT_PREFIX = "portwizard.order/"
FORMAT_VERSION = 1

ACCOUNT_TYPES = ("single-line", "multi-line")
NUMBER_TYPES = ("business-local", "business-toll-free", "residential")
REMAINING_CHOICES = ("keep", "disconnect")
#: the time zones a requested port time may be given in (IANA id, the words shown), one
#: table for the document format, the rules and the wizard's list: North America's zones
FOC_TIMEZONES: tuple[tuple[str, str], ...] = (
    ("America/New_York", "Eastern"),
    ("America/Chicago", "Central"),
    ("America/Denver", "Mountain"),
    ("America/Phoenix", "Mountain, Arizona (no daylight saving)"),
    ("America/Los_Angeles", "Pacific"),
    ("America/Anchorage", "Alaska"),
    ("Pacific/Honolulu", "Hawaii"),
    ("America/Puerto_Rico", "Atlantic (Puerto Rico, US Virgin Islands)"),
    ("America/Halifax", "Atlantic (Canada)"),
    ("America/St_Johns", "Newfoundland"),
    ("America/Regina", "Central, Saskatchewan (no daylight saving)"),
    ("Pacific/Guam", "Chamorro (Guam, Northern Mariana Islands)"),
    ("Pacific/Pago_Pago", "Samoa (American Samoa)"),
)


@dataclass
class Target:
    """The line or sub-account at the new provider that receives the numbers."""

    account_id: str = ""
    line_id: str = ""
    label: str = ""


@dataclass
class Carrier:
    """The losing carrier account, exactly as on the bill."""

    name: str = ""
    account_type: str = ""  # single-line | multi-line
    number_type: str = ""  # business-local | business-toll-free | residential
    customer_name: str = ""
    authorized_name: str = ""
    # The authorized person's e-mail: providers that have the Letter of Authorization
    # e-signed (Twilio) send it there. Added to format 1 later; older documents lack it.
    authorized_email: str = ""
    account_number: str = ""
    btn: str = ""
    pin: str = ""
    digital_unlocked: bool = False


@dataclass
class PartialPort:
    """Only for a multi-line account that ports some, not all, of its numbers."""

    remaining_numbers: str = ""  # keep | disconnect
    new_btn: str = ""


@dataclass
class ServiceAddress:
    street_number: str = ""
    pre_direction: str = ""
    street_name: str = ""
    unit: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = "US"  # US | CA


@dataclass
class Documents:
    """File paths of the attachments."""

    loa: str = ""
    invoice: str = ""
    csr: str = ""


#: The attachment kinds ("loa", "invoice", "csr"): the fields of :class:`Documents`, also the
#: keys of an order document's ``documents`` and of the files sent with it.
DOCUMENT_KINDS = tuple(f.name for f in dataclasses.fields(Documents))

#: What the program calls each attachment, as the noun of a sentence ("the latest bill file
#: cannot be read"): one place, so the wizard, the order detail, draft files and provider
#: messages use the same words. :func:`document_name` makes the label form.
DOCUMENT_NAMES = {"loa": "Letter of Authorization", "invoice": "latest bill",
                  "csr": "Customer Service Record"}


def document_name(kind: str, *, label: bool = False) -> str:
    """The attachment ``kind``'s name ("latest bill"); ``label``: capitalised for a list or
    a column ("Latest bill"). An unknown kind is named as it is written."""
    name = DOCUMENT_NAMES.get(kind, kind)
    return name[:1].upper() + name[1:] if label else name


@dataclass
class Contact:
    """Who the provider should call or e-mail about this order."""

    name: str = ""
    email: str = ""
    phone: str = ""


@dataclass
class Order:
    format: str = FORMAT
    target: Target = field(default_factory=Target)
    numbers: list[str] = field(default_factory=list)
    carrier: Carrier = field(default_factory=Carrier)
    partial_port: PartialPort | None = None
    service_address: ServiceAddress = field(default_factory=ServiceAddress)
    requested_foc_date: str | None = None  # YYYY-MM-DD
    # Added to format 1 later (older documents lack them, and load unchanged):
    requested_foc_time: str = ""  # HH:MM, "" = whenever the provider chooses that day
    requested_foc_timezone: str = ""  # an IANA id from FOC_TIMEZONES; "" with no time
    documents: Documents = field(default_factory=Documents)
    contact: Contact = field(default_factory=Contact)
    customer_reference: str = ""  # the user's own reference (a ticket, a PO number)

    def copy(self) -> "Order":
        return copy.deepcopy(self)


# --------------------------------------------------------------------------- dict / JSON


def to_dict(order: Order) -> dict[str, Any]:
    """The order as a JSON-ready dict, keys in document order."""
    return dataclasses.asdict(order)


def dumps(order: Order, *, indent: int | None = 2) -> str:
    import json  # here, not at the top: the GUI's start-up path never needs it

    return json.dumps(to_dict(order), indent=indent, ensure_ascii=False)


@dataclass
class LoadResult:
    """What :func:`load_order` read: ``order`` is None only when nothing usable was found."""

    order: Order | None
    problems: list[Finding]

    @property
    def ok(self) -> bool:
        return self.order is not None and not any(p.is_error for p in self.problems)


def loads(text: str | bytes) -> LoadResult:
    """Parse JSON text into an order; never raises."""
    import json

    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return LoadResult(None, [error(
                "", "document.not_utf8",
                f"The file is not readable text (byte {exc.start} is not UTF-8).",
                "Open the order in portwizard and save it again, or choose the right file.")])
    try:
        data = json.loads(text, object_pairs_hook=_JsonObject.from_pairs)
    except json.JSONDecodeError as exc:
        return LoadResult(None, [error(
            "", "document.invalid_json",
            f"The file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.",
            "Fix the file in a text editor or save the order again from portwizard.")])
    except RecursionError:
        return LoadResult(None, [error(
            "", "document.invalid_json", "The file is nested too deeply to be an order.",
            "Choose a portwizard order file.")])
    except ValueError:  # Python refuses integers of more than 4300 digits
        return LoadResult(None, [error(
            "", "document.invalid_json",
            "The file holds a number with thousands of digits, which no order field can "
            "hold.", "Choose a portwizard order file, or save the order again from "
            "portwizard.")])
    duplicates = [error(
        path, "document.duplicate_key",
        f"The key \"{key[:60]}\" appears twice{' in ' + parent if parent else ''}, so it is "
        "not clear which value is meant (portwizard would take the last one).",
        "Remove one of them in a text editor, keeping the right value.")
        for path, parent, key in _duplicate_keys(data)]
    result = load_order(data)
    return LoadResult(result.order, duplicates + result.problems)


class _JsonObject(dict):
    """A parsed JSON object that remembers the keys it held more than once (plain json keeps
    the last value silently: a second "pin" or "numbers" would go unnoticed)."""

    duplicates: tuple[str, ...] = ()

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, Any]]) -> "_JsonObject":
        obj = cls(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            dups = []
            for key, _ in pairs:
                if key in seen and key not in dups:
                    dups.append(key)
                seen.add(key)
            obj.duplicates = tuple(dups)
        return obj


def _duplicate_keys(data: Any, path: str = "") -> list[tuple[str, str, str]]:
    """(field path, parent path, key) of every key that appeared twice in one object."""
    found: list[tuple[str, str, str]] = []
    stack = [(path, data)]
    while stack:
        here, node = stack.pop()
        if isinstance(node, dict):
            for key in node.duplicates if isinstance(node, _JsonObject) else ():
                found.append((f"{here}.{key}" if here else key, here, key))
            stack.extend((f"{here}.{k}" if here else str(k), v) for k, v in node.items()
                         if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((f"{here}[{i}]", v) for i, v in enumerate(node)
                         if isinstance(v, (dict, list)))
    return sorted(found)


def load_order(data: Any) -> LoadResult:
    """Build an :class:`Order` from parsed JSON; never raises.

    Unknown keys are reported as warnings and dropped; values of the wrong type are reported
    as errors and left empty; a newer format version is an error but whatever is readable is
    still loaded so the user loses nothing.
    """
    problems: list[Finding] = []
    if not isinstance(data, dict):
        return LoadResult(None, [error(
            "", "document.not_an_object",
            f"An order file must hold a JSON object, but this one holds {_json_kind(data)}.",
            "Choose a portwizard order file.")])
    fmt = data.get("format", FORMAT)
    if not isinstance(fmt, str) or not fmt.startswith(FORMAT_PREFIX):
        problems.append(error(
            "format", "document.unknown_format",
            f"This is not a portwizard order (format is {fmt!r}).",
            f"Order files start with \"format\": \"{FORMAT}\".",
        ))
    else:
        version = fmt[len(FORMAT_PREFIX):]
        if not version.isdigit():
            problems.append(error(
                "format", "document.unknown_format",
                f"The order format {fmt!r} is not one portwizard knows.",
                f"Use \"{FORMAT}\".",
            ))
        elif int(version) > FORMAT_VERSION:
            problems.append(error(
                "format", "document.newer_format",
                f"This order was saved by a newer portwizard (format {fmt}); this one reads "
                f"format {FORMAT_VERSION}. What could be read has been loaded.",
                "Update portwizard to open it completely.",
            ))
    order = _build(Order, data, "", problems)
    order.format = FORMAT
    return LoadResult(order, problems)


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    return {
        bool: "true/false", int: "a number", float: "a number", str: "text",
        list: "a list", dict: "an object",
    }.get(type(value), type(value).__name__)


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _build(cls: type, data: dict, prefix: str, problems: list[Finding]) -> Any:
    hints = get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    known = {f.name for f in dataclasses.fields(cls)}
    for key in data:
        if key not in known:
            problems.append(warning(
                _join(prefix, str(key)), "document.unknown_key",
                f"\"{key}\" is not a field portwizard knows; it was ignored.",
                "Remove it or check its spelling.",
            ))
    for f in dataclasses.fields(cls):
        if f.name not in data or f.name == "format" and cls is Order:
            continue
        path = _join(prefix, f.name)
        value = _coerce(hints[f.name], data[f.name], path, problems)
        if value is not _MISSING:
            kwargs[f.name] = value
    return cls(**kwargs)


_MISSING = object()


def _coerce(hint: Any, value: Any, path: str, problems: list[Finding]) -> Any:
    origin = get_origin(hint)
    args = get_args(hint)
    if origin is Union or (origin is not None and type(None) in args):  # Optional[X]
        if value is None:
            return None
        inner = [a for a in args if a is not type(None)][0]
        return _coerce(inner, value, path, problems)
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            _wrong_type(path, "an object", value, problems)
            return _MISSING
        return _build(hint, value, path, problems)
    if origin is list:
        if not isinstance(value, list):
            if isinstance(value, str):  # a single number given as text: be forgiving
                return [value]
            _wrong_type(path, "a list", value, problems)
            return _MISSING
        items = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                items.append(item)
            elif isinstance(item, int) and not isinstance(item, bool):
                items.append(str(item))
            else:
                _wrong_type(f"{path}[{i}]", "text", item, problems)
        return items
    if hint is bool:
        if isinstance(value, bool):
            return value
        _wrong_type(path, "true or false", value, problems)
        return _MISSING
    if hint is str:
        if isinstance(value, str):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)  # e.g. an account number or ZIP written without quotes
        if value is None:
            return ""
        _wrong_type(path, "text", value, problems)
        return _MISSING
    return value  # pragma: no cover - every field has one of the hints above


def _wrong_type(path: str, expected: str, value: Any, problems: list[Finding]) -> None:
    problems.append(error(
        path, "document.wrong_type",
        f"Expected {expected} here but found {_json_kind(value)}; the value was left empty.",
        "Enter it again in portwizard or fix the file.",
    ))


# --------------------------------------------------------------------------- field paths

_INDEX = re.compile(r"^(?P<name>[a-z_]+)(?:\[(?P<index>\d+)\])?$")


def field_paths(cls: type = Order, prefix: str = "") -> list[str]:
    """Every leaf field path of the document (lists without an index), in document order.

    ``partial_port.*`` is included although ``partial_port`` may be null.
    """
    hints = get_type_hints(cls)
    paths: list[str] = []
    for f in dataclasses.fields(cls):
        if cls is Order and f.name == "format":
            continue
        hint = hints[f.name]
        args = [a for a in get_args(hint) if a is not type(None)]
        inner = args[0] if get_origin(hint) is Union or (args and type(None) in get_args(hint)) else hint
        if dataclasses.is_dataclass(inner):
            paths.extend(field_paths(inner, _join(prefix, f.name)))
        else:
            paths.append(_join(prefix, f.name))
    return paths


def get_field(order: Order, path: str) -> Any:
    """Value at ``path`` (``carrier.pin``, ``numbers[2]``); None where a parent is null
    or an index is out of range."""
    node: Any = order
    for part in path.split("."):
        m = _INDEX.match(part)
        if not m or node is None:
            return None
        node = getattr(node, m["name"], None)
        if m["index"] is not None:
            if not isinstance(node, list):
                return None
            idx = int(m["index"])
            node = node[idx] if idx < len(node) else None
    return node


def set_field(order: Order, path: str, value: Any) -> None:
    """Set the value at ``path``; creates ``partial_port`` when one of its fields is set."""
    parts = path.split(".")
    node: Any = order
    for part in parts[:-1]:
        child = getattr(node, part)
        if child is None:
            hint = get_type_hints(type(node))[part]
            cls = [a for a in get_args(hint) if a is not type(None)][0]
            child = cls()
            setattr(node, part, child)
        node = child
    last = _INDEX.match(parts[-1])
    if not last or not hasattr(node, last["name"]):
        raise KeyError(f"unknown field path: {path}")
    if last["index"] is None:
        setattr(node, last["name"], value)
    else:
        items = getattr(node, last["name"])
        idx = int(last["index"])
        while len(items) <= idx:
            items.append("")
        items[idx] = value
