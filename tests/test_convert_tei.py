"""TEI P5 output: valid against the official tei_all (compiled once per session) and the
shipped subset, and close to the spec's hand-written example for 09BAKU443."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from lxml import etree

import cableformat
from cableformat import convert
from cableformat.model import Cable
from cableformat.parser import parse_source
from cableformat.readers import iter_sources
from tests.conftest import SAMPLES
from tests.tei_schema import TeiAll, tei_all_or_skip

NS = {"t": "http://www.tei-c.org/ns/1.0"}
BAKU = SAMPLES / "09BAKU443.txt"
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix == ".txt")


@pytest.fixture
def tei_all() -> TeiAll:
    """The official TEI P5 4.3.0 tei_all.rng (compiled once per session; skip if absent)."""
    return tei_all_or_skip()


def tei_of(cable: Cable) -> etree._Element:
    doc = convert.to_tei(cable)
    assert convert.check("tei", doc) == [], convert.check("tei", doc)[:3]
    return etree.fromstring(doc.encode("utf-8"))


def assert_tei_all(schema: TeiAll, root: etree._Element, name: str) -> None:
    assert schema.validate(root), f"{name}: {schema.error}"


def baku() -> Cable:
    (source,) = list(iter_sources(BAKU))
    return parse_source(source)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_samples_valid_against_tei_all(path: Path, tei_all: TeiAll) -> None:
    for source in iter_sources(path):
        assert_tei_all(tei_all, tei_of(parse_source(source)), path.name)


def test_baku_header_like_the_example() -> None:
    root = tei_of(baku())
    assert root.get("{http://www.w3.org/XML/1998/namespace}id") == "cable-09BAKU443"
    x = lambda path: root.xpath(path, namespaces=NS)  # noqa: E731
    assert x("string(//t:publicationStmt/t:idno[@type='cableRef'])") == "09BAKU443"
    assert x("string(//t:creation/t:date/@when)") == "2009-06-02T09:28:00Z"
    assert x("string(//t:creation/t:date)") == "020928Z JUN 09"
    targets = x("//t:textClass/t:catRef/@target")
    assert targets == ["#cls.C", "#prec.O", "#cav.SIPDIS"]
    assert x("//t:keywords[@scheme='#sdtags']/t:term/@key") == [
        "PGOV", "MARR", "PREL", "AJ", "RU", "IR", "TR"]
    assert x("string(//t:correspAction[@type='sent']/t:orgName)") == "AMEMBASSY BAKU"
    assert x("//t:correspAction[@subtype='action']/t:orgName/text()") == ["SECSTATE WASHDC"]
    assert len(x("//t:correspAction[@subtype='info']/t:orgName")) == 10


def test_baku_text_like_the_example() -> None:
    root = tei_of(baku())
    x = lambda path: root.xpath(path, namespaces=NS)  # noqa: E731
    front = "//t:front/t:div"
    assert x(f"{front}[@type='transmission']/t:ab/@type") == [
        "channel", "relay", "originator", "securityWarning", "dtg", "from", "to", "info"]
    assert len(x(f"{front}//t:ab[@type='info']/t:lb")) == 9
    assert x(f"string({front}//t:ab[@type='to'])") == "TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297"
    assert x(f"{front}[@type='classificationBlock']/t:fw/text()") == [
        "C O N F I D E N T I A L", "SECTION 01 OF 02 BAKU 000443"]
    assert x(f"string({front}//t:ab[@type='declassification']/t:date/@when)") == "2019-06-02"
    assert x(f"{front}//t:ab/@type")[-3:] == ["distribution", "declassification", "tags"]
    body = "//t:body/t:div[@type='telegram']"
    # the fields after the subject stay where the cable has them: after the head
    assert x(f"string({body}/t:ab[@type='classifiedBy']/t:persName)") == (
        "Ambassador Anne E. Derse")
    assert x(f"{body}/t:opener/following-sibling::*[1]/@type") == ["classifiedBy"]
    assert " ".join(x(f"string({body}/t:head[@type='subject'])").split()) == (
        "SUBJECT: AZERBAIJAN: PRESIDENT EXPRESSES INTEREST IN ADDITIONAL TROOP CONTRIBUTIONS TO "
        "AFGHANISTAN")
    assert len(x(f"{body}/t:head[@type='subject']/t:lb")) == 1
    assert x(f"{body}//t:p/@n") == [str(n) for n in range(1, 12)]
    assert x(f"{body}/t:div[@type='section']/t:head/text()") == [
        "On Nagorno Karabakh", "On Turkey-Armenia Reconciliation", "On Troops For Afghanistan",
        "On Georgian Exercise", "On Weapons Sales"]
    p1 = x(f"{body}/t:p[@n='1']")[0]
    assert p1.get("ana") == "#cls.C"
    assert p1.xpath("string(t:label)", namespaces=NS) == "1."
    assert p1.xpath("string(t:seg[@type='portionMarking'])", namespaces=NS) == "(C)"
    assert x(f"string({body}//t:p[@n='11']/@ana)") == "#cls.U"
    assert x(f"string({body}//t:milestone[@unit='section']/@n)") == "2"
    assert x(f"string({body}//t:fw[@type='sectionHeader'])") == "BAKU 00000443  002 OF 002"
    assert x(f"string({body}/t:closer/t:signed)") == "DERSE"


def test_forbidden_characters_in_tei(tei_all: TeiAll) -> None:
    cable = cableformat.parse("UNCLAS STATE 000001\n\nSUBJECT: A\x0cB\n\n1. Text\x1b here.\n")
    doc = convert.to_tei(cable)
    assert "\x0c" not in doc and "\x1b" not in doc
    root = etree.fromstring(doc.encode("utf-8"))
    assert root.xpath("//t:g[@type='control']/@n", namespaces=NS)[-1] == "U+001B"
    assert_tei_all(tei_all, root, "forbidden")


def test_empty_and_odd_cables_are_valid(tei_all: TeiAll) -> None:
    for text in ("", "hello", "UNCLAS\n", "E.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n",
                 "PAGE 02 ROME 03067 211833Z\n1. (U) Text\n"):
        assert_tei_all(tei_all, tei_of(cableformat.parse(text)), repr(text))


def test_subset_compiles_fast() -> None:
    t0 = time.perf_counter()
    etree.RelaxNG(etree.fromstring(convert.schema_file("tei_cable.rng")))
    assert time.perf_counter() - t0 < 2.0


def test_corpus_sample_valid_against_tei_all(corpus: Path, tei_all: TeiAll) -> None:
    files = (sorted(corpus.glob("html/*.html"))[::60] + sorted(corpus.glob("text/*.txt"))[::60]
             + sorted(corpus.glob("csv/*.csv")) + sorted(corpus.glob("other/*/*"))[::60])
    count = 0
    for path in files:
        for source in iter_sources(path):
            if hasattr(source, "text"):
                assert_tei_all(tei_all, tei_of(parse_source(source)),
                               path.name)
                count += 1
    assert count >= 50
