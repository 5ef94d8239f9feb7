"""Classification family rules (C001-C015): exact positions, quiet cases, corner cases."""

from __future__ import annotations

import pytest

import cableformat
from cableformat.diagnostics import Severity
from cableformat.rules import RULES, run_rules, select_rules
from tests.conftest import SAMPLES
from tests.ruleutil import diagnose, messages

CONF = "C O N F I D E N T I A L BAKU 000443\n"
HEAD = "O 020928Z JUN 09\nFM AMEMBASSY BAKU\n"
META = "Reference ID Created Classification Origin\n09BAKU443 2009-06-02 09:28 {} Embassy Baku\n"
DECL = "E.O. 12958: DECL: 06/02/2019\n"
CB = "Classified By: Ambassador Anne E. Derse, for reasons 1.4 (b,d).\n"


def meta(cls: str) -> str:
    return META.format(cls)


CASES = [
    # C001 FL4 letters vs banner
    ("C001", "ZNY SSSSS ZZH\n" + HEAD + CONF, [(1, 1, "C001")]),
    ("C001", "ZNY CCCCC ZZH\n" + HEAD + CONF, []),
    ("C001", "ZNY EEEEE ZZH\n" + HEAD + "UNCLAS BAKU 000443\n", [(1, 1, "C001")]),
    ("C001", "ZNY EEEEE ZZH\n" + HEAD + "UNCLAS E F T O BAKU 000443\n", []),
    ("C001", "ZNR UUUUU ZZH\n" + HEAD + "UNCLAS BAKU 000443\n", []),
    ("C001", "ZNY CCCCC ZZH\n" + HEAD, []),  # no banner: silent
    # C002 ZNR/ZNY
    ("C002", "ZNR CCCCC ZZH\n" + HEAD + CONF, [(1, 1, "C002")]),
    ("C002", "ZNY UUUUU ZZH\n" + HEAD + "UNCLAS BAKU 000443\n", [(1, 1, "C002")]),
    ("C002", "ZNY EEEEE ZZH\n" + HEAD + "UNCLAS E F T O BAKU 000443\n", []),
    # C003 wrapper base level vs banner
    ("C003", meta("SECRET") + CONF, [(3, 1, "C003")]),
    ("C003", meta("CONFIDENTIAL//NOFORN") + CONF, []),
    ("C003", meta("UNCLASSIFIED//FOR OFFICIAL USE ONLY") + "UNCLAS BAKU 000443\n", []),
    ("C003", meta("UNCLASSIFIED//FOR OFFICIAL USE ONLY") + CONF, [(3, 1, "C003")]),
    ("C003", CONF, []),  # no wrapper: silent
    # C004 NOFORN both ways
    ("C004", meta("CONFIDENTIAL//NOFORN") + CONF + "\nSIPDIS\n", [(3, 1, "C004")]),
    ("C004", meta("CONFIDENTIAL//NOFORN") + CONF + "\nNOFORN\nSIPDIS\n", []),
    ("C004", meta("CONFIDENTIAL//NOFORN") + CONF + "\nSUBJECT: TEST\n\n1. (C//NF) Text.\n", []),
    ("C004", meta("CONFIDENTIAL") + CONF + "\nNOFORN\n", [(5, 1, "C004")]),
    # NF portion marks alone never made the wrapper //NOFORN (the caption did)
    ("C004", meta("CONFIDENTIAL") + CONF + "\nSUBJECT: TEST\n\n1. (C/NF) Text.\n", []),
    # C005 FOUO vs SENSITIVE
    ("C005", meta("UNCLASSIFIED//FOR OFFICIAL USE ONLY") + "UNCLAS BAKU 000443\n\nSIPDIS\n",
     [(3, 1, "C005")]),
    ("C005", meta("UNCLASSIFIED//FOR OFFICIAL USE ONLY") + "UNCLAS BAKU 000443\n\nSENSITIVE\n",
     []),
    ("C005", meta("UNCLASSIFIED//FOR OFFICIAL USE ONLY") + "UNCLAS BAKU 000443\n\n"
     "SUBJECT: TEST\n\n1. (SBU) Text.\n", []),
    ("C005", meta("UNCLASSIFIED") + "UNCLAS BAKU 000443\n\nSENSITIVE\nSIPDIS\n",
     [(5, 1, "C005")]),
    # C006 portion above banner (paragraphs, other lines, SUBJECT)
    ("C006", CONF + "\n" + DECL + "SUBJECT: TEST\n\n1. (S) Text.\n", [(6, 4, "C006")]),
    ("C006", CONF + "\n" + DECL + "SUBJECT: TEST\n\n1. (S//NF) Text.\n", [(6, 4, "C006")]),
    ("C006", CONF + "\n" + DECL + "SUBJECT: TEST\n\n1. (C) Text.\n2. (U) More.\n", []),
    ("C006", "UNCLAS BAKU 000443\n\nSUBJECT: (C) TEST\n\n1. (SBU) Text.\n", [(3, 10, "C006")]),
    ("C006", "UNCLAS BAKU 000443\n\nSUBJECT: TEST\n\n1. (SBU) Text.\n2. (U//FOUO) Text.\n", []),
    ("C006", "S E C R E T BAKU 000443\n\nSUBJECT: TEST\n\n1. (TS) Text.\n", [(5, 4, "C006")]),
    # C007 no portion of the banner's level
    ("C007", "S E C R E T BAKU 000443\n\n" + DECL + "SUBJECT: TEST\n\n1. (C) Text.\n",
     [(1, 1, "C007")]),
    ("C007", "S E C R E T BAKU 000443\n\n" + DECL + "SUBJECT: TEST\n\n1. (S/NF) Text.\n", []),
    ("C007", CONF + "\n" + DECL + "SUBJECT: TEST\n\n1. CONFIDENTIAL - ENTIRE TEXT.\n", []),
    ("C007", CONF + "\n" + DECL + "SUBJECT: (C) TEST\n\n1. Text.\n", []),
    ("C007", "UNCLAS BAKU 000443\n\nSUBJECT: TEST\n\n1. Text.\n", []),
    ("C007", "This record is a partial extract of the original cable.\n" + CONF
     + "\nSUBJECT: TEST\n\n1. Text.\n", []),
    # C008 UNCLAS with DECL or Classified By
    ("C008", "UNCLAS BAKU 000443\n\n" + DECL + "SUBJECT: TEST\n", [(3, 1, "C008")]),
    ("C008", "UNCLAS BAKU 000443\n\nE.O. 12958: N/A\nSUBJECT: TEST\n\n" + CB, [(6, 1, "C008")]),
    ("C008", "UNCLAS BAKU 000443\n\nE.O. 12958: N/A\nSUBJECT: TEST\n", []),
    ("C008", CONF + "\n" + DECL + "SUBJECT: TEST\n\n" + CB, []),
    # C009 classified with N/A or no value
    ("C009", CONF + "\nE.O. 12958: N/A\nSUBJECT: TEST\n", [(3, 1, "C009")]),
    ("C009", CONF + "\nE.O. 12958: DECL:\nSUBJECT: TEST\n", [(3, 1, "C009")]),
    ("C009", CONF + "\n" + DECL + "SUBJECT: TEST\n", []),
    ("C009", CONF + "\nE.O. 12958: DECL: X1, X5\nSUBJECT: TEST\n", []),
    ("C009", "UNCLAS BAKU 000443\n\nE.O. 12958: N/A\n", []),
    # C013 Classified By missing
    ("C013", CONF + "\n" + DECL + "SUBJECT: TEST\n\n1. (C) Text.\n", [(1, 1, "C013")]),
    ("C013", CONF + "\n" + DECL + "SUBJECT: TEST\n\n" + CB + "\n1. (C) Text.\n", []),
    ("C013", CONF + "\n" + DECL + "SUBJECT: TEST\n\n1. (U) CLASSIFIED BY ROBERT P. FINN, DCM. "
     "REASON: 1.5 (D)\n", []),
    ("C013", "This record is a partial extract of the original cable.\n" + CONF
     + "\nSUBJECT: TEST\n", []),
    ("C013", "O 020928Z JUN 75\nFM AMEMBASSY TEHRAN\n" + CONF + "\nSUBJECT: TEST\n", []),
    # under E.O. 12356 (1990) telegrams seldom named their classifier; from 1995-10-14 on they do
    ("C013", "O 020928Z JUN 90\nFM AMEMBASSY TEHRAN\n" + CONF + "\nSUBJECT: TEST\n", []),
    ("C013", "O 020928Z NOV 95\nFM AMEMBASSY TEHRAN\n" + CONF + "\nSUBJECT: TEST\n",
     [(3, 1, "C013")]),
    ("C013", CONF + "\n\nE.O. 12356: DECL: OADR\nSUBJECT: TEST\n\n1. (C) Text.\n", []),
    ("C013", "UNCLAS BAKU 000443\n\nSUBJECT: TEST\n", []),
    # C014 reasons missing
    ("C014", CONF + "\n" + DECL + "SUBJECT: TEST\n\nClassified By: Glyn T. Davies\n",
     [(6, 1, "C014")]),
    ("C014", CONF + "\n" + DECL + "SUBJECT: TEST\n\n" + CB, []),
    ("C014", CONF + "\n" + DECL + "SUBJECT: TEST\n\nClassified By: DCM J. Smith, reasons "
     "1.4 (b)(d)\n", []),
    # C010 invalid section / letters / duplicates, era-aware
    ("C010", HEAD + CONF + "\n" + DECL + "SUBJECT: TEST\n\nClassified By: Amb. X, reasons "
     "1.2 (B), (D)\n", [(8, 1, "C010")]),
    ("C010", HEAD + CONF + "\n" + DECL + "SUBJECT: TEST\n\nClassified By: Amb. X, reasons "
     "1,4 (C) AND (D)\n", [(8, 1, "C010")]),
    ("C010", HEAD + CONF + "\n" + DECL + "SUBJECT: TEST\n\nClassified By: Amb. X, reasons "
     "1.4 ( b/b)\n", [(8, 1, "C010")]),
    ("C010", HEAD + CONF + "\n" + DECL + "SUBJECT: TEST\n\nClassified By: Amb. X, reasons "
     "1.5 (h)\n", [(8, 1, "C010")]),
    ("C010", HEAD + CONF + "\n" + DECL + "SUBJECT: TEST\n\nClassified By: Amb. X, reasons "
     "1.4 (h)\n", []),
    ("C010", HEAD + CONF + "\n" + DECL + "SUBJECT: TEST\n\n" + CB, []),
    ("C010", "O 020928Z JUN 89\nFM AMEMBASSY BAKU\n" + CONF + "\nE.O. 12356: DECL: OADR\n"
     "SUBJECT: TEST\n\nClassified By: Amb. X, reason 1.3 (a)\n", []),
    # C011 SIPDIS with NODIS/EXDIS
    ("C011", "S E C R E T STATE 000443\n\nNODIS\nSIPDIS\n", [(4, 1, "C011")]),
    ("C011", "S E C R E T STATE 000443\n\nEXDIS SIPDIS\n", [(3, 7, "C011")]),
    ("C011", "S E C R E T STATE 000443\n\nNOFORN\nSIPDIS\n", []),
    ("C011", "S E C R E T STATE 000443\n\nNODIS\n", []),
    # C012 SIPDIS absent in 2006+ (info)
    ("C012", HEAD + CONF + "\n" + DECL, [(3, 1, "C012")]),
    ("C012", HEAD + CONF + "\nSIPDIS\n\n" + DECL, []),
    ("C012", "O 020928Z JUN 04\nFM AMEMBASSY BAKU\n" + CONF + "\n" + DECL, []),
    ("C012", CONF + "\n" + DECL, []),  # date unknown: silent
    # C015 SIPDIS too early
    ("C015", "O 020928Z JUN 99\nFM AMEMBASSY BAKU\n" + CONF + "\nSIPDIS\n", [(5, 1, "C015")]),
    ("C015", "O 020928Z JUN 04\nFM AMEMBASSY BAKU\n" + CONF + "\nSIPDIS\n", []),
    ("C015", CONF + "\nSIPDIS\n", []),  # date unknown: silent
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_classification_rule_positions(code: str, text: str, expected: list) -> None:
    assert diagnose(text, code) == expected


def test_severities() -> None:
    assert RULES["C001"].severity is Severity.ERROR
    assert RULES["C006"].severity is Severity.ERROR
    assert RULES["C009"].severity is Severity.ERROR
    assert RULES["C012"].severity is Severity.INFO
    for code in ("C002", "C004", "C005", "C007", "C008", "C010", "C011", "C013", "C014", "C015"):
        assert RULES[code].severity is Severity.WARNING, code


def test_messages_name_expected_and_found() -> None:
    text = CONF + "\n" + DECL + "SUBJECT: TEST\n\n1. (S) Text.\n"
    assert messages(text, "C006") == [
        ("paragraph classification mark (portion mark) (S) is above the banner classification "
         "CONFIDENTIAL")
    ]
    text = meta("SECRET") + CONF
    (msg,) = messages(text, "C003")
    assert "SECRET" in msg and "CONFIDENTIAL" in msg
    for code, snippet in (("C009", CONF + "\nE.O. 12958: N/A\n"),
                          ("C001", "ZNY SSSSS ZZH\n" + HEAD + CONF)):
        for message in messages(snippet, code):
            assert "\n" not in message and not message.endswith(".")


FAMILY = [code for code, r in RULES.items() if r.family == "classification"]


def test_reference_cable_has_no_classification_errors() -> None:
    # the reference cable of the corpus, shipped in samples/: runs without the corpus
    text = (SAMPLES / "09BAKU443.txt").read_text(encoding="utf-8")
    found = run_rules(cableformat.parse(text), select_rules(FAMILY))
    assert [d for d in found if d.severity is Severity.ERROR] == []
    assert found == []


def test_sipdis_on_the_banner_line_is_found_in_place() -> None:
    text = "O 020928Z JUN 99\nFM AMEMBASSY BAKU\n" + CONF.rstrip("\n") + " SIPDIS\n"
    assert diagnose(text, "C015") == [(3, 37, "C015")]
    found = run_rules(cableformat.parse(text), select_rules(["C015"]))
    assert [text[d.start:d.end] for d in found] == ["SIPDIS"]
    assert diagnose("S E C R E T STATE 000443 NODIS SIPDIS\n", "C011") == [(1, 32, "C011")]
    # trailing text that is no caption line (CXBAKU:) still holds the SIPDIS caption
    text = "O 020928Z JUN 99\nFM AMEMBASSY BAKU\n" + CONF.rstrip("\n") + " CXBAKU: SIPDIS\n"
    found = run_rules(cableformat.parse(text), select_rules(["C015"]))
    assert [text[d.start:d.end] for d in found] == ["SIPDIS"]


def test_wrapper_sbu_against_a_classified_banner() -> None:
    assert diagnose(meta("SBU") + CONF, "C003") == [(3, 1, "C003")]


def test_sbu_portion_marks_alone_need_no_fouo_wrapper() -> None:
    # the reverse C005 finding is for a SENSITIVE caption, not for (SBU) portion marks
    text = meta("UNCLASSIFIED") + "UNCLAS BAKU 000443\n\nSUBJECT: TEST\n\n1. (SBU) Text.\n"
    assert diagnose(text, "C005") == []


def test_portion_above_banner_counts_the_other_marks() -> None:
    two = CONF + "\nSUBJECT: TEST\n\n1. (S) Text.\n2. (TS) Text.\n"
    assert messages(two, "C006") == [
        "paragraph classification mark (portion mark) (TS) is above the banner classification "
        "CONFIDENTIAL "
        "(and 1 more portion marks above it)"]
    assert diagnose(two, "C006") == [(6, 4, "C006")]
    one = CONF + "\nSUBJECT: TEST\n\n1. (S) Text.\n2. (C) Text.\n"
    assert messages(one, "C006") == [
        "paragraph classification mark (portion mark) (S) is above the banner classification "
        "CONFIDENTIAL"]


def test_noforn_compared_only_with_both_wrapper_and_banner() -> None:
    assert diagnose(meta("CONFIDENTIAL//NOFORN") + "SUBJECT: TEST\n", "C004") == []
    assert diagnose(CONF + "\nNOFORN\n", "C004") == []
