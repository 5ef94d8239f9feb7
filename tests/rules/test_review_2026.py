"""Regressions of the seeded diagnostic review (issue 11, seed 2026): each rule fires where
the cable has the malformation and stays quiet where the tool had misread the page."""

from __future__ import annotations

import cableformat
from cableformat.rules import run_rules, select_rules
from tests.ruleutil import cable_text, diagnose, messages

# 75TEHRAN2069: merged sections of a declassified 1970s cable, surname before the release
# review stamp
_DECLASSIFIED_1975 = """
    C O N F I D E N T I A L SECTION 1 OF 2 TEHRAN 2069

    E.O. 11652: GDS
    TAGS: PINT IR
    SUBJECT: IRANIAN RESURGENCE PARTY CREATED BY SHAH

    1. SHAH ANNOUNCED A NEW PARTY.

    2. IN SUM, LITTLE HAS CHANGED.


    HELMS

    Declassified/Released US Department of State EO
    Systematic Review 05 JUL 2006
    """

_TRUNCATED_1975 = """
    C O N F I D E N T I A L SECTION 1 OF 2 TEHRAN 2069

    E.O. 11652: GDS
    TAGS: PINT IR
    SUBJECT: IRANIAN RESURGENCE PARTY CREATED BY SHAH

    1. SHAH ANNOUNCED A NEW PARTY.

    2. IN SUM, LITTLE HAS

    Declassified/Released US Department of State EO
    Systematic Review 05 JUL 2006
    """


def test_s003_quiet_on_signed_text_before_a_release_stamp() -> None:
    assert diagnose(_DECLASSIFIED_1975, "S003") == []


def test_s003_fires_on_unsigned_text_before_a_release_stamp() -> None:
    assert [code for *_, code in diagnose(_TRUNCATED_1975, "S003")] == ["S003"]


def test_b015_skips_the_release_stamp() -> None:
    assert diagnose(_DECLASSIFIED_1975, "B015") == []
    assert [code for *_, code in diagnose(_TRUNCATED_1975, "B015")] == ["B015"]


# 05ROME1593: the mirror's trailer line after the signature
def test_b015_skips_the_nnnn_trailer() -> None:
    signed = """
        S E C R E T ROME 001593

        SUBJECT: TEST

        6. (U) Baghdad minimize considered.
        SEMBLER
        NNNN  2005ROME01593 - Classification: SECRET
        """
    unsigned = """
        S E C R E T ROME 001593

        SUBJECT: TEST

        6. (U) Baghdad minimize considered.
        NNNN  2005ROME01593 - Classification: SECRET
        """
    assert diagnose(signed, "B015") == []
    assert messages(unsigned, "B015") == [
        "expected a signature (sender's surname) after the text, found none"]


# 08MUNICH355: a mongo export without newlines, TAGS run into the E.O. line
_GLUED = ("UNCLAS MUNICH 000355 SENSITIVE SIPDIS E.O. 12958: N/ATAGS: PGOV EINV INRB GM"
          "SUBJECT: GERMANY/BAVARIA: CSU HOPES FOR FRESH START  1. (SBU) Newly-elected "
          "Minister-President Seehofer has reshuffled the cabinet.  2. (SBU) The CSU hopes "
          "for a fresh start.  NELSON")


def test_b006_quiet_when_tags_run_into_the_eo_line() -> None:
    assert diagnose(_GLUED, "B006") == []
    assert diagnose(_GLUED, "B004") == []


def test_b006_fires_without_tags_anywhere() -> None:
    no_tags = _GLUED.replace("TAGS: PGOV EINV INRB GM", "")
    assert [code for *_, code in diagnose(no_tags, "B006")] == ["B006"]


def test_b004_fires_on_free_text_glued_to_tags() -> None:
    free = _GLUED.replace("N/ATAGS", "AFTER UNIFICATIONTAGS")
    assert [code for *_, code in diagnose(free, "B004")] == ["B004"]


# 72TEHRAN1164: the release review's stamp on a 1972 cable
def test_b004_quiet_on_a_release_stamp() -> None:
    stamp = """
        UNCLASSIFIED TEHRAN 1164

        E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006
        TAGS: MASS, MARR, IR
        SUBJECT: ACCELERATION OF F-4ES FOR IRAN
        """
    assert diagnose(stamp, "B004") == []
    assert messages(stamp.replace("AS AMENDED; DECLASSIFIED", "AFTER UNIFICATION"), "B004") \
        == ["expected a declassification date (DECL), exemption or N/A, found "
                "'AFTER UNIFICATION JUNE 21, 2006'"]


# 07HARARE1073 (mirror's date stamp), 10ANKARA251 (the post's web-site notice)
def test_b015_reads_the_surname_before_a_date_stamp_or_a_notice() -> None:
    head = """
        UNCLAS HARARE 001073

        SUBJECT: TEST

        1. The RBZ would roll out a new currency on December 1.
        """
    assert diagnose(head + "McGEE 0 11/30/2007\n", "B015") == []
    notice = ('Jeffrey\n\n           "Visit Ankara\'s Classified Web Site at http://www.intelink.s'
              '\ngov.gov/wiki/Portal:Turkey"\n')
    assert diagnose(head + notice, "B015") == []
    assert messages(head + notice.replace("Jeffrey\n", ""), "B015") == [
        "expected a signature (sender's surname) after the text, found none"]
    assert [code for *_, code in diagnose(head + "0 11/30/2007\n", "B015")] == ["B015"]


