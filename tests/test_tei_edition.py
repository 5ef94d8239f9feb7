"""The TEI output as an edition (issue 12): linked names, cited cables, FRUS-style front
matter, editorial notes about the source, redactions, ids and page breaks, layout.

Cables are short synthetic texts modelled on corpus lines (no corpus needed); every document
is also checked against the shipped subset schema and, where present, the official tei_all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from lxml import etree

import cableformat
from cableformat import convert
from cableformat.model import Cable
from cableformat.writers import conservation as cons
from tests.conftest import SAMPLES
from tests.tei_schema import tei_all_or_skip

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PARTIAL = ("This record is a partial extract of the original cable. The full text of the "
           "original cable is not available.")
REF_CABLE = ("C O N F I D E N T I A L STATE 000123\n\nSIPDIS\n\nE.O. 12958: DECL: 06/02/2019\n"
             "TAGS: PREL, AJ, ZZZQ\nSUBJECT: TALKS WITH XXXXXXXXXXXX\n\n"
             "REF: A. 09BAKU443 B. 09STATE55 C. MEMCON OF MAY 5\n\n"
             "Classified By: Ambassador Anne E. Derse, for reasons 1.4 (b,d).\n\n"
             "1. (C) XXXXXXXXXXXX told us XXXXXXXXXXXX's talks failed.\n\n"
             "1. (C) A second paragraph one.\n\n2. (U) Two.\n\nDERSE\n")
FOUO_CABLE = ("UNCLAS STATE 000123\n\nSENSITIVE\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PREL\n"
              "SUBJECT: A TEST\n\n1. (SBU) One.\n\n2. (U//FOUO) Two.\n\nCLINTON\n")


def tei(cable: Cable) -> tuple[etree._Element, Callable[[str], Any]]:
    """The TEI of ``cable`` (valid against the subset) and an XPath function on it."""
    doc = convert.to_tei(cable)
    assert convert.check("tei", doc) == [], convert.check("tei", doc)[:3]
    root = etree.fromstring(doc.encode("utf-8"))
    return root, lambda path: root.xpath(path, namespaces=NS)


def baku() -> Cable:
    return next(cableformat.read(SAMPLES / "09BAKU443.txt"))


def test_every_name_points_into_stand_off() -> None:
    _root, x = tei(baku())
    ids = set(x("//@xml:id"))
    refs = x("//@ref")
    assert refs and all(r[1:] in ids for r in refs)
    sender = x("//t:correspAction[@type='sent']/t:orgName/@ref")
    assert sender == ["#post.BAKU"] == x("//t:ab[@type='from']/t:orgName/@ref")
    org = x("//t:standOff/t:listOrg/t:org[@xml:id='post.BAKU']")[0]
    assert org.xpath("t:idno[@type='routingIndicator']/text()", namespaces=NS) == ["RUEHKB"]
    assert org.xpath("string(t:placeName/@ref)", namespaces=NS) == "#place.Baku"
    assert x("string(//t:place[@xml:id='place.Baku']/t:location/t:country/@key)") == "AJ"
    # every TO/INFO addressee, in the header and in the text, is linked
    addressees = x("//t:correspAction[@type='received']/t:orgName")
    assert len(addressees) == 11 and all(a.get("ref") for a in addressees)
    in_text = x("//t:ab[@type='to' or @type='info']/t:orgName/@ref")
    assert in_text == [a.get("ref") for a in addressees]
    assert "#post.STATE" in in_text and "#org.JOINT_STAFF_WASHDC" in in_text
    # signer and Classified By officer: one person, linked from both
    assert x("//t:ab[@type='classifiedBy']/t:persName/@ref") == ["#pers.DERSE"]
    assert x("//t:closer/t:signed/t:persName/@ref") == ["#pers.DERSE"]
    assert x("//t:person[@xml:id='pers.DERSE']/t:persName/text()") == [
        "Ambassador Anne E. Derse"]
    assert x("string(//t:creation/t:placeName/@ref)") == "#place.Baku"


def test_tags_carry_their_glosses() -> None:
    _root, x = tei(cableformat.parse(REF_CABLE))
    assert x("//t:taxonomy[@xml:id='sdtags']/t:category/@xml:id") == ["tag.PREL", "tag.AJ"]
    assert x("string(//t:category[@xml:id='tag.PREL']/t:catDesc)") == (
        "External political relations")
    assert x("string(//t:category[@xml:id='tag.AJ']/t:catDesc)") == "Azerbaijan"
    # a TAG without a gloss is kept, unlinked
    assert x("//t:keywords/t:term/@ref") == ["#tag.PREL", "#tag.AJ"]
    assert x("//t:ab[@type='tags']/t:term[@key='ZZZQ']/@ref") == []


def test_cited_cables_are_pointers_listed_as_previous() -> None:
    _root, x = tei(cableformat.parse(REF_CABLE))
    assert x("//t:ab[@type='ref']/t:ref/@target") == ["cable:09BAKU443", "cable:09STATE55"]
    assert x("//t:ab[@type='ref']/t:ref/text()") == ["A. 09BAKU443", "B. 09STATE55"]
    assert x("//t:correspContext/t:ref[@type='prev']/@target") == [
        "cable:09BAKU443", "cable:09STATE55"]
    prefix = x("//t:listPrefixDef/t:prefixDef[@ident='cable']")[0]
    assert prefix.get("replacementPattern") == "https://wikileaks.org/plusd/cables/$1_a.html"


def test_frus_style_front_matter() -> None:
    _root, x = tei(baku())
    assert x("string(//t:title[@type='sub'])") == (
        "Telegram 09BAKU443 From the Embassy in Baku to the Department of State, 2 June 2009")
    assert x("//t:sourceDesc/t:bibl/t:publisher/text()") == ["WikiLeaks"]
    assert x("string(//t:revisionDesc/t:change/@who)") == "#cableformat"
    assert "Converted to TEI by cableformat" in x("string(//t:revisionDesc/t:change)")
    opener = x("//t:div[@type='telegram']/t:opener")[0]
    assert opener.getprevious().get("type") == "subject"
    assert opener.get("resp") == "#cableformat"
    assert opener.xpath("string(t:dateline)", namespaces=NS) == "Baku, June 2, 2009, 0928Z."
    assert opener.xpath("string(t:dateline/t:placeName/@ref)", namespaces=NS) == "#place.Baku"
    assert opener.xpath("string(t:dateline/t:date/@when)", namespaces=NS) == (
        "2009-06-02T09:28:00Z")
    assert opener.xpath("string(t:note[@type='source'])", namespaces=NS) == (
        "Source: WikiLeaks, Cablegate, 09BAKU443. Confidential; Immediate; Sipdis.")


@pytest.mark.parametrize("text", ["", "hello", "SUBJECT:\n\n1. Text.\n", "UNCLAS\n"])
def test_titles_are_never_empty_and_no_reader_id_is_a_publisher(text: str) -> None:
    _root, x = tei(cableformat.parse(text))
    titles = x("//t:titleStmt/t:title")
    assert [t.get("type") for t in titles] == ["main", "sub"]
    assert all("".join(t.itertext()).strip() for t in titles)
    assert x("//t:publisher") == []  # no page: no publisher, never "text" or a reader name


def test_redactions_are_gaps_that_keep_the_words() -> None:
    cable = cableformat.parse(REF_CABLE)
    root, x = tei(cable)
    gaps = x("//t:text//t:gap[@reason='redacted']")
    assert len(gaps) == 3  # one in the subject, two in paragraph 1
    assert [g.xpath("string(t:desc)", namespaces=NS) for g in gaps] == ["XXXXXXXXXXXX"] * 3
    assert x("string(//t:p[@n='1'][1])").endswith("XXXXXXXXXXXX told us XXXXXXXXXXXX's "
                                                    "talks failed.")
    assert cons.compare(cons.cable_words(cable), cons.words(cons.tei_text(root))).equal


def test_paragraph_ids_follow_their_numbers() -> None:
    _root, x = tei(cableformat.parse(REF_CABLE))
    assert [(p.get(XML_ID), p.get("n")) for p in x("//t:p[@n]")] == [
        ("p1", "1"), ("p1_2", "1"), ("p2", "2")]


def test_declassification_date_or_text() -> None:
    _root, x = tei(cableformat.parse(REF_CABLE))
    assert x("//t:ab[@type='declassification']/t:date/@when") == ["2019-06-02"]
    _root, x = tei(cableformat.parse(FOUO_CABLE))
    assert x("//t:ab[@type='declassification']/t:date") == []
    assert x("//t:ab[@type='declassification']/t:seg[@type='declassify']/text()") == ["N/A"]


def test_fouo_and_sensitive_cables_are_sbu_throughout() -> None:
    _root, x = tei(cableformat.parse(FOUO_CABLE))
    assert x("//t:catRef[@scheme='#classification']/@target") == ["#cls.SBU"]
    assert x("//t:p/@ana") == ["#cls.SBU", "#cls.SBU"]
    assert "Sensitive but Unclassified" in x("string(//t:note[@type='source'])")
    text = FOUO_CABLE.replace("SENSITIVE\n", "")
    _root, x = tei(cableformat.parse(text))  # no FOUO marking on the cable: stays U
    assert x("//t:catRef[@scheme='#classification']/@target") == ["#cls.U"]


def test_partial_extract_notice_is_a_note_about_the_source() -> None:
    cable = cableformat.parse(PARTIAL + "\n\n" + FOUO_CABLE)
    root, x = tei(cable)
    notes = x("//t:sourceDesc/t:bibl/t:note[@type='partialExtract']")
    assert [n.text for n in notes] == [PARTIAL] and notes[0].get("subtype") == "transcribed"
    assert "This record" not in "".join(x("//t:text")[0].itertext())
    assert "A partial extract" in x("string(//t:note[@type='source'])")
    # conservation reads the moved lines, and only them: the words are all there
    assert cons.compare(cons.cable_words(cable), cons.words(cons.tei_text(root))).equal
    for note in notes:
        note.getparent().remove(note)
    assert not cons.compare(cons.cable_words(cable), cons.words(cons.tei_text(root))).ok


def test_one_page_break_per_page() -> None:
    text = ("UNCLAS\n\nPAGE 01 ROME 03067 211833Z\n1. (U) Text of the first page.\n"
            "PAGE 02 ROME 03067 211833Z\nPAGE 02 ROME 03067 211833Z\n2. (U) More.\n")
    _root, x = tei(cableformat.parse(text))
    pbs = x("//t:pb/@n")
    assert len(pbs) == len(set(pbs)) and len(x("//t:fw[@type='pageHeader']")) >= 2


def test_line_breaks_stand_on_their_own_line() -> None:
    doc = convert.to_tei(baku())
    info = doc[doc.index('<ab type="info">'):]
    info = info[: info.index("</ab>")]
    assert info.count("<lb/>") == 9
    assert all(line.strip() == "<lb/>" for line in info.splitlines() if "<lb/>" in line)
    assert "¶" not in doc


def test_edition_documents_are_valid_against_tei_all() -> None:
    schema = tei_all_or_skip()
    for cable in (baku(), cableformat.parse(REF_CABLE), cableformat.parse(FOUO_CABLE),
                  cableformat.parse(PARTIAL + "\n\n" + FOUO_CABLE)):
        root, _x = tei(cable)
        assert schema.validate(root), schema.error


def test_ref_items_that_share_or_cross_lines_are_linked() -> None:
    # 04BRASILIA2863 and 04WELLINGTON591: an item holding the next, an item on two lines
    text = ("C O N F I D E N T I A L BRASILIA 002863\n\nSUBJECT: HAITI\n\n"
            "REF: A. 04 BRASILIA 2799 AND 2764\nB. 04 WELLINGTON 539 (NATS BACK AWAY FROM\n"
            "PRE-ELECTION CHANGE)\n\n1. (C) Text.\n")
    cable = cableformat.parse(text)
    root, x = tei(cable)
    assert x("//t:ab[@type='ref']/t:ref/@target") == [
        "cable:04BRASILIA2799", "cable:04BRASILIA2764", "cable:04WELLINGTON539"]
    assert x("//t:ab[@type='ref']/t:ref/text()") == [
        "A. 04 BRASILIA 2799", "2764", "B. 04 WELLINGTON 539 (NATS BACK AWAY FROM"]
    assert cons.compare(cons.cable_words(cable), cons.words(cons.tei_text(root))).equal


def test_a_text_of_subject_and_signature_only_is_valid() -> None:
    # 08MANAMA422: the whole text ran into the subject; head and closer need a p between
    _root, x = tei(cableformat.parse("UNCLAS MANAMA 000422\n\nSUBJECT: ALL IN ONE\n\nHENZEL\n"))
    assert [c.tag.split("}")[1] for c in x("//t:div[@type='telegram']/*")] == [
        "head", "opener", "p", "closer"]


def test_without_a_header_the_sender_is_the_post_of_the_reference_id() -> None:
    cable = cableformat.parse("C O N F I D E N T I A L ANKARA 000123\n\nSUBJECT: X\n\n"
                              "1. (C) Text.\n\nWILSON\n")
    cable.reference_id = "09ANKARA123"  # as a page's wrapper gives it
    _root, x = tei(cable)
    assert x("//t:correspAction[@type='sent']/t:orgName/@ref") == ["#post.ANKARA"]
    assert x("string(//t:correspAction[@type='sent']/t:orgName)") == "Embassy Ankara"
    assert x("string(//t:titleStmt/t:author/t:orgName/@ref)") == "#post.ANKARA"
    assert x("string(//t:title[@type='sub'])") == "Telegram 09ANKARA123 From the Embassy in Ankara"
    assert x("string(//t:opener/t:dateline)") == "Ankara."
    assert x("//t:front//t:orgName") == []  # nothing is marked in the text that is not there


def test_control_character_in_a_linked_name_does_not_break_the_tei() -> None:
    # hypothesis found it (seed 315963283): the classifier's persName took the ESC as written
    cable = cableformat.parse("CONFIDENTIAL\nSUBJECT: TEST\nCLASSFIED BY:AA\x1b\nDERSE AA\x1b\n")
    tei = convert.to_tei(cable)
    assert "<persName>" in tei and "\x1b" not in tei.split("<text")[0]
