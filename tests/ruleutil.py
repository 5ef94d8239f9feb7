"""Helpers for rule tests: parse a snippet, run one rule, get (line, column, code) back."""

from __future__ import annotations

import textwrap

import cableformat
from cableformat.rules import run_rules, select_rules
from cableformat.source import LineIndex


def cable_text(snippet: str) -> str:
    """Dedent a triple-quoted snippet and drop its first newline."""
    return textwrap.dedent(snippet).lstrip("\n")


def diagnose(snippet: str, code: str) -> list[tuple[int, int, str]]:
    """Run the rules whose code starts with ``code`` on ``snippet``; (line, col, code) each."""
    text = cable_text(snippet)
    cable = cableformat.parse(text)
    index = LineIndex(text)
    found = run_rules(cable, select_rules([code]))
    return [(*index.locate(d.start), d.code) for d in found]


def messages(snippet: str, code: str) -> list[str]:
    """The messages of the diagnostics of rule ``code`` on ``snippet``."""
    cable = cableformat.parse(cable_text(snippet))
    return [d.message for d in run_rules(cable, select_rules([code]))]
