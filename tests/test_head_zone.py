"""Head zone of the body: field variants read as a careful archivist reads them.

Each case is a few lines copied (and shortened) from a real page of the corpus.
"""

from __future__ import annotations

import cableformat
from cableformat.rules import run_rules, select_rules
from cableformat.source import LineIndex
from tests.ruleutil import cable_text

HEAD_CODES = ["B003", "B004", "B005", "B006", "B007", "B008", "B009", "B011", "B016", "B018",
              "B019", "C013", "C014"]


def _codes(text: str) -> list[str]:
    """Codes of the head rules that fire on ``text``."""
    return [d.code for d in run_rules(cableformat.parse(text), select_rules(HEAD_CODES))]


def test_eo_written_with_a_zero_is_read_with_one_variant_diagnostic() -> None:
    # 06BRASILIA2583, 09BERLIN1158
    text = cable_text("""
        UNCLAS SECTION 01 OF 05 BRASILIA 002583

        SIPDIS

        FOR ASSISTANT SECRETARY CLAUDIA MCMURRAY

        E.0. 12958: N/A
        TAGS: PGOV ECON SENV BR
        SUBJECT: SCENESETTER FOR THE VISIT OF ASSISTANT SECRETARY MCMURRAY

        1. (SBU) Text.
    """)
    b = cableformat.parse(text).body
    assert b.eo is not None and b.eo.order == "12958" and b.eo.decl_kind == "na"
    assert [p.raw for p in b.passing] == ["FOR ASSISTANT SECRETARY CLAUDIA MCMURRAY"]
    assert _codes(text) == ["B005"]


def test_classified_by_before_the_eo_line_is_read() -> None:
    text = cable_text("""
        C O N F I D E N T I A L BAKU 000443

        Classified By: Ambassador Anne E. Derse, for reasons 1.4 (b,d).

        E.O. 12958: DECL: 06/02/2019
        TAGS: PGOV PREL AJ
        SUBJECT: TEST

        1. (C) Text.
    """)
    b = cableformat.parse(text).body
    assert b.eo is not None and b.classified_by is not None
    assert b.classified_by.reasons == ["b", "d"]
    assert _codes(text) == ["B018"]  # one diagnostic: the order, no C013


def test_tags_glued_to_the_declassification_date() -> None:
    # 06SANTODOMINGO409, 05LIMA3571: run-on "Cable dated:" head
    text = cable_text("""
        C O N F I D E N T I A L SANTO DOMINGO 000409

        STATE FOR WHA/CARE.O. 12958: DECL: 02/07/2016TAGS: PREL DR HA
        SUBJECT: TEST

        Classified By: Charge d'Affaires Lisa Kubiske. Reason: 1.4(b) and (d).

        1. (C) Text.
    """)
    b = cableformat.parse(text).body
    assert b.eo is not None and b.eo.decl_raw == "02/07/2016" and b.eo.decl_date is not None
    assert b.tags is not None and [t.value for t in b.tags.items] == ["PREL", "DR", "HA"]
    assert _codes(text) == []


def test_classified_by_and_ref_glued_to_the_line_before() -> None:
    # 07CAIRO3126 / 09CAIRO1727 (Classified By), 08LONDON1991 (REF)
    text = cable_text("""
        C O N F I D E N T I A L CAIRO 001727

        E.O. 12958: DECL: 09/03/2019
        TAGS: EAID EG
        SUBJECT: REQUEST FOR GUIDANCE ON THE UK PRIMEREF: A. LONDON 1939 B. CAIRO 1725Classified By: Ambassador Margaret Scobey for reasons 1.4 (b) and (d)

        1. (C) Text.
    """)  # noqa: E501
    b = cableformat.parse(text).body
    assert b.subject is not None and b.subject.text == "REQUEST FOR GUIDANCE ON THE UK PRIME"
    assert b.refs is not None
    assert [(r.office, r.serial) for r in b.refs.items] == [("LONDON", "1939"), ("CAIRO", "1725")]
    assert b.classified_by is not None
    assert b.classified_by.classifier == "Ambassador Margaret Scobey"
    assert b.classified_by.reasons == ["b", "d"]


