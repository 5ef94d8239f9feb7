"""``cableformat tags``, ``ri`` and ``posts``: output formats and exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cableformat.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_ri_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "ri", "ruehkb")
    assert code == 0
    assert "AMEMBASSY BAKU" in out and "BAKU" in out


def test_ri_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "ri", "XXXX")
    assert code == 1 and out == ""


def test_tags_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "tags", "PGOV", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows[0] == {"tag": "PGOV", "kind": "subject",
                       "description": "Internal governmental affairs"}


def test_tags_geographic_and_description_search(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "tags", "RS", "--format", "json")
    assert {"tag": "RS", "kind": "geographic", "description": "Russia"} in json.loads(out)
    _, out = run(capsys, "tags", "human rights", "--format", "json")
    assert "PHUM" in [r["tag"] for r in json.loads(out)]


def test_posts_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "posts", "BAKU", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows == [{"office": "BAKU", "banner": "BAKU", "pla": "AMEMBASSY BAKU",
                     "ri": "RUEHKB", "origin": "Embassy Baku", "country": "AJ",
                     "kind": "embassy"}]


def test_posts_by_ri_and_all(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "posts", "RUEHKB", "--format", "json")
    assert [r["office"] for r in json.loads(out)] == ["BAKU"]
    _, out = run(capsys, "posts", "--format", "json")
    assert len(json.loads(out)) > 250


def test_bad_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tags", "--format", "xml"]) == 2
