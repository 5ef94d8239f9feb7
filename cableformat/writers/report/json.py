"""One JSON document: ``{"summary": {...}, "diagnostics": [...]}``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from cableformat.diagnostics import CableResult
from cableformat.writers.report.common import Summary, Tally, diagnostic_record
from cableformat.writers.report.options import ReportOptions


def report(results: Iterable[CableResult], out: TextIO, options: ReportOptions) -> Summary:
    """Collect every diagnostic, then write the document with the run summary."""
    tally = Tally()
    records = [
        diagnostic_record(result, diag)
        for result in tally.watch(results)
        for diag in result.diagnostics
    ]
    summary = tally.summary()
    head = {**summary.as_dict(), "strict": options.strict}
    if options.not_shown is not None:  # what --min-severity left out, by severity
        head["not_shown"] = options.not_shown()
    document = {"summary": head, "diagnostics": records}
    json.dump(document, out, indent=2, ensure_ascii=False)
    out.write("\n")
    return summary
