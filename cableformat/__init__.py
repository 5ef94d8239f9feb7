"""cableformat: parse, validate and convert US diplomatic cables."""

from cableformat.api import parse, read, render, validate
from cableformat.diagnostics import Diagnostic, Severity
from cableformat.model import Cable

__all__ = ["Cable", "Diagnostic", "Severity", "parse", "read", "render", "validate"]
__version__ = "0.1.0.dev0"
