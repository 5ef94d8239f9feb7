"""Aligned tables: a rich table when colour is on, plain padded columns otherwise."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from cableformat.writers.report.common import terminal_safe


def write_table(
    out: TextIO,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    color: bool,
    title: str | None = None,
) -> None:
    """Write ``rows`` under ``headers``; the last column may be long and is not padded."""
    rows = [[terminal_safe(cell) for cell in row] for row in rows]
    if color:
        _rich_table(out, headers, rows, title)
        return
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    for row in [list(headers), *rows]:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        out.write("  ".join(cells).rstrip() + "\n")


def _rich_table(
    out: TextIO, headers: Sequence[str], rows: Sequence[Sequence[str]], title: str | None
) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, header_style="bold", show_lines=False)
    for i, header in enumerate(headers):
        table.add_column(header, style="bold cyan" if i == 0 else None, overflow="fold")
    for row in rows:
        table.add_row(*row)
    Console(file=out, force_terminal=True, no_color=False, highlight=False).print(table)