def test_subject_without_its_keyword_before_ref() -> None:
    # 09CAIRO544
    text = cable_text("""
        C O N F I D E N T I A L SECTION 01 OF 03 CAIRO 000544

        E.O. 12958: DECL: 03/29/2029

        TAGS: PGOV PHUM EG

        BLOGGERS MOVING FROM ACTIVISM TO BROADENING DISCOURSE AND SELF-EXPRESSION

        REF: A. CAIRO 468 B. CAIRO 243

        Classified By: DCM Matt Tueller for reason 1.4 (d).

        1. (C) Text.
    """)
    cable = cableformat.parse(text)
    b = cable.body
    assert b.subject is not None and b.subject.keyword == ""
    assert b.subject.text.startswith("BLOGGERS MOVING") and b.refs is not None
    found = run_rules(cable, select_rules(HEAD_CODES))
    assert [d.code for d in found] == ["B009"]
    assert LineIndex(text).locate(found[0].start) == (7, 1)
    assert "without" in found[0].message


def test_a_line_before_the_text_is_no_subject() -> None:
    text = cable_text("""
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV

        Summary of the talks

        1. (U) Text.
    """)
    assert cableformat.parse(text).body.subject is None
    assert _codes(text) == ["B008"]


def test_subject_ends_before_the_handling_sentence() -> None:
    # 09CAIRO1218 (glued on the subject line), 06THEHAGUE1001 (next line, then REF)
    glued = cable_text("""
        UNCLAS SECTION 01 OF 02 CAIRO 001218

        E.O. 12958: N/A
        TAGS: KFLU EG
        SUBJECT: AVIAN INFLUENZA REMAINS MOST THE DANGEROUS THREAT Sensitive but unclassified. Please handle accordingly.

        1. (SBU) Text.
    """)  # noqa: E501
    subject = cableformat.parse(glued).body.subject
    assert subject is not None
    assert subject.text == "AVIAN INFLUENZA REMAINS MOST THE DANGEROUS THREAT"
    assert subject.raw == "SUBJECT: AVIAN INFLUENZA REMAINS MOST THE DANGEROUS THREAT"
    next_line = cable_text("""
        UNCLAS THE HAGUE 001001

        E.O.12958: N/A
        TAGS: PREL NL
        SUBJECT: ISLAMIC EDUCATION IN THE NETHERLANDS
        SENSITIVE BUT UNCLASSIFIED. PLEASE HANDLE ACCORDINGLY.

        REF: THE HAGUE 00149

        1. (SBU) Text.
    """)
    b = cableformat.parse(next_line).body
    assert b.subject is not None and b.subject.text == "ISLAMIC EDUCATION IN THE NETHERLANDS"
    assert b.captions[-1].value.startswith("SENSITIVE BUT UNCLASSIFIED")
    assert b.refs is not None and b.refs.items[0].serial == "00149"


def test_subject_in_capitals_ends_where_mixed_case_prose_begins() -> None:
    # 06TOKYO1363: the press summary's index ran into the subject
    text = cable_text("""
        UNCLAS TOKYO 001363

        E.O. 12958: N/A TAGS: OIIP KMDR JA

        SUBJECT:  DAILY SUMMARY OF JAPANESE PRESS 03/15/06
          INDEX:
        (1) Poll on Koizumi cabinet, political parties, social divide
        (2) Koizumi aiming to end up with high popularity
    """)
    subject = cableformat.parse(text).body.subject
    assert subject is not None and subject.text == "DAILY SUMMARY OF JAPANESE PRESS 03/15/06 INDEX:"


def test_classifier_without_the_words_before_the_reasons() -> None:
    # 09CAIRO549 (per), 05PARIS1699 (FOR REAS / ONS)
    per = cable_text("""
        S E C R E T CAIRO 000549

        Classified By: Ambassador Margaret Scobey per 1.4 (b) and (d).
    """)
    cb = cableformat.parse(per).body.classified_by
    assert cb is not None and cb.classifier == "Ambassador Margaret Scobey"
    wrapped = cable_text("""
        S E C R E T SECTION 01 OF 02 PARIS 001699

        Classified By: POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT, FOR REAS
        ONS 1.4 B/D
    """)
    cb = cableformat.parse(wrapped).body.classified_by
    assert cb is not None and cb.classifier == "POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT"
    assert cb.reasons == ["b", "d"]


