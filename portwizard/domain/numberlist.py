"""Reading a pasted or exported list of phone numbers: a text file with one number per line,
or a CSV/TSV export (from a phone bill portal, a spreadsheet, a phone system).

One reader for the command line (``validate --numbers``) and the wizard's CSV import, so
both pick the same column and the same rows. Pure Python (csv), no Qt.

The file is read as a stream (:func:`iter_number_list`): a list of a million lines, or one
line of hundreds of megabytes, is read in bounded memory. A line longer than
:data:`MAX_LINE_CHARS` or a cell longer than :data:`MAX_CELL_CHARS` is not read whole and
not checked: it comes out as a :class:`Cell` with ``skipped`` saying why, so the user is
told which lines were left out instead of having them vanish.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from typing import BinaryIO, Iterator

_HEADER_WORDS = re.compile(r"phone|number|tel|did|num[eé]ro|mobile|cell|line", re.IGNORECASE)


#: a line longer than this (characters) is not read: no list of numbers has such lines
MAX_LINE_CHARS = 4096
#: a cell longer than this is no phone number (an extension included): not checked
MAX_CELL_CHARS = 64
#: lines looked at to find the delimiter, the header and the phone column
SAMPLE_LINES = 50
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Cell:
    """One entry of a number list: its line in the file and its text, or (``skipped``
    not empty) why it was not read; ``text`` then holds only its first characters."""

    line: int
    text: str
    skipped: str = ""


def read_number_list(raw: bytes) -> list[tuple[int, str]]:
    """(line number in the file, cell text) for every number in a list or CSV file; a line
    or cell too long to read gives its first characters and "…" (so it shows up as a
    number that is not valid instead of vanishing; see :func:`iter_number_list`)."""
    import io

    return [(c.line, c.text) for c in iter_number_list(io.BytesIO(raw))]


def iter_number_list(stream: BinaryIO) -> Iterator[Cell]:
    """The cells of a number list or CSV file, read as a stream: the phone column of every
    non-empty row, in file order, with over-long lines and cells as skipped cells."""
    lines = _lines(stream)
    sample: list[tuple[int, str, int]] = []
    for item in lines:
        sample.append(item)
        if sum(1 for _, text, _ in sample if text.strip()) >= SAMPLE_LINES:
            break
    texts = [t for _, t, size in sample if size <= MAX_LINE_CHARS and t.strip()]
    delimiter = next((d for d in ("\t", ";", ",") if any(d in t for t in texts)), None)
    reader = _Layout(delimiter, [(n, _split(t, delimiter)) for n, t, size in sample
                                 if size <= MAX_LINE_CHARS and t.strip()])
    for n, text, length in _chain(sample, lines):
        if length > MAX_LINE_CHARS:  # text: only its first characters
            yield Cell(n, (text or "")[:20].strip() + "\u2026",
                       f"the line is {length:,} characters long, longer than any list of "
                       f"phone numbers has (at most {MAX_LINE_CHARS:,})")
            continue
        if not text.strip():
            continue
        cell = reader.cell(n, _split(text, delimiter))
        if cell is None:
            continue
        if len(cell) > MAX_CELL_CHARS:
            yield Cell(n, cell[:20].strip() + "\u2026",
                       f"the cell is {len(cell):,} characters long, longer than any phone "
                       "number")
        else:
            yield Cell(n, cell)


def _chain(first, rest):
    yield from first
    yield from rest


def _split(text: str, delimiter: str | None) -> list[str]:
    if delimiter is None:
        return [text]
    try:
        return next(csv.reader([text], delimiter=delimiter), [])
    except csv.Error:
        return text.split(delimiter)


class _Layout:
    """Which column holds the numbers and whether the first row is a header, decided from
    the first rows (as a person looking at the file would)."""

    def __init__(self, delimiter: str | None, rows: list[tuple[int, list[str]]]):
        from portwizard.domain.phone import parse_number

        rows = [(n, row) for n, row in rows if any(c.strip() for c in row)]
        self.column = 0
        self.header_line: int | None = None
        if not rows:
            return
        first_n, first = rows[0]
        has_header = not any(parse_number(c).ok for c in first) and (
            any(_HEADER_WORDS.search(c) for c in first)
            or not any(ch.isdigit() for c in first for ch in c))
        named: list[int] = []
        if has_header:
            self.header_line = first_n
            named = [i for i, c in enumerate(first) if _HEADER_WORDS.search(c)]
            rows = rows[1:]
            if named and delimiter is not None:
                self.column = named[0]
        if delimiter is not None and not (has_header and named):
            width = max(len(r) for _, r in rows) if rows else 1
            scores = [sum(1 for _, r in rows if i < len(r) and parse_number(r[i]).ok)
                      for i in range(width)]
            self.column = max(range(width), key=lambda i: scores[i]) if width else 0

    def cell(self, line: int, row: list[str]) -> str | None:
        """The number cell of ``row`` (None: the header, or a row with nothing in it)."""
        if line == self.header_line or not any(c.strip() for c in row):
            return None
        return row[self.column].strip() if self.column < len(row) else ""


def _lines(stream: BinaryIO) -> Iterator[tuple[int, str, int]]:
    """(line number, text, length) for every line of ``stream``; a line longer than
    MAX_LINE_CHARS gives only its first characters and is skipped over in chunks, never
    held whole."""
    number = 0
    first = True
    limit = MAX_LINE_CHARS * 4 + 2  # bytes: a UTF-8 character takes at most four
    while True:
        raw = stream.readline(limit)
        if not raw:
            return
        if first and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        first = False
        if not raw.endswith(b"\n") and len(raw) >= limit:  # longer: skip to its end
            length = len(raw)
            while True:
                more = stream.readline(_CHUNK)
                length += len(more)
                if not more or more.endswith(b"\n"):
                    break
            number += 1
            yield number, _decode(raw[:80]), length - (1 if more.endswith(b"\n") else 0)
            continue
        text = _decode(raw)
        pieces = text.splitlines() or [""]  # a lone CR (old Mac files) ends a line too
        for piece in pieces:
            number += 1
            yield number, piece[:80] if len(piece) > MAX_LINE_CHARS else piece, len(piece)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
