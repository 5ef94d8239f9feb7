"""JSON lines: one diagnostic object per line, written as soon as its cable is checked."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from cableformat.diagnostics import CableResult
from cableformat.writers.report.common import Summary, Tally, diagnostic_record
from cableformat.writers.report.options import ReportOptions

#: One encoder for the run (``json.dumps`` with options builds a new one per call).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def report(results: Iterable[CableResult], out: TextIO, options: ReportOptions) -> Summary:
    """Write one compact JSON object per diagnostic; no summary line."""
    tally = Tally()
    for result in tally.watch(results):
        for diag in result.diagnostics:
            out.write(_ENCODE(diagnostic_record(result, diag)) + "\n")
        out.flush()
    return tally.summary()
