"""What the ``cableformat`` commands share: options, settings checks, the check loop.

Imports none of its sibling command modules (they import it), so every command module can
be imported on its own.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from cableformat.config import (
    COLOR_MODES,
    Settings,
    add_config_options,
    config_options,
    load_settings,
)

__all__ = [
    "EPILOG",
    "STRICT_NOTE",
    "Subparsers",
    "UsageError",
    "add_run_options",
    "add_walk_options",
    "check_inputs",
    "cluster_runner",
    "config_options",
    "load_settings",
]

EPILOG = """\
exit codes:
  0  no errors (warnings allowed unless --strict), or --exit-zero
  1  at least one error, or a warning under --strict
  2  an input could not be read, or the command line or settings are wrong
  3  internal error (a bug in cableformat; set CABLEFORMAT_DEBUG=1 for a traceback)

what is shown: errors and warnings; infos (notes such as a redaction mark) only with
--min-severity info; the summary line says how many were not shown.  A directory is walked
for cable files only (.txt .text .htm .html .csv .json .jsonl .ndjson .xml, and files
without an extension whose start looks like a cable or an export), skipping hidden entries
and README*, LICENSE*, CHANGELOG*, *.tei.xml (change with --exclude, --extend-exclude).
Rule codes start with a letter naming their group: see 'cableformat rules'.

