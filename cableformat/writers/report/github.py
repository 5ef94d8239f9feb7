"""GitHub Actions workflow commands (``::error file=...::message``) for inline annotations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from cableformat.diagnostics import CableResult, Diagnostic, Severity
from cableformat.writers.report.common import Summary, Tally, terminal_safe
from cableformat.writers.report.options import ReportOptions

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def report(results: Iterable[CableResult], out: TextIO, options: ReportOptions) -> Summary:
    """Write one workflow command per diagnostic."""
    tally = Tally()
    for result in tally.watch(results):
        for diag in result.diagnostics:
            out.write(annotation(result, diag) + "\n")
        out.flush()
    return tally.summary()


def annotation(result: CableResult, diag: Diagnostic) -> str:
    """``::error file=P,line=L,col=C,endLine=..,endColumn=..,title=CODE::message``.

    Control characters other than line feeds are shown as ``\\xNN`` escapes; the hint, if
    any, follows on a line of its own.
    """
    where = result.locate(diag)
    props = {
        "file": result.path,
        "line": where.line,
        "col": where.column,
        "endLine": where.end_line,
        "endColumn": where.end_column,
        "title": diag.code,
    }
    joined = ",".join(
        f"{key}={escape_property(terminal_safe(str(value)))}" for key, value in props.items()
    )
    message = _clean(diag.message)
    if diag.hint:
        message += "\nhint: " + _clean(diag.hint)
    return f"::{COMMAND[Severity(diag.severity)]} {joined}::{escape_data(message)}"


def _clean(text: str) -> str:
    """``text`` with control characters escaped, line feeds kept."""
    return "\n".join(terminal_safe(line) for line in text.split("\n"))


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as :func:`escape_data`, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
