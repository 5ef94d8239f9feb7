"""The rule contract and registry.

A rule is a function ``check(cable, ctx) -> Iterator[Diagnostic]`` decorated with
:func:`rule`, which records its stable code, kebab-case name and default severity, and
optionally ``when``: a cheap test of the cable that is false when the rule has nothing to
do there (no REF field, no syntax issue), so that the rule is not even called.  Its
docstring is its documentation: a one-line summary, the rationale, and two example blocks
introduced by ``Fails:`` and ``Passes:`` (cable snippets, indented four spaces) that the test
suite runs, so the documentation can never drift from the behaviour.
"""

from __future__ import annotations

import functools
import inspect
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from cableformat.diagnostics import Diagnostic, Fix, Severity
from cableformat.model import Cable, RawField, Span

CODE_PATTERN = re.compile(r"^[A-Z][0-9]{3}$")


@dataclass(slots=True)
class Context:
    """What a rule may consult besides the cable: the options of the run."""

    strict: bool = False
    options: dict[str, object] = field(default_factory=dict)


CheckFn = Callable[[Cable, "Emitter"], Iterable[Diagnostic] | None]
#: A rule's precondition: false (for a cable) only when the rule would find nothing.
Gate = Callable[[Cable], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: identity, default severity, documentation and check function."""

    code: str
    name: str
    severity: Severity
    summary: str
    rationale: str
    fails: str
    passes: str
    check: CheckFn
    family: str
    when: Gate | None = None

    def run(self, cable: Cable, ctx: Context) -> list[Diagnostic]:
        """Run the rule on ``cable`` and return what it found."""
        emitter = Emitter(self, ctx)
        if self.when is not None and not self.when(cable):
            return emitter.found
        produced = self.check(cable, emitter)
        if produced is not None:
            emitter.found.extend(produced)
        return emitter.found


class Emitter:
    """Handed to a rule's check function: builds diagnostics with the rule's code."""

    __slots__ = ("ctx", "found", "rule")

    def __init__(self, rule: Rule, ctx: Context) -> None:
        self.rule = rule
        self.ctx = ctx
        self.found: list[Diagnostic] = []

    def __call__(
        self,
        where: RawField | Span | tuple[int, int],
        message: str,
        *,
        hint: str | None = None,
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> None:
        """Report ``message`` at ``where`` (a model node, a span or offsets)."""
        if isinstance(where, RawField):
            start, end = where.span.start, where.span.end
        elif isinstance(where, Span):
            start, end = where.start, where.end
        else:
            start, end = where
        self.found.append(
            Diagnostic(
                code=self.rule.code,
                severity=severity or self.rule.severity,
                message=message,
                start=start,
                end=end,
                hint=hint,
                fix=fix,
            )
        )


RULES: dict[str, Rule] = {}

T = TypeVar("T")
_RUN = threading.local()  # the cable run_rules is checking, and its helper values


def per_cable(helper: Callable[[Cable], T]) -> Callable[[Cable], T]:
    """Compute a rule helper once per cable while :func:`run_rules` checks that cable.

    Several rules look at the same derived view (every portion mark, the checkable TAGS);
    the first asks, the others reuse it.  Outside a run, or for another cable, the helper
    is simply called.  Its value is shared, so it must not be changed: return tuples.
    """

    @functools.wraps(helper)
    def cached(cable: Cable) -> T:
        memo = getattr(_RUN, "memo", None)
        if memo is None or memo[0] is not cable:
            return helper(cable)
        values = memo[1]
        if helper in values:
            return values[helper]  # type: ignore[no-any-return]
        value = values[helper] = helper(cable)
        return value

    return cached


def rule(
    code: str, name: str, severity: Severity, *, when: Gate | None = None
) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated check function as rule ``code``.

    ``when``, if given, must be false only for cables on which the function finds nothing
    (it is the function's own first test, hoisted): such cables skip the call.  Rules share
    a few such tests, and each is evaluated once per cable.
    """

    def register(fn: CheckFn) -> CheckFn:
        if not CODE_PATTERN.match(code):
            raise ValueError(f"bad rule code {code!r}")
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        summary, rationale, fails, passes = _split_doc(inspect.getdoc(fn) or "")
        RULES[code] = Rule(
            code=code,
            name=name,
            severity=severity,
            summary=summary,
            rationale=rationale,
            fails=fails,
            passes=passes,
            check=fn,
            family=fn.__module__.rsplit(".", 1)[-1],
            when=when,
        )
        return fn

    return register


def _split_doc(doc: str) -> tuple[str, str, str, str]:
    """Split a rule docstring into summary, rationale, failing and passing examples."""
    summary, _, rest = doc.partition("\n")
    parts = re.split(r"^(Fails|Passes):\s*$", rest, flags=re.M)
    rationale = parts[0].strip()
    examples = {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}
    return (
        summary.strip(),
        rationale,
        _dedent_example(examples.get("Fails", "")),
        _dedent_example(examples.get("Passes", "")),
    )


def _dedent_example(block: str) -> str:
    """Remove the four-space indent of an example block, keep its lines."""
    lines = block.strip("\n").split("\n")
    out = [line[4:] if line.startswith("    ") else line.strip() for line in lines]
    text = "\n".join(out).strip("\n")
    return text + "\n" if text else ""


def select_rules(
    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> list[Rule]:
    """Rules whose code starts with one of ``select`` (all if empty) and none of ``ignore``."""
    sel = tuple(select or ())
    ign = tuple(ignore or ())
    chosen = []
    for code in sorted(RULES):
        if sel and not code.startswith(sel):
            continue
        if ign and code.startswith(ign):
            continue
        chosen.append(RULES[code])
    return chosen


def run_rules(cable: Cable, rules: Iterable[Rule], ctx: Context | None = None) -> list[Diagnostic]:
    """Run ``rules`` on ``cable``; a rule that crashes is reported, never raised."""
    ctx = ctx or Context()
    out: list[Diagnostic] = []
    # One emitter for the cable, pointed at each rule in turn (cheaper than one per rule);
    # a rule that crashes loses what it had reported, as with :meth:`Rule.run`.
    emitter = Emitter.__new__(Emitter)
    emitter.ctx = ctx
    emitter.found = out
    outer = getattr(_RUN, "memo", None)
    _RUN.memo = (cable, {})
    try:
        _run_each(cable, rules, emitter, out)
    finally:
        _RUN.memo = outer
    if cable.page_kind == "two-cables" and out:
        from cableformat.parser.kinds import CROSS_CABLE_CODES, swapped_body

        if swapped_body(cable):  # header and body are two cables: K003 says so, once
            out = [d for d in out if d.code not in CROSS_CABLE_CODES]
    out.sort(key=lambda d: (d.start, d.code))
    if len(out) > MAX_PER_RULE:
        out = cap_repeats(out)
    return out


#: Diagnostics of one rule kept per cable; the rest collapse into one summary diagnostic.
MAX_PER_RULE = 100


def cap_repeats(diagnostics: list[Diagnostic], limit: int = MAX_PER_RULE) -> list[Diagnostic]:
    """Keep the first ``limit`` diagnostics of each code; the rest become one per code.

    The summary has the code and severity of what it stands for, spans the first one left
    out, and says how many there were (10,000 repeated lines give 101 diagnostics, not
    10,000).  ``diagnostics`` is in text order; so is the result.
    """
    seen: dict[str, int] = {}
    for diag in diagnostics:
        seen[diag.code] = seen.get(diag.code, 0) + 1
    if all(count <= limit for count in seen.values()):
        return diagnostics
    kept: list[Diagnostic] = []
    counts: dict[str, int] = {}
    for diag in diagnostics:
        n = counts[diag.code] = counts.get(diag.code, 0) + 1
        if n <= limit:
            kept.append(diag)
        elif n == limit + 1:
            more = seen[diag.code] - limit
            kept.append(Diagnostic(
                diag.code, diag.severity,
                f"{more:,} more {diag.code} diagnostics in this cable from here on (not listed; "
                f"the first {limit} are)", diag.start, diag.end))
    return kept


def _run_each(cable: Cable, rules: Iterable[Rule], emitter: Emitter, out: list[Diagnostic]
              ) -> None:
    gates: dict[Gate, bool] = {}  # each precondition once per cable: several rules share one
    for r in rules:
        mark = len(out)
        try:
            when = r.when
            if when is not None:
                ok = gates.get(when)
                if ok is None:
                    ok = gates[when] = bool(when(cable))
                if not ok:
                    continue  # the rule would find nothing on this cable
            emitter.rule = r
            produced = r.check(cable, emitter)
            if produced is not None:
                out.extend(produced)
        except Exception as exc:  # a rule bug must not stop a corpus run
            del out[mark:]
            out.append(
                Diagnostic(
                    code="X999",
                    severity=Severity.ERROR,
                    message=f"internal error in rule {r.code}: {type(exc).__name__}: {exc}",
                    start=0,
                    end=0,
                )
            )


def iter_codes() -> Iterator[str]:
    """All registered codes in order."""
    yield from sorted(RULES)
