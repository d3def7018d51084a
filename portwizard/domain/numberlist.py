"""Reading a pasted or exported list of phone numbers: a text file with one number per line,
or a CSV/TSV export (from a phone bill portal, a spreadsheet, a phone system).

One reader for the command line (``validate --numbers``) and the wizard's CSV import, so
both pick the same column and the same rows. Pure Python (csv), no Qt.
"""
from __future__ import annotations

import re

_HEADER_WORDS = re.compile(r"phone|number|tel|did|num[eé]ro|mobile|cell|line", re.IGNORECASE)


def read_number_list(raw: bytes) -> list[tuple[int, str]]:
    """(line number in the file, cell text) for every number in a list or CSV file."""
    import csv
    import io

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    lines = text.splitlines()
    sample = [ln for ln in lines if ln.strip()][:50]
    delimiter = next((d for d in ("\t", ";", ",") if any(d in ln for ln in sample)), None)
    if delimiter is None:
        rows = [(i + 1, [ln]) for i, ln in enumerate(lines)]
    else:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = []
        try:
            for row in reader:
                rows.append((reader.line_num, row))
        except csv.Error:
            rows = [(i + 1, ln.split(delimiter)) for i, ln in enumerate(lines)]
    rows = [(n, row) for n, row in rows if any(c.strip() for c in row)]
    if not rows:
        return []
    from portwizard.domain.phone import parse_number

    column = 0
    first_n, first = rows[0]
    has_header = not any(parse_number(c).ok for c in first) and (
        any(_HEADER_WORDS.search(c) for c in first) or not any(ch.isdigit() for c in first for ch in c))
    if has_header:
        named = [i for i, c in enumerate(first) if _HEADER_WORDS.search(c)]
        rows = rows[1:]
        if named and delimiter is not None:
            column = named[0]
    if delimiter is not None and not (has_header and named):
        width = max(len(r) for _, r in rows[:50]) if rows else 1
        scores = [sum(1 for _, r in rows[:50] if i < len(r) and parse_number(r[i]).ok)
                  for i in range(width)]
        column = max(range(width), key=lambda i: scores[i]) if width else 0
    return [(n, row[column].strip() if column < len(row) else "") for n, row in rows]
