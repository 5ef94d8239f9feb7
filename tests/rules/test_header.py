"""Header family rules (H103-H107, P001-P007): exact positions, quiet cases, corner cases."""

from __future__ import annotations

import pytest

import cableformat
from cableformat.diagnostics import Severity
from cableformat.rules import run_rules, select_rules
from tests.conftest import SAMPLES
from tests.ruleutil import diagnose, messages

BANNER = "C O N F I D E N T I A L BAKU 000443\n"

CASES = [
    # H103 routing prosign
    ("H103", "VZCZCXRO8143\nOP RUEHAG RUEHDBU\nDE RUEHKB #0443/01 1530928\nO 020928Z JUN 09\n"
     "FM AMEMBASSY BAKU\n" + BANNER, [(2, 1, "H103")]),
    ("H103", "XY RUEHAG RUEHDBU\nDE RUEHKB #0443/01 1530928\nO 020928Z JUN 09\n"
     "FM AMEMBASSY BAKU\n" + BANNER, [(1, 1, "H103")]),
    ("H103", "VZCZCXRO8143\nRR RUEHAG RUEHDBU\nDE RUEHKB #0443/01 1530928\nR 020928Z JUN 09\n"
     "FM AMEMBASSY BAKU\n" + BANNER, []),
    # H104 malformed DE line
    ("H104", "VZCZCXRO8143\nOO RUEHAG\nDE RUEHKB 0443 153/0928Z\nO 020928Z JUN 09\n"
     "FM AMEMBASSY BAKU\n" + BANNER, [(3, 1, "H104")]),
    ("H104", "VZCZCXRO8143\nOO RUEHAG\nDE RUEHKB #0443 1530928\nO 020928Z JUN 09\n"
     "FM AMEMBASSY BAKU\n" + BANNER, []),
    # H105 security line: error, mixed special category letters only a warning
    ("H105", "DE RUEHKB #0443/01 1530928\nZNY XXXXX ZZH\nO 020928Z JUN 09\n"
     "FM AMEMBASSY BAKU\n" + BANNER, [(2, 5, "H105")]),
    ("H105", "DE RUEHKB #0443/01 1530928\nZNX CCCCC ZZH\nO 020928Z JUN 09\n"
     "FM AMEMBASSY BAKU\n" + BANNER, [(2, 1, "H105")]),
    ("H105", "DE RUEHKB #0443/01 1530928\nZNY SSSAA ZZH\nO 020928Z JUN 09\n"
     "FM AMEMBASSY BAKU\n" + BANNER, [(2, 5, "H105")]),
    ("H105", "DE RUEHKB #0443/01 1530928\nZNY EEEEE ZZH\nO 020928Z JUN 09\n"
     "FM AMEMBASSY BAKU\n" + BANNER, []),
    ("H105", "DE RUEHKB #0443/01 1530928\nZNY SSSSS/AAAAA ZZH\nO 020928Z JUN 09\n"
     "FM AMEMBASSY BAKU\n" + BANNER, []),
    # H106 DTG missing
    ("H106", "FM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1297\n" + BANNER,
     [(1, 4, "H106")]),
    ("H106", "O 020928Z JUN 09\nFM AMEMBASSY BAKU\n" + BANNER, []),
    ("H106", BANNER, []),
    # H107 FM missing
    ("H107", "O 020928Z JUN 09\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1297\n" + BANNER,
     [(1, 1, "H107")]),
    ("H107", "O 020928Z JUN 09\nFM AMEMBASSY BAKU\n" + BANNER, []),
    # P001 prosign vs DTG
    ("P001", "PP RUEHAG\nDE RUEHKB #0443/01 1530928\nO 020928Z JUN 09\nFM AMEMBASSY BAKU\n"
     + BANNER, [(1, 1, "P001")]),
    ("P001", "ZZ RUEHAG\nDE RUEHKB #0443/01 1530928\nZ 020928Z JUN 09\nFM AMEMBASSY BAKU\n"
     + BANNER, []),
    ("P001", "O 020928Z JUN 09\nFM AMEMBASSY BAKU\n" + BANNER, []),
    # P002 action precedence: highest TO word; NIACT IMMEDIATE is O; no word is R
    ("P002", "O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC PRIORITY 1297\n"
     + BANNER, [(1, 1, "P002")]),
    ("P002", "O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC NIACT IMMEDIATE 1297\n"
     + BANNER, []),
    ("P002", "O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC PRIORITY 1297\n"
     "RUEHAK/AMEMBASSY ANKARA IMMEDIATE 3411\n" + BANNER, []),
    ("P002", "R 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC 1297\n" + BANNER, []),
    ("P002", "  P 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC 1297\n" + BANNER,
     [(1, 3, "P002")]),
    ("P002", "P 151856Z JAN 08\nFM AMEMBASSY BRASILIA\nTO SECSTATE WASHDC PRIOITY 0861\n"
     "UNCLAS BRASILIA 000093\n", []),
    ("P002", "O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 129\n"
     + BANNER, []),
    # P003 information precedence
    ("P003", "P R 041820Z JAN 10\nFM SECSTATE WASHDC\nTO AMEMBASSY BAKU PRIORITY 1297\n"
     "INFO AMEMBASSY ANKARA PRIORITY 3411\nUNCLAS STATE 000284\n", [(1, 3, "P003")]),
    ("P003", "O P 041820Z JAN 10\nFM SECSTATE WASHDC\nTO AMEMBASSY BAKU IMMEDIATE 1297\n"
     "INFO AMEMBASSY ANKARA PRIORITY 3411\nAMEMBASSY ROME\nUNCLAS STATE 000284\n", []),
    ("P003", "O 041820Z JAN 10\nFM SECSTATE WASHDC\nTO AMEMBASSY BAKU IMMEDIATE 1297\n"
     "INFO AMEMBASSY ANKARA PRIORITY 3411\nUNCLAS STATE 000284\n", []),
    # P005 no TO
    ("P005", "R 182333Z FEB 09\nFM SECSTATE WASHDC\nINFO AMEMBASSY PANAMA\nUNCLAS STATE 125686\n",
     [(2, 4, "P005")]),
    ("P005", "R 182333Z FEB 09\nFM SECSTATE WASHDC\nTO PAGE 02        STATE   015113  182333Z\n"
     "AMEMBASSY BAKU\nUNCLAS STATE 015113\n", []),
    # P006 misspelled precedence, also behind a short MCN
    ("P006", "O 151856Z JAN 08\nFM AMEMBASSY BRASILIA\nTO SECSTATE WASHDC PRIOITY 0861\n"
     "UNCLAS BRASILIA 000093\n", [(3, 20, "P006")]),
    ("P006", "O 151856Z JAN 08\nFM AMEMBASSY BRASILIA\nTO SECSTATE WASHDC IMMEDIAT 861\n"
     "UNCLAS BRASILIA 000093\n", [(3, 20, "P006")]),
    ("P006", "O 151856Z JAN 08\nFM AMEMBASSY BRASILIA\nTO SECSTATE WASHDC IMMEDIATE 0861\n"
     "UNCLAS BRASILIA 000093\n", []),
    # P007 MCN
    ("P007", "O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 129\n"
     + BANNER, [(3, 36, "P007")]),
    ("P007", "O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO SECSTATE WASHDC 12970\n" + BANNER,
     [(3, 20, "P007")]),
    ("P007", "O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1297\n"
     "INFO RUEUITH/DET 1 39LG ANKARA TU\n" + BANNER, []),
    ("P007", "O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1297\n"
     "INFO AMEMBASSY ROME\n167579C O N F I D E N T I A L BAKU 000443\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_header_rule_positions(code: str, text: str, expected: list) -> None:
    assert diagnose(text, code) == expected


def test_mixed_security_letters_are_a_warning() -> None:
    text = ("DE RUEHKB #0443/01 1530928\nZNY SSSAA ZZH\nO 020928Z JUN 09\nFM AMEMBASSY BAKU\n"
            + BANNER)
    found = run_rules(cableformat.parse(text), select_rules(["H105"]))
    assert [d.severity for d in found] == [Severity.WARNING]
    bad = text.replace("SSSAA", "XXXXX")
    found = run_rules(cableformat.parse(bad), select_rules(["H105"]))
    assert [d.severity for d in found] == [Severity.ERROR]


def test_messages_name_expected_and_found() -> None:
    text = ("O 151856Z JAN 08\nFM AMEMBASSY BRASILIA\nTO SECSTATE WASHDC PRIOITY 0861\n"
            "UNCLAS BRASILIA 000093\n")
    assert messages(text, "P006") == ["precedence 'PRIOITY' is misspelled: expected PRIORITY"]
    text = ("O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC PRIORITY 1297\n"
            + BANNER)
    (msg,) = messages(text, "P002")
    assert "O (IMMEDIATE)" in msg and "PRIORITY (P)" in msg
    for message in msg, *messages(text.replace("PRIORITY 1297", "IMMEDIATE 12"), "P007"):
        assert "\n" not in message and not message.endswith(".")


FAMILY = ["H103", "H104", "H105", "H106", "H107", "P001", "P002", "P003", "P005", "P006", "P007"]


def test_reference_cable_has_no_header_errors() -> None:
    # the reference cable of the corpus, shipped in samples/: runs without the corpus
    text = (SAMPLES / "09BAKU443.txt").read_text(encoding="utf-8")
    found = run_rules(cableformat.parse(text), select_rules(FAMILY))
    assert [d for d in found if d.severity is Severity.ERROR] == []
    assert found == []


def _spans(text: str, code: str) -> list[str]:
    """The text each diagnostic of ``code`` covers (start to end)."""
    return [text[d.start:d.end] for d in run_rules(cableformat.parse(text), select_rules([code]))]


def test_security_letters_span_covers_the_letters() -> None:
    text = ("DE RUEHKB #0443/01 1530928\nZNY XXXXX ZZH\nO 020928Z JUN 09\nFM AMEMBASSY BAKU\n"
            + BANNER)
    assert _spans(text, "H105") == ["XXXXX"]


def test_mixed_letters_need_a_run_of_three_then_special_letters_only() -> None:
    # CCCAB: a classification letter run then A/B special categories (a warning);
    # CCCXY and CCXAB are not that pattern: plain invalid letters (an error)
    head = "DE RUEHKB #0443/01 1530928\nZNY {} ZZH\nO 020928Z JUN 09\nFM AMEMBASSY BAKU\n"
    for letters, severity in (("CCCAB", Severity.WARNING), ("CCCXY", Severity.ERROR),
                              ("CCXAB", Severity.ERROR)):
        found = run_rules(cableformat.parse(head.format(letters) + BANNER), select_rules(["H105"]))
        assert [d.severity for d in found] == [severity], letters


def test_niact_immediate_before_a_malformed_mcn_is_read_whole() -> None:
    # the parser leaves the precedence in the address when a malformed (6-digit) MCN follows
    text = ("R 020928Z JUN 09\nFM AMEMBASSY BAKU\n"
            "TO RUEHC/SECSTATE WASHDC NIACT IMMEDIATE 123456\n" + BANNER)
    assert messages(text, "P002") == [
        "action precedence R (ROUTINE) of the date-time group (DTG) does not match the highest "
        "precedence of the action addressees (TO): "
        "found NIACT IMMEDIATE (O)"]


def test_unknown_precedence_word_is_routine() -> None:
    from cableformat.rules.header import precedence_letter

    assert precedence_letter("BOGUS") == "R"
    assert precedence_letter(None) == "R"
    assert precedence_letter("IMMEDAITE") == "O"


def test_garble_of_two_words_is_located_whole() -> None:
    text = ("P 201732Z SEP 06\nFM AMEMBASSY BOGOTA\nTO RUEHC/SECSTATE WASHDC PRIORITY 9011\n"
            "INFO RUEHLP/AMEMBASSY LA PAZ NOV LIMA 4449\nC O N F I D E N T I A L BOGOTA 008663\n")
    assert _spans(text, "H109") == ["NOV LIMA"]


def test_action_precedence_is_silent_without_to_lines() -> None:
    # no TO line: P005 reports it; P002 has nothing to compare the DTG with
    text = "O 182333Z FEB 09\nFM SECSTATE WASHDC\nINFO AMEMBASSY PANAMA PRIORITY\n" + BANNER
    assert diagnose(text, "P002") == []
    assert diagnose(text, "P005") == [(2, 4, "P005")]


def test_mcn_of_six_digits_after_a_one_word_addressee() -> None:
    # six digits are no MCN for the parser: the rule finds them at the end of the address
    text = "O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO SECSTATE 123456\n" + BANNER
    assert diagnose(text, "P007") == [(3, 13, "P007")]
    assert messages(text, "P007") == [
        "message continuity number '123456' has 6 digits: expected 4 digits"]