def test_reason_letters_stop_at_the_text_glued_after_them() -> None:
    # 08LONDON2218: the (C) portion mark and "HMG" of the glued first paragraph
    glued = cable_text("""
        C O N F I D E N T I A L LONDON 002218

        Classified By: Political Counselor Richard M. Mills, Jr. for Reasons 1.4 (b) and (d) (C) HMG is fully aware.
    """)  # noqa: E501
    cb = cableformat.parse(glued).body.classified_by
    assert cb is not None and cb.reasons == ["b", "d"]
    listed = cable_text("""
        C O N F I D E N T I A L LONDON 002180

        Classified By: Political Minister Counselor Greg Berry for Reasons 1.4 a, b, and d
    """)
    cb = cableformat.parse(listed).body.classified_by
    assert cb is not None and cb.reasons == ["a", "b", "d"]
    found = run_rules(cableformat.parse(listed), select_rules(["C010"]))
    assert found == []  # no "a repeated" from the "a" of "and" either


def test_truncated_classified_by_ends_at_the_ellipsis() -> None:
    # 06BOGOTA8663: a preview cut in the Classified By, then the full record
    text = cable_text("""
        C O N F I D E N T I A L BOGOTA 008663

        E.O. 12958: DECL: 09/18/2016
        TAGS: PGOV PREL CO
        SUBJECT: COLOMBIA HANDLES ECUADOR WITH KID GLOVES


        Classified By: Political Counselor, John S. Cream...



        id: 79146
        date: 9/20/2006 17:32
        refid: 06BOGOTA8663
    """)
    cable = cableformat.parse(text)
    cb = cable.body.classified_by
    assert cb is not None and cb.raw == "Classified By: Political Counselor, John S. Cream..."
    found = run_rules(cable, select_rules(HEAD_CODES))
    assert [d.code for d in found] == ["B019"]
    assert "Classified By" in found[0].message


def test_tags_end_where_the_full_record_begins() -> None:
    # 06LIMA2366
    text = cable_text("""
        C O N F I D E N T I A L LIMA 002366

        E.O. 12958: DECL: 06/08/2016
        TAGS: ETRD ECON PE
        SUBJECT: TEST
        id: 67870
        date: 6/13/2006 21:02
        refid: 06LIMA2366
    """)
    b = cableformat.parse(text).body
    assert b.tags is not None and b.tags.raw == "TAGS: ETRD ECON PE"
    tags_only = text.replace("SUBJECT: TEST\n", "")
    b = cableformat.parse(tags_only).body
    assert b.tags is not None and [t.value for t in b.tags.items] == ["ETRD", "ECON", "PE"]


def test_truncated_ref_is_reported_once() -> None:
    text = cable_text("""
        UNCLAS SECTION 01 OF 02 MOSCOW 002428

        E.O. 12958: N/A
        TAGS: PREL RS
        SUBJECT: TEST

        REF: A)MOSCOW 2343, B)MOSCOW 2366, C)MOSCOW 2383 D) MOSCOW 240...

        1. (U) Text.
    """)
    assert _codes(text) == ["B019"]
    assert _codes(text.replace("240...", "2401")) == []


