"""Baselines: record a run's diagnostics, then report only the ones that are new.

``validate --write-baseline FILE`` writes every diagnostic of the run (whatever
``--min-severity``) to FILE; ``validate --baseline FILE`` leaves out the diagnostics FILE
records, and the exit status comes from the rest alone.

A diagnostic is known by its *fingerprint*: the rule code, the cable (its reference ID, else
the file's name and the cable's rank in it), the field (the flagged text, whitespace
collapsed) and the message (whitespace collapsed, case folded).  Line and column numbers
are not part of it, so a baseline survives lines added or removed above a finding.  The same
finding twice in a cable is counted: a baseline entry absorbs ``count`` occurrences.

The file is JSON::

    {"cableformat_baseline": 1,
     "entries": [{"fingerprint": "9f2c...", "code": "B007", "cable": "06ZAGREB815",
                  "field": "TAGS", "message": "expected TAGS:, found 'TAGS'", "count": 1}]}

Only ``fingerprint`` and ``count`` are read back; the other keys are there for people.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from cableformat.diagnostics import CableResult, Diagnostic

FORMAT_KEY = "cableformat_baseline"
FORMAT_VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read or is not a baseline (a usage error)."""


def _collapse(text: str) -> str:
    return " ".join(text.split())


def field_text(result: CableResult, diag: Diagnostic) -> str:
    """The flagged text of ``diag`` (whitespace collapsed; at most 80 characters)."""
    window = getattr(result.source, "cable_line_window", None)
    found = window(diag.start) if window is not None else None
    if found is None:
        return ""
    _number, base, text = found
    return _collapse(text[max(0, diag.start - base) : max(0, diag.end - base)])[:80]


def cable_key(result: CableResult, rank: int) -> str:
    """The cable's reference ID, else ``file-name#rank``."""
    return result.reference_id or f"{os.path.basename(result.path)}#{rank}"


def fingerprint(code: str, cable: str, field: str, message: str) -> str:
    """The hex digest that identifies a diagnostic across runs."""
    key = "\x1f".join((code, cable, field, _collapse(message).casefold()))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _ranked(results: Iterable[CableResult]) -> Iterator[tuple[CableResult, int]]:
    seen: Counter[str] = Counter()
    for result in results:
        seen[result.path] += 1
        yield result, seen[result.path]


class BaselineWriter:
    """Records the fingerprint of every diagnostic streaming past."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, Any]] = {}
        self._ranks: Counter[str] = Counter()

    def watch(self, results: Iterable[CableResult]) -> Iterator[CableResult]:
        """Yield ``results`` unchanged, recording their diagnostics."""
        for result, rank in _ranked(results):
            cable = cable_key(result, rank)
            for diag in result.diagnostics:
                field = field_text(result, diag)
                key = fingerprint(diag.code, cable, field, diag.message)
                entry = self.entries.setdefault(key, {
                    "fingerprint": key, "code": diag.code, "cable": cable, "field": field,
                    "message": diag.message, "count": 0})
                entry["count"] += 1
            yield result

    def write(self, path: str | Path) -> None:
        """Write the baseline file atomically."""
        from cableformat.outputs import atomic_write

        data = {FORMAT_KEY: FORMAT_VERSION,
                "entries": sorted(self.entries.values(), key=lambda e: (e["cable"], e["code"]))}
        with atomic_write(str(path)) as out:
            json.dump(data, out, indent=1, ensure_ascii=False)
            out.write("\n")


class BaselineFilter:
    """Drops the diagnostics a baseline records; counts what it dropped."""

    def __init__(self, path: str | Path) -> None:
        self.remaining = load_baseline(path)
        self.matched = 0

    def watch(self, results: Iterable[CableResult]) -> Iterator[CableResult]:
        """Yield ``results`` without the diagnostics found in the baseline."""
        for result, rank in _ranked(results):
            cable = cable_key(result, rank)
            kept = []
            for diag in result.diagnostics:
                key = fingerprint(diag.code, cable, field_text(result, diag), diag.message)
                if self.remaining[key] > 0:
                    self.remaining[key] -= 1
                    self.matched += 1
                else:
                    kept.append(diag)
            result.diagnostics = kept
            yield result


def load_baseline(path: str | Path) -> Counter[str]:
    """Fingerprint -> count of a baseline file."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise BaselineError(f"baseline {path} is not JSON: {exc}") from None
    if not isinstance(data, dict) or data.get(FORMAT_KEY) != FORMAT_VERSION:
        raise BaselineError(f"{path} is not a cableformat baseline (written by "
                            "'cableformat validate --write-baseline')")
    counts: Counter[str] = Counter()
    for entry in data.get("entries", []):
        if isinstance(entry, dict) and isinstance(entry.get("fingerprint"), str):
            counts[entry["fingerprint"]] += int(entry.get("count", 1))
    return counts
