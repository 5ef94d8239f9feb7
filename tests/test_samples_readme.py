"""``samples/README.md`` says what each sample is and what ``validate`` reports for it: the
table must agree with the samples (a sample called well-formed has no error or warning)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

import cableformat
from tests.conftest import SAMPLES

ROW = re.compile(r"^\| `(?P<file>[^`]+)` \| (?P<what>[^|]+) \| [^|]+ \| (?P<found>[^|]+) \|$")


def _rows() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in (SAMPLES / "README.md").read_text().splitlines():
        m = ROW.match(line)
        if m:
            rows[m["file"]] = (m["what"], m["found"])
    return rows


def test_every_sample_is_described() -> None:
    assert set(_rows()) == {p.name for p in SAMPLES.iterdir() if p.suffix == ".txt"}


@pytest.mark.parametrize("name", sorted(_rows()))
def test_described_findings_are_the_reported_ones(name: str) -> None:
    what, found = _rows()[name]
    (cable,) = list(cableformat.read(SAMPLES / name))
    shown = Counter(d.code for d in cableformat.validate(cable) if d.severity != "info")
    claimed: Counter[str] = Counter()
    if not found.startswith("none"):
        for m in re.finditer(r"\b([A-Z][0-9]{3})\b( \(twice)?", found):
            claimed[m[1]] += 2 if m[2] else 1
    assert shown == claimed, (name, dict(shown))
    if "well-formed" in what:
        assert not shown
