"""JUnit XML (built with lxml): one test suite per run, one test case per cable."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from lxml import etree

from cableformat.diagnostics import CableResult, Diagnostic, Severity
from cableformat.writers.report.common import (
    Summary,
    Tally,
    is_unreadable,
    testcase_names,
    xml_safe,
)
from cableformat.writers.report.options import ReportOptions


def report(results: Iterable[CableResult], out: TextIO, options: ReportOptions) -> Summary:
    """Collect every result, then write the XML document."""
    tally = Tally()
    collected = list(tally.watch(results))
    summary = tally.summary()
    root = build_tree(collected, strict=options.strict)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    out.write(data.decode("utf-8"))
    return summary


def build_tree(results: list[CableResult], *, strict: bool = False) -> etree._Element:
    """``<testsuites>`` with one ``<testsuite>`` holding a ``<testcase>`` per result."""
    root = etree.Element("testsuites", name="cableformat")
    suite = etree.SubElement(root, "testsuite", name="cableformat")
    failures = errors = 0
    for result, name in testcase_names(results):
        case = etree.SubElement(
            suite, "testcase", name=xml_safe(name), classname=xml_safe(result.path)
        )
        if is_unreadable(result):
            errors += 1
            _add_problem(case, "error", result, result.diagnostics)
            continue
        failing = [d for d in result.diagnostics if _fails(d, strict)]
        others = [d for d in result.diagnostics if not _fails(d, strict)]
        if failing:
            failures += 1
            _add_problem(case, "failure", result, failing)
        if others:
            etree.SubElement(case, "system-out").text = xml_safe(_listing(result, others))
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors)}
    for element in (root, suite):
        for key, value in counts.items():
            element.set(key, value)
    suite.set("skipped", "0")
    return root


def _fails(diag: Diagnostic, strict: bool) -> bool:
    severity = Severity(diag.severity)
    return severity is Severity.ERROR or (strict and severity is Severity.WARNING)


def _add_problem(
    case: etree._Element, tag: str, result: CableResult, diags: list[Diagnostic]
) -> None:
    """A ``<failure>`` or ``<error>`` element listing ``diags``."""
    first = diags[0]
    message = first.message if len(diags) == 1 else f"{len(diags)} problems, first: {first.message}"
    element = etree.SubElement(case, tag, message=xml_safe(message), type=xml_safe(first.code))
    element.text = xml_safe(_listing(result, diags))


def _listing(result: CableResult, diags: list[Diagnostic]) -> str:
    """One ``path:line:col: CODE severity message`` line per diagnostic (hint indented)."""
    lines = []
    for diag in diags:
        where = result.locate(diag)
        lines.append(
            f"{result.path}:{where.line}:{where.column}: {diag.code} "
            f"{Severity(diag.severity).value} {diag.message}"
        )
        if diag.hint:
            lines.append(f"  = hint: {diag.hint}")
    return "\n".join(lines) + "\n"
