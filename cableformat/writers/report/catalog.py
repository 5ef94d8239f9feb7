"""The rule catalogue: ``cableformat rules`` (a table) and ``cableformat explain CODE``."""

from __future__ import annotations

import json
import re
from typing import TextIO

from cableformat.rules import Rule
from cableformat.writers.report.table import write_table

#: What the first letter of a rule code stands for (the rule's group), in plain words.
PREFIXES: dict[str, str] = {
    "B": "body: the cable's own head lines and text (banner, E.O., TAGS, SUBJECT, "
         "paragraphs, signature)",
    "C": "classification: banner, captions, portion marks and classification authority agree",
    "D": "dates: date-time group (DTG), DE-line day, declassification date, E.O. in force",
    "F": "references: the REF line and the cables it cites",
    "H": "header: the transmission header (routing, DE, security, FM, TO and INFO lines)",
    "K": "kind of page: reflowed text, partial extract, two cables on one page",
    "P": "precedence and addressees: how urgent the cable is and who receives it",
    "R": "reference ID: the cable's identifier agrees with its banner, DE and FM lines",
    "S": "sections: SECTION n OF m and continuation headers",
    "T": "TAGS: subject and country codes",
    "X": "reading: the input file itself (unreadable, empty, not a cable)",
}
_RST_LITERAL = re.compile(r"``(.+?)``", re.S)


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
                "group": r.code[:1],
                "summary": r.summary,
            }
            for r in rules
        ]
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    rows = [[r.code, r.name, r.severity.value, plain(r.summary)] for r in rules]
    write_table(out, ["code", "name", "severity", "summary"], rows, color=color)


def write_prefix_legend(out: TextIO) -> None:
    """What the code letters stand for (after the rule table)."""
    out.write("\nThe first letter of a code names the rule's group "
              "('cableformat explain B' lists a group):\n")
    for letter, words in PREFIXES.items():
        out.write(f"  {letter}  {words}\n")


def group_name(code: str) -> str:
    """``B (body: ...)``: the group of a rule code, in plain words."""
    letter = code[:1]
    words = PREFIXES.get(letter)
    return f"{letter} ({words})" if words else letter


def plain(text: str) -> str:
    """``text`` without reStructuredText literal markup (double backquotes)."""
    return _RST_LITERAL.sub(r"\1", text)


def explain_prefix(letter: str, rules: list[Rule]) -> str:
    """A group's description and its rules."""
    lines = [f"{group_name(letter)}", ""]
    lines += [f"  {r.code}  {r.name:34} {r.severity.value:8} {plain(r.summary)}"
              for r in rules if r.code.startswith(letter)]
    return "\n".join(lines) + "\n"


def explain_text(rule: Rule) -> str:
    """The long documentation of ``rule``: identity, summary, rationale, examples."""
    parts = [
        f"{rule.code} ({rule.name})",
        f"Severity: {rule.severity.value}",
        f"Group: {group_name(rule.code)}",
        "",
        plain(rule.summary),
    ]
    if rule.rationale:
        parts += ["", plain(rule.rationale)]
    for label, example in (("Fails:", rule.fails), ("Passes:", rule.passes)):
        if example:
            parts += ["", label, "", _indent(example)]
    return "\n".join(parts).rstrip() + "\n"


def _indent(block: str) -> str:
    return "\n".join("    " + line if line else "" for line in block.rstrip("\n").split("\n"))