def test_subject_as_a_word_of_a_correction_notice_is_no_keyword() -> None:
    # 09BUENOSAIRES1147: banner line run on with the correction notice
    text = cable_text("""
        C O N F I D E N T I A L BUENOS AIRES 001147 C O R R E C T E D   C O P Y - CORRECTED MISSPELLING IN SUBJECT SIPDIS E.O. 12958: DECL: 10/19/2029
        TAGS: PGOV KPAO AR

        SUBJECT: ARGENTINA: AMBASSADOR ENCOUNTERS PROTESTERS IN
        MENDOZA REF: (A) BUENOS AIRES 1084
         Classified By: DCM Tom Kelly for reasons 1.4 (b) & (d).

        1. (SBU) Text.
    """)  # noqa: E501
    b = cableformat.parse(text).body
    assert b.subject is not None
    assert b.subject.text == "ARGENTINA: AMBASSADOR ENCOUNTERS PROTESTERS IN MENDOZA"
    assert b.eo is not None and b.refs is not None and b.classified_by is not None
    assert "B009" not in _codes(text)


def test_sipdis_on_the_banner_line_counts_once() -> None:
    # 08STATE56861
    text = cable_text("""
        C O N F I D E N T I A L STATE 056861 SIPDIS E.O. 12958: DECL: 05/23/2018 TAGS: PREL BO

        SUBJECT: TEST
    """)
    assert "B016" not in _codes(text)
    twice = text.replace("SIPDIS", "SIPDIS SIPDIS")
    assert _codes(twice).count("B016") == 1


def test_sipdis_glued_before_a_passing_line() -> None:
    text = cable_text("""
        C O N F I D E N T I A L SANTO DOMINGO 000409

        SIPDISSTATE FOR WHA/CAR-NICHOLS
        E.O. 12958: DECL: 02/07/2016
    """)
    b = cableformat.parse(text).body
    assert [c.value for c in b.captions] == ["SIPDIS"]
    assert [p.raw for p in b.passing] == ["STATE FOR WHA/CAR-NICHOLS"]
    cable = cableformat.parse(text)
    assert cable.text[b.captions[0].span.start : b.captions[0].span.end] == "SIPDIS"


def test_not_applicable_typed_with_a_space() -> None:
    # 1973STATE097844
    text = cable_text("""
        UNCLAS STATE 097844

        E. O. 11652:  N/ A
        TAGS: PFOR
        SUBJECT: TEST
    """)
    b = cableformat.parse(text).body
    assert b.eo is not None and b.eo.decl_kind == "na"
    assert "B004" not in _codes(text)


def test_full_record_after_a_truncated_preview_completes_the_head() -> None:
    # 06BOGOTA8663: labelled record rows, header, then the whole cable again
    text = cable_text("""
        C O N F I D E N T I A L BOGOTA 008663

        SIPDIS

        E.O. 12958: DECL: 09/18/2016
        TAGS: PGOV PREL CO
        SUBJECT: COLOMBIA HANDLES ECUADOR WITH KID GLOVES

        Classified By: Political Counselor, John S. Cream...

        id: 79146
        date: 9/20/2006 17:32
        refid: 06BOGOTA8663
        header:
        VZCZCXYZ0000
        PP RUEHWEB

        DE RUEHBO #8663/01 2631732
        FM AMEMBASSY BOGOTA

        ----------------- header ends ----------------

        C O N F I D E N T I A L BOGOTA 008663

        SIPDIS

        E.O. 12958: DECL: 09/18/2016
        TAGS: PGOV PREL CO
        SUBJECT: COLOMBIA HANDLES ECUADOR WITH KID GLOVES

        Classified By: Political Counselor, John S. Creamer
        Reasons: 1.4 (b) and (d)

        1.  (C) Vice Foreign Minister Camilo Reyes told us.
    """)
    cable = cableformat.parse(text)
    b = cable.body
    assert b.classified_by is not None and b.classified_by.reasons == ["b", "d"]
    assert b.classified_by.classifier == "Political Counselor, John S. Creamer"
    assert [c.value for c in b.captions] == ["SIPDIS"]
    assert [p.number for p in b.paragraphs] == ["1"]
    # the record's rows are wrapper lines, the preview before them is marked as such
    assert cable.line_kinds[10:12] == ["wrapper", "wrapper"]
    assert "preview" in cable.line_kinds[:10]
    assert _codes(text) == []
    assert "K002" in {d.code for d in cableformat.validate(cable)}
    assert cableformat.render(cable) == text


