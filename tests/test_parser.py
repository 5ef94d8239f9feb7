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
def _refs_of(banner: str, dtg: str, ref_lines: str) -> list[tuple[str | None, str, str | None]]:
    """(label, kind, reference ID) of each REF item of a minimal cable."""
    text = f"{dtg}\nFM AMEMBASSY X\n{banner}\n\nSUBJECT: TEST\n{ref_lines}\n\n1. Text.\n"
    refs = cableformat.parse(text).body.refs
    assert refs is not None
    return [(r.label, r.kind, r.reference_id) for r in refs.items]


def test_refs_implicit_year_never_above_the_citing_serial() -> None:
    # 05BRASILIA1922: BRASILIA 2684 cited by BRASILIA 1922 of 2005 is of 2004
    got = _refs_of("C O N F I D E N T I A L BRASILIA 001922", "P 151234Z JUL 05",
                   "REF: A. BRASILIA 2684 \n     B. BRASILIA 1849 \n C. STATE 2684")
    assert got == [("A", "cable", "04BRASILIA2684"), ("B", "cable", "05BRASILIA1849"),
                   ("C", "cable", "05STATE2684")]
    refs = cableformat.parse(
        "P 151234Z JUL 05\nFM AMEMBASSY X\nUNCLAS BRASILIA 001922\n\nSUBJECT: T\n"
        "REF: A. BRASILIA 2684\n").body.refs
    assert refs is not None
    assert [r.year_source for r in refs.items] == ["previous"]


@pytest.mark.parametrize(("item", "expected"), [
    ("PANAMA 00933/08", "08PANAMA933"),     # 09PANAMA343
    ("STATE 4525-91", "91STATE4525"),
    ("STATE 07718 99", "99STATE7718"),
    ("ASUNCION 701 (08)", "08ASUNCION701"),  # 09SAOPAULO558
    ("MANAGUA 2135 '08", "08MANAGUA2135"),
    ("2007 MANAGUA 2135", "07MANAGUA2135"),  # 08MANAGUA573
    ("09BOGOTA1506", "09BOGOTA1506"),        # 09BOGOTA1624: written as an ID
    ("BOGOTA2050", "09BOGOTA2050"),
    ("STATE -097844", "09STATE97844"),       # 1974ATHENS02959_b
    ("REF: KATHMANDU 2282", "09KATHMANDU2282"),
    ("(A) 08 KABUL 3068", "08KABUL3068"),    # doubled label A. (A)
    ("A: PANAMA 00332", "09PANAMA332"),      # doubled label A. A:
    ("08 STATE 122706--19/NOV/2008", "08STATE122706"),
    ("2008 \n     ISTANBUL 146", "08ISTANBUL146"),  # year and office on two lines
    ("RIO 329", "09RIODEJANEIRO329"),
])
def test_refs_year_and_office_forms(item: str, expected: str) -> None:
    got = _refs_of("UNCLAS BAKU 000443", "O 020928Z JUN 09", f"REF: A. {item}\n     B. BAKU 1")
    assert got == [("A", "cable", expected), ("B", "cable", "09BAKU1")]


@pytest.mark.parametrize("item", [
    "Jaskel - F. Evans - B. Evans emails 8/25",        # 06REYKJAVIK305
    "(B) 03 USDAO BRASILIA IIR 6 809 0235 03",         # 04BRASILIA2119
    "MYRIAD POST-DEPARTMENT E-MAILS FROM 10/01-02/02",  # 02ROME1196
    "WILKINS/CARTER TELCON 10/17/2005",
    "HANKINS JUNE 18 E-MAIL",
    "KUBISKE-MCMULLEN 9/11 TELCON",
    "INCSR BRAZIL 2008",
    "UNSCR 1737 SANCTIONS COMMITTEE",
    "TD-314/18093-06",
])
def test_refs_non_cable_items_stay_non_cable(item: str) -> None:
    got = _refs_of("UNCLAS REYKJAVIK 000305", "O 020928Z JUN 06",
                   f"REFS: A) STATE 139903 \n  B) {item}")
    assert got == [("A", "cable", "06STATE139903"), ("B", "other", None)]


def test_refs_unlabelled_items_split_at_semicolons() -> None:
    # 7575LIBREVILLE1895 and 66BUENOSAIRES2481
    got = _refs_of("UNCLAS LIBREVILLE 1895", "R 011200Z DEC 75", "REF: STATE 272523; USUN 6028")
    assert got == [(None, "cable", "75STATE272523"), (None, "cable", "75USUNNEWYORK6028")]
    got = _refs_of("UNCLAS BUENOS AIRES 2481", "R 011200Z NOV 66",
                   "REF: STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966")
    assert got == [(None, "cable", "66STATE106206"), (None, "other", None)]


