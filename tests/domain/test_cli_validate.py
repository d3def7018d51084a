"""``portwizard validate``: exit codes, --json shape, --numbers per-line report."""
from __future__ import annotations

import json

import pytest
from rulekit import good_order

from portwizard.cli import main
from portwizard.domain.order import dumps


@pytest.fixture
def order_file(tmp_path):
    def write(order=None, name="order.json"):
        order = order or good_order()
        order.requested_foc_date = None  # "as soon as possible": valid whatever today is
        path = tmp_path / name
        path.write_text(dumps(order), encoding="utf-8")
        return str(path)
    return write


def test_valid_order_exits_0(order_file, capsys):
    assert main(["validate", "--no-documents", order_file()]) == 0
    assert "No problems found." in capsys.readouterr().out


def test_order_with_errors_exits_1_and_explains(order_file, capsys):
    o = good_order()
    o.service_address.street_name = "P.O. Box 12"
    o.carrier.account_number = "123-456-789"
    assert main(["validate", "--no-documents", order_file(o)]) == 1
    out = capsys.readouterr().out
    assert "service_address.street_name" in out and "PO Box" in out
    assert "1 error(s)" in out
    assert "123-456-789" not in out and "123456789" not in out  # never print the account number


def test_json_shape(order_file, capsys):
    o = good_order()
    o.numbers = ["(212) 555-0123", "1-800-555-0100"]
    assert main(["validate", "--no-documents", "--json", order_file(o)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and data
    assert all(set(f) == {"field", "code", "severity", "message", "fix"} for f in data)
    assert {"field": "numbers", "code": "number.mixed_kinds"}.items() <= data[0].items()
    assert data[0]["severity"] == "error"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", b"\xff\xfe{"])
def test_unreadable_order_exits_2_with_one_line(tmp_path, capsys, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_and_usage_errors_exit_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["validate"]) == 2
    assert main(["validate", "a.json", "--numbers", "b.txt"]) == 2


def test_numbers_plain_list(tmp_path, capsys):
    path = tmp_path / "numbers.txt"
    path.write_text("(212) 555-0123\n\n+1 416 555 0199\n212-555-0125 x12\n", encoding="utf-8")
    assert main(["validate", "--numbers", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("line 1") and "+12125550123" in out[0] and "local" in out[0]
    assert out[1].startswith("line 3") and "+14165550199" in out[1]
    assert any(line.startswith("line 4") and "extension 12" in line for line in out)
    assert out[-1] == "3 number(s): 3 valid (3 local, 0 toll-free), 0 error(s)."


def test_numbers_csv_picks_the_phone_column_and_reports_file_lines(tmp_path, capsys):
    path = tmp_path / "numbers.csv"
    path.write_text('Name,Phone,Notes\nMain,(212) 555-0123,front desk\nFax,555-0124,\n'
                    'Ads,1-800-FLOWERS,"print, radio"\nDup,+1 212.555.0123,\n', encoding="utf-8")
    assert main(["validate", "--numbers", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    rows = {r["line"]: r for r in data["numbers"]}
    assert sorted(rows) == [2, 3, 4, 5]
    assert rows[2]["e164"] == "+12125550123" and rows[2]["findings"] == []
    assert rows[3]["e164"] is None and rows[3]["findings"][0]["code"] == "number.invalid"
    assert rows[4]["e164"] == "+18003569377" and rows[4]["kind"] == "toll-free"
    assert rows[4]["findings"][0]["code"] == "number.vanity_converted"
    assert "(800) 356-9377" in rows[4]["findings"][0]["message"]
    assert rows[5]["findings"][0]["code"] == "number.duplicate"
    assert "(line 2)" in rows[5]["findings"][0]["message"]  # file lines, not list entries
    assert [f["code"] for f in data["findings"]] == ["number.mixed_kinds"]
    for r in data["numbers"]:
        for f in r["findings"]:
            assert set(f) == {"field", "code", "severity", "message", "fix"}


def test_numbers_without_header_picks_the_column_with_numbers(tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_text("Reception;2125550123\nLab;2125550124\n", encoding="utf-8")
    assert main(["validate", "--numbers", str(path)]) == 0
    out = capsys.readouterr().out
    assert "+12125550123" in out and "+12125550124" in out


def test_numbers_file_problems_exit_2(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    assert main(["validate", "--numbers", str(empty)]) == 2
    assert "no phone numbers found" in capsys.readouterr().err
    assert main(["validate", "--numbers", str(tmp_path / "missing.csv")]) == 2


def test_numbers_windows_excel_encoding(tmp_path, capsys):
    path = tmp_path / "excel.csv"
    path.write_bytes("Téléphone,Nom\r\n(514) 555-0123,Café\r\n".encode("cp1252"))
    assert main(["validate", "--numbers", str(path)]) == 0
    assert "+15145550123" in capsys.readouterr().out


def test_attached_files_are_checked_relative_to_the_order(order_file, capsys):
    # Without --no-documents the attachments are opened (full_check): missing files are errors.
    assert main(["validate", order_file()]) == 1
    out = capsys.readouterr().out
    assert "documents.loa" in out and "loa.pdf" in out


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.binary(max_size=200),
                 st.lists(st.sampled_from(["212-555-0123", ",", ";", "\t", "\n", "\r\n", '"',
                                           "Phone", "x", "1-800-FLOWERS", ""]), max_size=20)
                 .map(lambda parts: "".join(parts).encode())))
def test_number_list_reader_never_raises(raw):
    from portwizard.domain.numberlist import read_number_list

    for line, cell in read_number_list(raw):
        assert line >= 1 and isinstance(cell, str)
