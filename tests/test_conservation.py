"""Text conservation: the words of TEI, XML and JSON output are the cable's words, in order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from lxml import etree

import cableformat
from cableformat import convert
from cableformat.model import Cable
from cableformat.readers import iter_sources
from cableformat.source import Source
from cableformat.strategies import cables
from cableformat.writers import conservation as cons
from tests.conftest import SAMPLES, examples
from tests.test_properties import arbitrary_text

_LENIENT = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
_XML_NS = "{" + convert.NAMESPACE + "}"


def tei_words(cable: Cable) -> list[str]:
    return cons.words(cons.tei_text(convert.to_tei(cable)))


def xml_text_words(document: str) -> list[str]:
    """The words of the ``<cable_text>`` element of an XML document (control characters as gaps)."""
    root = etree.fromstring(document.encode("utf-8"))
    return cons.words(" ".join(root.find(_XML_NS + "cable_text").itertext()))


def xml_leaf_words(document: str) -> tuple[list[str], list[str]]:
    """Words of the whole document's plain text, and of its leaf texts read one by one."""
    root = etree.fromstring(document.encode("utf-8"))
    whole = cons.words("".join(root.itertext()))
    leaves = [w for el in root.iter() if len(el) == 0 and el.text for w in cons.words(el.text)]
    return whole, leaves


def assert_same_words(expected: list[str], got: list[str], what: str) -> None:
    result = cons.compare(expected, got)
    assert result.equal, f"{what}: {result.first}; lost {result.lost[:10]} glued {result.glued}"


# --- the comparison helper ---------------------------------------------------------------------


def test_words_drop_edge_punctuation_only() -> None:
    assert cons.words("1. (C) The U.S. side -- end.2. Next") == [
        "1", "C", "The", "U.S", "side", "end.2", "Next"]


def test_compare_reports_the_first_difference_lost_and_glued_words() -> None:
    expected = cons.words("FM AMEMBASSY TEHRAN TO SECSTATE WASHDC 7561 BT end.")
    same = cons.compare(expected, list(expected))
    assert same.equal and same.ok
    glued = cons.compare(expected, cons.words("FM AMEMBASSY TEHRANTO SECSTATE WASHDC 7561 end."))
    assert not glued.equal and glued.glued == ["TEHRANTO"] and glued.lost == ["BT"]
    assert glued.first.startswith("word 2: expected 'TEHRAN TO SECSTATE WASHDC'")


def test_compare_is_a_sequence_comparison_and_tolerates_moves() -> None:
    expected = ["A", "B", "C", "D"]
    moved = cons.compare(expected, ["A", "C", "D", "B"])
    assert not moved.equal and moved.ok  # a moved word is not lost
    lost = cons.compare(expected, ["A", "C", "D"])
    assert lost.lost == ["B"] and lost.first.startswith("word 1: expected 'B C D'")
    twice = cons.compare(["A", "A", "B"], ["A", "B"])
    assert twice.lost == ["A"]


def test_a_word_split_at_punctuation_and_moved_is_not_lost() -> None:
    # "2.(C)" is the paragraph number 2 and the portion C; a heading moved before them
    expected = cons.words("below. 2.(C) Garcia returned")
    got = cons.words("HEADING 2 C below. Garcia returned")
    assert cons.compare(expected, got).ok
    assert cons.compare(expected, cons.words("2 below. Garcia returned")).lost == ["2.(C"]
    caveated = cons.words("below. 11.(S/NF) Garcia")  # 09TRIPOLI886: the portion is S/NF
    assert cons.compare(caveated, cons.words("HEADING 11 S/NF below. Garcia")).ok


def test_json_portion_marks_are_not_counted_twice() -> None:
    cable = cableformat.parse("UNCLAS STATE 000001\n\nSUBJECT: X\n\n1.(C) Garcia (S) left.\n"
                              "2. (U) Next.\n")
    assert [m.raw for m in cable.body.portions] == ["(C)", "(U)"]
    texts = [t for _s, _e, t in cons.node_texts(cable)]
    assert not any(t in ("(C)", "(S)", "(U)") for t in texts)  # the paragraphs hold them
    assert cons.compare(cons.cable_words(cable), cons.json_words(cable)).ok


def test_cable_words_leave_out_chrome_and_markup() -> None:
    cable = cableformat.parse(
        "UNCLAS STATE 000001\n\n<a id='par1' href='#par1'>¶</a>1. (U) Tom &amp; Jerry.\n")
    assert cons.cable_words(cable) == ["UNCLAS", "STATE", "000001", "1", "U", "Tom", "Jerry"]
    assert "¶" not in convert.to_tei(cable) and "&lt;a" not in convert.to_tei(cable)


# --- regressions: what the TEI writer used to lose or glue ---------------------------------------

