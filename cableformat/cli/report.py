"""``cableformat report PATH... --html FILE``: check a corpus and write an HTML report."""

from __future__ import annotations

import argparse
import contextlib
import sys

from cableformat.cli import common
from cableformat.cli.common import Subparsers


def add_report(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """``report PATH... --html FILE``: one self-contained page with charts."""
    p = sub.add_parser(
        "report",
        help="check a corpus and write an HTML report with charts",
        description="Check every cable of PATH... and write one self-contained HTML page: "
        "summary, malformations by rule, by year and by office, and the worst cables. "
        "Exit status 0 once the page is written (whatever the cables' diagnostics).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories ('-' = stdin)")
    p.add_argument("--html", metavar="FILE", required=True, help="write the page to FILE")
    p.add_argument("--title", default=None, help="page title")
    p.add_argument("--select", metavar="CODES", action="append",
                   help="comma-separated rule codes or prefixes (may be repeated)")
    p.add_argument("--ignore", metavar="CODES", action="append",
                   help="comma-separated rule codes or prefixes (may be repeated)")
    p.add_argument("--input-format", metavar="NAME", help="force a reader (default: guess)")
    common.add_walk_options(p)
    common.add_run_options(p)
    p.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    """Check the inputs in batches, aggregate, write the page atomically."""
    from cableformat import readers
    from cableformat.config import config_options, load_settings
    from cableformat.outputs import atomic_write
    from cableformat.rules import Context, select_rules
    from cableformat.writers.report.html import HtmlReport

    settings = load_settings(select=args.select, ignore=args.ignore,
                             input_format=args.input_format,
                             exclude=getattr(args, "exclude", None),
                             extend_exclude=getattr(args, "extend_exclude", None),
                             **config_options(args))
    common._check_settings(settings)
    rules = select_rules(settings.selected, settings.ignore)
    report = HtmlReport(args.title or "cableformat corpus report")
    walk = getattr(readers, "walk_exclusions", None)
    exclusions = (walk(settings.exclude, settings.extend_exclude,
                        follow_links=getattr(args, "follow_links", False)) if walk is not None
                  else contextlib.nullcontext())
    with exclusions, common._progress(args) as progress:
        results = common.check_inputs(
            args.paths, rules, Context(strict=settings.strict), settings.input_format,
            jobs=common._jobs(args), scheduler=args.scheduler, on_unit=progress.advance_bytes,
            excerpts=False,
        )
        for _ in report.watch(progress.watch(results)):
            pass
    try:
        with atomic_write(args.html) as out:
            out.write(report.render())
    except OSError as exc:
        raise common.UsageError(f"cannot write {args.html}: {exc.strerror or exc}") from None
    summary = report.summary()
    if not args.quiet:
        print(f"wrote {args.html}: {summary.cables:,} cables, {summary.errors:,} errors, "
              f"{summary.warnings:,} warnings, {summary.unreadable:,} unreadable",
              file=sys.stderr)
    return 0