def test_refs_abbreviated_own_office() -> None:
    # 10KUALALUMPUR12: KL is Kuala Lumpur in a Kuala Lumpur cable; TGG in a Tegucigalpa one
    got = _refs_of("C O N F I D E N T I A L KUALA LUMPUR 000012", "P 081000Z JAN 10",
                   "REF: A. 09 KL 1016 -- F-5 FOLLOW UP \n     B. 09 KL 1013 -- ENGINES CASE")
    assert got == [("A", "cable", "09KUALALUMPUR1016"), ("B", "cable", "09KUALALUMPUR1013")]
    got = _refs_of("UNCLAS TEGUCIGALPA 000086", "P 081000Z JAN 08", "REF: A. REF A: 07 TGG 1798")
    assert got == [("A", "cable", "07TEGUCIGALPA1798")]
    got = _refs_of("UNCLAS BAKU 000086", "P 081000Z JAN 08", "REF: A. 07 KL 1798")
    assert got == [("A", "cable", None)]  # not this cable's office: KL stays unresolved


def test_refs_item_ends_where_prose_runs_on() -> None:
    # 09CAIRO1727: the Classified By line glued to the serial
    text = ("O 020928Z JUN 09\nFM AMEMBASSY CAIRO\nC O N F I D E N T I A L CAIRO 001727\n\n"
            "SUBJECT: T\nREF: CAIRO 1725Classified By: Ambassador Margaret Scobey\n\n1. Text.\n")
    refs = cableformat.parse(text).body.refs
    assert refs is not None
    (item,) = refs.items
    assert (item.reference_id, text[item.span.start : item.span.end]) == ("09CAIRO1725",
                                                                           "CAIRO 1725")
    # 04BRASILIA1450: a blank line, then the summary; the item stops at the blank line
    text = ("O 020928Z JUN 04\nFM AMEMBASSY BRASILIA\nUNCLAS BRASILIA 001450\n\nSUBJECT: T\n"
            "REF:  A)Brasilia 1073 \n B)Brasilia 011 \n \nSUMMARY. The three-day rebellion.\n")
    refs = cableformat.parse(text).body.refs
    assert refs is not None
    assert [(r.reference_id, text[r.span.start : r.span.end]) for r in refs.items] == [
        ("04BRASILIA1073", "A)Brasilia 1073"), ("04BRASILIA11", "B)Brasilia 011")]


def test_refs_lower_case_labels_and_several_serials_in_one_item() -> None:
    got = _refs_of("UNCLAS BERLIN 001068", "O 020928Z JUN 08",
                   "REF: a. State 77660\nb. Berlin 1000\nc. STATE 41252 AND 44603")
    assert got == [("a", "cable", "08STATE77660"), ("b", "cable", "08BERLIN1000"),
                   ("c", "cable", "08STATE41252"), (None, "cable", "08STATE44603")]
    got = _refs_of("UNCLAS ALGIERS 000198", "O 020928Z JUN 08",
                   "REF: A. 07 ALGIERS 1807 AND 08 ALGIERS 0075 \n B. STATE 1234, 12 MAY 2008")
    assert got == [("A", "cable", "07ALGIERS1807"), (None, "cable", "08ALGIERS75"),
                   ("B", "cable", "08STATE1234")]


@pytest.mark.parametrize(("ref_line", "expected"), [
    ("REF: (99) ROME 2196", [(None, "cable", "99ROME2196")]),
    ("REF: STATE (01) 201265", [(None, "cable", "01STATE201265")]),
    ("REF: KABUL 936/935", [(None, "cable", "09KABUL936"), (None, "cable", "09KABUL935")]),
    ("REF: A) 6307 B) STATE 285773", [("A", "other", None), ("B", "cable", "09STATE285773")]),
])
def test_refs_spec_variants(ref_line: str, expected: list) -> None:
    assert _refs_of("UNCLAS KABUL 000999", "O 020928Z JUN 09", ref_line) == expected


@pytest.mark.parametrize("item", ["(B) MCWHIRTER 12/14/07", "WHA ASDAR 7/13/09",
                                  "GRUBB-MILLER 07/22/09 E-MAIL"])
def test_refs_dates_are_not_serials(item: str) -> None:
    got = _refs_of("UNCLAS KABUL 000999", "O 020928Z JUN 09", f"REF: A. STATE 1 B. {item}")
    assert got == [("A", "cable", "09STATE1"), ("B", "other", None)]


