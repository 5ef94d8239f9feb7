"""Page-kind family (K001-K009): one diagnostic naming a page that is no ordinary telegram."""

from __future__ import annotations

import pytest

import cableformat
from cableformat.rules import RULES, run_rules, select_rules
from tests.ruleutil import diagnose

# each kind's documented example and where its one finding is
EXAMPLES = [("K001", [(5, 1, "K001")]), ("K002", [(1, 1, "K002")]), ("K003", [(6, 1, "K003")]),
            ("K004", [(1, 1, "K004")]), ("K005", [(1, 1, "K005")]), ("K007", [(1, 1, "K007")]),
            ("K009", [(1, 1, "K009")])]
KINDS = [code for code, _ in EXAMPLES]


@pytest.mark.parametrize(("code", "expected"), EXAMPLES)
def test_page_kind_is_named_once_in_place(code: str, expected: list) -> None:
    assert diagnose(RULES[code].fails, code) == expected
    assert diagnose(RULES[code].passes, code) == []


@pytest.mark.parametrize("code", KINDS)
def test_a_page_gets_only_its_own_kind(code: str) -> None:
    found = run_rules(cableformat.parse(RULES[code].fails), select_rules(KINDS))
    assert [d.code for d in found] == [code]


def test_ordinary_page_runs_no_kind_rule() -> None:
    cable = cableformat.parse(RULES["K001"].passes)
    assert cable.page_kind == "ordinary"
    assert all(not RULES[code].when(cable) for code in KINDS)


def test_parser_issues_of_an_ordinary_page_run_no_kind_rule() -> None:
    cable = cableformat.parse(RULES["H100"].fails)  # an ordinary page with a syntax issue
    assert cable.page_kind == "ordinary" and cable.syntax
    assert all(not RULES[code].when(cable) for code in KINDS)
    kind = cableformat.parse(RULES["K002"].fails)
    assert all(RULES[code].when(kind) for code in KINDS)
