"""The parser: fields, normalised values and exact positions on known cables."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

import cableformat
from cableformat.source import LineIndex
from tests.conftest import SAMPLES
from tests.ruleutil import cable_text


def _ref() -> tuple[str, cableformat.Cable]:
    text = (SAMPLES / "09BAKU443.txt").read_text(encoding="utf-8")
    return text, cableformat.parse(text)


def _at(text: str, offset: int) -> tuple[int, int]:
    return LineIndex(text).locate(offset)


def test_reference_header_fields() -> None:
    text, cable = _ref()
    h = cable.header
    assert h is not None
    assert h.tid is not None and h.tid.raw == "VZCZCXRO8143"
    assert h.routing is not None and h.routing.prosign == "OO"
    assert h.routing.indicators == ["RUEHAG", "RUEHDBU", "RUEHROV", "RUEHSR"]
    assert h.de is not None and (h.de.station, h.de.ssn, h.de.section) == ("RUEHKB", "0443", "01")
    assert (h.de.julian_day, h.de.time) == (153, "0928")
    assert h.security is not None and (h.security.secop, h.security.letters) == ("ZNY", "CCCCC")
    assert h.dtg is not None and h.dtg.value == datetime(2009, 6, 2, 9, 28, tzinfo=UTC)
    assert h.dtg.precedences == ["O"]
    assert h.fm is not None and h.fm.address == "AMEMBASSY BAKU"
    assert [(a.route, a.address, a.precedence, a.mcn) for a in h.to] == [
        ("RUEHC", "SECSTATE WASHDC", "IMMEDIATE", "1297")]
    assert len(h.info) == 10
    assert h.info[1].address == "EU MEMBER STATES"
    assert h.info[-1].mcn == "1357"
    assert _at(text, h.dtg.span.start) == (h.dtg.span.line, h.dtg.span.column) == (34, 1)


def test_reference_body_fields() -> None:
    text, cable = _ref()
    b = cable.body
    assert b.banner is not None
    assert (b.banner.classification, b.banner.spaced, b.banner.section, b.banner.sections) == (
        "CONFIDENTIAL", True, 1, 2)
    assert (b.banner.office, b.banner.serial) == ("BAKU", "000443")
    assert [c.value for c in b.captions] == ["SIPDIS"]
    assert [p.raw for p in b.passing] == ["DEPT FOR EUR/CARC"]
    assert b.eo is not None and (b.eo.order, b.eo.decl_kind) == ("12958", "date")
    assert b.eo.decl_date == date(2019, 6, 2)
    assert b.tags is not None
    assert [t.value for t in b.tags.items] == ["PGOV", "MARR", "PREL", "AJ", "RU", "IR", "TR"]
    assert [t.kind for t in b.tags.items][:4] == ["subject", "subject", "subject", "geographic"]
    ru = b.tags.items[4]
    assert text[ru.span.start : ru.span.end] == "RU"
    assert b.subject is not None and b.subject.text == (
        "AZERBAIJAN: PRESIDENT EXPRESSES INTEREST IN ADDITIONAL TROOP CONTRIBUTIONS TO "
        "AFGHANISTAN")
    assert b.refs is None
    cb = b.classified_by
    assert cb is not None and cb.classifier == "Ambassador Anne E. Derse"
    assert (cb.section, cb.reasons) == ("1.4", ["b", "d"])
    assert [p.number for p in b.paragraphs] == [str(n) for n in range(1, 12)]
    assert b.paragraphs[0].portion == "C" and b.paragraphs[0].marker == "SUMMARY"
    assert [(c.section, c.total) for c in b.continuations] == [(2, 2)]
    assert b.signature is not None and b.signature.raw == "DERSE"
    assert cable.reference_id == "09BAKU443"
    assert cable.wrapper is not None and cable.wrapper.classification == "CONFIDENTIAL"


def test_head_fields_share_one_line() -> None:
    text = cable_text("""
        C o n f i d e n t i a l section 01 of 04 ankara 000348
        E.o. 12958: decl: 01/07/2014 Tags: prel, pgov, pins, tu Subject: turkish p.m. goes
        to washington

        1. (C) Text.
    """)
    b = cableformat.parse(text).body
    assert b.banner is not None and b.banner.classification == "CONFIDENTIAL"
    assert b.eo is not None and b.eo.decl_date == date(2014, 1, 7)
    assert b.tags is not None and [t.value for t in b.tags.items] == ["PREL", "PGOV", "PINS", "TU"]
    assert b.subject is not None and b.subject.text == "turkish p.m. goes to washington"
    tu = b.tags.items[-1]
    assert text[tu.span.start : tu.span.end] == "tu"


def test_continuation_header_inside_subject_is_removed() -> None:
    text = cable_text("""
        C O N F I D E N T I A L SECTION 01 OF 04 PRETORIA 000954
        E.O. 12958: DECL: 05/05/2019
        TAGS: PREL SF
        SUBJECT: MEETING SOUTH AFRICA'S
        PRETORIA 00000954  001.2 OF 004
        NEW PRESIDENT

        1. (C) Text.
    """)
    b = cableformat.parse(text).body
    assert b.subject is not None and b.subject.text == "MEETING SOUTH AFRICA'S NEW PRESIDENT"
    assert [(c.section, c.page) for c in b.continuations] == [(1, 2)]


def test_refs_resolve_to_reference_ids() -> None:
    text = cable_text("""
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443
        E.O. 12958: N/A
        TAGS: PREL AJ
        SUBJECT: TEST
        REF: A. STATE 12345 B. 08 BAKU 987 C. LAKHDHIR E-MAIL 12/01/09

        1. Text.
    """)
    refs = cableformat.parse(text).body.refs
    assert refs is not None
    assert [(r.label, r.kind, r.reference_id) for r in refs.items] == [
        ("A", "cable", "09STATE12345"), ("B", "cable", "08BAKU987"), ("C", "other", None)]


def test_partial_extract_note_and_html_markup_in_text() -> None:
    text = cable_text("""
        This record is a partial extract of the original cable. The full text is not available.
        <code><pre>C O N F I D E N T I A L ANKARA 001516
        TAGS: <a href='/tag/PGOV_0.html'>PGOV</a> <a href='/tag/TU_0.html'>TU</a>
        <a id='par1' href='#par1'>¶</a>1. (U) Text.
    """)
    cable = cableformat.parse(text)
    assert cable.partial
    assert cable.body.tags is not None
    assert [t.value for t in cable.body.tags.items] == ["PGOV", "TU"]
    pgov = cable.body.tags.items[0]
    assert text[pgov.span.start : pgov.span.end] == "PGOV"
    assert cable.body.paragraphs[0].number == "1"
    assert cableformat.render(cable) == text


def test_not_a_cable_is_reported_not_raised() -> None:
    cable = cableformat.parse("Appears in these articles:<br />\n")
    assert [s.code for s in cable.syntax] == ["X010"]


def test_parse_accepts_bytes_and_rejects_other_types() -> None:
    cable = cableformat.parse("UNCLAS STATE 000001\n".encode("utf-16"))
    assert cable.body.banner is not None
    try:
        cableformat.parse(42)  # type: ignore[arg-type]
    except TypeError:
        pass
    else:
        raise AssertionError("parse(42) must raise TypeError")


def test_import_is_cheap_and_loads_public_names_lazily() -> None:
    import subprocess
    import sys

    code = (
        "import sys, cableformat\n"
        "assert 'pydantic' not in sys.modules and 'cableformat.rules' not in sys.modules\n"
        "assert cableformat.parse('UNCLAS STATE 000001\\n').body.banner is not None\n"
        "assert 'pydantic' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_keywords_glued_to_the_previous_field_when_newlines_were_stripped() -> None:
    from cableformat.parser import parse_source
    from cableformat.source import Source

    text = ("S E C R E T SECTION 01 OF 05 ANKARA 007211  SIPDIS  E.O. 12958: DECL: 12/14/2029 "
            "TAGS: PREL PGOV TUSUBJECT: ERDOGAN AFTER TWO YEARS  (U) Classified by Ambassador "
            "Eric Edelman; reasons 1.4 (a,b).  1. (C) Summary: text.")
    cable = parse_source(Source(text=text, name="x", input_format="mongo-json",
                                line_structure_lost=True))
    b = cable.body
    assert b.tags is not None and [t.value for t in b.tags.items] == ["PREL", "PGOV", "TU"]
    assert b.subject is not None and b.subject.text == "ERDOGAN AFTER TWO YEARS"
    assert b.classified_by is not None and b.classified_by.reasons == ["a", "b"]


def test_digits_are_ascii_digits_only() -> None:
    """The telegram alphabet has ASCII digits: Unicode digits (fullwidth, Arabic-Indic) in
    a date-time group do not make a date, and the header reports the DTG as missing."""
    text, _ = _ref()
    for digits in ("０２０９２８", "٠٢٠٩٢٨"):
        odd = text.replace("O 020928Z JUN 09", f"O {digits}Z JUN 09")
        cable = cableformat.parse(odd)
        assert cable.header is not None and cable.header.dtg is None
        assert "H106" in {d.code for d in cableformat.validate(odd)}


def test_validate_takes_a_cable_or_its_text() -> None:
    text, cable = _ref()
    from_cable = cableformat.validate(cable)
    assert from_cable and all(d.code != "X999" for d in from_cable)
    assert cableformat.validate(text) == from_cable
    assert cableformat.validate(text.encode("utf-8")) == from_cable
    with pytest.raises(TypeError, match="validate"):
        cableformat.validate(42)  # type: ignore[arg-type]


def test_a_wrapped_sentence_end_is_not_a_signature() -> None:
    head = "UNCLAS BAKU 000443\n\nSUBJECT: TEST\n\n"
    prose = ("1. The Attorney General said that he does not view enforcement of\n"
             "intellectual property rights as a high priority\n")
    wrapped = cableformat.parse(head + prose + "issue.\n")
    assert wrapped.body.signature is None
    assert "B015" in {d.code for d in cableformat.validate(wrapped)}
    # the same word after a finished sentence, or a lower-case surname, is a signature
    for ending in ("issue.\n", "\nderse\n"):
        text = head + prose.replace("priority\n", "priority.\n") + ending
        cable = cableformat.parse(text)
        assert cable.body.signature is not None
        assert cable.body.signature.raw == ending.strip().rstrip(".")
        assert "B015" not in {d.code for d in cableformat.validate(cable)}


TAGS_HEAD = "UNCLAS ROME 000902\n\nE.O. 12958: DECL: 03/16/2015\n"


def _tags(line: str) -> cableformat.model.Tags:
    text = TAGS_HEAD + line + "\nSUBJECT: TEST\n\n1. TEXT.\n"
    cable = cableformat.parse(text)
    assert cableformat.render(cable) == text
    assert cable.body.tags is not None
    for tag in cable.body.tags.items:  # every item's span is the text it was read from
        assert text[tag.span.start : tag.span.end] == tag.raw
    return cable.body.tags


def test_tags_canonical_free_text_and_country_name() -> None:
    # 05ROME902: a free-text TAG of two words, then a country written out
    tags = _tags("TAGS: PREL MOPS PGOV IT IZ IRAQI FREEDOM AFGHANISTAN")
    assert tags.canonical == ["PREL", "MOPS", "PGOV", "IT", "IZ", "IRAQI FREEDOM", "AFGHANISTAN"]
    free, country = tags.items[-2:]
    assert (free.raw, free.kind, free.suggestion) == ("IRAQI FREEDOM", "free", None)
    assert country.canonical == ["AFGHANISTAN"] and country.suggestion == "AF"
    # a misspelt code next to a phrase stays a TAG of its own (04SANAA3023)
    tags = _tags("TAGS: PREL YM PARMS COUNTER TERRORISM")
    assert tags.canonical == ["PREL", "YM", "PARMS", "COUNTER TERRORISM"]
    assert tags.items[2].suggestion == "PARM"


def test_tags_canonical_run_together_and_repeats() -> None:
    # 02ROME1196: repeats and a run-together token; the item keeps the written token
    tags = _tags("TAGS PHUM, OPRC, OPRC, OPRC, IT, ITPHUM, ITPHUM, HUMAN RIGHTS")
    assert tags.canonical == ["PHUM", "OPRC", "IT", "HUMAN RIGHTS"]
    itphum = tags.items[5]
    assert (itphum.raw, itphum.canonical) == ("ITPHUM", ["IT", "PHUM"])
    assert tags.items[-1].kind == "free"
    # a K + 3 letters piece missing from the tables, among known TAGS (09CAIRO1828)
    tags = _tags("TAGS: KFRDCVISCMGTCASCKOCIASECPHUMSMIGEG")
    assert tags.canonical == ["KFRD", "CVIS", "CMGT", "CASC", "KOCI", "ASEC", "PHUM", "SMIG", "EG"]


def test_tags_canonical_person() -> None:
    tags = _tags("TAGS: OVIP STEINBERG JAMES PREL")
    assert tags.canonical == ["OVIP", "STEINBERG, JAMES", "PREL"]
    assert tags.items[0].kind == "person" and tags.items[0].raw == "OVIP STEINBERG JAMES"
    tags = _tags("TAGS OVIP (CLINTON, HILLARY), PREL, AS")
    assert tags.canonical == ["OVIP", "CLINTON, HILLARY", "PREL", "AS"]
    # OVIP followed by TAGS has no name (it used to swallow PREL); a list that wraps (06PARTO9)
    tags = _tags("TAGS: BA, OVIP PREL")
    assert tags.canonical == ["BA", "OVIP", "PREL"]
    tags = _tags("TAGS: OVIP RICE CONDOLEEZZA KISL PGOV PHUM LE\nSY, IS")
    assert tags.canonical == ["OVIP", "RICE, CONDOLEEZZA", "KISL", "PGOV", "PHUM", "LE", "SY",
                              "IS"]


def test_tags_canonical_drops_page_headers_and_sipdis() -> None:
    tags = _tags("TAGS: PREL IT SECRET PAGE 02 ROME 03067 211833Z PGOV SIPDIS")
    assert tags.canonical == ["PREL", "IT", "PGOV"]
    noise = [t for t in tags.items if t.kind == "noise"]
    assert [t.raw for t in noise] == ["SECRET PAGE 02 ROME 03067 211833Z", "SIPDIS"]
    assert all(t.canonical == [] for t in noise)


def test_tags_suggestions_are_not_applied() -> None:
    tags = _tags("TAGS: MOPPS UNDESCO PREL RU PINF")
    assert [t.suggestion for t in tags.items] == ["MOPS", "UNESCO", None, "RS", None]
    assert tags.canonical == ["MOPPS", "UNDESCO", "PREL", "RU", "PINF"]  # no correction


def test_tags_prose_in_a_comma_item_stays_whole() -> None:
    tags = _tags("TAGS: EFIN, ECON Development, USEU BRUSSELS")
    assert tags.canonical == ["EFIN", "ECON DEVELOPMENT", "USEU BRUSSELS"]


def test_csv_tags_column_is_canonical() -> None:
    from cableformat.writers.csv import cable_row

    cable = cableformat.parse(TAGS_HEAD + "TAGS: PGOV PHUMBA PGOV SIPDIS\n")
    assert cable_row(cable)["tags"] == "PGOV;PHUM;BA"
