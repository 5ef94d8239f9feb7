"""Syntax family (X0xx, H100, H101): parser issues reported under their own code only."""

from __future__ import annotations

import pytest

import cableformat
from cableformat.rules import RULES, run_rules, select_rules
from cableformat.rules.syntax import READER_CODES
from tests.ruleutil import diagnose

# the documented examples of the codes the parser finds, with the position of the finding
EXAMPLES = [("X010", [(1, 1, "X010")]), ("H100", [(4, 1, "H100")]), ("H101", [(3, 4, "H101")])]


@pytest.mark.parametrize(("code", "expected"), EXAMPLES)
def test_parser_issue_is_reported_in_place(code: str, expected: list) -> None:
    assert diagnose(RULES[code].fails, code) == expected
    assert diagnose(RULES[code].passes, code) == []


@pytest.mark.parametrize(("code", "other"), [("H100", "H101"), ("H101", "H100")])
def test_an_issue_is_reported_by_its_own_code_only(code: str, other: str) -> None:
    assert diagnose(RULES[code].fails, other) == []


def test_reader_codes_are_registered_syntax_rules_without_examples() -> None:
    assert len(set(READER_CODES)) == len(READER_CODES) == 10
    for code in READER_CODES:
        rule = RULES[code]
        assert rule.family == "syntax" and not rule.fails, code


def test_reader_only_rules_are_never_run_on_a_parsed_cable() -> None:
    cable = cableformat.parse(RULES["H100"].fails)
    never = [code for code in READER_CODES if RULES[code].when is not None
             and RULES[code].when(cable) is False]
    assert set(never) == {"X001", "X002", "X005", "X007", "X008", "X012", "X013"}
    assert run_rules(cable, select_rules(list(READER_CODES))) == []


NOTE_CODES = ["X003", "X004", "X006", "X009", "X011"]


def test_reader_notes_are_reported_each_by_its_code() -> None:
    from cableformat.parser import parse_source
    from cableformat.source import Source

    notes = [(code, f"note {code}", 0) for code in NOTE_CODES]
    source = Source(text="UNCLAS BAKU 000443\n\nSUBJECT: X\n", name="t", input_format="html",
                    notes=notes)
    cable = parse_source(source)
    for code in NOTE_CODES:
        found = run_rules(cable, select_rules([code]))
        assert [(d.code, d.message) for d in found] == [(code, f"note {code}")]