def test_bare_record_rows_after_a_preview_cut_in_the_eo_line() -> None:
    # 07KABUL2004, 08KABUL3025: the record's rows are bare values
    text = cable_text("""
        S E C R E T SECTION 01 OF 04 KABUL 002004

        SIPDIS

        E.O. 12958: DE...


        112974
        2007-06-21
        07KABUL2004
        Embassy Kabul
        SECRET//NOFORN
        S E C R E T SECTION 01 OF 04 KABUL 002004
        SIPDIS
        E.O. 12958: DECL: 06/21/2017
        TAGS: MOPS AF
        SUBJECT: PRT URUZGAN - THE FIGHT FOR CHORA

        Classified By: Ambassador William Wood for reasons 1.4 (b) and (d)

        1. (S/NF) Text.
    """)
    b = cableformat.parse(text).body
    assert b.eo is not None and b.eo.decl_raw == "06/21/2017"
    assert b.tags is not None and b.subject is not None and b.classified_by is not None
    assert _codes(text) == []


def test_continuation_header_run_into_a_head_line_is_left_out() -> None:
    # 06TOKYO5805 (run-on head), 06NEWDELHI7273 (end of the SUBJECT line)
    text = cable_text("""
        UNCLAS SECTION 01 OF 04 TOKYO 005805

        E.O. 12958: N/A
        TAGS: KIPR JA
        SUBJECT: JAPANESE IPR OFFICIALS POSITIVE  REF: A) TOKYO 3873 B) TOKYO 4025  TOKYO 00005805  001.2 OF 004   Classified By: CDA JOSEPH DONOVAN FOR REASONS: 1.4 b, d
    """)  # noqa: E501
    b = cableformat.parse(text).body
    assert b.refs is not None and [r.serial for r in b.refs.items] == ["3873", "4025"]
    assert [(c.office, c.section, c.page) for c in b.continuations] == [("TOKYO", 1, 2)]
    assert b.classified_by is not None and b.classified_by.reasons == ["b", "d"]
    glued = cable_text("""
        UNCLAS SECTION 01 OF 03 NEW DELHI 007273

        E.O. 12958: N/A
        TAGS: PGOV IN
        SUBJECT: EXECUTION CAUSING STRIFE FOR CONGRESS NEW DELHI 00007273  001.2 OF 003

        1. (U) Text.
    """)
    b = cableformat.parse(glued).body
    assert b.subject is not None and b.subject.text == "EXECUTION CAUSING STRIFE FOR CONGRESS"
    assert [c.office for c in b.continuations] == ["NEW DELHI"]


def test_ref_does_not_go_on_over_the_handling_sentence_or_a_heading() -> None:
    # 07PARIS2027
    text = cable_text("""
        UNCLAS SECTION 01 OF 07 PARIS 002027

        E.O. 12958: N/A
        TAGS: PGOV FR
        SUBJECT: THE FILLON GOVERNMENT, SARKOZY'S REFORM TEAM, NAMED

        REF: A. (A) PARIS 1817 AND PREVIOUS

        B. (B) EMBASSY PARIS DAILY SIPRNET REPORT FOR MAY 18


        SENSTIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY

        SUMMARY
        -------
        1. (SBU) Text.
    """)
    b = cableformat.parse(text).body
    assert b.refs is not None and b.refs.raw.endswith("FOR MAY 18")


def test_classified_by_after_the_eo_line_is_in_order() -> None:
    text = cable_text("""
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        TAGS: PGOV PREL AJ
        SUBJECT: TEST

        Classified By: Ambassador Anne E. Derse, for reasons 1.4 (b,d).
    """)
    assert _codes(text) == []


