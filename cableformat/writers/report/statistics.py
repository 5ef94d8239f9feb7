"""``--statistics``: how often each rule fired in a run."""

from __future__ import annotations

import json
from typing import Any, TextIO

from cableformat.writers.report.common import Summary, rule_name
from cableformat.writers.report.table import write_table

#: Report formats that ``--statistics`` can render.
STATISTICS_FORMATS = ("text", "json")


def statistics_rows(summary: Summary) -> list[dict[str, Any]]:
    """One row per code: code, name, severity as emitted (the most severe, if ``--strict``
    raised some) and count, most frequent first."""
    from cableformat.rules import RULES

    rows = []
    for code, count in sorted(summary.by_rule.items(), key=lambda item: (-item[1], item[0])):
        rule = RULES.get(code)
        severity = summary.severity_by_rule.get(code) or (
            rule.severity.value if rule is not None else "error")
        rows.append({"code": code, "name": rule_name(code), "severity": severity, "count": count})
    return rows


def write_statistics(
    summary: Summary, out: TextIO, *, fmt: str = "text", color: bool = False
) -> None:
    """Write the per-rule counts as a table (``text``) or a JSON array (``json``)."""
    rows = statistics_rows(summary)
    if fmt == "json":
        json.dump(rows, out, indent=2)
        out.write("\n")
        return
    table = [[r["code"], r["name"], r["severity"], str(r["count"])] for r in rows]
    write_table(out, ["code", "name", "severity", "count"], table, color=color)
