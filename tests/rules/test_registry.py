"""The rule runner: a crashing rule, and helper values computed once per cable."""

from __future__ import annotations

import dataclasses

import cableformat
from cableformat.diagnostics import Severity
from cableformat.rules import RULES, run_rules, select_rules
from cableformat.rules.registry import Context, Rule, per_cable

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


def test_a_false_precondition_skips_the_rule_and_gates_are_evaluated_once() -> None:
    gate_calls: list[int] = []
    ran: list[str] = []

    def no_refs(cable: cableformat.Cable) -> bool:
        gate_calls.append(1)
        return cable.body.refs is not None

    def check(cable: cableformat.Cable, emit: object) -> None:
        ran.append("ran")
        emit((0, 1), "found")  # type: ignore[operator]

    gated = [Rule(f"Z80{i}", "gated", Severity.INFO, "", "", "", "", check, "test", no_refs)
             for i in range(2)]
    cable = cableformat.parse(CABLE)
    assert run_rules(cable, gated) == [] and gated[0].run(cable, Context()) == []
    assert ran == [] and len(gate_calls) == 2  # once for the run's two rules, once for run()
    with_ref = cableformat.parse(CABLE.replace("TEST\n", "TEST\nREF: A. BAKU 400\n"))
    assert [d.code for d in run_rules(with_ref, gated)] == ["Z800", "Z801"]


def test_preconditions_do_not_change_what_the_rules_find() -> None:
    ungated = [dataclasses.replace(r, when=None) for r in select_rules()]
    texts = [CABLE] + [r.fails for r in RULES.values()] + [r.passes for r in RULES.values()]
    for text in texts:
        cable = cableformat.parse(text)
        assert run_rules(cable, select_rules()) == run_rules(cable, ungated)


def test_public_names_of_the_rules_package() -> None:
    namespace: dict[str, object] = {}
    exec("from cableformat.rules import *", namespace)  # the star import itself
    names = {"RULES", "Context", "Emitter", "Rule", "iter_codes", "rule", "run_rules",
             "select_rules"}
    assert names <= namespace.keys()
