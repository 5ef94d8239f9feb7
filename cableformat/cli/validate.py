"""``cableformat validate PATH...``: check cables and report their diagnostics."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from cableformat.cli.common import (
    EPILOG,
    STRICT_NOTE,
    Subparsers,
    UsageError,
    _add_color,
    _check_settings,
    _Crashes,
    _error,
    _jobs,
    _progress,
    add_run_options,
    add_walk_options,
    check_inputs,
    output_stream,
)
from cableformat.config import Settings, config_options, load_settings

if TYPE_CHECKING:
    from cableformat.diagnostics import CableResult


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
    exclusions = (walk(settings.exclude, settings.extend_exclude,
                        follow_links=getattr(args, "follow_links", False)) if walk is not None
                  else contextlib.nullcontext())
    with exclusions, _progress(args) as progress, output_stream(args.output) as stream:
        out = progress.clearing(stream)
        color = use_color_env(settings.color, stream)
        notes = _Notes(settings, shown, baseline)
        options = ReportOptions(strict=settings.strict, color=color, width=_width(stream),
                                notes=notes if human else None,
                                not_shown=lambda: dict(shown.hidden),
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
