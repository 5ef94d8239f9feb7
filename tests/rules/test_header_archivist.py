"""Header, portion-mark and section readings of real pages (lines copied from the corpus).

Each case is a few lines of a cited page: 06REYKJAVIK401 and 07ACCRA2590 (DTG with a service
note), 06BOGOTA8663 and 07BUENOSAIRES1819 (month garble after LA PAZ), 66BUENOSAIRES2481
(STATE GRNC), 02ROME1196 (DTG and addressees in the distribution block of the text),
07STOCKHOLM696, 06BUENOSAIRES109, 07BUENOSAIRES1819 and 08STATE116943 (portion marks),
08LONDON2970 (run-in continuation header), 07BUENOSAIRES1673 (one wrong serial).
"""

from __future__ import annotations

import pytest

import cableformat
from cableformat.diagnostics import Severity
from cableformat.parser import parse_source
from cableformat.rules import RULES, run_rules, select_rules
from cableformat.source import Source
from tests.ruleutil import cable_text, diagnose, messages

REYKJAVIK = """\
VZCZCXRO1843
PP RUEHC
DE RUEHRK #0401/01 2991754
ZNR UUUUU ZZH
P 261754Z OCT 06 ZDK EACTC SVC #0128
FM AMEMBASSY REYKJAVIK
TO RUEHC/SECSTATE WASHDC PRIORITY 3030
INFO RHMFIUU/COMUSNAVEUR NAPLES IT PRIORITY
UNCLAS SECTION 01 OF 02 REYKJAVIK 000401
"""

BOGOTA = """\
P 201732Z SEP 06
FM AMEMBASSY BOGOTA
TO RUEHC/SECSTATE WASHDC PRIORITY 9011
INFO RUEHCV/AMEMBASSY CARACAS PRIORITY 8217
RUEHLP/AMEMBASSY LA PAZ SEP 8254
RUEHPE/AMEMBASSY LIMA PRIORITY 4271
C O N F I D E N T I A L BOGOTA 008663
"""

ROME = """\
This record is a partial extract of the original cable. The full text of the original cable is not available.
C O N F I D E N T I A L SECTION 01 OF 02 ROME 001196
1. (C) SUMMARY: AS POST PREDICTED, THE U.S. COUNTRY REPORT FOR ITALY.
 CONFIDENTIAL PTQ7827
PAGE 01 ROME 01196 02 OF 02 082031Z ACTION EUR-00
INFO LOG-00 COR-01 NP-00 DRL-02 G-00 SAS-00 /009W  ------------------71B573 082032Z /38 O 071013Z MAR 02 ZDK FM AMEMBASSY ROME TO SECSTATE WASHDC IMMEDIATE 2621 INFO EUROPEAN POLITICAL COLLECTIVE AMCONSUL MILAN AMCONSUL FLORENCE AMCONSUL NAPLES
C O N F I D E N T I A L SECTION 02 OF 02 ROME 001196
8. (C) COMMENT, CONTINUED: WE DO NOT WANT TO SEE A
"""  # noqa: E501


def parse(text: str) -> cableformat.Cable:
    return cableformat.parse(cable_text(text))


# --- DTG with an operating signal and a service note ---------------------------------------


def test_dtg_with_service_note_is_read_and_noted_once() -> None:
    cable = parse(REYKJAVIK)
    dtg = cable.header.dtg
    assert dtg is not None and dtg.value is not None
    assert dtg.value.isoformat() == "2006-10-26T17:54:00+00:00"
    assert dtg.precedences == ["P"] and dtg.signal == "ZDK EACTC SVC #0128"
    assert diagnose(REYKJAVIK, "H") == [(5, 18, "H108")]


@pytest.mark.parametrize("line", [
    "O 211302Z DEC 07 ZDK DUE TO SERVICES ZDK",
    "O 221011Z JUL 09 ZDK CTG RUEHDO #3763",
    "R 181516Z NOV 09 ///ZFR////",
])
def test_other_service_notes_give_one_info(line: str) -> None:
    text = f"{line}\nFM AMEMBASSY ACCRA\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 5892\n" \
           "C O N F I D E N T I A L ACCRA 002590\n"
    assert [code for *_, code in diagnose(text, "H")] == ["H108"]
    assert parse(text).header.dtg.value is not None


@pytest.mark.parametrize("line", ["P 111214Z FEB 10 ZDS ZDK", "O 020928Z JUN 09 ZDK",
                                  "O 020928Z JUN 09"])
