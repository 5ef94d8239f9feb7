"""What every report format shares: the run summary, rule metadata and text sanitising."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from cableformat.diagnostics import CableResult, Diagnostic, Severity
from cableformat.source import ReadError

#: Name reported for diagnostics whose code is no registered rule.
READ_ERROR_NAME = "unreadable-input"
INTERNAL_ERROR_NAME = "internal-error"

_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts over a whole run; ``errors + warnings + infos`` equals ``sum(by_rule)``."""

    files: int = 0
    cables: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    unreadable: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)
    #: The most severe severity each code was emitted with (``--strict`` can raise one);
    #: may be empty (a summary computed elsewhere): the rule's default is used then.
    severity_by_rule: dict[str, str] = field(default_factory=dict, compare=False)

    def failed(self, strict: bool = False) -> bool:
        """True when the run has an error (or, under ``strict``, a warning)."""
        return self.errors > 0 or (strict and self.warnings > 0)

    def as_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data (``by_rule`` sorted by code)."""
        return {
            "files": self.files,
            "cables": self.cables,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "unreadable": self.unreadable,
            "by_rule": dict(sorted(self.by_rule.items())),
        }


class Tally:
    """Accumulates a :class:`Summary` while results stream past."""

    def __init__(self) -> None:
        self._paths: set[str] = set()
        self._cables = 0
        self._unreadable = 0
        self._severities: Counter[Severity] = Counter()
        self._codes: Counter[str] = Counter()
        self._code_severity: dict[str, Severity] = {}

    def add(self, result: CableResult) -> None:
        """Count ``result`` and its diagnostics."""
        self._paths.add(result.path)
        if is_unreadable(result):
            self._unreadable += 1
        else:
            self._cables += 1
        for diag in result.diagnostics:
            severity = Severity(diag.severity)
            self._severities[severity] += 1
            self._codes[diag.code] += 1
            seen = self._code_severity.get(diag.code)
            if seen is None or severity.rank > seen.rank:
                self._code_severity[diag.code] = severity

    def watch(self, results: Iterable[CableResult]) -> Iterator[CableResult]:
        """Yield ``results`` unchanged, counting each one."""
        for result in results:
            self.add(result)
            yield result

    def summary(self) -> Summary:
        """The counts so far."""
        return Summary(
            files=len(self._paths),
            cables=self._cables,
            errors=self._severities[Severity.ERROR],
            warnings=self._severities[Severity.WARNING],
            infos=self._severities[Severity.INFO],
            unreadable=self._unreadable,
            by_rule=dict(self._codes),
            severity_by_rule={code: sev.value for code, sev in self._code_severity.items()},
        )


def summarize(results: Iterable[CableResult]) -> Summary:
    """The summary of ``results``."""
    tally = Tally()
    for result in results:
        tally.add(result)
    return tally.summary()


def unreadable_result(path: str, error: ReadError) -> CableResult:
    """A result for an input that could not be read: one error diagnostic at 1:1."""
    diag = Diagnostic(
        code=error.code, severity=Severity.ERROR, message=error.message, start=0, end=0
    )
    return CableResult(
        path=path, source=None, cable=None, diagnostics=[diag], read_error=error.message
    )


def is_unreadable(result: CableResult) -> bool:
    """True for a result that stands for an unreadable input."""
    return result.read_error is not None


def rule_name(code: str, result: CableResult | None = None) -> str:
    """The kebab-case name of rule ``code`` (a stand-in for read and internal errors)."""
    rule = _rules().get(code)
    if rule is not None:
        return rule.name
    if code == "X999":
        return INTERNAL_ERROR_NAME
    if result is not None and is_unreadable(result):
        return READ_ERROR_NAME
    return code.lower()


@cache
def _rules() -> dict[str, Any]:
    """The rule registry, imported on first use (reports of read errors need no rules)."""
    from cableformat.rules import RULES

    return RULES


def severity_name(severity: Severity | str) -> str:
    """``error``, ``warning`` or ``info``."""
    return severity.value if isinstance(severity, Severity) else Severity(severity).value


def testcase_names(results: Iterable[CableResult]) -> Iterator[tuple[CableResult, str]]:
    """Pair each result with its display name: reference ID, else ``path#n`` (n-th in file)."""
    seen: Counter[str] = Counter()
    for result in results:
        seen[result.path] += 1
        yield result, result.reference_id or f"{result.path}#{seen[result.path]}"


def diagnostic_record(result: CableResult, diag: Diagnostic) -> dict[str, Any]:
    """One diagnostic as the JSON formats write it (positions 1-based, in the input file)."""
    where = result.locate(diag)
    return {
        "path": result.path,
        "cable": result.reference_id,
        "code": diag.code,
        "name": rule_name(diag.code, result),
        "severity": severity_name(diag.severity),
        "message": diag.message,
        "hint": diag.hint,
        "line": where.line,
        "column": where.column,
        "end_line": where.end_line,
        "end_column": where.end_column,
        "fix": _fix_record(diag),
    }


def _fix_record(diag: Diagnostic) -> dict[str, Any] | None:
    """The proposed fix of ``diag`` as data (cable-text offsets), or None."""
    if diag.fix is None:
        return None
    return {
        "title": diag.fix.title,
        "applicability": diag.fix.applicability,
        "edits": [{"start": e.start, "end": e.end, "content": e.content} for e in diag.fix.edits],
    }


def xml_safe(text: str) -> str:
    """Replace characters XML 1.0 forbids by a visible ``\\xNN``/``\\uNNNN`` escape."""
    return _XML_FORBIDDEN.sub(_escape_char, text)


def terminal_safe(text: str) -> str:
    """Escape control characters (line breaks too) and lone surrogates: one safe line."""
    return _TERMINAL_UNSAFE.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def cable_label(result: CableResult) -> str | None:
    """The reference ID to name beside a location, when the file name does not already say
    it (a CSV row, a JSON record, a second cable on a page); None otherwise."""
    ref = result.reference_id
    if not ref:
        return None
    name = result.path.replace("\\", "/").rsplit("/", 1)[-1]
    return None if ref.upper() in name.upper() else ref