def test_csv_record_after_a_preview_cut_in_the_classified_by_line() -> None:
    # 09THEHAGUE271: the record is a cables.csv row whose body field opens with '","'
    text = cable_text("""
        C O N F I D E N T I A L THE HAGUE 000271

        E.O. 12958: DECL: 04/24/2019
        TAGS: MARR NL
        SUBJECT: NETHERLANDS/JSF:  COMPROMISE WINS

        Classified By: Political Deputy Eric Falls for reasons 1.5 (b...


        204075,4/24/2009 16:29,09THEHAGUE271,"Embassy The Hague",
        CONFIDENTIAL,,"VZCZCXYZ0005
        FM AMEMBASSY THE HAGUE
        ","C O N F I D E N T I A L THE HAGUE 000271
        E.O. 12958: DECL: 04/24/2019
        TAGS: MARR NL
        SUBJECT: NETHERLANDS/JSF: COMPROMISE WINS
        Classified By: Political Deputy Eric Falls for reasons 1.5 (b,d)
        1. (C) Summary: Text.
    """)
    cable = cableformat.parse(text)
    cb = cable.body.classified_by
    assert cb is not None and cb.reasons == ["b", "d"]
    # the csv row before the record's banner is wrapper text, the banner the cable's
    assert cable.line_kinds[9:13] == ["wrapper"] * 3 + ["banner"]
    assert _codes(text) == []


def test_csv_record_without_a_preview_gives_the_banner() -> None:
    # 09BUENOSAIRES794: a csv row, its header run together, then '","' and the banner
    text = cable_text("""
        215541,7/7/2009 21:35,09BUENOSAIRES794,Embassy Buenos Aires,CONFIDENTIAL,,"VZCZCXYZ0001
        ZNY CCCCC ZZHP 072135Z JUL 09 ZDSFM AMEMBASSY BUENOS AIRES
        ","C O N F I D E N T I A L BUENOS AIRES 000794 C O R R E C T E D  C O P Y - ADDED SIPDIS SIPDIS E.O. 12958: DECL: 07/07/2029
        TAGS: PREL AR

        SUBJECT: ARGENTINA: PIQUETERO LEADERS
        Classified By: CDA Tom Kelly for reasons 1.4 (b) & (d).

        1. (SBU) Text.
    """)  # noqa: E501
    b = cableformat.parse("O 072135Z JUL 09\nFM AMEMBASSY BUENOS AIRES\n" + text).body
    assert b.banner is not None and b.banner.serial == "000794"
    assert b.eo is not None and b.tags is not None and b.classified_by is not None
    assert _codes("O 072135Z JUL 09\nFM AMEMBASSY BUENOS AIRES\n" + text) == []


def test_record_starts_without_a_banner_are_looked_at_once() -> None:
    """Many record-like rows and no record banner: each line is scanned once (linear)."""
    import time

    def build(n: int) -> str:
        return "UNCLAS BAKU 000443\n\n" + "179235\n2008-11-20\n" * n

    def cpu(text: str) -> float:
        start = time.process_time()
        cableformat.validate(cableformat.parse(text))
        return time.process_time() - start

    cpu(build(200))
    small = max(min(cpu(build(2_000)) for _ in range(3)), 1e-3)
    large = min(cpu(build(20_000)) for _ in range(3))
    assert large / small < 30


def test_subject_goes_on_after_a_comma_and_over_a_lower_case_word() -> None:
    # 09BRUSSELS854 (record with blank lines inside the subject), 06BUENOSAIRES109
    comma = cable_text("""
        C O N F I D E N T I A L SECTION 01 OF 03 BRUSSELS 000854

        E.O. 12958: DECL: 06/15/2019

        TAGS: PREL EUN
        SUBJECT: JUNE GAERC - GUANTANAMO, IRELAND, THE MIDDLE EAST,

        WESTERN BALKANS AND MORE

        Classified By: USEU POL M-C Christopher Davis for reasons 1.4 (b) and (d).

        1. (C) Summary: Text.
    """)
    b = cableformat.parse(comma).body
    assert b.subject is not None and b.subject.text.endswith("EAST, WESTERN BALKANS AND MORE")
    assert b.classified_by is not None and b.classified_by.reasons == ["b", "d"]
    caps = cable_text("""
        UNCLAS BUENOS AIRES 000109

        E.O. 12958: N/A
        TAGS: ASEC AR
        SUBJECT: QUARTERLY STATUS REPORT - BUENOS AIRES:
        OCTOBER-NOVEMBER-DECEMBER, 2005, ACEQ, and OSAC CRIME/SAFETY REPORT

        1. (U) Text.
    """)
    subject = cableformat.parse(caps).body.subject
    assert subject is not None and subject.text.endswith("and OSAC CRIME/SAFETY REPORT")


