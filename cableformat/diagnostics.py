"""The diagnostic model: what every rule reports, and the per-cable result that carries it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cableformat.model import Cable
    from cableformat.source import Source


class Severity(StrEnum):
    """How much a finding matters: errors fail validation, warnings only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for errors, 1 for warnings, 0 for infos."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text between ``start`` and ``end`` (cable-text offsets) by ``content``."""

    start: int
    end: int
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A proposed correction; ``applicability`` is ``safe``, ``unsafe`` or ``display-only``."""

    title: str
    edits: tuple[Edit, ...]
    applicability: str = "unsafe"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: a rule code, its severity, where it is and what was expected and found.

    ``start``/``end`` are character offsets into the cable text (``Source.text``); writers
    turn them into file lines and columns through the :class:`~cableformat.source.Source`.
    ``line`` and ``column`` (1-based) place ``start`` in the cable text (``cable.text``):
    :func:`cableformat.validate` fills them; they are None where nothing located them.
    """

    code: str
    severity: Severity
    message: str
    start: int
    end: int
    hint: str | None = None
    fix: Fix | None = None
    line: int | None = None
    column: int | None = None


@dataclass(slots=True)
class Located:
    """A diagnostic placed in the input file: 1-based line and column, end exclusive."""

    diagnostic: Diagnostic
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(slots=True)
class CableResult:
    """A parsed cable (or a read failure) with its diagnostics, as the CLI reports it."""

    path: str
    source: Source | None
    cable: Cable | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    read_error: str | None = None

    @property
    def reference_id(self) -> str | None:
        """The cable's reference ID, when one is known."""
        return self.cable.reference_id if self.cable is not None else None

    def locate(self, diag: Diagnostic) -> Located:
        """Place ``diag`` in the input file's own lines and columns."""
        if self.source is None:
            return Located(diag, 1, 1, 1, 1)
        line, col = self.source.locate(diag.start)
        end = max(diag.end, diag.start)
        end_line, end_col = self.source.locate(end)
        if (end_line, end_col) < (line, col):
            end_line, end_col = line, col
        return Located(diag, line, col, end_line, end_col)
