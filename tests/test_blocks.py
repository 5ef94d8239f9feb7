"""Text blocks: the words no field node holds still belong to the model."""

from __future__ import annotations

import cableformat
from cableformat.writers import conservation as cons

CABLE = (
    "Cable dated:2005-08-17T21:24:00C O N F I D E N T I A L LIMA 003571\n"
    "\n"
    "E.O. 12958: DECL: 08/16/2015\n"
    "TAGS: EMIN PGOV PE\n"
    "SUBJECT: MINING CONFLICT\n"
    "\n"
    "Classified By: Ambassador Curt Struble for reasons 1.4 (b,d).\n"
    "\n"
    "The first lines of text carry no number.\n"
    "\n"
    "1. (C) The numbered text begins.\n"
    "SIPDIS\n"
    "It goes on.\n"
    "\n"
    "STRUBLE\n"
    "\n"
    "NOTE BY OC/T: NOT PASSED TO ABOVE ADDRESSEE(S)\n"
)


def test_text_outside_every_field_is_a_block_by_kind() -> None:
    cable = cableformat.parse(CABLE)
    blocks = [(b.kind, b.text) for b in cable.blocks]
    assert ("part", "Cable dated:2005-08-17T21:24:00") in blocks  # before the banner
    assert ("text", "The first lines of text carry no number.") in blocks
    assert ("stray", "SIPDIS") in blocks  # inside paragraph 1, not in its text
    assert ("trailer", "NOTE BY OC/T: NOT PASSED TO ABOVE ADDRESSEE(S)") in blocks
    for block in cable.blocks:  # spans hold the block's words
        raw = cable.text[block.span.start : block.span.end]
        assert raw == block.raw and " ".join(raw.split()) == block.text


def test_json_nodes_and_blocks_hold_every_word() -> None:
    cable = cableformat.parse(CABLE)
    comparison = cons.compare(cons.cable_words(cable), cons.json_words(cable))
    assert comparison.ok, comparison.first
    # without the blocks the same text loses words
    bare = cable.model_copy(update={"blocks": []})
    assert not cons.compare(cons.cable_words(bare), cons.json_words(bare)).ok


def test_an_ordinary_cable_has_no_blocks() -> None:
    text = ("UNCLAS BAKU 000443\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TEST\n\n"
            "1. (U) Text.\n\nDERSE\n")
    assert cableformat.parse(text).blocks == []


def test_text_after_the_last_node_of_a_line_a_wrapped_field_ends_on() -> None:
    # a reflowed page: SUBJECT wraps into the line that runs on with REF, the text and a
    # glued signature followed by a record row (07TRIPOLI993)
    text = (
        "UNCLAS TRIPOLI 000993\n"
        "\n"
        "E.O. 12958: N/A\n"
        "TAGS: EAID ENRG LY\n"
        "SUBJECT: MINISTERIAL DELEGATIONS TO WASHINGTON INTERNATIONAL\n"
        "RENEWABLE ENERGY CONFERENCE REF: A) STATE 138248 Per reftel, Post requests that "
        "Libya be added to the list of invitees for the March 2008 conference. MILAM 0 "
        "11/26/2007\n"
    )
    cable = cableformat.parse(text)
    assert ("part", "0 11/26/2007") in [(b.kind, b.text) for b in cable.blocks]
    assert cons.compare(cons.cable_words(cable), cons.json_words(cable)).ok


# --- which lines make blocks, exactly (mutation testing, issue 15) ---

_HEAD = "UNCLAS BAKU 000443\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TEST\n\n"


def _blocks(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in cableformat.parse(text).blocks]


def test_an_appended_record_is_no_block_of_this_cable() -> None:
    row = '19285,7/30/2004 12:31,04THEHAGUE1916,"Embassy The Hague",CONFIDENTIAL\n'
    cable = cableformat.parse(_HEAD + "1. (U) Text.\n\nDERSE\n" + row)
    assert cable.line_kinds[-1] == "appended"
    assert cable.blocks == []


def test_a_block_of_two_lines_joins_their_words_with_a_space() -> None:
    text = _HEAD + "The first lines of text\ncarry no number.\n\n1. (U) Text.\n\nDERSE\n"
    assert _blocks(text) == [("text", "The first lines of text carry no number.")]


def test_a_classification_line_inside_a_paragraph_is_a_page_block() -> None:
    text = ("CONFIDENTIAL BAKU 000443\n\nE.O. 12958: DECL: 08/16/2015\nTAGS: PREL\n"
            "SUBJECT: TEST\n\n1. (C) The text goes\nCONFIDENTIAL\non and on.\n\nDERSE\n")
    cable = cableformat.parse(text)
    assert [(b.kind, b.text) for b in cable.blocks] == [("page", "CONFIDENTIAL")]
    block = cable.blocks[0]
    assert (block.span.start, block.span.end) == (text.index("\nCONFIDENTIAL\n") + 1,
                                                  text.index("\nCONFIDENTIAL\n") + 13)


def test_a_paragraph_run_in_after_another_on_its_line_leaves_no_part_block() -> None:
    # paragraph 1 ends and paragraph 2 starts (and goes on to the next line) on one line
    text = _HEAD + "1. (U) Text one. 2. (U) Text two goes\non here.\n\nDERSE\n"
    cable = cableformat.parse(text)
    assert [p.number for p in cable.body.paragraphs] == ["1", "2"]
    assert cable.blocks == []


def test_summary_markers_in_unnumbered_text_leave_the_line_one_block() -> None:
    # the markers mark words inside the text: they hold no line of their own
    text = _HEAD + "BEGIN SUMMARY: Unnumbered words. END SUMMARY.\n\n1. (U) Text.\n\nDERSE\n"
    cable = cableformat.parse(text)
    assert [m.name for m in cable.body.markers][:2] == ["SUMMARY", "SUMMARY"]
    assert _blocks(text) == [("text", "BEGIN SUMMARY: Unnumbered words. END SUMMARY.")]
