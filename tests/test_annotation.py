"""Annotated excerpts: the named-entity list before the text is not part of the cable."""

from __future__ import annotations

from cableformat.parser.annotation import entity_list_end
from cableformat.parser.lines import Doc

LIST = (
    "\ufeff\n"
    "1. GREGORY SCHARF                PER.IND\n"
    "2\tINDIA\tGPE.NATION\n"
    "3.\n"
    "4. SMITHSONIAN INSTITUTION \n"
    "//POSSIBLE ENTITIES: UNITED STATES|GPE.NATION\n"
    "\n"
    "@@@@\n"
    "\n"
    "1. [[SCHARF || 1]] CAME TO [[CONSULATE || 5]] SEP 7.\n"
)


def test_entity_list_and_separator_are_annotation() -> None:
    doc = Doc(LIST)
    end = entity_list_end(doc, 0)
    assert end == 8 and doc.clean[end - 1] == "@@@@"
    assert doc.kinds[1:5] == ["annotation"] * 4 and doc.kinds[6] == "blank"
    assert doc.kinds[end + 1] == "text"  # the first paragraph is the cable's


def test_list_without_separator_needs_three_typed_entries() -> None:
    typed = "1. EMBASSY BRUSSELS   ORG.GOV\n2. HOLIDAY INN   ORG.COM\n3. BELGIUM   GPE.SPECIAL\n"
    doc = Doc(typed + "\n(B) USDOC 15141\n1. WE CONFIRM.\n")
    assert entity_list_end(doc, 0) == 4
    two = Doc("1. EMBASSY BRUSSELS   ORG.GOV\n2. HOLIDAY INN   ORG.COM\nTEXT\n")
    assert entity_list_end(two, 0) is None and set(two.kinds) == {"text"}


def test_numbered_paragraphs_are_not_an_entity_list() -> None:
    cable = ("1. (C) SUMMARY: THE MINISTER SAID THAT THE GOVERNMENT WOULD NOT ACCEPT THE PROPOSAL "
             "AS IT STANDS AND ASKED FOR MORE TIME.\n2. (U) NEXT.\n3. (U) LAST.\nDERSE\n")
    assert entity_list_end(Doc(cable), 0) is None
    # short numbered lines (a list in the text) carry no entity type
    assert entity_list_end(Doc("1. PARIS\n2. LONDON\n3. ROME\nEND\n"), 0) is None


EXCERPT = (
    "\ufeff\n"
    "1. THE SECRETARY        PER.IND\n"
    "2. ROGERS        PER.IND\n"
    "3. COLOMBIA        GPE.NATION\n"
    "\n@@@\n\n"
    "TO [[THE SECRETARY ||1]] FROM [[ROGERS || 2]]\n\n"
    "1. THE STATE OF SIEGE IN [[COLOMBIA || 3]] IS A RELUCTANT RESPONSE.\n\n"
    "2. IT WILL LAST.\n\n"
    "UNCLASSIFIED SECTION 02 OF 02 STATE 152120\n\n"
    "3. MORE TEXT.\n\n"
    "[[ROGERS || 2]]\n\n"
    "*** Current Classification *** UNCLASSIFIED\n"
)


def test_annotated_excerpt_is_one_diagnostic_and_its_text_is_read() -> None:
    import cableformat

    cable = cableformat.parse(EXCERPT)
    assert cableformat.render(cable) == EXCERPT
    assert cable.page_kind == "annotated"
    assert cable.header is None  # "TO ... FROM" is text, not an addressee line
    assert [p.number for p in cable.body.paragraphs] == ["1", "2", "3"]
    assert cable.body.paragraphs[0].text == (
        "THE STATE OF SIEGE IN COLOMBIA IS A RELUCTANT RESPONSE.")
    assert cable.body.signature is not None and cable.body.signature.raw == "ROGERS"
    codes = [d.code for d in cableformat.validate(cable)]
    assert codes == ["K007"]


def test_a_body_without_any_head_gets_one_diagnostic() -> None:
    import cableformat

    text = "1. THE MINISTER SAID NO.\n\n2. WE AGREE.\n\nROGERS\n"
    codes = [d.code for d in cableformat.validate(text)]
    assert codes.count("B001") == 1
    assert not {"B003", "B006", "B008"} & set(codes)
    # with a head field present, what is missing is reported field by field
    codes = [d.code for d in cableformat.validate("TAGS: PREL\n\n1. TEXT.\n\nROGERS\n")]
    assert {"B001", "B003", "B008"} <= set(codes)


TYPED = "1. EMBASSY BRUSSELS   ORG.GOV\n2. HOLIDAY INN   ORG.COM\n3. BELGIUM   GPE.SPECIAL\n"


def test_an_untyped_entry_longer_than_120_characters_ends_the_list() -> None:
    entry = "4. " + "A" * 117  # 120 characters: still a name
    doc = Doc(TYPED + entry + "\n@@@\nTEXT\n")
    assert entity_list_end(doc, 0) == 5 and doc.kinds[3] == "annotation"
    longer = Doc(TYPED + entry + "A\n@@@\nTEXT\n")  # 121: prose, the list ended before it
    assert entity_list_end(longer, 0) == 3 and longer.kinds[3] != "annotation"


def test_an_annotator_note_of_up_to_300_characters_is_skipped() -> None:
    note = "//" + "N" * 298
    doc = Doc(TYPED + note + "\n4. ROME   GPE.NATION\n@@@\nTEXT\n")
    assert entity_list_end(doc, 0) == 6 and doc.kinds[3] == "annotation"
    longer = Doc(TYPED + note + "N\n4. ROME   GPE.NATION\n@@@\nTEXT\n")
    assert entity_list_end(longer, 0) == 3


def test_a_list_may_run_to_the_end_of_the_text() -> None:
    doc = Doc(TYPED.rstrip("\n"))
    assert entity_list_end(doc, 0) == 3 and doc.kinds == ["annotation"] * 3
