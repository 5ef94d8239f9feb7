"""``cableformat rules``: list every rule."""

from __future__ import annotations

import argparse
import sys

from cableformat.cli.common import Subparsers, _add_color


def add_rules(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """``rules``: list every rule."""
    p = sub.add_parser("rules", help="list every rule")
    p.add_argument("--format", choices=["text", "json"], default="text")
    _add_color(p)
    p.set_defaults(handler=run_rules_list)


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
