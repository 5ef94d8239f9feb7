"""Reference family rules (T003, T004, T008, R007-R010, P004): positions, quiet cases."""

from __future__ import annotations

import pytest

from cableformat.diagnostics import Severity
from cableformat.rules import RULES
from tests.ruleutil import diagnose, messages

HEAD = "UNCLAS BAKU 000443\n\nE.O. 12958: N/A\n"
META = "Reference ID Created Released Classification Origin\n"
HDR = "DE {de} #0443/01 1530928\nO 020928Z JUN 09\nFM AMEMBASSY BAKU\nUNCLAS BAKU 000443\n"

CASES = [
    # T003 unknown TAG, with the known ones and the special cases quiet
    ("T003", HEAD + "TAGS: POGOV PREL AJ\n", [(4, 7, "T003")]),
    ("T003", HEAD + "TAGS: PGOV PREL AJ KFOO NATO EUN XF UNGA/C-6\n", []),
    ("T003", HEAD + "TAGS: PGOV RU\n", []),  # T004's business
    ("T003", HEAD + "TAGS: PGOV PHUMBA\n", []),  # T008's business
    ("T003", HEAD + "TAGS: OVIP BIDEN JOSEPH PREL\n", []),  # a person's given name
    ("T003", HEAD + "TAGS: PGOV PREL CA MX SIPDIS\n", []),  # T006's business
    ("T003", HEAD + "TAGS: PFOR PINT IR\n", []),  # 1970s TAGS
    # T004 ISO code where FIPS is expected
    ("T004", HEAD + "TAGS: PGOV MARR PREL AJ RU IR TR\n", [(4, 25, "T004"), (4, 31, "T004")]),
    ("T004", HEAD + "TAGS: PGOV AU CH ES\n", []),  # FIPS codes too: cannot tell
    # T008 run-together TAGS
    ("T008", HEAD + "TAGS: PGOV PHUMBA\n", [(4, 12, "T008")]),
    ("T008", HEAD + "TAGS: PGOV IRAN PAKISTAN\n", []),
    # R007 DE station of another post
    ("R007", HDR.format(de="RUEHAK"), [(1, 1, "R007")]),
    ("R007", HDR.format(de="RUEHKB"), []),
    ("R007", HDR.format(de="RUEHZZZ"), []),  # unknown RI: P004
    # P004 unknown RI
    ("P004", HDR.format(de="RUEHZZZ"), [(1, 1, "P004")]),
    ("P004", HDR.format(de="RUEH"), []),  # the Beltsville relay is in ACP 117
    # R008 WikiLeaks origin
    ("R008", META + "06KIEV1261 2006-03-26 10:00 2011-08-30 01:44 UNCLASSIFIED Embassy Kyiv\n"
     "UNCLAS KIEV 001261\n", []),
    ("R008", META + "09BAKU443 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Ankara\n"
     "UNCLAS BAKU 000443\n", [(2, 1, "R008")]),
    # R009 unknown office
    ("R009", META + "09BKAUX443 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Baku\n"
     "UNCLAS BKAUX 000443\n", [(2, 1, "R009")]),
    # R010 malformed ID with its canonical form, on the line where the ID stands
    ("R010", META + "06EFTOBAKU1165 2006-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Baku"
     "\nUNCLAS EFTO BAKU 001165\n", [(2, 1, "R010")]),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_reference_rule_positions(code: str, text: str, expected: list) -> None:
    assert diagnose(text, code) == expected


def test_messages_name_the_fix() -> None:
    (t004, _) = messages(HEAD + "TAGS: PGOV RU TR\n", "T004")
    assert "RS" in t004 and "Russia" in t004
    (t008,) = messages(HEAD + "TAGS: PGOV PHUMBA\n", "T008")
    assert "PHUM BA" in t008
    (r010,) = messages(META + "08SCTION02OF02SAOPAULO335 2008-03-26 10:00 2011-08-30 01:44 "
                       "UNCLASSIFIED Consulate Sao Paulo\nUNCLAS SAO PAULO 000335\n", "R010")
    assert "08SAOPAULO335" in r010


def test_r001_quiet_when_r010_canonicalises() -> None:
    text = (META + "08SCTION02OF02SAOPAULO335 2008-03-26 10:00 2011-08-30 01:44 UNCLASSIFIED "
            "Consulate Sao Paulo\nUNCLAS SAO PAULO 000335\n")
    assert diagnose(text, "R001") == []
    bad = META + "092OF5 2009-03-26 10:00 2011-08-30 01:44 UNCLASSIFIED X\nUNCLAS X 000335\n"
    assert [c for *_, c in diagnose(bad, "R001")] == ["R001"]


def test_severities() -> None:
    assert RULES["P004"].severity is Severity.INFO
    for code in ("T003", "T004", "T008", "R007", "R008", "R009", "R010"):
        assert RULES[code].severity is Severity.WARNING, code
        assert RULES[code].family == "reference"


def test_t003_names_the_suggestion() -> None:
    (msg,) = messages(HEAD + "TAGS: MOPPS PREL AJ\n", "T003")
    assert msg == "expected a known subject or country code (TAG), found 'MOPPS', perhaps MOPS"
    (msg,) = messages(HEAD + "TAGS: PREL IT AFGHANISTAN\n", "T003")
    assert "country name" in msg and "AF" in msg
    # two TAGS one edit away (PINR, PINS): no guess
    assert messages(HEAD + "TAGS: PINF PREL AJ\n", "T003") == ["expected a known subject or "
                                                               "country code (TAG), found 'PINF'"]


@pytest.mark.parametrize("line", [
    "TAGS: PREL MOPS PGOV IT IZ IRAQI FREEDOM",  # a free-text TAG (05ROME902)
    "TAGS: OREP AMGT KU COUNTRY CLEARANCE",
    "TAGS: PREL OVIP CARSON JOHNNIE AORC UK",  # a person after OVIP (10LONDON77)
    "TAGS: KFRDCVISCMGTCASCKOCIASECPHUMSMIGEG",  # run together: T008
])
def test_t003_quiet_on_phrases_names_and_run_together(line: str) -> None:
    assert diagnose(HEAD + line + "\n", "T003") == []


def test_t008_once_per_token_and_t004_names_fips() -> None:
    assert diagnose(HEAD + "TAGS PHUM, IT, ITPHUM, ITPHUM, ITPHUM\n", "T008") == [
        (4, 16, "T008")]
    (msg,) = messages(HEAD + "TAGS: KFRDCVISCMGTCASCKOCIASECPHUMSMIGEG\n", "T008")
    assert "KFRD CVIS CMGT CASC KOCI ASEC PHUM SMIG EG" in msg
    (msg,) = messages(HEAD + "TAGS: PREL JP\n", "T004")
    assert "FIPS JA" in msg


def test_t003_reports_unknown_words_in_a_row_once() -> None:
    # 04BRASILIA623: POL MIL, one reading
    assert diagnose(HEAD + "TAGS: BR MARR PREL POL MIL\n", "T003") == [(4, 20, "T003")]
    (msg,) = messages(HEAD + "TAGS: BR MARR PREL POL MIL\n", "T003")
    assert msg == ("expected known subject or country codes (TAGS), found 2 unknown in a row "
                   "('POL MIL', perhaps MILI for MIL)")
    assert len(diagnose(HEAD + "TAGS: MPOS PREL ENIV\n", "T003")) == 2  # apart: two faults


def _t003(text: str) -> list:
    import cableformat
    from cableformat.rules.registry import Context

    return RULES["T003"].run(cableformat.parse(text), Context())


def test_t003_hint_names_the_guesses() -> None:
    (diag,) = _t003(HEAD + "TAGS: MOPPS PREL AJ\n")
    assert diag.hint == "did you mean MOPS?"


@pytest.mark.parametrize("word", ["SECRET", "SUBJ"])
def test_t003_quiet_on_marking_words_in_the_tags(word: str) -> None:
    assert diagnose(HEAD + f"TAGS: PGOV {word} PREL AJ\n", "T003") == []


def test_t003_quiet_without_tags() -> None:
    assert _t003(HEAD + "SUBJECT: NOTHING\n\n1. Text.\n") == []


def test_t003_checks_a_continuation_line_half_of_known_tags() -> None:
    # the second line is half TAGS (PREL) and half unknown (XQZV): still TAGS, XQZV reported
    assert diagnose(HEAD + "TAGS: PGOV\nPREL XQZV\n", "T003") == [(5, 6, "T003")]
    # mostly unknown: prose taken for TAGS, quiet
    assert diagnose(HEAD + "TAGS: PGOV\nPREL XQZV XQZW\n", "T003") == []


def test_origin_names_an_office_by_its_last_word_but_state_only_by_name() -> None:
    from cableformat.rules.reference import _origin_matches

    assert _origin_matches("Consulate Rio", "RIODEJANEIRO")  # RIO: a three-letter alias
    assert _origin_matches("Secretary of State", "STATE")
    assert not _origin_matches("Embassy Dept", "STATE")  # DEPT is an alias, not the origin


def test_t003_an_office_in_the_tags_is_reported_once_as_an_office() -> None:
    assert messages(HEAD + "TAGS: PGOV PREL TBILISI AJ\n", "T003") == [
        "expected a known subject or country code (TAG), found 'TBILISI' (an office, not a TAG)"]
    assert diagnose(HEAD + "TAGS: PGOV PREL TBILISI AJ\n", "T003") == [(4, 17, "T003")]