def test_refs_labels_abbreviations_headings_and_cut_off_items() -> None:
    # 08BERLIN1108 / 08MOSCOW2428: a cut-off preview item, then the banner and E.O. line
    got = _refs_of("UNCLAS MOSCOW 002428", "O 020928Z JUN 08",
                   "REF: A)MOSCOW 2343, B)MOSCOW 2366, C) MOSCOW 240...\n"
                   "UNCLAS MOSCOW 002428 SENSITIVE SIPDIS E.O. 12958: N/A TAGS: PBTS")
    assert got == [("A", "cable", "08MOSCOW2343"), ("B", "cable", "08MOSCOW2366"),
                   ("C", "cable", None)]
    # 08LONDON2757: a Roman-numbered heading after the list is not label I
    got = _refs_of("UNCLAS LONDON 002757", "O 020928Z JUN 08",
                   "REF: A. SECSTATE 114420 B. LONDON 2738 \n\n I. Key Objectives (SBU) The UK")
    assert got == [("A", "cable", "08STATE114420"), ("B", "cable", "08LONDON2738")]
    # 08STATE15220: a. then B. (a pilcrow anchor upper-cased it) then c.
    got = _refs_of("UNCLAS STATE 015220", "O 020928Z JUN 08",
                   "Ref: a. 05 state 201650\n\nB. 05 berlin 3726\nc. 05 state 211408")
    assert got == [("a", "cable", "05STATE201650"), ("B", "cable", "05BERLIN3726"),
                   ("c", "cable", "05STATE211408")]
    # prose run into the field: (F) In 2003, there has been ...
    got = _refs_of("UNCLAS ISLAMABAD 000001", "O 020928Z JUN 06",
                   "REF: A. STATE 1 B. STATE 2 C. STATE 3 D. STATE 4 E. STATE 5\n"
                   "(F)  In 2003, there has been significant progress")
    assert got[-1] == ("F", "other", None)


def test_refs_year_rule_ignores_a_banner_serial_that_lost_a_digit() -> None:
    # 06REYKJAVIK40: banner REYKJAVIK 00040 (DE line #0401): the own serial is not known
    got = _refs_of("UNCLAS REYKJAVIK 00040", "P 261754Z OCT 06", "Refs:  A) Reykjavik 369")
    assert got == [("A", "cable", "06REYKJAVIK369")]
    got = _refs_of("UNCLAS REYKJAVIK 000040", "P 261754Z OCT 06", "Refs:  A) Reykjavik 369")
    assert got == [("A", "cable", "05REYKJAVIK369")]


def test_refs_item_cut_off_after_its_office() -> None:
    # 08LIMA1348 preview: "C. LIMA ..." is a cable reference whose serial was cut off
    got = _refs_of("C O N F I D E N T I A L LIMA 001348", "P 142020Z AUG 08",
                   "REF: A. LIMA 389 \n     B. LIMA 1191 \n     C. LIMA ...")
    assert got == [("A", "cable", "08LIMA389"), ("B", "cable", "08LIMA1191"),
                   ("C", "cable", None)]
    got = _refs_of("UNCLAS THE HAGUE 000684", "P 142020Z AUG 08",
                   "REF: A. STATE 1 B. FALLS EMAI...")
    assert got == [("A", "cable", "08STATE1"), ("B", "other", None)]


def test_banner_found_after_a_numbered_line_and_after_a_pasted_record_row() -> None:
    # a digit-led line with a double space that is no record row: the banner is the next line
    cable = cableformat.parse("12  items listed here\nUNCLAS BAKU 000443\n\nE.O. 12958: N/A\n")
    assert cable.body.banner is not None and cable.body.banner.span.line == 2
    # a record row whose columns stand apart by spaces: the banner is its last column
    row = "179235  11/20/2008 10:00  08KABUL3025  Embassy Kabul  UNCLAS KABUL 003025\n"
    cable = cableformat.parse(row + "\nE.O. 12958: N/A\n")
    assert cable.body.banner is not None
    assert (cable.body.banner.raw, cable.body.banner.span.start) == ("UNCLAS KABUL 003025", 54)


EXCERPT_LIST = ("1. EMBASSY BRUSSELS   ORG.GOV\n2. HOLIDAY INN   ORG.COM\n"
                "3. BELGIUM   GPE.SPECIAL\n\n@@@@\n\n")


@pytest.mark.parametrize(("text", "banner_line"), [
    ("C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000443\n", 7),
    ("C O N F I D E N T I A L SECTION 02 OF 02 BAKU 000443\n", None),  # a later section's
    ("A\nB\nC\nC O N F I D E N T I A L BAKU 000443\n", 10),  # three lines may lead
    ("A\nB\nC\nD\nC O N F I D E N T I A L BAKU 000443\n", None),  # four: inside the text
])
def test_annotated_excerpt_keeps_only_a_leading_first_section_banner(
        text: str, banner_line: int | None) -> None:
    cable = cableformat.parse(EXCERPT_LIST + text + "\n1. TEXT.\n")
    assert cable.page_kind == "annotated"
    assert (cable.body.banner.span.line if cable.body.banner else None) == banner_line
