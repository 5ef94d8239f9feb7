"""Diagnostic report formats: one module per format, registered in :data:`REPORTERS`.

A reporter takes the results of a run (an iterable, consumed once), a text stream and
:class:`ReportOptions`, writes the report and returns the run's :class:`Summary`.  Formats
that can stream (``text``, ``jsonl``, ``github``) write each result as it arrives; the others
collect the results first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from cableformat.diagnostics import CableResult
from cableformat.writers.report import concise, github, jsonl, junit, sarif, text
from cableformat.writers.report import json as json_format
from cableformat.writers.report.common import (
    Summary,
    Tally,
    diagnostic_record,
    summarize,
    unreadable_result,
)
from cableformat.writers.report.options import ReportOptions

Reporter = Callable[[Iterable[CableResult], TextIO, ReportOptions], Summary]

REPORTERS: dict[str, Reporter] = {
    "text": text.report,
    "concise": concise.report,
    "json": json_format.report,
    "jsonl": jsonl.report,
    "sarif": sarif.report,
    "github": github.report,
    "junit": junit.report,
}

#: Formats that write each result as soon as it is checked.
STREAMING = frozenset({"text", "concise", "jsonl", "github"})

__all__ = [
    "REPORTERS",
    "STREAMING",
    "ReportOptions",
    "Reporter",
    "Summary",
    "Tally",
    "diagnostic_record",
    "summarize",
    "unreadable_result",
]
