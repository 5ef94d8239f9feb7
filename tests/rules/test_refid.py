"""Reference-ID family rules (R001-R006, format-spec 2.1): positions, quiet cases, corners."""

from __future__ import annotations

import pytest

import cableformat
from cableformat.rules import run_rules, select_rules
from tests.ruleutil import diagnose, messages

META = ("Reference ID Created Released Classification Origin\n"
        "{} 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Baku\n")
HEAD = "O 020928Z JUN 09\nFM AMEMBASSY BAKU\n"


def meta(ref_id: str) -> str:
    return META.format(ref_id)


CASES = [
    # R001 malformed ID, reported on the banner, else at the start
    ("R001", meta("092OF5") + "UNCLAS SECTION 02 OF 05 SAO PAULO 000335\n", [(3, 1, "R001")]),
    ("R001", meta("092OF5") + "SUBJECT: X\n", [(1, 1, "R001")]),
    ("R001", meta("08SAOPAULO335") + "UNCLAS SAO PAULO 000335\n", []),
    ("R001", meta("08SCTION02OF02SAOPAULO335") + "UNCLAS SAO PAULO 000335\n", []),
    # R002 ID year against the DTG year
    ("R002", meta("08BAKU443") + HEAD + "UNCLAS BAKU 000443\n", [(3, 1, "R002")]),
    ("R002", meta("09BAKU443") + HEAD + "UNCLAS BAKU 000443\n", []),
    ("R002", meta("08BAKU443") + "UNCLAS BAKU 000443\n", []),  # no DTG: nothing to compare
    # R003 banner serial against the ID serial
    ("R003", meta("09BAKU444") + "UNCLAS BAKU 000443\n", [(3, 1, "R003")]),
    ("R003", meta("09BAKU443") + "UNCLAS BAKU 000443\n", []),
    # R004 DE serial = MRN serial modulo 10,000
    ("R004", meta("09BAKU443") + "DE RUEHKB #0444/01 1530928\n" + HEAD + "UNCLAS BAKU 000443\n",
     [(3, 1, "R004")]),
    ("R004", meta("09BAKU443") + "DE RUEHKB #0443/01 1530928\n" + HEAD + "UNCLAS BAKU 000443\n",
     []),
    ("R004", meta("09BAKU10443") + "DE RUEHKB #0443/01 1530928\n" + HEAD
     + "UNCLAS BAKU 010443\n", []),
    # the banner serial is the odd one out (R003's finding): R004 stays quiet
    ("R004", meta("09BAKU10443") + "DE RUEHKB #0443/01 1530928\n" + HEAD
     + "UNCLAS BAKU 010444\n", []),
    ("R004", "DE RUEHKB #0444/01 1530928\n" + HEAD + "UNCLAS BAKU 000443\n", [(1, 1, "R004")]),
    # R005 banner office against the ID origin
    ("R005", meta("09BAKU443") + "UNCLAS ANKARA 000443\n", [(3, 1, "R005")]),
    ("R005", meta("09BAKU443") + "UNCLAS BAKU 000443\n", []),
    ("R005", meta("09AITTAIPEI443") + "UNCLAS TAIPEI 000443\n", []),
    ("R005", meta("09BAKU443") + "UNCLAS XXXXXXXXXXXX 000443\n", []),
    # R006 FM address against the ID origin
    ("R006", meta("09BAKU443") + "O 020928Z JUN 09\nFM AMEMBASSY ANKARA\nUNCLAS BAKU 000443\n",
     [(4, 4, "R006")]),
    ("R006", meta("09BAKU443") + HEAD + "UNCLAS BAKU 000443\n", []),
    ("R006", meta("09STATE443") + "O 020928Z JUN 09\nFM SECSTATE WASHDC\nUNCLAS STATE 000443\n",
     []),
    ("R006", meta("09STATE443") + "O 020928Z JUN 09\nFM STATE DEPT WASHDC\n"
     "UNCLAS STATE 000443\n", []),
    ("R006", meta("09STATE443") + "O 020928Z JUN 09\nFM AMEMBASSY BAKU\nUNCLAS STATE 000443\n",
     [(4, 4, "R006")]),
    # a malformed ID is compared by its canonical origin (R010 reports the ID)
    ("R006", meta("09EFTOLONDON2521") + "O 020928Z JUN 09\nFM AMEMBASSY LONDON\n"
     "UNCLAS E F T O LONDON 002521\n", []),
    # PARTO cables come from the plain-language address of the post table
    ("R006", meta("09PARTO443") + "O 020928Z JUN 09\nFM USDEL SECRETARY//EUROPE//\n"
     "UNCLAS PARTO 000443\n", []),
    # no wrapper: the banner office decides
    ("R006", "O 020928Z JUN 09\nFM AMEMBASSY ANKARA\nUNCLAS BAKU 000443\n", [(2, 4, "R006")]),
    ("R006", HEAD + "UNCLAS BAKU 000443\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_refid_rule_positions(code: str, text: str, expected: list) -> None:
    assert diagnose(text, code) == expected


def test_malformed_id_without_banner_is_reported_at_the_start() -> None:
    text = meta("092OF5") + "SUBJECT: X\n"
    found = run_rules(cableformat.parse(text), select_rules(["R001"]))
    assert [(d.start, d.end) for d in found] == [(0, 0)]


def test_messages_name_both_values() -> None:
    assert messages(meta("08BAKU443") + HEAD + "UNCLAS BAKU 000443\n", "R002") == [
        "reference ID year 08 does not match the year of the date-time group (DTG) 09"]
    assert messages(meta("09BAKU444") + "UNCLAS BAKU 000443\n", "R003") == [
        "banner serial 000443 does not match the reference ID serial 444"]
    assert messages(meta("09BAKU443") + "DE RUEHKB #0444/01 1530928\n" + HEAD
                    + "UNCLAS BAKU 000443\n", "R004") == [
        "the DE line's station serial number (SSN) #0444 does not match the message reference "
        "number (MRN) 000443 (expected #0443)"]
