"""cableformat: parse, validate and convert US diplomatic cables (State Department telegrams).

The names that matter, all importable from ``cableformat``::

    read(path, on_error=None)  cables of a file or directory (HTML page, text, CSV, JSON)
    parse(text)                one cable from its text (str or bytes)
    validate(cable, select=None, ignore=None, strict=False)
                               the rules' findings: a list of Diagnostic
    render(cable)              the exact text the cable was parsed from
    Cable                      a parsed cable; safe accessors: .reference_id, .date, .tags,
                               .subject, .classification, .office, .sender; the parts
                               .header (None for body-only cables) and .body
    Diagnostic                 one finding: .code, .severity, .message, .line, .column,
                               .start/.end (offsets in cable.text), .hint
    Severity                   ERROR, WARNING, INFO
    ReadError                  an input that could not be read (.name, .code, .message)
    RULES                      every rule by code (.name, .severity, .summary)
    explain(code_or_term)      a rule's documentation, or a glossary term (DE, MRN, FL4...)

Example::

    import cableformat
    for cable in cableformat.read("samples/"):
        for d in cableformat.validate(cable, select="B"):
            print(cable.reference_id, d.line, d.code, d.message)

The command line (``cableformat --help``) does the same for whole corpora.  The public names
are loaded on first use, so ``import cableformat`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cableformat.api import explain, parse, read, render, validate
    from cableformat.diagnostics import Diagnostic, Severity
    from cableformat.model import Cable
    from cableformat.rules import RULES
    from cableformat.source import ReadError

__all__ = ["RULES", "Cable", "Diagnostic", "ReadError", "Severity", "explain", "parse", "read",
           "render", "validate"]
__version__ = "0.1.0.dev0"

_LAZY = {
    "Cable": "cableformat.model",
    "Diagnostic": "cableformat.diagnostics",
    "Severity": "cableformat.diagnostics",
    "ReadError": "cableformat.source",
    "RULES": "cableformat.rules",
    "explain": "cableformat.api",
    "parse": "cableformat.api",
    "read": "cableformat.api",
    "render": "cableformat.api",
    "validate": "cableformat.api",
}


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first access."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cableformat' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