settings are read from [tool.cableformat] of the project's pyproject.toml (the nearest one,
not above a .git; keys: select, extend-select, ignore, strict, format, min-severity, exclude,
extend-exclude), or of --config FILE, or none with --isolated; command-line options override
them."""


#: What --strict changes, for --help and the summary line.
STRICT_NOTE = ("--strict: warnings fail the run, and a missing TAGS or SUBJECT line "
               "(B006, B008) in a cable from 2003 on is an error")


if TYPE_CHECKING:
    from cableformat.batch import BatchRunner
    from cableformat.diagnostics import CableResult
    from cableformat.progress import RunProgress
    from cableformat.rules import Context, Rule

Subparsers = argparse._SubParsersAction  # the object add_parser() is called on


class UsageError(Exception):
    """A wrong command line or setting found after parsing (exit status 2)."""


def add_walk_options(p: argparse.ArgumentParser) -> None:
    """``--exclude`` and ``--extend-exclude``: what a directory walk skips."""
    p.add_argument("--exclude", metavar="GLOBS", action="append",
                   help="glob patterns a directory walk skips, replacing the defaults "
                   "(README*, LICENSE*, CHANGELOG*, *.tei.xml)")
    p.add_argument("--extend-exclude", metavar="GLOBS", action="append",
                   help="glob patterns skipped in addition to the defaults")
    p.add_argument("--follow-links", action="store_true",
                   help="follow symbolic links to directories outside the walked tree "
                   "(skipped by default: a link to / would walk /proc)")


def add_run_options(p: argparse.ArgumentParser) -> None:
    """``--jobs``, ``--quiet`` and ``--scheduler``: how a corpus run is executed."""
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: the number of cores; 1 = no workers)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    add_config_options(p)
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the batches on a Dask cluster (tcp://host:8786; needs cableformat[dask])",
    )


def _add_color(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--color",
        choices=COLOR_MODES,
        default=None,
        help="colour output (default: auto = on a terminal unless NO_COLOR is set; "
        "FORCE_COLOR=1 turns it on in a pipe)",
    )


def _error(message: str) -> None:
    with contextlib.suppress(OSError):  # standard error closed too: nothing to say it on
        print(f"cableformat: {message}", file=sys.stderr)


def check_inputs(
    paths: Sequence[str],
    rules: list[Rule],
    ctx: Context,
    input_format: str | None,
    *,
    jobs: int | None = 1,
    scheduler: str | None = None,
    on_unit: Callable[[int], None] | None = None,
    excerpts: bool = True,
) -> Iterator[CableResult]:
    """Read, parse and check every input lazily, one :class:`CableResult` at a time.

    With ``jobs`` other than 1 (``None`` = the cores) or a Dask ``scheduler`` the work runs
    in batches on worker processes (:mod:`cableformat.batch`); results keep the input order
    and are compact (located diagnostics, no cable).  ``on_unit(bytes)`` reports progress.
    """
    if jobs != 1 or scheduler is not None or on_unit is not None:
        from cableformat.batch import CheckTask, map_cables

        codes = tuple(r.code for r in rules)
        task = CheckTask(select=codes or ("-",), strict=ctx.strict, excerpts=excerpts)
        yield from map_cables(
            task, paths, input_format=input_format, jobs=jobs, runner=cluster_runner(scheduler),
            on_unit=(lambda unit: on_unit(unit.size)) if on_unit is not None else None,
        )
        return
    from cableformat.diagnostics import CableResult
    from cableformat.parser import parse_source
    from cableformat.readers import iter_inputs
    from cableformat.rules import run_rules
    from cableformat.source import ReadError
    from cableformat.writers.report import unreadable_result

    for name, item in iter_inputs(list(paths), input_format=input_format):
        if isinstance(item, ReadError):
            yield unreadable_result(name, item)
            continue
        cable = parse_source(item, blocks=False)  # the rules never read the text blocks
        diagnostics = run_rules(cable, rules, ctx)
        yield CableResult(path=name, source=item, cable=cable, diagnostics=diagnostics)


def cluster_runner(scheduler: str | None) -> BatchRunner | None:
    """The runner that sends the batch engine's batches to the Dask cluster at ``scheduler``.

    ``None`` without a scheduler (the engine then uses local worker processes).  Dask is
    imported only here, so the engine itself never imports :mod:`cableformat.dask`.
    """
    if scheduler is None:
        return None
    import functools

    from cableformat.dask import run_batches_on_cluster

    return functools.partial(run_batches_on_cluster, scheduler)


class _Crashes:
    """Counts the cables that could not be checked at all (a task raised, a worker died)."""

    def __init__(self) -> None:
        self.first: str | None = None
        self.count = 0

    def watch(self, results: Iterable[CableResult]) -> Iterator[CableResult]:
        """Yield ``results`` unchanged, noting internal errors."""
        for result in results:
            message = getattr(result, "internal_error", None)
            if message:
                self.count += 1
                self.first = self.first or " ".join(message.split())[:300]
            yield result


def _jobs(args: argparse.Namespace) -> int | None:
    """``--jobs``: ``None`` (the cores) when absent; at least 1.  ``--scheduler`` needs Dask."""
    if getattr(args, "scheduler", None):
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            raise UsageError("--scheduler needs Dask: pip install 'cableformat[dask]'")
    jobs = getattr(args, "jobs", None)
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs must be at least 1")
    return jobs


def _progress(args: argparse.Namespace) -> RunProgress:
    """The progress bar of a corpus run (inert unless stderr is a terminal, or --quiet)."""
    from cableformat.progress import RunProgress, progress_enabled, total_bytes

    enabled = progress_enabled(bool(getattr(args, "quiet", False)))
    return RunProgress(enabled, total_bytes(args.paths) if enabled else None)


def _check_settings(settings: Settings) -> None:
    """Selectors must match a rule; the input format must be a reader's."""
    from cableformat.rules import RULES

    for option, selectors in (("select", settings.select), ("ignore", settings.ignore),
                              ("extend-select", getattr(settings, "extend_select", ()))):
        for sel in selectors:
            if not any(code.startswith(sel) for code in RULES):
                raise UsageError(f"{option}: {sel!r} matches no rule (see 'cableformat rules')")
    if settings.input_format is not None:
        from cableformat import readers

        aliases = readers.FORMAT_ALIASES
        if settings.input_format not in (*readers.FORMATS, *aliases):
            raise UsageError(
                f"--input-format: unknown format {settings.input_format!r} "
                f"(choose from {', '.join(readers.FORMATS)})"
            )


@contextlib.contextmanager
def output_stream(path: str | None, *, binary: bool = False) -> Iterator[IO[Any]]:
    """Standard output (for ``None`` or ``-``), or ``path`` written atomically: complete or
    absent, even after Ctrl-C.  Text that cannot be encoded is escaped (``TEXT_ERRORS``);
    a path that cannot be written is a :class:`UsageError`."""
    from cableformat.outputs import TEXT_ERRORS, atomic_write

    if path is None or path == "-":
        stream: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        if not binary and isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(errors=TEXT_ERRORS)
        yield stream
        stream.flush()
        return
    try:
        if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
            raise FileNotFoundError(2, "No such file or directory")
        writer = atomic_write(path, "wb" if binary else "w")  # type: ignore[call-overload]
        handle = writer.__enter__()
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        yield handle
    except BaseException:
        if not writer.__exit__(*sys.exc_info()):
            raise
    else:
        writer.__exit__(None, None, None)