def test_subject_ends_before_a_glued_heading_underline() -> None:
    # 08MANAMA472
    text = cable_text("""
        UNCLAS MANAMA 000472

        E.O. 12958: N/A
        TAGS: SCUL BA
        SUBJECT: UNESCO CONFERENCE HIGHLIGHTS PROACTIVE APPROACHES
        TO COUNTERING YOUTH RADICALIZATION ------- Summary -------

        1. (U) Text.
    """)
    subject = cableformat.parse(text).body.subject
    assert subject is not None
    assert subject.text.endswith("APPROACHES TO COUNTERING YOUTH RADICALIZATION")


def test_head_repeated_after_a_truncated_field_fills_it() -> None:
    # 08ANKARA1478: the preview's subject is cut, the head follows again run together
    text = cable_text("""
        C O N F I D E N T I A L SECTION 01 OF 02 ANKARA 001478

        SIPDIS

        DEPT FOR EUR/SE, EUR/CARC

        E.O. 12958: DECL: 08/15/2018
        TAGS: PREL GG
        SUBJECT: PM ERDOGAN VISITS MOSCOW AND TBILISI; SUPPORT FOR
        GEORGIA'S TERRIT...

        C O N F I D E N T I A L SECTION 01 OF 02 ANKARA 001478 SIPDIS DEPT FOR EUR/SE, EUR/CARC E.O. 12958: DECL: 08/15/2018 TAGS: PREL GG
        SUBJECT: PM ERDOGAN VISITS MOSCOW AND TBILISI; SUPPORT FOR GEORGIA'S TERRITORIAL INTEGRITY Classified By: CDA Doug Silliman, reasons 1.4 (b,d)

        1. (C) Text.
    """)  # noqa: E501
    b = cableformat.parse(text).body
    assert b.subject is not None and b.subject.text.endswith("GEORGIA'S TERRITORIAL INTEGRITY")
    assert b.classified_by is not None and b.classified_by.reasons == ["b", "d"]
    assert [c.value for c in b.captions] == ["SIPDIS"]
    assert [p.raw for p in b.passing] == ["DEPT FOR EUR/SE, EUR/CARC"]
    assert _codes(text) == []


def test_reflowed_text_run_on_after_ref_is_the_text() -> None:
    # 08TRIPOLI411, 08TBILISI1379: a press version runs the whole text on after REF
    text = ("C O N F I D E N T I A L TRIPOLI 000411\n\nE.O. 12958: DECL: 5/22/2018\n"
            "TAGS: PGOV PHUM LY\nSUBJECT: EL-JAHMI\n\nREF: TRIPOLI 401 " + "CLASSIFIED BY: "
            "Chris Stevens, CDA, for reasons 1.4 (b) and (d). 1. (C) Summary: The family met "
            "us. End summary. 2. (C) Post will visit Dr. Shammam on May 26 in an attempt to "
            "confirm his condition and to gather what we can about the case. 3. (C) Comment: "
            "the QDF and GOL have given themselves a potential fig leaf for denying us access "
            "to him and to his family. End comment. STEVENS\n")
    cable = cableformat.parse(text)
    assert cableformat.render(cable) == text
    b = cable.body
    assert b.classified_by is not None and b.classified_by.reasons == ["b", "d"]
    assert b.classified_by.raw.endswith("1.4 (b) and (d).")
    assert [p.number for p in b.paragraphs] == ["1", "2", "3"]
    assert b.paragraphs[0].portion == "C" and b.paragraphs[0].text.startswith("The family")
    assert b.signature is not None and b.signature.raw == "STEVENS"
    assert "STEVENS" not in b.paragraphs[-1].text


