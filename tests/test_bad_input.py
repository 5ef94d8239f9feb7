"""Bad input end to end: a clear message, the documented exit code, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cableformat.cli import main

GOOD = "UNCLAS STATE 000001\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TEST\n\n1. Text.\nRICE\n"


def _validate(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, dict]:
    code = main(["validate", "--format", "json", *map(str, paths)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, json.loads(out)


def _codes(report: dict) -> list[str]:
    return [d["code"] for d in report["diagnostics"]]


@pytest.mark.parametrize(
    ("name", "data", "code", "exit_code"),
    [
        ("binary.txt", b"\x00\x01\x02ELF\x00" * 50, "X001", 2),
        ("empty.txt", b"", "X002", 2),
        ("page.html", b"<html><body><p>nothing here</p></body></html>", "X003", 2),
    ],
)
def test_unreadable_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, code: str,
    exit_code: int,
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    rc, report = _validate(capsys, path, good)
    assert rc == exit_code
    assert code in _codes(report)
    assert report["summary"]["unreadable"] == 1
    assert report["summary"]["cables"] == 1, "the other input is still checked"


def test_utf16_and_latin1_are_decoded_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "u16.txt").write_bytes(GOOD.encode("utf-16"))
    (tmp_path / "latin1.txt").write_bytes(GOOD.replace("TEST", "CAF\xc9").encode("latin-1"))
    rc, report = _validate(capsys, tmp_path / "u16.txt", tmp_path / "latin1.txt")
    assert report["summary"]["cables"] == 2
    assert _codes(report).count("X009") == 2
    assert rc == 0


def test_empty_directory_and_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    rc, report = _validate(capsys, empty, tmp_path / "missing.txt")
    assert rc == 2
    assert sorted(_codes(report)) == ["X007", "X008"]


def test_five_megabyte_single_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "long.txt"
    path.write_text("C O N F I D E N T I A L BAKU 000443 " + "WORD " * 1_000_000)
    rc, report = _validate(capsys, path)
    assert report["summary"]["cables"] == 1
    assert rc in (0, 1)


def test_truncated_html_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = (
        "<html><table class='cable'><tr><th>Reference ID</th><th>Created</th>"
        "<th>Released</th><th>Classification</th><th>Origin</th></tr><tr>"
        "<td><a href='x'>09STATE1</a></td><td><a>2009-01-01 10:00</a></td>"
        "<td><a>2011-01-01 10:00</a></td><td><a>UNCLASSIFIED</a></td><td><a>Secretary of "
        "State</a></td></tr></table><code><pre>UNCLAS STATE 000001 &#x000A;&#x000A;E.O. 1295"
    )
    path = tmp_path / "cut.html"
    path.write_text(page)
    rc, report = _validate(capsys, path)
    assert "X004" in _codes(report)
    assert report["summary"]["cables"] == 1
    assert rc in (0, 1)


def test_csv_row_with_unbalanced_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    good_row = ('"1","1/2/2009 10:00","09STATE1","Secretary of State","UNCLASSIFIED","",'
                '"R 021000Z JAN 09\nFM SECSTATE WASHDC\nTO AMEMBASSY BAKU","' + GOOD + '"\n')
    bad_row = '"2","1/2/2009 10:00","09STATE2","Secretary of State","UNCLAS'
    path = tmp_path / "cables.csv"
    path.write_text(good_row + bad_row)
    rc, report = _validate(capsys, path)
    assert rc == 2
    assert "X005" in _codes(report)
    assert report["summary"]["cables"] == 1


def test_text_that_is_not_a_cable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "recipe.txt"
    path.write_text("Mix the flour and the eggs.\nBake for an hour.\n")
    rc, report = _validate(capsys, path)
    assert rc == 1
    assert "X010" in _codes(report)
