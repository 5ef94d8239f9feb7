"""The ``cableformat`` command line: ``validate``, ``rules``, ``explain``, ``convert``...

Each subcommand is a pair of functions: ``add_<name>(subparsers)`` declares its options and
sets ``handler``; ``run_<name>(args) -> int`` does the work.  To add one, write the pair and
list the ``add_`` function in :data:`SUBCOMMANDS`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from cableformat.cli import convert as cli_convert
from cableformat.cli import grammar as cli_grammar
from cableformat.cli import report as cli_report
from cableformat.cli import shard as cli_shard
from cableformat.cli import tables as cli_tables
from cableformat.config import (
    COLOR_MODES,
    ConfigError,
    Settings,
    add_config_options,
    config_options,
    load_settings,
)

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
    from cableformat.diagnostics import CableResult
    from cableformat.progress import RunProgress
    from cableformat.rules import Context, Rule

Subparsers = argparse._SubParsersAction  # the object add_parser() is called on


class UsageError(Exception):
    """A wrong command line or setting found after parsing (exit status 2)."""


def add_validate(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """``validate PATH...``: check cables against the rules and report diagnostics."""
    from cableformat.writers.report import REPORTERS

    p = sub.add_parser(
        "validate",
        help="check cables and report diagnostics",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories ('-' = stdin)")
    p.add_argument("--format", choices=list(REPORTERS),
                   help="report format (default: text; concise = one line per diagnostic)")
    p.add_argument("--select", metavar="CODES", action="append",
                   help="only these rules: comma-separated codes or prefixes (B006, B, D00); "
                   "may be repeated, the lists add up")
    p.add_argument("--extend-select", metavar="CODES", action="append",
                   help="add rules to --select (or to the settings file's select)")
    p.add_argument("--ignore", metavar="CODES", action="append",
                   help="leave out these rules: comma-separated codes or prefixes")
    p.add_argument(
        "--min-severity",
        choices=("error", "warning", "info"),
        default=None,
        help="the least severe finding shown (default: warning; info shows every note)",
    )
    p.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="warnings fail the run too, and a missing TAGS or SUBJECT line (B006, B008) "
        "in a cable from 2003 on becomes an error",
    )
    p.add_argument("--exit-zero", action="store_true",
                   help="exit 0 even when errors are found (unreadable inputs still exit 2)")
    p.add_argument(
        "--statistics",
        action="store_true",
        default=None,
        help="print a count per rule instead of the diagnostics",
    )
    p.add_argument("--baseline", metavar="FILE",
                   help="leave out the diagnostics recorded in FILE (see --write-baseline)")
    p.add_argument("--write-baseline", metavar="FILE",
                   help="record every diagnostic of this run in FILE, for --baseline")
    p.add_argument("--input-format", metavar="NAME", help="force a reader (default: guess)")
    add_walk_options(p)
    _add_color(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    add_run_options(p)
    p.set_defaults(handler=run_validate)


def add_walk_options(p: argparse.ArgumentParser) -> None:
    """``--exclude`` and ``--extend-exclude``: what a directory walk skips."""
    p.add_argument("--exclude", metavar="GLOBS", action="append",
                   help="glob patterns a directory walk skips, replacing the defaults "
                   "(README*, LICENSE*, CHANGELOG*, *.tei.xml)")
    p.add_argument("--extend-exclude", metavar="GLOBS", action="append",
                   help="glob patterns skipped in addition to the defaults")


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


def add_rules(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """``rules``: list every rule."""
    p = sub.add_parser("rules", help="list every rule")
    p.add_argument("--format", choices=["text", "json"], default="text")
    _add_color(p)
    p.set_defaults(handler=run_rules_list)


def add_explain(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """``explain CODE``: document one rule."""
    p = sub.add_parser(
        "explain",
        help="explain a rule (code or name) or a term of the cable format (DE, MRN...)",
        description="Explain a rule, by code (B006), name (tags-missing) or group letter "
        "(B), or a term of the cable format, by abbreviation (DE, MRN, FL4, PLA, SIPDIS...).",
    )
    p.add_argument("code", metavar="CODE_OR_TERM",
                   help="a rule code (B006), rule name (tags-missing), group letter (B) or "
                   "term (DE, DTG, MRN, FL4, PLA...)")
    p.set_defaults(handler=run_explain)


#: Functions that each add one subcommand to the top-level parser, in help order.
SUBCOMMANDS: list[Callable[[Subparsers[argparse.ArgumentParser]], None]] = [
    add_validate,
    add_rules,
    add_explain,
    cli_grammar.add_grammar,
    cli_report.add_report,
    cli_shard.add_shard,
    cli_convert.add_convert,
    cli_tables.add_tags,
    cli_tables.add_ri,
    cli_tables.add_posts,
]


def _add_color(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--color",
        choices=COLOR_MODES,
        default=None,
        help="colour output (default: auto = on a terminal unless NO_COLOR is set; "
        "FORCE_COLOR=1 turns it on in a pipe)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every subcommand."""
    from cableformat import __version__

    parser = argparse.ArgumentParser(
        prog="cableformat",
        description="Parse, validate and convert US diplomatic cables.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (never raises, never a traceback)."""
    from cableformat import runtime

    restore = runtime.prepare()  # SIGTERM like Ctrl-C; closed standard streams
    try:
        parser = build_parser()
        argv = list(sys.argv[1:] if argv is None else argv)
        if _unknown_command(parser, argv):
            return 2
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version and usage errors
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        if getattr(args, "handler", None) is None:
            parser.print_help(sys.stderr)
            return 2
        return int(args.handler(args))
    except (UsageError, ConfigError) as exc:
        _error(f"error: {exc}")
        return 2
    except runtime.Terminated:
        _error("terminated")
        return 143
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # the environment: a full disk, a closed output
        runtime.silence_stdout()
        _error(f"error: {runtime.environment_error(exc)}")
        return 2
    except Exception as exc:
        if os.environ.get("CABLEFORMAT_DEBUG"):
            import traceback

            traceback.print_exc()
        message = " ".join(str(exc).split())[:300]
        _error(f"internal error: {type(exc).__name__}: {message} (please report this bug)")
        return 3
    finally:
        restore()


def _error(message: str) -> None:
    with contextlib.suppress(OSError):  # standard error closed too: nothing to say it on
        print(f"cableformat: {message}", file=sys.stderr)


def _unknown_command(parser: argparse.ArgumentParser, argv: list[str]) -> bool:
    """Report a mistyped command with the nearest real ones ("did you mean"); True if so."""
    import difflib

    first = next((a for a in argv if not a.startswith("-")), None)
    if first is None or argv.index(first) != 0:
        return False
    commands = [name for action in parser._subparsers._group_actions  # type: ignore[union-attr]
                for name in getattr(action, "choices", None) or {}]
    if first in commands:
        return False
    close = difflib.get_close_matches(first, commands, n=2, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    parser.print_usage(sys.stderr)
    _error(f"error: unknown command {first!r}{hint} (commands: {', '.join(commands)})")
    return True


def run_validate(args: argparse.Namespace) -> int:
    """Check every input and write the report; return the exit status listed in EPILOG."""
    from cableformat import readers
    from cableformat.rules import Context, select_rules
    from cableformat.writers.report import REPORTERS, ReportOptions, summarize
    from cableformat.writers.report.options import use_color_env
    from cableformat.writers.report.statistics import STATISTICS_FORMATS, write_statistics
    from cableformat.writers.report.text import summary_line

    settings = load_settings(
        select=args.select,
        extend_select=getattr(args, "extend_select", None),
        ignore=args.ignore,
        strict=args.strict,
        output_format=args.format,
        statistics=args.statistics,
        input_format=args.input_format,
        color=args.color,
        min_severity=getattr(args, "min_severity", None),
        exclude=getattr(args, "exclude", None),
        extend_exclude=getattr(args, "extend_exclude", None),
        **config_options(args),
    )
    _check_settings(settings)
    if settings.statistics and settings.output_format not in STATISTICS_FORMATS:
        raise UsageError(f"--statistics works with --format {' or '.join(STATISTICS_FORMATS)}")
    rules = select_rules(settings.selected, settings.ignore)
    ctx = Context(strict=settings.strict)
    baseline = _baseline_filter(getattr(args, "baseline", None))
    recorder = _baseline_writer(getattr(args, "write_baseline", None))
    shown = _SeverityFilter(settings.min_severity)
    human = settings.output_format in ("text", "concise")
    walk = getattr(readers, "walk_exclusions", None)
    exclusions = (walk(settings.exclude, settings.extend_exclude) if walk is not None
                  else contextlib.nullcontext())
    with exclusions, _progress(args) as progress, _output(args.output) as stream:
        out = progress.clearing(stream)
        color = use_color_env(settings.color, stream)
        notes = _Notes(settings, shown, baseline)
        options = ReportOptions(strict=settings.strict, color=color, width=_width(stream),
                                notes=notes if human else None,
                                show_infos=settings.min_severity == "info")
        crashes = _Crashes()
        results = crashes.watch(progress.watch(check_inputs(
            args.paths, rules, ctx, settings.input_format,
            jobs=_jobs(args), scheduler=args.scheduler, on_unit=progress.advance_bytes,
            excerpts=(settings.output_format == "text" and not settings.statistics)
            or baseline is not None or recorder is not None,
        )))
        if recorder is not None:
            results = recorder.watch(results)
        if baseline is not None:
            results = baseline.watch(results)
        results = shown.watch(results)
        if settings.statistics:
            summary = summarize(results)
            write_statistics(summary, out, fmt=settings.output_format, color=color)
            if settings.output_format == "text":
                from cableformat.writers.report.styled import StyledWriter

                StyledWriter(out, color).lines([summary_line(
                    summary, notes(), infos=settings.min_severity == "info")])
        else:
            summary = REPORTERS[settings.output_format](results, out, options)
    if recorder is not None:
        try:
            recorder.write(args.write_baseline)
        except OSError as exc:
            raise UsageError(f"cannot write {args.write_baseline}: {exc.strerror or exc}"
                             ) from None
    if crashes.first is not None:
        _error(f"{crashes.first} ({crashes.count} of {summary.cables} cables; reported as X999;"
               " please report this bug)")
        return 3
    if summary.unreadable:
        return 2
    if getattr(args, "exit_zero", False):
        return 0
    return 1 if summary.failed(settings.strict) else 0


class _SeverityFilter:
    """Drops diagnostics less severe than ``--min-severity``; counts them by severity."""

    def __init__(self, min_severity: str) -> None:
        from cableformat.diagnostics import Severity

        self.rank = Severity(min_severity).rank
        self.hidden: dict[str, int] = {}

    def watch(self, results: Iterable[CableResult]) -> Iterator[CableResult]:
        """Yield ``results`` keeping only the diagnostics shown."""
        from cableformat.diagnostics import Severity

        for result in results:
            if self.rank > 0:
                kept = []
                for diag in result.diagnostics:
                    severity = Severity(diag.severity)
                    if severity.rank >= self.rank:
                        kept.append(diag)
                    else:
                        self.hidden[severity.value] = self.hidden.get(severity.value, 0) + 1
                result.diagnostics = kept
            yield result


class _Notes:
    """The notes of the summary line: what was not shown, and why; what --strict did."""

    def __init__(self, settings: Settings, shown: _SeverityFilter, baseline: object) -> None:
        self.settings = settings
        self.shown = shown
        self.baseline = baseline

    def __call__(self) -> list[str]:
        notes = []
        for severity, option in (("warning", "warning"), ("info", "info")):
            n = self.shown.hidden.get(severity, 0)
            if n:
                word = "info" if severity == "info" else "warning"
                notes.append(f"{n} {word}{'' if n == 1 else 's'} not shown "
                             f"(--min-severity {option} shows them)")
        matched = getattr(self.baseline, "matched", 0)
        if matched:
            notes.append(f"{matched} known from the baseline not shown")
        if self.settings.strict:
            notes.append(STRICT_NOTE)
        return notes


def _baseline_filter(path: str | None):  # type: ignore[no-untyped-def]
    """``--baseline FILE`` as a filter (None without it); a bad file is a usage error."""
    if not path:
        return None
    from cableformat.baseline import BaselineError, BaselineFilter

    try:
        return BaselineFilter(path)
    except BaselineError as exc:
        raise UsageError(str(exc)) from None


def _baseline_writer(path: str | None):  # type: ignore[no-untyped-def]
    """``--write-baseline FILE``: the recorder (None without it)."""
    if not path:
        return None
    from cableformat.baseline import BaselineWriter

    return BaselineWriter()


def _width(stream: TextIO) -> int:
    """Cells for an excerpt line: the terminal's width, or 160 off a terminal."""
    import shutil

    try:
        if stream.isatty():
            return max(40, shutil.get_terminal_size((160, 24)).columns)
    except (AttributeError, OSError, ValueError):
        pass
    return 160


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
            task, paths, input_format=input_format, jobs=jobs, scheduler=scheduler,
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
def _output(path: str | None) -> Iterator[TextIO]:
    """``path`` opened for writing (UTF-8), or standard output."""
    if path is None or path == "-":
        stream = sys.stdout
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(errors="backslashreplace")
        yield stream
        stream.flush()
        return
    from cableformat.outputs import atomic_write

    parent = os.path.dirname(os.path.abspath(path))
    try:
        if not os.path.isdir(parent):
            raise FileNotFoundError(2, "No such file or directory")
        writer = atomic_write(path)  # complete or absent, even after Ctrl-C
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


def run_rules_list(args: argparse.Namespace) -> int:
    """Print the rule table (or JSON), then what the code letters stand for."""
    from cableformat.rules import RULES
    from cableformat.writers.report.catalog import write_prefix_legend, write_rule_list
    from cableformat.writers.report.options import use_color_env

    color = use_color_env(args.color or "auto", sys.stdout) and args.format == "text"
    write_rule_list([RULES[c] for c in sorted(RULES)], sys.stdout, fmt=args.format, color=color)
    if args.format == "text":
        write_prefix_legend(sys.stdout)
    return 0


def run_explain(args: argparse.Namespace) -> int:
    """Print a rule's (or a group's, or a term's) documentation; unknown is a usage error."""
    from cableformat.api import explain

    try:
        text = explain(args.code)
    except KeyError:
        import difflib

        from cableformat.rules import RULES

        wanted = args.code.strip()
        names = [*RULES, *(r.name for r in RULES.values())]
        close = difflib.get_close_matches(wanted if "-" in wanted else wanted.upper(), names, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UsageError(f"unknown rule or term {args.code!r}{hint} (see 'cableformat rules'; "
                         "terms: 'cableformat explain terms')") from None
    sys.stdout.write(text)
    return 0
