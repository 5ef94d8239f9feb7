"""Body family rules (B001-B019): exact positions, quiet cases, corner cases."""

from __future__ import annotations

import pytest

import cableformat
from cableformat.diagnostics import Severity
from cableformat.rules import RULES, Context, run_rules, select_rules
from tests.conftest import SAMPLES
from tests.ruleutil import diagnose, messages

UNCLAS = "UNCLAS BAKU 000443\n"
CONF = "C O N F I D E N T I A L BAKU 000443\n"
HEAD = "O 020928Z JUN 09\nFM AMEMBASSY BAKU\n"
PARTIAL = "This record is a partial extract of the original cable.\n"
EO = "E.O. 12958: N/A\n"
TAGS = "TAGS: PGOV PREL AJ\n"
SUBJ = "SUBJECT: TEST\n"

CASES = [
    # B001 banner missing (also for partial extracts); not for non-cables
    ("B001", EO + TAGS + SUBJ, [(1, 1, "B001")]),
    ("B001", "\nDEPT FOR EUR\n\n" + TAGS + SUBJ, [(3, 1, "B001")]),
    ("B001", PARTIAL + EO + TAGS, [(2, 1, "B001")]),
    ("B001", UNCLAS + "\n" + EO + TAGS + SUBJ, []),
    ("B001", "Appears in these articles:\n", []),
    # B002 mixed case banner
    ("B002", "S e c r e t nairobi 001938\n", [(1, 1, "B002")]),
    ("B002", "S E C R E T NAIROBI 001938\n", []),
    # B003 E.O. missing: 1972+, undated; not partial, not before June 1972
    ("B003", CONF + "\n" + TAGS + SUBJ, [(1, 1, "B003")]),
    ("B003", HEAD + CONF + "\n" + TAGS + SUBJ, [(3, 1, "B003")]),
    ("B003", "O 020928Z JUN 66\nFM AMEMBASSY BAKU\n" + CONF + "\n" + SUBJ, []),
    ("B003", PARTIAL + CONF + "\n" + TAGS + SUBJ, []),
    ("B003", CONF + "\n" + EO + TAGS + SUBJ, []),
    # B004 malformed order / value
    ("B004", UNCLAS + "\nE.O. 1295: N/A\n" + SUBJ, [(3, 1, "B004")]),
    ("B004", UNCLAS + "\nE.O. 12958: DECL: 2020/02/23\n" + SUBJ, [(3, 1, "B004")]),
    ("B004", UNCLAS + "\nE.o. 12958: decl: after korean unification\n" + SUBJ, [(3, 1, "B004")]),
    ("B004", UNCLAS + "\nE.O. 12958:\n" + SUBJ, [(3, 1, "B004")]),
    ("B004", CONF + "\nE.O. 12958:\n" + SUBJ, []),  # C009 reports it
    ("B004", UNCLAS + "\n" + EO + SUBJ, []),
    ("B004", CONF + "\nE.O. 12356: DECL: OADR\n" + SUBJ, []),
    ("B004", CONF + "\nE.O. 12958: DECL: 1.6X1\n" + SUBJ, []),
    # B005 punctuation / case variants (info)
    ("B005", UNCLAS + "\nE.o. 12958: decl: 07/01/2034\n" + SUBJ, [(3, 1, "B005")]),
    ("B005", UNCLAS + "\nEO 12958 DECL: 12/31/2034\n" + SUBJ, [(3, 1, "B005")]),
    ("B005", UNCLAS + "\nE.O. 12958:N/A\n" + SUBJ, [(3, 1, "B005")]),
    ("B005", UNCLAS + "\nE.O. 12958:  N/A\n" + SUBJ, []),
    ("B005", UNCLAS + "\nE.O. 12958: DECL: 07/01/2034\n" + SUBJ, []),
    # B006 TAGS missing
    ("B006", UNCLAS + "\n" + EO + SUBJ, [(1, 1, "B006")]),
    ("B006", UNCLAS + "\n" + EO + TAGS + SUBJ, []),
    ("B006", PARTIAL + UNCLAS + "\n" + EO + SUBJ, []),
    # B007 TAGS keyword variants
    ("B007", UNCLAS + "\n" + EO + "TAGES: PGOV PREL\n", [(4, 1, "B007")]),
    ("B007", UNCLAS + "\n" + EO + "Tags: prel, pgov\n", [(4, 1, "B007")]),
    ("B007", UNCLAS + "\n" + EO + "TAGS PGOV, PREL\n", [(4, 1, "B007")]),
    ("B007", UNCLAS + "\n" + EO + TAGS, []),
    # B008 SUBJECT missing
    ("B008", UNCLAS + "\n" + EO + TAGS, [(1, 1, "B008")]),
    ("B008", UNCLAS + "\n" + EO + TAGS + SUBJ, []),
    ("B008", PARTIAL + UNCLAS + "\n" + EO + TAGS, []),
    # B009 SUBJECT keyword variants
    ("B009", UNCLAS + "\n" + EO + "UBJECT: TEST\n", [(4, 1, "B009")]),
    ("B009", UNCLAS + "\n" + EO + "SUBJECT SAG AGREES\n", [(4, 1, "B009")]),
    ("B009", UNCLAS + "\n" + EO + "SUBJ: TEST\n", []),
    ("B009", UNCLAS + "\n" + EO + SUBJ, []),
    # B011 Classified By keyword misspelt or repeated
    ("B011", CONF + "\n" + SUBJ + "\nClassfied By: IO A/S Smith, reasons 1.4 (d)\n",
     [(5, 1, "B011")]),
    ("B011", CONF + "\n" + SUBJ + "\nClassified By: Classified by DCM Liz Dibble, 1.4 (d)\n",
     [(5, 1, "B011")]),
    ("B011", CONF + "\n" + SUBJ + "\nClassified By: DCM Liz Dibble, reasons 1.4 (d)\n", []),
    ("B011", CONF + "\n" + SUBJ + "\nCLASSIFIED BY: DCM Liz Dibble. REASON: 1.4 (d)\n", []),
    # B012 paragraph numbering
    ("B012", UNCLAS + "\n" + SUBJ + "\n1. Text.\n\n3. More.\n", [(7, 1, "B012")]),
    ("B012", UNCLAS + "\n" + SUBJ + "\n2. Text.\n\n3. More.\n", [(5, 1, "B012")]),
    # the first paragraph glued to a head field, unnumbered or redacted: no numbering fault
    ("B012", UNCLAS + "\n" + "REF: STATE 69691 1. (SBU) Text.\n\n2. More.\n", []),
    ("B012", UNCLAS + "\n" + SUBJ + "\nThe first paragraph, unnumbered.\n\n2. More.\n", []),
    ("B012", UNCLAS + "\n" + SUBJ + "\nXXXXXXXXXXXX\n\n7. More.\n", []),
    ("B012", UNCLAS + "\n" + SUBJ + "\n1. Text.\n\n2. More.\n\n2. Again.\n", [(9, 1, "B012")]),
    ("B012", UNCLAS + "\n" + SUBJ + "\n1. Text.\n\n2. More.\n\n2a. Sub.\n\n3. End.\n", []),
    ("B012", UNCLAS + "\n" + SUBJ + "\n1. Text.\n\n2. Quote:\n1. Quoted.\n\n2. Quoted.\n", []),
    # an embedded letter numbers its own paragraphs; the cable's numbering goes on after it
    ("B012", UNCLAS + "\n" + SUBJ + "\n1. Text.\n\n2. Letter:\n1. Quoted.\n\n2. Quoted.\n\n"
     "3. Quoted.\n\n3. Own.\n", []),
    ("B012", UNCLAS + "\n" + SUBJ + "\n1. Text.\n\n2. Letter:\n1. Quoted.\n\n4. Own.\n",
     [(10, 1, "B012")]),
    ("B012", UNCLAS + "\n" + SUBJ + "\n1. Text.\n\n2. More.\n\n2.B. Sub.\n\n3. End.\n", []),
    # a range number (10CAIRO209 ``4-12. (U) Official data``) holds the missing numbers
    ("B012", UNCLAS + "\n" + SUBJ + "\n1. One.\n\n2. Two.\n\n3. Three.\n\n4-12. (U) Data.\n\n"
     "13. More.\n", []),
    # the gap is a redaction's (09STATE3943, 08RPODUBAI49), not a lost paragraph
    ("B012", UNCLAS + "\n" + SUBJ + "\n1. Text.\n\n2. More.\n\nXXXXXXXXXXXX\n\n4. After.\n",
     []),
    ("B012", UNCLAS + "\n" + SUBJ + "\n1. Text.\n\n2. More. [DETAILS REMOVED]\n\n-----\n\n"
     "4. After.\n", []),
    # a redaction earlier in the paragraph before does not explain the gap
    ("B012", UNCLAS + "\n" + SUBJ + "\n1. Text.\n\n2. XXXXXXXXXXXX said so.\nMore text.\n\n"
     "4. After.\n", [(10, 1, "B012")]),
    # an announced document keeps its own numbers (09UNVIEVIENNA220), the text's go on after
    ("B012", UNCLAS + "\n" + SUBJ + "\n1. Text.\n\n2. Begin text of the report, paragraphs "
     "42-43:\n\n42. Quoted.\n\n43. Quoted.\n\n3. Own.\n", []),
    ("B012", UNCLAS + "\n" + SUBJ + "\n1. Text.\n\n2. We agree:\n\n42. Quoted.\n",
     [(9, 1, "B012")]),
    # sections 2A, 2B ... each holding paragraphs numbered from 1 (10CAIRO209)
    ("B012", UNCLAS + "\n" + SUBJ + "\n1. Text.\n\n2A. Part.\n\n1. One.\n\n2. Two.\n\n"
     "3. Three.\n\n2B. Part.\n\n1. One.\n\n3. Own.\n", []),
    # B013 malformed portion marks
    ("B013", CONF + "\n" + SUBJ + "\n1. C) Text.\n", [(5, 4, "B013")]),
    ("B013", CONF + "\n" + SUBJ + "\n2. SBU) Text.\n", [(5, 4, "B013")]),
    ("B013", CONF + "\n" + SUBJ + "\n1. (CC) Text.\n", [(5, 4, "B013")]),
    ("B013", CONF + "\n" + SUBJ + "\n1. (C) Text.\n2. (S//NF) Text.\n3. (SBU/N) Text.\n", []),
    # B014 END without start (warning), start without END (info)
    ("B014", UNCLAS + "\n" + SUBJ + "\n1. The talks went well. End summary.\n", [(5, 25, "B014")]),
    ("B014", UNCLAS + "\n" + SUBJ + "\n1. Summary: The talks went well. End summary.\n", []),
    ("B014", UNCLAS + "\n" + SUBJ + "\n1. (C) Text. Comment: odd. End comment.\n", []),
    ("B014", UNCLAS + "\n" + SUBJ + "\n1. SUMMARY: The talks went well.\n\n2. More.\n",
     [(5, 4, "B014")]),
    ("B014", UNCLAS + "\n" + SUBJ + "\nBEGIN SUMMARY: Text.\nEND SUMMARY.\n", []),
    # "a year-end summary" is no END SUMMARY (08BAGHDAD111)
    ("B014", UNCLAS + "\n" + SUBJ + "\n1. Furthermore, a year-end summary of the work is due.\n",
     []),
    # B015 signature missing / glued to the last paragraph
    ("B015", UNCLAS + "\n" + SUBJ + "\n1. The talks went well, and\n", [(5, 1, "B015")]),
    # a glued signature is a signature (B030 says where it stands), not a missing one
    ("B015", UNCLAS + "\n" + SUBJ + "\n1. The talks went well. DERSE\n", []),
    ("B030", UNCLAS + "\n" + SUBJ + "\n1. The talks went well. DERSE\n", [(5, 25, "B030")]),
    ("B030", UNCLAS + "\n" + SUBJ + "\n1. The talks went well.\nDERSE\n", []),
    ("B015", UNCLAS + "\n" + SUBJ + "\n1. The talks went well. PLEASE ADVISE.\n",
     [(5, 25, "B015")]),
    ("B015", UNCLAS + "\n" + SUBJ + "\n1. The talks went well.\nDERSE\n", []),
    ("B015", UNCLAS + "\n" + SUBJ + "\n1. The talks went well.\n\nvan Voorst\n", []),
    ("B015", UNCLAS + "\n" + SUBJ + "\n1. The talks went well.\nJEWELL\n"
     "=======================CABLE ENDS============================\n", []),
    ("B015", PARTIAL + UNCLAS + "\n" + SUBJ + "\n1. The talks went well, and\n", []),
    # a record row's fields after the signature (07TRIPOLI1055 ``STEVENS 0 12/23/2007``), a
    # database query line (06LAPAZ3400), the message header repeated after the text (08PARIS988)
    ("B015", UNCLAS + "\n" + SUBJ + "\n1. The talks went well.\nSTEVENS 0 12/23/2007\n", []),
    ("B015", UNCLAS + "\n" + SUBJ + "\n1. The talks went well.\nGOLDBERG\n"
     "SELECT * FROM `cable` WHERE `id` = '90016' ORDER BY `date` ASC\n", []),
    ("B015", UNCLAS + "\n" + SUBJ + "\n1. The talks went well.\n\nSTAPLETON\n\nVZCZCXRO2010\n"
     "OO RUEHAG RUEHBC RUEHDE\nDE RUEHFR #0988/01 1441337\nZNY CCCCC ZZH\nO 231337Z MAY 08\n"
     "FM AMEMBASSY PARIS\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 3125\n"
     "RUEHNO/USMISSION USNATO PRIORITY 3870\n", []),
    ("B015", UNCLAS + "\n" + SUBJ + "\n1. The talks went well.\n\nSTEVENS\n\n"
     "TelegramRestricted by caption. UNCLASSIFIED TRIPOLI 00000641\nO 261520Z JUL 07\n"
     "FM AMEMBASSY TRIPOLI\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 2473\n", []),
    # header-like lines without a DTG and FM line are text: the signature is still missing
    ("B015", UNCLAS + "\n" + SUBJ + "\n1. The talks went well, and\nTO RUEHC/SECSTATE WASHDC\n",
     [(6, 19, "B015")]),
    # B016 SIPDIS duplicated (info)
    ("B016", UNCLAS + "\nSIPDIS\n\nSIPDIS\n", [(5, 1, "B016")]),
    ("B016", UNCLAS + "\nSIPDIS SIPDIS\n", [(3, 8, "B016")]),
    ("B016", UNCLAS + "\nSIPDIS\n", []),
    # B017 redactions (info)
    ("B017", UNCLAS + "\n1. XXXXXXXXXXXX told us and XXXXXXXXXXXX agreed.\n",
     [(3, 4, "B017"), (3, 29, "B017")]),
    ("B017", UNCLAS + "\n1. The minister told us.\n", []),
    # B018 TAGS before E.O.
    ("B018", UNCLAS + "\n" + TAGS + EO + SUBJ, [(3, 1, "B018")]),
    ("B018", UNCLAS + "\n" + EO + TAGS + SUBJ, []),
    # B019 truncated subject
    ("B019", UNCLAS + "\nSUBJECT: RUSSIAN SCIEN...\n", [(3, 1, "B019")]),
    ("B019", UNCLAS + "\nSUBJECT: RUSSIAN SCIENTISTS\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_body_rule_positions(code: str, text: str, expected: list) -> None:
    assert diagnose(text, code) == expected


def test_severities() -> None:
    assert RULES["B001"].severity is Severity.ERROR
    assert RULES["B003"].severity is Severity.ERROR
    for code in ("B005", "B016", "B017"):
        assert RULES[code].severity is Severity.INFO, code
    for code in ("B002", "B004", "B006", "B007", "B008", "B009", "B011", "B012", "B013",
                 "B014", "B015", "B018", "B019"):
        assert RULES[code].severity is Severity.WARNING, code


def test_summary_start_without_end_is_info() -> None:
    text = UNCLAS + "\n" + SUBJ + "\n1. SUMMARY: The talks went well.\n"
    found = run_rules(cableformat.parse(text), select_rules(["B014"]))
    assert [d.severity for d in found] == [Severity.INFO]


def test_missing_tags_and_subject_are_errors_in_strict_mode_from_2003() -> None:
    text = HEAD + UNCLAS + "\n" + EO
    rules = select_rules(["B006", "B008"])
    strict = run_rules(cableformat.parse(text), rules, Context(strict=True))
    assert [d.severity for d in strict] == [Severity.ERROR, Severity.ERROR]
    lax = run_rules(cableformat.parse(text), rules)
    assert [d.severity for d in lax] == [Severity.WARNING, Severity.WARNING]
    old = text.replace("JUN 09", "JUN 99")
    strict_old = run_rules(cableformat.parse(old), rules, Context(strict=True))
    assert [d.severity for d in strict_old] == [Severity.WARNING, Severity.WARNING]


def test_messages_name_expected_and_found() -> None:
    assert messages(UNCLAS + "\n" + EO + "TAGES: PGOV\n", "B007") == [
        "expected the keyword TAGS: (subject and country codes), found 'TAGES:'"
    ]
    assert messages(UNCLAS + "\n" + SUBJ + "\n1. Text.\n\n3. More.\n", "B012") == [
        "expected paragraph 2, found 3"
    ]
    for code, snippet in (("B001", EO + TAGS), ("B015", UNCLAS + "\n1. Text and\n"),
                          ("B013", CONF + "\n1. C) Text.\n")):
        (message,) = messages(snippet, code)
        assert "\n" not in message and not message.endswith(".")


FAMILY = [code for code, r in RULES.items() if r.family == "body"]


def test_reference_cable_has_no_body_errors() -> None:
    # the reference cable of the corpus, shipped in samples/: runs without the corpus
    text = (SAMPLES / "09BAKU443.txt").read_text(encoding="utf-8")
    found = run_rules(cableformat.parse(text), select_rules(FAMILY))
    assert [d for d in found if d.severity is Severity.ERROR] == []
    assert [d.code for d in found] == []


def _found(code: str, text: str) -> list[tuple[int, int, str]]:
    """(start, end, message) of what rule ``code`` reports on ``text``."""
    cable = cableformat.parse(text)
    return [(d.start, d.end, d.message) for d in RULES[code].run(cable, Context())]


HEADLESS = ("expected a banner (classification office serial) and the head fields, found "
            "neither: the text is a body without its head")


def test_b001_headless_text_reported_at_its_first_text_line_past_the_indent() -> None:
    assert _found("B001", "  1. Some paragraph text.\n") == [(2, 25, HEADLESS)]
    # a telegram header, no head: the first line of text, not the header's DE line
    text = ("DE RUEHKB #0443/01 1530928\nO 020928Z JUN 09\nFM AMEMBASSY BAKU\n"
            "TO SECSTATE WASHDC\n\n  1. Some paragraph text.\n")
    assert _found("B001", text) == [(84, 107, HEADLESS)]


def test_a_banner_alone_is_not_headless_so_the_absence_rules_speak() -> None:
    assert _found("B008", UNCLAS + "\n1. (U) Text.\n") == [
        (0, 18, "expected a SUBJECT line, found none")]


def test_b004_order_after_a_stray_colon_is_read_and_its_value_checked() -> None:
    assert _found("B004", UNCLAS + "\nE.O.: 12958: DECL: 06/02/2019.\n" + SUBJ) == []
    assert _found("B004", UNCLAS + "\nE.O.: 12958: AFTER THE WAR\n" + SUBJ) == [
        (20, 46, "expected a declassification date (DECL), exemption or N/A, found "
                 "'AFTER THE WAR'")]
    assert [m for *_, m in _found("B004", UNCLAS + "\nE.O.: XYZ\n" + SUBJ)] == [
        "expected an executive order number after E.O., found none",
        "expected a declassification date (DECL), exemption or N/A, found 'XYZ'"]


def test_b007_spans_the_variant_keyword() -> None:
    assert _found("B007", UNCLAS + "\n" + EO + "TAGES: PGOV PREL AJ\n") == [
        (36, 42, "expected the keyword TAGS: (subject and country codes), found 'TAGES:'")]


def test_b011_misspelt_and_repeated_keyword_on_the_next_line() -> None:
    head = CONF + "\nE.O. 12958: DECL: 06/02/2019\n" + SUBJ + "\n"
    assert _found("B011", head + "Classfied By: DCM Liz Dibble, reasons 1.4 (b,d).\n") == [
        (81, 94, "expected Classified By:, found 'Classfied By:'")]
    found = _found("B011", head + "Classified By:\nClassified by DCM Liz Dibble, reasons 1.4 "
                   "(b,d).\n")
    assert [(s, e) for s, e, _ in found] == [(81, 144)]
    assert found[0][2].startswith("expected the Classified By keyword once, found it repeated")


def test_b011_keyword_repeated_in_the_first_paragraph_and_b004_trailing_dots() -> None:
    head = CONF + "\nE.O. 12958: DECL: 06/02/2019\n" + SUBJ + "\n"
    found = _found("B011", head + "Classified By:\n1. Classified by DCM.\n")
    assert [(s, e) for s, e, _ in found] == [(81, 95)]
    assert _found("B011", head + "Classified By:\n1. Text.\n") == []
    assert _found("B004", UNCLAS + "\nE.O.: 12958: DECL: 06/02/2019..\n" + SUBJ) == []
