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


def _rule(code: str, check: object, when: object = None) -> Rule:
    return Rule(code, "t", Severity.WARNING, "", "", "", "", check, "test", when)  # type: ignore[arg-type]


def test_rule_run_keeps_emitted_and_returned_diagnostics_and_spans() -> None:
    from cableformat.diagnostics import Diagnostic
    from cableformat.model import Span

    returned = Diagnostic("Z700", Severity.INFO, "returned", 2, 3)

    def check(cable: cableformat.Cable, emit: object) -> list[Diagnostic]:
        emit(Span(start=4, end=9, line=1, column=5), "span")  # type: ignore[operator]
        emit((1, 2), "tuple", severity=Severity.ERROR)  # type: ignore[operator]
        return [returned]

    cable = cableformat.parse(CABLE)
    found = _rule("Z700", check).run(cable, Context())
    assert [(d.code, d.severity, d.message, d.start, d.end) for d in found] == [
        ("Z700", Severity.WARNING, "span", 4, 9),
        ("Z700", Severity.ERROR, "tuple", 1, 2),
        ("Z700", Severity.INFO, "returned", 2, 3),
    ]
    assert run_rules(cable, [_rule("Z700", check)]) == sorted(found, key=lambda d: d.start)
    assert _rule("Z700", check, lambda c: True).run(cable, Context()) == found


def test_registering_a_code_twice_or_a_bad_code_is_refused() -> None:
    import pytest

    from cableformat.rules.registry import rule

    with pytest.raises(ValueError, match="registered twice"):
        rule("B015", "again", Severity.INFO)(lambda cable, emit: None)
    with pytest.raises(ValueError, match="bad rule code"):
        rule("b15", "bad", Severity.INFO)(lambda cable, emit: None)
    assert "b15" not in RULES


def test_docstring_is_split_into_summary_rationale_and_examples() -> None:
    from cableformat.rules.registry import _split_doc

    doc = "Summary line.\n\nWhy it matters.\n\nFails:\n    TAGS: X\n      indented\n\nPasses:\n" \
          "    TAGS: PGOV\n"
    assert _split_doc(doc) == ("Summary line.", "Why it matters.", "TAGS: X\n  indented\n",
                               "TAGS: PGOV\n")
    assert _split_doc("Only a summary.") == ("Only a summary.", "", "", "")


def test_select_and_ignore_by_code_prefix() -> None:
    codes = [r.code for r in select_rules(["B01"], ["B015"])]
    assert codes and all(c.startswith("B01") and c != "B015" for c in codes)
    assert codes == sorted(codes)
    assert [r.code for r in select_rules()] == sorted(RULES)
    from cableformat.rules import iter_codes

    assert list(iter_codes()) == sorted(RULES)


def test_repeats_above_the_limit_collapse_into_one_summary_per_code() -> None:
    from cableformat.diagnostics import Diagnostic
    from cableformat.rules.registry import cap_repeats

    diags = [Diagnostic("Z600", Severity.WARNING, f"n{i}", i, i + 1) for i in range(5)]
    diags.append(Diagnostic("Z601", Severity.INFO, "other", 9, 10))
    assert cap_repeats(diags, limit=5) == diags
    kept = cap_repeats(diags, limit=3)
    assert [d.message for d in kept[:3]] == ["n0", "n1", "n2"]
    summary = kept[3]
    assert (summary.code, summary.severity, summary.start, summary.end) == (
        "Z600", Severity.WARNING, 3, 4)
    assert summary.message == ("2 more Z600 diagnostics in this cable from here on "
                               "(not listed; the first 3 are)")
    assert kept[4:] == diags[5:] and len(kept) == 5


def test_run_rules_caps_one_rule_at_max_per_rule() -> None:
    from cableformat.rules.registry import MAX_PER_RULE

    def many(cable: cableformat.Cable, emit: object) -> None:
        for i in range(MAX_PER_RULE + 3):
            emit((i, i + 1), "again")  # type: ignore[operator]

    found = run_rules(cableformat.parse(CABLE), [_rule("Z500", many)])
    assert len(found) == MAX_PER_RULE + 1
    assert found[-1].message.startswith("3 more Z500 diagnostics")


def test_a_true_gate_runs_the_rule_once_per_gate_value() -> None:
    calls: list[int] = []

    def gate(cable: cableformat.Cable) -> bool:
        calls.append(1)
        return True

    def check(cable: cableformat.Cable, emit: object) -> None:
        emit((0, 1), "ran")  # type: ignore[operator]

    found = run_rules(cableformat.parse(CABLE), [_rule("Z400", check, gate),
                                                 _rule("Z401", check, gate)])
    assert [d.code for d in found] == ["Z400", "Z401"] and calls == [1]
