"""Hostile documents: an order file with a 5000-digit number, duplicate keys, and number lists
far too long or with one endless line. Each is a message (and an exit code), never a
traceback, and a number list is read in bounded memory. The full-size runs (1M lines, a 200
MB line) are in bench/bench_hostile_inputs.py."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from portwizard.cli import main
from portwizard.domain.order import FORMAT, loads

REPO = Path(__file__).resolve().parents[2]


def order_text(**carrier) -> str:
    return json.dumps({"format": FORMAT, "numbers": ["+12125550123"],
                       "carrier": {"customer_name": "Acme Dental", **carrier}})


# --------------------------------------------------------------------------- order files


def test_a_5000_digit_integer_is_a_finding_not_an_exception():
    text = order_text().replace('"Acme Dental"', "9" * 5000)
    result = loads(text)  # json raises ValueError past Python's 4300-digit limit
    assert result.order is None
    [problem] = result.problems
    assert problem.is_error and "digits" in problem.message


@pytest.mark.parametrize("command", ["validate", "submit"])
def test_a_5000_digit_integer_exits_2_with_a_message(tmp_path, capsys, command):
    path = tmp_path / "order.json"
    path.write_text(order_text(pin="0000").replace('"0000"', "1" * 5000), "utf-8")
    assert main([command, str(path)]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in err and err.count("\n") == 1
    assert "order.json" in err and "digits" in err


def test_duplicate_keys_are_reported_naming_the_key():
    text = ('{"format": "%s", "numbers": ["+12125550123"], '
            '"carrier": {"pin": "1111", "customer_name": "Acme", "pin": "2222"}, '
            '"numbers": ["+12125550124"]}' % FORMAT)
    result = loads(text)
    dups = [p for p in result.problems if p.code == "document.duplicate_key"]
    assert sorted(p.field for p in dups) == ["carrier.pin", "numbers"]
    assert all(p.is_error for p in dups)
    pin = next(p for p in dups if p.field == "carrier.pin")
    assert '"pin"' in pin.message and "twice" in pin.message
    assert "1111" not in pin.message and "2222" not in pin.message  # no PIN in a message


def test_duplicate_keys_in_a_list_of_objects_name_the_place(tmp_path, capsys):
    text = ('{"format": "%s", "history": [{"at": "a"}, {"at": "b", "at": "c"}]}' % FORMAT)
    result = loads(text)
    assert [p.field for p in result.problems if p.code == "document.duplicate_key"] \
        == ["history[1].at"]
    path = tmp_path / "order.json"
    path.write_text(text, "utf-8")
    assert main(["validate", "--no-documents", str(path)]) == 1
    assert "history[1].at" in capsys.readouterr().out


def test_an_order_without_duplicates_has_no_such_finding():
    assert not [p for p in loads(order_text()).problems if p.code == "document.duplicate_key"]


# --------------------------------------------------------------------------- number lists


def run_cli_measured(*args: str) -> tuple[int, str, str, float]:
    """The CLI in a child process: (exit code, stdout, stderr, peak RSS in MB), run the way
    bench/bench_hostile_inputs.py runs it (its probe prints the child's own peak)."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from bench_hostile_inputs import PROBE
    finally:
        sys.path.remove(str(REPO / "bench"))
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          cwd=REPO, timeout=60)
    err_lines = proc.stderr.splitlines()
    peak = next(int(l.split()[1]) for l in err_lines if l.startswith("PEAK_RSS_KB"))
    err = "\n".join(l for l in err_lines if not l.startswith("PEAK_RSS_KB"))
    return proc.returncode, proc.stdout, err, peak / 1024


def test_one_endless_line_is_reported_not_loaded(tmp_path):
    path = tmp_path / "one-line.csv"
    size = 120 * 1024 * 1024
    block = b"2125550123," * 100_000
    with path.open("wb") as f:
        f.write(b"(212) 555-0100\n")
        written = 0
        while written < size:
            f.write(block)
            written += len(block)
        f.write(b"\n(212) 555-0101\n")
    code, out, err, peak_mb = run_cli_measured("validate", "--numbers", str(path))
    assert "Traceback" not in err
    assert code == 1, err
    assert "+12125550100" in out and "+12125550101" in out  # the other lines are checked
    line2 = [l for l in out.splitlines() if l.startswith("line 2")]
    assert len(line2) == 1 and "not checked" in line2[0]
    assert f"{written:,}" in line2[0]  # says how long the line is
    assert "1 line(s) not checked" in out.splitlines()[-1]
    assert peak_mb < 150, f"peak RSS {peak_mb:.0f} MB for a {size >> 20} MB line"


def test_an_over_long_cell_is_reported_not_checked(tmp_path, capsys):
    path = tmp_path / "numbers.csv"
    path.write_text("Name,Phone\nMain,(212) 555-0123\nJunk," + "5" * 500 + "\n"
                    "Fax,(212) 555-0124\n", "utf-8")
    assert main(["validate", "--numbers", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    rows = {r["line"]: r for r in data["numbers"]}
    assert rows[2]["e164"] == "+12125550123" and rows[4]["e164"] == "+12125550124"
    assert rows[3]["e164"] is None and len(rows[3]["input"]) < 100
    assert [f["code"] for f in rows[3]["findings"]] == ["number.not_checked"]
    assert "cell is 500 characters" in rows[3]["findings"][0]["message"]


def test_the_reader_streams_the_file(tmp_path):
    """The first numbers come out after reading the first few kB, not the whole file."""
    import io

    from portwizard.domain.numberlist import iter_number_list

    class Counting(io.BytesIO):
        def __init__(self, data):
            super().__init__(data)
            self.served = 0

        def read(self, n=-1):
            data = super().read(n)
            self.served += len(data)
            return data

        def readline(self, n=-1):
            data = super().readline(n)
            self.served += len(data)
            return data

    stream = Counting(b"".join(b"(212) 555-%04d\n" % (i % 10000) for i in range(200_000)))
    cells = iter_number_list(stream)
    first = [next(cells) for _ in range(10)]
    assert [c.line for c in first] == list(range(1, 11))
    assert stream.served < 64 * 1024


def test_a_long_list_is_checked_in_batches_with_duplicates_across_them(tmp_path, capsys):
    from portwizard.cli import validate

    path = tmp_path / "numbers.txt"
    lines = [f"(212) 555-{i:04d}" for i in range(25)] + ["(212) 555-0003", "1-800-555-0100"]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    validate.BATCH = 10  # three batches: the duplicate and the toll-free one are in the last
    try:
        assert main(["validate", "--numbers", str(path), "--json"]) == 1
    finally:
        validate.BATCH = validate.DEFAULT_BATCH
    data = json.loads(capsys.readouterr().out)
    rows = {r["line"]: r for r in data["numbers"]}
    assert len(rows) == 27
    [dup] = rows[26]["findings"]
    assert dup["code"] == "number.duplicate" and "(line 4)" in dup["message"]
    assert [f["code"] for f in data["findings"]] == ["number.mixed_kinds"]


def test_the_wizard_import_shows_over_long_cells_instead_of_dropping_them():
    from portwizard.domain.numberlist import read_number_list

    raw = b"Phone\n(212) 555-0123\n" + b"5" * 500 + b"\n" + b"7" * 10_000 + b"\n"
    cells = read_number_list(raw)
    assert [line for line, _ in cells] == [2, 3, 4]
    assert cells[1][1].startswith("5555") and cells[1][1].endswith("\u2026")
    assert len(cells[1][1]) < 30 and len(cells[2][1]) < 30
