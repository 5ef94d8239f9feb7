"""The human format, modelled on ruff: location, code, message, source excerpt, hint.

The location is the input file's line and column (what an editor jumps to); the excerpt is
the cable's own line as the parser read it (HTML entities decoded, the CSV field's line),
with the cable's line number in the gutter, cut around the span to the terminal's width.
A diagnostic of a cable in a CSV or JSON file (or any file not named after the cable)
names the cable's reference ID after the location.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from rich.cells import get_character_cell_size

from cableformat.diagnostics import CableResult, Diagnostic, Located, Severity
from cableformat.writers.report.common import (
    Summary,
    Tally,
    cable_label,
    is_unreadable,
    terminal_safe,
)
from cableformat.writers.report.options import ReportOptions
from cableformat.writers.report.styled import Piece, StyledWriter

TAB_SIZE = 4
MAX_EXCERPT = 160  # characters of a source line shown around a span
SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
GUTTER = "bold blue"


def report(results: Iterable[CableResult], out: TextIO, options: ReportOptions) -> Summary:
    """Write every diagnostic as it arrives, then the summary line."""
    writer = StyledWriter(out, options.color)
    tally = Tally()
    for result in tally.watch(results):
        for diag in result.diagnostics:
            writer.lines(render_diagnostic(result, diag, show_source=options.show_source,
                                           width=options.width))
    summary = tally.summary()
    writer.lines([summary_line(summary, options.notes() if options.notes else (),
                               infos=options.show_infos)])
    return summary


def render_diagnostic(
    result: CableResult, diag: Diagnostic, *, show_source: bool = True, width: int = MAX_EXCERPT
) -> list[list[Piece]]:
    """The lines of one diagnostic, as styled pieces."""
    sev = Severity(diag.severity).value
    style = SEVERITY_STYLE[sev]
    path = terminal_safe(result.path)
    label = cable_label(result)
    head_tail: list[Piece] = [
        (" ", ""),
        *([(terminal_safe(label) + ":", "bold"), (" ", "")] if label else []),
        (diag.code, style),
        (" ", ""),
        (sev, style),
        (" ", ""),
        (terminal_safe(diag.message), "bold"),
    ]
    if is_unreadable(result) or result.source is None:
        return [[(path, "bold"), (":", ""), *head_tail], []]
    where = result.locate(diag)
    lines = [[(f"{path}:{where.line}:{where.column}:", "bold"), *head_tail]]
    if show_source:
        window = _cable_window(result, diag)
        if window is not None:
            lines.extend(cable_excerpt(diag, window, style, width))
        else:
            lines.extend(excerpt(result, where, style))
    if diag.hint:
        lines.append(
            [("  = ", GUTTER), ("hint", "bold cyan"), (": " + terminal_safe(diag.hint), "")]
        )
    lines.append([])
    return lines


def excerpt(result: CableResult, where: Located, caret_style: str) -> list[list[Piece]]:
    """The input file's line with ``^`` under the span (to the end of line if it goes on)."""
    assert result.source is not None
    raw = result.source.file_line(where.line)
    start = where.column - 1
    end = where.end_column - 1 if where.end_line == where.line else len(raw)
    shown, start, end = _window(raw, start, max(end, start))
    text, prefix, width = _layout(shown, start, end)
    num = str(where.line)
    pad = " " * len(num)
    return [
        [(pad + " |", GUTTER)],
        [(num + " |", GUTTER), (" " + text if text else "", "")],
        [(pad + " |", GUTTER), (" " + " " * prefix, ""), ("^" * max(1, width), caret_style)],
    ]


def _cable_window(result: CableResult, diag: Diagnostic) -> tuple[int, int, str] | None:
    """The decoded cable line of ``diag`` (from the source, or as a worker kept it)."""
    window = getattr(result.source, "cable_line_window", None)
    if window is None:
        return None
    return window(diag.start)  # type: ignore[no-any-return]


def cable_excerpt(
    diag: Diagnostic, window: tuple[int, int, str], caret_style: str, width: int = MAX_EXCERPT
) -> list[list[Piece]]:
    """The cable's line (number in the gutter) with ``^`` under the span, cut to ``width``."""
    number, base, raw = window
    start = max(0, diag.start - base)
    end = max(start, min(diag.end, base + len(raw)) - base)
    num = str(number)
    pad = " " * len(num)
    room = max(20, width - len(num) - 3)
    shown, start, end = _window(raw, start, end, room)
    text, prefix, cells = _layout(shown, start, end)
    return [
        [(pad + " |", GUTTER)],
        [(num + " |", GUTTER), (" " + text if text else "", "")],
        [(pad + " |", GUTTER), (" " + " " * prefix, ""),
         ("^" * max(1, min(cells, room - prefix)), caret_style)],
    ]


def _window(raw: str, start: int, end: int, room: int = MAX_EXCERPT) -> tuple[str, int, int]:
    """Cut a long line around the span; returns the text shown and the shifted span."""
    if len(raw) <= room:
        return raw, start, end
    room -= 2  # the ellipses
    lo = max(0, min(start, len(raw)) - room // 3)
    hi = min(len(raw), lo + room)
    shown = raw[lo:hi]
    shift = -lo
    if lo > 0:
        shown = "…" + shown
        shift += 1
    if hi < len(raw):
        shown += "…"
    return shown, start + shift, min(end + shift, len(shown))


def _layout(line: str, start: int, end: int) -> tuple[str, int, int]:
    """Render ``line`` for display; return it, the cells before ``start`` and the span's cells."""
    parts: list[str] = []
    col = 0
    prefix = width = 0
    for i, ch in enumerate(line):
        if i == start:
            prefix = col
        shown = _display(ch, col)
        cells = sum(get_character_cell_size(c) for c in shown)
        if start <= i < end:
            width += cells
        parts.append(shown)
        col += cells
    if start >= len(line):
        prefix = col + (start - len(line))
    return "".join(parts), prefix, width


def _display(ch: str, col: int) -> str:
    """How one character is shown: tabs expanded, control characters escaped."""
    if ch == "\t":
        return " " * (TAB_SIZE - col % TAB_SIZE)
    return terminal_safe(ch)


def summary_line(
    summary: Summary, notes: Iterable[str] = (), *, infos: bool = True
) -> list[Piece]:
    """``Found N errors, M warnings, K infos in C cables (F files, U unreadable)``, then the
    ``notes`` (``; 4 infos not shown (--min-severity info shows them)``...); without
    ``infos`` (they are not shown) the info count is left out."""
    style = "bold red" if summary.errors or summary.unreadable else "bold green"
    counts = ", ".join(
        _plural(n, word)
        for n, word in (
            (summary.errors, "error"),
            (summary.warnings, "warning"),
            (summary.infos, "info"),
        )
        if word != "info" or infos
    )
    where = f"{_plural(summary.files, 'file')}, {summary.unreadable} unreadable"
    tail = "".join(f"; {note}" for note in notes)
    return [(f"Found {counts} in {_plural(summary.cables, 'cable')} ({where}){tail}", style)]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
