"""``--format concise``: one line per diagnostic (ruff's ``concise``), then the summary."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from cableformat.diagnostics import CableResult, Diagnostic, Severity
from cableformat.writers.report.common import Summary, Tally, cable_label, terminal_safe
from cableformat.writers.report.options import ReportOptions
from cableformat.writers.report.styled import StyledWriter
from cableformat.writers.report.text import SEVERITY_STYLE, summary_line


def report(results: Iterable[CableResult], out: TextIO, options: ReportOptions) -> Summary:
    """Write each diagnostic on one line as it arrives, then the summary line."""
    writer = StyledWriter(out, options.color)
    tally = Tally()
    for result in tally.watch(results):
        writer.lines([concise_line(result, diag) for diag in result.diagnostics])
    summary = tally.summary()
    writer.lines([summary_line(summary, options.notes() if options.notes else (),
                               infos=options.show_infos)])
    return summary


def concise_line(result: CableResult, diag: Diagnostic) -> list[tuple[str, str]]:
    """``path:line:col: [REFID: ]CODE severity message``."""
    sev = Severity(diag.severity).value
    path = terminal_safe(result.path)
    if result.source is None:
        where = f"{path}:"
    else:
        located = result.locate(diag)
        where = f"{path}:{located.line}:{located.column}:"
    label = cable_label(result)
    return [
        (where, "bold"),
        (" ", ""),
        *([(terminal_safe(label) + ":", "bold"), (" ", "")] if label else []),
        (diag.code, SEVERITY_STYLE[sev]),
        (" ", ""),
        (sev, SEVERITY_STYLE[sev]),
        (" ", ""),
        (terminal_safe(diag.message), ""),
    ]
