"""``cableformat convert PATH... --to json|xml|tei|csv|text``: convert cables between formats.

One cable goes to standard output (or ``-o FILE``).  Several cables (several inputs, a CSV,
a directory) go one document per cable into ``--output-dir``, named by reference ID (or
the input's name; ``-2``, ``-3``... on collisions), or to standard output as JSON Lines
(``--to json``) or one CSV with a single header row (``--to csv``).  ``--check`` validates
every output against its shipped schema as it is written.

The work runs on :mod:`cableformat.batch` (``--jobs`` worker processes, results in input
order); files are written atomically, and ``--resume`` keeps the outputs a previous
(interrupted) run finished.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cableformat.source import ReadError, Source

if TYPE_CHECKING:
    from cableformat.batch import Unit
    from cableformat.cli.common import Subparsers

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_STREAMABLE = ("json", "csv")


def add_convert(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """``convert PATH... --to FORMAT``: write cables as JSON, XML, TEI, CSV or text."""
    from cableformat.cli import common as cli
    from cableformat.writers import WRITERS

    p = sub.add_parser(
        "convert",
        help="convert cables to JSON, XML, TEI P5, CSV or text",
        description=__doc__.splitlines()[0].split(": ", 1)[1],
        epilog="A directory is walked for cable files only (see 'cableformat validate --help'); "
        "an input that is not a cable (no header, banner or head fields: X010) is reported "
        "and not converted.  Exit codes: 0 done; 1 an output failed --check; 2 an input "
        "could not be read or is not a cable, or the command line is wrong; 3 internal error",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories ('-' = stdin)")
    p.add_argument("--to", required=True, choices=list(WRITERS), help="output format")
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    where.add_argument("--output-dir", metavar="DIR", help="one file per cable in DIR")
    p.add_argument("--check", action="store_true", help="validate every output (schemas)")
    p.add_argument("--input-format", metavar="NAME", help="force a reader (default: guess)")
    p.add_argument("--resume", action="store_true",
                   help="with --output-dir: skip the inputs a previous run finished "
                   "(its journal, DIR/.cableformat-done.jsonl) and keep their outputs")
    cli.add_walk_options(p)
    p.add_argument("--indent", type=int, metavar="N",
                   help="json: indent by N spaces (default: one compact line per cable)")
    p.add_argument("--no-spans", action="store_true",
                   help="xml: leave out the spans (smaller; such a document is not read back)")
    p.add_argument("--excel", action="store_true",
                   help="csv: UTF-8 BOM, and cells a spreadsheet would run as a formula "
                   "neutralised with a leading ' (OWASP)")
    p.add_argument("--with-text", action="store_true", help="csv: add the cable text column")
    cli.add_run_options(p)
    p.set_defaults(handler=run_convert)


def run_convert(args: argparse.Namespace) -> int:
    """Convert every input; return the exit status described in the epilog."""
    from cableformat import readers
    from cableformat.batch import map_cables
    from cableformat.cli import common as cli

    settings = cli.load_settings(input_format=args.input_format,
                                 exclude=getattr(args, "exclude", None),
                                 extend_exclude=getattr(args, "extend_exclude", None),
                                 **cli.config_options(args))
    cli._check_settings(settings)
    state = _State(args.to, args.check)
    state.excel, state.with_text = args.excel, args.with_text
    state.indented = args.indent is not None
    task = ConvertTask(args.to, args.check, indent=args.indent, spans=not args.no_spans,
                       with_text=args.with_text)
    finished = _Finished(Path(args.output_dir), args.resume) if args.output_dir else None
    walk = getattr(readers, "walk_exclusions", None)
    exclusions = (walk(settings.exclude, settings.extend_exclude,
                        follow_links=getattr(args, "follow_links", False)) if walk is not None
                  else contextlib.nullcontext())
    with exclusions, cli._progress(args) as progress:

        def unit_done(unit: Unit) -> None:
            progress.advance_bytes(unit.size)
            if finished is not None:
                finished.unit_done(state)

        results = map_cables(
            task, args.paths, input_format=settings.input_format, jobs=cli._jobs(args),
            runner=cli.cluster_runner(args.scheduler), on_unit=unit_done,
            skip=finished.skip if finished is not None else None,
        )
        state.progress = progress
        converted = state.collect(progress.watch(results))
        if finished is not None:
            try:
                _to_dir(converted, finished, state)
            finally:
                finished.close()
            if (finished.skipped or finished.changed) and not args.quiet:
                _error(f"resumed: {finished.skipped} input(s) finished by an earlier run and "
                       f"unchanged since were skipped; {finished.changed} changed since and "
                       "were converted again")
        else:
            _to_stream(converted, args.output, state)
    failed = state.unreadable or state.invalid or state.crashed
    if not args.quiet and (progress.enabled or failed):  # a terminal, or something to say
        _error(state.summary(args.output_dir or args.output))
    if state.crashed:
        return 3
    if state.unreadable or state.unwritable:
        return 2
    return 1 if state.invalid else 0


@dataclass(frozen=True, slots=True)
class Converted:
    """One cable converted in a worker: what the parent needs to write and report it."""

    label: str
    reference_id: str | None
    stem: str
    document: str | bytes | None = None
    row: dict[str, str] | None = None
    errors: tuple[str, ...] = ()
    failure: str | None = None
    unreadable: bool = False


@dataclass(frozen=True, slots=True)
class ConvertTask:
    """The picklable per-cable job of ``convert`` (run by :func:`cableformat.batch.map_cables`)."""

    fmt: str
    check: bool
    indent: int | None = None
    spans: bool = True
    with_text: bool = False

    def __call__(self, path: str, source: Source) -> Converted:
        """Parse and convert one cable; ``--check`` errors travel with the document."""
        from cableformat import convert
        from cableformat.parser import parse_source

        cable = parse_source(source)
        label = cable.source_name or path
        stem = cable.reference_id or Path(path).stem
        if any(issue.code == "X010" for issue in cable.syntax):
            return Converted(label, None, stem, unreadable=True,
                             failure="not a cable: no transmission header, banner or head "
                             "fields found (X010); nothing converted")
        if self.fmt == "text":
            return Converted(label, cable.reference_id, stem, convert.text_bytes(cable))
        if self.fmt == "csv":
            from cableformat.rules import Context, run_rules, select_rules

            diagnostics = run_rules(cable, select_rules(), Context())
            return Converted(label, cable.reference_id, stem,
                             row=convert.cable_row(cable, diagnostics, with_text=self.with_text))
        if self.fmt == "json":
            document = convert.to_json(cable, indent=self.indent)
        elif self.fmt == "xml":
            document = convert.to_xml(cable, spans=self.spans)
        else:
            document = convert.to_tei(cable)
        errors = tuple(convert.check(self.fmt, document)[:10]) if self.check else ()
        return Converted(label, cable.reference_id, stem, document, errors=errors)

    def unreadable(self, path: str, error: ReadError) -> Converted:
        """An input that could not be read."""
        return Converted(error.name or path, None, "", failure=f"{error.message} ({error.code})",
                         unreadable=True)

    def crashed(self, path: str, message: str) -> Converted:
        """A cable whose conversion failed (a bug)."""
        return Converted(path, None, "", failure=f"{message} (X999)")


class _State:
    """Counters and options shared by the steps of one run."""

    def __init__(self, fmt: str, check: bool) -> None:
        self.fmt = fmt
        self.check = check
        self.excel = False  # csv: BOM and formula cells neutralised
        self.with_text = False  # csv: the text column
        self.indented = False  # json: --indent (not JSON Lines)
        self.unreadable = 0
        self.invalid = 0
        self.crashed = 0
        self.converted = 0
        #: Outputs that could not be written (a per-cable error; the run goes on).
        self.unwritable = 0
        #: Something of the current unit failed or was reported (it is not journaled).
        self.unit_failed = False
        #: The run's progress bar (erased before a message is printed).
        self.progress: Any = None

    def summary(self, where: str | None) -> str:
        """One line: how many cables were converted, where to, and what failed."""
        noun = "cable" if self.converted == 1 else "cables"
        parts = [f"converted {self.converted} {noun} to {self.fmt}"
                 + (f" ({where})" if where else "")]
        for count, word in ((self.unreadable, "unreadable or not a cable"),
                            (self.invalid, "failed --check"), (self.crashed, "internal errors")):
            if count:
                parts.append(f"{count} {word}")
        return "; ".join(parts)

    def collect(self, results: Iterable[Converted]) -> Iterator[Converted]:
        """Report failures and schema errors on stderr; yield what can be written."""
        for item in results:
            if self.progress is not None:
                self.progress.clear()
            if item.failure is not None:
                _error(f"{item.label}: {item.failure}")
                if item.unreadable:
                    self.unreadable += 1
                else:
                    self.crashed += 1
                self.unit_failed = True
                continue
            for error in item.errors:
                _error(f"{item.label}: {self.fmt} schema: {error}")
            self.invalid += bool(item.errors)
            self.unit_failed |= bool(item.errors)
            self.converted += 1
            yield item

    def render(self, item: Converted, *, header: bool = True) -> str | bytes:
        """The document of one converted cable (CSV rows get the header row once)."""
        if item.row is not None:
            from cableformat import convert

            return convert.to_csv([item.row], header=header, excel=self.excel,
                                  with_text=self.with_text)
        assert item.document is not None
        return item.document


def _to_stream(items: Iterator[Converted], output: str | None, state: _State) -> None:
    """Everything to one stream: one document, or JSON Lines / one CSV for several."""
    from cableformat.cli.common import UsageError, output_stream

    first = next(items, None)
    if first is None:
        return
    second = next(items, None)
    if second is not None and state.fmt not in _STREAMABLE:
        raise UsageError(f"several cables cannot go to one {state.fmt} document: "
                         "use --output-dir")
    if second is not None and state.indented:
        raise UsageError("indented JSON cannot be JSON Lines: use --output-dir for several "
                         "cables")
    with output_stream(output, binary=state.fmt == "text") as stream:
        out = state.progress.clearing(stream) if state.progress is not None else stream
        for n, item in enumerate(_chain(first, second, items)):
            doc = state.render(item, header=n == 0)
            out.write(doc if isinstance(doc, bytes) else _line(doc))


class _Finished:
    """What a run into ``--output-dir`` finished: the journal, and the units to skip.

    The directory is locked for the run (a second run into it exits with status 2).  Every
    unit whose cables were all written is recorded in the directory's
    :class:`~cableformat.outputs.Journal`, with its input's size and modification time.
    With ``resume`` a unit the journal records, whose input is unchanged and whose outputs
    all exist, is skipped before it is read; any other unit is converted again into the
    names it claimed before (changed outputs are replaced), and never into a name another
    input's output or a foreign file holds.
    """

    def __init__(self, directory: Path, resume: bool) -> None:
        from cableformat.cli.common import UsageError
        from cableformat.outputs import DirectoryLock, Journal, remove_stale_temporaries

        try:
            directory.mkdir(parents=True, exist_ok=True)
            self.lock = DirectoryLock(directory)
            self.lock.acquire()
        except OSError as exc:
            raise UsageError(f"cannot use {directory}: {exc.strerror or exc}") from None
        self.directory = directory
        self.resume = resume
        self.journal = Journal(directory)
        try:
            self._done = self.journal.load() if resume else {}
            if resume:  # temporaries of a run killed outright (its cleanup never ran)
                remove_stale_temporaries(directory, recursive=False)
            #: Lower-cased names taken: existing files, then every name given in this run.
            self.used: set[str] = {p.name.lower() for p in directory.iterdir()}
        except OSError as exc:
            self.close()
            raise UsageError(f"cannot use {self.journal.path}: {exc.strerror or exc}"
                             ) from None
        self.skipped = 0
        self.changed = 0
        self._ordinals: dict[str, int] = {}
        self._pending: deque[tuple[str, str] | None] = deque()  # (key, sig) of units sent
        self._written: list[str] = []
        self._claimed: set[str] = set()

    def skip(self, unit: Unit) -> bool:
        """Whether ``unit`` was finished by an earlier run (called for every unit, in order)."""
        from cableformat.outputs import input_signature, is_finished, unit_key

        entry = None
        if unit.path != "-":
            ordinal = self._ordinals.get(unit.path, 0)
            self._ordinals[unit.path] = ordinal + 1
            entry = (unit_key(unit.path, ordinal), input_signature(unit.path, unit.size))
        done = self._done.get(entry[0]) if entry is not None else None
        if done is not None and entry is not None:
            sig, names = done
            if sig == entry[1] and names and all(is_finished(self.directory / n) for n in names):
                self.skipped += 1
                return True
            self.changed += sig != entry[1]
        self._pending.append(entry)
        return False

    def reusable(self) -> set[str]:
        """Lower-cased names the current unit claimed in an earlier run (it may replace them)."""
        entry = self._pending[0] if self._pending else None
        if entry is None:
            return set()
        return {n.lower() for n in self.journal.claims.get(entry[0], ())} - self._claimed

    def claim(self, name: str) -> None:
        """The current unit is about to write ``name``: journal the claim first."""
        entry = self._pending[0] if self._pending else None
        self._claimed.add(name.lower())
        if entry is not None and name not in self.journal.claims.get(entry[0], ()):
            self.journal.claim(entry[0], name)

    def wrote(self, name: str) -> None:
        """Output ``name`` of the current unit is in place."""
        self._written.append(name)

    def unit_done(self, state: _State) -> None:
        """The current unit's cables are all written or reported: journal it if all went."""
        entry = self._pending.popleft() if self._pending else None
        if entry is not None and self._written and not state.unit_failed:
            self.journal.record(entry[0], entry[1], self._written)
        self._written = []
        state.unit_failed = False

    def close(self) -> None:
        """Close the journal and release the directory."""
        self.journal.close()
        self.lock.release()


