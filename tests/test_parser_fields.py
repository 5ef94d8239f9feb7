"""Field parsers of ``cableformat/parser/fields.py``: values read from short cable excerpts.

The module's own tests (yamllint style): each asserts a value the spec (format-spec 1.4) or an
issue asks the parser to read, on a few synthetic lines.
"""

from __future__ import annotations

import pytest

import cableformat

HEAD = "C O N F I D E N T I A L BAKU 000443\n\n"


@pytest.mark.parametrize(("banner", "level"), [
    ("S E C R E T STATE 000443", "SECRET"),
    ("SECRET STATE 000443", "SECRET"),
    ("T O P S E C R E T STATE 000443", "TOP SECRET"),
    ("C O N F I D E N T I A L STATE 000443", "CONFIDENTIAL"),
    ("UNCLAS STATE 000443", "UNCLASSIFIED"),
    ("LIMITED OFFICIAL USE STATE 000443", "LIMITED OFFICIAL USE"),
])
def test_banner_level_is_normalised(banner: str, level: str) -> None:
    b = cableformat.parse(banner + "\n\nSUBJECT: X\n").body.banner
    assert b is not None and b.classification == level


@pytest.mark.parametrize(("eo", "kind", "value"), [
    ("E.O. 12958: N/A", "na", "N/A"),
    ("E.O. 12958: N / A", "na", "N / A"),
    ("E.O. 12958: DECL: N/A", "na", "N/A"),
    ("E.O. 12958: DECL: 06/02/2019", "date", "06/02/2019"),
    ("E.O. 12958: DECL: 2019/06/02", "date-ymd", "2019/06/02"),
    ("E.O. 12958: DECL: X1, X5", "exemption", "X1, X5"),
    ("E.O. 12958: DECL: OADR", "schedule", "OADR"),
    ("E.O. 12958: DECL: UPON RETURN", "other", "UPON RETURN"),
    ("E.O. 12958: DECL:", "missing", "DECL:"),
])
def test_eo_declassification_kind(eo: str, kind: str, value: str) -> None:
    e = cableformat.parse(HEAD + eo + "\nSUBJECT: X\n").body.eo
    assert e is not None and (e.decl_kind, e.decl_raw) == (kind, value)


def test_ref_wrapped_onto_the_next_line_stays_one_item() -> None:
    # a REF item continues on the next line; only a blank line ends it
    text = HEAD + "SUBJECT: X\n\nREF: STATE 12345\nPARIS 234 and 235 of the Embassy\n\n1. Text.\n"
    refs = cableformat.parse(text).body.refs
    assert refs is not None and refs.raw.endswith("PARIS 234 and 235 of the Embassy")
    assert [item.raw for item in refs.items] == ["STATE 12345\nPARIS 234 and 235 of the Embassy"]


@pytest.mark.parametrize(("tags", "items"), [
    # a comma list with a parenthesised name: codes of one item are separate TAGS, a phrase
    # is one free-text item, the name stays with OVIP
    ("TAGS: PGOV PREL, OVIP (RICE, CONDOLEEZZA), KISL",
     [("PGOV", "subject"), ("PREL", "subject"), ("OVIP (RICE, CONDOLEEZZA)", "person"),
      ("KISL", "program")]),
    ("TAGS: HUMAN RIGHTS, OVIP (RICE, CONDOLEEZZA)",
     [("HUMAN RIGHTS", "free"), ("OVIP (RICE, CONDOLEEZZA)", "person")]),
])
def test_tags_items_and_kinds(tags: str, items: list) -> None:
    t = cableformat.parse(HEAD + tags + "\nSUBJECT: X\n").body.tags
    assert t is not None and [(i.raw, i.kind) for i in t.items] == items


@pytest.mark.parametrize(("ref", "items"), [
    # a label written twice (A. A:, A. (A)) is one label
    ("REF: A. A: PANAMA 933 B. STATE 1234",
     [("A", "PANAMA", "933", None), ("B", "STATE", "1234", None)]),
    ("REF: A. (A) 03 BRASILIA 2313\n     B. STATE 1234",
     [("A", "BRASILIA", "2313", "03BRASILIA2313"), ("B", "STATE", "1234", None)]),
    # (08) is a year, not a label
    ("REF: (08) STATE 1234", [(None, "STATE", "1234", "08STATE1234")]),
])
def test_ref_labels_and_cables(ref: str, items: list) -> None:
    refs = cableformat.parse(HEAD + "SUBJECT: X\n" + ref + "\n\n1. Text.\n").body.refs
    assert refs is not None
    assert [(i.label, i.office, i.serial, i.reference_id) for i in refs.items] == items


def test_prose_after_a_reference_is_the_text_not_a_ref_item() -> None:
    from cableformat.parser.fields import prose_at, ref_prose_line, ref_prose_start

    # a capitalised word and then words in small letters: prose
    assert prose_at("On November 5, Poloff delivered our demarche").group("first") == "On"
    assert prose_at("EMBOFFS delivered reftel to the Foreign Ministry") is not None
    assert prose_at("In 2008 the Embassy delivered reftel") is not None
    # a further reference (capitals or not), never prose
    assert prose_at("PARIS 234 and 235 of the Embassy") is None
    assert prose_at("State 124006 was delivered to the ministry") is None
    # a head line after REF text that ends with a serial
    assert ref_prose_line("REF: STATE 236869", "On November 5, Poloff delivered our demarche")
    assert not ref_prose_line("REF: STATE 236869", "PARIS 234 and 235 of the Embassy")
    line = "REF: STATE 106225 (SBU) On October 19, we delivered the demarche"
    m = ref_prose_start(line, 5, len(line))
    assert m is not None and m.group("portion") == "SBU" and m.group("first") == "On"


def test_banner_serial_that_lost_a_digit_takes_the_de_lines_for_the_year_rule() -> None:
    # 06REYKJAVIK40: banner REYKJAVIK 00040 for 000401 (DE RUEHRK #0401/01)
    text = (
        "DE RUEHRK #0401/01 2991754\n"
        "ZNR UUUUU ZZH\n"
        "P 261754Z OCT 06\n"
        "FM AMEMBASSY REYKJAVIK\n"
        "TO RUEHC/SECSTATE WASHDC PRIORITY 3030\n"
        "UNCLAS SECTION 01 OF 02 REYKJAVIK 00040\n"
        "\n"
        "E.O. 12958: N/A\n"
        "TAGS: MOPS PREL IC\n"
        "SUBJECT: VISIT OF USS WASP\n"
        "\n"
        "REF: A) REYKJAVIK 369 B) REYKJAVIK 420\n"
        "\n"
        "1. (SBU) Text.\n"
    )
    refs = cableformat.parse(text).body.refs
    assert refs is not None
    assert [(r.reference_id, r.year_source) for r in refs.items] == [
        ("06REYKJAVIK369", "citing"), ("05REYKJAVIK420", "previous")]
