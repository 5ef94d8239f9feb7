"""Write lines of styled pieces: through rich when colour is on, as plain text otherwise."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

Piece = tuple[str, str]  # (text, rich style; "" for none)


class StyledWriter:
    """Writes lines made of ``(text, style)`` pieces to ``out``."""

    def __init__(self, out: TextIO, color: bool) -> None:
        self.out = out
        self.console = make_console(out) if color else None

    def lines(self, lines: Iterable[list[Piece]]) -> None:
        """Write each line (a list of pieces) followed by a newline."""
        for pieces in lines:
            if self.console is None:
                self.out.write("".join(text for text, _ in pieces).rstrip() + "\n")
                continue
            from rich.text import Text

            line = Text.assemble(*[(t, s) if s else t for t, s in pieces])
            line.rstrip()
            self.console.print(line, soft_wrap=True, crop=False)
        self.out.flush()


def make_console(out: TextIO) -> Console:
    """A rich console that always emits colour to ``out`` and never wraps or interprets."""
    from rich.console import Console

    return Console(
        file=out,
        force_terminal=True,
        no_color=False,
        color_system="standard",
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
    )
