"""``cableformat convert PATH... --to json|xml|tei|csv|text``: convert cables between formats.

One cable goes to standard output (or ``-o FILE``).  Several cables (several inputs, a CSV,
a directory) go one document per cable into ``--output-dir``, named by reference ID (or
the input's name; ``-2``, ``-3``... on collisions), or to standard output as JSON Lines
(``--to json``) or one CSV with a single header row (``--to csv``).  ``--check`` validates
every output against its shipped schema as it is written.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cableformat.cli import Subparsers
    from cableformat.model import Cable

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_STREAMABLE = ("json", "csv")


def add_convert(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """``convert PATH... --to FORMAT``: write cables as JSON, XML, TEI, CSV or text."""
    from cableformat.writers import WRITERS

    p = sub.add_parser(
        "convert",
        help="convert cables to JSON, XML, TEI P5, CSV or text",
        description=__doc__.splitlines()[0].split(": ", 1)[1],
        epilog="exit codes: 0 done; 1 an output failed --check; 2 an input could not be "
        "read, or the command line is wrong; 3 internal error",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories ('-' = stdin)")
    p.add_argument("--to", required=True, choices=list(WRITERS), help="output format")
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    where.add_argument("--output-dir", metavar="DIR", help="one file per cable in DIR")
    p.add_argument("--check", action="store_true", help="validate every output (schemas)")
    p.add_argument("--input-format", metavar="NAME", help="force a reader (default: guess)")
    p.set_defaults(handler=run_convert)


def run_convert(args: argparse.Namespace) -> int:
    """Convert every input; return the exit status described in the epilog."""
    from cableformat import cli

    settings = cli.load_settings(input_format=args.input_format)
    cli._check_settings(settings)
    state = _State(args.to, args.check)
    cables = _cables(args.paths, settings.input_format, state)
    if args.output_dir:
        _to_dir(cables, Path(args.output_dir), state)
    else:
        _to_stream(cables, args.output, state)
    if state.unreadable:
        return 2
    return 1 if state.invalid else 0


class _State:
    """Counters and options shared by the steps of one run."""

    def __init__(self, fmt: str, check: bool) -> None:
        self.fmt = fmt
        self.check = check
        self.unreadable = 0
        self.invalid = 0

    def render(self, cable: Cable, name: str, *, header: bool = True) -> str | bytes:
        """One cable in the output format (bytes for text); ``--check`` reports errors."""
        from cableformat import convert

        if self.fmt == "text":
            return convert.text_bytes(cable)
        if self.fmt == "csv":
            from cableformat.rules import Context, run_rules, select_rules

            diagnostics = run_rules(cable, select_rules(), Context())
            rows = [convert.cable_row(cable, diagnostics)]
            return convert.to_csv(rows, header=header)
        document = {"json": convert.to_json, "xml": convert.to_xml,
                    "tei": convert.to_tei}[self.fmt](cable)
        if self.check:
            errors = convert.check(self.fmt, document)
            for error in errors[:10]:
                _error(f"{name}: {self.fmt} schema: {error}")
            self.invalid += bool(errors)
        return document


def _cables(paths: list[str], input_format: str | None,
            state: _State) -> Iterator[tuple[str, Cable]]:
    """``(input name, cable)`` for every readable cable; read errors go to stderr."""
    from cableformat.parser import parse_source
    from cableformat.readers import iter_inputs
    from cableformat.source import ReadError

    for path, item in iter_inputs(paths, input_format=input_format):
        if isinstance(item, ReadError):
            state.unreadable += 1
            _error(f"{item.name}: {item.message} ({item.code})")
            continue
        yield path, parse_source(item)


def _to_stream(cables: Iterator[tuple[str, Cable]], output: str | None, state: _State) -> None:
    """Everything to one stream: one document, or JSON Lines / one CSV for several."""
    from cableformat.cli import UsageError

    first = next(cables, None)
    if first is None:
        return
    second = next(cables, None)
    if second is not None and state.fmt not in _STREAMABLE:
        raise UsageError(f"several cables cannot go to one {state.fmt} document: "
                         "use --output-dir")
    with _open(output, binary=state.fmt == "text") as out:
        for n, (path, cable) in enumerate(_chain(first, second, cables)):
            doc = state.render(cable, _label(path, cable), header=n == 0)
            out.write(doc if isinstance(doc, bytes) else _line(doc))


def _to_dir(cables: Iterator[tuple[str, Cable]], directory: Path, state: _State) -> None:
    """One file per cable in ``directory``, named by reference ID; collisions numbered."""
    from cableformat.cli import UsageError
    from cableformat.writers import WRITERS

    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {directory}: {exc.strerror or exc}") from None
    used: set[str] = {p.name.lower() for p in directory.iterdir()}
    extension = WRITERS[state.fmt].extension
    for path, cable in cables:
        stem = _UNSAFE.sub("_", cable.reference_id or Path(path).stem).strip("._") or "cable"
        name, k = stem + extension, 1
        while name.lower() in used:
            k += 1
            name = f"{stem}-{k}{extension}"
        used.add(name.lower())
        doc = state.render(cable, _label(path, cable))
        target = directory / name
        try:
            if isinstance(doc, bytes):
                target.write_bytes(doc)
            else:
                target.write_text(_line(doc), encoding="utf-8", newline="")
        except OSError as exc:
            raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None


def _chain(first: tuple[str, Cable], second: tuple[str, Cable] | None,
           rest: Iterator[tuple[str, Cable]]) -> Iterator[tuple[str, Cable]]:
    yield first
    if second is not None:
        yield second
        yield from rest


def _line(doc: str) -> str:
    return doc if doc.endswith("\n") else doc + "\n"


def _label(path: str, cable: Cable) -> str:
    return cable.source_name or path


@contextlib.contextmanager
def _open(path: str | None, *, binary: bool) -> Iterator[IO[Any]]:
    """Standard output or ``path``, as UTF-8 text or bytes."""
    from cableformat.cli import UsageError

    if path is None or path == "-":
        stream: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    try:
        handle = open(path, "wb") if binary else open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    with handle:
        yield handle


def _error(message: str) -> None:
    print(f"cableformat: {message}", file=sys.stderr)


