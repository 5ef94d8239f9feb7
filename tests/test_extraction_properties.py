"""Properties that check what is extracted, not only that offsets cover the text.

* every node's span holds its raw text (``text[span.start:span.end] == node.raw``);
* ``from_json(to_json(c)) == c`` and ``from_xml(to_xml(c)) == c``: the whole model, not only
  the ``text`` field, survives the formats;
* a generated cable parses back to the values the strategy drew (``Draft.extra``): TAGS,
  DTG, subject, paragraph numbers and portion marks, references.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel

import cableformat
from cableformat.strategies import Draft, drafts, malformed_cables
from tests.conftest import SAMPLES, examples

_LENIENT = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]


def _nodes(value: Any, path: str = "cable") -> Iterator[tuple[str, Any]]:
    """Every model node under ``value`` with its attribute path."""
    if isinstance(value, BaseModel):
        yield path, value
        for name in type(value).model_fields:
            yield from _nodes(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield from _nodes(item, f"{path}[{k}]")


def _span_errors(cable: cableformat.Cable) -> list[str]:
    """Nodes whose span does not hold their raw text."""
    text = cable.text
    wrong = []
    for path, node in _nodes(cable):
        raw, span = getattr(node, "raw", None), getattr(node, "span", None)
        if not isinstance(raw, str) or span is None:
            continue
        if text[span.start:span.end] != raw:
            wrong.append(f"{path}: {text[span.start:span.end]!r} != raw {raw!r}")
    return wrong


def test_span_walk_finds_the_fields() -> None:
    # the walk reaches nested nodes (a test of the test: it would pass vacuously otherwise)
    cable = cableformat.parse((SAMPLES / "09BAKU443.txt").read_text(encoding="utf-8"))
    paths = [p for p, n in _nodes(cable) if getattr(n, "span", None) is not None]
    assert any(p.startswith("cable.body.tags.items[") for p in paths)
    assert any(p.startswith("cable.header.info[") for p in paths)
    assert any(p.startswith("cable.body.paragraphs[") for p in paths)


def test_a_wrong_span_is_found() -> None:
    cable = cableformat.parse("UNCLAS BAKU 000443\n\nE.O. 12958: N/A\nTAGS: PREL\n")
    assert _span_errors(cable) == []
    assert cable.body.tags is not None
    cable.body.tags.items[0].span.start += 1
    assert _span_errors(cable)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_spans_hold_raw_text_in_samples(name: str) -> None:
    cable = cableformat.parse((SAMPLES / name).read_text(encoding="utf-8"))
    assert _span_errors(cable) == []


@settings(max_examples=examples(0.5), suppress_health_check=_LENIENT)
@given(drafts())
def test_spans_hold_raw_text_in_generated_cables(draft: Draft) -> None:
    assert _span_errors(cableformat.parse(draft.text())) == []


@settings(max_examples=examples(0.5), suppress_health_check=_LENIENT)
@given(malformed_cables())
def test_spans_hold_raw_text_in_malformed_cables(case: Any) -> None:
    assert _span_errors(cableformat.parse(case.text)) == []


# --- format round trips: the whole model -----------------------------------------------------


@settings(max_examples=examples(0.3), suppress_health_check=_LENIENT)
@given(text=drafts().map(Draft.text))
def test_json_and_xml_round_trip_the_whole_model(text: str) -> None:
    convert = pytest.importorskip("cableformat.convert")
    cable = cableformat.parse(text)
    assert convert.from_json(convert.to_json(cable)) == cable
    assert convert.from_xml(convert.to_xml(cable)) == cable


@settings(max_examples=examples(0.2), suppress_health_check=_LENIENT)
@given(case=malformed_cables())
def test_json_and_xml_round_trip_malformed_cables(case: Any) -> None:
    convert = pytest.importorskip("cableformat.convert")
    cable = cableformat.parse(case.text)
    assert convert.from_json(convert.to_json(cable)) == cable
    assert convert.from_xml(convert.to_xml(cable)) == cable


# --- generated cables parse back to the values drawn -----------------------------------------


def _words(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=examples(1.0), suppress_health_check=_LENIENT)
@given(drafts())
def test_generated_cables_parse_back_to_the_drawn_values(draft: Draft) -> None:
    cable = cableformat.parse(draft.text())
    body = cable.body
    # TAGS, in order
    assert body.tags is not None
    assert [t.value for t in body.tags.items] == draft.extra["tags"]
    # SUBJECT: portion mark and words (continuation lines joined)
    portion, words = draft.extra["subject"]  # type: ignore[misc]
    assert body.subject is not None
    assert body.subject.portion == portion
    assert _words(body.subject.text) == _words(words)
    # paragraphs numbered 1..n in order, each with the portion mark drawn for it
    portions = draft.extra["portions"]
    assert [p.number for p in body.paragraphs] == [str(k + 1) for k in range(len(portions))]
    assert [p.portion for p in body.paragraphs] == portions
    # DTG (header) and banner
    if draft.header:
        assert cable.header is not None and cable.header.dtg is not None
        assert cable.header.dtg.value == draft.when.replace(second=0, microsecond=0,
                                                            tzinfo=UTC)
    assert body.banner is not None
    # references: label, year, office, serial
    refs = draft.extra.get("refs")
    if refs:
        assert body.refs is not None
        got = body.refs.items
        assert [r.label for r in got] == [item[0] for item in refs]
        for ref, item in zip(got, refs, strict=True):
            if len(item) == 4:
                _, year, office, serial = item
                assert ref.kind == "cable"
                assert ref.office == office and ref.serial is not None
                assert int(ref.serial) == serial
                if year is not None:
                    assert ref.year == year
    else:
        assert body.refs is None


def test_drafts_record_the_values_they_draw() -> None:
    seen: list[Draft] = []

    @settings(max_examples=30, database=None, suppress_health_check=_LENIENT,
              derandomize=True)
    @given(drafts(classification="SECRET"))
    def collect(draft: Draft) -> None:
        seen.append(draft)

    collect()
    assert all(d.extra["tags"] and d.extra["portions"] for d in seen)
    assert any(d.extra.get("refs") for d in seen)
    assert any(d.extra["subject"][0] is not None for d in seen)  # type: ignore[index]