HEADER_CABLE = """P R 281848Z DEC 66
FM AMEMBASSY BUENOS AIRES
TO SECSTATE WASHDC PRIORITY
INFO USCINCSO
AMEMBASSY RIO DE JANEIRO
UNCLAS BUENOS AIRES 1234

SUBJ: SEAS
REF: BUENOS AIRES 1200

1. TEXT OF THE FIRST PARAGRAPH.
BUENOS AIRES 00001234  002 OF 002
GOES ON HERE.

2. SECOND. SMITH
"""


def test_header_lines_and_fields_are_not_glued_in_tei() -> None:
    cable = cableformat.parse(HEADER_CABLE)
    document = convert.to_tei(cable)
    assert convert.check("tei", document) == []
    assert_same_words(cons.cable_words(cable), tei_words(cable), "TEI")
    text = cons.tei_text(document)
    # once "66FM", "AIRESTO", "USCINCSOAMEMBASSY": block ends and <lb/> had no whitespace
    for joint in (r"66\s+FM", r"AIRES\s+TO", r"USCINCSO\s+AMEMBASSY", r"PARAGRAPH\.\s+BUENOS",
                  r"002\s+GOES", r"HERE\.\s+2\."):
        assert re.search(joint, text), joint
    assert "SUBJ: SEAS" in text  # the keyword as written, not a normalised SUBJECT:


def test_subject_keeps_its_place_before_the_references() -> None:
    cable = cableformat.parse(HEADER_CABLE)
    root = etree.fromstring(convert.to_tei(cable).encode("utf-8"))
    div = root.find(".//{http://www.tei-c.org/ns/1.0}div[@type='telegram']")
    # the supplied FRUS-style opener (dateline, source note) stands between them
    assert [el.get("type") for el in div if el.get("resp") is None][:2] == ["subject", "ref"]


def test_text_before_the_first_paragraph_and_every_line_kind_are_kept() -> None:
    text = ("UNCLAS STATE 000001\n\nSUBJECT: X\n\nTHIS IS A CORRECTED COPY.\n\n"
            "1. FIRST.\n\nEND OF TEXT\n\nJONES\n\nNNNN\n")
    cable = cableformat.parse(text)
    assert_same_words(cons.cable_words(cable), tei_words(cable), "TEI")


# --- generated cables ---------------------------------------------------------------------------


@settings(max_examples=examples(0.3), suppress_health_check=_LENIENT, deadline=None)
@given(text=cables())
def test_tei_text_of_generated_cables_is_the_cable_words(text: str) -> None:
    cable = cableformat.parse(text)
    assert_same_words(cons.cable_words(cable), tei_words(cable), "TEI")


@settings(max_examples=examples(0.3), suppress_health_check=_LENIENT, deadline=None)
@given(text=cables())
def test_xml_text_of_generated_cables_is_the_cable_words_and_never_glued(text: str) -> None:
    cable = cableformat.parse(text)
    document = convert.to_xml(cable)
    assert_same_words(cons.words(cable.text), xml_text_words(document), "XML text")
    whole, leaves = xml_leaf_words(document)
    assert_same_words(leaves, whole, "XML plain text")
    assert convert.from_xml(document) == cable


@settings(max_examples=examples(0.3), suppress_health_check=_LENIENT, deadline=None)
@given(text=cables())
def test_json_text_nodes_of_generated_cables_lose_no_word(text: str) -> None:
    cable = cableformat.parse(text)
    back = convert.from_json(convert.to_json(cable))
    expected, kinds = cons.cable_words_and_kinds(cable)
    result = cons.compare(expected, cons.json_words(back))
    lost = [w for i, w in zip(result.lost_at, result.lost, strict=True)
            if kinds[i] not in UNMODELLED_KINDS]
    assert not lost and not result.glued, f"JSON: {result.first}; lost {lost[:10]}"


#: Line kinds the model has no node for yet (their words are only in ``Cable.text``).
UNMODELLED_KINDS = frozenset({"trailer"})


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_samples_lose_no_word(path: Path) -> None:
    for source in iter_sources(path):
        assert isinstance(source, Source)
        cable = cableformat.api.parse(source.text)
        assert_same_words(cons.cable_words(cable), tei_words(cable), f"{path.name} TEI")


# --- the real corpus ------------------------------------------------------------------------------


@pytest.mark.slow
def test_corpus_tei_and_json_lose_no_word(corpus: Path) -> None:
    bad: dict[str, list[str]] = {"tei": [], "json": []}
    pages = 0
    for path in sorted(p for p in corpus.rglob("*") if p.is_file() and "gold" not in p.parts):
        if path.name in ("README.md", "PROVENANCE.tsv"):
            continue
        for cable in cableformat.read(path):
            pages += 1
            expected = cons.cable_words(cable)
            tei = cons.compare(expected, cons.words(cons.tei_text(
                convert.to_tei(cable) if pages % 50 == 0 else _tei_element(cable))))
            if not tei.ok:
                bad["tei"].append(f"{path.name}: {tei.first}; lost {tei.lost[:8]} {tei.glued[:4]}")
            js = cons.compare(expected, cons.json_words(cable))
            if not js.ok:
                bad["json"].append(f"{path.name}: {js.first}; lost {js.lost[:8]}")
    assert pages > 1000
    assert not bad["tei"], f"{len(bad['tei'])} pages: " + "\n".join(bad["tei"][:10])
    assert len(bad["json"]) <= JSON_LOSS_CEILING, (
        f"{len(bad['json'])} pages: " + "\n".join(bad["json"][:10]))