def test_operating_signals_alone_are_quiet(line: str) -> None:
    text = f"{line}\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1297\n" \
           "C O N F I D E N T I A L BAKU 000443\n"
    assert diagnose(text, "H") == []


# --- addressees --------------------------------------------------------------------------


def test_month_garble_is_kept_apart_from_the_post() -> None:
    cable = parse(BOGOTA)
    assert [a.address for a in cable.header.info] == [
        "AMEMBASSY CARACAS", "AMEMBASSY LA PAZ", "AMEMBASSY LIMA"]
    la_paz = cable.header.info[1]
    assert (la_paz.garble, la_paz.mcn, la_paz.precedence) == ("SEP", "8254", None)
    assert diagnose(BOGOTA, "H") == [(5, 25, "H109")]
    assert diagnose(BOGOTA, "P") == []


def test_month_garble_run_into_the_next_post() -> None:
    text = BOGOTA.replace("LA PAZ SEP 8254", "LA PAZ SEP CARACAS 1495")
    la_paz = parse(text).header.info[1]
    assert (la_paz.address, la_paz.garble) == ("AMEMBASSY LA PAZ", "SEP CARACAS")
    assert messages(text, "H109") == [
        "addressee 'AMEMBASSY LA PAZ' is followed by 'SEP CARACAS': expected a precedence "
        "word or the message continuity number (MCN)"]


def test_months_in_a_dtg_read_as_addressee_are_no_garble() -> None:
    text = "O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC 1297\n" \
           "O 020928Z JUN 09\nC O N F I D E N T I A L BAKU 000443\n"
    assert all(a.garble is None for a in parse(text).header.to)
    assert diagnose(text, "H109") == []


def test_state_grnc_closes_the_addressees() -> None:
    text = "P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\nTO SECSTATE WASHDC PRIORITY\n" \
           "INFO USCINCSO\nAMEMBASSY LONDON\nSTATE GRNC\nUNCLASSIFIED BUENOS AIRES 2481\n"
    cable = parse(text)
    assert [a.address for a in cable.header.info] == ["USCINCSO", "AMEMBASSY LONDON"]
    assert cable.lines[5].kind == "distribution"
    assert cableformat.render(cable) == text


# --- the distribution block inside the text ------------------------------------------------


def test_header_read_from_the_distribution_block_in_the_text() -> None:
    cable = parse(ROME)
    h = cable.header
    assert h is not None and h.in_text and h.partial
    assert h.dtg.value.isoformat() == "2002-03-07T10:13:00+00:00"
    assert h.dtg.precedences == ["O"] and h.dtg.signal == "ZDK"
    assert h.dtg.raw == "O 071013Z MAR 02 ZDK"
    assert h.fm.address == "AMEMBASSY ROME"
    assert [(a.address, a.precedence, a.mcn) for a in h.to] == [
        ("SECSTATE WASHDC", "IMMEDIATE", "2621")]
    assert [a.address for a in h.info] == [
        "EUROPEAN POLITICAL COLLECTIVE", "AMCONSUL MILAN", "AMCONSUL FLORENCE",
        "AMCONSUL NAPLES"]
    assert [code for *_, code in diagnose(ROME, "H")] == ["H110"]
    assert cableformat.render(cable) == cable_text(ROME)


def test_distribution_block_on_lines_of_its_own() -> None:
    text = ("This record is a partial extract of the original cable.\n"
            "UNCLAS GABORONE 000411\n1. Text.\n"
            "INFO  LOG-00   NP-00    AID-00    /000W\n"
            "                  ------------------CDA50C  181236Z /38\n"
            "R 181155Z APR 05\nFM AMEMBASSY GABORONE\nTO SECSTATE WASHDC 1869\n"
            "INFO SOUTHERN AFRICAN DEVELOPMENT COMMUNITY\nAMEMBASSY PRETORIA\n"
            "UNCLAS GABORONE 000411\n")
    h = parse(text).header
    assert h.dtg.raw == "R 181155Z APR 05" and h.fm.address == "AMEMBASSY GABORONE"
    assert [a.address for a in h.to] == ["SECSTATE WASHDC"]
    assert [a.address for a in h.info] == [
        "SOUTHERN AFRICAN DEVELOPMENT COMMUNITY", "AMEMBASSY PRETORIA"]


def test_a_header_with_its_own_dtg_is_not_replaced() -> None:
    text = "R 010101Z JAN 02\nFM AMEMBASSY ROME\n" + cable_text(ROME)
    h = parse(text).header
    assert h.dtg.raw == "R 010101Z JAN 02" and not h.in_text