def _to_dir(items: Iterator[Converted], finished: _Finished, state: _State) -> None:
    """One file per cable in the output directory, named by reference ID; collisions numbered.

    Files are written atomically (temporary file + rename).  Names follow the input order
    and never take an existing file's name, except one the same input unit claimed in an
    earlier run (``--resume`` replaces it).  A file that cannot be written is an error for
    that cable; the run goes on.
    """
    from cableformat.outputs import safe_stem, write_bytes_atomic, write_text_atomic
    from cableformat.writers import WRITERS

    used = finished.used
    extension = WRITERS[state.fmt].extension
    for item in items:
        stem = safe_stem(_UNSAFE.sub("_", item.stem).strip("._") or "cable")
        reusable = finished.reusable()
        name, k = stem + extension, 1
        while name.lower() in used and name.lower() not in reusable:
            k += 1
            name = f"{stem}-{k}{extension}"
        used.add(name.lower())
        target = finished.directory / name
        doc = state.render(item)
        try:
            finished.claim(name)
            if isinstance(doc, bytes):
                write_bytes_atomic(target, doc)
            else:
                write_text_atomic(target, _line(doc))
        except OSError as exc:
            _error(f"{item.label}: cannot write {name}: {exc.strerror or exc}")
            state.unwritable += 1
            state.unit_failed = True
            continue
        finished.wrote(name)


def _chain(first: Converted, second: Converted | None,
           rest: Iterator[Converted]) -> Iterator[Converted]:
    yield first
    if second is not None:
        yield second
        yield from rest


def _line(doc: str) -> str:
    return doc if doc.endswith("\n") else doc + "\n"


def _error(message: str) -> None:
    """One line on stderr; control characters (a file name's terminal escapes) escaped."""
    from cableformat.writers.report.common import terminal_safe

    print(f"cableformat: {terminal_safe(message)}", file=sys.stderr)


