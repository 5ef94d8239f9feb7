"""REF ends where prose begins (issue 11): the prose goes to the text, not into the field."""

from __future__ import annotations

import cableformat
from cableformat.parser import parse_source
from cableformat.source import Source

HEAD = "UNCLAS CAIRO 002053\n\nE.O. 12958: N/A\nTAGS: PGOV UN KCRM KCOR EG\n"


def _refs(text: str) -> list[str]:
    refs = cableformat.parse(text).body.refs
    assert refs is not None
    return [item.raw for item in refs.items]


def test_prose_run_on_after_ref_in_a_long_line_is_a_paragraph() -> None:
    # 09CAIRO2053: a reflowed text run on after the REF on the SUBJECT line
    line = ("SUBJECT: DEMARCHE DELIVERED: UN CONVENTION AGAINST CORRUPTION REF: STATE 106225 "
            "(SBU) On October 19, we delivered reftel points to MFA Deputy Director for "
            "International Legal Affairs and Conventions Ibrahim El-Diwany, urging Egypt to "
            "join the consensus. El-Diwany had no substantive response. Scobey\n")
    text = HEAD + line
    cable = cableformat.parse(text)
    assert cable.body.refs is not None and cable.body.refs.raw == "REF: STATE 106225"
    first = cable.body.paragraphs[0]
    assert first.portion == "SBU" and first.text.startswith("On October 19, we delivered")
    assert cable.body.signature is not None and cable.body.signature.raw == "Scobey"
    assert cableformat.render(cable) == text


def test_numbered_paragraph_after_a_continuation_header_in_the_ref_line() -> None:
    # 10LONDON92: REF, a run-in continuation header, then paragraph 1 without portion mark
    line = ("REF: 09 State 124006  LONDON 00000092  001.3 OF 012   1.  In response to reftel, "
            "the following is the 2010 Investment Climate Statement for the United Kingdom.  "
            "The information is updated as of January 1, 2010.\n")
    cable = cableformat.parse("UNCLAS LONDON 000092\n\nSUBJECT: X\n" + line)
    assert cable.body.refs is not None and cable.body.refs.raw == "REF: 09 State 124006"
    assert cable.body.paragraphs[0].number == "1"
    assert cable.body.paragraphs[0].text.startswith("In response to reftel")


def test_prose_after_a_blank_line_ends_the_ref() -> None:
    # 09MANAMA569: "(U) In response" is a portion mark, not a REF label
    text = HEAD + "SUBJECT: TAXATION\n\nREF: STATE 81738\n\n(U) In response to reftel request " \
        "to determine the total amount, Post has no evidence. ERELI\n"
    assert _refs(text) == ["STATE 81738"]
    assert cableformat.render(cableformat.parse(text)) == text


def test_prose_on_a_soft_line_ends_the_ref() -> None:
    # 04NEWDELHI7081 (a mongo JSON text without newlines: lines break at runs of spaces)
    text = ("UNCLAS NEW DELHI 007081  SIPDIS  E.O. 12958: N/A TAGS: PHUM, PREL, IN SUBJECT: "
            "DEMARCHE DELIVERED  REF: STATE 236869  On November 5, Poloff delivered our "
            "demarche on human rights resolutions to MEA.  Baglay offered no feedback. MULFORD ")
    source = Source(text=text, name="t", input_format="json", line_structure_lost=True)
    cable = parse_source(source)
    assert cable.body.refs is not None and cable.body.refs.raw.rstrip() == "REF: STATE 236869"
    assert cableformat.render(cable) == text


def test_ref_items_on_later_lines_stay_in_the_ref() -> None:
    base = HEAD + "SUBJECT: X\n\nREF: A. STATE 12345\n"
    assert _refs(base + "     B. Embassy email of June 3 to the Department\n\n1. Text.\n") == [
        "A. STATE 12345", "B. Embassy email of June 3 to the Department"]
    wrapped = cableformat.parse(HEAD + "SUBJECT: X\n\nREF: STATE 12345\nPARIS 234 and 235 "
                                "of the Embassy\n\n1. Text.\n").body.refs
    assert wrapped is not None and wrapped.raw.endswith("PARIS 234 and 235 of the Embassy")
    labelled = base + "     B. PARIS 234\n\n(C) STATE 99 and the reply of the Embassy\n"
    assert len(_refs(labelled)) == 3  # (C) after B.: the next label, not a portion mark


def test_paragraph_one_glued_to_its_first_word_after_a_run_in_header() -> None:
    # 09TRIPOLI268 (text file): "... TRIPOLI 00000268 001.2 OF 003 1.The following ..."
    line = ("REF: 08 STATE 74840 TRIPOLI 00000268 001.2 OF 003 1.The following responses are "
            "keyed to reftel. a. COUNTRY CONDITIONS: Fraud Level: Low. Tripoli provides the "
            "full range of American Citizen Services.\n")
    cable = cableformat.parse("UNCLAS TRIPOLI 000268\n\nSUBJECT: X\n" + line)
    assert cable.body.refs is not None and cable.body.refs.raw == "REF: 08 STATE 74840"
    assert cable.body.paragraphs[0].number == "1"
    assert cable.body.paragraphs[0].text.startswith("The following responses")
