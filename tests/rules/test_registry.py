"""The rule runner: a crashing rule, and helper values computed once per cable."""

from __future__ import annotations

import cableformat
from cableformat.diagnostics import Severity
from cableformat.rules import RULES, run_rules, select_rules
from cableformat.rules.registry import Rule, per_cable

CABLE = """UNCLAS BAKU 000443

E.O. 12958: N/A
TAGS: PGOV PREL AJ
SUBJECT: TEST

1. (U) Text.
DERSE
"""


def test_helpers_are_computed_once_per_cable_during_a_run_only() -> None:
    calls: list[int] = []

    @per_cable
    def paragraphs(cable: cableformat.Cable) -> int:
        calls.append(1)
        return len(cable.body.paragraphs)

    def check(cable: cableformat.Cable, emit: object) -> None:
        paragraphs(cable)
        paragraphs(cable)

    twice = [Rule(f"Z90{i}", "memo", Severity.INFO, "", "", "", "", check, "test")
             for i in range(2)]
    cable = cableformat.parse(CABLE)
    run_rules(cable, twice)
    assert len(calls) == 1  # two rules, two calls each: computed once
    run_rules(cable, twice)
    assert len(calls) == 2  # a new run computes again (the cable may have changed)
    assert paragraphs(cable) == 1 and len(calls) == 3  # outside a run: no memo


def test_a_crashing_rule_is_reported_and_loses_only_its_own_findings() -> None:
    def boom(cable: cableformat.Cable, emit: object) -> None:
        emit((0, 1), "found before the crash")  # type: ignore[operator]
        raise RuntimeError("boom")

    crashing = Rule("Z999", "boom", Severity.WARNING, "", "", "", "", boom, "test")
    cable = cableformat.parse(CABLE.replace("DERSE\n", ""))
    found = run_rules(cable, [RULES["B015"], crashing])
    assert sorted(d.code for d in found) == ["B015", "X999"]
    crash = next(d for d in found if d.code == "X999")
    assert "Z999" in crash.message and "RuntimeError: boom" in crash.message
    assert not any(d.message == "found before the crash" for d in found)
    assert run_rules(cableformat.parse(CABLE), select_rules()) == run_rules(
        cableformat.parse(CABLE), select_rules())
