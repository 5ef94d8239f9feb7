"""The public functions: parse, read, validate, render."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
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
    path_or_file: str | PathLike[str] | IO[bytes] | IO[str],
    *,
    input_format: str | None = None,
    on_error: Callable[[ReadError], object] | str | None = None,
) -> Iterator[Cable]:
    """Read every cable of a file or of a directory (walked like the command line does).

    A file yields one cable (text, HTML page) or one per record (CSV row, JSON line); a
    directory yields the cables of every cable file under it (see
    :data:`cableformat.readers.CABLE_SUFFIXES`).  A path that does not exist raises
    :class:`FileNotFoundError` at once.  What cannot be read (binary, empty, a malformed
    CSV row...) is a :class:`~cableformat.source.ReadError`: ``on_error=None`` skips it,
    ``on_error="raise"`` raises it, and a callable receives it (``errors.append``)::

        errors = []
        cables = list(cableformat.read("corpus/", on_error=errors.append))
    """
    if isinstance(path_or_file, str | PathLike):
        path = os.fspath(path_or_file)
        if path != "-" and not os.path.lexists(path):
            raise FileNotFoundError(2, "No such file or directory", path)
    if isinstance(on_error, str) and on_error != "raise":
        raise ValueError(f"on_error must be None, 'raise' or a callable, not {on_error!r}")
    return _read(path_or_file, input_format, on_error)


def _read(
    path_or_file: str | PathLike[str] | IO[bytes] | IO[str],
    input_format: str | None,
    on_error: Callable[[ReadError], object] | str | None,
) -> Iterator[Cable]:
    from cableformat.parser import parse_source
    from cableformat.readers import iter_inputs, iter_sources

    if isinstance(path_or_file, str | PathLike):
        items: Iterable[Source | ReadError] = (
            item for _name, item in iter_inputs([os.fspath(path_or_file)],
                                                input_format=input_format))
    else:
        items = iter_sources(path_or_file, input_format=input_format)
    for item in items:
        if isinstance(item, ReadError):
            if on_error == "raise":
                raise item
            if callable(on_error):
                on_error(item)
            continue
        yield parse_source(item)


def validate(
    cable: Cable | str | bytes,
    *,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    strict: bool = False,
) -> list[Diagnostic]:
    """Check ``cable`` against every selected rule; diagnostics sorted by position.

    ``cable`` is a parsed :class:`~cableformat.model.Cable`, or the text (or bytes) of one,
    which is parsed first as :func:`parse` does.  ``select`` and ``ignore`` take rule codes
    or prefixes (``"B006"``, ``"B,D00"``, ``["C", "D001"]``); one that matches no rule
    raises :class:`ValueError`.
    """
    from cableformat.model import Cable
    from cableformat.rules import Context, run_rules, select_rules

    chosen = _selectors(select, "select")
    ignored = _selectors(ignore, "ignore")
    if isinstance(cable, str | bytes | bytearray):
        cable = parse(cable)
    elif not isinstance(cable, Cable):
        raise TypeError(f"validate() takes a Cable, str or bytes, not {type(cable).__name__}")
    diagnostics = run_rules(cable, select_rules(chosen, ignored), Context(strict=strict))
    return [_with_position(d, cable.text) for d in diagnostics]


def _with_position(diag: Diagnostic, text: str) -> Diagnostic:
    """``diag`` with its 1-based line and column in ``text``."""
    from dataclasses import replace

    at = min(max(diag.start, 0), len(text))
    line_start = text.rfind("\n", 0, at) + 1
    return replace(diag, line=text.count("\n", 0, at) + 1, column=at - line_start + 1)


def _selectors(value: Iterable[str] | str | None, name: str) -> tuple[str, ...]:
    """Rule selectors from a string (comma-separated) or an iterable; each must match."""
    from cableformat.rules import RULES

    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value)
    if not all(isinstance(item, str) for item in items):
        raise TypeError(f"{name} takes rule codes as strings")
    codes = tuple(part.strip().upper() for item in items for part in item.split(",")
                  if part.strip())
    for code in codes:
        if not any(rule_code.startswith(code) for rule_code in RULES):
            raise ValueError(f"{name}: {code!r} matches no rule (see 'cableformat rules')")
    return codes


def render(cable: Cable) -> str:
    """The exact text the cable was parsed from."""
    return "".join(line.raw for line in cable.lines)


def explain(code_or_term: str) -> str:
    """The documentation ``cableformat explain`` prints: a rule (code ``B006`` or name
    ``tags-missing``), a rule group (``B``) or a glossary term (``DE``, ``MRN``, ``FL4``)."""
    from cableformat.glossary import find_term
    from cableformat.rules import RULES
    from cableformat.writers.report.catalog import PREFIXES, explain_prefix, explain_text

    wanted = code_or_term.strip()
    rule = RULES.get(wanted.upper()) or next(
        (r for r in RULES.values() if r.name == wanted.lower()), None)
    if rule is not None:
        return explain_text(rule)
    term = find_term(wanted)
    if term is not None:
        return term.text()
    if wanted.upper() in PREFIXES:
        return explain_prefix(wanted.upper(), [RULES[c] for c in sorted(RULES)])
    raise KeyError(f"unknown rule or term {code_or_term!r}")
