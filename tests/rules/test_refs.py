"""Refs family rules (F001-F004): exact positions, quiet cases, corner cases."""

from __future__ import annotations

import pytest

import cableformat
from cableformat.diagnostics import Severity
from cableformat.rules import RULES, run_rules, select_rules
from tests.conftest import SAMPLES
from tests.ruleutil import diagnose, messages

DATED = "O 020928Z JUN 09\nFM AMEMBASSY BAKU\nUNCLAS BAKU 000443\n\nSUBJECT: TEST\n"
UNDATED = "UNCLAS BAKU 000443\n\nSUBJECT: TEST\n"

CASES = [
    # F001 unresolved cable references
    ("F001", UNDATED + "REF: A. 09 BAKU 0\n", [(4, 6, "F001")]),
    ("F001", DATED + "REF: A. BAKU 0 B. STATE 12345\n", [(6, 6, "F001")]),
    ("F001", UNDATED + "REF: A. 09 BAKU 400\n", []),
    ("F001", DATED + "REF: A. BAKU 400 B. 08 STATE 12345\n", []),
    ("F001", UNDATED + "REF: A. BAKU 400\n", []),  # no year known: not checked
    ("F001", DATED + "REF: A. LAKHDHIR E-MAIL OF DECEMBER FIRST\n", []),
    # F002 reference later than the cable
    ("F002", DATED + "REF: A. 10 BAKU 400\n", [(6, 6, "F002")]),
    ("F002", DATED + "REF: A. 09 BAKU 500\n", [(6, 6, "F002")]),
    ("F002", DATED + "REF: A. BAKU 500\n", []),  # year not written: not compared
    ("F002", DATED + "REF: A. 09 BAKU 400 B. 09 STATE 50000\n", []),
    ("F002", UNDATED + "REF: A. 10 BAKU 400\n", []),  # cable date unknown
    # F003 self reference (info)
    ("F003", DATED + "REF: A. BAKU 443\n", [(6, 6, "F003")]),
    ("F003", DATED + "REF: A. BAKU 400\n", []),
    # F004 labels not consecutive (info), reported once
    ("F004", DATED + "REF: A. BAKU 400 C. BAKU 401 E. BAKU 402\n", [(6, 18, "F004")]),
    ("F004", DATED + "REF: A. BAKU 400 B. BAKU 401\n", []),
    ("F004", DATED + "REF: (1) BAKU 400 (2) BAKU 401\n", []),
    ("F004", DATED + "REF: BAKU 400\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_refs_rule_positions(code: str, text: str, expected: list) -> None:
    assert diagnose(text, code) == expected


def test_severities() -> None:
    for code in ("F001", "F002"):
        assert RULES[code].severity is Severity.WARNING, code
    for code in ("F003", "F004"):
        assert RULES[code].severity is Severity.INFO, code


def test_messages_name_expected_and_found() -> None:
    (msg,) = messages(DATED + "REF: A. 10 BAKU 400\n", "F002")
    assert msg.startswith("expected a reference dated 2009 or earlier, found 2010")
    assert messages(DATED + "REF: A. BAKU 400 C. BAKU 401\n", "F004") == [
        "expected reference label (REF) B after A, found C"
    ]


FAMILY = [code for code, r in RULES.items() if r.family == "refs"]


def test_reference_cable_has_no_refs_errors() -> None:
    # the reference cable of the corpus, shipped in samples/: runs without the corpus
    text = (SAMPLES / "09BAKU443.txt").read_text(encoding="utf-8")
    found = run_rules(cableformat.parse(text), select_rules(FAMILY))
    assert [d for d in found if d.severity is Severity.ERROR] == []
    assert found == []


YEAR_CASES = [
    # F005 year inferred: the citing year would make the reference later than the cable
    ("F005", DATED + "REF: A. BAKU 500\n", [(6, 6, "F005")]),
    ("F005", DATED + "REF: A. BAKU 400 B. STATE 500\n", []),
    ("F005", DATED + "REF: A. 08 BAKU 500\n", []),  # year written
    ("F005", UNDATED + "REF: A. BAKU 500\n", []),  # year unknown
    # F002 keeps quiet on the inferred year and reads years written after the serial
    ("F002", DATED + "REF: A. BAKU 500\n", []),
    ("F002", DATED + "REF: A. BAKU 500/09\n", [(6, 6, "F002")]),
    ("F002", DATED + "REF: A. BAKU 500 (08)\n", []),
    ("F002", DATED + "REF: A. BAKU 400 (10)\n", [(6, 6, "F002")]),
    # F004 no longer sees initials inside an item as labels (06REYKJAVIK305)
    ("F004", DATED + "REFS: A) STATE 139903 \n  B) Jaskel - F. Evans - B. Evans emails 8/25\n",
     []),
    ("F004", DATED + "REF: A. A. STATE 56282 B. B. STATE 56666\n", []),  # doubled labels
]


@pytest.mark.parametrize(("code", "text", "expected"), YEAR_CASES)
def test_refs_year_rule_positions(code: str, text: str, expected: list) -> None:
    assert diagnose(text, code) == expected


def test_year_inferred_message_and_severity() -> None:
    assert RULES["F005"].severity is Severity.INFO
    (msg,) = messages(DATED + "REF: A. BAKU 500\n", "F005")
    assert msg.startswith("expected a year with 'A. BAKU 500'")
    assert msg.endswith("read it as 08BAKU500")


LETTER_CASES = [
    ("F006", UNDATED + "REF: A. O8 BAKU 400\n", [(4, 6, "F006")]),
    ("F006", UNDATED + "REF: A. STATE 1 B) O9 CAIRO 2129\n", [(4, 17, "F006")]),
    ("F006", UNDATED + "REF: A. 08 BAKU 400\n", []),
    ("F006", UNDATED + "REF: A. OSLO 400\n", []),
    ("F001", DATED + "REF: C. O4 SAN JOSE 443\n", []),  # resolves: 04SANJOSE443
]


@pytest.mark.parametrize(("code", "text", "expected"), LETTER_CASES)
def test_refs_letter_o_positions(code: str, text: str, expected: list) -> None:
    assert diagnose(text, code) == expected


def test_letter_o_message() -> None:
    assert RULES["F006"].severity is Severity.WARNING
    (msg,) = messages(UNDATED + "REF: A. O8 BAKU 400\n", "F006")
    assert msg == "expected digits in the year of 'A. O8 BAKU 400', found 'O8' (letter O); " \
        "read as 08BAKU400"


def test_label_case_is_not_a_gap() -> None:
    # 08STATE15220: a. then B. (upper-cased by a pilcrow anchor) then c.
    assert diagnose(DATED + "REF: a. BAKU 400\n\nB. BAKU 401\nc. BAKU 402\n", "F004") == []
    assert diagnose(DATED + "REF: a. BAKU 400\nc. BAKU 402\n", "F004") == [(7, 1, "F004")]


def test_prose_after_a_semicolon_is_not_a_reference() -> None:
    # wikileaks-11-28-10.json 09BERLIN1636: caption and first paragraph run into the field
    text = (DATED + "REF: Frankfurt 002808 Sensitive but unclassified; not for Internet "
            "Distribution. 1. (SBU) Chancellor Angela Merkel nominated\n")
    assert diagnose(text, "F001") == []