# 09CAIRO2129: a continuation header run into the last paragraph before the glued surname
def test_b015_finds_the_surname_after_a_glued_continuation_header() -> None:
    cable = """
        C O N F I D E N T I A L CAIRO 002129

        SUBJECT: TEST

        10.(U) A/S Carson cleared this cable. CAIRO 00002129 003 OF 003 Scobey
        """
    assert messages(cable, "B015") == [
        "expected the signature on a line of its own, found 'Scobey' at the end of the last "
        "paragraph"]


# 08BERLIN1690 / 07PARIS170: the reasons on the lines after the Classified By line
def test_c014_reads_reasons_on_the_next_lines() -> None:
    after = """
        C O N F I D E N T I A L BERLIN 001690

        E.O. 12958: DECL: 12/10/2018
        SUBJECT: TEST

        Classified By: POLITICAL MINISTER COUNSELOR JEFF RATHKE.

        REASONS:

        1.4 (B) AND (D).

        1. (C) SUMMARY. During a December visit the minister spoke.
        """
    assert diagnose(after, "C014") == []
    none = after.replace("REASONS:", "").replace("1.4 (B) AND (D).", "")
    assert [code for *_, code in diagnose(none, "C014")] == ["C014"]


# 05PARIS4760 (``3..``), 06SANJOSE327 (``4  An``): paragraph numbers the parser missed
def test_b012_quiet_where_the_missing_number_stands_in_a_missed_form() -> None:
    cable = """
        UNCLAS PARIS 004760

        SUBJECT: TEST

        1. (SBU) First.

        2. (SBU) Second.

        3.. (SBU) Third.

        4. (SBU) Fourth.

        5. (SBU) Fifth.

        6  An increase in the murder rate.

        7. (SBU) Seventh.
        """
    assert diagnose(cable, "B012") == []
    lost = cable.replace("3.. (SBU) Third.\n", "")
    assert messages(lost, "B012") == ["expected paragraph 3, found 4"]


# 06BUENOSAIRES109: numbered unmarked list items inside marked paragraphs
def test_b012_reads_the_marked_paragraphs_of_a_form() -> None:
    cable = """
        UNCLAS BUENOS AIRES 000109

        SUBJECT: TEST

        1. (U) SUMMARY.

        2. (U) CASES:
        1. PSS     (40)      (35)
        2. VF       (0)       (0)
        3. PF       (0)       (0)
        4. CIL      (0)       (0)
        5. PR       (0)       (0)
        1. FSN/PSC        (65)     (54)
        2. Other Agency   (49)     (49)

        3. (U) ACTION CABLES.

        4. (U) REPORTS.

        4. (U) QUESTIONNAIRE.
        """
    assert messages(cable, "B012") == ["expected paragraph 5, found 4"]


# 10BAGHDAD290: the banner lost its first letter; B001 points at it, not at the E.O. line
def test_b001_reports_a_damaged_banner_where_it_stands() -> None:
    damaged = """
        O N F I D E N T I A L BAGHDAD 000290

        SIPDIS

        E.O. 12958: DECL: 02/04/2020
        TAGS: PGOV PREL KDEM LE IR IZ
        SUBJECT: ALLAWI CRITICIZES PM MALIKI
        """
    assert diagnose(damaged, "B001") == [(1, 1, "B001")]
    assert messages(damaged, "B001") == [
        "expected a banner (classification office serial), found one that cannot be read: "
        "'O N F I D E N T I A L BAGHDAD 000290'"]
    missing = damaged.replace("O N F I D E N T I A L BAGHDAD 000290", "")
    assert messages(missing, "B001") == [
        "expected a banner (classification office serial) before the head fields, found none"]


# 78KABUL3619: the DTG is there without its precedence
def test_h106_reports_a_dtg_without_precedence_as_a_warning() -> None:
    bare = """
        061601Z MAY 78
        FM AMEMBASSY KABUL
        TO SECSTATE WASHDC
        C O N F I D E N T I A L KABUL 3619
        """
    cable = cableformat.parse(cable_text(bare))
    found = run_rules(cable, select_rules(["H106"]))
    assert [(d.severity.value, d.message) for d in found] == [
        ("warning", "date-time group (DTG) '061601Z MAY 78' has no precedence: expected precedence "
                    "[precedence] DDHHMMZ MON YY")]
    lost = bare.replace("061601Z MAY 78\n", "")
    assert [code for *_, code in diagnose(lost, "H106")] == ["H106"]
    assert diagnose(bare.replace("061601Z", "R 061601Z"), "H106") == []


