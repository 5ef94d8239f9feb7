"""The rule catalogue: ``cableformat rules`` (a table) and ``cableformat explain CODE``."""

from __future__ import annotations

import json
from typing import TextIO

from cableformat.rules import Rule
from cableformat.writers.report.table import write_table


def write_rule_list(
    rules: list[Rule], out: TextIO, *, fmt: str = "text", color: bool = False
) -> None:
    """Every rule's code, name, severity and summary, as a table or a JSON array."""
    if fmt == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "family": r.family,
                "summary": r.summary,
            }
            for r in rules
        ]
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    rows = [[r.code, r.name, r.severity.value, r.summary] for r in rules]
    write_table(out, ["code", "name", "severity", "summary"], rows, color=color)


def explain_text(rule: Rule) -> str:
    """The long documentation of ``rule``: identity, summary, rationale, examples."""
    parts = [
        f"{rule.code} ({rule.name})",
        f"Severity: {rule.severity.value}",
        f"Family: {rule.family}",
        "",
        rule.summary,
    ]
    if rule.rationale:
        parts += ["", rule.rationale]
    for label, example in (("Fails:", rule.fails), ("Passes:", rule.passes)):
        if example:
            parts += ["", label, "", _indent(example)]
    return "\n".join(parts).rstrip() + "\n"


def _indent(block: str) -> str:
    return "\n".join("    " + line if line else "" for line in block.rstrip("\n").split("\n"))
