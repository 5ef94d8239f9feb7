"""Every rule documents itself with a failing and a passing example, and both are true."""

from __future__ import annotations

import pytest

import cableformat
from cableformat.rules import RULES, run_rules
from cableformat.rules.registry import CODE_PATTERN
from cableformat.rules.syntax import READER_CODES

TEXT_RULES = sorted(code for code in RULES if code not in READER_CODES and code not in (
    "X006", "X009", "X999"))


def test_registry_is_populated_and_well_formed() -> None:
    assert len(RULES) >= 40
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names)), "rule names must be unique"
    for code, r in RULES.items():
        assert CODE_PATTERN.match(code)
        assert r.summary and not r.summary.endswith(" "), code
        assert r.rationale, f"{code} has no rationale"
        assert r.name == r.name.lower() and " " not in r.name, code


@pytest.mark.parametrize("code", TEXT_RULES)
def test_failing_example_fires(code: str) -> None:
    rule = RULES[code]
    assert rule.fails, f"{code} has no 'Fails:' example"
    found = run_rules(cableformat.parse(rule.fails), [rule])
    assert any(d.code == code for d in found), f"{code} did not fire on its Fails example"


@pytest.mark.parametrize("code", TEXT_RULES)
def test_passing_example_is_quiet(code: str) -> None:
    rule = RULES[code]
    assert rule.passes, f"{code} has no 'Passes:' example"
    found = run_rules(cableformat.parse(rule.passes), [rule])
    assert not found, f"{code} fired on its Passes example: {found}"