# 09STATE127892: a %H:%I created date (09:09) one hour before the DTG 10:50
def test_d002_gives_the_hours_difference_on_a_12_hour_clock_page() -> None:
    head = """
        Reference ID Created Released Classification Origin
        09STATE127892 2009-12-15 {created} 2011-08-30 01:44 SECRET Secretary of State
        O 151050Z DEC 09
        FM SECSTATE WASHDC
        S E C R E T STATE 127892
        """
    assert messages(head.format(created="09:09"), "D002") == [
        "date-time group (DTG) 2009-12-15 10:50 UTC differs from the wrapper's created date "
        "2009-12-15 09:09 by 1 hour (its minute is the page's 12-hour clock hour; compared to "
        "the hour)"]
    assert diagnose(head.format(created="10:10"), "D002") == []


# 08RIODEJANEIRO19 (``E.O.: 12958: N/A``), 07REYKJAVIK308 (``E.O.  12958: N/A``)
def test_b004_reads_an_order_after_a_stray_colon_or_space() -> None:
    cable = """
        UNCLAS RIO DE JANEIRO 000019

        E.O.: 12958: N/A
        TAGS: ECON EINV ENRG PGOV BR
        SUBJECT: TEST
        """
    assert diagnose(cable, "B004") == []
    assert diagnose(cable.replace("E.O.:", "E.O. "), "B004") == []
    assert messages(cable.replace("N/A", "AFTER UNIFICATION"), "B004") == [
        "expected a declassification date (DECL), exemption or N/A, found 'AFTER UNIFICATION'"]
    assert messages(cable.replace("12958: N/A", "N/A"), "B004") == [
        "expected an executive order number after E.O., found none"]


# 09CAIRO173: two well-formed references in one unsplit item
def test_f001_quiet_on_references_run_together() -> None:
    cable = """
        UNCLAS CAIRO 000173

        SUBJECT: EGYPT'S 53RD BIRD FLU VICTIM

        REF {refs}
        1.(SBU) Summary and comment: the girl has recovered.
        """
    assert diagnose(cable.format(refs="A 09 CAIRO 074 REF B 08 CAIRO 784 Sensitive."),
                    "F001") == []
    assert [code for *_, code in diagnose(cable.format(refs=": A. 09 CAIRO 0"), "F001")] == [
        "F001"]


# 09BAKU478 (mongo export): a complete banner run into the page's date line
def test_b001_warns_on_a_complete_banner_run_into_a_line() -> None:
    glued = ("Friday, 12 June 2009, 12:11S E C R E T SECTION 01 OF 03 BAKU 000478 SIPDIS\n"
             "E.O. 12958: DECL: 06/03/2019\nTAGS: PREL PTER AJ\nSUBJECT: IRAN VIEW FROM BAKU\n")
    found = run_rules(cableformat.parse(glued), select_rules(["B001"]))
    assert [(d.severity.value, d.message) for d in found] == [
        ("warning", "expected a banner (classification office serial) on a line of its own, "
                    "found a complete one run into other text or spaced apart: "
                    "'S E C R E T SECTION 01 OF 03 BAKU 000478'")]


# 07ISLAMABAD5022 (mongo export): prose "classified by" read as the authority field
def test_c008_quiet_on_prose_read_as_classified_by() -> None:
    prose = ("UNCLAS ISLAMABAD 005022  SIPDIS  E.O. 12958: N/A TAGS: EFIN, ECON, PK SUBJECT: "
             "PAKISTAN CENTRAL BANK PROJECTS GROWTH  1. (SBU) The SBP report highlighted that "
             "Pakistan was classified by the World Bank as a moderately indebted country.  "
             "2. (SBU) Growth stays strong.  PATTERSON")
    assert diagnose(prose, "C008") == []
    line = prose.replace("1. (SBU)", "Classified By: DCM Peter Bodde, reasons 1.4 (b).  1. (SBU)")
    assert [code for *_, code in diagnose(line, "C008")] == ["C008"]


# 91ISLAMABAD8792: N/A written with dots
def test_b004_reads_na_with_dots() -> None:
    cable = """
        UNCLAS ISLAMABAD 008792

        E.O. 12958: DECL:N.A.
        TAGS: PGOV, PREL, PHUM, PK
        SUBJECT: SHARIA--WHERE DID IT GO?
        """
    assert diagnose(cable, "B004") == []
    assert [code for *_, code in diagnose(cable.replace("N.A.", "MR"), "B004")] == ["B004"]


# 08STATE56861 / 07PARIS3668: reasons written with a stray dot
def test_c014_reads_reasons_with_a_stray_dot() -> None:
    cable = """
        C O N F I D E N T I A L STATE 056861

        E.O. 12958: DECL: 05/23/2018
        SUBJECT: E-PINE POLITICAL DIRECTORS

        Classified By: Daniel Fried, Assistant Secretary, EUR. Reason 1.4.(b) and (d)

        1. (C) Summary. Senior officials met in Washington.
        """
    assert diagnose(cable, "C014") == []
    assert [code for *_, code in diagnose(cable.replace(" Reason 1.4.(b) and (d)", ""),
                                          "C014")] == ["C014"]
