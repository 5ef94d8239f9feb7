"""cableformat: parse, validate and convert US diplomatic cables.

The public names are loaded on first use, so ``import cableformat`` stays cheap for tools
that only need part of it (pydantic models and rule tables load when first needed).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cableformat.api import parse, read, render, validate
    from cableformat.diagnostics import Diagnostic, Severity
    from cableformat.model import Cable

__all__ = ["Cable", "Diagnostic", "Severity", "parse", "read", "render", "validate"]
__version__ = "0.1.0.dev0"

_LAZY = {
    "Cable": "cableformat.model",
    "Diagnostic": "cableformat.diagnostics",
    "Severity": "cableformat.diagnostics",
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