def test_distribution_mark_without_dtg_is_ignored() -> None:
    text = "UNCLAS ROME 001196\n1. Text.\n------------------71B573 082032Z /38 NO DTG HERE\n"
    assert parse(text).header is None


# --- portion marks -------------------------------------------------------------------------

SECRET = "S E C R E T STOCKHOLM 000696\n\nSUBJECT: TEST\n\n"
UNCLAS = "UNCLAS BUENOS AIRES 000109\n\nSUBJECT: TEST\n\n"


def test_lower_case_portion_marks_count() -> None:
    text = SECRET + "1. (s) MFA Counterterrorism Coordinator told Polcouns.\n" \
                    "2. (s) Ruthstrom-Ruin said the response was the same.\n"
    assert [p.raw for p in parse(text).body.portions] == ["(s)", "(s)"]
    assert diagnose(text, "C007") == []


def test_capco_portion_marks() -> None:
    text = SECRET + "15. (S//FGI//NF) NEA - Lebanon - Al-Qa,ida affiliate to\n" \
                    "33. (S//REL TO USA, FVEY) WHA - CTAD comment: On October 16,\n"
    assert [p.raw for p in parse(text).body.portions] == [
        "(S//FGI//NF)", "(S//REL TO USA, FVEY)"]
    assert diagnose(text, "B013") == [] and diagnose(text, "C00") == []


def test_questionnaire_answers_are_no_portion_marks() -> None:
    text = UNCLAS + "1. (U) CRIME MOBILITY:\n\n(F) Gangs and other criminal elements roam.\n\n" \
        "2. (U) CRIME AMBIANCE (Emboff neighborhoods are):\n\n" \
        "(C) Within walking distance (approx one mile) of high\ncrime areas.\n\n" \
        "3. (U) AGGRESSIVENESS OF CRIMINALS:\n\n(D) Do not avoid confrontation.\n"
    assert [p.raw for p in parse(text).body.portions] == ["(U)", "(U)", "(U)"]
    assert diagnose(text, "C006") == []


def test_ref_list_labels_are_no_portion_marks() -> None:
    text = "UNCLAS BUENOS AIRES 001819\n\nRef:  (A) Buenos Aires 1726\n\n" \
           "       (B) Buenos Aires 1456\n\n       (C) Buenos Aires 1415\n\n" \
           "      (D) Buenos Aires 1352\n\n1. (SBU) Pampa Holdings.\n"
    assert diagnose(text, "C006") == []


def test_line_opening_portion_mark_without_list_stays() -> None:
    text = UNCLAS + "1. (U) Text.\n\n(C) A classified portion of its own.\n"
    assert diagnose(text, "C006") == [(7, 1, "C006")]


def test_portions_above_the_banner_are_one_finding() -> None:
    text = UNCLAS + "1.(S/NF) Summary: Foreign Minister Musa Kusa summoned.\n" \
                    "2.(S/NF) A visibly angry Musa Kusa.\n3.(C) Kusa called the incident.\n"
    assert diagnose(text, "C006") == [(5, 3, "C006")]
    assert messages(text, "C006") == [
        "paragraph classification mark (portion mark) (S/NF) is above the banner classification "
        "UNCLASSIFIED (and 2 more portion marks above it)"]
    assert RULES["C006"].severity is Severity.ERROR


# --- sections ----------------------------------------------------------------------------

LONDON = "UNCLAS SECTION 01 OF 03 LONDON 002970\n\n" \
    "5.  (U) The Chancellor told MPs that the measures adopted were designed.  HM  " \
    "LONDON 00002970  002.2 OF 003   Treasury forecasts a short, shallow downturn.\n" \
    "LONDON 00002970  002 OF 003\n6. (U) More.\nLONDON 00002970  003 OF 003\n7. (U) End.\n"


def test_run_in_continuation_header_keeps_the_prose_word_out() -> None:
    assert diagnose(LONDON, "S005") == []
    wrong = LONDON.replace("LONDON 00002970  003 OF 003", "PARIS 00002970  003 OF 003")
    assert [code for *_, code in diagnose(wrong, "S005")] == ["S005"]


def test_one_wrong_banner_serial_is_one_finding() -> None:
    meta = "Reference ID Created Classification Origin\n" \
           "07BUENOSAIRES1673 2007-08-22 19:21 CONFIDENTIAL Embassy Buenos Aires\n"
    text = meta + "C O N F I D E N T I A L SECTION 01 OF 02 BUENOS AIRES 00167\n" \
        "1. (C) Text.\nBUENOS AIR 00001673  002 OF 002\n2. (C) More.\n"
    found = [code for *_, code in diagnose(text, "R003") + diagnose(text, "S005")]
    assert found == ["R003"]
    other = text.replace("00001673  002", "00001674  002")
    assert [code for *_, code in diagnose(other, "S005")] == ["S005"]


