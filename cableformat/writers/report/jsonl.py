"""JSON lines: one diagnostic object per line, written as soon as its cable is checked."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from cableformat.diagnostics import CableResult
from cableformat.writers.report.common import Summary, Tally, diagnostic_record
from cableformat.writers.report.options import ReportOptions


def report(results: Iterable[CableResult], out: TextIO, options: ReportOptions) -> Summary:
    """Write one compact JSON object per diagnostic; no summary line."""
    tally = Tally()
    for result in tally.watch(results):
        for diag in result.diagnostics:
            out.write(json.dumps(diagnostic_record(result, diag), ensure_ascii=False) + "\n")
        out.flush()
    return tally.summary()
