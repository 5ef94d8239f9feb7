"""The ``cableformat`` command line: ``validate``, ``rules``, ``explain``, ``convert``...

One module per command in this package (:mod:`~cableformat.cli.validate`,
:mod:`~cableformat.cli.convert` ...); what they share is in :mod:`~cableformat.cli.common`,
which imports none of them.  Each command is a pair of functions: ``add_<name>(subparsers)``
declares its options and sets ``handler``; ``run_<name>(args) -> int`` does the work.  To add
one, write the pair in a new module and list the ``add_`` function in :data:`SUBCOMMANDS`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence

from cableformat.cli import convert as cli_convert
from cableformat.cli import explain as cli_explain
from cableformat.cli import grammar as cli_grammar
from cableformat.cli import report as cli_report
from cableformat.cli import rules as cli_rules
from cableformat.cli import shard as cli_shard
from cableformat.cli import tables as cli_tables
from cableformat.cli import validate as cli_validate
from cableformat.cli.common import EPILOG, Subparsers, UsageError, _error
from cableformat.config import ConfigError

__all__ = ["SUBCOMMANDS", "build_parser", "main"]


#: Functions that each add one subcommand to the top-level parser, in help order.
SUBCOMMANDS: list[Callable[[Subparsers[argparse.ArgumentParser]], None]] = [
    cli_validate.add_validate,
    cli_rules.add_rules,
    cli_explain.add_explain,
    cli_grammar.add_grammar,
    cli_report.add_report,
    cli_shard.add_shard,
    cli_convert.add_convert,
    cli_tables.add_tags,
    cli_tables.add_ri,
    cli_tables.add_posts,
]


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