#: Pages whose JSON text nodes still lose words (2,259 before text blocks, 703 before portion
#: marks were counted once and ClassifiedBy carried its own, 11 before text after the last
#: node of a line that a wrapped field ends on became a block; the rest: a glued TO keyword,
#: a handling line cut from a SUBJECT, a newline-less export); may only go down.
JSON_LOSS_CEILING = 3


def _tei_element(cable: Cable) -> etree._Element:
    from cableformat.writers.tei import to_tei_element

    return to_tei_element(cable)


# --- nodes that start inside a line (the parser may cut lines: writers must follow) -----------


def _node(cls: type, cable: Cable, needle: str, **values: object) -> object:
    from cableformat.model import build, new_span

    start = cable.text.index(needle)
    line = cable.text.count("\n", 0, start) + 1
    column = start - (cable.text.rfind("\n", 0, start) + 1) + 1
    return build(cls, raw=needle, span=new_span(start, start + len(needle), line, column),
                 **values)


def test_signature_glued_to_the_last_sentence_goes_to_the_closer() -> None:
    from cableformat.model import RawField

    cable = cableformat.parse("UNCLAS STATE 000001\n\nSUBJECT: X\n\n1. It ends here. SMITH\n")
    cable.body.signature = _node(RawField, cable, "SMITH")
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    for line_kind in ("paragraph", "signature"):  # the parser may call the line either
        cable.line_kinds[-1] = line_kind
        root = etree.fromstring(convert.to_tei(cable).encode("utf-8"))
        assert root.xpath("string(//t:closer/t:signed)", namespaces=ns) == "SMITH"
        assert root.xpath("string(//t:body//t:p[last()])", namespaces=ns).split()[-1] == "here."
        assert_same_words(cons.cable_words(cable), tei_words(cable), "TEI")


def test_paragraph_starting_inside_a_line_is_its_own_p() -> None:
    from cableformat.model import Paragraph

    cable = cableformat.parse("UNCLAS STATE 000001\n\nSUBJECT: X\n\n1. (U) First. 2. (C) Second.\n")
    cable.body.paragraphs[0].__dict__["text"] = "First."
    cable.body.paragraphs.append(_node(Paragraph, cable, "2. (C) Second.", number="2",
                                       portion="C", text="Second."))
    document = convert.to_tei(cable)
    assert convert.check("tei", document) == []
    root = etree.fromstring(document.encode("utf-8"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert root.xpath("//t:p/@n", namespaces=ns) == ["1", "2"]
    assert root.xpath("string(//t:p[@n='2']/t:seg)", namespaces=ns) == "(C)"
    assert_same_words(cons.cable_words(cable), tei_words(cable), "TEI")
    assert cons.compare(cons.cable_words(cable), cons.json_words(cable)).ok


@settings(max_examples=examples(0.5), suppress_health_check=_LENIENT, deadline=None)
@given(text=arbitrary_text)
@example("0\x1f0")  # a control that separates words: <g> holds a space
@example("0\x1b0")  # one that does not: not part of the word
@example("TAG:\x08")  # a control in an attribute value (was: lxml ValueError)
@example("E.O0000&amp;")  # a mark (the E.O. date) ending inside an entity
def test_tei_text_of_arbitrary_text_is_its_words(text: str) -> None:
    cable = cableformat.parse(text)
    assert_same_words(cons.cable_words(cable), tei_words(cable), "TEI")


def test_control_characters_in_tei_attributes_and_words() -> None:
    cable = cableformat.parse("UNCLAS STATE 000001\nTAG:\x08\nTAGS: PR\x08EL\n\n1. A\x1fB C\x1bD\n")
    document = convert.to_tei(cable)  # once: ValueError from lxml (a control in @key)
    assert convert.check("tei", document) == []
    assert_same_words(cons.cable_words(cable), tei_words(cable), "TEI")
    assert cons.words("A\x1fB C\x1bD") == ["A", "B", "CD"]


def test_portion_mark_before_classified_by_is_carried() -> None:
    # 03ANKARA4231.html: "(U) Classified by DCM ...": the (U) was in no JSON text node
    cable = cableformat.parse("CONFIDENTIAL ANKARA 004231\n\nREF: ANKARA 4230\n\n"
                              "(U) Classified by DCM Robert Deutsch, reasons 1.5, b/d.\n\n"
                              "1. (S) Text.\n")
    cb = cable.body.classified_by
    assert cb is not None and cb.portion == "U" and cb.keyword == "Classified by"
    assert cons.compare(cons.cable_words(cable), cons.json_words(cable)).ok
    back = convert.from_json(convert.to_json(cable))
    assert back.body.classified_by is not None and back.body.classified_by.portion == "U"
