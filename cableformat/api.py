"""The public functions: parse, read, validate, render."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from os import PathLike
from typing import IO, TYPE_CHECKING

from cableformat.source import ReadError, Source

if TYPE_CHECKING:
    from cableformat.diagnostics import Diagnostic
    from cableformat.model import Cable


def parse(text_or_bytes: str | bytes, *, source: str | None = None) -> Cable:
    """Parse one cable from text (or bytes, decoded leniently); never raises on content."""
    from cableformat.parser import parse_source
    from cableformat.readers.decode import decode_bytes

    if isinstance(text_or_bytes, bytes | bytearray):
        text, _note = decode_bytes(bytes(text_or_bytes), lenient=True)
    elif isinstance(text_or_bytes, str):
        text = text_or_bytes
    else:
        raise TypeError(f"parse() takes str or bytes, not {type(text_or_bytes).__name__}")
    return parse_source(Source(text=text, name=source or "<string>", input_format="text"))


def read(
    path_or_file: str | PathLike[str] | IO[bytes] | IO[str], *, input_format: str | None = None
) -> Iterator[Cable]:
    """Read every cable of a file (HTML page, text, CSV, JSON lines...); skips unreadable ones.

    Use :func:`cableformat.readers.iter_sources` to see read errors as well.
    """
    from cableformat.parser import parse_source
    from cableformat.readers import iter_sources

    for item in iter_sources(path_or_file, input_format=input_format):
        if isinstance(item, ReadError):
            continue
        yield parse_source(item)


def validate(
    cable: Cable | str | bytes,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    strict: bool = False,
) -> list[Diagnostic]:
    """Check ``cable`` against every selected rule; diagnostics sorted by position.

    ``cable`` is a parsed :class:`~cableformat.model.Cable`, or the text (or bytes) of one,
    which is parsed first as :func:`parse` does.
    """
    from cableformat.model import Cable
    from cableformat.rules import Context, run_rules, select_rules

    if isinstance(cable, str | bytes | bytearray):
        cable = parse(cable)
    elif not isinstance(cable, Cable):
        raise TypeError(f"validate() takes a Cable, str or bytes, not {type(cable).__name__}")
    return run_rules(cable, select_rules(select, ignore), Context(strict=strict))


def render(cable: Cable) -> str:
    """The exact text the cable was parsed from."""
    return "".join(line.raw for line in cable.lines)
