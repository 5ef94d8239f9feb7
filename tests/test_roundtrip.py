"""Lossless: render(parse(text)) == text for samples, the corpus and arbitrary text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import cableformat
from tests.conftest import SAMPLES

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix == ".txt")


def test_samples_exist() -> None:
    assert len(SAMPLE_FILES) >= 3


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_round_trip(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    assert cableformat.render(cableformat.parse(text)) == text


@pytest.mark.slow
def test_corpus_text_round_trip(corpus: Path) -> None:
    files = sorted(corpus.glob("text/*.txt")) + sorted(corpus.glob("reference/*.txt")) + sorted(
        corpus.glob("other/historylab_ner_annotated_1970s/*.txt"))
    assert files
    bad = []
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="surrogateescape")
        if cableformat.render(cableformat.parse(text)) != text:
            bad.append(path.name)
    assert not bad, f"{len(bad)} files did not round-trip: {bad[:5]}"


@given(st.text())
@example("\r\n\r")
@example("UNCLAS STATE 000001\r\nE.O. 12958: N/A\rTAGS: PREL\n")
@example("C O N F I D E N T I A L BAKU 000443\n" + "X" * 10000)
def test_arbitrary_text_round_trips(text: str) -> None:
    assert cableformat.render(cableformat.parse(text)) == text


@given(st.binary())
def test_parse_never_raises_on_bytes(data: bytes) -> None:
    cable = cableformat.parse(data)
    assert isinstance(cable, cableformat.Cable)


def test_utf8_byte_order_mark_is_kept_and_ignored_by_the_grammar(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbfUNCLAS STATE 000001\nE.O. 12958: N/A\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    (cable,) = cableformat.read(path)
    assert cableformat.render(cable).encode("utf-8") == data
    assert cable.body.banner is not None and cable.body.banner.span.start == 1
    assert cable.body.eo is not None
