"""Property tests: generated cables, malformations, arbitrary text and bytes, conversions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cableformat
from cableformat.source import LineIndex
from cableformat.strategies import MALFORMATIONS, MalformedCable, cables, malformed_cables
from tests.conftest import examples

_LENIENT = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]


def _located(text: str) -> list[tuple[str, int, str]]:
    cable = cableformat.parse(text)
    index = LineIndex(text)
    return [(d.code, index.locate(d.start)[0], d.message) for d in cableformat.validate(cable)]


# --- well-formed cables ----------------------------------------------------------------------


@settings(suppress_health_check=_LENIENT)
@given(cables())
def test_generated_cables_validate_without_any_diagnostic(text: str) -> None:
    cable = cableformat.parse(text)
    assert cableformat.render(cable) == text
    assert not cable.syntax
    assert _located(text) == []


@pytest.mark.parametrize("era", ["10501", "11652", "12065", "12356", "12958", "13526"])
@pytest.mark.parametrize("level", ["UNCLASSIFIED", "SBU", "LIMITED OFFICIAL USE",
                                   "CONFIDENTIAL", "SECRET", "TOP SECRET"])
@settings(max_examples=examples(0.1), suppress_health_check=_LENIENT)
@given(data=st.data())
def test_every_era_and_level_is_well_formed(era: str, level: str, data: st.DataObject) -> None:
    text = data.draw(cables(era=era, classification=level))
    assert _located(text) == []


@settings(max_examples=examples(0.2), suppress_health_check=_LENIENT)
@given(cables(sections=40, header=True, newline="\r\n"))
def test_many_sections_with_crlf_are_well_formed(text: str) -> None:
    assert _located(text) == []


# --- malformations ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(MALFORMATIONS))
@settings(max_examples=examples(0.2), suppress_health_check=_LENIENT)
@given(data=st.data())
def test_malformation_is_reported_on_its_line(code: str, data: st.DataObject) -> None:
    case: MalformedCable = data.draw(malformed_cables(code))
    found = _located(case.text)
    lines = [line for c, line, _ in found if c == case.code]
    assert case.line in lines, (
        f"{case.code} ({case.description}) expected on line {case.line}, found on {lines}; "
        f"all: {found}"
    )


# --- arbitrary text and bytes ----------------------------------------------------------------

_CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F)
_CABLEISH = st.sampled_from([
    "\n", "\r\n", "\r", " ", "\t", "C O N F I D E N T I A L BAKU 000443", "E.O. 12958: ",
    "TAGS: ", "SUBJECT: ", "REF: A. ", "Classified By: ", "1. (C) ", "BAKU 00000443  002 OF 002",
    "O 020928Z JUN 09", "FM AMEMBASSY BAKU", "TO ", "INFO ", "<a href='x'>", "&amp;", "¶",
    "\u2028", "\x85", "\ufeff", "\x00", "XXXXXX", "END SUMMARY", "PAGE 02 ", "DERSE",
])
arbitrary_text = st.one_of(
    st.text(),
    st.text(st.characters(codec="utf-8")),
    st.lists(st.one_of(_CABLEISH, st.text(max_size=5), _CONTROL), max_size=60).map("".join),
    st.builds(lambda c, n, tail: c * n + tail, st.sampled_from(["A", " ", "\t", "(", "9"]),
              st.integers(1000, 20000), st.text(max_size=20)),
)


@settings(suppress_health_check=_LENIENT)
@given(arbitrary_text)
@example("\r\n\r")
@example("\x85\u2028\r\x0b\x0c")
@example("UNCLAS BAKU 000443\r\n\r\nE.O. 12958: N/A\r\nTAGS: PREL\r\n" + "A" * 100_000)
@example("C O N F I D E N T I A L BAKU 000443\n<a " + "\n" * 3)
def test_render_parse_is_identity_on_arbitrary_text(text: str) -> None:
    cable = cableformat.parse(text)
    assert cableformat.render(cable) == text
    assert not [i for i in cable.syntax if i.code == "X999"], cable.syntax
    assert not [d for d in cableformat.validate(cable) if d.code == "X999"]


@settings(suppress_health_check=_LENIENT)
@given(st.binary(max_size=4000) | cables().map(lambda t: t.encode("utf-16")))
@example(b"\xff\xfe\x00")
@example(b"\xef\xbb\xbf\x00\x00")
def test_parse_never_raises_on_bytes(data: bytes) -> None:
    cable = cableformat.parse(data)
    assert isinstance(cable, cableformat.Cable)
    assert cableformat.render(cable) == cable.text


@settings(max_examples=examples(0.3), suppress_health_check=_LENIENT)
@given(malformed_cables(), st.sampled_from(["\n", "\r\n"]))
def test_malformed_cables_round_trip(case: MalformedCable, newline: str) -> None:
    text = case.text.replace("\n", newline)
    assert cableformat.render(cableformat.parse(text)) == text


# --- conversions -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def convert():  # type: ignore[no-untyped-def]
    """The conversion module, its schemas compiled once for the session."""
    convert = pytest.importorskip("cableformat.convert")
    sample = cableformat.parse("UNCLAS BAKU 000443\n\nE.O. 12958: N/A\nTAGS: PREL\n")
    for fmt, document in (("json", convert.to_json(sample)), ("xml", convert.to_xml(sample)),
                          ("tei", convert.to_tei(sample))):
        assert convert.check(fmt, document) == [], fmt  # compiles and caches the schema
    return convert


@settings(max_examples=examples(0.5), suppress_health_check=_LENIENT)
@given(text=cables())
def test_json_and_xml_of_generated_cables_validate(convert, text: str) -> None:  # type: ignore[no-untyped-def]
    cable = cableformat.parse(text)
    assert convert.check("json", convert.to_json(cable)) == []
    assert convert.check("xml", convert.to_xml(cable)) == []
    assert convert.from_xml(convert.to_xml(cable)).text == text


@settings(max_examples=examples(0.15), suppress_health_check=_LENIENT)
@given(text=cables())
def test_tei_of_generated_cables_validates(convert, text: str) -> None:  # type: ignore[no-untyped-def]
    assert convert.check("tei", convert.to_tei(cableformat.parse(text))) == []
