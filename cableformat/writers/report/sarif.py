"""SARIF 2.1.0: the static-analysis interchange format read by code-scanning services."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from cableformat.diagnostics import CableResult, Diagnostic, Severity
from cableformat.writers.report.common import Summary, Tally, rule_name
from cableformat.writers.report.options import ReportOptions

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
#: No page is published for cableformat yet: without a Project-URL in the installed
#: metadata, ``informationUri`` (optional in SARIF 2.1.0) is left out rather than invented.
FALLBACK_INFORMATION_URI: str | None = None
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def report(results: Iterable[CableResult], out: TextIO, options: ReportOptions) -> Summary:
    """Collect every result, then write one SARIF log with a single run."""
    tally = Tally()
    collected = list(tally.watch(results))
    summary = tally.summary()
    json.dump(sarif_log(collected, summary), out, indent=2, ensure_ascii=False)
    out.write("\n")
    return summary


def sarif_log(results: list[CableResult], summary: Summary) -> dict[str, Any]:
    """The SARIF log object for ``results``."""
    descriptors, index = rule_descriptors(results)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cableformat",
                        "version": tool_version(),
                        **_information(),
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    sarif_result(result, diag, index)
                    for result in results
                    for diag in result.diagnostics
                ],
                "properties": {"summary": summary.as_dict()},
            }
        ],
    }


def rule_descriptors(results: list[CableResult]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Every registered rule plus any other code the results use, and each code's index."""
    from cableformat.rules import RULES

    descriptors = [_descriptor(code) for code in sorted(RULES)]
    extra = {
        diag.code: (result, diag)
        for result in results
        for diag in result.diagnostics
        if diag.code not in RULES
    }
    for code, (result, diag) in sorted(extra.items()):
        descriptors.append(_extra_descriptor(code, result, diag))
    return descriptors, {d["id"]: i for i, d in enumerate(descriptors)}


def _descriptor(code: str) -> dict[str, Any]:
    from cableformat.rules import RULES

    rule = RULES[code]
    help_text = f"{rule.summary}\n\n{rule.rationale}".strip()
    markdown = help_text
    if rule.fails:
        markdown += f"\n\nFails:\n\n```\n{rule.fails}```"
    if rule.passes:
        markdown += f"\n\nPasses:\n\n```\n{rule.passes}```"
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": rule.rationale or rule.summary or rule.name},
        "defaultConfiguration": {"level": LEVEL[Severity(rule.severity)]},
        "help": {"text": help_text or rule.name, "markdown": markdown or rule.name},
        "properties": {"family": rule.family},
    }


def _extra_descriptor(code: str, result: CableResult, diag: Diagnostic) -> dict[str, Any]:
    name = rule_name(code, result)
    text = "The input could not be read as cables." if result.read_error else name
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "defaultConfiguration": {"level": LEVEL[Severity(diag.severity)]},
        "help": {"text": text},
    }


def sarif_result(result: CableResult, diag: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    """One SARIF result with its physical location in the input file."""
    where = result.locate(diag)
    out: dict[str, Any] = {
        "ruleId": diag.code,
        "ruleIndex": index[diag.code],
        "level": LEVEL[Severity(diag.severity)],
        "message": {"text": diag.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": path_uri(result.path)},
                    "region": {
                        "startLine": where.line,
                        "startColumn": where.column,
                        "endLine": where.end_line,
                        "endColumn": where.end_column,
                    },
                }
            }
        ],
    }
    properties = {"cable": result.reference_id, "hint": diag.hint}
    if any(v is not None for v in properties.values()):
        out["properties"] = {k: v for k, v in properties.items() if v is not None}
    return out


def path_uri(path: str) -> str:
    """A URI reference for ``path``: ``file://`` when absolute, percent-encoded relative else."""
    posix = path.replace(os.sep, "/") if os.sep != "/" else path
    if PurePath(path).is_absolute():
        return PurePath(path).as_uri()
    return quote(posix, safe="/")


def tool_version() -> str:
    """The installed cableformat version."""
    from importlib import metadata

    try:
        return metadata.version("cableformat")
    except metadata.PackageNotFoundError:
        from cableformat import __version__

        return __version__


def _information() -> dict[str, str]:
    uri = information_uri()
    return {"informationUri": uri} if uri else {}


def information_uri() -> str | None:
    """The project's home page from its installed metadata (Project-URL), else None."""
    from importlib import metadata

    try:
        urls = metadata.metadata("cableformat").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in {"homepage", "home", "documentation", "source"}:
            return url.strip()
    return FALLBACK_INFORMATION_URI
