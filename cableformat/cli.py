"""The ``cableformat`` command line: ``validate``, ``rules``, ``explain`` (more to come).

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
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from cableformat.config import COLOR_MODES, ConfigError, Settings, load_settings

EPILOG = """\
exit codes:
  0  no errors (warnings allowed unless --strict)
  1  at least one error, or a warning under --strict
  2  an input could not be read, or the command line or settings are wrong
  3  internal error (a bug in cableformat; set CABLEFORMAT_DEBUG=1 for a traceback)

settings are read from [tool.cableformat] in the nearest pyproject.toml (keys: select,
ignore, strict, format); command-line options override them."""

if TYPE_CHECKING:
    from cableformat.diagnostics import CableResult
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
    p.add_argument("--format", choices=list(REPORTERS), help="report format (default: text)")
    p.add_argument("--select", metavar="CODES", help="comma-separated rule codes or prefixes")
    p.add_argument("--ignore", metavar="CODES", help="comma-separated rule codes or prefixes")
    p.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="warnings fail the run too",
    )
    p.add_argument(
        "--statistics",
        action="store_true",
        default=None,
        help="print a count per rule instead of the diagnostics",
    )
    p.add_argument("--input-format", metavar="NAME", help="force a reader (default: guess)")
    _add_color(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    p.set_defaults(handler=run_validate)


def add_rules(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """``rules``: list every rule."""
    p = sub.add_parser("rules", help="list every rule")
    p.add_argument("--format", choices=["text", "json"], default="text")
    _add_color(p)
    p.set_defaults(handler=run_rules_list)


def add_explain(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """``explain CODE``: document one rule."""
    p = sub.add_parser("explain", help="explain one rule, with examples")
    p.add_argument("code", metavar="CODE", help="a rule code such as E101")
    p.set_defaults(handler=run_explain)


#: Functions that each add one subcommand to the top-level parser, in help order.
SUBCOMMANDS: list[Callable[[Subparsers[argparse.ArgumentParser]], None]] = [
    add_validate,
    add_rules,
    add_explain,
]


def _add_color(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--color",
        choices=COLOR_MODES,
        default=None,
        help="colour output (default: auto = on a terminal unless NO_COLOR is set)",
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
    try:
        parser = build_parser()
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
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:
        if os.environ.get("CABLEFORMAT_DEBUG"):
            import traceback

            traceback.print_exc()
        message = " ".join(str(exc).split())[:300]
        _error(f"internal error: {type(exc).__name__}: {message} (please report this bug)")
        return 3


def _error(message: str) -> None:
    print(f"cableformat: {message}", file=sys.stderr)


def run_validate(args: argparse.Namespace) -> int:
    """Check every input and write the report; return the exit status listed in EPILOG."""
    from cableformat.rules import Context, select_rules
    from cableformat.writers.report import REPORTERS, ReportOptions, summarize
    from cableformat.writers.report.options import use_color
    from cableformat.writers.report.statistics import STATISTICS_FORMATS, write_statistics
    from cableformat.writers.report.text import summary_line

    settings = load_settings(
        select=args.select,
        ignore=args.ignore,
        strict=args.strict,
        output_format=args.format,
        statistics=args.statistics,
        input_format=args.input_format,
        color=args.color,
    )
    _check_settings(settings)
    if settings.statistics and settings.output_format not in STATISTICS_FORMATS:
        raise UsageError(f"--statistics works with --format {' or '.join(STATISTICS_FORMATS)}")
    rules = select_rules(settings.select, settings.ignore)
    ctx = Context(strict=settings.strict)
    with _output(args.output) as out:
        color = use_color(settings.color, out)
        options = ReportOptions(strict=settings.strict, color=color)
        results = check_inputs(args.paths, rules, ctx, settings.input_format)
        if settings.statistics:
            summary = summarize(results)
            write_statistics(summary, out, fmt=settings.output_format, color=color)
            if settings.output_format == "text":
                from cableformat.writers.report.styled import StyledWriter

                StyledWriter(out, color).lines([summary_line(summary)])
        else:
            summary = REPORTERS[settings.output_format](results, out, options)
    if summary.unreadable:
        return 2
    return 1 if summary.failed(settings.strict) else 0


def check_inputs(
    paths: Sequence[str], rules: list[Rule], ctx: Context, input_format: str | None
) -> Iterator[CableResult]:
    """Read, parse and check every input lazily, one :class:`CableResult` at a time."""
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
        cable = parse_source(item)
        diagnostics = run_rules(cable, rules, ctx)
        yield CableResult(path=name, source=item, cable=cable, diagnostics=diagnostics)


def _check_settings(settings: Settings) -> None:
    """Selectors must match a rule; the input format must be a reader's."""
    from cableformat.rules import RULES

    for option, selectors in (("select", settings.select), ("ignore", settings.ignore)):
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
    try:
        handle = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    with handle:
        yield handle


def run_rules_list(args: argparse.Namespace) -> int:
    """Print the rule table (or JSON)."""
    from cableformat.rules import RULES
    from cableformat.writers.report.catalog import write_rule_list
    from cableformat.writers.report.options import use_color

    color = use_color(args.color or "auto", sys.stdout) and args.format == "text"
    write_rule_list([RULES[c] for c in sorted(RULES)], sys.stdout, fmt=args.format, color=color)
    return 0


def run_explain(args: argparse.Namespace) -> int:
    """Print one rule's documentation; an unknown code is a usage error."""
    from cableformat.rules import RULES
    from cableformat.writers.report.catalog import explain_text

    code = args.code.strip().upper()
    rule = RULES.get(code)
    if rule is None:
        raise UsageError(f"unknown rule code {args.code!r} (see 'cableformat rules')")
    sys.stdout.write(explain_text(rule))
    return 0