def test_ref_does_not_run_on_into_a_summary_paragraph() -> None:
    # 04BRASILIA1450: after a blank line, "SUMMARY. The ..." opens the text
    text = ("UNCLAS BRASILIA 001450\n\nE.O. 12958: N/A\nTAGS: PGOV BR\nSUBJECT: PRISONS\n\n"
            "REF:  A)Brasilia 1073\n B)Brasilia 011\n\nSUMMARY. The three-day rebellion "
            "ended May 31.\n\n2. (U) More.\n\nHRINAK\n")
    b = cableformat.parse(text).body
    assert b.refs is not None and "SUMMARY" not in b.refs.raw


def test_reason_letters_without_their_section() -> None:
    # "Derived from DSCG 05-01, b and d": a classification guide and the letters alone
    text = ("C O N F I D E N T I A L BAKU 000443\n\nE.O. 12958: DECL: 06/02/2019\n"
            "SUBJECT: TEST\n\nClassified By: Derived from DSCG 05-01, b and d\n\n1. (C) Text.\n")
    cb = cableformat.parse(text).body.classified_by
    assert cb is not None and (cb.classifier, cb.reasons, cb.section) == (
        "Derived from DSCG 05-01", ["b", "d"], None)
    assert "C014" not in {d.code for d in cableformat.validate(text)}
    # a name's initial is no reason letter
    cb = cableformat.parse(text.replace("Derived from DSCG 05-01, b and d",
                                        "Political Officer, John B")).body.classified_by
    assert cb is not None and cb.reasons == []


def test_signature_at_the_end_of_a_head_line_that_holds_the_text() -> None:
    # 08CAIRO2099: an unnumbered reflowed text runs on after REF, the signature glued to it
    text = ("C O N F I D E N T I A L CAIRO 002099\n\nE.O. 12958: DECL: 09/29/2018\n"
            "TAGS: PREL KPAL EG\nSUBJECT: DEMARCHE\n\nREF: SECSTATE 102414 We delivered points "
            "in reftel to MFA Deputy Director Barakat Leithy on September 25. Leithy took our "
            "points but was non-committal. He promised to convey our position. SCOBEY\n")
    cable = cableformat.parse(text)
    assert cableformat.render(cable) == text
    assert cable.body.signature is not None and cable.body.signature.raw == "SCOBEY"
    codes = {d.code for d in cableformat.validate(cable)}
    assert "B015" not in codes and "B030" in codes
    # a long head line that is not followed by an empty text zone keeps the old reading
    later = cableformat.parse(text + "\n1. (C) More text.\n\nSCOBEY\n")
    assert later.body.signature is not None and later.body.signature.span.line == 11


def test_a_redacted_subject_keyword_still_gives_the_subject() -> None:
    # XXXXXXXXXXXX: in place of SUBJECT: after the E.O. and TAGS lines (mutation testing)
    text = ("CONFIDENTIAL BAKU 000443\n\nE.O. 12958: DECL: 08/16/2015\nTAGS: PREL MARR\n"
            "XXXXXXXXXXXX: MILITARY WILL ENSURE THE TALKS\n\n"
            "Classified By: Ambassador Anne Derse for reasons 1.4 (b,d).\n\n1. (C) Text.\n")
    cable = cableformat.parse(text)
    subject = cable.body.subject
    assert subject is not None
    assert (subject.keyword, subject.text) == ("XXXXXXXXXXXX:", "MILITARY WILL ENSURE THE TALKS")
    assert (subject.span.start, subject.span.line) == (text.index("XXXX"), 5)
    assert cable.line_kinds[4] == "subject"


def test_a_ref_ending_in_a_date_goes_on_after_a_blank_line() -> None:
    # "MAY 1, 2008" reads like a Classified By reason (1.4): only Classified By closes on it
    text = ("UNCLAS BAKU 000443\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TEST\n"
            "REF: A. BAKU 443 OF MAY 1, 2008\n\nB. BAKU 550\n\n1. (U) Text.\n\nDERSE\n")
    cable = cableformat.parse(text)
    assert cable.line_kinds[5:9] == ["ref", "blank", "ref", "blank"]
    assert cable.blocks == []
    assert [p.text for p in cable.body.paragraphs] == ["Text."]