def test_page_numbers_restart_in_every_section() -> None:
    text = "CONFIDENTIAL ROME 01196\n1. Text.\nPAGE 02 ROME 01196 01 OF 02 082030Z\ntext\n" \
           "PAGE 03 ROME 01196 01 OF 02 082030Z\ntext\nPAGE 01 ROME 01196 02 OF 02 082031Z\n" \
           "text\nPAGE 02 ROME 01196 02 OF 02 082031Z\ntext\n"
    assert diagnose(text, "S006") == []
    skipped = text.replace("PAGE 03 ROME", "PAGE 04 ROME")
    assert [code for *_, code in diagnose(skipped, "S006")] == ["S006"]


# --- one finding per misreading ------------------------------------------------------------


def test_a_malformed_mark_repeated_on_every_paragraph_is_one_finding() -> None:
    text = "C O N F I D E N T I A L CARACAS 001443\n\nSUBJECT: TEST\n\n" \
           "1. (SE) Summary: On November 8, President Chavez called.\n" \
           "3. (SE) Chavez's comments follow dual announcements.\n" \
           "4. (SE) The recent events near the Colombian border.\n"
    assert diagnose(text, "B013") == [(5, 4, "B013")]
    assert messages(text, "B013") == [
        ("expected a paragraph classification mark (portion mark) such as (U), (C), (S//NF), "
         "found (SE) (and 2 more paragraphs)")]
    two = text.replace("4. (SE)", "4. (CC)")
    assert [code for *_, code in diagnose(two, "B013")] == ["B013", "B013"]


def test_declassification_stamp_on_the_eo_line_is_not_the_cable_order() -> None:
    text = "P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\nTO SECSTATE WASHDC PRIORITY\n" \
           "UNCLASSIFIED BUENOS AIRES 2481\n\n" \
           "E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009\nTAGS: EFIS PBTS AR\n"
    assert diagnose(text, "D006") == []
    assert diagnose(text.replace("DECL: DECLASSIFIED BY NARA 09/02/2009", "DECL: OADR"),
                    "D006") == [(6, 6, "D006")]


def test_no_portion_marks_expected_before_eo_12065() -> None:
    text = "R 120530Z FEB 73\nFM AMEMBASSY TEHRAN\nTO SECSTATE WASHDC\n" \
           "C O N F I D E N T I A L TEHRAN 2077\n\nSUBJECT: TEST\n\n1. Text.\n"
    assert diagnose(text, "C007") == []
    later = text.replace("FEB 73", "FEB 83").replace("TEHRAN 2077", "TEHRAN 02077")
    assert [code for *_, code in diagnose(later, "C007")] == ["C007"]


def test_marks_in_text_that_lost_its_lines_count() -> None:
    text = "C O N F I D E N T I A L BERLIN 002546SIPDISE.O. 12958: DECL: 08/27/2021 " \
           "SUBJECT: TEST 1. (C) Summary: The state of Berlin. 2. (C) More."
    source = Source(name="x", text=text, input_format="mongo-json", line_structure_lost=True)
    cable = parse_source(source)
    assert cable.line_structure_lost and cable.body.portions == []
    assert [d.code for d in run_rules(cable, select_rules(["C007"]))] == []
    source.text = text.replace("(C)", "(U)")
    assert [d.code for d in run_rules(parse_source(source), select_rules(["C007"]))] == ["C007"]


# --- security line -------------------------------------------------------------------------

SECURITY = "DE RUEHCG #0144 2301238\n{}\nO 181238Z AUG 09\nFM AMCONSUL CHENNAI\n" \
           "TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297\nC O N F I D E N T I A L CHENNAI 000144\n"


@pytest.mark.parametrize(("line", "expected"), [
    ("ZNY CCCCC ZZH ZDS NOT DELIVERED", [(2, 19, "H111")]),
    ("ZNY CCCCC ZZH CCY", [(2, 15, "H111")]),
    ("ZNY CCCCC ZH", [(2, 11, "H111")]),
    ("ZNY CCCCC ZZH(CCY AD1B8B49 MSI7873-695)", []),
    ("ZNY CCCCC ZZHZDF", []),
    ("ZNY CCCCC ZZH", []),
])
def test_security_line_notes(line: str, expected: list) -> None:
    text = SECURITY.format(line)
    assert diagnose(text, "H") == expected
    assert parse(text).header.security.letters == "CCCCC"


