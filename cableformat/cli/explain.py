"""``cableformat explain CODE_OR_TERM``: document a rule, a group of rules or a term."""

from __future__ import annotations

import argparse
import sys

from cableformat.cli.common import Subparsers, UsageError


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