def test_security_line_with_a_lost_letter_is_read() -> None:
    text = "VZCZCXRO4772\nPP RUEHDE RUEHDIR\nDE RUEHMK #0492/01 2060620\nZNY CCCC ZZH\n" \
           "P 240620Z JUL 08\nFM AMEMBASSY MANAMA\nTORUEHC/SECSTATE WASHDC PRIORITY 8009\n"
    cable = parse(text)
    assert cable.header.dtg is not None and cable.header.fm.address == "AMEMBASSY MANAMA"
    assert diagnose(text, "H105") == [(4, 5, "H105")]
    assert messages(text, "H105") == ["classification letters 'CCCC' on the security line (FL4) "
                                      "have 4 letters: expected CCCCC"]


def test_to_run_into_the_routing_indicator_is_read() -> None:
    text = "P 240620Z JUL 08\nFM AMEMBASSY MANAMA\nTORUEHC/SECSTATE WASHDC PRIORITY 8009\n" \
           "INFO RUEHGB/AMEMBASSY BAGHDAD PRIORITY 0252\nC O N F I D E N T I A L MANAMA 000492\n"
    to = parse(text).header.to
    assert [(a.route, a.address, a.mcn) for a in to] == [("RUEHC", "SECSTATE WASHDC", "8009")]
    assert diagnose(text, "H") == [(3, 1, "H112")]
    assert diagnose(text, "P") == []
    assert parse("TOMORROW WE MEET\nUNCLAS BAKU 000443\n").header is None


@pytest.mark.parametrize("mark", ["(S/REL USA, SAU)", "(C/REL NATO)", "(S//REL TO USA, AUS//NF)",
                                  "(S/REL UK)", "(SBU/REL NATO)"])
def test_release_marks_with_and_without_to(mark: str) -> None:
    text = SECRET + f"1. (S) Text.\n2. {mark} Text released to partners.\n"
    assert [p.raw for p in parse(text).body.portions] == ["(S)", mark]
    assert diagnose(text, "B013") == []


def test_mark_glued_to_the_classified_by_line_counts() -> None:
    text = "C O N F I D E N T I A L MANAMA 000126\n\nE.O. 12958: DECL: 03/02/2018\n" \
           "SUBJECT: TEST\n\nClassified By: Ambassador Adam Ereli for reasons 1.4 (b) and (d). " \
           "(C) Poloff discussed reftel points.\n"
    assert diagnose(text, "C007") == []
    plural = text.replace("(C) Poloff", "OFFICIAL(C) Poloff")
    assert [code for *_, code in diagnose(plural, "C007")] == ["C007"]


def test_marks_above_the_banner_are_one_finding_not_two() -> None:
    text = "C O N F I D E N T I A L ISLAMABAD 018473\n\nSUBJECT: TEST\n\n" \
           "1.  (S/NF)  Embassy Islamabad provides the following comments.\n" \
           "2.  (S/NF)  In Introduction.\n"
    assert [code for *_, code in diagnose(text, "C00")] == ["C006"]


def test_routing_slip_with_a_banner_copy_before_the_header() -> None:
    """09DOHA214: the page's second block (the reader's body start) opens with the banner."""
    text = "S E C R E T        DOHA 00214\nCXDOHA:\n    ACTION: AMB\n\n" \
           "DISSEMINATION: AMB /1\nCHARGE: PROG\n\nVZCZCDOI550\nRR RUEHC RHMFISS\n" \
           "DE RUEHDO #0214/01 0851341\nZNY SSSSS ZZH\nR 261341Z MAR 09\nFM AMEMBASSY DOHA\n" \
           "TO RUEHC/SECSTATE WASHDC 8904\nS E C R E T SECTION 01 OF 05 DOHA 000214\n\n" \
           "1. (S) Text.\n"
    source = Source(name="x", text=text, input_format="wikileaks-html",
                    body_start=text.index("S E C R E T SECTION"))
    cable = parse_source(source)
    assert cable.header.dtg.raw == "R 261341Z MAR 09"
    assert cable.header.fm.address == "AMEMBASSY DOHA"
    assert cable.body.banner.raw.startswith("S E C R E T SECTION 01 OF 05")
    found = run_rules(cable, select_rules(["H"]))
    assert [(d.code, text[d.start:d.start + 11]) for d in found] == [("H100", "S E C R E T")]
